//! The envelopes and shapes only the CLI's `--json` output uses.
//!
//! **Frozen contracts**: other tools read these, so their fields are never
//! renamed or removed, and not added to either (ARCHITECTURE.md: "JSON
//! shapes printed by the CLI are contracts"); a new shape gets a new type.
//! That is why `quire search --json` has its own [`SearchJsonHit`]: the
//! app's [`SearchHit`] may grow, the CLI's hit may not. What is inside an
//! envelope ([`DocSummary`], [`Work`], [`EssayAudit`]) is documented with
//! its own type.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::audit::EssayAudit;
use super::insights::{Coverage, EssayInsights, LibraryInsights, NodeKind, YearCount};
use super::library::DocSummary;
use super::lists::Importance;
use super::review::{MarkStatus, MarkTotal, ReviewResults, RoundView};
use super::search::{FacetCount, SearchHit, SearchResults};
use super::works::Work;

/// `quire list --json`: `{"documents": [DocSummary, ...]}`, every document
/// of the library in id order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocumentsListing {
    /// Every document, in brief.
    pub documents: Vec<DocSummary>,
}

/// `quire works --json`: `{"works": [Work, ...]}`, the works of the
/// library most cited first (the page asked for with `--offset` and `--limit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorksListing {
    /// The works, each with the documents citing it.
    pub works: Vec<Work>,
}

/// One essay in `quire audit --json`: its particulars, then its audit's
/// keys (`citations`, `references`, `issues`) inline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EssayReport {
    /// The essay's title.
    pub title: String,
    /// Its author; null when not known.
    pub author: Option<String>,
    /// The author's affiliation; null when not given.
    pub affiliation: Option<String>,
    /// Words in the body, without furniture or the reference list.
    pub word_count: u32,
    /// The audit's keys, inline.
    #[serde(flatten)]
    pub audit: EssayAudit,
}

/// `quire audit --json`: `{"essays": [EssayReport, ...]}`, one per essay of
/// the file (or the one stored document) audited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    /// The essays audited, in file order.
    pub essays: Vec<EssayReport>,
}

/// One hit in `quire search --json`: exactly these keys, whatever the
/// app's [`SearchHit`] gains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchJsonHit {
    /// The document's id.
    pub doc: i64,
    /// The document's title.
    pub title: String,
    /// The document's author; null when not known.
    pub author: Option<String>,
    /// The document's kind: `essay` or `source`.
    pub kind: String,
    /// The paragraph that matched (an index into the body's blocks between
    /// blank lines); null when only the title, author, affiliation or
    /// references matched.
    pub paragraph: Option<usize>,
    /// Relevance: higher is better; only comparable within one search.
    pub score: f32,
    /// The passage that matched, as plain text: never HTML.
    pub snippet: String,
    /// The matched words in `snippet`: `[start, end)` offsets in code points
    /// (Rust `char`s), in order and not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

impl From<SearchHit> for SearchJsonHit {
    fn from(h: SearchHit) -> Self {
        Self {
            doc: h.doc,
            title: h.title,
            author: h.author,
            kind: h.kind,
            paragraph: h.paragraph,
            score: h.score,
            snippet: h.snippet,
            highlights: h.highlights,
        }
    }
}

/// `quire search --json`: exactly the keys `total`, `ignored`, `hits`,
/// `facets`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchJson {
    /// Matching documents (not paragraphs) in all.
    pub total: usize,
    /// Parts of the query that could not be used, in words a person can act on.
    pub ignored: Vec<String>,
    /// The best hits, best first.
    pub hits: Vec<SearchJsonHit>,
    /// With `--facets`: the counts by `affiliation`, `collection`, `kind`
    /// and `year`, each most frequent first; without it, `{}`.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

impl SearchJson {
    /// The contract's shape of `results`, with the facet counts only when
    /// `facets` was asked for.
    pub fn new(results: SearchResults, facets: bool) -> Self {
        Self {
            facets: if facets {
                Self::facet_map(&results)
            } else {
                BTreeMap::new()
            },
            total: results.total,
            ignored: results.ignored,
            hits: super::all(results.hits),
        }
    }

    /// The facet counts by facet name (`affiliation`, `collection`, `kind`,
    /// `year`, in that order).
    pub fn facet_map(results: &SearchResults) -> BTreeMap<String, Vec<FacetCount>> {
        let f = &results.facets;
        BTreeMap::from([
            ("kind".to_string(), f.kind.clone()),
            ("collection".to_string(), f.collection.clone()),
            ("affiliation".to_string(), f.affiliation.clone()),
            ("year".to_string(), f.year.clone()),
        ])
    }
}

/// `quire review status NAME --json`: `{"round","blind","entries":[{"code",
/// "document","author","affiliation","markers":[{"marker","state","total"}],
/// "agreed","flagged"}]}`. `author` and `affiliation` are `null` while the
/// round is blind and not revealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewStatusJson {
    pub round: String,
    pub blind: bool,
    pub entries: Vec<ReviewStatusEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewStatusEntry {
    pub code: String,
    pub document: Option<i64>,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub markers: Vec<MarkStatus>,
    pub agreed: Option<f64>,
    pub flagged: bool,
}

impl From<RoundView> for ReviewStatusJson {
    fn from(v: RoundView) -> Self {
        ReviewStatusJson {
            round: v.name,
            blind: v.blind,
            entries: v
                .entries
                .into_iter()
                .map(|e| ReviewStatusEntry {
                    code: e.code,
                    document: e.document,
                    author: e.author,
                    affiliation: e.affiliation,
                    markers: e.marks,
                    agreed: e.agreed,
                    flagged: e.flagged,
                })
                .collect(),
        }
    }
}

/// `quire review results NAME --json`: `{"round","entries":[{"code","author",
/// "affiliation","rank","rank_standardised","agreed","criteria":{name:score},
/// "marks":[{"marker","total"}],"spread","shortlisted","winner"}]}`, ranked
/// entries first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewResultsJson {
    pub round: String,
    pub entries: Vec<ReviewResultsEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewResultsEntry {
    pub code: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub rank: Option<u32>,
    pub rank_standardised: Option<u32>,
    pub agreed: Option<f64>,
    pub criteria: BTreeMap<String, f64>,
    pub marks: Vec<MarkTotal>,
    pub spread: Option<f64>,
    pub shortlisted: bool,
    pub winner: bool,
}

impl From<ReviewResults> for ReviewResultsJson {
    fn from(r: ReviewResults) -> Self {
        ReviewResultsJson {
            round: r.round,
            entries: r
                .entries
                .into_iter()
                .map(|e| ReviewResultsEntry {
                    code: e.code,
                    author: e.author,
                    affiliation: e.affiliation,
                    rank: e.rank,
                    rank_standardised: e.rank_standardised,
                    agreed: e.agreed,
                    criteria: e.criteria,
                    marks: e.marks,
                    spread: e.spread,
                    shortlisted: e.shortlisted,
                    winner: e.winner,
                })
                .collect(),
        }
    }
}

/// `quire insights essay DOC_ID --json`: `{"document","years":[{"year",
/// "count"}],"median_age","types":{type:count},"citations_per_100_words",
/// "uncited_paragraphs":[index],"citation_positions":[paragraph index per
/// citation]}`. Paragraphs are numbered as the reader's `data-paragraph`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsEssayJson {
    pub document: i64,
    pub years: Vec<YearCount>,
    pub median_age: Option<f64>,
    pub types: BTreeMap<String, usize>,
    pub citations_per_100_words: f64,
    pub uncited_paragraphs: Vec<usize>,
    pub citation_positions: Vec<usize>,
}

impl From<EssayInsights> for InsightsEssayJson {
    fn from(e: EssayInsights) -> Self {
        InsightsEssayJson {
            document: e.document,
            years: e.years,
            median_age: e.median_age,
            types: e.types,
            citations_per_100_words: e.citations_per_100_words,
            uncited_paragraphs: e.uncited_paragraphs,
            citation_positions: e.citation_positions,
        }
    }
}

/// `quire insights library [--collection NAME] --json`: `{"most_cited":
/// [{"work","label","count","documents":[id]}],"network":{"nodes":[{"id",
/// "kind":"essay"|"work","label"}],"edges":[{"source","target","weight"}]},
/// "themes":{"themes":[name],"documents":[id],"counts":[[paragraphs]]}}`.
/// `count` is the number of essays citing the work; an edge's `weight` its
/// in-text citations in that essay (at least 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsLibraryJson {
    pub most_cited: Vec<InsightsMostCitedJson>,
    pub network: InsightsNetworkJson,
    pub themes: InsightsThemesJson,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsMostCitedJson {
    pub work: i64,
    pub label: String,
    pub count: usize,
    pub documents: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsNetworkJson {
    pub nodes: Vec<InsightsNodeJson>,
    pub edges: Vec<InsightsEdgeJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsNodeJson {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsEdgeJson {
    pub source: String,
    pub target: String,
    pub weight: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsThemesJson {
    pub themes: Vec<String>,
    pub documents: Vec<i64>,
    pub counts: Vec<Vec<usize>>,
}

impl From<LibraryInsights> for InsightsLibraryJson {
    fn from(l: LibraryInsights) -> Self {
        InsightsLibraryJson {
            most_cited: l
                .most_cited
                .into_iter()
                .map(|m| InsightsMostCitedJson {
                    work: m.work,
                    label: m.label,
                    count: m.count,
                    documents: m.documents,
                })
                .collect(),
            network: InsightsNetworkJson {
                nodes: l
                    .network
                    .nodes
                    .into_iter()
                    .map(|n| InsightsNodeJson {
                        id: n.id,
                        kind: n.kind,
                        label: n.label,
                    })
                    .collect(),
                edges: l
                    .network
                    .edges
                    .into_iter()
                    .map(|e| InsightsEdgeJson {
                        source: e.source,
                        target: e.target,
                        weight: e.weight,
                    })
                    .collect(),
            },
            themes: InsightsThemesJson {
                themes: l.themes.themes.into_iter().map(|t| t.name).collect(),
                documents: l.themes.documents.into_iter().map(|d| d.id).collect(),
                counts: l.themes.counts,
            },
        }
    }
}

/// `quire insights list NAME --collection NAME --json`: `{"items":[{"work",
/// "label","importance","cited_by":[id]}],"essential_uncited":[work]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsListJson {
    pub items: Vec<InsightsListItemJson>,
    pub essential_uncited: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InsightsListItemJson {
    pub work: i64,
    pub label: String,
    pub importance: Option<Importance>,
    pub cited_by: Vec<i64>,
}

impl From<Coverage> for InsightsListJson {
    fn from(c: Coverage) -> Self {
        InsightsListJson {
            items: c
                .items
                .into_iter()
                .map(|i| InsightsListItemJson {
                    work: i.work,
                    label: i.label,
                    importance: i.importance,
                    cited_by: i.cited_by,
                })
                .collect(),
            essential_uncited: c.essential_uncited,
        }
    }
}
