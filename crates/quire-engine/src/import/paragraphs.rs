//! Paragraphs of styled runs, as the Word and OpenDocument readers collect
//! them, rendered to the Markdown the splitter reads: headings (`#`), list
//! items (`- `), italics (`*x*`) and bold (`**x**`), literal text escaped.

/// One run of text with its formatting.
pub(super) struct Span {
    pub text: String,
    pub italic: bool,
    pub bold: bool,
}

/// How a paragraph is rendered: a heading level, or a list item.
#[derive(Default)]
pub(super) struct Para {
    pub heading: Option<usize>,
    pub list: bool,
    pub spans: Vec<Span>,
}

pub(super) fn push_text(paras: &mut [Para], text: &str, italic: bool, bold: bool) {
    let Some(p) = paras.last_mut() else { return };
    match p.spans.last_mut() {
        Some(last) if last.italic == italic && last.bold == bold => last.text.push_str(text),
        _ => p.spans.push(Span {
            text: text.to_owned(),
            italic,
            bold,
        }),
    }
}

/// A superscript run that is a citation number list ("1", "2,4", "3-5")
/// in Unicode superscripts; `None` for any other raised text ("th", "TM").
pub(super) fn superscript_number(text: &str) -> Option<String> {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '0'..='9' => c.to_digit(10).and_then(|d| DIGITS.get(d as usize).copied()),
            '-' | '–' | '—' => Some('⁻'),
            ',' => Some(','),
            _ => None,
        })
        .collect()
}

pub(super) fn render(p: Para) -> Option<String> {
    let mut line = String::new();
    for span in &p.spans {
        line.push_str(&emphasise(
            &escape(&span.text),
            span.italic && p.heading.is_none(),
            span.bold && p.heading.is_none(),
        ));
    }
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return None;
    }
    Some(match (p.heading, p.list) {
        (Some(level), _) => format!("{} {line}", "#".repeat(level)),
        (None, true) => format!("- {line}"),
        (None, false) => escape_block_start(line),
    })
}

/// Emphasis markers must touch the text, so surrounding spaces go outside.
fn emphasise(text: &str, italic: bool, bold: bool) -> String {
    let marker = match (italic, bold) {
        (true, true) => "***",
        (false, true) => "**",
        (true, false) => "*",
        (false, false) => return text.to_owned(),
    };
    let inner = text.trim();
    if inner.is_empty() {
        return text.to_owned();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{inner}{marker}{trail}")
}

/// Word text is literal: characters Markdown would read as syntax are escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A plain paragraph starting like a heading, quote or list stays plain.
fn escape_block_start(line: String) -> String {
    let starts_block = line.starts_with(['#', '>', '-', '+'])
        || line.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() < 10 && n.chars().all(|c| c.is_ascii_digit())
        });
    if starts_block {
        format!("\\{line}")
    } else {
        line
    }
}

/// An attribute's unescaped value (the qualified name, e.g. `w:val`).
pub(super) fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Blocks one blank line apart, except consecutive list items, which form
/// one tight list.
pub(super) fn join_blocks(out: &[String]) -> String {
    let mut md = String::new();
    for (i, line) in out.iter().enumerate() {
        if i > 0 {
            let tight = line.starts_with("- ") && out[i - 1].starts_with("- ");
            md.push_str(if tight { "\n" } else { "\n\n" });
        }
        md.push_str(line);
    }
    md
}
