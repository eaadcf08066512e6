//! Blind marking on real text: what a marker sees of an entry in a blind
//! round must not name its author or affiliation.
//!
//! On the seeds (every essay with a byline) no name part and no
//! distinctive affiliation word may be left in the masked text. On the
//! held-out essays (`tests/fixtures/heldout/`, written before the masker
//! and never tuned on) the figures are printed, not asserted: leaks counted
//! against the labelled byline, so a byline the importer misread counts as
//! the leak it causes (`-- --nocapture`).

use std::path::Path;

use quire_engine::review::{MarkerSpec, RoundSpec, Rubric, Rule};
use quire_engine::{DocFilter, Kind, Library};
use quire_tests::{fixtures_dir, seeded_library};
use serde_json::Value;

/// Words that would give the author away: each name part of two letters or
/// more, and each capitalised affiliation word of four letters or more that
/// is not a generic one ("University", "College" …).
fn giveaways(author: &str, affiliation: Option<&str>) -> Vec<String> {
    let mut words: Vec<String> = author
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(str::to_string)
        .collect();
    const GENERIC: &[&str] = &[
        "University",
        "College",
        "School",
        "Institute",
        "Department",
        "Faculty",
        "Centre",
        "Social",
        "Work",
        "Open",
    ];
    if let Some(a) = affiliation {
        words.extend(
            a.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter(|w| !GENERIC.contains(w))
                .map(str::to_string),
        );
    }
    words
}

/// The text a person reads in the HTML (tags dropped).
fn visible(html: &str) -> String {
    strip_tags(html)
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The giveaway words still in `text`, as whole words.
fn leaks(text: &str, words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| {
            text.match_indices(w.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .cloned()
        .collect()
}

/// A blind round over `documents`, one marker each.
fn blind_round(library: &mut Library, documents: Vec<i64>) {
    let spec = RoundSpec {
        name: "Blind".into(),
        documents,
        rubric: Rubric::competition(),
        markers: vec![MarkerSpec::parse("M")],
        per_entry: 1,
        blind: true,
        avoid_same_affiliation: false,
        rule: Rule::Mean,
        tolerance: 0.1,
    };
    library.create_round(&spec, "test").unwrap();
}

#[test]
fn blind_entries_of_the_seeds_name_nobody() {
    let (_dir, mut library) = seeded_library();
    let essays: Vec<_> = library
        .documents(&DocFilter {
            kind: Some(Kind::Essay),
            collection_id: None,
        })
        .unwrap()
        .into_iter()
        .filter(|d| d.summary.author.is_some())
        .collect();
    assert!(essays.len() >= 4, "{} essays with a byline", essays.len());
    blind_round(&mut library, essays.iter().map(|d| d.summary.id).collect());
    let status = library.review_status("Blind").unwrap();
    let mut masked = 0;
    for (entry, doc) in status.entries.iter().zip(&essays) {
        let view = library.mark_view("Blind", &entry.code, "M").unwrap();
        let words = giveaways(
            doc.summary.author.as_deref().unwrap(),
            doc.summary.affiliation.as_deref(),
        );
        let text = visible(&view.html);
        let left = leaks(&text, &words);
        assert!(
            left.is_empty(),
            "{} ({}) shows {left:?}",
            entry.code,
            doc.summary.title
        );
        masked += view.html.matches("class=\"masked\"").count();
    }
    println!(
        "seeds: {} blind entries, {masked} masked tokens, 0 leaks",
        essays.len()
    );
}

#[test]
fn blind_entries_of_the_heldout_set_are_measured() {
    let dir = fixtures_dir().join("heldout");
    let labels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let (mut entries, mut leaking, mut leaked_words, mut tokens, mut words_total) = (0, 0, 0, 0, 0);
    for label in labels["essays"].as_array().unwrap() {
        let Some(byline) = label["byline"].as_object() else {
            continue;
        };
        let author = byline["author"].as_str().unwrap();
        let affiliation = byline.get("affiliation").and_then(Value::as_str);
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        let path = dir.join(label["file"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let name = Path::new(&path).file_name().unwrap().to_str().unwrap();
        let Ok(docs) = library.import_bytes(name, &bytes, None) else {
            continue;
        };
        blind_round(&mut library, docs.iter().take(1).map(|d| d.id).collect());
        let view = library.mark_view("Blind", "E-001", "M").unwrap();
        let words = giveaways(author, affiliation);
        let left = leaks(&visible(&view.html), &words);
        entries += 1;
        words_total += words.len();
        tokens += view.html.matches("class=\"masked\"").count();
        if !left.is_empty() {
            leaking += 1;
            leaked_words += left.len();
            println!(
                "  {name}: {left:?} left (byline read as {:?} / {:?})",
                docs[0].author, docs[0].affiliation
            );
        }
    }
    println!(
        "held-out blind masking: {entries} essays with a byline, {leaking} with a giveaway word left ({leaked_words} of {words_total} giveaway words), {tokens} masked tokens"
    );
    assert!(entries > 0);
}
