//! Reading files into documents, without touching the store: decoding
//! (`decode`), Word files (`docx`), splitting a file into essays or a source
//! (`split`), page furniture (`furniture`) and near-copies (`dedupe`).
//! `quire audit PATH` uses `read_file` directly; `Library` stores the result.

mod decode;
pub(crate) mod dedupe;
mod docx;
mod furniture;
mod split;

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Kind;
pub use split::Format;

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
    let name = path.file_name().map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    parse(&name, &bytes).map_err(|message| Error::import(shown, message))
}

/// Decode and split a file's bytes; `name` (with its extension) decides
/// the format. The error is a message for the user, without the file name.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Vec<ParsedDoc>, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let ext = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let (text, format) = match ext.as_str() {
        "txt" | "text" | "" => (decode::decode(bytes).map_err(|e| e.0.to_owned())?, Format::Text),
        "md" | "markdown" => (decode::decode(bytes).map_err(|e| e.0.to_owned())?, Format::Markdown),
        "docx" => (docx::to_markdown(bytes)?, Format::Markdown),
        "doc" => return Err("old Word .doc files are not supported: save it as .docx".to_owned()),
        other => return Err(format!("unsupported file type .{other} (Quire imports .txt, .md and .docx)")),
    };
    let docs = split::split(&text, format, name);
    if docs.iter().all(|d| d.body.trim().is_empty()) {
        return Err("contains no text".to_owned());
    }
    Ok(docs)
}

fn too_large(len: u64) -> String {
    format!("is {:.1} MB; files over 20 MB are refused", len as f64 / (1024.0 * 1024.0))
}
