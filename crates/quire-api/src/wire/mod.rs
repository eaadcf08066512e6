//! The wire format: the JSON shapes the app's IPC and the CLI's `--json`
//! output use, documented and separate from the engine's structs so the
//! engine can change its own types freely.
//!
//! One submodule per area; everything is re-exported here. Each type has a
//! `From` the engine type it mirrors (so the use cases write `.into()`), and
//! argument types (`DocFilter`, `WorksFilter`, `SearchQuery`) convert the
//! other way. A CSL-JSON item is [`quire_csl::CslItem`] itself: CSL-JSON is
//! an external standard and already the interchange type.
//!
//! The UI's TypeScript types (`ui/src/bindings/`) are generated from these
//! by ts-rs: after changing a type here, run `scripts/gen-types`;
//! `cargo test -p quire-api --test bindings` fails while they are stale.
//! Rust's `Option<T>` is `T | null` there, a key the JSON may leave out is
//! `key?: T`, and integers are `number`.

pub mod audit;
pub mod cli;
pub mod insights;
pub mod library;
pub mod lists;
pub mod review;
pub mod search;
pub mod styles;
pub mod works;
pub mod zotero;

pub use audit::{CitationResult, CitedIn, EssayAudit, Issue, IssueKind, ReferenceResult, Status};
pub use cli::{
    AuditReport, DocumentsListing, EssayReport, InsightsEdgeJson, InsightsEssayJson,
    InsightsLibraryJson, InsightsListItemJson, InsightsListJson, InsightsMostCitedJson,
    InsightsNetworkJson, InsightsNodeJson, InsightsThemesJson, ReviewResultsEntry,
    ReviewResultsJson, ReviewStatusEntry, ReviewStatusJson, SearchJson, SearchJsonHit,
    WorksListing,
};
pub use insights::{
    Chart, ChartRequest, CitedPassage, Coverage, CoverageItem, EssayAges, EssayInsights,
    LibraryInsights, MatrixDoc, MatrixTheme, MostCited, Network, NetworkEdge, NetworkFilter,
    NetworkNode, NodeKind, ParagraphCites, ThemeMatrix, YearCount,
};
pub use library::{
    Collection, DocFilter, DocRow, DocSummary, Document, FileFormat, ImportFailure, ImportReport,
    ImportWarning, ImportedFile, Kind, LimitFlag, Progress, ReaderDoc,
};
pub use lists::{
    FormattedEntry, FormattedList, FormattedSection, Importance, ListExportFormat, ListItem,
    ListShow, ListSummary, ListView, Purpose,
};
pub use quire_csl::{CslItem, DateField as CslDate, Name as CslName};
pub use review::{
    AgreeRule, Anchor, BankComment, CommentInput, EntryStatus, FeedbackFormat, Finding, MarkDetail,
    MarkInput, MarkState, MarkStatus, MarkTotal, MarkView, MarkerInput, MarkerProgress,
    MarksConflict, MarksImport, Moderation, ModerationView, ResultRow, Revealed, ReviewComment,
    ReviewResults, RoundInput, RoundSummary, RoundView, Rubric, RubricCriterion, RubricLevel,
    TrailEvent,
};
pub use search::{
    CitedWork, FacetCount, Facets, KeyTerm, SearchHit, SearchQuery, SearchResults, SnippetPart,
    Theme, ThemeCoverage, ThemeDoc, ThemeReport, ThemeSummary,
};
pub use styles::StyleSummary;
pub use works::{
    CitedBy, InterchangeFormat, Work, WorkDetail, WorkEntry, WorkRow, WorksFilter, WorksImport,
    WorksPage,
};
pub use zotero::{CollectionsAs, ZoteroReport};

/// Every item converted: `wire::all(engine_rows)` for a `Vec` of wire types.
pub fn all<T, U: From<T>>(items: impl IntoIterator<Item = T>) -> Vec<U> {
    items.into_iter().map(U::from).collect()
}

#[cfg(test)]
mod tests;
