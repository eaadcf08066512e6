//! Reading files into documents, without touching the store: decoding
//! (`decode`), Word files (`docx`), OpenDocument text (`odt`), both through
//! `paragraphs`; splitting a file into essays or a source (`split`), the
//! author lines under essays' titles (`byline`), page furniture
//! (`furniture`) and near-copies (`dedupe`). Readers of formats that carry
//! their own metadata return an [`Extracted`]: text, the work it describes
//! and caveats. `quire audit PATH` uses `read_file` directly; `Library`
//! stores the result.

mod byline;
mod decode;
pub(crate) mod dedupe;
mod docx;
#[cfg(test)]
mod docx_grammar;
mod extracted;
mod file_date;
mod furniture;
mod html;
mod odt;
mod page_meta;
mod paragraphs;
mod pdf;
mod pdf_layout;
mod split;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use quire_csl::CslItem;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Kind;
pub use extracted::{Extracted, NO_TEXT_LAYER};
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
}

/// Everything read from one file: its format, its documents, the work its
/// own metadata describes, and what a person should know about the reading.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub format: FileFormat,
    pub docs: Vec<ParsedDoc>,
    /// The work the file says it is (a PDF's metadata and DOI, a saved
    /// page's tags); `None` for formats without such metadata.
    pub work: Option<CslItem>,
    /// Caveats, short and lower-case ("2 characters could not be decoded",
    /// "pages 3, 7 have no text layer"); empty when the reading was clean.
    pub warnings: Vec<String>,
}

/// The formats `parse` reads, named as the import report names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Text,
    Markdown,
    Docx,
    Odt,
    Pdf,
    Html,
}

impl FileFormat {
    /// The format a file name's extension says, if Quire reads it.
    pub fn of(name: &str) -> Option<FileFormat> {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" | "" => FileFormat::Text,
            "md" | "markdown" => FileFormat::Markdown,
            "docx" => FileFormat::Docx,
            "odt" | "fodt" => FileFormat::Odt,
            "pdf" => FileFormat::Pdf,
            "html" | "htm" | "xhtml" => FileFormat::Html,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::Text => "text",
            FileFormat::Markdown => "markdown",
            FileFormat::Docx => "docx",
            FileFormat::Odt => "odt",
            FileFormat::Pdf => "pdf",
            FileFormat::Html => "html",
        }
    }
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

/// File extensions a folder is searched for (`FileFormat::of` reads them).
const EXTENSIONS: [&str; 11] = [
    "txt", "text", "md", "markdown", "docx", "odt", "fodt", "pdf", "html", "htm", "xhtml",
];

/// Why a PDF without a text layer is refused, and what to do.
const SCANNED: &str = "has no text layer (it is a scan or images of pages): run OCR on it first, e.g. `ocrmypdf in.pdf out.pdf` or your scanner's \"searchable PDF\" option, then import the result";

/// The short warnings a refusal carries into the import report's file
/// entry (`["no text layer"]` for a scan), beside its message.
pub fn refusal_warnings(message: &str) -> Vec<String> {
    match message == SCANNED {
        true => vec![NO_TEXT_LAYER.to_owned()],
        false => Vec::new(),
    }
}

/// Folders stand for the importable files inside them (recursively, in name
/// order), so a folder of competition entries imports in one go; files are
/// kept as given, whatever their extension, so a wrong one is reported.
///
/// Symbolic links can make a folder contain itself, so every folder and
/// file is taken once, by its canonical path: a link back to a folder
/// already seen is skipped (it holds nothing new), and so is a second path
/// to a file. Folders deeper than [`MAX_FOLDER_DEPTH`] are not entered.
///
/// With a `filter` (`--glob`), a file inside a folder is read only when it
/// matches; files named directly are read regardless.
pub fn expand_folders(paths: &[PathBuf], filter: Option<&FileFilter>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        let mut walk = Walk {
            root: path,
            filter,
            seen: &mut seen,
            out: &mut out,
        };
        walk.expand(path, 0);
    }
    out
}

/// One path given to import, being expanded.
struct Walk<'a> {
    root: &'a Path,
    filter: Option<&'a FileFilter>,
    seen: &'a mut HashSet<PathBuf>,
    out: &'a mut Vec<PathBuf>,
}

impl Walk<'_> {
    fn expand(&mut self, path: &Path, depth: usize) {
        // A path that cannot be resolved is kept, so reading it reports why.
        let first_time = std::fs::canonicalize(path).map_or(true, |c| self.seen.insert(c));
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
                for p in &inner {
                    if p.is_dir() || (is_importable(p) && self.wanted(p)) {
                        self.expand(p, depth + 1);
                    }
                }
            }
            Err(_) => self.out.push(path.to_owned()),
        }
    }

    fn wanted(&self, file: &Path) -> bool {
        let Some(filter) = self.filter else {
            return true;
        };
        let relative = file.strip_prefix(self.root).unwrap_or(file);
        filter.matches(relative)
    }
}

/// The `--glob` patterns a file inside a folder must match one of: a
/// pattern without `/` is matched against the file's name (`*.pdf`), one
/// with `/` against its path below the folder given (`2020/**/*.docx`).
/// Case is ignored, as file systems on Windows and macOS ignore it.
#[derive(Debug, Clone)]
pub struct FileFilter {
    names: globset::GlobSet,
    paths: globset::GlobSet,
}

impl FileFilter {
    /// The filter for `patterns`; a malformed one is named in the error.
    pub fn new(patterns: &[String]) -> Result<FileFilter, String> {
        let mut names = globset::GlobSetBuilder::new();
        let mut paths = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let glob = globset::GlobBuilder::new(pattern)
                .case_insensitive(true)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("bad --glob pattern `{pattern}`: {e}"))?;
            match pattern.contains('/') {
                true => paths.add(glob),
                false => names.add(glob),
            };
        }
        let built = |b: globset::GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(FileFilter {
            names: built(names)?,
            paths: built(paths)?,
        })
    }

    fn matches(&self, relative: &Path) -> bool {
        relative
            .file_name()
            .is_some_and(|name| self.names.is_match(name))
            || self.paths.is_match(relative)
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
pub fn read_file(path: &Path) -> Result<ParsedFile> {
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
    let saved = meta.modified().ok().and_then(file_date::ymd);
    parse_saved(&name, &bytes, saved).map_err(|message| Error::import(shown, message))
}

/// Decode and split a file's bytes; `name` (with its extension) decides
/// the format. The error is a message for the user, without the file name.
pub fn parse(name: &str, bytes: &[u8]) -> Result<ParsedFile, String> {
    parse_saved(name, bytes, None)
}

/// [`parse`], knowing the day the file was saved: a web page that names no
/// date of its own was read that day (its work's accessed date).
pub fn parse_saved(
    name: &str,
    bytes: &[u8],
    saved: Option<(i32, u32, u32)>,
) -> Result<ParsedFile, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let Some(format) = FileFormat::of(name) else {
        let ext = Path::new(name)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        return Err(match ext.as_str() {
            "doc" => "old Word .doc files are not supported: save it as .docx".to_owned(),
            other => format!(
                "unsupported file type .{other} (Quire imports .txt, .md, .docx, .odt, .pdf and .html)"
            ),
        });
    };
    let extracted = match format {
        FileFormat::Text | FileFormat::Markdown => {
            let decoded = decode::decode(bytes).map_err(|e| e.to_string())?;
            Extracted {
                text: decoded.text,
                work: None,
                warnings: decoded.warning.into_iter().collect(),
            }
        }
        FileFormat::Docx => Extracted {
            text: docx::to_markdown(bytes, MAX_FILE_BYTES)?,
            ..Extracted::default()
        },
        FileFormat::Odt if name.to_ascii_lowercase().ends_with(".fodt") => {
            let xml = decode::decode(bytes).map_err(|e| e.to_string())?;
            Extracted {
                text: odt::flat_to_markdown(&xml.text, MAX_FILE_BYTES)?,
                ..Extracted::default()
            }
        }
        FileFormat::Odt => Extracted {
            text: odt::to_markdown(bytes, MAX_FILE_BYTES)?,
            ..Extracted::default()
        },
        FileFormat::Pdf => pdf::extract(bytes)?,
        FileFormat::Html => html::extract(bytes, saved)?,
    };
    if extracted.text.len() as u64 > MAX_FILE_BYTES {
        return Err(TEXT_TOO_LARGE.to_owned());
    }
    if extracted.text.trim().is_empty() && extracted.warnings.iter().any(|w| w == NO_TEXT_LAYER) {
        return Err(SCANNED.to_owned());
    }
    let split_as = match format {
        FileFormat::Text => Format::Text,
        _ => Format::Markdown,
    };
    let mut docs = split::split(&extracted.text, split_as, name);
    if docs.iter().all(|d| d.body.trim().is_empty()) {
        return Err("contains no text".to_owned());
    }
    if let Some(work) = &extracted.work {
        describe_from_work(&mut docs, work);
    }
    Ok(ParsedFile {
        format,
        docs,
        work: extracted.work,
        warnings: extracted.warnings,
    })
}

/// A file that is one source takes its title, authors and year from the
/// work its metadata describes, which knows them better than the first
/// lines of its text; an essay keeps what its byline says and only fills
/// what the byline left out.
fn describe_from_work(docs: &mut [ParsedDoc], work: &CslItem) {
    let [doc] = docs else { return };
    let authors = (!work.author.is_empty()).then(|| {
        work.author
            .iter()
            .map(|n| n.display_name())
            .collect::<Vec<_>>()
            .join(", ")
    });
    match doc.kind {
        Kind::Source => {
            if let Some(title) = work.title.as_deref().filter(|t| !t.trim().is_empty()) {
                doc.title = title.trim().to_owned();
            }
            doc.author = authors.or(doc.author.take());
            doc.year = work.year().or(doc.year);
        }
        Kind::Essay => {
            doc.author = doc.author.take().or(authors);
            doc.year = doc.year.or(work.year());
        }
    }
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
        let found = super::expand_folders(&[root.to_owned(), root.join("essay.txt")], None);
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
        let found = super::expand_folders(&[dir.path().to_owned()], None);
        assert_eq!(found, [dir.path().join("d/kept.txt")]);
    }

    #[test]
    fn globs_pick_files_inside_folders_by_name_or_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("2020/round")).unwrap();
        for f in [
            "a.PDF",
            "b.txt",
            "2020/c.pdf",
            "2020/round/d.docx",
            "2020/e.docx",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let names = |patterns: &[&str]| {
            let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
            let filter = super::FileFilter::new(&patterns).unwrap();
            super::expand_folders(&[root.to_owned(), root.join("b.txt")], Some(&filter))
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        // A file named directly (b.txt) is read whatever the pattern.
        assert_eq!(names(&["*.pdf"]), ["2020/c.pdf", "a.PDF", "b.txt"]);
        assert_eq!(
            names(&["2020/**/*.docx"]),
            ["2020/e.docx", "2020/round/d.docx", "b.txt"]
        );
        assert!(super::FileFilter::new(&["a[".to_owned()])
            .unwrap_err()
            .contains("a["));
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
                if let Ok(file) = super::parse(name, text.as_bytes()) {
                    prop_assert!(file.docs.iter().all(|d| !d.title.is_empty()));
                }
            }
        }

        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            for name in ["a.txt", "a.docx", "a.odt", "a.fodt", "a.pdf", "a.html"] {
                let _ = super::parse(name, &bytes);
            }
        }

        /// Saved pages from a grammar of what sites carry: metadata of
        /// every kind (some of it broken), chrome, an article or none,
        /// comments. A page is read or refused, never a panic; what is
        /// read has text, and a work, when there is one, has a title.
        #[test]
        fn generated_pages_are_read_or_refused(
            head in proptest::collection::vec(meta(), 0..8),
            body in proptest::collection::vec(block(), 0..30),
        ) {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=utf-8>{}</head><body>{}</body></html>",
                head.concat(),
                body.concat()
            );
            if let Ok(file) = super::parse("page.html", page.as_bytes()) {
                prop_assert!(file.docs.iter().any(|d| !d.body.trim().is_empty()));
                if let Some(work) = &file.work {
                    prop_assert!(work.title.as_deref().is_some_and(|t| !t.trim().is_empty()), "{page}");
                }
            }
        }

        /// OpenDocument text from a grammar of its elements (headings,
        /// paragraphs, spans, lists, notes, frames, spaces), nested and
        /// unbalanced: read or refused, never a panic.
        #[test]
        fn generated_odt_is_read_or_refused(parts in proptest::collection::vec(odt_part(), 0..60)) {
            let xml = format!(
                "<office:document xmlns:office=\"o\" xmlns:text=\"t\" xmlns:style=\"s\" xmlns:fo=\"f\"><office:automatic-styles><style:style style:name=\"T1\"><style:text-properties fo:font-style=\"italic\"/></style:style></office:automatic-styles><office:body><office:text>{}</office:text></office:body></office:document>",
                parts.concat()
            );
            let _ = super::parse("essay.fodt", xml.as_bytes());
        }
    }

    fn words() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Working better together".to_owned()),
            Just("Relationship-based practice in child protection".to_owned()),
            Just(String::new()),
            "[A-Za-z ,.'&<>\"]{0,60}",
        ]
    }

    fn meta() -> impl Strategy<Value = String> {
        let tag = prop_oneof![
            Just("citation_title"),
            Just("citation_author"),
            Just("citation_publication_date"),
            Just("citation_journal_title"),
            Just("citation_doi"),
            Just("DC.title"),
            Just("DC.creator"),
            Just("dcterms.date"),
            Just("author"),
        ];
        let property = prop_oneof![
            Just("og:title"),
            Just("og:site_name"),
            Just("og:type"),
            Just("article:published_time"),
        ];
        prop_oneof![
            (tag, words()).prop_map(|(n, v)| format!("<meta name=\"{n}\" content=\"{}\">", v.replace('"', "&quot;"))),
            (property, words()).prop_map(|(n, v)| format!("<meta property=\"{n}\" content=\"{}\">", v.replace('"', "&quot;"))),
            words().prop_map(|t| format!("<title>{t}</title>")),
            (words(), words(), 1900i32..2100).prop_map(|(h, a, y)| format!(
                r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":{},"author":{{"@type":"Person","name":{}}},"datePublished":"{y}-03-04"}}</script>"#,
                serde_json::to_string(&h).unwrap(),
                serde_json::to_string(&a).unwrap()
            )),
            (1usize..300).prop_map(|n| format!(
                r#"<script type="application/ld+json">{}{}</script>"#,
                "[".repeat(n),
                "]".repeat(n / 2)
            )),
            Just(r#"<link rel="canonical" href="https://example.org/a">"#.to_owned()),
        ]
    }

    fn block() -> impl Strategy<Value = String> {
        prop_oneof![
            words().prop_map(|t| format!("<p>{t} {t} {t}.</p>")),
            words().prop_map(|t| format!("<h2>{t}</h2>")),
            words().prop_map(|t| format!("<nav><ul><li><a href=/>{t}</a></li></ul></nav>")),
            Just(
                "<div class=cookie-banner>We use cookies. <button>Accept</button></div>".to_owned()
            ),
            Just("<article>".to_owned()),
            Just("</article>".to_owned()),
            Just("<div>".to_owned()),
            Just("</div>".to_owned()),
            words().prop_map(|t| format!(
                "<div class=comment><span class=author>{t}</span><p>{t}</p></div>"
            )),
            Just(
                "<form><input type=password name=password><button>Sign in</button></form>"
                    .to_owned()
            ),
            words().prop_map(|t| format!("<footer>{t}</footer>")),
        ]
    }

    fn odt_part() -> impl Strategy<Value = String> {
        prop_oneof![
            words().prop_map(|t| format!("<text:p>{t}</text:p>")),
            words().prop_map(|t| format!("<text:h text:outline-level=\"2\">{t}</text:h>")),
            Just("<text:p>".to_owned()),
            Just("</text:p>".to_owned()),
            words().prop_map(|t| format!("<text:span text:style-name=\"T1\">{t}</text:span>")),
            Just("<text:list><text:list-item>".to_owned()),
            Just("</text:list-item></text:list>".to_owned()),
            Just(
                "<text:note><text:note-body><text:p>note</text:p></text:note-body></text:note>"
                    .to_owned()
            ),
            Just("<draw:frame><draw:text-box>".to_owned()),
            Just("</draw:text-box></draw:frame>".to_owned()),
            Just("<text:s text:c=\"4\"/>".to_owned()),
        ]
    }
}
