//! Works for a person: the works view, one work with the entries linked to
//! it, the works a search's paragraphs cite, and a works import.

use std::fmt::Write as _;

use quire_api::wire::{CitedWork, WorkDetail, WorkRow, WorksImport, WorksPage};

/// `quire works`: each work's id and entry, who cites it, and which slice
/// of the works this is when it is not all of them.
pub fn table(page: &WorksPage, offset: usize) -> String {
    if page.total == 0 {
        return "No works yet: import essays with reference lists, or works from BibTeX/RIS/CSL-JSON.\n".into();
    }
    let mut out = String::new();
    for row in &page.rows {
        out.push_str(&row_text(row));
    }
    if page.rows.len() < page.total {
        let first = offset.min(page.total);
        let _ = writeln!(
            out,
            "\n(works {}–{} of {})",
            first + 1,
            first + page.rows.len(),
            page.total
        );
    }
    out
}

/// One row of the works view: id and entry, then "cited 3× by #1, #4".
fn row_text(row: &WorkRow) -> String {
    let work = &row.work;
    let mut out = format!("{:>5}  {}\n", work.id, row.text);
    let cites: usize = work.cited_by.iter().map(|c| c.count).sum();
    if cites > 0 {
        let docs: Vec<String> = work
            .cited_by
            .iter()
            .map(|c| format!("#{}", c.document_id))
            .collect();
        let _ = writeln!(out, "       cited {cites}× by {}", docs.join(", "));
    }
    out
}

/// `quire works show`: the work, then each reference entry linked to it.
pub fn detail(detail: &WorkDetail) -> String {
    let mut out = format!("{:>5}  {}\n", detail.row.work.id, detail.row.text);
    for e in &detail.entries {
        let _ = writeln!(
            out,
            "       #{} entry {}: {}",
            e.document_id, e.position, e.raw
        );
    }
    out
}

/// `quire works cited-where`: each work with how many paragraphs cite it.
pub fn cited(works: &[CitedWork]) -> String {
    let mut out = String::new();
    for w in works {
        let id = w.work_id.map_or("-".to_string(), |id| id.to_string());
        let _ = writeln!(out, "{id:>5}  {:>3}×  {}", w.paragraphs, w.work);
    }
    out
}

/// `quire works import`: how many works came in, and each file refused.
pub fn import_report(report: &WorksImport) -> String {
    let mut out = format!("Imported {} work(s).\n", report.ids.len());
    for e in &report.errors {
        let _ = writeln!(out, "error: {}: {}", e.path, e.message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_api::wire::{CitedBy, Work};

    fn row(id: i64, cited_by: Vec<CitedBy>) -> WorkRow {
        WorkRow {
            work: Work {
                id,
                csl: Default::default(),
                edited: false,
                cited_by,
            },
            html: String::new(),
            text: format!("Entry {id}."),
            citation: String::new(),
        }
    }

    fn cited_by(document_id: i64, count: usize) -> CitedBy {
        CitedBy {
            document_id,
            title: String::new(),
            author: None,
            count,
        }
    }

    #[test]
    fn a_page_of_works_says_which_slice_it_is() {
        let page = WorksPage {
            rows: vec![row(4, vec![cited_by(1, 2), cited_by(3, 1)]), row(5, vec![])],
            total: 10,
        };
        assert_eq!(
            table(&page, 3),
            "    4  Entry 4.\n       cited 3× by #1, #3\n    5  Entry 5.\n\n(works 4–5 of 10)\n"
        );
    }

    #[test]
    fn no_works_says_how_to_get_some() {
        let page = WorksPage {
            rows: vec![],
            total: 0,
        };
        assert!(table(&page, 0).starts_with("No works yet"));
    }

    #[test]
    fn cited_works_without_an_id_show_a_dash() {
        let works = [CitedWork {
            work: "Smith (2020)".into(),
            work_id: None,
            paragraphs: 2,
            documents: vec![1],
        }];
        assert_eq!(cited(&works), "    -    2×  Smith (2020)\n");
    }
}
