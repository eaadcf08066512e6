//! Reference and reading lists for a person: the lists table, a list shown
//! in its style, and what a list action did.

use std::fmt::Write as _;

use quire_api::wire::{ListShow, ListSummary};

/// `quire lists`: each list's name, purpose, size and style.
pub fn lists(lists: &[ListSummary]) -> String {
    let mut out = String::new();
    for l in lists {
        let _ = writeln!(
            out,
            "{:<30} {:<9} {:>4} works  {}",
            l.name,
            l.purpose.as_str(),
            l.items,
            l.style
        );
    }
    out
}

/// `quire list create`: the list made.
pub fn created(list: &ListSummary) -> String {
    format!("Created {} list `{}`.\n", list.purpose.as_str(), list.name)
}

/// `quire list style`: the style a list now uses, by title and name.
pub fn style_set(list: &ListSummary, style_title: &str) -> String {
    format!(
        "List `{}` now uses {style_title} ({}).\n",
        list.name, list.style
    )
}

/// `quire list show`: a heading, then the list formatted in its style (or
/// the default style, said so, when its own did not load).
pub fn show(shown: &ListShow) -> String {
    let list = &shown.list;
    let mut out = format!(
        "{} ({} list, {})\n\n",
        list.name,
        list.purpose.as_str(),
        list.style
    );
    if let Some(error) = &shown.style_error {
        let _ = writeln!(
            out,
            "(the list's style did not load: {error}; shown in the default style)\n"
        );
    }
    match list.items.is_empty() {
        true => out.push_str("(empty)\n"),
        false => out.push_str(&shown.preview.text),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_api::wire::{FormattedList, ListView, Purpose};

    fn summary() -> ListSummary {
        ListSummary {
            id: 1,
            name: "Week 1".into(),
            purpose: Purpose::Reading,
            style: "apa".into(),
            items: 3,
        }
    }

    #[test]
    fn lists_are_one_aligned_line_each() {
        let text = lists(&[summary()]);
        assert_eq!(
            text,
            format!("{:<30} reading      3 works  apa\n", "Week 1")
        );
        assert_eq!(created(&summary()), "Created reading list `Week 1`.\n");
    }

    #[test]
    fn an_empty_list_says_so_and_a_style_error_is_shown() {
        let shown = ListShow {
            list: ListView {
                id: 1,
                name: "Week 1".into(),
                purpose: Purpose::Reference,
                style: "apa".into(),
                sections: vec![],
                items: vec![],
            },
            preview: FormattedList {
                style: "apa".into(),
                style_title: "APA".into(),
                sections: vec![],
                html: String::new(),
                text: "never shown".into(),
                markdown: String::new(),
            },
            style_error: Some("bad XML".into()),
        };
        assert_eq!(
            show(&shown),
            "Week 1 (reference list, apa)\n\n\
             (the list's style did not load: bad XML; shown in the default style)\n\n\
             (empty)\n"
        );
    }
}
