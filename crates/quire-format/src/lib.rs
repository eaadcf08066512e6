//! quire-format: formats works in CSL citation styles and moves them in and
//! out of the interchange formats reference managers speak.
//!
//! Works are held as CSL-JSON ([`quire_csl::CslItem`]) because that is what
//! the citation engine produces and what Zotero, Mendeley and citeproc-js all
//! read. Styles are the CSL XML files shipped in `assets/styles` (or any
//! `.csl` file), run by hayagriva, so the same XML can be checked against
//! citeproc-js in the tests. The conversion to hayagriva's item type lives
//! here, not in quire-csl, so nothing else depends on hayagriva.

pub mod bench;
mod bibcheck;
mod bibtex;
#[cfg(test)]
mod bibtex_grammar;
mod error;
mod locales;
mod markup;
mod processor;
mod render;
mod ris;
mod style;
mod works_file;

pub use bibtex::{from_bibtex, to_bibtex};
pub use error::{Error, Result};
pub use markup::{escape_html, Markup};
pub use render::{format, format_single, render, Formatted, FormattedEntry, Rendered, Single};
pub use ris::{from_ris, to_ris};
pub use style::{bundled_name_by_id, id_key, Style, StyleInfo, BUNDLED_STYLES, MAX_STYLE_BYTES};
pub use works_file::{read_works, MAX_WORKS_FILE_BYTES};

use quire_csl::CslItem;

/// Read a CSL-JSON document: an array of items, or a single item.
pub fn from_csl_json(src: &str) -> Result<Vec<CslItem>> {
    let value: serde_json::Value = serde_json::from_str(src).map_err(Error::CslJson)?;
    let items = match value {
        serde_json::Value::Array(_) => serde_json::from_value(value),
        _ => serde_json::from_value(value).map(|one| vec![one]),
    };
    items.map_err(Error::CslJson)
}

/// Write items as a pretty-printed CSL-JSON array.
pub fn to_csl_json(items: &[CslItem]) -> String {
    // Serialising plain strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(items).unwrap_or_default()
}
