//! What a round adds up to: the status of every entry, the ranking (raw
//! and standardised per marker) and the feedback sheet that goes back to
//! the student.

use std::fmt::Write;

use quire_review::agree::{agree, agreed_criteria};
use quire_review::standardise::{ranks, standardise, Mark};
use quire_review::State;
use rusqlite::{Connection, OptionalExtension};

use super::round::{self, Entry, MarkRow, Round};
use super::{
    marking, EntryStatus, FeedbackFormat, MarkStatus, MarkerProgress, Moderation, ResultRow,
    Results, RoundView,
};
use crate::error::Result;
use crate::Library;

/// The round's status, built from its stored rows.
pub(super) fn view(conn: &Connection, round: &Round) -> Result<RoundView> {
    let entries = round::entries(conn, round)?;
    let marks = round::marks(conn, round, None)?;
    let mut markers: Vec<MarkerProgress> = round
        .markers
        .iter()
        .map(|m| MarkerProgress {
            name: m.name.clone(),
            affiliation: m.affiliation.clone(),
            allocated: 0,
            submitted: 0,
        })
        .collect();
    for m in &marks {
        if let Some(i) = round.markers.iter().position(|k| k.id == m.marker_id) {
            markers[i].allocated += 1;
            markers[i].submitted += usize::from(m.state == State::Submitted);
        }
    }
    let entries = entries
        .iter()
        .map(|e| {
            let own: Vec<&MarkRow> = marks.iter().filter(|m| m.entry_id == e.id).collect();
            entry_status(conn, round, e, &own)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(RoundView {
        name: round.name.clone(),
        blind: round.blind,
        revealed: round.revealed.clone(),
        rule: round.rule,
        tolerance: round.tolerance,
        per_entry: round.per_entry,
        avoid_same_affiliation: round.avoid_same_affiliation,
        rubric: round.rubric.clone(),
        markers,
        entries,
    })
}

pub(super) fn entry_status(
    conn: &Connection,
    round: &Round,
    e: &Entry,
    marks: &[&MarkRow],
) -> Result<EntryStatus> {
    let statuses: Vec<MarkStatus> = marks
        .iter()
        .map(|m| MarkStatus {
            marker: round
                .marker_by_id(m.marker_id)
                .map_or_else(String::new, |k| k.name.clone()),
            state: m.state,
            total: round.rubric.total(&m.scores),
        })
        .collect();
    let submitted: Vec<Option<f64>> = statuses
        .iter()
        .map(|s| (s.state == State::Submitted).then_some(s.total).flatten())
        .collect();
    let agreement = agree(&submitted, round.rule, round.tolerance, e.moderated);
    let word_count: Option<u32> = match e.document_id {
        Some(id) => conn
            .query_row(
                "SELECT word_count FROM documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    let masked = round.masked();
    Ok(EntryStatus {
        code: e.code.clone(),
        document: e.document_id,
        title: e.title.clone(),
        author: e.author.clone().filter(|_| !masked),
        affiliation: e.affiliation.clone().filter(|_| !masked),
        unknown_author: e.author.as_deref().is_none_or(|a| a.trim().is_empty()),
        word_count,
        marks: statuses,
        agreed: agreement.agreed,
        flagged: agreement.flagged,
        spread: agreement.spread,
        needs_moderator: agreement.needs_moderator,
        moderation: e.moderated.map(|mark| Moderation {
            mark,
            reason: e.moderation_reason.clone().unwrap_or_default(),
            by: e.moderated_by.clone().unwrap_or_default(),
        }),
        shortlisted: e.shortlisted,
        winner: e.winner,
    })
}

impl Library {
    /// Round `name` with every entry's markers, states, totals, agreed
    /// mark and flag; authors hidden while it is blind.
    pub fn review_status(&self, name: &str) -> Result<RoundView> {
        let round = round::load(self.conn(), name)?;
        view(self.conn(), &round)
    }

    /// The ranking by agreed mark, with each entry's per-criterion marks,
    /// its markers' totals, their spread, and the rank after standardising
    /// each marker's marks. Entries without an agreed mark come last,
    /// unranked.
    pub fn review_results(&self, name: &str) -> Result<Results> {
        let round = round::load(self.conn(), name)?;
        let entries = round::entries(self.conn(), &round)?;
        let marks = round::marks(self.conn(), &round, None)?;
        let view = view(self.conn(), &round)?;
        // Standardise over every submitted total, by marker.
        let submitted: Vec<Mark> = marks
            .iter()
            .filter(|m| m.state == State::Submitted)
            .filter_map(|m| {
                Some(Mark {
                    entry: entries.iter().position(|e| e.id == m.entry_id)?,
                    marker: round.markers.iter().position(|k| k.id == m.marker_id)?,
                    total: round.rubric.total(&m.scores)?,
                })
            })
            .collect();
        let mut standardised = standardise(&submitted, entries.len(), round.markers.len());
        // Only entries with an agreed mark are ranked, on either scale.
        for (s, status) in standardised.iter_mut().zip(&view.entries) {
            if status.agreed.is_none() {
                *s = None;
            }
        }
        let agreed: Vec<Option<f64>> = view.entries.iter().map(|e| e.agreed).collect();
        let rank = ranks(&agreed);
        let rank_std = ranks(&standardised);
        let mut rows: Vec<ResultRow> = view
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, status)| {
                let own: Vec<(f64, &quire_review::Scores)> = marks
                    .iter()
                    .filter(|m| m.entry_id == entries[i].id && m.state == State::Submitted)
                    .filter_map(|m| Some((round.rubric.total(&m.scores)?, &m.scores)))
                    .collect();
                ResultRow {
                    criteria: agreed_criteria(&round.rubric, &own, round.rule),
                    code: status.code,
                    document: status.document,
                    title: status.title,
                    author: status.author,
                    affiliation: status.affiliation,
                    rank: rank[i],
                    rank_standardised: rank_std[i],
                    agreed: status.agreed,
                    standardised: standardised[i],
                    marks: status
                        .marks
                        .into_iter()
                        .map(|m| (m.marker, m.total.filter(|_| m.state == State::Submitted)))
                        .collect(),
                    spread: status.spread,
                    flagged: status.flagged,
                    shortlisted: status.shortlisted,
                    winner: status.winner,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.rank.is_none(), a.rank, &a.code).cmp(&(b.rank.is_none(), b.rank, &b.code))
        });
        Ok(Results {
            round: round.name.clone(),
            masked: round.masked(),
            criteria: round
                .rubric
                .criteria
                .iter()
                .map(|c| c.name.clone())
                .collect(),
            entries: rows,
        })
    }

    /// The feedback sheet of one entry, for the student: the agreed mark,
    /// each criterion's mark and level, the markers' overall comments, the
    /// comments with the passages they refer to, and the citation
    /// findings. Markers are named by their place ("First marker"), not by
    /// name.
    pub fn review_feedback(
        &self,
        name: &str,
        code: &str,
        format: FeedbackFormat,
    ) -> Result<String> {
        let round = round::load(self.conn(), name)?;
        let entry = round::entry(self.conn(), &round, code)?;
        let marks = round::marks(self.conn(), &round, Some(entry.id))?;
        let refs: Vec<&MarkRow> = marks.iter().collect();
        let status = entry_status(self.conn(), &round, &entry, &refs)?;
        let own: Vec<(f64, &quire_review::Scores)> = marks
            .iter()
            .filter(|m| m.state == State::Submitted)
            .filter_map(|m| Some((round.rubric.total(&m.scores)?, &m.scores)))
            .collect();
        let criteria = agreed_criteria(&round.rubric, &own, round.rule);

        let mut md = String::new();
        let _ = writeln!(md, "# Feedback: {}\n", escape(&entry.title));
        let _ = writeln!(md, "Entry {} · {}\n", entry.code, escape(&round.name));
        match status.agreed {
            Some(mark) => {
                let _ = writeln!(md, "**Agreed mark: {mark} / 100**\n");
            }
            None => {
                let _ = writeln!(md, "*The agreed mark is not settled yet.*\n");
            }
        }
        let _ = writeln!(md, "## Marks by criterion\n");
        let _ = writeln!(md, "| Criterion | Mark | Level |\n| --- | --- | --- |");
        for c in &round.rubric.criteria {
            let (mark, level) = match criteria.get(&c.name) {
                Some(&s) => (
                    format!("{s} / {}", c.max),
                    c.level(s).map_or(String::new(), |l| escape(&l.descriptor)),
                ),
                None => ("–".to_string(), String::new()),
            };
            let _ = writeln!(md, "| {} | {mark} | {level} |", escape(&c.name));
        }
        md.push('\n');
        for (i, m) in marks.iter().enumerate() {
            if m.state != State::Submitted {
                continue;
            }
            let marker = round.marker_by_id(m.marker_id);
            let _ = writeln!(md, "## {}\n", ordinal_marker(i));
            if let Some(overall) = m.overall.as_deref().filter(|o| !o.trim().is_empty()) {
                let _ = writeln!(md, "{}\n", escape(overall));
            }
            let comments = match marker {
                Some(k) => marking::comments(self.conn(), &round, entry.id, Some(k.id))?,
                None => Vec::new(),
            };
            for c in comments {
                let _ = writeln!(
                    md,
                    "> {}\n\n{}\n",
                    escape(&c.anchor.quote).replace('\n', " "),
                    escape(&c.text)
                );
            }
        }
        if let Some(id) = entry.document_id {
            let findings = marking::findings(self.conn(), id)?;
            if !findings.is_empty() {
                let _ = writeln!(md, "## Citations and references\n");
                for f in findings {
                    let _ = writeln!(md, "- {}", escape(&f.message));
                }
                md.push('\n');
            }
        }
        Ok(match format {
            FeedbackFormat::Markdown => md,
            FeedbackFormat::Html => crate::render::markdown_to_safe_html(&md),
        })
    }
}

fn ordinal_marker(i: usize) -> String {
    match i {
        0 => "First marker".into(),
        1 => "Second marker".into(),
        2 => "Third marker".into(),
        3 => "Fourth marker".into(),
        n => format!("Marker {}", n + 1),
    }
}

/// Text from people (titles, comments) put into Markdown as text: the
/// characters that would make emphasis, links, HTML or a table cell's end
/// are escaped, and nothing else, so the Markdown still reads as prose.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '<' | '>' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
