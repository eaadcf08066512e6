//! What the engine hands the index: plain structs, no SQLite.

use serde::{Deserialize, Serialize};
use tantivy::TantivyDocument;

use crate::schema::Fields;

/// One library document as the index sees it.
///
/// It is written as `1 + paragraphs.len()` tantivy entries:
/// - a *head* entry with title, author, affiliation and the reference list
///   (`cites:`), so a document whose only match is its metadata or its
///   references gives one document-level hit;
/// - one entry per paragraph with the body text, so a hit points to the
///   paragraph where the words are. Paragraph entries repeat title, author and
///   affiliation (short) but not the reference list (long, and it would
///   multiply the index size by the paragraph count).
///
/// Facet counts and `total` count distinct documents, not entries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexDoc {
    pub id: i64,
    /// "essay" or "source".
    pub kind: String,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub collection: Option<String>,
    pub year: Option<i32>,
    pub paragraphs: Vec<String>,
    /// Raw reference-list entries.
    pub references: Vec<String>,
}

impl IndexDoc {
    /// The tantivy entries for this document: head first, then paragraphs.
    pub(crate) fn entries(&self, f: &Fields) -> Vec<TantivyDocument> {
        let head = {
            let mut d = self.shared(f);
            for r in &self.references {
                d.add_text(f.cites, r);
            }
            d
        };
        let mut out = Vec::with_capacity(self.paragraphs.len() + 1);
        out.push(head);
        for (i, p) in self.paragraphs.iter().enumerate() {
            let mut d = self.shared(f);
            d.add_u64(f.paragraph, i as u64);
            d.add_text(f.body, p);
            out.push(d);
        }
        out
    }

    fn shared(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_i64(f.doc_id, self.id);
        d.add_text(f.kind, &self.kind);
        d.add_text(f.title, &self.title);
        if let Some(a) = &self.author {
            d.add_text(f.author, a);
        }
        if let Some(a) = &self.affiliation {
            d.add_text(f.affiliation, a);
            d.add_text(f.affiliation_exact, a);
        }
        if let Some(c) = &self.collection {
            d.add_text(f.collection, c);
        }
        if let Some(y) = self.year {
            d.add_i64(f.year, i64::from(y));
        }
        d
    }
}
