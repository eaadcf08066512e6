//! Citation styles a list can use: bundled with Quire, or imported into
//! the library (`quire styles --json` lists the same objects).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A citation style as pickers list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StyleSummary {
    /// What a list names it by: `apa`, `british-journal-of-social-work`.
    pub name: String,
    /// Its title, e.g. "American Psychological Association 7th edition".
    pub title: String,
    /// Shipped with Quire; otherwise imported into this library.
    pub bundled: bool,
    /// For a dependent style, the title of the style it formats with (its
    /// CSL `<id>` when that style is neither bundled nor imported); null
    /// for an independent style.
    pub parent: Option<String>,
    /// The style's default locale, e.g. `en-GB`, when it names one.
    pub locale: Option<String>,
}

impl From<quire_engine::StyleSummary> for StyleSummary {
    fn from(s: quire_engine::StyleSummary) -> Self {
        Self {
            name: s.name,
            title: s.title,
            bundled: s.bundled,
            parent: s.parent,
            locale: s.locale,
        }
    }
}
