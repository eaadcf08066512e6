//! Running a query: bounded lenient parsing, fuzzy neighbours, filters,
//! hits.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, QueryParser, TermQuery};
use tantivy::query_grammar::{self, LenientError, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::bounds::{self, QueryError};
use crate::error::Result;
use crate::facets::{DocCollector, Facets};
use crate::index::Index;
use crate::schema::{self, Fields};
use crate::snippets::Snippets;
use crate::{cites, fuzzy};

/// Most hits one search returns, whatever `limit` asks: a bound on the
/// memory and time of a page, far above what anyone reads.
const MAX_HITS: usize = 10_000;

/// What to search for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Query {
    /// User syntax: words, `"phrases"`, `AND`/`OR`/`NOT`, `-word`,
    /// `author:`, `title:`, `cites:`, `affiliation:`. Several words must all
    /// match; write `OR` for either. Empty text matches everything, so the
    /// filters alone can browse. Text past [`crate::MAX_CHARS`] characters
    /// or [`crate::MAX_GROUPS`] brackets is cut before parsing, and the cut
    /// reported in `ignored`.
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
    /// A passage of the matching text, as plain text: never HTML, so it is
    /// shown with text nodes and needs no unescaping.
    pub snippet: String,
    /// The matched words in `snippet`, as `[start, end)` offsets counted in
    /// Unicode scalar values (Rust `char`s, JavaScript code points), in
    /// order and not overlapping.
    pub highlights: Vec<(usize, usize)>,
    /// `snippet` cut at its highlights: the pieces in order, each matched
    /// or not, concatenating to `snippet`, so a reader draws the matched
    /// words without counting characters. Never empty pieces; adjacent
    /// pieces differ in `matched`.
    #[serde(default)]
    pub parts: Vec<SnippetPart>,
}

/// One piece of a hit's snippet: plain text (never HTML), and whether it is
/// a word the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetPart {
    pub text: String,
    pub matched: bool,
}

impl Index {
    /// Run a query. Bad syntax never fails: what could not be parsed is
    /// dropped and described in `ignored`.
    pub fn search(&self, query: &Query) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let parsed = parse(&self.index, &searcher, f, &query.text)?;
        let filtered = with_filters(f, parsed.query.box_clone(), query);

        let limit = query.limit.clamp(1, MAX_HITS);
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

    /// How many paragraphs of each document a query matches, read from the
    /// fast fields without loading a stored entry or making a snippet: the
    /// cells of the insights heat map, which asks this of every theme over
    /// the whole library. Title and reference-list matches (head entries)
    /// are not paragraphs and are not counted.
    pub fn paragraph_counts(&self, text: &str) -> Result<HashMap<i64, usize>> {
        let searcher = self.reader.searcher();
        let parsed = parse(&self.index, &searcher, self.fields, text)?;
        // A paragraph counts, as in `matches`, when its own text holds a
        // word of the query: an entry matched only through the document's
        // title or author (which every entry carries) is not one.
        let mut body_terms = BTreeSet::new();
        parsed.highlight.query_terms(&mut |term, _| {
            if term.field() == self.fields.body {
                body_terms.insert(term.clone());
            }
        });
        if body_terms.is_empty() {
            return Ok(HashMap::new());
        }
        let any_word: Vec<(Occur, Box<dyn tantivy::query::Query>)> = body_terms
            .into_iter()
            .map(|t| {
                let q: Box<dyn tantivy::query::Query> =
                    Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        let query = BooleanQuery::new(vec![
            (Occur::Must, parsed.query),
            (Occur::Must, Box::new(BooleanQuery::new(any_word))),
        ]);
        let matched = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
        let mut columns: HashMap<
            u32,
            (
                tantivy::columnar::Column<i64>,
                tantivy::columnar::Column<u64>,
            ),
        > = HashMap::new();
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for addr in matched {
            let (ids, paragraphs) = match columns.entry(addr.segment_ord) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
                    e.insert((ff.i64("doc_id")?, ff.u64("paragraph")?))
                }
            };
            if paragraphs.first(addr.doc_id).is_some() {
                if let Some(doc) = ids.first(addr.doc_id) {
                    *counts.entry(doc).or_default() += 1;
                }
            }
        }
        Ok(counts)
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
    /// The query before `cites:` was joined per document: its terms are the
    /// ones to highlight, fuzzy neighbours included.
    pub highlight: Box<dyn tantivy::query::Query>,
    /// Query words (as indexed stems) found nowhere in the index, with the
    /// nearby indexed words that were matched instead.
    pub corrections: BTreeMap<String, BTreeSet<String>>,
}

/// Most notes in `ignored`: a long garbled query can break the grammar in
/// hundreds of places, and a person reads the first few.
const MAX_NOTES: usize = 6;

/// The query parser over the default fields (body, title, author).
fn parser(index: &tantivy::Index, f: Fields) -> QueryParser {
    let mut parser = QueryParser::for_index(index, vec![f.body, f.title, f.author]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 2.0);
    parser
}

/// The grammar's reading of `text` (already bounded), with its errors in
/// words. Broken syntax falls back to the bare words.
fn grammar(text: &str) -> (UserInputAst, Vec<String>) {
    let (mut ast, syntax_errors) = query_grammar::parse_query_lenient(text);
    let mut notes: Vec<String> = syntax_errors.iter().map(|e| describe(text, e)).collect();
    if !syntax_errors.is_empty() {
        // What the lenient grammar keeps of broken syntax can be worse than
        // nothing: `"unclosed AND (` becomes the phrase "unclosed and".
        let bare = bare_words(text);
        if !bare.is_empty() {
            ast = query_grammar::parse_query_lenient(&bare).0;
            notes.push(format!("searched for {bare} instead"));
        }
    }
    (ast, notes)
}

/// `ast` with each `field:*` ("has a value") on a field tantivy cannot
/// answer it for (an unknown field, or any but a fast field, so every text
/// field) read as `*`: tantivy fails the whole search on one, instead of
/// leaving it out.
fn without_exists(
    ast: UserInputAst,
    schema: &tantivy::schema::Schema,
    notes: &mut Vec<String>,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, a)| (occur, without_exists(a, schema, notes)))
                .collect(),
        ),
        UserInputAst::Boost(a, boost) => {
            UserInputAst::Boost(Box::new(without_exists(*a, schema, notes)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Exists { field }
                if !schema
                    .get_field(&field)
                    .is_ok_and(|f| schema.get_field_entry(f).is_fast()) =>
            {
                notes.push(format!(
                    "{field}:* (has a value) cannot be searched; that part was left out"
                ));
                UserInputAst::Leaf(Box::new(UserInputLeaf::All))
            }
            leaf => UserInputAst::Leaf(Box::new(leaf)),
        },
    }
}

/// `notes` cut to [`MAX_NOTES`], saying how many more there were.
fn capped(mut notes: Vec<String>) -> Vec<String> {
    if notes.len() > MAX_NOTES {
        let more = notes.len() - (MAX_NOTES - 1);
        notes.truncate(MAX_NOTES - 1);
        notes.push(format!("and {more} more problems with the query"));
    }
    notes
}

/// Parse leniently within the [`bounds`]; words absent from the index are
/// replaced by their indexed neighbours, weighted by edit distance, so
/// "Beresfrod" finds "Beresford".
pub(crate) fn parse(
    index: &tantivy::Index,
    searcher: &Searcher,
    f: Fields,
    text: &str,
) -> Result<Parsed> {
    let nothing = |query: Box<dyn tantivy::query::Query>, ignored| Parsed {
        highlight: query.box_clone(),
        query,
        ignored,
        corrections: BTreeMap::new(),
    };
    if text.trim().is_empty() {
        return Ok(nothing(Box::new(AllQuery), Vec::new()));
    }
    let bounded = bounds::bound(text);
    let mut ignored: Vec<String> = bounded.cuts.iter().map(ToString::to_string).collect();
    let text = &*bounded.text;
    if text.trim().is_empty() {
        // Something was typed, and nothing of it is left to search for.
        return Ok(nothing(Box::new(EmptyQuery), ignored));
    }
    let (ast, notes) = grammar(text);
    ignored.extend(notes);
    let ast = without_exists(ast, &index.schema(), &mut ignored);

    let parser = parser(index, f);
    let (exact, errors) = parser.build_query_from_user_input_ast_lenient(ast.clone());
    ignored.extend(
        errors
            .iter()
            .map(|e| format!("{e}; that part was left out")),
    );

    let misspelt = misspelt(searcher, f, &*exact)?;
    if misspelt.len() > fuzzy::MAX_WORDS {
        ignored.push(format!(
            "only the first {} misspelt words were matched by similar spellings",
            fuzzy::MAX_WORDS
        ));
    }
    let mut analyzer = schema::english();
    let mut neighbours: BTreeMap<String, Vec<fuzzy::Neighbour>> = BTreeMap::new();
    for stem in misspelt.iter().take(fuzzy::MAX_WORDS) {
        for field in text_fields(f) {
            let near = fuzzy::neighbours(searcher, field, stem, &mut analyzer)?;
            if !near.is_empty() {
                neighbours.entry(stem.clone()).or_default().extend(near);
            }
        }
    }
    let corrections = neighbours
        .iter()
        .map(|(stem, near)| (stem.clone(), near.iter().map(|n| n.word.clone()).collect()))
        .collect();
    let ast = if neighbours.is_empty() {
        ast
    } else {
        let schema = index.schema();
        fuzzy::expand(
            ast,
            &neighbours,
            &[f.body, f.title, f.author],
            &|name| schema.get_field(name).ok(),
            &|field| schema.get_field_name(field).to_string(),
        )
    };
    let (highlight, _) = parser.build_query_from_user_input_ast_lenient(ast.clone());
    let (query, _) =
        parser.build_query_from_user_input_ast_lenient(cites::join(&parser, searcher, ast)?);
    Ok(Parsed {
        query,
        highlight,
        ignored: capped(ignored),
        corrections,
    })
}

/// Analysed query words that no text field holds, long enough to be tried
/// fuzzily, in order. A word is misspelt only when no text field holds it:
/// "empathy" is in bodies but never in author names, and that is no reason
/// to go fuzzy.
fn misspelt(
    searcher: &Searcher,
    f: Fields,
    exact: &dyn tantivy::query::Query,
) -> Result<Vec<String>> {
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
    Ok(freq
        .into_iter()
        .filter(|(s, n)| *n == 0 && fuzzy::max_distance(s.chars().count()) > 0)
        .map(|(s, _)| s)
        .collect())
}

impl Index {
    /// Whether `text` can be used as written: within the [`bounds`], and
    /// with nothing the grammar or the fields had to leave out. Themes are
    /// checked with this before they are saved, and again when listed.
    pub fn check_query(&self, text: &str) -> Result<(), QueryError> {
        if text.trim().is_empty() {
            return Err(QueryError::Empty);
        }
        if let Some(cut) = bounds::bound(text).cuts.into_iter().next() {
            return Err(cut);
        }
        let (ast, errors) = query_grammar::parse_query_lenient(text);
        let mut problems: Vec<String> = errors.iter().map(|e| describe(text, e)).collect();
        let ast = without_exists(ast, &self.index.schema(), &mut problems);
        let (_, errors) =
            parser(&self.index, self.fields).build_query_from_user_input_ast_lenient(ast);
        problems.extend(errors.iter().map(ToString::to_string));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(QueryError::Syntax(capped(problems)))
        }
    }
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
