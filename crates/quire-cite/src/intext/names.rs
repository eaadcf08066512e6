//! Reading an author list backwards from a year: "Grant, Kinman and Alexander",
//! "Fraser's et al.", "van Spijker et al", "What Works Centre for Children's
//! Social Care". Reading backwards is what makes "See also" or "Furthermore,"
//! in front of a name harmless: the walk stops at the first word that cannot
//! belong to an author list.

use std::sync::LazyLock;

use regex::Regex;

/// A word (letters with inner apostrophes and hyphens), a number, or one
/// other non-space character.
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{M}][\p{L}\p{M}\d'’\-]*|\d+|\S").expect("token regex"));

/// Lower-case words that sit inside a family name ("van Spijker", "De la Cruz").
const PARTICLES: [&str; 15] = [
    "van", "von", "de", "der", "den", "du", "da", "di", "la", "le", "del", "dos", "ten", "ter",
    "bin",
];

/// Lower-case words that sit inside an organisation's name ("Federation of Social Workers").
const CONNECTORS: [&str; 5] = ["of", "for", "the", "on", "in"];

/// Capitalised words that start sentences or clauses but are never (the
/// first word of) an author: the walk drops them from the front of a name.
const NOT_NAMES: [&str; 86] = [
    "A",
    "According",
    "Additionally",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "Both",
    "But",
    "By",
    "Clearly",
    "Consequently",
    "Conversely",
    "Drawing",
    "Equally",
    "Even",
    "Finally",
    "Firstly",
    "Following",
    "For",
    "Furthermore",
    "Hence",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "It",
    "Likewise",
    "Moreover",
    "My",
    "Nevertheless",
    "Notably",
    "Now",
    "Our",
    "Overall",
    "Perhaps",
    "Recently",
    "Secondly",
    "See",
    "Similarly",
    "Since",
    "So",
    "Still",
    "The",
    "Their",
    "Then",
    "These",
    "They",
    "This",
    "Thus",
    "To",
    "Unlike",
    "We",
    "When",
    "Where",
    "Whilst",
    "While",
    "With",
    "Yet",
    "Here",
    "Later",
    "UK",
    "US",
    "USA",
    "England",
    "Scotland",
    "Wales",
    "Britain",
    "Ireland",
    "Per",
    "During",
    "After",
    "Before",
    "Within",
    "Despite",
    "Through",
    "Given",
    "Based",
    "COVID-19",
    "Covid-19",
    "COVID",
    "Covid",
    "Coronavirus",
];

/// Last words that make a phrase legislation, not an author ("the Care Act (2014)").
const NOT_AUTHOR_ENDINGS: [&str; 5] = ["Act", "Acts", "Bill", "Regulations", "Order"];

/// An author list found at the end of a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub authors: Vec<String>,
    pub et_al: bool,
    /// Byte offset, within the slice, where the list starts.
    pub start: usize,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
}

/// Tokens, without Markdown emphasis marks ("Smith *et al.* (2019)").
fn tokens(s: &str) -> Vec<Token<'_>> {
    TOKEN
        .find_iter(s)
        .filter(|m| !matches!(m.as_str(), "*" | "_"))
        .map(|m| Token {
            text: m.as_str(),
            start: m.start(),
        })
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic)
}

fn strip_possessive(word: &str) -> &str {
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

/// The author list ending `s` (trailing commas and spaces allowed), if any.
pub fn names_before(s: &str) -> Option<Names> {
    let toks = tokens(s);
    let mut end = toks.len();
    while end > 0 && toks[end - 1].text == "," {
        end -= 1;
    }
    // "Smith et al.'s (2019)": the possessive after "et al.".
    if end >= 2 && toks[end - 1].text == "s" && matches!(toks[end - 2].text, "'" | "’") {
        end -= 2;
    }
    let et_al = strip_et_al(&toks, &mut end);
    let (last, mut start) = name_backwards(&toks, end, true)?;
    let mut authors = vec![last];
    if !et_al && start >= 2 && matches!(toks[start - 1].text, "and" | "&") {
        if let Some((name, s)) = name_backwards(&toks, start - 1, false) {
            authors.insert(0, name);
            start = s;
            while start >= 2 && toks[start - 1].text == "," {
                match name_backwards(&toks, start - 1, false) {
                    Some((name, s)) => {
                        authors.insert(0, name);
                        start = s;
                    }
                    None => break,
                }
            }
        }
    }
    Some(Names {
        authors,
        et_al,
        start: toks.get(start)?.start,
    })
}

/// Drops a trailing "et al." / "et al" / "et. al." / "and colleagues" and
/// says whether it was there.
fn strip_et_al(toks: &[Token<'_>], end: &mut usize) -> bool {
    if *end >= 2
        && toks[*end - 2].text == "and"
        && matches!(toks[*end - 1].text, "colleagues" | "others" | "co-workers")
    {
        *end -= 2;
        return true;
    }
    let words: Vec<(usize, &str)> = toks[..*end]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, t)| t.text != ".")
        .take(2)
        .map(|(i, t)| (i, t.text))
        .collect();
    match words.as_slice() {
        [(_, "al"), (i, "et")] => {
            *end = *i;
            true
        }
        _ => false,
    }
}

/// One name ending just before token `end`: a run of capitalised words with
/// particles and organisation connectors inside. Returns the name and the
/// index of its first token.
fn name_backwards(toks: &[Token<'_>], end: usize, last: bool) -> Option<(String, usize)> {
    let mut i = end;
    let mut words: Vec<&str> = Vec::new();
    while i > 0 && words.len() < 9 {
        let t = toks[i - 1].text;
        if is_word(t) && is_capitalised(t) || !words.is_empty() && PARTICLES.contains(&t) {
            words.push(t);
            i -= 1;
        } else if !words.is_empty() && CONNECTORS.contains(&t) {
            // Keep connectors only when a capitalised word precedes them.
            let mut j = i - 1;
            while j > 0 && CONNECTORS.contains(&toks[j - 1].text) {
                j -= 1;
            }
            if j > 0 && is_word(toks[j - 1].text) && is_capitalised(toks[j - 1].text) {
                words.extend(toks[j..i].iter().rev().map(|t| t.text));
                i = j;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    words.reverse();
    // Drop sentence openers and dangling connectors from the front.
    let mut skip = 0;
    while skip < words.len()
        && (NOT_NAMES.contains(&words[skip]) || CONNECTORS.contains(&words[skip]))
    {
        skip += 1;
    }
    let words = &words[skip..];
    let first = *words.first()?;
    if !is_capitalised(first) && !PARTICLES.contains(&first) {
        return None;
    }
    let last_word = *words.last()?;
    if NOT_AUTHOR_ENDINGS.contains(&last_word) {
        return None;
    }
    let name = match words.split_last() {
        Some((final_word, front)) if last => front
            .iter()
            .copied()
            .chain([strip_possessive(final_word)])
            .collect::<Vec<_>>()
            .join(" "),
        _ => words.join(" "),
    };
    Some((name, i + skip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(s: &str) -> Option<(Vec<String>, bool)> {
        names_before(s).map(|n| (n.authors, n.et_al))
    }

    fn list(names: &[&str], et_al: bool) -> Option<(Vec<String>, bool)> {
        Some((names.iter().map(|s| s.to_string()).collect(), et_al))
    }

    #[test]
    fn reads_author_lists() {
        assert_eq!(authors("Soydan, "), list(&["Soydan"], false));
        assert_eq!(
            authors("Grant, Kinman and Alexander, "),
            list(&["Grant", "Kinman", "Alexander"], false)
        );
        assert_eq!(
            authors("Gupta, Blumhardt & Fourth World "),
            list(&["Gupta", "Blumhardt", "Fourth World"], false)
        );
        assert_eq!(authors("Ridley et al. "), list(&["Ridley"], true));
        assert_eq!(authors("van Spijker et al "), list(&["van Spijker"], true));
        assert_eq!(authors("Smith *et al.*'s "), list(&["Smith"], true));
        assert_eq!(
            authors("research by Smith and colleagues "),
            list(&["Smith"], true)
        );
        assert_eq!(authors("During COVID-19 "), None);
        assert_eq!(
            authors("I agree with Fraser's et al. "),
            list(&["Fraser"], true)
        );
        assert_eq!(
            authors("loosely based on Bronfenbrenner's "),
            list(&["Bronfenbrenner"], false)
        );
        assert_eq!(
            authors("Furthermore, Gupta and Lloyd-Jones "),
            list(&["Gupta", "Lloyd-Jones"], false)
        );
        assert_eq!(
            authors("What Works Centre for Children's Social Care "),
            list(&["What Works Centre for Children's Social Care"], false)
        );
        assert_eq!(
            authors("The International Federation of Social Workers "),
            list(&["International Federation of Social Workers"], false)
        );
    }

    #[test]
    fn refuses_what_is_not_an_author() {
        assert_eq!(authors("The justice secretaries in "), None);
        assert_eq!(authors("under the Care Act "), None);
        assert_eq!(authors("However, "), None);
        assert_eq!(authors("n = "), None);
    }
}
