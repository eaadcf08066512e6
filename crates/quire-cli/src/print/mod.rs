//! Text for a person, one file per area: pure functions from the wire
//! types of `quire_api::wire` (or plain data) to a `String`. Nothing here
//! reads or writes; `cmd` prints what these return.

pub mod audit;
pub mod bench;
pub mod insights;
pub mod library;
pub mod lists;
pub mod review;
pub mod search;
pub mod styles;
pub mod works;

/// `s` cut to `width` characters, the last one an ellipsis when cut.
pub fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// "Ada (Leeds)", "Ada", or `unknown` when there is no author.
pub fn author_with_affiliation(
    author: &Option<String>,
    affiliation: &Option<String>,
    unknown: &str,
) -> String {
    match (author, affiliation) {
        (Some(a), Some(f)) => format!("{a} ({f})"),
        (Some(a), None) => a.clone(),
        _ => unknown.to_string(),
    }
}

/// " — Ada" after a title, or nothing when the author is not known.
pub fn dash_author(author: Option<&str>) -> String {
    author.map(|a| format!(" — {a}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_long_text_with_an_ellipsis() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("ééééé", 5), "ééééé");
    }

    #[test]
    fn author_names_with_affiliation() {
        let (a, f) = (Some("Ada".to_string()), Some("Leeds".to_string()));
        assert_eq!(author_with_affiliation(&a, &f, ""), "Ada (Leeds)");
        assert_eq!(author_with_affiliation(&a, &None, ""), "Ada");
        assert_eq!(author_with_affiliation(&None, &f, "?"), "?");
    }
}
