//! Search and themes on the seed corpus, and index repair after a crash.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use quire_engine::search::{Hit, SearchQuery, SearchResults};
use quire_engine::{DocFilter, Library, Progress};
use quire_tests::{empty_library, seeded_library};

/// A hit's snippet with its highlights drawn as `<b>…</b>`.
fn marked(hit: &Hit) -> String {
    let chars: Vec<char> = hit.snippet.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in &hit.highlights {
        out.extend(&chars[at..start]);
        out.push_str("<b>");
        out.extend(&chars[start..end]);
        out.push_str("</b>");
        at = end;
    }
    out.extend(&chars[at..]);
    out
}

fn search(library: &Library, text: &str) -> SearchResults {
    library.search(&SearchQuery::new(text)).unwrap()
}

fn indexed_documents(library: &Library) -> usize {
    search(library, "").total
}

fn stored_documents(library: &Library) -> usize {
    library.documents(&DocFilter::default()).unwrap().len()
}

#[test]
fn seeds_are_indexed_on_import() {
    let (_dir, library) = seeded_library();
    assert!(stored_documents(&library) >= 8);
    assert_eq!(indexed_documents(&library), stored_documents(&library));
}

#[test]
fn stemming_matches_other_forms_of_a_word() {
    let (_dir, library) = seeded_library();
    let r = search(&library, "relationships");
    assert!(r.total >= 5, "{}", r.total);
    assert!(
        r.hits
            .iter()
            .any(|h| marked(h).contains("<b>relationship</b>")),
        "no hit shows the singular: {:#?}",
        r.hits
    );
}

#[test]
fn phrase_query_needs_the_words_together() {
    let (_dir, library) = seeded_library();
    let phrase = search(&library, r#""social media""#);
    let words = search(&library, "social media");
    assert!(phrase.total >= 1);
    assert!(phrase.total <= words.total);
    assert!(phrase
        .hits
        .iter()
        .any(|h| h.author.as_deref() == Some("Holly Clarke")));
    assert_eq!(search(&library, r#""media social services""#).total, 0);
}

#[test]
fn author_prefix_finds_one_essay() {
    let (_dir, library) = seeded_library();
    let r = search(&library, "author:Pitt");
    assert_eq!(r.total, 1, "{:#?}", r.hits);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].author.as_deref(), Some("Charlotte Pitt"));
    assert_eq!(r.hits[0].kind, "essay");
    // With a word, hits are her paragraphs that use it.
    let r = search(&library, "author:Pitt ecological");
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| h.paragraph.is_some()));
}

#[test]
fn cites_prefix_finds_the_essay_citing_krumer_nevo() {
    let (_dir, library) = seeded_library();
    let r = search(&library, "cites:Krumer-Nevo");
    assert_eq!(r.total, 1, "{:#?}", r.hits);
    assert_eq!(r.hits[0].author.as_deref(), Some("Verity Clarke"));
    assert!(marked(&r.hits[0]).contains("<b>Krumer</b>-<b>Nevo</b>"));
}

#[test]
fn misspelt_name_finds_beresford() {
    let (_dir, library) = seeded_library();
    let r = search(&library, "Beresfrod");
    assert!(r.total >= 1);
    assert!(
        marked(&r.hits[0]).contains("<b>Beresford</b>"),
        "{}",
        marked(&r.hits[0])
    );
    assert_eq!(r.similar, ["beresfrod → beresford"]);
}

#[test]
fn facets_count_documents_by_kind_and_affiliation() {
    let (_dir, library) = seeded_library();
    let r = search(&library, "relationship");
    let count = |facet: &[quire_engine::search::FacetCount], v: &str| {
        facet.iter().find(|f| f.value == v).map_or(0, |f| f.count)
    };
    assert_eq!(count(&r.facets.kind, "essay"), 4, "{:?}", r.facets.kind);
    assert!(count(&r.facets.kind, "source") >= 1);
    assert_eq!(count(&r.facets.affiliation, "University of Dundee"), 1);
    let total: usize = r.facets.kind.iter().map(|f| f.count).sum();
    assert_eq!(total, r.total);

    let mut q = SearchQuery::new("relationship");
    q.kind = Some("essay".into());
    let essays = library.search(&q).unwrap();
    assert_eq!(essays.total, 4);
    assert!(essays.hits.iter().all(|h| h.kind == "essay"));
}

#[test]
fn bad_syntax_returns_results_and_notes() {
    let (_dir, library) = seeded_library();
    let r = search(&library, r#""unclosed AND ("#);
    assert!(!r.ignored.is_empty());
    let r = search(&library, "poverty AND (");
    assert!(r.total >= 1);
    assert!(!r.ignored.is_empty(), "nothing reported as ignored");
    for text in [
        "(((",
        "AND OR NOT",
        ":",
        "title:",
        "\"",
        "*?~^",
        "year:abc",
        "\u{202e}x",
    ] {
        library.search(&SearchQuery::new(text)).unwrap();
    }
}

#[test]
fn starter_themes_cover_the_sample_and_name_cited_works() {
    let (_dir, mut library) = seeded_library();
    let themes = library.themes().unwrap();
    let names: Vec<&str> = themes.iter().map(|t| t.theme.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Poverty",
            "Relationship-based practice",
            "Technology",
            "Power",
            "Supervision"
        ]
    );
    for t in &themes {
        assert!(t.documents >= 1, "{} matches nothing", t.theme.name);
    }
    let poverty = library.theme("Poverty").unwrap();
    assert!(poverty.ignored.is_empty());
    assert!(poverty
        .documents
        .iter()
        .any(|d| d.author.as_deref() == Some("Verity Clarke")));
    assert!(
        poverty
            .works
            .iter()
            .any(|w| w.work.starts_with("Krumer-Nevo")),
        "{:#?}",
        poverty.works
    );
}

#[test]
fn search_results_name_the_work_records_they_cite() {
    // Verity Clarke's paragraph on structural disadvantage cites Lavalette,
    // Stepney and Ford, Wilkinson and Pickett, Krumer-Nevo and Lishman.
    let (_dir, mut library) = seeded_library();
    let works = library
        .works_cited_where(r#""structural disadvantage""#)
        .unwrap();
    for name in [
        "Lavalette",
        "Stepney",
        "Wilkinson",
        "Krumer-Nevo",
        "Lishman",
    ] {
        let cited = works.iter().find(|w| w.work.starts_with(name));
        assert!(
            cited.is_some_and(|w| w.work_id.is_some()),
            "{name}: {works:#?}"
        );
    }
    // One row per work record, even though the blog post repeats the paragraph.
    let mut ids: Vec<i64> = works.iter().filter_map(|w| w.work_id).collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    let krumer = works
        .iter()
        .find(|w| w.work.starts_with("Krumer-Nevo"))
        .unwrap();
    let work = library
        .works()
        .unwrap()
        .into_iter()
        .find(|w| Some(w.id) == krumer.work_id)
        .unwrap();
    assert_eq!(work.csl.author[0].family.as_deref(), Some("Krumer-Nevo"));
    assert!(library.works_cited_where("zzzzunfound").unwrap().is_empty());
}

#[test]
fn added_theme_is_saved_and_evaluated() {
    let (dir, mut library) = seeded_library();
    library
        .add_theme("Use of self", r#""use of self" OR self-awareness"#, None)
        .unwrap();
    drop(library);
    let mut library = Library::open(dir.path()).unwrap();
    let report = library.theme("use of self").unwrap();
    assert_eq!(report.theme.name, "Use of self");
    assert!(library.theme("No such theme").is_err());
}

#[test]
fn a_query_past_the_bounds_is_not_saved_as_a_theme() {
    let (_dir, mut library) = seeded_library();
    let deep = format!("{}poverty{}", "(".repeat(3_000), ")".repeat(3_000));
    for bad in [deep.as_str(), "poverty AND (", "nosuchfield:poverty"] {
        let err = library.add_theme("Deep", bad, None).unwrap_err();
        assert!(
            matches!(err, quire_engine::Error::Invalid(_)),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains("cannot be saved"), "{err}");
    }
    assert!(library
        .themes()
        .unwrap()
        .iter()
        .all(|t| t.theme.name != "Deep"));
}

/// A theme stored before the check existed (or edited in the database)
/// must not take the themes page down: it is listed with its error.
#[test]
fn an_invalid_stored_theme_is_listed_with_its_error() {
    let (dir, library) = seeded_library();
    drop(library);
    let db = rusqlite::Connection::open(dir.path().join("library.sqlite3")).unwrap();
    let deep = format!("{}poverty{}", "(".repeat(3_000), ")".repeat(3_000));
    db.execute(
        "INSERT INTO themes (name, query, colour) VALUES ('Deep', ?1, '#000000')",
        [&deep],
    )
    .unwrap();
    drop(db);
    let library = Library::open(dir.path()).unwrap();
    // On a small stack, as the app's command threads have.
    let (mut library, themes) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let themes = library.themes().unwrap();
            (library, themes)
        })
        .unwrap()
        .join()
        .unwrap();
    let bad = themes.iter().find(|t| t.theme.name == "Deep").unwrap();
    assert!(
        bad.error.as_deref().is_some_and(|e| e.contains("left out")),
        "{:?}",
        bad.error
    );
    assert_eq!(bad.documents, 0);
    let good = themes.iter().find(|t| t.theme.name == "Poverty").unwrap();
    assert!(good.error.is_none() && good.documents >= 1);
    // The JSON of a usable theme keeps its old keys, and no `error`.
    let json = serde_json::to_value(good).unwrap();
    assert!(json.get("error").is_none());
    assert!(serde_json::to_value(bad).unwrap()["error"].is_string());
    // Showing the bad theme reports what was ignored instead of failing.
    let report = library.theme("Deep").unwrap();
    assert!(!report.ignored.is_empty());
}

#[test]
fn hyphenated_words_are_phrases_on_the_seeds() {
    let (_dir, library) = seeded_library();
    for compound in ["poverty-aware", "relationship-based", "co-production"] {
        let r = search(&library, compound);
        let apart = search(&library, &compound.replace('-', " "));
        assert!(r.total <= apart.total, "{compound}");
        let words: Vec<&str> = compound.split('-').collect();
        for h in &r.hits {
            let text = marked(h).to_lowercase();
            assert!(
                text.contains(&format!("<b>{}</b>", words[0]))
                    && text.contains(&format!("<b>{}</b>", words[1])),
                "{compound}: {text}"
            );
        }
    }
    assert!(search(&library, "poverty-aware").total >= 1);
}

#[test]
fn suggested_themes_are_content_words() {
    let (_dir, library) = seeded_library();
    let words = library.suggested_themes(15).unwrap();
    assert!(words.len() >= 5);
    let terms: Vec<&str> = words.iter().map(|k| k.term.as_str()).collect();
    // The library's subjects lead; words every essay argues with do not appear.
    assert!(
        terms[..3].contains(&"poverty") && terms[..3].contains(&"power"),
        "{terms:?}"
    );
    for generic in [
        "social",
        "work",
        "the",
        "and",
        "idea",
        "time",
        "understand",
        "situations",
    ] {
        assert!(!terms.contains(&generic), "{generic} suggested: {terms:?}");
    }
    assert!(terms.iter().all(|t| !t.chars().any(|c| c.is_ascii_digit())));
}

#[test]
fn delete_and_reindex_keep_the_index_in_step() {
    let (_dir, mut library) = seeded_library();
    let id = search(&library, "cites:Krumer-Nevo").hits[0].doc;
    library.delete_document(id).unwrap();
    assert_eq!(search(&library, "cites:Krumer-Nevo").total, 0);
    assert_eq!(library.reindex().unwrap(), stored_documents(&library));
    assert_eq!(indexed_documents(&library), stored_documents(&library));
}

/// What a crash between the SQLite commit and the index commit leaves: the
/// database changed and bumped its generation, the index did not.
#[test]
fn stale_index_is_rebuilt_on_open() {
    let (dir, library) = seeded_library();
    let id = search(&library, "cites:Krumer-Nevo").hits[0].doc;
    drop(library);
    let db = rusqlite::Connection::open(dir.path().join("library.sqlite3")).unwrap();
    db.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    db.execute("DELETE FROM documents WHERE id = ?1", [id])
        .unwrap();
    db.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'index_generation'",
        [],
    )
    .unwrap();
    drop(db);
    let library = Library::open(dir.path()).unwrap();
    assert_eq!(search(&library, "cites:Krumer-Nevo").total, 0);
    assert_eq!(indexed_documents(&library), stored_documents(&library));
}

/// Kill a process while it imports, then check the next open agrees with
/// SQLite. The test binary runs itself as the importing child.
#[test]
fn killed_mid_import_is_repaired_on_next_open() {
    if let Some(lib) = std::env::var_os("QUIRE_TEST_IMPORT_CHILD") {
        import_forever(Path::new(&lib));
        return;
    }
    let (dir, library) = empty_library();
    drop(library);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "search::killed_mid_import_is_repaired_on_next_open",
            "--exact",
            "--test-threads",
            "1",
        ])
        .env("QUIRE_TEST_IMPORT_CHILD", dir.path())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let progress = dir.path().join("child-progress");
    let start = Instant::now();
    while std::fs::read_to_string(&progress).map_or(0, |s| s.trim().parse().unwrap_or(0)) < 15 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "child made no progress"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let library = Library::open(dir.path()).unwrap();
    let stored = stored_documents(&library);
    assert!(stored >= 15);
    assert_eq!(indexed_documents(&library), stored);
    // Files are imported in order, so the last stored one is `stored - 1`.
    let last = format!("marker{}", stored - 1);
    assert_eq!(search(&library, &last).total, 1, "{last}");
}

/// The child's side: import one generated essay after another until killed.
fn import_forever(lib: &Path) {
    let files = lib.join("child-files");
    std::fs::create_dir_all(&files).unwrap();
    let mut library = Library::open(lib).unwrap();
    for n in 0..100_000 {
        let path = files.join(format!("essay-{n}.md"));
        let body = format!(
            "# Working with families {n}\n\nWriter {n} - University of Testing\n\n\
             Essay marker{n} argues that poverty-aware practice (Krumer-Nevo, 2016) builds trust.\n\n\
             A second paragraph on supervision and reflection, number {n}.\n"
        );
        std::fs::write(&path, body).unwrap();
        let report = library.import_files(&[path], &Default::default(), &mut |_: Progress| {});
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        std::fs::write(lib.join("child-progress"), (n + 1).to_string()).unwrap();
    }
}
