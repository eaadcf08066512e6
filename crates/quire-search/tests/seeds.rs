//! The index on the sample library's seed texts (see `support`).

mod support;

use quire_search::{CitedWork, Index, IndexDoc, Query, Theme};
use support::{library, marked};

fn search(index: &Index, text: &str) -> quire_search::SearchResults {
    index.search(&Query::new(text)).unwrap()
}

#[test]
fn stemming_finds_other_forms() {
    let (_d, index) = library();
    let r = search(&index, "relationships");
    assert!(r.total >= 5);
    let singular = r
        .hits
        .iter()
        .any(|h| marked(h).to_lowercase().contains("<b>relationship</b>"));
    assert!(singular, "{:#?}", r.hits);
}

#[test]
fn phrase_needs_the_words_in_order() {
    let (_d, index) = library();
    let r = search(&index, r#""social media""#);
    // Snippets highlight the phrase's words; the fragment shown may hold
    // them apart, so check both are there.
    for h in &r.hits {
        let s = marked(h).to_lowercase();
        assert!(
            s.contains("<b>social</b>") && s.contains("<b>media</b>"),
            "{h:#?}"
        );
    }
    assert_eq!(r.hits[0].author.as_deref(), Some("Holly Clarke"));
    let reversed = search(&index, r#""media social""#);
    assert!(reversed.total < r.total);
}

#[test]
fn author_prefix_and_conjunction() {
    let (_d, index) = library();
    let r = search(&index, "author:pitt");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits.len(), 1, "metadata-only matches collapse to one hit");
    assert_eq!(r.hits[0].paragraph, None);
    let r = search(&index, "author:pitt ecological");
    assert!(r
        .hits
        .iter()
        .all(|h| h.author.as_deref() == Some("Charlotte Pitt")));
    assert!(r.hits.iter().all(|h| h.paragraph.is_some()));
}

#[test]
fn cites_finds_essays_citing_a_name() {
    let (_d, index) = library();
    let r = search(&index, "cites:Krumer-Nevo");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].author.as_deref(), Some("Verity Clarke"));
    assert!(
        marked(&r.hits[0]).contains("<b>Krumer</b>-<b>Nevo</b>"),
        "{}",
        marked(&r.hits[0])
    );
}

#[test]
fn cites_combines_with_body_words_per_document() {
    let (_d, index) = library();
    let r = search(&index, "cites:krumer-nevo AND poverty");
    assert_eq!(r.total, 1);
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert_eq!(h.author.as_deref(), Some("Verity Clarke"));
        assert!(h.paragraph.is_some(), "{h:#?}");
        assert!(
            marked(h).to_lowercase().contains("<b>poverty</b>"),
            "{}",
            marked(h)
        );
    }
    let others = search(&index, "poverty -cites:krumer-nevo");
    assert!(others.total >= 1);
    assert!(others
        .hits
        .iter()
        .all(|h| h.author.as_deref() != Some("Verity Clarke")));
    assert_eq!(search(&index, "cites:nosuchname poverty").total, 0);
}

#[test]
fn misspelt_name_is_matched_fuzzily() {
    let (_d, index) = library();
    let r = search(&index, "Beresfrod");
    assert!(r.total >= 1);
    assert!(
        marked(&r.hits[0]).contains("<b>Beresford</b>"),
        "{}",
        marked(&r.hits[0])
    );
    assert_eq!(r.similar, vec!["beresfrod → beresford"]);
    assert!(search(&index, "Beresford").similar.is_empty());
}

#[test]
fn facets_count_documents() {
    let (_d, index) = library();
    let r = search(&index, "relationship");
    let essays = r.facets.kind.iter().find(|f| f.value == "essay").unwrap();
    assert_eq!(essays.count, 4);
    assert!(r.facets.affiliation.iter().all(|f| f.count == 1));
    assert_eq!(r.facets.year[0].value, "2020");
    let mut q = Query::new("relationship");
    q.kind = Some("source".into());
    let sources = index.search(&q).unwrap();
    assert!(sources.hits.iter().all(|h| h.kind == "source"));
    assert_eq!(sources.total, r.total - 4);
}

#[test]
fn bad_syntax_still_searches_and_says_what_was_ignored() {
    let (_d, index) = library();
    let r = search(&index, r#""unclosed AND ("#);
    assert!(!r.ignored.is_empty());
    // Broken syntax falls back to the bare words, and says so.
    let r = search(&index, r#""relationships AND ("#);
    assert!(r.total >= 5, "{r:#?}");
    assert!(
        r.ignored
            .iter()
            .any(|i| i.contains("searched for relationships")),
        "{:?}",
        r.ignored
    );
    let r = search(&index, r#"(empathy OR "digital poverty"#);
    assert!(r.total >= 1, "{:?}", r.ignored);
    for bad in [
        "AND",
        "((",
        ")",
        "author:",
        "nosuchfield:x",
        "title:\"",
        "-",
        "*",
        "~2",
        "\u{0}",
    ] {
        index.search(&Query::new(bad)).unwrap();
    }
    let r = search(&index, "nosuchfield:poverty poverty");
    assert!(
        r.ignored.iter().any(|i| i.contains("nosuchfield")),
        "{:?}",
        r.ignored
    );
}

#[test]
fn snippets_are_plain_text_with_char_spans() {
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    let doc = IndexDoc {
        id: 7,
        kind: "source".into(),
        title: "<script>".into(),
        paragraphs: vec!["Trust <script>alert(1)</script> & Müller’s empathy matter".into()],
        ..IndexDoc::default()
    };
    index.replace_document(&doc).unwrap();
    index.commit(3).unwrap();
    let r = search(&index, "empathy");
    let hit = &r.hits[0];
    assert_eq!(
        hit.snippet,
        "Trust <script>alert(1)</script> & Müller’s empathy matter"
    );
    assert_eq!(hit.highlights, [(43, 50)]);
    let chars: Vec<char> = hit.snippet.chars().collect();
    assert_eq!(chars[43..50].iter().collect::<String>(), "empathy");
    let json = serde_json::to_value(hit).unwrap();
    assert_eq!(json["highlights"], serde_json::json!([[43, 50]]));
    assert_eq!(
        json["parts"],
        serde_json::json!([
            {"text": "Trust <script>alert(1)</script> & Müller’s ", "matched": false},
            {"text": "empathy", "matched": true},
            {"text": " matter", "matched": false},
        ])
    );
}

#[test]
fn generation_survives_reopen_and_delete_works() {
    let (dir, mut index) = library();
    assert_eq!(index.generation().unwrap(), 1);
    index.delete_document(10).unwrap();
    index.commit(2).unwrap();
    assert!(!index.contains(10).unwrap());
    drop(index);
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.generation().unwrap(), 2);
    assert_eq!(index.num_documents().unwrap(), 6);
}

#[test]
fn uncommitted_writes_are_lost_and_generation_stays() {
    let (dir, mut index) = library();
    index.delete_document(1).unwrap();
    drop(index);
    let index = Index::open(dir.path()).unwrap();
    assert_eq!(index.generation().unwrap(), 1);
    assert!(index.contains(1).unwrap());
}

fn poverty() -> Theme {
    Theme {
        name: "Poverty".into(),
        query: r#"poverty OR poor OR deprivation OR "poverty-aware""#.into(),
        colour: "#d9534f".into(),
    }
}

#[test]
fn theme_report_collects_cited_works() {
    let (_d, index) = library();
    let report = index
        .theme_report(&poverty(), &mut |doc, p| {
            // One work worded two ways in different documents, and one
            // unmatched citation per paragraph.
            let label = if doc % 2 == 0 {
                "Krumer-Nevo (2016)"
            } else {
                "Krumer-Nevo, M. 2016"
            };
            vec![
                CitedWork {
                    id: None,
                    label: format!("work of {doc}/{p}"),
                },
                CitedWork {
                    id: Some(7),
                    label: label.into(),
                },
            ]
        })
        .unwrap();
    let paragraphs: usize = report.documents.iter().map(|d| d.paragraphs.len()).sum();
    assert_eq!(report.works[0].work_id, Some(7));
    assert_eq!(report.works[0].paragraphs, paragraphs);
    assert_eq!(
        report.works.iter().filter(|w| w.work_id.is_some()).count(),
        1
    );
    assert_eq!(report.works.len(), paragraphs + 1);
}

#[test]
fn key_terms_are_distinctive_words() {
    let (_d, index) = library();
    let holly = index.key_terms(1, 10).unwrap();
    let words: Vec<&str> = holly.iter().map(|k| k.term.as_str()).collect();
    assert!(
        words.contains(&"online") || words.contains(&"media"),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .all(|w| !["the", "and", "social", "2016"].contains(w)),
        "{words:?}"
    );
    let library = index.library_key_terms(15).unwrap();
    assert!(!library.is_empty());
    assert!(library
        .iter()
        .all(|k| k.documents >= 1 && k.paragraphs >= 2));
    assert!(library
        .iter()
        .all(|k| k.term != "social" && k.term != "work"));
}

#[test]
fn paragraph_counts_agree_with_the_hits() {
    let (_d, index) = library();
    for query in [
        "poverty OR poor",
        r#""social media""#,
        "author:pitt",
        "nothingmatcheshere",
    ] {
        let counts = index.paragraph_counts(query).unwrap();
        let (hits, _) = index.matches(query).unwrap();
        let mut expected: std::collections::HashMap<i64, usize> = Default::default();
        for h in hits.iter().filter(|h| h.paragraph.is_some()) {
            *expected.entry(h.doc).or_default() += 1;
        }
        assert_eq!(counts, expected, "{query}");
    }
}
