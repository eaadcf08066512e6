//! The library's contents for a person: the import report, the documents
//! table with its collections, the collections, and one document.

use std::fmt::Write as _;
use std::path::Path;

use quire_api::wire::{Collection, DocRow, DocSummary, Document, ImportReport, ZoteroReport};

use super::{author_with_affiliation, clip};

/// What `quire import` did: the documents imported, then each warning and error.
pub fn import_report(report: &ImportReport) -> String {
    let mut out = format!("Imported {} document(s):\n", report.imported.len());
    out.push_str(&table(&report.imported));
    for f in report.files.iter().filter(|f| f.error.is_none()) {
        if let Some(work) = f.work {
            let _ = writeln!(out, "work #{work}: from the metadata of {}", f.path);
        }
        for w in &f.warnings {
            let _ = writeln!(out, "note: {}: {w}", f.path);
        }
    }
    for w in &report.warnings {
        let _ = writeln!(out, "warning: {}: {}", w.path, w.message);
    }
    for e in &report.errors {
        let _ = writeln!(out, "error: {}: {}", e.path, e.message);
    }
    if report.cancelled {
        let _ = writeln!(
            out,
            "cancelled after {} file(s); the files imported before it are kept",
            report.files.len()
        );
    }
    out
}

/// What `quire import --zotero` did.
pub fn zotero_report(r: &ZoteroReport) -> String {
    let mut out = format!(
        "Zotero: {} item(s): {} new, {} matched to works already here, {} updated, {} unchanged\n",
        r.items, r.created, r.matched, r.updated, r.unchanged
    );
    if r.kept_edits > 0 {
        let _ = writeln!(
            out,
            "{} work(s) you corrected kept your correction",
            r.kept_edits
        );
    }
    let _ = writeln!(
        out,
        "{} tag(s); {} attachment text(s) as documents",
        r.tags,
        r.documents.len()
    );
    for c in &r.collections {
        let _ = writeln!(out, "collection: {c}");
    }
    for s in &r.skipped {
        let _ = writeln!(out, "skipped: {s}");
    }
    if r.cancelled {
        let _ = writeln!(out, "cancelled; the items before it are kept");
    }
    out
}

/// `quire list` on an empty library.
pub fn empty(dir: &Path) -> String {
    format!("The library at {} is empty.\n", dir.display())
}

/// `quire list`: the documents table, then each collection with its size,
/// word limits and the documents outside them.
pub fn documents(rows: &[DocRow], collections: &[Collection]) -> String {
    let summaries: Vec<DocSummary> = rows.iter().map(|r| r.summary.clone()).collect();
    let mut out = table(&summaries);
    for c in collections {
        let _ = writeln!(
            out,
            "\nCollection #{} \"{}\": {} entries{}{}",
            c.id,
            c.title,
            c.documents,
            limits(c),
            outside_limits(rows, c.id)
        );
    }
    out
}

/// `quire collections`: each collection with its size and word limits.
pub fn collections(collections: &[Collection]) -> String {
    let mut out = String::new();
    for c in collections {
        let _ = writeln!(
            out,
            "#{} \"{}\": {} entries{}",
            c.id,
            c.title,
            c.documents,
            limits(c)
        );
    }
    out
}

/// `quire show`: title, author, a line of facts, the body and the references.
pub fn document(doc: &Document) -> String {
    let s = &doc.summary;
    let mut out = format!("# {}\n", s.title);
    if let Some(author) = &s.author {
        let affiliation = s.affiliation.as_deref().map(|a| format!(" - {a}"));
        let _ = writeln!(out, "{author}{}", affiliation.unwrap_or_default());
    }
    let _ = writeln!(out, "({})\n\n{}", facts(doc).join(" · "), doc.body);
    if !doc.references.is_empty() {
        out.push_str("\n## References\n\n");
        for r in &doc.references {
            let _ = writeln!(out, "- {r}");
        }
    }
    out
}

/// One line per document: id, kind, words, title, author and duplicate link.
pub fn table(docs: &[DocSummary]) -> String {
    let mut out = format!(
        "{:>4}  {:<6}  {:>5}  {:<48}  AUTHOR\n",
        "ID", "KIND", "WORDS", "TITLE"
    );
    for d in docs {
        let author = author_with_affiliation(&d.author, &d.affiliation, "");
        let dup = d.duplicate_of.map(|o| format!("  [copy of #{o}]"));
        let _ = writeln!(
            out,
            "{:>4}  {:<6}  {:>5}  {:<48}  {author}{}",
            d.id,
            d.kind.as_str(),
            d.word_count,
            clip(&d.title, 48),
            dup.unwrap_or_default()
        );
    }
    out
}

/// ", 1500–2000 words" when a collection has both limits, else nothing.
fn limits(c: &Collection) -> String {
    match (c.min_words, c.max_words) {
        (Some(lo), Some(hi)) => format!(", {lo}–{hi} words"),
        _ => String::new(),
    }
}

/// "; outside limits: #3 over, #5 under" for a collection's documents.
fn outside_limits(rows: &[DocRow], collection: i64) -> String {
    let flagged: Vec<String> = rows
        .iter()
        .filter(|r| r.collection_id == Some(collection))
        .filter_map(|r| {
            r.limit_flag
                .map(|f| format!("#{} {:?}", r.summary.id, f).to_lowercase())
        })
        .collect();
    match flagged.is_empty() {
        true => String::new(),
        false => format!("; outside limits: {}", flagged.join(", ")),
    }
}

/// The facts line of `quire show`: id, kind, words, limits, collection,
/// year, copies and origin.
fn facts(doc: &Document) -> Vec<String> {
    let s = &doc.summary;
    let mut facts = vec![
        format!("#{}", s.id),
        s.kind.as_str().to_owned(),
        format!("{} words", s.word_count),
    ];
    if let Some(flag) = doc.limit_flag {
        facts.push(format!("{flag:?} the word limit").to_lowercase());
    }
    if let Some(c) = &doc.collection {
        facts.push(format!("in \"{c}\""));
    }
    if let Some(y) = doc.year {
        facts.push(y.to_string());
    }
    if let Some(orig) = s.duplicate_of {
        facts.push(format!("near-copy of #{orig}"));
    }
    if !doc.duplicates.is_empty() {
        let ids: Vec<String> = doc.duplicates.iter().map(|d| format!("#{d}")).collect();
        facts.push(format!("copied in {}", ids.join(", ")));
    }
    facts.push(format!("from {}", doc.origin));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_api::wire::{ImportFailure, Kind};

    fn summary(id: i64, title: &str) -> DocSummary {
        DocSummary {
            id,
            kind: Kind::Essay,
            title: title.into(),
            author: Some("Ada Lovelace".into()),
            affiliation: Some("Leeds".into()),
            word_count: 1200,
            duplicate_of: None,
        }
    }

    #[test]
    fn import_report_lists_documents_then_errors() {
        let report = ImportReport {
            imported: vec![summary(1, "On care")],
            errors: vec![ImportFailure {
                path: "bad.docx".into(),
                message: "not a Word file".into(),
            }],
            warnings: vec![],
            files: vec![],
            cancelled: false,
        };
        let text = import_report(&report);
        assert!(
            text.starts_with("Imported 1 document(s):\n  ID  KIND"),
            "{text}"
        );
        assert!(text.contains("   1  essay    1200  On care"), "{text}");
        assert!(text.contains("  Ada Lovelace (Leeds)\n"), "{text}");
        assert!(
            text.ends_with("error: bad.docx: not a Word file\n"),
            "{text}"
        );
    }

    #[test]
    fn table_clips_long_titles_and_marks_copies() {
        let mut doc = summary(2, &"x".repeat(60));
        doc.duplicate_of = Some(1);
        let text = table(&[doc]);
        assert!(text.contains(&format!("{}…  ", "x".repeat(47))), "{text}");
        assert!(text.ends_with("(Leeds)  [copy of #1]\n"), "{text}");
    }
}
