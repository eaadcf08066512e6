//! Citation styles for a person: the styles a list can use, and those a
//! `quire styles import` brought in.

use std::fmt::Write as _;

use quire_api::wire::StyleSummary;

/// `quire styles`: name (padded to the longest), title and origin.
pub fn list(styles: &[StyleSummary]) -> String {
    let width = styles
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in styles {
        let _ = writeln!(out, "{:<width$}  {}  ({})", s.name, s.title, origin(s));
    }
    out
}

/// `quire styles import`: one line per style imported.
pub fn imported(styles: &[StyleSummary]) -> String {
    let mut out = String::new();
    for s in styles {
        let _ = writeln!(
            out,
            "Imported style `{}`: {} ({})",
            s.name,
            s.title,
            origin(s)
        );
    }
    out
}

/// "bundled", "imported", "imported → APA Style 7th edition".
fn origin(s: &StyleSummary) -> String {
    match (s.bundled, &s.parent) {
        (true, _) => "bundled".into(),
        (false, None) => "imported".into(),
        (false, Some(parent)) => format!("imported → {parent}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(name: &str, bundled: bool, parent: Option<&str>) -> StyleSummary {
        StyleSummary {
            name: name.into(),
            title: format!("{name} title"),
            bundled,
            parent: parent.map(str::to_string),
            locale: None,
        }
    }

    #[test]
    fn names_are_padded_and_origins_named() {
        let styles = [
            style("apa", true, None),
            style("my-journal", false, Some("APA")),
        ];
        assert_eq!(
            list(&styles),
            "apa         apa title  (bundled)\n\
             my-journal  my-journal title  (imported → APA)\n"
        );
        assert_eq!(
            imported(&styles[1..]),
            "Imported style `my-journal`: my-journal title (imported → APA)\n"
        );
    }
}
