//! Full-text search over the library: a tantivy index fed with plain
//! structs ([`IndexDoc`]); it knows nothing of SQLite, which stays the
//! truth. Hits point to paragraphs, facets count documents, and every
//! commit carries a generation number so a stale index can be detected.

mod bounds;
mod cites;
mod doc;
mod error;
mod facets;
mod fuzzy;
mod index;
mod schema;
mod search;
mod snippets;
mod terms;
mod themes;

pub use bounds::{QueryError, MAX_CHARS, MAX_GROUPS};
pub use doc::IndexDoc;
pub use error::{Error, Result};
pub use facets::{FacetCount, Facets};
pub use index::Index;
pub use search::{Hit, Query, SearchResults, SnippetPart};
pub use terms::KeyTerm;
pub use themes::{CitedWork, Theme, ThemeDoc, ThemeReport, ThemeWork};
