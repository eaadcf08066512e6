//! One essay's insights: its references by year and kind, how densely it
//! cites, and where in the text the citations fall.

use std::collections::{BTreeMap, HashMap};

use quire_csl::CslItem;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::facts::{self, round2, WorkFacts, REFERENCE_TYPES};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::search::{paragraph_at, paragraphs};

/// A paragraph shorter than this, or a heading, is not prose: the strip
/// shows it, but never as a paragraph that "cites nothing".
const MIN_PROSE_WORDS: usize = 8;

#[derive(Debug, Clone, Serialize)]
pub struct EssayInsights {
    pub document: i64,
    pub title: String,
    /// The essay's own year, which reference ages are counted from.
    pub year: Option<i32>,
    pub words: usize,
    /// Entries in its reference list.
    pub references: usize,
    /// Entries with no year of publication (not in `years`).
    pub undated: usize,
    /// Dated references per year of publication, oldest first, years with
    /// none left out.
    pub years: Vec<YearCount>,
    /// Median of (essay's year − publication year) over dated references.
    pub median_age: Option<f64>,
    /// References per kind ([`REFERENCE_TYPES`]), every kind present.
    pub types: BTreeMap<String, usize>,
    /// In-text citations.
    pub citations: usize,
    pub citations_per_100_words: f64,
    /// Every paragraph of the body, in the reader's numbering.
    pub paragraphs: Vec<ParagraphCites>,
    /// Prose paragraphs with no citation.
    pub uncited_paragraphs: Vec<usize>,
    /// The paragraph of each in-text citation, in the text's order.
    pub citation_positions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub count: usize,
}

/// One paragraph on the strip along the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ParagraphCites {
    pub citations: usize,
    /// False for headings and very short lines, which need no citation.
    pub prose: bool,
}

impl Library {
    /// The insights of one stored document (an essay or a source).
    pub fn essay_insights(&self, id: i64) -> Result<EssayInsights> {
        let conn = self.conn();
        let (title, year, words, body): (String, Option<i32>, i64, String) = conn
            .query_row(
                "SELECT d.title,
                        coalesce(d.year, c.year, CAST(substr(d.imported_at, 1, 4) AS INTEGER)),
                        d.word_count, d.body
                 FROM documents d LEFT JOIN collections c ON c.id = d.collection_id
                 WHERE d.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("document {id}")))?;

        // Each entry's work when linked, else its own parse.
        let entries: Vec<(Option<i64>, Option<String>)> = conn
            .prepare(
                "SELECT wr.work_id, coalesce(p.corrected, p.csl)
                 FROM doc_references r
                 LEFT JOIN work_refs wr ON wr.document_id = r.document_id AND wr.position = r.position
                 LEFT JOIN reference_parses p ON p.document_id = r.document_id AND p.position = r.position
                 WHERE r.document_id = ?1 ORDER BY r.position",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let works = facts::works(conn, entries.iter().filter_map(|e| e.0))?;
        let mut types: BTreeMap<String, usize> =
            REFERENCE_TYPES.iter().map(|t| (t.to_string(), 0)).collect();
        let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
        let mut ages = Vec::new();
        for (work, parse) in &entries {
            let facts = match work.and_then(|w| works.get(&w)) {
                Some(f) => f.clone(),
                None => parse
                    .as_deref()
                    .and_then(|p| serde_json::from_str::<CslItem>(p).ok())
                    .map_or_else(|| WorkFacts::unknown(String::new()), |c| WorkFacts::of(&c)),
            };
            *types.entry(facts.kind.to_string()).or_default() += 1;
            if let Some(y) = facts.year {
                *by_year.entry(y).or_default() += 1;
                if let Some(essay) = year {
                    ages.push(f64::from(essay - y));
                }
            }
        }
        ages.sort_by(f64::total_cmp);
        let dated: usize = by_year.values().sum();

        let paras = paragraphs(&body);
        let starts: Vec<usize> = conn
            .prepare("SELECT start FROM citations WHERE document_id = ?1 ORDER BY position")?
            .query_map([id], |r| r.get::<_, i64>(0))?
            .map(|s| s.map(|s| usize::try_from(s).unwrap_or(0)))
            .collect::<rusqlite::Result<_>>()?;
        let citation_positions: Vec<usize> = starts
            .iter()
            .map(|&s| paragraph_at(&paras, s).unwrap_or(0))
            .collect();
        let mut per: HashMap<usize, usize> = HashMap::new();
        for &p in &citation_positions {
            *per.entry(p).or_default() += 1;
        }
        let paragraphs: Vec<ParagraphCites> = paras
            .iter()
            .enumerate()
            .map(|(i, (_, text))| ParagraphCites {
                citations: per.get(&i).copied().unwrap_or(0),
                prose: !text.starts_with('#') && text.split_whitespace().count() >= MIN_PROSE_WORDS,
            })
            .collect();
        let uncited_paragraphs = paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.prose && p.citations == 0)
            .map(|(i, _)| i)
            .collect();
        let words = usize::try_from(words).unwrap_or(0);
        let citations = citation_positions.len();
        Ok(EssayInsights {
            document: id,
            title,
            year,
            words,
            references: entries.len(),
            undated: entries.len() - dated,
            years: by_year
                .into_iter()
                .map(|(year, count)| YearCount { year, count })
                .collect(),
            median_age: facts::median(&ages),
            types,
            citations,
            citations_per_100_words: match words {
                0 => 0.0,
                w => round2(citations as f64 * 100.0 / w as f64),
            },
            paragraphs,
            uncited_paragraphs,
            citation_positions,
        })
    }
}
