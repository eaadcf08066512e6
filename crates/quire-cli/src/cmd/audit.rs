//! `quire audit`, `quire parse-ref`. (Owner: citation engine work.)

use std::path::PathBuf;

use clap::Args;

use super::Context;

#[derive(Args)]
pub struct AuditArgs {
    /// A file to audit directly (every essay in it; nothing is imported).
    pub path: Option<PathBuf>,
    /// Audit a stored document instead.
    #[arg(long, conflicts_with = "path")]
    pub doc: Option<i64>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ParseRefArgs {
    /// A reference string, or `-` to read one reference per line from stdin.
    pub input: String,
    #[arg(long)]
    pub json: bool,
}

pub fn audit(_ctx: &Context, _a: AuditArgs) -> anyhow::Result<()> {
    anyhow::bail!("audit: not built yet")
}

pub fn parse_ref(_a: ParseRefArgs) -> anyhow::Result<()> {
    anyhow::bail!("parse-ref: not built yet")
}
