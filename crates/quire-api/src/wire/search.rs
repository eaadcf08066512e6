//! Search and themes: the search palette's queries and results, the themes
//! page's saved searches and what they cover, suggested themes and a
//! document's key terms.

use quire_engine::{search as engine, themes};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A search as the UI sends it (an argument): the typed text and the
/// facet filters picked. A missing or null filter does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchQuery {
    /// Words, `"phrases"`, `AND`/`OR`/`NOT`, `-word`, `author:`, `title:`,
    /// `cites:`, `affiliation:`; several words must all match. Empty text
    /// matches everything, so the filters alone can browse. Missing means empty.
    #[serde(default)]
    pub text: String,
    /// Only documents of this kind (`essay`, `source`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub kind: Option<String>,
    /// Only documents of the collection of this title.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub collection: Option<String>,
    /// Only documents whose author has this affiliation.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub affiliation: Option<String>,
    /// Only documents of this year.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// At most this many hits; the use case picks a default when it is
    /// missing and bounds it.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub limit: Option<usize>,
}

impl SearchQuery {
    /// The engine's query, with `limit` (or `default_limit` when none was
    /// sent) kept within `1..=max_limit`.
    pub fn to_engine(&self, default_limit: usize, max_limit: usize) -> engine::SearchQuery {
        engine::SearchQuery {
            text: self.text.clone(),
            kind: self.kind.clone(),
            collection: self.collection.clone(),
            affiliation: self.affiliation.clone(),
            year: self.year,
            limit: self
                .limit
                .unwrap_or(default_limit)
                .clamp(1, max_limit.max(1)),
        }
    }
}

/// How many matching documents have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacetCount {
    /// The value: `essay`, a collection's title, an affiliation, a year.
    pub value: String,
    /// Matching documents (not paragraphs) with it.
    pub count: usize,
}

impl From<engine::FacetCount> for FacetCount {
    fn from(f: engine::FacetCount) -> Self {
        Self {
            value: f.value,
            count: f.count,
        }
    }
}

/// Facet counts over the matching documents, most frequent value first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Facets {
    /// By kind (essay, source).
    pub kind: Vec<FacetCount>,
    /// By collection title.
    pub collection: Vec<FacetCount>,
    /// By the author's affiliation.
    pub affiliation: Vec<FacetCount>,
    /// By year.
    pub year: Vec<FacetCount>,
}

impl From<engine::Facets> for Facets {
    fn from(f: engine::Facets) -> Self {
        Self {
            kind: super::all(f.kind),
            collection: super::all(f.collection),
            affiliation: super::all(f.affiliation),
            year: super::all(f.year),
        }
    }
}

/// One piece of a hit's snippet: plain text (never HTML), and whether it
/// is a word the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    /// The piece's text, to be shown as a text node.
    pub text: String,
    /// Whether it is a matched word (drawn highlighted).
    pub matched: bool,
}

impl From<engine::SnippetPart> for SnippetPart {
    fn from(p: engine::SnippetPart) -> Self {
        Self {
            text: p.text,
            matched: p.matched,
        }
    }
}

/// One place a query matched: a paragraph, or a document's title, author,
/// affiliation or references.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// The document's id.
    pub doc: i64,
    /// The document's title.
    pub title: String,
    /// The document's author; null when not known.
    pub author: Option<String>,
    /// The document's kind as the index holds it: `essay` or `source`.
    pub kind: String,
    /// The paragraph that matched, as an index into the document's
    /// paragraphs (blocks between blank lines); null when only the title,
    /// author, affiliation or references matched.
    pub paragraph: Option<usize>,
    /// Relevance: higher is better; only comparable within one search.
    pub score: f32,
    /// A passage of the matching text, as plain text: never HTML.
    pub snippet: String,
    /// The matched words in `snippet`, as `[start, end)` offsets counted in
    /// code points (index `[...snippet]`, not `snippet`), in order and not
    /// overlapping.
    pub highlights: Vec<(usize, usize)>,
    /// `snippet` cut at its highlights: the pieces in order, each matched or
    /// not, concatenating to `snippet`, so a reader draws the matched words
    /// without counting characters. No piece is empty; adjacent pieces
    /// differ in `matched`.
    #[serde(default)]
    pub parts: Vec<SnippetPart>,
}

impl From<engine::Hit> for SearchHit {
    fn from(h: engine::Hit) -> Self {
        Self {
            doc: h.doc,
            title: h.title,
            author: h.author,
            kind: h.kind,
            paragraph: h.paragraph,
            score: h.score,
            snippet: h.snippet,
            highlights: h.highlights,
            parts: super::all(h.parts),
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchResults {
    /// Matching documents (not paragraphs) in all.
    pub total: usize,
    /// Parts of the query that could not be used, in words a person can
    /// act on; bad syntax is reported here, never as an error.
    pub ignored: Vec<String>,
    /// The best hits, best first, at most the query's limit.
    pub hits: Vec<SearchHit>,
    /// Facet counts over all matching documents.
    pub facets: Facets,
    /// Misspelt words matched by similar spellings, as
    /// `"beresfrod → beresford"`.
    pub similar: Vec<String>,
}

impl From<engine::SearchResults> for SearchResults {
    fn from(r: engine::SearchResults) -> Self {
        Self {
            total: r.total,
            ignored: r.ignored,
            hits: super::all(r.hits),
            facets: r.facets.into(),
            similar: r.similar,
        }
    }
}

/// A theme: a named saved search, with a colour for the themes page and
/// heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Theme {
    /// Its name, unique in the library.
    pub name: String,
    /// The saved search, in the search syntax.
    pub query: String,
    /// A CSS colour, `#rrggbb`.
    pub colour: String,
}

impl From<quire_search::Theme> for Theme {
    fn from(t: quire_search::Theme) -> Self {
        Self {
            name: t.name,
            query: t.query,
            colour: t.colour,
        }
    }
}

/// A theme's matching paragraphs in one document: a cell of the heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ThemeCoverage {
    /// The document's id.
    pub doc: i64,
    /// Its paragraphs the theme's search matches.
    pub paragraphs: usize,
}

impl From<themes::Coverage> for ThemeCoverage {
    fn from(c: themes::Coverage) -> Self {
        Self {
            doc: c.doc,
            paragraphs: c.paragraphs,
        }
    }
}

/// A theme (its keys inline) with how much of the library it covers: one
/// row of the themes page, and with `coverage` one row of the heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ThemeSummary {
    /// The theme's keys, inline.
    #[serde(flatten)]
    pub theme: Theme,
    /// Documents with a matching paragraph (or title, author, references).
    pub documents: usize,
    /// Matching paragraphs in all.
    pub paragraphs: usize,
    /// Matching paragraphs per document.
    pub coverage: Vec<ThemeCoverage>,
    /// Why the theme's saved search cannot be used (it then covers nothing
    /// until saved again with one that can). The key is absent for a usable
    /// theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
}

impl From<themes::ThemeSummary> for ThemeSummary {
    fn from(s: themes::ThemeSummary) -> Self {
        Self {
            theme: s.theme.into(),
            documents: s.documents,
            paragraphs: s.paragraphs,
            coverage: super::all(s.coverage),
            error: s.error,
        }
    }
}

/// One document a theme's search matches, with its matching paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ThemeDoc {
    /// The document's id.
    pub doc: i64,
    /// Its title.
    pub title: String,
    /// Its author; null when not known.
    pub author: Option<String>,
    /// Its kind as the index holds it: `essay` or `source`.
    pub kind: String,
    /// Matching paragraphs with their snippets, in reading order; empty
    /// when only the title, author or references matched.
    pub paragraphs: Vec<SearchHit>,
}

impl From<themes::ThemeDoc> for ThemeDoc {
    fn from(d: themes::ThemeDoc) -> Self {
        Self {
            doc: d.doc,
            title: d.title,
            author: d.author,
            kind: d.kind,
            paragraphs: super::all(d.paragraphs),
        }
    }
}

/// A work cited by paragraphs a search or theme found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitedWork {
    /// The work as the engine names it (its reference-list entry, or the
    /// citation as written when it matched no entry).
    pub work: String,
    /// The library's work, when the citation matched an entry: what "add
    /// to list" adds. Null for a citation with no entry.
    pub work_id: Option<i64>,
    /// Matching paragraphs that cite it.
    pub paragraphs: usize,
    /// The documents those paragraphs are in.
    pub documents: Vec<i64>,
}

impl From<themes::ThemeWork> for CitedWork {
    fn from(w: themes::ThemeWork) -> Self {
        Self {
            work: w.work,
            work_id: w.work_id,
            paragraphs: w.paragraphs,
            documents: w.documents,
        }
    }
}

/// What a theme covers in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ThemeReport {
    /// The theme.
    pub theme: Theme,
    /// Matching documents, most matching paragraphs first.
    pub documents: Vec<ThemeDoc>,
    /// Works cited by the matching paragraphs, most cited first: the
    /// references that support the theme.
    pub works: Vec<CitedWork>,
    /// Parts of the theme's search that could not be used.
    pub ignored: Vec<String>,
}

impl From<themes::ThemeReport> for ThemeReport {
    fn from(r: themes::ThemeReport) -> Self {
        Self {
            theme: r.theme.into(),
            documents: super::all(r.documents),
            works: super::all(r.works),
            ignored: r.ignored,
        }
    }
}

/// A word worth offering as a theme, or one particular to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KeyTerm {
    /// The word as written most often (the index holds stems).
    pub term: String,
    /// How distinctive it is (tf-idf); higher is more.
    pub score: f32,
    /// Paragraphs containing it.
    pub paragraphs: usize,
    /// Documents containing it.
    pub documents: usize,
}

impl From<engine::KeyTerm> for KeyTerm {
    fn from(k: engine::KeyTerm) -> Self {
        Self {
            term: k.term,
            score: k.score,
            paragraphs: k.paragraphs,
            documents: k.documents,
        }
    }
}
