//! Property tests on unstructured text: no input makes the parsers or the
//! audit panic, and what they return is internally consistent (spans inside
//! the body, indices in range, `cited_by` the inverse of `reference`). The
//! grammar-based fuzzing is in `grammar_fuzz.rs`; every crasher either found is
//! kept in `tests/fixtures/cite/crashers.json` and replayed here.

mod support;

use proptest::prelude::*;
use quire_cite::{audit, extract_citations, parse_reference};

/// Text made of the pieces citations and entries are made of, so the
/// interesting code paths are reached far more often than by random bytes.
fn citationish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("Smith".to_string()),
        Just("O'Leary".to_string()),
        Just("van Spijker".to_string()),
        Just(" and ".to_string()),
        Just(" & ".to_string()),
        Just(", ".to_string()),
        Just("; ".to_string()),
        Just(". ".to_string()),
        Just("et al.".to_string()),
        Just("'s".to_string()),
        Just("cited in ".to_string()),
        Just("2019".to_string()),
        Just("2018a".to_string()),
        Just("n.d.".to_string()),
        Just("in press".to_string()),
        Just("p. 6".to_string()),
        Just("pp. 4–5".to_string()),
        Just("*".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("In: ".to_string()),
        Just("(Eds.)".to_string()),
        Just("21(3)".to_string()),
        Just(": ".to_string()),
        Just("https://doi.org/10.1000/x".to_string()),
        Just("[Accessed 3 June 2020]".to_string()),
        Just("\n\n".to_string()),
        "[\\PC]{0,6}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(body: &str, refs: &[String]) {
    for c in extract_citations(body) {
        assert!(c.start <= c.end && c.end <= body.len());
        assert!(body.is_char_boundary(c.start) && body.is_char_boundary(c.end));
        assert!(!c.authors.is_empty() || c.number.is_some());
    }
    for r in refs {
        let item = parse_reference(r);
        assert!(!item.kind.is_empty());
        serde_json::to_string(&item).expect("CSL-JSON serialises");
    }
    let a = audit(body, refs);
    assert_eq!(a.references.len(), refs.len());
    for (ci, c) in a.citations.iter().enumerate() {
        if let Some(ri) = c.reference {
            assert!(a.references[ri].cited_by.contains(&ci));
        }
    }
    for i in &a.issues {
        assert!(i.citation.is_none_or(|c| c < a.citations.len()));
        assert!(i.reference.is_none_or(|r| r < a.references.len()));
        assert!(!i.message.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(body in "\\PC{0,300}", refs in prop::collection::vec("\\PC{0,200}", 0..5)) {
        check(&body, &refs);
    }

    #[test]
    fn citation_like_text_never_panics(body in citationish(), refs in prop::collection::vec(citationish(), 0..5)) {
        check(&body, &refs);
    }
}

#[test]
fn crashers_stay_fixed() {
    let path = support::repo_path("tests/fixtures/cite/crashers.json");
    let crashers: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("JSON");
    for c in crashers.as_array().expect("array") {
        let body = c["body"].as_str().unwrap_or("");
        let refs: Vec<String> = c["references"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect();
        check(body, &refs);
    }
}

#[test]
fn huge_input_is_handled() {
    let body = "(Smith, 2019) ".repeat(20_000) + &"(".repeat(50_000);
    let refs = vec!["Smith, J. (2019) 'Title', *Journal*, 1(2), pp. 3-4.".repeat(500)];
    check(&body, &refs);
}
