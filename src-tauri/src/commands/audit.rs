//! The citation audit of one document (issue 3): its citations, parsed
//! references and issues, and corrections of a parse, which re-audit.

use std::sync::Mutex;

use quire_cite::EssayAudit;
use quire_csl::CslItem;
use quire_engine::Library;
use tauri::State;

use super::{guarded, lock, CommandResult};

/// Audits document `id` again and returns `{citations, references, issues}`,
/// the shape of one essay in `quire audit --json`.
#[tauri::command]
pub async fn audit_document(
    library: State<'_, Mutex<Library>>,
    id: i64,
) -> CommandResult<EssayAudit> {
    guarded(|| Ok(lock(&library).audit(id)?))
}

/// Keeps the user's reading of reference entry `position` and returns the
/// audit redone with it, so the reader can refresh at once.
#[tauri::command]
pub async fn correct_reference(
    library: State<'_, Mutex<Library>>,
    id: i64,
    position: usize,
    csl: CslItem,
) -> CommandResult<EssayAudit> {
    guarded(|| {
        let library = lock(&library);
        library.correct_reference(id, position, &csl)?;
        Ok(library.audit(id)?)
    })
}
