//! Reference and reading lists: building them (sections, order, importance,
//! notes), choosing a style, and formatting them for preview, copy and export.

use std::path::PathBuf;
use std::sync::Mutex;

use quire_csl::CslItem;
use quire_engine::{Importance, Library, ListItem, ListSummary, ListView, Placement, Purpose};
use quire_format::{escape_html, Markup, Style};
use serde::Serialize;
use tauri::State;

use super::works::{interchange, load_style, write};
use super::{lock, CommandError, CommandResult};

/// A bundled style for the picker.
#[derive(Debug, Serialize)]
pub struct StyleInfo {
    name: &'static str,
    title: String,
}

#[tauri::command]
pub async fn list_styles() -> CommandResult<Vec<StyleInfo>> {
    quire_format::BUNDLED_STYLES
        .iter()
        .map(|&name| -> CommandResult<StyleInfo> { Ok(StyleInfo { name, title: Style::load(name)?.title().to_string() }) })
        .collect()
}

#[tauri::command]
pub async fn list_lists(library: State<'_, Mutex<Library>>) -> CommandResult<Vec<ListSummary>> {
    Ok(lock(&library).lists()?)
}

#[tauri::command]
pub async fn create_list(library: State<'_, Mutex<Library>>, name: String, purpose: String) -> CommandResult<ListSummary> {
    let purpose: Purpose = purpose.parse()?;
    Ok(lock(&library).create_list(&name, purpose)?)
}

#[tauri::command]
pub async fn delete_list(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<()> {
    Ok(lock(&library).delete_list(&name)?)
}

/// A list's items in the order its author chose, and the list formatted in its style.
#[derive(Debug, Serialize)]
pub struct ListShow {
    list: ListView,
    preview: FormattedList,
    /// Why the list's own style did not load (a moved `.csl` file); the preview then uses the default.
    style_error: Option<String>,
}

#[tauri::command]
pub async fn show_list(library: State<'_, Mutex<Library>>, name: String) -> CommandResult<ListShow> {
    let list = lock(&library).list(&name)?;
    let (style, style_error) = match load_style(Some(list.style.as_str())) {
        Ok(style) => (style, None),
        Err(err) => (load_style(None)?, Some(err.message)),
    };
    let preview = format_list(&list, &style)?;
    Ok(ListShow { list, preview, style_error })
}

#[tauri::command]
pub async fn add_to_list(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_ids: Vec<i64>,
    section: Option<String>,
    importance: Option<String>,
    note: Option<String>,
) -> CommandResult<()> {
    let importance = importance.map(|i| i.parse::<Importance>()).transpose()?;
    let placement = Placement { section: section.as_deref(), importance, note: note.as_deref() };
    Ok(lock(&library).add_to_list(&name, &work_ids, placement)?)
}

/// Adds the works an essay's reference list cites; returns how many.
#[tauri::command]
pub async fn add_document_to_list(library: State<'_, Mutex<Library>>, name: String, document_id: i64) -> CommandResult<usize> {
    let mut library = lock(&library);
    let ids: Vec<i64> = library.document_works(document_id)?.iter().map(|w| w.id).collect();
    library.add_to_list(&name, &ids, Placement::default())?;
    Ok(ids.len())
}

/// Moves an item to `index` (0-based, in display order) within `section`
/// (None: the unsectioned items at the top), for drag and drop and Alt+arrows.
#[tauri::command]
pub async fn move_list_item(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
    index: usize,
    section: Option<String>,
) -> CommandResult<()> {
    let mut library = lock(&library);
    let item = find_item(&library, &name, work_id)?;
    if item.section != section {
        replace_item(&mut library, &name, &item, section.as_deref(), item.importance, item.note.as_deref())?;
    }
    Ok(library.move_list_item(&name, work_id, index)?)
}

/// Sets an item's importance and note; None (or an empty note) clears them.
#[tauri::command]
pub async fn update_list_item(
    library: State<'_, Mutex<Library>>,
    name: String,
    work_id: i64,
    importance: Option<String>,
    note: Option<String>,
) -> CommandResult<()> {
    let importance = importance.map(|i| i.parse::<Importance>()).transpose()?;
    let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let mut library = lock(&library);
    let items = library.list(&name)?.items;
    let index = items
        .iter()
        .position(|i| i.work_id == work_id)
        .ok_or_else(|| CommandError::new(format!("work {work_id} is not in list `{name}`")))?;
    replace_item(&mut library, &name, &items[index], items[index].section.as_deref(), importance, note)?;
    Ok(library.move_list_item(&name, work_id, index)?)
}

#[tauri::command]
pub async fn remove_from_list(library: State<'_, Mutex<Library>>, name: String, work_id: i64) -> CommandResult<()> {
    Ok(lock(&library).remove_from_list(&name, work_id)?)
}

/// A bundled style name or the path of a `.csl` file; refused when it does not load.
#[tauri::command]
pub async fn set_list_style(library: State<'_, Mutex<Library>>, name: String, style: String) -> CommandResult<()> {
    Ok(lock(&library).set_list_style(&name, &style)?)
}

/// An essay's reference list, each entry matched to its work, in a style.
#[tauri::command]
pub async fn format_document(
    library: State<'_, Mutex<Library>>,
    document_id: i64,
    style: Option<String>,
) -> CommandResult<FormattedList> {
    let works = lock(&library).document_works(document_id)?;
    let items: Vec<CslItem> = works.iter().map(|w| w.csl.clone()).collect();
    let style = load_style(style.as_deref())?;
    let entries = format_section(&items, &style, false)?
        .into_iter()
        .map(|(i, html, text, markdown, citation)| Entry {
            work_id: works[i].id,
            html,
            text,
            markdown,
            citation,
            importance: None,
            note: None,
        })
        .collect();
    Ok(assemble(&style, vec![Section { title: None, entries }]))
}

/// Writes the list to `path` as `html`, `markdown`, `text`, `bibtex`, `ris` or `csl-json`.
#[tauri::command]
pub async fn export_list(library: State<'_, Mutex<Library>>, name: String, format: String, path: PathBuf) -> CommandResult<()> {
    let list = lock(&library).list(&name)?;
    let items: Vec<CslItem> = list.items.iter().map(|i| i.csl.clone()).collect();
    if let Some(out) = interchange(&items, &format) {
        return write(&path, &out);
    }
    let f = format_list(&list, &load_style(Some(list.style.as_str()))?)?;
    let out = match format.as_str() {
        "html" => format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{}</body>\n</html>\n",
            f.html,
            title = escape_html(&list.name)
        ),
        "markdown" => format!("# {}\n\n{}", list.name, f.markdown),
        "text" => format!("{}\n\n{}", list.name, f.text),
        _ => return Err(CommandError::new(format!("unknown export format {format:?}"))),
    };
    write(&path, &out)
}

/// A list formatted in a style: per section for the preview, and whole in
/// each markup for copying and export.
#[derive(Debug, Serialize)]
pub struct FormattedList {
    style: String,
    style_title: String,
    sections: Vec<Section>,
    /// `<h3>` per section and a `<p class="csl-entry">` per entry, escaped by quire-format.
    html: String,
    text: String,
    markdown: String,
}

#[derive(Debug, Serialize)]
pub struct Section {
    title: Option<String>,
    entries: Vec<Entry>,
}

#[derive(Debug, Serialize)]
pub struct Entry {
    work_id: i64,
    html: String,
    text: String,
    #[serde(skip)]
    markdown: String,
    /// The work's in-text citation on its own: "(Wilkinson and Pickett, 2010)", "[1]".
    citation: String,
    importance: Option<Importance>,
    note: Option<String>,
}

/// A reference list's entries follow the style's order within each section;
/// a reading list keeps the order its author chose.
fn format_list(list: &ListView, style: &Style) -> CommandResult<FormattedList> {
    let mut groups: Vec<(Option<String>, Vec<&ListItem>)> = Vec::new();
    for item in &list.items {
        match groups.last_mut() {
            Some((s, items)) if *s == item.section => items.push(item),
            _ => groups.push((item.section.clone(), vec![item])),
        }
    }
    let mut sections = Vec::new();
    for (title, items) in groups {
        let csl: Vec<CslItem> = items.iter().map(|i| i.csl.clone()).collect();
        let entries = format_section(&csl, style, list.purpose == Purpose::Reading)?
            .into_iter()
            .map(|(i, html, text, markdown, citation)| Entry {
                work_id: items[i].work_id,
                html,
                text,
                markdown,
                citation,
                importance: items[i].importance,
                note: items[i].note.clone(),
            })
            .collect();
        sections.push(Section { title, entries });
    }
    Ok(assemble(style, sections))
}

/// (input index, html, text, markdown, citation) per entry. In `keep_order`
/// each item is formatted alone, so numeric styles number each "[1]" too.
type Formatted = (usize, String, String, String, String);

fn format_section(items: &[CslItem], style: &Style, keep_order: bool) -> CommandResult<Vec<Formatted>> {
    let run = |items: &[CslItem]| -> CommandResult<[quire_format::Formatted; 3]> {
        Ok([
            quire_format::format(items, style, Markup::Html)?,
            quire_format::format(items, style, Markup::Text)?,
            quire_format::format(items, style, Markup::Markdown)?,
        ])
    };
    let mut out = Vec::new();
    if keep_order {
        for (i, item) in items.iter().enumerate() {
            let [html, text, md] = run(std::slice::from_ref(item))?;
            out.extend(entries(&html, &text, &md).into_iter().map(|e| (i, e.1, e.2, e.3, e.4)));
        }
    } else {
        let [html, text, md] = run(items)?;
        out = entries(&html, &text, &md);
    }
    Ok(out)
}

fn entries(html: &quire_format::Formatted, text: &quire_format::Formatted, md: &quire_format::Formatted) -> Vec<Formatted> {
    let same = |f: &quire_format::Formatted, i: usize| {
        f.entries.iter().find(|e| e.index == i).map(|e| e.text.clone()).unwrap_or_default()
    };
    html.entries
        .iter()
        .map(|e| {
            let citation = text.citations.get(e.index).cloned().unwrap_or_default();
            (e.index, e.text.clone(), same(text, e.index), same(md, e.index), citation)
        })
        .collect()
}

fn assemble(style: &Style, sections: Vec<Section>) -> FormattedList {
    let (mut html, mut text, mut markdown) = (String::new(), String::new(), String::new());
    for section in &sections {
        if section.entries.is_empty() {
            continue;
        }
        if let Some(title) = &section.title {
            html.push_str(&format!("<h3>{}</h3>\n", escape_html(title)));
            text.push_str(&format!("{title}\n\n"));
            markdown.push_str(&format!("### {title}\n\n"));
        }
        for e in &section.entries {
            let extra = extra(e);
            html.push_str(&format!("<p class=\"csl-entry\">{}{}</p>\n", e.html, escape_html(&extra)));
            text.push_str(&format!("{}{extra}\n", e.text));
            markdown.push_str(&format!("{}{extra}\n\n", e.markdown));
        }
        text.push('\n');
    }
    FormattedList {
        style: style.name.clone(),
        style_title: style.title().to_string(),
        sections,
        html,
        text: text.trim_end().to_string() + "\n",
        markdown: markdown.trim_end().to_string() + "\n",
    }
}

/// " (essential; read chapter 2)" after an entry, or nothing.
fn extra(e: &Entry) -> String {
    let parts: Vec<&str> = e.importance.map(Importance::as_str).into_iter().chain(e.note.as_deref()).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

fn find_item(library: &Library, name: &str, work_id: i64) -> CommandResult<ListItem> {
    library
        .list(name)?
        .items
        .into_iter()
        .find(|i| i.work_id == work_id)
        .ok_or_else(|| CommandError::new(format!("work {work_id} is not in list `{name}`")))
}

/// Puts an item back with a new section, importance and note. The engine's
/// add only fills in placement, so clearing a field means adding afresh.
fn replace_item(
    library: &mut Library,
    name: &str,
    item: &ListItem,
    section: Option<&str>,
    importance: Option<Importance>,
    note: Option<&str>,
) -> CommandResult<()> {
    library.remove_from_list(name, item.work_id)?;
    library.add_to_list(name, &[item.work_id], Placement { section, importance, note })?;
    Ok(())
}
