//! Bounds on a query's size and nesting, enforced before tantivy parses it.
//!
//! tantivy's query grammar is recursive descent: every `(` and every `NOT`
//! in a chain costs stack frames, and so does every later pass over the tree
//! (building the query, weights, scorers). About 3,000 `(` overflow a
//! command thread's stack and abort the whole process, and a saved theme
//! with such a query used to abort every later listing. So, in one linear
//! pass over the text and before anything recursive sees it:
//!
//! - the text is cut to [`MAX_CHARS`] characters;
//! - at most [`MAX_GROUPS`] brackets are kept. The grammar can only nest as
//!   deep as there are `(` in the text, wherever they are (inside a phrase
//!   or a word too), so counting them bounds the depth without having to
//!   mirror the grammar's idea of quotes and escapes; later brackets and
//!   their partners become spaces, which the tokenizer ignores anyway;
//! - a run of `NOT`s is read by parity: `NOT NOT x` is `x`, `NOT NOT NOT x`
//!   is `NOT x`. A chain is the only other way the grammar nests, so at
//!   most [`MAX_NOTS`] are kept in all.
//!
//! Each cut is reported as a [`QueryError`], which the search puts into
//! `ignored` and the themes store refuses.

use std::borrow::Cow;

/// Longest query, in characters. A person types a few words; a saved theme
/// may list a few dozen alternatives. This leaves room for both.
pub const MAX_CHARS: usize = 1_000;
/// Most brackets (`(`) in one query, and so its deepest nesting.
pub const MAX_GROUPS: usize = 12;
/// Most `NOT`s in one query: each can nest one level too (`NOT (NOT (…`),
/// and a level costs several KB of stack in the grammar.
pub const MAX_NOTS: usize = 8;

/// Why a query could not be used as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty")]
    Empty,
    #[error(
        "the query is {chars} characters long, more than the {max} a search reads; \
         “{rest}…” and what follows was left out"
    )]
    TooLong {
        chars: usize,
        max: usize,
        /// The start of the part left out.
        rest: String,
    },
    #[error(
        "the query has {groups} brackets, more than the {max} a search reads; \
         the brackets after the first {max} were left out (their words were kept)"
    )]
    TooManyGroups { groups: usize, max: usize },
    #[error(
        "the query has {nots} NOTs, more than the {max} a search reads; \
         the NOTs after the first {max} were left out"
    )]
    TooManyNots { nots: usize, max: usize },
    #[error("{count} NOTs in a row were read as {kept}")]
    NotChain { count: usize, kept: &'static str },
    /// The grammar or the fields did not fit; one message per problem.
    #[error("{}", .0.join("; "))]
    Syntax(Vec<String>),
}

/// A query cut to the bounds, and what was cut.
pub(crate) struct Bounded<'a> {
    pub text: Cow<'a, str>,
    pub cuts: Vec<QueryError>,
}

/// Apply the bounds to `text`: linear in its length, no recursion.
pub(crate) fn bound(text: &str) -> Bounded<'_> {
    let mut cuts = Vec::new();
    let mut text = Cow::Borrowed(text);
    if let Some((kept, error)) = cut_length(&text) {
        cuts.push(error);
        text = Cow::Owned(kept);
    }
    if let Some((kept, error)) = cut_groups(&text) {
        cuts.push(error);
        text = Cow::Owned(kept);
    }
    let (kept, errors) = cut_not_chains(&text);
    if let Some(kept) = kept {
        cuts.extend(errors);
        text = Cow::Owned(kept);
    }
    if let Some((kept, error)) = cut_nots(&text) {
        cuts.push(error);
        text = Cow::Owned(kept);
    }
    Bounded { text, cuts }
}

/// The first [`MAX_CHARS`] characters, ended at a space when one is near
/// so no word is cut in half.
fn cut_length(text: &str) -> Option<(String, QueryError)> {
    let (end, _) = text.char_indices().nth(MAX_CHARS)?;
    let head = &text[..end];
    let at = match head.rfind(char::is_whitespace) {
        Some(space) if head[space..].chars().count() < 64 => space,
        _ => end,
    };
    let rest: String = text[at..].trim_start().chars().take(24).collect();
    Some((
        text[..at].to_string(),
        QueryError::TooLong {
            chars: text.chars().count(),
            max: MAX_CHARS,
            rest,
        },
    ))
}

/// Keep the first [`MAX_GROUPS`] `(` and the `)` that close them; every
/// other `(` and its partner becomes a space.
fn cut_groups(text: &str) -> Option<(String, QueryError)> {
    let groups = text.matches('(').count();
    if groups <= MAX_GROUPS {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    // For each open bracket, whether it was kept.
    let mut open: Vec<bool> = Vec::new();
    let mut kept = 0;
    for c in text.chars() {
        match c {
            '(' if kept < MAX_GROUPS => {
                kept += 1;
                open.push(true);
                out.push(c);
            }
            '(' => {
                open.push(false);
                out.push(' ');
            }
            ')' => match open.pop() {
                Some(false) => out.push(' '),
                _ => out.push(c),
            },
            c => out.push(c),
        }
    }
    Some((
        out,
        QueryError::TooManyGroups {
            groups,
            max: MAX_GROUPS,
        },
    ))
}

/// Runs of `NOT` read by parity. Only whole words count: `NOTE` and
/// `"NOT"` are left alone.
fn cut_not_chains(text: &str) -> (Option<String>, Vec<QueryError>) {
    let mut errors = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut run = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        if piece.trim_end() == "NOT" {
            run += 1;
            continue;
        }
        flush_run(&mut out, &mut run, &mut changed, &mut errors);
        out.push_str(piece);
    }
    flush_run(&mut out, &mut run, &mut changed, &mut errors);
    (changed.then_some(out), errors)
}

/// Keep the first [`MAX_NOTS`] `NOT`s; later ones become spaces.
fn cut_nots(text: &str) -> Option<(String, QueryError)> {
    let is_not = |piece: &str| piece.trim_end() == "NOT";
    let nots = text
        .split_inclusive(char::is_whitespace)
        .filter(|p| is_not(p))
        .count();
    if nots <= MAX_NOTS {
        return None;
    }
    let mut seen = 0;
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(char::is_whitespace) {
        if is_not(piece) {
            seen += 1;
            if seen > MAX_NOTS {
                out.push(' ');
                continue;
            }
        }
        out.push_str(piece);
    }
    Some((
        out,
        QueryError::TooManyNots {
            nots,
            max: MAX_NOTS,
        },
    ))
}

fn flush_run(out: &mut String, run: &mut usize, changed: &mut bool, errors: &mut Vec<QueryError>) {
    let count = std::mem::take(run);
    if count == 0 {
        return;
    }
    if count % 2 == 1 {
        out.push_str("NOT ");
    }
    if count > 1 {
        *changed = true;
        errors.push(QueryError::NotChain {
            count,
            kept: if count % 2 == 1 { "one NOT" } else { "none" },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_queries_pass_unchanged() {
        for q in [
            "poverty",
            r#"(empathy OR "digital poverty") -cites:beresford"#,
            "NOT poverty",
            "NOTE NOT x",
            "",
        ] {
            let b = bound(q);
            assert!(matches!(b.text, Cow::Borrowed(_)), "{q}");
            assert!(b.cuts.is_empty(), "{q}");
        }
    }

    #[test]
    fn long_queries_are_cut_at_a_space() {
        let q = "poverty ".repeat(500);
        let b = bound(&q);
        assert!(b.text.chars().count() <= MAX_CHARS);
        assert!(
            b.text.ends_with("poverty"),
            "{:?}",
            &b.text[b.text.len() - 20..]
        );
        assert!(matches!(
            b.cuts[..],
            [QueryError::TooLong { chars: 4000, .. }]
        ));
        // One huge word has no space to stop at.
        let word = "é".repeat(100_000);
        let b = bound(&word);
        assert_eq!(b.text.chars().count(), MAX_CHARS);
    }

    #[test]
    fn deep_brackets_keep_their_words() {
        let q = format!("{}poverty{}", "(".repeat(400), ")".repeat(400));
        let b = bound(&q);
        assert_eq!(b.text.matches('(').count(), MAX_GROUPS);
        assert_eq!(b.text.matches(')').count(), MAX_GROUPS);
        assert!(b.text.contains("poverty"));
        // Unbalanced either way.
        let open = "(".repeat(100_000);
        let b = bound(&open);
        assert!(b.text.matches('(').count() <= MAX_GROUPS);
        let mixed = format!("a{}", ")(".repeat(400));
        let b = bound(&mixed);
        assert!(b.text.matches('(').count() <= MAX_GROUPS);
    }

    #[test]
    fn not_chains_are_read_by_parity() {
        assert_eq!(bound("NOT NOT x").text, "x");
        assert_eq!(bound("a NOT NOT NOT x").text, "a NOT x");
        assert_eq!(bound("NOT x NOT y").text, "NOT x NOT y");
        let nots = "NOT ".repeat(10_000);
        let b = bound(&nots);
        assert!(!b.text.contains("NOT NOT"));
        assert_eq!(
            b.cuts.last().map(ToString::to_string).as_deref(),
            Some("250 NOTs in a row were read as none")
        );
    }
}
