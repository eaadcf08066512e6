//! Misspelt query words: the indexed words a few edits away, weighted by
//! their edit distance so closer spellings rank higher.
//!
//! tantivy's fuzzy term query gives every match the same constant score, so
//! a two-edit neighbour ranked level with the word meant, and it reports no
//! terms, so snippets of fuzzy hits highlighted nothing. Here a misspelt
//! word becomes an OR of ordinary term queries for its neighbours: each
//! scores by BM25 like any word, boosted by [`weight`] of its distance and
//! scaled to the commonest neighbour's rarity (so a rare two-edit word does
//! not outrank a common one-edit word on rarity alone), and each is a term
//! the snippet generator can highlight.

use std::collections::BTreeMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::query_grammar::{Delimiter, Occur, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::error::{Error, Result};
use crate::schema;

/// A word is tried fuzzily only when it is at least this long: short words
/// have too many neighbours ("care" → "car", "core", "cafe").
const MIN_LEN: usize = 4;
/// From this length on, two edits are allowed instead of one.
const TWO_EDITS_LEN: usize = 8;
/// Most neighbours kept per misspelt word and field, closest and commonest
/// first: enough for any real misspelling, and a bound on the query's size.
const MAX_NEIGHBOURS: usize = 8;
/// Most misspelt words looked up in one query; each costs a walk of every
/// term dictionary.
pub(crate) const MAX_WORDS: usize = 8;

/// Edits allowed for a word of `len` characters.
pub(crate) fn max_distance(len: usize) -> u8 {
    match len {
        l if l < MIN_LEN => 0,
        l if l < TWO_EDITS_LEN => 1,
        _ => 2,
    }
}

/// How much a match `distance` edits away counts against an exact match:
/// exact 1, one edit ¼, two edits ⅑ — steep enough that a closer spelling
/// outranks a farther one with the same rarity unless the farther one is
/// used several times more often in a paragraph.
pub(crate) fn weight(distance: u8) -> f32 {
    let d = f32::from(distance) + 1.0;
    1.0 / (d * d)
}

/// An indexed word near a misspelt one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Neighbour {
    pub field: Field,
    pub word: String,
    pub distance: u8,
    /// Query boost: [`weight`] times the rarity correction.
    pub boost: f32,
}

/// Indexed words of `field` near `stem` (an analysed query word), closest
/// first, with their boosts. Words the analyzer would change again (so a
/// query for them would look for another term) are left out.
pub(crate) fn neighbours(
    searcher: &Searcher,
    field: Field,
    stem: &str,
    analyzer: &mut TextAnalyzer,
) -> Result<Vec<Neighbour>> {
    let max = max_distance(stem.chars().count());
    if max == 0 {
        return Ok(Vec::new());
    }
    let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, stem), max, true);
    let automaton = fuzzy.automaton()?;
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(|e| Error::Tantivy(e.into()))?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *found.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut near: Vec<(String, u8, u64)> = found
        .into_iter()
        .filter(|(word, _)| word != stem && analyses_to_itself(analyzer, word))
        .map(|(word, df)| {
            let d = strsim::osa_distance(stem, &word).min(usize::from(max));
            (word, u8::try_from(d).unwrap_or(max), df)
        })
        .collect();
    near.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    near.truncate(MAX_NEIGHBOURS);
    let total = searcher.num_docs();
    let commonest = near.iter().map(|n| n.2).max().unwrap_or(0);
    let reference = idf(commonest, total);
    Ok(near
        .into_iter()
        .map(|(word, distance, df)| Neighbour {
            field,
            boost: weight(distance) * reference / idf(df, total),
            word,
            distance,
        })
        .collect())
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let n = doc_freq as f32;
    let total = docs.max(doc_freq) as f32;
    (1.0 + (total - n + 0.5) / (n + 0.5)).ln()
}

fn analyses_to_itself(analyzer: &mut TextAnalyzer, word: &str) -> bool {
    let mut tokens = Vec::new();
    analyzer
        .token_stream(word)
        .process(&mut |t| tokens.push(t.text.clone()));
    tokens.len() == 1 && tokens[0] == word
}

/// `ast` with every plain one-word literal whose analysed form is in
/// `corrections` replaced by an OR of its neighbours in the fields the
/// literal searches (`defaults` when it names none). `field_of` maps a field
/// name to its handle.
pub(crate) fn expand(
    ast: UserInputAst,
    corrections: &BTreeMap<String, Vec<Neighbour>>,
    defaults: &[Field],
    field_of: &dyn Fn(&str) -> Option<Field>,
    name_of: &dyn Fn(Field) -> String,
) -> UserInputAst {
    let mut analyzer = schema::english();
    rewrite(ast, &mut |literal| {
        if literal.delimiter != Delimiter::None || literal.prefix || literal.slop != 0 {
            return None;
        }
        let fields: Vec<Field> = match &literal.field_name {
            Some(name) => vec![field_of(name)?],
            None => defaults.to_vec(),
        };
        let mut tokens = Vec::new();
        analyzer
            .token_stream(&literal.phrase)
            .process(&mut |t| tokens.push(t.text.clone()));
        let [stem] = tokens.as_slice() else {
            return None;
        };
        let clauses: Vec<(Option<Occur>, UserInputAst)> = corrections
            .get(stem)?
            .iter()
            .filter(|n| fields.contains(&n.field))
            .map(|n| {
                let leaf = UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(UserInputLiteral {
                    field_name: Some(name_of(n.field)),
                    phrase: n.word.clone(),
                    delimiter: Delimiter::None,
                    slop: 0,
                    prefix: false,
                })));
                (
                    Some(Occur::Should),
                    UserInputAst::Boost(Box::new(leaf), f64::from(n.boost).into()),
                )
            })
            .collect();
        (!clauses.is_empty()).then_some(UserInputAst::Clause(clauses))
    })
}

/// Rebuild `ast`, replacing each literal for which `replace` has an answer.
/// The tree is at most as deep as [`crate::bounds`] allows.
fn rewrite(
    ast: UserInputAst,
    replace: &mut dyn FnMut(&UserInputLiteral) -> Option<UserInputAst>,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, a)| (occur, rewrite(a, replace)))
                .collect(),
        ),
        UserInputAst::Boost(a, boost) => UserInputAst::Boost(Box::new(rewrite(*a, replace)), boost),
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => match replace(&literal) {
                Some(ast) => ast,
                None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
            },
            other => UserInputAst::Leaf(Box::new(other)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closer_spellings_weigh_more() {
        assert!(weight(0) > weight(1));
        assert!(weight(1) > weight(2));
        assert_eq!(weight(0), 1.0);
    }

    #[test]
    fn longer_words_allow_more_edits() {
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(5), 1);
        assert_eq!(max_distance(9), 2);
    }

    #[test]
    fn rarer_words_have_higher_idf() {
        assert!(idf(1, 1000) > idf(100, 1000));
        assert!(idf(5, 0).is_finite());
    }
}
