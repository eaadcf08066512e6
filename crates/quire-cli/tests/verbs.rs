//! Every action of the desktop app has a CLI verb. The app's commands are
//! read from `src-tauri/src/main.rs` (its `generate_handler!` list), each is
//! looked up in [`VERBS`], and the verb must be one the built `quire`
//! accepts. A new app command without a verb fails here.

mod common;

use std::process::Command;

/// App command → the `quire` verb that does the same.
const VERBS: &[(&str, &[&str])] = &[
    ("list_documents", &["list"]),
    ("list_collections", &["collections"]),
    ("get_document", &["show"]),
    ("import_files", &["import"]),
    // `quire import --zotero DIR`.
    ("import_zotero", &["import"]),
    // Ctrl-C during `quire import`: it stops before the next file.
    ("cancel_import", &["import"]),
    ("audit_document", &["audit"]),
    ("correct_reference", &["correct-ref"]),
    ("list_works", &["works"]),
    ("get_work", &["works", "show"]),
    ("update_work", &["works", "edit"]),
    ("merge_works", &["works", "merge"]),
    ("split_work", &["works", "split"]),
    ("import_works", &["works", "import"]),
    ("export_works", &["works", "export"]),
    ("works_cited_where", &["works", "cited-where"]),
    ("list_lists", &["lists"]),
    ("create_list", &["list", "create"]),
    ("delete_list", &["list", "delete"]),
    ("show_list", &["list", "show"]),
    ("add_to_list", &["list", "add"]),
    ("add_document_to_list", &["list", "add-doc"]),
    ("move_list_item", &["list", "move"]),
    ("update_list_item", &["list", "update"]),
    ("remove_from_list", &["list", "remove"]),
    ("set_list_style", &["list", "style"]),
    ("export_list", &["list", "export"]),
    ("format_document", &["format"]),
    ("list_styles", &["styles", "list"]),
    ("import_style", &["styles", "import"]),
    ("remove_style", &["styles", "remove"]),
    ("search", &["search"]),
    ("list_themes", &["themes"]),
    ("show_theme", &["theme", "show"]),
    ("add_theme", &["theme", "add"]),
    ("delete_theme", &["theme", "delete"]),
    ("suggested_themes", &["terms"]),
    ("key_terms", &["terms"]),
    ("essay_insights", &["insights", "essay"]),
    ("entry_insights", &["review", "insights"]),
    ("most_cited", &["insights", "library"]),
    ("citation_network", &["insights", "network"]),
    ("theme_matrix", &["insights", "themes"]),
    ("theme_cell", &["insights", "cell"]),
    ("reference_ages", &["insights", "ages"]),
    ("work_passages", &["insights", "cited"]),
    ("list_coverage", &["insights", "list"]),
    ("chart_csv", &["insights", "library"]),
    ("list_rounds", &["review", "list"]),
    ("create_round", &["review", "create"]),
    ("delete_round", &["review", "delete"]),
    ("round_status", &["review", "status"]),
    ("rubric_templates", &["review", "rubric", "list"]),
    ("save_rubric_template", &["review", "rubric", "save"]),
    ("delete_rubric_template", &["review", "rubric", "delete"]),
    ("import_rubric_template", &["review", "rubric", "save"]),
    ("export_rubric_template", &["review", "rubric", "export"]),
    ("mark_view", &["review", "open"]),
    ("save_mark", &["review", "mark"]),
    ("reopen_mark", &["review", "reopen"]),
    ("add_review_comment", &["review", "comment"]),
    ("edit_review_comment", &["review", "edit-comment"]),
    ("comment_bank", &["review", "bank", "list"]),
    ("add_bank_comment", &["review", "bank", "add"]),
    ("remove_bank_comment", &["review", "bank", "remove"]),
    ("moderation_view", &["review", "moderation"]),
    ("moderate_entry", &["review", "moderate"]),
    ("reassign_marking", &["review", "reassign"]),
    ("flag_entry", &["review", "flag"]),
    ("reveal_round", &["review", "reveal"]),
    ("review_results", &["review", "results"]),
    ("export_results", &["review", "results"]),
    ("review_feedback", &["review", "feedback"]),
    ("export_feedback", &["review", "feedback"]),
    ("export_marks", &["review", "export-marks"]),
    ("import_marks", &["review", "import-marks"]),
    ("review_trail", &["review", "trail"]),
];

/// Commands that are the desktop's own: the system file dialogs, and
/// writing a chart image the webview rendered (the CLI prints a chart's
/// data with `--csv`; drawing is the page's).
const DESKTOP_ONLY: &[&str] = &["pick_files", "pick_save_path", "save_chart"];

/// The command names in the app's `generate_handler![…]`.
fn app_commands() -> Vec<String> {
    let main = std::fs::read_to_string(common::root().join("src-tauri/src/main.rs")).unwrap();
    let start = main
        .find("generate_handler![")
        .expect("the app's handler list");
    let end = start + main[start..].find(']').unwrap();
    main[start + "generate_handler![".len()..end]
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap().to_string())
        .collect()
}

#[test]
fn every_app_command_has_a_cli_verb() {
    let commands = app_commands();
    assert!(commands.len() > 30, "read {} commands", commands.len());
    let missing: Vec<&String> = commands
        .iter()
        .filter(|c| !DESKTOP_ONLY.contains(&c.as_str()))
        .filter(|c| !VERBS.iter().any(|(name, _)| name == c))
        .collect();
    assert!(
        missing.is_empty(),
        "app commands with no CLI verb in VERBS: {missing:?}"
    );
    let stale: Vec<&str> = VERBS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !commands.iter().any(|c| c == name))
        .collect();
    assert!(
        stale.is_empty(),
        "VERBS names commands the app no longer has: {stale:?}"
    );
}

#[test]
fn every_verb_is_one_quire_accepts() {
    for (command, verb) in VERBS {
        let out = Command::new(env!("CARGO_BIN_EXE_quire"))
            .args(*verb)
            .arg("--help")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`quire {} --help` (for {command}) failed: {}",
            verb.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
