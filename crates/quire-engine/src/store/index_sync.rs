//! Keeping the search index in step with the database when several
//! processes share one library.
//!
//! SQLite is the truth and every change to the documents bumps its
//! generation; the index is tagged with the generation it reflects. Writers
//! take the index's lock *before* the database's write lock, so they update
//! the index in the order SQLite committed. A writer that finds the index
//! was already behind (someone stored documents without indexing them)
//! rebuilds it instead of adding to a stale index. A reader that finds the
//! index behind waits briefly for whoever is writing it, and otherwise
//! reads it as it is: it will be rebuilt by the next writer or open.

use std::path::Path;
use std::time::Duration;

use quire_search::Index;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::search::{self, INDEX_DIR};

/// How long opening a library waits for another process that is writing
/// the index before reading it as it is.
const OPEN_WAIT: Duration = Duration::from_secs(5);

/// The note a write leaves when its documents are stored but the index
/// could not follow: the index is rebuilt by the next write of documents
/// or the next open, which find it behind.
pub(crate) const INDEX_BEHIND: &str = "stored; search index will be rebuilt";

/// Open the index of the library in `dir`: read-only if the library is,
/// in memory if a read-only library has no usable index.
pub(crate) fn open(conn: &mut Connection, dir: &Path, read_only: bool) -> Result<Index> {
    let at = dir.join(INDEX_DIR);
    if read_only {
        return Ok(match Index::open_read_only(&at)? {
            Some(index) => index,
            None => Index::in_memory(&at)?,
        });
    }
    if at.join("meta.json").exists() {
        return Ok(Index::open(&at)?);
    }
    // A new index: created under the database's write lock, so two
    // processes opening a new library at once do not both create it.
    let tx = crate::store::write(conn)?;
    let index = Index::open(&at)?;
    tx.commit()?;
    Ok(index)
}

/// After opening: rebuild the index if it is behind the database and
/// nobody else is bringing it up to date.
pub(crate) fn catch_up(library: &mut Library) -> Result<()> {
    let want = search::generation(library.conn())?;
    if library.index().generation()? == want {
        return Ok(());
    }
    if library.index().is_read_only() {
        // Behind and unwritable: build a current one in memory.
        let at = library.index().dir().to_path_buf();
        *library.index_mut() = Index::in_memory(&at)?;
        library.reindex()?;
        return Ok(());
    }
    let index = library.index_mut();
    let usual = index.lock_wait();
    index.set_lock_wait(OPEN_WAIT);
    let locked = index.begin_write();
    index.set_lock_wait(usual);
    match locked {
        Ok(()) => {
            // Whoever held the lock may have caught the index up.
            let want = search::generation(library.conn())?;
            if library.index().generation()? == want {
                library.index_mut().abandon();
            } else {
                library.reindex()?;
            }
            Ok(())
        }
        // Still being written: read it as it is.
        Err(quire_search::Error::Locked(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// After a commit that took the database to `generation`, bring the index
/// along: `ready` is the outcome of taking the index lock before the
/// commit. The documents are stored whatever happens here, so a failure
/// is returned as the note to report, not as an error; the index is then
/// rebuilt by the next write or open, which find it behind.
pub(crate) fn after_commit(
    library: &mut Library,
    ready: quire_search::Result<()>,
    stored: &[i64],
    deleted: &[i64],
    generation: u64,
) -> Option<String> {
    let synced = ready.map_err(Error::from).and_then(|()| {
        if library.index().generation()? + 1 == generation {
            library.index_changes(stored, deleted, generation)
        } else {
            library.reindex().map(drop)
        }
    });
    match synced {
        Ok(()) => None,
        Err(e) => {
            library.index_mut().abandon();
            Some(format!("{INDEX_BEHIND} ({e})"))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;
    use crate::store::OpenOptions;

    const ESSAY: &str = "# Working better together\n\nBy Ann Example - University of Lincoln\n\nRelationship-based practice needs time with the people we work with.\n";
    const OTHER: &str = "# Co-production\n\nBy Bea Example - University of Kent\n\nCo-production with families asks us to share power and decisions.\n";

    fn lock_index(dir: &Path) -> Index {
        let mut other = Index::open(&dir.join(INDEX_DIR)).unwrap();
        other.begin_write().unwrap();
        other
    }

    fn indexed(library: &Library, id: i64) -> bool {
        library.index().contains(id).unwrap()
    }

    #[test]
    fn index_trouble_after_the_commit_is_a_warning_not_a_failure() {
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        library
            .index_mut()
            .set_lock_wait(Duration::from_millis(100));
        let other = lock_index(tmp.path());
        let file = tmp.path().join("essay.md");
        std::fs::write(&file, ESSAY).unwrap();
        let report = library.import_files(&[file], &Default::default(), &mut |_| {});
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(report.imported.len(), 1);
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(report.warnings[0].path, "essay.md");
        assert!(
            report.warnings[0].message.starts_with(INDEX_BEHIND),
            "{}",
            report.warnings[0].message
        );
        let json = serde_json::to_value(&report).unwrap();
        assert!(json.get("warnings").is_some());
        let id = report.imported[0].id;
        assert!(library.document(id).is_ok(), "stored in SQLite");
        assert!(!indexed(&library, id));

        // The next write, once the lock is free, finds the index behind and
        // rebuilds it, so the first document is searchable too.
        drop(other);
        let file = tmp.path().join("second.md");
        std::fs::write(&file, OTHER).unwrap();
        let report = library.import_files(&[file], &Default::default(), &mut |_| {});
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert!(indexed(&library, id));
        assert!(indexed(&library, report.imported[0].id));
    }

    #[test]
    fn the_next_open_rebuilds_an_index_left_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        library.index_mut().set_lock_wait(Duration::from_millis(50));
        let other = lock_index(tmp.path());
        let id = library
            .import_bytes("e.md", ESSAY.as_bytes(), None)
            .unwrap()[0]
            .id;
        drop(library);
        drop(other);
        let library = Library::open(tmp.path()).unwrap();
        assert!(indexed(&library, id));
    }

    #[test]
    fn opening_waits_for_a_writer_in_another_process() {
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        let id = library
            .import_bytes("e.md", ESSAY.as_bytes(), None)
            .unwrap()[0]
            .id;
        drop(library);
        // Another process has committed SQLite and holds the index lock
        // while it writes the index.
        let conn = rusqlite::Connection::open(tmp.path().join(crate::store::DB_FILE)).unwrap();
        search::bump_generation(&conn).unwrap();
        let other = lock_index(tmp.path());
        let writer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(other);
        });
        let started = Instant::now();
        let library = Library::open(tmp.path()).unwrap();
        writer.join().unwrap();
        assert!(started.elapsed() < OPEN_WAIT, "did not wait out the bound");
        assert_eq!(
            library.index().generation().unwrap(),
            search::generation(library.conn()).unwrap(),
            "caught up once the lock was free"
        );
        assert!(indexed(&library, id));
    }

    #[test]
    fn a_read_only_library_lists_and_searches_and_refuses_writes() {
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        let id = library
            .import_bytes("e.md", ESSAY.as_bytes(), None)
            .unwrap()[0]
            .id;
        drop(library);
        let options = OpenOptions {
            create: false,
            read_only: true,
        };
        let mut library = Library::open_with(tmp.path(), options).unwrap();
        assert!(library.is_read_only());
        assert!(library.index().is_read_only());
        assert_eq!(library.documents(&Default::default()).unwrap().len(), 1);
        let hits = library
            .search(&crate::search::SearchQuery::new("relationship"))
            .unwrap();
        assert_eq!(hits.total, 1);
        let err = library
            .import_bytes("f.md", OTHER.as_bytes(), None)
            .unwrap_err();
        assert!(matches!(err, Error::ReadOnly(_)), "{err}");
        assert!(err.to_string().contains(&tmp.path().display().to_string()));
        assert!(library.delete_document(id).is_err());
        assert_eq!(library.documents(&Default::default()).unwrap().len(), 1);
    }

    #[test]
    fn a_read_only_library_with_a_stale_index_searches_a_fresh_one() {
        let tmp = tempfile::tempdir().unwrap();
        let mut library = Library::open(tmp.path()).unwrap();
        library
            .import_bytes("e.md", ESSAY.as_bytes(), None)
            .unwrap();
        drop(library);
        std::fs::remove_dir_all(tmp.path().join(INDEX_DIR)).unwrap();
        let options = OpenOptions {
            create: false,
            read_only: true,
        };
        let library = Library::open_with(tmp.path(), options).unwrap();
        assert!(!tmp.path().join(INDEX_DIR).exists(), "nothing written");
        let hits = library
            .search(&crate::search::SearchQuery::new("relationship"))
            .unwrap();
        assert_eq!(hits.total, 1);
    }

    /// Really unwritable: only where permissions are enforced (not as root).
    #[cfg(unix)]
    #[test]
    fn an_unwritable_folder_opens_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let lib = tmp.path().join("lib");
        let mut library = Library::open(&lib).unwrap();
        library
            .import_bytes("e.md", ESSAY.as_bytes(), None)
            .unwrap();
        drop(library);
        let set = |mode: u32| {
            for entry in [lib.join(INDEX_DIR), lib.clone()] {
                for f in std::fs::read_dir(&entry).unwrap() {
                    let f = f.unwrap().path();
                    if f.is_file() {
                        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(mode & 0o666))
                            .unwrap();
                    }
                }
                std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode)).unwrap();
            }
        };
        set(0o555);
        let enforced = std::fs::write(lib.join("probe"), b"").is_err();
        if enforced {
            let library = Library::open(&lib).unwrap();
            assert!(library.is_read_only());
            assert_eq!(library.documents(&Default::default()).unwrap().len(), 1);
        } else {
            let _ = std::fs::remove_file(lib.join("probe"));
            eprintln!("skipped: permissions are not enforced for this user (root)");
        }
        set(0o755);
    }
}
