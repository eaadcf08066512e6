//! Themes: named saved searches kept in SQLite (migration 003 seeds the
//! starter set), evaluated against the search index.
//!
//! A theme's query is checked before it is saved ([`quire_search::Index::check_query`]:
//! within the search's bounds, nothing left out), so a query that once
//! aborted every listing cannot be stored. A stored theme that fails the
//! check all the same (saved by an older Quire, or edited in the database)
//! is listed with its `error` and left unevaluated, never fatal.
//!
//! The works a theme's paragraphs cite come from the citations stored at
//! import: every in-text citation inside a matching paragraph names the work
//! its reference-list entry is linked to (or, unmatched, the citation as
//! written).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use quire_search::{CitedWork, Theme};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::search::{paragraph_at, paragraphs};

pub use quire_search::{ThemeDoc, ThemeReport, ThemeWork};

/// Colours handed to new themes in turn when none is given.
const PALETTE: [&str; 8] = [
    "#d9534f", "#2a9d8f", "#457b9d", "#8e44ad", "#e9a23b", "#6a994e", "#c2185b", "#5c6bc0",
];

/// A theme with how much of the library it covers: one row of the themes
/// page, and with `coverage` one row of the theme × document heat map.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeSummary {
    #[serde(flatten)]
    pub theme: Theme,
    pub documents: usize,
    pub paragraphs: usize,
    pub coverage: Vec<Coverage>,
    /// Why the theme's query cannot be used; it then covers nothing until
    /// it is saved again with a query that can. Absent for a usable theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Matching paragraphs of one theme in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub doc: i64,
    pub paragraphs: usize,
}

impl Library {
    /// Saved themes, in the order they were added, with their coverage.
    pub fn themes(&self) -> Result<Vec<ThemeSummary>> {
        let mut out = Vec::new();
        for theme in self.saved_themes()? {
            if let Err(e) = self.index().check_query(&theme.query) {
                out.push(ThemeSummary {
                    theme,
                    documents: 0,
                    paragraphs: 0,
                    coverage: Vec::new(),
                    error: Some(e.to_string()),
                });
                continue;
            }
            let (hits, _) = self.index().matches(&theme.query)?;
            let mut coverage: Vec<Coverage> = Vec::new();
            for hit in &hits {
                if coverage.last().is_none_or(|c| c.doc != hit.doc) {
                    coverage.push(Coverage {
                        doc: hit.doc,
                        paragraphs: 0,
                    });
                }
                if hit.paragraph.is_some() {
                    coverage.last_mut().expect("pushed above").paragraphs += 1;
                }
            }
            out.push(ThemeSummary {
                documents: coverage.len(),
                paragraphs: coverage.iter().map(|c| c.paragraphs).sum(),
                coverage,
                theme,
                error: None,
            });
        }
        Ok(out)
    }

    /// Save a theme (or change the query and colour of the one with that
    /// name). Without a colour the next one of the palette is used. A query
    /// the search could not use as written is refused, and nothing stored.
    pub fn add_theme(&mut self, name: &str, query: &str, colour: Option<&str>) -> Result<Theme> {
        let name = name.trim();
        if name.is_empty() || query.trim().is_empty() {
            return Err(Error::Invalid("a theme needs a name and a query".into()));
        }
        self.index().check_query(query).map_err(|e| {
            Error::Invalid(format!("the query of theme {name:?} cannot be saved: {e}"))
        })?;
        if let Some(c) = colour.filter(|c| !is_colour(c)) {
            return Err(Error::Invalid(format!("{c:?} is not a #rrggbb colour")));
        }
        self.write(|tx| {
            let colour = match colour {
                Some(c) => c.to_string(),
                None => {
                    let n: i64 = tx.query_row("SELECT count(*) FROM themes", [], |r| r.get(0))?;
                    PALETTE[n as usize % PALETTE.len()].to_string()
                }
            };
            tx.execute(
                "INSERT INTO themes (name, query, colour) VALUES (?1, ?2, ?3)
                 ON CONFLICT(name) DO UPDATE SET query = excluded.query, colour = excluded.colour",
                [name, query, &colour],
            )?;
            Ok(Theme {
                name: name.to_string(),
                query: query.to_string(),
                colour,
            })
        })
    }

    /// Delete a saved theme.
    pub fn delete_theme(&mut self, name: &str) -> Result<()> {
        self.write(
            |tx| match tx.execute("DELETE FROM themes WHERE name = ?1", [name])? {
                0 => Err(Error::NotFound(format!("theme {name:?}"))),
                _ => Ok(()),
            },
        )
    }

    /// Which documents and paragraphs a theme covers, and the works those
    /// paragraphs cite (reference entries not linked to works yet are
    /// linked first).
    pub fn theme(&mut self, name: &str) -> Result<ThemeReport> {
        let theme = self
            .conn()
            .query_row(
                "SELECT name, query, colour FROM themes WHERE name = ?1",
                [name],
                theme_from,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("theme {name:?}")))?;
        self.report(&theme)
    }

    /// The works cited by the paragraphs a query finds, most cited first:
    /// what "add the works these results cite" adds to a list.
    pub fn works_cited_where(&mut self, query: &str) -> Result<Vec<ThemeWork>> {
        let theme = Theme {
            name: String::new(),
            query: query.to_string(),
            colour: String::new(),
        };
        Ok(self.report(&theme)?.works)
    }

    fn report(&mut self, theme: &Theme) -> Result<ThemeReport> {
        self.link_works()?;
        let mut works_by_doc: HashMap<i64, Vec<Vec<CitedWork>>> = HashMap::new();
        let mut failure = None;
        let report = self.index().theme_report(theme, &mut |doc, paragraph| {
            let works = match works_by_doc.entry(doc) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => match self.cited_works(doc) {
                    Ok(w) => e.insert(w),
                    Err(err) => {
                        failure.get_or_insert(err);
                        return Vec::new();
                    }
                },
            };
            works.get(paragraph).cloned().unwrap_or_default()
        })?;
        match failure {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    pub(crate) fn saved_themes(&self) -> Result<Vec<Theme>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, query, colour FROM themes ORDER BY id")?;
        let rows = stmt.query_map([], theme_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Per paragraph of a document, the works its stored citations point to
    /// (so a user's corrected parse counts): the linked work record where the
    /// citation matched an entry, else the citation as written.
    fn cited_works(&self, doc: i64) -> Result<Vec<Vec<CitedWork>>> {
        let document = self.document(doc)?;
        let paras = paragraphs(&document.body);
        let mut stmt = self.conn().prepare(
            "SELECT c.start, coalesce(r.raw, c.text), w.work_id FROM citations c
             LEFT JOIN doc_references r ON r.document_id = c.document_id AND r.position = c.reference
             LEFT JOIN work_refs w ON w.document_id = c.document_id AND w.position = c.reference
             WHERE c.document_id = ?1 ORDER BY c.position",
        )?;
        let rows = stmt.query_map([doc], |r| {
            Ok((r.get::<_, i64>(0)? as usize, r.get(1)?, r.get(2)?))
        })?;
        let mut out = vec![Vec::new(); paras.len()];
        for row in rows {
            let (start, label, id): (usize, String, Option<i64>) = row?;
            let Some(i) = paragraph_at(&paras, start).filter(|&i| paras[i].0.contains(&start))
            else {
                continue;
            };
            let work = CitedWork { id, label };
            if !out[i].contains(&work) {
                out[i].push(work);
            }
        }
        Ok(out)
    }
}

fn theme_from(r: &rusqlite::Row) -> rusqlite::Result<Theme> {
    Ok(Theme {
        name: r.get(0)?,
        query: r.get(1)?,
        colour: r.get(2)?,
    })
}

fn is_colour(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|h| h.is_ascii_hexdigit())
}
