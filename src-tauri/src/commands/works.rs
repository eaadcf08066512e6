//! Works: the deduplicated things reference lists cite. Listing with a
//! formatted preview, editing, merging, splitting, and moving works in and
//! out of BibTeX, RIS and CSL-JSON files.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use quire_csl::CslItem;
use quire_engine::{ImportFailure, Library, WorkRow, WorksFilter, WorksPage};
use serde::Serialize;
use tauri::{State, Window};

use super::{chain, guarded, lock, styles, CommandError, CommandResult};
use crate::grants::{Access, Grants};

/// The style previews use when the UI names none.
pub const DEFAULT_STYLE: &str = "harvard-cite-them-right";

impl From<quire_format::Error> for CommandError {
    fn from(err: quire_format::Error) -> Self {
        Self::new(chain(&err))
    }
}

/// Rows the works view shows at most per call when the UI names no limit.
const PAGE: usize = 200;

/// One page of the works matching `filter`, formatted in `style`. The engine
/// filters, pages and caches the formatted entries, so this is cheap enough
/// to call on every keystroke.
#[tauri::command]
pub async fn list_works(
    library: State<'_, Mutex<Library>>,
    filter: Option<WorksFilter>,
    style: Option<String>,
    offset: Option<usize>,
    limit: Option<usize>,
) -> CommandResult<WorksPage> {
    guarded(|| {
        let library = lock(&library);
        styles::check_preview(&library, style.as_deref())?;
        let style = styles::load(&library, style.as_deref())?;
        Ok(library.works_page(
            &filter.unwrap_or_default(),
            &style,
            offset.unwrap_or(0),
            Some(limit.unwrap_or(PAGE)),
        )?)
    })
}

/// One reference entry linked to a work, so a wrong match can be split off.
#[derive(Debug, Serialize)]
pub struct WorkEntry {
    document_id: i64,
    position: i64,
    raw: String,
}

#[derive(Debug, Serialize)]
pub struct WorkDetail {
    #[serde(flatten)]
    row: WorkRow,
    entries: Vec<WorkEntry>,
}

#[tauri::command]
pub async fn get_work(
    library: State<'_, Mutex<Library>>,
    id: i64,
    style: Option<String>,
) -> CommandResult<WorkDetail> {
    guarded(|| {
        let mut library = lock(&library);
        styles::check_preview(&library, style.as_deref())?;
        let work = library.work(id)?;
        let mut entries = Vec::new();
        for citing in &work.cited_by {
            let references = library.document(citing.document_id)?.references;
            // Every entry is linked once works are listed, so the n-th linked work is the n-th entry.
            let linked = library.document_works(citing.document_id)?;
            for (position, (raw, w)) in references.into_iter().zip(linked).enumerate() {
                if w.id == id {
                    entries.push(WorkEntry {
                        document_id: citing.document_id,
                        position: position as i64,
                        raw,
                    });
                }
            }
        }
        let style = styles::load(&library, style.as_deref())?;
        let row = library.work_row(id, &style)?;
        Ok(WorkDetail { row, entries })
    })
}

#[tauri::command]
pub async fn update_work(
    library: State<'_, Mutex<Library>>,
    id: i64,
    csl: CslItem,
) -> CommandResult<WorkRow> {
    guarded(|| {
        let mut library = lock(&library);
        library.update_work(id, &csl)?;
        let style = styles::load(&library, None)?;
        Ok(library.work_row(id, &style)?)
    })
}

/// Folds every work of `others` into `keep`.
#[tauri::command]
pub async fn merge_works(
    library: State<'_, Mutex<Library>>,
    keep: i64,
    others: Vec<i64>,
) -> CommandResult<WorkRow> {
    guarded(|| {
        let mut library = lock(&library);
        for other in others {
            library.merge_works(keep, other)?;
        }
        let style = styles::load(&library, None)?;
        Ok(library.work_row(keep, &style)?)
    })
}

/// Gives one reference entry its own work; returns the new work's id.
#[tauri::command]
pub async fn split_work(
    library: State<'_, Mutex<Library>>,
    document_id: i64,
    position: i64,
) -> CommandResult<i64> {
    guarded(|| Ok(lock(&library).split_work(document_id, position)?))
}

#[derive(Debug, Serialize)]
pub struct WorksImport {
    /// The work id of every item read, in file order (an item matching a held work gives that work's id).
    ids: Vec<i64>,
    errors: Vec<ImportFailure>,
}

/// Imports BibTeX (`.bib`), RIS (`.ris`) and CSL-JSON (`.json`) files; a
/// file that cannot be read, even one that trips a bug in a reader, is
/// reported and the rest still imported. Only files the person picked or
/// dropped on this window are read.
#[tauri::command]
pub async fn import_works(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    paths: Vec<PathBuf>,
) -> CommandResult<WorksImport> {
    grants.take(window.label(), Access::Read, &paths)?;
    guarded(|| {
        let mut ids = Vec::new();
        let mut errors = Vec::new();
        for path in &paths {
            // Each file is read under its own guard, so one bad file is
            // reported and the others still go in.
            match guarded(|| read_items(path).map_err(|err| CommandError::new(chain(&err)))) {
                Ok(items) => ids.extend(lock(&library).import_works(&items)?),
                Err(err) => errors.push(ImportFailure {
                    path: path.display().to_string(),
                    message: err.message().to_string(),
                }),
            }
        }
        Ok(WorksImport { ids, errors })
    })
}

/// Writes the works as `bibtex`, `ris` or `csl-json` to `path`, which the
/// person must have chosen in a save dialog.
#[tauri::command]
pub async fn export_works(
    library: State<'_, Mutex<Library>>,
    window: Window,
    grants: State<'_, Grants>,
    ids: Vec<i64>,
    format: String,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| {
        let items = {
            let library = lock(&library);
            ids.iter()
                .map(|&id| library.work(id).map(|w| w.csl))
                .collect::<Result<Vec<_>, _>>()?
        };
        let out = interchange(&items, &format)
            .ok_or_else(|| CommandError::new(format!("unknown export format {format:?}")))?;
        write(&path, &out)
    })
}

/// The items as an interchange file, or None when `format` is not one.
pub fn interchange(items: &[CslItem], format: &str) -> Option<String> {
    match format {
        "bibtex" => Some(quire_format::to_bibtex(items)),
        "ris" => Some(quire_format::to_ris(items)),
        "csl-json" => Some(quire_format::to_csl_json(items) + "\n"),
        _ => None,
    }
}

pub fn write(path: &Path, contents: &str) -> CommandResult<()> {
    std::fs::write(path, contents)
        .map_err(|e| CommandError::new(format!("cannot write {}: {e}", path.display())))
}

/// Reads an interchange file (the engine sniffs the format and bounds the size).
fn read_items(path: &Path) -> Result<Vec<CslItem>, quire_engine::Error> {
    quire_engine::import::read_works(path)
}
