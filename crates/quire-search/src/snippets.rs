//! Hits with their snippets: the passage that matched, as plain text, and
//! where in it the matched words are.
//!
//! Snippets used to cross IPC and the CLI's JSON as HTML with `<b>` and
//! entities, which every reader had to parse back. Now a snippet is plain
//! text plus character spans (the CLI's contract, drawn there with stars),
//! and the same text already cut into matched and unmatched pieces
//! ([`SnippetPart`]), which the UI draws with DOM nodes as they come.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use tantivy::schema::{Field, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument};

use crate::error::Result;
use crate::schema::Fields;
use crate::search::{Hit, Parsed, SnippetPart};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Turns matching entries into hits with snippets.
pub(crate) struct Snippets {
    f: Fields,
    /// Whether any query word can match a body: if not, every match is
    /// by metadata and paragraphs need no snippet.
    pub body_terms: bool,
    body: SnippetGenerator,
    cites: SnippetGenerator,
    title: SnippetGenerator,
    author: SnippetGenerator,
}

impl Snippets {
    /// Generators highlighting the query's terms in each field: the words
    /// typed and, for a misspelt word, the neighbours it was matched by.
    pub fn new(searcher: &Searcher, f: Fields, parsed: &Parsed) -> Result<Snippets> {
        let make = |field: Field| -> Result<(SnippetGenerator, bool)> {
            let mut terms: BTreeMap<String, f32> = BTreeMap::new();
            let mut failure = None;
            parsed.highlight.query_terms(&mut |term, _| {
                if term.field() != field {
                    return;
                }
                let Some(text) = term.value().as_str().map(str::to_string) else {
                    return;
                };
                match searcher.doc_freq(term) {
                    Ok(0) => {}
                    Ok(df) => {
                        terms.insert(text, 1.0 / (1.0 + df as f32));
                    }
                    Err(e) => failure = Some(e),
                }
            });
            if let Some(e) = failure {
                return Err(e.into());
            }
            let tokenizer = searcher.index().tokenizer_for_field(field)?;
            let any = !terms.is_empty();
            Ok((
                SnippetGenerator::new(terms, tokenizer, field, SNIPPET_CHARS),
                any,
            ))
        };
        let (body, body_terms) = make(f.body)?;
        Ok(Snippets {
            f,
            body_terms,
            body,
            cites: make(f.cites)?.0,
            title: make(f.title)?.0,
            author: make(f.author)?.0,
        })
    }

    /// A paragraph hit if the entry's own text matched; otherwise a
    /// document-level hit, once per document (`doc_level` remembers which).
    pub fn hit(
        &self,
        stored: &TantivyDocument,
        score: f32,
        doc_level: &mut HashSet<i64>,
    ) -> Option<Hit> {
        let f = self.f;
        let text = |field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
        };
        let doc = stored.get_first(f.doc_id).and_then(|v| v.as_i64())?;
        let paragraph = stored
            .get_first(f.paragraph)
            .and_then(|v| v.as_u64())
            .map(|p| p as usize);
        if paragraph.is_some() && self.body_terms {
            let snippet = self.body.snippet(text(f.body));
            if !snippet.highlighted().is_empty() {
                return Some(hit(f, stored, doc, paragraph, score, &snippet));
            }
        }
        if !doc_level.insert(doc) {
            return None;
        }
        let cites: Vec<&str> = stored.get_all(f.cites).filter_map(|v| v.as_str()).collect();
        let candidates = [
            (&self.cites, cites.join(" · ")),
            (&self.title, text(f.title).to_string()),
            (&self.author, text(f.author).to_string()),
        ];
        let snippet = candidates
            .iter()
            .map(|(generator, text)| generator.snippet(text))
            .find(|s| !s.highlighted().is_empty())
            .unwrap_or_else(|| self.title.snippet(text(f.title)));
        Some(hit(f, stored, doc, None, score, &snippet))
    }
}

fn hit(
    f: Fields,
    stored: &TantivyDocument,
    doc: i64,
    paragraph: Option<usize>,
    score: f32,
    snippet: &Snippet,
) -> Hit {
    let text = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Hit {
        doc,
        title: text(f.title).unwrap_or_default(),
        author: text(f.author),
        kind: text(f.kind).unwrap_or_default(),
        paragraph,
        score,
        snippet: snippet.fragment().to_string(),
        highlights: char_spans(snippet.fragment(), snippet.highlighted()),
        parts: parts(snippet.fragment(), snippet.highlighted()),
    }
}

/// `text` cut at the byte ranges `ranges` (tidied as [`char_spans`] tidies
/// them): the pieces in order, non-empty, alternating between matched and
/// not, concatenating to `text`.
pub(crate) fn parts(text: &str, ranges: &[Range<usize>]) -> Vec<SnippetPart> {
    let spans = char_spans(text, ranges);
    let mut out = Vec::with_capacity(2 * spans.len() + 1);
    // The byte offset of each char offset (a snippet is short).
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect();
    let byte_of = |n: usize| bytes.get(n).copied().unwrap_or(text.len());
    let mut last = 0;
    for (start, end) in spans {
        let (from, to) = (byte_of(start), byte_of(end));
        if from > last {
            out.push(SnippetPart {
                text: text[last..from].to_string(),
                matched: false,
            });
        }
        if to > from {
            out.push(SnippetPart {
                text: text[from..to].to_string(),
                matched: true,
            });
        }
        last = last.max(to);
    }
    if last < text.len() {
        out.push(SnippetPart {
            text: text[last..].to_string(),
            matched: false,
        });
    }
    out
}

/// Byte ranges in `text` as `[start, end)` char offsets, sorted, without
/// overlaps and empty spans, in one pass over the text. An offset inside a
/// character (tantivy never gives one) moves to that character's end.
pub(crate) fn char_spans(text: &str, ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<Range<usize>> = ranges
        .iter()
        .map(|r| r.start.min(text.len())..r.end.min(text.len()))
        .filter(|r| r.start < r.end)
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut bytes: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    bytes.sort_unstable();
    bytes.dedup();
    // `chars[i]` is the char offset of byte offset `bytes[i]`.
    let mut chars = Vec::with_capacity(bytes.len());
    let boundaries = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let mut wanted = bytes.iter().peekable();
    for (n, boundary) in boundaries.enumerate() {
        while wanted.next_if(|&&b| b <= boundary).is_some() {
            chars.push(n);
        }
    }
    let at = |b: usize| {
        bytes
            .binary_search(&b)
            .ok()
            .and_then(|i| chars.get(i).copied())
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for r in &ranges {
        let (Some(start), Some(end)) = (at(r.start), at(r.end)) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

#[cfg(test)]
// The functions take a slice of ranges: `&[0..3]` is one range, not a range meant as a list.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::{char_spans, parts};
    use crate::SnippetPart;

    fn part(text: &str, matched: bool) -> SnippetPart {
        SnippetPart {
            text: text.into(),
            matched,
        }
    }

    #[test]
    fn parts_cut_the_snippet_at_its_matches() {
        let text = "Müller’s poverty-aware work";
        let start = text.find("poverty").unwrap();
        let got = parts(text, &[start..start + 7, start + 8..start + 13]);
        assert_eq!(
            got,
            [
                part("Müller’s ", false),
                part("poverty", true),
                part("-", false),
                part("aware", true),
                part(" work", false),
            ]
        );
        assert_eq!(
            got.iter().map(|p| p.text.as_str()).collect::<String>(),
            text
        );
        // Overlapping, unordered and out-of-range ranges; markup is text.
        let got = parts("<b>x</b> é&amp;", &[11..99, 0..3, 1..2, 5..5]);
        assert_eq!(
            got,
            [
                part("<b>", true),
                part("x</b> é", false),
                part("&amp;", true)
            ]
        );
        assert_eq!(parts("plain", &[]), [part("plain", false)]);
        assert_eq!(parts("", &[0..3]), []);
        assert_eq!(parts("whole", &[0..5]), [part("whole", true)]);
    }

    #[test]
    fn byte_ranges_become_char_spans() {
        let text = "Müller’s poverty-aware work";
        let start = text.find("poverty").unwrap();
        let spans = char_spans(text, &[start..start + 7, start + 8..start + 13]);
        assert_eq!(spans, [(9, 16), (17, 22)]);
        let chars: Vec<char> = text.chars().collect();
        let word: String = chars[spans[0].0..spans[0].1].iter().collect();
        assert_eq!(word, "poverty");
    }

    #[test]
    fn odd_ranges_are_tidied() {
        assert_eq!(
            char_spans("abcdef", &[3..5, 0..2, 1..3, 4..4, 5..99]),
            [(0, 6)]
        );
        assert_eq!(char_spans("", &[0..3]), []);
        // An offset inside "é" (bytes 1..3) moves to its end.
        assert_eq!(char_spans("aéb", &[2..4]), [(2, 3)]);
    }
}
