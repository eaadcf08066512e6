//! Distinctive key terms, for suggested themes.
//!
//! Scores are tf-idf over paragraphs, read from the index itself: document
//! frequencies come from the term dictionary, so nothing is precomputed and
//! the figures are always those of the committed index.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::postings::Postings;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocSet, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::facets::DocCollector;
use crate::index::Index;
use crate::schema;

/// A word worth offering as a theme.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyTerm {
    /// The word as written most often (the index holds stems).
    pub term: String,
    pub score: f32,
    /// Paragraphs containing it.
    pub paragraphs: usize,
    /// Documents containing it.
    pub documents: usize,
}

impl Index {
    /// The `n` words most particular to one document: frequent in it, rare
    /// in the library's paragraphs. Scored `(1 + ln tf) · ln(N / df)`.
    pub fn key_terms(&self, doc: i64, n: usize) -> Result<Vec<KeyTerm>> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let q = TermQuery::new(
            Term::from_field_i64(f.doc_id, doc),
            IndexRecordOption::Basic,
        );
        let count = searcher.search(&q, &Count)?;
        let entries = searcher.search(&q, &TopDocs::with_limit(count.max(1)).order_by_score())?;
        let words = Words::new();
        let mut tf: HashMap<String, Surface> = HashMap::new();
        for (_, addr) in entries {
            let stored: TantivyDocument = searcher.doc(addr)?;
            for body in stored.get_all(f.body).filter_map(|v| v.as_str()) {
                words.each(body, |stem, word| tf.entry(stem).or_default().add(word));
            }
        }
        let total = paragraph_count(self)? as f32;
        let mut out = Vec::new();
        for (stem, surface) in tf {
            if surface.total < 2 {
                continue;
            }
            let df = searcher.doc_freq(&Term::from_field_text(f.body, &stem))?;
            if df == 0 {
                continue;
            }
            out.push(KeyTerm {
                term: surface.best(),
                // Sublinear tf: a word used thirty times is not thirty
                // times as telling, and would let common words through.
                score: (1.0 + (surface.total as f32).ln()) * (total / df as f32).ln().max(0.0),
                paragraphs: df as usize,
                documents: 1,
            });
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.term.cmp(&b.term))
        });
        out.truncate(n);
        Ok(out)
    }

    /// The `n` words that mark themes across the library: in several
    /// paragraphs, but not so many that they say nothing (like "social" in
    /// a social-work library). Scored `df · ln(N / df)`, which favours words
    /// spread over a modest share of the paragraphs.
    pub fn library_key_terms(&self, n: usize) -> Result<Vec<KeyTerm>> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let words = Words::new();
        let mut df: HashMap<String, u64> = HashMap::new();
        for seg in searcher.segment_readers() {
            let inverted = seg.inverted_index(f.body)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(|e| Error::Tantivy(e.into()))?;
            while stream.advance() {
                let Ok(stem) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if words.keeps_stem(stem) {
                    *df.entry(stem.to_string()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        let total = paragraph_count(self)? as f64;
        let ceiling = (total / 10.0).max(2.0);
        let mut scored: Vec<(String, u64, f64)> = df
            .into_iter()
            .filter(|&(_, d)| d >= 2 && (d as f64) <= ceiling)
            .map(|(stem, d)| {
                let score = d as f64 * (total / d as f64).ln();
                (stem, d, score)
            })
            .collect();
        scored.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        // Spread alone lets through words every essay uses once here and
        // there ("time", "understand"). A theme's words come in bursts: a
        // paragraph about poverty says "poverty" more than once. So the best
        // candidates are re-ranked by burstiness, occurrences per paragraph
        // containing the word (Church and Gale's cf/df).
        scored.truncate(n.saturating_mul(RERANKED).max(MIN_RERANKED));
        for (stem, d, score) in &mut scored {
            let cf = collection_frequency(self, stem)?;
            *score *= (cf as f64 / *d as f64 - 1.0).max(0.0);
        }
        scored.retain(|s| s.2 > 0.0);
        scored.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        scored.truncate(n);

        let mut out = Vec::new();
        for (stem, d, score) in scored {
            let q = TermQuery::new(
                Term::from_field_text(f.body, &stem),
                IndexRecordOption::Basic,
            );
            let (top, docs) =
                searcher.search(&q, &(TopDocs::with_limit(3).order_by_score(), DocCollector))?;
            let mut surface = Surface::default();
            for (_, addr) in top {
                let stored: TantivyDocument = searcher.doc(addr)?;
                for body in stored.get_all(f.body).filter_map(|v| v.as_str()) {
                    words.each(body, |s, word| {
                        if s == stem {
                            surface.add(word)
                        }
                    });
                }
            }
            out.push(KeyTerm {
                term: if surface.total == 0 {
                    stem
                } else {
                    surface.best()
                },
                score: score as f32,
                paragraphs: d as usize,
                documents: docs.total,
            });
        }
        Ok(out)
    }
}

/// How many candidates per wanted suggestion are re-ranked by burstiness.
const RERANKED: usize = 8;
const MIN_RERANKED: usize = 60;

/// Occurrences of a stem in the paragraphs' text, over all segments.
fn collection_frequency(index: &Index, stem: &str) -> Result<u64> {
    let searcher = index.reader.searcher();
    let term = Term::from_field_text(index.fields.body, stem);
    let mut total = 0u64;
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(index.fields.body)?;
        let postings = inverted
            .read_postings(&term, IndexRecordOption::WithFreqs)
            .map_err(|e| Error::Tantivy(e.into()))?;
        let Some(mut postings) = postings else {
            continue;
        };
        let alive = seg.alive_bitset();
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                total += u64::from(postings.term_freq());
            }
            doc = postings.advance();
        }
    }
    Ok(total)
}

/// Paragraph entries in the committed index.
fn paragraph_count(index: &Index) -> Result<usize> {
    let searcher = index.reader.searcher();
    let heads = index.num_documents()?;
    Ok((searcher.num_docs() as usize).saturating_sub(heads).max(1))
}

/// How often each spelling of one stem was seen.
#[derive(Default)]
struct Surface {
    total: usize,
    spellings: HashMap<String, usize>,
}

impl Surface {
    fn add(&mut self, word: &str) {
        self.total += 1;
        *self.spellings.entry(word.to_string()).or_default() += 1;
    }

    fn best(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(w, _)| w.clone())
            .unwrap_or_default()
    }
}

/// Splits text into (stem, word) pairs, dropping stop words and numbers.
struct Words {
    stop: HashSet<String>,
    stop_stems: HashSet<String>,
    /// Stems of [`DISCOURSE`], kept out of library-wide suggestions only.
    discourse_stems: HashSet<String>,
}

/// Words essays use to argue rather than to name what they are about. The
/// stop list does not hold them, and they are spread and repeated like
/// theme words, so library-wide suggestions would otherwise offer "idea" or
/// "situation" as a theme.
const DISCOURSE: &[&str] = &[
    "idea",
    "view",
    "feel",
    "feeling",
    "situation",
    "time",
    "understand",
    "level",
    "set",
    "base",
    "hold",
    "offer",
    "question",
    "increase",
    "develop",
    "involve",
    "address",
    "approach",
    "wider",
    "stronger",
    "link",
    "discuss",
    "argue",
    "individual",
    "person",
    "common",
    "critical",
    "solution",
    "position",
    "account",
    "sound",
    "role",
    "impact",
    "challenge",
    "response",
    "reflect",
    "quality",
    "study",
    "month",
    "aware",
    "speak",
    "experience",
    "live",
    "professional",
    "issue",
    "example",
    "aspect",
    "factor",
    "process",
    "need",
    "way",
    "important",
    "key",
    "ensure",
    "within",
    "often",
    "able",
    "order",
    "part",
    "point",
    "term",
    "case",
    "form",
    "sense",
    "support",
    "work",
    "social",
    "practice",
];

impl Words {
    fn new() -> Words {
        let stop: HashSet<String> = stop_words::lookup("en")
            .unwrap_or_default()
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        let stop_stems = stop.iter().filter_map(|w| stem(w)).collect();
        let discourse_stems = DISCOURSE.iter().filter_map(|w| stem(w)).collect();
        Words {
            stop,
            stop_stems,
            discourse_stems,
        }
    }

    fn each(&self, text: &str, mut f: impl FnMut(String, &str)) {
        let mut analyzer = schema::surface();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            let word = token.text.as_str();
            if self.keeps_word(word) {
                if let Some(s) = stem(word) {
                    f(s, word);
                }
            }
        }
    }

    fn keeps_word(&self, word: &str) -> bool {
        word.chars().count() >= 3
            && !word.chars().any(|c| c.is_ascii_digit())
            && !self.stop.contains(word)
    }

    fn keeps_stem(&self, stem: &str) -> bool {
        self.keeps_word(stem)
            && !self.stop_stems.contains(stem)
            && !self.discourse_stems.contains(stem)
    }
}

fn stem(word: &str) -> Option<String> {
    let mut analyzer = schema::english();
    let mut stream = analyzer.token_stream(word);
    stream.next().map(|t| t.text.clone())
}
