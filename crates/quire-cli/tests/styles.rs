//! `quire styles` and imported styles used by `quire list` and `quire
//! format`, as other tools run them: the built binary, its exit code and
//! the JSON shape of a style.

mod common;
use common::{json, quire, root, stdout};

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/styles")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// A new, empty library.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    stdout(&quire(dir.path(), &["--create", "list"]));
    dir
}

const BUNDLED: [&str; 6] = [
    "harvard-cite-them-right",
    "apa",
    "chicago-author-date",
    "mla",
    "ieee",
    "vancouver",
];

#[test]
fn styles_json_lists_bundled_then_imported_with_exactly_the_contract_keys() {
    let dir = library();
    let out = quire(dir.path(), &["styles", "--json"]);
    let styles = json(&out);
    let styles = styles.as_array().expect("an array");
    let names: Vec<&str> = styles.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, BUNDLED);
    for s in styles {
        let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["bundled", "locale", "name", "parent", "title"]);
        assert_eq!(s["bundled"], true);
    }

    let out = quire(
        dir.path(),
        &[
            "styles",
            "import",
            "--json",
            &fixture("british-journal-of-social-work.csl"),
        ],
    );
    let imported = json(&out);
    assert!(out.status.success());
    assert_eq!(
        imported,
        serde_json::json!([{
            "name": "british-journal-of-social-work",
            "title": "British Journal of Social Work",
            "bundled": false,
            "parent": "APA Style 7th edition",
            "locale": "en-GB",
        }])
    );
    let listed = json(&quire(dir.path(), &["styles", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 7);
    assert_eq!(listed[6], imported[0]);

    let text = stdout(&quire(dir.path(), &["styles"]));
    let line = text
        .lines()
        .find(|l| l.starts_with("british-journal-of-social-work"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.ends_with("British Journal of Social Work  (imported → APA Style 7th edition)"),
        "{line}"
    );
    assert!(
        text.lines().next().unwrap().ends_with("(bundled)"),
        "{text}"
    );
}

#[test]
fn import_goes_past_refused_files_and_fails_at_the_end() {
    let dir = library();
    let files = [
        fixture("broken.csl"),
        fixture("quire-plain-author-date.csl"),
        fixture("not-a-style.csl"),
        fixture("apa.csl"),
        fixture("quire-plain-journal.csl"),
    ];
    let mut args = vec!["styles", "import"];
    args.extend(files.iter().map(String::as_str));
    let out = quire(dir.path(), &args);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        4,
        "one line per refused file and a summary: {err}"
    );
    assert!(
        lines[0].starts_with(&format!("error: {}: ", files[0])),
        "{err}"
    );
    assert!(lines[0].contains("not well-formed"), "{err}");
    assert!(
        lines[1].starts_with(&format!("error: {}: ", files[2])),
        "{err}"
    );
    assert!(lines[2].contains("would be named `apa`"), "{err}");
    assert_eq!(
        lines[3],
        "quire: 3 of 5 style file(s) could not be imported"
    );
    // The dependent style came after its parent in the same run.
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Imported style `quire-plain-author-date`: Quire Plain Author-Date (imported)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Imported style `quire-plain-journal`: Quire Plain Journal (imported → Quire Plain Author-Date)"
        ),
        "{text}"
    );
}

#[test]
fn lists_and_format_use_imported_styles_by_name() {
    let dir = library();
    stdout(&quire(
        dir.path(),
        &["styles", "import", &fixture("quire-plain-author-date.csl")],
    ));
    let items = root().join("tests/fixtures/format/items.json");
    let items = items.to_str().unwrap();

    // A CSL-JSON file with an imported style: found in the library.
    let text = stdout(&quire(
        dir.path(),
        &[
            "format",
            "--csl-json",
            items,
            "--style",
            "quire-plain-author-date",
        ],
    ));
    assert!(
        text.contains("Trevithick, P. [2012]. Social work skills and knowledge"),
        "{text}"
    );
    // Without a library, only bundled styles and files.
    let none = tempfile::tempdir().unwrap();
    let out = quire(
        none.path(),
        &[
            "format",
            "--csl-json",
            items,
            "--style",
            "quire-plain-author-date",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown style"));

    // A list in the imported style.
    let essay = root().join("tests/fixtures/format/second-essay.txt");
    stdout(&quire(dir.path(), &["import", essay.to_str().unwrap()]));
    let works = json(&quire(dir.path(), &["works", "--json"]));
    let ingram = works["works"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["csl"]["author"][0]["family"] == "Ingram")
        .expect("the essay cites Ingram (2015)")["id"]
        .to_string();
    stdout(&quire(dir.path(), &["list", "create", "Week 1"]));
    stdout(&quire(dir.path(), &["list", "add", "Week 1", &ingram]));
    let said = stdout(&quire(
        dir.path(),
        &["list", "style", "Week 1", "Quire-Plain-Author-Date"],
    ));
    assert_eq!(
        said,
        "List `Week 1` now uses Quire Plain Author-Date (quire-plain-author-date).\n"
    );
    let list = json(&quire(dir.path(), &["list", "show", "Week 1", "--json"]));
    assert_eq!(list["style"], "quire-plain-author-date");
    let shown = stdout(&quire(dir.path(), &["list", "show", "Week 1"]));
    assert!(
        shown.contains("Ingram, R. [2015]. Understanding emotions in social work"),
        "{shown}"
    );
    let formatted = stdout(&quire(
        dir.path(),
        &[
            "format",
            "--list",
            "Week 1",
            "--style",
            "quire-plain-author-date",
        ],
    ));
    assert!(formatted.starts_with("Ingram, R. [2015]."), "{formatted}");

    // Removing it is refused while the list uses it, and allowed after.
    let out = quire(dir.path(), &["styles", "remove", "quire-plain-author-date"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("used by list `Week 1`"), "{err}");
    let out = quire(dir.path(), &["styles", "remove", "apa"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bundled"));
    stdout(&quire(dir.path(), &["list", "style", "Week 1", "apa"]));
    let said = stdout(&quire(
        dir.path(),
        &["styles", "remove", "quire-plain-author-date"],
    ));
    assert_eq!(said, "Removed style `quire-plain-author-date`.\n");
    let styles = json(&quire(dir.path(), &["styles", "--json"]));
    assert_eq!(styles.as_array().unwrap().len(), BUNDLED.len());
}

#[test]
fn a_read_only_library_lists_styles_and_refuses_imports() {
    let dir = library();
    let out = quire(
        dir.path(),
        &[
            "--read-only",
            "styles",
            "import",
            &fixture("quire-plain-author-date.csl"),
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is read-only"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let styles = json(&quire(dir.path(), &["--read-only", "styles", "--json"]));
    assert_eq!(styles.as_array().unwrap().len(), BUNDLED.len());
}
