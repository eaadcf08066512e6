//! Formatting a set of works as a bibliography plus in-text citations.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use hayagriva::citationberg::json as csl;
use hayagriva::{BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest};
use quire_csl::CslItem;

use crate::citeproc::to_citeproc;
use crate::markup::{self, Markup};
use crate::style::{self, Style};
use crate::{Error, Result};

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
    /// The in-text citation of each work on its own, in input order: "(Ferguson, 2011)", "[3]".
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

/// Format `items` in `style`: every item is cited once, in input order, and
/// the bibliography lists them all.
pub fn format(items: &[CslItem], style: &Style, markup: Markup) -> Result<Formatted> {
    let keyed = keyed_items(items);
    let rendered = cite_each(&keyed, style)?;

    let index_of = |key: &str| keyed.iter().position(|k| k.id().as_deref() == Some(key));
    let entries = rendered
        .bibliography
        .map(|b| b.items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|entry| {
            let mut text = String::new();
            if let Some(first) = &entry.first_field {
                text.push_str(&markup::write(
                    &hayagriva::ElemChildren(vec![first.clone()]),
                    markup,
                ));
                text.push(' ');
            }
            text.push_str(&markup::write(&entry.content, markup));
            Some(FormattedEntry {
                index: index_of(&entry.key)?,
                text: text.trim().to_string(),
            })
        })
        .collect();
    let citations = rendered
        .citations
        .iter()
        .map(|c| markup::write(&c.citation, markup))
        .collect();
    Ok(Formatted { entries, citations })
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
/// caller can format works one at a time and keep each result: a
/// bibliography of thousands formatted at once costs far more than its
/// entries one by one (hayagriva disambiguates across all of them).
pub fn format_single(item: &CslItem, style: &Style) -> Result<Single> {
    let keyed = keyed_items(std::slice::from_ref(item));
    let rendered = cite_each(&keyed, style)?;

    let entry = rendered
        .bibliography
        .and_then(|b| b.items.into_iter().next());
    let (mut html, mut text) = (String::new(), String::new());
    if let Some(entry) = entry {
        if let Some(first) = entry.first_field {
            let first = hayagriva::ElemChildren(vec![first]);
            let label = markup::write(&first, Markup::Text);
            // A first field with a letter is part of the entry (an author
            // set off by second-field-align); digits and brackets are a label.
            if label.chars().any(char::is_alphabetic) {
                html = markup::write(&first, Markup::Html) + " ";
                text = label + " ";
            }
        }
        html.push_str(&markup::write(&entry.content, Markup::Html));
        text.push_str(&markup::write(&entry.content, Markup::Text));
    }
    let citation = rendered
        .citations
        .first()
        .map(|c| markup::write(&c.citation, Markup::Text))
        .filter(|c| c.chars().any(char::is_alphabetic))
        .unwrap_or_default();
    Ok(Single {
        html: html.trim().to_string(),
        text: text.trim().to_string(),
        citation,
    })
}

/// Runs hayagriva over `keyed`, citing each item once in order, and builds
/// the bibliography. hayagriva asserts on some inputs it considers
/// impossible; a bad work must give an error, not take the app down, so a
/// panic is caught and reported.
fn cite_each(keyed: &[csl::Item], style: &Style) -> Result<hayagriva::Rendered> {
    let locales = style::locales();
    catch_unwind(AssertUnwindSafe(|| {
        let mut driver: BibliographyDriver<'_, csl::Item> = BibliographyDriver::new();
        for item in keyed {
            driver.citation(CitationRequest::new(
                vec![CitationItem::with_entry(item)],
                &style.csl,
                style.locale.clone(),
                locales,
                None,
            ));
        }
        driver.finish(BibliographyRequest::new(
            &style.csl,
            style.locale.clone(),
            locales,
        ))
    }))
    .map_err(|panic| Error::Render(panic_message(&panic)))
}

/// Each item with a key hayagriva can tell apart: its own `id` when that is
/// present and unique, else `item-N` (1-based input position).
fn keyed_items(items: &[CslItem]) -> Vec<csl::Item> {
    let mut seen = HashSet::new();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let id = item
                .id
                .as_deref()
                .filter(|id| !id.is_empty() && seen.insert(id.to_string()))
                .map_or_else(|| format!("item-{}", i + 1), str::to_string);
            seen.insert(id.clone());
            to_citeproc(item, &id)
        })
        .collect()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unexpected input".into())
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
}
