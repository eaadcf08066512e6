//! `quire styles`: the citation styles a list can use, and importing a
//! person's own `.csl` files into the library.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use quire_engine::StyleSummary;

use super::library::open_library;
use super::{emit, print_json, Context};

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

pub fn styles(ctx: &Context, a: StylesArgs) -> anyhow::Result<()> {
    match a.action {
        None => list(ctx, a.json),
        Some(StylesAction::List { json }) => list(ctx, a.json || json),
        Some(StylesAction::Import { files, json }) => import(ctx, &files, a.json || json),
        Some(StylesAction::Remove { name }) => {
            let mut library = open_library(ctx)?;
            library.remove_style(&name)?;
            emit(&format!(
                "Removed style `{}`.\n",
                name.trim().to_lowercase()
            ))
        }
    }
}

fn list(ctx: &Context, json: bool) -> anyhow::Result<()> {
    let styles = open_library(ctx)?.styles()?;
    if json {
        return print_json(&styles);
    }
    let width = styles
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in &styles {
        writeln!(out, "{:<width$}  {}  ({})", s.name, s.title, origin(s))?;
    }
    emit(&out)
}

/// "bundled", "imported", "imported → APA Style 7th edition".
fn origin(s: &StyleSummary) -> String {
    match (s.bundled, &s.parent) {
        (true, _) => "bundled".into(),
        (false, None) => "imported".into(),
        (false, Some(parent)) => format!("imported → {parent}"),
    }
}

/// Imports each file on its own: a refused file is one line on stderr and
/// the others go on; the exit code says whether any was refused.
fn import(ctx: &Context, files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    let mut imported = Vec::new();
    let mut failed = 0;
    for file in files {
        match library.import_style(file) {
            Ok(summary) => imported.push(summary),
            Err(e) => {
                failed += 1;
                let message = format!("error: {e}").replace('\n', " ");
                eprintln!("{}", crate::terminal::safe(&message));
            }
        }
    }
    if json {
        print_json(&imported)?;
    } else {
        let mut out = String::new();
        for s in &imported {
            writeln!(
                out,
                "Imported style `{}`: {} ({})",
                s.name,
                s.title,
                origin(s)
            )?;
        }
        emit(&out)?;
    }
    match failed {
        0 => Ok(()),
        n => anyhow::bail!("{n} of {} style file(s) could not be imported", files.len()),
    }
}
