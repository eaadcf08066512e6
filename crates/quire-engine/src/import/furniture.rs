//! Page furniture: text that belongs to the page a document was printed or
//! published on, not to what the author wrote. It is dropped from bodies and
//! so from word counts.
//!
//! Recognised: institution logos set in capitals and wrapped over lines
//! ("UNIVERSITY OF\nLINCOLN", also in `**bold**`), figure/table captions and
//! picture credits ("Figure 1: ...", "Picture: ..."), page numbers, and
//! editors' notes that a reference list was left out, and the button and
//! link text a web page leaves in copied text ("Download this audio clip.",
//! "Print this transcript", "... enlarge view."). A single line in
//! capitals that is not an institution name is kept: it is more likely a
//! heading ("INTRODUCTION") than furniture.

use std::sync::LazyLock;

use regex::Regex;

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(figure|fig\.|table|chart|diagram|image|picture|photo|photograph|credit)\s*\d*[a-z]?\s*[:.|–-]").unwrap()
});
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(page\s+)?\d{1,4}(\s+(of|/)\s+\d{1,4})?$").unwrap());
static EDITOR_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\((references?|reference list|bibliography)\b[^)]*\bnot\s+(included|shown|reproduced)\b[^)]*\)\.?$")
        .unwrap()
});
static WEB_CONTROL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(download this (audio|video) clip|skip transcript\b.*|copy this transcript to the clipboard|print this transcript|interactive feature not available\b.*|.*\benlarge (view|image))\.?$",
    )
    .unwrap()
});
static INSTITUTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(UNIVERSITY|COLLEGE|INSTITUTE|SCHOOL|ACADEMY)\b").unwrap());

/// Whether a block (consecutive non-blank lines) is page furniture as a whole.
pub fn is_furniture_block(lines: &[String]) -> bool {
    let text = lines.iter().map(|l| plain(l)).collect::<Vec<_>>().join(" ");
    let has_letters = text.chars().any(char::is_alphabetic);
    let shouting = has_letters && !text.chars().any(char::is_lowercase);
    let words = text.split_whitespace().count();
    if shouting && words <= 8 && (lines.len() > 1 || INSTITUTION.is_match(&text)) {
        return true;
    }
    !lines.is_empty() && lines.iter().all(|l| is_furniture_line(l))
}

/// Whether one line is furniture wherever it stands (captions, page numbers,
/// editors' notes).
pub fn is_furniture_line(line: &str) -> bool {
    let line = plain(line);
    [&CAPTION, &PAGE_NUMBER, &EDITOR_NOTE, &WEB_CONTROL]
        .iter()
        .any(|re| re.is_match(&line))
}

/// The line without Markdown emphasis markers or surrounding space.
fn plain(line: &str) -> String {
    line.trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(s: &str) -> Vec<String> {
        s.lines().map(str::to_owned).collect()
    }

    #[test]
    fn seed_furniture() {
        assert!(is_furniture_block(&block("UNIVERSITY OF\nLINCOLN")));
        assert!(is_furniture_block(&block("**UNIVERSITY OF\nBIRMINGHAM**")));
        assert!(is_furniture_block(&block(
            "Figure 1: Model of factors impacting relationship-based social work"
        )));
        assert!(is_furniture_block(&block(
            "(References not included here.) "
        )));
        assert!(is_furniture_block(&block("Picture: Mathias Rosenthal")));
        assert!(is_furniture_block(&block("12")));
        assert!(is_furniture_block(&block(
            "Download this audio clip.\nSkip transcript: Panel discussion 2a"
        )));
        assert!(is_furniture_block(&block(
            "SWORD five dimensions enlarge view."
        )));
    }

    #[test]
    fn prose_and_headings_stay() {
        assert!(!is_furniture_block(&block("INTRODUCTION")));
        assert!(!is_furniture_block(&block("Continuity")));
        assert!(!is_furniture_block(&block(
            "Figures from 2019 show a rise in referrals."
        )));
        assert!(!is_furniture_block(&block(
            "\"Alone we can do so little.\nTogether we can do so much\" (Helen Keller)"
        )));
    }
}
