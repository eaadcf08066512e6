//! Decoded text → documents.
//!
//! A file may hold one document or several essays one after another (a
//! competition's winners). An essay starts where a title line is directly
//! followed by a byline (see `byline`): one naming a university may stand
//! anywhere, a "by Name" or a name alone only under the file's first line,
//! so that a heading inside a body never starts an essay. Its body ends at
//! a "References" line and the entries after it are its reference list. Text before the
//! first essay is the file's preamble: a competition header there ("The
//! criteria: a 750 - 1000 word assignment with the following title: "...")
//! becomes the essays' collection. A file with no essay start is one source
//! document, titled by its first meaningful line.
//!
//! Bodies are cleaned the same way for essays and sources: page furniture is
//! dropped (see `furniture`), a short standalone line becomes a `##` heading,
//! and a paragraph cut in two by a page break (the second half starting in
//! lower case) is joined again.

use std::sync::LazyLock;

use regex::Regex;

use super::byline::{self, Byline, Evidence};
use super::furniture::{is_furniture_block, is_furniture_line};
use super::{CollectionHint, ParsedDoc};
use crate::model::Kind;
use crate::words;

/// How the text marks structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: indentation is not Markdown (no accidental code blocks)
    /// and each line break inside a paragraph is kept.
    Text,
    /// Markdown as written, or as produced from a .docx.
    Markdown,
}

/// Consecutive non-blank lines.
type Block = Vec<String>;

/// A cleaned piece of a body.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Heading(usize, String),
    Para(Vec<String>),
}

static COMPETITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)the criteria:\s*an?\s+(\d{2,5})\s*(?:-|–|—|to)\s*(\d{2,5})[\s-]*words?\b[^\n]*?title\s*:?")
        .unwrap()
});
const MONTH: &str = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+)((?:19|20)\d\d)\b"
    ))
    .unwrap()
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?)\s+(?:19|20)\d\d$"
    ))
    .unwrap()
});
/// A line that may be a "by Name" byline in a source's first blocks.
static BY_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:written\s+)?by:?\s+\p{Lu}").unwrap());
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)\b").unwrap());
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+•]|\d{1,3}[.)])\s+").unwrap());

/// Split a decoded file into its documents. `origin` is the file name; it
/// supplies a year or a title when the text has none.
pub fn split(text: &str, format: Format, origin: &str) -> Vec<ParsedDoc> {
    let blocks = blocks(text, format);
    // The file's first line that is not furniture: a name alone under it
    // is a byline, under any later line it may be a heading. When that line
    // is a date, the file is a published article, whose "by" line is not a
    // student's byline.
    let top = blocks.iter().position(|b| !is_furniture_block(b));
    let mut starts: Vec<(usize, Byline)> = Vec::new();
    // Blocks before this one belong to the last byline found (a second
    // name line right after a first, a co-author, starts nothing).
    let mut free_from = 1;
    for i in 1..blocks.len() {
        if i < free_from || !is_title_line(&blocks[i - 1]) {
            continue;
        }
        let Some(found) = byline::at(&blocks[i..]) else {
            continue;
        };
        let trusted = found.evidence == Evidence::Affiliation || top == Some(i - 1);
        if trusted {
            free_from = i + found.blocks + 1;
            starts.push((i, found));
        }
    }
    let Some(first) = starts.first().map(|(i, _)| *i) else {
        return vec![source(&blocks, format, origin)];
    };
    let preamble = &blocks[..first - 1];
    let preamble_text = preamble
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let hint = competition(&preamble_text, origin);
    let mut docs = Vec::new();
    if hint.is_none() && words::count_plain(&preamble_text) >= 40 {
        docs.push(source(preamble, format, origin));
    }
    for (n, (start, found)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(blocks.len(), |(next, _)| next - 1);
        let title = &blocks[start - 1][0];
        let body = blocks.get(start + found.blocks..end).unwrap_or_default();
        docs.push(essay(title, found, body, hint.clone(), format));
    }
    docs
}

/// The competition header's prompt and word limits, with a year from the
/// header or else the file name.
fn competition(preamble: &str, origin: &str) -> Option<CollectionHint> {
    let caps = COMPETITION.captures(preamble)?;
    let after = &preamble[caps.get(0)?.end()..];
    let prompt = after.lines().map(str::trim).find(|l| !l.is_empty())?;
    let prompt = prompt
        .trim_matches(|c: char| "\"'“”‘’*_".contains(c) || c.is_whitespace())
        .to_owned();
    let year = first_year(preamble).or_else(|| first_year(origin));
    Some(CollectionHint {
        title: prompt.clone(),
        prompt: Some(prompt),
        year,
        min_words: caps[1].parse().ok(),
        max_words: caps[2].parse().ok(),
    })
}

fn essay(
    title_line: &str,
    found: &Byline,
    body: &[Block],
    collection: Option<CollectionHint>,
    format: Format,
) -> ParsedDoc {
    let mut title = heading_text(title_line);
    let (body_blocks, references) = split_references(body);
    let mut pieces = clean(body_blocks, format);
    // Under a competition's prompt an entrant may give her own title as the
    // first line; it names the essay better than the shared prompt does.
    let under_prompt = collection
        .as_ref()
        .is_some_and(|c| same_text(&c.title, &title));
    if under_prompt {
        if let Some(own) = own_title(&pieces) {
            title = own;
            pieces.remove(0);
        }
    }
    let body = render(&pieces, format);
    ParsedDoc {
        kind: Kind::Essay,
        title,
        author: Some(found.author.clone()),
        affiliation: found.affiliation.clone(),
        year: collection.as_ref().and_then(|c| c.year),
        word_count: words::count(&body),
        body,
        references,
        collection,
    }
}

fn source(blocks: &[Block], format: Format, origin: &str) -> ParsedDoc {
    let mut blocks = blocks.to_vec();
    let all_text = blocks
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    let mut author = None;
    let mut affiliation = None;
    let mut title = None;
    // Metadata sits in the first few blocks: a date line, a byline, the title.
    let mut i = 0;
    while i < blocks.len().min(8) {
        let single = blocks[i].len() == 1;
        let line = plain(&blocks[i][0]);
        if single && DATE_LINE.is_match(&line) {
            blocks.remove(i);
            continue;
        }
        if author.is_none() && BY_LINE.is_match(&line) {
            if let Some(found) = byline::at(&blocks[i..]) {
                author = Some(found.author);
                affiliation = found.affiliation;
                let end = (i + found.blocks).min(blocks.len());
                blocks.drain(i..end);
                continue;
            }
        }
        if title.is_none() && !is_furniture_block(&blocks[i]) {
            if line.split_whitespace().count() > 20 {
                title = Some(title_from_file(origin));
            } else {
                let t = heading_text(&blocks[i][0]);
                if !t.chars().any(char::is_alphanumeric) {
                    i += 1;
                    continue;
                }
                // Web pages often repeat the title on the next line.
                blocks[i].retain(|l| !same_text(&heading_text(l), &t));
                title = Some(t);
                if blocks[i].is_empty() {
                    blocks.remove(i);
                }
                continue;
            }
        }
        i += 1;
    }
    let (body_blocks, references) = split_references(&blocks);
    let body = render(&clean(body_blocks, format), format);
    ParsedDoc {
        kind: Kind::Source,
        title: title.unwrap_or_else(|| title_from_file(origin)),
        author,
        affiliation,
        year: DATE
            .captures(&all_text)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| first_year(origin)),
        word_count: words::count(&body),
        body,
        references,
        collection: None,
    }
}

/// The body blocks and the reference entries after a "References" line.
fn split_references(blocks: &[Block]) -> (&[Block], Vec<String>) {
    let Some(at) = blocks
        .iter()
        .position(|b| b.len() == 1 && is_references_heading(&b[0]))
    else {
        return (blocks, Vec::new());
    };
    let mut entries: Vec<String> = Vec::new();
    for block in &blocks[at + 1..] {
        if is_furniture_block(block) {
            continue;
        }
        for line in block
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty() && !is_furniture_line(l))
        {
            match LIST_ITEM.find(line) {
                Some(marker) => entries.push(line[marker.end()..].trim().to_owned()),
                // A line starting in lower case continues a wrapped entry.
                None if line.starts_with(char::is_lowercase) && !entries.is_empty() => {
                    let last = entries.last_mut().expect("checked non-empty");
                    last.push(' ');
                    last.push_str(line);
                }
                None => entries.push(line.to_owned()),
            }
        }
    }
    (&blocks[..at], entries)
}

fn is_references_heading(line: &str) -> bool {
    let t = heading_text(line).trim_end_matches(':').to_lowercase();
    matches!(
        t.as_str(),
        "references" | "reference list" | "bibliography" | "works cited"
    )
}

/// The entrant's own title: a first body line of 4–25 words followed by
/// longer prose.
fn own_title(pieces: &[Piece]) -> Option<String> {
    let (Piece::Para(first), Some(Piece::Para(next))) = (pieces.first()?, pieces.get(1)) else {
        return None;
    };
    let n = words::count_plain(&first.join(" "));
    let longer = words::count_plain(&next.join(" ")) > n * 2;
    (first.len() == 1 && (4..=25).contains(&n) && longer)
        .then(|| heading_text(&first[0]).trim_end_matches('.').to_owned())
}

/// Text → blocks of non-blank lines, with plain text's indentation removed
/// and its bullet characters made Markdown.
fn blocks(text: &str, format: Format) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Block = Vec::new();
    for raw in text.lines() {
        if raw.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
            continue;
        }
        let line = match format {
            Format::Text => {
                let t = raw.trim().replace('\t', " ");
                match t.strip_prefix("• ") {
                    Some(rest) => format!("- {rest}"),
                    None => t,
                }
            }
            Format::Markdown => raw.trim_end().to_owned(),
        };
        current.push(line);
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

/// Drop furniture, mark headings, rejoin paragraphs split by page breaks.
fn clean(blocks: &[Block], format: Format) -> Vec<Piece> {
    let kept: Vec<Block> = blocks
        .iter()
        .filter(|b| !is_furniture_block(b))
        .map(|b| {
            b.iter()
                .filter(|l| !is_furniture_line(l))
                .cloned()
                .collect::<Block>()
        })
        .filter(|b| !b.is_empty())
        .collect();
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, block) in kept.iter().enumerate() {
        if let Some(level) = markdown_heading(&block[0]).filter(|_| block.len() == 1) {
            pieces.push(Piece::Heading(level, heading_text(&block[0])));
            continue;
        }
        if format == Format::Text && i + 1 < kept.len() && is_heading_line(block) {
            pieces.push(Piece::Heading(2, plain(&block[0])));
            continue;
        }
        if let Some(Piece::Para(prev)) = pieces.last_mut() {
            if continues(prev, block) {
                let last = prev.last_mut().expect("paragraphs are never empty");
                last.push(' ');
                last.push_str(block[0].trim_start());
                prev.extend(block[1..].iter().cloned());
                continue;
            }
        }
        pieces.push(Piece::Para(block.clone()));
    }
    pieces
}

/// A standalone short line without closing punctuation: a section heading
/// such as "Continuity" or "Accessibility and time" (but not a "Name -
/// University" signature, as under the essay in the blog post).
fn is_heading_line(block: &Block) -> bool {
    let line = plain(&block[0]);
    let n = line.split_whitespace().count();
    block.len() == 1
        && (1..=6).contains(&n)
        && line.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !line.ends_with(|c: char| ".,;:!?\"”'’)…".contains(c))
        && !LIST_ITEM.is_match(&line)
        && !is_affiliated_byline(block)
}

/// Whether `next` is the rest of paragraph `prev`, cut by a page break.
fn continues(prev: &[String], next: &Block) -> bool {
    let last = prev.last().map(|l| l.trim_end()).unwrap_or_default();
    let first = next[0].trim_start();
    !LIST_ITEM.is_match(prev[0].trim_start())
        && !last.ends_with(['.', '!', '?', ':'])
        && first.starts_with(|c: char| c.is_lowercase())
}

fn render(pieces: &[Piece], format: Format) -> String {
    let rendered: Vec<String> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Heading(level, text) => format!("{} {text}", "#".repeat(*level)),
            // A line break typed in plain text is meant (verse, a speaker's
            // name in a transcript); in Markdown it is a hard break.
            Piece::Para(lines) if format == Format::Text && !LIST_ITEM.is_match(&lines[0]) => {
                lines.join("  \n")
            }
            Piece::Para(lines) => lines.join("\n"),
        })
        .collect();
    rendered.join("\n\n")
}

/// A one-block byline naming an institution ("Name - University").
fn is_affiliated_byline(block: &Block) -> bool {
    byline::at(std::slice::from_ref(block))
        .is_some_and(|b| b.evidence == Evidence::Affiliation && b.blocks == 1)
}

fn is_date_block(block: &Block) -> bool {
    block.len() == 1 && DATE_LINE.is_match(&plain(&block[0]))
}

/// One line of 1–30 words that is not a date, a "References" line, page
/// furniture or itself a byline.
fn is_title_line(block: &Block) -> bool {
    block.len() == 1
        && (1..=30).contains(&block[0].split_whitespace().count())
        && heading_text(&block[0]).chars().any(char::is_alphanumeric)
        && !is_references_heading(&block[0])
        && !is_date_block(block)
        && !is_furniture_block(block)
        && byline::at(std::slice::from_ref(block)).is_none()
}

fn markdown_heading(line: &str) -> Option<usize> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes)
}

/// A line without heading hashes or emphasis markers.
fn heading_text(line: &str) -> String {
    plain(line.trim_start_matches('#'))
}

fn plain(line: &str) -> String {
    line.trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_owned()
}

/// Equal ignoring case, quotes and spacing.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

fn first_year(text: &str) -> Option<i32> {
    YEAR.captures(text).and_then(|c| c[1].parse().ok())
}

/// "social-work-as-a-resource.txt" → "Social work as a resource".
fn title_from_file(origin: &str) -> String {
    let stem = std::path::Path::new(origin)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(origin);
    let spaced = stem.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_ESSAYS: &str = "The criteria: a 750 - 1000 word assignment with the following title:\n\n\
        “Why it matters”\n\nWhy it matters\n\nAna Lee - University of York\n\n\
        First paragraph of Ana's essay, long enough to be prose and not a heading at all.\n\n\
        UNIVERSITY OF\nYORK\n\nContinuity\n\nSecond paragraph ends without a stop because of a page\n\n\
        break in the middle.\n\nReferences\n\n- Lee, A. (2020) A book.\n- Roe, B. (2019) Another.\n\n\
        Why it matters\n\nBo Chan - Cardiff University\n\nBo's essay body is here.\n\nReferences\n\nChan, B. (2018) Thing.\n";

    #[test]
    fn splits_competition_file() {
        let docs = split(TWO_ESSAYS, Format::Text, "comp-2021.txt");
        assert_eq!(docs.len(), 2);
        let ana = &docs[0];
        assert_eq!(ana.author.as_deref(), Some("Ana Lee"));
        assert_eq!(ana.affiliation.as_deref(), Some("University of York"));
        assert_eq!(ana.title, "Why it matters");
        assert_eq!(
            ana.body,
            "First paragraph of Ana's essay, long enough to be prose and not a heading at all.\n\n\
             ## Continuity\n\nSecond paragraph ends without a stop because of a page break in the middle."
        );
        assert_eq!(
            ana.references,
            ["Lee, A. (2020) A book.", "Roe, B. (2019) Another."]
        );
        let hint = ana.collection.as_ref().unwrap();
        assert_eq!(
            (hint.min_words, hint.max_words, hint.year),
            (Some(750), Some(1000), Some(2021))
        );
        assert_eq!(docs[1].references, ["Chan, B. (2018) Thing."]);
    }

    #[test]
    fn source_metadata() {
        let text =
            "Monday 29 June 2020\n\nA Title Here\n\nby Jo Bloggs\n\nSome text of the article.\n";
        let doc = &split(text, Format::Text, "x.txt")[0];
        assert_eq!(doc.kind, Kind::Source);
        assert_eq!(doc.title, "A Title Here");
        assert_eq!(doc.author.as_deref(), Some("Jo Bloggs"));
        assert_eq!(doc.year, Some(2020));
        assert_eq!(doc.body, "Some text of the article.");
    }

    #[test]
    fn odd_shapes_do_not_panic() {
        for text in [
            "",
            "References",
            "Title\n\nAna Lee - University of York",
            "Title\n\nAna Lee - University of York\n\nBo Chan - University of Hull\n\nText.",
            "Title\n\nAna Lee - University of York\n\nReferences\n\n- \n\nTitle\n\nBo Chan - University of Hull",
            "# \n\n##\n\n- \n\n**\n\n  \u{a0} \n\nby X",
        ] {
            for format in [Format::Text, Format::Markdown] {
                split(text, format, "f.txt");
            }
        }
    }

    #[test]
    fn untitled_text_is_named_after_its_file() {
        let long = "word ".repeat(40);
        assert_eq!(
            split(&long, Format::Text, "my-notes.txt")[0].title,
            "My notes"
        );
    }

    #[test]
    fn byline_forms_start_essays() {
        for (text, author, affiliation) in [
            (
                "A title\n\nJane Doe, University of Kent\n\nBody text here.",
                "Jane Doe",
                Some("University of Kent"),
            ),
            (
                "# A title\n\n**Jane Doe**\n\nBody text here.",
                "Jane Doe",
                None,
            ),
            (
                "A title\n\nby Jane Doe\n\nBody text here.",
                "Jane Doe",
                None,
            ),
            (
                "A title\n\nJane Doe\nUniversity of Kent\n\nBody text here.",
                "Jane Doe",
                Some("University of Kent"),
            ),
            (
                "A title\n\nJane Doe\n\nUniversity of Kent\n\nBody text here.",
                "Jane Doe",
                Some("University of Kent"),
            ),
            (
                "A title\n\nJane Doe (University of Kent)\n\nBody text here.",
                "Jane Doe",
                Some("University of Kent"),
            ),
        ] {
            for format in [Format::Text, Format::Markdown] {
                let docs = split(text, format, "f.md");
                assert_eq!(docs.len(), 1, "{text}");
                let doc = &docs[0];
                assert_eq!(doc.kind, Kind::Essay, "{text}");
                assert_eq!(doc.author.as_deref(), Some(author), "{text}");
                assert_eq!(doc.affiliation.as_deref(), affiliation, "{text}");
                assert_eq!(doc.body, "Body text here.", "{text}");
            }
        }
    }

    #[test]
    fn lookalikes_under_a_title_start_nothing() {
        for second in [
            "Working Better Together",
            "Introduction",
            "Social workers must listen to families.",
            "12 March 2021",
            "Word count: 998",
            "Student number: 20193344",
            "(Krumer-Nevo, 2016, p. 1796)",
        ] {
            let text = format!("A title\n\n{second}\n\nBody text here.");
            let doc = &split(&text, Format::Text, "f.txt")[0];
            assert_eq!(
                (doc.kind, doc.author.as_deref()),
                (Kind::Source, None),
                "{second}"
            );
        }
    }

    #[test]
    fn a_name_inside_a_body_starts_no_essay() {
        let text = "Notes\n\nA long first paragraph that is plainly prose and nothing else.\n\n\
                    Case notes\n\nMaria Lopez\n\nMaria asked for help with housing.";
        let docs = split(text, Format::Text, "f.txt");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].kind, Kind::Source);
    }
}

/// Essays generated from the grammar of what students hand in: furniture,
/// a title, a byline in one of the supported forms, headings, paragraphs
/// with citations, page furniture and a reference list, written as plain
/// text or Markdown and saved in one of the encodings Word and Notepad use.
#[cfg(test)]
mod grammar {
    use proptest::prelude::*;

    use crate::model::Kind;

    const GIVEN: &[&str] = &[
        "Jane", "Omar", "Aoife", "Chiamaka", "Renée", "Siobhan", "Tomasz", "Priya", "J.", "Kwame",
        "Lotte", "José",
    ];
    const SURNAMES: &[&str] = &[
        "Doe",
        "Mohamed",
        "O'Reilly",
        "Krumer-Nevo",
        "van der Berg",
        "Wiśniewski",
        "Eze",
        "de Souza",
        "McAllister",
        "Ní Bhriain",
        "Okafor",
        "Lindqvist",
    ];
    const UNIVERSITIES: &[&str] = &[
        "University of Kent",
        "Cardiff University",
        "King's College London",
        "Queen's University Belfast",
        "School of Social Work, University of Leicester",
        "Vrije Universiteit Amsterdam",
        "The Open University",
    ];
    const TITLES: &[&str] = &[
        "Working better together",
        "Why relationships matter in child protection",
        "Beyond two metres apart – using social media",
        "“Nobody asked me”: listening first",
        "Power, honesty and trust",
        "Relationship-based practice",
    ];
    const SENTENCES: &[&str] = &[
        "Relationships sit at the centre of practice (Ruch, 2018).",
        "Krumer-Nevo (2016, p. 1796) calls this poverty-aware practice.",
        "Families told us that being listened to mattered more than any service.",
        "Trust grew slowly, and it grew when workers kept their word (Ferguson et al., 2020; Munro, 2011).",
        "As Beckford’s (2016) work shows, “underserved” areas are over-policed.",
        "This essay argues that honesty about power is where a relationship starts",
        "in the middle of a sentence cut by a page break.",
    ];
    const HEADINGS: &[&str] = &[
        "Introduction",
        "Continuity",
        "Empathy and trust",
        "The wider picture",
        "Conclusion",
    ];
    const FURNITURE: &[&str] = &[
        "UNIVERSITY OF\nLINCOLN",
        "12",
        "Page 3 of 9",
        "Figure 1: A model of trust",
        "Picture: A. Photographer",
    ];
    const REFERENCES: &[&str] = &[
        "Ruch, G. (2018) Relationship-based social work. London: Jessica Kingsley.",
        "- Munro, E. (2011) The Munro review of child protection. London: DfE.",
        "Krumer-Nevo, M. (2016) Poverty-aware social work. British Journal of Social Work, 46(6), pp. 1793-1808.",
        "1. Ferguson, H. et al. (2020) Relationship-based practice. Bristol: Policy Press.",
    ];

    /// How the byline is written.
    #[derive(Debug, Clone, Copy)]
    enum Form {
        Dash,
        Comma,
        Bracket,
        By,
        ByWithUniversity,
        NextLine,
        NextParagraph,
        BoldWithUniversity,
    }

    #[derive(Debug, Clone, Copy)]
    enum Encoding {
        Utf8,
        Utf8Bom,
        Utf16LeBom,
        Utf16BeBom,
        Utf16LeBare,
        Windows1252,
    }

    #[derive(Debug, Clone)]
    struct Essay {
        furniture_on_top: Option<&'static str>,
        title: &'static str,
        name: String,
        university: &'static str,
        form: Form,
        body: Vec<String>,
        references: Vec<&'static str>,
        markdown: bool,
        encoding: Encoding,
    }

    fn pick(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
        proptest::sample::select(items)
    }

    fn form() -> impl Strategy<Value = Form> {
        prop_oneof![
            Just(Form::Dash),
            Just(Form::Comma),
            Just(Form::Bracket),
            Just(Form::By),
            Just(Form::ByWithUniversity),
            Just(Form::NextLine),
            Just(Form::NextParagraph),
            Just(Form::BoldWithUniversity),
        ]
    }

    fn encoding() -> impl Strategy<Value = Encoding> {
        prop_oneof![
            Just(Encoding::Utf8),
            Just(Encoding::Utf8Bom),
            Just(Encoding::Utf16LeBom),
            Just(Encoding::Utf16BeBom),
            Just(Encoding::Utf16LeBare),
            Just(Encoding::Windows1252),
        ]
    }

    /// A paragraph of 1–4 sentences.
    fn paragraph() -> impl Strategy<Value = String> {
        proptest::collection::vec(pick(SENTENCES), 1..5).prop_map(|s| s.join(" "))
    }

    /// A body block: a paragraph, a heading or furniture.
    fn block() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => paragraph(),
            1 => pick(HEADINGS).prop_map(str::to_owned),
            1 => pick(FURNITURE).prop_map(str::to_owned),
        ]
    }

    fn essay() -> impl Strategy<Value = Essay> {
        (
            proptest::option::of(pick(FURNITURE)),
            pick(TITLES),
            (pick(GIVEN), pick(SURNAMES)),
            pick(UNIVERSITIES),
            form(),
            (paragraph(), proptest::collection::vec(block(), 0..12)),
            proptest::collection::vec(pick(REFERENCES), 0..5),
            any::<bool>(),
            encoding(),
        )
            .prop_map(
                |(
                    furniture_on_top,
                    title,
                    (given, surname),
                    university,
                    form,
                    (first, rest),
                    references,
                    markdown,
                    encoding,
                )| Essay {
                    furniture_on_top,
                    title,
                    name: format!("{given} {surname}"),
                    university,
                    form,
                    body: std::iter::once(first).chain(rest).collect(),
                    references,
                    markdown,
                    encoding,
                },
            )
    }

    impl Essay {
        fn byline(&self) -> String {
            let (n, u) = (&self.name, self.university);
            match self.form {
                Form::Dash => format!("{n} - {u}"),
                Form::Comma => format!("{n}, {u}"),
                Form::Bracket if u.contains('(') => format!("{n} - {u}"),
                Form::Bracket => format!("{n} ({u})"),
                Form::By => format!("by {n}"),
                Form::ByWithUniversity => format!("By {n}, {u}"),
                Form::NextLine => format!("{n}\n{u}"),
                Form::NextParagraph => format!("{n}\n\n{u}"),
                Form::BoldWithUniversity if self.markdown => format!("**{n}**, {u}"),
                Form::BoldWithUniversity => format!("{n} – {u}"),
            }
        }

        fn affiliation(&self) -> Option<&'static str> {
            (!matches!(self.form, Form::By)).then_some(self.university)
        }

        fn text(&self) -> String {
            let mut parts: Vec<String> = Vec::new();
            parts.extend(self.furniture_on_top.map(str::to_owned));
            parts.push(if self.markdown {
                format!("# {}", self.title)
            } else {
                self.title.to_owned()
            });
            parts.push(self.byline());
            parts.extend(self.body.iter().cloned());
            if !self.references.is_empty() {
                parts.push(if self.markdown {
                    "## References".to_owned()
                } else {
                    "References".to_owned()
                });
                parts.extend(self.references.iter().map(|r| (*r).to_owned()));
            }
            parts.join("\n\n") + "\n"
        }

        fn bytes(&self) -> Option<Vec<u8>> {
            let text = self.text();
            Some(match self.encoding {
                Encoding::Utf8 => text.into_bytes(),
                Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                Encoding::Utf16LeBom => b"\xFF\xFE"
                    .iter()
                    .copied()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect(),
                Encoding::Utf16BeBom => b"\xFE\xFF"
                    .iter()
                    .copied()
                    .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                    .collect(),
                Encoding::Utf16LeBare => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                Encoding::Windows1252 => {
                    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                    if unmappable {
                        return None;
                    }
                    bytes.into_owned()
                }
            })
        }

        fn file_name(&self) -> &'static str {
            if self.markdown {
                "essay.md"
            } else {
                "essay.txt"
            }
        }
    }

    proptest! {
        // 256 cases by default; PROPTEST_CASES sets more for a long run.
        /// Every generated essay is read, is one essay, and names the
        /// generated author and university.
        #[test]
        fn generated_essays_keep_their_byline(essay in essay()) {
            let Some(bytes) = essay.bytes() else { return Ok(()) };
            let docs = super::super::parse(essay.file_name(), &bytes).map(|f| f.docs)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}", essay.text())))?;
            let doc = docs.iter().find(|d| d.kind == Kind::Essay);
            let doc = doc.ok_or_else(|| TestCaseError::fail(format!("no essay in\n{}", essay.text())))?;
            prop_assert_eq!(doc.author.as_deref(), Some(essay.name.as_str()), "{}", essay.text());
            prop_assert_eq!(doc.affiliation.as_deref(), essay.affiliation(), "{}", essay.text());
            prop_assert!(!doc.body.contains(essay.university) || essay.body.iter().any(|b| b.contains(essay.university)));
            let c1 = doc.body.chars().any(|c| matches!(u32::from(c), 0x80..=0x9F));
            prop_assert!(!c1, "C1 control in body");
        }

        /// A competition file of several generated essays splits into as
        /// many, each with its own author.
        #[test]
        fn generated_competition_files_split(essays in proptest::collection::vec(essay(), 1..5)) {
            let essays: Vec<Essay> = essays
                .into_iter()
                .map(|mut e| {
                    // Inside a file only an affiliation starts an essay.
                    if matches!(e.form, Form::By) { e.form = Form::Dash; }
                    e.furniture_on_top = None;
                    e.markdown = false;
                    e
                })
                .collect();
            let text: String = essays.iter().map(Essay::text).collect::<Vec<_>>().join("\n");
            let docs = super::super::parse("competition.txt", text.as_bytes()).map(|f| f.docs)
                .map_err(TestCaseError::fail)?;
            let authors: Vec<Option<&str>> = docs.iter().filter(|d| d.kind == Kind::Essay).map(|d| d.author.as_deref()).collect();
            let want: Vec<Option<&str>> = essays.iter().map(|e| Some(e.name.as_str())).collect();
            prop_assert_eq!(authors, want, "{}", text);
        }
    }
}
