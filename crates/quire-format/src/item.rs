//! The CSL-JSON item: the one shape every work takes inside Quire.

use std::collections::BTreeMap;

use hayagriva::citationberg::json as csl;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A work as CSL-JSON. The named fields are the ones the citation engine
/// fills and the interchange formats carry; anything else a reference manager
/// exported is kept in `extra` so a CSL-JSON round trip loses nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CslItem {
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// CSL item type: `book`, `chapter`, `article-journal`, `report`, `webpage`, ...
    #[serde(rename = "type", default = "document")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    #[serde(
        default,
        deserialize_with = "date",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued: Option<DateField>,
    #[serde(
        default,
        deserialize_with = "date",
        skip_serializing_if = "Option::is_none"
    )]
    pub accessed: Option<DateField>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub year_suffix: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub title: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub container_title: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub collection_title: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub volume: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub page: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub edition: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub publisher_place: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub number: Option<String>,
    #[serde(
        rename = "DOI",
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub doi: Option<String>,
    #[serde(
        rename = "URL",
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<String>,
    #[serde(
        rename = "ISBN",
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub isbn: Option<String>,
    /// Publication status, e.g. "in press".
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<String>,
    #[serde(
        default,
        deserialize_with = "text",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

fn document() -> String {
    "document".into()
}

/// A personal name (`family` + `given`) or an organisation (`literal`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_dropping_particle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropping_particle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl Name {
    pub fn person(family: &str, given: &str) -> Name {
        Name {
            family: Some(family.into()),
            given: (!given.is_empty()).then(|| given.into()),
            ..Name::default()
        }
    }

    pub fn organisation(literal: &str) -> Name {
        Name {
            literal: Some(literal.into()),
            ..Name::default()
        }
    }

    /// The name a citation sorts and matches on: the family name with its
    /// particle ("van Gogh"), or the organisation's name.
    pub fn sort_name(&self) -> String {
        match (&self.literal, &self.family) {
            (Some(l), _) => l.clone(),
            (None, Some(f)) => match &self.non_dropping_particle {
                Some(p) => format!("{p} {f}"),
                None => f.clone(),
            },
            (None, None) => self.given.clone().unwrap_or_default(),
        }
    }
}

/// A CSL-JSON date: `{"date-parts": [[2019, 5, 2]]}`, optionally with a
/// `literal` ("Spring 2019") or `raw` string from the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DateField {
    #[serde(
        default,
        deserialize_with = "date_parts",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub date_parts: Vec<Vec<i32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl DateField {
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

impl CslItem {
    pub fn year(&self) -> Option<i32> {
        self.issued.as_ref().and_then(DateField::year)
    }

    /// The item as hayagriva's CSL-JSON type, with `id` as its key.
    ///
    /// Built field by field rather than through serde because citationberg's
    /// reader rejects or panics on shapes CSL-JSON allows (literal-only
    /// dates, date ranges, booleans): only values it can render are passed on.
    pub(crate) fn to_citeproc(&self, id: &str) -> csl::Item {
        let mut map = BTreeMap::new();
        let put = |map: &mut BTreeMap<String, csl::Value>, key: &str, value: Option<csl::Value>| {
            if let Some(v) = value {
                map.insert(key.to_string(), v);
            }
        };
        put(&mut map, "id", Some(csl::Value::String(id.into())));
        put(
            &mut map,
            "type",
            Some(csl::Value::String(self.kind.clone())),
        );
        put(&mut map, "author", names(&self.author));
        put(&mut map, "editor", names(&self.editor));
        put(
            &mut map,
            "issued",
            self.issued.as_ref().and_then(citeproc_date),
        );
        put(
            &mut map,
            "accessed",
            self.accessed.as_ref().and_then(citeproc_date),
        );
        for (key, value) in self.text_fields() {
            put(
                &mut map,
                key,
                value.map(|s| csl::Value::String(s.to_string())),
            );
        }
        for (key, value) in &self.extra {
            if map.contains_key(key) {
                continue;
            }
            let converted = match value {
                Value::String(s) => Some(csl::Value::String(s.clone())),
                Value::Number(n) => Some(csl::Value::String(n.to_string())),
                Value::Array(_) => serde_json::from_value::<Vec<Name>>(value.clone())
                    .ok()
                    .and_then(|n| names(&n)),
                Value::Object(_) => serde_json::from_value::<DateField>(value.clone())
                    .ok()
                    .as_ref()
                    .and_then(citeproc_date),
                Value::Null | Value::Bool(_) => None,
            };
            put(&mut map, key, converted);
        }
        csl::Item(map)
    }

    /// The plain-text fields under their CSL-JSON names.
    pub(crate) fn text_fields(&self) -> [(&'static str, Option<&str>); 16] {
        [
            ("year-suffix", self.year_suffix.as_deref()),
            ("title", self.title.as_deref()),
            ("container-title", self.container_title.as_deref()),
            ("collection-title", self.collection_title.as_deref()),
            ("volume", self.volume.as_deref()),
            ("issue", self.issue.as_deref()),
            ("page", self.page.as_deref()),
            ("edition", self.edition.as_deref()),
            ("publisher", self.publisher.as_deref()),
            ("publisher-place", self.publisher_place.as_deref()),
            ("number", self.number.as_deref()),
            ("DOI", self.doi.as_deref()),
            ("URL", self.url.as_deref()),
            ("ISBN", self.isbn.as_deref()),
            ("status", self.status.as_deref()),
            ("note", self.note.as_deref()),
        ]
    }
}

fn names(list: &[Name]) -> Option<csl::Value> {
    let out: Vec<csl::NameValue> = list
        .iter()
        .filter_map(|n| {
            if let Some(l) = n.literal.as_deref().filter(|l| !l.trim().is_empty()) {
                return Some(csl::NameValue::Literal(csl::LiteralName {
                    literal: l.into(),
                }));
            }
            let family = n.family.clone().filter(|f| !f.trim().is_empty())?;
            Some(csl::NameValue::Item(csl::NameItem {
                family,
                given: n.given.clone().filter(|g| !g.trim().is_empty()),
                non_dropping_particle: n.non_dropping_particle.clone(),
                dropping_particle: n.dropping_particle.clone(),
                suffix: n.suffix.clone(),
                comma_suffix: None,
            }))
        })
        .collect();
    (!out.is_empty()).then_some(csl::Value::Names(out))
}

fn citeproc_date(d: &DateField) -> Option<csl::Value> {
    let (year, month, day) = d.start()?;
    let mut parts = vec![i16::try_from(year).ok()?];
    if let Some(m) = month {
        parts.push(i16::from(m));
        if let Some(day) = day {
            parts.push(i16::from(day));
        }
    }
    Some(csl::Value::Date(csl::DateValue::DateParts {
        date_parts: csl::VecDateRange(vec![csl::VecDate(parts)]),
        literal: None,
        season: None,
        circa: false,
    }))
}

/// Strings that CSL-JSON writers sometimes emit as numbers (`"volume": 12`).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
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
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateField>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Null => None,
        Value::String(s) => Some(parse_iso_date(&s).unwrap_or(DateField {
            raw: Some(s),
            ..DateField::default()
        })),
        other => Some(serde_json::from_value(other).map_err(serde::de::Error::custom)?),
    })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time part after `T` is ignored).
pub(crate) fn parse_iso_date(s: &str) -> Option<DateField> {
    let s = s.trim();
    let s = s.split('T').next()?;
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

/// `[[2019, "5", 2]]`: parts may be numbers or numeric strings; empty strings
/// (Zotero writes `[["2019", "", ""]]`) are skipped.
fn date_parts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<i32>>, D::Error> {
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
