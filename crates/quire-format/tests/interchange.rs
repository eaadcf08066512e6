//! Export → import round trips through BibTeX, RIS and CSL-JSON keep the
//! fields Quire holds, and malformed files give errors, not panics.

use quire_csl::CslItem;
use quire_format::{from_bibtex, from_csl_json, from_ris, to_bibtex, to_csl_json, to_ris};

fn fixture() -> Vec<CslItem> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/format/items.json"
    );
    from_csl_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Page ranges come back with a hyphen (RIS holds the two ends in SP/EP,
/// BibTeX writes `--`).
fn hyphen_pages(mut items: Vec<CslItem>) -> Vec<CslItem> {
    for item in &mut items {
        item.page = item.page.as_ref().map(|p| p.replace('–', "-"));
    }
    items
}

#[test]
fn csl_json_round_trip_is_exact() {
    let items = fixture();
    assert_eq!(from_csl_json(&to_csl_json(&items)).unwrap(), items);
}

#[test]
fn bibtex_round_trip_keeps_every_field() {
    let items = hyphen_pages(fixture());
    let bib = to_bibtex(&items);
    let back = from_bibtex(&bib).unwrap();
    assert_eq!(back.len(), items.len());
    for (a, b) in items.iter().zip(&back) {
        assert_eq!(a, b, "BibTeX round trip changed {:?}:\n{bib}", a.id);
    }
}

#[test]
fn ris_round_trip_keeps_every_field() {
    let items = hyphen_pages(fixture());
    let ris = to_ris(&items);
    let back = from_ris(&ris).unwrap();
    assert_eq!(back.len(), items.len());
    for (a, b) in items.iter().zip(&back) {
        assert_eq!(a, b, "RIS round trip changed {:?}:\n{ris}", a.id);
    }
}

#[test]
fn bibtex_export_protects_organisations_and_escapes() {
    let items = fixture();
    let bib = to_bibtex(&items);
    assert!(
        bib.contains("author = {{British Association of Social Workers}}"),
        "{bib}"
    );
    assert!(bib.contains("@online{carson2017,"), "{bib}");
    assert!(bib.contains("urldate = {2020-04-22}"), "{bib}");
    assert!(bib.contains(r"Child \& Family Social Work"), "{bib}");
    assert!(bib.contains("pages = {449--464}"), "{bib}");
}

#[test]
fn reads_a_zotero_style_biblatex_file() {
    let src = r#"
@article{ferguson_what_2016,
    title = {What social workers do in performing child protection work},
    volume = {21},
    doi = {10.1111/cfs.12142},
    number = {3},
    journaltitle = {Child \& Family Social Work},
    author = {Ferguson, Harry},
    date = {2016-08},
    pages = {283--294},
}
@book{basw,
  author = {{British Association of Social Workers} and van der Berg, Anna},
  title = {Anti-poverty practice guide},
  year = {2019},
  month = sep,
  location = {Birmingham},
  edition = {2},
}
"#;
    let items = from_bibtex(src).unwrap();
    assert_eq!(items.len(), 2);
    let a = &items[0];
    assert_eq!(a.kind, "article-journal");
    assert_eq!(
        a.container_title.as_deref(),
        Some("Child & Family Social Work")
    );
    assert_eq!(a.issue.as_deref(), Some("3"));
    assert_eq!(a.page.as_deref(), Some("283-294"));
    assert_eq!(a.issued.as_ref().unwrap().date_parts, vec![vec![2016, 8]]);
    let b = &items[1];
    assert_eq!(
        b.author[0].literal.as_deref(),
        Some("British Association of Social Workers")
    );
    assert_eq!(b.author[1].family.as_deref(), Some("Berg"));
    assert_eq!(
        b.author[1].non_dropping_particle.as_deref(),
        Some("van der")
    );
    assert_eq!(b.issued.as_ref().unwrap().date_parts, vec![vec![2019, 9]]);
    assert_eq!(b.publisher_place.as_deref(), Some("Birmingham"));
}

#[test]
fn reads_an_endnote_style_ris_file() {
    let src = "\u{feff}TY - JOUR\r\nAU - Gupta, Anna\r\nAU - Blumhardt, Hannah\r\nAU - ATD Fourth World\r\nTI - Poverty, exclusion and child\r\n  protection practice\r\nJO - European Journal of Social Work\r\nPY - 2018///\r\nVL - 21\r\nIS - 2\r\nSP - 247\r\nEP - 259\r\nDO - 10.1080/13691457.2017.1287669\r\nER -\r\n\r\nTY  - ELEC\r\nTI  - Poverty eradication\r\nUR  - https://www.ifsw.org/\r\nY2  - 2020/06/01/\r\n";
    let items = from_ris(src).unwrap();
    assert_eq!(items.len(), 2, "a missing final ER still closes the record");
    let a = &items[0];
    assert_eq!(a.kind, "article-journal");
    assert_eq!(a.author.len(), 3);
    assert_eq!(a.author[2].literal.as_deref(), Some("ATD Fourth World"));
    assert_eq!(
        a.title.as_deref(),
        Some("Poverty, exclusion and child protection practice")
    );
    assert_eq!(a.page.as_deref(), Some("247-259"));
    assert_eq!(a.year(), Some(2018));
    let b = &items[1];
    assert_eq!(b.kind, "webpage");
    assert_eq!(
        b.accessed.as_ref().unwrap().date_parts,
        vec![vec![2020, 6, 1]]
    );
}

#[test]
fn malformed_files_are_errors() {
    assert!(from_csl_json("{not json").is_err());
    assert!(from_csl_json(r#"[{"type": "book", "author": "Smith"}]"#).is_err());
    assert!(from_bibtex("@article{broken, title = {unclosed").is_err());
    let err = from_ris("AU  - Smith, J\nER  -\n").unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
    assert!(from_ris("hello world\n").is_err());
}

#[test]
fn lenient_csl_json_shapes_are_read() {
    // Zotero writes date parts as strings and numbers where strings are due.
    let items = from_csl_json(
        r#"{"type": "article-journal", "volume": 12, "issued": {"date-parts": [["2019", "5", ""]]}, "accessed": "2020-06-01", "abstract": "kept"}"#,
    )
    .unwrap();
    assert_eq!(items[0].volume.as_deref(), Some("12"));
    assert_eq!(
        items[0].issued.as_ref().unwrap().date_parts,
        vec![vec![2019, 5]]
    );
    assert_eq!(
        items[0].accessed.as_ref().unwrap().date_parts,
        vec![vec![2020, 6, 1]]
    );
    assert!(to_csl_json(&items).contains("\"abstract\": \"kept\""));
}
