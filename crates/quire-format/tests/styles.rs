//! Formatting the fixture works in every bundled style.

use quire_csl::{CslItem, DateField, Name};
use quire_format::{format, from_csl_json, Markup, Style, BUNDLED_STYLES};

fn fixture() -> Vec<CslItem> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/format/items.json"
    );
    from_csl_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn entry<'a>(items: &[CslItem], out: &'a quire_format::Formatted, id: &str) -> &'a str {
    let index = items
        .iter()
        .position(|i| i.id.as_deref() == Some(id))
        .unwrap();
    &out.entries.iter().find(|e| e.index == index).unwrap().text
}

#[test]
fn every_bundled_style_formats_every_fixture_item() {
    let items = fixture();
    for name in BUNDLED_STYLES {
        let style = Style::load(name).unwrap();
        let out = format(&items, &style, Markup::Text).unwrap();
        assert_eq!(out.entries.len(), items.len(), "{name}");
        assert_eq!(out.citations.len(), items.len(), "{name}");
        assert!(out.entries.iter().all(|e| !e.text.is_empty()), "{name}");
    }
}

#[test]
fn cite_them_right_is_british() {
    let items = fixture();
    let style = Style::load("harvard-cite-them-right").unwrap();
    let out = format(&items, &style, Markup::Text).unwrap();
    assert_eq!(
        entry(&items, &out, "trevithick2012"),
        "Trevithick, P. (2012) Social work skills and knowledge: a practice handbook. 3rd edn. Maidenhead: Open University Press."
    );
    assert!(entry(&items, &out, "gupta2017").starts_with("Gupta, A. (2017) ‘Learning from others"));
    assert!(entry(&items, &out, "butler2020").contains("(Accessed: 4 June 2020)"));
    assert_eq!(out.citations[1], "(Wilkinson and Pickett, 2009)");
}

#[test]
fn apa_citation_and_entry() {
    let items = fixture();
    let out = format(&items, &Style::load("apa").unwrap(), Markup::Markdown).unwrap();
    assert_eq!(
        entry(&items, &out, "wilkinson2009"),
        "Wilkinson, R., & Pickett, K. (2009). *The spirit level: why more equal societies almost always do better*. Allen Lane."
    );
    assert_eq!(out.citations[1], "(Wilkinson & Pickett, 2009)");
}

#[test]
fn vancouver_lists_authors() {
    // The NLM style's <names> has no <name> child; authors must still show.
    let items = fixture();
    let out = format(&items, &Style::load("vancouver").unwrap(), Markup::Text).unwrap();
    assert_eq!(
        out.entries[1].text,
        "2. Wilkinson R, Pickett K. The spirit level: why more equal societies almost always do better. London: Allen Lane; 2009."
    );
    assert!(
        out.entries[3].text.contains("In: Vasta R, editor."),
        "{}",
        out.entries[3].text
    );
}

#[test]
fn numeric_styles_label_entries() {
    let items = fixture();
    let out = format(&items, &Style::load("ieee").unwrap(), Markup::Text).unwrap();
    assert!(
        out.entries[0].text.starts_with("[1]"),
        "{}",
        out.entries[0].text
    );
    assert_eq!(out.citations[0], "[1]");
}

#[test]
fn html_escapes_hostile_text_and_keeps_italics() {
    let item = CslItem {
        kind: "book".into(),
        author: vec![Name::person("Smith", "Jo")],
        issued: Some(DateField::ymd(2020, None, None)),
        title: Some("<script>alert(1)</script> & more".into()),
        url: Some("javascript:alert(1)".into()),
        ..CslItem::default()
    };
    let out = format(&[item], &Style::load("apa").unwrap(), Markup::Html).unwrap();
    let html = &out.entries[0].text;
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("<i>&lt;script&gt;"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
}

#[test]
fn odd_items_do_not_panic() {
    let odd = vec![
        CslItem::default(),
        CslItem {
            kind: "no-such-type".into(),
            author: vec![Name::default(), Name::organisation("")],
            issued: Some(DateField {
                date_parts: vec![vec![2019, 13, 40], vec![2020]],
                ..DateField::default()
            }),
            accessed: Some(DateField {
                date_parts: vec![vec![]],
                ..DateField::default()
            }),
            page: Some("-".into()),
            edition: Some("x".repeat(10_000)),
            ..CslItem::default()
        },
    ];
    for name in BUNDLED_STYLES {
        format(&odd, &Style::load(name).unwrap(), Markup::Markdown).unwrap();
    }
}

#[test]
fn styles_load_by_path_and_refuse_nonsense() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/styles/apa.csl");
    assert_eq!(Style::load(path).unwrap().title(), "APA Style 7th edition");
    assert!(Style::load("no-such-style")
        .unwrap_err()
        .to_string()
        .contains("harvard-cite-them-right"));
    assert!(Style::load("/nonexistent/x.csl").is_err());
    assert!(Style::from_xml("junk", "<style>not csl</style>").is_err());
}
