//! `quire bench search|insights|format`: the search benchmark against
//! SQLite FTS5, the library insights on a synthetic library, and the
//! citation processor's engine build and bibliography times. A benchmark
//! prints figures; it never asserts them.

use std::path::Path;

use quire_csl::CslItem;

use super::library::open_library;
use super::{emit, read_works, Context};
use crate::print;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// What to measure: `search`, `insights` (the library insights), or
    /// `format` (the citation processor).
    pub what: String,
    /// For `insights`: essays in the synthetic library.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub essays: usize,
    /// For `insights`: essays per imported file. Each file is one write
    /// and one index commit, so fewer per file makes more index segments.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub essays_per_file: usize,
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
        "insights" => insights(a.essays, a.essays_per_file),
        other => anyhow::bail!(
            "unknown benchmark {other:?}; try `quire bench search`, `quire bench insights` or `quire bench format`"
        ),
    }
}

/// The synthetic library's import and query latencies, tantivy against SQLite FTS5.
fn search() -> anyhow::Result<()> {
    let mut progress = |step: &str| eprintln!("{step}…");
    let report = quire_bench::run(quire_bench::Config::default(), &mut progress)?;
    emit(&print::bench::search(&report))
}

/// The library insights on a synthetic library of `essays` essays, built
/// in a temporary folder through the engine's import, `per_file` essays
/// to a file.
fn insights(essays: usize, per_file: usize) -> anyhow::Result<()> {
    anyhow::ensure!(
        essays > 0 && per_file > 0,
        "--essays and --essays-per-file must be at least 1"
    );
    let mut progress = |step: &str| eprintln!("{step}…");
    let config = quire_bench::insights::Config {
        essays_per_file: per_file,
        ..quire_bench::insights::Config::with_essays(essays)
    };
    let report = quire_bench::insights::run(config, &mut progress)?;
    emit(&print::bench::insights(&report))
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
