//! Works: the works view and a work's detail, correcting, merging and
//! splitting works, and moving works in and out of BibTeX, RIS and CSL-JSON.

use std::path::{Path, PathBuf};

use quire_csl::CslItem;
use quire_engine::{Library, WorksFilter};

use crate::error::{chain, ApiError, ApiResult};
use crate::files::write_atomic;
use crate::formats::write_works;
use crate::styles;
use crate::wire;

/// Rows a page of the works view holds when the caller names no limit.
pub const PAGE: usize = 200;

/// One page of the works matching `filter` in `style` (the default when
/// None; a page's named style must be [`styles::known`]). The engine
/// filters, pages and caches the formatted entries, so this is cheap enough
/// for every keystroke. `limit: None` is one [`PAGE`]; `Some(usize::MAX)` all.
pub fn page(
    library: &mut Library,
    filter: &WorksFilter,
    style: Option<&str>,
    offset: usize,
    limit: Option<usize>,
) -> ApiResult<wire::WorksPage> {
    let style = styles::load_known(library, style)?;
    let limit = Some(limit.unwrap_or(PAGE));
    Ok(library.works_page(filter, &style, offset, limit)?.into())
}

/// A work formatted in `style`, with every reference entry linked to it,
/// so a wrong match can be split off.
pub fn detail(library: &mut Library, id: i64, style: Option<&str>) -> ApiResult<wire::WorkDetail> {
    let style = styles::load_known(library, style)?;
    let work = library.work(id)?;
    let mut entries = Vec::new();
    for citing in &work.cited_by {
        let references = library.document(citing.document_id)?.references;
        // Every entry is linked once works are listed, so the n-th linked work is the n-th entry.
        let linked = library.document_works(citing.document_id)?;
        for (position, (raw, w)) in references.into_iter().zip(linked).enumerate() {
            if w.id == id {
                entries.push(wire::WorkEntry {
                    document_id: citing.document_id,
                    position: position as i64,
                    raw,
                });
            }
        }
    }
    let row = library.work_row(id, &style)?;
    Ok(wire::WorkDetail {
        row: row.into(),
        entries,
    })
}

/// Replaces a work's fields with a person's correction; returns it formatted in the default style.
pub fn update(library: &mut Library, id: i64, csl: &CslItem) -> ApiResult<wire::WorkRow> {
    library.update_work(id, csl)?;
    row(library, id)
}

/// Folds every work of `others` into `keep`; returns `keep` formatted in the default style.
pub fn merge(library: &mut Library, keep: i64, others: &[i64]) -> ApiResult<wire::WorkRow> {
    if others.is_empty() {
        return Err(ApiError::invalid(
            "name at least one work to merge into the kept one",
        ));
    }
    library.merge_works(keep, others)?;
    row(library, keep)
}

/// Gives reference entry `position` of a document its own work; returns the new work's id.
pub fn split(library: &mut Library, document_id: i64, position: i64) -> ApiResult<i64> {
    Ok(library.split_work(document_id, position)?)
}

fn row(library: &mut Library, id: i64) -> ApiResult<wire::WorkRow> {
    let style = styles::load(library, None)?;
    Ok(library.work_row(id, &style)?.into())
}

/// Imports BibTeX, RIS and CSL-JSON files (the format sniffed, the size
/// bounded). A file that cannot be read, even one that trips a bug in a
/// reader, is reported by name and the rest are still imported.
pub fn import(library: &mut Library, paths: &[PathBuf]) -> ApiResult<wire::WorksImport> {
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_works(path) {
            Ok(items) => ids.extend(library.import_works(&items)?),
            Err(message) => errors.push(wire::ImportFailure {
                path: path.display().to_string(),
                message,
            }),
        }
    }
    Ok(wire::WorksImport { ids, errors })
}

/// A works file's items, or why it cannot be read (a panic in a reader included).
fn read_works(path: &Path) -> Result<Vec<CslItem>, String> {
    match quire_engine::guard::catch(|| quire_engine::import::read_works(path)) {
        Ok(Ok(items)) => Ok(items),
        Ok(Err(err)) => Err(chain(&err)),
        Err(panic) => Err(format!(
            "could not read {} (internal error: {panic})",
            path.display()
        )),
    }
}

/// The works with these ids, in that order.
pub fn items(library: &Library, ids: &[i64]) -> ApiResult<Vec<CslItem>> {
    ids.iter().map(|&id| Ok(library.work(id)?.csl)).collect()
}

/// Writes the works to `path` in an interchange format, atomically.
pub fn export(
    library: &Library,
    ids: &[i64],
    format: wire::InterchangeFormat,
    path: &Path,
) -> ApiResult<()> {
    write_atomic(path, write_works(format, &items(library, ids)?))
}

/// Every work, most cited first (`quire works --json`), `limit` of them from `offset`.
pub fn all(
    library: &mut Library,
    offset: usize,
    limit: Option<usize>,
) -> ApiResult<wire::cli::WorksListing> {
    let works = library
        .works()?
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .map(Into::into)
        .collect();
    Ok(wire::cli::WorksListing { works })
}
