//! The works view over 20,000 works: the first page without and with search
//! words, warm (entries cached) and cold (a style never formatted before:
//! only the first page is formatted). Cold with search words matches
//! unformatted works on their fields; that single run is timed and printed.

use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use quire_csl::{CslItem, DateField, Name};
use quire_engine::{Library, WorksFilter};
use quire_format::Style;

const WORKS: usize = 20_000;
const PAGE: Option<usize> = Some(100);

/// Distinct works with realistic fields: no two share author, year and title.
fn works() -> Vec<CslItem> {
    const FAMILIES: [&str; 10] = [
        "Ferguson",
        "Ruch",
        "Wilkinson",
        "Krumer-Nevo",
        "O'Brien",
        "Smith",
        "Gupta",
        "Ingram",
        "van der Berg",
        "Nguyen",
    ];
    (0..WORKS)
        .map(|i| CslItem {
            kind: if i % 3 == 0 {
                "article-journal"
            } else {
                "book"
            }
            .into(),
            author: vec![Name::person(
                &format!("{}{}", FAMILIES[i % FAMILIES.len()], i / FAMILIES.len()),
                "A. B.",
            )],
            issued: Some(DateField::ymd(1950 + (i % 70) as i32, None, None)),
            title: Some(format!(
                "Relationship-based practice in social work, volume {i}"
            )),
            container_title: (i % 3 == 0).then(|| "Child & Family Social Work".to_string()),
            publisher: (i % 3 != 0).then(|| "Policy Press".to_string()),
            ..CslItem::default()
        })
        .collect()
}

fn view(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    library.import_works(&works()).unwrap();
    let style = Style::load("harvard-cite-them-right").unwrap();
    let all = WorksFilter::default();
    let words = WorksFilter {
        query: Some("ferguson volume".into()),
        ..WorksFilter::default()
    };
    // Cold with search words: one run, timed here; it formats the page.
    let start = std::time::Instant::now();
    assert_eq!(
        library.works_page(&words, &style, 0, PAGE).unwrap().total,
        WORKS / 10
    );
    eprintln!(
        "works_view_20k/search_words_cold (one run): {:?}",
        start.elapsed()
    );

    let mut group = c.benchmark_group("works_view_20k");
    group.sample_size(10);
    group.bench_function("first_page_warm", |b| {
        b.iter(|| library.works_page(&all, &style, 0, PAGE).unwrap())
    });
    group.bench_function("search_words_warm", |b| {
        b.iter(|| library.works_page(&words, &style, 0, PAGE).unwrap())
    });
    group.bench_function("last_page_warm", |b| {
        b.iter(|| library.works_page(&all, &style, WORKS - 100, PAGE).unwrap())
    });

    // A style file the cache has never seen: each copy is cold.
    let xml = include_str!("../../../assets/styles/apa.csl");
    let copies = AtomicUsize::new(0);
    let fresh_style = || {
        let path = dir.path().join(format!(
            "apa-{}.csl",
            copies.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, xml).unwrap();
        Style::load(path.to_str().unwrap()).unwrap()
    };
    group.bench_function("first_page_cold", |b| {
        b.iter_batched(
            fresh_style,
            |style| library.works_page(&all, &style, 0, PAGE).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, view);
criterion_main!(benches);
