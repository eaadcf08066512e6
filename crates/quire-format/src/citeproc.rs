//! Items as hayagriva's CSL-JSON type, which its citation processor reads.

use std::collections::BTreeMap;

use hayagriva::citationberg::json as csl;
use quire_csl::{CslItem, DateField, Name};
use serde_json::Value;

/// `item` as hayagriva's CSL-JSON type, with `id` as its key.
///
/// Built field by field rather than through serde because citationberg's
/// reader rejects or panics on shapes CSL-JSON allows (literal-only
/// dates, date ranges, booleans): only values it can render are passed on.
pub(crate) fn to_citeproc(item: &CslItem, id: &str) -> csl::Item {
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
        Some(csl::Value::String(item.kind.clone())),
    );
    put(&mut map, "author", names(&item.author));
    put(&mut map, "editor", names(&item.editor));
    put(
        &mut map,
        "issued",
        item.issued.as_ref().and_then(citeproc_date),
    );
    put(
        &mut map,
        "accessed",
        item.accessed.as_ref().and_then(citeproc_date),
    );
    for (key, value) in text_fields(item) {
        put(
            &mut map,
            key,
            value.map(|s| csl::Value::String(s.to_string())),
        );
    }
    for (key, value) in &item.extra {
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
fn text_fields(item: &CslItem) -> [(&'static str, Option<&str>); 16] {
    [
        ("year-suffix", item.year_suffix.as_deref()),
        ("title", item.title.as_deref()),
        ("container-title", item.container_title.as_deref()),
        ("collection-title", item.collection_title.as_deref()),
        ("volume", item.volume.as_deref()),
        ("issue", item.issue.as_deref()),
        ("page", item.page.as_deref()),
        ("edition", item.edition.as_deref()),
        ("publisher", item.publisher.as_deref()),
        ("publisher-place", item.publisher_place.as_deref()),
        ("number", item.number.as_deref()),
        ("DOI", item.doi.as_deref()),
        ("URL", item.url.as_deref()),
        ("ISBN", item.isbn.as_deref()),
        ("status", item.status.as_deref()),
        ("note", item.note.as_deref()),
    ]
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
