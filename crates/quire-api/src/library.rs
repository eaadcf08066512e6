//! The library's documents: listing and filtering them, the reader's view
//! of one, collections, and importing files.

use std::path::PathBuf;

use quire_engine::{Library, Progress};

use crate::error::ApiResult;
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
        document: document.into(),
    })
}

/// Imports files and folders (`.txt`, `.md`, `.docx`) into `collection`
/// (created when new), telling `progress` before each file. A bad file is
/// reported by name in the report and the rest go in; this never fails as a whole.
pub fn import(
    library: &mut Library,
    paths: &[PathBuf],
    collection: Option<&str>,
    progress: &mut dyn FnMut(wire::Progress),
) -> wire::ImportReport {
    let mut forward = |p: Progress| progress(p.into());
    library.import_files(paths, collection, &mut forward).into()
}
