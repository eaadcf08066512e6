//! Marks between machines: a marker exports their marks for a round; the
//! coordinator imports the file. Entries are matched by content hash, the
//! marker by name, the rubric by fingerprint. Importing is idempotent (the
//! same file twice changes nothing the second time) and never overwrites:
//! where the library already holds different marks by that marker for an
//! entry, the entry is reported as a conflict and left as it is.

use quire_review::marks_file::{FileComment, FileEntry, FileMarker, MarksFile, VERSION};
use quire_review::State;
use rusqlite::params;

use super::round::{self};
use super::{marking, trail, MarksConflict, MarksImport};
use crate::error::{Error, Result};
use crate::Library;

impl Library {
    /// Marker `marker`'s marks for round `name`, as a sealed marks file.
    pub fn export_marks(&self, name: &str, marker: &str) -> Result<MarksFile> {
        let conn = self.conn();
        let round = round::load(conn, name)?;
        let marker = round.marker(marker)?;
        let entries = round::entries(conn, &round)?;
        let marks = round::marks(conn, &round, None)?;
        let mut out = Vec::new();
        for m in marks.iter().filter(|m| m.marker_id == marker.id) {
            let Some(e) = entries.iter().find(|e| e.id == m.entry_id) else {
                continue;
            };
            out.push(FileEntry {
                content_hash: e.content_hash.clone(),
                code: e.code.clone(),
                state: m.state,
                scores: m.scores.clone(),
                overall: m.overall.clone(),
                comments: file_comments(&marking::comments(conn, &round, e.id, Some(marker.id))?),
            });
        }
        let exported_at: String =
            conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", [], |r| {
                r.get(0)
            })?;
        Ok(MarksFile {
            quire_marks: VERSION,
            round: round.name.clone(),
            rubric: round.rubric.fingerprint(),
            marker: FileMarker {
                name: marker.name.clone(),
                affiliation: marker.affiliation.clone(),
            },
            exported_at,
            entries: out,
            checksum: String::new(),
        }
        .seal())
    }

    /// Take a marker's marks from a file into the round it names. Refused
    /// whole (nothing stored) when the round, marker, rubric or an entry
    /// does not match this library's; otherwise each entry is imported,
    /// found unchanged, or reported as a conflict. One write.
    pub fn import_marks(&mut self, file: &MarksFile, actor: &str) -> Result<MarksImport> {
        self.write(|tx| {
            let round = round::load(tx, &file.round).map_err(|_| {
                Error::Invalid(format!(
                    "the marks file is for round `{}`, which this library does not have",
                    file.round
                ))
            })?;
            if file.rubric != round.rubric.fingerprint() {
                return Err(Error::Invalid(format!(
                    "the marks file was made with a different rubric from round `{}`'s; the marker must mark with the round's rubric",
                    round.name
                )));
            }
            let marker = round.marker(&file.marker.name).map_err(|_| {
                Error::Invalid(format!(
                    "the marks file is by `{}`, who is not a marker of round `{}`",
                    file.marker.name, round.name
                ))
            })?;
            let entries = round::entries(tx, &round)?;
            let marks = round::marks(tx, &round, None)?;
            let mut report = MarksImport {
                round: round.name.clone(),
                marker: marker.name.clone(),
                ..MarksImport::default()
            };
            // Check the whole file before storing any of it.
            let mut plan = Vec::new();
            for fe in &file.entries {
                let entry = entries
                    .iter()
                    .find(|e| e.content_hash == fe.content_hash)
                    .ok_or_else(|| {
                        Error::Invalid(format!(
                            "the marks file's entry {} is not in round `{}` here (no entry has its text)",
                            fe.code, round.name
                        ))
                    })?;
                for (criterion, score) in &fe.scores {
                    let c = round
                        .rubric
                        .check_score(criterion, *score)
                        .map_err(|e| Error::Invalid(format!("marks file, entry {}: {e}", fe.code)))?;
                    if c.name != *criterion {
                        return Err(Error::Invalid(format!(
                            "marks file, entry {}: criterion `{criterion}` is not spelt as the rubric spells it",
                            fe.code
                        )));
                    }
                }
                if fe.state == State::Submitted && round.rubric.total(&fe.scores).is_none() {
                    return Err(Error::Invalid(format!(
                        "marks file, entry {}: submitted without a score for every criterion",
                        fe.code
                    )));
                }
                plan.push((entry, fe));
            }
            for (entry, fe) in plan {
                let local = marks
                    .iter()
                    .find(|m| m.entry_id == entry.id && m.marker_id == marker.id);
                let Some(local) = local else {
                    report.conflicts.push(MarksConflict {
                        code: entry.code.clone(),
                        reason: format!("{} is not allocated {} here", marker.name, entry.code),
                        local_total: None,
                        file_total: round.rubric.total(&fe.scores),
                    });
                    continue;
                };
                let local_comments =
                    file_comments(&marking::comments(tx, &round, entry.id, Some(marker.id))?);
                let same = local.state == fe.state
                    && local.scores == fe.scores
                    && local.overall == fe.overall
                    && local_comments == fe.comments;
                if same {
                    report.unchanged.push(entry.code.clone());
                    continue;
                }
                let untouched = local.state == State::NotStarted
                    && local.scores.is_empty()
                    && local.overall.is_none()
                    && local_comments.is_empty();
                if !untouched {
                    report.conflicts.push(MarksConflict {
                        code: entry.code.clone(),
                        reason: format!(
                            "{} already has different marks for {} here",
                            marker.name, entry.code
                        ),
                        local_total: round.rubric.total(&local.scores),
                        file_total: round.rubric.total(&fe.scores),
                    });
                    continue;
                }
                tx.execute(
                    "UPDATE review_marks SET state = ?3, scores = ?4, overall = ?5,
                         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                     WHERE entry_id = ?1 AND marker_id = ?2",
                    params![
                        entry.id,
                        marker.id,
                        fe.state.as_str(),
                        serde_json::to_string(&fe.scores).expect("scores serialise"),
                        fe.overall
                    ],
                )?;
                for c in &fe.comments {
                    tx.execute(
                        "INSERT INTO review_comments (entry_id, marker_id, paragraph, start, \"end\", quote, text, finding)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![entry.id, marker.id, c.paragraph, c.start, c.end, c.quote, c.text, c.finding],
                    )?;
                }
                trail::log(
                    tx,
                    round.id,
                    Some(&entry.code),
                    actor,
                    &format!("import marks ({})", marker.name),
                    Some(local.state.as_str().into()),
                    Some(format!(
                        "{} {}",
                        fe.state.as_str(),
                        round
                            .rubric
                            .total(&fe.scores)
                            .map_or_else(String::new, |t| t.to_string())
                    )),
                )?;
                report.imported.push(entry.code.clone());
            }
            Ok(report)
        })
    }
}

fn file_comments(comments: &[super::Comment]) -> Vec<FileComment> {
    comments
        .iter()
        .map(|c| FileComment {
            paragraph: c.anchor.paragraph,
            start: c.anchor.start,
            end: c.anchor.end,
            quote: c.anchor.quote.clone(),
            text: c.text.clone(),
            finding: c.finding.clone(),
        })
        .collect()
}
