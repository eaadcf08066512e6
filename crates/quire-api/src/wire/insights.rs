//! Insights: the numbers behind each chart of an essay, a collection or
//! the library, and a reading list's coverage. The app draws exactly these;
//! the CLI's `quire insights … --json` prints the frozen subsets in
//! [`super::cli`].

use std::collections::BTreeMap;

use quire_engine::insights as engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lists::Importance;

/// One essay (or source): its references by year and kind, how densely it
/// cites, and where in its text the citations fall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EssayInsights {
    pub document: i64,
    pub title: String,
    /// The essay's year, which reference ages count from (its own, else its
    /// collection's, else the year it was imported).
    pub year: Option<i32>,
    pub words: usize,
    /// Entries in its reference list.
    pub references: usize,
    /// Entries with no year of publication, so not in `years`.
    pub undated: usize,
    /// Dated references per year of publication, oldest first; years with
    /// none are left out.
    pub years: Vec<YearCount>,
    /// Median of (essay's year − publication year), in years; null with no
    /// dated reference.
    pub median_age: Option<f64>,
    /// References per kind: `journal_article`, `book`, `chapter`, `report`,
    /// `web_page`, `legislation`, `other`, every kind present.
    pub types: BTreeMap<String, usize>,
    /// In-text citations.
    pub citations: usize,
    pub citations_per_100_words: f64,
    /// Every paragraph, in the reader's `data-paragraph` numbering.
    pub paragraphs: Vec<ParagraphCites>,
    /// Prose paragraphs that cite nothing.
    pub uncited_paragraphs: Vec<usize>,
    /// The paragraph of each in-text citation, in the text's order.
    pub citation_positions: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearCount {
    pub year: i32,
    pub count: usize,
}

/// One paragraph on the strip along the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParagraphCites {
    pub citations: usize,
    /// False for headings and lines under eight words, which need no citation.
    pub prose: bool,
}

/// A scope's most-cited works, network, theme heat map and reference ages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LibraryInsights {
    /// The collection's id; null for the whole library.
    pub collection: Option<i64>,
    /// Essays in the scope (near-copies left out).
    pub essays: usize,
    /// Distinct works they cite.
    pub works: usize,
    pub most_cited: Vec<MostCited>,
    pub network: Network,
    pub themes: ThemeMatrix,
    pub ages: Vec<EssayAges>,
}

/// A work and the essays citing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MostCited {
    pub work: i64,
    /// "Ferguson (2014)".
    pub label: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    /// Essays citing it: the length of `documents`.
    pub count: usize,
    /// Its in-text citations across those essays.
    pub citations: usize,
    pub documents: Vec<i64>,
}

/// Essays and works as nodes, an essay citing a work as an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
    /// Nodes and edges left out to keep the drawing to the best-connected.
    pub hidden_nodes: usize,
    pub hidden_edges: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Essay,
    Work,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NetworkNode {
    /// `essay:ID` or `work:ID`.
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// The document's or the work's id.
    pub item: i64,
    /// Works an essay cites; essays citing a work (2 or more: shared).
    pub degree: usize,
    /// A work's year of publication; an essay's own year.
    pub year: Option<i32>,
    /// `[x, y]` from the engine's force layout, about one unit between
    /// neighbours; left out when the network was not laid out.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[ts(optional)]
    pub position: Option<[f64; 2]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NetworkEdge {
    /// The essay's node id.
    pub source: String,
    /// The work's node id.
    pub target: String,
    /// In-text citations of the work in the essay, at least 1.
    pub weight: usize,
}

/// The part of the network to draw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NetworkFilter {
    /// Only works published from this year on.
    pub from: Option<i32>,
    /// Only works published up to this year.
    pub to: Option<i32>,
    /// The most nodes to draw, best-connected first.
    pub max_nodes: Option<usize>,
}

/// Themes × documents: matching paragraphs per cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ThemeMatrix {
    /// Rows: saved themes, then suggested ones.
    pub themes: Vec<MatrixTheme>,
    /// Columns: the scope's documents, by id.
    pub documents: Vec<MatrixDoc>,
    /// `counts[theme][document]`.
    pub counts: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixTheme {
    pub name: String,
    /// The search that finds its paragraphs.
    pub query: String,
    /// A saved theme's colour (`#rrggbb`); null for a suggested one.
    pub colour: Option<String>,
    pub suggested: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixDoc {
    pub id: i64,
    /// Its author, else its title, short.
    pub label: String,
    pub title: String,
    /// `essay` or `source`.
    pub kind: String,
}

/// One essay's reference ages (essay's year − publication year, in years)
/// as a box plot's five numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EssayAges {
    pub document: i64,
    pub label: String,
    /// Dated references counted.
    pub references: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

/// A paragraph citing a work: one row of "where is this cited".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CitedPassage {
    pub document: i64,
    pub label: String,
    pub title: String,
    /// In the reader's `data-paragraph` numbering.
    pub paragraph: usize,
    /// The paragraph's Markdown text.
    pub text: String,
    /// The work's citations in it, as written.
    pub citations: Vec<String>,
}

/// A reading list against what a scope's essays cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Coverage {
    pub list: String,
    pub collection: Option<i64>,
    /// Essays in the scope.
    pub essays: usize,
    /// The list's items, in its order.
    pub items: Vec<CoverageItem>,
    /// Essential items no essay cites, in list order.
    pub essential_uncited: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CoverageItem {
    pub work: i64,
    pub label: String,
    pub title: Option<String>,
    pub section: Option<String>,
    pub importance: Option<Importance>,
    /// Essays citing it.
    pub cited_by: Vec<i64>,
}

/// A chart whose data can be written as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// An essay's references per year of publication.
    Years,
    /// An essay's references per kind.
    Types,
    /// An essay's citations per paragraph (the strip along the text).
    Paragraphs,
    /// The most-cited works and the essays citing each.
    MostCited,
    /// The network's edges: essay, work, citations.
    Network,
    /// The theme heat map: one row per theme, one column per document.
    Themes,
    /// Reference ages per essay, five numbers each.
    Ages,
    /// A reading list's items and the essays citing each.
    Coverage,
}

/// What a chart's CSV is made from: the chart and its subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartRequest {
    pub chart: Chart,
    /// The document, for `years`, `types` and `paragraphs`.
    pub document: Option<i64>,
    /// The collection (title or id), for the library charts and coverage.
    pub collection: Option<String>,
    /// The reading list, for `coverage`.
    pub list: Option<String>,
    /// The network's year filter and size, for `network`.
    pub filter: Option<NetworkFilter>,
}

impl From<engine::EssayInsights> for EssayInsights {
    fn from(e: engine::EssayInsights) -> Self {
        EssayInsights {
            document: e.document,
            title: e.title,
            year: e.year,
            words: e.words,
            references: e.references,
            undated: e.undated,
            years: e
                .years
                .into_iter()
                .map(|y| YearCount {
                    year: y.year,
                    count: y.count,
                })
                .collect(),
            median_age: e.median_age,
            types: e.types,
            citations: e.citations,
            citations_per_100_words: e.citations_per_100_words,
            paragraphs: e
                .paragraphs
                .into_iter()
                .map(|p| ParagraphCites {
                    citations: p.citations,
                    prose: p.prose,
                })
                .collect(),
            uncited_paragraphs: e.uncited_paragraphs,
            citation_positions: e.citation_positions,
        }
    }
}

impl From<engine::MostCited> for MostCited {
    fn from(m: engine::MostCited) -> Self {
        MostCited {
            work: m.work,
            label: m.label,
            title: m.title,
            year: m.year,
            count: m.count,
            citations: m.citations,
            documents: m.documents,
        }
    }
}

impl From<engine::NodeKind> for NodeKind {
    fn from(k: engine::NodeKind) -> Self {
        match k {
            engine::NodeKind::Essay => NodeKind::Essay,
            engine::NodeKind::Work => NodeKind::Work,
        }
    }
}

impl From<engine::Network> for Network {
    fn from(n: engine::Network) -> Self {
        Network {
            nodes: n
                .nodes
                .into_iter()
                .map(|n| NetworkNode {
                    id: n.id,
                    kind: n.kind.into(),
                    label: n.label,
                    item: n.item,
                    degree: n.degree,
                    year: n.year,
                    position: n.position,
                })
                .collect(),
            edges: n
                .edges
                .into_iter()
                .map(|e| NetworkEdge {
                    source: e.source,
                    target: e.target,
                    weight: e.weight,
                })
                .collect(),
            hidden_nodes: n.hidden_nodes,
            hidden_edges: n.hidden_edges,
        }
    }
}

impl From<NetworkFilter> for engine::NetworkFilter {
    fn from(f: NetworkFilter) -> Self {
        engine::NetworkFilter {
            from: f.from,
            to: f.to,
            max_nodes: f.max_nodes,
        }
    }
}

impl From<engine::ThemeMatrix> for ThemeMatrix {
    fn from(m: engine::ThemeMatrix) -> Self {
        ThemeMatrix {
            themes: m
                .themes
                .into_iter()
                .map(|t| MatrixTheme {
                    name: t.name,
                    query: t.query,
                    colour: t.colour,
                    suggested: t.suggested,
                })
                .collect(),
            documents: m
                .documents
                .into_iter()
                .map(|d| MatrixDoc {
                    id: d.id,
                    label: d.label,
                    title: d.title,
                    kind: d.kind,
                })
                .collect(),
            counts: m.counts,
        }
    }
}

impl From<engine::EssayAges> for EssayAges {
    fn from(a: engine::EssayAges) -> Self {
        EssayAges {
            document: a.document,
            label: a.label,
            references: a.references,
            min: a.min,
            q1: a.q1,
            median: a.median,
            q3: a.q3,
            max: a.max,
        }
    }
}

impl From<engine::LibraryInsights> for LibraryInsights {
    fn from(l: engine::LibraryInsights) -> Self {
        LibraryInsights {
            collection: l.collection,
            essays: l.essays,
            works: l.works,
            most_cited: super::all(l.most_cited),
            network: l.network.into(),
            themes: l.themes.into(),
            ages: super::all(l.ages),
        }
    }
}

impl From<engine::CitedPassage> for CitedPassage {
    fn from(p: engine::CitedPassage) -> Self {
        CitedPassage {
            document: p.document,
            label: p.label,
            title: p.title,
            paragraph: p.paragraph,
            text: p.text,
            citations: p.citations,
        }
    }
}

impl From<engine::Coverage> for Coverage {
    fn from(c: engine::Coverage) -> Self {
        Coverage {
            list: c.list,
            collection: c.collection,
            essays: c.essays,
            items: c
                .items
                .into_iter()
                .map(|i| CoverageItem {
                    work: i.work,
                    label: i.label,
                    title: i.title,
                    section: i.section,
                    importance: i.importance.map(Into::into),
                    cited_by: i.cited_by,
                })
                .collect(),
            essential_uncited: c.essential_uncited,
        }
    }
}
