//! The round's trail: every change of a mark, a state, an allocation, a
//! moderation, a flag and the reveal, appended in the same transaction as
//! the change. The table's triggers refuse updates and deletions while the
//! round exists, so a row, once written, stays as written.

use rusqlite::{params, Connection};

use super::{round, TrailEvent};
use crate::error::Result;
use crate::Library;

/// Append one line (inside the caller's write).
pub(super) fn log(
    conn: &Connection,
    round_id: i64,
    entry: Option<&str>,
    actor: &str,
    action: &str,
    old: Option<String>,
    new: Option<String>,
) -> Result<()> {
    let actor = actor.trim();
    conn.execute(
        "INSERT INTO review_trail (round_id, entry_code, actor, action, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            round_id,
            entry,
            if actor.is_empty() { "unknown" } else { actor },
            action,
            old,
            new
        ],
    )?;
    Ok(())
}

impl Library {
    /// The trail of a round, or of one of its entries (with the round-wide
    /// lines such as the reveal), oldest first.
    pub fn review_trail(&self, round: &str, code: Option<&str>) -> Result<Vec<TrailEvent>> {
        let r = round::load(self.conn(), round)?;
        let code = code
            .map(|c| round::entry(self.conn(), &r, c).map(|e| e.code))
            .transpose()?;
        let mut stmt = self.conn().prepare(
            "SELECT at, actor, entry_code, action, old, new FROM review_trail
             WHERE round_id = ?1 AND (?2 IS NULL OR entry_code = ?2 OR entry_code IS NULL)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(params![r.id, code], |row| {
            Ok(TrailEvent {
                at: row.get(0)?,
                actor: row.get(1)?,
                entry: row.get(2)?,
                action: row.get(3)?,
                old: row.get(4)?,
                new: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
