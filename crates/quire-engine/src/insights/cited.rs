//! "Where is this cited": the paragraphs of a scope's essays whose in-text
//! citations point to a work, paragraph by paragraph.

use std::ops::Range;

use serde::Serialize;

use super::facts::essay_label;
use super::{Scope, ESSAYS};
use crate::error::Result;
use crate::library::Library;
use crate::search::{paragraph_at, paragraphs};

#[derive(Debug, Clone, Serialize)]
pub struct CitedPassage {
    pub document: i64,
    pub label: String,
    pub title: String,
    /// The paragraph in the reader's numbering.
    pub paragraph: usize,
    /// The paragraph's Markdown text, trimmed.
    pub text: String,
    /// The citations of the work in it, as written ("(Ferguson, 2014)").
    pub citations: Vec<String>,
}

/// The document whose citations are being read, its body split into
/// paragraphs (byte range, text) once however many citations it has.
struct Reading {
    id: i64,
    label: String,
    title: String,
    paras: Vec<(Range<usize>, String)>,
}

impl Library {
    /// Each paragraph citing work `work` in the scope's essays, in document
    /// and reading order.
    pub fn work_passages(&self, work: i64, scope: Scope) -> Result<Vec<CitedPassage>> {
        self.work(work)?;
        let conn = self.conn();
        let rows: Vec<(i64, i64, String)> = conn
            .prepare(&format!(
                "{ESSAYS} SELECT c.document_id, c.start, c.text FROM citations c
                 JOIN scope ON scope.id = c.document_id
                 JOIN work_refs wr ON wr.document_id = c.document_id AND wr.position = c.reference
                 WHERE wr.work_id = ?2 ORDER BY c.document_id, c.start"
            ))?
            .query_map(rusqlite::params![scope.collection, work], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<CitedPassage> = Vec::new();
        let mut current: Option<Reading> = None;
        for (doc, start, citation) in rows {
            if current.as_ref().is_none_or(|c| c.id != doc) {
                let (title, author, body): (String, Option<String>, String) = conn.query_row(
                    "SELECT title, author, body FROM documents WHERE id = ?1",
                    [doc],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let paras = paragraphs(&body)
                    .into_iter()
                    .map(|(range, text)| (range, text.to_string()))
                    .collect();
                current = Some(Reading {
                    id: doc,
                    label: essay_label(&title, author.as_deref()),
                    title,
                    paras,
                });
            }
            let Reading {
                label,
                title,
                paras,
                ..
            } = current.as_ref().expect("set above");
            let index = paragraph_at(paras, usize::try_from(start).unwrap_or(0)).unwrap_or(0);
            match out.last_mut() {
                Some(p) if p.document == doc && p.paragraph == index => p.citations.push(citation),
                _ => out.push(CitedPassage {
                    document: doc,
                    label: label.clone(),
                    title: title.clone(),
                    paragraph: index,
                    text: paras.get(index).map(|p| p.1.clone()).unwrap_or_default(),
                    citations: vec![citation],
                }),
            }
        }
        Ok(out)
    }
}
