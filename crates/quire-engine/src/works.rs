//! Works: the deduplicated things reference lists cite.
//!
//! Every reference-list entry is parsed (quire-cite) and linked to one work,
//! so a book three essays cite is one work cited by three essays. Two entries
//! are the same work when their DOIs agree, or, without a DOI on both, when
//! the first author's folded name and the year agree and the titles are
//! nearly the same (students drop subtitles and change case). A person can
//! merge works the rules kept apart and split an entry off a wrong match;
//! those links are pinned and automatic linking leaves them alone.

use quire_csl::CslItem;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::Library;

/// Titles at least this similar (normalised Levenshtein on folded text) are one work.
const TITLE_SIMILARITY: f64 = 0.8;

/// A work and the documents that cite it.
#[derive(Debug, Clone, Serialize)]
pub struct Work {
    pub id: i64,
    pub csl: CslItem,
    /// True once a person has edited the CSL.
    pub edited: bool,
    pub cited_by: Vec<CitedBy>,
}

/// One document citing a work, and how many of its reference entries do.
#[derive(Debug, Clone, Serialize)]
pub struct CitedBy {
    pub document_id: i64,
    pub title: String,
    pub author: Option<String>,
    pub count: usize,
}

/// What dedupe compares: kept in memory while linking.
struct Known {
    id: i64,
    doi: Option<String>,
    key: String,
    title: String,
}

impl Library {
    /// Link every reference entry that has no work yet; returns how many
    /// were linked. With nothing to link nothing is written (the works
    /// view asks on every keystroke, and a read-only library can be read).
    pub fn link_works(&mut self) -> Result<usize> {
        if !has_unlinked(self.conn())? {
            return Ok(0);
        }
        self.write(|tx| link_unlinked(tx))
    }

    /// Every work, linking new reference entries first; most-cited first.
    pub fn works(&mut self) -> Result<Vec<Work>> {
        self.link_works()?;
        let ids: Vec<i64> = {
            let mut stmt = self.conn().prepare(
                "SELECT w.id FROM works w LEFT JOIN work_refs r ON r.work_id = w.id
                 GROUP BY w.id ORDER BY count(r.work_id) DESC, w.match_key, w.id",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.work(id)).collect()
    }

    /// One work; [`Error::Corrupt`] when its stored CSL no longer reads.
    pub fn work(&self, id: i64) -> Result<Work> {
        work(self.conn(), id)
    }

    /// Replace a work's CSL with a person's correction.
    pub fn update_work(&mut self, id: i64, csl: &CslItem) -> Result<()> {
        let known = known_of(id, csl);
        let json = to_json(csl)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE works SET csl = ?2, doi = ?3, match_key = ?4, edited = 1 WHERE id = ?1",
                params![id, json, known.doi, known.key],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("work {id}")));
            }
            Ok(())
        })
    }

    /// Fold each work of `others` into `keep`, all in one write: their
    /// reference entries and list places move over (pinned, so linking
    /// never undoes the merge), and they are deleted. A list holding more
    /// than one of them keeps the first of their places (sections in
    /// order, then positions), with a note or importance only another had.
    /// Merging a work with itself is [`Error::Invalid`], a work that does
    /// not exist [`Error::NotFound`]; either way nothing is merged.
    pub fn merge_works(&mut self, keep: i64, others: &[i64]) -> Result<()> {
        if others.contains(&keep) {
            return Err(Error::Invalid("cannot merge a work with itself".into()));
        }
        if others.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            require_work(tx, keep)?;
            for &other in others {
                require_work(tx, other)?;
                tx.execute(
                    "UPDATE work_refs SET work_id = ?1, pinned = 1 WHERE work_id = ?2",
                    params![keep, other],
                )?;
                // A list holding both keeps the first of the two places.
                take_earlier_places(tx, keep, other)?;
                tx.execute(
                    "DELETE FROM list_items WHERE work_id = ?2
                       AND list_id IN (SELECT list_id FROM list_items WHERE work_id = ?1)",
                    params![keep, other],
                )?;
                tx.execute(
                    "UPDATE list_items SET work_id = ?1 WHERE work_id = ?2",
                    params![keep, other],
                )?;
                // What the work is to documents, Zotero, tags and
                // collections moves over too, before the delete cascades.
                for sql in [
                    "UPDATE documents SET work_id = ?1 WHERE work_id = ?2",
                    "UPDATE zotero_items SET work_id = ?1 WHERE work_id = ?2",
                    "INSERT OR IGNORE INTO work_tags (work_id, tag) SELECT ?1, tag FROM work_tags WHERE work_id = ?2",
                    "INSERT OR IGNORE INTO collection_works (collection_id, work_id) SELECT collection_id, ?1 FROM collection_works WHERE work_id = ?2",
                ] {
                    tx.execute(sql, params![keep, other])?;
                }
                tx.execute("DELETE FROM works WHERE id = ?1", [other])?;
            }
            Ok(())
        })
    }

    /// Give one reference entry its own work again (a wrong match), made
    /// from what the entry says (its correction, where there is one) and
    /// pinned, so linking never moves it back; returns the new work's id.
    pub fn split_work(&mut self, document_id: i64, position: i64) -> Result<i64> {
        self.write(|tx| {
            let (raw, corrected): (String, Option<String>) = tx
                .query_row(
                    "SELECT r.raw, p.corrected FROM doc_references r
                     LEFT JOIN reference_parses p ON p.document_id = r.document_id AND p.position = r.position
                     WHERE r.document_id = ?1 AND r.position = ?2",
                    params![document_id, position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    Error::NotFound(format!("reference {position} of document {document_id}"))
                })?;
            let csl = entry_csl(tx, document_id, position, &raw, corrected.as_deref())?;
            let id = insert_work(tx, &csl)?;
            tx.execute(
                "INSERT INTO work_refs (document_id, position, work_id, pinned) VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT (document_id, position) DO UPDATE SET work_id = excluded.work_id, pinned = 1",
                params![document_id, position, id],
            )?;
            Ok(id)
        })
    }

    /// Add works from an interchange file (Zotero, Mendeley, EndNote), each
    /// matched against the works already held; returns the work id of each
    /// item. All of them or none.
    pub fn import_works(&mut self, items: &[CslItem]) -> Result<Vec<i64>> {
        self.write(|tx| {
            let mut known = known_works(tx)?;
            let mut ids = Vec::with_capacity(items.len());
            for csl in items {
                let id = match find_match(&known, csl) {
                    Some(id) => id,
                    None => {
                        let id = insert_work(tx, csl)?;
                        known.push(known_of(id, csl));
                        id
                    }
                };
                tx.execute("UPDATE works SET imported = 1 WHERE id = ?1", [id])?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    /// The works a document's reference entries are linked to, in list order.
    pub fn document_works(&mut self, document_id: i64) -> Result<Vec<Work>> {
        self.link_works()?;
        let ids: Vec<i64> = {
            let mut stmt = self.conn().prepare(
                "SELECT work_id FROM work_refs WHERE document_id = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([document_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.work(id)).collect()
    }
}

/// In every list holding both works, give `keep` the place of `other`
/// when that comes first (sections in order, then positions), with the
/// note and importance `keep` lacks.
fn take_earlier_places(conn: &Connection, keep: i64, other: i64) -> Result<()> {
    let earlier: Vec<(i64, Option<i64>, i64)> = {
        let mut stmt = conn.prepare(
            "SELECT o.list_id, o.section_id, o.position FROM list_items o
             JOIN list_items k ON k.list_id = o.list_id AND k.work_id = ?1
             LEFT JOIN list_sections so ON so.id = o.section_id
             LEFT JOIN list_sections sk ON sk.id = k.section_id
             WHERE o.work_id = ?2
               AND (coalesce(so.position, 0), o.position) < (coalesce(sk.position, 0), k.position)",
        )?;
        let rows = stmt.query_map(params![keep, other], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (list_id, section_id, position) in earlier {
        conn.execute(
            "UPDATE list_items SET section_id = ?3, position = ?4,
               importance = coalesce(importance,
                 (SELECT importance FROM list_items WHERE list_id = ?1 AND work_id = ?5)),
               note = coalesce(note, (SELECT note FROM list_items WHERE list_id = ?1 AND work_id = ?5))
             WHERE list_id = ?1 AND work_id = ?2",
            params![list_id, keep, section_id, position, other],
        )?;
    }
    Ok(())
}

/// Whether any reference entry has no work yet.
pub(crate) fn has_unlinked(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM doc_references r
           WHERE NOT EXISTS (SELECT 1 FROM work_refs w
                             WHERE w.document_id = r.document_id AND w.position = r.position))",
        [],
        |r| r.get(0),
    )?)
}

/// Link every reference entry that has no work yet, inside the caller's
/// write; returns how many were linked.
pub(crate) fn link_unlinked(conn: &Connection) -> Result<usize> {
    // A person's correction of the parse, where there is one, is what
    // the entry says.
    let unlinked: Vec<(i64, i64, String, Option<String>)> = {
        let mut stmt = conn.prepare_cached(
            "SELECT r.document_id, r.position, r.raw, p.corrected FROM doc_references r
             LEFT JOIN work_refs w ON w.document_id = r.document_id AND w.position = r.position
             LEFT JOIN reference_parses p ON p.document_id = r.document_id AND p.position = r.position
             WHERE w.work_id IS NULL ORDER BY r.document_id, r.position",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // With nothing to link, the known works (every CSL parsed) are not needed.
    if unlinked.is_empty() {
        return Ok(0);
    }
    let mut known = known_works(conn)?;
    for (document_id, position, raw, corrected) in &unlinked {
        let csl = entry_csl(conn, *document_id, *position, raw, corrected.as_deref())?;
        let work_id = match find_match(&known, &csl) {
            Some(id) => id,
            None => {
                let id = insert_work(conn, &csl)?;
                known.push(known_of(id, &csl));
                id
            }
        };
        conn.execute(
            "INSERT INTO work_refs (document_id, position, work_id) VALUES (?1, ?2, ?3)",
            params![document_id, position, work_id],
        )?;
    }
    Ok(unlinked.len())
}

/// What a reference entry says: its correction where there is one that
/// reads (see [`crate::citations::read_correction`]), else the parser's reading.
fn entry_csl(
    conn: &Connection,
    document_id: i64,
    position: i64,
    raw: &str,
    corrected: Option<&str>,
) -> Result<CslItem> {
    let corrected = match corrected {
        Some(json) => crate::citations::read_correction(conn, document_id, position, json)?,
        None => None,
    };
    Ok(corrected.unwrap_or_else(|| quire_cite::parse_reference(raw)))
}

/// Unlink a reference entry after its parse was corrected, inside the
/// caller's write, unless a person pinned its link; [`link_unlinked`] then
/// links it afresh. A work left cited by nothing that was made only by
/// linking (not imported, not edited, in no list) goes, so the misreading
/// does not linger in the works view.
pub(crate) fn relink(conn: &Connection, document_id: i64, position: i64) -> Result<()> {
    let link: Option<(i64, bool)> = conn
        .query_row(
            "SELECT work_id, pinned FROM work_refs WHERE document_id = ?1 AND position = ?2",
            params![document_id, position],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((old, false)) = link else {
        return Ok(());
    };
    conn.execute(
        "DELETE FROM work_refs WHERE document_id = ?1 AND position = ?2",
        params![document_id, position],
    )?;
    conn.execute(
        "DELETE FROM works WHERE id = ?1 AND edited = 0 AND imported = 0
           AND NOT EXISTS (SELECT 1 FROM work_refs WHERE work_id = ?1)
           AND NOT EXISTS (SELECT 1 FROM list_items WHERE work_id = ?1)",
        [old],
    )?;
    Ok(())
}

/// [`Error::NotFound`] unless work `id` exists.
pub(crate) fn require_work(conn: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row("SELECT 1 FROM works WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    found
        .map(drop)
        .ok_or_else(|| Error::NotFound(format!("work {id}")))
}

/// One work and the documents citing it.
fn work(conn: &Connection, id: i64) -> Result<Work> {
    let (csl, edited): (String, bool) = conn
        .query_row("SELECT csl, edited FROM works WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("work {id}")))?;
    let mut stmt = conn.prepare(
        "SELECT d.id, d.title, d.author, count(*) FROM work_refs r JOIN documents d ON d.id = r.document_id
         WHERE r.work_id = ?1 GROUP BY d.id ORDER BY d.id",
    )?;
    let cited_by = stmt
        .query_map([id], |r| {
            Ok(CitedBy {
                document_id: r.get(0)?,
                title: r.get(1)?,
                author: r.get(2)?,
                count: r.get::<_, i64>(3)? as usize,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Work {
        id,
        csl: parse_csl(id, &csl)?,
        edited,
        cited_by,
    })
}

/// The work a file's own metadata describes (a PDF's, a saved page's):
/// the work already held with its DOI, or with its first author, year and
/// title, else a new one. Either way it is kept as imported, so it stays
/// when nothing cites it.
pub(crate) fn work_for_file(conn: &Connection, csl: &CslItem) -> Result<i64> {
    let id = match matching_work(conn, csl)? {
        Some(id) => id,
        None => insert_work(conn, csl)?,
    };
    conn.execute("UPDATE works SET imported = 1 WHERE id = ?1", [id])?;
    Ok(id)
}

/// The work already held that `csl` describes: the one with its DOI, or
/// with its first author, year and title. Looked up through the DOI and
/// key indexes, so a batch of files costs no scan of every work per file.
pub(crate) fn matching_work(conn: &Connection, csl: &CslItem) -> Result<Option<i64>> {
    let new = known_of(0, csl);
    if let Some(doi) = &new.doi {
        let found = conn
            .query_row("SELECT id FROM works WHERE doi = ?1", [doi], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    if new.key.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached("SELECT id, csl FROM works WHERE match_key = ?1")?;
    let rows = stmt.query_map([&new.key], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut candidates = Vec::new();
    for row in rows {
        let (id, json) = row?;
        candidates.push(known_of(id, &parse_csl(id, &json)?));
    }
    Ok(find_match(&candidates, csl))
}

/// A new work kept as imported (it stays when nothing cites it).
pub(crate) fn insert_imported(conn: &Connection, csl: &CslItem) -> Result<i64> {
    let id = insert_work(conn, csl)?;
    conn.execute("UPDATE works SET imported = 1 WHERE id = ?1", [id])?;
    Ok(id)
}

/// Replace a work's CSL with what its source now says (a Zotero item
/// edited since the last import), unless a person edited the work in
/// Quire: their correction wins. Returns whether it was replaced.
pub(crate) fn refresh_csl(conn: &Connection, id: i64, csl: &CslItem) -> Result<bool> {
    let k = known_of(id, csl);
    let n = conn.execute(
        "UPDATE works SET csl = ?2, doi = ?3, match_key = ?4, imported = 1 WHERE id = ?1 AND edited = 0",
        params![id, to_json(csl)?, k.doi, k.key],
    )?;
    Ok(n > 0)
}

fn known_works(conn: &Connection) -> Result<Vec<Known>> {
    let mut stmt = conn.prepare("SELECT id, csl FROM works")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, csl) = row?;
        out.push(known_of(id, &parse_csl(id, &csl)?));
    }
    Ok(out)
}

fn insert_work(conn: &Connection, csl: &CslItem) -> Result<i64> {
    let k = known_of(0, csl);
    conn.execute(
        "INSERT INTO works (csl, doi, match_key) VALUES (?1, ?2, ?3)",
        params![to_json(csl)?, k.doi, k.key],
    )?;
    Ok(conn.last_insert_rowid())
}

fn known_of(id: i64, csl: &CslItem) -> Known {
    let first = csl
        .author
        .first()
        .or(csl.editor.first())
        .map(|n| quire_cite::fold_key(&n.sort_name()));
    let year = csl
        .year()
        .map(|y| y.to_string())
        .or_else(|| csl.status.as_deref().map(quire_cite::fold_key));
    Known {
        id,
        doi: csl.doi.as_deref().and_then(normalise_doi),
        key: format!("{}{}", first.unwrap_or_default(), year.unwrap_or_default()),
        title: fold_title(csl.title.as_deref().unwrap_or_default()),
    }
}

fn find_match(known: &[Known], csl: &CslItem) -> Option<i64> {
    let new = known_of(0, csl);
    if let Some(doi) = &new.doi {
        if let Some(k) = known.iter().find(|k| k.doi.as_deref() == Some(doi)) {
            return Some(k.id);
        }
    }
    known
        .iter()
        .filter(|k| k.doi.is_none() || new.doi.is_none())
        .filter(|k| !k.key.is_empty() && k.key == new.key)
        .find(|k| same_title(&k.title, &new.title))
        .map(|k| k.id)
}

/// Nearly equal, or one is the other without its subtitle.
fn same_title(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (short.len() >= 20 && long.starts_with(short))
        || strsim::normalized_levenshtein(a, b) >= TITLE_SIMILARITY
}

/// Lower-case words of letters and digits, diacritics dropped, one space apart.
fn fold_title(title: &str) -> String {
    title
        .split_whitespace()
        .map(quire_cite::fold_key)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `https://doi.org/10.1111/X`, `doi:10.1111/x` → `10.1111/x`.
fn normalise_doi(doi: &str) -> Option<String> {
    let lower = doi.trim().to_lowercase();
    let start = lower.find("10.")?;
    let doi = lower[start..].trim_end_matches(['.', ',', ';', ')', '>']);
    (doi.len() > 4 && doi.contains('/')).then(|| doi.to_string())
}

fn to_json(csl: &CslItem) -> Result<String> {
    serde_json::to_string(csl).map_err(|e| Error::Invalid(format!("work as JSON: {e}")))
}

/// Work `id`'s stored CSL. One that no longer reads (a damaged or
/// hand-edited database) is [`Error::Corrupt`] naming the work: shown as
/// an empty work it would be matched, listed and exported as one. A
/// person's edit ([`Library::update_work`]) replaces it.
pub(crate) fn parse_csl(id: i64, json: &str) -> Result<CslItem> {
    serde_json::from_str(json).map_err(|e| {
        Error::corrupt(
            format!("work {id}"),
            format!("its CSL-JSON does not read: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_across_case_and_subtitles() {
        let a = fold_title("The Spirit Level: Why More Equal Societies Almost Always Do Better");
        let c = fold_title("The spirit level");
        assert!(same_title(
            &a,
            &fold_title("The spirit level: why more equal societies almost always do better.")
        ));
        assert!(!same_title(&a, &c), "too short to count as a prefix");
        assert!(same_title(
            &fold_title("Relationship-based social work"),
            &fold_title("Relationship-based social work: getting to the heart of practice")
        ));
        assert!(!same_title(
            &a,
            &fold_title("Income inequality and social dysfunction")
        ));
    }

    #[test]
    fn dois_are_normalised() {
        assert_eq!(
            normalise_doi("https://doi.org/10.1111/CFS.12642").as_deref(),
            Some("10.1111/cfs.12642")
        );
        assert_eq!(
            normalise_doi("doi: 10.1177/1473325015620946.").as_deref(),
            Some("10.1177/1473325015620946")
        );
        assert_eq!(normalise_doi("none"), None);
    }
}
