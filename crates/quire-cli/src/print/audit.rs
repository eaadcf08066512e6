//! The citation audit and the reference parser for a person: a report a
//! marker can paste into feedback, and a parsed entry field by field.

use std::fmt::Write as _;

use quire_api::wire::cli::{AuditReport, EssayReport};
use quire_api::wire::{IssueKind, Status};
use quire_cite::describe;
use quire_csl::{CslItem, DateField, Name};

/// `quire audit`: each essay's author, title and counts, then its issues.
pub fn report(report: &AuditReport) -> String {
    if report.essays.is_empty() {
        return "No essays found.\n".into();
    }
    let essays: Vec<String> = report.essays.iter().map(essay).collect();
    essays.join("\n")
}

/// One essay of the audit report.
fn essay(e: &EssayReport) -> String {
    let who = super::author_with_affiliation(&e.author, &e.affiliation, "Unknown author");
    let mut out = format!("{who}: {} — {} words\n", e.title, e.word_count);
    let a = &e.audit;
    let ok = a
        .citations
        .iter()
        .filter(|c| c.status == Status::Ok)
        .count();
    let _ = writeln!(
        out,
        "{} in-text citations ({ok} matching the reference list), {} reference entries, {} issue{}.",
        a.citations.len(),
        a.references.len(),
        a.issues.len(),
        if a.issues.len() == 1 { "" } else { "s" }
    );
    if a.issues.is_empty() {
        out.push_str("Every citation has a matching entry and every entry is cited.\n");
    }
    for (i, issue) in a.issues.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}: {}",
            i + 1,
            kind_label(issue.kind),
            issue.message
        );
    }
    out
}

/// An issue's kind as the report names it.
pub fn kind_label(kind: IssueKind) -> &'static str {
    match kind {
        IssueKind::MissingReference => "Missing reference",
        IssueKind::UncitedReference => "Uncited reference",
        IssueKind::YearMismatch => "Year mismatch",
        IssueKind::NameMismatch => "Name mismatch",
        IssueKind::EtAlMismatch => "\"et al.\" mismatch",
        IssueKind::NoReferenceList => "No reference list",
        IssueKind::MalformedReference => "Incomplete reference",
        IssueKind::OutOfOrderCitation => "Cited out of order",
    }
}

/// `quire parse-ref`: each parsed entry, a blank line between them.
pub fn items(items: &[CslItem]) -> String {
    let items: Vec<String> = items.iter().map(item).collect();
    items.join("\n")
}

/// One parsed entry, field by field, named as a reader would name them.
pub fn item(item: &CslItem) -> String {
    let mut out = format!("{} [{}]\n", describe(item), item.kind);
    let fields: [(&str, Option<String>); 15] = [
        ("Authors", names(&item.author)),
        ("Editors", names(&item.editor)),
        ("Year", item.issued.as_ref().map(date)),
        ("Status", item.status.clone()),
        ("Title", item.title.clone()),
        ("In", item.container_title.clone()),
        ("Edition", item.edition.clone()),
        ("Volume", item.volume.clone()),
        ("Issue", item.issue.clone()),
        ("Pages", item.page.clone()),
        ("Place", item.publisher_place.clone()),
        ("Publisher", item.publisher.clone()),
        ("DOI", item.doi.clone()),
        ("URL", item.url.clone()),
        ("Accessed", item.accessed.as_ref().map(date)),
    ];
    for (label, value) in fields {
        if let Some(v) = value {
            let _ = writeln!(out, "  {label:<10} {v}");
        }
    }
    out
}

/// "Family, Given; Other" (a literal name as it is), or none when empty.
fn names(names: &[Name]) -> Option<String> {
    let names: Vec<String> = names
        .iter()
        .map(|n| match (&n.literal, &n.family, &n.given) {
            (Some(l), _, _) => l.clone(),
            (None, Some(f), Some(g)) => format!("{f}, {g}"),
            (None, Some(f), None) => f.clone(),
            _ => String::new(),
        })
        .collect();
    Some(names.join("; ")).filter(|s| !s.is_empty())
}

/// A date's first date-parts as "2020-5-1".
fn date(d: &DateField) -> String {
    d.date_parts
        .first()
        .map(|p| p.iter().map(i32::to_string).collect::<Vec<_>>().join("-"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_api::wire::{EssayAudit, Issue};

    fn essay(issues: Vec<Issue>) -> EssayReport {
        EssayReport {
            title: "On care".into(),
            author: Some("Ada".into()),
            affiliation: None,
            word_count: 900,
            audit: EssayAudit {
                citations: vec![],
                references: vec![],
                issues,
            },
        }
    }

    #[test]
    fn an_essay_without_issues_says_everything_matches() {
        let text = report(&AuditReport {
            essays: vec![essay(vec![])],
        });
        assert_eq!(
            text,
            "Ada: On care — 900 words\n\
             0 in-text citations (0 matching the reference list), 0 reference entries, 0 issues.\n\
             Every citation has a matching entry and every entry is cited.\n"
        );
    }

    #[test]
    fn issues_are_numbered_and_essays_separated() {
        let issue = Issue {
            kind: IssueKind::MissingReference,
            citation: Some(0),
            reference: None,
            message: "Smith (2020) has no entry".into(),
        };
        let text = report(&AuditReport {
            essays: vec![essay(vec![issue]), essay(vec![])],
        });
        assert!(
            text.contains(
                ", 1 issue.\n  1. Missing reference: Smith (2020) has no entry\n\nAda: On care"
            ),
            "{text}"
        );
        assert_eq!(
            report(&AuditReport { essays: vec![] }),
            "No essays found.\n"
        );
    }

    #[test]
    fn a_parsed_item_names_its_fields() {
        let item: CslItem = serde_json::from_str(
            r#"{"id": "a", "type": "book", "title": "Care", "author": [{"family": "Smith", "given": "J."}],
                "issued": {"date-parts": [[2020, 5]]}, "publisher": "Press"}"#,
        )
        .expect("a CSL-JSON item");
        let text = super::item(&item);
        assert!(
            text.contains("\n  Authors    Smith, J.\n  Year       2020-5\n"),
            "{text}"
        );
        assert!(text.contains("\n  Title      Care\n"), "{text}");
        assert!(text.ends_with("  Publisher  Press\n"), "{text}");
    }
}
