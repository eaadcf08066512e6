//! Running a query: lenient parsing, fuzzy fallback, filters, hits, snippets.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, FuzzyTermQuery, Occur, QueryParser, TermQuery};
use tantivy::query_grammar::{self, LenientError};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Searcher, TantivyDocument, Term};

use crate::cites;
use crate::error::Result;
use crate::facets::{DocCollector, Facets};
use crate::index::Index;
use crate::schema::Fields;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;
/// A query term is tried fuzzily only when it is at least this long: short
/// words have too many neighbours ("care" → "car", "core", "cafe").
const FUZZY_MIN_LEN: usize = 4;
/// Edits allowed in a fuzzy match; a swap of two letters counts as one.
const FUZZY_DISTANCE: u8 = 1;

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
        // One pass: the document/facet count must visit every match anyway,
        // so block-max WAND could not skip any; a second pass would only
        // evaluate the query (phrases especially) twice.
        let (first_page, docs) = searcher.search(
            &*filtered,
            &(TopDocs::with_limit(page).order_by_score(), DocCollector),
        )?;
        let snippets = Snippets::new(&searcher, f, &parsed)?;

        let mut hits = Vec::new();
        let mut doc_level = HashSet::new();
        let mut ids = DocIds::default();
        let mut candidates = first_page;
        let mut offset = 0;
        loop {
            let exhausted = candidates.len() < page;
            for (score, addr) in &candidates {
                if !snippets.body_terms && doc_level.contains(&ids.get(&searcher, *addr)?) {
                    continue;
                }
                let stored: TantivyDocument = searcher.doc(*addr)?;
                if let Some(hit) = snippets.hit(&stored, *score, &mut doc_level) {
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
                &TopDocs::with_limit(page)
                    .and_offset(offset)
                    .order_by_score(),
            )?;
        }

        Ok(SearchResults {
            total: docs.total,
            ignored: parsed.ignored,
            hits,
            facets: docs.facets,
            similar: parsed
                .corrections
                .iter()
                .flat_map(|(typed, found)| found.iter().map(move |w| format!("{typed} → {w}")))
                .collect(),
        })
    }

    /// Every hit of a query, in reading order (by document, then paragraph;
    /// a document-level hit first), with what was ignored. For themes.
    pub fn matches(&self, text: &str) -> Result<(Vec<Hit>, Vec<String>)> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let parsed = parse(&self.index, &searcher, f, text)?;
        let snippets = Snippets::new(&searcher, f, &parsed)?;
        let n = searcher.search(&*parsed.query, &tantivy::collector::Count)?;
        let all = searcher.search(
            &*parsed.query,
            &TopDocs::with_limit(n.max(1)).order_by_score(),
        )?;
        let mut hits = Vec::new();
        let mut doc_level = HashSet::new();
        for (score, addr) in all {
            let stored: TantivyDocument = searcher.doc(addr)?;
            hits.extend(snippets.hit(&stored, score, &mut doc_level));
        }
        hits.sort_by_key(|h| (h.doc, h.paragraph));
        Ok((hits, parsed.ignored))
    }
}

/// A parsed user query.
pub(crate) struct Parsed {
    pub query: Box<dyn tantivy::query::Query>,
    pub ignored: Vec<String>,
    /// The query without fuzzy matching: its terms are the ones to highlight.
    pub exact: Box<dyn tantivy::query::Query>,
    /// Query words (as indexed stems) found nowhere in the index, with the
    /// indexed words one edit away that were matched instead, per field.
    pub corrections: BTreeMap<String, BTreeSet<String>>,
    pub corrected: HashMap<Field, BTreeSet<String>>,
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
            exact: Box::new(AllQuery),
            corrections: BTreeMap::new(),
            corrected: HashMap::new(),
        });
    }
    let (mut ast, syntax_errors) = query_grammar::parse_query_lenient(text);
    let mut ignored: Vec<String> = syntax_errors.iter().map(|e| describe(text, e)).collect();
    if !syntax_errors.is_empty() {
        // What the lenient grammar keeps of broken syntax can be worse than
        // nothing: `"unclosed AND (` becomes the phrase "unclosed and".
        let bare = bare_words(text);
        if !bare.is_empty() {
            ast = query_grammar::parse_query_lenient(&bare).0;
            ignored.push(format!("searched for {bare} instead"));
        }
    }

    let mut parser = QueryParser::for_index(index, vec![f.body, f.title, f.author]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 2.0);
    let (exact, errors) = parser.build_query_from_user_input_ast_lenient(ast.clone());
    ignored.extend(
        errors
            .iter()
            .map(|e| format!("{e}; that part was left out")),
    );

    // A word is misspelt when no text field holds it: "empathy" is in
    // bodies but never in author names, and that is no reason to go fuzzy.
    let mut freq: BTreeMap<String, u64> = BTreeMap::new();
    let mut lookup_error = None;
    exact.query_terms(&mut |term, _| {
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
    let mut corrections: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut corrected: HashMap<Field, BTreeSet<String>> = HashMap::new();
    for typed in &misspelt {
        for field in text_fields(f) {
            for word in near(searcher, field, typed)? {
                corrections
                    .entry(typed.clone())
                    .or_default()
                    .insert(word.clone());
                corrected.entry(field).or_default().insert(word);
            }
        }
    }
    if !corrections.is_empty() {
        for field in text_fields(f) {
            parser.set_field_fuzzy(field, false, FUZZY_DISTANCE, true);
        }
    }
    let (query, _) =
        parser.build_query_from_user_input_ast_lenient(cites::join(&parser, searcher, ast)?);
    Ok(Parsed {
        query,
        exact,
        ignored,
        corrections,
        corrected,
    })
}

/// Indexed words of `field` one edit from `stem`, found by running the
/// fuzzy query's automaton over the term dictionaries.
fn near(searcher: &Searcher, field: Field, stem: &str) -> Result<Vec<String>> {
    let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, stem), FUZZY_DISTANCE, true);
    let mut out = Vec::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(fuzzy.automaton()?)
            .into_stream()
            .map_err(|e| crate::Error::Tantivy(e.into()))?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                if !out.iter().any(|w| w == word) {
                    out.push(word.to_string());
                }
            }
        }
    }
    Ok(out)
}

fn text_fields(f: Fields) -> [Field; 5] {
    [f.body, f.title, f.author, f.cites, f.affiliation]
}

fn is_text(f: Fields, field: Field) -> bool {
    text_fields(f).contains(&field)
}

/// The words of a query whose syntax is broken: quotes, brackets and
/// operators that no longer join two words dropped, field prefixes and
/// `-word` kept.
fn bare_words(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if "\"()[]{}".contains(c) { ' ' } else { c })
        .collect();
    let is_op = |t: &str| matches!(t, "AND" | "OR" | "NOT");
    let tokens: Vec<&str> = spaced
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric) && !t.ends_with(':'))
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let word_after = tokens.get(i + 1).is_some_and(|n| !is_op(n));
        let keep = match *t {
            "AND" | "OR" => word_after && out.last().is_some_and(|p| !is_op(p)),
            "NOT" => word_after && out.iter().any(|p| !is_op(p)),
            _ => true,
        };
        if keep {
            out.push(t);
        }
    }
    out.join(" ")
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
    /// Whether any query word can match a body: if not, every match is
    /// by metadata and paragraphs need no snippet.
    body_terms: bool,
    body: SnippetGenerator,
    cites: SnippetGenerator,
    title: SnippetGenerator,
    author: SnippetGenerator,
}

impl Snippets {
    /// Generators highlighting the exact query's terms plus, for a fuzzy
    /// search, the corrected words (tantivy's fuzzy query reports no terms
    /// to highlight).
    fn new(searcher: &Searcher, f: Fields, parsed: &Parsed) -> Result<Snippets> {
        let make = |field: Field| -> Result<(SnippetGenerator, bool)> {
            let mut terms: BTreeMap<String, f32> = BTreeMap::new();
            let mut failure = None;
            parsed.exact.query_terms(&mut |term, _| {
                if term.field() != field {
                    return;
                }
                let Some(text) = term.value().as_str().map(str::to_string) else {
                    return;
                };
                match searcher.doc_freq(term) {
                    Ok(0) => {}
                    Ok(df) => {
                        terms.insert(text, 1.0 / (1.0 + df as f32));
                    }
                    Err(e) => failure = Some(e),
                }
            });
            if let Some(e) = failure {
                return Err(e.into());
            }
            for word in parsed.corrected.get(&field).into_iter().flatten() {
                terms.insert(word.clone(), 1.0);
            }
            let tokenizer = searcher.index().tokenizer_for_field(field)?;
            let any = !terms.is_empty();
            Ok((
                SnippetGenerator::new(terms, tokenizer, field, SNIPPET_CHARS),
                any,
            ))
        };
        let (body, body_terms) = make(f.body)?;
        Ok(Snippets {
            f,
            body_terms,
            body,
            cites: make(f.cites)?.0,
            title: make(f.title)?.0,
            author: make(f.author)?.0,
        })
    }

    /// A paragraph hit if the entry's own text matched; otherwise a
    /// document-level hit, once per document (`doc_level` remembers which).
    fn hit(
        &self,
        stored: &TantivyDocument,
        score: f32,
        doc_level: &mut HashSet<i64>,
    ) -> Option<Hit> {
        let f = self.f;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
        };
        let doc = stored.get_first(f.doc_id).and_then(|v| v.as_i64())?;
        let paragraph = stored
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .map(|p| p as usize);
        if paragraph.is_some() && self.body_terms {
            let snippet = self.body.snippet(text(f.body));
            if !snippet.highlighted().is_empty() {
                return Some(hit(f, stored, doc, paragraph, score, snippet.to_html()));
            }
        }
        if !doc_level.insert(doc) {
            return None;
        }
        let cites: Vec<&str> = stored.get_all(f.cites).filter_map(|v| v.as_str()).collect();
        let candidates = [
            (&self.cites, cites.join(" · ")),
            (&self.title, text(f.title).to_string()),
            (&self.author, text(f.author).to_string()),
        ];
        let snippet = candidates
            .iter()
            .map(|(generator, text)| generator.snippet(text))
            .find(|s| !s.highlighted().is_empty())
            .unwrap_or_else(|| self.title.snippet(text(f.title)));
        Some(hit(f, stored, doc, None, score, snippet.to_html()))
    }
}

fn hit(
    f: Fields,
    stored: &TantivyDocument,
    doc: i64,
    paragraph: Option<usize>,
    score: f32,
    snippet: String,
) -> Hit {
    let text = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Hit {
        doc,
        title: text(f.title).unwrap_or_default(),
        author: text(f.author),
        kind: text(f.kind).unwrap_or_default(),
        paragraph,
        score,
        snippet,
    }
}

/// Document ids read from the fast field, so entries of a document already
/// shown can be skipped without loading them from the store.
#[derive(Default)]
pub(crate) struct DocIds {
    columns: HashMap<u32, tantivy::columnar::Column<i64>>,
}

impl DocIds {
    pub(crate) fn get(&mut self, searcher: &Searcher, addr: tantivy::DocAddress) -> Result<i64> {
        let column = match self.columns.entry(addr.segment_ord) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(addr.segment_ord)
                    .fast_fields()
                    .i64("doc_id")?,
            ),
        };
        Ok(column.first(addr.doc_id).unwrap_or(-1))
    }
}
