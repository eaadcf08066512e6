//! `cites:` joined to the rest of a query at document level.
//!
//! References live only on a document's head entry (see [`crate::IndexDoc`]:
//! repeating them on every paragraph would multiply the index), so
//! `cites:krumer-nevo AND poverty` could never match one entry. When a query
//! mixes `cites:` with other words, each `cites:` clause becomes the set of
//! documents whose references match it: one extra search over the few head
//! entries that match, after which `AND`, `OR` and `NOT` combine with the
//! other words per document and hits still point at paragraphs.

use std::collections::BTreeSet;

use tantivy::collector::DocSetCollector;
use tantivy::query::QueryParser;
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::Searcher;

use crate::error::Result;
use crate::search::DocIds;

const FIELD: &str = "cites";

/// `ast` with its `cites:` clauses replaced by `doc_id` sets, when it also
/// holds other clauses; unchanged otherwise (a lone `cites:` search keeps
/// its document-level hits on the reference list).
pub(crate) fn join(
    parser: &QueryParser,
    searcher: &Searcher,
    ast: UserInputAst,
) -> Result<UserInputAst> {
    let (mut cites, mut other) = (0, 0);
    count(&ast, &mut cites, &mut other);
    if cites == 0 || other == 0 {
        return Ok(ast);
    }
    rewrite(ast, &mut |leaf| citing(parser, searcher, leaf))
}

fn is_cites(leaf: &UserInputLeaf) -> bool {
    match leaf {
        UserInputLeaf::Literal(l) => l.field_name.as_deref() == Some(FIELD),
        UserInputLeaf::Regex { field, .. } => field.as_deref() == Some(FIELD),
        _ => false,
    }
}

fn count(ast: &UserInputAst, cites: &mut usize, other: &mut usize) {
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().for_each(|(_, a)| count(a, cites, other)),
        UserInputAst::Boost(a, _) => count(a, cites, other),
        UserInputAst::Leaf(leaf) if is_cites(leaf) => *cites += 1,
        UserInputAst::Leaf(_) => *other += 1,
    }
}

fn rewrite(
    ast: UserInputAst,
    docs: &mut dyn FnMut(&UserInputLeaf) -> Result<BTreeSet<i64>>,
) -> Result<UserInputAst> {
    Ok(match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, a)| Ok((occur, rewrite(a, docs)?)))
                .collect::<Result<_>>()?,
        ),
        UserInputAst::Boost(a, boost) => UserInputAst::Boost(Box::new(rewrite(*a, docs)?), boost),
        UserInputAst::Leaf(leaf) if is_cites(&leaf) => {
            UserInputAst::Leaf(Box::new(UserInputLeaf::Set {
                field: Some("doc_id".to_string()),
                elements: docs(&leaf)?.iter().map(i64::to_string).collect(),
            }))
        }
        leaf => leaf,
    })
}

/// Ids of the documents whose reference list matches `leaf`.
fn citing(
    parser: &QueryParser,
    searcher: &Searcher,
    leaf: &UserInputLeaf,
) -> Result<BTreeSet<i64>> {
    let (query, _) =
        parser.build_query_from_user_input_ast_lenient(UserInputAst::Leaf(Box::new(leaf.clone())));
    let mut ids = DocIds::default();
    searcher
        .search(&*query, &DocSetCollector)?
        .into_iter()
        .map(|addr| ids.get(searcher, addr))
        .collect()
}
