//! Reference-list entries → CSL-JSON.
//!
//! The parse runs in stages, each cutting out what it recognises so the next
//! reads less: links (URL, DOI, access date), the head (authors, year), the
//! title (quoted, italic, or the first sentence), a chapter's book, the
//! container (journal, newspaper), the numbers (volume, issue, pages,
//! edition) and what is left (place and publisher). The type follows from
//! what was found. Markdown italics are kept until the end because they are
//! often the only thing separating a title from its journal.

mod authors;
mod date;
mod head;
mod links;
mod numbers;
mod words;

use std::sync::LazyLock;

use quire_csl::{CslItem, DateField};
use regex::Regex;

use crate::slice;
use authors::{parse_authors, parse_editors, parse_natural};
use head::{first_sentence_end, split_head, Head};
use links::take_links;
use numbers::{take_numbers, take_trailing_edition};

/// An entry as parsed, with what CSL-JSON has no field for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    pub item: CslItem,
    /// The author list ended in "et al.", so the entry names fewer authors
    /// than the work has.
    pub et_al: bool,
    /// The entry says "n.d.": undated on purpose, not a missing year.
    pub undated: bool,
    /// The entry's number in a numbered list: "[3] J. Smith, …" (IEEE),
    /// "3. Smith J. …" (Vancouver).
    pub number: Option<u32>,
}

/// Parses one reference-list entry in any common style into CSL-JSON.
/// Never fails: what cannot be recognised is left out of the item.
pub fn parse_reference(entry: &str) -> CslItem {
    parse_entry(entry).item
}

static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*•+]\s+|\\?\[\d+\\?\]\s*|\\?\d{1,3}[.)]\s+)").expect("list marker regex")
});
/// The number of a numbered entry; from Word it comes escaped ("\[3\]", "\3.").
static ENTRY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*•+]\s+)?(?:\\?\[(\d{1,3})\\?\]|\\?(\d{1,3})[.)])\s")
        .expect("entry number regex")
});

/// The number a numbered entry starts with: "[3] J. Smith, …", "3. Smith J. …".
pub fn entry_number(entry: &str) -> Option<u32> {
    let c = ENTRY_NUMBER.captures(entry)?;
    c.get(1)
        .or(c.get(2))?
        .as_str()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}
/// "Title. In: Editor (ed.) *Book*" written inside the title's quotes.
static CHAPTER_IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.?!'’”\x22]\s+In:?\s+").expect("chapter regex"));
static CHAPTER_AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s.,;'’”\x22?!]*[Ii]n:?\s+").expect("chapter regex"));
static EDITOR_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(?\b(?:eds?|editors?)\b\.?\)?[.,]?").expect("editor regex"));
static PLACE_PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{L}][\p{L}'’&\-. ]*?)\s*:\s*([\p{L}][\p{L}'’&\-. ]*[\p{L}.])")
        .expect("place regex")
});

/// Where numbers start inside an italic container: ", 46", ", Volume 46".
static NUMBERS_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s*(?:\d|vol\b|vol\.|volume\b|issue\b|no\.)").expect("numbers regex")
});

/// Where a piece of an entry's tail ends: punctuation before a space or the
/// end, so "GOV.UK" stays whole.
static PIECE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.;,](?:\s+|$)").expect("piece regex"));

/// Command papers and report numbers: "Cm 8062", "HC 123", "No. 4".
static REPORT_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}\p{L}{0,3}\.?\s?\d+$").expect("report number regex"));

const QUOTES: [char; 6] = ['\'', '‘', '’', '"', '“', '”'];

/// Line-level tidying: list markers, bold, underscores used as italics.
fn clean(entry: &str) -> String {
    let s = entry.replace("**", "");
    let s = LIST_MARKER.replace(&s, "");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn parse_entry(entry: &str) -> ParsedEntry {
    let cleaned = clean(entry);
    let (s, links) = take_links(&cleaned);
    let mut head = split_head(&s);
    if head.authors.is_empty() && s.starts_with(QUOTES) {
        // "'British Association of Social Work (2014) Code of Ethics.'": the
        // student quoted the whole entry, head and all.
        let unquoted = s.trim_start_matches(QUOTES);
        let inner = split_head(unquoted);
        if !inner.authors.is_empty() && inner.year.is_some() {
            head = inner;
        }
    }
    let Head {
        authors,
        natural_order,
        year,
        date_detail,
        rest,
    } = head;
    let authors = if natural_order {
        parse_natural(authors)
    } else {
        parse_authors(authors)
    };
    let mut item = if authors.editors {
        CslItem {
            editor: authors.names,
            ..CslItem::default()
        }
    } else {
        CslItem {
            author: authors.names,
            ..CslItem::default()
        }
    };
    set_year(&mut item, year.as_deref(), date_detail.as_deref());
    item.url = links.url;
    item.doi = links.doi;
    item.accessed = links.accessed;
    let mut found = parse_rest(rest, &mut item);
    // "HM Government (2018) *Working Together…*": organisations write reports.
    found.organisation |= item
        .author
        .iter()
        .any(|a| a.literal.as_deref().is_some_and(words::is_organisation));
    item.kind = kind(&item, &found).to_string();
    let undated = year
        .as_deref()
        .is_some_and(|y| y.to_lowercase().starts_with('n'));
    ParsedEntry {
        item,
        et_al: authors.et_al,
        undated,
        number: entry_number(entry),
    }
}

fn set_year(item: &mut CslItem, year: Option<&str>, detail: Option<&str>) {
    let Some(year) = year else { return };
    let lower = year.to_lowercase();
    if lower.starts_with("in press") || lower == "forthcoming" {
        item.status = Some(lower);
        return;
    }
    let digits: String = year.chars().take_while(char::is_ascii_digit).collect();
    let Ok(y) = digits.parse::<i32>() else { return };
    let suffix: String = year.chars().skip_while(char::is_ascii_digit).collect();
    if !suffix.is_empty() {
        item.year_suffix = Some(suffix);
    }
    let (month, day) = detail.and_then(date::parse_month_day).unzip();
    item.issued = Some(DateField::ymd(y, month, day));
}

/// What the rest of the entry showed beyond CSL fields, for choosing a type.
#[derive(Debug, Default)]
struct Found {
    chapter: bool,
    thesis: bool,
    news: bool,
    /// The container is italic text the student put where a journal goes.
    organisation: bool,
    italic_title: bool,
}

/// Splits `s` at the first italic span: (before, inside, after).
fn italic(s: &str) -> Option<(&str, &str, &str)> {
    let open = s.find('*')?;
    let close = slice::after(s, open + 1).find('*')? + open + 1;
    Some((
        slice::before(s, open),
        slice::part(s, open + 1, close),
        slice::after(s, close + 1),
    ))
}

fn tidy(s: &str) -> String {
    let t = s.replace(['*'], "").replace("[Internet]", "");
    let mut t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = t.len();
        t = t
            .trim_matches(|c: char| c.is_whitespace() || ".,;:".contains(c))
            .to_string();
        // Drop a quote at either end only when it has no partner inside.
        for q in QUOTES {
            let unpaired = |t: &str| match q {
                '‘' => t.matches('’').count() == 0,
                '“' => t.matches('”').count() == 0,
                '’' => t.matches('‘').count() == 0 && t.matches('’').count() % 2 == 1,
                '”' => t.matches('“').count() == 0,
                _ => t.matches(q).count() % 2 == 1,
            };
            if t.starts_with(q) && unpaired(&t) {
                t.remove(0);
            }
            if t.ends_with(q) && unpaired(&t) {
                t.pop();
            }
        }
        if t.len() == before {
            break;
        }
    }
    // '"Only Connect": Unifying…' lost its opening quote with the outer one.
    if t.matches('"').count() % 2 == 1 {
        t.insert(0, '"');
    }
    t
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The end of a quoted title that starts `s` (after its opening quotes):
/// a quote after a full stop or question mark, or before a comma, full stop
/// or italics. Apostrophes inside words and plural possessives are skipped.
fn closing_quote(s: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let quote_at = |k: usize| {
        let (i, c) = chars[k];
        let prev = chars.get(k.wrapping_sub(1)).map(|&(_, c)| c)?;
        let next = chars.get(k + 1).map(|&(_, c)| c);
        QUOTES.contains(&c).then_some((i, prev, next))
    };
    // A quote right after the title's own full stop: 'Title.' or 'Why?'
    let strong = (1..chars.len())
        .filter_map(quote_at)
        .find(|&(_, prev, next)| {
            ".?!".contains(prev) && next.is_none_or(|n| n.is_whitespace() || n == '*' || n == ',')
        });
    if let Some((i, _, _)) = strong {
        return Some(i);
    }
    let weak = (1..chars.len())
        .filter_map(quote_at)
        .find(|&(_, _, next)| matches!(next, None | Some(',' | '.' | ';' | ':' | '*')));
    let spaced = (1..chars.len())
        .filter_map(quote_at)
        .find(|&(_, prev, next)| next.is_some_and(char::is_whitespace) && !prev.is_alphabetic());
    weak.or(spaced).map(|(i, _, _)| i)
}

/// Title, chapter book, container, numbers, place and publisher.
fn parse_rest(rest: &str, item: &mut CslItem) -> Found {
    let mut found = Found::default();
    let r = rest.trim_start_matches(|c: char| c.is_whitespace() || ".,:;".contains(c));

    // The title and what follows it.
    let (title, after): (String, &str) = if r.starts_with(QUOTES) {
        let inner = r.trim_start_matches(QUOTES);
        let offset = r.len() - inner.len();
        match closing_quote(inner) {
            Some(q) => (
                slice::before(inner, q).to_string(),
                slice::after(r, offset + q),
            ),
            None => match inner.find('*') {
                Some(star) => (
                    slice::before(inner, star).to_string(),
                    slice::after(r, offset + star),
                ),
                None => split_sentence(inner),
            },
        }
    } else if r.starts_with('*') {
        found.italic_title = true;
        match italic(r) {
            Some((_, inside, after)) => (inside.to_string(), after),
            None => (r.to_string(), ""),
        }
    } else {
        match (r.find('*'), first_sentence_end(r)) {
            (Some(star), Some(end)) if star < end => {
                (slice::before(r, star).to_string(), slice::after(r, star))
            }
            (_, Some(end)) => (slice::before(r, end).to_string(), slice::after(r, end)),
            (Some(star), None) => (slice::before(r, star).to_string(), slice::after(r, star)),
            (None, None) => split_at_container(r),
        }
    };

    // A chapter: "… In: R. Vasta. eds. *Book*", possibly inside the title quote.
    let (mut title, after) = match CHAPTER_IN_TITLE.find(&title) {
        Some(m) => {
            found.chapter = true;
            // Keep the punctuation that closed the title; it may be a
            // multi-byte quote ("’ In").
            let kept = m.start() + m.as_str().chars().next().map_or(0, char::len_utf8);
            (
                slice::part(&title, 0, kept).to_string(),
                format!("{}{}", slice::part(&title, m.end(), title.len()), after),
            )
        }
        None => match CHAPTER_AT_START.find(after) {
            Some(m) => {
                found.chapter = true;
                (title, slice::after(after, m.end()).to_string())
            }
            None => (title, after.to_string()),
        },
    };
    let after = if found.chapter {
        take_editors(&after, item)
    } else {
        after
    };

    // Place inside a quoted title: "Anti-poverty Practice Guide for Social Work. Birmingham."
    if let Some((t, place)) = title.trim_end_matches(['.', ' ']).rsplit_once(". ") {
        if !place.contains(' ')
            && place.chars().next().is_some_and(char::is_uppercase)
            && !t.is_empty()
        {
            item.publisher_place = Some(place.to_string());
            title = t.to_string();
        }
    }
    if let Some((t, edition)) = take_trailing_edition(title.trim_end_matches(['.', ' '])) {
        title = t;
        item.edition = Some(edition);
    }
    item.title = non_empty(tidy(&title));

    // The container: italic text right after the title, or plain text up
    // to the numbers.
    let after = after.trim_start_matches(|c: char| {
        c.is_whitespace() || ".,:;".contains(c) || QUOTES.contains(&c)
    });
    let (container, tail) = match italic(after).filter(|(before, _, _)| before.trim().is_empty()) {
        Some((_, inside, tail)) => (Some(inside.to_string()), tail.to_string()),
        None if item.title.is_some() && !found.italic_title => plain_container(after),
        None => (None, after.to_string()),
    };
    // "*The British Journal of Social Work, Volume 46, Issue 6, …*": numbers inside the italics.
    let (container, tail) = match container
        .as_deref()
        .and_then(|c| NUMBERS_START.find(c).map(|m| m.start()))
    {
        Some(at) => {
            let c = container.unwrap_or_default();
            (
                Some(slice::before(&c, at).to_string()),
                format!("{} {tail}", slice::after(&c, at)),
            )
        }
        None => (container, tail),
    };
    let tail = tail.replace('*', " ");
    let (tail, numbers) = take_numbers(&tail);
    item.volume = numbers.volume;
    item.issue = numbers.issue;
    item.page = numbers.page;
    item.edition = item.edition.take().or(numbers.edition);
    if let Some(c) = container {
        place_container(&c, item, &mut found);
    }
    take_publisher(&tail, item, &mut found);
    found
}

/// An entry written with commas only ("Title, Journal Name 21, 283-294",
/// "Title, final report, Department for Education"): the title ends at the
/// first comma before a capitalised journal, publisher or organisation.
fn split_at_container(r: &str) -> (String, &str) {
    for (i, _) in r.match_indices(", ") {
        let next = slice::after(r, i + 2);
        let segment = next.split(',').next().unwrap_or(next);
        let segment_words =
            segment.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let capitalised = next.chars().next().is_some_and(char::is_uppercase);
        if capitalised
            && (words::is_journal(segment_words)
                || words::is_publisher(segment_words)
                || words::is_organisation(segment_words))
        {
            return (slice::before(r, i).to_string(), next);
        }
    }
    (r.to_string(), "")
}

/// Title up to the first sentence end, and the rest.
fn split_sentence(s: &str) -> (String, &str) {
    match first_sentence_end(s) {
        Some(end) => (slice::before(s, end).to_string(), slice::after(s, end)),
        None => (s.to_string(), ""),
    }
}

/// Without italics, a journal name runs from after the title to the first
/// comma or number: "Journal of Social Work, 21(3), 1–2".
fn plain_container(after: &str) -> (Option<String>, String) {
    let end = after
        .char_indices()
        .find(|&(i, c)| {
            c == ','
                || c == ';'
                || c.is_ascii_digit()
                || (c == '.' && slice::after(after, i + 1).starts_with(' '))
        })
        .map_or(after.len(), |(i, _)| i);
    let candidate = slice::before(after, end).trim();
    let has_numbers = slice::after(after, end).chars().any(|c| c.is_ascii_digit());
    if candidate.is_empty()
        || candidate.contains(':')
        || !has_numbers && !words::is_journal(candidate) && !words::is_news(candidate)
    {
        return (None, after.to_string());
    }
    (
        Some(candidate.to_string()),
        slice::after(after, end).to_string(),
    )
}

/// Editors of a chapter's book, then the book title as container.
fn take_editors(after: &str, item: &mut CslItem) -> String {
    let (editors, book, tail) = match italic(after) {
        Some((before, inside, tail)) => (
            before.to_string(),
            Some(inside.to_string()),
            tail.to_string(),
        ),
        None => match EDITOR_MARK.find(after) {
            Some(m) => {
                let (book, tail) = split_sentence(slice::after(after, m.end()).trim_start());
                (
                    slice::before(after, m.start()).to_string(),
                    Some(book),
                    tail.to_string(),
                )
            }
            None => (String::new(), None, after.to_string()),
        },
    };
    let editors = EDITOR_MARK.replace_all(&editors, " ");
    item.editor = parse_editors(&editors);
    item.container_title = book.map(|b| tidy(&b)).and_then(non_empty);
    tail
}

/// Decides what an italic or plain container is: a journal or newspaper,
/// a publisher block ("London: Sage"), a thesis note, or an organisation.
fn place_container(c: &str, item: &mut CslItem, found: &mut Found) {
    let c = c.trim().trim_end_matches(['.', ',', ' ']);
    if words::is_thesis(c) {
        found.thesis = true;
        if let Some((_, institution)) = c.split_once(',') {
            item.publisher = non_empty(tidy(institution));
        }
        return;
    }
    if item.container_title.is_some() {
        take_publisher(c, item, found);
        return;
    }
    let short_place = |cap: &regex::Captures<'_>| {
        cap[1].split_whitespace().count() <= 2 && !words::is_journal(&cap[1])
            || words::is_publisher(c)
    };
    if let Some(cap) = PLACE_PUBLISHER.captures(c).filter(short_place) {
        set_place_publisher(&cap[1], &cap[2], item, found);
        return;
    }
    // "Editorial. Aoteroa New Zealand Social Work": the last sentence names the journal.
    let c = match c.split_once(". ") {
        Some((first, last)) if !first.contains(' ') && last.split_whitespace().count() >= 2 => last,
        _ => c,
    };
    let journal_like =
        item.volume.is_some() || item.issue.is_some() || item.page.is_some() || item.doi.is_some();
    if words::is_publisher(c) || (words::is_organisation(c) && !journal_like) {
        found.organisation = words::is_organisation(c);
        item.publisher = non_empty(tidy(c));
    } else {
        found.news = words::is_news(c);
        item.container_title = non_empty(tidy(c));
    }
}

fn set_place_publisher(a: &str, b: &str, item: &mut CslItem, found: &mut Found) {
    let (a, b) = (tidy(a), tidy(b));
    // "Jessica Kingsley Publishers: London" puts the publisher first.
    let (place, publisher) = if words::is_publisher(&a) && !words::is_publisher(&b) {
        (b, a)
    } else {
        (a, b)
    };
    found.organisation |= words::is_organisation(&publisher);
    item.publisher_place = non_empty(place);
    item.publisher = non_empty(publisher);
}

/// Place and publisher from the unlabelled tail: "London: Sage, pp. 137-141",
/// "Publisher.", "Publisher, 2020." (MLA), "London: Publisher; 2020" (Vancouver).
fn take_publisher(tail: &str, item: &mut CslItem, found: &mut Found) {
    let tail = tail.replace(['(', ')'], " ");
    let pieces: Vec<String> = PIECE_END
        .split(&tail)
        .map(tidy)
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphabetic))
        .filter(|p| {
            // "PhD thesis. University of Edinburgh."
            let thesis = words::is_thesis(p);
            found.thesis |= thesis;
            !thesis
        })
        .filter(|p| {
            !matches!(
                p.to_lowercase().as_str(),
                "web" | "print" | "online" | "n" | "d" | "s" | "pp" | "p"
            )
        })
        .filter(|p| !REPORT_NUMBER.is_match(p))
        .collect();
    let joined = pieces.join(", ");
    if let Some(cap) = PLACE_PUBLISHER.captures(&joined) {
        set_place_publisher(&cap[1], &cap[2], item, found);
        return;
    }
    let Some(first) = pieces
        .into_iter()
        .find(|p| !words::is_news(p) || item.container_title.is_none())
    else {
        return;
    };
    if item.publisher.is_none() && date::parse_month_day(&first).is_none() {
        let site_name = item.url.is_some()
            && found.italic_title
            && !words::is_organisation(&first)
            && !words::is_publisher(&first);
        if item.container_title.is_none()
            && (site_name || !words::is_organisation(&first) && words::is_journal(&first))
        {
            item.container_title = Some(first);
        } else {
            found.organisation |= words::is_organisation(&first);
            item.publisher = Some(first);
        }
    } else if let Some((m, d)) = date::parse_month_day(&first) {
        // "*The Guardian*, 28 January": a newspaper's or magazine's date.
        if let Some(y) = item.year() {
            item.issued = Some(DateField::ymd(y, Some(m), Some(d)));
        }
    }
}

/// The CSL type that fits what was found.
fn kind(item: &CslItem, found: &Found) -> &'static str {
    let numbers = item.volume.is_some() || item.issue.is_some() || item.page.is_some();
    let pdf = item
        .url
        .as_deref()
        .is_some_and(|u| u.to_lowercase().ends_with(".pdf"));
    if found.chapter {
        "chapter"
    } else if found.thesis {
        "thesis"
    } else if item
        .container_title
        .as_deref()
        .is_some_and(words::is_magazine)
    {
        "article-magazine"
    } else if item.container_title.is_some() && found.news {
        "article-newspaper"
    } else if item.container_title.is_some()
        && (numbers || item.doi.is_some() || item.url.is_none())
    {
        "article-journal"
    } else if item.container_title.is_some() {
        "webpage"
    } else if numbers && item.publisher.is_none() {
        "article-journal"
    } else if pdf || found.organisation && item.url.is_none() {
        "report"
    } else if item.url.is_some() {
        "webpage"
    } else if item.publisher.is_some() || found.italic_title {
        "book"
    } else {
        "document"
    }
}
