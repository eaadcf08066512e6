//! Hostile queries against the seed library: what a query past the bounds
//! costs. Before the bounds, 3,000 `(` aborted the process (stack
//! overflow); now each is cut before parsing and answered like a short
//! query. Ordinary queries are measured alongside for scale.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use quire_search::Query;

fn hostile(c: &mut Criterion) {
    let (_dir, index) = support::library();
    let cases = [
        ("word: poverty", "poverty".to_string()),
        ("fuzzy: Beresfrod", "Beresfrod".to_string()),
        ("hyphen: poverty-aware", "poverty-aware".to_string()),
        (
            "3,000 (",
            format!("{}poverty{}", "(".repeat(3_000), ")".repeat(3_000)),
        ),
        ("100,000 (", "(".repeat(100_000)),
        ("3,000 NOT", format!("{}poverty", "NOT ".repeat(3_000))),
        (
            "100 KB of words",
            "poverty relationships ".repeat(100 * 1024 / 22),
        ),
        (
            "100 KB phrase",
            format!("\"{}\"", "use of self ".repeat(100 * 1024 / 12)),
        ),
        ("100 KB word", "x".repeat(100 * 1024)),
    ];
    let mut group = c.benchmark_group("search");
    for (name, text) in &cases {
        let query = Query::new(text);
        group.bench_function(*name, |b| b.iter(|| index.search(&query).unwrap().total));
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
