//! The audit of a numeric essay (Vancouver, IEEE, superscripts): every
//! cited number must have an entry, every entry must be cited, and in a
//! citation-order style the numbers must be first cited in order.

use std::collections::HashMap;

use crate::audit::{
    describe, heading, no_list_issue, reference_results, CitationResult, EssayAudit, Issue,
    IssueKind, Status,
};
use crate::fold::name_key;
use crate::intext::Citation;
use crate::reference::ParsedEntry;

/// Entries in a list this long or longer that are in alphabetical order
/// mark an alphabetical numbered style, where first uses need not ascend.
const ALPHABETICAL_MIN: usize = 4;

/// Audits numeric citations (each with a `number`) against the entries.
pub fn audit_numeric(
    citations: Vec<Citation>,
    texts: &[String],
    parsed: &[ParsedEntry],
) -> EssayAudit {
    let mut references = reference_results(texts, parsed);
    let numbers = entry_numbers(&references, parsed);
    let mut by_number: HashMap<u32, usize> = HashMap::new();
    for (ri, n) in numbers.iter().enumerate() {
        if let Some(n) = *n {
            references[ri].number = Some(n);
            by_number.entry(n).or_insert(ri);
        }
    }
    let no_list = references.is_empty();
    let mut issues = Vec::new();
    let mut results = Vec::with_capacity(citations.len());
    for (ci, citation) in citations.into_iter().enumerate() {
        let n = citation.number.unwrap_or(0);
        let reference = by_number.get(&n).copied();
        match reference.and_then(|ri| references.get_mut(ri)) {
            Some(r) => r.cited_by.push(ci),
            None if !no_list => issues.push(Issue {
                kind: IssueKind::MissingReference,
                citation: Some(ci),
                reference: None,
                message: format!(
                    "\"{}\" cites number {n}, but the reference list has no entry {n}: add it or correct the number.",
                    citation.text
                ),
            }),
            None => {}
        }
        results.push(CitationResult {
            status: if reference.is_some() {
                Status::Ok
            } else {
                Status::MissingReference
            },
            citation,
            reference,
        });
    }
    if no_list {
        issues.extend(no_list_issue(results.len()));
    } else {
        if !alphabetical(parsed, &references) {
            issues.extend(out_of_order(&results));
        }
        for (ri, r) in references.iter().enumerate() {
            if r.cited_by.is_empty() && !heading(&r.text) {
                let label = r.number.map_or(String::new(), |n| format!("Entry {n}, "));
                issues.push(Issue {
                    kind: IssueKind::UncitedReference,
                    citation: None,
                    reference: Some(ri),
                    message: format!(
                        "{label}{}, is in the reference list but its number is never cited in the text: cite it or remove it.",
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

/// The number of each entry: as written ("[3]", "3.") when the list is
/// numbered, else its place among the entries that are not headings.
fn entry_numbers(
    references: &[crate::audit::ReferenceResult],
    parsed: &[ParsedEntry],
) -> Vec<Option<u32>> {
    if parsed.iter().any(|p| p.number.is_some()) {
        return parsed.iter().map(|p| p.number).collect();
    }
    let mut next = 0u32;
    references
        .iter()
        .map(|r| {
            (!heading(&r.text)).then(|| {
                next += 1;
                next
            })
        })
        .collect()
}

/// Whether the list is sorted by first author, as in alphabetical
/// numbered styles.
fn alphabetical(parsed: &[ParsedEntry], references: &[crate::audit::ReferenceResult]) -> bool {
    let keys: Vec<String> = parsed
        .iter()
        .zip(references)
        .filter(|(_, r)| !heading(&r.text))
        .filter_map(|(p, _)| p.item.author.first().map(|a| name_key(a.cited_form())))
        .collect();
    keys.len() >= ALPHABETICAL_MIN && keys.windows(2).all(|w| w[0] <= w[1])
}

/// Each number first cited after a higher number was.
fn out_of_order(results: &[CitationResult]) -> Vec<Issue> {
    let mut seen = std::collections::HashSet::new();
    let mut highest = 0u32;
    let mut issues = Vec::new();
    for (ci, c) in results.iter().enumerate() {
        let Some(n) = c.citation.number else { continue };
        if !seen.insert(n) {
            continue;
        }
        if n < highest {
            issues.push(Issue {
                kind: IssueKind::OutOfOrderCitation,
                citation: Some(ci),
                reference: c.reference,
                message: format!(
                    "\"{}\" is the first citation of number {n}, but {highest} was cited before it: in a citation-order style, number the entries in the order they are first cited.",
                    c.citation.text
                ),
            });
        }
        highest = highest.max(n);
    }
    issues
}

#[cfg(test)]
mod tests {
    use crate::audit;
    use crate::audit::IssueKind;

    fn kinds(body: &str, refs: &[&str]) -> Vec<(IssueKind, Option<usize>, Option<usize>)> {
        let refs: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
        audit(body, &refs)
            .issues
            .into_iter()
            .map(|i| (i.kind, i.citation, i.reference))
            .collect()
    }

    const VANCOUVER: [&str; 3] = [
        "1. Smith J. Poverty and shame. J Soc Work. 2005;10(2):1-5.",
        "2. Jones AB, Brown C. Relationship-based practice. Br J Soc Work. 2019;49(4):1021-45.",
        "3. Lee K. Care and control. Child Fam Soc Work. 2012;3:41-50.",
    ];

    #[test]
    fn a_clean_numeric_essay_has_no_issues() {
        let a = audit(
            "Poverty shames [1]. Relationships help [2, 3]. Again [1–3].",
            &VANCOUVER.map(String::from),
        );
        assert!(a.issues.is_empty(), "{:?}", a.issues);
        assert_eq!(a.references[1].number, Some(2));
        assert_eq!(a.references[1].cited_by, [1, 4]);
    }

    #[test]
    fn reports_missing_unused_and_out_of_order_numbers() {
        assert_eq!(
            kinds("First [1]. Then [3]. Then [2]. And [7].", &VANCOUVER),
            vec![
                (IssueKind::MissingReference, Some(3), None),
                (IssueKind::OutOfOrderCitation, Some(2), Some(1)),
            ]
        );
        assert_eq!(
            kinds("Only [1] and [2].", &VANCOUVER),
            vec![(IssueKind::UncitedReference, None, Some(2))]
        );
    }

    #[test]
    fn an_unnumbered_list_is_numbered_by_place() {
        let refs: Vec<String> = VANCOUVER
            .iter()
            .map(|r| {
                r.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .trim()
                    .to_string()
            })
            .collect();
        let a = audit("Cited¹ and cited²,³.", &refs);
        assert!(a.issues.is_empty(), "{:?}", a.issues);
        assert_eq!(a.references[2].number, Some(3));
    }

    #[test]
    fn numbers_escaped_by_word_are_read() {
        assert_eq!(
            crate::entry_number("\\[12\\] J. Smith, “T,” 2005."),
            Some(12)
        );
        assert_eq!(crate::entry_number("\\3. Smith J. T. 2005."), Some(3));
        assert_eq!(crate::entry_number("2005. Smith J."), None);
    }

    #[test]
    fn ieee_lists_keep_their_numbers() {
        let refs = [
            "[1] J. Smith, “Poverty and shame,” J. Soc. Work, vol. 10, no. 2, pp. 1–5, 2005.",
            "[2] A. B. Jones and C. Brown, “Relationship-based practice,” Br. J. Soc. Work, vol. 49, no. 4, pp. 1021–1045, 2019.",
        ];
        let a = audit("As [2] shows, and [1]", &refs.map(String::from));
        assert_eq!(
            a.issues.iter().map(|i| i.kind).collect::<Vec<_>>(),
            [IssueKind::OutOfOrderCitation]
        );
        assert_eq!(a.references[0].number, Some(1));
    }
}
