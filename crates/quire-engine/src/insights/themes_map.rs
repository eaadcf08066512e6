//! The theme heat map: saved and suggested themes × documents, each cell
//! the number of the document's paragraphs the theme matches, counted in
//! the index (the same rule as a theme's own page: a paragraph whose text
//! holds a word of the query).

use serde::Serialize;

use super::facts::essay_label;
use super::{Scope, DOCUMENTS};
use crate::error::Result;
use crate::library::Library;

#[derive(Debug, Clone, Serialize)]
pub struct ThemeMatrix {
    /// Rows: saved themes in the order they were added, then suggested ones.
    pub themes: Vec<MatrixTheme>,
    /// Columns: the scope's documents (near-copies left out), by id.
    pub documents: Vec<MatrixDoc>,
    /// `counts[theme][document]`: matching paragraphs.
    pub counts: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixTheme {
    pub name: String,
    pub query: String,
    /// The saved theme's colour; none for a suggested one.
    pub colour: Option<String>,
    /// A word the index suggests, not a saved theme.
    pub suggested: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatrixDoc {
    pub id: i64,
    pub label: String,
    pub title: String,
    /// `essay` or `source`.
    pub kind: String,
}

impl Library {
    /// One cell of the heat map opened: the paragraphs of document `doc`
    /// that the theme's `query` matches, in reading order, with snippets.
    pub fn theme_cell(&self, query: &str, doc: i64) -> Result<Vec<quire_search::Hit>> {
        let (hits, _) = self.index().matches(query)?;
        Ok(hits
            .into_iter()
            .filter(|h| h.doc == doc && h.paragraph.is_some())
            .collect())
    }

    /// The heat map of a scope: saved themes (those whose query works) and
    /// up to `suggested` of the library's suggested themes not already saved.
    pub fn theme_matrix(&self, scope: Scope, suggested: usize) -> Result<ThemeMatrix> {
        let documents: Vec<MatrixDoc> = self
            .conn()
            .prepare(&format!(
                "{DOCUMENTS} SELECT d.id, d.title, d.author, d.kind
                 FROM scope JOIN documents d ON d.id = scope.id ORDER BY d.id"
            ))?
            .query_map([scope.collection], |r| {
                let title: String = r.get(1)?;
                let author: Option<String> = r.get(2)?;
                Ok(MatrixDoc {
                    id: r.get(0)?,
                    label: essay_label(&title, author.as_deref()),
                    title,
                    kind: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut themes: Vec<MatrixTheme> = self
            .saved_themes()?
            .into_iter()
            .filter(|t| self.index().check_query(&t.query).is_ok())
            .map(|t| MatrixTheme {
                name: t.name,
                query: t.query,
                colour: Some(t.colour),
                suggested: false,
            })
            .collect();
        let saved = themes.len();
        for term in self.suggested_themes(suggested + saved)? {
            if themes.len() - saved == suggested {
                break;
            }
            if themes
                .iter()
                .any(|t| t.name.eq_ignore_ascii_case(&term.term))
            {
                continue;
            }
            themes.push(MatrixTheme {
                query: term.term.clone(),
                name: term.term,
                colour: None,
                suggested: true,
            });
        }
        let mut counts = Vec::with_capacity(themes.len());
        for theme in &themes {
            let per = self.index().paragraph_counts(&theme.query)?;
            counts.push(
                documents
                    .iter()
                    .map(|d| per.get(&d.id).copied().unwrap_or(0))
                    .collect(),
            );
        }
        Ok(ThemeMatrix {
            themes,
            documents,
            counts,
        })
    }
}
