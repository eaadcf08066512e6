//! Searches and themes for a person: the hits with their snippets (matches
//! in `*stars*`), facets, saved themes and what one covers, key terms.
//!
//! Titles and snippets pass through `terminal::safe` here, one by one, so a
//! hostile document cannot spill an escape sequence into the next line.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quire_api::wire::{
    FacetCount, KeyTerm, SearchHit, SearchResults, SnippetPart, ThemeDoc, ThemeReport, ThemeSummary,
};

use crate::terminal::safe;

/// `quire search`: the number of matching documents, each hit with where
/// it matched and its snippet, then the facets when asked for.
pub fn results(
    results: &SearchResults,
    facets: Option<&BTreeMap<String, Vec<FacetCount>>>,
) -> String {
    let mut out = format!("{} matching document(s)\n", results.total);
    for h in &results.hits {
        out.push_str(&hit(h));
    }
    for (name, counts) in facets.into_iter().flatten() {
        let list: Vec<String> = counts
            .iter()
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect();
        let _ = writeln!(out, "\n{name}: {}", list.join(", "));
    }
    out
}

/// One hit: `[id] title — author (kind, ¶n)` and its marked snippet.
fn hit(h: &SearchHit) -> String {
    let at = h
        .paragraph
        .map_or("details".to_string(), |p| format!("¶{}", p + 1));
    let author = super::dash_author(h.author.as_deref());
    let head = format!("[{}] {}{} ({}, {at})", h.doc, h.title, author, h.kind);
    format!("\n{}\n    {}\n", safe(&head), marked(&h.parts))
}

/// A snippet for the terminal: its matched parts in `*stars*`, escape
/// sequences and control characters a document may hold left out.
pub fn marked(parts: &[SnippetPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part.matched {
            true => {
                let _ = write!(out, "*{}*", part.text);
            }
            false => out.push_str(&part.text),
        }
    }
    safe(&out).into_owned()
}

/// Lines for stderr: the parts of a query left out, and similar spellings used.
pub fn notes(ignored: &[String], similar: &[String]) -> String {
    let mut out = String::new();
    for note in ignored {
        let _ = writeln!(out, "ignored: {note}");
    }
    for s in similar {
        let _ = writeln!(out, "similar spelling: {s}");
    }
    out
}

/// `quire themes`: each theme with what it covers (or why it cannot be
/// used), then the suggested words.
pub fn themes(themes: &[ThemeSummary], suggested: &[KeyTerm]) -> String {
    let mut out = String::new();
    for t in themes {
        let _ = match &t.error {
            Some(error) => writeln!(out, "{:<30} cannot be used: {error}", t.theme.name),
            None => writeln!(
                out,
                "{:<30} {:>3} documents {:>4} paragraphs  {}  {}",
                t.theme.name, t.documents, t.paragraphs, t.theme.colour, t.theme.query
            ),
        };
    }
    if !suggested.is_empty() {
        let words: Vec<&str> = suggested.iter().map(|k| k.term.as_str()).collect();
        let _ = writeln!(out, "\nsuggested: {}", words.join(", "));
    }
    out
}

/// `quire theme add`: the theme saved, with the colour it got.
pub fn theme_saved(report: &ThemeReport) -> String {
    let t = &report.theme;
    format!("saved theme {:?}: {} ({})\n", t.name, t.query, t.colour)
}

/// `quire theme show`: the theme, each document with its matching
/// paragraphs, then the works those paragraphs cite.
pub fn theme(report: &ThemeReport) -> String {
    let mut out = format!("{} — {}\n", report.theme.name, report.theme.query);
    for d in &report.documents {
        out.push_str(&theme_doc(d));
    }
    if !report.works.is_empty() {
        out.push_str("\nworks cited by these paragraphs:\n");
        for w in &report.works {
            let _ = writeln!(out, "  {:>3}× {}", w.paragraphs, w.work);
        }
    }
    out
}

/// One document of a theme: its heading and each paragraph's snippet.
fn theme_doc(d: &ThemeDoc) -> String {
    let mut out = format!(
        "\n[{}] {}{}: {} paragraph(s)\n",
        d.doc,
        d.title,
        super::dash_author(d.author.as_deref()),
        d.paragraphs.len()
    );
    for p in &d.paragraphs {
        let at = p.paragraph.map_or(0, |i| i + 1);
        let _ = writeln!(out, "    ¶{at}: {}", marked(&p.parts));
    }
    out
}

/// `quire terms`: each term with its score.
pub fn terms(terms: &[KeyTerm]) -> String {
    let mut out = String::new();
    for t in terms {
        let _ = writeln!(out, "{:<30} {:>8.2}", t.term, t.score);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str, matched: bool) -> SnippetPart {
        SnippetPart {
            text: text.into(),
            matched,
        }
    }

    fn hit(parts: Vec<SnippetPart>) -> SearchHit {
        SearchHit {
            doc: 7,
            title: "On \u{1b}]0;evil\u{7}care".into(),
            author: Some("Ada".into()),
            kind: "essay".into(),
            paragraph: Some(2),
            score: 1.0,
            snippet: parts.iter().map(|p| p.text.as_str()).collect(),
            highlights: vec![],
            parts,
        }
    }

    #[test]
    fn matched_parts_are_starred_and_escapes_dropped() {
        let parts = [
            part("Poverty", true),
            part("-aware \u{1b}[31m", false),
            part("practice", true),
        ];
        assert_eq!(marked(&parts), "*Poverty*-aware *practice*");
        assert_eq!(marked(&[]), "");
    }

    #[test]
    fn adjacent_matches_each_get_their_stars() {
        let parts = [
            part("care", true),
            part("work", true),
            part(" today", false),
        ];
        assert_eq!(marked(&parts), "*care**work* today");
    }

    #[test]
    fn results_show_where_each_hit_matched() {
        let r = SearchResults {
            total: 1,
            ignored: vec![],
            hits: vec![hit(vec![part("a ", false), part("care", true)])],
            facets: Default::default(),
            similar: vec![],
        };
        let facets = BTreeMap::from([(
            "kind".to_string(),
            vec![FacetCount {
                value: "essay".into(),
                count: 1,
            }],
        )]);
        assert_eq!(
            results(&r, Some(&facets)),
            "1 matching document(s)\n\n[7] On care — Ada (essay, ¶3)\n    a *care*\n\nkind: essay (1)\n"
        );
    }

    #[test]
    fn notes_name_what_the_query_left_out() {
        let text = notes(&["(( unbalanced".into()], &["beresfrod → beresford".into()]);
        assert_eq!(
            text,
            "ignored: (( unbalanced\nsimilar spelling: beresfrod → beresford\n"
        );
    }
}
