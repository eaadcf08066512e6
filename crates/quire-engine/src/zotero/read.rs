//! Reading a Zotero library straight from its data directory (issue 13).
//!
//! **The copy.** Zotero keeps `zotero.sqlite` open with an exclusive lock while
//! it runs, and the file is the person's only copy of years of work. So the
//! reader never opens it: it copies `zotero.sqlite` (with a `-wal` or
//! `-journal` file beside it, if Zotero left one) into a private temporary
//! directory, lets SQLite recover that copy, and reads the copy with
//! `SQLITE_OPEN_READ_ONLY`. The original is only ever read as bytes; a file
//! over [`MAX_DATABASE_BYTES`] is refused rather than copied. Full text comes
//! from the `.zotero-ft-cache` files Zotero writes under `storage/<key>/`.
//!
//! **The version rule.** Zotero records its user-data schema version in the
//! `version` table (`schema = 'userdata'`). Quire knows the tables up to
//! [`KNOWN_USERDATA_VERSION`] (Zotero's `resource/schema/userdata.sql`, "-- 124");
//! a library written by a newer Zotero is refused with a message saying what to
//! do, since its tables may mean something else. Older libraries are read as
//! far as their tables allow: every table and column is looked up before use,
//! and what is missing is left out with a line in [`ZoteroLibrary::skipped`].
//! Type, field and creator-type IDs differ between databases (Zotero numbers
//! them when it builds the database), so everything is joined by name.
//!
//! **The mapping** is Zotero's own CSL-JSON export mapping; see `fields.rs`.
//!
//! A handful of whole-table queries read the library (items, field values,
//! creators, tags, collections, attachments), so 50,000 items take seconds.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use quire_csl::CslItem;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags};

use super::fields::{self, Creator, ZItem};

/// The newest Zotero user-data schema Quire has read: `userdata.sql` "-- 124"
/// (Zotero 7), the schema the test fixture is built from.
pub const KNOWN_USERDATA_VERSION: i64 = 124;
/// `zotero.sqlite` files larger than this (2 GB) are refused, not copied.
pub const MAX_DATABASE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// A `.zotero-ft-cache` larger than this (20 MB) is skipped.
pub const MAX_FULLTEXT_BYTES: u64 = 20 * 1024 * 1024;
/// Collection nesting deeper than this is taken for a loop.
const MAX_COLLECTION_DEPTH: usize = 64;

/// A Zotero library as read: its works, collections, and what was left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZoteroLibrary {
    pub items: Vec<ZoteroItem>,
    pub collections: Vec<ZoteroCollection>,
    /// One line per thing left out or read only in part, for the person.
    pub skipped: Vec<String>,
}

/// One regular Zotero item (not a note, attachment or annotation, not in the
/// trash) as CSL-JSON with its tags, collections and attachments' full text.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroItem {
    /// `"<libraryID>/<key>"`, e.g. `"1/ABCD2345"`: stable across re-imports.
    pub key: String,
    /// Changes whenever the item is edited in Zotero: `clientDateModified` as
    /// seconds since 1970 (UTC), or `items.version` where that is missing.
    pub version: i64,
    pub csl: CslItem,
    /// Tag names, sorted, without duplicates.
    pub tags: Vec<String>,
    /// Keys of the collections holding the item (see [`ZoteroCollection::key`]).
    pub collections: Vec<String>,
    /// Indexed text of the item's attachments, where Zotero has it.
    pub fulltext: Vec<Fulltext>,
}

/// The text Zotero indexed from one attachment.
#[derive(Debug, Clone, PartialEq)]
pub struct Fulltext {
    /// `"<libraryID>/<key>"` of the attachment item.
    pub attachment_key: String,
    pub title: String,
    pub text: String,
}

/// A collection (not in the trash).
#[derive(Debug, Clone, PartialEq)]
pub struct ZoteroCollection {
    /// `"<libraryID>/<key>"`.
    pub key: String,
    pub name: String,
    /// The parent collection's key; `None` at the top (or where the parents loop).
    pub parent: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ZoteroError {
    #[error("{path} is not a Zotero data directory: {why}. Choose the folder Zotero shows under Settings → Advanced → Files and Folders → Data Directory Location (it holds zotero.sqlite)")]
    NotZoteroDir { path: PathBuf, why: String },
    #[error("{path} is not an SQLite database, so not a Zotero library; choose the zotero.sqlite in Zotero's data directory")]
    NotSqlite { path: PathBuf },
    #[error("{path} is an SQLite database but not a Zotero library (no {missing} table); choose the zotero.sqlite in Zotero's data directory")]
    NotZoteroDatabase { path: PathBuf, missing: String },
    #[error("this library was written by a newer Zotero (schema {found}; Quire knows up to {known}): update Quire, or export the library as CSL-JSON from Zotero and import that")]
    NewerSchema { found: i64, known: i64 },
    #[error("{path} is {bytes} bytes, more than Quire copies (2 GB); export the library as CSL-JSON from Zotero and import that")]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("could not copy {path} to read it ({source}); check that Quire may read the file, or close Zotero and try again")]
    Copy {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not read the copy of the Zotero library: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Reads the Zotero library in `dir`, a Zotero data directory or the path of
/// its `zotero.sqlite`, without writing to it.
pub fn read(dir: &Path) -> Result<ZoteroLibrary, ZoteroError> {
    let (db_path, data_dir) = locate(dir)?;
    check_header(&db_path)?;
    let copy = TempCopy::of(&db_path)?;
    let conn = copy.open()?;
    read_connection(&conn, &db_path, &data_dir)
}

/// `zotero.sqlite` and the data directory holding it.
fn locate(dir: &Path) -> Result<(PathBuf, PathBuf), ZoteroError> {
    let not = |why: &str| ZoteroError::NotZoteroDir {
        path: dir.to_path_buf(),
        why: why.into(),
    };
    let meta = fs::metadata(dir).map_err(|_| not("it does not exist or cannot be read"))?;
    if meta.is_dir() {
        let db = dir.join("zotero.sqlite");
        if !db.is_file() {
            return Err(not("it holds no zotero.sqlite"));
        }
        Ok((db, dir.to_path_buf()))
    } else {
        let parent = dir
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok((dir.to_path_buf(), parent))
    }
}

/// Refuses a file that does not start like an SQLite database, before copying.
fn check_header(db: &Path) -> Result<(), ZoteroError> {
    let mut head = [0u8; 16];
    let mut f = fs::File::open(db).map_err(|source| ZoteroError::Copy {
        path: db.to_path_buf(),
        source,
    })?;
    let n = f.read(&mut head).map_err(|source| ZoteroError::Copy {
        path: db.to_path_buf(),
        source,
    })?;
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(ZoteroError::NotSqlite {
            path: db.to_path_buf(),
        });
    }
    Ok(())
}

/// A private copy of the database in a temporary directory, removed on drop.
struct TempCopy {
    dir: PathBuf,
    db: PathBuf,
    with_sidecar: bool,
}

impl TempCopy {
    fn of(original: &Path) -> Result<TempCopy, ZoteroError> {
        let copy_err = |source| ZoteroError::Copy {
            path: original.to_path_buf(),
            source,
        };
        let bytes = fs::metadata(original).map_err(copy_err)?.len();
        if bytes > MAX_DATABASE_BYTES {
            return Err(ZoteroError::TooLarge {
                path: original.to_path_buf(),
                bytes,
            });
        }
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        static COPIES: AtomicU64 = AtomicU64::new(0);
        let n = COPIES.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("quire-zotero-{}-{nanos}-{n}", std::process::id()));
        fs::create_dir_all(&dir).map_err(copy_err)?;
        let mut copy = TempCopy {
            db: dir.join("zotero.sqlite"),
            dir,
            with_sidecar: false,
        };
        // Zotero may be writing while we copy: copy again (a few times) when
        // the file changed underneath.
        for attempt in 0.. {
            let before = stamp(original);
            copy.with_sidecar = false;
            fs::copy(original, &copy.db).map_err(copy_err)?;
            for suffix in ["-wal", "-journal"] {
                let side = sidecar(original, suffix);
                let target = sidecar(&copy.db, suffix);
                let _ = fs::remove_file(&target);
                if side.is_file() {
                    fs::copy(&side, &target).map_err(copy_err)?;
                    copy.with_sidecar = true;
                }
            }
            if stamp(original) == before || attempt >= 3 {
                break;
            }
        }
        Ok(copy)
    }

    /// Opens the copy read-only, after letting SQLite roll back or check in
    /// what a `-journal` or `-wal` file beside it held (on the copy only).
    fn open(&self) -> Result<Connection, ZoteroError> {
        if self.with_sidecar {
            let rw = Connection::open_with_flags(
                &self.db,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let _ = rw.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            });
        }
        Ok(Connection::open_with_flags(
            &self.db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?)
    }
}

impl Drop for TempCopy {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn stamp(p: &Path) -> Option<(u64, SystemTime)> {
    let m = fs::metadata(p).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// The tables (and their columns) of the database.
struct Schema {
    tables: HashMap<String, HashSet<String>>,
}

impl Schema {
    fn load(conn: &Connection) -> Result<Schema, rusqlite::Error> {
        let mut tables = HashMap::new();
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        let names: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(Result::ok)
            .collect();
        for name in names {
            let mut cols = HashSet::new();
            let sql = format!("PRAGMA table_info(\"{}\")", name.replace('"', "\"\""));
            if let Ok(mut info) = conn.prepare(&sql) {
                if let Ok(rows) = info.query_map([], |r| r.get::<_, String>(1)) {
                    cols.extend(rows.filter_map(Result::ok));
                }
            }
            tables.insert(name, cols);
        }
        Ok(Schema { tables })
    }

    fn has_cols(&self, table: &str, cols: &[&str]) -> bool {
        self.tables
            .get(table)
            .is_some_and(|c| cols.iter().all(|col| c.contains(*col)))
    }
}

/// A whole-table query whose rows are read leniently: a row that does not fit
/// is passed over, never a reason to stop.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    mut f: impl FnMut(&rusqlite::Row<'_>) -> Option<T>,
) -> Result<Vec<T>, rusqlite::Error> {
    let mut stmt = conn.prepare(sql)?;
    let mut out = Vec::new();
    let mut q = stmt.query([])?;
    while let Some(row) = q.next()? {
        if let Some(v) = f(row) {
            out.push(v);
        }
    }
    Ok(out)
}

fn int(row: &rusqlite::Row<'_>, i: usize) -> Option<i64> {
    match row.get::<_, SqlValue>(i).ok()? {
        SqlValue::Integer(n) => Some(n),
        SqlValue::Real(f) if f.fract() == 0.0 => Some(f as i64),
        SqlValue::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A value as text, whatever SQLite stored it as (Zotero stores `21` for a
/// volume as an integer).
fn text(row: &rusqlite::Row<'_>, i: usize) -> Option<String> {
    match row.get::<_, SqlValue>(i).ok()? {
        SqlValue::Null => None,
        SqlValue::Integer(n) => Some(n.to_string()),
        SqlValue::Real(f) => Some(f.to_string()),
        SqlValue::Text(s) => Some(s),
        SqlValue::Blob(b) => Some(String::from_utf8_lossy(&b).into_owned()),
    }
}

/// What the reader knows of every item row, works or not.
struct Row {
    library: i64,
    key: String,
    type_id: i64,
    version: i64,
}

fn read_connection(
    conn: &Connection,
    db_path: &Path,
    data_dir: &Path,
) -> Result<ZoteroLibrary, ZoteroError> {
    let schema = match Schema::load(conn) {
        Ok(s) => s,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(ZoteroError::NotSqlite {
                path: db_path.to_path_buf(),
            })
        }
        Err(e) => return Err(e.into()),
    };
    let required: [(&str, &[&str]); 4] = [
        ("items", &["itemID", "itemTypeID", "key"]),
        ("itemData", &["itemID", "fieldID", "valueID"]),
        ("itemDataValues", &["valueID", "value"]),
        ("fields", &["fieldID", "fieldName"]),
    ];
    for (table, cols) in required {
        if !schema.has_cols(table, cols) {
            return Err(ZoteroError::NotZoteroDatabase {
                path: db_path.to_path_buf(),
                missing: table.into(),
            });
        }
    }
    if !schema.has_cols("itemTypes", &["itemTypeID", "typeName"]) {
        return Err(ZoteroError::NotZoteroDatabase {
            path: db_path.to_path_buf(),
            missing: "itemTypes".into(),
        });
    }
    if schema.has_cols("version", &["schema", "version"]) {
        let found: Option<i64> = conn
            .query_row(
                "SELECT version FROM version WHERE schema = 'userdata'",
                [],
                |r| Ok(int(r, 0)),
            )
            .ok()
            .flatten();
        if let Some(found) = found {
            if found > KNOWN_USERDATA_VERSION {
                return Err(ZoteroError::NewerSchema {
                    found,
                    known: KNOWN_USERDATA_VERSION,
                });
            }
        }
    }

    let mut skipped = Vec::new();
    let note_missing = |skipped: &mut Vec<String>, what: &str, table: &str| {
        skipped.push(format!(
            "{what} were not read: this library has no usable {table} table"
        ))
    };

    // Names of types, fields and creator types (IDs differ between databases).
    let mut type_names: HashMap<i64, String> = HashMap::new();
    for table in ["itemTypes", "itemTypesCombined"] {
        if schema.has_cols(table, &["itemTypeID", "typeName"]) {
            let sql = format!("SELECT itemTypeID, typeName FROM {table}");
            for (id, name) in rows(conn, &sql, |r| Some((int(r, 0)?, text(r, 1)?)))? {
                type_names.entry(id).or_insert(name);
            }
        }
    }
    let mut field_names: HashMap<i64, String> = HashMap::new();
    for table in ["fields", "fieldsCombined"] {
        if schema.has_cols(table, &["fieldID", "fieldName"]) {
            let sql = format!("SELECT fieldID, fieldName FROM {table}");
            for (id, name) in rows(conn, &sql, |r| Some((int(r, 0)?, text(r, 1)?)))? {
                field_names.entry(id).or_insert(name);
            }
        }
    }
    let mut base_of: HashMap<(i64, i64), String> = HashMap::new();
    for table in ["baseFieldMappings", "baseFieldMappingsCombined"] {
        if schema.has_cols(table, &["itemTypeID", "baseFieldID", "fieldID"]) {
            let sql = format!("SELECT itemTypeID, baseFieldID, fieldID FROM {table}");
            for (ty, base, field) in
                rows(conn, &sql, |r| Some((int(r, 0)?, int(r, 1)?, int(r, 2)?)))?
            {
                if let Some(name) = field_names.get(&base) {
                    base_of.entry((ty, field)).or_insert_with(|| name.clone());
                }
            }
        }
    }
    let mut creator_types: HashMap<i64, String> = HashMap::new();
    if schema.has_cols("creatorTypes", &["creatorTypeID", "creatorType"]) {
        let sql = "SELECT creatorTypeID, creatorType FROM creatorTypes";
        creator_types.extend(rows(conn, sql, |r| Some((int(r, 0)?, text(r, 1)?)))?);
    }
    let mut primary: HashMap<i64, String> = HashMap::new();
    if schema.has_cols(
        "itemTypeCreatorTypes",
        &["itemTypeID", "creatorTypeID", "primaryField"],
    ) {
        let sql =
            "SELECT itemTypeID, creatorTypeID FROM itemTypeCreatorTypes WHERE primaryField = 1";
        for (ty, ct) in rows(conn, sql, |r| Some((int(r, 0)?, int(r, 1)?)))? {
            if let Some(name) = creator_types.get(&ct) {
                primary.insert(ty, name.clone());
            }
        }
    }

    // Every item row; trash and feed items set aside.
    let ids_of = |table: &str| -> Result<HashSet<i64>, rusqlite::Error> {
        if !schema.has_cols(table, &["itemID"]) {
            return Ok(HashSet::new());
        }
        Ok(
            rows(conn, &format!("SELECT itemID FROM {table}"), |r| int(r, 0))?
                .into_iter()
                .collect(),
        )
    };
    let trash = ids_of("deletedItems")?;
    let feed_items = ids_of("feedItems")?;
    let feed_libraries: HashSet<i64> = if schema.has_cols("libraries", &["libraryID", "type"]) {
        rows(
            conn,
            "SELECT libraryID FROM libraries WHERE type = 'feed'",
            |r| int(r, 0),
        )?
        .into_iter()
        .collect()
    } else {
        HashSet::new()
    };
    let item_cols = &schema.tables["items"];
    let col_or = |col: &str, default: &str| -> String {
        if item_cols.contains(col) {
            col.to_string()
        } else {
            default.to_string()
        }
    };
    let items_sql = format!(
        "SELECT itemID, itemTypeID, {}, key, {}, {} FROM items ORDER BY itemID",
        col_or("libraryID", "NULL"),
        col_or("clientDateModified", "NULL"),
        col_or("version", "NULL"),
    );
    let mut all: HashMap<i64, Row> = HashMap::new();
    let mut works: Vec<i64> = Vec::new();
    let mut trashed = 0usize;
    for (id, row) in rows(conn, &items_sql, |r| {
        let id = int(r, 0)?;
        let key = text(r, 3).filter(|k| !k.trim().is_empty())?;
        let modified = text(r, 4).as_deref().and_then(sql_timestamp);
        Some((
            id,
            Row {
                library: int(r, 2).unwrap_or(1),
                key,
                type_id: int(r, 1).unwrap_or(-1),
                version: modified.or_else(|| int(r, 5)).unwrap_or(0),
            },
        ))
    })? {
        let type_name = type_names.get(&row.type_id).map(String::as_str);
        let is_work = !type_name.is_some_and(|t| fields::NOT_WORKS.contains(&t));
        if is_work && !feed_items.contains(&id) && !feed_libraries.contains(&row.library) {
            if trash.contains(&id) {
                trashed += 1;
            } else {
                works.push(id);
            }
        }
        all.insert(id, row);
    }
    if trashed > 0 {
        skipped.push(format!(
            "{trashed} item{} in Zotero's trash {} left out",
            if trashed == 1 { "" } else { "s" },
            if trashed == 1 { "was" } else { "were" }
        ));
    }

    // Attachments, whose titles and full text are wanted.
    let mut attachments: Vec<(i64, i64)> = Vec::new(); // (attachment, parent)
    if schema.has_cols("itemAttachments", &["itemID", "parentItemID"]) {
        let sql = "SELECT itemID, parentItemID FROM itemAttachments \
                   WHERE parentItemID IS NOT NULL ORDER BY itemID";
        attachments = rows(conn, sql, |r| Some((int(r, 0)?, int(r, 1)?)))?;
        attachments.retain(|(a, _)| !trash.contains(a));
    }

    // Field values, by name, for works (and titles of attachments).
    let mut z: HashMap<i64, ZItem> = works
        .iter()
        .map(|id| {
            let row = &all[id];
            let item_type = type_names.get(&row.type_id).cloned().unwrap_or_default();
            let primary_creator = primary
                .get(&row.type_id)
                .cloned()
                .unwrap_or_else(|| fields::default_primary_creator(&item_type).to_string());
            (
                *id,
                ZItem {
                    item_type,
                    primary_creator,
                    ..ZItem::default()
                },
            )
        })
        .collect();
    let attachment_ids: HashSet<i64> = attachments.iter().map(|(a, _)| *a).collect();
    let mut attachment_titles: HashMap<i64, String> = HashMap::new();
    let data_sql = "SELECT d.itemID, d.fieldID, v.value FROM itemData d \
                    JOIN itemDataValues v ON v.valueID = d.valueID";
    let mut stmt = conn.prepare(data_sql)?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let (Some(id), Some(field_id)) = (int(r, 0), int(r, 1)) else {
            continue;
        };
        let Some(name) = field_names.get(&field_id) else {
            continue;
        };
        if let Some(item) = z.get_mut(&id) {
            let Some(value) = text(r, 2) else { continue };
            let type_id = all[&id].type_id;
            let base = base_of
                .get(&(type_id, field_id))
                .map(String::as_str)
                .or_else(|| fields::default_base_field(name));
            if let Some(base) = base {
                item.fields
                    .entry(base.to_string())
                    .or_insert_with(|| value.clone());
            }
            item.fields.insert(name.clone(), value);
        } else if name == "title" && attachment_ids.contains(&id) {
            if let Some(value) = text(r, 2) {
                attachment_titles.insert(id, value);
            }
        }
    }
    drop(q);
    drop(stmt);

    // Creators, in order.
    let creators_sql = if schema.has_cols("creators", &["creatorID", "firstName", "lastName"]) {
        let mode = if schema.has_cols("creators", &["fieldMode"]) {
            "c.fieldMode"
        } else {
            "0"
        };
        Some(format!(
            "SELECT ic.itemID, ic.creatorTypeID, c.firstName, c.lastName, {mode} \
             FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID \
             ORDER BY ic.itemID, ic.orderIndex"
        ))
    } else if schema.has_cols("creators", &["creatorID", "creatorDataID"])
        && schema.has_cols(
            "creatorData",
            &["creatorDataID", "firstName", "lastName", "fieldMode"],
        )
    {
        // Zotero 4 and older kept names in creatorData.
        Some(
            "SELECT ic.itemID, ic.creatorTypeID, d.firstName, d.lastName, d.fieldMode \
             FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID \
             JOIN creatorData d ON d.creatorDataID = c.creatorDataID \
             ORDER BY ic.itemID, ic.orderIndex"
                .to_string(),
        )
    } else {
        None
    };
    match creators_sql {
        Some(sql)
            if schema.has_cols(
                "itemCreators",
                &["itemID", "creatorID", "creatorTypeID", "orderIndex"],
            ) =>
        {
            let mut stmt = conn.prepare(&sql)?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                let Some(item) = int(r, 0).and_then(|id| z.get_mut(&id)) else {
                    continue;
                };
                let creator_type = int(r, 1)
                    .and_then(|t| creator_types.get(&t).cloned())
                    .unwrap_or_default();
                item.creators.push(Creator {
                    creator_type,
                    first: text(r, 2).unwrap_or_default(),
                    last: text(r, 3).unwrap_or_default(),
                    field_mode: int(r, 4).unwrap_or(0),
                });
            }
        }
        _ => note_missing(
            &mut skipped,
            "Authors, editors and other creators",
            "creators",
        ),
    }

    // Tags.
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    if schema.has_cols("itemTags", &["itemID", "tagID"])
        && schema.has_cols("tags", &["tagID", "name"])
    {
        let sql = "SELECT it.itemID, t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID";
        for (id, name) in rows(conn, sql, |r| Some((int(r, 0)?, text(r, 1)?)))? {
            if z.contains_key(&id) && !name.trim().is_empty() {
                tags.entry(id).or_default().push(name);
            }
        }
    } else {
        note_missing(&mut skipped, "Tags", "tags");
    }

    // Collections, less those in the trash (or under one that is).
    let mut collections = Vec::new();
    let mut item_collections: HashMap<i64, Vec<String>> = HashMap::new();
    if schema.has_cols("collections", &["collectionID", "collectionName", "key"]) {
        let cols = &schema.tables["collections"];
        let sql = format!(
            "SELECT collectionID, collectionName, {}, {}, key FROM collections ORDER BY collectionID",
            if cols.contains("parentCollectionID") { "parentCollectionID" } else { "NULL" },
            if cols.contains("libraryID") { "libraryID" } else { "NULL" },
        );
        let found: Vec<(i64, String, Option<i64>, String)> = rows(conn, &sql, |r| {
            let key = text(r, 4).filter(|k| !k.trim().is_empty())?;
            Some((
                int(r, 0)?,
                text(r, 1).unwrap_or_default(),
                int(r, 2),
                format!("{}/{}", int(r, 3).unwrap_or(1), key),
            ))
        })?;
        let deleted: HashSet<i64> = if schema.has_cols("deletedCollections", &["collectionID"]) {
            rows(conn, "SELECT collectionID FROM deletedCollections", |r| {
                int(r, 0)
            })?
            .into_iter()
            .collect()
        } else {
            HashSet::new()
        };
        let parent_of: HashMap<i64, Option<i64>> =
            found.iter().map(|(id, _, p, _)| (*id, *p)).collect();
        let key_of: HashMap<i64, &str> = found
            .iter()
            .map(|(id, _, _, k)| (*id, k.as_str()))
            .collect();
        let mut kept: HashMap<i64, String> = HashMap::new();
        for (id, name, parent, key) in &found {
            // Walk up: drop the collection if it or an ancestor is in the
            // trash; cut its parent off if the chain loops.
            let (mut cur, mut depth, mut in_trash, mut looped) = (Some(*id), 0, false, false);
            while let Some(c) = cur {
                if deleted.contains(&c) {
                    in_trash = true;
                    break;
                }
                depth += 1;
                cur = parent_of.get(&c).copied().flatten();
                if cur == Some(*id) || depth > MAX_COLLECTION_DEPTH {
                    looped = true;
                    break;
                }
            }
            if in_trash {
                continue;
            }
            let parent = match parent {
                _ if looped => {
                    skipped.push(format!(
                        "collection \"{name}\" ({key}): its parent collections loop, so it is shown at the top"
                    ));
                    None
                }
                Some(p) => key_of.get(p).map(|k| k.to_string()),
                None => None,
            };
            kept.insert(*id, key.clone());
            collections.push(ZoteroCollection {
                key: key.clone(),
                name: name.clone(),
                parent,
            });
        }
        // A parent that was dropped (in the trash) leaves its child at the top.
        let kept_keys: HashSet<&String> = kept.values().collect();
        for c in &mut collections {
            if c.parent.as_ref().is_some_and(|p| !kept_keys.contains(p)) {
                c.parent = None;
            }
        }
        if schema.has_cols("collectionItems", &["collectionID", "itemID"]) {
            let sql = "SELECT collectionID, itemID FROM collectionItems";
            for (cid, iid) in rows(conn, sql, |r| Some((int(r, 0)?, int(r, 1)?)))? {
                if let (Some(key), true) = (kept.get(&cid), z.contains_key(&iid)) {
                    item_collections.entry(iid).or_default().push(key.clone());
                }
            }
        }
    } else {
        note_missing(&mut skipped, "Collections", "collections");
    }

    // Full text Zotero cached for the attachments.
    let mut fulltext: HashMap<i64, Vec<Fulltext>> = HashMap::new();
    let storage = data_dir.join("storage");
    for (att, parent) in &attachments {
        if !z.contains_key(parent) {
            continue;
        }
        let Some(row) = all.get(att) else { continue };
        if row.key.contains(['/', '\\']) || row.key.starts_with('.') {
            continue;
        }
        let path = storage.join(&row.key).join(".zotero-ft-cache");
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        let attachment_key = format!("{}/{}", row.library, row.key);
        if meta.len() > MAX_FULLTEXT_BYTES {
            skipped.push(format!(
                "full text of attachment {attachment_key} was left out: {} MB is more than Quire reads (20 MB)",
                meta.len() / (1024 * 1024)
            ));
            continue;
        }
        match fs::read(&path) {
            Ok(bytes) => fulltext.entry(*parent).or_default().push(Fulltext {
                attachment_key,
                title: attachment_titles.get(att).cloned().unwrap_or_default(),
                text: String::from_utf8_lossy(&bytes).into_owned(),
            }),
            Err(e) => skipped.push(format!(
                "full text of attachment {attachment_key} could not be read: {e}"
            )),
        }
    }

    // The works, in Zotero's order.
    let mut items = Vec::with_capacity(works.len());
    for id in works {
        let row = &all[&id];
        let Some(zitem) = z.remove(&id) else { continue };
        let key = format!("{}/{}", row.library, row.key);
        if fields::csl_type(&zitem.item_type).is_none() {
            let what = if zitem.item_type.is_empty() {
                format!("id {}", row.type_id)
            } else {
                format!("\"{}\"", zitem.item_type)
            };
            skipped.push(format!(
                "item {key}: Zotero item type {what} is unknown to Quire, so it was read as a document"
            ));
        }
        let csl = fields::to_csl(key.clone(), &zitem);
        let mut item_tags = tags.remove(&id).unwrap_or_default();
        item_tags.sort();
        item_tags.dedup();
        let mut cols = item_collections.remove(&id).unwrap_or_default();
        cols.sort();
        cols.dedup();
        items.push(ZoteroItem {
            key,
            version: row.version,
            csl,
            tags: item_tags,
            collections: cols,
            fulltext: fulltext.remove(&id).unwrap_or_default(),
        });
    }

    Ok(ZoteroLibrary {
        items,
        collections,
        skipped,
    })
}

/// "YYYY-MM-DD HH:MM:SS" (UTC, as Zotero stores times) → seconds since 1970.
fn sql_timestamp(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (hh, mm, ss) = if b.len() >= 19 {
        (n(11..13)?, n(14..16)?, n(17..19)?)
    } else {
        (0, 0, 0)
    };
    // Days from 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::sql_timestamp;

    #[test]
    fn timestamps_are_utc_seconds() {
        assert_eq!(sql_timestamp("1970-01-01 00:00:00"), Some(0));
        assert_eq!(sql_timestamp("2020-06-03 10:15:00"), Some(1_591_179_300));
        assert_eq!(sql_timestamp("2000-02-29"), Some(951_782_400));
        assert_eq!(sql_timestamp("yesterday"), None);
    }
}
