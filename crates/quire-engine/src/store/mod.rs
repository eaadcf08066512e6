//! The SQLite store: opening a library database and keeping its schema current.
//!
//! Queries live with the code that needs them (`library.rs`); this module only
//! owns the connection settings, the migration list, how a folder is opened
//! (created, read-write or read-only) and the one way to begin a write.

mod access;
pub(crate) mod index_sync;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// File name of the database inside a library folder.
pub const DB_FILE: &str = "library.sqlite3";

/// How long a writer waits for another process's write to finish. Writes
/// are one file's documents at a time, so waits are short; thirty imports at
/// once queue well inside this.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Every schema change, in the order applied. A feature adds its own SQL
/// file under `migrations/` (001 foundation; 002 citations, 003 search and
/// 004 works were numbered before they were written, so their lines stand in
/// the order they landed) and appends ONE line at the end of this list.
/// rusqlite_migration records how far a library got by list position, not
/// by file number, so lines are never inserted, reordered or edited once
/// released: existing libraries have already run them.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_foundation.sql")),
    M::up(include_str!("migrations/003_search.sql")),
    M::up(include_str!("migrations/004_works.sql")),
    M::up(include_str!("migrations/002_citations.sql")),
    M::up(include_str!("migrations/005_imported_works.sql")),
    M::up(include_str!("migrations/006_minhash.sql")),
    M::up(include_str!("migrations/007_numeric_citations.sql")),
    M::up(include_str!("migrations/008_formatted_cache.sql")),
    M::up(include_str!("migrations/009_styles.sql")),
    M::up(include_str!("migrations/010_review.sql")),
    M::up(include_str!("migrations/011_ingest.sql")),
];

/// How to open a library folder.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Create the folder and database when there is none. Without it a
    /// folder with no database is [`Error::NoLibrary`].
    pub create: bool,
    /// Open read-only even if the folder could be written.
    pub read_only: bool,
}

/// An open database and whether it is read-only.
pub(crate) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
}

/// Open the database in `dir` as `options` say. A library whose folder or
/// database cannot be written is opened read-only rather than failing; it
/// is then not migrated, and one that would need migrating is refused with
/// [`Error::NeedsMigration`].
pub(crate) fn open(dir: &Path, options: OpenOptions) -> Result<Opened> {
    let db = dir.join(DB_FILE);
    let exists = db.try_exists().map_err(|e| Error::io(&db, e))?;
    if !exists && (!options.create || options.read_only) {
        return Err(Error::NoLibrary(dir.to_owned()));
    }
    if !exists {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    if options.read_only || !access::writable(dir, &db)? {
        let conn = access::open_read_only(&db)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if Migrations::from_slice(MIGRATIONS).pending_migrations(&conn)? != 0 {
            return Err(Error::NeedsMigration(dir.to_owned()));
        }
        return Ok(Opened {
            conn,
            read_only: true,
        });
    }
    let mut conn = Connection::open_with_flags(&db, OpenFlags::default())?;
    configure(&mut conn)?;
    migrate(&mut conn)?;
    Ok(Opened {
        conn,
        read_only: false,
    })
}

/// WAL lets the app read while the CLI writes; foreign keys are off by
/// default in SQLite and our cascades depend on them. Transactions default
/// to IMMEDIATE, so writers that begin them outside [`write`] still wait
/// for the lock (see there).
fn configure(conn: &mut Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    switch_to_wal(conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(())
}

/// Put a new database in WAL mode. Switching needs the exclusive lock, and
/// when two processes holding the shared lock both ask for it, SQLite
/// fails one at once with "database is locked" instead of calling the busy
/// handler (it would deadlock). So the loser waits and tries again, as
/// long as the busy timeout allows; by then the winner has switched, and
/// the mode reads back as WAL. (1 in 25 of 8 concurrent first opens failed
/// here before.)
fn switch_to_wal(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return Ok(other?),
        }
    }
}

/// Bring the schema up to date. Two processes opening a new library at
/// once both read version 0; the second one's migration then fails on
/// tables the first created, and rolls back. That is success if the
/// schema is now current.
fn migrate(conn: &mut Connection) -> Result<()> {
    let migrations = Migrations::from_slice(MIGRATIONS);
    match migrations.to_latest(conn) {
        Ok(()) => Ok(()),
        Err(_) if migrations.pending_migrations(conn)? == 0 => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Begin a write (the engine's writes go through `Library::write`, which
/// calls this). IMMEDIATE takes the write lock at BEGIN, where the busy
/// timeout applies. A deferred transaction that reads first and writes
/// later has to upgrade its lock, and SQLite fails such an upgrade at once
/// with "database is locked" rather than risk a deadlock: that is how 13 of
/// 30 concurrent imports failed.
pub(crate) fn write(conn: &mut Connection) -> Result<Transaction<'_>> {
    refuse_read_only(conn)?;
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

fn refuse_read_only(conn: &Connection) -> Result<()> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        let dir = conn
            .path()
            .map(Path::new)
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        return Err(Error::ReadOnly(dir.to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREATE: OpenOptions = OpenOptions {
        create: true,
        read_only: false,
    };

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn open_sets_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path(), CREATE).unwrap().conn;
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
        // Opening again runs no migration twice.
        drop(conn);
        open(dir.path(), CREATE).unwrap();
    }

    #[test]
    fn only_create_makes_a_library() {
        let dir = tempfile::tempdir().unwrap();
        let typo = dir.path().join("libary");
        let err = open(&typo, OpenOptions::default()).err().unwrap();
        assert!(
            matches!(err, Error::NoLibrary(ref p) if *p == typo),
            "{err}"
        );
        assert!(!typo.exists(), "nothing created for a mistyped path");
        assert!(open(dir.path(), OpenOptions::default()).is_err());
        open(&typo, CREATE).unwrap();
        assert!(!open(&typo, OpenOptions::default()).unwrap().read_only);
    }

    #[test]
    fn read_only_open_reads_and_refuses_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open(dir.path(), CREATE).unwrap().conn;
        write(&mut conn)
            .and_then(|tx| {
                tx.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')", [])?;
                Ok(tx.commit()?)
            })
            .unwrap();
        drop(conn);
        let ro = OpenOptions {
            create: false,
            read_only: true,
        };
        let Opened {
            mut conn,
            read_only,
        } = open(dir.path(), ro).unwrap();
        assert!(read_only);
        let v: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'k'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, "v");
        let err = write(&mut conn).err().unwrap();
        assert!(
            matches!(err, Error::ReadOnly(ref p) if p.ends_with(dir.path().file_name().unwrap())),
            "{err}"
        );
        assert!(conn.execute("DELETE FROM meta", []).is_err());
    }

    #[test]
    fn a_read_only_library_behind_the_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path(), CREATE).unwrap());
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        drop(conn);
        let ro = OpenOptions {
            create: false,
            read_only: true,
        };
        let err = open(dir.path(), ro).err().unwrap();
        assert!(matches!(err, Error::NeedsMigration(_)), "{err}");
    }

    /// Eight opens racing to create each of 40 new libraries: one in 25
    /// such races used to lose the switch to WAL (see `switch_to_wal`), so
    /// 40 make the test fail near-surely if that comes back.
    #[test]
    fn concurrent_first_opens_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..40 {
            let path = dir.path().join(format!("lib{n}"));
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    let path = path.clone();
                    std::thread::spawn(move || open(&path, CREATE).map(|o| o.conn))
                })
                .collect();
            for t in threads {
                let conn = t.join().unwrap().unwrap();
                let mode: String = conn
                    .pragma_query_value(None, "journal_mode", |r| r.get(0))
                    .unwrap();
                assert_eq!(mode, "wal");
            }
        }
    }
}
