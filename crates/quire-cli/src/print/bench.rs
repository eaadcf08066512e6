//! Benchmark figures for a person: the search and insights benchmarks'
//! reports, and one line per style for the citation processor's.

use std::fmt::Write as _;
use std::time::Duration;

use quire_bench::Report;
use quire_format::bench::StyleTimes;

/// `quire bench search`: the synthetic library, import times, then each
/// query's latencies per engine.
pub fn search(report: &Report) -> String {
    let mut out = format!(
        "synthetic library: {} essays, {} paragraphs, {} words\n",
        report.essays, report.paragraphs, report.words
    );
    let _ = writeln!(
        out,
        "import: tantivy {:.1} s, FTS5 {:.1} s",
        report.tantivy_import.0, report.fts5_import.0
    );
    let _ = writeln!(
        out,
        "\n{:<8} {:<8} {:>9} {:>9} {:>10}",
        "query", "engine", "p50 ms", "p99 ms", "mean docs"
    );
    for l in &report.latencies {
        let _ = writeln!(
            out,
            "{:<8} {:<8} {:>9.2} {:>9.2} {:>10.1}",
            l.query, l.engine, l.p50_ms, l.p99_ms, l.mean_total
        );
    }
    out
}

/// `quire bench insights`: the synthetic library, how long it took to
/// build, the sizes of what the insights return, then each call's times.
pub fn insights(r: &quire_bench::insights::Report) -> String {
    let b = &r.library;
    let mut out = format!(
        "synthetic library: {} essays in {} collections ({} files), {} reference entries \
         drawn from {} works, {} in-text citations\n",
        b.essays, b.collections, b.files, b.references, b.pool, b.citations
    );
    let _ = writeln!(
        out,
        "built: generated {:.1} s, imported {:.1} s ({} documents), works linked {:.1} s",
        b.generate.0, b.import.0, b.documents, b.link.0
    );
    for p in &b.problems {
        let _ = writeln!(out, "problem: {p}");
    }
    let _ = writeln!(
        out,
        "\n{:<16} {:>7} {:>7} {:>8} {:>7} {:>9} {:>7} {:>8}",
        "scope", "essays", "works", "edges", "themes", "documents", "ages", "JSON MB"
    );
    for (scope, s) in [
        ("whole library", &r.sizes),
        ("one collection", &r.collection),
    ] {
        let _ = writeln!(
            out,
            "{:<16} {:>7} {:>7} {:>8} {:>7} {:>9} {:>7} {:>8.1}",
            scope,
            s.essays,
            s.works,
            s.edges,
            s.themes,
            s.documents,
            s.ages,
            s.json_bytes as f64 / 1e6
        );
    }
    let _ = writeln!(
        out,
        "collection: {}\nnetwork cut to 2,000 nodes: {} nodes, {} edges; essay #{}: {} references, {} citations",
        r.collection_title,
        r.network_nodes,
        r.network_edges,
        r.essay,
        r.essay_references,
        r.essay_citations
    );
    let nth = |n: usize| r.most_cited.get(n - 1).copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "essays citing the most-cited work: {}, the 10th: {}, the 25th: {}",
        nth(1),
        nth(10),
        nth(25)
    );
    let runs = r.timings.first().map_or(0, |t| t.runs);
    let _ = writeln!(
        out,
        "\n{:<36} {:>9} {:>9} {:>11}",
        format!("call (ms; warm = {runs} runs)"),
        "cold",
        "warm min",
        "warm median"
    );
    let mut parts = false;
    for t in &r.timings {
        if t.part && !parts {
            parts = true;
            let _ = writeln!(out, "parts of the library insights, each alone:");
        }
        let name = if t.part {
            format!("  {}", t.call)
        } else {
            t.call.clone()
        };
        let _ = writeln!(
            out,
            "{:<36} {:>9.1} {:>9.1} {:>11.1}",
            name, t.cold_ms, t.min_ms, t.median_ms
        );
    }
    out
}

/// `quire bench format`'s first line: how many works from how many given.
pub fn format_header(sizes: &[usize], base: usize) -> String {
    let most = sizes.iter().max().unwrap_or(&0);
    format!("{most} distinct works made from {base}\n")
}

/// One style's line: engine build, one work alone, and each size cold and warm.
pub fn format_times(t: &StyleTimes) -> String {
    let sizes: Vec<String> = t
        .sizes
        .iter()
        .map(|(n, cold, warm)| size_times(*n, *cold, *warm))
        .collect();
    format!(
        "{:<24} cold {:>6.2} s  one work {:>6.1} ms  {}\n",
        t.style,
        t.cold.as_secs_f64(),
        t.single.as_secs_f64() * 1000.0,
        sizes.join("  ")
    )
}

/// "50 works 0.12 s (again 8 ms)".
fn size_times(n: usize, cold: Duration, warm: Duration) -> String {
    format!(
        "{n} works {:.2} s (again {:.0} ms)",
        cold.as_secs_f64(),
        warm.as_secs_f64() * 1000.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_line_has_every_size() {
        let t = StyleTimes {
            style: "apa".into(),
            cold: Duration::from_millis(1500),
            sizes: vec![(50, Duration::from_millis(120), Duration::from_millis(8))],
            single: Duration::from_micros(2500),
        };
        assert_eq!(
            format_times(&t),
            format!(
                "{:<24} cold   1.50 s  one work    2.5 ms  50 works 0.12 s (again 8 ms)\n",
                "apa"
            )
        );
        assert_eq!(
            format_header(&[50, 2000], 12),
            "2000 distinct works made from 12\n"
        );
    }

    #[test]
    fn the_insights_table_has_every_call_and_marks_the_parts() {
        use quire_bench::insights::{Built, Report, Sizes, Timing};
        use quire_bench::Seconds;
        let timing = |call: &str, part: bool| Timing {
            call: call.into(),
            part,
            cold_ms: 480.0,
            min_ms: 450.5,
            median_ms: 460.34,
            runs: 5,
        };
        let report = Report {
            library: Built {
                files: 100,
                essays: 10_000,
                documents: 10_000,
                references: 150_000,
                citations: 260_000,
                pool: 3000,
                collections: 3,
                generate: Seconds(1.0),
                import: Seconds(52.0),
                link: Seconds(2.4),
                problems: vec!["2 essays were imported as 1 documents".into()],
            },
            sizes: Sizes::default(),
            collection: Sizes::default(),
            collection_title: "Working better together".into(),
            most_cited: vec![8000, 2500],
            network_nodes: 2000,
            network_edges: 15_000,
            essay: 5001,
            essay_references: 13,
            essay_citations: 24,
            timings: vec![
                timing("library insights, whole library", false),
                timing("theme heat map", true),
            ],
        };
        let out = insights(&report);
        assert!(
            out.contains("10000 essays in 3 collections (100 files)"),
            "{out}"
        );
        assert!(out.contains("problem: 2 essays were imported as 1 documents"));
        assert!(out.contains("most-cited work: 8000, the 10th: 0, the 25th: 0"));
        assert!(out.contains("call (ms; warm = 5 runs)"));
        assert!(out.contains(&format!(
            "{:<36} {:>9} {:>9} {:>11}\n",
            "library insights, whole library", "480.0", "450.5", "460.3"
        )));
        assert!(out.contains("each alone:\n  theme heat map "), "{out}");
    }
}
