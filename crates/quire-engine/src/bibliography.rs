//! Lists and works formatted in a citation style: the list builder's preview,
//! what it copies and exports, and what `quire format` prints. One place
//! decides the section headings, the order of entries and the
//! "(essential; read chapter 2)" after each, so the app and the CLI agree.

use quire_csl::CslItem;
use quire_format::{escape_html, Markup, Style};
use serde::Serialize;

use crate::error::Result;
use crate::lists::{Importance, ListView, Purpose};
use crate::render::formatted_to_safe_html;

/// A list formatted in a style: per section for the preview, and whole in
/// each markup for copying and export.
#[derive(Debug, Clone, Serialize)]
pub struct FormattedList {
    pub style: String,
    pub style_title: String,
    pub sections: Vec<Section>,
    /// `<h3>` per section and a `<p class="csl-entry">` per entry, escaped by
    /// quire-format and sanitised like every HTML the app shows.
    pub html: String,
    pub text: String,
    pub markdown: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: Option<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The library's work, when the item is one (not for a CSL-JSON file).
    pub work_id: Option<i64>,
    /// Sanitised.
    pub html: String,
    pub text: String,
    #[serde(skip)]
    pub markdown: String,
    /// The work's in-text citation on its own: "(Wilkinson and Pickett, 2010)", "[1]".
    pub citation: String,
    pub importance: Option<Importance>,
    pub note: Option<String>,
}

/// One thing to format, with what the list says about it.
struct Item<'a> {
    work_id: Option<i64>,
    csl: &'a CslItem,
    importance: Option<Importance>,
    note: Option<&'a str>,
}

/// A list with a heading per section. The whole list is formatted at once,
/// so a numeric style numbers it straight through and "2010a/2010b" tells
/// apart works across sections. Within a section, a reference list follows
/// the style's order; a reading list keeps the order its author chose.
pub fn format_list(list: &ListView, style: &Style) -> Result<FormattedList> {
    let items: Vec<Item> = list
        .items
        .iter()
        .map(|i| Item {
            work_id: Some(i.work_id),
            csl: &i.csl,
            importance: i.importance,
            note: i.note.as_deref(),
        })
        .collect();
    let mut rank = vec![0; items.len()];
    let mut formatted: Vec<Option<Entry>> = vec![None; items.len()];
    for (r, (i, entry)) in entries(&items, style)?.into_iter().enumerate() {
        rank[i] = r;
        formatted[i] = Some(entry);
    }
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        match groups.last_mut() {
            Some((s, members)) if *s == item.section => members.push(i),
            _ => groups.push((item.section.clone(), vec![i])),
        }
    }
    let reading = list.purpose == Purpose::Reading;
    let sections = groups
        .into_iter()
        .map(|(title, mut members)| {
            if !reading {
                members.sort_by_key(|&i| rank[i]);
            }
            let entries = members
                .into_iter()
                .filter_map(|i| formatted[i].take())
                .collect();
            Section { title, entries }
        })
        .collect();
    Ok(assemble(style, sections))
}

/// Works as one bibliography in the style's order; `ids` are their work ids
/// where they are the library's (same length as `items`, or empty).
pub fn format_works(items: &[CslItem], ids: &[i64], style: &Style) -> Result<FormattedList> {
    let items: Vec<Item> = items
        .iter()
        .enumerate()
        .map(|(i, csl)| Item {
            work_id: ids.get(i).copied(),
            csl,
            importance: None,
            note: None,
        })
        .collect();
    let section = Section {
        title: None,
        entries: entries(&items, style)?
            .into_iter()
            .map(|(_, e)| e)
            .collect(),
    };
    Ok(assemble(style, vec![section]))
}

/// Each item's entry in each markup, with its index in `items`, in the
/// style's order.
fn entries(items: &[Item], style: &Style) -> Result<Vec<(usize, Entry)>> {
    let csl: Vec<CslItem> = items.iter().map(|i| i.csl.clone()).collect();
    // One processor run, written in the three markups.
    let clusters: Vec<Vec<usize>> = (0..csl.len()).map(|i| vec![i]).collect();
    let rendered = quire_format::render(&csl, &clusters, style)?;
    let (html, text, markdown) = (
        rendered.to(Markup::Html),
        rendered.to(Markup::Text),
        rendered.to(Markup::Markdown),
    );
    let out = html
        .entries
        .iter()
        .map(|e| {
            let item = &items[e.index];
            let entry = Entry {
                work_id: item.work_id,
                html: formatted_to_safe_html(&e.text),
                text: text.entry(e.index),
                markdown: markdown.entry(e.index),
                citation: text.citations.get(e.index).cloned().unwrap_or_default(),
                importance: item.importance,
                note: item.note.map(str::to_string),
            };
            (e.index, entry)
        })
        .collect();
    Ok(out)
}

fn assemble(style: &Style, sections: Vec<Section>) -> FormattedList {
    let (mut html, mut text, mut markdown) = (String::new(), String::new(), String::new());
    for section in sections.iter().filter(|s| !s.entries.is_empty()) {
        if let Some(title) = &section.title {
            html.push_str(&format!("<h3>{}</h3>\n", escape_html(title)));
            text.push_str(&format!("{title}\n\n"));
            markdown.push_str(&format!("### {title}\n\n"));
        }
        for e in &section.entries {
            let extra = extra(e);
            html.push_str(&format!(
                "<p class=\"csl-entry\">{}{}</p>\n",
                e.html,
                escape_html(&extra)
            ));
            text.push_str(&format!("{}{extra}\n", e.text));
            markdown.push_str(&format!("{}{extra}\n\n", e.markdown));
        }
        text.push('\n');
    }
    FormattedList {
        style: style.name.clone(),
        style_title: style.title().to_string(),
        sections,
        html: formatted_to_safe_html(&html),
        text: text.trim_end().to_string() + "\n",
        markdown: markdown.trim_end().to_string() + "\n",
    }
}

/// " (essential; read chapter 2)" after an entry, or nothing.
fn extra(e: &Entry) -> String {
    let parts: Vec<&str> = e
        .importance
        .map(Importance::as_str)
        .into_iter()
        .chain(e.note.as_deref())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_csl::{DateField, Name};

    fn book(family: &str, year: i32, title: &str) -> CslItem {
        CslItem {
            kind: "book".into(),
            author: vec![Name::person(family, "A.")],
            issued: Some(DateField::ymd(year, None, None)),
            title: Some(title.into()),
            publisher: Some("Policy Press".into()),
            ..CslItem::default()
        }
    }

    fn list(purpose: Purpose, style: &str) -> ListView {
        let items = [
            book("Ruch", 2010, "Relationship-based social work"),
            book("Ferguson", 2011, "Child protection practice"),
        ];
        ListView {
            id: 1,
            name: "Week 1".into(),
            purpose,
            style: style.into(),
            sections: vec![],
            items: items
                .into_iter()
                .enumerate()
                .map(|(i, csl)| crate::ListItem {
                    work_id: i as i64 + 10,
                    section: (i == 1).then(|| "Week 2".to_string()),
                    position: i as i64,
                    importance: (i == 0).then_some(Importance::Essential),
                    note: None,
                    csl,
                })
                .collect(),
        }
    }

    #[test]
    fn a_reading_list_keeps_its_order_and_numbers_it() {
        let style = Style::load("ieee").unwrap();
        let f = format_list(&list(Purpose::Reading, "ieee"), &style).unwrap();
        let ids: Vec<_> = f
            .sections
            .iter()
            .flat_map(|s| &s.entries)
            .map(|e| e.work_id)
            .collect();
        assert_eq!(ids, [Some(10), Some(11)]);
        let labels: Vec<_> = f
            .sections
            .iter()
            .flat_map(|s| &s.entries)
            .map(|e| e.citation.as_str())
            .collect();
        assert_eq!(
            labels,
            ["[1]", "[2]"],
            "numbered straight through the sections"
        );
        assert!(f.text.contains("\nWeek 2\n\n[2] "), "{}", f.text);
        assert!(
            f.text.lines().next().unwrap().ends_with("(essential)"),
            "{}",
            f.text
        );
    }

    /// A style that sets the publisher in small caps, as citeproc-js writes
    /// them: `<span style="font-variant:small-caps;">`.
    const SMALL_CAPS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-GB">
  <info>
    <title>Small caps test</title>
    <id>http://example.org/styles/small-caps-test</id>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout prefix="(" suffix=")"><text variable="title"/></layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". ">
        <text variable="title" font-style="italic"/>
        <text variable="publisher" font-variant="small-caps"/>
      </group>
    </layout>
  </bibliography>
</style>"#;

    #[test]
    fn formatted_entries_are_sanitised_with_small_caps_as_a_class() {
        let style = Style::from_xml("small-caps.csl", SMALL_CAPS).unwrap();
        let mut work = book("Ruch", 2010, "Relationship-based <script>x</script> work");
        work.publisher = Some("Policy Press <b onclick=x()>".into());
        let f = format_works(&[work], &[10], &style).unwrap();
        let entry = &f.sections[0].entries[0].html;
        for html in [entry, &f.html] {
            assert!(
                html.contains(r#"<span class="sc">Policy Press &lt;b onclick=x()&gt;</span>"#),
                "{html}"
            );
            assert!(
                html.contains("<i>Relationship-based &lt;script&gt;x&lt;/script&gt; work</i>"),
                "{html}"
            );
            for bad in ["style=", "<script", "<b "] {
                assert!(!html.contains(bad), "{bad} in {html}");
            }
        }
        // The same allow-list as documents: what quire-format might let
        // through is cleaned here too.
        let dirty = r#"<span style="font-variant:small-caps">a</span> <span class="sc evil">b</span> <a href="/x">c</a> <img src=x onerror=y()> <p class="csl-entry other">d</p>"#;
        assert_eq!(
            crate::render::formatted_to_safe_html(dirty),
            r#"<span>a</span> <span class="sc">b</span> <a rel="noopener noreferrer">c</a> <img> <p class="csl-entry">d</p>"#
        );
    }

    #[test]
    fn a_reference_list_follows_the_style_order() {
        let style = Style::load("harvard-cite-them-right").unwrap();
        let mut unsectioned = list(Purpose::Reference, "harvard-cite-them-right");
        for item in &mut unsectioned.items {
            item.section = None;
        }
        let f = format_list(&unsectioned, &style).unwrap();
        assert!(f.text.starts_with("Ferguson"), "{}", f.text);
        assert!(
            f.html.contains("<i>Relationship-based social work</i>"),
            "{}",
            f.html
        );
        assert_eq!(f.sections[0].entries[1].citation, "(Ruch, 2010)");
    }
}
