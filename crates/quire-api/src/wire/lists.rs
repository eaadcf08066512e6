//! Reading and reference lists, and lists (or an essay's references)
//! formatted in a citation style.

use quire_csl::CslItem;
use quire_engine::bibliography;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::works::InterchangeFormat;

/// What a list is for: `"reading"` (kept in its author's order) or
/// `"reference"` (ordered as its style orders a bibliography).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    /// A reading list: items in the order its author chose.
    Reading,
    /// A reference list: items in the style's bibliography order.
    Reference,
}

impl Purpose {
    /// The name the JSON uses: `reading` or `reference`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Reading => "reading",
            Purpose::Reference => "reference",
        }
    }
}

impl From<quire_engine::Purpose> for Purpose {
    fn from(p: quire_engine::Purpose) -> Self {
        match p {
            quire_engine::Purpose::Reading => Purpose::Reading,
            quire_engine::Purpose::Reference => Purpose::Reference,
        }
    }
}

impl From<Purpose> for quire_engine::Purpose {
    fn from(p: Purpose) -> Self {
        match p {
            Purpose::Reading => quire_engine::Purpose::Reading,
            Purpose::Reference => quire_engine::Purpose::Reference,
        }
    }
}

/// How much a reader needs an item of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    /// Read this.
    Essential,
    /// Read this if you can.
    Recommended,
    /// Further reading.
    Further,
}

impl From<quire_engine::Importance> for Importance {
    fn from(i: quire_engine::Importance) -> Self {
        match i {
            quire_engine::Importance::Essential => Importance::Essential,
            quire_engine::Importance::Recommended => Importance::Recommended,
            quire_engine::Importance::Further => Importance::Further,
        }
    }
}

impl From<Importance> for quire_engine::Importance {
    fn from(i: Importance) -> Self {
        match i {
            Importance::Essential => quire_engine::Importance::Essential,
            Importance::Recommended => quire_engine::Importance::Recommended,
            Importance::Further => quire_engine::Importance::Further,
        }
    }
}

/// A list without its items, for pickers and the lists page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListSummary {
    /// The list's id in the library.
    pub id: i64,
    /// Its name, unique in the library: what commands name it by.
    pub name: String,
    /// Reading or reference list.
    pub purpose: Purpose,
    /// The style it is formatted in: a bundled or imported style's name,
    /// or the path of a `.csl` file.
    pub style: String,
    /// How many works it holds.
    pub items: usize,
}

impl From<quire_engine::ListSummary> for ListSummary {
    fn from(l: quire_engine::ListSummary) -> Self {
        Self {
            id: l.id,
            name: l.name,
            purpose: l.purpose.into(),
            style: l.style,
            items: l.items,
        }
    }
}

/// One work in a list, with where and how the list places it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListItem {
    /// The work's id.
    pub work_id: i64,
    /// The section it is in; null for the unsectioned items at the top.
    pub section: Option<String>,
    /// Its place within its section, from 0.
    pub position: i64,
    /// How much a reader needs it; null when the list does not say.
    pub importance: Option<Importance>,
    /// The list author's note on it ("read chapter 2"); null for none.
    pub note: Option<String>,
    /// The work as CSL-JSON.
    pub csl: CslItem,
}

impl From<quire_engine::ListItem> for ListItem {
    fn from(i: quire_engine::ListItem) -> Self {
        Self {
            work_id: i.work_id,
            section: i.section,
            position: i.position,
            importance: i.importance.map(Into::into),
            note: i.note,
            csl: i.csl,
        }
    }
}

/// A list with its items in display order: unsectioned items first, then
/// each section in order, items by position within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListView {
    /// The list's id in the library.
    pub id: i64,
    /// Its name, unique in the library.
    pub name: String,
    /// Reading or reference list.
    pub purpose: Purpose,
    /// The style it is formatted in (a style's name or a `.csl` path).
    pub style: String,
    /// Its sections' titles, in order.
    pub sections: Vec<String>,
    /// Its items, in display order.
    pub items: Vec<ListItem>,
}

impl From<quire_engine::ListView> for ListView {
    fn from(l: quire_engine::ListView) -> Self {
        Self {
            id: l.id,
            name: l.name,
            purpose: l.purpose.into(),
            style: l.style,
            sections: l.sections,
            items: super::all(l.items),
        }
    }
}

/// One entry of a formatted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormattedEntry {
    /// The library's work; null only for items that are not the library's
    /// works (a CSL-JSON file formatted as it is).
    pub work_id: Option<i64>,
    /// The entry as HTML, escaped and sanitised by the engine: safe to insert.
    pub html: String,
    /// The entry as plain text.
    pub text: String,
    /// The work's in-text citation on its own: "(Wilkinson and Pickett,
    /// 2010)", "[1]".
    pub citation: String,
    /// The item's importance in the list; null when it has none.
    pub importance: Option<Importance>,
    /// The list author's note on the item; null for none.
    pub note: Option<String>,
}

impl From<bibliography::Entry> for FormattedEntry {
    fn from(e: bibliography::Entry) -> Self {
        Self {
            work_id: e.work_id,
            html: e.html,
            text: e.text,
            citation: e.citation,
            importance: e.importance.map(Into::into),
            note: e.note,
        }
    }
}

/// One section of a formatted list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormattedSection {
    /// The section's heading; null for the unsectioned entries at the top.
    pub title: Option<String>,
    /// Its entries, in the order the list shows them.
    pub entries: Vec<FormattedEntry>,
}

impl From<bibliography::Section> for FormattedSection {
    fn from(s: bibliography::Section) -> Self {
        Self {
            title: s.title,
            entries: super::all(s.entries),
        }
    }
}

/// A list (or an essay's reference list) formatted in a style: per section
/// for the preview, and whole in each markup for copying and export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormattedList {
    /// The style's name (or `.csl` path) as the list names it.
    pub style: String,
    /// The style's title, e.g. "American Psychological Association 7th edition".
    pub style_title: String,
    /// The sections, in order.
    pub sections: Vec<FormattedSection>,
    /// The whole list as an HTML fragment (an `<h3>` per section, a
    /// `<p class="csl-entry">` per entry), sanitised: for rich-text copy.
    pub html: String,
    /// The whole list as plain text.
    pub text: String,
    /// The whole list as Markdown.
    pub markdown: String,
}

impl From<bibliography::FormattedList> for FormattedList {
    fn from(f: bibliography::FormattedList) -> Self {
        Self {
            style: f.style,
            style_title: f.style_title,
            sections: super::all(f.sections),
            html: f.html,
            text: f.text,
            markdown: f.markdown,
        }
    }
}

/// A list as its page shows it: the items in the order its author chose,
/// and the list formatted in its style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListShow {
    /// The list and its items.
    pub list: ListView,
    /// The list formatted in its style (or the default style, see `style_error`).
    pub preview: FormattedList,
    /// Why the list's own style did not load (a moved `.csl` file); the
    /// preview then uses the default style. Null when it loaded.
    pub style_error: Option<String>,
}

/// What a list can be exported as (an argument): an interchange format, or
/// the formatted list as a web page, Markdown or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ListExportFormat {
    /// BibTeX (`.bib`).
    Bibtex,
    /// RIS (`.ris`).
    Ris,
    /// CSL-JSON (`.json`).
    CslJson,
    /// A standalone HTML page with the formatted list.
    Html,
    /// The formatted list as Markdown.
    Markdown,
    /// The formatted list as plain text.
    Text,
}

impl ListExportFormat {
    /// The name on the wire and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ListExportFormat::Bibtex => "bibtex",
            ListExportFormat::Ris => "ris",
            ListExportFormat::CslJson => "csl-json",
            ListExportFormat::Html => "html",
            ListExportFormat::Markdown => "markdown",
            ListExportFormat::Text => "text",
        }
    }

    /// The interchange format, when it is one.
    pub fn interchange(self) -> Option<InterchangeFormat> {
        match self {
            ListExportFormat::Bibtex => Some(InterchangeFormat::Bibtex),
            ListExportFormat::Ris => Some(InterchangeFormat::Ris),
            ListExportFormat::CslJson => Some(InterchangeFormat::CslJson),
            _ => None,
        }
    }
}

impl From<InterchangeFormat> for ListExportFormat {
    fn from(f: InterchangeFormat) -> Self {
        match f {
            InterchangeFormat::Bibtex => ListExportFormat::Bibtex,
            InterchangeFormat::Ris => ListExportFormat::Ris,
            InterchangeFormat::CslJson => ListExportFormat::CslJson,
        }
    }
}
