//! The tantivy schema and the English analyzer.
//!
//! A Quire document becomes several index entries (see [`crate::IndexDoc`]):
//! one *head* entry holding the reference list, and one entry per paragraph.
//! Every entry carries the document's id, title, author, affiliation and the
//! facet fields, so `author:clarke poverty` can match a single paragraph and
//! facet counts can be taken from whatever entries a query matched.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Name under which [`english`] is registered with the index.
pub const ANALYZER: &str = "quire_en";

/// The analyzer for all searchable text: lower-cased, accents folded
/// ("Müller" finds "Muller"), English-stemmed ("relationships" finds
/// "relationship"). Stop words are kept so phrases like "use of self" match
/// exactly.
pub fn english() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The same analyzer without stemming: gives the readable word behind a stem.
pub fn surface() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Handles on the schema's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    pub doc_id: Field,
    /// Paragraph index; absent on head entries.
    pub paragraph: Field,
    pub kind: Field,
    pub collection: Field,
    /// Exact affiliation, for facets and filters.
    pub affiliation_exact: Field,
    pub year: Field,
    pub title: Field,
    pub author: Field,
    /// Searchable affiliation (`affiliation:lincoln`).
    pub affiliation: Field,
    pub body: Field,
    /// Reference-list text, on head entries only: `cites:Krumer-Nevo`.
    pub cites: Field,
}

impl Fields {
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = |stored: bool| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let opts = TextOptions::default().set_indexing_options(indexing);
            if stored {
                opts.set_stored()
            } else {
                opts
            }
        };
        let id = NumericOptions::default()
            .set_indexed()
            .set_fast()
            .set_stored();
        let fields = Fields {
            doc_id: b.add_i64_field("doc_id", id.clone()),
            paragraph: b.add_u64_field("paragraph", FAST | STORED),
            kind: b.add_text_field("kind", STRING | FAST | STORED),
            collection: b.add_text_field("collection", STRING | FAST),
            affiliation_exact: b.add_text_field("affiliation_exact", STRING | FAST),
            year: b.add_i64_field("year", INDEXED | FAST),
            title: b.add_text_field("title", text(true)),
            author: b.add_text_field("author", text(true)),
            affiliation: b.add_text_field("affiliation", text(false)),
            body: b.add_text_field("body", text(true)),
            cites: b.add_text_field("cites", text(true)),
        };
        (b.build(), fields)
    }
}
