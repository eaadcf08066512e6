//! Word counts, the way a marker checks a word limit.
//!
//! Rule: a word is a whitespace-separated token holding at least one letter
//! or digit, counted over the body's prose — paragraphs, list items, quotes
//! and in-text citations. Not counted: headings (a short label such as
//! "Continuity" is structure, not argument, and a .docx heading and a .txt
//! heading must count alike), Markdown syntax, and stray punctuation such as
//! a lone "–". The title, author line, page furniture and reference list are
//! never in the body, so they are not counted either.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Words in a Markdown body, headings excluded.
pub fn count(markdown: &str) -> u32 {
    let mut text = String::with_capacity(markdown.len());
    let mut in_heading = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::Text(t) | Event::Code(t) if !in_heading => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // Inline markup ends inside a word ("un*believ*able"); blocks end words.
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            Event::End(end) => {
                in_heading &= !matches!(end, TagEnd::Heading(_));
                text.push(' ');
            }
            _ => {}
        }
    }
    count_plain(&text)
}

/// Words in plain text (no Markdown parsing).
pub fn count_plain(text: &str) -> u32 {
    let n = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How many of `source`'s words `extracted` keeps, in order: the longest
/// common subsequence of their words (lower-cased, punctuation dropped)
/// over the longer text's word count; 1.0 for the same words. The PDF and
/// web-page readers are pinned by it on their fixtures. Quadratic in words,
/// so for documents, not for libraries.
pub fn agreement(source: &str, extracted: &str) -> f64 {
    let tokens = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (a, b) = (tokens(source), tokens(extracted));
    if a.is_empty() || b.is_empty() {
        return f64::from(u8::from(a.is_empty() && b.is_empty()));
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut cur = vec![0u32; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    f64::from(prev[b.len()]) / a.len().max(b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_prose_not_headings_or_syntax() {
        let md = "## Continuity\n\nA *short* paragraph – with (Turner,2016 . Best et al, 2014.).\n\n- one item\n- two";
        // A short paragraph with (Turner,2016 Best et al, 2014.). = 9; one item two = 3.
        assert_eq!(count(md), 12);
    }

    #[test]
    fn words_split_by_emphasis_stay_whole() {
        assert_eq!(count("un*believ*able text"), 2);
    }

    #[test]
    fn agreement_counts_words_kept_in_order() {
        assert_eq!(agreement("One, two three.", "one two THREE"), 1.0);
        assert_eq!(agreement("a b c d", "a c b d"), 0.75);
        assert_eq!(agreement("a b", ""), 0.0);
        assert_eq!(agreement("", ""), 1.0);
    }
}
