//! Storing citation audits (issue 3). An essay is audited when it is
//! imported and whenever `Library::audit` runs; results replace the previous
//! ones, except users' corrections of parsed references, which are read back
//! and used in place of the parser's output.

use rusqlite::{params, Connection, OptionalExtension};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::render::CiteMark;
use quire_cite::{
    audit_parsed, entry_number, essay_citations, parse_entry, EssayAudit, ParsedEntry,
};
use quire_csl::CslItem;

/// Audits stored document `id` again inside the caller's write and stores
/// the result.
pub(crate) fn audit_stored(conn: &Connection, id: i64) -> Result<EssayAudit> {
    let body: String = conn
        .query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("document {id}")))?;
    let references: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT raw FROM doc_references WHERE document_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    audit_document(conn, id, &body, &references)
}

/// Audits document `id` (body and references as stored), honouring
/// corrected parses, and stores the result.
pub(crate) fn audit_document(
    conn: &Connection,
    id: i64,
    body: &str,
    references: &[String],
) -> Result<EssayAudit> {
    let mut parsed = Vec::with_capacity(references.len());
    for (position, raw) in references.iter().enumerate() {
        let corrected: Option<String> = conn
            .query_row(
                "SELECT corrected FROM reference_parses WHERE document_id = ?1 AND position = ?2",
                params![id, position as i64],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let corrected = match corrected {
            Some(json) => read_correction(conn, id, position as i64, &json)?,
            None => None,
        };
        let entry = match corrected {
            Some(item) => ParsedEntry {
                undated: item.issued.is_none() && item.status.is_none(),
                et_al: false,
                number: entry_number(raw),
                item,
            },
            None => parse_entry(raw),
        };
        parsed.push(entry);
    }
    // Numeric essays ("[3]", "³") are audited by number, the rest by author and year.
    let audit = audit_parsed(essay_citations(body, &parsed), references, parsed);
    store(conn, id, &audit)?;
    Ok(audit)
}

/// A stored correction of reference `position` of document `id`, read.
/// One that no longer reads as CSL-JSON (a damaged or hand-edited
/// database) is repaired, not used silently and not fatal: it is cleared
/// in the caller's write, so the parser's reading is used until the entry
/// is corrected again, and the repair is logged naming the row. (Failing
/// instead would lock the person out of the audit, the one place that
/// shows the entry to correct.)
pub(crate) fn read_correction(
    conn: &Connection,
    id: i64,
    position: i64,
    json: &str,
) -> Result<Option<CslItem>> {
    match serde_json::from_str::<CslItem>(json) {
        Ok(item) => Ok(Some(item)),
        Err(e) => {
            conn.execute(
                "UPDATE reference_parses SET corrected = NULL WHERE document_id = ?1 AND position = ?2",
                params![id, position],
            )?;
            eprintln!(
                "quire: reference {position} of document {id}: its stored correction is not CSL-JSON ({e}); \
                 cleared it, so the parser's reading is used until the entry is corrected again"
            );
            Ok(None)
        }
    }
}

/// JSON for a column; these values always serialise, the error is for form.
fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Invalid(format!("citation data as JSON: {e}")))
}

fn store(conn: &Connection, id: i64, audit: &EssayAudit) -> Result<()> {
    conn.execute("DELETE FROM citations WHERE document_id = ?1", [id])?;
    conn.execute("DELETE FROM citation_issues WHERE document_id = ?1", [id])?;
    let mut cite = conn.prepare(
        "INSERT INTO citations (document_id, position, start, \"end\", text, authors, year, et_al, locator, cited_in, reference, status, number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (position, c) in audit.citations.iter().enumerate() {
        cite.execute(params![
            id,
            position as i64,
            c.citation.start as i64,
            c.citation.end as i64,
            c.citation.text,
            to_json(&c.citation.authors)?,
            c.citation.year,
            c.citation.et_al,
            c.citation.locator,
            c.citation.cited_in.as_ref().map(to_json).transpose()?,
            c.reference.map(|r| r as i64),
            c.status.as_str(),
            c.citation.number,
        ])?;
    }
    let mut parse = conn.prepare(
        "INSERT INTO reference_parses (document_id, position, csl) VALUES (?1, ?2, ?3)
         ON CONFLICT (document_id, position) DO UPDATE SET csl = excluded.csl",
    )?;
    for (position, r) in audit.references.iter().enumerate() {
        parse.execute(params![id, position as i64, to_json(&r.csl)?])?;
    }
    let mut issue = conn.prepare(
        "INSERT INTO citation_issues (document_id, position, kind, citation, reference, message)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, i) in audit.issues.iter().enumerate() {
        issue.execute(params![
            id,
            position as i64,
            i.kind.as_str(),
            i.citation.map(|c| c as i64),
            i.reference.map(|r| r as i64),
            i.message,
        ])?;
    }
    Ok(())
}

/// The stored citations of document `id` as spans for the reader, in audit order.
pub(crate) fn marks(conn: &Connection, id: i64) -> Result<Vec<CiteMark>> {
    let mut stmt =
        conn.prepare("SELECT position, start, \"end\", status FROM citations WHERE document_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([id], |r| {
        let (index, start, end): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(CiteMark {
            span: usize::try_from(start).unwrap_or(0)..usize::try_from(end).unwrap_or(0),
            index: usize::try_from(index).unwrap_or(0),
            status: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Keeps a user's correction of reference `position` of document `id`.
pub(crate) fn correct_reference(
    conn: &Connection,
    id: i64,
    position: usize,
    item: &CslItem,
) -> Result<()> {
    conn.execute(
        "INSERT INTO reference_parses (document_id, position, csl, corrected) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (document_id, position) DO UPDATE SET corrected = excluded.corrected",
        params![id, position as i64, to_json(item)?],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{DocFilter, Library};
    use quire_cite::{IssueKind, Status};
    use quire_csl::{CslItem, DateField, Name};

    #[test]
    fn corrected_reference_survives_re_audit() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let seed =
            include_bytes!("../../../assets/sample/world-social-work-day-competition-2020.txt");
        library.import_bytes("competition.txt", seed, None).unwrap();
        let verity = library
            .documents(&DocFilter::default())
            .unwrap()
            .into_iter()
            .find(|d| {
                d.summary
                    .author
                    .as_deref()
                    .is_some_and(|a| a.contains("Verity"))
            })
            .expect("Verity Clarke's essay is imported");
        let id = verity.summary.id;

        // As imported: the Trevithick entry has no author or year.
        let before = library.audit(id).unwrap();
        let stored: i64 = library
            .conn()
            .query_row(
                "SELECT count(*) FROM citations WHERE document_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stored as usize, before.citations.len());
        let (position, _) = before
            .references
            .iter()
            .enumerate()
            .find(|(_, r)| r.text.contains("Social Work Skills and Knowledge"))
            .expect("the incomplete entry");
        assert!(before
            .issues
            .iter()
            .any(|i| i.kind == IssueKind::MalformedReference && i.reference == Some(position)));

        let corrected = CslItem {
            kind: "book".into(),
            author: vec![Name::person("Trevithick", "P.")],
            issued: Some(DateField::ymd(2012, None, None)),
            title: Some("Social Work Skills and Knowledge".into()),
            ..CslItem::default()
        };
        library.correct_reference(id, position, &corrected).unwrap();
        for _ in 0..2 {
            let after = library.audit(id).unwrap();
            assert!(!after
                .issues
                .iter()
                .any(|i| i.kind == IssueKind::MalformedReference));
            let kadushin = after
                .citations
                .iter()
                .find(|c| c.citation.text.contains("Kadushin"))
                .unwrap();
            assert_eq!(
                (kadushin.status, kadushin.reference),
                (Status::Ok, Some(position))
            );
            assert_eq!(after.references[position].csl, corrected);
        }
        assert!(library.correct_reference(id, 999, &corrected).is_err());
    }

    #[test]
    fn numeric_citations_are_stored_with_their_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        let text = "Shame and poverty\n\nAna Lee - University of York\n\n\
            Poverty shames [1]. Relationships help [2, 3]. Some [3].\n\n\
            References\n\n\
            1. Smith J. Poverty and shame. J Soc Work. 2005;10(2):1-5.\n\
            2. Jones AB. Relationship-based practice. Br J Soc Work. 2019;49(4):1021-45.\n\
            3. Lee K. Care and control. Child Fam Soc Work. 2012;3:41-50.\n\
            4. Roe B. Never cited. Soc Work. 2010;1:1-2.\n";
        library
            .import_bytes("numeric.md", text.as_bytes(), None)
            .unwrap();
        let id = library.documents(&DocFilter::default()).unwrap()[0]
            .summary
            .id;
        let audit = library.audit(id).unwrap();
        let numbers: Vec<Option<i64>> = library
            .conn()
            .prepare("SELECT number FROM citations WHERE document_id = ?1 ORDER BY position")
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), Some(3)]);
        assert!(audit.citations.iter().all(|c| c.status == Status::Ok));
        assert_eq!(
            audit.issues.iter().map(|i| i.kind).collect::<Vec<_>>(),
            [IssueKind::UncitedReference]
        );
        assert_eq!(audit.references[3].number, Some(4));
    }
}
