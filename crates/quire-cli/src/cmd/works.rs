//! `quire works`, `quire list create|add|show`, `quire format`. (Owner: works and lists work.)

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::Context;

#[derive(Args)]
pub struct WorksArgs {
    #[arg(long)]
    pub json: bool,
}

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

#[derive(Subcommand)]
pub enum ListAction {
    /// Create a reference or reading list.
    Create {
        name: String,
        #[arg(long, value_enum, default_value = "reading")]
        purpose: Purpose,
    },
    /// Add works to a list.
    Add {
        name: String,
        #[arg(required = true)]
        work_ids: Vec<i64>,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, value_enum)]
        importance: Option<Importance>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show a list.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
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
    /// A bundled style name (e.g. `harvard-cite-them-right`, `apa`) or a `.csl` file.
    #[arg(long)]
    pub style: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

pub fn works(_ctx: &Context, _a: WorksArgs) -> anyhow::Result<()> {
    anyhow::bail!("works: not built yet")
}

pub fn list_action(_ctx: &Context, _a: ListAction) -> anyhow::Result<()> {
    anyhow::bail!("lists: not built yet")
}

pub fn format(_ctx: &Context, _a: FormatArgs) -> anyhow::Result<()> {
    anyhow::bail!("format: not built yet")
}
