//! Telling a library we may write from one we may only read, and opening
//! the latter without writing a byte.
//!
//! A library on a read-only disk, in a shared folder or with its files
//! made read-only can still be listed and searched. SQLite in WAL mode
//! wants to create `-wal` and `-shm` files beside the database even to
//! read; when it cannot, the database is opened as immutable.

use std::io::ErrorKind;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// Name of the file created and removed at once to learn whether the
/// folder can be written (permission bits do not say: root ignores them,
/// a read-only mount overrides them).
const PROBE: &str = ".quire-write-probe";

/// Whether the library can be written: its database file and its folder
/// (SQLite creates and deletes journal files there). A missing database
/// counts as writable: creating it will say.
pub(super) fn writable(dir: &Path, db: &Path) -> Result<bool> {
    match std::fs::OpenOptions::new().append(true).open(db) {
        Ok(_) => {}
        Err(e) if denied(&e) => return Ok(false),
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(db, e)),
    }
    let probe = dir.join(format!("{PROBE}-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            // Removing our own empty probe can only fail if someone else
            // removed it; either way it is gone.
            let _ = std::fs::remove_file(&probe);
            Ok(true)
        }
        Err(e) if denied(&e) => Ok(false),
        // A stale probe left by a killed process with our pid.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            let _ = std::fs::remove_file(&probe);
            Ok(true)
        }
        Err(e) => Err(Error::io(dir, e)),
    }
}

fn denied(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    )
}

/// Open the database read-only; if SQLite cannot read it that way (a WAL
/// database whose shared-memory file cannot be created), open it as
/// immutable, which reads the file alone.
pub(super) fn open_read_only(db: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db, flags)?;
    if readable(&conn) {
        return Ok(conn);
    }
    drop(conn);
    let conn = Connection::open_with_flags(format!("{}?immutable=1", uri(db)), flags)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    Ok(conn)
}

fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .is_ok()
}

/// A `file:` URI for `path`, with the characters a URI gives meaning to
/// escaped.
fn uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_escapes_what_a_uri_reads() {
        assert_eq!(
            uri(Path::new("/tmp/a b?c#d%e/library.sqlite3")),
            "file:/tmp/a%20b%3Fc%23d%25e/library.sqlite3"
        );
    }

    #[test]
    fn immutable_fallback_reads_a_wal_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.sqlite3");
        let conn = Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);")
            .unwrap();
        drop(conn);
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(format!("{}?immutable=1", uri(&db)), flags).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
    }

    #[test]
    fn a_writable_folder_is_writable_and_left_clean() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.sqlite3");
        assert!(writable(dir.path(), &db).unwrap());
        std::fs::write(&db, b"").unwrap();
        assert!(writable(dir.path(), &db).unwrap());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "the probe is gone");
    }
}
