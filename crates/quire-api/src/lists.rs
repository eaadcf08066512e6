//! Reference and reading lists: building them (sections, order, importance,
//! notes), choosing a style, and formatting them for preview, copy and export.
//!
//! Formatting can take seconds (a style is compiled on first use, a long
//! list in a new style is formatted afresh), so the functions that format
//! return a [`Pending`] job: the caller reads what it needs from the library,
//! lets the library go, and runs the job without holding it.

use std::path::PathBuf;

use quire_csl::CslItem;
use quire_engine::bibliography::{format_list, format_works};
use quire_engine::{Importance, Library, ListView, Placement, Purpose};
use quire_format::{escape_html, Style};

use crate::error::ApiResult;
use crate::files::write_atomic;
use crate::formats::write_works;
use crate::styles;
use crate::wire;

/// Every list, for pickers and the lists index.
pub fn all(library: &Library) -> ApiResult<Vec<wire::ListSummary>> {
    Ok(library.lists()?.into_iter().map(Into::into).collect())
}

/// A new empty list; `purpose` is `reading` or `reference`.
pub fn create(library: &mut Library, name: &str, purpose: &str) -> ApiResult<wire::ListSummary> {
    let purpose: Purpose = purpose.parse()?;
    Ok(library.create_list(name, purpose)?.into())
}

pub fn delete(library: &mut Library, name: &str) -> ApiResult<()> {
    Ok(library.delete_list(name)?)
}

/// What to add with works: a section (created at the end when new), an importance, a note.
#[derive(Debug, Clone, Default)]
pub struct Place {
    pub section: Option<String>,
    pub importance: Option<String>,
    pub note: Option<String>,
}

/// Adds works to a list (a work already in it keeps its place).
pub fn add(library: &mut Library, name: &str, work_ids: &[i64], place: &Place) -> ApiResult<()> {
    let importance = parse_importance(place.importance.as_deref())?;
    let placement = Placement {
        section: place.section.as_deref(),
        importance,
        note: place.note.as_deref(),
    };
    Ok(library.add_to_list(name, work_ids, placement)?)
}

/// Adds the works an essay's reference list cites; returns how many.
pub fn add_document(library: &mut Library, name: &str, document_id: i64) -> ApiResult<usize> {
    let ids: Vec<i64> = library
        .document_works(document_id)?
        .iter()
        .map(|w| w.id)
        .collect();
    library.add_to_list(name, &ids, Placement::default())?;
    Ok(ids.len())
}

/// Moves an item to `index` (0-based, in display order) within `section`
/// (None: the unsectioned items at the top), for drag and drop and Alt+arrows.
pub fn move_item(
    library: &mut Library,
    name: &str,
    work_id: i64,
    section: Option<&str>,
    index: usize,
) -> ApiResult<()> {
    Ok(library.move_list_item(name, work_id, section, index)?)
}

/// Sets an item's importance and note; None (or a blank note) clears them.
pub fn update_item(
    library: &mut Library,
    name: &str,
    work_id: i64,
    importance: Option<&str>,
    note: Option<&str>,
) -> ApiResult<()> {
    let importance = parse_importance(importance)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    Ok(library.update_list_item(name, work_id, importance, note)?)
}

pub fn remove(library: &mut Library, name: &str, work_id: i64) -> ApiResult<()> {
    Ok(library.remove_from_list(name, work_id)?)
}

/// Sets a list's style: a bundled or imported style's name or a `.csl`
/// file's path (which face may name a path is the face's decision).
pub fn set_style(library: &mut Library, name: &str, style: &str) -> ApiResult<wire::ListSummary> {
    Ok(library.set_list_style(name, style)?.into())
}

fn parse_importance(importance: Option<&str>) -> ApiResult<Option<Importance>> {
    Ok(importance.map(str::parse::<Importance>).transpose()?)
}

/// Formatting to be done without the library: see the module comment.
pub struct Pending<T> {
    job: Box<dyn FnOnce() -> ApiResult<T> + Send>,
}

impl<T> Pending<T> {
    fn new(job: impl FnOnce() -> ApiResult<T> + Send + 'static) -> Self {
        Self { job: Box::new(job) }
    }

    /// Formats (and writes, for an export).
    pub fn run(self) -> ApiResult<T> {
        (self.job)()
    }
}

/// The list in its author's order and formatted in its style. A style that
/// no longer loads (a moved `.csl` file) does not hide the list: the preview
/// uses the default style and says why in `style_error`.
pub fn show(library: &Library, name: &str) -> ApiResult<Pending<wire::ListShow>> {
    let list = library.list(name)?;
    let (style, style_error) = match styles::load(library, Some(&list.style)) {
        Ok(style) => (style, None),
        Err(err) => (styles::load(library, None)?, Some(err.message)),
    };
    Ok(Pending::new(move || {
        let preview = format_list(&list, &style)?;
        Ok(wire::ListShow {
            list: list.into(),
            preview: preview.into(),
            style_error,
        })
    }))
}

/// A document's reference list, each entry matched to its work, in `style` (must be known).
pub fn format_document(
    library: &mut Library,
    document_id: i64,
    style: Option<&str>,
) -> ApiResult<Pending<wire::FormattedList>> {
    let style = styles::load_known(library, style)?;
    let works = library.document_works(document_id)?;
    let items: Vec<CslItem> = works.iter().map(|w| w.csl.clone()).collect();
    let ids: Vec<i64> = works.iter().map(|w| w.id).collect();
    Ok(Pending::new(move || {
        Ok(format_works(&items, &ids, &style)?.into())
    }))
}

/// Writes the list to `path`: formatted in its style as a standalone HTML
/// page, Markdown or text with the list's name as heading, or its works in
/// an interchange format. The file is replaced atomically.
pub fn export(
    library: &Library,
    name: &str,
    format: wire::ListExportFormat,
    path: PathBuf,
) -> ApiResult<Pending<()>> {
    let list = library.list(name)?;
    // A style that does not load matters only for a formatted export.
    let style = styles::load(library, Some(&list.style));
    Ok(Pending::new(move || {
        let out = render(&list, style, format)?;
        write_atomic(&path, &out)
    }))
}

/// The list as the export writes it.
fn render(
    list: &ListView,
    style: ApiResult<Style>,
    format: wire::ListExportFormat,
) -> ApiResult<String> {
    if let Some(interchange) = format.interchange() {
        let items: Vec<CslItem> = list.items.iter().map(|i| i.csl.clone()).collect();
        return Ok(write_works(interchange, &items));
    }
    let f = format_list(list, &style?)?;
    Ok(match format {
        wire::ListExportFormat::Html => format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{}</body>\n</html>\n",
            f.html,
            title = escape_html(&list.name)
        ),
        wire::ListExportFormat::Markdown => format!("# {}\n\n{}", list.name, f.markdown),
        _ => format!("{}\n\n{}", list.name, f.text),
    })
}

/// A list as it is stored, for `quire list show --json`.
pub fn view(library: &Library, name: &str) -> ApiResult<wire::ListView> {
    Ok(library.list(name)?.into())
}
