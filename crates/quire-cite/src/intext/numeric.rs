//! Numeric in-text citations (Vancouver, IEEE): "[1]", "[1–3]", "[1, 4]",
//! "[1,3–5]", "[1]–[3]", "[3, p. 5]", and superscript numbers ("¹", "¹⁻³",
//! "²,⁵"), which the `.docx` importer writes for superscript runs and
//! students also type. Each cited number is one citation, so "[1–3]" cites
//! three works.
//!
//! What is not a citation: "[sic]", "[...]", a year in brackets ("[2019]":
//! numbers stop at three digits), a Markdown link ("[1](url)"), a link
//! definition ("[1]: url"), a power ("10²", "m²") and a footnote's own
//! marker at the start of a line.

use std::sync::LazyLock;

use regex::Regex;

use super::Citation;
use crate::slice;

/// One bracket: a list of numbers and ranges, or one number and a locator,
/// optionally closing an IEEE range "[1]–[3]". Markdown from `.docx` escapes
/// the brackets ("\[1\]").
static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    let item = r"\d{1,3}(?:\s*[-–—]\s*\d{1,3})?";
    Regex::new(&format!(
        r"\\?\[\s*(?:(?P<list>{item}(?:\s*[,;]\s*{item})*)|(?P<one>\d{{1,3}})\s*,\s*(?P<loc>(?:pp?|paras?|ch|chap|chapter)\.?\s*\d{{1,4}}(?:\s*[-–—]\s*\d{{1,4}})?))\s*\\?\](?:\s*[-–—]\s*\\?\[\s*(?P<to>\d{{1,3}})\s*\\?\])?"
    ))
    .expect("numeric bracket regex")
});

const SUPERSCRIPT_DIGITS: &str = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/// Superscript numbers, with commas and ranges between them.
static SUPERSCRIPT: LazyLock<Regex> = LazyLock::new(|| {
    let d = format!("[{SUPERSCRIPT_DIGITS}]{{1,3}}");
    Regex::new(&format!(r"{d}(?:\s?[,⁻–\-]\s?{d})*")).expect("superscript regex")
});

/// Units whose powers are written as superscripts ("m²", "km³").
const UNITS: [&str; 9] = ["m", "cm", "mm", "km", "ft", "s", "kg", "g", "x"];

/// The widest range expanded ("[1–40]" is forty citations; "[1–900]" is not
/// a citation).
const MAX_RANGE: u32 = 100;

/// All numeric citations in `body`, in order of appearance.
pub fn extract_numeric(body: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut brackets = BRACKET.captures_iter(body).peekable();
    let mut supers = SUPERSCRIPT.find_iter(body).peekable();
    // Merge the two streams by position so the citations stay in order.
    loop {
        let next_bracket = brackets.peek().and_then(|c| c.get(0)).map(|m| m.start());
        let next_super = supers.peek().map(|m| m.start());
        match (next_bracket, next_super) {
            (Some(b), s) if s.is_none_or(|s| b < s) => {
                if let Some(c) = brackets.next() {
                    bracket(body, &c, &mut out);
                }
            }
            (_, Some(_)) => {
                if let Some(m) = supers.next() {
                    superscript(body, m.start(), m.end(), &mut out);
                }
            }
            _ => break,
        }
    }
    out
}

fn number(s: &str) -> Option<u32> {
    s.trim().parse().ok().filter(|&n| n > 0)
}

/// The numbers of a list such as "1, 3–5": `None` when any part is not a
/// plausible citation number or range.
fn numbers(list: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for item in list.split([',', ';']) {
        match item.split_once(['-', '–', '—', '⁻']) {
            Some((a, b)) => {
                let (a, b) = (number(a)?, number(b)?);
                if b <= a || b - a > MAX_RANGE {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(number(item)?),
        }
    }
    Some(out)
}

fn bracket(body: &str, c: &regex::Captures<'_>, out: &mut Vec<Citation>) {
    let Some(whole) = c.get(0) else { return };
    let next = slice::after(body, whole.end()).chars().next();
    let prev = slice::before(body, whole.start()).chars().next_back();
    // "[1](url)", "[text][1]", "![1](img)", "[1]: url" at the start of a line.
    let line_start = prev.is_none_or(|p| p == '\n');
    if matches!(next, Some('(' | '[')) || matches!(prev, Some('!' | ']')) {
        return;
    }
    if line_start && next == Some(':') {
        return;
    }
    let (mut cited, locator) = match (c.name("list"), c.name("one"), c.name("loc")) {
        (Some(list), _, _) => match numbers(list.as_str()) {
            Some(n) => (n, None),
            None => return,
        },
        (None, Some(one), loc) => match number(one.as_str()) {
            Some(n) => (vec![n], loc.map(|l| l.as_str().to_string())),
            None => return,
        },
        _ => return,
    };
    // "[1]–[3]": an IEEE range across two brackets.
    let last = cited.last().copied();
    if let (Some(to), Some(from)) = (c.name("to").and_then(|t| number(t.as_str())), last) {
        if to > from && to - from <= MAX_RANGE && cited.len() == 1 {
            cited.extend(from + 1..=to);
        } else {
            cited.push(to);
        }
    }
    push(body, whole.start(), whole.end(), &cited, locator, out);
}

fn superscript(body: &str, start: usize, end: usize, out: &mut Vec<Citation>) {
    let before = slice::before(body, start);
    let prev = before.chars().next_back();
    // The word the number is raised on, if short enough to be a unit.
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if prev.is_none_or(|p| p == '\n' || p.is_ascii_digit()) || UNITS.contains(&word.as_str()) {
        return;
    }
    let plain: String = slice::part(body, start, end)
        .chars()
        .map(|c| match SUPERSCRIPT_DIGITS.chars().position(|s| s == c) {
            Some(d) => char::from_digit(d as u32, 10).unwrap_or(c),
            None => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(cited) = numbers(&plain) {
        push(body, start, end, &cited, None, out);
    }
}

fn push(
    body: &str,
    start: usize,
    end: usize,
    cited: &[u32],
    locator: Option<String>,
    out: &mut Vec<Citation>,
) {
    let text = super::collapse(slice::part(body, start, end)).replace('\\', "");
    out.extend(cited.iter().map(|&n| Citation {
        start,
        end,
        text: text.clone(),
        authors: Vec::new(),
        year: String::new(),
        et_al: false,
        locator: locator.clone(),
        cited_in: None,
        narrative: false,
        number: Some(n),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cited(body: &str) -> Vec<u32> {
        extract_numeric(body)
            .into_iter()
            .filter_map(|c| c.number)
            .collect()
    }

    #[test]
    fn reads_brackets_ranges_and_lists() {
        assert_eq!(cited("as shown [1]. Others [2, 4]."), [1, 2, 4]);
        assert_eq!(
            cited("[1–3] and [1-3] and [5,7–8]"),
            [1, 2, 3, 1, 2, 3, 5, 7, 8]
        );
        assert_eq!(cited("IEEE [1]–[3] style"), [1, 2, 3]);
        assert_eq!(cited("escaped \\[12\\] from Word"), [12]);
        let located = extract_numeric("quoted [3, p. 5]");
        assert_eq!(located[0].locator.as_deref(), Some("p. 5"));
    }

    #[test]
    fn reads_superscripts() {
        assert_eq!(
            cited("poverty¹ and shame²,⁴ and care³⁻⁵."),
            [1, 2, 4, 3, 4, 5]
        );
        assert_eq!(cited("poverty¹⁰"), [10]);
    }

    #[test]
    fn leaves_what_is_not_a_citation() {
        assert_eq!(
            cited("[sic] [...] [2019] [1](http://x) ![2](y) [a][3] 10² m² 5 km³ [0] [3–900]\n[4]: http://z\n¹ a footnote"),
            Vec::<u32>::new()
        );
    }
}
