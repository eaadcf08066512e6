//! The machine-readable tail of an entry: URL, DOI and access date, which
//! students write in a dozen ways ("Available from <https://…> [Accessed 20
//! April 2020]", "doi: 10.…", "https://doi:10.…", "(Accessed: 3 June 2020)").
//! They are cut out first so the rest of the entry reads like prose.

use std::sync::LazyLock;

use quire_csl::DateField;
use regex::Regex;

use crate::slice;

use super::date::parse_date;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Links {
    pub url: Option<String>,
    pub doi: Option<String>,
    pub accessed: Option<DateField>,
}

static ACCESSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\[(]\s*(?:date\s+)?(?:accessed|viewed|cited|retrieved)(?:\s+on)?\s*:?\s*([^\])]{0,60})[\])]\.?|\b(?:accessed|viewed)(?:\s+on)?\s*:?\s*(\d{1,2}(?:st|nd|rd|th)?\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})\.?|\bRetrieved\s+(?:on\s+)?(\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}),?\s+from\b",
    )
    .expect("accessed regex")
});
static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<?((?:https?://|www\.)[^\s<>]+)>?").expect("url regex"));
static DOI_IN_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)doi[^/]*[/:]\s*(?:.*?/)?(10\.\d{4,9}/\S+)").expect("doi url regex")
});
static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bdoi\s*:?\s*|\bDOI\s*:?\s*)?\b(10\.\d{4,9}/[^\s<>\]]+)")
        .expect("doi regex")
});
static AVAILABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:available\s+(?:at|from|online)|online\s+at|retrieved\s+from|from)\s*:?\s*$|\[online\]|\bavailable\s+(?:at|from|online)\s*:?")
        .expect("available regex")
});

/// Punctuation that ends a sentence, not a URL or DOI.
fn trim_url(s: &str) -> &str {
    s.trim_end_matches(['.', ',', ';', ')', ']', '*', '>', '\'', '"', '’'])
}

/// Cuts URL, DOI and access date out of `entry`, returning what is left.
pub fn take_links(entry: &str) -> (String, Links) {
    let mut links = Links::default();
    let mut s = entry.to_string();

    if let Some(c) = ACCESSED.captures(&s) {
        let date = c
            .get(1)
            .or(c.get(2))
            .or(c.get(3))
            .map_or("", |m| m.as_str());
        links.accessed = parse_date(date);
        let range = c.get(0).map(|m| m.range()).unwrap_or_default();
        s.replace_range(range, " ");
    }
    if let Some(c) = URL.captures(&s) {
        let url = trim_url(&c[1]).to_string();
        let range = c.get(0).map(|m| m.range()).unwrap_or_default();
        match DOI_IN_URL.captures(&url) {
            Some(d) => links.doi = Some(trim_url(&d[1]).to_string()),
            None => links.url = Some(url),
        }
        let mut tail = slice::after(&s, range.end).to_string();
        // Keep what followed the URL inside italics ("…/bcv118*").
        let closing_italic = c[0].ends_with('*') || c[1].ends_with('*');
        if closing_italic {
            tail.insert(0, '*');
        }
        s = format!("{} {}", slice::before(&s, range.start), tail);
    }
    if links.doi.is_none() {
        if let Some(c) = DOI.captures(&s) {
            links.doi = Some(trim_url(&c[1]).to_string());
            let range = c.get(0).map(|m| m.range()).unwrap_or_default();
            s.replace_range(range, " ");
        }
    }
    let s = AVAILABLE.replace_all(&s, " ");
    (s.split_whitespace().collect::<Vec<_>>().join(" "), links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_out_links_in_their_many_forms() {
        let (rest, l) = take_links("Title. Available from <https://doi.org/10.1080/02615479.2019.161963> [Accessed 6 May 2020].");
        assert_eq!(rest, "Title.");
        assert_eq!(l.doi.as_deref(), Some("10.1080/02615479.2019.161963"));
        assert_eq!(l.accessed, Some(DateField::ymd(2020, Some(5), Some(6))));

        let (_, l) = take_links(
            "X. Available from <https://doi:10.1093/bjsw/bcr181> [Accessed 27 April 2020].",
        );
        assert_eq!(l.doi.as_deref(), Some("10.1093/bjsw/bcr181"));

        let (rest, l) = take_links(
            "*Qualitative Social Work*, 16(4), pp. 449–464. doi: 10.1177/1473325015620946",
        );
        assert_eq!(rest, "*Qualitative Social Work*, 16(4), pp. 449–464.");
        assert_eq!(l.doi.as_deref(), Some("10.1177/1473325015620946"));

        let (rest, l) = take_links("'Code of Ethics.' Available at: <https://www.basw.co.uk/about-basw/code-ethics> (Accessed: 3 June 2020).");
        assert_eq!(rest, "'Code of Ethics.'");
        assert_eq!(
            l.url.as_deref(),
            Some("https://www.basw.co.uk/about-basw/code-ethics")
        );
        assert_eq!(l.accessed, Some(DateField::ymd(2020, Some(6), Some(3))));
    }
}
