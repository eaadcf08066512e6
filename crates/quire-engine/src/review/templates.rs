//! Rubric templates: the shipped `competition` rubric and those a person
//! saved, by name. A round copies its rubric, so changing or deleting a
//! template never changes a round's marks.

use quire_review::Rubric;
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::Library;

/// The name of the shipped template.
pub const SHIPPED: &str = "competition";

impl Library {
    /// The shipped template first, then the saved ones by name.
    pub fn rubric_templates(&self) -> Result<Vec<Rubric>> {
        let mut out = vec![Rubric::competition()];
        let mut stmt = self
            .conn()
            .prepare("SELECT name, json FROM rubric_templates ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (name, json) = row?;
            out.push(
                Rubric::parse(&json)
                    .map_err(|e| Error::corrupt(format!("rubric template `{name}`"), e))?,
            );
        }
        Ok(out)
    }

    /// The template called `name` (any case).
    pub fn rubric_template(&self, name: &str) -> Result<Rubric> {
        let name = name.trim();
        if name.eq_ignore_ascii_case(SHIPPED) {
            return Ok(Rubric::competition());
        }
        let json: Option<String> = self
            .conn()
            .query_row(
                "SELECT json FROM rubric_templates WHERE name = ?1 COLLATE NOCASE",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let json = json.ok_or_else(|| {
            Error::NotFound(format!(
                "rubric template `{name}` (a rubric is a JSON file or a saved template's name; `quire review rubric list` lists them)"
            ))
        })?;
        Rubric::parse(&json).map_err(|e| Error::corrupt(format!("rubric template `{name}`"), e))
    }

    /// Save a rubric as a template under its name, replacing one saved
    /// before; the shipped template's name is kept for it.
    pub fn save_rubric_template(&mut self, rubric: &Rubric) -> Result<()> {
        rubric
            .validate()
            .map_err(|e| Error::Invalid(e.to_string()))?;
        let name = rubric.name.trim();
        if name.eq_ignore_ascii_case(SHIPPED) {
            return Err(Error::Invalid(format!(
                "`{SHIPPED}` is the shipped template; save yours under another name"
            )));
        }
        let json = serde_json::to_string(rubric).expect("a rubric serialises");
        self.write(|tx| {
            tx.execute(
                "DELETE FROM rubric_templates WHERE name = ?1 COLLATE NOCASE",
                [name],
            )?;
            tx.execute(
                "INSERT INTO rubric_templates (name, json) VALUES (?1, ?2)",
                params![name, json],
            )?;
            Ok(())
        })
    }

    pub fn delete_rubric_template(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.eq_ignore_ascii_case(SHIPPED) {
            return Err(Error::Invalid(format!(
                "`{SHIPPED}` is shipped with Quire and cannot be deleted"
            )));
        }
        self.write(|tx| {
            match tx.execute(
                "DELETE FROM rubric_templates WHERE name = ?1 COLLATE NOCASE",
                [name],
            )? {
                0 => Err(Error::NotFound(format!("rubric template `{name}`"))),
                _ => Ok(()),
            }
        })
    }
}
