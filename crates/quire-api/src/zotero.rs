//! Importing a Zotero library from its data directory.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use quire_engine::{Library, Progress};

use crate::error::ApiResult;
use crate::wire;

/// Reads the Zotero library in `dir` (a copy of its database: Zotero may
/// stay open) into works, tags, and collections or reading lists as `how`
/// says, with attachments' indexed text as source documents. Importing
/// again updates what changed and adds nothing twice.
pub fn import(
    library: &mut Library,
    dir: &Path,
    how: wire::CollectionsAs,
    cancel: Option<&AtomicBool>,
    progress: &mut dyn FnMut(wire::Progress),
) -> ApiResult<wire::ZoteroReport> {
    let mut forward = |p: Progress| progress(p.into());
    Ok(library
        .import_zotero(dir, how.into(), cancel, &mut forward)?
        .into())
}
