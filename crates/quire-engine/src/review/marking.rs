//! Marking one entry: the screen's data (text masked while blind, rubric,
//! scores, comments, citation findings with ready-made comments), saving
//! scores and the overall comment, submitting, comments on passages and
//! the comment bank.

use quire_review::mask::{mask, MaskKind};
use quire_review::{Scores, State};
use rusqlite::{params, Connection, OptionalExtension};

use super::round::{self, Entry, Marker, Round};
use super::{
    trail, Anchor, BankComment, Comment, CommentSpec, Finding, MarkDetail, MarkUpdate, MarkView,
    ModerationView,
};
use crate::error::{Error, Result};
use crate::render::CiteMark;
use crate::Library;

/// Longest comment, quote or overall comment kept (characters).
const MAX_TEXT: usize = 20_000;

/// Private-use characters that stand for a mask token while the masked
/// body goes through the Markdown renderer and the sanitiser (which keep
/// them as text), replaced by a `<span class="masked">` after.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

const KINDS: [MaskKind; 3] = [
    MaskKind::Author,
    MaskKind::Affiliation,
    MaskKind::AuthorLine,
];

/// The entry's text as safe HTML, citations marked, masked when the round
/// is blind.
pub(super) fn entry_html(conn: &Connection, round: &Round, entry: &Entry) -> Result<String> {
    let Some(id) = entry.document_id else {
        return Ok(format!(
            "<p>The document of {} was deleted from the library; its marks remain.</p>",
            entry.code
        ));
    };
    let body: String = conn
        .query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("document {id}")))?;
    let marks = crate::citations::marks(conn, id)?;
    if !round.masked() {
        return crate::guard::catch(|| crate::render::markdown_with_citations(&body, &marks))
            .map_err(|p| Error::Internal(format!("could not render document {id}: {p}")));
    }
    crate::guard::catch(|| {
        // A sentinel the document itself holds becomes U+FFFD (also three
        // bytes, so citation spans stay put): only ours turn into tokens.
        let clean = body.replace([OPEN, CLOSE], "\u{FFFD}");
        let masked = mask(
            &clean,
            entry.author.as_deref(),
            entry.affiliation.as_deref(),
            &|kind| {
                let i = KINDS.iter().position(|k| *k == kind).unwrap_or(0);
                format!("{OPEN}{i}{CLOSE}")
            },
        );
        let moved: Vec<CiteMark> = marks
            .iter()
            .filter_map(|m| {
                Some(CiteMark {
                    span: masked.map_span(m.span.clone())?,
                    index: m.index,
                    status: m.status.clone(),
                })
            })
            .collect();
        let mut html = crate::render::markdown_with_citations(&masked.text, &moved);
        for (i, kind) in KINDS.iter().enumerate() {
            html = html.replace(
                &format!("{OPEN}{i}{CLOSE}"),
                &format!(
                    r#"<span class="masked" title="Hidden for blind marking">{}</span>"#,
                    kind.as_str()
                ),
            );
        }
        html.replace([OPEN, CLOSE], "")
    })
    .map_err(|p| Error::Internal(format!("could not render document {id}: {p}")))
}

/// The document's stored audit findings, each anchored at its citation
/// (or at the first paragraph when it is about the reference list).
pub(super) fn findings(conn: &Connection, document: i64) -> Result<Vec<Finding>> {
    let body: String = conn
        .query_row(
            "SELECT body FROM documents WHERE id = ?1",
            [document],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let paragraphs = crate::search::paragraphs(&body);
    let mut stmt = conn.prepare(
        "SELECT i.kind, i.message, i.citation, c.start, c.\"end\", c.text
         FROM citation_issues i
         LEFT JOIN citations c ON c.document_id = i.document_id AND c.position = i.citation
         WHERE i.document_id = ?1 ORDER BY i.position",
    )?;
    let rows = stmt.query_map([document], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, message, citation, start, _end, text) = row?;
        let start = start.and_then(|s| usize::try_from(s).ok());
        let paragraph = start
            .and_then(|s| {
                paragraphs
                    .iter()
                    .position(|(r, _)| r.start <= s && s < r.end.max(r.start + 1))
            })
            .unwrap_or(0);
        let quote = match text {
            Some(t) => t,
            None => paragraphs
                .first()
                .map(|(_, p)| p.chars().take(60).collect())
                .unwrap_or_default(),
        };
        out.push(Finding {
            kind,
            message,
            citation: citation.and_then(|c| usize::try_from(c).ok()),
            anchor: Anchor {
                paragraph: paragraph as u32,
                start: None,
                end: None,
                quote,
            },
        });
    }
    Ok(out)
}

/// The comments on an entry, by one marker or all, oldest first.
pub(super) fn comments(
    conn: &Connection,
    round: &Round,
    entry: i64,
    marker: Option<i64>,
) -> Result<Vec<Comment>> {
    let mut stmt = conn.prepare(
        "SELECT id, marker_id, paragraph, start, \"end\", quote, text, finding
         FROM review_comments WHERE entry_id = ?1 AND (?2 IS NULL OR marker_id = ?2)
         ORDER BY paragraph, start, id",
    )?;
    let rows = stmt.query_map(params![entry, marker], |r| {
        Ok(Comment {
            id: r.get(0)?,
            marker: r.get::<_, i64>(1).map(|id| {
                round
                    .marker_by_id(id)
                    .map_or_else(String::new, |m| m.name.clone())
            })?,
            anchor: Anchor {
                paragraph: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                quote: r.get(5)?,
            },
            text: r.get(6)?,
            finding: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn check_text(what: &str, text: &str) -> Result<()> {
    if text.chars().count() > MAX_TEXT {
        return Err(Error::Invalid(format!(
            "{what} is longer than {MAX_TEXT} characters"
        )));
    }
    Ok(())
}

/// The marking must be open for changes.
fn open_for_changes(round: &Round, entry: &Entry, marker: &Marker, state: State) -> Result<()> {
    if state == State::Submitted {
        return Err(Error::Invalid(format!(
            "{}'s marking of {} in round `{}` is submitted; reopen it to change it",
            marker.name, entry.code, round.name
        )));
    }
    Ok(())
}

fn set_state(
    conn: &Connection,
    round: &Round,
    entry: &Entry,
    marker: &Marker,
    old: State,
    new: State,
    actor: &str,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    conn.execute(
        "UPDATE review_marks SET state = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE entry_id = ?1 AND marker_id = ?2",
        params![entry.id, marker.id, new.as_str()],
    )?;
    trail::log(
        conn,
        round.id,
        Some(&entry.code),
        actor,
        &format!("state ({})", marker.name),
        Some(old.as_str().into()),
        Some(new.as_str().into()),
    )
}

impl Library {
    /// The insights of entry `code`'s essay (references by year and kind,
    /// where its citations fall), for the marking screen. Only figures: the
    /// author's name is not among them.
    pub fn entry_insights(
        &self,
        round: &str,
        code: &str,
    ) -> Result<crate::insights::EssayInsights> {
        let conn = self.conn();
        let round = round::load(conn, round)?;
        let entry = round::entry(conn, &round, code)?;
        let id = entry
            .document_id
            .ok_or_else(|| Error::NotFound(format!("the essay of entry {code} (deleted)")))?;
        self.essay_insights(id)
    }

    /// What marker `marker` sees when marking entry `code`.
    pub fn mark_view(&self, round: &str, code: &str, marker: &str) -> Result<MarkView> {
        let conn = self.conn();
        let round = round::load(conn, round)?;
        let marker = round.marker(marker)?;
        let entry = round::entry(conn, &round, code)?;
        let mark = round::mark(conn, &round, &entry, marker)?;
        let (word_count, min_words, max_words) = match entry.document_id {
            Some(id) => conn
                .query_row(
                    "SELECT d.word_count, c.min_words, c.max_words FROM documents d
                     LEFT JOIN collections c ON c.id = d.collection_id WHERE d.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?
                .unwrap_or((None, None, None)),
            None => (None, None, None),
        };
        let queue: Vec<String> = {
            let mut stmt = conn.prepare(
                "SELECT e.code FROM review_marks m JOIN review_entries e ON e.id = m.entry_id
                 WHERE e.round_id = ?1 AND m.marker_id = ?2 ORDER BY e.code",
            )?;
            let rows = stmt.query_map(params![round.id, marker.id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let at = queue.iter().position(|c| *c == entry.code).unwrap_or(0);
        let masked = round.masked();
        Ok(MarkView {
            round: round.name.clone(),
            code: entry.code.clone(),
            marker: marker.name.clone(),
            state: mark.state,
            masked,
            title: entry.title.clone(),
            author: entry.author.clone().filter(|_| !masked),
            affiliation: entry.affiliation.clone().filter(|_| !masked),
            word_count,
            min_words,
            max_words,
            total: round.rubric.total(&mark.scores),
            scores: mark.scores,
            overall: mark.overall,
            comments: comments(conn, &round, entry.id, Some(marker.id))?,
            html: entry_html(conn, &round, &entry)?,
            findings: match entry.document_id {
                Some(id) => findings(conn, id)?,
                None => Vec::new(),
            },
            previous: at.checked_sub(1).and_then(|i| queue.get(i).cloned()),
            next: queue.get(at + 1).cloned(),
            rubric: round.rubric,
        })
    }

    /// Change a marking: scores (each checked against its criterion's
    /// range), the overall comment, and submission (which needs every
    /// criterion scored). One write; each change goes into the trail.
    pub fn save_mark(
        &mut self,
        round: &str,
        code: &str,
        marker: &str,
        update: &MarkUpdate,
        actor: &str,
    ) -> Result<State> {
        if let Some(o) = &update.overall {
            check_text("the overall comment", o)?;
        }
        self.write(|tx| {
            let round = round::load(tx, round)?;
            let marker = round.marker(marker)?;
            let entry = round::entry(tx, &round, code)?;
            let mark = round::mark(tx, &round, &entry, marker)?;
            let changes = !update.scores.is_empty() || !update.clear.is_empty() || update.overall.is_some();
            if changes || update.submit {
                open_for_changes(&round, &entry, marker, mark.state)?;
            }
            let mut scores: Scores = mark.scores.clone();
            for (name, score) in &update.scores {
                let c = round
                    .rubric
                    .check_score(name, *score)
                    .map_err(|e| Error::Invalid(e.to_string()))?;
                let old = scores.insert(c.name.clone(), *score);
                if old != Some(*score) {
                    trail::log(
                        tx,
                        round.id,
                        Some(&entry.code),
                        actor,
                        &format!("score {} ({})", c.name, marker.name),
                        old.map(|o| o.to_string()),
                        Some(score.to_string()),
                    )?;
                }
            }
            for name in &update.clear {
                let c = round.rubric.criterion(name).ok_or_else(|| {
                    Error::Invalid(format!("no criterion `{name}` in rubric `{}`", round.rubric.name))
                })?;
                if let Some(old) = scores.remove(&c.name) {
                    trail::log(
                        tx,
                        round.id,
                        Some(&entry.code),
                        actor,
                        &format!("score {} ({})", c.name, marker.name),
                        Some(old.to_string()),
                        None,
                    )?;
                }
            }
            let overall = match &update.overall {
                Some(o) if o.trim().is_empty() => None,
                Some(o) => Some(o.trim().to_string()),
                None => mark.overall.clone(),
            };
            if overall != mark.overall {
                trail::log(
                    tx,
                    round.id,
                    Some(&entry.code),
                    actor,
                    &format!("overall comment ({})", marker.name),
                    mark.overall.clone(),
                    overall.clone(),
                )?;
            }
            tx.execute(
                "UPDATE review_marks SET scores = ?3, overall = ?4, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE entry_id = ?1 AND marker_id = ?2",
                params![
                    entry.id,
                    marker.id,
                    serde_json::to_string(&scores).expect("scores serialise"),
                    overall
                ],
            )?;
            let mut state = mark.state;
            if changes && state == State::NotStarted {
                state = State::InProgress;
            }
            if update.submit {
                let missing: Vec<&str> = round
                    .rubric
                    .criteria
                    .iter()
                    .filter(|c| !scores.contains_key(&c.name))
                    .map(|c| c.name.as_str())
                    .collect();
                if !missing.is_empty() {
                    return Err(Error::Invalid(format!(
                        "{} cannot be submitted: no score yet for {}",
                        entry.code,
                        missing.join(", ")
                    )));
                }
                state = State::Submitted;
            }
            set_state(tx, &round, &entry, marker, mark.state, state, actor)?;
            Ok(state)
        })
    }

    /// Take a submitted marking back to in progress, so it can be changed.
    pub fn reopen_mark(
        &mut self,
        round: &str,
        code: &str,
        marker: &str,
        actor: &str,
    ) -> Result<()> {
        self.write(|tx| {
            let round = round::load(tx, round)?;
            let marker = round.marker(marker)?;
            let entry = round::entry(tx, &round, code)?;
            let mark = round::mark(tx, &round, &entry, marker)?;
            if mark.state != State::Submitted {
                return Err(Error::Invalid(format!(
                    "{}'s marking of {} is not submitted",
                    marker.name, entry.code
                )));
            }
            set_state(
                tx,
                &round,
                &entry,
                marker,
                mark.state,
                State::InProgress,
                actor,
            )
        })
    }

    /// Attach a comment to a passage of entry `code`.
    pub fn add_comment(
        &mut self,
        round: &str,
        code: &str,
        marker: &str,
        spec: &CommentSpec,
        actor: &str,
    ) -> Result<Comment> {
        let text = spec.text.trim();
        if text.is_empty() {
            return Err(Error::Invalid("a comment needs some text".into()));
        }
        check_text("the comment", text)?;
        check_text("the quoted passage", &spec.anchor.quote)?;
        if spec.anchor.quote.trim().is_empty() {
            return Err(Error::Invalid(
                "a comment needs the passage it is about".into(),
            ));
        }
        if let (Some(s), Some(e)) = (spec.anchor.start, spec.anchor.end) {
            if s > e {
                return Err(Error::Invalid(format!(
                    "passage {s}–{e} ends before it starts"
                )));
            }
        }
        self.write(|tx| {
            let round = round::load(tx, round)?;
            let marker = round.marker(marker)?;
            let entry = round::entry(tx, &round, code)?;
            let mark = round::mark(tx, &round, &entry, marker)?;
            open_for_changes(&round, &entry, marker, mark.state)?;
            if let Some(id) = entry.document_id {
                let body: String = tx.query_row("SELECT body FROM documents WHERE id = ?1", [id], |r| r.get(0))?;
                let n = crate::search::paragraphs(&body).len();
                if spec.anchor.paragraph as usize >= n.max(1) {
                    return Err(Error::Invalid(format!(
                        "{} has {n} paragraphs; there is no paragraph {}",
                        entry.code, spec.anchor.paragraph
                    )));
                }
            }
            tx.execute(
                "INSERT INTO review_comments (entry_id, marker_id, paragraph, start, \"end\", quote, text, finding)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    entry.id,
                    marker.id,
                    spec.anchor.paragraph,
                    spec.anchor.start,
                    spec.anchor.end,
                    spec.anchor.quote,
                    text,
                    spec.finding
                ],
            )?;
            let id = tx.last_insert_rowid();
            set_state(tx, &round, &entry, marker, mark.state, State::InProgress, actor)?;
            trail::log(
                tx,
                round.id,
                Some(&entry.code),
                actor,
                &format!("comment ({})", marker.name),
                None,
                Some(text.to_string()),
            )?;
            Ok(Comment {
                id,
                marker: marker.name.clone(),
                anchor: spec.anchor.clone(),
                text: text.to_string(),
                finding: spec.finding.clone(),
            })
        })
    }

    /// Change a comment's text, or delete it (`text` `None`).
    pub fn edit_comment(
        &mut self,
        round: &str,
        id: i64,
        text: Option<&str>,
        actor: &str,
    ) -> Result<()> {
        if let Some(t) = text {
            if t.trim().is_empty() {
                return Err(Error::Invalid("a comment needs some text".into()));
            }
            check_text("the comment", t)?;
        }
        self.write(|tx| {
            let round = round::load(tx, round)?;
            let found: Option<(i64, i64, String)> = tx
                .query_row(
                    "SELECT c.entry_id, c.marker_id, c.text FROM review_comments c
                     JOIN review_entries e ON e.id = c.entry_id WHERE c.id = ?1 AND e.round_id = ?2",
                    params![id, round.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (entry_id, marker_id, old) =
                found.ok_or_else(|| Error::NotFound(format!("comment {id} in round `{}`", round.name)))?;
            let entry = round::entries(tx, &round)?
                .into_iter()
                .find(|e| e.id == entry_id)
                .ok_or_else(|| Error::NotFound(format!("comment {id}")))?;
            let marker = round
                .marker_by_id(marker_id)
                .ok_or_else(|| Error::NotFound(format!("comment {id}")))?;
            let mark = round::mark(tx, &round, &entry, marker)?;
            open_for_changes(&round, &entry, marker, mark.state)?;
            match text {
                Some(t) => tx.execute(
                    "UPDATE review_comments SET text = ?2 WHERE id = ?1",
                    params![id, t.trim()],
                )?,
                None => tx.execute("DELETE FROM review_comments WHERE id = ?1", [id])?,
            };
            trail::log(
                tx,
                round.id,
                Some(&entry.code),
                actor,
                &format!("comment ({})", marker.name),
                Some(old),
                text.map(|t| t.trim().to_string()),
            )
        })
    }

    /// The comment bank, by category then text.
    pub fn comment_bank(&self) -> Result<Vec<BankComment>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, text, category FROM comment_bank ORDER BY category IS NULL, category, text",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(BankComment {
                id: r.get(0)?,
                text: r.get(1)?,
                category: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Add a comment to the bank (the same text twice is one comment).
    pub fn add_bank_comment(&mut self, text: &str, category: Option<&str>) -> Result<BankComment> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Invalid("a comment needs some text".into()));
        }
        check_text("the comment", text)?;
        let category = category.map(str::trim).filter(|c| !c.is_empty());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO comment_bank (text, category) VALUES (?1, ?2)
                 ON CONFLICT (text) DO UPDATE SET category = excluded.category",
                params![text, category],
            )?;
            let id: i64 =
                tx.query_row("SELECT id FROM comment_bank WHERE text = ?1", [text], |r| {
                    r.get(0)
                })?;
            Ok(BankComment {
                id,
                text: text.to_string(),
                category: category.map(str::to_string),
            })
        })
    }

    pub fn remove_bank_comment(&mut self, id: i64) -> Result<()> {
        self.write(
            |tx| match tx.execute("DELETE FROM comment_bank WHERE id = ?1", [id])? {
                0 => Err(Error::NotFound(format!("comment {id} in the bank"))),
                _ => Ok(()),
            },
        )
    }

    /// Every marker's marks and comments on entry `code`, side by side,
    /// for the moderator.
    pub fn moderation_view(&self, round: &str, code: &str) -> Result<ModerationView> {
        let conn = self.conn();
        let round = round::load(conn, round)?;
        let entry = round::entry(conn, &round, code)?;
        let marks = round::marks(conn, &round, Some(entry.id))?;
        let refs: Vec<&round::MarkRow> = marks.iter().collect();
        let status = super::results::entry_status(conn, &round, &entry, &refs)?;
        let details = marks
            .iter()
            .map(|m| {
                Ok(MarkDetail {
                    marker: round
                        .marker_by_id(m.marker_id)
                        .map_or_else(String::new, |k| k.name.clone()),
                    state: m.state,
                    total: round.rubric.total(&m.scores),
                    scores: m.scores.clone(),
                    overall: m.overall.clone(),
                    comments: comments(conn, &round, entry.id, Some(m.marker_id))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ModerationView {
            round: round.name.clone(),
            html: entry_html(conn, &round, &entry)?,
            entry: status,
            tolerance: round.tolerance,
            rule: round.rule,
            marks: details,
            rubric: round.rubric,
        })
    }
}
