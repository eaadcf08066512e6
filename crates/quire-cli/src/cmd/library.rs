//! `quire import`, `quire list`, `quire show`. (Owner: foundation work.)

use std::path::PathBuf;

use clap::Args;

use super::Context;

#[derive(Args)]
pub struct ImportArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub collection: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
    /// `quire list create|add|show`: reference and reading lists (see `cmd::works`).
    #[command(subcommand)]
    pub action: Option<super::works::ListAction>,
}

#[derive(Args)]
pub struct ShowArgs {
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

pub fn import(_ctx: &Context, _a: ImportArgs) -> anyhow::Result<()> {
    anyhow::bail!("import: not built yet")
}

pub fn list(ctx: &Context, a: ListArgs) -> anyhow::Result<()> {
    if let Some(action) = a.action {
        return super::works::list_action(ctx, action);
    }
    anyhow::bail!("list: not built yet")
}

pub fn show(_ctx: &Context, _a: ShowArgs) -> anyhow::Result<()> {
    anyhow::bail!("show: not built yet")
}
