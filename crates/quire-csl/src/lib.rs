//! quire-csl: the CSL-JSON item, the one shape a reference or a work takes
//! anywhere in Quire.
//!
//! The reference parser (quire-cite) produces it, the engine stores it, the
//! formatter (quire-format) renders and converts it, and the CLI and the app
//! print and edit it. Field names follow the CSL-JSON schema because that is
//! what hayagriva, citeproc-js and Zotero read. Reading is tolerant (numbers
//! for strings, ISO strings for dates, unknown fields kept in `extra`) so
//! CSL-JSON from other tools round-trips; writing leaves absent fields out.

mod date;
mod de;
mod name;
#[cfg(feature = "ts")]
pub mod ts;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use date::DateField;
pub use name::Name;

/// One bibliographic item as CSL-JSON. The named fields are the ones the
/// reference parser fills and the interchange formats carry; anything else a
/// reference manager exported is kept in `extra` so a round trip loses nothing.
/// Every field may be missing when reading; a missing `type` is `document`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, rename_all = "kebab-case")]
pub struct CslItem {
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<String>,
    /// CSL item type: `book`, `chapter`, `article-journal`, `report`, `webpage`, ...
    #[serde(rename = "type", default = "document")]
    pub kind: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    // `optional = nullable` keeps the type as is and adds `?`: left out when empty.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub author: Vec<Name>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub editor: Vec<Name>,
    #[serde(deserialize_with = "de::date", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub issued: Option<DateField>,
    #[serde(deserialize_with = "de::date", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub accessed: Option<DateField>,
    /// The "a" of "2019a", which tells apart one author's works of a year.
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub year_suffix: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub container_title: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub collection_title: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub volume: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub issue: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub page: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub edition: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub publisher: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub publisher_place: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<String>,
    #[serde(
        rename = "DOI",
        deserialize_with = "de::text",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub doi: Option<String>,
    #[serde(
        rename = "URL",
        deserialize_with = "de::text",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub url: Option<String>,
    #[serde(
        rename = "ISBN",
        deserialize_with = "de::text",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub isbn: Option<String>,
    /// "in press", "forthcoming": CSL keeps these out of `issued`.
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<String>,
    #[serde(deserialize_with = "de::text", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
    /// In TypeScript the index signature `[key: string]: unknown`, which
    /// [`ts::declaration`] adds (ts-rs cannot flatten a map into one).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub extra: BTreeMap<String, Value>,
}

fn document() -> String {
    "document".into()
}

impl CslItem {
    pub fn year(&self) -> Option<i32> {
        self.issued.as_ref().and_then(DateField::year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_other_tools_write_and_keeps_the_rest() {
        let item: CslItem = serde_json::from_value(serde_json::json!({
            "volume": 12,
            "issued": "2019-05-02",
            "accessed": {"date-parts": [["2020", "", ""]]},
            "author": [{"family": "Gogh", "non-dropping-particle": "van"}],
            "genre": "PhD thesis"
        }))
        .unwrap();
        assert_eq!(item.kind, "document");
        assert_eq!(item.volume.as_deref(), Some("12"));
        assert_eq!(item.issued, Some(DateField::ymd(2019, Some(5), Some(2))));
        assert_eq!(item.accessed.as_ref().and_then(DateField::year), Some(2020));
        assert_eq!(item.author[0].sort_name(), "van Gogh");
        assert_eq!(item.author[0].cited_form(), "Gogh");
        assert_eq!(item.extra["genre"], "PhD thesis");
    }

    #[test]
    fn writes_only_what_is_there() {
        let item = CslItem {
            kind: "book".into(),
            author: vec![Name::person("Smith", ""), Name::organisation("BASW")],
            issued: Some(DateField::ymd(2020, None, Some(3))),
            ..CslItem::default()
        };
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            serde_json::json!({
                "type": "book",
                "author": [{"family": "Smith"}, {"literal": "BASW"}],
                "issued": {"date-parts": [[2020]]}
            })
        );
    }
}
