//! How hits rank: hyphenated compounds searched as phrases, misspelt words
//! matched by their neighbours weighted by edit distance, and snippets that
//! highlight the word that matched.

mod support;

use quire_search::{Index, IndexDoc, Query, SearchResults};
use support::marked;

/// An index of one-paragraph sources, numbered from 1 in order.
fn paragraphs(texts: &[&str]) -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    for (i, text) in texts.iter().enumerate() {
        index
            .replace_document(&IndexDoc {
                id: i as i64 + 1,
                kind: "source".into(),
                title: format!("Source {}", i + 1),
                paragraphs: vec![text.to_string()],
                ..IndexDoc::default()
            })
            .unwrap();
    }
    index.commit(1).unwrap();
    (dir, index)
}

fn search(index: &Index, text: &str) -> SearchResults {
    index.search(&Query::new(text)).unwrap()
}

fn docs(r: &SearchResults) -> Vec<i64> {
    r.hits.iter().map(|h| h.doc).collect()
}

#[test]
fn a_hyphenated_word_is_a_phrase_of_its_parts() {
    for (compound, together, apart) in [
        (
            "poverty-aware",
            "Poverty-aware practice starts from what families know.",
            "Practice aware of what families know can still ignore poverty.",
        ),
        (
            "co-production",
            "Co-production means families who use services design them.",
            "The production of services should involve families; co-workers agree.",
        ),
        (
            "relationship-based",
            "Relationship based work needs time with each family.",
            "Work based on time alone misses the relationship with each family.",
        ),
    ] {
        // The paragraph with the words apart comes first in the index, so
        // a tie would put it on top.
        let (_d, index) = paragraphs(&[apart, together]);
        let r = search(&index, compound);
        assert_eq!(docs(&r), [2], "{compound}: {:#?}", r.hits);
        let hit = &r.hits[0];
        assert_eq!(hit.highlights.len(), 2, "{}", marked(hit));
        // Inside a longer query, and with a field.
        let r = search(&index, &format!("{compound} family"));
        assert!(
            docs(&r).iter().all(|&d| d == 2),
            "{compound}: {:#?}",
            r.hits
        );
        let r = search(&index, &format!("body:{compound}"));
        assert_eq!(docs(&r), [2], "{compound}");
    }
}

#[test]
fn hyphenated_words_on_the_seeds() {
    let (_d, index) = support::library();
    for compound in ["poverty-aware", "relationship-based"] {
        let r = search(&index, compound);
        assert!(r.total >= 1, "{compound}");
        let [first, second] = compound.split('-').collect::<Vec<_>>()[..] else {
            unreachable!()
        };
        // Every hit highlights both parts.
        for h in &r.hits {
            let text = marked(h).to_lowercase();
            assert!(
                text.contains(&format!("<b>{first}</b>"))
                    && text.contains(&format!("<b>{second}</b>")),
                "{compound}: {text}"
            );
        }
        // The words apart match more paragraphs, and none ranks above
        // every paragraph with the compound.
        let apart = search(&index, &compound.replace('-', " "));
        assert!(apart.total >= r.total);
    }
}

#[test]
fn closer_spellings_rank_higher() {
    let (_d, index) = paragraphs(&[
        "Trevithack wrote about practice with families.",
        "Trevithick wrote about practice with families.",
        "Trevithock wrote about practice with families.",
    ]);
    // "trevithik": one edit from "trevithick", two from the others.
    let r = search(&index, "Trevithik");
    assert_eq!(docs(&r)[0], 2, "{:#?}", r.hits);
    assert!(r.hits[0].score > r.hits[1].score, "{:#?}", r.hits);
    assert_eq!(r.hits[1].score, r.hits[2].score);
    // Every fuzzy hit highlights the word that matched.
    for h in &r.hits {
        assert!(marked(h).starts_with("<b>Trevith"), "{}", marked(h));
    }
    assert!(
        r.similar.contains(&"trevithik → trevithick".to_string()),
        "{:?}",
        r.similar
    );
}

#[test]
fn misspelt_names_in_fields_highlight_the_name() {
    let (_d, index) = support::library();
    let r = search(&index, "author:Clarkk");
    assert!(r.total >= 1, "{r:#?}");
    for h in &r.hits {
        assert!(
            marked(h).contains("<b>Clarke</b>") || h.paragraph.is_none(),
            "{h:#?}"
        );
    }
    let r = search(&index, "Beresfrod");
    assert!(
        marked(&r.hits[0]).contains("<b>Beresford</b>"),
        "{}",
        marked(&r.hits[0])
    );
}
