//! Tests of the Zotero reader against `tests/fixtures/ingest/zotero/data`, a
//! small library built from Zotero's own schema (see that folder's README).
//!
//! `expected.json` beside the fixture is the CSL-JSON Zotero's export gives for
//! each work, written by hand from Zotero's mapping (not from this reader's
//! output). The other tests check what the reader promises: the original file
//! is never written and can be read while Zotero holds its lock, a newer schema
//! and files that are not Zotero libraries are refused with a message, odd data
//! never panics, and a large library reads in seconds.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::Connection;
use serde_json::Value;

use super::read::{read, ZoteroError, ZoteroLibrary, KNOWN_USERDATA_VERSION};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/ingest/zotero"
);

fn data_dir() -> PathBuf {
    Path::new(FIXTURE).join("data")
}

fn library() -> ZoteroLibrary {
    read(&data_dir()).expect("the fixture library reads")
}

/// A private copy of the fixture's data directory, for tests that change it.
fn copy_of_fixture() -> tempfile::TempDir {
    fn copy_dir(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&data_dir(), tmp.path());
    tmp
}

fn item<'a>(lib: &'a ZoteroLibrary, key: &str) -> &'a super::read::ZoteroItem {
    lib.items
        .iter()
        .find(|i| i.key == key)
        .unwrap_or_else(|| panic!("no item {key}"))
}

#[test]
fn every_work_reads_as_zoteros_csl_json_export() {
    let lib = library();
    let expected: Vec<Value> = serde_json::from_str(
        &fs::read_to_string(Path::new(FIXTURE).join("expected.json")).unwrap(),
    )
    .unwrap();
    let keys: Vec<&str> = lib.items.iter().map(|i| i.key.as_str()).collect();
    let expected_keys: Vec<&str> = expected.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        keys, expected_keys,
        "the works, in Zotero's order; no notes, attachments, annotations or trash"
    );
    for (got, want) in lib.items.iter().zip(&expected) {
        let got = serde_json::to_value(&got.csl).unwrap();
        assert_eq!(&got, want, "CSL-JSON of {}", want["id"]);
    }
}

#[test]
fn creators_keep_their_order_and_roles() {
    let lib = library();
    let names = |key: &str| -> Vec<String> {
        item(&lib, key)
            .csl
            .author
            .iter()
            .map(|n| n.sort_name())
            .collect()
    };
    assert_eq!(names("1/LRYTSR3B"), ["O'Leary", "Tsui", "Ruch"]);
    let chapter = item(&lib, "1/RCHCNTXT");
    assert_eq!(chapter.csl.author.len(), 1);
    let editors: Vec<String> = chapter.csl.editor.iter().map(|n| n.sort_name()).collect();
    assert_eq!(editors, ["Ruch", "Turney", "Ward"]);
    assert_eq!(
        names("1/BASWCWP9"),
        [
            "British Association of Social Workers",
            "Child Welfare Inequalities Project"
        ]
    );
}

#[test]
fn tags_are_sorted_and_collections_nest() {
    let lib = library();
    assert_eq!(
        item(&lib, "1/FRGSN4CP").tags,
        ["Social Work", "child protection"]
    );
    assert_eq!(
        item(&lib, "1/KFRTHSS7").tags,
        ["child protection", "relationship-based practice"]
    );
    assert!(item(&lib, "1/CRACT2Q4").tags == ["legislation"]);

    let by_key = |k: &str| lib.collections.iter().find(|c| c.key == k);
    assert_eq!(
        lib.collections.len(),
        3,
        "the collection in the trash is left out"
    );
    assert!(by_key("1/CLDRFTS5").is_none());
    assert_eq!(by_key("1/CLDSSRT2").unwrap().parent, None);
    let nested = by_key("1/CLRLTNB3").unwrap();
    assert_eq!(nested.name, "Relationship-based practice");
    assert_eq!(nested.parent.as_deref(), Some("1/CLDSSRT2"));

    assert_eq!(
        item(&lib, "1/KFRTHSS7").collections,
        ["1/CLDSSRT2", "1/CLRLTNB3"]
    );
    assert_eq!(item(&lib, "1/FRGSN4CP").collections, ["1/CLCHLDP4"]);
    assert!(
        item(&lib, "1/TRVTHK3E").collections.is_empty(),
        "only in a trashed collection"
    );
}

#[test]
fn the_trash_is_left_out_and_said_so() {
    let lib = library();
    assert!(lib.items.iter().all(|i| i.key != "1/FTHRSTN8"));
    assert!(
        lib.skipped
            .iter()
            .any(|s| s.contains("1 item in Zotero's trash")),
        "{:?}",
        lib.skipped
    );
}

#[test]
fn full_text_comes_from_the_cache_files() {
    let lib = library();
    let ferguson = &item(&lib, "1/FRGSN4CP").fulltext;
    assert_eq!(ferguson.len(), 1);
    assert_eq!(ferguson[0].attachment_key, "1/ATTFRG6P");
    assert_eq!(ferguson[0].title, "Full Text PDF");
    assert!(ferguson[0]
        .text
        .contains("walk, talk and play with children"));
    let munro = &item(&lib, "1/MNR2RVW8").fulltext;
    assert!(
        munro[0].text.contains("\u{FFFD} Crown copyright 2011"),
        "not UTF-8: decoded lossily"
    );
    assert!(
        item(&lib, "1/BASWCDE5").fulltext.is_empty(),
        "a snapshot without a cache file"
    );
}

#[test]
fn version_follows_the_last_edit() {
    let lib = library();
    // clientDateModified 2020-06-03 10:20:00 UTC.
    assert_eq!(item(&lib, "1/FRGSN4CP").version, 1_591_179_600);
    assert_eq!(
        item(&lib, "2/HWMPTHY9").csl.title.as_deref(),
        Some("Empathy: What it is and Why it Matters")
    );
}

#[test]
fn the_original_is_never_written() {
    let db = data_dir().join("zotero.sqlite");
    let (bytes, modified) = (
        fs::read(&db).unwrap(),
        fs::metadata(&db).unwrap().modified().unwrap(),
    );
    read(&data_dir()).unwrap();
    read(&db).expect("the path of zotero.sqlite itself is accepted");
    assert_eq!(fs::metadata(&db).unwrap().modified().unwrap(), modified);
    assert_eq!(fs::read(&db).unwrap(), bytes);
    for side in [
        "zotero.sqlite-journal",
        "zotero.sqlite-wal",
        "zotero.sqlite-shm",
    ] {
        assert!(!data_dir().join(side).exists(), "{side} left behind");
    }
}

#[test]
fn reads_while_zotero_holds_an_exclusive_lock_mid_transaction() {
    let tmp = copy_of_fixture();
    let zotero = Connection::open(tmp.path().join("zotero.sqlite")).unwrap();
    zotero
        .execute_batch(
            "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;
             UPDATE itemDataValues SET value = 'half-written' WHERE value = 'Care Act 2014';",
        )
        .unwrap();
    let lib = read(tmp.path()).expect("readable under Zotero's lock");
    // The unfinished change lives in the -journal and is rolled back on the copy.
    assert_eq!(
        item(&lib, "1/CRACT2Q4").csl.title.as_deref(),
        Some("Care Act 2014")
    );
    zotero.execute_batch("ROLLBACK").unwrap();
    assert_eq!(lib.items.len(), 14);
}

#[test]
fn reads_a_library_in_wal_mode() {
    let tmp = copy_of_fixture();
    let zotero = Connection::open(tmp.path().join("zotero.sqlite")).unwrap();
    zotero
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             UPDATE itemDataValues SET value = 'Care Act 2014 (as amended)' WHERE value = 'Care Act 2014';",
        )
        .unwrap();
    assert!(tmp.path().join("zotero.sqlite-wal").exists());
    let lib = read(tmp.path()).unwrap();
    assert_eq!(
        item(&lib, "1/CRACT2Q4").csl.title.as_deref(),
        Some("Care Act 2014 (as amended)")
    );
}

#[test]
fn a_newer_schema_is_refused_and_an_older_one_read() {
    let tmp = copy_of_fixture();
    let set = |v: i64| {
        Connection::open(tmp.path().join("zotero.sqlite"))
            .unwrap()
            .execute(
                "UPDATE version SET version = ?1 WHERE schema = 'userdata'",
                [v],
            )
            .unwrap();
    };
    set(KNOWN_USERDATA_VERSION + 1);
    let err = read(tmp.path()).unwrap_err();
    assert!(
        matches!(
            err,
            ZoteroError::NewerSchema {
                found: 125,
                known: 124
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("newer Zotero (schema 125; Quire knows up to 124)"),
        "{message}"
    );
    assert!(
        message.contains("export the library as CSL-JSON"),
        "{message}"
    );
    set(107);
    assert_eq!(read(tmp.path()).unwrap().items.len(), 14);
}

#[test]
fn files_that_are_not_zotero_libraries_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let err = read(tmp.path()).unwrap_err();
    assert!(matches!(err, ZoteroError::NotZoteroDir { .. }), "{err:?}");
    assert!(err.to_string().contains("Data Directory Location"));
    assert!(matches!(
        read(&tmp.path().join("nowhere")),
        Err(ZoteroError::NotZoteroDir { .. })
    ));

    let db = tmp.path().join("zotero.sqlite");
    fs::write(&db, "this is a text file, not a database\n".repeat(40)).unwrap();
    let err = read(tmp.path()).unwrap_err();
    assert!(matches!(err, ZoteroError::NotSqlite { .. }), "{err:?}");

    fs::remove_file(&db).unwrap();
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'x');")
        .unwrap();
    let err = read(tmp.path()).unwrap_err();
    assert!(
        matches!(err, ZoteroError::NotZoteroDatabase { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("not a Zotero library"));
}

#[test]
fn odd_data_is_read_without_panicking() {
    let tmp = copy_of_fixture();
    let conn = Connection::open(tmp.path().join("zotero.sqlite")).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         -- an item type Quire does not know, and one with no type row at all
         INSERT INTO itemTypes VALUES (40, 'hologram', NULL, 1);
         INSERT INTO items VALUES (50, 40, '2021-01-01', '2021-01-01', 'not a date', 1, 'HLGRM222', 7, 0);
         INSERT INTO items VALUES (51, 999, '2021-01-01', '2021-01-01', '2021-01-01 00:00:00', 1, 'NTYPE333', 0, 0);
         -- a key that is empty, a NULL value, a value for an unknown field
         INSERT INTO items VALUES (52, 2, '2021-01-01', '2021-01-01', '2021-01-01', 1, '', 0, 0);
         INSERT INTO itemDataValues VALUES (9000, NULL);
         INSERT INTO itemDataValues VALUES (9001, X'48C3A96C6C6F');
         INSERT INTO itemData VALUES (50, 110, 9000);
         INSERT INTO itemData VALUES (50, 777, 9001);
         INSERT INTO itemData VALUES (51, 110, 9001);
         -- creators with an odd fieldMode and with no name at all
         INSERT INTO creators VALUES (100, 'Ann', 'Odd', 7);
         INSERT INTO creators VALUES (101, NULL, NULL, NULL);
         INSERT INTO creators VALUES (102, 'Only First', '', 1);
         INSERT INTO itemCreators VALUES (50, 100, 1, 0);
         INSERT INTO itemCreators VALUES (50, 101, 1, 1);
         INSERT INTO itemCreators VALUES (50, 102, 1, 2);
         INSERT INTO itemCreators VALUES (50, 100, 555, 3);
         -- collections whose parents loop
         UPDATE collections SET parentCollectionID = 2 WHERE collectionID = 1;
         DROP TABLE tags;",
    )
    .unwrap();
    drop(conn);
    // A full-text cache over the limit.
    fs::OpenOptions::new()
        .write(true)
        .open(tmp.path().join("storage/ATTFRG6P/.zotero-ft-cache"))
        .unwrap()
        .set_len(21 * 1024 * 1024)
        .unwrap();

    let lib = read(tmp.path()).unwrap();
    let odd = item(&lib, "1/HLGRM222");
    assert_eq!(odd.csl.kind, "document");
    assert_eq!(
        odd.version, 7,
        "items.version when clientDateModified is unreadable"
    );
    let authors: Vec<String> = odd.csl.author.iter().map(|n| n.sort_name()).collect();
    assert_eq!(authors, ["Odd", "Only First"]);
    assert_eq!(item(&lib, "1/NTYPE333").csl.title.as_deref(), Some("Héllo"));
    assert!(lib.items.iter().all(|i| i.key != "1/"));
    assert!(item(&lib, "1/FRGSN4CP").tags.is_empty());
    assert!(item(&lib, "1/FRGSN4CP").fulltext.is_empty());
    for said in [
        "\"hologram\" is unknown",
        "id 999",
        "Tags were not read",
        "parent collections loop",
        "more than Quire reads (20 MB)",
    ] {
        assert!(
            lib.skipped.iter().any(|s| s.contains(said)),
            "{said:?} not in {:?}",
            lib.skipped
        );
    }
    let looped: Vec<_> = lib
        .collections
        .iter()
        .filter(|c| c.key == "1/CLDSSRT2" || c.key == "1/CLRLTNB3")
        .collect();
    assert!(looped.iter().all(|c| c.parent.is_none()));
}

#[test]
fn fifty_thousand_items_read_in_seconds() {
    const N: i64 = 50_000;
    let tmp = copy_of_fixture();
    let mut conn = Connection::open(tmp.path().join("zotero.sqlite")).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut item = tx.prepare("INSERT INTO items (itemID, itemTypeID, libraryID, key, clientDateModified) VALUES (?1, ?2, 1, ?3, '2022-02-02 10:00:00')").unwrap();
        let mut value = tx
            .prepare("INSERT INTO itemDataValues (valueID, value) VALUES (?1, ?2)")
            .unwrap();
        let mut data = tx
            .prepare("INSERT INTO itemData VALUES (?1, ?2, ?3)")
            .unwrap();
        let mut creator = tx
            .prepare("INSERT INTO creators VALUES (?1, ?2, ?3, 0)")
            .unwrap();
        let mut item_creator = tx
            .prepare("INSERT INTO itemCreators VALUES (?1, ?2, 1, ?3)")
            .unwrap();
        let mut tag = tx
            .prepare("INSERT INTO itemTags VALUES (?1, ?2, 0)")
            .unwrap();
        let mut member = tx
            .prepare("INSERT INTO collectionItems VALUES (3, ?1, 0)")
            .unwrap();
        // title, publicationTitle, volume, pages, date, DOI, url, abstractNote
        let field_ids = [110, 12, 4, 10, 14, 26, 1, 90];
        let mut next_value = 100_000;
        for i in 0..N {
            let id = 1_000 + i;
            let key = format!("K{:07}", i).replace('0', "Z").replace('1', "Y");
            item.execute(rusqlite::params![id, if i % 3 == 0 { 2 } else { 4 }, key])
                .unwrap();
            let values = [
                format!("Generated work number {i} on relationship-based practice"),
                format!("Journal {}", i % 200),
                format!("{}", i % 60),
                format!("{}-{}", i % 300, i % 300 + 12),
                format!("{}-{:02}-00 {}", 1990 + i % 35, 1 + i % 12, 1990 + i % 35),
                format!("10.9999/gen.{i}"),
                format!("https://example.org/works/{i}"),
                "An abstract long enough to be realistic about what Zotero keeps for a work. "
                    .repeat(4),
            ];
            for (field, v) in field_ids.iter().zip(values) {
                next_value += 1;
                value
                    .execute(rusqlite::params![next_value, format!("{v} #{next_value}")])
                    .unwrap();
                data.execute(rusqlite::params![id, field, next_value])
                    .unwrap();
            }
            for order in 0..2 {
                let cid = 10_000 + i * 2 + order;
                creator
                    .execute(rusqlite::params![
                        cid,
                        format!("Given{order}"),
                        format!("Family{i}")
                    ])
                    .unwrap();
                item_creator
                    .execute(rusqlite::params![id, cid, order])
                    .unwrap();
            }
            tag.execute(rusqlite::params![id, 1 + i % 7]).unwrap();
            if i % 2 == 0 {
                member.execute([id]).unwrap();
            }
        }
    }
    tx.commit().unwrap();
    drop(conn);

    let start = Instant::now();
    let lib = read(tmp.path()).unwrap();
    let took = start.elapsed();
    println!("read {} Zotero items in {:.2?}", lib.items.len(), took);
    assert_eq!(lib.items.len() as i64, N + 14);
    let last = lib.items.last().unwrap();
    assert_eq!(last.csl.author.len(), 2);
    assert_eq!(last.tags.len(), 1);
    assert!(took.as_secs() < 30, "reading 50,000 items took {took:?}");
}
