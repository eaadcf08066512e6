//! Benchmark figures for a person: the search benchmark's report, and one
//! line per style for the citation processor's.

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
}
