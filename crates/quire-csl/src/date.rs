//! CSL dates.

use serde::{Deserialize, Serialize};

/// A CSL-JSON date: `{"date-parts": [[2019, 5, 2]]}`, optionally with a
/// `literal` ("Spring 2019") or `raw` string from the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CslDate"))]
#[serde(rename_all = "kebab-case")]
pub struct DateField {
    #[serde(
        default,
        deserialize_with = "crate::de::date_parts",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub date_parts: Vec<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub raw: Option<String>,
    /// 1–4 (spring to winter) or a name, as Zotero and CSL-JSON write it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub season: Option<serde_json::Value>,
    /// "About 1850": a flag or a string in CSL-JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub circa: Option<serde_json::Value>,
}

impl DateField {
    /// A year, optionally with month and day (a day without a month is dropped).
    pub fn ymd(year: i32, month: Option<u8>, day: Option<u8>) -> DateField {
        let mut parts = vec![year];
        if let Some(m) = month {
            parts.push(i32::from(m));
            if let Some(d) = day {
                parts.push(i32::from(d));
            }
        }
        DateField {
            date_parts: vec![parts],
            ..DateField::default()
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` is ignored),
    /// as BibTeX, RIS and some CSL-JSON exporters write dates.
    pub fn parse_iso(s: &str) -> Option<DateField> {
        let s = s.trim().split('T').next()?;
        let mut parts = s.split(['-', '/']);
        let year: i32 = parts.next()?.trim().parse().ok()?;
        let mut out = vec![year];
        for p in parts.take(2) {
            out.push(p.trim().parse().ok()?);
        }
        let d = DateField {
            date_parts: vec![out],
            ..DateField::default()
        };
        d.start().map(|_| d)
    }

    /// Year, month (1–12) and day (1–31) of the start date, when they are valid.
    /// Out-of-range parts are dropped rather than passed on: the citation
    /// processors index month and day names with them.
    pub fn start(&self) -> Option<(i32, Option<u8>, Option<u8>)> {
        let parts = self.date_parts.first()?;
        let year = *parts.first()?;
        if !(-9999..=9999).contains(&year) {
            return None;
        }
        let month = parts
            .get(1)
            .and_then(|&m| u8::try_from(m).ok())
            .filter(|m| (1..=12).contains(m));
        let day = month
            .and(parts.get(2))
            .and_then(|&d| u8::try_from(d).ok())
            .filter(|d| (1..=31).contains(d));
        Some((year, month, day))
    }

    pub fn year(&self) -> Option<i32> {
        self.start().map(|(y, _, _)| y)
    }
}
