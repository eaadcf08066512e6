//! Reference lists and reading lists: named, ordered sets of works with
//! sections, a per-item note and importance, and a citation style.

use std::str::FromStr;

use quire_csl::CslItem;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::Library;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Purpose {
    Reading,
    Reference,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Importance {
    Essential,
    Recommended,
    Further,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Reading => "reading",
            Purpose::Reference => "reference",
        }
    }
}

impl FromStr for Purpose {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "reading" => Ok(Purpose::Reading),
            "reference" => Ok(Purpose::Reference),
            _ => Err(Error::Invalid(format!(
                "unknown list purpose `{s}` (reading or reference)"
            ))),
        }
    }
}

impl Importance {
    pub fn as_str(self) -> &'static str {
        match self {
            Importance::Essential => "essential",
            Importance::Recommended => "recommended",
            Importance::Further => "further",
        }
    }
}

impl FromStr for Importance {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "essential" => Ok(Importance::Essential),
            "recommended" => Ok(Importance::Recommended),
            "further" => Ok(Importance::Further),
            _ => Err(Error::Invalid(format!(
                "unknown importance `{s}` (essential, recommended or further)"
            ))),
        }
    }
}

/// A list without its items, for pickers.
#[derive(Debug, Clone, Serialize)]
pub struct ListSummary {
    pub id: i64,
    pub name: String,
    pub purpose: Purpose,
    pub style: String,
    pub items: usize,
}

/// A list with its items in display order: unsectioned items first, then
/// each section in order, items by position within it.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub id: i64,
    pub name: String,
    pub purpose: Purpose,
    pub style: String,
    pub sections: Vec<String>,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub work_id: i64,
    pub section: Option<String>,
    pub position: i64,
    pub importance: Option<Importance>,
    pub note: Option<String>,
    pub csl: CslItem,
}

/// Where and how works are added to a list.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement<'a> {
    /// Created at the end of the list when new.
    pub section: Option<&'a str>,
    pub importance: Option<Importance>,
    pub note: Option<&'a str>,
}

impl Library {
    pub fn create_list(&mut self, name: &str, purpose: Purpose) -> Result<ListSummary> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a list needs a name".into()));
        }
        self.write(|tx| {
            if list_id(tx, name)?.is_some() {
                return Err(Error::Invalid(format!(
                    "a list named `{name}` already exists"
                )));
            }
            tx.execute(
                "INSERT INTO lists (name, purpose) VALUES (?1, ?2)",
                params![name, purpose.as_str()],
            )?;
            list_summary(tx, tx.last_insert_rowid())
        })
    }

    pub fn lists(&self) -> Result<Vec<ListSummary>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn().prepare("SELECT id FROM lists ORDER BY name")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter()
            .map(|id| list_summary(self.conn(), id))
            .collect()
    }

    /// Add works at the end of the list (or update their placement if
    /// already there): all of them or none.
    pub fn add_to_list(
        &mut self,
        name: &str,
        work_ids: &[i64],
        placement: Placement<'_>,
    ) -> Result<()> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            // Work ids can come from outside (a script, `quire works` in
            // another run): entries imported since are linked first so
            // their ids exist.
            crate::works::link_unlinked(tx)?;
            for &id in work_ids {
                crate::works::require_work(tx, id)?;
            }
            let section_id = placement
                .section
                .map(|s| section_id(tx, list_id, s))
                .transpose()?;
            for &work_id in work_ids {
                let next: i64 = tx.query_row(
                    "SELECT coalesce(max(position), 0) + 1 FROM list_items WHERE list_id = ?1",
                    [list_id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO list_items (list_id, work_id, section_id, position, importance, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (list_id, work_id) DO UPDATE SET
                       section_id = coalesce(excluded.section_id, section_id),
                       importance = coalesce(excluded.importance, importance),
                       note = coalesce(excluded.note, note)",
                    params![
                        list_id,
                        work_id,
                        section_id,
                        next,
                        placement.importance.map(Importance::as_str),
                        placement.note
                    ],
                )?;
            }
            Ok(())
        })
    }

    /// Move a work into `section` (None: the unsectioned items at the top;
    /// a new section is created at the end) and to `index` (0-based) in the
    /// list's display order without it, for drag and drop and Alt+arrows.
    /// Its importance and note stay. One write.
    pub fn move_list_item(
        &mut self,
        name: &str,
        work_id: i64,
        section: Option<&str>,
        index: usize,
    ) -> Result<()> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            let section_id = section.map(|s| section_id(tx, list_id, s)).transpose()?;
            let moved = tx.execute(
                "UPDATE list_items SET section_id = ?3 WHERE list_id = ?1 AND work_id = ?2",
                params![list_id, work_id, section_id],
            )?;
            if moved == 0 {
                return Err(Error::NotFound(format!("work {work_id} in list `{name}`")));
            }
            let mut order: Vec<i64> = {
                let mut stmt = tx.prepare(
                    "SELECT i.work_id FROM list_items i
                     LEFT JOIN list_sections s ON s.id = i.section_id
                     WHERE i.list_id = ?1 ORDER BY coalesce(s.position, 0), i.position",
                )?;
                let rows = stmt.query_map([list_id], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            order.retain(|&w| w != work_id);
            order.insert(index.min(order.len()), work_id);
            for (pos, w) in order.iter().enumerate() {
                tx.execute(
                    "UPDATE list_items SET position = ?3 WHERE list_id = ?1 AND work_id = ?2",
                    params![list_id, w, pos as i64 + 1],
                )?;
            }
            Ok(())
        })
    }

    /// Set a work's importance and note in a list; None clears either.
    pub fn update_list_item(
        &mut self,
        name: &str,
        work_id: i64,
        importance: Option<Importance>,
        note: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            let n = tx.execute(
                "UPDATE list_items SET importance = ?3, note = ?4 WHERE list_id = ?1 AND work_id = ?2",
                params![list_id, work_id, importance.map(Importance::as_str), note],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("work {work_id} in list `{name}`")));
            }
            Ok(())
        })
    }

    pub fn remove_from_list(&mut self, name: &str, work_id: i64) -> Result<()> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            tx.execute(
                "DELETE FROM list_items WHERE list_id = ?1 AND work_id = ?2",
                params![list_id, work_id],
            )?;
            Ok(())
        })
    }

    /// Set the list's style; it must load (see [`Library::style`]: a bundled
    /// or imported style's name, or a readable `.csl` file). The list keeps
    /// the style's own name (`harvard` becomes `harvard-cite-them-right`).
    /// Returns the list's summary as stored, read in the same transaction.
    pub fn set_list_style(&mut self, name: &str, style: &str) -> Result<ListSummary> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            let style = crate::styles::load(tx, style).map_err(|e| match e {
                Error::Format(e) => Error::Invalid(e.to_string()),
                other => other,
            })?;
            tx.execute(
                "UPDATE lists SET style = ?2 WHERE id = ?1",
                params![list_id, style.name],
            )?;
            list_summary(tx, list_id)
        })
    }

    /// Delete a list with its sections and items (the works stay).
    pub fn delete_list(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            let list_id = require_list(tx, name)?;
            tx.execute("DELETE FROM lists WHERE id = ?1", [list_id])?;
            Ok(())
        })
    }

    pub fn list(&self, name: &str) -> Result<ListView> {
        let conn = self.conn();
        let id = require_list(conn, name)?;
        let summary = list_summary(conn, id)?;
        let sections = {
            let mut stmt = conn
                .prepare("SELECT title FROM list_sections WHERE list_id = ?1 ORDER BY position")?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<Vec<String>>>()?
        };
        let mut stmt = conn.prepare(
            "SELECT i.work_id, s.title, i.position, i.importance, i.note, w.csl
             FROM list_items i JOIN works w ON w.id = i.work_id
             LEFT JOIN list_sections s ON s.id = i.section_id
             WHERE i.list_id = ?1 ORDER BY coalesce(s.position, 0), i.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut items = Vec::new();
        for row in rows {
            let (work_id, section, position, importance, note, csl) = row?;
            let importance = importance
                .map(|i| {
                    i.parse::<Importance>()
                        .map_err(|e| Error::corrupt(format!("work {work_id} in list `{name}`"), e))
                })
                .transpose()?;
            items.push(ListItem {
                work_id,
                section,
                position,
                importance,
                note,
                csl: crate::works::parse_csl(work_id, &csl)?,
            });
        }
        Ok(ListView {
            id,
            name: summary.name,
            purpose: summary.purpose,
            style: summary.style,
            sections,
            items,
        })
    }
}

fn list_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT id FROM lists WHERE name = ?1", [name.trim()], |r| {
            r.get(0)
        })
        .optional()?)
}

fn require_list(conn: &Connection, name: &str) -> Result<i64> {
    list_id(conn, name)?.ok_or_else(|| Error::NotFound(format!("list `{name}`")))
}

fn list_summary(conn: &Connection, id: i64) -> Result<ListSummary> {
    let (name, purpose, style, items): (String, String, String, i64) = conn.query_row(
        "SELECT name, purpose, style, (SELECT count(*) FROM list_items WHERE list_id = lists.id) FROM lists WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(ListSummary {
        id,
        name,
        purpose: purpose.parse()?,
        style,
        items: items as usize,
    })
}

/// The section's id, creating it after the list's last section.
fn section_id(tx: &Connection, list_id: i64, title: &str) -> Result<i64> {
    let title = title.trim();
    if let Some(id) = tx
        .query_row(
            "SELECT id FROM list_sections WHERE list_id = ?1 AND title = ?2",
            params![list_id, title],
            |r| r.get(0),
        )
        .optional()?
    {
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO list_sections (list_id, title, position)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM list_sections WHERE list_id = ?1))",
        params![list_id, title],
    )?;
    Ok(tx.last_insert_rowid())
}
