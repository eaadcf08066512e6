//! The library's documents: listing and filtering them, the reader's view
//! of one, collections, and importing files.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use quire_engine::{FileFilter, Library, Progress};

use crate::error::{ApiError, ApiResult};
use crate::wire;

/// The library view's rows, narrowed by kind and collection.
pub fn documents(library: &Library, filter: wire::DocFilter) -> ApiResult<Vec<wire::DocRow>> {
    Ok(wire::all(library.documents(&filter.into())?))
}

/// Every collection with its word limits and size.
pub fn collections(library: &Library) -> ApiResult<Vec<wire::Collection>> {
    Ok(library.collections()?.into_iter().map(Into::into).collect())
}

/// One stored document in full (`quire show --json`).
/// The collection a person named: by its title (any case), by its id
/// (`3` or `#3`), or by the start of its title when only one begins so
/// (titles of competitions are long questions).
pub fn collection_id(library: &Library, name: &str) -> ApiResult<i64> {
    let name = name.trim();
    let all = library.collections()?;
    if let Some(c) = all.iter().find(|c| c.title.eq_ignore_ascii_case(name)) {
        return Ok(c.id);
    }
    if let Ok(id) = name.trim_start_matches('#').parse::<i64>() {
        if all.iter().any(|c| c.id == id) {
            return Ok(id);
        }
    }
    let folded = name.to_lowercase();
    let starting: Vec<_> = all
        .iter()
        .filter(|c| !folded.is_empty() && c.title.to_lowercase().starts_with(&folded))
        .collect();
    match starting.as_slice() {
        [one] => Ok(one.id),
        [] => Err(ApiError::not_found(format!("collection `{name}`"))),
        many => Err(ApiError::invalid(format!(
            "`{name}` begins {} collections' titles; give more of it or the id",
            many.len()
        ))),
    }
}

pub fn document(library: &Library, id: i64) -> ApiResult<wire::Document> {
    Ok(library.document(id)?.into())
}

/// A document as the reader shows it: the document, its body as sanitised
/// HTML with each citation marked and each block anchored to its paragraph,
/// and the word limits of its collection.
pub fn reader(library: &Library, id: i64) -> ApiResult<wire::ReaderDoc> {
    let document = library.document(id)?;
    let collection = match document.collection_id {
        Some(cid) => library.collections()?.into_iter().find(|c| c.id == cid),
        None => None,
    };
    Ok(wire::ReaderDoc {
        // Rendered through the engine, which catches a panic at this document.
        html: library.document_html(id)?,
        min_words: collection.as_ref().and_then(|c| c.min_words),
        max_words: collection.as_ref().and_then(|c| c.max_words),
        work: library.document_work(id)?,
        document: document.into(),
    })
}

/// What to import besides the paths: a collection to put every document
/// in (created when new), `--glob` patterns for the files inside folders,
/// and a flag that cancels the import before its next file.
#[derive(Default)]
pub struct ImportOptions<'a> {
    pub collection: Option<&'a str>,
    pub globs: &'a [String],
    pub cancel: Option<&'a AtomicBool>,
}

/// Imports files and folders (`.txt`, `.md`, `.docx`, `.odt`, `.pdf`,
/// `.html`), telling `progress` before each file and at the end. A bad
/// file is reported by name in the report and the rest go in; only a
/// malformed glob pattern fails the whole import, before any file is read.
pub fn import(
    library: &mut Library,
    paths: &[PathBuf],
    options: ImportOptions<'_>,
    progress: &mut dyn FnMut(wire::Progress),
) -> ApiResult<wire::ImportReport> {
    let filter = match options.globs {
        [] => None,
        globs => Some(FileFilter::new(globs).map_err(ApiError::invalid)?),
    };
    let engine = quire_engine::ImportOptions {
        collection: options.collection,
        filter,
        cancel: options.cancel,
    };
    let mut forward = |p: Progress| progress(p.into());
    Ok(library.import_files(paths, &engine, &mut forward).into())
}
