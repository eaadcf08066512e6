//! `quire bench search` and `quire bench insights`, on synthetic libraries
//! built from the sample essays.
//!
//! `search` times tantivy against SQLite FTS5. This crate exists so that
//! quire-search never links SQLite: the FTS5 baseline needs `rusqlite`, and
//! keeping it here (rather than behind a feature of quire-search) means the
//! search library's dependencies are the same in every build, and only the
//! CLI's bench command pulls SQLite in for it (the engine links SQLite
//! anyway).
//!
//! The library is built deterministically (fixed RNG seed) from the sample
//! library's sentences, names and reference lists, so runs are comparable.
//! Both engines get the same entries (a head per essay with its references,
//! one row per paragraph) and answer the same queries, each returning the top
//! ten with snippets plus the number of matching documents; the faceted
//! queries also filter on kind and count four facets.
//!
//! `insights` ([`insights`]) imports a synthetic library of essays with
//! reference lists into a real library through the engine, and times the
//! insights use cases of `quire_api::insights` on it.

pub mod insights;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fastrand::Rng;
use quire_search::{Index, IndexDoc, Query};
use rusqlite::{params, Connection};
use serde::Serialize;

/// What can go wrong running the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot create the benchmark's temporary folder in {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Search(#[from] quire_search::Error),
    #[error("FTS5 baseline: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Engine(#[from] quire_engine::Error),
    #[error(transparent)]
    Api(#[from] quire_api::ApiError),
    #[error("{0}")]
    Empty(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) const SEEDS: [&str; 5] = [
    include_str!("../../../assets/sample/world-social-work-day-competition-2020.txt"),
    include_str!("../../../assets/sample/the-value-of-social-work-blog.txt"),
    include_str!("../../../assets/sample/social-work-as-a-resource.txt"),
    include_str!("../../../assets/sample/becoming-a-critical-practitioner.txt"),
    include_str!("../../../assets/sample/social-work-forum-community-care.txt"),
];

pub(crate) const FIRST: [&str; 16] = [
    "Holly",
    "Omar",
    "Charlotte",
    "Verity",
    "Amara",
    "Rhys",
    "Siobhan",
    "Tariq",
    "Megan",
    "Priya",
    "Callum",
    "Niamh",
    "Kwame",
    "Eilidh",
    "Jonas",
    "Fatima",
];
pub(crate) const LAST: [&str; 16] = [
    "Clarke",
    "Mohamed",
    "Pitt",
    "Beresford",
    "Trevithick",
    "Ruch",
    "Lishman",
    "Turner",
    "Okafor",
    "Campbell",
    "Nowak",
    "Hughes",
    "Patel",
    "MacLeod",
    "Evans",
    "Krumer-Nevo",
];
pub(crate) const PLACES: [&str; 8] = [
    "University of Lincoln",
    "University of Birmingham",
    "Cardiff University",
    "University of Dundee",
    "University of Leeds",
    "Open University",
    "University of Kent",
    "Queen's University Belfast",
];
const COLLECTIONS: [&str; 4] = [
    "World Social Work Day 2020",
    "Reading list: relationships",
    "Module SW101",
    "Placement portfolio",
];
/// Content words for term and faceted queries.
const TERMS: [&str; 16] = [
    "poverty",
    "supervision",
    "empathy",
    "technology",
    "trust",
    "relationships",
    "power",
    "families",
    "listening",
    "privilege",
    "bureaucracy",
    "reflective",
    "online",
    "children",
    "respect",
    "oppression",
];

/// Sizes of the synthetic library and of each query set.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub essays: usize,
    pub queries: usize,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            essays: 10_000,
            queries: 200,
            seed: 2020,
        }
    }
}

/// What was measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub essays: usize,
    pub paragraphs: usize,
    pub words: usize,
    pub tantivy_import: Seconds,
    pub fts5_import: Seconds,
    pub latencies: Vec<Latency>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Seconds(pub f64);

/// Latency of one query type on one engine, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub query: &'static str,
    pub engine: &'static str,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Mean number of matching documents, to show both engines agree.
    pub mean_total: f64,
}

/// Build the library in a temporary folder, import it into both engines,
/// and time the queries.
pub fn run(config: Config, progress: &mut dyn FnMut(&str)) -> Result<Report> {
    let tmp = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut rng = Rng::with_seed(config.seed);
    let pool = Pool::from_seeds();
    progress("generating the synthetic library");
    let docs: Vec<IndexDoc> = (0..config.essays)
        .map(|i| pool.essay(&mut rng, i as i64 + 1))
        .collect();
    let paragraphs = docs.iter().map(|d| d.paragraphs.len()).sum();
    let words = docs
        .iter()
        .flat_map(|d| &d.paragraphs)
        .map(|p| p.split_whitespace().count())
        .sum();

    progress("importing into tantivy");
    let start = Instant::now();
    let mut index = Index::open(&tmp.path().join("tantivy"))?;
    for d in &docs {
        index.replace_document(d)?;
    }
    index.commit(1)?;
    let tantivy_import = Seconds(start.elapsed().as_secs_f64());

    progress("importing into SQLite FTS5");
    let start = Instant::now();
    let mut fts = Fts5::create(&tmp.path().join("fts5.sqlite3"))?;
    fts.import(&docs)?;
    let fts5_import = Seconds(start.elapsed().as_secs_f64());
    drop(docs);

    let sets = QuerySets::new(&pool, &mut rng, config.queries);
    let mut latencies = Vec::new();
    for (name, queries) in sets.all() {
        progress(&format!("timing {name} queries"));
        let facet = name == "faceted";
        latencies.push(time(name, "tantivy", queries, |text| {
            let mut q = Query::new(text);
            q.limit = 10;
            if facet {
                q.kind = Some("essay".into());
            }
            Ok(index.search(&q)?.total)
        })?);
        latencies.push(time(name, "fts5", queries, |text| {
            fts.search(text, name == "fuzzy", facet)
        })?);
    }
    Ok(Report {
        essays: config.essays,
        paragraphs,
        words,
        tantivy_import,
        fts5_import,
        latencies,
    })
}

fn time(
    query: &'static str,
    engine: &'static str,
    queries: &[String],
    mut run: impl FnMut(&str) -> Result<usize>,
) -> Result<Latency> {
    // One untimed pass warms caches and pages, as a running app would be.
    for q in queries.iter().take(20) {
        run(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut totals = 0;
    for q in queries {
        let start = Instant::now();
        totals += run(q)?;
        times.push(start.elapsed());
    }
    times.sort();
    let at = |p: f64| -> f64 {
        let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1;
        ms(times[i])
    };
    Ok(Latency {
        query,
        engine,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        mean_total: totals as f64 / queries.len().max(1) as f64,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Material for synthetic essays, taken from the seed texts.
struct Pool {
    sentences: Vec<String>,
    references: Vec<String>,
}

impl Pool {
    fn from_seeds() -> Pool {
        let mut sentences = Vec::new();
        let mut references = Vec::new();
        for text in SEEDS {
            for line in text.lines().map(str::trim) {
                if let Some(r) = line.strip_prefix("- ") {
                    references.push(r.to_string());
                } else if line.split_whitespace().count() > 12 {
                    sentences.extend(
                        line.split_inclusive(". ")
                            .map(str::trim)
                            .filter(|s| s.split_whitespace().count() > 4)
                            .map(str::to_string),
                    );
                }
            }
        }
        Pool {
            sentences,
            references,
        }
    }

    /// An essay of 8-14 paragraphs of 3-6 seed sentences each (about the
    /// competition's 750-1000 words), with 6-14 references.
    fn essay(&self, rng: &mut Rng, id: i64) -> IndexDoc {
        let pick = |rng: &mut Rng, v: &[String]| v[rng.usize(..v.len())].clone();
        let paragraphs = (0..rng.usize(8..=14))
            .map(|_| {
                (0..rng.usize(3..=6))
                    .map(|_| pick(rng, &self.sentences))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let title: String = pick(rng, &self.sentences)
            .split_whitespace()
            .take(rng.usize(4..=9))
            .collect::<Vec<_>>()
            .join(" ");
        let surname = LAST[rng.usize(..LAST.len())];
        let references = (0..rng.usize(6..=14))
            .map(|i| {
                let r = pick(rng, &self.references);
                if i == 0 {
                    // Vary who is cited, so `cites:` has work to do.
                    format!("{surname}, A. ({}) {r}", 2000 + rng.usize(..24))
                } else {
                    r
                }
            })
            .collect();
        IndexDoc {
            id,
            kind: if rng.usize(..10) == 0 {
                "source"
            } else {
                "essay"
            }
            .into(),
            title,
            author: Some(format!(
                "{} {}",
                FIRST[rng.usize(..FIRST.len())],
                LAST[rng.usize(..LAST.len())]
            )),
            affiliation: Some(PLACES[rng.usize(..PLACES.len())].into()),
            collection: Some(COLLECTIONS[rng.usize(..COLLECTIONS.len())].into()),
            year: Some(2015 + rng.i32(0..10)),
            paragraphs,
            references,
        }
    }
}

/// The same queries for both engines, in each engine's syntax where they
/// differ (the FTS5 side rewrites them in [`Fts5::search`]).
struct QuerySets {
    term: Vec<String>,
    phrase: Vec<String>,
    fuzzy: Vec<String>,
    faceted: Vec<String>,
}

impl QuerySets {
    fn new(pool: &Pool, rng: &mut Rng, n: usize) -> QuerySets {
        let term = (0..n)
            .map(|_| TERMS[rng.usize(..TERMS.len())].to_string())
            .collect();
        let phrase = (0..n)
            .map(|_| {
                // Two or three consecutive words of a seed sentence.
                let s = &pool.sentences[rng.usize(..pool.sentences.len())];
                let words: Vec<String> = s
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 2)
                    .map(str::to_lowercase)
                    .collect();
                let len = rng.usize(2..=3).min(words.len());
                let start = rng.usize(..=words.len() - len);
                format!("\"{}\"", words[start..start + len].join(" "))
            })
            .collect();
        let fuzzy = (0..n)
            .map(|_| {
                // A surname or content word with two neighbouring letters swapped.
                let w: Vec<char> = if rng.bool() {
                    LAST[rng.usize(..LAST.len() - 1)].chars().collect()
                } else {
                    TERMS[rng.usize(..TERMS.len())].chars().collect()
                };
                let mut w = w;
                let i = rng.usize(1..w.len() - 1);
                w.swap(i, i + 1);
                w.into_iter().collect()
            })
            .collect();
        let faceted = (0..n)
            .map(|_| TERMS[rng.usize(..TERMS.len())].to_string())
            .collect();
        QuerySets {
            term,
            phrase,
            fuzzy,
            faceted,
        }
    }

    fn all(&self) -> [(&'static str, &[String]); 4] {
        [
            ("term", &self.term),
            ("phrase", &self.phrase),
            ("fuzzy", &self.fuzzy),
            ("faceted", &self.faceted),
        ]
    }
}

/// The FTS5 baseline: one row per entry, porter stemming, bm25 ranking,
/// snippet(); facets by GROUP BY over the matching rows.
struct Fts5 {
    db: Connection,
}

impl Fts5 {
    fn create(path: &std::path::Path) -> Result<Fts5> {
        let db = Connection::open(path)?;
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE entry USING fts5(
                 title, author, body, cites,
                 doc_id UNINDEXED, paragraph UNINDEXED, kind UNINDEXED,
                 collection UNINDEXED, affiliation UNINDEXED, year UNINDEXED,
                 tokenize = 'porter unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE vocab USING fts5vocab(entry, 'row');",
        )?;
        Ok(Fts5 { db })
    }

    fn import(&mut self, docs: &[IndexDoc]) -> Result<()> {
        let tx = self.db.transaction()?;
        {
            let mut insert = tx.prepare(
                "INSERT INTO entry (title, author, body, cites, doc_id, paragraph, kind,
                                    collection, affiliation, year)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?;
            for d in docs {
                let refs = d.references.join("\n");
                insert.execute(params![
                    d.title,
                    d.author,
                    None::<&str>,
                    refs,
                    d.id,
                    None::<i64>,
                    d.kind,
                    d.collection,
                    d.affiliation,
                    d.year
                ])?;
                for (i, p) in d.paragraphs.iter().enumerate() {
                    insert.execute(params![
                        d.title,
                        d.author,
                        p,
                        None::<&str>,
                        d.id,
                        i as i64,
                        d.kind,
                        d.collection,
                        d.affiliation,
                        d.year
                    ])?;
                }
            }
        }
        tx.commit()?;
        self.db
            .execute_batch("INSERT INTO entry(entry) VALUES('optimize');")?;
        Ok(())
    }

    /// Top ten with snippets and the matching-document count, like
    /// [`Index::search`]. FTS5 has no fuzzy matching: the vocabulary is
    /// scanned for words one edit away, and those are searched instead.
    fn search(&self, text: &str, fuzzy: bool, faceted: bool) -> Result<usize> {
        let expr = if fuzzy {
            let word = text.to_lowercase();
            let mut similar = self.db.prepare_cached(
                "SELECT term FROM vocab WHERE length(term) BETWEEN ?1 - 3 AND ?1 + 1",
            )?;
            let near: Vec<String> = similar
                .query_map([word.chars().count() as i64], |r| r.get::<_, String>(0))?
                .filter_map(|t| t.ok())
                .filter(|t| strsim::osa_distance(t, &word) <= 1)
                .map(|t| format!("\"{t}\""))
                .collect();
            if near.is_empty() {
                return Ok(0);
            }
            format!("{{title author body cites}} : ({})", near.join(" OR "))
        } else {
            format!("{{title author body}} : {text}")
        };
        let filter = if faceted { " AND kind = 'essay'" } else { "" };
        let mut top = self.db.prepare_cached(&format!(
            "SELECT doc_id, paragraph, title,
                    snippet(entry, 2, '<b>', '</b>', '…', 32), bm25(entry)
             FROM entry WHERE entry MATCH ?1{filter} ORDER BY rank LIMIT 10"
        ))?;
        let rows = top.query_map([&expr], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            row?;
        }
        let mut count = self.db.prepare_cached(&format!(
            "SELECT count(DISTINCT doc_id) FROM entry WHERE entry MATCH ?1{filter}"
        ))?;
        let total: i64 = count.query_row([&expr], |r| r.get(0))?;
        if faceted {
            for column in ["kind", "collection", "affiliation", "year"] {
                let mut facet = self.db.prepare_cached(&format!(
                    "SELECT {column}, count(DISTINCT doc_id) FROM entry
                     WHERE entry MATCH ?1{filter} GROUP BY {column}"
                ))?;
                let rows = facet.query_map([&expr], |r| r.get::<_, i64>(1))?;
                for row in rows {
                    row?;
                }
            }
        }
        Ok(total as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny run: both engines import the same library and answer every
    /// query set.
    #[test]
    fn small_run_times_every_query_on_both_engines() {
        let config = Config {
            essays: 20,
            queries: 5,
            seed: 7,
        };
        let report = run(config, &mut |_| {}).unwrap();
        assert_eq!(report.essays, 20);
        assert!(
            report.paragraphs >= 20 * 8 && report.words > 0,
            "{report:?}"
        );
        let timed: Vec<_> = report
            .latencies
            .iter()
            .map(|l| (l.query, l.engine))
            .collect();
        for query in ["term", "phrase", "fuzzy", "faceted"] {
            for engine in ["tantivy", "fts5"] {
                assert!(timed.contains(&(query, engine)), "{query} on {engine}");
            }
        }
        let term = |engine| {
            report
                .latencies
                .iter()
                .find(|l| l.query == "term" && l.engine == engine)
                .unwrap()
                .mean_total
        };
        assert!(term("tantivy") > 0.0 && term("fts5") > 0.0, "{report:?}");
    }
}
