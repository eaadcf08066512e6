//! What a chart needs to know of a work or an essay: a short label, the
//! publication year and the kind of reference, read once per call.

use std::collections::HashMap;

use quire_csl::CslItem;
use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The seven kinds of reference the charts tell apart, in the order they
/// are drawn. Every kind keeps its colour across charts (`ui/src/charts.ts`).
pub const REFERENCE_TYPES: [&str; 7] = [
    "journal_article",
    "book",
    "chapter",
    "report",
    "web_page",
    "legislation",
    "other",
];

/// The chart kind of a CSL item type. Conference papers sit with chapters
/// (a part of a bigger volume); theses, datasets, newspapers, films and the
/// rest are "other".
pub fn reference_type(csl_type: &str) -> &'static str {
    match csl_type {
        "article-journal" | "article" | "review" | "review-book" => "journal_article",
        "book" | "classic" => "book",
        "chapter" | "paper-conference" | "entry-encyclopedia" | "entry-dictionary" | "entry" => {
            "chapter"
        }
        "report" | "standard" => "report",
        "webpage" | "post-weblog" | "post" => "web_page",
        "legislation" | "bill" | "legal_case" | "regulation" | "treaty" | "hearing" => {
            "legislation"
        }
        _ => "other",
    }
}

/// A work as the charts name it.
#[derive(Debug, Clone)]
pub(crate) struct WorkFacts {
    /// "Ferguson (2014)", "Cree and Smith (2018)", "De Mesa et al. (2019)".
    pub label: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    pub kind: &'static str,
}

impl WorkFacts {
    /// Labelled as the citation audit names an entry ([`quire_cite::describe`]).
    pub fn of(csl: &CslItem) -> WorkFacts {
        WorkFacts {
            label: quire_cite::describe(csl),
            title: csl.title.clone(),
            year: csl.issued.as_ref().and_then(|d| d.year()),
            kind: reference_type(&csl.kind),
        }
    }

    /// A reference nothing can be read from: undated, of kind "other".
    pub fn unknown(label: String) -> WorkFacts {
        WorkFacts {
            label,
            title: None,
            year: None,
            kind: "other",
        }
    }
}

/// `s` cut at a word boundary to at most `max` characters, with "…".
pub(crate) fn short(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ':', ';', '–', '-']))
}

/// How an essay is named on an axis or a node: its author, else its title.
pub(crate) fn essay_label(title: &str, author: Option<&str>) -> String {
    match author.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => short(a, 40),
        None => short(title, 40),
    }
}

/// The facts of the works `ids`; a work whose stored CSL no longer reads is
/// named by its id and counted as undated "other", never fatal to a chart.
pub(crate) fn works(
    conn: &Connection,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, WorkFacts>> {
    let mut stmt = conn.prepare_cached("SELECT csl FROM works WHERE id = ?1")?;
    let mut out = HashMap::new();
    for id in ids {
        if out.contains_key(&id) {
            continue;
        }
        let csl: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
        let facts = match csl.and_then(|c| serde_json::from_str::<CslItem>(&c).ok()) {
            Some(csl) => WorkFacts::of(&csl),
            None => WorkFacts::unknown(format!("Work {id}")),
        };
        out.insert(id, facts);
    }
    Ok(out)
}

/// Median of sorted values (the mean of the middle two for an even count).
pub(crate) fn median(sorted: &[f64]) -> Option<f64> {
    quantile(sorted, 0.5)
}

/// The `q` quantile of sorted values, linearly interpolated between the
/// closest ranks (R's and NumPy's default, type 7).
pub(crate) fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// `x` rounded to two decimals, for figures people read.
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
