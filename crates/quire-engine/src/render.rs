//! Markdown → HTML that is safe to put in the reader's webview.
//!
//! Imported files are untrusted: a .md file can carry raw HTML, and links
//! can carry `javascript:` URLs. pulldown-cmark renders, then ammonia keeps
//! only an allow-list of tags and attributes (no script, style, iframe,
//! object, form, no `on*` handlers) and only http(s)/mailto URLs, so nothing
//! in a document can run code in the app.
//!
//! [`markdown_with_citations`] also wraps each in-text citation in a
//! `<span class="cite" data-cite="N" data-status="…">` so the reader can
//! colour it and link it to the audit, and marks each top-level block (and
//! a nested one that starts a later paragraph, such as an item of a loose
//! list) with `data-paragraph="N"`: the index of the body paragraph it
//! starts in, numbered as the search index numbers them
//! ([`crate::search::paragraphs`]), so a search hit opens at its block.
//!
//! Nesting is capped before either parser sees it ([`nesting`]), so a
//! hostile file renders in linear time and never exhausts the stack.
//! Formatted bibliography entries go through the same allow-list
//! ([`formatted_to_safe_html`]), so every HTML the webview receives has
//! passed one sanitiser.

#[cfg(test)]
mod fuzz;
mod nesting;

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// Citation statuses a mark may carry (`quire_cite::Status` as strings).
const STATUSES: [&str; 5] = [
    "ok",
    "missing_reference",
    "year_mismatch",
    "name_mismatch",
    "et_al_mismatch",
];

pub use nesting::MAX_DEPTH;

/// Render Markdown to sanitised HTML.
pub fn markdown_to_safe_html(md: &str) -> String {
    let md = nesting::markdown(md);
    let mut unsafe_html = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(&md, OPTIONS));
    sanitiser().clean(&nesting::html(&unsafe_html)).to_string()
}

/// Sanitise HTML written by quire-format (a bibliography entry, or a list
/// with `<h3>` sections and `<p class="csl-entry">` entries). quire-format
/// escapes what it writes; this is the second line, the same as for
/// documents, so a bug there cannot put active content in the webview.
pub fn formatted_to_safe_html(html: &str) -> String {
    let mut builder = sanitiser();
    builder.add_allowed_classes("p", ["csl-entry"]);
    builder.clean(&nesting::html(html)).to_string()
}

/// The allow-list every rendering shares: no relative URLs (nothing in a
/// document may point into the app), small caps only as `<span class="sc">`
/// (the CSP blocks inline styles).
fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .add_allowed_classes("span", ["sc"]);
    builder
}

/// A citation to mark: its byte span in the Markdown body, its index in the
/// audit's `citations` and its status there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteMark {
    pub span: Range<usize>,
    pub index: usize,
    pub status: String,
}

/// Render Markdown to sanitised HTML with each citation of `marks` wrapped
/// in `<span class="cite" data-cite="INDEX" data-status="STATUS">`. A
/// citation broken by a line break, emphasis or a link becomes several spans
/// with the same index.
///
/// A document can itself contain `<span class="cite" data-cite=…>`; to keep
/// it from posing as a citation, the spans made here carry a random prefix
/// on `data-cite` that the sanitiser checks and strips, and drops any
/// `data-cite` without it. So only `.cite[data-cite]` is a real citation.
///
/// Each block starting a body paragraph carries `data-paragraph="N"`, `N`
/// the paragraph's index in [`crate::search::paragraphs`] (a search hit's
/// `paragraph`). The same nonce guards it: a `data-paragraph` written in the
/// document itself is dropped.
pub fn markdown_with_citations(md: &str, marks: &[CiteMark]) -> String {
    let paragraphs: Vec<Range<usize>> = crate::search::paragraphs(md)
        .into_iter()
        .map(|(range, _)| range)
        .collect();
    // Same length as `md`, so the marks' spans and paragraphs still hold.
    let md = &*nesting::markdown(md);
    let nonce = format!("q{:016x}-", RandomState::new().hash_one(md.len()));
    let mut marks: Vec<&CiteMark> = marks
        .iter()
        .filter(|m| {
            m.span.start < m.span.end
                && md.is_char_boundary(m.span.start)
                && md.is_char_boundary(m.span.end)
        })
        .collect();
    marks.sort_by_key(|m| m.span.start);
    let mut unsafe_html = String::with_capacity(md.len() * 2);
    html::push_html(
        &mut unsafe_html,
        Marker::new(md, &marks, &nonce, &paragraphs)
            .run()
            .into_iter(),
    );
    let unsafe_html = anchor_paragraphs(&unsafe_html, &nonce);

    let mut builder = sanitiser();
    builder
        .add_allowed_classes("span", ["cite"])
        .add_tag_attributes("span", ["data-cite", "data-status"])
        .add_generic_attributes(["data-paragraph"])
        .attribute_filter(move |element, attribute, value| {
            let ours = || {
                value
                    .strip_prefix(nonce.as_str())
                    .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                    .map(|n| Cow::Owned(n.to_string()))
            };
            match (element, attribute) {
                ("span", "data-cite") | (_, "data-paragraph") => ours(),
                ("span", "data-status") => {
                    STATUSES.contains(&value).then_some(Cow::Borrowed(value))
                }
                _ => Some(Cow::Borrowed(value)),
            }
        });
    builder.clean(&nesting::html(&unsafe_html)).to_string()
}

/// The comment [`Marker`] puts before a block's start tag: `<!--NONCEpN-->`
/// and a line break (so pulldown-cmark writes no line break of its own
/// before the tag, and the HTML is the same once the marker is gone).
fn paragraph_marker(nonce: &str, index: usize) -> String {
    format!("<!--{nonce}p{index}-->\n")
}

/// `html` with each paragraph marker removed and its index written as
/// `data-paragraph="NONCE+N"` into the start tag right after it (first
/// among that tag's attributes, so one the document wrote is a later
/// duplicate, which the HTML parser ignores). A marker not followed by a
/// start tag (a raw HTML block beginning with text) is just removed. One
/// pass.
fn anchor_paragraphs<'h>(html: &'h str, nonce: &str) -> Cow<'h, str> {
    let prefix = format!("<!--{nonce}p");
    if !html.contains(&prefix) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find(&prefix) {
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let Some(tail) = after[digits..].strip_prefix("-->") else {
            // Not one of ours after all: keep it as it was.
            out.push_str(&prefix);
            rest = after;
            continue;
        };
        let index = &after[..digits];
        let tail = tail.strip_prefix('\n').unwrap_or(tail);
        let blank = tail.bytes().take_while(|b| b.is_ascii_whitespace()).count();
        out.push_str(&tail[..blank]);
        rest = &tail[blank..];
        let name = rest
            .strip_prefix('<')
            .map(|r| r.bytes().take_while(u8::is_ascii_alphanumeric).count())
            .unwrap_or(0);
        if name > 0 && rest.as_bytes()[1].is_ascii_alphabetic() {
            out.push_str(&rest[..1 + name]);
            out.push_str(&format!(r#" data-paragraph="{nonce}{index}""#));
            rest = &rest[1 + name..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Blocks whose start tag pulldown-cmark writes first thing, so a
/// paragraph marker before it lands on that tag.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

/// Walks pulldown-cmark's events with their source offsets and splits text
/// events at citation boundaries, opening and closing spans around the parts
/// inside a citation.
struct Marker<'a, 'm> {
    md: &'a str,
    /// Sorted by start.
    marks: &'m [&'m CiteMark],
    nonce: &'m str,
    out: Vec<Event<'a>>,
    /// Position in `marks` of the citation whose span is open.
    open: Option<usize>,
    /// Inside an image, text is alt text: no markup allowed there.
    in_image: usize,
    /// The body's paragraphs (byte ranges, in order).
    paragraphs: &'m [Range<usize>],
    /// How many tags are open: 0 between top-level blocks.
    depth: usize,
    /// The last paragraph index a block was marked with.
    marked: Option<usize>,
}

impl<'a, 'm> Marker<'a, 'm> {
    fn new(
        md: &'a str,
        marks: &'m [&'m CiteMark],
        nonce: &'m str,
        paragraphs: &'m [Range<usize>],
    ) -> Self {
        Marker {
            md,
            marks,
            nonce,
            out: Vec::new(),
            open: None,
            in_image: 0,
            paragraphs,
            depth: 0,
            marked: None,
        }
    }

    /// Before a block that starts at byte `at`: a marker with the index of
    /// the paragraph it starts in, if it is a top-level block or the first
    /// block inside one to start a later paragraph.
    fn anchor(&mut self, at: usize) {
        let index = self.paragraphs.partition_point(|p| p.end <= at);
        if index >= self.paragraphs.len() {
            return;
        }
        if self.depth == 0 || self.marked.is_none_or(|m| index > m) {
            self.marked = Some(index);
            self.out.push(Event::Html(CowStr::from(paragraph_marker(
                self.nonce, index,
            ))));
        }
    }

    fn run(mut self) -> Vec<Event<'a>> {
        for (event, range) in Parser::new_ext(self.md, OPTIONS).into_offset_iter() {
            match event {
                Event::Text(text) if self.in_image == 0 => self.text(text, range),
                other => {
                    self.switch(None);
                    match &other {
                        Event::Start(Tag::Image { .. }) => self.in_image += 1,
                        Event::End(TagEnd::Image) => {
                            self.in_image = self.in_image.saturating_sub(1)
                        }
                        _ => {}
                    }
                    match &other {
                        Event::Start(tag) if is_block(tag) => self.anchor(range.start),
                        Event::Rule if self.depth == 0 => self.anchor(range.start),
                        _ => {}
                    }
                    match &other {
                        Event::Start(_) => self.depth += 1,
                        Event::End(_) => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    }
                    self.out.push(other);
                }
            }
        }
        self.switch(None);
        self.out
    }

    fn text(&mut self, text: CowStr<'a>, range: Range<usize>) {
        let md = self.md;
        if md.get(range.clone()) != Some(&*text) {
            // Rewritten by the parser (a smart quote, an entity, an escape):
            // it stays whole, inside the citation it overlaps if any.
            let mark = self.overlapping(&range);
            self.switch(mark);
            self.out.push(Event::Text(text));
            return;
        }
        let mut at = range.start;
        while at < range.end {
            let (mark, until) = self.piece(at, range.end);
            self.switch(mark);
            self.out.push(Event::Text(CowStr::Borrowed(&md[at..until])));
            at = until;
        }
    }

    /// The citation containing byte `at`, and where the piece of text that
    /// starts there ends (at most `limit`).
    fn piece(&self, at: usize, limit: usize) -> (Option<usize>, usize) {
        let after = self.marks.partition_point(|m| m.span.start <= at);
        match after
            .checked_sub(1)
            .filter(|&i| at < self.marks[i].span.end)
        {
            Some(i) => (Some(i), self.marks[i].span.end.min(limit)),
            None => (
                None,
                self.marks
                    .get(after)
                    .map_or(limit, |m| m.span.start.min(limit)),
            ),
        }
    }

    fn overlapping(&self, range: &Range<usize>) -> Option<usize> {
        let after = self.marks.partition_point(|m| m.span.start < range.end);
        after
            .checked_sub(1)
            .filter(|&i| self.marks[i].span.end > range.start)
    }

    /// Closes the open span unless it is `want`'s, then opens `want`'s.
    fn switch(&mut self, want: Option<usize>) {
        if self.open == want {
            return;
        }
        if self.open.is_some() {
            self.out
                .push(Event::InlineHtml(CowStr::Borrowed("</span>")));
        }
        if let Some(i) = want {
            let mark = self.marks[i];
            // Statuses come from the store, but only known words go into markup.
            let status = match STATUSES.iter().any(|s| *s == mark.status) {
                true => format!(r#" data-status="{}""#, mark.status),
                false => String::new(),
            };
            self.out.push(Event::InlineHtml(CowStr::from(format!(
                r#"<span class="cite" data-cite="{}{}"{status}>"#,
                self.nonce, mark.index
            ))));
        }
        self.open = want;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_structure() {
        let html = markdown_to_safe_html(
            "## Head\n\n*it* **b**\n\n- a\n\n| x | y |\n|---|---|\n| 1 | 2 |\n",
        );
        for tag in [
            "<h2>",
            "<em>it</em>",
            "<strong>b</strong>",
            "<li>a</li>",
            "<table>",
            "<td>1</td>",
        ] {
            assert!(html.contains(tag), "{tag} missing from {html}");
        }
    }

    #[test]
    fn strips_active_content() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) \
                  [d](data:text/html;base64,PHNjcmlwdD4=)\n\n<iframe src=\"https://e.com\"></iframe>\
                  <style>body{}</style><object data=x></object>\n\n<a href=\"https://ok.org\" onclick=\"x()\">ok</a>";
        let html = markdown_to_safe_html(md).to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "<iframe",
            "<style",
            "<object",
            "onclick",
        ] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains(r#"href="https://ok.org""#));
        assert!(html.contains("noopener"));
    }

    /// Marks for each occurrence of the given snippets, in order.
    fn marks_for(md: &str, cites: &[(&str, &str)]) -> Vec<CiteMark> {
        cites
            .iter()
            .enumerate()
            .map(|(index, (text, status))| {
                let start = md.find(text).unwrap();
                CiteMark {
                    span: start..start + text.len(),
                    index,
                    status: status.to_string(),
                }
            })
            .collect()
    }

    /// Text inside each `data-cite="N"` span, joined per N.
    fn cited_text(html: &str) -> std::collections::BTreeMap<usize, String> {
        let mut found = std::collections::BTreeMap::<usize, String>::new();
        for part in html.split("data-cite=\"").skip(1) {
            let (n, rest) = part.split_once('"').unwrap();
            let inner = &rest[rest.find('>').unwrap() + 1..rest.find("</span>").unwrap()];
            let inner = inner
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            found
                .entry(n.parse().unwrap())
                .or_default()
                .push_str(&inner);
        }
        found
    }

    #[test]
    fn wraps_citations_split_by_line_breaks_and_emphasis() {
        let md = "As shown (Smith, 2010) and\n(Jones\n2012). *Lee (2001)* said.";
        let marks = marks_for(
            md,
            &[
                ("(Smith, 2010)", "ok"),
                ("(Jones\n2012)", "missing_reference"),
                ("Lee (2001)", "name_mismatch"),
            ],
        );
        let html = markdown_with_citations(md, &marks);
        assert!(
            html.contains(r#"As shown <span class="cite" data-cite="0" data-status="ok">(Smith, 2010)</span> and"#),
            "{html}"
        );
        assert_eq!(
            html.matches(r#"data-cite="1" data-status="missing_reference""#)
                .count(),
            2,
            "{html}"
        );
        assert!(html.contains(r#"<em><span class="cite" data-cite="2" data-status="name_mismatch">Lee (2001)</span></em>"#), "{html}");
        let text = cited_text(&html);
        assert_eq!(text[&1], "(Jones2012)");
    }

    #[test]
    fn marks_never_open_a_hole_in_the_sanitiser() {
        let md = "<span class=\"cite evil\" data-cite=\"7\" data-status=\"ok\" onclick=\"x()\" style=\"color:red\">fake</span> \
                  (Real, 2020) <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1)) \
                  <span data-cite=\"&#x71;0-3\">entity</span> ![alt (Img, 2001)](https://e.com/i.png) é";
        let mut marks = marks_for(md, &[("(Real, 2020)", "ok"), ("(Img, 2001)", "ok")]);
        marks.push(CiteMark {
            span: 0..md.len() + 10,
            index: 9,
            status: "ok".into(),
        });
        let e = md.find('é').unwrap();
        marks.push(CiteMark {
            span: e + 1..e + 2,
            index: 10,
            status: "ok".into(),
        });
        marks.push(CiteMark {
            span: md.find("entity").unwrap()..md.find("entity").unwrap() + 6,
            index: 11,
            status: "\" onclick=\"x".into(),
        });
        let html = markdown_with_citations(md, &marks);
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onclick",
            "javascript:",
            "style=",
            "evil",
            "data-cite=\"7\"",
            "data-cite=\"q",
            "data-cite=\"9\"",
            "data-cite=\"10\"",
        ] {
            assert!(!lower.contains(bad), "{bad} survived: {html}");
        }
        // The real citation is marked; the one in an image's alt text is not.
        assert_eq!(
            cited_text(&html).into_keys().collect::<Vec<_>>(),
            vec![0, 11]
        );
        assert!(
            html.contains(r#"<span class="cite" data-cite="11">entity</span>"#),
            "{html}"
        );
        assert!(html.contains(r#"alt="alt (Img, 2001)""#), "{html}");
    }

    /// A body with a block of each kind; the NATO word in each is unique.
    const BLOCKS: &str = "# Zulu heading\n\
        \n\
        Alpha paragraph\nover two lines.\n\
        \n\
        ## Bravo heading\nCharlie right under it.\n\
        \n\
        - Delta tight item\n- echo second item\n\
        \n\
        1. Foxtrot loose item\n\
        \n\
        2. Golf loose item\n\
        \n\
        > Hotel quote line\n> india continues.\n\
        \n\
        > Juliet second quote\n\
        \n\
        \x20   kilo code block\n\
        \n\
        | Lima | head |\n|------|------|\n| mike | cell |\n\
        \n\
        ---\n\
        \n\
        November *last* paragraph.\n";

    /// `(tag, index)` of every element carrying `data-paragraph`, in order.
    fn anchors(html: &str) -> Vec<(String, usize)> {
        let re = regex::Regex::new(r#"<([a-z0-9]+)[^>]*\sdata-paragraph="([^"]*)""#).unwrap();
        re.captures_iter(html)
            .map(|c| (c[1].to_string(), c[2].parse().expect("digits")))
            .collect()
    }

    /// The paragraph index whose marked block holds `word`: the last anchor
    /// before it.
    fn anchored_at(html: &str, word: &str) -> Option<usize> {
        let at = html.find(word)?;
        anchors(&html[..at]).last().map(|(_, i)| *i)
    }

    #[test]
    fn blocks_carry_the_paragraph_they_start_in() {
        let html = markdown_with_citations(BLOCKS, &[]);
        let paragraphs = crate::search::paragraphs(BLOCKS);
        assert_eq!(paragraphs.len(), 12, "{paragraphs:?}");
        let want: Vec<(String, usize)> = [
            ("h1", 0),
            ("p", 1),
            ("h2", 2),
            ("p", 2),
            ("ul", 3),
            ("ol", 4),
            ("li", 5),
            ("blockquote", 6),
            ("blockquote", 7),
            ("pre", 8),
            ("table", 9),
            ("hr", 10),
            ("p", 11),
        ]
        .into_iter()
        .map(|(t, i)| (t.to_string(), i))
        .collect();
        assert_eq!(anchors(&html), want, "{html}");
        // Every word sits in the block of the paragraph that holds it.
        for (word, i) in [
            ("Zulu", 0),
            ("Alpha", 1),
            ("Bravo", 2),
            ("Charlie", 2),
            ("Delta", 3),
            ("echo", 3),
            ("Foxtrot", 4),
            ("Golf", 5),
            ("Hotel", 6),
            ("india", 6),
            ("Juliet", 7),
            ("kilo", 8),
            ("Lima", 9),
            ("mike", 9),
            ("November", 11),
        ] {
            assert!(paragraphs[i].1.contains(word), "{word} not in {i}");
            assert_eq!(anchored_at(&html, word), Some(i), "{word} in {html}");
        }
        // Nothing else changed: the same HTML without the attributes.
        let plain = regex::Regex::new(r#" data-paragraph="\d+""#).unwrap();
        assert_eq!(plain.replace_all(&html, ""), markdown_to_safe_html(BLOCKS),);
        // Citation marks still work beside them.
        let marks = marks_for(BLOCKS, &[("Alpha paragraph", "ok")]);
        let cited = markdown_with_citations(BLOCKS, &marks);
        assert!(
            cited.contains(r#"<p data-paragraph="1"><span class="cite" data-cite="0" data-status="ok">Alpha paragraph</span>"#),
            "{cited}"
        );
    }

    #[test]
    fn a_document_cannot_write_its_own_paragraph_anchors() {
        let md = "First <span data-paragraph=\"8\">one</span>.\n\
            \n\
            <div data-paragraph=\"9\" class=\"x\">raw block</div>\n\
            \n\
            <!--q0123456789abcdef-p5--><p data-paragraph=\"q0123456789abcdef-5\">forged</p>\n\
            \n\
            <p\ndata-paragraph=\"6\">split</p>\n\
            \n\
            Last.\n";
        let html = markdown_with_citations(md, &[]);
        let found: Vec<(String, usize)> = anchors(&html);
        assert_eq!(
            found,
            [
                ("p".into(), 0),
                ("div".into(), 1),
                ("p".into(), 3),
                ("p".into(), 4)
            ],
            "{html}"
        );
        assert_eq!(html.matches("data-paragraph").count(), 4, "{html}");
        assert!(html.contains("<p>forged</p>"), "{html}");
        assert!(
            html.contains(r#"<div data-paragraph="1">raw block</div>"#),
            "{html}"
        );
    }

    #[test]
    fn anchors_use_the_numbering_of_search_hits() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = crate::Library::open(dir.path()).unwrap();
        library
            .import_bytes("blocks.md", BLOCKS.as_bytes(), None)
            .unwrap();
        let mut checked = 0;
        for row in library.documents(&crate::DocFilter::default()).unwrap() {
            let id = row.summary.id;
            let html = library.document_html(id).unwrap();
            for word in [
                "alpha", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                "kilo", "lima", "mike", "november",
            ] {
                let results = library
                    .search(&crate::search::SearchQuery::new(word))
                    .unwrap();
                for hit in results.hits.iter().filter(|h| h.doc == id) {
                    let Some(p) = hit.paragraph else { continue };
                    let at = html.to_lowercase().find(word).expect("word in html");
                    assert_eq!(
                        anchors(&html[..at]).last().map(|(_, i)| *i),
                        Some(p),
                        "{word}: hit in paragraph {p}, html {html}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 10, "only {checked} hits checked");
    }

    #[test]
    fn marks_every_citation_of_a_seed_essay() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = crate::Library::open(dir.path()).unwrap();
        let seed =
            include_bytes!("../../../assets/sample/world-social-work-day-competition-2020.txt");
        library.import_bytes("competition.txt", seed, None).unwrap();
        let holly = library
            .documents(&crate::DocFilter::default())
            .unwrap()
            .into_iter()
            .find(|d| d.summary.author.as_deref() == Some("Holly Clarke"))
            .expect("Holly Clarke's essay");
        let id = holly.summary.id;
        let audit = library.audit(id).unwrap();
        let body = library.document(id).unwrap().body;
        let html = markdown_with_citations(&body, &library.citation_marks(id).unwrap());

        let text = cited_text(&html);
        assert_eq!(text.len(), audit.citations.len());
        // Smart punctuation and line breaks aside, each span holds its citation.
        let plain = |s: &str| {
            s.replace(['\u{2019}', '\u{2018}'], "'")
                .split_whitespace()
                .collect::<String>()
        };
        for (i, c) in audit.citations.iter().enumerate() {
            assert_eq!(plain(&text[&i]), plain(&c.citation.text), "citation {i}");
            let open = format!(r#"data-cite="{i}" data-status="{}""#, c.status.as_str());
            assert!(html.contains(&open), "{open} missing");
        }
        let chan = audit
            .citations
            .iter()
            .position(|c| c.citation.text.contains("Chan and Negai"))
            .unwrap();
        assert!(html.contains(&format!(
            r#"data-cite="{chan}" data-status="name_mismatch">"#
        )));
    }
}
