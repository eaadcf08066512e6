//! Rendering hostile Markdown: the nesting that took 37 s (50,000 `>`) and
//! over a minute (50,000 `- `, 100,000 `<div>`) before nesting was capped,
//! beside an ordinary essay-sized document for scale.

use criterion::{criterion_group, criterion_main, Criterion};
use quire_engine::render::markdown_to_safe_html;

fn hostile(c: &mut Criterion) {
    let cases = [
        ("quotes_50k", ">".repeat(50_000) + " deep\n"),
        ("dashes_50k", "- ".repeat(50_000) + "deep\n"),
        ("divs_100k", "<div>".repeat(100_000) + "deep\n"),
        (
            "essay_100k",
            "## Heading\n\nA paragraph with *emphasis*, a [link](https://example.org) and (Smith, 2010).\n\n> A quote\n\n- a\n  - b\n\n"
                .repeat(1_000),
        ),
    ];
    let mut group = c.benchmark_group("render_markdown");
    group.sample_size(10);
    for (name, md) in &cases {
        group.bench_function(*name, |b| b.iter(|| markdown_to_safe_html(md)));
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
