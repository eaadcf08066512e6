//! Every `--json` command's shape, pinned: the keys of each object it
//! prints, as other tools read them. Read-only commands run on one shared
//! library (the built-in sample, imported once); commands that change the
//! library run on their own. A key added, renamed or dropped fails here,
//! which is the point: see `quire_api::wire::cli`.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::{keys, ok_json, quire, root};
use serde_json::Value;

const SUMMARY: &[&str] = &[
    "affiliation",
    "author",
    "duplicate_of",
    "id",
    "kind",
    "title",
    "word_count",
];
const WORK: &[&str] = &["cited_by", "csl", "edited", "id"];
const CITED_BY: &[&str] = &["author", "count", "document_id", "title"];
/// One file of an import report (issue 13).
const IMPORTED_FILE: &[&str] = &["documents", "error", "format", "path", "warnings", "work"];
const LIST_SUMMARY: &[&str] = &["id", "items", "name", "purpose", "style"];

/// A fresh library holding the sample documents; kept for the test's life.
fn sample_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["import", "--json"];
    let sample = root().join("assets/sample");
    let files: Vec<String> = std::fs::read_dir(&sample)
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    let report = ok_json(&quire(dir.path(), &args));
    assert_eq!(keys(&report), ["errors", "files", "imported"]);
    for doc in report["imported"].as_array().unwrap() {
        assert_eq!(keys(doc), SUMMARY);
    }
    for file in report["files"].as_array().unwrap() {
        assert_eq!(keys(file), IMPORTED_FILE);
        assert_eq!(file["format"], "text");
    }
    dir
}

/// The shared read-only library.
fn shared() -> &'static Path {
    static LIBRARY: OnceLock<tempfile::TempDir> = OnceLock::new();
    LIBRARY.get_or_init(sample_library).path()
}

fn run(args: &[&str]) -> Value {
    ok_json(&quire(shared(), args))
}

/// An essay of the sample that cites works.
fn essay() -> String {
    let listing = run(&["list", "--json"]);
    let docs = listing["documents"].as_array().unwrap();
    let essay = docs
        .iter()
        .find(|d| d["author"] == "Omar Mohamed")
        .expect("the sample essay by Omar Mohamed");
    essay["id"].to_string()
}

fn first(v: &Value) -> &Value {
    v.as_array()
        .and_then(|a| a.first())
        .unwrap_or_else(|| panic!("a non-empty array: {v}"))
}

#[test]
fn documents_collections_and_show() {
    let listing = run(&["list", "--json"]);
    assert_eq!(keys(&listing), ["documents"]);
    assert_eq!(keys(first(&listing["documents"])), SUMMARY);

    let collections = run(&["collections", "--json"]);
    assert_eq!(
        keys(first(&collections)),
        [
            "documents",
            "id",
            "max_words",
            "min_words",
            "prompt",
            "title",
            "year"
        ]
    );

    let doc = run(&["show", &essay(), "--json"]);
    let mut want: Vec<&str> = SUMMARY.to_vec();
    want.extend([
        "body",
        "collection",
        "collection_id",
        "content_hash",
        "duplicates",
        "limit_flag",
        "origin",
        "references",
        "year",
    ]);
    want.sort_unstable();
    assert_eq!(keys(&doc), want);
}

#[test]
fn audit_and_parse_ref() {
    let report = run(&["audit", "--doc", &essay(), "--json"]);
    assert_eq!(keys(&report), ["essays"]);
    let essay = first(&report["essays"]);
    assert_eq!(
        keys(essay),
        [
            "affiliation",
            "author",
            "citations",
            "issues",
            "references",
            "title",
            "word_count"
        ]
    );
    assert_eq!(
        keys(first(&essay["citations"])),
        [
            "authors",
            "cited_in",
            "et_al",
            "locator",
            "reference",
            "status",
            "text",
            "year"
        ]
    );
    assert_eq!(
        keys(first(&essay["references"])),
        ["cited_by", "csl", "text"]
    );
    assert_eq!(
        keys(first(&essay["issues"])),
        ["citation", "kind", "message", "reference"]
    );

    let file = root().join("assets/sample/world-social-work-day-competition-2020.txt");
    let from_file = run(&["audit", file.to_str().unwrap(), "--json"]);
    assert_eq!(keys(first(&from_file["essays"])), keys(essay));

    let parsed = run(&[
        "parse-ref",
        "--json",
        "Smith, J. (2019) Title. London: Sage.",
    ]);
    assert_eq!(
        keys(first(&parsed)),
        [
            "author",
            "issued",
            "publisher",
            "publisher-place",
            "title",
            "type"
        ]
    );
}

#[test]
fn search_themes_and_terms() {
    let results = run(&["search", "poverty", "--json", "--facets", "--limit", "3"]);
    assert_eq!(keys(&results), ["facets", "hits", "ignored", "total"]);
    assert_eq!(
        keys(first(&results["hits"])),
        [
            "author",
            "doc",
            "highlights",
            "kind",
            "paragraph",
            "score",
            "snippet",
            "title"
        ]
    );
    assert_eq!(
        keys(&results["facets"]),
        ["affiliation", "collection", "kind", "year"]
    );

    let themes = run(&["themes", "--json"]);
    assert_eq!(
        keys(first(&themes)),
        [
            "colour",
            "coverage",
            "documents",
            "name",
            "paragraphs",
            "query"
        ]
    );
    let name = first(&themes)["name"].as_str().unwrap().to_string();
    let report = run(&["theme", "show", &name, "--json"]);
    assert_eq!(keys(&report), ["documents", "ignored", "theme", "works"]);
    let doc = first(&report["documents"]);
    assert_eq!(keys(doc), ["author", "doc", "kind", "paragraphs", "title"]);
    assert_eq!(
        keys(first(&doc["paragraphs"])),
        [
            "author",
            "doc",
            "highlights",
            "kind",
            "paragraph",
            "parts",
            "score",
            "snippet",
            "title"
        ]
    );
    assert_eq!(
        keys(first(&report["works"])),
        ["documents", "paragraphs", "work", "work_id"]
    );

    for args in [
        vec!["terms", "--json", "-n", "3"],
        vec!["terms", "--doc", "1", "--json", "-n", "3"],
    ] {
        let terms = run(&args);
        assert_eq!(
            keys(first(&terms)),
            ["documents", "paragraphs", "score", "term"],
            "{args:?}"
        );
    }
}

#[test]
fn works_views() {
    let listing = run(&["works", "--json", "--limit", "2"]);
    assert_eq!(keys(&listing), ["works"]);
    let work = first(&listing["works"]);
    assert_eq!(keys(work), WORK);
    assert_eq!(keys(first(&work["cited_by"])), CITED_BY);

    let id = work["id"].to_string();
    let detail = run(&["works", "show", &id, "--json"]);
    let mut want: Vec<&str> = WORK.to_vec();
    want.extend(["citation", "entries", "html", "text"]);
    want.sort_unstable();
    assert_eq!(keys(&detail), want);
    assert_eq!(
        keys(first(&detail["entries"])),
        ["document_id", "position", "raw"]
    );

    let cited = run(&["works", "cited-where", "poverty", "--json"]);
    assert_eq!(
        keys(first(&cited)),
        ["documents", "paragraphs", "work", "work_id"]
    );

    let styles = run(&["styles", "list", "--json"]);
    assert_eq!(
        keys(first(&styles)),
        ["bundled", "locale", "name", "parent", "title"]
    );
}

#[test]
fn lists_and_works_changes() {
    let dir = sample_library();
    let lib = dir.path();
    let ok = |args: &[&str]| ok_json(&quire(lib, args));
    let text = |args: &[&str]| common::stdout(&quire(lib, args));

    text(&["list", "create", "Week 1", "--purpose", "reading"]);
    let lists = ok(&["lists", "--json"]);
    assert_eq!(keys(first(&lists)), LIST_SUMMARY);

    let works = ok(&["works", "--json", "--limit", "3"]);
    let ids: Vec<String> = works["works"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].to_string())
        .collect();
    text(&[
        "list",
        "add",
        "Week 1",
        &ids[0],
        &ids[1],
        "--section",
        "Core",
        "--importance",
        "essential",
    ]);
    let list = ok(&["list", "show", "Week 1", "--json"]);
    assert_eq!(
        keys(&list),
        ["id", "items", "name", "purpose", "sections", "style"]
    );
    assert_eq!(
        keys(first(&list["items"])),
        [
            "csl",
            "importance",
            "note",
            "position",
            "section",
            "work_id"
        ]
    );

    // Imported works: the report names the work of every item and each bad file.
    let csl = lib.join("works.json");
    std::fs::write(
        &csl,
        r#"[{"type":"book","title":"A Book","issued":{"date-parts":[[2001]]}}]"#,
    )
    .unwrap();
    let bad = lib.join("bad.ris");
    std::fs::write(&bad, "not RIS at all").unwrap();
    let out = quire(
        lib,
        &[
            "works",
            "import",
            csl.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(!out.status.success(), "a bad file fails the run");
    let report = common::json(&out);
    assert_eq!(keys(&report), ["errors", "ids"]);
    assert_eq!(keys(first(&report["errors"])), ["message", "path"]);
}

#[test]
fn insights_shapes_are_the_contracts_of_issue_12() {
    let e = run(&["insights", "essay", &essay(), "--json"]);
    assert_eq!(
        keys(&e),
        [
            "citation_positions",
            "citations_per_100_words",
            "document",
            "median_age",
            "types",
            "uncited_paragraphs",
            "years"
        ]
    );
    assert_eq!(keys(first(&e["years"])), ["count", "year"]);
    assert_eq!(
        keys(&e["types"]),
        [
            "book",
            "chapter",
            "journal_article",
            "legislation",
            "other",
            "report",
            "web_page"
        ]
    );
    assert_eq!(e["median_age"], 2.0, "Omar Mohamed's references");

    let l = run(&["insights", "library", "--json"]);
    assert_eq!(keys(&l), ["most_cited", "network", "themes"]);
    assert_eq!(
        keys(first(&l["most_cited"])),
        ["count", "documents", "label", "work"]
    );
    assert_eq!(keys(&l["network"]), ["edges", "nodes"]);
    assert_eq!(keys(first(&l["network"]["nodes"])), ["id", "kind", "label"]);
    assert_eq!(
        keys(first(&l["network"]["edges"])),
        ["source", "target", "weight"]
    );
    assert_eq!(keys(&l["themes"]), ["counts", "documents", "themes"]);
    assert!(l["themes"]["themes"][0].is_string());
    assert!(l["themes"]["documents"][0].is_i64());
    let kinds: std::collections::BTreeSet<&str> = l["network"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["essay", "work"]);

    let one = run(&[
        "insights",
        "library",
        "--collection",
        "working better",
        "--json",
    ]);
    assert_eq!(
        one["themes"]["documents"].as_array().unwrap().len(),
        4,
        "the four entries"
    );
}

#[test]
fn insights_list_shape() {
    let dir = sample_library();
    let lib = dir.path();
    common::stdout(&quire(
        lib,
        &["list", "create", "Week 1", "--purpose", "reading"],
    ));
    let works = ok_json(&quire(lib, &["works", "--json"]));
    let id = works["works"][0]["id"].to_string();
    let added = quire(
        lib,
        &["list", "add", "Week 1", &id, "--importance", "essential"],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let c = ok_json(&quire(
        lib,
        &["insights", "list", "Week 1", "--collection", "1", "--json"],
    ));
    assert_eq!(keys(&c), ["essential_uncited", "items"]);
    assert_eq!(
        keys(first(&c["items"])),
        ["cited_by", "importance", "label", "work"]
    );
    assert_eq!(c["items"][0]["importance"], "essential");
    assert_eq!(c["items"][0]["cited_by"].as_array().unwrap().len(), 1);
}

#[test]
fn insights_refuse_what_is_not_there_by_name() {
    for (args, says) in [
        (&["insights", "essay", "999"][..], "document 999"),
        (
            &["insights", "library", "--collection", "No such competition"][..],
            "collection `No such competition`",
        ),
        (
            &["insights", "list", "No such list"][..],
            "list `No such list`",
        ),
        (&["insights", "cited", "99999"][..], "99999"),
        (
            &["insights", "network", "--collection", "#42"][..],
            "collection `#42`",
        ),
    ] {
        let out = quire(shared(), args);
        assert!(!out.status.success(), "{args:?} succeeded");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
