//! The citation audit of one document: its citations, parsed references and
//! issues, and corrections of a parse, which re-audit. A few lines each over
//! `quire_api::audit`.

use std::sync::Mutex;

use quire_api::wire::EssayAudit;
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
    guarded(|| quire_api::audit::audit(&mut lock(&library), id))
}

/// Keeps the person's reading of reference entry `position` and returns the
/// audit redone with it, so the reader can refresh at once.
#[tauri::command]
pub async fn correct_reference(
    library: State<'_, Mutex<Library>>,
    id: i64,
    position: usize,
    csl: CslItem,
) -> CommandResult<EssayAudit> {
    guarded(|| quire_api::audit::correct_reference(&mut lock(&library), id, position, &csl))
}
