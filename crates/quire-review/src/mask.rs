//! Hiding who wrote an entry, for blind marking.
//!
//! The author's name (in full, and each of its parts, so "Clarke argues"
//! and "Holly's placement" are caught too) and the affiliation (in full,
//! and its distinctive words: "Lincoln" of "University of Lincoln") are
//! replaced by a neutral token wherever they stand, also across a line
//! break. A paragraph left holding nothing but tokens and separators (the
//! author line, "Holly Clarke - University of Lincoln") becomes one
//! author-line token. Nothing is dropped silently: every masked stretch is
//! a token the reader sees, and [`Masked::spans`] says where each came from
//! so spans of the original text (citations) can be moved onto the masked
//! one.

use std::ops::Range;

use regex::Regex;

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKind {
    Author,
    Affiliation,
    AuthorLine,
}

impl MaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MaskKind::Author => "author",
            MaskKind::Affiliation => "affiliation",
            MaskKind::AuthorLine => "author line",
        }
    }
}

/// One masked stretch: where it was in the original and where its token
/// is in the masked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaskSpan {
    pub original: Range<usize>,
    pub masked: Range<usize>,
    pub kind: MaskKind,
}

/// A text with its author masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    /// In order, not overlapping.
    pub spans: Vec<MaskSpan>,
}

impl Masked {
    /// Where a byte offset of the original text is in the masked one.
    /// An offset inside a masked stretch maps to its token's start.
    pub fn map(&self, pos: usize) -> usize {
        let mut shift: isize = 0;
        for s in &self.spans {
            if pos < s.original.start {
                break;
            }
            if pos < s.original.end {
                return s.masked.start;
            }
            shift = s.masked.end as isize - s.original.end as isize;
        }
        (pos as isize + shift) as usize
    }

    /// A span of the original text in the masked one, or `None` when it
    /// touches a masked stretch (its text is no longer there).
    pub fn map_span(&self, span: Range<usize>) -> Option<Range<usize>> {
        if self
            .spans
            .iter()
            .any(|s| s.original.start < span.end && span.start < s.original.end)
        {
            return None;
        }
        Some(self.map(span.start)..self.map(span.end))
    }
}

/// Words of an affiliation that say nothing about which one it is.
const GENERIC: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "department",
    "faculty",
    "centre",
    "center",
    "campus",
    "the",
    "and",
    "for",
    "social",
    "work",
    "studies",
    "sciences",
    "science",
    "health",
    "care",
    "open",
    "city",
    "state",
    "national",
    "royal",
    "metropolitan",
    "new",
    "north",
    "south",
    "east",
    "west",
    "central",
    "trust",
    "council",
    "academy",
    "polytechnic",
];

/// Mask `author` and `affiliation` in `text`, writing `token(kind)` for
/// each masked stretch.
pub fn mask(
    text: &str,
    author: Option<&str>,
    affiliation: Option<&str>,
    token: &dyn Fn(MaskKind) -> String,
) -> Masked {
    let mut found: Vec<(Range<usize>, MaskKind)> = Vec::new();
    for (kind, terms) in [
        (
            MaskKind::Author,
            author.map(author_terms).unwrap_or_default(),
        ),
        (
            MaskKind::Affiliation,
            affiliation.map(affiliation_terms).unwrap_or_default(),
        ),
    ] {
        if let Some(re) = pattern(&terms) {
            found.extend(re.find_iter(text).map(|m| (m.range(), kind)));
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut spans: Vec<(Range<usize>, MaskKind)> = Vec::new();
    for (r, kind) in found {
        match spans.last_mut() {
            Some((last, _)) if r.start < last.end => last.end = last.end.max(r.end),
            _ => spans.push((r, kind)),
        }
    }
    let spans = author_lines(text, spans);

    let mut out = String::with_capacity(text.len());
    let mut result = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (r, kind) in spans {
        out.push_str(&text[at..r.start]);
        let start = out.len();
        out.push_str(&token(kind));
        result.push(MaskSpan {
            original: r.clone(),
            masked: start..out.len(),
            kind,
        });
        at = r.end;
    }
    out.push_str(&text[at..]);
    Masked {
        text: out,
        spans: result,
    }
}

/// The full name and each capitalised part of two letters or more
/// ("Holly Clarke", "Holly", "Clarke"; "Clarke, H." gives "Clarke").
fn author_terms(author: &str) -> Vec<String> {
    let mut terms = vec![author.trim().trim_end_matches('.').to_string()];
    for part in author.split(|c: char| c.is_whitespace() || c == ',') {
        let part = part.trim_matches(|c: char| !c.is_alphanumeric());
        let letters = part.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && part.chars().next().is_some_and(char::is_uppercase) {
            terms.push(part.to_string());
        }
    }
    terms
}

/// The full affiliation and its distinctive capitalised words.
fn affiliation_terms(affiliation: &str) -> Vec<String> {
    let mut terms = vec![affiliation.trim().to_string()];
    for word in affiliation.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        if word.chars().count() >= 4
            && word.chars().next().is_some_and(char::is_uppercase)
            && !GENERIC.contains(&word.to_lowercase().as_str())
        {
            terms.push(word.to_string());
        }
    }
    terms
}

/// One regex for all terms, longest first (the regex takes the first
/// alternative that matches at a position), words joined by any run of
/// spaces holding at most one line break, matched as whole words, as
/// written or in capitals.
fn pattern(terms: &[String]) -> Option<Regex> {
    let mut terms: Vec<String> = terms
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .flat_map(|t| [t.to_uppercase(), t])
        .collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    terms.dedup();
    if terms.is_empty() {
        return None;
    }
    let alternatives: Vec<String> = terms
        .iter()
        .map(|t| {
            t.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)")
        })
        .collect();
    Regex::new(&format!(r"\b(?:{})\b", alternatives.join("|"))).ok()
}

/// Merge the spans of a paragraph that holds nothing else (but separators
/// and "by"/"and") into one author-line span over the whole paragraph.
fn author_lines(text: &str, spans: Vec<(Range<usize>, MaskKind)>) -> Vec<(Range<usize>, MaskKind)> {
    let mut out: Vec<(Range<usize>, MaskKind)> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let para = paragraph_around(text, spans[i].0.start);
        let mut j = i;
        while j < spans.len() && spans[j].0.end <= para.end {
            j += 1;
        }
        let mut rest = String::new();
        let mut at = para.start;
        for (r, _) in &spans[i..j] {
            rest.push_str(&text[at..r.start.max(at)]);
            at = r.end;
        }
        rest.push_str(&text[at.min(para.end)..para.end]);
        let filler = rest
            .split(|c: char| !c.is_alphanumeric())
            .all(|w| w.is_empty() || matches!(w.to_lowercase().as_str(), "by" | "and" | "from"));
        if j > i && filler && !para.is_empty() {
            out.push((para, MaskKind::AuthorLine));
            i = j;
        } else {
            out.push(spans[i].clone());
            i += 1;
        }
    }
    out
}

/// The trimmed, blank-line separated paragraph holding `pos`.
fn paragraph_around(text: &str, pos: usize) -> Range<usize> {
    let start = text[..pos].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[pos..].find("\n\n").map_or(text.len(), |i| pos + i);
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    (start + lead)..(end - trail).max(start + lead)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(kind: MaskKind) -> String {
        format!("[{}]", kind.as_str())
    }

    #[test]
    fn the_author_line_becomes_one_token_and_names_in_the_text_are_masked() {
        let text = "Holly Clarke - University of Lincoln\n\nAs a student in Lincoln, I (Clarke)\nsaw HOLLY CLARKE's file.";
        let m = mask(
            text,
            Some("Holly Clarke"),
            Some("University of Lincoln"),
            &t,
        );
        assert_eq!(
            m.text,
            "[author line]\n\nAs a student in [affiliation], I ([author])\nsaw [author]'s file."
        );
        assert_eq!(m.spans[0].kind, MaskKind::AuthorLine);
    }

    #[test]
    fn names_across_a_line_break_but_not_across_paragraphs() {
        let m = mask("met Holly\nClarke there", Some("Holly Clarke"), None, &t);
        assert_eq!(m.text, "met [author] there");
        let m = mask("Holly\n\nClarke", Some("Holly Clarke"), None, &t);
        assert_eq!(m.text, "[author line]\n\n[author line]");
    }

    #[test]
    fn ordinary_words_and_parts_of_words_stay() {
        let m = mask(
            "Hollywood and the open university; Open doors.",
            Some("Holly Clarke"),
            Some("Open University"),
            &t,
        );
        assert_eq!(m.text, "Hollywood and the open university; Open doors.");
        let m = mask(
            "Cardiff University students",
            None,
            Some("Cardiff University"),
            &t,
        );
        assert_eq!(m.text, "[affiliation] students");
    }

    #[test]
    fn spans_of_the_original_move_onto_the_masked_text() {
        let text = "Holly Clarke wrote (Smith, 2019) well.";
        let m = mask(text, Some("Holly Clarke"), None, &t);
        let cite = text.find("(Smith").unwrap()..text.find(" well").unwrap();
        let moved = m.map_span(cite).unwrap();
        assert_eq!(&m.text[moved], "(Smith, 2019)");
        assert_eq!(m.map_span(0..5), None);
        assert_eq!(m.map(text.len()), m.text.len());
    }

    use proptest::prelude::*;

    /// Prose generated from words, names, places, punctuation, line breaks
    /// and paragraph breaks, with the names in the forms students write.
    fn prose() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => prop::sample::select(vec!["the", "social", "worker", "trust", "Holly-Ann", "Clarkeson", "Lincolnshire", "(Smith, 2019)", "é", "—"]).prop_map(str::to_string),
            1 => prop::sample::select(vec!["Holly", "Clarke", "Holly Clarke", "HOLLY CLARKE", "Clarke's", "Holly\nClarke", "Lincoln", "University of Lincoln", "Holly Clarke - University of Lincoln"]).prop_map(str::to_string),
            1 => prop::sample::select(vec![".", ",", "\n", "\n\n", " - ", "*", "_"]).prop_map(str::to_string),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|p| p.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn generated_prose_keeps_no_name_and_maps_every_offset(text in prose()) {
            let m = mask(&text, Some("Holly Clarke"), Some("University of Lincoln"), &t);
            for word in ["Holly", "Clarke", "Lincoln", "HOLLY", "CLARKE"] {
                let left = m.text.match_indices(word).any(|(i, _)| {
                    let before = m.text[..i].chars().next_back();
                    let after = m.text[i + word.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
                        && !m.text[..i].ends_with('-')
                });
                prop_assert!(!left, "{word} left in {:?}", m.text);
            }
            // Every offset maps onto a char boundary, in order.
            let mut last = 0;
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let at = m.map(i);
                prop_assert!(m.text.is_char_boundary(at));
                prop_assert!(at >= last);
                last = at;
            }
            // Paragraphs are neither made nor lost.
            prop_assert_eq!(text.matches("\n\n").count(), m.text.matches("\n\n").count());
        }
    }

    #[test]
    fn nothing_to_mask_changes_nothing() {
        let m = mask("plain text", None, None, &t);
        assert_eq!(m.text, "plain text");
        assert!(m.spans.is_empty());
        let m = mask("plain text", Some("  "), Some("X"), &t);
        assert_eq!(m.text, "plain text");
    }
}
