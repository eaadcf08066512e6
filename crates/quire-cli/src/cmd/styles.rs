//! `quire styles`: the citation styles a list can use, and importing a
//! person's own `.csl` files into the library.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use quire_api::wire::StyleSummary;
use quire_engine::Library;

use super::library::open_library;
use super::{emit, none_failed, print_json, Context};
use crate::print;

#[derive(Args)]
pub struct StylesArgs {
    /// Print the styles as JSON (an array of {name, title, bundled, parent, locale}).
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub action: Option<StylesAction>,
}

#[derive(Subcommand)]
pub enum StylesAction {
    /// List the bundled styles, then those imported into the library (the default).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Import CSL style files into the library, so lists can use them by name.
    Import {
        /// `.csl` files; each is imported or refused on its own.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the imported styles as JSON (the `styles --json` shape).
        #[arg(long)]
        json: bool,
    },
    /// Remove an imported style (not one a list uses).
    Remove { name: String },
}

/// `quire styles [list|import|remove]`: one function per action.
pub fn styles(ctx: &Context, a: StylesArgs) -> anyhow::Result<()> {
    match a.action {
        None => list(ctx, a.json),
        Some(StylesAction::List { json }) => list(ctx, a.json || json),
        Some(StylesAction::Import { files, json }) => import(ctx, &files, a.json || json),
        Some(StylesAction::Remove { name }) => remove(ctx, &name),
    }
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let styles = quire_api::styles::list(&open_library(ctx)?)?;
    if json {
        return print_json(&styles);
    }
    emit(&print::styles::list(&styles))
}

fn remove(ctx: &Context, name: &str) -> anyhow::Result<()> {
    quire_api::styles::remove(&mut open_library(ctx)?, name)?;
    let name = name.trim().to_lowercase();
    emit(&format!("Removed style `{name}`.\n"))
}

/// Imports each file on its own: a refused file is one line on stderr and
/// the others go on; the exit code says whether any was refused.
fn import(ctx: &Context, files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let (imported, failed) = import_each(&mut open_library(ctx)?, files);
    match json {
        true => print_json(&imported)?,
        false => emit(&print::styles::imported(&imported))?,
    }
    let what = format!("of {} style file(s) could not be imported", files.len());
    none_failed(failed, &what)
}

/// The styles imported, and how many files were refused (each said on stderr).
fn import_each(library: &mut Library, files: &[PathBuf]) -> (Vec<StyleSummary>, usize) {
    let mut imported = Vec::new();
    let mut failed = 0;
    for file in files {
        match quire_api::styles::import(library, file) {
            Ok(summary) => imported.push(summary),
            Err(e) => {
                failed += 1;
                let message = format!("error: {e}").replace('\n', " ");
                eprintln!("{}", crate::terminal::safe(&message));
            }
        }
    }
    (imported, failed)
}
