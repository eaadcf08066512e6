//! Bylines on the tuning set in `tests/fixtures/bylines/`: short essays
//! whose author line takes each supported form (and each encoding), and
//! files whose second line only looks like one. `expected.tsv` says what
//! each file holds; it was written before the byline rules were tuned.

use quire_engine::{import, Kind};
use quire_tests::fixtures_dir;

struct Expected {
    file: String,
    kind: Kind,
    author: Option<String>,
    affiliation: Option<String>,
}

fn expected() -> Vec<Expected> {
    let dir = fixtures_dir().join("bylines");
    let table = std::fs::read_to_string(dir.join("expected.tsv")).expect("expected.tsv");
    let some = |s: &str| (s != "-").then(|| s.to_owned());
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "bad row {l:?}");
            Expected {
                file: cols[0].to_owned(),
                kind: if cols[1] == "essay" {
                    Kind::Essay
                } else {
                    Kind::Source
                },
                author: some(cols[2]),
                affiliation: some(cols[3]),
            }
        })
        .collect()
}

#[test]
fn every_byline_form_is_found_and_lookalikes_are_not() {
    let dir = fixtures_dir().join("bylines");
    let rows = expected();
    assert!(rows.len() >= 30, "tuning set has {} files", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let bytes = std::fs::read(dir.join(&row.file)).expect("fixture");
        let docs = import::parse(&row.file, &bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", row.file))
            .docs;
        assert_eq!(docs.len(), 1, "{} split into {}", row.file, docs.len());
        let doc = &docs[0];
        let got = (doc.kind, doc.author.clone(), doc.affiliation.clone());
        let want = (row.kind, row.author.clone(), row.affiliation.clone());
        if got != want {
            wrong.push(format!("{}: got {got:?}, expected {want:?}", row.file));
        }
        // The byline never stays in the body, where it would be counted.
        if let Some(author) = &row.author {
            assert!(
                !doc.body.contains(author.as_str()),
                "{}: author left in body",
                row.file
            );
        }
    }
    let right = rows.len() - wrong.len();
    eprintln!("bylines: {right}/{} files right", rows.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
