//! Insights for a person: the figures each chart of the app draws, as
//! tables and bars of text.

use std::fmt::Write as _;

use quire_api::wire::{
    CitedPassage, Coverage, EssayAges, EssayInsights, Importance, LibraryInsights, Network,
    NodeKind, SearchHit, ThemeMatrix,
};

use super::clip;

/// A bar of `n` blocks, at most 40.
fn bar(n: usize) -> String {
    "█".repeat(n.min(40))
}

fn years(n: Option<f64>) -> String {
    n.map_or_else(|| "–".to_string(), |v| format!("{v} years"))
}

pub fn essay(e: &EssayInsights) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#{} {}", e.document, e.title);
    let _ = writeln!(
        out,
        "{} words · {} references ({} undated) · essay year {}",
        e.words,
        e.references,
        e.undated,
        e.year
            .map_or_else(|| "unknown".to_string(), |y| y.to_string())
    );
    let _ = writeln!(out, "Median reference age: {}", years(e.median_age));
    let _ = writeln!(
        out,
        "Citations: {} ({} per 100 words)",
        e.citations, e.citations_per_100_words
    );
    let _ = writeln!(out, "\nReferences by year of publication:");
    for y in &e.years {
        let _ = writeln!(out, "  {:>5}  {:>3} {}", y.year, y.count, bar(y.count));
    }
    let _ = writeln!(out, "\nReferences by kind:");
    for (kind, n) in &e.types {
        if *n > 0 {
            let _ = writeln!(out, "  {:<16} {:>3} {}", kind.replace('_', " "), n, bar(*n));
        }
    }
    // One mark per paragraph: its citations, `0` for prose citing nothing,
    // `·` for a heading or a short line.
    let strip: String = e
        .paragraphs
        .iter()
        .map(|p| match (p.prose, p.citations) {
            (false, 0) => '·',
            (_, n) if n > 9 => '+',
            (_, n) => char::from_digit(n as u32, 10).unwrap_or('+'),
        })
        .collect();
    let _ = writeln!(out, "\nCitations per paragraph: {strip}");
    let uncited: Vec<String> = e.uncited_paragraphs.iter().map(|p| p.to_string()).collect();
    let _ = writeln!(
        out,
        "Paragraphs citing nothing: {}",
        if uncited.is_empty() {
            "none".to_string()
        } else {
            uncited.join(", ")
        }
    );
    out
}

pub fn library(l: &LibraryInsights) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} essays citing {} works", l.essays, l.works);
    let _ = writeln!(out, "\nMost-cited works (essays · in-text citations):");
    for m in &l.most_cited {
        let docs: Vec<String> = m.documents.iter().map(|d| format!("#{d}")).collect();
        let _ = writeln!(
            out,
            "  {:>3} · {:>3}  {:<40} {}",
            m.count,
            m.citations,
            clip(&m.label, 40),
            clip(&docs.join(" "), 30)
        );
    }
    out.push('\n');
    out.push_str(&network(&l.network));
    out.push('\n');
    out.push_str(&themes(&l.themes));
    out.push('\n');
    out.push_str(&ages(&l.ages));
    out
}

pub fn network(n: &Network) -> String {
    let essays = n.nodes.iter().filter(|n| n.kind == NodeKind::Essay).count();
    let works = n.nodes.len() - essays;
    let shared = n
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Work && n.degree >= 2)
        .count();
    let mut out = format!(
        "Citation network: {essays} essays, {works} works ({shared} cited by two or more essays), {} citation links\n",
        n.edges.len()
    );
    if n.hidden_nodes > 0 {
        let _ = writeln!(
            out,
            "  {} less-connected nodes and {} links hidden",
            n.hidden_nodes, n.hidden_edges
        );
    }
    out
}

pub fn themes(m: &ThemeMatrix) -> String {
    let mut out = String::from("Theme heat map (matching paragraphs; * suggested):\n");
    let _ = write!(out, "  {:<28}", "");
    for d in &m.documents {
        let _ = write!(out, "{:>5}", format!("#{}", d.id));
    }
    out.push('\n');
    for (t, counts) in m.themes.iter().zip(&m.counts) {
        let name = format!("{}{}", t.name, if t.suggested { " *" } else { "" });
        let _ = write!(out, "  {:<28}", clip(&name, 28));
        for c in counts {
            let _ = write!(out, "{c:>5}");
        }
        out.push('\n');
    }
    out
}

pub fn cell(hits: &[SearchHit]) -> String {
    if hits.is_empty() {
        return "No paragraph of it matches.\n".into();
    }
    let mut out = String::new();
    for h in hits {
        let text: String = h
            .parts
            .iter()
            .map(|p| match p.matched {
                true => format!("[{}]", p.text),
                false => p.text.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "¶{}  {}",
            h.paragraph.unwrap_or(0),
            text.replace('\n', " ")
        );
    }
    out
}

pub fn ages(ages: &[EssayAges]) -> String {
    let mut out =
        String::from("Reference age by essay, in years (min · q1 · median · q3 · max, n):\n");
    for a in ages {
        let _ = writeln!(
            out,
            "  #{:<4} {:<28} {:>5} {:>6} {:>6} {:>6} {:>5}  n={}",
            a.document,
            clip(&a.label, 28),
            a.min,
            a.q1,
            a.median,
            a.q3,
            a.max,
            a.references
        );
    }
    out
}

pub fn passages(p: &[CitedPassage]) -> String {
    if p.is_empty() {
        return "No essay cites it in its text.\n".into();
    }
    let mut out = String::new();
    for p in p {
        let _ = writeln!(
            out,
            "#{} {} ¶{}  {}\n  {}\n",
            p.document,
            p.label,
            p.paragraph,
            p.citations.join("; "),
            clip(&p.text.replace('\n', " "), 300)
        );
    }
    out
}

pub fn coverage(c: &Coverage) -> String {
    let mut out = format!(
        "{}: {} items against {} essays\n",
        c.list,
        c.items.len(),
        c.essays
    );
    for i in &c.items {
        let importance = match i.importance {
            Some(Importance::Essential) => "essential",
            Some(Importance::Recommended) => "recommended",
            Some(Importance::Further) => "further",
            None => "",
        };
        let _ = writeln!(
            out,
            "  {:>3} essays  {:<11} {}",
            i.cited_by.len(),
            importance,
            clip(&i.label, 50)
        );
    }
    if !c.essential_uncited.is_empty() {
        let names: Vec<String> = c
            .items
            .iter()
            .filter(|i| c.essential_uncited.contains(&i.work))
            .map(|i| i.label.clone())
            .collect();
        let _ = writeln!(out, "Essential and cited by no essay: {}", names.join("; "));
    }
    out
}
