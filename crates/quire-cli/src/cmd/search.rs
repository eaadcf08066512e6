//! `quire search`, `themes`, `theme`, `reindex`, `bench`. (Owner: search work.)
//!
//! With `--json` the output is the contract of issue 4; without it, a short
//! report for a person.
//!
//! A hit's `snippet` is plain text (never HTML: no tags, no entities) and
//! `highlights` lists the matched words in it as `[start, end]` pairs:
//! half-open offsets counted in Unicode scalar values (Rust `char`s; in
//! JavaScript, code points, so index `[...snippet]`, not `snippet`), in
//! order and not overlapping. For example
//! `{"snippet": "Poverty-aware practice", "highlights": [[0, 7], [8, 13]]}`.
//! The same shape is in `quire theme show --json` and the app's payloads.

use std::collections::BTreeMap;

use anyhow::bail;
use clap::{Args, Subcommand, ValueEnum};
use quire_engine::search::{FacetCount, SearchQuery, SearchResults};
use quire_search::bench;
use serde::Serialize;

use super::library::open_library;
use super::{print_json, Context};

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
    /// Save a theme: a named query. A query the search could not use as
    /// written (too long, too deeply nested, or with parts it would leave
    /// out) is refused.
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

/// The `quire search --json` contract: exactly these keys.
#[derive(Serialize)]
struct SearchJson {
    total: usize,
    ignored: Vec<String>,
    hits: Vec<HitJson>,
    facets: BTreeMap<&'static str, Vec<FacetCount>>,
}

#[derive(Serialize)]
struct HitJson {
    doc: i64,
    title: String,
    author: Option<String>,
    kind: String,
    paragraph: Option<usize>,
    score: f32,
    /// Plain text of the passage that matched.
    snippet: String,
    /// Matched words in `snippet`: `[start, end)` in chars (see the module
    /// comment).
    highlights: Vec<(usize, usize)>,
}

pub fn search(ctx: &Context, a: SearchArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let mut query = SearchQuery::new(&a.query);
    query.limit = a.limit;
    query.kind = a.kind.map(|k| match k {
        KindArg::Essay => "essay".to_string(),
        KindArg::Source => "source".to_string(),
    });
    let results = library.search(&query)?;
    if a.json {
        return print_json(&contract(results, a.facets));
    }
    for note in &results.ignored {
        eprintln!("ignored: {note}");
    }
    for s in &results.similar {
        eprintln!("similar spelling: {s}");
    }
    println!("{} matching document(s)", results.total);
    for h in &results.hits {
        let at = h
            .paragraph
            .map_or("details".to_string(), |p| format!("¶{}", p + 1));
        let author = h
            .author
            .as_deref()
            .map(|a| format!(" — {a}"))
            .unwrap_or_default();
        let head = format!("[{}] {}{} ({}, {at})", h.doc, h.title, author, h.kind);
        println!("\n{}", crate::terminal::safe(&head));
        println!("    {}", marked(&h.snippet, &h.highlights));
    }
    if a.facets {
        for (name, counts) in facet_map(&results) {
            let list: Vec<String> = counts
                .iter()
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect();
            println!("\n{name}: {}", list.join(", "));
        }
    }
    Ok(())
}

fn contract(r: SearchResults, facets: bool) -> SearchJson {
    SearchJson {
        total: r.total,
        ignored: r.ignored.clone(),
        facets: if facets {
            facet_map(&r)
        } else {
            BTreeMap::new()
        },
        hits: r
            .hits
            .into_iter()
            .map(|h| HitJson {
                doc: h.doc,
                title: h.title,
                author: h.author,
                kind: h.kind,
                paragraph: h.paragraph,
                score: h.score,
                snippet: h.snippet,
                highlights: h.highlights,
            })
            .collect(),
    }
}

fn facet_map(r: &SearchResults) -> BTreeMap<&'static str, Vec<FacetCount>> {
    let f = &r.facets;
    BTreeMap::from([
        ("kind", f.kind.clone()),
        ("collection", f.collection.clone()),
        ("affiliation", f.affiliation.clone()),
        ("year", f.year.clone()),
    ])
}

/// A snippet for the terminal: matches in `*stars*`, escape sequences and
/// control characters a document may hold left out.
fn marked(snippet: &str, highlights: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(snippet.len() + 2 * highlights.len());
    let mut spans = highlights.iter().peekable();
    let mut open = None;
    for (i, c) in snippet.chars().enumerate() {
        if open == Some(i) {
            out.push('*');
            open = None;
        }
        if let Some(&&(start, end)) = spans.peek() {
            if start == i {
                out.push('*');
                open = Some(end);
                spans.next();
            }
        }
        out.push(c);
    }
    if open.is_some() {
        out.push('*');
    }
    crate::terminal::safe(&out).into_owned()
}

pub fn themes(ctx: &Context, a: ThemesArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let themes = library.themes()?;
    if a.json {
        return print_json(&themes);
    }
    for t in &themes {
        if let Some(error) = &t.error {
            println!("{:<30} cannot be used: {error}", t.theme.name);
            continue;
        }
        println!(
            "{:<30} {:>3} documents {:>4} paragraphs  {}  {}",
            t.theme.name, t.documents, t.paragraphs, t.theme.colour, t.theme.query
        );
    }
    let suggested = library.suggested_themes(10)?;
    if !suggested.is_empty() {
        let words: Vec<&str> = suggested.iter().map(|k| k.term.as_str()).collect();
        println!("\nsuggested: {}", words.join(", "));
    }
    Ok(())
}

pub fn theme(ctx: &Context, a: ThemeArgs) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    match a.action {
        ThemeAction::Add { name, query } => {
            let theme = library.add_theme(&name, &query, None)?;
            println!(
                "saved theme {:?}: {} ({})",
                theme.name, theme.query, theme.colour
            );
        }
        ThemeAction::Show { name, json } => {
            let report = library.theme(&name)?;
            if json {
                return print_json(&report);
            }
            println!("{} — {}", report.theme.name, report.theme.query);
            for note in &report.ignored {
                eprintln!("ignored: {note}");
            }
            for d in &report.documents {
                let author = d
                    .author
                    .as_deref()
                    .map(|a| format!(" — {a}"))
                    .unwrap_or_default();
                println!(
                    "\n[{}] {}{}: {} paragraph(s)",
                    d.doc,
                    d.title,
                    author,
                    d.paragraphs.len()
                );
                for p in &d.paragraphs {
                    let at = p.paragraph.map_or(0, |i| i + 1);
                    println!("    ¶{at}: {}", marked(&p.snippet, &p.highlights));
                }
            }
            if !report.works.is_empty() {
                println!("\nworks cited by these paragraphs:");
                for w in &report.works {
                    println!("  {:>3}× {}", w.paragraphs, w.work);
                }
            }
        }
    }
    Ok(())
}

pub fn reindex(ctx: &Context) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    let n = library.reindex()?;
    println!("indexed {n} document(s)");
    Ok(())
}

pub fn bench(ctx: &Context, a: BenchArgs) -> anyhow::Result<()> {
    if a.what == "format" {
        return super::works::bench_format(ctx, &a);
    }
    if a.what != "search" {
        bail!(
            "unknown benchmark {:?}; try `quire bench search` or `quire bench format`",
            a.what
        );
    }
    let report = bench::run(bench::Config::default(), &mut |step| eprintln!("{step}…"))?;
    println!(
        "synthetic library: {} essays, {} paragraphs, {} words",
        report.essays, report.paragraphs, report.words
    );
    println!(
        "import: tantivy {:.1} s, FTS5 {:.1} s",
        report.tantivy_import.0, report.fts5_import.0
    );
    println!(
        "\n{:<8} {:<8} {:>9} {:>9} {:>10}",
        "query", "engine", "p50 ms", "p99 ms", "mean docs"
    );
    for l in &report.latencies {
        println!(
            "{:<8} {:<8} {:>9.2} {:>9.2} {:>10.1}",
            l.query, l.engine, l.p50_ms, l.p99_ms, l.mean_total
        );
    }
    Ok(())
}
