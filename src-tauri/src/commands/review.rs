//! Review rounds: rubrics, rounds, marking, comments, moderation, results,
//! feedback and marks files. Each command is a few lines over
//! `quire_api::review`; paths come only from the file dialogs (grants).

use std::path::PathBuf;
use std::sync::Mutex;

use quire_api::review as api;
use quire_api::wire::{
    BankComment, CommentInput, FeedbackFormat, MarkInput, MarkView, MarksImport, ModerationView,
    Revealed, ReviewComment, ReviewResults, RoundInput, RoundSummary, RoundView, Rubric,
    TrailEvent,
};
use quire_engine::Library;
use tauri::{State, Window};

use super::{guarded, lock, CommandResult};
use crate::grants::{Access, Grants};

type Lib<'a> = State<'a, Mutex<Library>>;

#[tauri::command]
pub async fn list_rounds(library: Lib<'_>) -> CommandResult<Vec<RoundSummary>> {
    guarded(|| api::rounds(&lock(&library)))
}

#[tauri::command]
pub async fn create_round(
    library: Lib<'_>,
    input: RoundInput,
    actor: String,
) -> CommandResult<RoundSummary> {
    guarded(|| api::create(&mut lock(&library), input, &actor))
}

#[tauri::command]
pub async fn delete_round(library: Lib<'_>, name: String) -> CommandResult<()> {
    guarded(|| api::delete(&mut lock(&library), &name))
}

#[tauri::command]
pub async fn round_status(library: Lib<'_>, name: String) -> CommandResult<RoundView> {
    guarded(|| api::status(&lock(&library), &name))
}

#[tauri::command]
pub async fn rubric_templates(library: Lib<'_>) -> CommandResult<Vec<Rubric>> {
    guarded(|| api::templates(&lock(&library)))
}

#[tauri::command]
pub async fn save_rubric_template(library: Lib<'_>, rubric: Rubric) -> CommandResult<Rubric> {
    guarded(|| api::save_template(&mut lock(&library), rubric))
}

#[tauri::command]
pub async fn delete_rubric_template(library: Lib<'_>, name: String) -> CommandResult<()> {
    guarded(|| api::delete_template(&mut lock(&library), &name))
}

/// A rubric file the person picked, saved as a template.
#[tauri::command]
pub async fn import_rubric_template(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    path: PathBuf,
) -> CommandResult<Rubric> {
    grants.take_one(window.label(), Access::Read, &path)?;
    guarded(|| api::import_template(&mut lock(&library), &path))
}

#[tauri::command]
pub async fn export_rubric_template(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    name: String,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| api::export_template(&lock(&library), &name, &path))
}

#[tauri::command]
pub async fn mark_view(
    library: Lib<'_>,
    round: String,
    code: String,
    marker: String,
) -> CommandResult<MarkView> {
    guarded(|| api::mark_view(&lock(&library), &round, &code, &marker))
}

/// Saves scores, the overall comment and submission; returns the screen afresh.
#[tauri::command]
pub async fn save_mark(
    library: Lib<'_>,
    round: String,
    code: String,
    marker: String,
    input: MarkInput,
) -> CommandResult<MarkView> {
    guarded(|| api::save_mark(&mut lock(&library), &round, &code, &marker, input, &marker))
}

#[tauri::command]
pub async fn reopen_mark(
    library: Lib<'_>,
    round: String,
    code: String,
    marker: String,
    actor: String,
) -> CommandResult<()> {
    guarded(|| api::reopen(&mut lock(&library), &round, &code, &marker, &actor))
}

#[tauri::command]
pub async fn add_review_comment(
    library: Lib<'_>,
    round: String,
    code: String,
    marker: String,
    input: CommentInput,
) -> CommandResult<ReviewComment> {
    guarded(|| api::add_comment(&mut lock(&library), &round, &code, &marker, input))
}

/// Changes a comment's text, or deletes it when `text` is null.
#[tauri::command]
pub async fn edit_review_comment(
    library: Lib<'_>,
    round: String,
    id: i64,
    text: Option<String>,
    actor: String,
) -> CommandResult<()> {
    guarded(|| api::edit_comment(&mut lock(&library), &round, id, text.as_deref(), &actor))
}

#[tauri::command]
pub async fn comment_bank(library: Lib<'_>) -> CommandResult<Vec<BankComment>> {
    guarded(|| api::bank(&lock(&library)))
}

#[tauri::command]
pub async fn add_bank_comment(
    library: Lib<'_>,
    text: String,
    category: Option<String>,
) -> CommandResult<BankComment> {
    guarded(|| api::bank_add(&mut lock(&library), &text, category.as_deref()))
}

#[tauri::command]
pub async fn remove_bank_comment(library: Lib<'_>, id: i64) -> CommandResult<()> {
    guarded(|| api::bank_remove(&mut lock(&library), id))
}

#[tauri::command]
pub async fn moderation_view(
    library: Lib<'_>,
    round: String,
    code: String,
) -> CommandResult<ModerationView> {
    guarded(|| api::moderation(&lock(&library), &round, &code))
}

/// Records the agreed mark with a reason; a null mark withdraws a decision.
#[tauri::command]
pub async fn moderate_entry(
    library: Lib<'_>,
    round: String,
    code: String,
    mark: Option<f64>,
    reason: String,
    actor: String,
) -> CommandResult<ModerationView> {
    guarded(|| {
        let decision = mark.map(|m| (m, reason.as_str()));
        api::moderate(&mut lock(&library), &round, &code, decision, &actor)
    })
}

#[tauri::command]
pub async fn reassign_marking(
    library: Lib<'_>,
    round: String,
    code: String,
    from: String,
    to: String,
    actor: String,
) -> CommandResult<()> {
    guarded(|| api::reassign(&mut lock(&library), &round, &code, &from, &to, &actor))
}

#[tauri::command]
pub async fn flag_entry(
    library: Lib<'_>,
    round: String,
    code: String,
    shortlisted: Option<bool>,
    winner: Option<bool>,
    actor: String,
) -> CommandResult<()> {
    guarded(|| {
        api::flag(
            &mut lock(&library),
            &round,
            &code,
            shortlisted,
            winner,
            &actor,
        )
    })
}

#[tauri::command]
pub async fn reveal_round(
    library: Lib<'_>,
    round: String,
    actor: String,
) -> CommandResult<Revealed> {
    guarded(|| api::reveal(&mut lock(&library), &round, &actor))
}

#[tauri::command]
pub async fn review_results(library: Lib<'_>, round: String) -> CommandResult<ReviewResults> {
    guarded(|| api::results(&lock(&library), &round))
}

/// Writes the results CSV to `path` (chosen in a save dialog).
#[tauri::command]
pub async fn export_results(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    round: String,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| api::export_results(&lock(&library), &round, &path))
}

/// An entry's feedback sheet as safe HTML, for the preview.
#[tauri::command]
pub async fn review_feedback(
    library: Lib<'_>,
    round: String,
    code: String,
) -> CommandResult<String> {
    guarded(|| api::feedback(&lock(&library), &round, &code, FeedbackFormat::Html))
}

#[tauri::command]
pub async fn export_feedback(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    round: String,
    code: String,
    format: FeedbackFormat,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| api::export_feedback(&lock(&library), &round, &code, format, &path))
}

#[tauri::command]
pub async fn export_marks(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    round: String,
    marker: String,
    path: PathBuf,
) -> CommandResult<()> {
    grants.take_one(window.label(), Access::Write, &path)?;
    guarded(|| api::export_marks_to(&lock(&library), &round, &marker, &path))
}

#[tauri::command]
pub async fn import_marks(
    library: Lib<'_>,
    window: Window,
    grants: State<'_, Grants>,
    path: PathBuf,
    actor: String,
) -> CommandResult<MarksImport> {
    grants.take_one(window.label(), Access::Read, &path)?;
    guarded(|| api::import_marks(&mut lock(&library), &path, &actor))
}

/// The round's trail, or one entry's (with the round-wide lines).
#[tauri::command]
pub async fn review_trail(
    library: Lib<'_>,
    round: String,
    code: Option<String>,
) -> CommandResult<Vec<TrailEvent>> {
    guarded(|| api::trail(&lock(&library), &round, code.as_deref()))
}
