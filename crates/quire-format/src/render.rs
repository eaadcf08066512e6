//! Formatting works as a bibliography plus in-text citations.
//!
//! Every call is one citeproc-js "document": the works, the citations that
//! cite them in order, and the bibliography of all of them, so year
//! suffixes, "et al." and citation numbers come out as they do in Zotero.

use std::collections::VecDeque;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use quire_csl::CslItem;

use crate::markup::{Markup, Rich};
use crate::processor;
use crate::style::Style;
use crate::Result;

/// One bibliography entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormattedEntry {
    /// Position of the work in the input slice.
    pub index: usize,
    /// The entry in the requested markup; for numeric styles it starts with the label ("[1] ").
    pub text: String,
}

/// A formatted set of works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formatted {
    /// The bibliography, in the style's order (alphabetical, or by first citation).
    pub entries: Vec<FormattedEntry>,
    /// One in-text citation per cluster, in order. For [`format`] that is
    /// each work on its own, in input order: "(Ferguson, 2011)", "[3]".
    pub citations: Vec<String>,
}

impl Formatted {
    /// The bibliography entry of input item `index` (entries are in the
    /// style's order, so callers pairing markups look them up by index).
    pub fn entry(&self, index: usize) -> String {
        self.entries
            .iter()
            .find(|e| e.index == index)
            .map(|e| e.text.clone())
            .unwrap_or_default()
    }
}

/// A rendered document, writable in any markup without formatting again.
#[derive(Debug, Clone)]
pub struct Rendered {
    entries: Vec<Entry>,
    citations: Vec<Rich>,
}

#[derive(Debug, Clone)]
struct Entry {
    index: usize,
    /// The left-margin field of a `second-field-align` style: "[1]", or an
    /// author set off from the rest.
    label: Option<Rich>,
    body: Rich,
}

impl Rendered {
    /// The document in `markup`.
    pub fn to(&self, markup: Markup) -> Formatted {
        Formatted {
            entries: self
                .entries
                .iter()
                .map(|e| FormattedEntry {
                    index: e.index,
                    text: match &e.label {
                        Some(label) => format!("{} {}", label.write(markup), e.body.write(markup)),
                        None => e.body.write(markup),
                    },
                })
                .collect(),
            citations: self.citations.iter().map(|c| c.write(markup)).collect(),
        }
    }
}

/// Format `items` in `style`: every item is cited once, in input order, and
/// the bibliography lists them all.
pub fn format(items: &[CslItem], style: &Style, markup: Markup) -> Result<Formatted> {
    let clusters: Vec<Vec<usize>> = (0..items.len()).map(|i| vec![i]).collect();
    Ok(render(items, &clusters, style)?.to(markup))
}

/// Format a document: `items`, cited by `clusters` (each a list of indexes
/// into `items`, one in-text citation each, in document order). Items no
/// cluster cites are still in the bibliography.
pub fn render(items: &[CslItem], clusters: &[Vec<usize>], style: &Style) -> Result<Rendered> {
    let clusters: Vec<Vec<usize>> = clusters
        .iter()
        .map(|c| c.iter().copied().filter(|&i| i < items.len()).collect())
        .collect();
    let engine = style.engine();
    // The cache key streams the works' JSON into the hasher: a hit costs
    // one serialisation, no request built.
    let key = {
        let mut h = HashWriter(std::collections::hash_map::DefaultHasher::new());
        (engine.key, &clusters).hash(&mut h.0);
        let _ = serde_json::to_writer(&mut h, items);
        h.0.finish()
    };
    if let Some(hit) = recent(key, None) {
        return Ok(hit);
    }
    let items_json: Vec<serde_json::Value> = items.iter().map(request_item).collect();
    let request = serde_json::json!({ "items": items_json, "clusters": clusters }).to_string();
    let out = processor::run(&engine, request, items.len())?;
    let entries = out
        .order
        .iter()
        .zip(&out.entries)
        .filter(|(&index, _)| index < items.len())
        .map(|(&index, html)| {
            let (label, body) = split_entry(html);
            Entry { index, label, body }
        })
        .collect();
    let citations = out
        .citations
        .iter()
        .map(|html| Rich::from_html(html).collapse())
        .collect();
    let rendered = Rendered { entries, citations };
    recent(key, Some(&rendered));
    Ok(rendered)
}

/// Feeds written bytes to a hasher.
struct HashWriter(std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The documents rendered last, by a hash of style and request: a list
/// preview asked for again (every redraw, every markup) costs a lookup
/// instead of seconds in the processor.
fn recent(key: u64, store: Option<&Rendered>) -> Option<Rendered> {
    const KEEP: usize = 24;
    static RECENT: Mutex<VecDeque<(u64, Rendered)>> = Mutex::new(VecDeque::new());
    let mut recent = RECENT.lock().unwrap_or_else(|p| p.into_inner());
    let pos = recent.iter().position(|(k, _)| *k == key);
    match store {
        Some(rendered) => {
            if let Some(pos) = pos {
                recent.remove(pos);
            }
            recent.push_front((key, rendered.clone()));
            recent.truncate(KEEP);
            None
        }
        None => {
            let hit = recent.remove(pos?)?;
            recent.push_front(hit.clone());
            Some(hit.1)
        }
    }
}

/// One work formatted on its own, as a list of works shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Single {
    /// The bibliography entry without a numeric label: a work alone has no
    /// number, and "[1]" on every row of a list would be wrong.
    pub html: String,
    pub text: String,
    /// The in-text citation, or empty for a numeric style (whose "[1]"
    /// only means something within one bibliography).
    pub citation: String,
}

/// Format one item alone, in HTML and plain text from one rendering.
///
/// Unlike [`format`], the cost does not depend on any other work, so a
/// caller can format works one at a time and keep each result.
pub fn format_single(item: &CslItem, style: &Style) -> Result<Single> {
    let rendered = render(std::slice::from_ref(item), &[vec![0]], style)?;
    let (mut html, mut text) = (String::new(), String::new());
    if let Some(entry) = rendered.entries.into_iter().next() {
        // A first field with a letter is part of the entry (an author set
        // off by second-field-align); digits and brackets are a label.
        if let Some(label) = entry
            .label
            .filter(|l| l.plain().chars().any(char::is_alphabetic))
        {
            html = label.write(Markup::Html) + " ";
            text = label.write(Markup::Text) + " ";
        }
        html.push_str(&entry.body.write(Markup::Html));
        text.push_str(&entry.body.write(Markup::Text));
    }
    let citation = rendered
        .citations
        .first()
        .map(|c| c.write(Markup::Text))
        .filter(|c| c.chars().any(char::is_alphabetic))
        .unwrap_or_default();
    Ok(Single {
        html: html.trim().to_string(),
        text: text.trim().to_string(),
        citation,
    })
}

/// The CSL variables that hold dates.
const DATE_VARIABLES: &[&str] = &[
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
];

/// `item` as the CSL-JSON citeproc-js reads, with dates it would refuse
/// made valid: citeproc-js throws on a range whose ends have different
/// precision and indexes month names by the month, so one mistyped work
/// would otherwise fail a whole bibliography.
fn request_item(item: &CslItem) -> serde_json::Value {
    let mut value = serde_json::to_value(item).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        for key in DATE_VARIABLES {
            let keep = map.get_mut(*key).is_some_and(clean_date);
            if !keep {
                map.remove(*key);
            }
        }
    }
    value
}

/// Makes a CSL-JSON date valid in place; false when nothing is left of it.
fn clean_date(date: &mut serde_json::Value) -> bool {
    let Some(map) = date.as_object_mut() else {
        return date.as_str().is_some_and(|s| !s.trim().is_empty());
    };
    if let Some(parts) = map.get("date-parts").and_then(|p| p.as_array()) {
        let mut dates: Vec<Vec<i64>> = parts
            .iter()
            .take(2)
            .filter_map(|d| d.as_array())
            .map(|d| {
                let nums: Vec<i64> = d
                    .iter()
                    .map_while(|p| {
                        p.as_i64()
                            .or_else(|| p.as_str().and_then(|s| s.trim().parse().ok()))
                    })
                    .collect();
                let mut out = Vec::with_capacity(3);
                if let Some(&year) = nums.first() {
                    out.push(year);
                    if let Some(&month) = nums.get(1).filter(|m| matches!(m, 1..=16 | 21..=24)) {
                        out.push(month);
                        if let Some(&day) = nums.get(2).filter(|d| (1..=31).contains(*d)) {
                            if month <= 12 {
                                out.push(day);
                            }
                        }
                    }
                }
                out
            })
            .filter(|d| !d.is_empty())
            .collect();
        if let [from, to] = dates.as_mut_slice() {
            let len = from.len().min(to.len());
            from.truncate(len);
            to.truncate(len);
        }
        if dates.is_empty() {
            map.remove("date-parts");
        } else {
            map.insert("date-parts".into(), serde_json::json!(dates));
        }
    }
    ["date-parts", "literal", "raw"]
        .iter()
        .any(|k| map.contains_key(*k))
}

/// Splits a citeproc-js entry into its left-margin label (if the style
/// aligns a second field) and the rest.
fn split_entry(html: &str) -> (Option<Rich>, Rich) {
    const LEFT: &str = "<div class=\"csl-left-margin\">";
    const RIGHT: &str = "<div class=\"csl-right-inline\">";
    if let (Some(l), Some(r)) = (html.find(LEFT), html.find(RIGHT)) {
        if l < r {
            let label = Rich::from_html(&html[l..r]).collapse();
            let body = Rich::from_html(&html[r..]).collapse();
            if !label.is_empty() {
                return (Some(label), body);
            }
        }
    }
    (None, Rich::from_html(html).collapse())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_csl::{DateField, Name};

    fn book() -> CslItem {
        CslItem {
            kind: "book".into(),
            author: vec![Name::person("Ruch", "G.")],
            issued: Some(DateField::ymd(2010, None, None)),
            title: Some("Relationship-based social work".into()),
            publisher: Some("Jessica Kingsley".into()),
            ..CslItem::default()
        }
    }

    #[test]
    fn a_single_work_has_no_numeric_label() {
        let ieee = format_single(&book(), &Style::load("ieee").unwrap()).unwrap();
        assert!(!ieee.text.starts_with('['), "{}", ieee.text);
        assert!(ieee.text.contains("Ruch"), "{}", ieee.text);
        assert_eq!(ieee.citation, "");
        let harvard = format_single(&book(), &Style::load("harvard").unwrap()).unwrap();
        assert!(
            harvard.text.starts_with("Ruch, G. (2010)"),
            "{}",
            harvard.text
        );
        assert_eq!(harvard.citation, "(Ruch, 2010)");
        assert!(harvard
            .html
            .contains("<i>Relationship-based social work</i>"));
    }

    #[test]
    fn dois_are_links_in_html_and_text_elsewhere() {
        let mut article = book();
        article.kind = "article-journal".into();
        article.container_title = Some("Child & Family Social Work".into());
        article.doi = Some("10.1111/cfs.12142".into());
        let apa = format_single(&article, &Style::load("apa").unwrap()).unwrap();
        assert!(
            apa.html
                .contains("<a href=\"https://doi.org/10.1111/cfs.12142\">https://doi.org/10.1111/cfs.12142</a>"),
            "{}",
            apa.html
        );
        assert!(
            apa.text.ends_with("https://doi.org/10.1111/cfs.12142"),
            "{}",
            apa.text
        );
        assert!(apa.html.contains("Child &amp; Family"), "{}", apa.html);
    }

    #[test]
    fn numeric_entries_keep_their_label_in_a_bibliography() {
        let out = format(&[book()], &Style::load("ieee").unwrap(), Markup::Text).unwrap();
        assert!(
            out.entries[0].text.starts_with("[1] G. Ruch"),
            "{}",
            out.entries[0].text
        );
        assert_eq!(out.citations, vec!["[1]"]);
    }

    #[test]
    fn clusters_cite_several_works_at_once() {
        let mut other = book();
        other.author = vec![Name::person("Ferguson", "H.")];
        other.issued = Some(DateField::ymd(2011, None, None));
        let style = Style::load("apa").unwrap();
        let rendered = render(&[book(), other], &[vec![0, 1], vec![1]], &style).unwrap();
        let out = rendered.to(Markup::Text);
        assert_eq!(
            out.citations,
            vec!["(Ferguson, 2011; Ruch, 2010)", "(Ferguson, 2011)"]
        );
        assert_eq!(out.entries[0].index, 1);
    }
}
