//! `quire import`, `list` and `show` as other tools run them: the built
//! binary, its exit code, and the exact JSON shapes of issue 2.

mod common;
use common::{json, keys, ok_json, quire, seeds};

use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

const SUMMARY_KEYS: [&str; 7] = [
    "affiliation",
    "author",
    "duplicate_of",
    "id",
    "kind",
    "title",
    "word_count",
];

fn import_seeds(library: &Path) -> Value {
    let mut args = vec!["import", "--json"];
    let paths = seeds();
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let out = quire(library, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

#[test]
fn import_json_has_exactly_the_contract_keys() {
    let dir = tempfile::tempdir().unwrap();
    let report = import_seeds(dir.path());
    assert_eq!(keys(&report), ["errors", "files", "imported"]);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for file in files {
        assert_eq!(
            keys(file),
            ["documents", "error", "format", "path", "warnings", "work"]
        );
        assert_eq!(
            (&file["format"], &file["work"]),
            (&json!("text"), &Value::Null)
        );
    }
    let imported = report["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 8);
    for doc in imported {
        assert_eq!(keys(doc), SUMMARY_KEYS);
        assert!(doc["kind"] == "essay" || doc["kind"] == "source");
    }
    let essays: Vec<&str> = imported
        .iter()
        .filter(|d| d["kind"] == "essay")
        .map(|d| d["author"].as_str().unwrap())
        .collect();
    assert_eq!(
        essays,
        [
            "Holly Clarke",
            "Omar Mohamed",
            "Charlotte Pitt",
            "Verity Clarke"
        ]
    );
    let verity = imported
        .iter()
        .find(|d| d["author"] == "Verity Clarke")
        .unwrap();
    let blog = imported
        .iter()
        .find(|d| d["title"] == "The Value of Social Work")
        .unwrap();
    assert_eq!(blog["duplicate_of"], verity["id"]);
    assert_eq!(report["errors"], Value::Array(vec![]));
}

#[test]
fn list_and_show_json() {
    let dir = tempfile::tempdir().unwrap();
    import_seeds(dir.path());
    let out = quire(dir.path(), &["list", "--json"]);
    assert!(out.status.success());
    let listing = json(&out);
    assert_eq!(keys(&listing), ["documents"]);
    let docs = listing["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 8);
    for doc in docs {
        assert_eq!(keys(doc), SUMMARY_KEYS);
    }
    let charlotte = docs
        .iter()
        .find(|d| d["author"] == "Charlotte Pitt")
        .unwrap();
    let id = charlotte["id"].to_string();
    let out = quire(dir.path(), &["show", &id, "--json"]);
    assert!(out.status.success());
    let doc = json(&out);
    for key in SUMMARY_KEYS.iter().chain(&[
        "body",
        "references",
        "collection",
        "year",
        "origin",
        "content_hash",
        "duplicates",
    ]) {
        assert!(doc.get(key).is_some(), "show --json lacks {key}");
    }
    assert_eq!(doc["author"], "Charlotte Pitt");
    assert!(doc["body"].as_str().unwrap().contains("## Continuity"));
    assert_eq!(doc["references"].as_array().unwrap().len(), 16);
    assert_eq!(doc["limit_flag"], "over");
}

#[test]
fn readable_output_without_json() {
    let dir = tempfile::tempdir().unwrap();
    import_seeds(dir.path());
    let out = quire(dir.path(), &["list"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Holly Clarke (University of Lincoln)"));
    assert!(text.contains("[copy of #"));
    assert!(text.contains("750–1000 words"));
}

#[test]
fn failures_exit_non_zero_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    assert!(quire(dir.path(), &["--create", "list"]).status.success());
    let out = quire(dir.path(), &["show", "999"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not found: document 999"));

    // A bad file: the JSON report still names it, and the exit code says so.
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"not a zip").unwrap();
    let out = quire(dir.path(), &["import", "--json", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let report = json(&out);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(keys(&errors[0]), ["message", "path"]);
    assert_eq!(errors[0]["path"], bad.to_str().unwrap());
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn library_folder_from_environment() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(args)
            .env("QUIRE_LIBRARY", dir.path())
            .output()
            .unwrap()
    };
    // An empty folder is no library: reading it says so and creates nothing.
    let out = run(&["list", "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no library at"));
    assert!(!dir.path().join("library.sqlite3").exists());
    let out = run(&["--create", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out), serde_json::json!({ "documents": [] }));
    assert!(dir.path().join("library.sqlite3").is_file());
}

/// Issue 13: folders of every format with `--glob`, the per-file report,
/// and one plain line per file on stderr when the output is not a terminal.
#[test]
fn import_reads_folders_by_glob_and_reports_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let ingest = common::root().join("tests/fixtures/ingest");
    let folder = ingest.join("pdf");
    let out = quire(
        dir.path(),
        &[
            "import",
            "--json",
            "--glob",
            "essay-0[12].pdf",
            "--glob",
            "scan.pdf",
            folder.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success(), "the scan is refused");
    let report = json(&out);
    let files = report["files"].as_array().unwrap();
    let names: Vec<&str> = files
        .iter()
        .map(|f| f["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["essay-01.pdf", "essay-02.pdf", "scan.pdf"]);
    assert!(files.iter().all(|f| f["format"] == "pdf"));
    assert!(files[1]["work"].is_i64(), "{}", files[1]);
    assert_eq!(files[2]["warnings"], json!(["no text layer"]));
    assert!(files[2]["error"].as_str().unwrap().contains("OCR"));
    // --json keeps stderr to the one line saying files failed.
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);

    // Without --json, piped: a line per file on stderr.
    let page = ingest.join("html/community_care.html");
    let out = quire(dir.path(), &["import", page.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("[1/1] ") && err.contains("community_care.html: 1 document, work #"),
        "{err}"
    );
    let bad_glob = quire(
        dir.path(),
        &["import", "--glob", "a[", folder.to_str().unwrap()],
    );
    assert!(!bad_glob.status.success());
    assert!(String::from_utf8_lossy(&bad_glob.stderr).contains("bad --glob pattern `a[`"));
}

#[test]
fn zotero_imports_once_and_updates_after() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::root().join("tests/fixtures/ingest/zotero/data");
    let args = [
        "import",
        "--json",
        "--zotero",
        data.to_str().unwrap(),
        "--collections-as",
        "lists",
    ];
    let first = ok_json(&quire(dir.path(), &args));
    assert_eq!(
        keys(&first),
        [
            "cancelled",
            "collections",
            "created",
            "documents",
            "items",
            "kept_edits",
            "matched",
            "skipped",
            "tags",
            "unchanged",
            "updated"
        ]
    );
    assert_eq!(
        (first["items"].as_u64(), first["created"].as_u64()),
        (Some(14), Some(14))
    );
    let again = ok_json(&quire(dir.path(), &args));
    assert_eq!(
        (again["created"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(14))
    );
    let lists = ok_json(&quire(dir.path(), &["lists", "--json"]));
    let names: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Child protection"), "{names:?}");

    let nowhere = quire(
        dir.path(),
        &["import", "--zotero", dir.path().to_str().unwrap()],
    );
    assert!(!nowhere.status.success());
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("zotero.sqlite"));
}
