//! The citation audit on the seed competition file as the engine reads it
//! (its own essay splitting and furniture removal), checked against the
//! hand-labelled fixture `tests/fixtures/cite/seed-essays.json`.

use std::path::PathBuf;

use quire_cite::{audit, fold_key};
use quire_engine::{import, Kind};
use serde_json::Value;

fn repo(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// (first author, year, status, linked entry) of each citation, in order.
fn outcome(authors: &[String], year: &str, status: &str, reference: Option<u64>) -> String {
    let first = authors.first().map_or(String::new(), |a| fold_key(a));
    format!("{first}/{}/{status}/{reference:?}", fold_key(year))
}

#[test]
fn seed_essays_audit_as_labelled() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/cite/seed-essays.json")).expect("fixture"),
    )
    .expect("fixture is JSON");
    let docs = import::read_file(&repo(
        "assets/sample/world-social-work-day-competition-2020.txt",
    ))
    .expect("seed reads");
    let essays: Vec<_> = docs.iter().filter(|d| d.kind == Kind::Essay).collect();
    let gold = gold.as_array().expect("array");
    assert_eq!(essays.len(), gold.len(), "four essays");

    for (essay, gold) in essays.iter().zip(gold) {
        let a = audit(&essay.body, &essay.references);
        let got: Vec<String> = a
            .citations
            .iter()
            .map(|c| {
                let status = serde_json::to_value(c.status).expect("status");
                outcome(
                    &c.citation.authors,
                    &c.citation.year,
                    status.as_str().unwrap_or(""),
                    c.reference.map(|r| r as u64),
                )
            })
            .collect();
        let want: Vec<String> = gold["citations"]
            .as_array()
            .expect("citations")
            .iter()
            .map(|c| {
                let authors: Vec<String> = c["authors"]
                    .as_array()
                    .expect("authors")
                    .iter()
                    .map(|a| a.as_str().unwrap_or("").to_string())
                    .collect();
                outcome(
                    &authors,
                    c["year"].as_str().unwrap_or(""),
                    c["status"].as_str().unwrap_or(""),
                    c["reference"].as_u64(),
                )
            })
            .collect();
        assert_eq!(got, want, "citations of {:?}", essay.author);

        let kinds = |issues: Vec<String>| {
            let mut k = issues;
            k.sort();
            k
        };
        let got_issues = kinds(
            a.issues
                .iter()
                .map(|i| i.kind.as_str().to_string())
                .collect(),
        );
        let want_issues = kinds(
            gold["issues"]
                .as_array()
                .expect("issues")
                .iter()
                .map(|i| i["kind"].as_str().unwrap_or("").to_string())
                .collect(),
        );
        assert_eq!(got_issues, want_issues, "issues of {:?}", essay.author);
        assert_eq!(
            a.references.len(),
            gold["references"].as_array().map_or(0, Vec::len)
        );
    }
}

#[test]
fn blog_copy_without_references_gets_one_issue() {
    let docs = import::read_file(&repo("assets/sample/the-value-of-social-work-blog.txt"))
        .expect("blog reads");
    for d in docs.iter().filter(|d| d.references.is_empty()) {
        let a = audit(&d.body, &d.references);
        if !a.citations.is_empty() {
            assert_eq!(a.issues.len(), 1, "one issue, not a flood");
            assert_eq!(a.issues[0].kind.as_str(), "no_reference_list");
        }
    }
}
