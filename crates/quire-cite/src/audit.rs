//! The citation audit of one essay: every citation linked to an entry or
//! reported missing, every entry cited or reported unused, every mismatch
//! described in a sentence a marker can paste into feedback.
//!
//! An essay is audited in one mode, author–date or numeric, chosen from
//! what its body cites (see [`essay_citations`]); the numeric audit is in
//! [`crate::numbered`].

use quire_csl::CslItem;
use serde::Serialize;

use crate::intext::{extract_citations, extract_numeric, Citation};
use crate::matching::{best_match, Agreement, RefKey};
use crate::reference::{parse_entry, ParsedEntry};

/// What the audit says about one citation: `"ok"` or the issue it raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    MissingReference,
    YearMismatch,
    NameMismatch,
    EtAlMismatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    MissingReference,
    UncitedReference,
    YearMismatch,
    NameMismatch,
    EtAlMismatch,
    NoReferenceList,
    MalformedReference,
    /// Numeric, citation-order styles: a number is first cited after a
    /// higher one.
    OutOfOrderCitation,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::MissingReference => "missing_reference",
            IssueKind::UncitedReference => "uncited_reference",
            IssueKind::YearMismatch => "year_mismatch",
            IssueKind::NameMismatch => "name_mismatch",
            IssueKind::EtAlMismatch => "et_al_mismatch",
            IssueKind::NoReferenceList => "no_reference_list",
            IssueKind::MalformedReference => "malformed_reference",
            IssueKind::OutOfOrderCitation => "out_of_order_citation",
        }
    }
}

impl Status {
    pub fn as_str(self) -> &'static str {
        self.issue().map_or("ok", IssueKind::as_str)
    }

    pub(crate) fn issue(self) -> Option<IssueKind> {
        match self {
            Status::Ok => None,
            Status::MissingReference => Some(IssueKind::MissingReference),
            Status::YearMismatch => Some(IssueKind::YearMismatch),
            Status::NameMismatch => Some(IssueKind::NameMismatch),
            Status::EtAlMismatch => Some(IssueKind::EtAlMismatch),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CitationResult {
    #[serde(flatten)]
    pub citation: Citation,
    /// Index into [`EssayAudit::references`].
    pub reference: Option<usize>,
    pub status: Status,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceResult {
    pub text: String,
    pub csl: CslItem,
    /// Indices into [`EssayAudit::citations`].
    pub cited_by: Vec<usize>,
    /// The entry's number in a numbered list ("[3]", "3."), or its place in
    /// an unnumbered list audited against numeric citations. Absent in
    /// author–date audits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub kind: IssueKind,
    pub citation: Option<usize>,
    pub reference: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EssayAudit {
    pub citations: Vec<CitationResult>,
    pub references: Vec<ReferenceResult>,
    pub issues: Vec<Issue>,
}

/// Audits an essay body against its reference-list entries.
pub fn audit(body: &str, references: &[String]) -> EssayAudit {
    let parsed: Vec<ParsedEntry> = references.iter().map(|r| parse_entry(r)).collect();
    audit_parsed(essay_citations(body, &parsed), references, parsed)
}

/// The citations an essay is audited on: its numeric citations when it
/// cites mostly by number ("[3]", "³"), or at least half as often by number
/// as by author and year and its list is numbered; else its author–date
/// citations. One mode per essay, so a stray "[1]" in an author–date essay
/// (or a "Smith (2019)" in a numeric one) does not mix the two audits.
pub fn essay_citations(body: &str, entries: &[ParsedEntry]) -> Vec<Citation> {
    let author_date = extract_citations(body);
    let numeric = extract_numeric(body);
    let numbered = entries.iter().filter(|e| e.number.is_some()).count();
    let numbered_list = numbered > 0 && numbered * 2 >= entries.len();
    if numeric.len() > author_date.len()
        || numbered_list && !numeric.is_empty() && numeric.len() * 2 >= author_date.len()
    {
        numeric
    } else {
        author_date
    }
}

/// Audits citations against entries already parsed (or corrected by a
/// user). Numeric citations are audited by number.
pub fn audit_parsed(
    citations: Vec<Citation>,
    texts: &[String],
    parsed: Vec<ParsedEntry>,
) -> EssayAudit {
    if !citations.is_empty() && citations.iter().all(|c| c.number.is_some()) {
        return crate::numbered::audit_numeric(citations, texts, &parsed);
    }
    let keys: Vec<RefKey> = parsed.iter().map(RefKey::new).collect();
    let mut references = reference_results(texts, &parsed);
    let mut issues = Vec::new();
    let mut results = Vec::with_capacity(citations.len());
    let no_list = references.is_empty();

    for (ci, citation) in citations.into_iter().enumerate() {
        let found = if no_list {
            None
        } else {
            best_match(&citation, &keys)
        };
        let (reference, status) = match found {
            Some((ri, agreement)) => {
                references[ri].cited_by.push(ci);
                let status = match agreement {
                    Agreement::Exact => Status::Ok,
                    Agreement::EtAl => Status::EtAlMismatch,
                    Agreement::Names | Agreement::Title => Status::NameMismatch,
                    Agreement::Year => Status::YearMismatch,
                };
                (Some(ri), status)
            }
            None => (None, Status::MissingReference),
        };
        if let Some(kind) = status.issue().filter(|_| !no_list) {
            let matched = reference.map(|ri| (&references[ri], &keys[ri]));
            let message = match found {
                Some((_, Agreement::Title)) => format!(
                    "\"{}\" names the work rather than its author: the reference list has it as {}, so cite it that way.",
                    citation.text,
                    matched.map_or(String::new(), |(r, _)| describe(&r.csl))
                ),
                _ => citation_message(kind, &citation, matched),
            };
            issues.push(Issue {
                kind,
                citation: Some(ci),
                reference,
                message,
            });
        }
        results.push(CitationResult {
            citation,
            reference,
            status,
        });
    }

    if no_list {
        issues.extend(no_list_issue(results.len()));
    } else {
        for (ri, (r, p)) in references.iter().zip(&parsed).enumerate() {
            if heading(&r.text) {
                continue;
            }
            if malformed(p) {
                issues.push(Issue {
                    kind: IssueKind::MalformedReference,
                    citation: None,
                    reference: Some(ri),
                    message: malformed_message(r),
                });
            } else if r.cited_by.is_empty() {
                issues.push(Issue {
                    kind: IssueKind::UncitedReference,
                    citation: None,
                    reference: Some(ri),
                    message: format!(
                        "{} is in the reference list but is never cited in the text: cite it or remove it.",
                        describe(&r.csl)
                    ),
                });
            }
        }
    }
    EssayAudit {
        citations: results,
        references,
        issues,
    }
}

/// One result per entry, not yet cited.
pub(crate) fn reference_results(texts: &[String], parsed: &[ParsedEntry]) -> Vec<ReferenceResult> {
    texts
        .iter()
        .zip(parsed)
        .map(|(t, p)| ReferenceResult {
            text: t.trim().to_string(),
            csl: p.item.clone(),
            cited_by: Vec::new(),
            number: None,
        })
        .collect()
}

/// The issue for an essay that cites but has no reference list.
pub(crate) fn no_list_issue(citations: usize) -> Option<Issue> {
    (citations > 0).then(|| Issue {
        kind: IssueKind::NoReferenceList,
        citation: None,
        reference: None,
        message: format!(
            "The essay has {citations} in-text citation{} but no reference list: add a reference list with an entry for each cited work.",
            if citations == 1 { "" } else { "s" }
        ),
    })
}

/// A line such as "Books" or "Online sources" that splits a list into
/// sections: not an entry, so neither uncited nor malformed.
pub(crate) fn heading(text: &str) -> bool {
    text.split_whitespace().count() <= 3 && !text.chars().any(|c| c.is_ascii_digit() || c == ',')
}

/// An entry that cannot be matched because it lacks its author or its year
/// (an entry that says "n.d." has a year: none).
fn malformed(p: &ParsedEntry) -> bool {
    p.item.author.is_empty() && p.item.editor.is_empty()
        || p.item.issued.is_none() && p.item.status.is_none() && !p.undated
}

fn malformed_message(r: &ReferenceResult) -> String {
    let nameless = r.csl.author.is_empty() && r.csl.editor.is_empty();
    let missing = match (nameless, r.csl.issued.is_none() && r.csl.status.is_none()) {
        (true, true) => "neither an author nor a year",
        (true, false) => "no author",
        _ => "no year (write n.d. if the work is undated)",
    };
    format!(
        "The reference entry \"{}\" has {missing}, so no citation can be matched to it.",
        short(&r.text, 90)
    )
}

fn short(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", crate::slice::before(s, i)),
        None => s.to_string(),
    }
}

/// "Chan and Ngai (2019)", "Mishna et al. (2019)": how the entry would be cited.
pub fn describe(item: &CslItem) -> String {
    let names = if item.author.is_empty() {
        &item.editor
    } else {
        &item.author
    };
    let names: Vec<&str> = names.iter().map(|n| n.cited_form()).collect();
    let who = match names.as_slice() {
        [] => item
            .title
            .clone()
            .unwrap_or_else(|| "An untitled entry".to_string()),
        [a] => a.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, ..] => format!("{a} et al."),
    };
    let year = match (item.issued.as_ref().and_then(|d| d.year()), &item.status) {
        (Some(y), _) => format!("{y}{}", item.year_suffix.as_deref().unwrap_or("")),
        (None, Some(s)) => s.clone(),
        (None, None) => "n.d.".to_string(),
    };
    format!("{who} ({year})")
}

fn citation_message(
    kind: IssueKind,
    c: &Citation,
    matched: Option<(&ReferenceResult, &RefKey)>,
) -> String {
    let cited = &c.text;
    let via = c
        .cited_in
        .as_ref()
        .map(|_| " (for a secondary citation only the work it is cited in needs an entry)")
        .unwrap_or("");
    let Some((r, key)) = matched else {
        return format!("\"{cited}\" has no matching entry in the reference list{via}: add one.");
    };
    let entry = describe(&r.csl);
    match kind {
        IssueKind::YearMismatch => format!(
            "\"{cited}\" gives the year {}, but the reference list has {entry}: make the years agree.",
            c.year
        ),
        IssueKind::NameMismatch => format!(
            "\"{cited}\" names the author{} differently from the reference list entry {entry}: make the names agree.",
            if c.authors.len() == 1 { "" } else { "s" }
        ),
        IssueKind::EtAlMismatch if c.et_al => format!(
            "\"{cited}\" uses \"et al.\" but the entry has only {}: cite it as {entry}.",
            if key.author_count() == 1 { "one author" } else { "two authors" }
        ),
        IssueKind::EtAlMismatch => format!(
            "\"{cited}\" names only one author but the entry has {}: cite it as {entry}.",
            key.author_count()
        ),
        _ => format!("\"{cited}\" does not agree with the reference list entry {entry}."),
    }
}
