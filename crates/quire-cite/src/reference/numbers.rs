//! Volume, issue, pages and edition, in every notation seen in student lists:
//! "21(3), pp. 283-294", "33 (2) 217-232", "39:2, 200-213", "33.7: 1-16",
//! "42, 1, 1-20", "24: 610-618", "vol. 21, no. 3", "Volume 46, Issue 6",
//! "2020;21(3):283-94", "pp1793-1808".

use std::sync::LazyLock;

use regex::Regex;

use crate::slice;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Numbers {
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub page: Option<String>,
    pub edition: Option<String>,
}

const RANGE: &str = r"\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?";

/// Vancouver: "2019;49(4):1021-45", "2019;3:41", "2020 Jun;12(2):e1".
static VANCOUVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:1[5-9]|20)\d\d[^;:\d]{0,12};\s*(\d+)(?:\s*\(([^)]+)\))?(?::\s*([a-z]?\d+(?:\s*[-–]\s*[a-z]?\d+)?))?")
        .expect("vancouver regex")
});
static PAGES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\bpp?\.?\s*({RANGE})")).expect("pages regex"));
static VOL_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bvol(?:ume)?\.?\s*(\d+)").expect("volume regex"));
static ISSUE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:no|issue|iss|nr)\.?\s*(\d+(?:[-–/]\d+)?)\b").expect("issue regex")
});
static VOL_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d+)\s*\((\d+(?:[-–/]\d+)?|[A-Z][a-z]+)\)").expect("vol(issue) regex")
});
static VOL_COLON_ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d+)\s*[:.](\d+)\s*(?:,\s*|:\s*|\s+(?:pp?\.?\s*)?)({RANGE})\b"
    ))
    .expect("vol:issue regex")
});
static VOL_ISSUE_COMMAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(\d+),\s*(\d+),\s*(\d+\s*[-–—]\s*\d+)").expect("vol, issue, pages regex")
});
static VOL_THEN_PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\W*(\d+)\s*(?:[:,]\s*|\s+)({RANGE})\b")).expect("vol pages regex")
});
static BARE_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d+\s*[-–—]\s*\d+)\b").expect("range regex"));
static VOL_COLON_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(\d+)\s*[:.](\d+)\b").expect("vol:issue regex"));
static BARE_VOLUME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\W*(\d{1,4})\W*$").expect("volume regex"));
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\b(\d+)(?:st|nd|rd|th)?\.?\s+(?:edn|ed|edition)\b\.?\)?")
        .expect("edition regex")
});

/// A page range without spaces, hyphenated: "539– 547" → "539-547".
fn range(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
        .collect()
}

/// If `re` matches `s`, cuts the match out and returns its groups.
fn take(re: &Regex, s: &mut String) -> Option<Vec<String>> {
    let c = re.captures(s)?;
    let groups = c
        .iter()
        .map(|g| g.map_or(String::new(), |m| m.as_str().to_string()))
        .collect();
    let range = c.get(0)?.range();
    s.replace_range(range, " ");
    Some(groups)
}

/// An edition written at the end of a title: "Title (4th ed.)" → ("Title", "4").
pub fn take_trailing_edition(title: &str) -> Option<(String, String)> {
    let m = EDITION.captures_iter(title).last()?;
    let whole = m.get(0)?;
    let rest = slice::after(title, whole.end())
        .trim_matches(|c: char| c.is_whitespace() || ".,".contains(c));
    rest.is_empty().then(|| {
        (
            slice::before(title, whole.start()).to_string(),
            m[1].to_string(),
        )
    })
}

/// Finds the numbers in `s` (a tail with italics markers removed) and
/// returns them with what is left once they are cut out.
pub fn take_numbers(s: &str) -> (String, Numbers) {
    let mut n = Numbers::default();
    let mut s = s.to_string();
    let s = &mut s;

    n.edition = take(&EDITION, s).map(|g| g[1].clone());
    if let Some(g) = take(&VANCOUVER, s) {
        let non_empty = |v: &String| (!v.is_empty()).then(|| v.clone());
        n.volume = non_empty(&g[1]);
        n.issue = non_empty(&g[2]);
        n.page = non_empty(&g[3]).map(|p| range(&p));
        return (std::mem::take(s), n);
    }
    n.volume = take(&VOL_WORD, s).map(|g| g[1].clone());
    n.issue = take(&ISSUE_WORD, s).map(|g| g[1].clone());
    n.page = take(&PAGES, s).map(|g| range(&g[1]));
    if n.volume.is_none() {
        if let Some(g) = take(&VOL_PAREN, s) {
            n.volume = Some(g[1].clone());
            n.issue = Some(g[2].clone());
        } else if let Some(g) = take(&VOL_COLON_ISSUE, s).or_else(|| take(&VOL_ISSUE_COMMAS, s)) {
            n.volume = Some(g[1].clone());
            n.issue = Some(g[2].clone());
            n.page.get_or_insert_with(|| range(&g[3]));
        } else if n.page.is_none() {
            if let Some(g) = take(&VOL_THEN_PAGES, s) {
                n.volume = Some(g[1].clone());
                n.page = Some(range(&g[2]));
            }
        } else if let Some(g) = take(&VOL_COLON_ONLY, s) {
            n.volume = Some(g[1].clone());
            n.issue = Some(g[2].clone());
        } else if let Some(g) = take(&BARE_VOLUME, s) {
            n.volume = Some(g[1].clone());
        }
    }
    if n.page.is_none() && (n.volume.is_some() || n.issue.is_some()) {
        // After "21(3)" or "vol. 21, no. 3": the bare range left is the pages.
        n.page = take(&BARE_RANGE, s).map(|g| range(&g[1]));
    }
    (std::mem::take(s), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vip(s: &str) -> (Option<String>, Option<String>, Option<String>) {
        let (_, n) = take_numbers(s);
        (n.volume, n.issue, n.page)
    }

    fn some(v: &str, i: &str, p: &str) -> (Option<String>, Option<String>, Option<String>) {
        let o = |s: &str| (!s.is_empty()).then(|| s.to_string());
        (o(v), o(i), o(p))
    }

    #[test]
    fn reads_every_notation() {
        assert_eq!(vip(", 21(3), pp. 283-294."), some("21", "3", "283-294"));
        assert_eq!(vip(" 33 (2) 217-232."), some("33", "2", "217-232"));
        assert_eq!(vip(", 39:2, 200-213."), some("39", "2", "200-213"));
        assert_eq!(vip(" 33.7: 1-16. Web."), some("33", "7", "1-16"));
        assert_eq!(vip(", 42, 1, 1-20."), some("42", "1", "1-20"));
        assert_eq!(vip(". 24: 610-618."), some("24", "", "610-618"));
        assert_eq!(vip(", 21: 539– 547."), some("21", "", "539-547"));
        assert_eq!(vip(" 43 135-153."), some("43", "", "135-153"));
        assert_eq!(
            vip(", vol. 21, no. 3, 2020, pp. 283-94."),
            some("21", "3", "283-94")
        );
        assert_eq!(
            vip(", Volume 46, Issue 6, 1 September, 2016, pp1793-1808,"),
            some("46", "6", "1793-1808")
        );
        assert_eq!(vip(", 9(2)."), some("9", "2", ""));
        assert_eq!(vip(", 38(8), 1481 – 98."), some("38", "8", "1481-98"));
        assert_eq!(vip(" 15:3 pp. 188-209."), some("15", "3", "188-209"));
        assert_eq!(vip(", pp. 1-17."), some("", "", "1-17"));
        assert_eq!(vip(". 2019;49(4):1021-45."), some("49", "4", "1021-45"));
        assert_eq!(vip(". 2019;3:41."), some("3", "", "41"));
        assert_eq!(
            take_numbers("(2nd ed.). Publisher.").1.edition.as_deref(),
            Some("2")
        );
    }
}
