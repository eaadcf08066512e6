//! Markdown → HTML that is safe to put in the reader's webview.
//!
//! Imported files are untrusted: a .md file can carry raw HTML, and links
//! can carry `javascript:` URLs. pulldown-cmark renders, then ammonia keeps
//! only an allow-list of tags and attributes (no script, style, iframe,
//! object, form, no `on*` handlers) and only http(s)/mailto URLs, so nothing
//! in a document can run code in the app.

use std::collections::HashSet;

use pulldown_cmark::{html, Options, Parser};

/// Render Markdown to sanitised HTML.
pub fn markdown_to_safe_html(md: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(md, options));
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
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
}
