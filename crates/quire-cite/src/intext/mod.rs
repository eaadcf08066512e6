//! In-text author–date citations: finding them in an essay body.
//!
//! Every citation hangs on a parenthesis holding a year. Inside it, each year
//! closes one citation and the author list is read backwards from the year
//! ("(Ridley et al. 2013; Oliver 2010)", "(Chan and Ngai, 2019. Tregeagle and
//! Darcy, 2008)"). A parenthesis holding only years is narrative: the authors
//! are read backwards from the text before it ("Gupta (2015)"). A parenthesis
//! may span a line or paragraph break, because page breaks in converted
//! documents split citations ("(Tregeagle\n\nand Darcy, 2008)").
//! Numeric citations ("[3]", "³") are found by [`extract_numeric`].

mod names;
mod numeric;

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::slice::part;
use names::{names_before, Names};
pub use numeric::extract_numeric;

/// One in-text citation of one work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Byte span in the body, for highlighting.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
    /// The citation as written, whitespace collapsed.
    pub text: String,
    /// Family names (or organisation names) as cited; for a secondary
    /// citation, those of the work it is cited in.
    pub authors: Vec<String>,
    /// The year as cited: "2018a", "n.d.", "in press".
    pub year: String,
    pub et_al: bool,
    /// "p. 6", "pp. 4–5".
    pub locator: Option<String>,
    /// For "(Kadushin and Kadushin, cited in Trevithick, 2012)": the work
    /// that must be in the reference list, Trevithick (2012).
    pub cited_in: Option<CitedIn>,
    /// "Gupta (2015)" rather than "(Gupta, 2015)".
    #[serde(skip)]
    pub narrative: bool,
    /// The number cited by a numeric citation ("[3]", "³"); such a
    /// citation has no authors or year. Absent for author–date citations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitedIn {
    pub authors: Vec<String>,
    pub year: String,
}

/// Years as students write them. The word boundaries are checked by hand in
/// [`years`] because the regex crate has no look-around.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:1[5-9]\d\d|20\d\d)[a-z]?|\bn\.\s?d\.?|\bno date\b|\bin press\b|\bforthcoming\b",
    )
    .expect("year regex")
});

static LOCATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*[,:]?\s*((?:pp?|paras?|ch|chap|chapter)\.?\s*\d+[a-z]?(?:\s*[-–—]\s*\d+)?|\d{1,3}(?:\s*[-–—]\s*\d{1,4})?\b)")
        .expect("locator regex")
});

static CITED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:as\s+)?(?:cited|quoted)\s+(?:in|by)\b").expect("cited-in regex")
});

/// Longest parenthesis considered; longer ones are prose, not citations.
const MAX_GROUP: usize = 400;

/// All citations in `body`, in order of appearance.
pub fn extract_citations(body: &str) -> Vec<Citation> {
    groups(body)
        .flat_map(|(open, close)| citations_in_group(body, open, close))
        .collect()
}

/// Byte offsets of each innermost "(" … ")" pair that is not too long.
fn groups(body: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = body.as_bytes();
    let mut open = None;
    (0..bytes.len()).filter_map(move |i| match bytes[i] {
        b'(' => {
            open = Some(i);
            None
        }
        b')' => open.take().filter(|&o| i - o <= MAX_GROUP).map(|o| (o, i)),
        _ => None,
    })
}

/// A year inside a group, with what follows it.
struct YearAt {
    start: usize,
    end: usize,
    year: String,
    locator: Option<String>,
}

/// Years in `s` that stand alone (not "2009-10", "£1330", "2016/17").
/// A locator is consumed with its citation, so a page number that looks
/// like a year ("(Krumer-Nevo, 2016, p. 1796)") is never read as one: the
/// years returned are in order and never overlap.
fn years(s: &str) -> Vec<YearAt> {
    let mut out = Vec::new();
    let mut consumed = 0;
    for m in YEAR.find_iter(s) {
        if m.start() < consumed {
            continue;
        }
        let before = part(s, 0, m.start()).chars().next_back();
        let after = part(s, m.end(), s.len());
        let mut next = after.chars();
        let glued_before = before.is_some_and(|c| c.is_alphanumeric() || "£$€/-".contains(c));
        let glued_after = match next.next() {
            Some(c) if c.is_alphanumeric() => true,
            Some('-' | '–' | '/') => next.next().is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        };
        if glued_before || glued_after {
            continue;
        }
        let (end, locator) = match LOCATOR.captures(after) {
            Some(c) => (m.end() + c[0].len(), Some(c[1].to_string())),
            None => (m.end(), None),
        };
        consumed = end;
        out.push(YearAt {
            start: m.start(),
            end,
            year: m.as_str().to_string(),
            locator,
        });
    }
    out
}

/// Collapses runs of whitespace (including line breaks) into one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a slice between citations holds only separators ("; ", " and ").
fn only_separators(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| w == "and" || w.chars().all(|c| ",;.&".contains(c)))
}

fn citations_in_group(body: &str, open: usize, close: usize) -> Vec<Citation> {
    let content = part(body, open + 1, close);
    let found = years(content);
    let Some(first) = found.first() else {
        return Vec::new();
    };
    let before_first = part(content, 0, first.start);
    let narrative_names = if before_first.trim().is_empty()
        || CITED_IN
            .find(before_first)
            .is_some_and(|m| part(content, 0, m.start()).trim().is_empty())
    {
        narrative_names(body, open)
    } else {
        None
    };

    let mut out: Vec<Citation> = Vec::new();
    let mut prev_end = 0;
    for y in &found {
        let segment = part(content, prev_end, y.start);
        let (cited_in_at, names_part) = match CITED_IN.find(segment) {
            Some(m) => (Some(m.start()), part(segment, m.end(), segment.len())),
            None => (None, segment),
        };
        let names = names_before(&blank_brackets(names_part));
        let seg_start = open + 1 + prev_end;
        let citation = match (names, cited_in_at) {
            (Some(n), Some(at)) => {
                // "X, cited in Y, 2012": the previous citation in this group
                // ("(X, 1990, cited in Y, 2012)") or the text before is X.
                let original_start = if only_separators(part(segment, 0, at)) && !out.is_empty() {
                    out.pop().map(|c| c.start)
                } else {
                    None
                };
                let names_start = original_start.unwrap_or(seg_start + leading_separators(segment));
                Some(self::citation(body, names_start, n, y, open, true))
            }
            (Some(n), None) => {
                let start = seg_start + n.start;
                Some(self::citation(body, start, n, y, open, false))
            }
            (None, _) if only_separators(segment) => out
                .last()
                .map(|prev| Names {
                    authors: prev.authors.clone(),
                    et_al: prev.et_al,
                    start: 0,
                })
                .map(|n| {
                    self::citation(
                        body,
                        seg_start + leading_separators(segment),
                        n,
                        y,
                        open,
                        false,
                    )
                }),
            (None, _) => None,
        };
        if let Some(c) = citation {
            out.push(c);
        }
        prev_end = y.end;
    }

    match narrative_names {
        Some((n, names_start)) if out.is_empty() || out.iter().all(|c| c.cited_in.is_some()) => {
            narrative(body, close, n, names_start, &found, out)
        }
        _ => {
            if let [lone] = out.as_mut_slice() {
                // A lone citation is the whole parenthesis.
                lone.start = open;
                lone.end = close + 1;
                lone.text = collapse(part(body, open, close + 1));
            }
            out
        }
    }
}

/// "Department of Health [DH], 2015": the bracketed short form is blanked
/// out (same length, so offsets still hold) and the full name is read.
fn blank_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let blank = match c {
            '[' => {
                depth += 1;
                true
            }
            ']' => {
                depth = depth.saturating_sub(1);
                true
            }
            _ => depth > 0,
        };
        if blank {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

fn leading_separators(s: &str) -> usize {
    s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || ",;.&".contains(c))
            .len()
}

/// Builds a parenthetical citation whose author list starts at `start` and
/// ends with year `y` (offsets of `y` are relative to the group content).
fn citation(
    body: &str,
    start: usize,
    n: Names,
    y: &YearAt,
    open: usize,
    cited_in: bool,
) -> Citation {
    let end = open + 1 + y.end;
    Citation {
        start: start.min(end),
        end,
        text: collapse(part(body, start, end)),
        cited_in: cited_in.then(|| CitedIn {
            authors: n.authors.clone(),
            year: y.year.clone(),
        }),
        authors: n.authors,
        year: y.year.clone(),
        et_al: n.et_al,
        locator: y.locator.clone(),
        narrative: false,
        number: None,
    }
}

/// How far back from a narrative parenthesis its authors are looked for.
/// An author list is a few dozen words at most; reading only this window
/// keeps extraction linear in the essay (reading the whole prefix for each
/// citation made 800 KB essays take minutes).
const LOOK_BACK: usize = 600;

/// The authors written before the narrative parenthesis at `open`, and
/// where they start in `body`.
fn narrative_names(body: &str, open: usize) -> Option<(Names, usize)> {
    let mut from = open.saturating_sub(LOOK_BACK);
    while from > 0 && !body.is_char_boundary(from) {
        from -= 1;
    }
    let (n, start) = narrative_names_in(part(body, from, open))?;
    Some((n, from + start))
}

/// The authors at the end of `before`, and where they start in it.
/// When no name is right before it, a short "in 2010" is skipped so that
/// "the Marmot Review in 2010 (2020)" still names what is cited.
fn narrative_names_in(before: &str) -> Option<(Names, usize)> {
    // "British Association of Social Workers (BASW) (2018)": skip the short form.
    static SHORT_FORM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*\([\p{Lu}][\p{L}&]{1,11}\)\s*$").expect("short form regex")
    });
    let trimmed = before.trim_end();
    let trimmed = SHORT_FORM
        .find(trimmed)
        .map_or(trimmed, |m| part(trimmed, 0, m.start()));
    if let Some(n) = names_before(trimmed) {
        let start = n.start;
        return Some((n, start));
    }
    static SKIPPABLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s+(?:in|since|from|of)\s+(?:1[5-9]\d\d|20\d\d)$").expect("skippable regex")
    });
    let m = SKIPPABLE.find(trimmed)?;
    let n = names_before(part(trimmed, 0, m.start()))?;
    let start = n.start;
    Some((n, start))
}

/// Citations from a narrative parenthesis: one per year, authors outside.
fn narrative(
    body: &str,
    close: usize,
    n: Names,
    names_start: usize,
    found: &[YearAt],
    secondary: Vec<Citation>,
) -> Vec<Citation> {
    let text = collapse(part(body, names_start, close + 1));
    if let Some(s) = secondary.into_iter().next() {
        // "Garbarino and Ganzel (cited in Russell, Harris and Gockel, 2008)"
        return vec![Citation {
            start: names_start,
            end: close + 1,
            text,
            narrative: true,
            ..s
        }];
    }
    found
        .iter()
        .map(|y| Citation {
            start: names_start,
            end: close + 1,
            text: text.clone(),
            authors: n.authors.clone(),
            year: y.year.clone(),
            et_al: n.et_al,
            locator: y.locator.clone(),
            cited_in: None,
            narrative: true,
            number: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(body: &str) -> Vec<(Vec<String>, String, Option<String>)> {
        extract_citations(body)
            .into_iter()
            .map(|c| (c.authors, c.year, c.locator))
            .collect()
    }

    fn one(
        authors: &[&str],
        year: &str,
        locator: Option<&str>,
    ) -> (Vec<String>, String, Option<String>) {
        (
            authors.iter().map(|a| a.to_string()).collect(),
            year.to_string(),
            locator.map(str::to_string),
        )
    }

    #[test]
    fn ignores_what_is_not_a_citation() {
        let body = "A sample (n = 14) under the Care Act 2014, in 2011, aged 14–16 (see Table 2), \
                    cost (approx £1330/month) in 2009-10 (just before the election). \"Together we can do so much\" (Helen Keller). \
                    (The justice secretaries in 2015 were Chris Grayling, then Michael Gove)";
        assert_eq!(cites(body), vec![]);
    }

    #[test]
    fn a_page_number_that_looks_like_a_year_is_a_locator() {
        assert_eq!(
            cites("(Krumer-Nevo, 2016, p. 1796)"),
            vec![one(&["Krumer-Nevo"], "2016", Some("p. 1796"))]
        );
        assert_eq!(
            cites("Krumer-Nevo (2016, p. 1796) argues"),
            vec![one(&["Krumer-Nevo"], "2016", Some("p. 1796"))]
        );
        assert_eq!(
            cites("(Krumer-Nevo, 2016, pp. 1796–1801; Smith, 2019)"),
            vec![
                one(&["Krumer-Nevo"], "2016", Some("pp. 1796–1801")),
                one(&["Smith"], "2019", None)
            ]
        );
    }

    #[test]
    fn narrative_names_are_read_from_a_bounded_window() {
        let body = format!("{}Gupta (2015)", "word ".repeat(10_000));
        let found = extract_citations(&body);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].authors, ["Gupta"]);
        assert_eq!(&body[found[0].start..found[0].end], "Gupta (2015)");
    }

    #[test]
    fn reads_groups_secondary_and_narrative_forms() {
        assert_eq!(
            cites("(Turner,2016 . Best et al, 2014.)"),
            vec![one(&["Turner"], "2016", None), one(&["Best"], "2014", None)]
        );
        assert_eq!(
            cites("Ferguson (2016a, 2016b)"),
            vec![
                one(&["Ferguson"], "2016a", None),
                one(&["Ferguson"], "2016b", None)
            ]
        );
        assert_eq!(
            cites("(Smith, 2019: 45)"),
            vec![one(&["Smith"], "2019", Some("45"))]
        );
        assert_eq!(
            cites("(Department of Health [DH], 2015)"),
            vec![one(&["Department of Health"], "2015", None)]
        );
        assert_eq!(
            cites("Smith *et al.* (2019)"),
            vec![one(&["Smith"], "2019", None)]
        );
        assert_eq!(
            cites("(Howe 1998 and 2008)"),
            vec![one(&["Howe"], "1998", None), one(&["Howe"], "2008", None)]
        );
        assert_eq!(
            cites("the British Association of Social Workers (BASW) (2018)"),
            vec![one(
                &["British Association of Social Workers"],
                "2018",
                None
            )]
        );
        let secondary = extract_citations("(Kadushin, 1990, as cited in Trevithick, 2012)");
        assert_eq!(secondary.len(), 1);
        assert_eq!(secondary[0].authors, ["Trevithick"]);
        assert_eq!(
            secondary[0].cited_in.as_ref().map(|c| c.year.as_str()),
            Some("2012")
        );
        let broken =
            extract_citations("in the \"real world\" setting (Tregeagle\n\nand Darcy, 2008). So");
        assert_eq!(broken[0].text, "(Tregeagle and Darcy, 2008)");
        assert!(extract_citations("Saar-Heiman (2019)'s reflection")[0].narrative);
    }
}
