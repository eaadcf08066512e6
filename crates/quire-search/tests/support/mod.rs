//! The sample library's seed texts as an index, split the simple way the
//! engine's importer does properly: essays at their "Name - University"
//! line, paragraphs at blank lines, references after "References". Shared
//! by the integration tests; each uses only part of it.
#![allow(dead_code)]

use quire_search::{Index, IndexDoc};

const COMPETITION: &str =
    include_str!("../../../../assets/sample/world-social-work-day-competition-2020.txt");
const RESOURCE: &str = include_str!("../../../../assets/sample/social-work-as-a-resource.txt");
const COURSE: &str = include_str!("../../../../assets/sample/becoming-a-critical-practitioner.txt");
const BLOG: &str = include_str!("../../../../assets/sample/the-value-of-social-work-blog.txt");

pub fn essays() -> Vec<IndexDoc> {
    let mut docs: Vec<IndexDoc> = Vec::new();
    let mut in_refs = false;
    for line in COMPETITION.lines().map(str::trim) {
        if let Some((name, uni)) = line.split_once(" - ") {
            if uni.contains("University") && name.split(' ').count() == 2 {
                docs.push(IndexDoc {
                    id: docs.len() as i64 + 1,
                    kind: "essay".into(),
                    title: "Working better together".into(),
                    author: Some(name.into()),
                    affiliation: Some(uni.into()),
                    collection: Some("World Social Work Day 2020".into()),
                    year: Some(2020),
                    ..IndexDoc::default()
                });
                in_refs = false;
                continue;
            }
        }
        let Some(doc) = docs.last_mut() else { continue };
        if line == "References" {
            in_refs = true;
        } else if in_refs {
            if let Some(r) = line.strip_prefix("- ") {
                doc.references.push(r.into());
            }
        } else if line.split_whitespace().count() > 12 {
            doc.paragraphs.push(line.into());
        }
    }
    docs
}

pub fn source(id: i64, title: &str, text: &str) -> IndexDoc {
    IndexDoc {
        id,
        kind: "source".into(),
        title: title.into(),
        paragraphs: text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| p.split_whitespace().count() > 12)
            .map(str::to_string)
            .collect(),
        ..IndexDoc::default()
    }
}

pub fn library() -> (tempfile::TempDir, Index) {
    let dir = tempfile::tempdir().unwrap();
    let mut index = Index::open(dir.path()).unwrap();
    let mut docs = essays();
    assert_eq!(docs.len(), 4, "four essays in the competition file");
    docs.push(source(10, "Social work as a resource", RESOURCE));
    docs.push(source(11, "Becoming a critical practitioner", COURSE));
    docs.push(source(12, "The value of social work", BLOG));
    for d in &docs {
        index.replace_document(d).unwrap();
    }
    index.commit(1).unwrap();
    (dir, index)
}

/// Every word of the seed texts, lower-cased, once each: the vocabulary
/// generated queries draw on.
pub fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = [COMPETITION, RESOURCE, COURSE, BLOG]
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// A hit's snippet with its highlights drawn as `<b>…</b>`, for assertions
/// a reader can follow.
pub fn marked(hit: &quire_search::Hit) -> String {
    let mut out = String::new();
    let mut spans = hit.highlights.iter().peekable();
    let mut close = None;
    let chars: Vec<char> = hit.snippet.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if close == Some(i) {
            out.push_str("</b>");
            close = None;
        }
        if spans.peek().is_some_and(|s| s.0 == i) {
            out.push_str("<b>");
            close = spans.next().map(|s| s.1);
        }
        out.push(*c);
    }
    if close.is_some() {
        out.push_str("</b>");
    }
    out
}
