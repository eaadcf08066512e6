//! Review rounds for a person: rounds, a round's status and a marker's
//! queue, the marking of an entry, moderation, results, the trail, the
//! comment bank, rubrics and what a marks import did.

use std::fmt::Write as _;

use quire_api::wire::{
    BankComment, EntryStatus, MarkState, MarkView, MarksImport, ModerationView, ReviewResults,
    RoundSummary, RoundView, Rubric, TrailEvent,
};
use serde::Serialize;

use super::clip;

fn state(s: MarkState) -> &'static str {
    match s {
        MarkState::NotStarted => "not started",
        MarkState::InProgress => "in progress",
        MarkState::Submitted => "submitted",
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_string(), |v| format!("{v}"))
}

pub fn rounds(rounds: &[RoundSummary]) -> String {
    if rounds.is_empty() {
        return "No review rounds. Create one with `quire review create`.\n".into();
    }
    let mut out = String::new();
    for r in rounds {
        let _ = writeln!(
            out,
            "{:<32} {:>3} entries  {:>3}/{:<3} marked  {}{}{}",
            clip(&r.name, 32),
            r.entries,
            r.submitted,
            r.marks,
            if r.blind { "blind" } else { "open" },
            if r.revealed { ", revealed" } else { "" },
            match r.awaiting_moderation {
                0 => String::new(),
                n => format!(", {n} awaiting moderation"),
            }
        );
    }
    out
}

pub fn created(r: &RoundSummary) -> String {
    format!(
        "Created round `{}`: {} entries, {} markers, {} markings allocated.\n",
        r.name, r.entries, r.markers, r.marks
    )
}

/// The labels of the flags that are set, comma-separated.
fn flags(set: &[(bool, &str)]) -> String {
    set.iter()
        .filter(|(on, _)| *on)
        .map(|(_, label)| *label)
        .collect::<Vec<_>>()
        .join(", ")
}

fn who(e: &EntryStatus) -> String {
    match (&e.author, &e.affiliation) {
        (None, None) if e.unknown_author => "(no author on record: check the text by hand)".into(),
        (None, None) => "(hidden)".into(),
        (a, f) => super::author_with_affiliation(a, f, "unknown"),
    }
}

pub fn status(v: &RoundView) -> String {
    let mut out = format!(
        "{} · {} · rule {} · tolerance {}%\n",
        v.name,
        match (v.blind, &v.revealed) {
            (true, None) => "blind".to_string(),
            (true, Some(r)) => format!("blind, revealed by {} at {}", r.by, r.at),
            (false, _) => "open".to_string(),
        },
        format!("{:?}", v.rule).to_lowercase(),
        v.tolerance * 100.0
    );
    for m in &v.markers {
        let _ = writeln!(
            out,
            "  {:<24} {} of {} marked",
            m.name, m.submitted, m.allocated
        );
    }
    out.push('\n');
    for e in &v.entries {
        let marks: Vec<String> = e
            .marks
            .iter()
            .map(|m| format!("{}: {} {}", m.marker, state(m.state), num(m.total)))
            .collect();
        let flags = flags(&[
            (e.flagged, "FLAGGED"),
            (e.needs_moderator, "needs moderator"),
            (e.shortlisted, "shortlisted"),
            (e.winner, "WINNER"),
        ]);
        let _ = writeln!(
            out,
            "{}  {:<40} {}\n       agreed {}  {}  {}",
            e.code,
            clip(&e.title, 40),
            who(e),
            num(e.agreed),
            marks.join(" · "),
            flags
        );
    }
    out
}

/// One marker's queue.
#[derive(Serialize)]
pub struct QueueItem {
    code: String,
    title: String,
    state: MarkState,
    total: Option<f64>,
}

/// The entries `marker` marks, in code order.
pub fn queue_of(v: &RoundView, marker: &str) -> anyhow::Result<Vec<QueueItem>> {
    let Some(m) = v
        .markers
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case(marker.trim()))
    else {
        anyhow::bail!("marker `{marker}` in round `{}`", v.name);
    };
    Ok(v.entries
        .iter()
        .filter_map(|e| {
            let mark = e.marks.iter().find(|k| k.marker == m.name)?;
            Some(QueueItem {
                code: e.code.clone(),
                title: e.title.clone(),
                state: mark.state,
                total: mark.total,
            })
        })
        .collect())
}

pub fn queue(v: &RoundView, marker: &str) -> anyhow::Result<String> {
    let items = queue_of(v, marker)?;
    let done = items
        .iter()
        .filter(|i| i.state == MarkState::Submitted)
        .count();
    let mut out = format!("{marker}: {done} of {} marked\n", items.len());
    for i in items {
        let _ = writeln!(
            out,
            "  {}  {:<44} {:<12} {}",
            i.code,
            clip(&i.title, 44),
            state(i.state),
            num(i.total)
        );
    }
    Ok(out)
}

pub fn mark_view(v: &MarkView) -> String {
    let mut out = format!(
        "{} · {} · marked by {} ({})\n{}\n",
        v.round,
        v.code,
        v.marker,
        state(v.state),
        v.title
    );
    if let Some(w) = v.word_count {
        let limit = match (v.min_words, v.max_words) {
            (Some(a), Some(b)) => format!(" (limit {a}–{b})"),
            (None, Some(b)) => format!(" (limit {b})"),
            _ => String::new(),
        };
        let _ = writeln!(out, "{w} words{limit}");
    }
    out.push('\n');
    for c in &v.rubric.criteria {
        let _ = writeln!(
            out,
            "  {:<28} {:>5} / {}",
            c.name,
            num(v.scores.get(&c.name).copied()),
            c.max
        );
    }
    let _ = writeln!(out, "  {:<28} {:>5} / 100\n", "Total", num(v.total));
    if !v.findings.is_empty() {
        out.push_str("Citation findings (add one with `quire review comment … --finding K`):\n");
        for (i, f) in v.findings.iter().enumerate() {
            let _ = writeln!(out, "  [{i}] {}", f.message);
        }
        out.push('\n');
    }
    for c in &v.comments {
        let _ = writeln!(
            out,
            "  comment {} on ¶{} “{}”: {}",
            c.id,
            c.anchor.paragraph,
            clip(&c.anchor.quote, 50),
            c.text
        );
    }
    if let Some(o) = &v.overall {
        let _ = writeln!(out, "\nOverall: {o}");
    }
    out
}

pub fn marked(v: &MarkView) -> String {
    format!(
        "{} by {}: {} · total {}\n",
        v.code,
        v.marker,
        state(v.state),
        num(v.total)
    )
}

pub fn moderation(v: &ModerationView) -> String {
    let e = &v.entry;
    let mut out = format!(
        "{} · {} · {}\nspread {} (tolerance {}){}\n\n",
        v.round,
        e.code,
        clip(&e.title, 60),
        num(e.spread),
        v.tolerance * 100.0,
        if e.flagged { " · FLAGGED" } else { "" }
    );
    let _ = write!(out, "{:<28}", "");
    for m in &v.marks {
        let _ = write!(out, " {:>14}", clip(&m.marker, 14));
    }
    out.push('\n');
    for c in &v.rubric.criteria {
        let _ = write!(out, "{:<28}", clip(&c.name, 28));
        for m in &v.marks {
            let _ = write!(out, " {:>14}", num(m.scores.get(&c.name).copied()));
        }
        out.push('\n');
    }
    let _ = write!(out, "{:<28}", "Total");
    for m in &v.marks {
        let _ = write!(out, " {:>14}", num(m.total));
    }
    out.push_str("\n\n");
    for m in &v.marks {
        if let Some(o) = &m.overall {
            let _ = writeln!(out, "{}: {o}", m.marker);
        }
        for c in &m.comments {
            let _ = writeln!(out, "  “{}”: {}", clip(&c.anchor.quote, 50), c.text);
        }
    }
    match &e.moderation {
        Some(m) => {
            let _ = writeln!(out, "\nAgreed by {}: {} — {}", m.by, m.mark, m.reason);
        }
        None => {
            let _ = writeln!(out, "\nAgreed: {}", num(e.agreed));
        }
    }
    out
}

pub fn results(r: &ReviewResults) -> String {
    let mut out = format!("{}\n", r.round);
    let _ = writeln!(
        out,
        "{:>4} {:>4}  {:<6} {:<36} {:>7} {:>7}  flags",
        "rank", "std", "entry", "author", "agreed", "spread"
    );
    for e in &r.entries {
        let who = match (&e.author, &e.affiliation) {
            (None, None) if r.masked => "(hidden)".to_string(),
            (a, f) => super::author_with_affiliation(a, f, "unknown"),
        };
        let flags = flags(&[
            (e.flagged, "flagged"),
            (e.shortlisted, "shortlisted"),
            (e.winner, "WINNER"),
        ]);
        let _ = writeln!(
            out,
            "{:>4} {:>4}  {:<6} {:<36} {:>7} {:>7}  {flags}",
            e.rank.map_or("–".into(), |r| r.to_string()),
            e.rank_standardised.map_or("–".into(), |r| r.to_string()),
            e.code,
            clip(&who, 36),
            num(e.agreed),
            num(e.spread)
        );
    }
    out
}

pub fn trail(events: &[TrailEvent]) -> String {
    let mut out = String::new();
    for t in events {
        let change = match (&t.old, &t.new) {
            (Some(o), Some(n)) => format!("{o} → {n}"),
            (None, Some(n)) => n.clone(),
            (Some(o), None) => format!("{o} → (cleared)"),
            (None, None) => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  {:<6} {:<20} {:<36} {}",
            t.at,
            t.entry.as_deref().unwrap_or("round"),
            clip(&t.actor, 20),
            clip(&t.action, 36),
            clip(&change.replace('\n', " "), 80)
        );
    }
    out
}

pub fn bank(bank: &[BankComment]) -> String {
    let mut out = String::new();
    for c in bank {
        let _ = writeln!(
            out,
            "{:>4}  {:<12} {}",
            c.id,
            clip(c.category.as_deref().unwrap_or(""), 12),
            c.text
        );
    }
    out
}

pub fn templates(all: &[Rubric]) -> String {
    let mut out = String::new();
    for r in all {
        let _ = writeln!(out, "{:<32} {} criteria", r.name, r.criteria.len());
    }
    out
}

pub fn rubric(r: &Rubric) -> String {
    let total: f64 = r.criteria.iter().map(|c| c.weight).sum();
    let mut out = format!("{}\n", r.name);
    for c in &r.criteria {
        let _ = writeln!(
            out,
            "\n{} (0–{}, weight {:.0}%)",
            c.name,
            c.max,
            100.0 * c.weight / total
        );
        for l in &c.levels {
            let _ = writeln!(out, "  {}–{}  {}", l.min, l.max, l.descriptor);
        }
    }
    out
}

pub fn marks_import(r: &MarksImport) -> String {
    let mut out = format!(
        "{}'s marks for `{}`: {} imported, {} unchanged, {} conflict(s)\n",
        r.marker,
        r.round,
        r.imported.len(),
        r.unchanged.len(),
        r.conflicts.len()
    );
    for c in &r.conflicts {
        let _ = writeln!(
            out,
            "  {}: {} (here {}, in the file {})",
            c.code,
            c.reason,
            num(c.local_total),
            num(c.file_total)
        );
    }
    out
}
