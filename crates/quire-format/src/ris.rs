//! RIS (`.ris`, what EndNote, Zotero and most databases export) in and out.
//!
//! RIS is a line format: `TY  - JOUR` opens a record, `ER  -` closes it, each
//! other line is a two-character tag and a value. Real files stray from the
//! spec (one space around the dash, CRLF, a BOM, wrapped lines, a missing final
//! `ER`), so the reader accepts those and reports only what it cannot read.
//! RIS has no field for a publication status ("in press"); it is not carried.

use quire_csl::{CslItem, DateField, Name};

use crate::{Error, Result};

/// Parse RIS records into CSL-JSON items.
pub fn from_ris(src: &str) -> Result<Vec<CslItem>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut items = Vec::new();
    let mut record: Option<Vec<(String, String)>> = None;
    for (n, line) in src.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end();
        match tagged(line) {
            Some(("TY", value)) => {
                if let Some(fields) = record.take() {
                    items.push(record_to_item(&fields));
                }
                record = Some(vec![("TY".into(), value.to_string())]);
            }
            Some(("ER", _)) => match record.take() {
                Some(fields) => items.push(record_to_item(&fields)),
                None => {
                    return Err(Error::Ris {
                        line: line_no,
                        message: "ER without a TY before it".into(),
                    })
                }
            },
            Some((tag, value)) => match record.as_mut() {
                Some(fields) => fields.push((tag.to_string(), value.to_string())),
                None => {
                    return Err(Error::Ris {
                        line: line_no,
                        message: format!("{tag} field before the first TY"),
                    })
                }
            },
            None if line.trim().is_empty() => {}
            // A wrapped value: continue the previous field.
            None => match record.as_mut().and_then(|f| f.last_mut()) {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                None => {
                    return Err(Error::Ris {
                        line: line_no,
                        message: "not a RIS line (expected `TY  - ...`)".into(),
                    })
                }
            },
        }
    }
    if let Some(fields) = record {
        items.push(record_to_item(&fields));
    }
    Ok(items)
}

/// `XY  - value`, also with one space or none around the dash.
fn tagged(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut chars = tag.chars();
    let (a, b) = (chars.next()?, chars.next()?);
    if !(a.is_ascii_uppercase() && (b.is_ascii_uppercase() || b.is_ascii_digit())) {
        return None;
    }
    let rest = line[2..].trim_start_matches(' ');
    let value = rest.strip_prefix('-')?;
    Some((tag, value.trim()))
}

fn record_to_item(fields: &[(String, String)]) -> CslItem {
    let all = |tags: &[&str]| -> Vec<&str> {
        fields
            .iter()
            .filter(|(t, v)| tags.contains(&t.as_str()) && !v.is_empty())
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let first = |tags: &[&str]| -> Option<String> {
        tags.iter()
            .find_map(|t| all(&[t]).first().map(|v| v.to_string()))
    };
    let ty = first(&["TY"]).unwrap_or_default();
    let kind = match ty.as_str() {
        "JOUR" | "JFULL" | "EJOUR" | "ABST" | "INPR" => "article-journal",
        "MGZN" => "article-magazine",
        "NEWS" => "article-newspaper",
        "BOOK" | "EBOOK" | "EDBOOK" => "book",
        "CHAP" | "ECHAP" => "chapter",
        "RPRT" | "GOVDOC" => "report",
        "ELEC" | "WEB" | "BLOG" => "webpage",
        "THES" => "thesis",
        "CONF" | "CPAPER" => "paper-conference",
        _ => "document",
    };
    let page = match (first(&["SP"]), first(&["EP"])) {
        (Some(sp), Some(ep)) => Some(format!("{sp}-{ep}")),
        (sp, None) => sp,
        (None, Some(ep)) => Some(ep),
    };
    let issued = first(&["DA"])
        .and_then(|d| ris_date(&d))
        .filter(|d| d.date_parts.first().is_some_and(|p| p.len() > 1))
        .or_else(|| first(&["PY", "Y1"]).and_then(|d| ris_date(&d)));
    CslItem {
        id: first(&["ID"]),
        kind: kind.into(),
        author: all(&["AU", "A1"]).into_iter().map(ris_name).collect(),
        editor: all(&["A2", "ED"]).into_iter().map(ris_name).collect(),
        issued,
        accessed: first(&["Y2"]).and_then(|d| ris_date(&d)),
        title: first(&["TI", "T1", "CT"]),
        container_title: first(&["T2", "JF", "JO", "BT", "JA"]),
        collection_title: first(&["T3"]),
        volume: first(&["VL"]),
        issue: first(&["IS"]),
        page,
        edition: first(&["ET"]),
        publisher: first(&["PB"]),
        publisher_place: first(&["CY", "PP"]),
        doi: first(&["DO"]),
        url: first(&["UR", "L2"]),
        isbn: if kind == "book" || kind == "chapter" {
            first(&["SN"])
        } else {
            None
        },
        note: first(&["N1"]),
        ..CslItem::default()
    }
}

/// `Family, Given` is a person; a value without a comma is an organisation.
fn ris_name(value: &str) -> Name {
    let mut parts = value.splitn(3, ',').map(str::trim);
    let family = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (Some(given), suffix) => Name {
            family: Some(family.into()),
            given: (!given.is_empty()).then(|| given.into()),
            suffix: suffix.filter(|s| !s.is_empty()).map(str::to_string),
            ..Name::default()
        },
        (None, _) => Name::organisation(family),
    }
}

/// `2019`, `2019/05/02/`, `2019/05//`, `2019/05/02/Spring`, or ISO `2019-05-02`.
fn ris_date(value: &str) -> Option<DateField> {
    let mut parts = value.split('/');
    let year: i32 = parts.next()?.trim().get(..4)?.parse().ok()?;
    if value.contains('-') && !value.contains('/') {
        return DateField::parse_iso(value);
    }
    let month = parts
        .next()
        .and_then(|m| m.trim().parse().ok())
        .filter(|m| (1..=12).contains(m));
    let day = parts
        .next()
        .and_then(|d| d.trim().parse().ok())
        .filter(|d| (1..=31).contains(d));
    Some(DateField::ymd(year, month, day))
}

/// Write items as RIS records.
pub fn to_ris(items: &[CslItem]) -> String {
    let mut out = String::new();
    for item in items {
        write_record(item, &mut out);
    }
    out
}

fn write_record(item: &CslItem, out: &mut String) {
    let ty = match item.kind.as_str() {
        "article-journal" | "article" => "JOUR",
        "article-magazine" => "MGZN",
        "article-newspaper" => "NEWS",
        "book" => "BOOK",
        "chapter" => "CHAP",
        "report" => "RPRT",
        "webpage" | "post-weblog" | "post" => "ELEC",
        "thesis" => "THES",
        "paper-conference" => "CPAPER",
        _ => "GEN",
    };
    let mut line = |tag: &str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            // A value never spans lines in RIS.
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!("{tag}  - {v}\r\n"));
        }
    };
    line("TY", Some(ty));
    line("ID", item.id.as_deref());
    for a in &item.author {
        line("AU", Some(&ris_name_text(a)));
    }
    let editor_tag = if ty == "CHAP" { "A2" } else { "ED" };
    for e in &item.editor {
        line(editor_tag, Some(&ris_name_text(e)));
    }
    line("TI", item.title.as_deref());
    line("T2", item.container_title.as_deref());
    line("T3", item.collection_title.as_deref());
    if let Some((y, m, d)) = item.issued.as_ref().and_then(DateField::start) {
        line("PY", Some(&y.to_string()));
        if m.is_some() {
            line("DA", Some(&ris_date_text(y, m, d)));
        }
    }
    line("ET", item.edition.as_deref());
    line("VL", item.volume.as_deref());
    line("IS", item.issue.as_deref());
    if let Some(page) = &item.page {
        match page.split_once(['-', '–']) {
            Some((sp, ep)) if !sp.trim().is_empty() && !ep.trim().is_empty() => {
                line("SP", Some(sp));
                line("EP", Some(ep));
            }
            _ => line("SP", Some(page)),
        }
    }
    line("PB", item.publisher.as_deref());
    line("CY", item.publisher_place.as_deref());
    line("SN", item.isbn.as_deref());
    line("DO", item.doi.as_deref());
    line("UR", item.url.as_deref());
    if let Some((y, m, d)) = item.accessed.as_ref().and_then(DateField::start) {
        line("Y2", Some(&ris_date_text(y, m, d)));
    }
    line("N1", item.note.as_deref());
    out.push_str("ER  - \r\n\r\n");
}

fn ris_name_text(n: &Name) -> String {
    if let Some(l) = &n.literal {
        // A comma would make it read back as a person.
        return l.replace(',', "");
    }
    let mut s = n.sort_name();
    if let Some(g) = &n.given {
        s.push_str(", ");
        s.push_str(g);
    }
    if let Some(suffix) = &n.suffix {
        s.push_str(", ");
        s.push_str(suffix);
    }
    s
}

fn ris_date_text(y: i32, m: Option<u8>, d: Option<u8>) -> String {
    let part = |v: Option<u8>| v.map(|v| format!("{v:02}")).unwrap_or_default();
    format!("{y:04}/{}/{}/", part(m), part(d))
}
