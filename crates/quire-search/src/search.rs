//! Running a query: lenient parsing, fuzzy fallback, filters, hits, snippets.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, Occur, QueryParser, TermQuery};
use tantivy::query_grammar::{self, LenientError};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::error::Result;
use crate::facets::{DocCollector, Facets};
use crate::index::Index;
use crate::schema::{self, Fields};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;
/// A query term is tried fuzzily (one edit; a swap of two letters counts as
/// one) only when it is at least this long: short words have too many
/// neighbours ("care" → "car", "core", "cafe").
const FUZZY_MIN_LEN: usize = 4;

/// What to search for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Query {
    /// User syntax: words, `"phrases"`, `AND`/`OR`/`NOT`, `-word`,
    /// `author:`, `title:`, `cites:`, `affiliation:`. Several words must all
    /// match; write `OR` for either. Empty text matches everything, so the
    /// filters alone can browse.
    pub text: String,
    pub kind: Option<String>,
    pub collection: Option<String>,
    pub affiliation: Option<String>,
    pub year: Option<i32>,
    pub limit: usize,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query {
            text: text.to_string(),
            kind: None,
            collection: None,
            affiliation: None,
            year: None,
            limit: 20,
        }
    }
}

/// The answer to a [`Query`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResults {
    /// Matching documents (not paragraphs).
    pub total: usize,
    /// Parts of the query that could not be used, in words a user can act on.
    pub ignored: Vec<String>,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// Misspelt words that were matched by similar spellings, as
    /// `"beresfrod → beresford"`.
    pub similar: Vec<String>,
}

/// One place where the query matched.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hit {
    pub doc: i64,
    pub title: String,
    pub author: Option<String>,
    pub kind: String,
    /// The paragraph whose text matched; `None` when only the document's
    /// title, author, affiliation or references matched.
    pub paragraph: Option<usize>,
    pub score: f32,
    /// HTML-escaped text with the matched words in `<b>`.
    pub snippet: String,
}

impl Index {
    /// Run a query. Bad syntax never fails: what could not be parsed is
    /// dropped and described in `ignored`.
    pub fn search(&self, query: &Query) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let parsed = parse(&self.index, &searcher, f, &query.text)?;
        let filtered = with_filters(f, parsed.query.box_clone(), query);

        let limit = query.limit.max(1);
        let page = limit * 2 + 8;
        let (first_page, docs) = searcher.search(
            &*filtered,
            &(TopDocs::with_limit(page).order_by_score(), DocCollector),
        )?;
        let snippets = Snippets::new(&searcher, f, &*parsed.query, &parsed.misspelt)?;

        let mut hits = Vec::new();
        let mut doc_level = HashSet::new();
        let mut corrections = BTreeMap::new();
        let mut candidates = first_page;
        let mut offset = 0;
        loop {
            let exhausted = candidates.len() < page;
            for (score, addr) in &candidates {
                let stored: TantivyDocument = searcher.doc(*addr)?;
                if let Some(hit) =
                    snippets.hit(&stored, *score, &mut doc_level, &mut corrections)
                {
                    hits.push(hit);
                    if hits.len() == limit {
                        break;
                    }
                }
            }
            if hits.len() == limit || exhausted {
                break;
            }
            // Metadata-only matches collapse to one hit per document, so a
            // page can yield fewer hits than entries: read on.
            offset += page;
            candidates = searcher.search(
                &*filtered,
                &TopDocs::with_limit(page).and_offset(offset).order_by_score(),
            )?;
        }

        Ok(SearchResults {
            total: docs.total,
            ignored: parsed.ignored,
            hits,
            facets: docs.facets,
            similar: corrections
                .into_iter()
                .map(|(typed, found)| format!("{typed} → {found}"))
                .collect(),
        })
    }

    /// Every hit of a query, in reading order (by document, then paragraph;
    /// a document-level hit first), with what was ignored. For themes.
    pub fn matches(&self, text: &str) -> Result<(Vec<Hit>, Vec<String>)> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let parsed = parse(&self.index, &searcher, f, text)?;
        let snippets = Snippets::new(&searcher, f, &*parsed.query, &parsed.misspelt)?;
        let n = searcher.search(&*parsed.query, &tantivy::collector::Count)?;
        let all = searcher.search(
            &*parsed.query,
            &TopDocs::with_limit(n.max(1)).order_by_score(),
        )?;
        let mut hits = Vec::new();
        let mut doc_level = HashSet::new();
        let mut corrections = BTreeMap::new();
        for (score, addr) in all {
            let stored: TantivyDocument = searcher.doc(addr)?;
            hits.extend(snippets.hit(&stored, score, &mut doc_level, &mut corrections));
        }
        hits.sort_by_key(|h| (h.doc, h.paragraph));
        Ok((hits, parsed.ignored))
    }
}

/// A parsed user query.
pub(crate) struct Parsed {
    pub query: Box<dyn tantivy::query::Query>,
    pub ignored: Vec<String>,
    /// Query words (as indexed stems) found nowhere in the index, which
    /// were therefore matched fuzzily.
    pub misspelt: Vec<String>,
}

/// Parse leniently; if some word is absent from the index, parse again with
/// fuzzy matching on the text fields so "Beresfrod" finds "Beresford".
pub(crate) fn parse(
    index: &tantivy::Index,
    searcher: &Searcher,
    f: Fields,
    text: &str,
) -> Result<Parsed> {
    if text.trim().is_empty() {
        return Ok(Parsed {
            query: Box::new(AllQuery),
            ignored: Vec::new(),
            misspelt: Vec::new(),
        });
    }
    let (ast, syntax_errors) = query_grammar::parse_query_lenient(text);
    let mut ignored: Vec<String> = syntax_errors.iter().map(|e| describe(text, e)).collect();

    let mut parser = QueryParser::for_index(index, vec![f.body, f.title, f.author]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 2.0);
    let (query, errors) = parser.build_query_from_user_input_ast_lenient(ast.clone());
    ignored.extend(errors.iter().map(|e| format!("{e}; that part was left out")));

    // A word is misspelt when no text field holds it: "empathy" is in
    // bodies but never in author names, and that is no reason to go fuzzy.
    let mut freq: BTreeMap<String, u64> = BTreeMap::new();
    let mut lookup_error = None;
    query.query_terms(&mut |term, _| {
        let value = term.value();
        let (true, Some(s)) = (is_text(f, term.field()), value.as_str()) else {
            return;
        };
        match searcher.doc_freq(term) {
            Ok(n) => *freq.entry(s.to_string()).or_default() += n,
            Err(e) => lookup_error = Some(e),
        }
    });
    if let Some(e) = lookup_error {
        return Err(e.into());
    }
    let misspelt: Vec<String> = freq
        .into_iter()
        .filter(|(s, n)| *n == 0 && s.chars().count() >= FUZZY_MIN_LEN)
        .map(|(s, _)| s)
        .collect();
    if misspelt.is_empty() {
        return Ok(Parsed {
            query,
            ignored,
            misspelt,
        });
    }
    for field in [f.body, f.title, f.author, f.cites, f.affiliation] {
        parser.set_field_fuzzy(field, false, 1, true);
    }
    let (query, _) = parser.build_query_from_user_input_ast_lenient(ast);
    Ok(Parsed {
        query,
        ignored,
        misspelt,
    })
}

fn is_text(f: Fields, field: Field) -> bool {
    [f.body, f.title, f.author, f.cites, f.affiliation].contains(&field)
}

/// A grammar error as a user reads it: what was wrong and where.
fn describe(text: &str, e: &LenientError) -> String {
    let at: String = text
        .char_indices()
        .skip_while(|(i, _)| *i < e.pos)
        .map(|(_, c)| c)
        .take(24)
        .collect();
    if at.trim().is_empty() {
        format!("{} at the end of the query", e.message)
    } else {
        format!("{} at “{}”", e.message, at.trim())
    }
}

fn with_filters(
    f: Fields,
    query: Box<dyn tantivy::query::Query>,
    q: &Query,
) -> Box<dyn tantivy::query::Query> {
    let mut clauses: Vec<(Occur, Box<dyn tantivy::query::Query>)> = vec![(Occur::Must, query)];
    let mut must = |term: Term| {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ))
    };
    if let Some(k) = &q.kind {
        must(Term::from_field_text(f.kind, k));
    }
    if let Some(c) = &q.collection {
        must(Term::from_field_text(f.collection, c));
    }
    if let Some(a) = &q.affiliation {
        must(Term::from_field_text(f.affiliation_exact, a));
    }
    if let Some(y) = q.year {
        must(Term::from_field_i64(f.year, i64::from(y)));
    }
    if clauses.len() == 1 {
        clauses.pop().expect("one clause").1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// Turns matching entries into hits with snippets.
struct Snippets {
    f: Fields,
    body: SnippetGenerator,
    cites: SnippetGenerator,
    title: SnippetGenerator,
    author: SnippetGenerator,
    /// Stems matched fuzzily: their look-alikes in a hit's text are
    /// highlighted too (tantivy's fuzzy query reports no terms to highlight).
    misspelt: Vec<String>,
}

impl Snippets {
    fn new(
        searcher: &Searcher,
        f: Fields,
        query: &dyn tantivy::query::Query,
        misspelt: &[String],
    ) -> Result<Snippets> {
        let make = |field| -> Result<SnippetGenerator> {
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(SNIPPET_CHARS);
            Ok(g)
        };
        Ok(Snippets {
            f,
            body: make(f.body)?,
            cites: make(f.cites)?,
            title: make(f.title)?,
            author: make(f.author)?,
            misspelt: misspelt.to_vec(),
        })
    }

    /// A paragraph hit if the entry's own text matched; otherwise a
    /// document-level hit, once per document (`doc_level` remembers which).
    fn hit(
        &self,
        stored: &TantivyDocument,
        score: f32,
        doc_level: &mut HashSet<i64>,
        corrections: &mut BTreeMap<String, String>,
    ) -> Option<Hit> {
        let f = self.f;
        let text = |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
        let doc = stored.get_first(f.doc_id).and_then(|v| v.as_i64())?;
        let paragraph = stored
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .map(|p| p as usize);
        let mut hit = Hit {
            doc,
            title: text(f.title).to_string(),
            author: stored
                .get_first(f.author)
                .and_then(|v| v.as_str())
                .map(str::to_string),
            kind: text(f.kind).to_string(),
            paragraph,
            score,
            snippet: String::new(),
        };
        if paragraph.is_some() {
            let snippet = self.snippet(&self.body, text(f.body), corrections);
            if !snippet.highlighted().is_empty() {
                hit.snippet = snippet.to_html();
                return Some(hit);
            }
        }
        if !doc_level.insert(doc) {
            return None;
        }
        hit.paragraph = None;
        let cites: Vec<&str> = stored
            .get_all(f.cites)
            .filter_map(|v| v.as_str())
            .collect();
        let candidates = [
            (&self.cites, cites.join(" · ")),
            (&self.title, hit.title.clone()),
            (&self.author, hit.author.clone().unwrap_or_default()),
        ];
        let mut best = None;
        for (generator, text) in &candidates {
            let s = self.snippet(generator, text, corrections);
            if !s.highlighted().is_empty() {
                best = Some(s);
                break;
            }
        }
        hit.snippet = match best {
            Some(s) => s.to_html(),
            None => self.title.snippet(&hit.title).to_html(),
        };
        Some(hit)
    }

    /// A snippet, with look-alikes of misspelt words highlighted as well.
    fn snippet(
        &self,
        generator: &SnippetGenerator,
        text: &str,
        corrections: &mut BTreeMap<String, String>,
    ) -> Snippet {
        let plain = generator.snippet(text);
        if self.misspelt.is_empty() || text.is_empty() {
            return plain;
        }
        let mut terms = BTreeMap::new();
        let mut analyzer = schema::english();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            for typed in &self.misspelt {
                if strsim::osa_distance(typed, &token.text) == 1 {
                    terms.insert(token.text.clone(), 1.0);
                    corrections
                        .entry(typed.clone())
                        .or_insert_with(|| token.text.clone());
                }
            }
        }
        if terms.is_empty() {
            return plain;
        }
        for (word, _) in generator_terms(generator, text) {
            terms.insert(word, 1.0);
        }
        let mut g = SnippetGenerator::new(terms, schema::english(), self.f.body, SNIPPET_CHARS);
        g.set_max_num_chars(SNIPPET_CHARS);
        g.snippet(text)
    }
}

/// The stems a generator already highlights in `text`.
fn generator_terms(generator: &SnippetGenerator, text: &str) -> Vec<(String, f32)> {
    let snippet = generator.snippet(text);
    let fragment = snippet.fragment();
    let mut analyzer = schema::english();
    snippet
        .highlighted()
        .iter()
        .filter_map(|r| fragment.get(r.clone()))
        .filter_map(|word| {
            let mut s = analyzer.token_stream(word);
            s.next().map(|t| (t.text.clone(), 1.0))
        })
        .collect()
}
