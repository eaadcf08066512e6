//! `quire`: the command-line face of the Quire engine.
//!
//! Every subcommand lives in `cmd/`, one file per area; the text it prints
//! for a person is made by the pure functions of `print/`. This file only
//! parses arguments and turns an error into a one-line message and a
//! non-zero exit.
//! Text for a person passes through `terminal`, which strips escape
//! sequences imported files may carry.

mod cmd;
mod print;
mod progress;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "quire", version, about = "Essay and reference manager")]
struct Cli {
    /// Library folder (default: $QUIRE_LIBRARY, else the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    library: Option<PathBuf>,
    /// Create the library if the folder holds none (`import` always does).
    #[arg(long, global = true)]
    create: bool,
    /// Open the library read-only, even if it could be written.
    #[arg(long, global = true, conflicts_with = "create")]
    read_only: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import .txt, .md, .docx, .odt, .pdf and .html files (or folders of them), or a Zotero library.
    Import(cmd::library::ImportArgs),
    /// List the documents in the library, or manage reference/reading lists.
    List(cmd::library::ListArgs),
    /// List the reference and reading lists.
    Lists(cmd::lists::ListsArgs),
    /// List the collections (competitions, modules) with their word limits.
    Collections(cmd::library::CollectionsArgs),
    /// Show one document with its Markdown body (or as the reader's HTML).
    Show(cmd::library::ShowArgs),
    /// Audit citations against reference lists in a file or a stored document.
    Audit(cmd::audit::AuditArgs),
    /// Correct how one reference entry of a stored document was read, and re-audit.
    CorrectRef(cmd::audit::CorrectArgs),
    /// Parse reference-list entries into CSL-JSON.
    ParseRef(cmd::audit::ParseRefArgs),
    /// Full-text search over documents and paragraphs.
    Search(cmd::search::SearchArgs),
    /// List saved themes.
    Themes(cmd::search::ThemesArgs),
    /// Add, show or delete a theme.
    Theme(cmd::search::ThemeArgs),
    /// The library's (or one document's) most distinctive terms.
    Terms(cmd::search::TermsArgs),
    /// Rebuild the search index from the database.
    Reindex,
    /// Run a benchmark.
    Bench(cmd::bench::BenchArgs),
    /// List the deduplicated works the library holds, or show, edit, merge,
    /// split, import or export them.
    Works(cmd::works::WorksArgs),
    /// Format a list, a document's references or CSL-JSON in a citation style.
    Format(cmd::works::FormatArgs),
    /// List citation styles, or import or remove a library's own `.csl` styles.
    Styles(cmd::styles::StylesArgs),
    /// Review rounds: blind double marking against a rubric, moderation,
    /// results, feedback and marks files between markers.
    Review(cmd::review::ReviewArgs),
    /// Insights: the numbers behind the charts of an essay, a collection or
    /// the library, and a reading list's coverage.
    Insights(cmd::insights::InsightsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = cmd::Context {
        library: cli.library,
        create: cli.create,
        read_only: cli.read_only,
    };
    let result = match cli.command {
        Command::Import(a) => cmd::library::import(&ctx, a),
        Command::List(a) => cmd::library::list(&ctx, a),
        Command::Lists(a) => cmd::lists::lists(&ctx, a),
        Command::Collections(a) => cmd::library::collections(&ctx, a),
        Command::Show(a) => cmd::library::show(&ctx, a),
        Command::Audit(a) => cmd::audit::audit(&ctx, a),
        Command::CorrectRef(a) => cmd::audit::correct(&ctx, a),
        Command::ParseRef(a) => cmd::audit::parse_ref(a),
        Command::Search(a) => cmd::search::search(&ctx, a),
        Command::Themes(a) => cmd::search::themes(&ctx, a),
        Command::Theme(a) => cmd::search::theme(&ctx, a),
        Command::Terms(a) => cmd::search::terms(&ctx, a),
        Command::Reindex => cmd::search::reindex(&ctx),
        Command::Bench(a) => cmd::bench::bench(&ctx, a),
        Command::Works(a) => cmd::works::works(&ctx, a),
        Command::Format(a) => cmd::works::format(&ctx, a),
        Command::Styles(a) => cmd::styles::styles(&ctx, a),
        Command::Review(a) => cmd::review::review(&ctx, a),
        Command::Insights(a) => cmd::insights::insights(&ctx, a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line on stderr: the error and its causes, joined.
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("quire: {}", terminal::safe(&msg));
            ExitCode::FAILURE
        }
    }
}
