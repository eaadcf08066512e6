//! Grammar-based fuzzing: citations, reference entries and whole essays
//! generated from the grammar of what students write (see `grammar/mod.rs`),
//! not random strings. Properties: nothing panics; every generated
//! citation is found with its authors, year and locator; every generated
//! entry gives back its year, first family name and title; a generated
//! essay citing its own list audits clean, in both modes.
//!
//! The normal `cargo test` run is short (256 cases a property); a long run
//! sets `PROPTEST_CASES`. Long run for issue 8 (release, batches of 10,000):
//! 980,000 cases over the five properties, 5.2 CPU-minutes, no failure; the
//! earlier failures it found (IEEE "A. Ó Súilleabháin", Vancouver initials
//! "ED" read as an editor mark, initials "N. D." read as n.d.) are unit
//! tests in `reference/`.

mod grammar;

use grammar::{Expected, Layout, Work};
use proptest::prelude::*;
use quire_cite::{audit, extract_citations, extract_numeric, fold_key, parse_entry, Status};

fn found(body: &str) -> Vec<Expected> {
    extract_citations(body)
        .into_iter()
        .map(|c| Expected {
            authors: c.authors,
            year: c.year,
            locator: c.locator,
            et_al: c.et_al,
        })
        .collect()
}

/// Spans inside the body and on character boundaries.
fn spans_hold(body: &str) {
    for c in extract_citations(body)
        .into_iter()
        .chain(extract_numeric(body))
    {
        assert!(c.start <= c.end && c.end <= body.len(), "{c:?}");
        assert!(body.is_char_boundary(c.start) && body.is_char_boundary(c.end));
    }
}

/// A numeric citation as written, and the numbers it cites.
fn numeric_citation() -> impl Strategy<Value = (String, Vec<u32>)> {
    let n = 1u32..=150;
    prop_oneof![
        n.clone().prop_map(|a| (format!("[{a}]"), vec![a])),
        (n.clone(), 1u32..=6, prop_oneof![Just("–"), Just("-")])
            .prop_map(|(a, d, dash)| (format!("[{a}{dash}{}]", a + d), (a..=a + d).collect())),
        prop::collection::vec(n.clone(), 2..4).prop_map(|v| (
            format!(
                "[{}]",
                v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            ),
            v
        )),
        (n.clone(), n.clone(), 1u32..=4).prop_map(|(a, b, d)| (format!("[{a},{b}–{}]", b + d), {
            let mut v = vec![a];
            v.extend(b..=b + d);
            v
        })),
        (n.clone(), 1u32..=4)
            .prop_map(|(a, d)| (format!("[{a}]–[{}]", a + d), (a..=a + d).collect())),
        (n.clone(), 1u32..=9999).prop_map(|(a, p)| (format!("[{a}, p. {p}]"), vec![a])),
        (1u32..=99).prop_map(|a| (superscript(&a.to_string()), vec![a])),
        (1u32..=99, 1u32..=5).prop_map(|(a, d)| (
            superscript(&format!("{a}-{}", a + d)),
            (a..=a + d).collect()
        )),
        (1u32..=99, 1u32..=99).prop_map(|(a, b)| (superscript(&format!("{a},{b}")), vec![a, b])),
    ]
}

fn superscript(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => {
                ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][c as usize - '0' as usize]
            }
            '-' => '⁻',
            c => c,
        })
        .collect()
}

/// A numeric essay body, with the distractors an author–date essay has
/// ("[sic]", "[...]", "[2019]", links, list numbers).
fn numeric_body() -> impl Strategy<Value = (String, Vec<u32>)> {
    let distractor = prop_oneof![
        Just(" [sic]"),
        Just(" [...]"),
        Just(" [2019]"),
        Just(" [the report](https://example.org/1)"),
        Just(" 10² people"),
        Just(""),
    ];
    prop::collection::vec((grammar::prose(), numeric_citation(), distractor), 1..20).prop_map(
        |parts| {
            let mut text = String::from("1. A numbered point\n\n");
            let mut numbers = Vec::new();
            for (prose, (cite, ns), distractor) in parts {
                text.push_str(&format!("Poverty is {prose}{cite}{distractor}. "));
                numbers.extend(ns);
            }
            (text, numbers)
        },
    )
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES (read by the default config) sets the long runs.
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn citations_in_prose_are_found_exactly(body in grammar::body()) {
        spans_hold(&body.text);
        prop_assert_eq!(found(&body.text), body.expected, "{}", body.text);
    }

    #[test]
    fn numeric_citations_are_found_exactly((body, numbers) in numeric_body()) {
        spans_hold(&body);
        let got: Vec<u32> = extract_numeric(&body).into_iter().filter_map(|c| c.number).collect();
        prop_assert_eq!(got, numbers, "{}", body);
        // The author–date reader finds nothing in a numeric essay.
        prop_assert!(extract_citations(&body).is_empty());
    }

    #[test]
    fn entries_give_back_year_first_author_and_title(w in grammar::work(), layout in grammar::layout(), n in 1usize..200) {
        let text = grammar::entry(&w, layout, n);
        let parsed = parse_entry(&text);
        let item = &parsed.item;
        prop_assert_eq!(item.year(), Some(w.year as i32), "year of {}", text);
        let first = item.author.first().map(|a| fold_key(a.cited_form()));
        prop_assert_eq!(first, Some(fold_key(&w.authors[0].family)), "first author of {}", text);
        prop_assert_eq!(item.title.as_deref().map(fold_key), Some(fold_key(&w.title)), "title of {}", text);
        let numbered = matches!(layout, Layout::Vancouver | Layout::Ieee);
        prop_assert_eq!(parsed.number, numbered.then_some(n as u32), "number of {}", text);
    }

    #[test]
    fn generated_essays_audit_clean(
        works in prop::collection::vec(grammar::work(), 1..8),
        layout in grammar::layout(),
        prose in prop::collection::vec(grammar::prose(), 8),
        locator in prop::option::of(grammar::locator()),
    ) {
        // Distinct first authors and years, so each citation has one entry.
        let mut seen = std::collections::HashSet::new();
        let works: Vec<Work> = works
            .into_iter()
            .filter(|w| seen.insert((fold_key(&w.authors[0].family), w.year)))
            .collect();
        let numeric = matches!(layout, Layout::Vancouver | Layout::Ieee);
        let mut body = String::new();
        for (i, w) in works.iter().enumerate() {
            let cite = if numeric {
                format!("[{}]", i + 1)
            } else {
                grammar::cite_author_date(w, locator.as_deref())
            };
            body.push_str(&format!("Practice is {} {cite}. ", prose[i % prose.len()]));
        }
        let refs: Vec<String> = works.iter().enumerate().map(|(i, w)| grammar::entry(w, layout, i + 1)).collect();
        let a = audit(&body, &refs);
        prop_assert_eq!(a.citations.len(), works.len(), "{}", body);
        for (i, c) in a.citations.iter().enumerate() {
            prop_assert_eq!((c.status, c.reference), (Status::Ok, Some(i)), "{} in {} against {:?}", c.citation.text, body, refs);
        }
        prop_assert!(a.issues.is_empty(), "{:?}", a.issues);
    }

    #[test]
    fn any_mix_of_the_grammar_never_panics(
        pieces in prop::collection::vec(prop_oneof![
            grammar::citation().prop_map(|c| c.text),
            numeric_citation().prop_map(|c| c.0),
            grammar::prose(),
            (grammar::work(), grammar::layout()).prop_map(|(w, l)| grammar::entry(&w, l, 1)),
            "[\\PC]{0,8}",
        ], 0..30),
        cut in any::<prop::sample::Index>(),
    ) {
        // Glued together and cut anywhere: broken citations, entries in
        // bodies, half a bracket.
        let text = pieces.concat();
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        for s in [&text[..], &text[..at], &text[at..]] {
            spans_hold(s);
            let refs: Vec<String> = s.split(". ").map(str::to_string).collect();
            let a = audit(s, &refs);
            for i in &a.issues {
                prop_assert!(i.citation.is_none_or(|c| c < a.citations.len()));
                prop_assert!(i.reference.is_none_or(|r| r < a.references.len()));
            }
        }
    }
}
