//! A library's or a collection's insights: the most-cited works, the
//! citation network, and each essay's reference ages. All three come from
//! one reading of who cites what ([`Citing`]), so they always agree.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::facts::{self, essay_label, quantile, round2, WorkFacts};
use super::{Scope, ThemeMatrix, ESSAYS};
use crate::error::Result;
use crate::library::Library;

/// Everything the insights page shows for a scope.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryInsights {
    pub collection: Option<i64>,
    /// Essays in the scope.
    pub essays: usize,
    /// Distinct works they cite.
    pub works: usize,
    pub most_cited: Vec<MostCited>,
    pub network: Network,
    pub themes: ThemeMatrix,
    pub ages: Vec<EssayAges>,
}

/// A work and the essays citing it.
#[derive(Debug, Clone, Serialize)]
pub struct MostCited {
    pub work: i64,
    pub label: String,
    pub title: Option<String>,
    pub year: Option<i32>,
    /// Essays citing it (the length of `documents`).
    pub count: usize,
    /// In-text citations of it across those essays.
    pub citations: usize,
    pub documents: Vec<i64>,
}

/// Essays and works as nodes, an essay citing a work as an edge.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub edges: Vec<NetworkEdge>,
    /// Nodes and edges left out by `max_nodes` (the least connected).
    pub hidden_nodes: usize,
    pub hidden_edges: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Essay,
    Work,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkNode {
    /// `essay:ID` or `work:ID`.
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// The document or work id.
    pub item: i64,
    /// Works an essay cites; essays citing a work. A work with two or more
    /// is shared, and drawn so.
    pub degree: usize,
    /// Publication year of a work; the essay's own year.
    pub year: Option<i32>,
    /// Where the force layout put it (about one unit between neighbours);
    /// absent when the network was not laid out (the CLI's JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkEdge {
    pub source: String,
    pub target: String,
    /// In-text citations of the work in the essay, at least 1 (being in the
    /// reference list counts once).
    pub weight: usize,
}

/// Which part of the network to draw.
#[derive(Debug, Clone, Copy, Default)]
pub struct NetworkFilter {
    /// Only works published in these years (undated works are then left
    /// out); essays always stay.
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Keep the best-connected nodes only; the rest are counted as hidden.
    pub max_nodes: Option<usize>,
}

/// One essay's reference ages (essay's year − publication year), as five
/// numbers for a box plot.
#[derive(Debug, Clone, Serialize)]
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

/// An essay of the scope.
struct Essay {
    id: i64,
    label: String,
    year: Option<i32>,
}

/// Who cites what in a scope, read once.
pub(crate) struct Citing {
    essays: Vec<Essay>,
    /// (essay, work) → in-text citations of the work in the essay.
    links: BTreeMap<(i64, i64), usize>,
    works: HashMap<i64, WorkFacts>,
}

impl Citing {
    pub(crate) fn read(library: &Library, scope: Scope) -> Result<Citing> {
        let conn = library.conn();
        let essays = conn
            .prepare(&format!(
                "{ESSAYS} SELECT d.id, d.title, d.author,
                        coalesce(d.year, c.year, CAST(substr(d.imported_at, 1, 4) AS INTEGER))
                 FROM scope JOIN documents d ON d.id = scope.id
                 LEFT JOIN collections c ON c.id = d.collection_id ORDER BY d.id"
            ))?
            .query_map([scope.collection], |r| {
                let title: String = r.get(1)?;
                let author: Option<String> = r.get(2)?;
                Ok(Essay {
                    id: r.get(0)?,
                    label: essay_label(&title, author.as_deref()),
                    year: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut cites: HashMap<(i64, i64), usize> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "{ESSAYS} SELECT c.document_id, c.reference, count(*) FROM citations c
             JOIN scope ON scope.id = c.document_id
             WHERE c.reference IS NOT NULL GROUP BY c.document_id, c.reference"
        ))?;
        let rows = stmt.query_map([scope.collection], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get::<_, i64>(2)?))
        })?;
        for row in rows {
            let (key, n) = row?;
            cites.insert(key, usize::try_from(n).unwrap_or(0));
        }
        let mut links: BTreeMap<(i64, i64), usize> = BTreeMap::new();
        let mut stmt = conn.prepare(&format!(
            "{ESSAYS} SELECT wr.document_id, wr.position, wr.work_id FROM work_refs wr
             JOIN scope ON scope.id = wr.document_id"
        ))?;
        let rows = stmt.query_map([scope.collection], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (doc, position, work) = row?;
            *links.entry((doc, work)).or_default() +=
                cites.get(&(doc, position)).copied().unwrap_or(0);
        }
        let works = facts::works(conn, links.keys().map(|&(_, w)| w))?;
        Ok(Citing {
            essays,
            links,
            works,
        })
    }

    /// Works by how many essays cite them, then by in-text citations.
    pub(crate) fn most_cited(&self, top: usize) -> Vec<MostCited> {
        let mut by_work: HashMap<i64, (Vec<i64>, usize)> = HashMap::new();
        for (&(doc, work), &n) in &self.links {
            let entry = by_work.entry(work).or_default();
            entry.0.push(doc);
            entry.1 += n;
        }
        let mut out: Vec<MostCited> = by_work
            .into_iter()
            .map(|(work, (documents, citations))| {
                let facts = &self.works[&work];
                MostCited {
                    work,
                    label: facts.label.clone(),
                    title: facts.title.clone(),
                    year: facts.year,
                    count: documents.len(),
                    citations,
                    documents,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.citations.cmp(&a.citations))
                .then_with(|| a.label.cmp(&b.label))
                .then(a.work.cmp(&b.work))
        });
        out.truncate(top);
        out
    }

    pub(crate) fn network(&self, filter: NetworkFilter) -> Network {
        let keep_work = |w: &i64| {
            let year = self.works[w].year;
            match (filter.from, filter.to) {
                (None, None) => true,
                (from, to) => {
                    year.is_some_and(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t))
                }
            }
        };
        let links: Vec<(i64, i64, usize)> = self
            .links
            .iter()
            .filter(|((_, w), _)| keep_work(w))
            .map(|(&(d, w), &n)| (d, w, n.max(1)))
            .collect();
        let mut essay_degree: HashMap<i64, usize> = HashMap::new();
        let mut work_degree: BTreeMap<i64, usize> = BTreeMap::new();
        for &(d, w, _) in &links {
            *essay_degree.entry(d).or_default() += 1;
            *work_degree.entry(w).or_default() += 1;
        }
        let mut nodes: Vec<NetworkNode> = self
            .essays
            .iter()
            .map(|e| NetworkNode {
                id: format!("essay:{}", e.id),
                kind: NodeKind::Essay,
                label: e.label.clone(),
                item: e.id,
                degree: essay_degree.get(&e.id).copied().unwrap_or(0),
                year: e.year,
                position: None,
            })
            .collect();
        nodes.extend(work_degree.iter().map(|(&w, &degree)| {
            let facts = &self.works[&w];
            NetworkNode {
                id: format!("work:{w}"),
                kind: NodeKind::Work,
                label: facts.label.clone(),
                item: w,
                degree,
                year: facts.year,
                position: None,
            }
        }));
        let total_edges = links.len();
        let mut hidden_nodes = 0;
        let mut kept_essays: Option<std::collections::HashSet<i64>> = None;
        let mut kept_works: Option<std::collections::HashSet<i64>> = None;
        if let Some(max) = filter.max_nodes.filter(|&m| nodes.len() > m) {
            // The best-connected first; ties by kind and id, so the same
            // library always shows the same nodes.
            let mut order: Vec<usize> = (0..nodes.len()).collect();
            order.sort_by(|&a, &b| {
                let (a, b) = (&nodes[a], &nodes[b]);
                b.degree
                    .cmp(&a.degree)
                    .then((a.kind as u8).cmp(&(b.kind as u8)))
                    .then(a.item.cmp(&b.item))
            });
            let mut keep = vec![false; nodes.len()];
            for &i in order.iter().take(max) {
                keep[i] = true;
            }
            hidden_nodes = nodes.len() - max;
            let mut flags = keep.into_iter();
            nodes.retain(|_| flags.next().unwrap_or(false));
            kept_essays = Some(
                nodes
                    .iter()
                    .filter(|n| n.kind == NodeKind::Essay)
                    .map(|n| n.item)
                    .collect(),
            );
            kept_works = Some(
                nodes
                    .iter()
                    .filter(|n| n.kind == NodeKind::Work)
                    .map(|n| n.item)
                    .collect(),
            );
        }
        let edges: Vec<NetworkEdge> = links
            .into_iter()
            .filter(|(d, w, _)| {
                kept_essays.as_ref().is_none_or(|k| k.contains(d))
                    && kept_works.as_ref().is_none_or(|k| k.contains(w))
            })
            .map(|(d, w, weight)| NetworkEdge {
                source: format!("essay:{d}"),
                target: format!("work:{w}"),
                weight,
            })
            .collect();
        Network {
            hidden_edges: total_edges - edges.len(),
            nodes,
            edges,
            hidden_nodes,
        }
    }

    /// Each essay with a dated reference: the ages of its references.
    pub(crate) fn ages(&self) -> Vec<EssayAges> {
        let mut per: HashMap<i64, Vec<f64>> = HashMap::new();
        let years: HashMap<i64, Option<i32>> = self.essays.iter().map(|e| (e.id, e.year)).collect();
        for &(doc, work) in self.links.keys() {
            if let (Some(Some(essay)), Some(year)) = (years.get(&doc), self.works[&work].year) {
                per.entry(doc).or_default().push(f64::from(essay - year));
            }
        }
        self.essays
            .iter()
            .filter_map(|e| {
                let mut ages = per.remove(&e.id)?;
                ages.sort_by(f64::total_cmp);
                let q = |p| quantile(&ages, p).map(round2).unwrap_or(0.0);
                Some(EssayAges {
                    document: e.id,
                    label: e.label.clone(),
                    references: ages.len(),
                    min: ages[0],
                    q1: q(0.25),
                    median: q(0.5),
                    q3: q(0.75),
                    max: ages[ages.len() - 1],
                })
            })
            .collect()
    }
}

impl Library {
    /// Everything for a scope at once: `top` most-cited works, the whole
    /// network, the theme heat map with `suggested` suggested themes, ages.
    pub fn library_insights(
        &self,
        scope: Scope,
        top: usize,
        suggested: usize,
    ) -> Result<LibraryInsights> {
        let citing = Citing::read(self, scope)?;
        Ok(LibraryInsights {
            collection: scope.collection,
            essays: citing.essays.len(),
            works: citing.works.len(),
            most_cited: citing.most_cited(top),
            network: citing.network(NetworkFilter::default()),
            themes: self.theme_matrix(scope, suggested)?,
            ages: citing.ages(),
        })
    }

    /// The `top` works the scope's essays cite most.
    pub fn most_cited(&self, scope: Scope, top: usize) -> Result<Vec<MostCited>> {
        Ok(Citing::read(self, scope)?.most_cited(top))
    }

    /// The citation network of a scope, filtered and laid out.
    pub fn citation_network(&self, scope: Scope, filter: NetworkFilter) -> Result<Network> {
        let mut network = Citing::read(self, scope)?.network(filter);
        let index: HashMap<&str, usize> = network
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let edges: Vec<(usize, usize)> = network
            .edges
            .iter()
            .filter_map(|e| {
                Some((
                    *index.get(e.source.as_str())?,
                    *index.get(e.target.as_str())?,
                ))
            })
            .collect();
        let positions = super::layout::layout(network.nodes.len(), &edges);
        for (node, (x, y)) in network.nodes.iter_mut().zip(positions) {
            node.position = Some([round2(x), round2(y)]);
        }
        Ok(network)
    }

    /// Reference ages per essay of a scope.
    pub fn reference_ages(&self, scope: Scope) -> Result<Vec<EssayAges>> {
        Ok(Citing::read(self, scope)?.ages())
    }
}
