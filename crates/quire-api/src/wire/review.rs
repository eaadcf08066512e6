//! Review rounds: rubrics, rounds and their status, the marking screen,
//! moderation, results and the trail.

use std::collections::BTreeMap;

use quire_engine::review as engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A rubric, in the shape of a rubric file:
/// `{"name","criteria":[{"name","weight","max","levels":[{"min","max","descriptor"}]}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rubric {
    pub name: String,
    pub criteria: Vec<RubricCriterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RubricCriterion {
    pub name: String,
    /// Share of the total, relative to the other criteria's weights.
    pub weight: f64,
    /// Scores run from 0 to this.
    pub max: f64,
    /// Bands of scores, lowest first.
    pub levels: Vec<RubricLevel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RubricLevel {
    pub min: f64,
    pub max: f64,
    pub descriptor: String,
}

impl From<engine::Rubric> for Rubric {
    fn from(r: engine::Rubric) -> Self {
        Rubric {
            name: r.name,
            criteria: r
                .criteria
                .into_iter()
                .map(|c| RubricCriterion {
                    name: c.name,
                    weight: c.weight,
                    max: c.max,
                    levels: c
                        .levels
                        .into_iter()
                        .map(|l| RubricLevel {
                            min: l.min,
                            max: l.max,
                            descriptor: l.descriptor,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl From<Rubric> for engine::Rubric {
    fn from(r: Rubric) -> Self {
        engine::Rubric {
            name: r.name,
            criteria: r
                .criteria
                .into_iter()
                .map(|c| quire_review::Criterion {
                    name: c.name,
                    weight: c.weight,
                    max: c.max,
                    levels: c
                        .levels
                        .into_iter()
                        .map(|l| quire_review::Level {
                            min: l.min,
                            max: l.max,
                            descriptor: l.descriptor,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Where one marker is with one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MarkState {
    NotStarted,
    InProgress,
    Submitted,
}

impl From<engine::State> for MarkState {
    fn from(s: engine::State) -> Self {
        match s {
            engine::State::NotStarted => MarkState::NotStarted,
            engine::State::InProgress => MarkState::InProgress,
            engine::State::Submitted => MarkState::Submitted,
        }
    }
}

/// How an entry's marks become its agreed mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum AgreeRule {
    Mean,
    Highest,
    First,
    Moderator,
}

impl From<engine::Rule> for AgreeRule {
    fn from(r: engine::Rule) -> Self {
        match r {
            engine::Rule::Mean => AgreeRule::Mean,
            engine::Rule::Highest => AgreeRule::Highest,
            engine::Rule::First => AgreeRule::First,
            engine::Rule::Moderator => AgreeRule::Moderator,
        }
    }
}

impl From<AgreeRule> for engine::Rule {
    fn from(r: AgreeRule) -> Self {
        match r {
            AgreeRule::Mean => engine::Rule::Mean,
            AgreeRule::Highest => engine::Rule::Highest,
            AgreeRule::First => engine::Rule::First,
            AgreeRule::Moderator => engine::Rule::Moderator,
        }
    }
}

/// A round in the list of rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoundSummary {
    pub name: String,
    pub blind: bool,
    pub revealed: bool,
    pub rule: AgreeRule,
    pub entries: usize,
    pub markers: usize,
    /// Markings allocated, and of them submitted.
    pub marks: usize,
    pub submitted: usize,
    pub awaiting_moderation: usize,
    pub created_at: String,
}

impl From<engine::RoundSummary> for RoundSummary {
    fn from(r: engine::RoundSummary) -> Self {
        RoundSummary {
            name: r.name,
            blind: r.blind,
            revealed: r.revealed,
            rule: r.rule.into(),
            entries: r.entries,
            markers: r.markers,
            marks: r.marks,
            submitted: r.submitted,
            awaiting_moderation: r.awaiting_moderation,
            created_at: r.created_at,
        }
    }
}

/// When and by whom a blind round's identities were revealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Revealed {
    pub at: String,
    pub by: String,
}

impl From<engine::Revealed> for Revealed {
    fn from(r: engine::Revealed) -> Self {
        Revealed { at: r.at, by: r.by }
    }
}

/// A marker and their progress: `submitted` of `allocated`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkerProgress {
    pub name: String,
    pub affiliation: Option<String>,
    pub allocated: usize,
    pub submitted: usize,
}

/// One marker's marking of an entry, in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkStatus {
    pub marker: String,
    pub state: MarkState,
    /// The weighted total (0–100) once every criterion has a score.
    pub total: Option<f64>,
}

/// A moderator's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Moderation {
    pub mark: f64,
    pub reason: String,
    pub by: String,
}

/// One entry of a round with its markers and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EntryStatus {
    /// E-001, E-002 …
    pub code: String,
    /// The library document, unless deleted since.
    pub document: Option<i64>,
    pub title: String,
    /// `null` while the round is blind.
    pub author: Option<String>,
    pub affiliation: Option<String>,
    /// No author was read from the entry: a blind round cannot hide a name
    /// it does not know, so its text needs checking by hand.
    pub unknown_author: bool,
    pub word_count: Option<u32>,
    /// First marker first.
    pub marks: Vec<MarkStatus>,
    pub agreed: Option<f64>,
    /// The markers' totals differ by more than the tolerance.
    pub flagged: bool,
    /// Highest minus lowest submitted total.
    pub spread: Option<f64>,
    /// Every marker has submitted and the agreed mark is the moderator's to record.
    pub needs_moderator: bool,
    pub moderation: Option<Moderation>,
    pub shortlisted: bool,
    pub winner: bool,
}

impl From<engine::EntryStatus> for EntryStatus {
    fn from(e: engine::EntryStatus) -> Self {
        EntryStatus {
            code: e.code,
            document: e.document,
            title: e.title,
            author: e.author,
            affiliation: e.affiliation,
            unknown_author: e.unknown_author,
            word_count: e.word_count,
            marks: e
                .marks
                .into_iter()
                .map(|m| MarkStatus {
                    marker: m.marker,
                    state: m.state.into(),
                    total: m.total,
                })
                .collect(),
            agreed: e.agreed,
            flagged: e.flagged,
            spread: e.spread,
            needs_moderator: e.needs_moderator,
            moderation: e.moderation.map(|m| Moderation {
                mark: m.mark,
                reason: m.reason,
                by: m.by,
            }),
            shortlisted: e.shortlisted,
            winner: e.winner,
        }
    }
}

/// A round with every entry's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoundView {
    pub name: String,
    pub blind: bool,
    pub revealed: Option<Revealed>,
    /// Blind and not yet revealed: authors are hidden.
    pub masked: bool,
    pub rule: AgreeRule,
    /// Share of the 100 available (0.10 = 10 marks).
    pub tolerance: f64,
    pub per_entry: usize,
    pub avoid_same_affiliation: bool,
    pub rubric: Rubric,
    pub markers: Vec<MarkerProgress>,
    pub entries: Vec<EntryStatus>,
}

impl From<engine::RoundView> for RoundView {
    fn from(v: engine::RoundView) -> Self {
        RoundView {
            masked: v.masked(),
            name: v.name,
            blind: v.blind,
            revealed: v.revealed.map(Into::into),
            rule: v.rule.into(),
            tolerance: v.tolerance,
            per_entry: v.per_entry,
            avoid_same_affiliation: v.avoid_same_affiliation,
            rubric: v.rubric.into(),
            markers: v
                .markers
                .into_iter()
                .map(|m| MarkerProgress {
                    name: m.name,
                    affiliation: m.affiliation,
                    allocated: m.allocated,
                    submitted: m.submitted,
                })
                .collect(),
            entries: super::all(v.entries),
        }
    }
}

/// Where a comment points: paragraph `paragraph` (the `data-paragraph` of
/// the entry's HTML), characters `start..end` of that block's text when
/// known, and the passage quoted, by which the app finds it when the
/// offsets no longer fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anchor {
    pub paragraph: u32,
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub quote: String,
}

impl From<engine::Anchor> for Anchor {
    fn from(a: engine::Anchor) -> Self {
        Anchor {
            paragraph: a.paragraph,
            start: a.start,
            end: a.end,
            quote: a.quote,
        }
    }
}

impl From<Anchor> for engine::Anchor {
    fn from(a: Anchor) -> Self {
        engine::Anchor {
            paragraph: a.paragraph,
            start: a.start,
            end: a.end,
            quote: a.quote,
        }
    }
}

/// A comment on a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewComment {
    pub id: i64,
    pub marker: String,
    pub anchor: Anchor,
    pub text: String,
    /// The kind of audit finding it was made from, if any.
    pub finding: Option<String>,
}

impl From<engine::Comment> for ReviewComment {
    fn from(c: engine::Comment) -> Self {
        ReviewComment {
            id: c.id,
            marker: c.marker,
            anchor: c.anchor.into(),
            text: c.text,
            finding: c.finding,
        }
    }
}

/// A citation-audit finding and the comment it offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// The kind, e.g. `year_mismatch`.
    pub kind: String,
    /// A sentence a marker can send as it is.
    pub message: String,
    /// The citation's `data-cite` in the entry's HTML, when about one.
    pub citation: Option<usize>,
    /// Where a comment made from it is anchored.
    pub anchor: Anchor,
}

impl From<engine::Finding> for Finding {
    fn from(f: engine::Finding) -> Self {
        Finding {
            kind: f.kind,
            message: f.message,
            citation: f.citation,
            anchor: f.anchor.into(),
        }
    }
}

/// Everything the marking screen shows for one marker and one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkView {
    pub round: String,
    pub code: String,
    pub marker: String,
    pub state: MarkState,
    /// Author and affiliation are hidden (blind, not revealed).
    pub masked: bool,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub word_count: Option<u32>,
    /// The entry's collection's word limits.
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub rubric: Rubric,
    /// By criterion name.
    pub scores: BTreeMap<String, f64>,
    pub total: Option<f64>,
    pub overall: Option<String>,
    pub comments: Vec<ReviewComment>,
    /// The entry as safe HTML: citations as `.cite[data-cite]`, blocks
    /// with `data-paragraph`, masked names as `span.masked`.
    pub html: String,
    pub findings: Vec<Finding>,
    /// The entries before and after this one in the marker's queue.
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl From<engine::MarkView> for MarkView {
    fn from(v: engine::MarkView) -> Self {
        MarkView {
            round: v.round,
            code: v.code,
            marker: v.marker,
            state: v.state.into(),
            masked: v.masked,
            title: v.title,
            author: v.author,
            affiliation: v.affiliation,
            word_count: v.word_count,
            min_words: v.min_words,
            max_words: v.max_words,
            rubric: v.rubric.into(),
            scores: v.scores,
            total: v.total,
            overall: v.overall,
            comments: super::all(v.comments),
            html: v.html,
            findings: super::all(v.findings),
            previous: v.previous,
            next: v.next,
        }
    }
}

/// Changes to a marking from the app: each score set (a number) or
/// cleared (`null`), the overall comment (`""` clears it), and whether to
/// submit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkInput {
    #[serde(default)]
    pub scores: BTreeMap<String, Option<f64>>,
    #[serde(default)]
    pub overall: Option<String>,
    #[serde(default)]
    pub submit: bool,
}

/// A comment to attach to a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CommentInput {
    pub anchor: Anchor,
    pub text: String,
    #[serde(default)]
    pub finding: Option<String>,
}

/// A comment of the comment bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BankComment {
    pub id: i64,
    pub text: String,
    pub category: Option<String>,
}

impl From<engine::BankComment> for BankComment {
    fn from(c: engine::BankComment) -> Self {
        BankComment {
            id: c.id,
            text: c.text,
            category: c.category,
        }
    }
}

/// One marker's marking in full, for the moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkDetail {
    pub marker: String,
    pub state: MarkState,
    pub scores: BTreeMap<String, f64>,
    pub total: Option<f64>,
    pub overall: Option<String>,
    pub comments: Vec<ReviewComment>,
}

/// Every marker's marks and comments on one entry, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModerationView {
    pub round: String,
    pub entry: EntryStatus,
    pub rubric: Rubric,
    pub tolerance: f64,
    pub rule: AgreeRule,
    pub marks: Vec<MarkDetail>,
    pub html: String,
}

impl From<engine::ModerationView> for ModerationView {
    fn from(v: engine::ModerationView) -> Self {
        ModerationView {
            round: v.round,
            entry: v.entry.into(),
            rubric: v.rubric.into(),
            tolerance: v.tolerance,
            rule: v.rule.into(),
            marks: v
                .marks
                .into_iter()
                .map(|m| MarkDetail {
                    marker: m.marker,
                    state: m.state.into(),
                    scores: m.scores,
                    total: m.total,
                    overall: m.overall,
                    comments: super::all(m.comments),
                })
                .collect(),
            html: v.html,
        }
    }
}

/// One marker's total in the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkTotal {
    pub marker: String,
    /// Set once submitted.
    pub total: Option<f64>,
}

/// One entry of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ResultRow {
    pub code: String,
    pub document: Option<i64>,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    /// By agreed mark; ties share a rank.
    pub rank: Option<u32>,
    /// By the mark standardised per marker.
    pub rank_standardised: Option<u32>,
    pub agreed: Option<f64>,
    pub standardised: Option<f64>,
    /// The agreed mark of each criterion.
    pub criteria: BTreeMap<String, f64>,
    pub marks: Vec<MarkTotal>,
    pub spread: Option<f64>,
    pub flagged: bool,
    pub shortlisted: bool,
    pub winner: bool,
}

/// The ranking of a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReviewResults {
    pub round: String,
    pub masked: bool,
    /// The rubric's criteria, in order.
    pub criteria: Vec<String>,
    /// Ranked first, then unranked by code.
    pub entries: Vec<ResultRow>,
}

impl From<engine::Results> for ReviewResults {
    fn from(r: engine::Results) -> Self {
        ReviewResults {
            round: r.round,
            masked: r.masked,
            criteria: r.criteria,
            entries: r
                .entries
                .into_iter()
                .map(|e| ResultRow {
                    code: e.code,
                    document: e.document,
                    title: e.title,
                    author: e.author,
                    affiliation: e.affiliation,
                    rank: e.rank,
                    rank_standardised: e.rank_standardised,
                    agreed: e.agreed,
                    standardised: e.standardised,
                    criteria: e.criteria,
                    marks: e
                        .marks
                        .into_iter()
                        .map(|(marker, total)| MarkTotal { marker, total })
                        .collect(),
                    spread: e.spread,
                    flagged: e.flagged,
                    shortlisted: e.shortlisted,
                    winner: e.winner,
                })
                .collect(),
        }
    }
}

/// One line of the trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrailEvent {
    pub at: String,
    pub actor: String,
    /// The entry's code; `null` for a round-wide change (the reveal).
    pub entry: Option<String>,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl From<engine::TrailEvent> for TrailEvent {
    fn from(t: engine::TrailEvent) -> Self {
        TrailEvent {
            at: t.at,
            actor: t.actor,
            entry: t.entry,
            action: t.action,
            old: t.old,
            new: t.new,
        }
    }
}

/// What importing a marks file did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksImport {
    pub round: String,
    pub marker: String,
    pub imported: Vec<String>,
    pub unchanged: Vec<String>,
    pub conflicts: Vec<MarksConflict>,
}

/// An entry left as it was because the library's marks differ from the file's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarksConflict {
    pub code: String,
    pub reason: String,
    pub local_total: Option<f64>,
    pub file_total: Option<f64>,
}

impl From<engine::MarksImport> for MarksImport {
    fn from(m: engine::MarksImport) -> Self {
        MarksImport {
            round: m.round,
            marker: m.marker,
            imported: m.imported,
            unchanged: m.unchanged,
            conflicts: m
                .conflicts
                .into_iter()
                .map(|c| MarksConflict {
                    code: c.code,
                    reason: c.reason,
                    local_total: c.local_total,
                    file_total: c.file_total,
                })
                .collect(),
        }
    }
}

/// A marker as a new round is given them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MarkerInput {
    pub name: String,
    pub affiliation: Option<String>,
}

/// A new round from the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoundInput {
    pub name: String,
    /// Documents, in entry-code order; or empty with `collection`.
    pub documents: Vec<i64>,
    /// A collection whose original essays become the entries.
    pub collection: Option<String>,
    pub rubric: Rubric,
    pub markers: Vec<MarkerInput>,
    pub per_entry: usize,
    pub blind: bool,
    pub avoid_same_affiliation: bool,
    pub rule: AgreeRule,
    pub tolerance: f64,
}

/// Feedback sheets come as Markdown or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackFormat {
    Markdown,
    Html,
}

impl From<FeedbackFormat> for engine::FeedbackFormat {
    fn from(f: FeedbackFormat) -> Self {
        match f {
            FeedbackFormat::Markdown => engine::FeedbackFormat::Markdown,
            FeedbackFormat::Html => engine::FeedbackFormat::Html,
        }
    }
}
