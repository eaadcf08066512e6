//! CSL names: people and organisations.

use serde::{Deserialize, Serialize};

/// A personal name (`family` + `given`, with particles and suffix) or an
/// organisation (`literal`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CslName"))]
#[serde(rename_all = "kebab-case")]
pub struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub non_dropping_particle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub dropping_particle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub suffix: Option<String>,
}

impl Name {
    /// A person; an empty `given` is left out.
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

    /// The part of the name an author–date citation uses: the family name of a
    /// person, the whole name of an organisation.
    pub fn cited_form(&self) -> &str {
        self.family
            .as_deref()
            .or(self.literal.as_deref())
            .unwrap_or("")
    }

    /// The name as a byline writes it: "Laura Walters", "Jan van Dijk",
    /// or the organisation's name.
    pub fn display_name(&self) -> String {
        if let Some(literal) = &self.literal {
            return literal.clone();
        }
        [
            self.given.as_deref(),
            self.dropping_particle.as_deref(),
            self.non_dropping_particle.as_deref(),
            self.family.as_deref(),
            self.suffix.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
