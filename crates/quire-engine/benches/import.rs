//! Import cost against library size: opening a library of 1,000 documents
//! (one of them a 5 MB text) and importing one new 2 KB file, as each
//! `quire import` does. Near-duplicate detection used to load every stored
//! document's shingles for this; with sketches in SQLite the cost should
//! not grow with the library.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use quire_engine::Library;

/// Deterministic text of `count` words from a 5,000-word vocabulary, a
/// different sequence for every `doc`, so documents share no 5-grams by chance.
fn words(doc: usize, count: usize) -> String {
    let mut state = (doc as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            format!("w{}", state % 5000)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn build(dir: &std::path::Path) {
    let mut library = Library::open(dir).expect("open");
    library
        .import_bytes("big.txt", words(0, 800_000).as_bytes(), None)
        .expect("big");
    for doc in 1..1000 {
        let name = format!("doc{doc}.txt");
        library
            .import_bytes(&name, words(doc, 300).as_bytes(), None)
            .expect("doc");
    }
}

fn import_into_large_library(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    build(dir.path());
    let mut next = 10_000;
    let mut group = c.benchmark_group("import");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("open + 2 KB file into 1,000 documents", |b| {
        b.iter_batched(
            || {
                next += 1;
                words(next, 300)
            },
            |text| {
                let mut library = Library::open(dir.path()).expect("open");
                library
                    .import_bytes("new.txt", text.as_bytes(), None)
                    .expect("import")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import_into_large_library);
criterion_main!(benches);
