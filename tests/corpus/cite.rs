//! The citation audit on the seed competition file as the engine reads it
//! (its own essay splitting and furniture removal), checked against the
//! hand-labelled fixture `tests/fixtures/cite/seed-essays.json`.

use std::path::PathBuf;

use quire_cite::{audit, fold_key};
use quire_engine::{import, Kind};
use serde_json::Value;

fn repo(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

/// (first author, year, status, linked entry) of each citation, in order.
fn outcome(authors: &[String], year: &str, status: &str, reference: Option<u64>) -> String {
    let first = authors.first().map_or(String::new(), |a| fold_key(a));
    format!("{first}/{}/{status}/{reference:?}", fold_key(year))
}

#[test]
fn seed_essays_audit_as_labelled() {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/cite/seed-essays.json")).expect("fixture"),
    )
    .expect("fixture is JSON");
    let docs = import::read_file(&repo(
        "assets/sample/world-social-work-day-competition-2020.txt",
    ))
    .expect("seed reads")
    .docs;
    let essays: Vec<_> = docs.iter().filter(|d| d.kind == Kind::Essay).collect();
    let gold = gold.as_array().expect("array");
    assert_eq!(essays.len(), gold.len(), "four essays");

    for (essay, gold) in essays.iter().zip(gold) {
        let a = audit(&essay.body, &essay.references);
        let got: Vec<String> = a
            .citations
            .iter()
            .map(|c| {
                let status = serde_json::to_value(c.status).expect("status");
                outcome(
                    &c.citation.authors,
                    &c.citation.year,
                    status.as_str().unwrap_or(""),
                    c.reference.map(|r| r as u64),
                )
            })
            .collect();
        let want: Vec<String> = gold["citations"]
            .as_array()
            .expect("citations")
            .iter()
            .map(|c| {
                let authors: Vec<String> = c["authors"]
                    .as_array()
                    .expect("authors")
                    .iter()
                    .map(|a| a.as_str().unwrap_or("").to_string())
                    .collect();
                outcome(
                    &authors,
                    c["year"].as_str().unwrap_or(""),
                    c["status"].as_str().unwrap_or(""),
                    c["reference"].as_u64(),
                )
            })
            .collect();
        assert_eq!(got, want, "citations of {:?}", essay.author);

        let kinds = |issues: Vec<String>| {
            let mut k = issues;
            k.sort();
            k
        };
        let got_issues = kinds(
            a.issues
                .iter()
                .map(|i| i.kind.as_str().to_string())
                .collect(),
        );
        let want_issues = kinds(
            gold["issues"]
                .as_array()
                .expect("issues")
                .iter()
                .map(|i| i["kind"].as_str().unwrap_or("").to_string())
                .collect(),
        );
        assert_eq!(got_issues, want_issues, "issues of {:?}", essay.author);
        assert_eq!(
            a.references.len(),
            gold["references"].as_array().map_or(0, Vec::len)
        );
    }
}

#[test]
fn blog_copy_without_references_gets_one_issue() {
    let docs = import::read_file(&repo("assets/sample/the-value-of-social-work-blog.txt"))
        .expect("blog reads")
        .docs;
    for d in docs.iter().filter(|d| d.references.is_empty()) {
        let a = audit(&d.body, &d.references);
        if !a.citations.is_empty() {
            assert_eq!(a.issues.len(), 1, "one issue, not a flood");
            assert_eq!(a.issues[0].kind.as_str(), "no_reference_list");
        }
    }
}

/// A `.docx` whose citations are superscript runs, with a numbered
/// reference list, as a nursing or medical student hands it in.
fn superscript_docx() -> Vec<u8> {
    use std::io::Write;
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let raised = |t: &str| {
        format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{t}</w:t></w:r>"#)
    };
    let para = |runs: String| format!("<w:p>{runs}</w:p>");
    let body = [
        para(run("Poverty and shame in child protection")),
        para(run("Ana Lee - University of York")),
        para(format!(
            "{}{}{}{}{}{}",
            run("Families describe shame"),
            raised("1"),
            run(" and fear of judgement"),
            raised("2,3"),
            run(", which practice must answer"),
            raised("1-3"),
        )),
        para(run("References")),
        para(run("1. Gupta A. Poverty and shame: messages for social work. Crit Radic Soc Work. 2015;3(1):131-9.")),
        para(run("2. Ruch G. Relationship-based practice. Child Fam Soc Work. 2005;10(2):111-23.")),
        para(run("3. Morris K. Troubling the notion of participation. Child Fam Soc Work. 2012;17(1):11-20.")),
    ]
    .concat();
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("zip entry");
    zip.write_all(xml.as_bytes()).expect("zip write");
    zip.finish().expect("zip").into_inner()
}

#[test]
fn superscript_citations_in_a_docx_are_audited_by_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("numeric.docx");
    std::fs::write(&path, superscript_docx()).expect("write docx");
    let docs = import::read_file(&path).expect("docx reads").docs;
    let essay = docs
        .iter()
        .find(|d| !d.references.is_empty())
        .expect("an essay with references");
    assert!(essay.body.contains("shame¹"), "{}", essay.body);
    let a = audit(&essay.body, &essay.references);
    let numbers: Vec<Option<u32>> = a.citations.iter().map(|c| c.citation.number).collect();
    assert_eq!(numbers, [1, 2, 3, 1, 2, 3].map(Some));
    assert!(a.issues.is_empty(), "{:?}", a.issues);
}

#[test]
fn a_page_number_like_a_year_no_longer_stops_an_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("krumer-nevo.md");
    std::fs::write(
        &path,
        "Poverty-aware practice\n\nAna Lee - University of York\n\n\
         Shame matters (Krumer-Nevo, 2016, p. 1796).\n\nReferences\n\n\
         Krumer-Nevo, M. (2016) 'Poverty-aware social work', *British Journal of Social Work*, 46(6), pp. 1793-1808.\n",
    )
    .expect("write");
    let docs = import::read_file(&path).expect("reads").docs;
    let a = audit(&docs[0].body, &docs[0].references);
    assert_eq!(a.citations.len(), 1);
    assert_eq!(a.citations[0].citation.locator.as_deref(), Some("p. 1796"));
    assert!(a.issues.is_empty(), "{:?}", a.issues);
}
