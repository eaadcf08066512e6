//! The citation audit of one essay: every in-text citation linked to a
//! reference entry or reported missing, every entry cited or reported
//! unused, every mismatch in a sentence a marker can paste into feedback.
//! One essay's audit is also what `quire audit --json` prints per essay.

use quire_cite::{CitationResult as EngineCitation, EssayAudit as EngineAudit};
use quire_csl::CslItem;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the audit says about one citation: `"ok"`, or the issue it raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Matched to an entry that agrees with it.
    Ok,
    /// No entry of the reference list matches it.
    MissingReference,
    /// Matched, but the years differ.
    YearMismatch,
    /// Matched, but the names differ.
    NameMismatch,
    /// Matched, but "et al." is used where the style wants all names, or
    /// the other way round.
    EtAlMismatch,
}

impl From<quire_cite::Status> for Status {
    fn from(s: quire_cite::Status) -> Self {
        use quire_cite::Status as S;
        match s {
            S::Ok => Status::Ok,
            S::MissingReference => Status::MissingReference,
            S::YearMismatch => Status::YearMismatch,
            S::NameMismatch => Status::NameMismatch,
            S::EtAlMismatch => Status::EtAlMismatch,
        }
    }
}

/// The kinds of issue an audit reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A citation no entry matches.
    MissingReference,
    /// An entry no citation cites.
    UncitedReference,
    /// A citation and its entry disagree on the year.
    YearMismatch,
    /// A citation and its entry disagree on the names.
    NameMismatch,
    /// A citation uses "et al." wrongly for its entry.
    EtAlMismatch,
    /// The essay cites but has no reference list.
    NoReferenceList,
    /// An entry lacks what a reference needs (an author, a year, a title).
    MalformedReference,
    /// Numeric, citation-order styles: a number first cited after a higher one.
    OutOfOrderCitation,
}

impl From<quire_cite::IssueKind> for IssueKind {
    fn from(k: quire_cite::IssueKind) -> Self {
        use quire_cite::IssueKind as K;
        match k {
            K::MissingReference => IssueKind::MissingReference,
            K::UncitedReference => IssueKind::UncitedReference,
            K::YearMismatch => IssueKind::YearMismatch,
            K::NameMismatch => IssueKind::NameMismatch,
            K::EtAlMismatch => IssueKind::EtAlMismatch,
            K::NoReferenceList => IssueKind::NoReferenceList,
            K::MalformedReference => IssueKind::MalformedReference,
            K::OutOfOrderCitation => IssueKind::OutOfOrderCitation,
        }
    }
}

/// For a secondary citation ("Kadushin and Kadushin, cited in Trevithick,
/// 2012"): the work that must be in the reference list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitedIn {
    /// Family (or organisation) names of the work cited in.
    pub authors: Vec<String>,
    /// Its year as cited.
    pub year: String,
}

impl From<quire_cite::CitedIn> for CitedIn {
    fn from(c: quire_cite::CitedIn) -> Self {
        Self {
            authors: c.authors,
            year: c.year,
        }
    }
}

/// One in-text citation of one work, and what the audit made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitationResult {
    /// The citation as written, whitespace collapsed.
    pub text: String,
    /// Family (or organisation) names as cited; for a secondary citation,
    /// those of the work it is cited in. Empty for a numeric citation.
    pub authors: Vec<String>,
    /// The year as cited: "2018a", "n.d.", "in press"; empty for a numeric
    /// citation.
    pub year: String,
    /// Whether it says "et al.".
    pub et_al: bool,
    /// The pages or other part cited: "p. 6", "pp. 4–5"; null for none.
    pub locator: Option<String>,
    /// For a secondary citation, the work it is cited in; null otherwise.
    pub cited_in: Option<CitedIn>,
    /// Numeric citations ("[3]", "³") only: the number cited. The key is
    /// absent for author–date citations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub number: Option<u32>,
    /// The entry it cites, as an index into the audit's `references`;
    /// null when none matches.
    pub reference: Option<usize>,
    /// Whether it is fine, or the issue it raised.
    pub status: Status,
}

impl From<EngineCitation> for CitationResult {
    fn from(r: EngineCitation) -> Self {
        let c = r.citation;
        Self {
            text: c.text,
            authors: c.authors,
            year: c.year,
            et_al: c.et_al,
            locator: c.locator,
            cited_in: c.cited_in.map(Into::into),
            number: c.number,
            reference: r.reference,
            status: r.status.into(),
        }
    }
}

/// One reference-list entry, its parse, and the citations of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferenceResult {
    /// The entry as the author wrote it.
    pub text: String,
    /// The entry as parsed (or as a person corrected the parse), as CSL-JSON.
    pub csl: CslItem,
    /// The citations of it, as indices into the audit's `citations`.
    pub cited_by: Vec<usize>,
    /// The entry's number in a numbered list ("[3]", "3."), or its place in
    /// an unnumbered list audited against numeric citations. The key is
    /// absent in author–date audits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub number: Option<u32>,
}

impl From<quire_cite::ReferenceResult> for ReferenceResult {
    fn from(r: quire_cite::ReferenceResult) -> Self {
        Self {
            text: r.text,
            csl: r.csl,
            cited_by: r.cited_by,
            number: r.number,
        }
    }
}

/// One problem the audit found, in words a marker can paste into feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Issue {
    /// What kind of problem it is.
    pub kind: IssueKind,
    /// The citation concerned, as an index into `citations`; null when none is.
    pub citation: Option<usize>,
    /// The entry concerned, as an index into `references`; null when none is.
    pub reference: Option<usize>,
    /// The problem in a sentence.
    pub message: String,
}

impl From<quire_cite::Issue> for Issue {
    fn from(i: quire_cite::Issue) -> Self {
        Self {
            kind: i.kind.into(),
            citation: i.citation,
            reference: i.reference,
            message: i.message,
        }
    }
}

/// The citation audit of one essay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EssayAudit {
    /// Every in-text citation, in the order of the body.
    pub citations: Vec<CitationResult>,
    /// Every reference-list entry, in the order of the list.
    pub references: Vec<ReferenceResult>,
    /// Every problem found.
    pub issues: Vec<Issue>,
}

impl From<EngineAudit> for EssayAudit {
    fn from(a: EngineAudit) -> Self {
        Self {
            citations: super::all(a.citations),
            references: super::all(a.references),
            issues: super::all(a.issues),
        }
    }
}
