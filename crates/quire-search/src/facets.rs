//! Facet counts over matching *documents*.
//!
//! A query matches entries (paragraphs and heads); a document with twelve
//! matching paragraphs must still count once under "essay". The collector
//! reads each entry's document id from a fast field, keeps the first entry
//! of every document, and reads that entry's facet values.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// How many matching documents have each value, most frequent first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facets {
    pub kind: Vec<FacetCount>,
    pub collection: Vec<FacetCount>,
    pub affiliation: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Matching documents and their facet counts.
pub(crate) struct DocStats {
    pub total: usize,
    pub facets: Facets,
}

/// Facet values of one document: kind, collection, affiliation, year.
type Values = [Option<Arc<str>>; 4];

/// The string fast fields counted as facets, in [`Values`] order.
const STR_FACETS: [&str; 3] = ["kind", "collection", "affiliation_exact"];

pub(crate) struct DocCollector;

impl Collector for DocCollector {
    type Fruit = DocStats;
    type Child = SegmentDocs;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        seg: &SegmentReader,
    ) -> tantivy::Result<SegmentDocs> {
        let ff = seg.fast_fields();
        let strs = [
            ff.str(STR_FACETS[0])?,
            ff.str(STR_FACETS[1])?,
            ff.str(STR_FACETS[2])?,
        ];
        Ok(SegmentDocs {
            doc_id: ff.i64("doc_id")?,
            year: ff.i64("year")?,
            cache: strs
                .iter()
                .map(|c| vec![None; c.as_ref().map_or(0, |c| c.num_terms())])
                .collect(),
            strs,
            last: None,
            docs: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<HashMap<i64, Values>>) -> tantivy::Result<DocStats> {
        let mut all: HashMap<i64, Values> = HashMap::new();
        for seg in segments {
            for (id, v) in seg {
                all.entry(id).or_insert(v);
            }
        }
        let mut counts: [HashMap<Arc<str>, usize>; 4] = Default::default();
        for values in all.values() {
            for (i, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    *counts[i].entry(v.clone()).or_default() += 1;
                }
            }
        }
        let [kind, collection, affiliation, year] = counts.map(sorted);
        Ok(DocStats {
            total: all.len(),
            facets: Facets {
                kind,
                collection,
                affiliation,
                year,
            },
        })
    }
}

fn sorted(counts: HashMap<Arc<str>, usize>) -> Vec<FacetCount> {
    let mut v: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value: value.to_string(),
            count,
        })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v
}

pub(crate) struct SegmentDocs {
    doc_id: Column<i64>,
    year: Column<i64>,
    strs: [Option<StrColumn>; 3],
    /// Per column, ordinal → string, resolved once.
    cache: Vec<Vec<Option<Arc<str>>>>,
    /// The previous entry's document: entries of a document are written
    /// together, so most repeats are caught without hashing.
    last: Option<i64>,
    docs: HashMap<i64, Values>,
}

impl SegmentDocs {
    fn value(&mut self, i: usize, doc: DocId) -> Option<Arc<str>> {
        let col = self.strs[i].as_ref()?;
        let ord = col.ords().first(doc)?;
        let slot = self.cache[i].get_mut(ord as usize)?;
        if slot.is_none() {
            let mut s = String::new();
            if col.ord_to_str(ord, &mut s).ok()? {
                *slot = Some(Arc::from(s));
            }
        }
        slot.clone()
    }
}

impl SegmentCollector for SegmentDocs {
    type Fruit = HashMap<i64, Values>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(id) = self.doc_id.first(doc) else {
            return;
        };
        if self.last == Some(id) || self.docs.contains_key(&id) {
            self.last = Some(id);
            return;
        }
        self.last = Some(id);
        let values = [
            self.value(0, doc),
            self.value(1, doc),
            self.value(2, doc),
            self.year.first(doc).map(|y| Arc::from(y.to_string())),
        ];
        self.docs.insert(id, values);
    }

    fn harvest(self) -> Self::Fruit {
        self.docs
    }
}
