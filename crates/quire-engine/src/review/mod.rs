//! Review rounds: markers score a set of entries against a rubric, blind
//! or open, one to four markers each; marks are agreed by the round's rule
//! or by a moderator; entries are ranked and get feedback sheets; a marker
//! on another machine sends marks back in a marks file.
//!
//! What is computed (allocation, agreement, standardisation, masking, the
//! marks file) is in quire-review; this module keeps rounds in SQLite
//! (`store/migrations/010_review.sql`) and builds the views the app and
//! the CLI show. Every change is one [`Library::write`] and appends to the
//! round's trail (`trail.rs`) in the same transaction.

mod exchange;
mod marking;
mod results;
mod round;
mod sample;
mod templates;
#[cfg(test)]
mod tests;
mod trail;

pub use quire_review::{Rubric, Rule, Scores, State};

/// A marker as a round is created with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkerSpec {
    pub name: String,
    pub affiliation: Option<String>,
}

impl MarkerSpec {
    /// "Name" or "Name@Affiliation", as `--markers` takes them.
    pub fn parse(s: &str) -> MarkerSpec {
        let (name, affiliation) = match s.split_once('@') {
            Some((n, a)) => (n, Some(a.trim()).filter(|a| !a.is_empty())),
            None => (s, None),
        };
        MarkerSpec {
            name: name.trim().to_string(),
            affiliation: affiliation.map(str::to_string),
        }
    }
}

/// Everything a new round needs.
#[derive(Debug, Clone)]
pub struct RoundSpec {
    pub name: String,
    /// Documents, in the order their entry codes are given.
    pub documents: Vec<i64>,
    pub rubric: Rubric,
    pub markers: Vec<MarkerSpec>,
    pub per_entry: usize,
    pub blind: bool,
    pub avoid_same_affiliation: bool,
    pub rule: Rule,
    /// Share of the 100 available, 0–1.
    pub tolerance: f64,
}

/// A round in the list of rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundSummary {
    pub name: String,
    pub blind: bool,
    pub revealed: bool,
    pub rule: Rule,
    pub entries: usize,
    pub markers: usize,
    /// Markings allocated and of them submitted.
    pub marks: usize,
    pub submitted: usize,
    /// Entries waiting for a moderator.
    pub awaiting_moderation: usize,
    pub created_at: String,
}

/// When and by whom a blind round's identities were revealed.
#[derive(Debug, Clone, PartialEq)]
pub struct Revealed {
    pub at: String,
    pub by: String,
}

/// A round with every entry's state: the status the coordinator watches.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundView {
    pub name: String,
    pub blind: bool,
    pub revealed: Option<Revealed>,
    pub rule: Rule,
    pub tolerance: f64,
    pub per_entry: usize,
    pub avoid_same_affiliation: bool,
    pub rubric: Rubric,
    pub markers: Vec<MarkerProgress>,
    pub entries: Vec<EntryStatus>,
}

impl RoundView {
    /// Authors and affiliations are hidden: blind and not yet revealed.
    pub fn masked(&self) -> bool {
        self.blind && self.revealed.is_none()
    }
}

/// A marker with their progress: `submitted` of `allocated` marked.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerProgress {
    pub name: String,
    pub affiliation: Option<String>,
    pub allocated: usize,
    pub submitted: usize,
}

/// One entry of a round as the status and results show it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryStatus {
    pub code: String,
    /// The document, unless it was deleted from the library since.
    pub document: Option<i64>,
    pub title: String,
    /// `None` while the round is blind.
    pub author: Option<String>,
    pub affiliation: Option<String>,
    /// No author was read from the entry when it was imported: a blind
    /// round cannot hide a name it does not know, so its text needs a look
    /// by hand before markers see it.
    pub unknown_author: bool,
    pub word_count: Option<u32>,
    /// Each marker's marking, first marker first.
    pub marks: Vec<MarkStatus>,
    pub agreed: Option<f64>,
    pub flagged: bool,
    pub spread: Option<f64>,
    pub needs_moderator: bool,
    pub moderation: Option<Moderation>,
    pub shortlisted: bool,
    pub winner: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarkStatus {
    pub marker: String,
    pub state: State,
    /// Set once every criterion has a score.
    pub total: Option<f64>,
}

/// A moderator's decision on an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Moderation {
    pub mark: f64,
    pub reason: String,
    pub by: String,
}

/// A comment anchored to a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: i64,
    pub marker: String,
    pub anchor: Anchor,
    pub text: String,
    /// The audit finding it was made from (its kind), if any.
    pub finding: Option<String>,
}

/// Where a comment points: paragraph `paragraph` (numbered as the reader's
/// `data-paragraph`), characters `start..end` of its text when known, and
/// the passage quoted, by which the app finds it again when the offsets
/// no longer fit (an entry shown masked, then revealed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub paragraph: u32,
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub quote: String,
}

/// What the marking screen shows for one marker and one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkView {
    pub round: String,
    pub code: String,
    pub marker: String,
    pub state: State,
    pub masked: bool,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub word_count: Option<u32>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
    pub rubric: Rubric,
    pub scores: Scores,
    pub total: Option<f64>,
    pub overall: Option<String>,
    pub comments: Vec<Comment>,
    /// The entry's text as safe HTML: citations marked, paragraphs
    /// anchored, author and affiliation masked while blind.
    pub html: String,
    pub findings: Vec<Finding>,
    /// Entries before and after this one in the marker's queue.
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// One citation-audit finding with the comment it offers.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub kind: String,
    pub message: String,
    /// The citation's index (`data-cite` in the HTML), when about one.
    pub citation: Option<usize>,
    /// Where a comment made from it is anchored: the citation's paragraph
    /// and text, or the first paragraph for a finding about the list.
    pub anchor: Anchor,
}

/// Changes to one marking; what is `None` is left as it is.
#[derive(Debug, Clone, Default)]
pub struct MarkUpdate {
    /// Scores to set, by criterion name (any case).
    pub scores: Vec<(String, f64)>,
    /// Criteria whose score to clear.
    pub clear: Vec<String>,
    /// `Some("")` clears the overall comment.
    pub overall: Option<String>,
    pub submit: bool,
}

/// A comment to add.
#[derive(Debug, Clone)]
pub struct CommentSpec {
    pub anchor: Anchor,
    pub text: String,
    pub finding: Option<String>,
}

/// A comment of the bank.
#[derive(Debug, Clone, PartialEq)]
pub struct BankComment {
    pub id: i64,
    pub text: String,
    pub category: Option<String>,
}

/// The moderator's view of an entry: every marker's marks and comments
/// side by side, with the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ModerationView {
    pub round: String,
    pub entry: EntryStatus,
    pub rubric: Rubric,
    pub tolerance: f64,
    pub rule: Rule,
    pub marks: Vec<MarkDetail>,
    pub html: String,
}

/// One marker's marking in full.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkDetail {
    pub marker: String,
    pub state: State,
    pub scores: Scores,
    pub total: Option<f64>,
    pub overall: Option<String>,
    pub comments: Vec<Comment>,
}

/// The ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub round: String,
    pub masked: bool,
    pub criteria: Vec<String>,
    pub entries: Vec<ResultRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub code: String,
    pub document: Option<i64>,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub rank: Option<u32>,
    pub rank_standardised: Option<u32>,
    pub agreed: Option<f64>,
    pub standardised: Option<f64>,
    pub criteria: Scores,
    pub marks: Vec<(String, Option<f64>)>,
    pub spread: Option<f64>,
    pub flagged: bool,
    pub shortlisted: bool,
    pub winner: bool,
}

/// One line of a round's trail.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailEvent {
    pub at: String,
    pub actor: String,
    pub entry: Option<String>,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// What importing a marks file did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarksImport {
    pub round: String,
    pub marker: String,
    /// Entries whose marks were taken from the file.
    pub imported: Vec<String>,
    /// Entries the file had as they already were.
    pub unchanged: Vec<String>,
    /// Entries left as they were because the library's marks differ.
    pub conflicts: Vec<MarksConflict>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MarksConflict {
    pub code: String,
    pub reason: String,
    pub local_total: Option<f64>,
    pub file_total: Option<f64>,
}

/// Feedback sheets come as Markdown or as safe HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackFormat {
    Markdown,
    Html,
}

pub use quire_review::marks_file::MarksFile;
