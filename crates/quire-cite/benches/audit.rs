//! Parse + audit of the whole seed corpus: the four competition essays
//! against their reference lists, and citation extraction over the other
//! seed documents. Target: well under 100 ms in a release build.
//!
//! Then the cliff of issue 8: essays of 100–800 KB dense with narrative
//! citations ("Gupta (2015) argues …"), which took 2.6 s to 124 s when each
//! citation re-read the whole text before it. Target: 800 KB in under 1 s.
//! Measured after the fix (release, on a shared 2-core machine at load
//! average ~20, so wall times are inflated): 94 / 225 / 394 / 894 ms at
//! 100 / 200 / 400 / 800 KB, about 0.9 MiB/s at every size: linear.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use quire_cite::audit;

fn seed_corpus(c: &mut Criterion) {
    let essays = support::seed_essays();
    let others: Vec<String> = [
        "the-value-of-social-work-blog.txt",
        "social-work-as-a-resource.txt",
        "becoming-a-critical-practitioner.txt",
        "social-work-forum-community-care.txt",
    ]
    .iter()
    .map(|f| {
        std::fs::read_to_string(support::repo_path(&format!("assets/sample/{f}")))
            .expect("sample file")
    })
    .collect();
    c.bench_function("parse + audit the seed corpus", |b| {
        b.iter(|| {
            let mut issues = 0;
            for e in &essays {
                issues += audit(&e.body, &e.references).issues.len();
            }
            for text in &others {
                issues += audit(text, &[]).issues.len();
            }
            issues
        })
    });
}

/// An essay of about `bytes` bytes: paragraphs of narrative and
/// parenthetical citations, as a long dissertation has.
fn dense_essay(bytes: usize) -> String {
    const NAMES: [&str; 8] = [
        "Gupta",
        "Featherstone",
        "Krumer-Nevo",
        "van Spijker",
        "O'Leary",
        "Munro",
        "Ruch",
        "Lishman",
    ];
    let mut body = String::with_capacity(bytes + 512);
    let mut i = 0usize;
    while body.len() < bytes {
        let a = NAMES[i % NAMES.len()];
        let b = NAMES[(i / 8) % NAMES.len()];
        let year = 1990 + i % 35;
        body.push_str(&format!(
            "{a} ({year}) argues that poverty shapes practice, and {a} and {b} ({year}, p. {}) agree. \
             Trust grows slowly (Ferguson et al., {year}; {b}, {}). ",
            i % 2000,
            year.saturating_sub(1)
        ));
        if i % 5 == 4 {
            body.push_str("\n\n");
        }
        i += 1;
    }
    body
}

fn dense_essays(c: &mut Criterion) {
    let references =
        vec!["Gupta, A. (2015) 'Title', *Journal of Social Work*, 1(2), pp. 3-4.".to_string()];
    let mut group = c.benchmark_group("audit an essay dense with narrative citations");
    group.sample_size(10);
    for kb in [100usize, 200, 400, 800] {
        let body = dense_essay(kb * 1024);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb} KB")),
            &body,
            |b, body| b.iter(|| audit(body, &references).citations.len()),
        );
    }
    group.finish();
}

criterion_group!(benches, seed_corpus, dense_essays);
criterion_main!(benches);
