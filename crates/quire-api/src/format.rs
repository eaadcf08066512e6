//! `quire format`'s use case: a list, a document's references or works read
//! from a file, formatted in a style or written in an interchange format.
//! The app's previews use [`crate::lists`]; both go through the engine's
//! `bibliography`, so the two never disagree.

use quire_csl::CslItem;
use quire_engine::bibliography::{format_list, format_works};
use quire_engine::Library;
use quire_format::Style;

use crate::error::{ApiError, ApiResult};
use crate::formats::write_works;
use crate::wire::ListExportFormat;

/// What to format.
pub enum Input {
    /// Works read from a file (no library needed for a bundled style).
    File(Vec<CslItem>),
    /// A stored document's reference list, each entry as its work.
    Document(i64),
    /// A list, with its sections, importance and notes.
    List(String),
}

/// The input in `style` as `want` (a markup, or an interchange format,
/// which needs no style). A style name that is not bundled is looked up in
/// the library's imported styles when there is a library.
pub fn format(
    mut library: Option<&mut Library>,
    input: Input,
    style: &str,
    want: ListExportFormat,
) -> ApiResult<String> {
    let needs_library = || ApiError::invalid("a document or a list needs a library");
    let (items, ids, list) = match input {
        Input::File(items) => (items, Vec::new(), None),
        Input::Document(id) => {
            let works = library
                .as_deref_mut()
                .ok_or_else(needs_library)?
                .document_works(id)?;
            let ids = works.iter().map(|w| w.id).collect();
            (works.into_iter().map(|w| w.csl).collect(), ids, None)
        }
        Input::List(name) => {
            let list = library.as_deref().ok_or_else(needs_library)?.list(&name)?;
            let items = list.items.iter().map(|i| i.csl.clone()).collect();
            (items, Vec::new(), Some(list))
        }
    };
    if let Some(interchange) = want.interchange() {
        return Ok(write_works(interchange, &items));
    }
    let style = match library {
        Some(library) => library.style(style)?,
        None => Style::load(style)?,
    };
    let formatted = match &list {
        Some(list) => format_list(list, &style)?,
        None => format_works(&items, &ids, &style)?,
    };
    Ok(match want {
        ListExportFormat::Html => formatted.html,
        ListExportFormat::Markdown => formatted.markdown,
        _ => formatted.text,
    })
}
