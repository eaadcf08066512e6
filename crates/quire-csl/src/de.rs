//! Tolerant readers for the shapes other tools write where CSL-JSON asks
//! for something stricter.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::DateField;

/// Strings that CSL-JSON writers sometimes emit as numbers (`"volume": 12`).
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Null => None,
        other => {
            return Err(serde::de::Error::custom(format!(
                "expected a string, found {other}"
            )))
        }
    })
}

/// A date, also from the EDTF/ISO string some exporters write (`"2019-05-02"`).
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateField>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(DateField::parse_iso(&s).unwrap_or(DateField {
            raw: Some(s),
            ..DateField::default()
        })),
        other => Some(serde_json::from_value(other).map_err(serde::de::Error::custom)?),
    })
}

/// `[[2019, "5", 2]]`: parts may be numbers or numeric strings; empty strings
/// (Zotero writes `[["2019", "", ""]]`) are skipped.
pub(crate) fn date_parts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<i32>>, D::Error> {
    let raw = Vec::<Vec<Value>>::deserialize(d)?;
    raw.into_iter()
        .map(|date| {
            date.into_iter()
                .filter(|v| !matches!(v, Value::String(s) if s.trim().is_empty()))
                .map(|v| {
                    match v {
                        Value::Number(n) => n.as_i64().and_then(|n| i32::try_from(n).ok()),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    }
                    .ok_or_else(|| serde::de::Error::custom("date-parts must hold numbers"))
                })
                .collect()
        })
        .collect()
}
