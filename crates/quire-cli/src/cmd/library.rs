//! `quire import`, `quire list`, `quire show`, `quire collections`: the
//! library's contents, each a `quire_api::library` call and its printing.
//!
//! With `--json` the output is the contract other tools read (see issue 2);
//! without it, a table or report for a person.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Args;
use quire_api::wire;
use quire_engine::{Library, OpenOptions};

use super::{emit, none_failed, print_json, Context};
use crate::print;
use crate::progress::Reporter;

#[derive(Args)]
pub struct ImportArgs {
    /// Files to import (.txt, .md, .docx, .odt, .pdf, .html), or folders
    /// holding them (searched recursively).
    #[arg(required_unless_present = "zotero", conflicts_with = "zotero")]
    pub paths: Vec<PathBuf>,
    /// Inside folders, import only files matching this pattern (`*.pdf`,
    /// or `2020/**/*.docx` for a path below the folder); repeatable.
    #[arg(long)]
    pub glob: Vec<String>,
    /// Put the documents in this collection (created if missing); a file not
    /// recognisable as essays is taken as one entry.
    #[arg(long)]
    pub collection: Option<String>,
    /// Import a Zotero library from its data directory (the folder holding
    /// zotero.sqlite); Zotero may stay open. Re-importing updates.
    #[arg(long, value_name = "DIR")]
    pub zotero: Option<PathBuf>,
    /// What Zotero collections become.
    #[arg(long, value_enum, default_value = "collections", requires = "zotero")]
    pub collections_as: CollectionsAs,
    #[arg(long)]
    pub json: bool,
}

/// `--collections-as`: Quire collections of works, or reading lists.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CollectionsAs {
    Collections,
    Lists,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
    /// `quire list create|add|show|…`: reference and reading lists (see `cmd::lists`).
    #[command(subcommand)]
    pub action: Option<super::lists::ListAction>,
}

#[derive(Args)]
pub struct ShowArgs {
    pub id: i64,
    #[arg(long)]
    pub json: bool,
    /// Print the body as the reader shows it: sanitised HTML, each citation
    /// marked and each block anchored to its paragraph.
    #[arg(long, conflicts_with = "json")]
    pub html: bool,
}

#[derive(Args)]
pub struct CollectionsArgs {
    #[arg(long)]
    pub json: bool,
}

/// Open the library chosen by `--library`, else `$QUIRE_LIBRARY`, else the
/// OS data folder. Every command that reads or writes the library uses this.
/// Only `--create` makes a new library here: a mistyped path is an error,
/// not a new empty library.
pub fn open_library(ctx: &Context) -> anyhow::Result<Library> {
    open_as(ctx, ctx.create)
}

/// [`open_library`] for `import`, which creates the library if needed.
fn open_or_create(ctx: &Context) -> anyhow::Result<Library> {
    open_as(ctx, true)
}

fn open_as(ctx: &Context, create: bool) -> anyhow::Result<Library> {
    let dir = ctx.library.clone().unwrap_or_else(Library::default_dir);
    let options = OpenOptions {
        create: create && !ctx.read_only,
        read_only: ctx.read_only,
    };
    let library = Library::open_with(&dir, options).map_err(|e| open_error(e, &dir))?;
    if library.is_read_only() {
        eprintln!("quire: library is read-only ({})", dir.display());
    }
    Ok(library)
}

/// Why the library at `dir` did not open, in words that say what to do.
fn open_error(e: quire_engine::Error, dir: &Path) -> anyhow::Error {
    match e {
        quire_engine::Error::NoLibrary(_) => anyhow::anyhow!(
            "no library at {} (create one with `quire import FILES`, or pass --create)",
            dir.display()
        ),
        e => anyhow::Error::new(e).context(format!("cannot open library {}", dir.display())),
    }
}

/// `quire import`: files into the library (or a Zotero library), with a
/// progress bar on a terminal and a line per file otherwise. Ctrl-C stops
/// before the next file; what was imported stays.
pub fn import(ctx: &Context, a: ImportArgs) -> anyhow::Result<()> {
    let mut library = open_or_create(ctx)?;
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // Without a handler (another is installed) Ctrl-C just ends the process;
    // each file is its own transaction either way.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    let reporter = Reporter::new(a.json);
    let mut progress = |p: wire::Progress| reporter.update(&p);
    if let Some(dir) = &a.zotero {
        let how = match a.collections_as {
            CollectionsAs::Collections => wire::CollectionsAs::Collections,
            CollectionsAs::Lists => wire::CollectionsAs::Lists,
        };
        let report =
            quire_api::zotero::import(&mut library, dir, how, Some(&cancel), &mut progress)?;
        return match a.json {
            true => print_json(&report),
            false => emit(&print::library::zotero_report(&report)),
        };
    }
    let options = quire_api::library::ImportOptions {
        collection: a.collection.as_deref(),
        globs: &a.glob,
        cancel: Some(&cancel),
    };
    let report = quire_api::library::import(&mut library, &a.paths, options, &mut progress)?;
    match a.json {
        true => print_json(&report)?,
        false => emit(&print::library::import_report(&report))?,
    }
    none_failed(report.errors.len(), "file(s) could not be imported")
}

/// `quire list`: the documents and collections, or a list action.
pub fn list(ctx: &Context, a: ListArgs) -> anyhow::Result<()> {
    match a.action {
        Some(action) => super::lists::list_action(ctx, action),
        None => documents(ctx, a.json),
    }
}

/// The documents table and each collection, or the documents as JSON.
fn documents(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let rows = quire_api::library::documents(&library, wire::DocFilter::default())?;
    if json {
        let documents = rows.into_iter().map(|r| r.summary).collect();
        return print_json(&wire::cli::DocumentsListing { documents });
    }
    if rows.is_empty() {
        return emit(&print::library::empty(library.dir()));
    }
    let collections = quire_api::library::collections(&library)?;
    emit(&print::library::documents(&rows, &collections))
}

/// `quire collections`: each collection with its size and word limits.
pub fn collections(ctx: &Context, a: CollectionsArgs) -> anyhow::Result<()> {
    let collections = quire_api::library::collections(&open_library(ctx)?)?;
    if a.json {
        return print_json(&collections);
    }
    emit(&print::library::collections(&collections))
}

/// `quire show`: one document, as text, JSON or the reader's HTML.
pub fn show(ctx: &Context, a: ShowArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    if a.html {
        return emit(&(quire_api::library::reader(&library, a.id)?.html + "\n"));
    }
    let doc = quire_api::library::document(&library, a.id)?;
    if a.json {
        return print_json(&doc);
    }
    emit(&print::library::document(&doc))
}
