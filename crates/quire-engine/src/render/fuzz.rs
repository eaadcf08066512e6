//! Grammar-based fuzzing of rendering: documents built from the Markdown
//! people (and attackers) write — quotes and lists nested on one line and by
//! indentation, fenced and indented code, emphasis runs, links with every
//! kind of URL, tables, headings, raw HTML blocks nested deep, inline HTML
//! with event handlers, long lines — not random bytes, which never reach the
//! parser's interesting states.
//!
//! Properties: rendering never panics; what comes out is sanitised (no
//! script, no `on*` handler, no inline style, every URL absolute http(s) or
//! mailto, only known classes); and the output nests no deeper than the cap
//! allows, which is what keeps html5ever linear.
//!
//! `PROPTEST_CASES` sets the number of documents (256 by default); the long
//! runs were made with `PROPTEST_CASES=… cargo test --release -p quire-engine
//! --lib render::fuzz`.

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::{markdown_to_safe_html, markdown_with_citations, CiteMark, MAX_DEPTH};

/// URLs a link or image may carry: safe, relative and hostile.
fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("https://doi.org/10.1111/cfs.12642".to_string()),
        Just("http://example.org/a?b=c&d=e".to_string()),
        Just("mailto:marker@uni.ac.uk".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("JaVaScRiPt:alert(1)".to_string()),
        Just("java\tscript:alert(1)".to_string()),
        Just("&#106;avascript:alert(1)".to_string()),
        Just("vbscript:msgbox(1)".to_string()),
        Just("data:text/html;base64,PHNjcmlwdD4=".to_string()),
        Just("/etc/passwd".to_string()),
        Just("../../library.sqlite3".to_string()),
        Just("#top".to_string()),
        Just("//evil.example/x".to_string()),
        Just("tauri://localhost/index.html".to_string()),
        "[a-z]{1,8}".prop_map(|w| format!("{w}.html")),
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z]{1,10}",
        Just("Krumer-Nevo".to_string()),
        Just("(Smith, 2010, p. 1796)".to_string()),
        Just("O'Brien".to_string()),
        Just("é".to_string()),
        Just("&amp;".to_string()),
        Just("<".to_string()),
        Just("\\".to_string()),
        Just("`".to_string()),
        Just("|".to_string()),
    ]
}

/// Inline content: words, emphasis, links, images, code, inline HTML.
fn inline() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => word(),
        1 => (1usize..6, word()).prop_map(|(n, w)| format!("{0}{w}{0}", "*".repeat(n))),
        1 => (1usize..4, word()).prop_map(|(n, w)| format!("{0}{w}{0}", "_".repeat(n))),
        1 => (1usize..3000).prop_map(|n| "*".repeat(n)),
        1 => (1usize..3000).prop_map(|n| "[".repeat(n)),
        1 => (word(), url()).prop_map(|(t, u)| format!("[{t}]({u})")),
        1 => (word(), url()).prop_map(|(t, u)| format!("![{t}]({u})")),
        1 => url().prop_map(|u| format!("<{u}>")),
        1 => word().prop_map(|w| format!("`{w}`")),
        1 => inline_html(),
    ];
    prop::collection::vec(leaf, 1..12).prop_map(|parts| parts.join(" "))
}

/// Raw HTML inside a paragraph.
fn inline_html() -> impl Strategy<Value = String> {
    prop_oneof![
        url().prop_map(|u| format!("<a href=\"{u}\" onclick=\"x()\">link</a>")),
        url().prop_map(|u| format!("<img src=\"{u}\" onerror=alert(1)>")),
        Just("<span style=\"color:red\" class=\"sc cite evil\">s</span>".to_string()),
        Just("<span class=\"cite\" data-cite=\"3\" data-status=\"ok\">fake</span>".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<svg><script>alert(1)</script></svg>".to_string()),
        Just("<b><i>unclosed".to_string()),
        Just("</div></blockquote>".to_string()),
        Just("<!-- <div> -->".to_string()),
        Just("<p title=\"a>b\" onmouseover=x>".to_string()),
    ]
}

/// A raw HTML block, possibly nested very deep or left unclosed.
fn html_block() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("div"),
        Just("span"),
        Just("blockquote"),
        Just("table"),
        Just("b"),
        Just("ul"),
        Just("li"),
        Just("p"),
        Just("a"),
        Just("iframe"),
        Just("textarea"),
    ];
    (tag, 1usize..5000, any::<bool>(), inline()).prop_map(|(tag, depth, close, text)| {
        let mut out = format!("<{tag} onclick=\"x()\">").repeat(depth);
        out.push_str(&text);
        if close {
            out.push_str(&format!("</{tag}>").repeat(depth));
        }
        out
    })
}

/// A container prefix: quote and list markers, maybe very many on one line.
fn prefix() -> impl Strategy<Value = String> {
    let marker = prop_oneof![
        Just(">"),
        Just("> "),
        Just("- "),
        Just("* "),
        Just("+ "),
        Just("1. "),
        Just("12) "),
        Just("  "),
    ];
    prop_oneof![
        3 => prop::collection::vec(marker.clone(), 0..6).prop_map(|m| m.concat()),
        1 => (marker, 1usize..20_000).prop_map(|(m, n)| m.repeat(n)),
    ]
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prefix(), inline()).prop_map(|(p, t)| format!("{p}{t}")),
        1 => (1usize..7, inline()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        1 => (prefix(), inline()).prop_map(|(p, t)| format!("{p}```\n{t}\n<script>x</script>\n{p}```")),
        1 => inline().prop_map(|t| format!("    {t}")),
        1 => (inline(), inline(), 1usize..30).prop_map(|(a, b, cols)| {
            let row = |c: &str| format!("| {} |", vec![c; cols].join(" | "));
            format!("{}\n{}\n{}", row(&a), row("---"), row(&b))
        }),
        1 => html_block(),
        // Lists nested by indentation, one level a line.
        1 => (1usize..300, word()).prop_map(|(n, w)| {
            (0..n).map(|i| format!("{}- {w}\n", "  ".repeat(i))).collect()
        }),
        1 => (1usize..200_000).prop_map(|n| "long ".repeat(n / 5 + 1)),
        1 => Just("---".to_string()),
        1 => Just("[^1]: a footnote\n\nText[^1]".to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(block(), 1..8),
        prop_oneof![Just("\n\n"), Just("\n"), Just("\r\n")],
    )
        .prop_map(|(blocks, sep)| blocks.join(sep))
}

/// Start and end tags of serialised HTML (attribute values are quoted and
/// may hold `>`; text has `<` escaped).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quote = false;
    let mut start = None;
    for (i, c) in html.char_indices() {
        match (start, c) {
            (None, '<') => start = Some(i),
            (Some(_), '"') => quote = !quote,
            (Some(s), '>') if !quote => {
                out.push(&html[s..=i]);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Checks the sanitiser's promises on rendered HTML.
fn assert_safe(html: &str) {
    static ATTRIBUTE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"\s([^\s="/>]+)="([^"]*)""#).unwrap());
    let lower = html.to_ascii_lowercase();
    for bad in ["<script", "<iframe", "<svg", "<style", "<textarea"] {
        assert!(!lower.contains(bad), "{bad} survived in {html:.500}");
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in tags(html) {
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = tag[1..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        for found in ATTRIBUTE.captures_iter(tag) {
            let (name, value) = (found[1].to_ascii_lowercase(), found[2].to_ascii_lowercase());
            assert!(!name.starts_with("on"), "handler in {tag}");
            assert_ne!(name, "style", "inline style in {tag}");
            if name == "href" || name == "src" {
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| value.starts_with(s)),
                    "URL {value} in {tag}"
                );
            }
            if name == "class" {
                for class in value.split_whitespace() {
                    assert!(["cite", "sc"].contains(&class), "class {class} in {tag}");
                }
            }
        }
        let void = ["br", "img", "hr", "wbr", "col", "area", "input"].contains(&name.as_str());
        if !void && !tag.ends_with("/>") {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    assert!(deepest <= 2 * MAX_DEPTH + 4, "nests {deepest} deep");
}

proptest! {
    #![proptest_config(ProptestConfig {
        // Failures are kept as regression cases beside this file.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_document_renders_safely(md in document()) {
        assert_safe(&markdown_to_safe_html(&md));
    }

    #[test]
    fn any_document_with_marks_renders_safely(
        md in document(),
        spans in prop::collection::vec((any::<prop::sample::Index>(), 0usize..60), 0..6),
    ) {
        let marks: Vec<CiteMark> = spans
            .iter()
            .enumerate()
            .map(|(index, (at, len))| {
                let start = at.index(md.len().max(1));
                CiteMark { span: start..start + len, index, status: "ok".into() }
            })
            .collect();
        assert_safe(&markdown_with_citations(&md, &marks));
    }
}
