//! Splitting an entry into its head (authors and, in author–date styles, the
//! year) and the rest. Author–date styles put the year right after the
//! authors, in brackets (Harvard, APA) or between full stops (Chicago,
//! student variants); MLA and Vancouver put it near the end.

use std::sync::LazyLock;

use regex::Regex;

use crate::slice;

/// The year as written: "2018a", "n.d.", "N.D.", "in press". Capital "N. D."
/// with a space is initials ("A. Smith, N. D. Smith"), not "no date".
const YEAR: &str =
    r"(?:1[5-9]\d\d|20\d\d)[a-z]?|(?-i:n\.\s?d\.?|N\.D\.?)|no date|in press|forthcoming";

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\(\s*({YEAR})\s*(?:,\s*([^)]*))?\)\s*[.,:]?"))
        .expect("bracketed year regex")
});
static BETWEEN_STOPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)[.,]\s*({YEAR})\.(?:\s|$)")).expect("stopped year regex")
});
/// "Smith JA, Jones B." — Vancouver authors end at the first full stop.
static VANCOUVER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    // A family name may open with particles: "van der Berg J".
    let name = r"(?:(?:van|von|de|der|den|du|da|di|la|le|del|dos) )*[\p{Lu}][\p{L}'’\- ]*[\p{L}] \p{Lu}{1,3}";
    Regex::new(&format!(r"^{name}(?:, {name})*(?:,? et al)?\.\s")).expect("vancouver head regex")
});
/// "J. Smith, A. B. Jones, and C. Brown, “Title,”" — IEEE authors, given
/// initials first, end at the comma before the quoted title.
static IEEE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"(?:\p{Lu}\.\s?-?)+\s*(?:(?:van|von|de|der|den|du|da|di|la|le|del|dos)\s+)*\p{Lu}[\p{L}'’\-]*(?:\s\p{Lu}[\p{L}'’\-]*)?";
    Regex::new(&format!(
        r#"^({name}(?:(?:,\s*|,?\s+and\s+){name})*(?:,?\s*et\s+al\.?)?),?\s+[“"]"#
    ))
    .expect("ieee head regex")
});
static LATE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(,;.])((?:1[5-9]\d\d|20\d\d)[a-z]?)\b").expect("late year regex")
});

/// An entry split at its head.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Head<'a> {
    pub authors: &'a str,
    /// The authors are written given names first ("J. Smith"), as in IEEE.
    pub natural_order: bool,
    /// The year as written, if found anywhere.
    pub year: Option<String>,
    /// What a bracketed year carried after a comma: "28 January".
    pub date_detail: Option<String>,
    pub rest: &'a str,
}

/// Whether `s` can be an author list: no title quotes or italics in it, and
/// not so long that it must be prose.
fn plausible_authors(s: &str) -> bool {
    let quote_like = s.char_indices().any(|(i, c)| {
        let between_letters = slice::before(s, i)
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
            && slice::after(s, i + c.len_utf8())
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        matches!(c, '"' | '“' | '”' | '*' | '‘') || (matches!(c, '\'' | '’') && !between_letters)
    });
    !quote_like
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.split_whitespace().count() <= 60
        && !s.trim().is_empty()
}

pub fn split_head(entry: &str) -> Head<'_> {
    if let Some(c) = BRACKETED.captures(entry) {
        let m = c.get(0).map(|m| m.range()).unwrap_or_default();
        let authors = slice::before(entry, m.start);
        if plausible_authors(authors) {
            return Head {
                authors,
                natural_order: false,
                year: Some(c[1].to_string()),
                date_detail: c.get(2).map(|d| d.as_str().trim().to_string()),
                rest: slice::after(entry, m.end),
            };
        }
    }
    if let Some(c) = BETWEEN_STOPS.captures(entry) {
        let m = c.get(0).map(|m| m.range()).unwrap_or_default();
        let authors = slice::before(entry, m.start);
        if plausible_authors(authors) {
            return Head {
                authors,
                natural_order: false,
                year: Some(c[1].to_string()),
                date_detail: None,
                rest: slice::after(entry, m.end),
            };
        }
    }
    // MLA, Vancouver, IEEE, or no author at all: authors end at the first
    // full stop that does not close an initial (or, in IEEE, at the quoted
    // title); the year is the last one given.
    let ieee = IEEE_HEAD.captures(entry).and_then(|c| c.get(1));
    let authors_end = if entry.starts_with(['\'', '‘', '"', '“', '*']) {
        0
    } else if let Some(m) = VANCOUVER_HEAD.find(entry) {
        m.end()
    } else if let Some(m) = ieee {
        m.end()
    } else {
        first_sentence_end(entry).unwrap_or(0)
    };
    let authors = slice::before(entry, authors_end);
    let rest = slice::after(entry, authors_end);
    // The last year that is not part of a page range ("pp. 1793–1808").
    let year = LATE_YEAR
        .captures_iter(rest)
        .filter_map(|c| c.get(1))
        .filter(|m| {
            let after = slice::after(rest, m.end()).trim_start();
            let before = slice::before(rest, m.start()).trim_end();
            !after.starts_with(['-', '–', '—'])
                && !before.ends_with(['-', '–', '—'])
                && !before.ends_with("pp.")
                && !before.ends_with("p.")
        })
        .last()
        .map(|m| m.as_str().to_string());
    Head {
        authors: if plausible_authors(authors) {
            authors
        } else {
            ""
        },
        natural_order: ieee.is_some() && !VANCOUVER_HEAD.is_match(entry),
        year,
        date_detail: None,
        rest,
    }
}

/// End (after the space) of the first ". " that does not close an initial
/// ("J.") or an abbreviation ("et al.").
pub fn first_sentence_end(s: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(p) = slice::after(s, i).find(". ").map(|p| p + i) {
        let word = slice::before(s, p).rsplit([' ', ',']).next().unwrap_or("");
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        let abbreviation = matches!(
            word,
            "eds" | "ed" | "Ed" | "Eds" | "vol" | "Vol" | "no" | "No" | "pp" | "p"
        );
        if !initial && !abbreviation && !word.is_empty() {
            return Some(p + 2);
        }
        i = p + 2;
        if i >= s.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_head_in_each_style() {
        let h = split_head(
            "Best, P. Manktelow, R. and Taylor, B. (2016) 'Social work and social media.'",
        );
        assert_eq!(
            (h.authors, h.year.as_deref()),
            ("Best, P. Manktelow, R. and Taylor, B. ", Some("2016"))
        );
        let h = split_head("Bronfenbrenner, U. 1992. 'Ecological systems theory.' In: R. Vasta.");
        assert_eq!(
            (h.authors, h.year.as_deref()),
            ("Bronfenbrenner, U", Some("1992"))
        );
        let h = split_head("Butler, P. (2020, January 28). Disabled man starved.");
        assert_eq!(h.date_detail.as_deref(), Some("January 28"));
        let h = split_head("Smith, John. \"Title.\" *Journal*, vol. 21, no. 3, 2020, pp. 283-94.");
        assert_eq!(
            (h.authors, h.year.as_deref()),
            ("Smith, John. ", Some("2020"))
        );
        let h = split_head("Smith JA, Jones B. Title of article. J Soc Work. 2020;21(3):283-94.");
        assert_eq!(
            (h.authors, h.year.as_deref()),
            ("Smith JA, Jones B. ", Some("2020"))
        );
        let h =
            split_head("A. Smith, N. D. Smith, and A. Smith, “Title,” *J*, vol. 1, pp. 1–2, 1950.");
        assert_eq!(h.year.as_deref(), Some("1950"));
        assert!(h.natural_order);
        let h =
            split_head("'Social Work Skills and Knowledge.' *Berkshire: Open University Press*.");
        assert_eq!((h.authors, h.year), ("", None));
    }
}
