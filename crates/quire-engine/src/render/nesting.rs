//! Capping how deeply a document nests before it is rendered.
//!
//! Imported Markdown is untrusted, and nesting is where renderers go
//! quadratic or recurse: 50,000 `>` on one line took 37 s to sanitise, and
//! 100,000 `<div>` over a minute, all under the library lock. No essay nests
//! quotes, lists or HTML more than a few levels, so beyond [`MAX_DEPTH`] the
//! structure is flattened to text in two linear passes:
//!
//! - [`markdown`] neutralises the container marker (`>`, `-`, `1.`) that
//!   would open level `MAX_DEPTH + 1` on a line, so the rest of the line is
//!   paragraph text. It rewrites single ASCII bytes in place, so byte
//!   offsets into the source (citation marks) stay valid.
//! - [`html`] drops start tags that would open an element deeper than
//!   [`MAX_DEPTH`] (and their end tags) from the HTML pulldown-cmark wrote,
//!   before html5ever builds a tree from it. Text is kept.
//!
//! Neither pass is a security boundary: ammonia still cleans what comes out.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting of block quotes, list items or HTML elements rendered.
pub const MAX_DEPTH: usize = 16;

/// `md` with every line's run of container markers cut at [`MAX_DEPTH`];
/// same length and char boundaries as `md`.
pub fn markdown(md: &str) -> Cow<'_, str> {
    let mut cuts = Vec::new();
    let mut start = 0;
    for line in md.split_inclusive('\n') {
        if let Some(at) = cut_in_line(line.as_bytes()) {
            cuts.push(start + at);
        }
        start += line.len();
    }
    if cuts.is_empty() {
        return Cow::Borrowed(md);
    }
    let mut bytes = md.as_bytes().to_vec();
    for at in cuts {
        bytes[at] = b'\\';
    }
    // Only ASCII bytes were replaced by an ASCII byte.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| md.to_string()))
}

/// Where to put a backslash so that the marker opening level
/// `MAX_DEPTH + 1` of `line` becomes text: the blank before the marker
/// (escaping it), or the marker's first byte when it touches the previous one.
fn cut_in_line(line: &[u8]) -> Option<usize> {
    let mut at = 0;
    let mut depth = 0;
    loop {
        let blank_start = at;
        while line.get(at).is_some_and(|b| matches!(b, b' ' | b'\t')) {
            at += 1;
        }
        let len = marker_len(&line[at..])?;
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(if at > blank_start { at - 1 } else { at });
        }
        at += len;
    }
}

/// Length of the block-quote or list marker `rest` starts with, if any.
fn marker_len(rest: &[u8]) -> Option<usize> {
    let ends_marker = |b: Option<&u8>| b.is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    match rest.first()? {
        b'>' => Some(1),
        b'-' | b'+' | b'*' if ends_marker(rest.get(1)) => Some(1),
        b'0'..=b'9' => {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits <= 9
                && matches!(rest.get(digits), Some(b'.' | b')'))
                && ends_marker(rest.get(digits + 1)))
            .then_some(digits + 1)
        }
        _ => None,
    }
}

/// Elements with no end tag: they never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content html5ever reads as text, not tags.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// `html` without the start tags (and their end tags) that would open an
/// element more than [`MAX_DEPTH`] deep. A tag-soup reading, not a full
/// HTML parse: it only has to bound the depth html5ever will see.
pub fn html(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Copied up to here (into `out`, once something was dropped).
    let mut copied = 0;
    let mut open: Vec<String> = Vec::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let lt = at + found;
        let tag = Tag::read(bytes, lt);
        at = tag.end;
        let keep = match &tag.kind {
            TagKind::Other => true,
            TagKind::Start {
                name,
                closes_itself,
            } => {
                if *closes_itself || VOID.contains(&name.as_str()) {
                    true
                } else if RAW_TEXT.contains(&name.as_str()) {
                    at = raw_text_end(html, at, name);
                    true
                } else if open.len() < MAX_DEPTH {
                    open.push(name.clone());
                    true
                } else {
                    *dropped.entry(name.clone()).or_default() += 1;
                    false
                }
            }
            TagKind::End { name } => match dropped.get_mut(name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => {
                    if let Some(i) = open.iter().rposition(|o| o == name) {
                        open.truncate(i);
                    }
                    true
                }
            },
        };
        if !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(&html[copied..lt]);
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Where the content of raw-text element `name` ends: at its end tag, or the end.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = html[at..].find("</") {
        let start = at + found;
        let after = start + 2;
        let matches = bytes
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if matches {
            return start;
        }
        at = after;
    }
    html.len()
}

enum TagKind {
    Start {
        name: String,
        closes_itself: bool,
    },
    End {
        name: String,
    },
    /// A comment, doctype, processing instruction or a `<` that opens nothing.
    Other,
}

struct Tag {
    kind: TagKind,
    /// Byte after the tag (after `<` alone when it opens nothing).
    end: usize,
}

impl Tag {
    /// The tag starting at `bytes[lt] == b'<'`.
    fn read(bytes: &[u8], lt: usize) -> Tag {
        let after = lt + 1;
        let other = |end| Tag {
            kind: TagKind::Other,
            end,
        };
        match bytes.get(after) {
            Some(b'!') if bytes[after..].starts_with(b"!--") => {
                let end = find(bytes, after + 3, b"-->").map_or(bytes.len(), |i| i + 3);
                other(end)
            }
            Some(b'!' | b'?') => other(find(bytes, after, b">").map_or(bytes.len(), |i| i + 1)),
            Some(b'/') if bytes.get(after + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let (name, name_end) = tag_name(bytes, after + 1);
                let end = find(bytes, name_end, b">").map_or(bytes.len(), |i| i + 1);
                Tag {
                    kind: TagKind::End { name },
                    end,
                }
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let (name, name_end) = tag_name(bytes, after);
                let close = attributes_end(bytes, name_end);
                let end = close.map_or(bytes.len(), |i| i + 1);
                let closes_itself = close.is_some_and(|i| i > 0 && bytes[i - 1] == b'/');
                Tag {
                    kind: TagKind::Start {
                        name,
                        closes_itself,
                    },
                    end,
                }
            }
            _ => other(after),
        }
    }
}

/// The lower-cased tag name starting at `from`, and the byte after it.
fn tag_name(bytes: &[u8], from: usize) -> (String, usize) {
    let len = bytes[from..]
        .iter()
        .take_while(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
        .count();
    let name = String::from_utf8_lossy(&bytes[from..from + len]).to_ascii_lowercase();
    (name, from + len)
}

/// The `>` closing a start tag whose attributes begin at `from`, skipping
/// quoted attribute values.
fn attributes_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_markdown_is_untouched() {
        let md = "> > quote\n\n- a\n  - b\n\n1. x\n2) y\n* * *\n";
        assert!(matches!(markdown(md), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_quotes_and_lists_are_cut_in_place() {
        let quotes = ">".repeat(40) + " deep\n";
        let cut = markdown(&quotes);
        assert_eq!(cut.len(), quotes.len());
        assert_eq!(&cut[..MAX_DEPTH + 1], &(">".repeat(MAX_DEPTH) + "\\"));

        let dashes = "- ".repeat(40) + "x\n";
        let cut = markdown(&dashes);
        assert_eq!(cut.len(), dashes.len());
        assert_eq!(cut.matches("- ").count(), 40 - 1, "{cut}");
        assert!(cut.contains("\\-"), "{cut}");

        let numbered = "1. ".repeat(20) + "x é\n";
        assert!(markdown(&numbered).contains('\\'));
    }

    #[test]
    fn deep_html_loses_tags_not_text() {
        let deep = "<div>".repeat(100) + "text" + &"</div>".repeat(100);
        let capped = html(&deep);
        assert_eq!(capped.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(capped.matches("</div>").count(), MAX_DEPTH);
        assert!(capped.contains("text"));
    }

    #[test]
    fn html_reading_skips_quotes_comments_and_raw_text() {
        let src = r#"<p title="a>b"><!-- <div> --><script>"<div>"</script><br><img src=x /></p>"#;
        assert!(matches!(html(src), Cow::Borrowed(_)));
        // Unclosed elements count until the cap, then are dropped.
        let unclosed = "<b>".repeat(MAX_DEPTH + 5) + "x";
        assert_eq!(html(&unclosed).matches("<b>").count(), MAX_DEPTH);
        // A stray `<` is text.
        assert!(matches!(html("a < b <3 <<"), Cow::Borrowed(_)));
    }
}
