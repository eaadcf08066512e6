//! Reading files into documents, without touching the store: decoding
//! (`decode`), Word files (`docx`), splitting a file into essays or a source
//! (`split`), the author lines under essays' titles (`byline`), page
//! furniture (`furniture`) and near-copies (`dedupe`).
//! `quire audit PATH` uses `read_file` directly; `Library` stores the result.

mod byline;
mod decode;
pub(crate) mod dedupe;
mod docx;
mod furniture;
mod split;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Kind;
use split::Format;

/// Files larger than this are refused: no essay or article is 20 MB of
/// text, and reading one whole would stall the app.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

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
pub fn expand_folders(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut inner: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                inner.sort();
                inner.retain(|p| p.is_dir() || is_importable(p));
                out.extend(expand_folders(&inner));
            }
            Err(_) => out.push(path.clone()),
        }
    }
    out
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
                text: docx::to_markdown(bytes)?,
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

fn too_large(len: u64) -> String {
    format!(
        "is {:.1} MB; files over 20 MB are refused",
        len as f64 / (1024.0 * 1024.0)
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

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
