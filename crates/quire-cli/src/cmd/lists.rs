//! `quire lists` and `quire list create|delete|show|add|add-doc|move|update|remove|style|export`:
//! reference and reading lists, each action one `quire_api::lists` call.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use quire_api::lists::Place;
use quire_api::wire;
use quire_engine::Library;

use super::library::open_library;
use super::{emit, print_json, Context};
use crate::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum Purpose {
    Reading,
    Reference,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Importance {
    Essential,
    Recommended,
    Further,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Html,
    Markdown,
    Text,
    Bibtex,
    Ris,
    CslJson,
}

#[derive(Subcommand)]
pub enum ListAction {
    /// Create a reference or reading list.
    Create {
        name: String,
        #[arg(long, value_enum, default_value = "reading")]
        purpose: Purpose,
    },
    /// Delete a list (its works stay in the library).
    Delete { name: String },
    /// Show a list formatted in its style, or as stored with --json.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Add works to a list.
    Add(AddArgs),
    /// Add the works a document's reference list cites.
    AddDoc { name: String, document: i64 },
    /// Move a work to INDEX (0-based) within --section (default: the unsectioned items).
    Move(MoveArgs),
    /// Set (or, left out, clear) a work's importance and note in a list.
    Update(UpdateArgs),
    /// Take a work out of a list.
    Remove { name: String, work_id: i64 },
    /// Set a list's citation style: a bundled or imported style's name
    /// (see `quire styles`) or a `.csl` file.
    Style { name: String, style: String },
    /// Write a list to a file, formatted in its style or as works.
    Export {
        name: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

// `quire list add NAME WORK_IDS… [--section] [--importance] [--note]`.
#[derive(clap::Args)]
pub struct AddArgs {
    name: String,
    #[arg(required = true)]
    work_ids: Vec<i64>,
    #[arg(long)]
    section: Option<String>,
    #[arg(long, value_enum)]
    importance: Option<Importance>,
    #[arg(long)]
    note: Option<String>,
}

// `quire list move NAME WORK_ID INDEX [--section]`.
#[derive(clap::Args)]
pub struct MoveArgs {
    name: String,
    work_id: i64,
    index: usize,
    #[arg(long)]
    section: Option<String>,
}

// `quire list update NAME WORK_ID [--importance] [--note]`.
#[derive(clap::Args)]
pub struct UpdateArgs {
    name: String,
    work_id: i64,
    #[arg(long, value_enum)]
    importance: Option<Importance>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(clap::Args)]
pub struct ListsArgs {
    #[arg(long)]
    pub json: bool,
}

/// `quire lists`: every list with its purpose, style and size.
pub fn lists(ctx: &Context, a: ListsArgs) -> anyhow::Result<()> {
    let lists = quire_api::lists::all(&open_library(ctx)?)?;
    if a.json {
        return print_json(&lists);
    }
    emit(&print::lists::lists(&lists))
}

/// `quire list ACTION`: one function per action.
pub fn list_action(ctx: &Context, action: ListAction) -> anyhow::Result<()> {
    let library = &mut open_library(ctx)?;
    match action {
        ListAction::Create { name, purpose } => create(library, &name, purpose),
        ListAction::Delete { name } => delete(library, &name),
        ListAction::Show { name, json } => show(library, &name, json),
        ListAction::Add(a) => add(library, a),
        ListAction::AddDoc { name, document } => add_doc(library, &name, document),
        ListAction::Move(a) => move_item(library, a),
        ListAction::Update(a) => update(library, a),
        ListAction::Remove { name, work_id } => remove(library, &name, work_id),
        ListAction::Style { name, style } => set_style(library, &name, &style),
        ListAction::Export { name, format, out } => export(library, &name, format, &out),
    }
}

fn create(library: &mut Library, name: &str, purpose: Purpose) -> anyhow::Result<()> {
    let list = quire_api::lists::create(library, name, purpose.name())?;
    emit(&print::lists::created(&list))
}

fn delete(library: &mut Library, name: &str) -> anyhow::Result<()> {
    quire_api::lists::delete(library, name)?;
    emit(&format!("Deleted list `{name}`.\n"))
}

fn show(library: &mut Library, name: &str, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&quire_api::lists::view(library, name)?);
    }
    let shown = quire_api::lists::show(library, name)?.run()?;
    emit(&print::lists::show(&shown))
}

fn add(library: &mut Library, a: AddArgs) -> anyhow::Result<()> {
    let place = Place {
        section: a.section,
        importance: a.importance.map(|i| i.name().into()),
        note: a.note,
    };
    quire_api::lists::add(library, &a.name, &a.work_ids, &place)?;
    emit(&format!(
        "Added {} work(s) to `{}`.\n",
        a.work_ids.len(),
        a.name
    ))
}

fn add_doc(library: &mut Library, name: &str, document: i64) -> anyhow::Result<()> {
    let n = quire_api::lists::add_document(library, name, document)?;
    emit(&format!(
        "Added {n} work(s) cited by document {document} to `{name}`.\n"
    ))
}

fn move_item(library: &mut Library, a: MoveArgs) -> anyhow::Result<()> {
    let section = a.section.as_deref();
    quire_api::lists::move_item(library, &a.name, a.work_id, section, a.index)?;
    emit(&format!(
        "Moved work {} to place {} in `{}`.\n",
        a.work_id,
        a.index + 1,
        a.name
    ))
}

fn update(library: &mut Library, a: UpdateArgs) -> anyhow::Result<()> {
    let importance = a.importance.map(Importance::name);
    quire_api::lists::update_item(library, &a.name, a.work_id, importance, a.note.as_deref())?;
    emit(&format!("Updated work {} in `{}`.\n", a.work_id, a.name))
}

fn remove(library: &mut Library, name: &str, work_id: i64) -> anyhow::Result<()> {
    quire_api::lists::remove(library, name, work_id)?;
    emit(&format!("Removed work {work_id} from `{name}`.\n"))
}

fn set_style(library: &mut Library, name: &str, style: &str) -> anyhow::Result<()> {
    let list = quire_api::lists::set_style(library, name, style)?;
    let loaded = quire_api::styles::load(library, Some(&list.style))?;
    emit(&print::lists::style_set(&list, loaded.title()))
}

fn export(
    library: &mut Library,
    name: &str,
    format: ExportFormat,
    out: &Path,
) -> anyhow::Result<()> {
    quire_api::lists::export(library, name, format.into(), out.to_path_buf())?.run()?;
    emit(&format!("Wrote `{name}` to {}.\n", out.display()))
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Reading => "reading",
            Purpose::Reference => "reference",
        }
    }
}

impl Importance {
    fn name(self) -> &'static str {
        match self {
            Importance::Essential => "essential",
            Importance::Recommended => "recommended",
            Importance::Further => "further",
        }
    }
}

impl From<ExportFormat> for wire::ListExportFormat {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Html => Self::Html,
            ExportFormat::Markdown => Self::Markdown,
            ExportFormat::Text => Self::Text,
            ExportFormat::Bibtex => Self::Bibtex,
            ExportFormat::Ris => Self::Ris,
            ExportFormat::CslJson => Self::CslJson,
        }
    }
}
