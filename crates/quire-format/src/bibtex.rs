//! BibTeX / BibLaTeX in and out, through the `biblatex` crate.
//!
//! Export writes classic BibTeX field names (`journal`, `address`, `year`)
//! plus the BibLaTeX ones Zotero also reads (`urldate`, `doi`, `pubstate`),
//! and `@online` for web pages; import accepts either dialect.

use std::collections::HashSet;

use biblatex::{
    Bibliography, Chunk, ChunksExt, EditorType, Entry, EntryType, Person, RawBibliography, Spanned,
};

use quire_csl::{CslItem, DateField, Name};

use crate::{Error, Result};

/// Parse a `.bib` file into CSL-JSON items (key → `id`).
/// Links are checked first (`bibcheck`): biblatex would recurse forever on a
/// cyclic `crossref` or `@string`.
pub fn from_bibtex(src: &str) -> Result<Vec<CslItem>> {
    let raw = RawBibliography::parse(src).map_err(|e| Error::Bibtex(e.to_string()))?;
    crate::bibcheck::check(&raw)?;
    let bib = Bibliography::from_raw(raw).map_err(|e| Error::Bibtex(e.to_string()))?;
    Ok(bib.iter().map(entry_to_item).collect())
}

fn entry_to_item(entry: &Entry) -> CslItem {
    let field = |key: &str| -> Option<String> {
        entry
            .get(key)
            .map(|c| c.format_verbatim())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let kind = match &entry.entry_type {
        // BibLaTeX (and Zotero's export) mark press articles with `entrysubtype`.
        EntryType::Article => match field("entrysubtype").as_deref() {
            Some("newspaper") => "article-newspaper",
            Some("magazine") => "article-magazine",
            _ => "article-journal",
        },
        EntryType::SuppPeriodical => "article-journal",
        EntryType::Book
        | EntryType::MvBook
        | EntryType::Collection
        | EntryType::MvCollection
        | EntryType::Proceedings => "book",
        EntryType::InBook
        | EntryType::InCollection
        | EntryType::BookInBook
        | EntryType::SuppBook
        | EntryType::SuppCollection => "chapter",
        EntryType::InProceedings => "paper-conference",
        EntryType::Report | EntryType::TechReport => "report",
        EntryType::Thesis | EntryType::PhdThesis | EntryType::MastersThesis => "thesis",
        EntryType::Online => "webpage",
        EntryType::Misc if field("url").is_some() => "webpage",
        _ => "document",
    };
    let container = if kind.starts_with("article") {
        field("journaltitle").or_else(|| field("journal"))
    } else {
        field("booktitle")
    };
    let (issue, number) = if kind.starts_with("article") {
        (field("issue").or_else(|| field("number")), None)
    } else {
        (field("issue"), field("number"))
    };
    let publisher = field("publisher")
        .or_else(|| field("institution"))
        .or_else(|| field("organization"));
    let (issued, status) = bib_date(&field);
    let editor = entry
        .editors()
        .ok()
        .and_then(|eds| eds.into_iter().find(|(_, t)| *t == EditorType::Editor))
        .map(|(people, _)| people.iter().map(person_to_name).collect())
        .unwrap_or_default();
    CslItem {
        id: Some(entry.key.clone()),
        kind: kind.into(),
        author: entry
            .author()
            .map(|p| p.iter().map(person_to_name).collect())
            .unwrap_or_default(),
        editor,
        issued,
        accessed: field("urldate").and_then(|d| DateField::parse_iso(&d)),
        title: field("title"),
        container_title: container,
        collection_title: field("series"),
        volume: field("volume"),
        issue,
        // biblatex turns `--` into an en dash; CSL-JSON writers use a hyphen.
        page: field("pages").map(|p| p.replace(['–', '—'], "-")),
        edition: field("edition"),
        publisher,
        publisher_place: field("location").or_else(|| field("address")),
        number,
        doi: field("doi"),
        url: field("url"),
        isbn: field("isbn"),
        status: field("pubstate").or(status),
        note: field("note"),
        ..CslItem::default()
    }
}

/// `date = {2019-05-02}` (BibLaTeX) or `year`/`month` (BibTeX). A year that
/// is not a number ("in press", "forthcoming") becomes the status.
fn bib_date(field: &dyn Fn(&str) -> Option<String>) -> (Option<DateField>, Option<String>) {
    if let Some(d) = field("date").and_then(|d| DateField::parse_iso(&d)) {
        return (Some(d), None);
    }
    let Some(year) = field("year") else {
        return (None, None);
    };
    let Ok(y) = year.parse::<i32>() else {
        return (None, Some(year));
    };
    let month = field("month").and_then(|m| month_number(&m));
    let day = month.and(field("day")).and_then(|d| d.parse().ok());
    (Some(DateField::ymd(y, month, day)), None)
}

fn month_number(m: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = m.trim().to_ascii_lowercase();
    m.parse().ok().filter(|n| (1..=12).contains(n)).or_else(|| {
        NAMES
            .iter()
            .position(|n| m.starts_with(n))
            .map(|i| i as u8 + 1)
    })
}

/// A name without a given part is an organisation (written `{{WHO}}`).
fn person_to_name(p: &Person) -> Name {
    if p.given_name.is_empty() && p.prefix.is_empty() {
        return Name::organisation(&p.name);
    }
    Name {
        family: Some(p.name.clone()),
        given: (!p.given_name.is_empty()).then(|| p.given_name.clone()),
        non_dropping_particle: (!p.prefix.is_empty()).then(|| p.prefix.clone()),
        suffix: (!p.suffix.is_empty()).then(|| p.suffix.clone()),
        ..Name::default()
    }
}

/// Write items as BibTeX entries Zotero, Mendeley and biber read.
pub fn to_bibtex(items: &[CslItem]) -> String {
    let mut keys = HashSet::new();
    let mut out = String::new();
    for item in items {
        let key = unique_key(item, &mut keys);
        out.push_str(&entry_text(item, &key));
        out.push_str("\n\n");
    }
    out
}

fn entry_text(item: &CslItem, key: &str) -> String {
    let is_article = item.kind.starts_with("article");
    let ty = match item.kind.as_str() {
        "article-journal" | "article-magazine" | "article-newspaper" | "article" => "article",
        "book" => "book",
        "chapter" | "entry-encyclopedia" | "entry-dictionary" => "incollection",
        "paper-conference" => "inproceedings",
        "report" => "techreport",
        "thesis" => "phdthesis",
        "webpage" | "post-weblog" | "post" => "online",
        _ => "misc",
    };
    let mut fields: Vec<(&str, Vec<Spanned<Chunk>>)> = Vec::new();
    let mut text = |name: &'static str, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            fields.push((name, vec![Spanned::detached(Chunk::Normal(v.to_string()))]));
        }
    };
    let start = item.issued.as_ref().and_then(DateField::start);
    let (year, month) = match start {
        Some((y, m, _)) => (Some(y.to_string()), m.map(|m| m.to_string())),
        None => (item.status.clone(), None),
    };
    // BibTeX has no day; the BibLaTeX `date` field (which Zotero reads) carries it.
    let full_date = start.filter(|(_, _, d)| d.is_some()).map(iso);
    text(
        "entrysubtype",
        match item.kind.as_str() {
            "article-newspaper" => Some("newspaper"),
            "article-magazine" => Some("magazine"),
            _ => None,
        },
    );
    text("title", item.title.as_deref());
    text(
        if is_article { "journal" } else { "booktitle" },
        item.container_title.as_deref(),
    );
    text("series", item.collection_title.as_deref());
    text("year", year.as_deref());
    text("month", month.as_deref());
    text("date", full_date.as_deref());
    text("edition", item.edition.as_deref());
    text("volume", item.volume.as_deref());
    text(
        if is_article { "number" } else { "issue" },
        item.issue.as_deref(),
    );
    if !is_article {
        text("number", item.number.as_deref());
    }
    // BibTeX writes ranges with `--`; they come back as CSL's plain hyphen.
    let pages = item
        .page
        .as_ref()
        .map(|p| p.replace(['–', '-'], "--").replace("----", "--"));
    text("pages", pages.as_deref());
    text(
        if ty == "techreport" {
            "institution"
        } else {
            "publisher"
        },
        item.publisher.as_deref(),
    );
    text("address", item.publisher_place.as_deref());
    text("doi", item.doi.as_deref());
    text("url", item.url.as_deref());
    let urldate = item.accessed.as_ref().and_then(DateField::start).map(iso);
    text("urldate", urldate.as_deref());
    text("isbn", item.isbn.as_deref());
    if item.issued.is_some() {
        text("pubstate", item.status.as_deref());
    }
    text("note", item.note.as_deref());
    let mut names = Vec::new();
    for (name, list) in [("author", &item.author), ("editor", &item.editor)] {
        if !list.is_empty() {
            names.push((name, name_chunks(list)));
        }
    }
    names.extend(fields);

    let mut out = format!("@{ty}{{{key},\n");
    for (name, chunks) in names {
        let verbatim = matches!(name, "url" | "doi");
        out.push_str(&format!(
            "  {name} = {},\n",
            chunks.to_biblatex_string(verbatim)
        ));
    }
    out.push('}');
    out
}

/// `Family, Given and {Organisation}`: braces keep an organisation's name
/// whole (BibTeX would otherwise read "Care Quality Commission" as a person).
fn name_chunks(list: &[Name]) -> Vec<Spanned<Chunk>> {
    let mut chunks = Vec::new();
    for (i, n) in list.iter().enumerate() {
        if i > 0 {
            chunks.push(Spanned::detached(Chunk::Normal(" and ".into())));
        }
        match (&n.literal, &n.family) {
            (Some(l), _) => chunks.push(Spanned::detached(Chunk::Verbatim(l.clone()))),
            (None, family) => {
                let mut s = String::new();
                if let Some(p) = &n.non_dropping_particle {
                    s.push_str(p);
                    s.push(' ');
                }
                s.push_str(family.as_deref().unwrap_or_default());
                if let Some(suffix) = &n.suffix {
                    s.push_str(", ");
                    s.push_str(suffix);
                }
                if let Some(g) = &n.given {
                    s.push_str(", ");
                    s.push_str(g);
                }
                chunks.push(Spanned::detached(Chunk::Normal(s)));
            }
        }
    }
    chunks
}

fn iso((y, m, d): (i32, Option<u8>, Option<u8>)) -> String {
    match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    }
}

/// The item's own id when it is a usable key, else `family2019`, made unique with a, b, ...
fn unique_key(item: &CslItem, taken: &mut HashSet<String>) -> String {
    let own = item.id.as_deref().filter(|id| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-:.".contains(c))
    });
    let base = own.map(str::to_string).unwrap_or_else(|| {
        let name: String = item
            .author
            .first()
            .or(item.editor.first())
            .map(Name::sort_name)
            .unwrap_or_else(|| "anon".into())
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let name = if name.is_empty() {
            "anon".to_string()
        } else {
            name
        };
        format!(
            "{name}{}",
            item.year().map(|y| y.to_string()).unwrap_or_default()
        )
    });
    let mut key = base.clone();
    let mut suffix = b'a';
    while !taken.insert(key.clone()) {
        key = format!("{base}{}", suffix as char);
        suffix = suffix.saturating_add(1);
        if suffix > b'z' {
            key = format!("{base}-{}", taken.len());
        }
    }
    key
}
