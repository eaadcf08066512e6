//! `quire bench insights`: the library insights (`quire_api::insights`) on a
//! synthetic library of essays with reference lists and citations.
//!
//! The library is built in a temporary folder through the engine's ordinary
//! import: competition files of `essays_per_file` essays (100 by default),
//! each given to [`Library::import_bytes`] as a dropped file would be
//! (split into essays, references parsed, citations audited, near-duplicate
//! sketches, the search index), then [`Library::link_works`] links the
//! reference entries to works, as the first works or insights view does.
//! How the files are made is in [`synthetic`]. Each file is one write and
//! one index commit, and so (at the time of writing) two more index
//! segments: fewer essays per file means a slower import and slower index
//! queries, the theme heat map's among them.
//!
//! Each call is then timed on a library opened afresh (its first call, a
//! fresh SQLite connection and index reader, the operating system's file
//! cache still warm: "cold"), and again `runs` times ("warm": the minimum
//! and median are reported). The parts of the library insights are timed
//! on their own too, so a slow whole can be traced to its part. A
//! benchmark prints figures; it never asserts them.

pub(crate) mod synthetic;

use std::path::Path;
use std::time::{Duration, Instant};

use quire_api::wire;
use quire_engine::{DocFilter, Library};
use serde::Serialize;

use crate::{Error, Result, Seconds};
use synthetic::{Generator, COMPETITIONS};

/// Most-cited works asked for, as the insights page does.
const TOP: usize = 25;
/// Network nodes the app draws at most.
const MAX_NODES: usize = 2000;

/// Size of the synthetic library and how often each call is timed.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub essays: usize,
    /// Distinct works the reference lists draw from.
    pub works: usize,
    pub essays_per_file: usize,
    /// Warm runs of each call, after the cold one.
    pub runs: usize,
    pub seed: u64,
}

impl Config {
    /// `essays` essays citing a pool of 3 works per 10 essays (between 40
    /// and 3,000).
    pub fn with_essays(essays: usize) -> Config {
        Config {
            essays,
            works: (essays * 3 / 10).clamp(40, 3000),
            essays_per_file: 100,
            runs: 5,
            seed: 2020,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config::with_essays(10_000)
    }
}

/// What was built and measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub library: Built,
    /// The whole library's insights, as the insights page gets them.
    pub sizes: Sizes,
    /// The same for the collection timed.
    pub collection: Sizes,
    pub collection_title: String,
    /// The network cut to [`MAX_NODES`]: nodes and edges drawn.
    /// Essays citing each of the most-cited works, most first: how skewed
    /// the popularity came out.
    pub most_cited: Vec<usize>,
    pub network_nodes: usize,
    pub network_edges: usize,
    /// The essay timed, its references and in-text citations.
    pub essay: i64,
    pub essay_references: usize,
    pub essay_citations: usize,
    pub timings: Vec<Timing>,
}

/// The synthetic library and what it took to build.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    pub files: usize,
    /// Essays generated, and documents the import stored from them.
    pub essays: usize,
    pub documents: usize,
    /// Reference-list entries and in-text citations written.
    pub references: usize,
    pub citations: usize,
    /// Distinct works in the pool the entries were drawn from.
    pub pool: usize,
    pub collections: usize,
    pub generate: Seconds,
    pub import: Seconds,
    /// Linking every entry to its work ([`Library::link_works`]).
    pub link: Seconds,
    /// Import warnings and failed files (none expected).
    pub problems: Vec<String>,
}

/// The size of one scope's insights.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Sizes {
    pub essays: usize,
    pub works: usize,
    /// Essay–work links: the full network's edges.
    pub edges: usize,
    pub themes: usize,
    /// Heat-map columns (every document of the scope).
    pub documents: usize,
    /// Essays with a reference-age box.
    pub ages: usize,
    /// The insights as the JSON the app receives, in bytes.
    pub json_bytes: usize,
}

/// One call's times in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub call: String,
    /// A part of the library insights, timed alone to see where time goes.
    pub part: bool,
    pub cold_ms: f64,
    pub min_ms: f64,
    pub median_ms: f64,
    pub runs: usize,
}

/// Build the library in a temporary folder and time the insights calls.
pub fn run(config: Config, progress: &mut dyn FnMut(&str)) -> Result<Report> {
    let tmp = tempfile::tempdir().map_err(|source| Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let dir = tmp.path().join("library");
    let library = build(&dir, config, progress)?;
    time_calls(&dir, config, library, progress)
}

/// Generate the competition files one at a time and import each.
fn build(dir: &Path, config: Config, progress: &mut dyn FnMut(&str)) -> Result<Built> {
    progress(&format!(
        "building a library of {} essays citing {} works in {}",
        config.essays,
        config.works,
        dir.display()
    ));
    let mut library = Library::open(dir)?;
    let mut generator = Generator::new(config.seed, config.works);
    let mut built = Built {
        files: 0,
        essays: 0,
        documents: 0,
        references: 0,
        citations: 0,
        pool: generator.pool_size(),
        collections: COMPETITIONS.len(),
        generate: Seconds(0.0),
        import: Seconds(0.0),
        link: Seconds(0.0),
        problems: Vec::new(),
    };
    let per_file = config.essays_per_file.max(1);
    let mut reported = Instant::now();
    let started = Instant::now();
    for (c, share) in shares(config.essays).into_iter().enumerate() {
        let mut left = share;
        while left > 0 {
            let n = left.min(per_file);
            left -= n;
            let start = Instant::now();
            let file = generator.file(c, built.files, n);
            built.generate.0 += start.elapsed().as_secs_f64();
            let start = Instant::now();
            match library.import_bytes(&file.name, file.text.as_bytes(), None) {
                Ok(docs) => built.documents += docs.len(),
                Err(e) => built.problems.push(format!("{}: {e}", file.name)),
            }
            built.import.0 += start.elapsed().as_secs_f64();
            built.files += 1;
            built.essays += file.essays;
            built.references += file.references;
            built.citations += file.citations;
            if reported.elapsed() > Duration::from_secs(10) {
                reported = Instant::now();
                progress(&format!(
                    "imported {} of {} essays ({:.0} s)",
                    built.essays,
                    config.essays,
                    started.elapsed().as_secs_f64()
                ));
            }
        }
    }
    if built.documents != built.essays {
        built.problems.push(format!(
            "{} essays were imported as {} documents",
            built.essays, built.documents
        ));
    }
    progress(&format!(
        "imported {} essays in {:.1} s; linking works",
        built.essays, built.import.0
    ));
    let start = Instant::now();
    library.link_works()?;
    built.link = Seconds(start.elapsed().as_secs_f64());
    Ok(built)
}

/// Essays per competition, in the 3:4:3 split of [`COMPETITIONS`].
fn shares(essays: usize) -> Vec<usize> {
    let mut out: Vec<usize> = COMPETITIONS
        .iter()
        .map(|(_, _, tenths)| essays * tenths / 10)
        .collect();
    let given: usize = out.iter().sum();
    out[1] += essays - given;
    out
}

fn time_calls(
    dir: &Path,
    config: Config,
    built: Built,
    progress: &mut dyn FnMut(&str),
) -> Result<Report> {
    let mut timings = Vec::new();
    // The largest competition, named by its title as a person would.
    let collection_title = COMPETITIONS[1].1.to_string();
    let collection = Some(collection_title.as_str());

    progress("timing the library insights");
    let (t, whole) = time(dir, "library insights, whole library", config.runs, |lib| {
        quire_api::insights::library(lib, None, TOP)
    })?;
    timings.push(t);
    progress("timing one collection's insights");
    let (t, in_collection) = time(
        dir,
        "library insights, one collection",
        config.runs,
        |lib| quire_api::insights::library(lib, collection, TOP),
    )?;
    timings.push(t);
    progress("timing the network cut to 2,000 nodes");
    let filter = wire::NetworkFilter {
        from: None,
        to: None,
        max_nodes: Some(MAX_NODES),
    };
    let (t, network) = time(dir, "network, 2,000 nodes", config.runs, |lib| {
        quire_api::insights::network(lib, None, filter)
    })?;
    timings.push(t);

    // An essay from the middle of the library.
    let essay = {
        let library = Library::open(dir)?;
        let docs = library.documents(&DocFilter::default())?;
        docs.get(docs.len() / 2)
            .map(|d| d.summary.id)
            .ok_or_else(|| Error::Empty("the synthetic library has no documents".into()))?
    };
    progress("timing one essay's insights");
    let (t, one) = time(dir, "essay insights, one essay", config.runs, |lib| {
        quire_api::insights::essay(lib, essay)
    })?;
    timings.push(t);

    // The parts, each through its own use case. The network is not among
    // them: `insights::network` also lays the network out, which the
    // library insights do not; the network cut to 2,000 nodes is above.
    progress("timing the parts of the library insights");
    timings.push(part(dir, "most-cited works", config.runs, |lib| {
        quire_api::insights::most_cited(lib, None, TOP).map(drop)
    })?);
    timings.push(part(dir, "theme heat map", config.runs, |lib| {
        quire_api::insights::themes(lib, None).map(drop)
    })?);
    timings.push(part(dir, "reference ages", config.runs, |lib| {
        quire_api::insights::ages(lib, None).map(drop)
    })?);
    // What every call above but the heat map pays first: the check that
    // no reference entry waits to be linked.
    timings.push(part(
        dir,
        "check for entries to link",
        config.runs,
        |lib| lib.link_works().map(drop).map_err(Into::into),
    )?);
    // The heat map asks for as many suggested themes as it has rows.
    let rows = whole.themes.themes.len();
    timings.push(part(
        dir,
        "suggested themes of the heat map",
        config.runs,
        |lib| quire_api::search::suggested_themes(lib, rows).map(drop),
    )?);

    Ok(Report {
        library: built,
        sizes: sizes(&whole),
        collection: sizes(&in_collection),
        collection_title,
        most_cited: whole.most_cited.iter().map(|m| m.count).collect(),
        network_nodes: network.nodes.len(),
        network_edges: network.edges.len(),
        essay,
        essay_references: one.references,
        essay_citations: one.citations,
        timings,
    })
}

fn sizes(i: &wire::LibraryInsights) -> Sizes {
    Sizes {
        essays: i.essays,
        works: i.works,
        edges: i.network.edges.len() + i.network.hidden_edges,
        themes: i.themes.themes.len(),
        documents: i.themes.documents.len(),
        ages: i.ages.len(),
        json_bytes: serde_json::to_vec(i).map_or(0, |v| v.len()),
    }
}

/// Time `call` on the library opened afresh (cold), then `runs` times more
/// (warm); returns the times and the last result.
fn time<T>(
    dir: &Path,
    name: &str,
    runs: usize,
    mut call: impl FnMut(&mut Library) -> quire_api::ApiResult<T>,
) -> Result<(Timing, T)> {
    let mut library = Library::open(dir)?;
    let start = Instant::now();
    let mut last = call(&mut library)?;
    let cold = start.elapsed();
    let mut warm = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        last = call(&mut library)?;
        warm.push(start.elapsed());
    }
    warm.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let timing = Timing {
        call: name.to_string(),
        part: false,
        cold_ms: ms(cold),
        min_ms: warm.first().map_or(ms(cold), |&d| ms(d)),
        median_ms: warm.get(warm.len() / 2).map_or(ms(cold), |&d| ms(d)),
        runs,
    };
    Ok((timing, last))
}

/// [`time`] for a part of the library insights.
fn part(
    dir: &Path,
    name: &str,
    runs: usize,
    call: impl FnMut(&mut Library) -> quire_api::ApiResult<()>,
) -> Result<Timing> {
    let (mut t, ()) = time(dir, name, runs, call)?;
    t.part = true;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny run goes through every step: each generated essay is imported
    /// as one document with its whole reference list linked, and every call
    /// is timed.
    #[test]
    fn small_run_builds_the_library_and_times_every_call() {
        let config = Config {
            runs: 1,
            essays_per_file: 5,
            ..Config::with_essays(30)
        };
        let report = run(config, &mut |_| {}).unwrap();
        let built = &report.library;
        assert!(built.problems.is_empty(), "{:?}", built.problems);
        assert_eq!((built.essays, built.documents, built.files), (30, 30, 7));
        assert_eq!(report.sizes.essays, 30, "{report:?}");
        // Each entry of an essay is linked to a work of its own.
        assert_eq!(report.sizes.edges, built.references, "{report:?}");
        assert!(report.sizes.works > 10 && report.sizes.works <= built.pool);
        assert!(report.collection.essays == 12 && report.collection.edges > 0);
        assert!(report.sizes.themes > 0 && report.sizes.documents == 30);
        assert!(report.essay_references >= 10 && report.essay_citations > 0);
        assert!(report.most_cited.len() == TOP && report.most_cited[0] > 10);
        let calls: Vec<&str> = report.timings.iter().map(|t| t.call.as_str()).collect();
        assert_eq!(calls.len(), 9, "{calls:?}");
        assert!(report.timings.iter().all(|t| t.runs == 1 && t.min_ms > 0.0));
    }
}
