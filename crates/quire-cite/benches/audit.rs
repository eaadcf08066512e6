//! Parse + audit of the whole seed corpus: the four competition essays
//! against their reference lists, and citation extraction over the other
//! seed documents. Target: well under 100 ms in a release build.

#[path = "../tests/support/mod.rs"]
mod support;

use criterion::{criterion_group, criterion_main, Criterion};
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

criterion_group!(benches, seed_corpus);
criterion_main!(benches);
