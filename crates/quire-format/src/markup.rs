//! Writing hayagriva's formatted output as plain text, HTML or Markdown.
//!
//! hayagriva's own HTML writer does not escape text, so a title such as
//! `<script>` would pass through; this writer flattens the element tree into
//! runs of equally formatted text, merges neighbours and escapes each run.

use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, TextDecoration, VerticalAlign};
use hayagriva::{ElemChild, ElemChildren, Formatting};

/// The markup an entry is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Text,
    /// `<i>` for italics, the form word processors keep when pasted; small
    /// caps as `<span class="sc">`, which the app's style sheet defines.
    Html,
    /// `*italics*`.
    Markdown,
}

struct Run {
    text: String,
    formatting: Formatting,
    link: Option<String>,
}

pub(crate) fn write(children: &ElemChildren, markup: Markup) -> String {
    let mut runs: Vec<Run> = Vec::new();
    flatten(&children.0, &mut runs);
    let mut out = String::new();
    for run in merge(runs) {
        match markup {
            Markup::Text => out.push_str(&run.text),
            Markup::Html => write_html(&run, &mut out),
            Markup::Markdown => write_markdown(&run, &mut out),
        }
    }
    out
}

fn flatten(children: &[ElemChild], runs: &mut Vec<Run>) {
    for child in children {
        match child {
            ElemChild::Text(t) => runs.push(Run {
                text: t.text.clone(),
                formatting: t.formatting,
                link: None,
            }),
            ElemChild::Elem(e) => flatten(&e.children.0, runs),
            ElemChild::Markup(m) => runs.push(Run {
                text: m.clone(),
                formatting: Formatting::default(),
                link: None,
            }),
            ElemChild::Link { text, url } => runs.push(Run {
                text: text.text.clone(),
                formatting: text.formatting,
                link: Some(url.clone()),
            }),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Join neighbouring runs with the same formatting, so `*a**b*` becomes `*ab*`.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match out.last_mut() {
            Some(last)
                if last.formatting == run.formatting
                    && last.link.is_none()
                    && run.link.is_none() =>
            {
                last.text.push_str(&run.text)
            }
            _ => out.push(run),
        }
    }
    out
}

fn write_html(run: &Run, out: &mut String) {
    let f = &run.formatting;
    let mut close = Vec::new();
    let link = run
        .link
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    if let Some(url) = link {
        out.push_str("<a href=\"");
        out.push_str(&escape_html(url));
        out.push_str("\">");
        close.push("</a>");
    }
    for (on, open, end) in [
        (f.font_style == FontStyle::Italic, "<i>", "</i>"),
        (f.font_weight == FontWeight::Bold, "<b>", "</b>"),
        (
            f.font_variant == FontVariant::SmallCaps,
            // A class, not an inline style: the app's CSP blocks `style=`.
            "<span class=\"sc\">",
            "</span>",
        ),
        (
            f.text_decoration == TextDecoration::Underline,
            "<u>",
            "</u>",
        ),
        (f.vertical_align == VerticalAlign::Sup, "<sup>", "</sup>"),
        (f.vertical_align == VerticalAlign::Sub, "<sub>", "</sub>"),
    ] {
        if on {
            out.push_str(open);
            close.push(end);
        }
    }
    out.push_str(&escape_html(&run.text));
    for end in close.iter().rev() {
        out.push_str(end);
    }
}

fn write_markdown(run: &Run, out: &mut String) {
    let f = &run.formatting;
    let marker = match (
        f.font_style == FontStyle::Italic,
        f.font_weight == FontWeight::Bold,
    ) {
        (true, true) => "***",
        (true, false) => "*",
        (false, true) => "**",
        (false, false) => "",
    };
    // Emphasis markers must touch non-space text: keep outer spaces outside.
    let text = escape_markdown(&run.text);
    let body = text.trim();
    if marker.is_empty() || body.is_empty() {
        out.push_str(&text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(lead);
    out.push_str(marker);
    out.push_str(body);
    out.push_str(marker);
    out.push_str(trail);
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
