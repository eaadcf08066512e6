//! `quire review` end to end on the sample competition: a blind round made
//! from the collection, marking by two markers (one on another machine,
//! whose marks travel in a marks file), moderation, the reveal, results as
//! JSON and CSV, feedback, and bad input that exits non-zero and changes
//! nothing.

mod common;

use std::path::Path;

use common::{json, keys, ok_json, quire, root, stdout};
use serde_json::Value;

const ROUND: &str = "Spring";

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("assets/sample/world-social-work-day-competition-2020.txt");
    stdout(&quire(dir.path(), &["import", file.to_str().unwrap()]));
    dir
}

fn collection(lib: &Path) -> String {
    let c = ok_json(&quire(lib, &["collections", "--json"]));
    c[0]["title"].as_str().unwrap().to_string()
}

fn create(lib: &Path) {
    let collection = collection(lib);
    stdout(&quire(
        lib,
        &[
            "review",
            "create",
            ROUND,
            "--collection",
            &collection,
            "--rubric",
            "competition",
            "--markers",
            "Jon Dudley@BASW,Carol Reid@SWU",
            "--per-entry",
            "2",
            "--blind",
            "--avoid-same-affiliation",
            "--rule",
            "mean",
            "--tolerance",
            "0.10",
        ],
    ));
}

fn status(lib: &Path) -> Value {
    ok_json(&quire(lib, &["review", "status", ROUND, "--json"]))
}

fn mark_all(
    lib: &Path,
    code: &str,
    marker: &str,
    score: &str,
    submit: bool,
) -> std::process::Output {
    let rubric = ok_json(&quire(
        lib,
        &["review", "rubric", "show", "competition", "--json"],
    ));
    let scores: Vec<String> = rubric["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}={score}", c["name"].as_str().unwrap()))
        .collect();
    let mut args = vec!["review", "mark", ROUND, code, "--marker", marker];
    for s in &scores {
        args.extend(["--score", s.as_str()]);
    }
    if submit {
        args.push("--submit");
    }
    quire(lib, &args)
}

fn failure(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "should fail: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_blind_round_from_creation_to_results() {
    let dir = library();
    let lib = dir.path();
    create(lib);
    let s = status(lib);
    assert_eq!(keys(&s), ["blind", "entries", "round"]);
    let entries = s["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 4, "the four competition entries");
    assert!(entries
        .iter()
        .all(|e| e["author"].is_null() && e["markers"].as_array().unwrap().len() == 2));

    // Jon marks E-001 on his own machine: a copy of the library.
    let theirs = tempfile::tempdir().unwrap();
    let file = root().join("assets/sample/world-social-work-day-competition-2020.txt");
    stdout(&quire(theirs.path(), &["import", file.to_str().unwrap()]));
    create(theirs.path());
    stdout(&mark_all(theirs.path(), "E-001", "Jon Dudley", "6", true));
    let marks = stdout(&quire(
        theirs.path(),
        &["review", "export-marks", ROUND, "--marker", "Jon Dudley"],
    ));
    let marks_file = lib.join("jon.json");
    std::fs::write(&marks_file, &marks).unwrap();
    let mf = marks_file.to_str().unwrap();
    let first = ok_json(&quire(lib, &["review", "import-marks", mf, "--json"]));
    assert_eq!(first["imported"], serde_json::json!(["E-001"]), "{first}");
    let again = ok_json(&quire(lib, &["review", "import-marks", mf, "--json"]));
    assert_eq!(again["imported"], serde_json::json!([]));
    assert_eq!(
        again["unchanged"],
        serde_json::json!(["E-001", "E-002", "E-003", "E-004"])
    );

    // A tampered file is refused, naming the file.
    let tampered = lib.join("tampered.json");
    std::fs::write(
        &tampered,
        marks.replace("\"Referencing\": 6.0", "\"Referencing\": 9.0"),
    )
    .unwrap();
    let e = failure(&quire(
        lib,
        &["review", "import-marks", tampered.to_str().unwrap()],
    ));
    assert!(e.contains("tampered.json") && e.contains("changed"), "{e}");

    // Carol marks the same entry 30 points higher: flagged.
    stdout(&mark_all(lib, "E-001", "Carol Reid", "9", true));
    let e1 = &status(lib)["entries"][0];
    assert_eq!(e1["flagged"], true);
    assert!(e1["agreed"].is_null());
    let totals: Vec<f64> = e1["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["total"].as_f64().unwrap())
        .collect();
    assert_eq!(keys(&e1["markers"][0]), ["marker", "state", "total"]);
    let mut sorted = totals.clone();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(sorted, [60.0, 90.0]);

    // The moderator decides; then the round is revealed.
    stdout(&quire(
        lib,
        &[
            "review",
            "moderate",
            ROUND,
            "E-001",
            "--mark",
            "74",
            "--reason",
            "Evidence is strong",
            "--by",
            "Moderator",
        ],
    ));
    assert_eq!(status(lib)["entries"][0]["agreed"], 74.0);
    stdout(&quire(lib, &["review", "reveal", ROUND]));
    assert!(status(lib)["entries"][0]["author"].is_string());

    let r = ok_json(&quire(lib, &["review", "results", ROUND, "--json"]));
    assert_eq!(keys(&r), ["entries", "round"]);
    let top = &r["entries"][0];
    assert_eq!(
        keys(top),
        [
            "affiliation",
            "agreed",
            "author",
            "code",
            "criteria",
            "marks",
            "rank",
            "rank_standardised",
            "shortlisted",
            "spread",
            "winner"
        ]
    );
    assert_eq!(
        (top["code"].as_str(), top["rank"].as_u64()),
        (Some("E-001"), Some(1))
    );
    assert_eq!(top["criteria"].as_object().unwrap().len(), 5);
    assert_eq!(keys(&top["marks"][0]), ["marker", "total"]);

    let csv = stdout(&quire(lib, &["review", "results", ROUND, "--csv"]));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 5, "{csv}");
    assert!(
        rows[0].starts_with(
            "code,author,affiliation,rank,rank_standardised,agreed,Argument and analysis,"
        ),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].ends_with("spread,shortlisted,winner"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("E-001,") && rows[1].contains(",74,"),
        "{}",
        rows[1]
    );

    let md = stdout(&quire(
        lib,
        &["review", "feedback", ROUND, "E-001", "--format", "markdown"],
    ));
    assert!(md.contains("Agreed mark: 74 / 100"), "{md}");
    let html = stdout(&quire(
        lib,
        &["review", "feedback", ROUND, "E-001", "--format", "html"],
    ));
    assert!(html.contains("<table>"), "{html}");

    let trail = ok_json(&quire(lib, &["review", "trail", ROUND, "E-001", "--json"]));
    let actions: Vec<&str> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"moderate") && actions.contains(&"reveal"),
        "{actions:?}"
    );
}

#[test]
fn bad_input_exits_non_zero_and_changes_nothing() {
    let dir = library();
    let lib = dir.path();
    create(lib);
    let before = status(lib);
    let trail_before = ok_json(&quire(lib, &["review", "trail", ROUND, "--json"]));
    for (args, says) in [
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-001",
                "--marker",
                "Jon Dudley",
                "--score",
                "Referencing=11",
            ],
            "outside 0–10",
        ),
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-001",
                "--marker",
                "Jon Dudley",
                "--score",
                "Style=5",
            ],
            "no criterion `Style`",
        ),
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-001",
                "--marker",
                "Jon Dudley",
                "--score",
                "Referencing",
            ],
            "Criterion=7",
        ),
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-001",
                "--marker",
                "Jon Dudley",
                "--score",
                "Referencing=lots",
            ],
            "not a number",
        ),
        (
            vec![
                "review",
                "mark",
                "Autumn",
                "E-001",
                "--marker",
                "Jon Dudley",
                "--score",
                "Referencing=5",
            ],
            "Autumn",
        ),
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-042",
                "--marker",
                "Jon Dudley",
                "--score",
                "Referencing=5",
            ],
            "E-042",
        ),
        (
            vec![
                "review",
                "mark",
                ROUND,
                "E-001",
                "--marker",
                "Nobody",
                "--score",
                "Referencing=5",
            ],
            "Nobody",
        ),
        (vec!["review", "status", "Autumn", "--json"], "Autumn"),
        (
            vec!["review", "rubric", "show", "no-such-rubric"],
            "no-such-rubric",
        ),
    ] {
        let e = failure(&quire(lib, &args));
        assert!(e.contains(says), "{args:?}: {e}");
    }
    let malformed = lib.join("rubric.json");
    std::fs::write(&malformed, r#"{"name":"x","criteria":[{"name":"a","weight":1,"max":10,"levels":[{"min":0,"max":5,"descripton":"d"}]}]}"#).unwrap();
    let e = failure(&quire(
        lib,
        &[
            "review",
            "create",
            "Other",
            "--documents",
            "1",
            "--rubric",
            malformed.to_str().unwrap(),
            "--markers",
            "A",
        ],
    ));
    assert!(e.contains("rubric.json") && e.contains("descripton"), "{e}");
    let not_marks = lib.join("other.json");
    std::fs::write(&not_marks, r#"{"name":"x"}"#).unwrap();
    let e = failure(&quire(
        lib,
        &["review", "import-marks", not_marks.to_str().unwrap()],
    ));
    assert!(
        e.contains("other.json") && e.contains("not a Quire marks file"),
        "{e}"
    );
    assert_eq!(status(lib), before);
    assert_eq!(
        ok_json(&quire(lib, &["review", "trail", ROUND, "--json"])),
        trail_before
    );
    let rounds = json(&quire(lib, &["review", "list", "--json"]));
    assert_eq!(rounds.as_array().unwrap().len(), 1);
}

#[test]
fn rubric_files_show_in_their_own_shape() {
    let dir = library();
    let r = ok_json(&quire(
        dir.path(),
        &["review", "rubric", "show", "competition", "--json"],
    ));
    assert_eq!(keys(&r), ["criteria", "name"]);
    assert_eq!(keys(&r["criteria"][0]), ["levels", "max", "name", "weight"]);
    assert_eq!(
        keys(&r["criteria"][0]["levels"][0]),
        ["descriptor", "max", "min"]
    );
    // A file of that shape round-trips as a template.
    let file = dir.path().join("module.json");
    let mut custom = r.clone();
    custom["name"] = "Module essay".into();
    std::fs::write(&file, serde_json::to_string(&custom).unwrap()).unwrap();
    stdout(&quire(
        dir.path(),
        &["review", "rubric", "save", file.to_str().unwrap()],
    ));
    let shown = ok_json(&quire(
        dir.path(),
        &["review", "rubric", "show", "Module essay", "--json"],
    ));
    assert_eq!(shown, custom);
}
