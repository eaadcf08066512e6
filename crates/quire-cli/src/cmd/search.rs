//! `quire search`, `themes`, `theme`, `reindex`, `bench`. (Owner: search work.)

use clap::{Args, Subcommand, ValueEnum};

use super::Context;

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Essay,
    Source,
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
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: ThemeAction,
}

#[derive(Subcommand)]
pub enum ThemeAction {
    /// Save a theme: a named query.
    Add { name: String, query: String },
    /// Show which documents, paragraphs and references a theme covers.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct BenchArgs {
    /// What to measure: `search`.
    pub what: String,
}

pub fn search(_ctx: &Context, _a: SearchArgs) -> anyhow::Result<()> {
    anyhow::bail!("search: not built yet")
}

pub fn themes(_ctx: &Context, _a: ThemesArgs) -> anyhow::Result<()> {
    anyhow::bail!("themes: not built yet")
}

pub fn theme(_ctx: &Context, _a: ThemeArgs) -> anyhow::Result<()> {
    anyhow::bail!("theme: not built yet")
}

pub fn reindex(_ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("reindex: not built yet")
}

pub fn bench(_ctx: &Context, _a: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("bench: not built yet")
}
