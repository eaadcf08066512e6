//! Line, column and paragraph reconstruction for the PDF reader: turns the
//! positioned glyphs of each page into Markdown paragraphs in reading order,
//! without running headers, footers and page numbers. Pure geometry, no PDF
//! parsing, so it is tested on its own.

use std::collections::{HashMap, HashSet};

/// One glyph as the content stream draws it: `x`/`y` in points from the
/// page's top left, `adv` its advance, `size` the rendered font size.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub x: f64,
    pub y: f64,
    pub adv: f64,
    pub size: f64,
    pub ch: String,
}

/// A page's glyphs in drawing order.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// A run of text on one baseline in one column.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    page: usize,
    /// Left and right edge of the column the line sits in.
    col: (f64, f64),
    /// First line of a column (or page): no vertical gap to measure.
    col_start: bool,
}

/// Characters that are presentation forms of plain text: ligatures, soft
/// hyphens, and the like; everything else is kept as drawn.
fn normalise_char(s: &str, out: &mut String) {
    use unicode_normalization::UnicodeNormalization;
    for c in s.chars() {
        match c {
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\t' | '\n' | '\r' => out.push(' '),
            '\u{00AD}' | '\u{0000}'..='\u{001F}' | '\u{FEFF}' | '\u{FFFD}' => {}
            '\u{FB00}'..='\u{FB4F}' | '\u{FE70}'..='\u{FEFF}' | '\u{FF01}'..='\u{FF5E}' => {
                out.extend(c.to_string().nfkc())
            }
            _ => out.push(c),
        }
    }
}

/// Splits the glyphs of a page into lines: consecutive glyphs on one
/// baseline with no wide gap between them.
fn page_lines(page: &Page, page_no: usize) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Option<Line> = None;
    for g in &page.glyphs {
        let size = if g.size.is_finite() && g.size > 0.5 {
            g.size
        } else {
            10.0
        };
        let mut txt = String::new();
        normalise_char(&g.ch, &mut txt);
        if txt.is_empty() {
            continue;
        }
        let blank = txt.trim().is_empty();
        if let Some(l) = cur.as_mut() {
            let same_line = (g.y - l.y).abs() < 0.4 * size.min(l.size);
            let gap = g.x - l.x1;
            if same_line && gap > -0.5 * size && gap < 1.2 * size.max(l.size) {
                if blank {
                    if !l.text.ends_with(' ') {
                        l.text.push(' ');
                    }
                } else {
                    if gap > 0.15 * size && !l.text.ends_with(' ') {
                        l.text.push(' ');
                    }
                    l.text.push_str(&txt);
                }
                l.x1 = l.x1.max(g.x + g.adv);
                if !blank && size > l.size {
                    l.size = size;
                }
                continue;
            }
            lines.push(cur.take().unwrap());
        }
        if blank {
            continue;
        }
        cur = Some(Line {
            x0: g.x,
            x1: g.x + g.adv,
            y: g.y,
            size,
            text: txt,
            page: page_no,
            col: (0.0, page.width),
            col_start: false,
        });
    }
    lines.extend(cur);
    for l in &mut lines {
        let t = l.text.trim().to_string();
        l.text = t;
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// Orders a page's lines for reading: one column top to bottom, or, when a
/// vertical gutter splits the body, the left column before the right one
/// within each band between full-width lines. Returns whether it saw two
/// columns.
fn reading_order(mut lines: Vec<Line>, width: f64) -> (Vec<Line>, bool) {
    // Merge fragments on one baseline that the drawing order split (a word
    // drawn later, a bold run), when no gutter lies between them.
    lines.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let gutter = find_gutter(&lines, width);
    let side = |l: &Line| match gutter {
        Some(g) if l.x1 <= g => 0,
        Some(g) if l.x0 >= g => 1,
        _ => 2,
    };
    let mut merged: Vec<Line> = Vec::new();
    for l in lines {
        if let Some(p) = merged.last_mut() {
            if (l.y - p.y).abs() < 0.4 * l.size.min(p.size)
                && side(p) == side(&l)
                && l.x0 >= p.x1 - 0.5 * l.size
                && l.x0 - p.x1 < 1.2 * l.size.max(p.size)
            {
                if l.x0 - p.x1 > 0.15 * l.size {
                    p.text.push(' ');
                }
                p.text.push_str(&l.text);
                p.x1 = l.x1;
                p.size = p.size.max(l.size);
                continue;
            }
        }
        merged.push(l);
    }
    let Some(_) = gutter else {
        let (lo, hi) = edges(&merged);
        for (i, l) in merged.iter_mut().enumerate() {
            l.col = (lo, hi);
            l.col_start = i == 0;
        }
        return (merged, false);
    };
    let mut out = Vec::with_capacity(merged.len());
    let mut band: [Vec<Line>; 2] = [Vec::new(), Vec::new()];
    let flush = |band: &mut [Vec<Line>; 2], out: &mut Vec<Line>| {
        for b in band.iter_mut() {
            let (lo, hi) = edges(b);
            for (i, mut l) in b.drain(..).enumerate() {
                l.col = (lo, hi);
                l.col_start = i == 0;
                out.push(l);
            }
        }
    };
    for l in merged {
        match side(&l) {
            2 => {
                flush(&mut band, &mut out);
                let mut l = l;
                l.col = (l.x0, l.x1.max(l.x0 + 1.0));
                l.col_start = true;
                out.push(l);
            }
            s => band[s].push(l),
        }
    }
    flush(&mut band, &mut out);
    (out, true)
}

/// The most common left edge and the largest right edge of some lines.
fn edges(lines: &[Line]) -> (f64, f64) {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for l in lines {
        *counts.entry(l.x0.round() as i64).or_default() += 1;
    }
    let lo = counts
        .iter()
        .max_by_key(|(x, n)| (**n, -**x))
        .map(|(x, _)| *x as f64)
        .unwrap_or(0.0);
    let hi = lines.iter().map(|l| l.x1).fold(lo + 1.0, f64::max);
    (lo, hi)
}

/// An x in the middle of the page that few lines cross while many lines lie
/// wholly on each side of it: the gutter of a two-column layout.
fn find_gutter(lines: &[Line], width: f64) -> Option<f64> {
    if lines.len() < 8 || width <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    let mut x = width * 0.3;
    while x <= width * 0.7 {
        let crossing = lines.iter().filter(|l| l.x0 < x && l.x1 > x).count();
        if best.is_none_or(|(c, _)| crossing < c) {
            best = Some((crossing, x));
        }
        x += 2.0;
    }
    let (crossing, x) = best?;
    let left = lines.iter().filter(|l| l.x1 <= x).count();
    let right = lines.iter().filter(|l| l.x0 >= x).count();
    // Short left-aligned lines (headings, last lines) must not fake a gutter:
    // the right side needs lines that start near the gutter itself.
    let right_near = lines
        .iter()
        .filter(|l| l.x0 >= x && l.x0 < x + width * 0.12)
        .count();
    let n = lines.len();
    (crossing * 5 <= n && left >= 4 && right >= 4 && right_near * 4 >= right * 3 && right * 5 >= n)
        .then_some(x)
}

/// `12`, `- 12 -`, `Page 3`, `Page 3 of 9`, `iv`: a line that is only a page number.
fn is_page_number(t: &str) -> bool {
    let t = t
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = t.to_lowercase();
    let rest = lower.strip_prefix("page").map(str::trim).unwrap_or(&lower);
    let mut parts = rest.split(" of ");
    let first = parts.next().unwrap_or("");
    let num = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit()))
            || (!s.is_empty() && s.len() <= 6 && s.chars().all(|c| "ivxlc".contains(c)))
    };
    num(first) && parts.all(num)
}

fn furniture_key(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Drops running headers and footers: lines among the top or bottom three of
/// a page whose text (digits aside) recurs at about the same height on at
/// least half of the pages (three at least), and bare page numbers there.
fn drop_furniture(pages: &mut [Vec<Line>], heights: &[f64]) {
    let edge_ids = |lines: &Vec<Line>| -> Vec<usize> {
        let mut ids: Vec<usize> = (0..lines.len()).collect();
        ids.sort_by(|a, b| lines[*a].y.total_cmp(&lines[*b].y));
        let n = ids.len();
        if n <= 6 {
            return ids;
        }
        let mut e: Vec<usize> = ids[..3].to_vec();
        e.extend_from_slice(&ids[n - 3..]);
        e
    };
    let mut seen: HashMap<(String, i64), HashSet<usize>> = HashMap::new();
    for (p, lines) in pages.iter().enumerate() {
        for i in edge_ids(lines) {
            let l = &lines[i];
            let key = (furniture_key(&l.text), (l.y / 12.0).round() as i64);
            seen.entry(key).or_default().insert(p);
        }
    }
    let n_pages = pages.len();
    let repeated = |k: &(String, i64)| {
        let near = |dy: i64| seen.get(&(k.0.clone(), k.1 + dy)).map_or(0, HashSet::len);
        let n = near(0) + near(-1) + near(1);
        n_pages >= 3 && n >= 3 && n * 2 >= n_pages
    };
    for (p, lines) in pages.iter_mut().enumerate() {
        let h = heights.get(p).copied().unwrap_or(842.0);
        let mut drop = HashSet::new();
        for i in edge_ids(lines) {
            let l = &lines[i];
            let in_margin = l.y < h * 0.12 || l.y > h * 0.88;
            let key = (furniture_key(&l.text), (l.y / 12.0).round() as i64);
            if (in_margin && is_page_number(&l.text)) || repeated(&key) {
                drop.insert(i);
            }
        }
        let mut i = 0;
        lines.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
}

/// Prefixes that usually keep their hyphen when a line breaks after them
/// ("self-", "non-", "person-centred" ...).
const COMPOUND_PREFIXES: &[&str] = &[
    "self",
    "non",
    "well",
    "co",
    "cross",
    "long",
    "short",
    "high",
    "low",
    "multi",
    "inter",
    "anti",
    "pre",
    "post",
    "ex",
    "semi",
    "sub",
    "over",
    "under",
    "person",
    "child",
    "family",
    "user",
    "evidence",
    "strength",
    "trauma",
    "rights",
    "risk",
    "community",
    "relationship",
    "peer",
    "half",
    "full",
    "part",
    "decision",
    "so",
    "all",
    "far",
    "first",
    "second",
    "third",
    "mid",
    "out",
    "one",
    "two",
    "small",
    "large",
    "older",
    "young",
    "hard",
    "policy",
    "case",
    "anti",
];

/// Joins a paragraph's lines, undoing end-of-line hyphenation: the hyphen
/// goes when the next line starts lower-case and the joined word is attested
/// in the document (or the piece before the hyphen is no compound prefix and
/// the hyphenated form is not attested); otherwise it stays.
fn join_lines(lines: &[&str], vocab: &HashSet<String>) -> String {
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(l);
            continue;
        }
        let prev_hyphen = out.ends_with('-') || out.ends_with('\u{2010}');
        let before = out
            .trim_end_matches(['-', '\u{2010}'])
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_string();
        let after: String = l.chars().take_while(|c| c.is_alphabetic()).collect();
        let starts_lower = l.chars().next().is_some_and(char::is_lowercase);
        if prev_hyphen && !before.is_empty() && starts_lower {
            let joined = format!("{}{}", before, after).to_lowercase();
            let hyphened = format!("{}-{}", before, after).to_lowercase();
            let keep = if vocab.contains(&joined) {
                false
            } else if vocab.contains(&hyphened) {
                true
            } else {
                COMPOUND_PREFIXES.contains(&before.to_lowercase().as_str())
            };
            if !keep {
                out.pop();
            }
            out.push_str(l);
        } else if prev_hyphen
            && !before.is_empty()
            && l.chars().next().is_some_and(char::is_alphanumeric)
        {
            // "Anglo-\nSaxon", "COVID-\n19": a real hyphen.
            out.push_str(l);
        } else if url_continues(&out, l) {
            out.push_str(l);
        } else {
            out.push(' ');
            out.push_str(l);
        }
    }
    out
}

/// A URL or page range broken at the line end: `https://doi.org/` +
/// `10.1093/x`, `pp. 1793–` + `1808`.
fn url_continues(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(' ').next().unwrap_or("");
    let first = next.split(' ').next().unwrap_or("");
    if last.ends_with(['\u{2013}', '/'])
        && first
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && last.len() > 1
    {
        return last.ends_with('/')
            || last[..last.len() - 3].ends_with(|c: char| c.is_ascii_digit());
    }
    let url = last.contains("://") || last.starts_with("www.") || last.contains("doi.org");
    url && !first.is_empty()
        && !first.starts_with(char::is_uppercase)
        && (last.ends_with(['.', '_', '-', '=', '&', '?', '#', '%'])
            || first.contains(['/', '.', '_']) && !first.ends_with(['.', ','])
            || first.contains('/'))
}

fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    })
}

/// What [`layout`] found: the Markdown, and per page whether it had text.
pub(crate) struct Layout {
    pub markdown: String,
    pub page_has_text: Vec<bool>,
    pub two_columns: usize,
    /// Paragraphs of the first page with text (title and DOI hunting).
    pub first_page: Vec<String>,
}

/// A page reduced to its lines in reading order (the glyphs are dropped
/// page by page, so memory follows the text, not the glyph count).
pub(crate) struct PageLines {
    lines: Vec<Line>,
    two_columns: bool,
    height: f64,
}

/// Lines of page number `i` (0-based) in reading order.
pub(crate) fn page_lines_of(page: &Page, i: usize) -> PageLines {
    let (lines, two_columns) = reading_order(page_lines(page, i), page.width);
    PageLines {
        lines,
        two_columns,
        height: page.height,
    }
}

/// Builds the Markdown of a whole document from its pages.
pub(crate) fn layout(pages: Vec<PageLines>) -> Layout {
    let two_columns = pages.iter().filter(|p| p.two_columns).count();
    let heights: Vec<f64> = pages.iter().map(|p| p.height).collect();
    let mut per_page: Vec<Vec<Line>> = pages.into_iter().map(|p| p.lines).collect();
    let page_has_text: Vec<bool> = per_page.iter().map(|l| !l.is_empty()).collect();
    drop_furniture(&mut per_page, &heights);
    let lines: Vec<Line> = per_page.into_iter().flatten().collect();

    // Body font size: the size most characters are set in.
    let mut size_chars: HashMap<i64, usize> = HashMap::new();
    for l in &lines {
        *size_chars.entry((l.size * 2.0).round() as i64).or_default() += l.text.len();
    }
    let body = size_chars
        .iter()
        .max_by_key(|(s, n)| (**n, -**s))
        .map(|(s, _)| *s as f64 / 2.0)
        .unwrap_or(10.0);
    // Usual distance between the baselines of consecutive body lines.
    let mut pitches: Vec<f64> = lines
        .windows(2)
        .filter(|w| {
            !w[1].col_start && (w[0].size - body).abs() < 0.6 && (w[1].size - body).abs() < 0.6
        })
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f64::total_cmp);
    let pitch = pitches
        .get(pitches.len() / 3)
        .copied()
        .unwrap_or(body * 1.2);

    // Group lines into paragraphs.
    let mut paras: Vec<(Vec<usize>, f64)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let new = match i.checked_sub(1).map(|j| &lines[j]) {
            None => true,
            Some(p) => {
                let size_change = (l.size - p.size).abs() > 0.12 * body;
                let gap = l.y - p.y;
                let gap_break =
                    !l.col_start && p.page == l.page && (gap > pitch * 1.12 || gap < -0.5 * body);
                let (pl, pr) = p.col;
                let (cl, _) = l.col;
                let p_indent = p.x0 - pl;
                let c_indent = l.x0 - cl;
                let outdent = c_indent < p_indent - 0.8 * l.size;
                let p_short = p.x1 < pr - (4.0 * l.size).max((pr - pl) * 0.12);
                let p_ends = p
                    .text
                    .ends_with(['.', '?', '!', ':', '"', '\u{201D}', '\u{2019}', ')']);
                let c_starts = l.text.chars().next().is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || c == '[' || c == '\u{2022}'
                });
                let short_break = p_short && p_ends && c_starts;
                let list_start = p_ends && is_list_start(&l.text);
                let heading_prev = p.size > body * 1.12;
                size_change || gap_break || outdent || short_break || list_start || heading_prev
            }
        };
        if new {
            paras.push((vec![i], l.size));
        } else if let Some(last) = paras.last_mut() {
            last.0.push(i);
        }
    }

    let vocab: HashSet<String> = lines
        .iter()
        .flat_map(|l| {
            let mut ws: Vec<String> = words_of(&l.text).collect();
            // The last word of a line may be a hyphenated fragment.
            if l.text.ends_with('-') {
                ws.pop();
            }
            ws
        })
        .collect();

    let mut md = String::new();
    let mut first_page = Vec::new();
    let first_text_page = lines.first().map(|l| l.page);
    for (ids, size) in &paras {
        let texts: Vec<&str> = ids.iter().map(|&i| lines[i].text.as_str()).collect();
        let text = join_lines(&texts, &vocab);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        if Some(lines[ids[0]].page) == first_text_page {
            first_page.push(text.clone());
        }
        let words = text.split_whitespace().count();
        let heading = *size > body * 1.12 && ids.len() <= 3 && words <= 20;
        if !md.is_empty() {
            md.push_str("\n\n");
        }
        if heading {
            md.push_str(if *size >= body * 1.35 { "# " } else { "## " });
        }
        md.push_str(&text);
    }
    if !md.is_empty() {
        md.push('\n');
    }
    Layout {
        markdown: md,
        page_has_text,
        two_columns,
        first_page,
    }
}

/// `1. `, `[3] `, `• `, `- `: the start of a numbered or bulleted entry.
fn is_list_start(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with('\u{2022}') || t.starts_with("- ") {
        return true;
    }
    if let Some(rest) = t.strip_prefix('[') {
        let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return !n.is_empty() && n.len() <= 3 && rest[n.len()..].starts_with(']');
    }
    let n: String = t.chars().take_while(char::is_ascii_digit).collect();
    !n.is_empty() && n.len() <= 3 && t[n.len()..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["12", "- 3 -", "Page 3 of 9", "page 4", "iv"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12 Angry Men", "Page three", "1998;14(4):245-58."] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn hyphens_at_line_ends() {
        let vocab: HashSet<String> = ["relationship", "person-centred"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            join_lines(&["the rela-", "tionship is"], &vocab),
            "the relationship is"
        );
        assert_eq!(
            join_lines(&["a person-", "centred view"], &vocab),
            "a person-centred view"
        );
        assert_eq!(
            join_lines(&["a self-", "referral"], &HashSet::new()),
            "a self-referral"
        );
        assert_eq!(
            join_lines(&["an organ-", "isation"], &HashSet::new()),
            "an organisation"
        );
        assert_eq!(
            join_lines(&["COVID-", "19 cases"], &HashSet::new()),
            "COVID-19 cases"
        );
        assert_eq!(
            join_lines(
                &["see https://doi.org/", "10.1093/bjsw/x and"],
                &HashSet::new()
            ),
            "see https://doi.org/10.1093/bjsw/x and"
        );
        assert_eq!(
            join_lines(&["pp. 1793\u{2013}", "1808."], &HashSet::new()),
            "pp. 1793\u{2013}1808."
        );
        assert_eq!(
            join_lines(&["at https://a.org/x", "and then"], &HashSet::new()),
            "at https://a.org/x and then"
        );
    }

    #[test]
    fn ligatures_and_soft_hyphens() {
        let mut s = String::new();
        normalise_char("\u{FB01}nd e\u{FB00}ort co\u{00AD}op", &mut s);
        assert_eq!(s, "find effort coop");
    }

    #[test]
    fn list_starts() {
        assert!(is_list_start("1. Felitti VJ"));
        assert!(is_list_start("[12] A. Author"));
        assert!(!is_list_start("1998. Something"));
    }
}
