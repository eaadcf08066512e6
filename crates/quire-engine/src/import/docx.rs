//! `.docx` → Markdown: paragraphs, headings (`#`), list items (`- `),
//! italics (`*x*`) and bold (`**x**`). That is what essays use and what the
//! reader shows; tables, images, comments and footnotes are left out.
//! Superscript citation numbers ("1", "2,4", "3-5" raised) become Unicode
//! superscripts ("¹", "²,⁴", "³⁻⁵"), which a reader sees as raised and the
//! citation parser reads as numeric citations.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::paragraphs::{attr, join_blocks, push_text, render, superscript_number, Para};

/// An unpacked `document.xml` larger than this is refused (a zip bomb, or
/// no essay): the 20 MB file limit bounds the compressed size only.
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Convert a .docx file's bytes to Markdown, or say why it cannot be read.
/// Extraction stops as soon as the text passes `max_text` bytes, so a small
/// file that unpacks to far more text is refused without building it.
pub fn to_markdown(bytes: &[u8], max_text: u64) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a valid .docx (cannot open it as a zip archive: {e})"))?;
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| "not a Word document (word/document.xml is missing)".to_owned())?;
    let mut xml = String::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("damaged Word document (cannot unpack word/document.xml: {e})"))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err("Word document text is larger than 64 MB unpacked".to_owned());
    }
    // A document's own heading styles ("H2", "Chapter Title") say their
    // level in styles.xml; a damaged or missing styles.xml costs only them.
    let outline = match zip.by_name("word/styles.xml") {
        Ok(entry) => {
            let mut styles = String::new();
            match entry.take(MAX_XML_BYTES + 1).read_to_string(&mut styles) {
                Ok(_) if styles.len() as u64 <= MAX_XML_BYTES => outline_levels(&styles),
                _ => HashMap::new(),
            }
        }
        Err(_) => HashMap::new(),
    };
    match convert_with(&xml, max_text, &outline) {
        Ok(md) => Ok(md),
        Err(Failure::TooLarge) => Err(super::TEXT_TOO_LARGE.to_owned()),
        Err(Failure::Xml(e)) => Err(format!(
            "damaged Word document (bad XML in word/document.xml: {e})"
        )),
    }
}

/// Why `convert` stopped.
#[derive(Debug)]
enum Failure {
    Xml(quick_xml::Error),
    /// The text passed the limit.
    TooLarge,
}

impl From<quick_xml::Error> for Failure {
    fn from(e: quick_xml::Error) -> Self {
        Failure::Xml(e)
    }
}

/// Each paragraph style's heading level from its outline level
/// (`w:outlineLvl`, 0 for a first-level heading, which is `##` as
/// `Heading1` is), following `w:basedOn` to the style that sets it.
fn outline_levels(styles: &str) -> HashMap<String, usize> {
    let mut reader = Reader::from_str(styles);
    let mut based_on: HashMap<String, String> = HashMap::new();
    let mut own: HashMap<String, usize> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => current = attr(&e, b"w:styleId"),
                b"basedOn" => {
                    if let (Some(id), Some(parent)) = (&current, attr(&e, b"w:val")) {
                        based_on.insert(id.clone(), parent);
                    }
                }
                b"outlineLvl" => {
                    let level = attr(&e, b"w:val").and_then(|v| v.parse::<usize>().ok());
                    if let (Some(id), Some(level)) = (&current, level) {
                        // 9 is body text.
                        if level < 9 {
                            own.insert(id.clone(), (level + 2).min(6));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut levels = HashMap::new();
    for id in based_on.keys().chain(own.keys()) {
        // Chains are short; the cap ends a loop of styles based on each other.
        let mut style = id;
        for _ in 0..16 {
            if let Some(level) = own.get(style) {
                levels.insert(id.clone(), *level);
                break;
            }
            match based_on.get(style) {
                Some(parent) => style = parent,
                None => break,
            }
        }
    }
    levels
}

#[cfg(test)]
fn convert(xml: &str, max_text: u64) -> Result<String, Failure> {
    convert_with(xml, max_text, &HashMap::new())
}

fn convert_with(
    xml: &str,
    max_text: u64,
    outline: &HashMap<String, usize>,
) -> Result<String, Failure> {
    let mut reader = Reader::from_str(xml);
    let mut extracted: u64 = 0;
    let mut out: Vec<String> = Vec::new();
    // A stack: text boxes hold paragraphs inside a paragraph's run.
    let mut paras: Vec<Para> = Vec::new();
    let (mut italic, mut bold, mut in_text, mut in_run_props) = (false, false, false, false);
    let mut raised = false;
    loop {
        let event = reader.read_event()?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.local_name().as_ref() {
                b"p" if !empty => paras.push(Para::default()),
                b"r" => (italic, bold, raised) = (false, false, false),
                b"rPr" => in_run_props = !empty,
                b"i" if in_run_props => italic = toggle_on(e),
                b"b" if in_run_props => bold = toggle_on(e),
                b"vertAlign" if in_run_props => {
                    raised = attr(e, b"w:val").as_deref() == Some("superscript");
                }
                b"t" => in_text = !empty,
                b"tab" | b"br" | b"cr" => push_text(&mut paras, " ", italic, bold),
                b"pStyle" => {
                    if let (Some(p), Some(style)) = (paras.last_mut(), attr(e, b"w:val")) {
                        p.heading = heading_level(&style).or(outline.get(&style).copied());
                        p.list |= style.to_ascii_lowercase().starts_with("list");
                    }
                }
                b"numPr" => {
                    if let Some(p) = paras.last_mut() {
                        p.list = true;
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(t) if in_text => {
                let text = t.unescape()?;
                extracted += text.len() as u64;
                if extracted > max_text {
                    return Err(Failure::TooLarge);
                }
                match raised.then(|| superscript_number(&text)).flatten() {
                    Some(numbers) => push_text(&mut paras, &numbers, italic, bold),
                    None => push_text(&mut paras, &text, italic, bold),
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"rPr" => in_run_props = false,
                b"p" => {
                    if let Some(line) = paras.pop().and_then(render) {
                        out.push(line);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(join_blocks(&out))
}

/// `<w:i/>` and `<w:i w:val="true"/>` switch on; `w:val="0"`/`"false"` off.
fn toggle_on(e: &BytesStart) -> bool {
    attr(e, b"w:val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

/// Word's style ids: `Title`, `Heading1`…`Heading9` (localised names such
/// as `berschrift1` keep the trailing digit, so the digit decides).
fn heading_level(style: &str) -> Option<usize> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let digits = lower.trim_start_matches(|c: char| !c.is_ascii_digit());
    let is_heading =
        lower.starts_with("heading") || lower.contains("berschrift") || lower.starts_with("titre");
    match digits.parse::<usize>() {
        Ok(n) if is_heading => Some((n + 1).min(6)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn headings_lists_and_emphasis() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Continuity</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Plain </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>italic</w:t></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> and </w:t></w:r><w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t>bold &amp; more</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t>1. not a list *really*</w:t></w:r></w:p>"#,
        ));
        assert_eq!(
            convert(&xml, u64::MAX).unwrap(),
            "## Continuity\n\nPlain *italic* and **bold & more**\n\n- item\n\n\\1. not a list \\*really\\*"
        );
    }

    #[test]
    fn text_box_inside_a_paragraph_loses_nothing() {
        let xml = doc(concat!(
            r#"<w:p><w:r><w:t>Before</w:t></w:r><w:r><w:pict><w:txbxContent>"#,
            r#"<w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"#,
            r#"<w:r><w:t xml:space="preserve"> after</w:t></w:r></w:p>"#,
        ));
        assert_eq!(convert(&xml, u64::MAX).unwrap(), "Boxed\n\nBefore after");
    }

    #[test]
    fn superscript_citation_numbers_become_unicode_superscripts() {
        let raised = |t: &str| {
            format!(r#"<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>{t}</w:t></w:r>"#)
        };
        let xml = doc(&format!(
            r#"<w:p><w:r><w:t>Shame</w:t></w:r>{}<w:r><w:t xml:space="preserve"> and care</w:t></w:r>{}<w:r><w:t xml:space="preserve"> on the 4</w:t></w:r>{}</w:p>"#,
            raised("1"),
            raised("2,4-6"),
            raised("th"),
        ));
        assert_eq!(
            convert(&xml, u64::MAX).unwrap(),
            "Shame¹ and care²,⁴⁻⁶ on the 4th"
        );
    }

    #[test]
    fn a_documents_own_heading_styles_take_their_outline_level() {
        let styles = concat!(
            r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#,
            r#"<w:style w:styleId="Sub"><w:basedOn w:val="H2"/></w:style>"#,
            r#"<w:style w:styleId="Loop"><w:basedOn w:val="Loop2"/></w:style><w:style w:styleId="Loop2"><w:basedOn w:val="Loop"/></w:style>"#,
            r#"<w:style w:styleId="Body"><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style></w:styles>"#,
        );
        let levels = outline_levels(styles);
        assert_eq!(levels.get("H2"), Some(&3));
        assert_eq!(levels.get("Sub"), Some(&3));
        assert_eq!(levels.get("Loop"), None);
        assert_eq!(levels.get("Body"), None);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(to_markdown(b"not a zip", u64::MAX).is_err());
    }
}
