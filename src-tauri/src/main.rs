//! Quire's desktop app: a thin Tauri shell. Every command is a few lines
//! over `quire_api`, the application layer the `quire` CLI shares; only this
//! crate knows about IPC, windows and dialogs.

// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod grants;
mod navigation;
mod pick;
mod test_hooks;

use std::sync::Mutex;

use anyhow::Context;
use quire_engine::Library;
use tauri::{DragDropEvent, Emitter, EventTarget, Manager, Window, WindowEvent};

use grants::{Access, Grants};
use test_hooks::TestHooks;

fn main() -> anyhow::Result<()> {
    let library = open_library()?;
    quire_api::styles::warm(&library);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Only Rust opens links (see `navigation`): the page has no opener permission.
        .plugin(tauri_plugin_opener::init())
        .plugin(navigation::guard())
        .manage(Mutex::new(library))
        .manage(Grants::default())
        .manage(TestHooks::from_env())
        .manage(commands::library::ImportCancel::default())
        .on_window_event(on_window_event)
        .setup(|app| {
            app.state::<TestHooks>().watch_drops(app.handle(), dropped);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            pick::pick_files,
            pick::pick_save_path,
            commands::library::list_documents,
            commands::library::list_collections,
            commands::library::get_document,
            commands::library::import_files,
            commands::library::import_zotero,
            commands::library::cancel_import,
            commands::audit::audit_document,
            commands::audit::correct_reference,
            commands::works::list_works,
            commands::works::get_work,
            commands::works::update_work,
            commands::works::merge_works,
            commands::works::split_work,
            commands::works::import_works,
            commands::works::export_works,
            commands::lists::list_lists,
            commands::lists::create_list,
            commands::lists::delete_list,
            commands::lists::show_list,
            commands::lists::add_to_list,
            commands::lists::add_document_to_list,
            commands::lists::move_list_item,
            commands::lists::update_list_item,
            commands::lists::remove_from_list,
            commands::lists::set_list_style,
            commands::lists::format_document,
            commands::lists::export_list,
            commands::styles::list_styles,
            commands::styles::import_style,
            commands::styles::remove_style,
            commands::search::search,
            commands::search::list_themes,
            commands::search::show_theme,
            commands::search::works_cited_where,
            commands::search::add_theme,
            commands::search::delete_theme,
            commands::search::suggested_themes,
            commands::search::key_terms,
            commands::review::list_rounds,
            commands::review::create_round,
            commands::review::delete_round,
            commands::review::round_status,
            commands::review::rubric_templates,
            commands::review::save_rubric_template,
            commands::review::delete_rubric_template,
            commands::review::import_rubric_template,
            commands::review::export_rubric_template,
            commands::review::mark_view,
            commands::review::save_mark,
            commands::review::reopen_mark,
            commands::review::add_review_comment,
            commands::review::edit_review_comment,
            commands::review::comment_bank,
            commands::review::add_bank_comment,
            commands::review::remove_bank_comment,
            commands::review::moderation_view,
            commands::review::moderate_entry,
            commands::review::reassign_marking,
            commands::review::flag_entry,
            commands::review::reveal_round,
            commands::review::review_results,
            commands::review::export_results,
            commands::review::review_feedback,
            commands::review::export_feedback,
            commands::review::export_marks,
            commands::review::import_marks,
            commands::review::review_trail,
            commands::insights::essay_insights,
            commands::insights::entry_insights,
            commands::insights::most_cited,
            commands::insights::citation_network,
            commands::insights::theme_matrix,
            commands::insights::theme_cell,
            commands::insights::reference_ages,
            commands::insights::work_passages,
            commands::insights::list_coverage,
            commands::insights::chart_csv,
            commands::insights::save_chart,
        ])
        .run(tauri::generate_context!())
        .context("Quire stopped with an error")
}

/// Files dropped on a window are granted to it for reading, then announced
/// to its page as `files-dropped` (`[path, …]`), which imports them. Granting
/// first means the page's `import_files` always finds the grant.
fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
        dropped(window, paths);
    }
}

/// What a drop of `paths` on `window` does (the end-to-end tests' drops
/// come here too, see [`TestHooks::watch_drops`]).
fn dropped(window: &Window, paths: &[std::path::PathBuf]) {
    window
        .state::<Grants>()
        .grant(window.label(), Access::Read, paths.iter().cloned());
    if let Err(err) = window.emit_to(EventTarget::labeled(window.label()), "files-dropped", paths) {
        eprintln!("quire: cannot announce dropped files: {err}");
    }
}

/// Opens `$QUIRE_LIBRARY` or the default library folder, creating it on
/// first launch (unlike the CLI, where only `import` creates one). A
/// newcomer's first launch finds it empty and gets the sample library, so
/// there is something real to read at once. A folder that cannot be written
/// opens read-only: it can be read and searched, and gets no sample.
fn open_library() -> anyhow::Result<Library> {
    let dir = Library::default_dir();
    let mut library = Library::open(&dir)
        .with_context(|| format!("cannot open the library in {}", dir.display()))?;
    if library.is_read_only() {
        eprintln!("quire: library is read-only ({})", dir.display());
    } else if library.is_empty()? {
        let report = library
            .import_sample()
            .context("cannot import the sample library")?;
        for failure in &report.errors {
            eprintln!("quire: sample {}: {}", failure.path, failure.message);
        }
    }
    Ok(library)
}
