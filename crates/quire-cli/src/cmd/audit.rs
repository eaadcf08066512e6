//! `quire audit`, `quire parse-ref`: the citation audit and the reference
//! parser on the command line. JSON output follows the CLI contract; the
//! plain report is worded so a marker can paste it into feedback.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use quire_api::wire::cli::AuditReport;
use quire_cite::parse_reference;
use quire_csl::CslItem;

use super::library::open_library;
use super::{emit, print_json, read_csl, Context};
use crate::print;

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

#[derive(Args)]
pub struct CorrectArgs {
    /// The stored document.
    pub doc: i64,
    /// The reference entry's position in its list (0-based).
    pub position: usize,
    /// The entry's right reading: one CSL-JSON item, in a file or `-` for stdin.
    pub csl_json: PathBuf,
    #[arg(long)]
    pub json: bool,
}

/// `quire audit`: a file's essays, or a stored document, audited.
pub fn audit(ctx: &Context, a: AuditArgs) -> anyhow::Result<()> {
    let essays = match (&a.path, a.doc) {
        (Some(path), _) => quire_api::audit::file(path)?,
        (None, Some(id)) => vec![quire_api::audit::report(&mut open_library(ctx)?, id)?],
        (None, None) => anyhow::bail!("give a file to audit, or --doc ID for a stored document"),
    };
    print_report(&AuditReport { essays }, a.json)
}

/// `quire correct-ref`: keeps a person's reading of one reference entry and
/// prints the audit redone with it.
pub fn correct(ctx: &Context, a: CorrectArgs) -> anyhow::Result<()> {
    let csl = read_csl(&a.csl_json)?;
    let mut library = open_library(ctx)?;
    let essays = vec![quire_api::audit::correct_report(
        &mut library,
        a.doc,
        a.position,
        &csl,
    )?];
    print_report(&AuditReport { essays }, a.json)
}

/// An audit report as JSON, or as the report a marker reads.
fn print_report(report: &AuditReport, json: bool) -> anyhow::Result<()> {
    match json {
        true => print_json(report),
        false => emit(&print::audit::report(report)),
    }
}

/// `quire parse-ref`: one reference, or one per line of stdin, parsed.
pub fn parse_ref(a: ParseRefArgs) -> anyhow::Result<()> {
    let entries = match a.input.as_str() {
        "-" => stdin_lines()?,
        _ => vec![a.input],
    };
    let items: Vec<CslItem> = entries.iter().map(|e| parse_reference(e)).collect();
    if a.json {
        return print_json(&items);
    }
    emit(&print::audit::items(&items))
}

/// The non-blank lines of stdin. Lossy: one badly encoded character should
/// not lose the whole list.
fn stdin_lines() -> anyhow::Result<Vec<String>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .context("reading references from stdin")?;
    let text = String::from_utf8_lossy(&bytes);
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    Ok(lines.map(str::to_string).collect())
}
