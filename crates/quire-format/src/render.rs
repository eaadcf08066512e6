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
    let locales = style::locales();
    // hayagriva asserts on some inputs it considers impossible; a bad work must
    // give an error, not take the app down, so a panic is caught and reported.
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let mut driver: BibliographyDriver<'_, csl::Item> = BibliographyDriver::new();
        for item in &keyed {
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
    .map_err(|panic| Error::Render(panic_message(&panic)))?;

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
