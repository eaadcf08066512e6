//! Rounds as stored: creating one (entries coded, markers allocated),
//! reading one back, deleting it, and the coordinator's changes to it
//! (reassigning a marking, flags, moderation, the reveal).

use quire_review::allocate::{allocate, eligible, AllocError, Candidate};
use quire_review::{Rubric, Rule, Scores, State};
use rusqlite::{params, Connection, OptionalExtension};

use super::{trail, MarkerSpec, Revealed, RoundSpec, RoundSummary};
use crate::error::{Error, Result};
use crate::Library;

/// A round read back, with its markers in order.
pub(super) struct Round {
    pub id: i64,
    pub name: String,
    pub rubric: Rubric,
    pub per_entry: usize,
    pub blind: bool,
    pub avoid_same_affiliation: bool,
    pub rule: Rule,
    pub tolerance: f64,
    pub revealed: Option<Revealed>,
    pub created_at: String,
    pub markers: Vec<Marker>,
}

impl Round {
    pub fn masked(&self) -> bool {
        self.blind && self.revealed.is_none()
    }

    /// The marker called `name` (any case).
    pub fn marker(&self, name: &str) -> Result<&Marker> {
        let name = name.trim();
        self.markers
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(name) || m.name == name)
            .ok_or_else(|| {
                Error::NotFound(format!(
                    "marker `{name}` in round `{}` (its markers: {})",
                    self.name,
                    self.markers
                        .iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    pub fn marker_by_id(&self, id: i64) -> Option<&Marker> {
        self.markers.iter().find(|m| m.id == id)
    }
}

pub(super) struct Marker {
    pub id: i64,
    pub name: String,
    pub affiliation: Option<String>,
}

/// An entry of a round as stored.
pub(super) struct Entry {
    pub id: i64,
    pub code: String,
    pub document_id: Option<i64>,
    pub content_hash: String,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub moderated: Option<f64>,
    pub moderation_reason: Option<String>,
    pub moderated_by: Option<String>,
    pub shortlisted: bool,
    pub winner: bool,
}

/// One marking as stored.
pub(super) struct MarkRow {
    pub entry_id: i64,
    pub marker_id: i64,
    pub state: State,
    pub scores: Scores,
    pub overall: Option<String>,
}

/// Read round `name` (exactly, else ignoring case).
pub(super) fn load(conn: &Connection, name: &str) -> Result<Round> {
    let name = name.trim();
    let row = conn
        .query_row(
            "SELECT id, name, rubric, per_entry, blind, avoid_same_affiliation, rule, tolerance,
                    revealed_at, revealed_by, created_at
             FROM review_rounds WHERE name COLLATE NOCASE = ?1
             ORDER BY name = ?1 DESC LIMIT 1",
            [name],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, f64>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, String>(10)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("review round `{name}`")))?;
    let (id, name, rubric, per_entry, blind, avoid, rule, tolerance, at, by, created_at) = row;
    let what = || format!("review round `{name}`");
    let rubric = Rubric::parse(&rubric).map_err(|e| Error::corrupt(what(), e))?;
    let rule = rule
        .parse()
        .map_err(|e: String| Error::corrupt(what(), e))?;
    let markers = {
        let mut stmt = conn.prepare(
            "SELECT id, name, affiliation FROM review_markers WHERE round_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Marker {
                id: r.get(0)?,
                name: r.get(1)?,
                affiliation: r.get(2)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(Round {
        id,
        name,
        rubric,
        per_entry: usize::try_from(per_entry).unwrap_or(1),
        blind,
        avoid_same_affiliation: avoid,
        rule,
        tolerance,
        revealed: at.map(|at| Revealed {
            at,
            by: by.unwrap_or_default(),
        }),
        created_at,
        markers,
    })
}

const ENTRY_COLUMNS: &str = "id, code, document_id, content_hash, title, author, affiliation,
    moderated, moderation_reason, moderated_by, shortlisted, winner";

fn entry_from(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        code: r.get(1)?,
        document_id: r.get(2)?,
        content_hash: r.get(3)?,
        title: r.get(4)?,
        author: r.get(5)?,
        affiliation: r.get(6)?,
        moderated: r.get(7)?,
        moderation_reason: r.get(8)?,
        moderated_by: r.get(9)?,
        shortlisted: r.get(10)?,
        winner: r.get(11)?,
    })
}

/// The round's entries in code order.
pub(super) fn entries(conn: &Connection, round: &Round) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM review_entries WHERE round_id = ?1 ORDER BY code"
    ))?;
    let rows = stmt.query_map([round.id], entry_from)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Entry `code` of the round: "E-003", "e-003", "E-3" or "3".
pub(super) fn entry(conn: &Connection, round: &Round, code: &str) -> Result<Entry> {
    let code = normalise_code(code);
    conn.query_row(
        &format!("SELECT {ENTRY_COLUMNS} FROM review_entries WHERE round_id = ?1 AND code = ?2"),
        params![round.id, code],
        entry_from,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("entry `{code}` in round `{}`", round.name)))
}

fn normalise_code(code: &str) -> String {
    let code = code.trim();
    let digits = code
        .strip_prefix("E-")
        .or_else(|| code.strip_prefix("e-"))
        .unwrap_or(code);
    match digits.parse::<u32>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => format!("E-{n:03}"),
        _ => code.to_string(),
    }
}

/// Every marking of the round, or of one entry, first marker first.
pub(super) fn marks(conn: &Connection, round: &Round, entry: Option<i64>) -> Result<Vec<MarkRow>> {
    let mut stmt = conn.prepare(
        "SELECT m.entry_id, m.marker_id, m.state, m.scores, m.overall
         FROM review_marks m JOIN review_entries e ON e.id = m.entry_id
         WHERE e.round_id = ?1 AND (?2 IS NULL OR m.entry_id = ?2)
         ORDER BY e.code, m.position",
    )?;
    let rows = stmt.query_map(params![round.id, entry], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (entry_id, marker_id, state, scores, overall) = row?;
        let what = || format!("marks of entry {entry_id} in round `{}`", round.name);
        out.push(MarkRow {
            entry_id,
            marker_id,
            state: state
                .parse()
                .map_err(|e: String| Error::corrupt(what(), e))?,
            scores: serde_json::from_str(&scores).map_err(|e| Error::corrupt(what(), e))?,
            overall,
        });
    }
    Ok(out)
}

/// The marking of `entry` by `marker`, or an error saying the marker has
/// not been given that entry.
pub(super) fn mark(
    conn: &Connection,
    round: &Round,
    entry: &Entry,
    marker: &Marker,
) -> Result<MarkRow> {
    marks(conn, round, Some(entry.id))?
        .into_iter()
        .find(|m| m.marker_id == marker.id)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{} is not a marker of {} in round `{}`",
                marker.name, entry.code, round.name
            ))
        })
}

impl Library {
    /// Create a round: entries coded E-001… in the order given, each
    /// allocated to `per_entry` markers, balanced and (when asked) never to
    /// a marker of the entry's own affiliation. One write, trail included.
    pub fn create_round(&mut self, spec: &RoundSpec, actor: &str) -> Result<RoundSummary> {
        let name = spec.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::Invalid("a review round needs a name".into()));
        }
        spec.rubric
            .validate()
            .map_err(|e| Error::Invalid(e.to_string()))?;
        if !(spec.tolerance.is_finite() && (0.0..=1.0).contains(&spec.tolerance)) {
            return Err(Error::Invalid(format!(
                "tolerance {} must be a share between 0 and 1 (0.10 is 10%)",
                spec.tolerance
            )));
        }
        let markers = check_markers(&spec.markers)?;
        if spec.documents.is_empty() {
            return Err(Error::Invalid(
                "a review round needs at least one entry".into(),
            ));
        }
        let docs = spec
            .documents
            .iter()
            .enumerate()
            .map(|(i, &id)| {
                if spec.documents[..i].contains(&id) {
                    return Err(Error::Invalid(format!("document {id} is given twice")));
                }
                let d = self.document(id)?;
                Ok((id, d.summary, d.content_hash))
            })
            .collect::<Result<Vec<_>>>()?;
        let entry_candidates: Vec<Candidate> = docs
            .iter()
            .map(|(_, s, _)| Candidate {
                affiliation: s.affiliation.as_deref(),
            })
            .collect();
        let marker_candidates: Vec<Candidate> = markers
            .iter()
            .map(|m| Candidate {
                affiliation: m.affiliation.as_deref(),
            })
            .collect();
        let allocation = allocate(
            &entry_candidates,
            &marker_candidates,
            spec.per_entry,
            spec.avoid_same_affiliation,
        )
        .map_err(|e| match e {
            AllocError::TooFewEligible {
                entry,
                eligible,
                needed,
            } => {
                let (id, s, _) = &docs[entry];
                Error::Invalid(format!(
                    "document {id} (“{}”, {}) can go to only {eligible} marker(s) outside its affiliation, and needs {needed}: add markers from elsewhere, lower --per-entry or drop --avoid-same-affiliation",
                    s.title,
                    s.affiliation.as_deref().unwrap_or("no affiliation")
                ))
            }
            other => Error::Invalid(other.to_string()),
        })?;
        let rubric_json = serde_json::to_string(&spec.rubric).expect("a rubric serialises");
        self.write(|tx| {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM review_rounds WHERE name = ?1 COLLATE NOCASE",
                    [&name],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(Error::Invalid(format!(
                    "a review round named `{name}` already exists"
                )));
            }
            tx.execute(
                "INSERT INTO review_rounds (name, rubric, per_entry, blind, avoid_same_affiliation, rule, tolerance)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    name,
                    rubric_json,
                    spec.per_entry as i64,
                    spec.blind,
                    spec.avoid_same_affiliation,
                    spec.rule.as_str(),
                    spec.tolerance
                ],
            )?;
            let round_id = tx.last_insert_rowid();
            let mut marker_ids = Vec::with_capacity(markers.len());
            for (i, m) in markers.iter().enumerate() {
                tx.execute(
                    "INSERT INTO review_markers (round_id, position, name, affiliation) VALUES (?1, ?2, ?3, ?4)",
                    params![round_id, i as i64, m.name, m.affiliation],
                )?;
                marker_ids.push(tx.last_insert_rowid());
            }
            trail::log(
                tx,
                round_id,
                None,
                actor,
                "create round",
                None,
                Some(format!(
                    "{} entries, {} markers, {} per entry, {}, rule {}, tolerance {}%",
                    docs.len(),
                    markers.len(),
                    spec.per_entry,
                    if spec.blind { "blind" } else { "open" },
                    spec.rule.as_str(),
                    spec.tolerance * 100.0
                )),
            )?;
            for (i, ((doc_id, s, hash), allocated)) in docs.iter().zip(&allocation).enumerate() {
                let code = format!("E-{:03}", i + 1);
                let dup: Option<String> = tx
                    .query_row(
                        "SELECT code FROM review_entries WHERE round_id = ?1 AND content_hash = ?2",
                        params![round_id, hash],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(other) = dup {
                    return Err(Error::Invalid(format!(
                        "document {doc_id} has the same text as entry {other}; give each entry once"
                    )));
                }
                tx.execute(
                    "INSERT INTO review_entries (round_id, code, document_id, content_hash, title, author, affiliation)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![round_id, code, doc_id, hash, s.title, s.author, s.affiliation],
                )?;
                let entry_id = tx.last_insert_rowid();
                for (position, &m) in allocated.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO review_marks (entry_id, marker_id, position) VALUES (?1, ?2, ?3)",
                        params![entry_id, marker_ids[m], position as i64],
                    )?;
                }
                let names: Vec<&str> = allocated.iter().map(|&m| markers[m].name.as_str()).collect();
                trail::log(tx, round_id, Some(&code), actor, "allocate", None, Some(names.join(", ")))?;
            }
            summary(tx, round_id)
        })
    }

    /// Every round, newest first.
    pub fn rounds(&self) -> Result<Vec<RoundSummary>> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn()
                .prepare("SELECT id FROM review_rounds ORDER BY created_at DESC, id DESC")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| summary(self.conn(), id)).collect()
    }

    /// Delete a round with its marks, comments and trail.
    pub fn delete_round(&mut self, name: &str) -> Result<()> {
        self.write(|tx| {
            let round = load(tx, name)?;
            tx.execute("DELETE FROM review_rounds WHERE id = ?1", [round.id])?;
            // Allowed by the trail's trigger only now that the round is gone.
            tx.execute("DELETE FROM review_trail WHERE round_id = ?1", [round.id])?;
            Ok(())
        })
    }

    /// Give `from`'s marking of entry `code` to `to` instead. Only a
    /// marking not yet started moves; `to` must be a marker of the round,
    /// not already on the entry and, under the conflict rule, not of the
    /// entry's affiliation.
    pub fn reassign(
        &mut self,
        round: &str,
        code: &str,
        from: &str,
        to: &str,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let round = load(tx, round)?;
            let entry = entry(tx, &round, code)?;
            let from = round.marker(from)?;
            let to = round.marker(to)?;
            let mark = mark(tx, &round, &entry, from)?;
            if mark.state != State::NotStarted {
                return Err(Error::Invalid(format!(
                    "{} has already started marking {} ({}); only a marking not yet started can be reassigned",
                    from.name,
                    entry.code,
                    mark.state.as_str().replace('_', " ")
                )));
            }
            if marks(tx, &round, Some(entry.id))?.iter().any(|m| m.marker_id == to.id) {
                return Err(Error::Invalid(format!(
                    "{} already marks {}",
                    to.name, entry.code
                )));
            }
            let entry_side = Candidate {
                affiliation: entry.affiliation.as_deref(),
            };
            let marker_side = Candidate {
                affiliation: to.affiliation.as_deref(),
            };
            if !eligible(entry_side, marker_side, round.avoid_same_affiliation) {
                return Err(Error::Invalid(format!(
                    "{} is from the entry's own affiliation, which round `{}` does not allow",
                    to.name, round.name
                )));
            }
            tx.execute(
                "UPDATE review_marks SET marker_id = ?3 WHERE entry_id = ?1 AND marker_id = ?2",
                params![entry.id, from.id, to.id],
            )?;
            trail::log(
                tx,
                round.id,
                Some(&entry.code),
                actor,
                "reassign",
                Some(from.name.clone()),
                Some(to.name.clone()),
            )
        })
    }

    /// Mark an entry shortlisted or a winner (or neither).
    pub fn set_entry_flags(
        &mut self,
        round: &str,
        code: &str,
        shortlisted: Option<bool>,
        winner: Option<bool>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let round = load(tx, round)?;
            let entry = entry(tx, &round, code)?;
            for (flag, old, new) in [
                ("shortlisted", entry.shortlisted, shortlisted),
                ("winner", entry.winner, winner),
            ] {
                let Some(new) = new else { continue };
                if new == old {
                    continue;
                }
                tx.execute(
                    &format!("UPDATE review_entries SET {flag} = ?2 WHERE id = ?1"),
                    params![entry.id, new],
                )?;
                trail::log(
                    tx,
                    round.id,
                    Some(&entry.code),
                    actor,
                    flag,
                    Some(old.to_string()),
                    Some(new.to_string()),
                )?;
            }
            Ok(())
        })
    }

    /// Record the moderator's agreed mark (0–100) and reason for an entry
    /// every marker has submitted; `None` withdraws a decision.
    pub fn moderate(
        &mut self,
        round: &str,
        code: &str,
        decision: Option<(f64, &str)>,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let round = load(tx, round)?;
            let entry = entry(tx, &round, code)?;
            let marks = marks(tx, &round, Some(entry.id))?;
            if let Some((mark, reason)) = decision {
                if !(mark.is_finite() && (0.0..=100.0).contains(&mark)) {
                    return Err(Error::Invalid(format!(
                        "agreed mark {mark} must be between 0 and 100"
                    )));
                }
                if reason.trim().is_empty() {
                    return Err(Error::Invalid(
                        "a moderated mark needs a reason (it goes into the trail)".into(),
                    ));
                }
                if let Some(open) = marks.iter().find(|m| m.state != State::Submitted) {
                    let who = round.marker_by_id(open.marker_id).map_or("a marker", |m| m.name.as_str());
                    return Err(Error::Invalid(format!(
                        "{} cannot be moderated yet: {who} has not submitted",
                        entry.code
                    )));
                }
            }
            let (mark, reason) = match decision {
                Some((m, r)) => (Some(quire_review::round2(m)), Some(r.trim())),
                None => (None, None),
            };
            tx.execute(
                "UPDATE review_entries SET moderated = ?2, moderation_reason = ?3, moderated_by = ?4 WHERE id = ?1",
                params![entry.id, mark, reason, mark.map(|_| actor)],
            )?;
            trail::log(
                tx,
                round.id,
                Some(&entry.code),
                actor,
                "moderate",
                entry.moderated.map(|m| m.to_string()),
                mark.map(|m| format!("{m} ({})", reason.unwrap_or_default())),
            )
        })
    }

    /// Reveal a blind round's authors and affiliations, for good; the
    /// trail records who and when. Revealing again changes nothing.
    pub fn reveal(&mut self, round: &str, actor: &str) -> Result<Revealed> {
        self.write(|tx| {
            let round = load(tx, round)?;
            if let Some(r) = round.revealed {
                return Ok(r);
            }
            tx.execute(
                "UPDATE review_rounds SET revealed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revealed_by = ?2 WHERE id = ?1",
                params![round.id, actor],
            )?;
            trail::log(tx, round.id, None, actor, "reveal", None, Some("identities revealed".into()))?;
            Ok(load(tx, &round.name)?.revealed.expect("just revealed"))
        })
    }
}

/// Names present and unique (any case).
fn check_markers(markers: &[MarkerSpec]) -> Result<Vec<MarkerSpec>> {
    if markers.is_empty() {
        return Err(Error::Invalid(
            "a review round needs at least one marker".into(),
        ));
    }
    let mut out: Vec<MarkerSpec> = Vec::with_capacity(markers.len());
    for m in markers {
        let name = m.name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a marker has no name".into()));
        }
        if out.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
            return Err(Error::Invalid(format!("marker `{name}` is given twice")));
        }
        out.push(MarkerSpec {
            name: name.to_string(),
            affiliation: m
                .affiliation
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string),
        });
    }
    Ok(out)
}

pub(super) fn summary(conn: &Connection, round_id: i64) -> Result<RoundSummary> {
    let name: String = conn.query_row(
        "SELECT name FROM review_rounds WHERE id = ?1",
        [round_id],
        |r| r.get(0),
    )?;
    let round = load(conn, &name)?;
    let view = super::results::view(conn, &round)?;
    Ok(RoundSummary {
        name: round.name,
        blind: round.blind,
        revealed: round.revealed.is_some(),
        rule: round.rule,
        entries: view.entries.len(),
        markers: view.markers.len(),
        marks: view.markers.iter().map(|m| m.allocated).sum(),
        submitted: view.markers.iter().map(|m| m.submitted).sum(),
        awaiting_moderation: view.entries.iter().filter(|e| e.needs_moderator).count(),
        created_at: round.created_at,
    })
}
