//! OpenDocument text (`.odt`, LibreOffice's own format, and the flat
//! `.fodt`) → Markdown, as `docx` does for Word: paragraphs, headings,
//! list items, italics and bold, raised citation numbers as Unicode
//! superscripts. Running headers and footers live in `styles.xml`, which
//! is never read, so the page furniture stays out; footnotes, comments,
//! tracked deletions, tables of contents and image descriptions are left
//! out too, as the Word reader leaves them.
//!
//! Bounds: the file is at most 20 MB (`MAX_FILE_BYTES`), `content.xml` is
//! unpacked to at most 64 MB, and extraction stops once the text passes
//! the caller's limit. The XML is read as a stream of events with an
//! explicit stack, so nesting costs heap, never call stack.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::paragraphs::{attr, join_blocks, push_text, render, superscript_number, Para};

/// An unpacked `content.xml` larger than this is refused (a zip bomb, or
/// no essay).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Elements whose text is not the document's running text.
const SKIPPED: [&[u8]; 8] = [
    b"note",
    b"annotation",
    b"tracked-changes",
    b"table-of-content",
    b"alphabetical-index",
    b"bibliography-source",
    b"title",
    b"desc",
];

/// Convert a packed `.odt`'s bytes to Markdown, or say why it cannot be read.
pub fn to_markdown(bytes: &[u8], max_text: u64) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format!("not a valid .odt (cannot open it as a zip archive: {e}); save it again from LibreOffice as .odt")
    })?;
    if let Ok(mut entry) = zip.by_name("mimetype") {
        let mut mime = String::new();
        let _ = (&mut entry).take(200).read_to_string(&mut mime);
        let mime = mime.trim();
        if mime.starts_with("application/vnd.oasis.opendocument.")
            && !mime.starts_with("application/vnd.oasis.opendocument.text")
        {
            let kind = mime.trim_start_matches("application/vnd.oasis.opendocument.");
            return Err(format!(
                "is an OpenDocument {kind}, not a text document: save the essay as .odt or .docx"
            ));
        }
    }
    let entry = zip
        .by_name("content.xml")
        .map_err(|_| "not an OpenDocument text (content.xml is missing)".to_owned())?;
    let mut xml = String::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("damaged .odt (cannot unpack content.xml: {e})"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err("OpenDocument text is larger than 64 MB unpacked".to_owned());
    }
    flat_to_markdown(&xml, max_text)
}

/// Convert a flat OpenDocument text (`.fodt`, or an `.odt`'s `content.xml`).
pub fn flat_to_markdown(xml: &str, max_text: u64) -> Result<String, String> {
    convert(xml, max_text).map_err(|e| match e {
        Failure::TooLarge => super::TEXT_TOO_LARGE.to_owned(),
        Failure::Xml(e) => format!("damaged OpenDocument text (bad XML: {e})"),
    })
}

#[derive(Debug)]
enum Failure {
    Xml(quick_xml::Error),
    TooLarge,
}

impl From<quick_xml::Error> for Failure {
    fn from(e: quick_xml::Error) -> Self {
        Failure::Xml(e)
    }
}

/// What a style says about its text, as far as Markdown can show it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Look {
    italic: bool,
    bold: bool,
    raised: bool,
    /// 1 for a Title paragraph style; `text:h` gives its own level.
    heading: Option<usize>,
}

/// The automatic and named styles met so far, by name.
#[derive(Default)]
struct Styles {
    looks: HashMap<String, Look>,
    /// The style being read (`style:style`), until its end.
    current: Option<(String, Look)>,
}

impl Styles {
    fn get(&self, name: Option<String>) -> Look {
        let Some(name) = name else {
            return Look::default();
        };
        if let Some(look) = self.looks.get(&name) {
            return *look;
        }
        named_look(&name)
    }

    fn start(&mut self, e: &BytesStart) {
        let Some(name) = attr(e, b"style:name") else {
            return;
        };
        let parent = attr(e, b"style:parent-style-name");
        let look = self.get(parent);
        self.current = Some((name, look));
    }

    fn text_properties(&mut self, e: &BytesStart) {
        let Some((_, look)) = self.current.as_mut() else {
            return;
        };
        if let Some(v) = attr(e, b"fo:font-style") {
            look.italic = matches!(v.as_str(), "italic" | "oblique");
        }
        if let Some(v) = attr(e, b"fo:font-weight") {
            look.bold = v == "bold" || v.parse::<u32>().is_ok_and(|w| w >= 600);
        }
        if let Some(v) = attr(e, b"style:text-position") {
            look.raised = raised(&v);
        }
    }

    fn end(&mut self) {
        if let Some((name, look)) = self.current.take() {
            self.looks.insert(name, look);
        }
    }
}

/// LibreOffice's built-in style names, which documents use without
/// defining them (`Emphasis`, `Strong_20_Emphasis`, `Title`).
fn named_look(name: &str) -> Look {
    let lower = name.to_ascii_lowercase();
    Look {
        italic: lower == "emphasis" || lower == "citation",
        bold: lower == "strong_20_emphasis",
        raised: false,
        heading: (lower == "title").then_some(1),
    }
}

/// `super 58%`, or a positive first percentage (`33% 58%`), raises text.
fn raised(position: &str) -> bool {
    let first = position.split_whitespace().next().unwrap_or("");
    first == "super"
        || first
            .trim_end_matches('%')
            .parse::<f32>()
            .is_ok_and(|p| p > 0.0)
}

fn convert(xml: &str, max_text: u64) -> Result<String, Failure> {
    let mut reader = Reader::from_str(xml);
    let mut styles = Styles::default();
    let mut extracted: u64 = 0;
    let mut out: Vec<String> = Vec::new();
    // Paragraphs open (a text box's paragraphs sit inside another's frame),
    // spans open (each with the look it gives its text), list depth, and how
    // deep inside a skipped element the reader is.
    let mut paras: Vec<Para> = Vec::new();
    let mut spans: Vec<Look> = Vec::new();
    let mut lists = 0usize;
    let mut skipping = 0usize;
    let mut in_body = false;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name();
                let local = local.as_ref();
                if skipping > 0 {
                    skipping += usize::from(!empty);
                    continue;
                }
                match local {
                    b"style" if !in_body => {
                        styles.start(e);
                        if empty {
                            styles.end();
                        }
                    }
                    b"text-properties" if !in_body => styles.text_properties(e),
                    b"body" => in_body = true,
                    _ if !in_body => {}
                    _ if SKIPPED.contains(&local) => skipping += usize::from(!empty),
                    b"p" | b"h" if !empty => {
                        let look = styles.get(attr(e, b"text:style-name"));
                        let heading = match local {
                            b"h" => Some(
                                attr(e, b"text:outline-level")
                                    .and_then(|l| l.parse::<usize>().ok())
                                    .map_or(2, |l| (l + 1).min(6)),
                            ),
                            _ => look.heading,
                        };
                        paras.push(Para {
                            heading,
                            list: lists > 0,
                            spans: Vec::new(),
                        });
                        spans.push(Look {
                            heading: None,
                            ..look
                        });
                    }
                    b"span" | b"a" if !empty => {
                        let outer = spans.last().copied().unwrap_or_default();
                        let own = styles.get(attr(e, b"text:style-name"));
                        spans.push(Look {
                            italic: outer.italic || own.italic,
                            bold: outer.bold || own.bold,
                            raised: outer.raised || own.raised,
                            heading: None,
                        });
                    }
                    b"list" if !empty => lists += 1,
                    b"s" | b"tab" | b"line-break" => {
                        let look = spans.last().copied().unwrap_or_default();
                        push_text(&mut paras, " ", look.italic, look.bold);
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_body && skipping == 0 && !paras.is_empty() => {
                let text = t.unescape()?;
                extracted += text.len() as u64;
                if extracted > max_text {
                    return Err(Failure::TooLarge);
                }
                let look = spans.last().copied().unwrap_or_default();
                match look.raised.then(|| superscript_number(&text)).flatten() {
                    Some(numbers) => push_text(&mut paras, &numbers, look.italic, look.bold),
                    None => push_text(&mut paras, &text, look.italic, look.bold),
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                match local {
                    b"style" if !in_body => styles.end(),
                    b"body" => in_body = false,
                    b"p" | b"h" if in_body => {
                        spans.pop();
                        if let Some(line) = paras.pop().and_then(render) {
                            out.push(line);
                        }
                    }
                    b"span" | b"a" if in_body => {
                        spans.pop();
                    }
                    b"list" if in_body => lists = lists.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(join_blocks(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(styles: &str, body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:style="s" xmlns:text="t" xmlns:fo="f"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    #[test]
    fn headings_lists_emphasis_and_superscripts() {
        let styles = concat!(
            r#"<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>"#,
            r#"<style:style style:name="T2" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>"#,
            r#"<style:style style:name="T3" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>"#,
            r#"<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>"#,
        );
        let body = concat!(
            r#"<text:p text:style-name="P1">Working better together</text:p>"#,
            r#"<text:h text:outline-level="1">Continuity</text:h>"#,
            r#"<text:p>Plain <text:span text:style-name="T1">italic</text:span> and <text:span text:style-name="T2">bold &amp; more</text:span>.<text:span text:style-name="T3">2,4</text:span><text:s text:c="3"/>Next<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote.</text:p></text:note-body></text:note></text:p>"#,
            r#"<text:list><text:list-item><text:p>first</text:p></text:list-item><text:list-item><text:p>second</text:p></text:list-item></text:list>"#,
            r#"<text:p>1. not a list *really*</text:p>"#,
        );
        assert_eq!(
            convert(&doc(styles, body), u64::MAX).unwrap(),
            "# Working better together\n\n## Continuity\n\nPlain *italic* and **bold & more**.²,⁴ Next\n\n- first\n- second\n\n\\1. not a list \\*really\\*"
        );
    }

    #[test]
    fn text_box_paragraphs_are_kept_apart() {
        let body = r#"<text:p>Before<draw:frame><draw:text-box><text:p>Boxed</text:p></draw:text-box></draw:frame> after</text:p>"#;
        assert_eq!(
            convert(&doc("", body), u64::MAX).unwrap(),
            "Boxed\n\nBefore after"
        );
    }

    #[test]
    fn not_a_zip_and_not_a_text_are_refused() {
        let err = to_markdown(b"PK but not really", u64::MAX).unwrap_err();
        assert!(err.starts_with("not a valid .odt"), "{err}");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("mimetype", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = to_markdown(&bytes, u64::MAX).unwrap_err();
        assert!(err.contains("OpenDocument spreadsheet"), "{err}");
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let body = format!(
            "<text:p>{}deep{}</text:p>",
            "<text:span>".repeat(100_000),
            "</text:span>".repeat(100_000)
        );
        assert_eq!(convert(&doc("", &body), u64::MAX).unwrap(), "deep");
    }
}
