//! Insights: the numbers behind the charts of one essay, a collection or
//! the library, and a reading list's coverage. Everything here is counted
//! in SQL or from the index and handed out as plain structures; the UI
//! draws them and the CLI prints them, and neither computes a figure.
//!
//! *Essays* are what students wrote: documents of kind `essay` that are not
//! a near-copy of another document, so an essay imported twice counts
//! once. A work is *cited by* an essay when the essay's reference list has
//! an entry linked to it; how often the text cites it is the entry's
//! in-text citations.
//!
//! Years are publication years of the works (their edited CSL when a
//! person corrected one); an essay's own date is its year, else its
//! collection's, else the year it was imported.

mod cited;
mod essay;
mod facts;
mod layout;
mod library;
mod list;
#[cfg(test)]
mod tests;
mod themes_map;

pub use cited::CitedPassage;
pub use essay::{EssayInsights, ParagraphCites, YearCount};
pub use facts::{reference_type, REFERENCE_TYPES};
pub use library::{
    EssayAges, LibraryInsights, MostCited, Network, NetworkEdge, NetworkFilter, NetworkNode,
    NodeKind,
};
pub use list::{Coverage, CoverageItem};
pub use themes_map::{MatrixDoc, MatrixTheme, ThemeMatrix};

/// Which documents a library-wide insight covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only this collection's documents; `None` for the whole library.
    pub collection: Option<i64>,
}

/// The essays of a scope as a CTE named `scope(id)`; `?1` is the
/// collection id or NULL.
pub(crate) const ESSAYS: &str = "WITH scope(id) AS (
    SELECT d.id FROM documents d
    WHERE d.kind = 'essay'
      AND NOT EXISTS (SELECT 1 FROM duplicates x WHERE x.document_id = d.id)
      AND (?1 IS NULL OR d.collection_id = ?1))";

/// Every document of a scope (sources too), near-copies left out: the
/// columns of the theme heat map, which shows where a theme lives.
pub(crate) const DOCUMENTS: &str = "WITH scope(id) AS (
    SELECT d.id FROM documents d
    WHERE NOT EXISTS (SELECT 1 FROM duplicates x WHERE x.document_id = d.id)
      AND (?1 IS NULL OR d.collection_id = ?1))";
