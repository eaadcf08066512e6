//! `quire bench search|format`: the search benchmark against SQLite FTS5,
//! and the citation processor's engine build and bibliography times. A
//! benchmark prints figures; it never asserts them.

use std::path::Path;

use quire_csl::CslItem;

use super::library::open_library;
use super::{emit, read_works, Context};
use crate::print;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// What to measure: `search`, or `format` (the citation processor).
    pub what: String,
    /// For `format`: the works to format (CSL-JSON, BibTeX or RIS); default the library's.
    #[arg(long, value_name = "FILE")]
    pub works: Option<std::path::PathBuf>,
    /// For `format`: styles to measure (default: every bundled style).
    #[arg(long = "style", value_name = "STYLE")]
    pub styles: Vec<String>,
    /// For `format`: bibliography sizes to time.
    #[arg(long = "size", value_name = "N", default_values_t = [50usize, 2000])]
    pub sizes: Vec<usize>,
}

pub fn bench(ctx: &Context, a: BenchArgs) -> anyhow::Result<()> {
    match a.what.as_str() {
        "format" => format(ctx, &a),
        "search" => search(),
        other => anyhow::bail!(
            "unknown benchmark {other:?}; try `quire bench search` or `quire bench format`"
        ),
    }
}

/// The synthetic library's import and query latencies, tantivy against SQLite FTS5.
fn search() -> anyhow::Result<()> {
    let mut progress = |step: &str| eprintln!("{step}…");
    let report = quire_bench::run(quire_bench::Config::default(), &mut progress)?;
    emit(&print::bench::search(&report))
}

/// Engine build and bibliography times per style, cold and warm, each
/// style's line printed as soon as it is measured.
fn format(ctx: &Context, a: &BenchArgs) -> anyhow::Result<()> {
    let base = works(ctx, a.works.as_deref())?;
    anyhow::ensure!(!base.is_empty(), "no works to format: give --works FILE");
    emit(&print::bench::format_header(&a.sizes, base.len()))?;
    for style in styles(&a.styles) {
        eprintln!("{style}…");
        let times = quire_format::bench::run(&base, &style, &a.sizes)?;
        emit(&print::bench::format_times(&times))?;
    }
    Ok(())
}

/// The works to format: a file's, or the library's.
fn works(ctx: &Context, file: Option<&Path>) -> anyhow::Result<Vec<CslItem>> {
    match file {
        Some(path) => read_works(path),
        None => Ok(open_library(ctx)?
            .works()?
            .into_iter()
            .map(|w| w.csl)
            .collect()),
    }
}

/// The styles asked for, or every bundled style.
fn styles(asked: &[String]) -> Vec<String> {
    match asked.is_empty() {
        true => quire_format::BUNDLED_STYLES
            .iter()
            .map(|s| s.to_string())
            .collect(),
        false => asked.to_vec(),
    }
}
