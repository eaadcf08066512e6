//! citeproc-js's HTML read back into runs of formatted text, and written as
//! plain text, HTML or Markdown.
//!
//! citeproc-js writes one fixed set of tags (see its `Output.Formats.html`):
//! `<i>`, `<b>`, `<sup>`, `<sub>`, `<span style=…>` for small caps, normal
//! style/weight and underline, `<a href>` and `<div class=…>` for entry
//! layout, with `&`, `<` and `>` in text as numeric entities. Reading that
//! into runs lets one processor call give every markup, and the HTML Quire
//! emits is its own: classes instead of inline styles (the app's CSP blocks
//! `style=`) and every run escaped again.

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

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Formatting {
    italic: bool,
    bold: bool,
    small_caps: bool,
    underline: bool,
    sup: bool,
    sub: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    text: String,
    formatting: Formatting,
    link: Option<String>,
}

/// Formatted text read from citeproc-js output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rich(Vec<Run>);

impl Rich {
    /// Reads citeproc-js HTML. `div`s (entry and layout wrappers) are
    /// dropped; a tag it does not know keeps its text and loses its effect.
    pub(crate) fn from_html(html: &str) -> Rich {
        let mut runs = Vec::new();
        // Each open element and what it changed, to undo on its end tag.
        let mut stack: Vec<(String, Formatting, Option<String>)> = Vec::new();
        let mut current = Formatting::default();
        let mut link: Option<String> = None;
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('<') {
                let Some(end) = after.find('>') else {
                    push_text(&mut runs, rest, current, &link);
                    break;
                };
                let tag = &after[..end];
                rest = &after[end + 1..];
                if let Some(name) = tag.strip_prefix('/') {
                    let name = name.trim().to_ascii_lowercase();
                    if let Some(pos) = stack.iter().rposition(|(n, _, _)| *n == name) {
                        let (_, before, before_link) = stack[pos].clone();
                        stack.truncate(pos);
                        current = before;
                        link = before_link;
                    }
                    continue;
                }
                let self_closing = tag.ends_with('/');
                let tag = tag.trim_end_matches('/');
                let name = tag
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if self_closing || name == "br" {
                    continue;
                }
                stack.push((name.clone(), current, link.clone()));
                match name.as_str() {
                    "i" | "em" => current.italic = true,
                    "b" | "strong" => current.bold = true,
                    "sup" => current.sup = true,
                    "sub" => current.sub = true,
                    "u" => current.underline = true,
                    "a" => link = attribute(tag, "href"),
                    "span" => {
                        let style = attribute(tag, "style").unwrap_or_default();
                        let style = style.replace(' ', "");
                        for decl in style.split(';') {
                            match decl {
                                "font-style:normal" => current.italic = false,
                                "font-style:italic" => current.italic = true,
                                "font-variant:small-caps" => current.small_caps = true,
                                "font-variant:normal" => current.small_caps = false,
                                "font-weight:normal" => current.bold = false,
                                "font-weight:bold" => current.bold = true,
                                "text-decoration:underline" => current.underline = true,
                                "text-decoration:none" => current.underline = false,
                                "baseline" | "vertical-align:baseline" => {
                                    current.sup = false;
                                    current.sub = false;
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
                continue;
            }
            let end = rest.find('<').unwrap_or(rest.len());
            push_text(&mut runs, &rest[..end], current, &link);
            rest = &rest[end..];
        }
        Rich(merge(runs))
    }

    /// Text with the layout whitespace citeproc-js puts between `div`s
    /// collapsed: runs of spaces and newlines become one space, and the
    /// ends are trimmed.
    pub(crate) fn collapse(mut self) -> Rich {
        let mut last_space = true;
        for run in &mut self.0 {
            let mut out = String::with_capacity(run.text.len());
            for c in run.text.chars() {
                if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
                    if !last_space {
                        out.push(' ');
                    }
                    last_space = true;
                } else {
                    out.push(c);
                    last_space = false;
                }
            }
            run.text = out;
        }
        if let Some(last) = self.0.last_mut() {
            let trimmed = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed);
        }
        self.0.retain(|r| !r.text.is_empty());
        self
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.iter().all(|r| r.text.is_empty())
    }

    /// The text in `markup`.
    pub(crate) fn write(&self, markup: Markup) -> String {
        let mut out = String::new();
        for run in &self.0 {
            match markup {
                Markup::Text => out.push_str(&run.text),
                Markup::Html => write_html(run, &mut out),
                Markup::Markdown => write_markdown(run, &mut out),
            }
        }
        out
    }

    /// Plain text, for checks on what an entry says.
    pub(crate) fn plain(&self) -> String {
        self.write(Markup::Text)
    }
}

fn push_text(runs: &mut Vec<Run>, html: &str, formatting: Formatting, link: &Option<String>) {
    let text = unescape(html);
    if !text.is_empty() {
        runs.push(Run {
            text,
            formatting,
            link: link.clone(),
        });
    }
}

/// The value of `name="…"` in a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + len]))
}

/// Resolves the entities citeproc-js writes (`&#38;`, `&#60;`, `&amp;` …).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let entity = after.find(';').filter(|&n| n <= 10).map(|n| &after[..n]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .or_else(|| e.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Join neighbouring runs with the same formatting, so `*a**b*` becomes `*ab*`.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match out.last_mut() {
            Some(last) if last.formatting == run.formatting && last.link == run.link => {
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
        (f.italic, "<i>", "</i>"),
        (f.bold, "<b>", "</b>"),
        // A class, not an inline style: the app's CSP blocks `style=`.
        (f.small_caps, "<span class=\"sc\">", "</span>"),
        (f.underline, "<u>", "</u>"),
        (f.sup, "<sup>", "</sup>"),
        (f.sub, "<sub>", "</sub>"),
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
    let marker = match (f.italic, f.bold) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citeproc_html_reads_into_each_markup() {
        let rich = Rich::from_html(
            "  <div class=\"csl-entry\">Ruch, G. (2010) <i>Relationship&#38;based <span style=\"font-style:normal;\">social</span> work</i>. <span style=\"font-variant:small-caps;\">Jkp</span> &#60;x&#62;</div>\n",
        )
        .collapse();
        assert_eq!(
            rich.plain(),
            "Ruch, G. (2010) Relationship&based social work. Jkp <x>"
        );
        assert_eq!(
            rich.write(Markup::Html),
            "Ruch, G. (2010) <i>Relationship&amp;based </i>social<i> work</i>. <span class=\"sc\">Jkp</span> &lt;x&gt;"
        );
        assert_eq!(
            rich.write(Markup::Markdown),
            "Ruch, G. (2010) *Relationship&based* social *work*. Jkp \\<x\\>"
        );
    }

    #[test]
    fn broken_markup_keeps_its_text() {
        let rich = Rich::from_html("a <i>b</b> c & d <unclosed");
        assert_eq!(rich.plain(), "a b c & d <unclosed");
    }
}
