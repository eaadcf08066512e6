//! CSL-JSON items, the interchange shape every other part of Quire reads
//! (hayagriva, citeproc-js, Zotero), so field names follow the CSL-JSON schema.

use serde::{Deserialize, Serialize};

/// One bibliographic item in CSL-JSON. Only the fields a reference-list entry
/// can carry are modelled; absent fields are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CslItem {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_suffix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "DOI")]
    pub doi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "URL")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Date>,
    /// "in press", "forthcoming": CSL keeps these out of `issued`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// A CSL name: a person (`family`, `given`) or an organisation (`literal`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

impl Name {
    pub fn person(family: &str, given: Option<&str>) -> Name {
        Name {
            family: Some(family.to_string()),
            given: given.filter(|g| !g.is_empty()).map(str::to_string),
            literal: None,
        }
    }

    pub fn literal(name: &str) -> Name {
        Name { literal: Some(name.to_string()), ..Name::default() }
    }

    /// The part of the name an author–date citation uses: the family name of a
    /// person, the whole name of an organisation.
    pub fn cited_form(&self) -> &str {
        self.family.as_deref().or(self.literal.as_deref()).unwrap_or("")
    }
}

/// A CSL date: `{"date-parts": [[year, month, day]]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    #[serde(rename = "date-parts")]
    pub date_parts: Vec<Vec<i32>>,
}

impl Date {
    pub fn new(parts: Vec<i32>) -> Date {
        Date { date_parts: vec![parts] }
    }

    pub fn year(&self) -> Option<i32> {
        self.date_parts.first().and_then(|p| p.first()).copied()
    }
}
