//! Storing a Zotero library: works keyed by Zotero key, re-import that
//! updates and never duplicates, collections as collections or lists,
//! tags, attachments' text, cancel, and refusals.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use rusqlite::Connection;

use super::CollectionsAs;
use crate::Library;

fn fixture() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ingest/zotero/data"
    ))
    .to_owned()
}

/// A copy of the fixture's data directory that a test may change.
fn fixture_copy(dir: &Path) -> PathBuf {
    let to = dir.join("zotero");
    copy_dir(&fixture(), &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn count(library: &Library, sql: &str) -> i64 {
    library.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn import(library: &mut Library, dir: &Path, how: CollectionsAs) -> super::ZoteroReport {
    library.import_zotero(dir, how, None, &mut |_| {}).unwrap()
}

#[test]
fn items_become_works_with_tags_collections_and_full_text() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    let report = import(&mut library, &fixture(), CollectionsAs::Collections);
    assert_eq!(report.items, 14, "{report:?}");
    assert_eq!(report.created, 14);
    assert_eq!(count(&library, "SELECT count(*) FROM works"), 14);
    assert_eq!(count(&library, "SELECT count(*) FROM zotero_items"), 14);
    // Nested collections keep their parent's name; the trashed one is gone.
    assert_eq!(
        report.collections,
        [
            "Child protection",
            "Dissertation",
            "Dissertation / Relationship-based practice"
        ]
    );
    assert!(count(&library, "SELECT count(*) FROM collection_works") >= 3);
    assert!(report.tags >= 5, "{report:?}");
    // The two PDFs' indexed text are sources whose work is the item.
    assert_eq!(report.documents.len(), 2, "{report:?}");
    for id in &report.documents {
        let work: Option<i64> = library
            .conn()
            .query_row("SELECT work_id FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(work.is_some());
    }
    // Works keep Zotero's details: Ferguson's DOI and creators in order.
    let works = library.works().unwrap();
    let oleary = works
        .iter()
        .find(|w| w.csl.author.first().and_then(|a| a.family.as_deref()) == Some("O'Leary"))
        .expect("O'Leary, Tsui and Ruch");
    let families: Vec<_> = oleary
        .csl
        .author
        .iter()
        .filter_map(|a| a.family.as_deref())
        .collect();
    assert_eq!(families, ["O'Leary", "Tsui", "Ruch"]);
}

#[test]
fn importing_again_updates_and_never_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture_copy(tmp.path());
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    import(&mut library, &data, CollectionsAs::Collections);
    let works = count(&library, "SELECT count(*) FROM works");
    let documents = count(&library, "SELECT count(*) FROM documents");

    let again = import(&mut library, &data, CollectionsAs::Collections);
    assert_eq!((again.created, again.unchanged), (0, 14), "{again:?}");
    assert_eq!(count(&library, "SELECT count(*) FROM works"), works);
    assert_eq!(count(&library, "SELECT count(*) FROM documents"), documents);

    // Zotero edits Trevithick's title; a person corrected Munro in Quire.
    let db = Connection::open(data.join("zotero.sqlite")).unwrap();
    let trevithick: i64 = db
        .query_row(
            "SELECT i.itemID FROM items i JOIN itemData d ON d.itemID = i.itemID
             JOIN itemDataValues v ON v.valueID = d.valueID
             WHERE v.value LIKE 'Social work skills%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    db.execute(
        "INSERT INTO itemDataValues (valueID, value) VALUES (9001, 'Social work skills and knowledge, fourth edition')",
        [],
    )
    .unwrap();
    db.execute(
        "UPDATE itemData SET valueID = 9001 WHERE itemID = ?1 AND fieldID = (SELECT fieldID FROM fields WHERE fieldName = 'title')",
        [trevithick],
    )
    .unwrap();
    db.execute(
        "UPDATE items SET clientDateModified = '2026-11-30 10:00:00', version = version + 1",
        [],
    )
    .unwrap();
    drop(db);
    let munro = library
        .works()
        .unwrap()
        .into_iter()
        .find(|w| w.csl.author.first().and_then(|a| a.family.as_deref()) == Some("Munro"))
        .unwrap();
    let mut corrected = munro.csl.clone();
    corrected.title = Some("The Munro review, as I correct it".into());
    library.update_work(munro.id, &corrected).unwrap();

    let third = import(&mut library, &data, CollectionsAs::Collections);
    assert_eq!(third.created, 0, "{third:?}");
    assert_eq!(third.updated + third.kept_edits, 14, "{third:?}");
    assert_eq!(third.kept_edits, 1);
    assert_eq!(count(&library, "SELECT count(*) FROM works"), works);
    let titles: Vec<String> = library
        .works()
        .unwrap()
        .into_iter()
        .filter_map(|w| w.csl.title)
        .collect();
    assert!(
        titles.iter().any(|t| t.ends_with("fourth edition")),
        "{titles:?}"
    );
    assert!(titles
        .iter()
        .any(|t| t == "The Munro review, as I correct it"));
}

#[test]
fn collections_can_become_reading_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    import(&mut library, &fixture(), CollectionsAs::Lists);
    let lists = library.lists().unwrap();
    let names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
    assert!(
        names.contains(&"Dissertation / Relationship-based practice"),
        "{names:?}"
    );
    assert_eq!(count(&library, "SELECT count(*) FROM collection_works"), 0);
    let list = library
        .list("Dissertation / Relationship-based practice")
        .unwrap();
    assert!(!list.items.is_empty());
}

#[test]
fn a_matching_work_from_an_essay_is_linked_not_duplicated() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    let essay = "# On relationships\n\nBy Ana Lee\n\nRelationships matter (Ferguson, 2016).\n\n## References\n\nFerguson, H. (2016) 'What social workers do in performing child protection work: evidence from research into face-to-face practice', Child & Family Social Work, 21(3), pp. 283-294. doi:10.1111/cfs.12142\n";
    library
        .import_bytes("essay.md", essay.as_bytes(), None)
        .unwrap();
    library.link_works().unwrap();
    let before = count(&library, "SELECT count(*) FROM works");
    let report = import(&mut library, &fixture(), CollectionsAs::Collections);
    assert_eq!(report.matched, 1, "{report:?}");
    assert_eq!(count(&library, "SELECT count(*) FROM works"), before + 13);
}

#[test]
fn a_cancelled_import_stores_nothing_of_the_batch_it_stopped_at() {
    let tmp = tempfile::tempdir().unwrap();
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    let cancel = AtomicBool::new(true);
    let report = library
        .import_zotero(
            &fixture(),
            CollectionsAs::Collections,
            Some(&cancel),
            &mut |_| {},
        )
        .unwrap();
    assert!(report.cancelled);
    assert_eq!(count(&library, "SELECT count(*) FROM works"), 0);
}

#[test]
fn a_newer_zotero_or_no_zotero_is_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixture_copy(tmp.path());
    let db = Connection::open(data.join("zotero.sqlite")).unwrap();
    db.execute(
        "UPDATE version SET version = 999 WHERE schema = 'userdata'",
        [],
    )
    .unwrap();
    drop(db);
    let mut library = Library::open(&tmp.path().join("lib")).unwrap();
    let err = library
        .import_zotero(&data, CollectionsAs::Collections, None, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("newer Zotero") && err.contains("999"), "{err}");
    let err = library
        .import_zotero(tmp.path(), CollectionsAs::Collections, None, &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("zotero.sqlite"), "{err}");
}
