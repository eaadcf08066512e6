//! Search and themes: the palette's queries, saved themes and suggested
//! ones, a document's key terms, and the works a query's paragraphs cite.

use quire_engine::search::SearchQuery;
use quire_engine::Library;

use crate::error::ApiResult;
use crate::wire;

/// Most hits one search returns: a screenful, since a bigger page only
/// makes every keystroke slower.
pub const MAX_LIMIT: usize = 100;
/// Hits a search returns when the caller names no limit.
pub const DEFAULT_LIMIT: usize = 20;

/// A search as a face sends it: the typed text and the facet filters picked.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Query {
    #[serde(default)]
    pub text: String,
    pub kind: Option<String>,
    pub collection: Option<String>,
    pub affiliation: Option<String>,
    pub year: Option<i32>,
    pub limit: Option<usize>,
}

/// Runs a search; bad syntax comes back in `ignored`, never as an error.
pub fn search(library: &Library, query: Query) -> ApiResult<wire::SearchResults> {
    let query = SearchQuery {
        text: query.text,
        kind: query.kind,
        collection: query.collection,
        affiliation: query.affiliation,
        year: query.year,
        limit: query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
    };
    Ok(library.search(&query)?.into())
}

/// The saved themes, each with how many documents and paragraphs match.
pub fn themes(library: &Library) -> ApiResult<Vec<wire::ThemeSummary>> {
    Ok(library.themes()?.into_iter().map(Into::into).collect())
}

/// A theme's matching paragraphs by document, and the works they cite.
pub fn theme(library: &mut Library, name: &str) -> ApiResult<wire::ThemeReport> {
    Ok(library.theme(name)?.into())
}

/// Saves a theme (or changes the one of that name); returns the themes as
/// the page lists them, so it redraws from one answer.
pub fn add_theme(
    library: &mut Library,
    name: &str,
    query: &str,
    colour: Option<&str>,
) -> ApiResult<Vec<wire::ThemeSummary>> {
    library.add_theme(name, query, colour)?;
    themes(library)
}

/// Deletes a theme; returns the themes that are left.
pub fn delete_theme(library: &mut Library, name: &str) -> ApiResult<Vec<wire::ThemeSummary>> {
    library.delete_theme(name)?;
    themes(library)
}

/// The works cited by the paragraphs a query finds: "add what these results cite to a list".
pub fn works_cited_where(library: &mut Library, query: &str) -> ApiResult<Vec<wire::CitedWork>> {
    Ok(library
        .works_cited_where(query)?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// The library's `n` most distinctive terms, offered as themes.
pub fn suggested_themes(library: &Library, n: usize) -> ApiResult<Vec<wire::KeyTerm>> {
    Ok(library
        .suggested_themes(n.min(MAX_LIMIT))?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Document `doc`'s `n` most distinctive terms.
pub fn key_terms(library: &Library, doc: i64, n: usize) -> ApiResult<Vec<wire::KeyTerm>> {
    Ok(library
        .key_terms(doc, n.min(MAX_LIMIT))?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// Rebuilds the search index from the database; returns how many documents it holds.
pub fn reindex(library: &mut Library) -> ApiResult<usize> {
    Ok(library.reindex()?)
}
