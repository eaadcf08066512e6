//! Checks a BibTeX file's links before biblatex resolves them.
//!
//! biblatex resolves `@string` macros and `crossref`/`xdata` parents by
//! recursion and keeps no record of where it has been: `@string{a = a}` or
//! `@book{a, crossref = {a}}` recurses until the stack overflows, and a stack
//! overflow aborts the process (it cannot be caught like a panic). Links
//! without a cycle can still cost exponential work: each macro used twice by
//! the next doubles the text, and an entry is resolved again for every path
//! that reaches it. So the raw file is checked first: a cycle is refused with
//! its keys named, and the depth and total work of resolving are bounded.
//!
//! `xref` is not followed: biblatex never resolves through it, so an `xref`
//! cycle is harmless.

use std::collections::HashMap;

use biblatex::{Bibliography, Pair, RawBibliography, RawChunk, Spanned};

use crate::{Error, Result};

/// Longest chain of macros or of parents followed. Real files use one or two
/// levels (a journal macro; a chapter's `crossref` to its book); each level
/// costs biblatex a few stack frames.
pub(crate) const MAX_DEPTH: usize = 32;
/// Text all macro uses expand to, in bytes: a journal name used by every one
/// of 50,000 entries is well under this.
pub(crate) const MAX_EXPANDED_BYTES: u64 = 32 * 1024 * 1024;
/// Entries cloned and merged while resolving parents, over the whole file.
pub(crate) const MAX_RESOLUTIONS: u64 = 1_000_000;

/// Field names the link-only parse gives `crossref` and `xdata`, so that
/// biblatex reads their values (aliases, macros, braces) exactly as it will
/// in the real parse without resolving them.
const CROSSREF: &str = "quire-crossref";
const XDATA: &str = "quire-xdata";

/// Refuse `raw` if resolving it would not end or would cost too much.
pub(crate) fn check(raw: &RawBibliography<'_>) -> Result<()> {
    check_macros(raw)?;
    check_parents(raw)
}

/// Macros form a graph by the macros their values name; biblatex lets a later
/// `@string` with the same name replace an earlier one.
fn check_macros(raw: &RawBibliography<'_>) -> Result<()> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut values = Vec::new();
    for pair in &raw.abbreviations {
        match index.get(pair.key.v) {
            Some(&i) => values[i] = pair,
            None => {
                index.insert(pair.key.v, values.len());
                values.push(pair);
            }
        }
    }
    let edges: Vec<Vec<usize>> = values
        .iter()
        .map(|pair| uses(&pair.value.v, &index).collect())
        .collect();
    let own: Vec<u64> = values
        .iter()
        .map(|pair| literal_len(&pair.value.v))
        .collect();
    let names: Vec<&str> = values.iter().map(|p| p.key.v).collect();
    let sizes = walk(&edges, &own, &names, "@string macros")?;
    let mut total: u64 = 0;
    for entry in &raw.entries {
        for field in &entry.v.fields {
            for used in uses(&field.value.v, &index) {
                total = total.saturating_add(sizes[used]);
            }
        }
    }
    if total > MAX_EXPANDED_BYTES {
        return Err(Error::BibtexTooComplex(format!(
            "its @string macros expand to over {} MB of text",
            MAX_EXPANDED_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// The macros a value names (unknown names are month abbreviations or an
/// error biblatex reports; neither recurses).
fn uses<'a>(
    value: &'a [Spanned<RawChunk<'_>>],
    index: &'a HashMap<&str, usize>,
) -> impl Iterator<Item = usize> + 'a {
    value.iter().filter_map(|chunk| match chunk.v {
        RawChunk::Abbreviation(name) => index.get(name).copied(),
        RawChunk::Normal(_) => None,
    })
}

fn literal_len(value: &[Spanned<RawChunk<'_>>]) -> u64 {
    value
        .iter()
        .map(|chunk| match chunk.v {
            RawChunk::Normal(s) => s.len() as u64,
            RawChunk::Abbreviation(_) => 0,
        })
        .sum()
}

/// Entries form a graph by their `crossref` and `xdata` parents. The keys are
/// read by biblatex itself from a copy of the file holding only the link
/// fields (renamed, so it resolves nothing) and `ids`, so aliases, braces and
/// macros in a key mean what they will mean in the real parse.
fn check_parents(raw: &RawBibliography<'_>) -> Result<()> {
    let mut links = raw.clone();
    let mut any = false;
    for entry in &mut links.entries {
        entry.v.fields.retain_mut(|field| {
            let renamed = match field.key.v.to_ascii_lowercase().as_str() {
                "crossref" => CROSSREF,
                "xdata" => XDATA,
                "ids" => return true,
                _ => return false,
            };
            any = true;
            *field = Pair::new(
                Spanned::new(renamed, field.key.span.clone()),
                field.value.clone(),
            );
            true
        });
    }
    if !any {
        return Ok(());
    }
    let bib = Bibliography::from_raw(links).map_err(|e| Error::Bibtex(e.to_string()))?;
    let entries: Vec<_> = bib.iter().collect();
    let position: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let find = |key: &str| {
        bib.get(key)
            .and_then(|e| position.get(e.key.as_str()).copied())
    };
    let edges: Vec<Vec<usize>> = entries
        .iter()
        .map(|entry| {
            let crossref = entry.get_as::<String>(CROSSREF).ok();
            let xdata = entry.get_as::<Vec<String>>(XDATA).unwrap_or_default();
            crossref
                .into_iter()
                .chain(xdata)
                .filter_map(|key| find(&key))
                .collect()
        })
        .collect();
    let names: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    // Each parent costs one clone and merge, plus resolving the parent again.
    let own = vec![1; entries.len()];
    let costs = walk(&edges, &own, &names, "crossref/xdata parents")?;
    let total = costs
        .iter()
        .zip(&own)
        .fold(0u64, |sum, (cost, own)| sum.saturating_add(cost - own));
    if total > MAX_RESOLUTIONS {
        return Err(Error::BibtexTooComplex(format!(
            "resolving its crossref/xdata parents would merge over {MAX_RESOLUTIONS} entries"
        )));
    }
    Ok(())
}

/// Depth-first over `edges` without recursion: refuses a cycle (naming its
/// nodes in order) or a path longer than [`MAX_DEPTH`], and returns each
/// node's cost: its own plus its children's, counted once per edge, as a
/// resolver that does not share work pays it (saturating).
fn walk(edges: &[Vec<usize>], own: &[u64], names: &[&str], what: &'static str) -> Result<Vec<u64>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; edges.len()];
    let mut cost = own.to_vec();
    let mut depth = vec![0usize; edges.len()];
    // (node, next child to visit)
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..edges.len() {
        if state[root] != State::New {
            continue;
        }
        state[root] = State::Open;
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            if let Some(&child) = edges[node].get(top.1) {
                top.1 += 1;
                match state[child] {
                    State::New => {
                        if stack.len() > MAX_DEPTH {
                            return Err(Error::BibtexTooComplex(format!(
                                "its {what} are nested more than {MAX_DEPTH} deep (at {})",
                                names[child]
                            )));
                        }
                        state[child] = State::Open;
                        stack.push((child, 0));
                    }
                    State::Open => {
                        let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                        let mut keys: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(n, _)| names[n].to_owned())
                            .collect();
                        keys.push(names[child].to_owned());
                        return Err(Error::BibtexCycle { what, keys });
                    }
                    State::Done => {}
                }
            } else {
                stack.pop();
                state[node] = State::Done;
                let (sum, deepest) = edges[node].iter().fold((own[node], 0), |(sum, deep), &c| {
                    (sum.saturating_add(cost[c]), deep.max(depth[c] + 1))
                });
                cost[node] = sum;
                depth[node] = deepest;
                if deepest > MAX_DEPTH {
                    return Err(Error::BibtexTooComplex(format!(
                        "its {what} are nested more than {MAX_DEPTH} deep (at {})",
                        names[node]
                    )));
                }
            }
        }
    }
    Ok(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(src: &str) -> Result<()> {
        let raw = RawBibliography::parse(src).map_err(|e| Error::Bibtex(e.to_string()))?;
        check(&raw)
    }

    #[test]
    fn cycles_are_named() {
        let err = checked("@book{a, crossref={a}}").unwrap_err();
        assert!(
            matches!(&err, Error::BibtexCycle { keys, .. } if keys == &["a", "a"]),
            "{err}"
        );
        let err = checked("@string{a = a}").unwrap_err();
        assert!(matches!(err, Error::BibtexCycle { .. }));
        let err = checked("@book{a, xdata={b}} @xdata{b, crossref={a}}").unwrap_err();
        assert!(err.to_string().contains("a → b → a"), "{err}");
        let err = checked("@string{x = \"1\" # y} @string{y = x}").unwrap_err();
        assert!(err.to_string().contains("x → y → x"), "{err}");
    }

    #[test]
    fn aliases_are_followed() {
        let err =
            checked("@book{a, ids={alias}, crossref={b}} @book{b, crossref={alias}}").unwrap_err();
        assert!(matches!(err, Error::BibtexCycle { .. }), "{err}");
    }

    #[test]
    fn ordinary_links_pass() {
        checked(
            "@string{j = \"Journal\"} @book{b, title={B}} @incollection{c, crossref={b}, journal = j # \" of X\"}",
        )
        .unwrap();
    }

    #[test]
    fn doubling_macros_and_deep_chains_are_refused() {
        let mut src = String::from("@string{m0 = \"xxxxxxxx\"}\n");
        for i in 1..40 {
            src.push_str(&format!("@string{{m{i} = m{} # m{}}}\n", i - 1, i - 1));
        }
        src.push_str("@book{a, title = m39}");
        assert!(matches!(checked(&src), Err(Error::BibtexTooComplex(_))));

        let chain: String = (0..1000)
            .map(|i| format!("@book{{e{i}, crossref={{e{}}}}}\n", i + 1))
            .collect();
        assert!(matches!(checked(&chain), Err(Error::BibtexTooComplex(_))));
    }

    #[test]
    fn diamonds_of_parents_are_bounded() {
        // Each level names the next twice: 2^30 resolutions without a bound.
        let src: String = (0..30)
            .map(|i| format!("@book{{e{i}, xdata={{e{n}, e{n}}}}}\n", n = i + 1))
            .collect();
        assert!(matches!(checked(&src), Err(Error::BibtexTooComplex(_))));
    }
}
