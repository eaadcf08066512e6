//! Reading files into documents, without touching the store: decoding
//! (`decode`), Word files (`docx`), splitting a file into essays or a source
//! (`split`), the author lines under essays' titles (`byline`), page
//! furniture (`furniture`) and near-copies (`dedupe`).
//! `quire audit PATH` uses `read_file` directly; `Library` stores the result.

mod byline;
mod decode;
pub(crate) mod dedupe;
mod docx;
#[cfg(test)]
mod docx_grammar;
mod furniture;
mod split;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Kind;
use split::Format;

/// Files larger than this are refused: no essay or article is 20 MB of
/// text, and reading one whole would stall the app. The same limit holds
/// for the text a file yields (a small `.docx` can unpack to far more, and
/// Windows-1252 bytes can take three bytes each as UTF-8).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Folders are followed at most this deep below a folder given to import.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// Why extracted text is refused; the same words for every format.
const TEXT_TOO_LARGE: &str = "text is larger than 20 MB after extraction; split it";

/// One document found in a file, ready to be stored.
#[derive(Debug, Clone, Serialize)]
pub struct ParsedDoc {
    pub kind: Kind,
    pub title: String,
    pub author: Option<String>,
    pub affiliation: Option<String>,
    pub year: Option<i32>,
    /// Markdown, furniture removed, no reference list.
    pub body: String,
    /// Raw reference-list entries, in order.
    pub references: Vec<String>,
    pub word_count: u32,
    /// The collection (competition) the file says this document belongs to.
    pub collection: Option<CollectionHint>,
    /// What was lost reading the file (characters replaced while
    /// decoding), for the user; empty when nothing was.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A collection as a file describes it (e.g. a competition header).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CollectionHint {
    pub title: String,
    pub prompt: Option<String>,
    pub year: Option<i32>,
    pub min_words: Option<u32>,
    pub max_words: Option<u32>,
}

/// File extensions `parse` reads.
const EXTENSIONS: [&str; 5] = ["txt", "text", "md", "markdown", "docx"];

/// Folders stand for the importable files inside them (recursively, in name
/// order), so a folder of competition entries imports in one go; files are
/// kept as given, whatever their extension, so a wrong one is reported.
///
/// Symbolic links can make a folder contain itself, so every folder and
/// file is taken once, by its canonical path: a link back to a folder
/// already seen is skipped (it holds nothing new), and so is a second path
/// to a file. Folders deeper than [`MAX_FOLDER_DEPTH`] are not entered.
pub fn expand_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        expand(path, 0, &mut seen, &mut out);
    }
    out
}

fn expand(path: &Path, depth: usize, seen: &mut HashSet<PathBuf>, out: &mut Vec<PathBuf>) {
    // A path that cannot be resolved is kept, so reading it reports why.
    let first_time = std::fs::canonicalize(path).map_or(true, |c| seen.insert(c));
    if !first_time {
        return;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => {
            if depth >= MAX_FOLDER_DEPTH {
                return;
            }
            let mut inner: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            inner.sort();
            for p in inner.iter().filter(|p| p.is_dir() || is_importable(p)) {
                expand(p, depth + 1, seen, out);
            }
        }
        Err(_) => out.push(path.to_owned()),
    }
}

fn is_importable(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    EXTENSIONS.contains(&ext.as_str())
}

/// Read, decode and split a file. Errors name the file.
pub fn read_file(path: &Path) -> Result<Vec<ParsedDoc>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::import(&shown, e.to_string()))?;
    if meta.is_dir() {
        return Err(Error::import(shown, "is a folder, not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::import(shown, too_large(meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::import(&shown, e.to_string()))?;
    let name = path
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    parse(&name, &bytes).map_err(|message| Error::import(shown, message))
}

/// Decode and split a file's bytes; `name` (with its extension) decides
/// the format. The error is a message for the user, without the file name.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Vec<ParsedDoc>, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let (decoded, format) = match ext.as_str() {
        "txt" | "text" | "" => (
            decode::decode(bytes).map_err(|e| e.to_string())?,
            Format::Text,
        ),
        "md" | "markdown" => (
            decode::decode(bytes).map_err(|e| e.to_string())?,
            Format::Markdown,
        ),
        "docx" => (
            decode::Decoded {
                text: docx::to_markdown(bytes, MAX_FILE_BYTES)?,
                warning: None,
            },
            Format::Markdown,
        ),
        "doc" => return Err("old Word .doc files are not supported: save it as .docx".to_owned()),
        other => {
            return Err(format!(
                "unsupported file type .{other} (Quire imports .txt, .md and .docx)"
            ))
        }
    };
    if decoded.text.len() as u64 > MAX_FILE_BYTES {
        return Err(TEXT_TOO_LARGE.to_owned());
    }
    let mut docs = split::split(&decoded.text, format, name);
    if docs.iter().all(|d| d.body.trim().is_empty()) {
        return Err("contains no text".to_owned());
    }
    if let Some(warning) = decoded.warning {
        for doc in &mut docs {
            doc.warnings.push(warning.clone());
        }
    }
    Ok(docs)
}

/// The works (CSL-JSON items) in a BibTeX, RIS or CSL-JSON file. The file
/// is refused unread when over the works-file size limit, and a panic while
/// reading it is caught and reported as this file's.
pub fn read_works(path: &Path) -> Result<Vec<quire_csl::CslItem>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::import(&shown, e.to_string()))?;
    if meta.len() > quire_format::MAX_WORKS_FILE_BYTES {
        return Err(Error::import(
            shown,
            format!(
                "is {:.1} MB; works files over {} MB are refused",
                meta.len() as f64 / (1024.0 * 1024.0),
                quire_format::MAX_WORKS_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::import(&shown, e.to_string()))?;
    let name = path
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    match crate::guard::catch(|| quire_format::read_works(&name, &bytes)) {
        Ok(Ok(items)) => Ok(items),
        Ok(Err(e)) => Err(Error::import(shown, e.to_string())),
        Err(panic) => Err(Error::import(
            shown,
            format!("could not import {name} (internal error: {panic})"),
        )),
    }
}

fn too_large(len: u64) -> String {
    format!(
        "is {:.1} MB; files over 20 MB are refused",
        len as f64 / (1024.0 * 1024.0)
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_files_come_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("essay.txt"), "An essay.").unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/other.md"), "Another.").unwrap();
        // Two links to the folder itself, one to its parent, one to a file.
        symlink(".", root.join("again")).unwrap();
        symlink(".", root.join("loop")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("essay.txt", root.join("link.txt")).unwrap();
        let found = super::expand_folders(&[root.to_owned(), root.join("essay.txt")]);
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["essay.txt", "sub/other.md"]);
    }

    #[test]
    fn folders_deeper_than_the_cap_are_not_entered() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_owned();
        for _ in 0..super::MAX_FOLDER_DEPTH + 3 {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("lost.txt"), "Too deep.").unwrap();
        std::fs::write(dir.path().join("d/kept.txt"), "Kept.").unwrap();
        let found = super::expand_folders(&[dir.path().to_owned()]);
        assert_eq!(found, [dir.path().join("d/kept.txt")]);
    }

    #[test]
    fn unpacked_text_over_the_limit_is_refused() {
        // 1,000 paragraphs of 21 KB: some 150 KB zipped, 21 MB of text.
        let para = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "word ".repeat(4300));
        let xml = format!(
            "<w:document><w:body>{}</w:body></w:document>",
            para.repeat(1000)
        );
        let bytes = super::docx_grammar::docx(&xml);
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let err = super::parse("big.docx", &bytes).unwrap_err();
        assert_eq!(err, super::TEXT_TOO_LARGE);
    }

    /// Lines that steer the splitter (titles, name lines, "References",
    /// furniture, Markdown) mixed with arbitrary text.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("Why it matters".to_owned()),
            Just("Ana Lee - University of York".to_owned()),
            Just("References".to_owned()),
            Just("- Lee, A. (2020) A book.".to_owned()),
            Just("UNIVERSITY OF".to_owned()),
            Just("Figure 1: a caption".to_owned()),
            Just("The criteria: a 750 - 1000 word assignment with the following title:".to_owned()),
            Just("# ".to_owned()),
            Just("by Jo Bloggs".to_owned()),
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn any_text_parses_without_panic(lines in proptest::collection::vec(line(), 0..40)) {
            let text = lines.join("\n");
            for name in ["a.txt", "a.md"] {
                if let Ok(docs) = super::parse(name, text.as_bytes()) {
                    prop_assert!(docs.iter().all(|d| !d.title.is_empty()));
                }
            }
        }

        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            for name in ["a.txt", "a.docx"] {
                let _ = super::parse(name, &bytes);
            }
        }
    }
}
