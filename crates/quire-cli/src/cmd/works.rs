//! `quire works` and its actions (show, edit, merge, split, import,
//! export), and `quire format`: each parses its arguments, calls one
//! `quire_api` function and prints what it returns.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use quire_api::format::Input;
use quire_api::wire;
use quire_engine::{Library, WorksFilter};

use super::library::open_library;
use super::{emit, none_failed, print_json, read_csl, read_works, Context};
use crate::print;

#[derive(Args)]
pub struct WorksArgs {
    /// Print `{"works": [...]}`, every field of each work (the contract).
    #[arg(long)]
    pub json: bool,
    /// Skip this many works (most cited first).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Show at most this many works (default: all).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Only works whose formatted entry holds these words (or `#ID`).
    #[arg(long)]
    pub query: Option<String>,
    /// The style the entries are shown in (default: Cite Them Right Harvard).
    #[arg(long)]
    pub style: Option<String>,
    #[command(subcommand)]
    pub action: Option<WorksAction>,
}

#[derive(Subcommand)]
pub enum WorksAction {
    /// One work formatted, with the reference entries linked to it.
    Show {
        id: i64,
        #[arg(long)]
        style: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Replace a work's fields with a CSL-JSON item (a file, or `-` for stdin).
    Edit { id: i64, csl_json: PathBuf },
    /// Fold works into the one kept: their entries and list places move over.
    Merge {
        keep: i64,
        #[arg(required = true)]
        others: Vec<i64>,
    },
    /// Give reference entry POSITION (0-based) of a document its own work.
    Split { document: i64, position: i64 },
    /// Import works from BibTeX, RIS or CSL-JSON files.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Write works to a file in an interchange format.
    Export {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long, value_enum)]
        format: Interchange,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The works cited by the paragraphs a search finds.
    CitedWhere {
        query: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Interchange {
    Bibtex,
    Ris,
    CslJson,
}

impl From<Interchange> for wire::InterchangeFormat {
    fn from(f: Interchange) -> Self {
        match f {
            Interchange::Bibtex => Self::Bibtex,
            Interchange::Ris => Self::Ris,
            Interchange::CslJson => Self::CslJson,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Text,
    Html,
    Markdown,
    Bibtex,
    Ris,
    CslJson,
}

#[derive(Args)]
pub struct FormatArgs {
    #[arg(long, conflicts_with_all = ["doc", "csl_json"])]
    pub list: Option<String>,
    #[arg(long, conflicts_with = "csl_json")]
    pub doc: Option<i64>,
    #[arg(long)]
    pub csl_json: Option<PathBuf>,
    /// A bundled style name (e.g. `harvard-cite-them-right`, `apa`), a style
    /// imported into the library (`quire styles`) or a `.csl` file.
    #[arg(long)]
    pub style: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

/// `quire works`: the works view, or one of its actions.
pub fn works(ctx: &Context, mut a: WorksArgs) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    if let Some(action) = a.action.take() {
        return act(&mut library, action);
    }
    if a.json {
        return print_json(&quire_api::works::all(&mut library, a.offset, a.limit)?);
    }
    table(&mut library, a)
}

/// The works view as text, filtered and paged as asked.
fn table(library: &mut Library, a: WorksArgs) -> anyhow::Result<()> {
    let filter = WorksFilter {
        query: a.query,
        ..WorksFilter::default()
    };
    let limit = Some(a.limit.unwrap_or(usize::MAX));
    let page = quire_api::works::page(library, &filter, a.style.as_deref(), a.offset, limit)?;
    emit(&print::works::table(&page, a.offset))
}

/// `quire works ACTION`: one function per action.
fn act(library: &mut Library, action: WorksAction) -> anyhow::Result<()> {
    match action {
        WorksAction::Show { id, style, json } => show(library, id, style.as_deref(), json),
        WorksAction::Edit { id, csl_json } => edit(library, id, &csl_json),
        WorksAction::Merge { keep, others } => merge(library, keep, &others),
        WorksAction::Split { document, position } => split(library, document, position),
        WorksAction::Import { files, json } => import(library, &files, json),
        WorksAction::Export { ids, format, out } => export(library, &ids, format, &out),
        WorksAction::CitedWhere { query, json } => cited_where(library, &query, json),
    }
}

fn show(library: &mut Library, id: i64, style: Option<&str>, json: bool) -> anyhow::Result<()> {
    let detail = quire_api::works::detail(library, id, style)?;
    if json {
        return print_json(&detail);
    }
    emit(&print::works::detail(&detail))
}

fn edit(library: &mut Library, id: i64, csl_json: &Path) -> anyhow::Result<()> {
    let row = quire_api::works::update(library, id, &read_csl(csl_json)?)?;
    emit(&format!("Work {id} is now: {}\n", row.text))
}

fn merge(library: &mut Library, keep: i64, others: &[i64]) -> anyhow::Result<()> {
    let row = quire_api::works::merge(library, keep, others)?;
    let merged = others.len();
    emit(&format!(
        "Merged {merged} work(s) into {keep}: {}\n",
        row.text
    ))
}

fn split(library: &mut Library, document: i64, position: i64) -> anyhow::Result<()> {
    let id = quire_api::works::split(library, document, position)?;
    emit(&format!(
        "Entry {position} of document {document} is now work {id}.\n"
    ))
}

/// Imports each file; a bad one is reported and the exit code says so.
fn import(library: &mut Library, files: &[PathBuf], json: bool) -> anyhow::Result<()> {
    let report = quire_api::works::import(library, files)?;
    match json {
        true => print_json(&report)?,
        false => emit(&print::works::import_report(&report))?,
    }
    none_failed(report.errors.len(), "file(s) could not be imported")
}

fn export(
    library: &mut Library,
    ids: &[i64],
    format: Interchange,
    out: &Path,
) -> anyhow::Result<()> {
    quire_api::works::export(library, ids, format.into(), out)?;
    let n = ids.len();
    emit(&format!("Wrote {n} work(s) to {}.\n", out.display()))
}

fn cited_where(library: &mut Library, query: &str, json: bool) -> anyhow::Result<()> {
    let works = quire_api::search::works_cited_where(library, query)?;
    if json {
        return print_json(&works);
    }
    emit(&print::works::cited(&works))
}

/// `quire format`: a list, a document's references or a CSL-JSON file in a style.
pub fn format(ctx: &Context, a: FormatArgs) -> anyhow::Result<()> {
    let input = input(&a)?;
    // Formatting a CSL-JSON file with a bundled style needs no library.
    let mut library = match (&input, open_library(ctx)) {
        (Input::File(_), Err(_)) => None,
        (_, library) => Some(library?),
    };
    let out = quire_api::format::format(library.as_mut(), input, &a.style, a.format.into())?;
    emit(&out)
}

/// What `quire format` formats: the one of --csl-json, --doc, --list given.
fn input(a: &FormatArgs) -> anyhow::Result<Input> {
    Ok(match (&a.csl_json, a.doc, &a.list) {
        (Some(path), _, _) => Input::File(read_works(path)?),
        (None, Some(id), _) => Input::Document(id),
        (None, None, Some(name)) => Input::List(name.clone()),
        (None, None, None) => anyhow::bail!("give one of --csl-json FILE, --doc ID or --list NAME"),
    })
}

impl From<OutputFormat> for wire::ListExportFormat {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Text => Self::Text,
            OutputFormat::Html => Self::Html,
            OutputFormat::Markdown => Self::Markdown,
            OutputFormat::Bibtex => Self::Bibtex,
            OutputFormat::Ris => Self::Ris,
            OutputFormat::CslJson => Self::CslJson,
        }
    }
}
