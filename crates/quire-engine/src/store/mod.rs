//! The SQLite store: opening a library database and keeping its schema current.
//!
//! Queries live with the code that needs them (`library.rs`); this module only
//! owns the connection settings and the migration list.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// File name of the database inside a library folder.
pub const DB_FILE: &str = "library.sqlite3";

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
    M::up(include_str!("migrations/008_formatted_cache.sql")),
];

/// Open (creating if needed) the database in `dir` and migrate it.
pub fn open(dir: &Path) -> Result<Connection> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut conn = Connection::open(dir.join(DB_FILE))?;
    configure(&conn)?;
    Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
    Ok(conn)
}

/// WAL lets the app read while the CLI writes; foreign keys are off by
/// default in SQLite and our cascades depend on them; the busy timeout makes
/// a second process wait for a writer instead of failing at once.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn open_sets_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(dir.path()).unwrap();
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
        open(dir.path()).unwrap();
    }
}
