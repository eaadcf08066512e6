//! `quire search`, `themes`, `theme`, `terms`, `reindex`: each a
//! `quire_api::search` call and its printing.
//!
//! With `--json` the output is the contract of issue 4 (`quire_api::wire::cli`);
//! without it, a short report for a person.
//!
//! Text for a person comes from `print::search`; a snippet's matched words
//! are marked from its `parts`.
//!
//! A hit's `snippet` is plain text (never HTML: no tags, no entities) and
//! `highlights` lists the matched words in it as `[start, end]` pairs:
//! half-open offsets counted in Unicode scalar values (Rust `char`s; in
//! JavaScript, code points, so index `[...snippet]`, not `snippet`), in
//! order and not overlapping. For example
//! `{"snippet": "Poverty-aware practice", "highlights": [[0, 7], [8, 13]]}`.
//! The same shape is in `quire theme show --json` and the app's payloads.

use clap::{Args, Subcommand, ValueEnum};
use quire_api::search::Query;
use quire_api::wire::cli::SearchJson;
use quire_engine::Library;

use super::library::open_library;
use super::{emit, print_json, Context};
use crate::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Essay,
    Source,
}

impl KindArg {
    fn name(self) -> &'static str {
        match self {
            KindArg::Essay => "essay",
            KindArg::Source => "source",
        }
    }
}

#[derive(Args)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long)]
    pub json: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    #[arg(long)]
    pub facets: bool,
}

#[derive(Args)]
pub struct ThemesArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct TermsArgs {
    /// One document's key terms instead of the library's.
    #[arg(long)]
    pub doc: Option<i64>,
    /// How many terms.
    #[arg(short, long, default_value_t = 20)]
    pub n: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: ThemeAction,
}

#[derive(Subcommand)]
pub enum ThemeAction {
    /// Save a theme: a named query. A query the search could not use as
    /// written (too long, too deeply nested, or with parts it would leave
    /// out) is refused.
    Add {
        name: String,
        query: String,
        /// A colour for the theme's chips and charts (`#rrggbb`); one is picked when left out.
        #[arg(long)]
        colour: Option<String>,
    },
    /// Delete a saved theme.
    Delete { name: String },
    /// Show which documents, paragraphs and references a theme covers.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
}

/// `quire search`: the hits, or with `--json` the contract (exactly these keys).
pub fn search(ctx: &Context, a: SearchArgs) -> anyhow::Result<()> {
    let (json, facets) = (a.json, a.facets);
    let results = quire_api::search::search(&open_library(ctx)?, query(a))?;
    if json {
        return print_json(&SearchJson::new(results, facets));
    }
    let notes = print::search::notes(&results.ignored, &results.similar);
    eprint!("{notes}");
    let facets = facets.then(|| SearchJson::facet_map(&results));
    emit(&print::search::results(&results, facets.as_ref()))
}

/// The search `quire search` asks for.
fn query(a: SearchArgs) -> Query {
    Query {
        text: a.query,
        limit: Some(a.limit),
        kind: a.kind.map(|k| k.name().to_string()),
        ..Query::default()
    }
}

/// `quire themes`: the saved themes with what they cover, and suggestions.
pub fn themes(ctx: &Context, a: ThemesArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let themes = quire_api::search::themes(&library)?;
    if a.json {
        return print_json(&themes);
    }
    let suggested = quire_api::search::suggested_themes(&library, 10)?;
    emit(&print::search::themes(&themes, &suggested))
}

/// `quire theme ACTION`: one function per action.
pub fn theme(ctx: &Context, a: ThemeArgs) -> anyhow::Result<()> {
    let library = &mut open_library(ctx)?;
    match a.action {
        ThemeAction::Add {
            name,
            query,
            colour,
        } => add_theme(library, &name, &query, colour.as_deref()),
        ThemeAction::Delete { name } => delete_theme(library, &name),
        ThemeAction::Show { name, json } => show_theme(library, &name, json),
    }
}

fn add_theme(
    library: &mut Library,
    name: &str,
    query: &str,
    colour: Option<&str>,
) -> anyhow::Result<()> {
    quire_api::search::add_theme(library, name, query, colour)?;
    let report = quire_api::search::theme(library, name)?;
    emit(&print::search::theme_saved(&report))
}

fn delete_theme(library: &mut Library, name: &str) -> anyhow::Result<()> {
    quire_api::search::delete_theme(library, name)?;
    emit(&format!("deleted theme {name:?}\n"))
}

fn show_theme(library: &mut Library, name: &str, json: bool) -> anyhow::Result<()> {
    let report = quire_api::search::theme(library, name)?;
    if json {
        return print_json(&report);
    }
    eprint!("{}", print::search::notes(&report.ignored, &[]));
    emit(&print::search::theme(&report))
}

/// `quire terms`: the library's most distinctive terms (suggested themes),
/// or one document's key terms with `--doc`.
pub fn terms(ctx: &Context, a: TermsArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let terms = match a.doc {
        Some(doc) => quire_api::search::key_terms(&library, doc, a.n)?,
        None => quire_api::search::suggested_themes(&library, a.n)?,
    };
    if a.json {
        return print_json(&terms);
    }
    emit(&print::search::terms(&terms))
}

/// `quire reindex`: the index rebuilt from the database.
pub fn reindex(ctx: &Context) -> anyhow::Result<()> {
    let n = quire_api::search::reindex(&mut open_library(ctx)?)?;
    emit(&format!("indexed {n} document(s)\n"))
}
