//! Tests of the one write path (`Library::write`, `Library::write_documents`):
//! each mutating method commits once or leaves nothing, a read-only library
//! refuses every write with the typed error, an index that cannot follow a
//! commit is a note and a rebuild, and damaged rows are a typed error or a
//! logged repair, never silently something else.

use std::path::Path;
use std::time::Duration;

use quire_csl::{CslItem, DateField, Name};
use rusqlite::params;

use crate::search::INDEX_DIR;
use crate::store::OpenOptions;
use crate::{guard, DocFilter, Error, Library, Placement, Purpose};

/// A numeric essay citing four entries, each its own work.
const ESSAY: &str = "Shame and poverty\n\nAna Lee - University of York\n\n\
    Poverty shames [1]. Relationships help [2, 3]. Some [3].\n\n\
    References\n\n\
    1. Smith J. Poverty and shame. J Soc Work. 2005;10(2):1-5.\n\
    2. Jones AB. Relationship-based practice. Br J Soc Work. 2019;49(4):1021-45.\n\
    3. Lee K. Care and control. Child Fam Soc Work. 2012;3:41-50.\n\
    4. Roe B. Never cited. Soc Work. 2010;1:1-2.\n";

/// Another essay citing the second entry of [`ESSAY`] again.
const OTHER: &str = "Working together\n\nBea Kay - University of Kent\n\n\
    Practice is relational [1].\n\n\
    References\n\n\
    1. Jones AB. Relationship-based practice. Br J Soc Work. 2019;49(4):1021-45.\n";

fn library() -> (tempfile::TempDir, Library, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    let id = library
        .import_bytes("essay.md", ESSAY.as_bytes(), None)
        .unwrap()[0]
        .id;
    (dir, library, id)
}

fn count(library: &Library, sql: &str) -> i64 {
    library.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The work reference entry `position` of document `doc` is linked to.
fn linked(library: &Library, doc: i64, position: i64) -> Option<(i64, bool)> {
    library
        .conn()
        .query_row(
            "SELECT work_id, pinned FROM work_refs WHERE document_id = ?1 AND position = ?2",
            params![doc, position],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()
}

/// Make the next matching statement fail, as a full disk or a bug would,
/// partway through a write.
fn fail_on(library: &Library, event: &str, when: &str) {
    library
        .conn()
        .execute_batch(&format!(
            "CREATE TEMP TRIGGER injected BEFORE {event} FOR EACH ROW WHEN {when}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .unwrap();
}

fn heal(library: &Library) {
    library
        .conn()
        .execute_batch("DROP TRIGGER temp.injected")
        .unwrap();
}

fn injected(err: &Error) -> bool {
    err.to_string().contains("injected failure")
}

fn book(family: &str, year: i32, title: &str) -> CslItem {
    CslItem {
        kind: "book".into(),
        author: vec![Name::person(family, "A.")],
        issued: Some(DateField::ymd(year, None, None)),
        title: Some(title.into()),
        ..CslItem::default()
    }
}

fn list_order(library: &Library, name: &str) -> Vec<i64> {
    library
        .list(name)
        .unwrap()
        .items
        .iter()
        .map(|i| i.work_id)
        .collect()
}

#[test]
fn correct_reference_is_one_write_and_returns_the_audit() {
    let (_dir, mut library, doc) = library();
    library.link_works().unwrap();
    let (before, _) = linked(&library, doc, 3).unwrap();
    let works = count(&library, "SELECT count(*) FROM works");
    let corrected = book("Roe", 2010, "Never cited, corrected");

    // The audit, the last step, fails: the correction and the relinking
    // before it are gone with it.
    fail_on(&library, "INSERT ON citations", "1");
    let err = library.correct_reference(doc, 3, &corrected).unwrap_err();
    assert!(injected(&err), "{err}");
    let stored: Option<String> = library
        .conn()
        .query_row(
            "SELECT corrected FROM reference_parses WHERE document_id = ?1 AND position = 3",
            [doc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, None, "no correction kept");
    assert_eq!(linked(&library, doc, 3), Some((before, false)));
    assert_eq!(count(&library, "SELECT count(*) FROM works"), works);
    assert_eq!(count(&library, "SELECT count(*) FROM citations"), 4);

    heal(&library);
    let audit = library.correct_reference(doc, 3, &corrected).unwrap();
    assert_eq!(audit.references[3].csl, corrected);
    assert_eq!(
        audit.citations.len() as i64,
        count(&library, "SELECT count(*) FROM citations")
    );
    // Linked afresh to a work made from the correction; the misreading,
    // cited by nothing now, is gone (SQLite may give the new work its id).
    let (after, pinned) = linked(&library, doc, 3).unwrap();
    assert!(!pinned);
    assert_eq!(library.work(after).unwrap().csl, corrected);
    assert_eq!(count(&library, "SELECT count(*) FROM works"), works);
    assert!(matches!(
        library.correct_reference(doc, 99, &corrected),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_audit_that_fails_partway_leaves_the_last_one() {
    let (_dir, mut library, doc) = library();
    let first = library.audit(doc).unwrap();
    assert_eq!(first.citations.len(), 4);
    fail_on(&library, "INSERT ON citations", "NEW.position = 2");
    let err = library.audit(doc).unwrap_err();
    assert!(injected(&err), "{err}");
    assert_eq!(count(&library, "SELECT count(*) FROM citations"), 4);
    assert_eq!(library.citation_marks(doc).unwrap().len(), 4);
    heal(&library);
    assert!(matches!(library.audit(999), Err(Error::NotFound(_))));
}

#[test]
fn linking_that_fails_partway_links_nothing() {
    let (_dir, mut library, _) = library();
    fail_on(
        &library,
        "INSERT ON work_refs",
        "(SELECT count(*) FROM work_refs) >= 2",
    );
    let err = library.link_works().unwrap_err();
    assert!(injected(&err), "{err}");
    assert_eq!(count(&library, "SELECT count(*) FROM works"), 0);
    assert_eq!(count(&library, "SELECT count(*) FROM work_refs"), 0);
    heal(&library);
    assert_eq!(library.link_works().unwrap(), 4);
    assert_eq!(library.link_works().unwrap(), 0);
}

#[test]
fn importing_works_that_fails_partway_imports_none() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    let items = [
        book("Ruch", 2010, "Relationship-based social work"),
        book("Ferguson", 2011, "Child protection practice"),
    ];
    fail_on(
        &library,
        "INSERT ON works",
        "NEW.match_key LIKE 'ferguson%'",
    );
    assert!(injected(&library.import_works(&items).unwrap_err()));
    assert_eq!(count(&library, "SELECT count(*) FROM works"), 0);
    heal(&library);
    assert_eq!(library.import_works(&items).unwrap().len(), 2);
}

#[test]
fn merging_moves_entries_and_list_places_and_pins_them() {
    let (_dir, mut library, doc) = library();
    library.link_works().unwrap();
    let work = |library: &Library, position| linked(library, doc, position).unwrap().0;
    let (smith, jones, lee) = (work(&library, 0), work(&library, 1), work(&library, 2));
    library.create_list("Both", Purpose::Reading).unwrap();
    library
        .add_to_list("Both", &[jones, lee, smith], Placement::default())
        .unwrap();
    library.create_list("One", Purpose::Reading).unwrap();
    let note = Placement {
        note: Some("read first"),
        ..Placement::default()
    };
    library.add_to_list("One", &[jones], note).unwrap();

    assert!(matches!(
        library.merge_works(smith, &[smith]),
        Err(Error::Invalid(_))
    ));
    // A missing work among several: nothing merged at all.
    assert!(matches!(
        library.merge_works(smith, &[jones, 9999]),
        Err(Error::NotFound(_))
    ));
    assert!(library.work(jones).is_ok());
    assert_eq!(linked(&library, doc, 1), Some((jones, false)));

    library.merge_works(smith, &[jones]).unwrap();
    assert!(matches!(library.work(jones), Err(Error::NotFound(_))));
    assert_eq!(linked(&library, doc, 0), Some((smith, false)));
    assert_eq!(
        linked(&library, doc, 1),
        Some((smith, true)),
        "moved, pinned"
    );
    assert_eq!(library.work(smith).unwrap().cited_by[0].count, 2);
    // The list holding both keeps the first place (Jones's), once.
    assert_eq!(list_order(&library, "Both"), [smith, lee]);
    let one = library.list("One").unwrap();
    assert_eq!(one.items.len(), 1);
    assert_eq!(one.items[0].work_id, smith);
    assert_eq!(one.items[0].note.as_deref(), Some("read first"));

    // Linking again (a new essay citing Jones) leaves the pinned entry.
    library
        .import_bytes("other.md", OTHER.as_bytes(), None)
        .unwrap();
    library.link_works().unwrap();
    assert_eq!(linked(&library, doc, 1), Some((smith, true)));
}

#[test]
fn merging_that_fails_partway_merges_nothing() {
    let (_dir, mut library, doc) = library();
    library.link_works().unwrap();
    let smith = linked(&library, doc, 0).unwrap().0;
    let jones = linked(&library, doc, 1).unwrap().0;
    fail_on(&library, "DELETE ON works", "1");
    assert!(injected(&library.merge_works(smith, &[jones]).unwrap_err()));
    assert_eq!(linked(&library, doc, 1), Some((jones, false)));
    assert!(library.work(jones).is_ok());
}

#[test]
fn a_split_entry_gets_its_own_pinned_work_that_linking_leaves() {
    let (_dir, mut library, doc) = library();
    library.link_works().unwrap();
    let smith = linked(&library, doc, 0).unwrap().0;
    let jones = linked(&library, doc, 1).unwrap().0;
    library.merge_works(smith, &[jones]).unwrap();

    let split = library.split_work(doc, 1).unwrap();
    assert_ne!(split, smith);
    assert_eq!(linked(&library, doc, 1), Some((split, true)));
    assert_eq!(
        library.work(split).unwrap().csl.title.as_deref(),
        Some("Relationship-based practice")
    );
    // Entries imported since are linked; the split one stays where it is.
    library
        .import_bytes("other.md", OTHER.as_bytes(), None)
        .unwrap();
    assert_eq!(library.link_works().unwrap(), 1);
    assert_eq!(linked(&library, doc, 1), Some((split, true)));
    assert!(matches!(
        library.split_work(doc, 42),
        Err(Error::NotFound(_))
    ));

    fail_on(&library, "UPDATE ON work_refs", "1");
    let works = count(&library, "SELECT count(*) FROM works");
    assert!(injected(&library.split_work(doc, 1).unwrap_err()));
    assert_eq!(count(&library, "SELECT count(*) FROM works"), works);
}

#[test]
fn list_writes_are_all_or_nothing_and_delete_list_deletes_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    let ids = library
        .import_works(&[
            book("Ruch", 2010, "Relationship-based social work"),
            book("Ferguson", 2011, "Child protection practice"),
            book("Munro", 2011, "The Munro review"),
        ])
        .unwrap();
    library.create_list("Week 1", Purpose::Reading).unwrap();

    // Adding: the second work fails, so neither it, the first nor the
    // new section is kept.
    fail_on(
        &library,
        "INSERT ON list_items",
        &format!("NEW.work_id = {}", ids[1]),
    );
    let placed = Placement {
        section: Some("Core"),
        ..Placement::default()
    };
    assert!(injected(
        &library.add_to_list("Week 1", &ids, placed).unwrap_err()
    ));
    let view = library.list("Week 1").unwrap();
    assert!(view.items.is_empty() && view.sections.is_empty());
    heal(&library);
    library.add_to_list("Week 1", &ids, placed).unwrap();
    // Not a work: nothing added.
    assert!(matches!(
        library.add_to_list("Week 1", &[9999], Placement::default()),
        Err(Error::NotFound(_))
    ));

    // Moving: renumbering fails halfway, the order stays.
    fail_on(&library, "UPDATE ON list_items", "NEW.position = 3");
    assert!(injected(
        &library
            .move_list_item("Week 1", ids[2], Some("Core"), 0)
            .unwrap_err()
    ));
    assert_eq!(list_order(&library, "Week 1"), ids);
    heal(&library);
    library
        .move_list_item("Week 1", ids[2], Some("Core"), 0)
        .unwrap();
    assert_eq!(list_order(&library, "Week 1"), [ids[2], ids[0], ids[1]]);

    library.delete_list("Week 1").unwrap();
    assert!(library.lists().unwrap().is_empty());
    assert_eq!(count(&library, "SELECT count(*) FROM list_items"), 0);
    assert_eq!(count(&library, "SELECT count(*) FROM list_sections"), 0);
    assert_eq!(
        count(&library, "SELECT count(*) FROM works"),
        3,
        "works stay"
    );
    assert!(matches!(
        library.delete_list("Week 1"),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn a_read_only_library_refuses_every_write_with_the_typed_error() {
    let (dir, mut library, doc) = library();
    library.link_works().unwrap();
    let work = linked(&library, doc, 0).unwrap().0;
    let other = linked(&library, doc, 1).unwrap().0;
    library.create_list("L", Purpose::Reading).unwrap();
    library
        .add_to_list("L", &[work, other], Placement::default())
        .unwrap();
    library.add_theme("Shame", "shame", None).unwrap();
    let style = library.style("harvard").unwrap();
    library
        .works_page(&Default::default(), &style, 0, None)
        .unwrap();
    // One entry left unlinked, so linking has something to write.
    library
        .import_bytes("other.md", OTHER.as_bytes(), None)
        .unwrap();
    library
        .import_bytes("third.md", b"# Third\n\nA text of its own.\n", None)
        .unwrap();
    drop(library);

    let options = OpenOptions {
        create: false,
        read_only: true,
    };
    let mut library = Library::open_with(dir.path(), options).unwrap();
    let read_only = |result: Result<(), Error>, what: &str| match result {
        Err(Error::ReadOnly(p)) => assert_eq!(p, dir.path(), "{what}"),
        other => panic!("{what}: {other:?}"),
    };
    let item = book("Roe", 2010, "x");
    read_only(
        library
            .import_bytes("new.md", b"# New\n\nNew text.\n", None)
            .map(drop),
        "import_bytes",
    );
    read_only(library.delete_document(doc), "delete_document");
    read_only(library.audit(doc).map(drop), "audit");
    read_only(
        library.correct_reference(doc, 0, &item).map(drop),
        "correct_reference",
    );
    read_only(library.link_works().map(drop), "link_works");
    read_only(library.update_work(work, &item), "update_work");
    read_only(library.merge_works(work, &[other]), "merge_works");
    read_only(library.split_work(doc, 0).map(drop), "split_work");
    read_only(
        library.import_works(std::slice::from_ref(&item)).map(drop),
        "import_works",
    );
    read_only(
        library.create_list("M", Purpose::Reading).map(drop),
        "create_list",
    );
    read_only(
        library.add_to_list("L", &[work], Placement::default()),
        "add_to_list",
    );
    read_only(
        library.move_list_item("L", other, None, 0),
        "move_list_item",
    );
    read_only(
        library.update_list_item("L", other, None, Some("n")),
        "update_list_item",
    );
    read_only(library.remove_from_list("L", work), "remove_from_list");
    read_only(
        library.set_list_style("L", "apa").map(drop),
        "set_list_style",
    );
    read_only(library.delete_list("L"), "delete_list");
    read_only(
        library.add_theme("Care", "care", None).map(drop),
        "add_theme",
    );
    read_only(library.delete_theme("Shame"), "delete_theme");
    read_only(library.remove_style("some-style"), "remove_style");
    let style_file = dir.path().join("s.csl");
    read_only(library.import_style(&style_file).map(drop), "import_style");
    // Reads still work, and what is cached is used without writing.
    assert_eq!(library.documents(&DocFilter::default()).unwrap().len(), 3);
    assert_eq!(list_order(&library, "L"), [work, other]);
    assert_eq!(library.work(work).unwrap().id, work);
}

#[test]
fn reads_of_a_read_only_library_need_no_write() {
    let (dir, mut library, _) = library();
    library.link_works().unwrap();
    drop(library);
    let options = OpenOptions {
        create: false,
        read_only: true,
    };
    let mut library = Library::open_with(dir.path(), options).unwrap();
    assert_eq!(library.link_works().unwrap(), 0);
    assert_eq!(library.works().unwrap().len(), 4);
    let style = library.style("harvard").unwrap();
    let page = library
        .works_page(&Default::default(), &style, 0, None)
        .unwrap();
    assert_eq!(page.total, 4);
    assert!(page.rows.iter().all(|r| !r.text.is_empty()));
}

fn lock_index(dir: &Path) -> quire_search::Index {
    let mut other = quire_search::Index::open(&dir.join(INDEX_DIR)).unwrap();
    other.begin_write().unwrap();
    other
}

#[test]
fn a_deletion_the_index_cannot_follow_is_stored_and_rebuilt_later() {
    let (dir, mut library, doc) = library();
    // Not the newest document, so SQLite does not give its id to the next.
    library
        .import_bytes("other.md", OTHER.as_bytes(), None)
        .unwrap();
    library.index_mut().set_lock_wait(Duration::from_millis(50));
    let other = lock_index(dir.path());
    library.delete_document(doc).unwrap();
    assert!(matches!(library.document(doc), Err(Error::NotFound(_))));
    assert!(library.index().contains(doc).unwrap(), "index behind");
    drop(other);
    // The next write of documents finds the index behind and rebuilds it.
    let report = library
        .import_bytes("third.md", b"# Third\n\nA text of its own.\n", None)
        .unwrap();
    assert_ne!(report[0].id, doc);
    assert!(!library.index().contains(doc).unwrap());
    assert!(library.index().contains(report[0].id).unwrap());
}

#[test]
fn a_panic_inside_a_write_stores_nothing_and_lets_the_index_lock_go() {
    let (dir, mut library, _) = library();
    let body = format!("# Boom\n\nIt says {}.\n", guard::PANIC_MARKER);
    let err = library
        .import_bytes("boom.md", body.as_bytes(), None)
        .unwrap_err();
    assert!(err.to_string().contains("internal error"), "{err}");
    assert_eq!(count(&library, "SELECT count(*) FROM documents"), 1);
    let mut other = quire_search::Index::open(&dir.path().join(INDEX_DIR)).unwrap();
    other.set_lock_wait(Duration::from_millis(50));
    other.begin_write().expect("the index lock was let go");
}

#[test]
fn a_corrupt_correction_is_cleared_and_logged_not_used_silently() {
    let (_dir, mut library, doc) = library();
    let corrupt = |library: &Library, position: i64| {
        library
            .conn()
            .execute(
                "UPDATE reference_parses SET corrected = '{\"type\": 7' WHERE document_id = ?1 AND position = ?2",
                params![doc, position],
            )
            .unwrap();
    };
    let corrected_of = |library: &Library, position: i64| -> Option<String> {
        library
            .conn()
            .query_row(
                "SELECT corrected FROM reference_parses WHERE document_id = ?1 AND position = ?2",
                params![doc, position],
                |r| r.get(0),
            )
            .unwrap()
    };
    // In an audit: the parser's reading is used and the row repaired.
    let parsed = library.audit(doc).unwrap().references[0].csl.clone();
    corrupt(&library, 0);
    let audit = library.audit(doc).unwrap();
    assert_eq!(audit.references[0].csl, parsed);
    assert_eq!(corrected_of(&library, 0), None);
    // In linking: the same.
    corrupt(&library, 1);
    assert_eq!(library.link_works().unwrap(), 4);
    assert_eq!(corrected_of(&library, 1), None);
    let jones = linked(&library, doc, 1).unwrap().0;
    assert_eq!(
        library.work(jones).unwrap().csl,
        quire_cite::parse_reference(
            "Jones AB. Relationship-based practice. Br J Soc Work. 2019;49(4):1021-45."
        )
    );
}

#[test]
fn a_corrupt_work_is_a_typed_error_until_it_is_edited() {
    let (_dir, mut library, doc) = library();
    library.link_works().unwrap();
    let work = linked(&library, doc, 0).unwrap().0;
    library.create_list("L", Purpose::Reading).unwrap();
    library
        .add_to_list("L", &[work], Placement::default())
        .unwrap();
    library
        .conn()
        .execute("UPDATE works SET csl = '{oops' WHERE id = ?1", [work])
        .unwrap();
    let corrupt = |result: Result<(), Error>, what: &str| match result {
        Err(Error::Corrupt { what: row, .. }) => assert_eq!(row, format!("work {work}"), "{what}"),
        other => panic!("{what}: {other:?}"),
    };
    corrupt(library.work(work).map(drop), "work");
    corrupt(library.works().map(drop), "works");
    corrupt(library.list("L").map(drop), "list");
    let style = library.style("harvard").unwrap();
    corrupt(
        library
            .works_page(&Default::default(), &style, 0, None)
            .map(drop),
        "works_page",
    );
    let query = crate::WorksFilter {
        query: Some("poverty".into()),
        ..Default::default()
    };
    corrupt(
        library.works_page(&query, &style, 0, None).map(drop),
        "works_page with words",
    );
    // Matching against it would match against nothing: refused, nothing imported.
    corrupt(
        library
            .import_works(&[book("Ruch", 2010, "Relationship-based social work")])
            .map(drop),
        "import_works",
    );
    assert_eq!(
        count(&library, "SELECT count(*) FROM works WHERE imported = 1"),
        0
    );
    // A person's edit replaces it.
    library
        .update_work(work, &book("Smith", 2005, "Poverty and shame"))
        .unwrap();
    assert_eq!(
        library.work(work).unwrap().csl.title.as_deref(),
        Some("Poverty and shame")
    );
    assert_eq!(library.list("L").unwrap().items.len(), 1);
}

#[test]
fn theme_and_style_writes_go_through_the_write() {
    let (_dir, mut library, _) = library();
    let theme = library.add_theme("Shame", "shame", None).unwrap();
    assert!(theme.colour.starts_with('#'));
    assert!(matches!(
        library.add_theme("Bad", "x", Some("red")),
        Err(Error::Invalid(_))
    ));
    library.delete_theme("Shame").unwrap();
    assert!(matches!(
        library.delete_theme("Shame"),
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        library.remove_style("not-imported"),
        Err(Error::NotFound(_))
    ));
}
