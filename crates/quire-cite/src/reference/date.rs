//! Calendar dates as written in reference lists: "20 April 2020",
//! "2nd June 2020", "June 3, 2020", "2020 Jun 3", "28 January".

use std::sync::LazyLock;

use quire_csl::DateField;
use regex::Regex;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let pos = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "mayhem" is not May: a month word is a month name or its abbreviation.
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "sept",
    ];
    let trimmed = w.trim_end_matches('.');
    (trimmed.len() == 3 || full.contains(&trimmed)).then_some(pos as u8 + 1)
}

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})").expect("dmy regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})").expect("mdy regex")
});
static YEAR_MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s+(\p{L}+)\.?\s+(\d{1,2})\b").expect("ymd regex"));
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(\p{L}+)$").expect("dm regex"));
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{L}+)\.?\s+(\d{1,2})$").expect("md regex"));

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

/// A full date with day, month and year, in any of the usual orders.
pub fn parse_date(s: &str) -> Option<DateField> {
    if let Some(c) = DAY_MONTH_YEAR.captures(s) {
        if let Some(m) = month(&c[2]) {
            return Some(DateField::ymd(num(&c[3])?, Some(m), Some(num(&c[1])?)));
        }
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s) {
        if let Some(m) = month(&c[1]) {
            return Some(DateField::ymd(num(&c[3])?, Some(m), Some(num(&c[2])?)));
        }
    }
    if let Some(c) = YEAR_MONTH_DAY.captures(s) {
        if let Some(m) = month(&c[2]) {
            return Some(DateField::ymd(num(&c[1])?, Some(m), Some(num(&c[3])?)));
        }
    }
    None
}

/// Month and day without a year ("28 January", "January 28"), for dates
/// whose year was given in the head of the entry.
pub fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let s = s.trim();
    if let Some(c) = DAY_MONTH.captures(s) {
        return Some((month(&c[2])?, num(&c[1])?));
    }
    let c = MONTH_DAY.captures(s)?;
    Some((month(&c[1])?, num(&c[2])?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_orders() {
        assert_eq!(
            parse_date("20 April 2020"),
            Some(DateField::ymd(2020, Some(4), Some(20)))
        );
        assert_eq!(
            parse_date("2nd June 2020"),
            Some(DateField::ymd(2020, Some(6), Some(2)))
        );
        assert_eq!(
            parse_date("June 3, 2020"),
            Some(DateField::ymd(2020, Some(6), Some(3)))
        );
        assert_eq!(
            parse_date("2020 Jun 3"),
            Some(DateField::ymd(2020, Some(6), Some(3)))
        );
        assert_eq!(parse_month_day("28 January"), Some((1, 28)));
        assert_eq!(parse_date("12 Mayhem 2020"), None);
    }
}
