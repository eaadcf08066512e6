//! Themes: named saved searches, and what each one covers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::index::Index;
use crate::search::Hit;

/// A named saved search with a colour for the theme page and heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    pub query: String,
    /// CSS colour, `#rrggbb`.
    pub colour: String,
}

/// What a theme covers in the library.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThemeReport {
    pub theme: Theme,
    /// Matching documents, most matching paragraphs first.
    pub documents: Vec<ThemeDoc>,
    /// Works cited by the matching paragraphs: the references that support
    /// the theme, most cited first.
    pub works: Vec<ThemeWork>,
    /// Parts of the theme's query that could not be used.
    pub ignored: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThemeDoc {
    pub doc: i64,
    pub title: String,
    pub author: Option<String>,
    pub kind: String,
    /// Matching paragraphs with their snippets, in reading order. Empty when
    /// only the document's title, author or references matched.
    pub paragraphs: Vec<Hit>,
}

/// A work a paragraph cites, as the engine names it. Paragraphs citing the
/// same `id` count as one work even when their essays word the entry
/// differently; without an id (a citation with no entry) the label is the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedWork {
    pub id: Option<i64>,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThemeWork {
    /// The work as the engine names it (a reference-list entry).
    pub work: String,
    /// The library's work record, when the citation matched an entry: what
    /// "add to list" adds.
    pub work_id: Option<i64>,
    /// Matching paragraphs that cite it.
    pub paragraphs: usize,
    /// Documents in which those paragraphs are.
    pub documents: Vec<i64>,
}

impl Index {
    /// Evaluate a theme. `cites(doc, paragraph)` names the works that
    /// paragraph cites; the engine answers it from its citation matching,
    /// which this crate knows nothing of.
    pub fn theme_report(
        &self,
        theme: &Theme,
        cites: &mut dyn FnMut(i64, usize) -> Vec<CitedWork>,
    ) -> Result<ThemeReport> {
        let (hits, ignored) = self.matches(&theme.query)?;
        let mut documents: Vec<ThemeDoc> = Vec::new();
        let mut works: BTreeMap<(Option<i64>, String), ThemeWork> = BTreeMap::new();
        for hit in hits {
            if documents.last().is_none_or(|d| d.doc != hit.doc) {
                documents.push(ThemeDoc {
                    doc: hit.doc,
                    title: hit.title.clone(),
                    author: hit.author.clone(),
                    kind: hit.kind.clone(),
                    paragraphs: Vec::new(),
                });
            }
            let Some(p) = hit.paragraph else { continue };
            for cited in cites(hit.doc, p) {
                let key = match cited.id {
                    Some(id) => (Some(id), String::new()),
                    None => (None, cited.label.clone()),
                };
                let w = works.entry(key).or_insert_with(|| ThemeWork {
                    work: cited.label,
                    work_id: cited.id,
                    paragraphs: 0,
                    documents: Vec::new(),
                });
                w.paragraphs += 1;
                if !w.documents.contains(&hit.doc) {
                    w.documents.push(hit.doc);
                }
            }
            documents
                .last_mut()
                .expect("a document was pushed above")
                .paragraphs
                .push(hit);
        }
        documents.sort_by(|a, b| {
            b.paragraphs
                .len()
                .cmp(&a.paragraphs.len())
                .then(a.doc.cmp(&b.doc))
        });
        let mut works: Vec<ThemeWork> = works.into_values().collect();
        works.sort_by(|a, b| {
            b.paragraphs
                .cmp(&a.paragraphs)
                .then_with(|| a.work.cmp(&b.work))
        });
        Ok(ThemeReport {
            theme: theme.clone(),
            documents,
            works,
            ignored,
        })
    }
}
