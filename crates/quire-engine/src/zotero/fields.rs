//! Zotero fields → CSL-JSON, the way Zotero's own CSL-JSON export does it.
//!
//! The tables below are Zotero's published mapping, read (not copied) from the
//! `csl` object of Zotero's schema, <https://github.com/zotero/zotero-schema>
//! `schema.json` (`csl.types`, `csl.fields.text`, `csl.fields.date`,
//! `csl.names`), which Zotero loads into `Zotero.Schema.CSL_TYPE_MAPPINGS`,
//! `CSL_TEXT_MAPPINGS`, `CSL_DATE_MAPPINGS` and `CSL_NAME_MAPPINGS`. The rules
//! around them follow `itemToCSLJSON` in zotero/utilities `utilities_item.js`:
//!
//! - the item type picks the CSL type (an unknown one: `document`);
//! - each CSL text variable takes the first non-empty Zotero field of its list,
//!   where a base field (`publicationTitle`, `publisher`, `number`, `type`, …)
//!   also finds the item type's own field mapped to it (`bookTitle`,
//!   `websiteTitle`, `university`, `institution`, `reportNumber`, `thesisType`…);
//!   only the first ISBN is kept, enclosing double quotes are stripped and
//!   `extra` goes to `note` after `extraToCSL` ("Original Date: 2000" →
//!   "original-date: 2000"); `shortTitle` is written only as `title-short`;
//! - creators keep their order; the item type's primary creator type is
//!   `author`, the others go through the name table and are dropped when it has
//!   no entry; a two-field name becomes `family`/`given` with particles parsed
//!   ("van Gogh"), a one-field name (fieldMode 1) a `literal`;
//! - dates become `date-parts` (year, month, day as far as known); a date
//!   without a year is passed on as `literal`.
//!
//! Deliberate differences: `id` is `"<libraryID>/<key>"` (Zotero writes the
//! item's URI, which names the local user); `accessed` keeps the UTC day Zotero
//! stored (Zotero converts it to the exporting computer's time zone).

use std::collections::HashMap;

use quire_csl::{CslItem, DateField, Name};
use serde_json::Value;

/// Zotero item type → CSL type (`csl.types`, read the other way round).
const TYPES: &[(&str, &str)] = &[
    ("preprint", "article"),
    ("journalArticle", "article-journal"),
    ("magazineArticle", "article-magazine"),
    ("newspaperArticle", "article-newspaper"),
    ("bill", "bill"),
    ("book", "book"),
    ("podcast", "broadcast"),
    ("tvBroadcast", "broadcast"),
    ("radioBroadcast", "broadcast"),
    ("bookSection", "chapter"),
    ("dataset", "dataset"),
    ("document", "document"),
    ("attachment", "document"),
    ("note", "document"),
    ("dictionaryEntry", "entry-dictionary"),
    ("encyclopediaArticle", "entry-encyclopedia"),
    ("artwork", "graphic"),
    ("hearing", "hearing"),
    ("interview", "interview"),
    ("case", "legal_case"),
    ("statute", "legislation"),
    ("manuscript", "manuscript"),
    ("map", "map"),
    ("film", "motion_picture"),
    ("videoRecording", "motion_picture"),
    ("conferencePaper", "paper-conference"),
    ("patent", "patent"),
    ("letter", "personal_communication"),
    ("email", "personal_communication"),
    ("instantMessage", "personal_communication"),
    ("forumPost", "post"),
    ("blogPost", "post-weblog"),
    ("report", "report"),
    ("computerProgram", "software"),
    ("audioRecording", "song"),
    ("presentation", "speech"),
    ("standard", "standard"),
    ("thesis", "thesis"),
    ("webpage", "webpage"),
];

/// CSL text variable → the Zotero (base) fields that fill it, first non-empty
/// wins (`csl.fields.text`, in the schema's order; its `shortTitle` entry is
/// only read on import, so it is left out here).
const TEXT: &[(&str, &[&str])] = &[
    ("abstract", &["abstractNote"]),
    ("archive", &["archive"]),
    ("archive_location", &["archiveLocation"]),
    ("authority", &["authority"]),
    ("call-number", &["callNumber", "applicationNumber"]),
    ("chapter-number", &["session"]),
    ("citation-key", &["citationKey"]),
    ("collection-number", &["seriesNumber"]),
    ("collection-title", &["seriesTitle", "series"]),
    ("container-title", &["publicationTitle", "reporter", "code"]),
    ("dimensions", &["artworkSize", "runningTime"]),
    ("DOI", &["DOI"]),
    ("edition", &["edition"]),
    ("event-place", &["eventPlace"]),
    ("event-title", &["meetingName", "conferenceName"]),
    ("genre", &["type", "programmingLanguage"]),
    ("ISBN", &["ISBN"]),
    ("ISSN", &["ISSN"]),
    ("issue", &["issue", "priorityNumbers"]),
    ("journalAbbreviation", &["journalAbbreviation"]),
    ("language", &["language"]),
    ("license", &["rights"]),
    ("medium", &["medium", "system"]),
    ("note", &["extra"]),
    ("number", &["number"]),
    ("number-of-pages", &["numPages"]),
    ("number-of-volumes", &["numberOfVolumes"]),
    ("original-publisher", &["originalPublisher"]),
    ("original-publisher-place", &["originalPlace"]),
    ("part-number", &["partNumber"]),
    ("part-title", &["partTitle"]),
    ("page", &["pages"]),
    ("PMID", &["PMID"]),
    ("PMCID", &["PMCID"]),
    ("publisher", &["publisher"]),
    ("publisher-place", &["place"]),
    ("references", &["history", "references"]),
    ("scale", &["scale"]),
    ("section", &["section", "committee"]),
    ("source", &["libraryCatalog"]),
    ("status", &["status"]),
    ("title", &["title"]),
    ("title-short", &["shortTitle"]),
    ("URL", &["url"]),
    ("version", &["versionNumber"]),
    ("volume", &["volume", "codeNumber"]),
];

/// CSL date variable → Zotero (base) field (`csl.fields.date`).
const DATES: &[(&str, &str)] = &[
    ("accessed", "accessDate"),
    ("issued", "date"),
    ("submitted", "filingDate"),
    ("original-date", "originalDate"),
];

/// Zotero creator type → CSL name variable (`csl.names`). A creator of the item
/// type's primary type is an `author` whatever its name.
const NAMES: &[(&str, &str)] = &[
    ("author", "author"),
    ("bookAuthor", "container-author"),
    ("castMember", "performer"),
    ("chair", "chair"),
    ("composer", "composer"),
    ("contributor", "contributor"),
    ("creator", "author"),
    ("director", "director"),
    ("editor", "editor"),
    ("executiveProducer", "executive-producer"),
    ("guest", "guest"),
    ("host", "host"),
    ("interviewer", "interviewer"),
    ("narrator", "narrator"),
    ("organizer", "organizer"),
    ("originalCreator", "original-author"),
    ("podcaster", "host"),
    ("producer", "producer"),
    ("recipient", "recipient"),
    ("reviewedAuthor", "reviewed-author"),
    ("scriptwriter", "script-writer"),
    ("seriesCreator", "series-creator"),
    ("seriesEditor", "collection-editor"),
    ("translator", "translator"),
];

/// Type-specific field → its base field, for databases whose
/// `baseFieldMappings` table is missing or lacks a row. From the schema's
/// `baseField` entries (the same pairs Zotero writes into that table).
const BASE_FIELDS: &[(&str, &str)] = &[
    ("artworkMedium", "medium"),
    ("audioFileType", "medium"),
    ("audioRecordingFormat", "medium"),
    ("billNumber", "number"),
    ("blogTitle", "publicationTitle"),
    ("bookTitle", "publicationTitle"),
    ("caseName", "title"),
    ("codePages", "pages"),
    ("codeVolume", "volume"),
    ("company", "publisher"),
    ("court", "authority"),
    ("dateDecided", "date"),
    ("dateEnacted", "date"),
    ("dictionaryTitle", "publicationTitle"),
    ("distributor", "publisher"),
    ("docketNumber", "number"),
    ("documentNumber", "number"),
    ("encyclopediaTitle", "publicationTitle"),
    ("episodeNumber", "number"),
    ("firstPage", "pages"),
    ("forumTitle", "publicationTitle"),
    ("genre", "type"),
    ("institution", "publisher"),
    ("interviewMedium", "medium"),
    ("issueDate", "date"),
    ("label", "publisher"),
    ("letterType", "type"),
    ("manuscriptType", "type"),
    ("mapType", "type"),
    ("nameOfAct", "title"),
    ("network", "publisher"),
    ("patentNumber", "number"),
    ("postType", "type"),
    ("presentationType", "type"),
    ("proceedingsTitle", "publicationTitle"),
    ("programTitle", "publicationTitle"),
    ("publicLawNumber", "number"),
    ("reportNumber", "number"),
    ("reportType", "type"),
    ("reporterVolume", "volume"),
    ("studio", "publisher"),
    ("subject", "title"),
    ("thesisType", "type"),
    ("university", "publisher"),
    ("videoRecordingFormat", "medium"),
    ("websiteTitle", "publicationTitle"),
    ("websiteType", "type"),
];

/// The primary creator type of item types whose primary is not `author`, for
/// databases without `itemTypeCreatorTypes` (the schema's `"primary": true`).
const PRIMARY_CREATORS: &[(&str, &str)] = &[
    ("artwork", "artist"),
    ("audioRecording", "performer"),
    ("bill", "sponsor"),
    ("computerProgram", "programmer"),
    ("film", "director"),
    ("hearing", "contributor"),
    ("interview", "interviewee"),
    ("map", "cartographer"),
    ("patent", "inventor"),
    ("podcast", "podcaster"),
    ("presentation", "presenter"),
    ("radioBroadcast", "director"),
    ("tvBroadcast", "director"),
    ("videoRecording", "director"),
];

/// The item types that are not works: they are never read as items.
pub(super) const NOT_WORKS: &[&str] = &["note", "attachment", "annotation"];

/// The CSL type of a Zotero item type, `None` when it is unknown.
pub(super) fn csl_type(item_type: &str) -> Option<&'static str> {
    TYPES.iter().find(|(z, _)| *z == item_type).map(|(_, c)| *c)
}

/// The base field a type-specific field stands for, when the database did not
/// say (see [`BASE_FIELDS`]).
pub(super) fn default_base_field(field: &str) -> Option<&'static str> {
    BASE_FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, b)| *b)
}

pub(super) fn default_primary_creator(item_type: &str) -> &'static str {
    PRIMARY_CREATORS
        .iter()
        .find(|(t, _)| *t == item_type)
        .map_or("author", |(_, c)| *c)
}

/// One creator as Zotero stores it.
#[derive(Debug, Clone)]
pub(super) struct Creator {
    pub creator_type: String,
    pub first: String,
    pub last: String,
    /// 1: one-field name (an organisation); anything else: two fields.
    pub field_mode: i64,
}

/// What one regular item holds, with fields by name: each value is stored
/// under its own field name and, for a type-specific field, under its base
/// field's name too (`bookTitle` also as `publicationTitle`).
#[derive(Debug, Default)]
pub(super) struct ZItem {
    pub item_type: String,
    pub primary_creator: String,
    pub fields: HashMap<String, String>,
    pub creators: Vec<Creator>,
}

/// The CSL-JSON Zotero's export gives for an item.
pub(super) fn to_csl(id: String, z: &ZItem) -> CslItem {
    let mut csl = CslItem {
        id: Some(id),
        kind: csl_type(&z.item_type).unwrap_or("document").into(),
        ..CslItem::default()
    };
    let get = |name: &str| -> Option<&str> {
        // Zotero's `versionNumber` was once called `version`.
        let v = z.fields.get(name).or_else(|| match name {
            "versionNumber" => z.fields.get("version"),
            _ => None,
        })?;
        (!v.is_empty()).then_some(v.as_str())
    };
    for (var, fields) in TEXT {
        let Some((field, value)) = fields.iter().find_map(|f| get(f).map(|v| (*f, v))) else {
            continue;
        };
        let mut value = value.to_string();
        if field == "ISBN" {
            if let Some(first) = first_isbn(&value) {
                value = first;
            }
        } else if field == "extra" {
            value = extra_to_csl(&value);
        }
        set_text(&mut csl, var, strip_enclosing_quotes(value));
    }

    let mut names: Vec<(&'static str, Vec<Name>)> = Vec::new();
    for c in &z.creators {
        let ty = if c.creator_type == z.primary_creator {
            "author"
        } else {
            c.creator_type.as_str()
        };
        let Some(var) = NAMES.iter().find(|(t, _)| *t == ty).map(|(_, v)| *v) else {
            continue;
        };
        let Some(name) = creator_name(c) else {
            continue;
        };
        match names.iter_mut().find(|(v, _)| *v == var) {
            Some((_, list)) => list.push(name),
            None => names.push((var, vec![name])),
        }
    }
    for (var, list) in names {
        set_names(&mut csl, var, list);
    }

    for (var, field) in DATES {
        if let Some(date) = get(field).and_then(parse_date) {
            set_date(&mut csl, var, date);
        }
    }
    csl
}

fn set_text(csl: &mut CslItem, var: &str, value: String) {
    let slot = match var {
        "title" => &mut csl.title,
        "container-title" => &mut csl.container_title,
        "collection-title" => &mut csl.collection_title,
        "volume" => &mut csl.volume,
        "issue" => &mut csl.issue,
        "page" => &mut csl.page,
        "edition" => &mut csl.edition,
        "publisher" => &mut csl.publisher,
        "publisher-place" => &mut csl.publisher_place,
        "number" => &mut csl.number,
        "DOI" => &mut csl.doi,
        "URL" => &mut csl.url,
        "ISBN" => &mut csl.isbn,
        "status" => &mut csl.status,
        "note" => &mut csl.note,
        _ => {
            csl.extra.insert(var.into(), Value::String(value));
            return;
        }
    };
    *slot = Some(value);
}

fn set_names(csl: &mut CslItem, var: &str, names: Vec<Name>) {
    match var {
        "author" => csl.author = names,
        "editor" => csl.editor = names,
        _ => {
            let json = serde_json::to_value(names).unwrap_or(Value::Null);
            csl.extra.insert(var.into(), json);
        }
    }
}

fn set_date(csl: &mut CslItem, var: &str, date: DateField) {
    match var {
        "issued" => csl.issued = Some(date),
        "accessed" => csl.accessed = Some(date),
        _ => {
            let json = serde_json::to_value(date).unwrap_or(Value::Null);
            csl.extra.insert(var.into(), json);
        }
    }
}

/// A creator as a CSL name; `None` when it has no name at all.
fn creator_name(c: &Creator) -> Option<Name> {
    let (first, last) = (c.first.trim(), c.last.trim());
    if c.field_mode == 1 {
        let literal = if last.is_empty() { first } else { last };
        return (!literal.is_empty()).then(|| Name::organisation(literal));
    }
    if first.is_empty() && last.is_empty() {
        return None;
    }
    let mut name = Name::person(last, first);
    if !first.is_empty() && !last.is_empty() {
        if last.len() > 1 && last.starts_with('"') && last.ends_with('"') {
            // A quoted family name is taken as it stands, without the quotes.
            name.family = Some(last[1..last.len() - 1].into());
        } else {
            parse_particles(&mut name);
        }
    }
    Some(name)
}

/// The particles citeproc-js (and so Zotero's export) takes out of a name:
/// leading lower-case words of the family name ("van der" of "van der Berg")
/// are its non-dropping particle, a ", Jr." after the given name its suffix,
/// and trailing lower-case words of the given name ("Ludwig van") its dropping
/// particle.
fn parse_particles(name: &mut Name) {
    let is_particle = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    if let Some(family) = name.family.clone() {
        let words: Vec<&str> = family.split(' ').filter(|w| !w.is_empty()).collect();
        let mut n = 0;
        while n + 1 < words.len() && is_particle(words[n]) {
            n += 1;
        }
        let mut particle: Vec<String> = words[..n].iter().map(|w| w.to_string()).collect();
        let mut rest = words[n..].join(" ");
        // "d'Alembert": an elided lower-case particle joined to the name.
        if let Some(pos) = rest.find(['\'', '\u{2019}']) {
            let head = &rest[..pos];
            if pos > 0 && !head.contains(' ') && is_particle(head) && rest.len() > pos + 1 {
                let apostrophe_len = rest[pos..].chars().next().map_or(1, char::len_utf8);
                particle.push(rest[..pos + apostrophe_len].to_string());
                rest = rest[pos + apostrophe_len..].to_string();
            }
        }
        if !particle.is_empty() && !rest.is_empty() {
            let joined = particle.join(" ");
            let joined = joined.replace("' ", "'").replace("\u{2019} ", "\u{2019}");
            name.non_dropping_particle = Some(joined);
            name.family = Some(rest);
        }
    }
    if let Some(given) = name.given.clone() {
        let mut given = given;
        if let Some(pos) = given.find(',') {
            let suffix = given[pos + 1..].trim().trim_start_matches('!').trim();
            if !suffix.is_empty() {
                name.suffix = Some(suffix.to_string());
            }
            given = given[..pos].trim_end().to_string();
        }
        let words: Vec<&str> = given.split(' ').filter(|w| !w.is_empty()).collect();
        let mut keep = words.len();
        while keep > 1 && is_particle(words[keep - 1]) {
            keep -= 1;
        }
        if keep < words.len() {
            name.dropping_particle = Some(words[keep..].join(" "));
        }
        let given = words[..keep].join(" ");
        name.given = (!given.is_empty()).then_some(given);
    }
}

/// The first ISBN of a field that may hold several ("9780335238071
/// 0335238076"), as Zotero keeps only that one.
fn first_isbn(value: &str) -> Option<String> {
    let v = value.trim_start();
    let b = v.as_bytes();
    // Up to 13 digits (the last may be X), each optionally followed by '-'.
    let mut i = 0;
    let mut digits = 0;
    let mut end = 0;
    while i < b.len() && digits < 13 {
        let c = b[i];
        let is_digit =
            c.is_ascii_digit() || ((c == b'x' || c == b'X') && (digits == 9 || digits == 12));
        if !is_digit {
            break;
        }
        digits += 1;
        i += 1;
        end = i;
        if (c == b'x' || c == b'X') && digits == 10 {
            break;
        }
        if i < b.len() && b[i] == b'-' {
            i += 1;
        }
    }
    let candidate = &v[..end];
    let ok = match digits {
        10 => true,
        13 => candidate.starts_with("978") || candidate.starts_with("979"),
        _ => false,
    };
    // The ISBN must end the word (not run on into more digits or a hyphen).
    let next = v[end..].chars().next();
    (ok && !matches!(next, Some(c) if c.is_alphanumeric() || c == '-' || c == '_'))
        .then(|| candidate.to_string())
}

fn strip_enclosing_quotes(value: String) -> String {
    if value.len() >= 2 && value.starts_with('"') && value[1..].find('"') == Some(value.len() - 2) {
        value[1..value.len() - 1].to_string()
    } else {
        value
    }
}

/// CSL variables `extraToCSL` recognises in "Key: value" lines of `extra`.
const EXTRA_VARS: &[&str] = &[
    "abstract",
    "accessed",
    "annote",
    "archive",
    "archive-place",
    "author",
    "authority",
    "call-number",
    "chapter-number",
    "citation-label",
    "citation-number",
    "collection-editor",
    "collection-number",
    "collection-title",
    "composer",
    "container",
    "container-author",
    "container-title",
    "container-title-short",
    "dimensions",
    "director",
    "edition",
    "editor",
    "editorial-director",
    "event",
    "event-date",
    "event-place",
    "first-reference-note-number",
    "genre",
    "illustrator",
    "interviewer",
    "issue",
    "issued",
    "jurisdiction",
    "keyword",
    "language",
    "locator",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-author",
    "original-date",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "page-first",
    "publisher",
    "publisher-place",
    "recipient",
    "references",
    "reviewed-author",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "submitted",
    "title",
    "title-short",
    "translator",
    "type",
    "version",
    "volume",
    "year-suffix",
];

/// Zotero's `extraToCSL`: "Original Date: 2000" lines of `extra` are written
/// with the CSL variable's own name ("original-date: 2000"), "Doi: x" as
/// "DOI: x", "Archive Location" as "archive_location"; other lines stay.
fn extra_to_csl(extra: &str) -> String {
    extra
        .split('\n')
        .map(|line| {
            let Some(colon) = line.find(':') else {
                return line.to_string();
            };
            let (key, rest) = line.split_at(colon);
            let valid_key = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-');
            if !valid_key || rest[1..].trim().is_empty() {
                return line.to_string();
            }
            let field = key.to_ascii_lowercase().replace(' ', "-");
            let new_key = match field.as_str() {
                f if EXTRA_VARS.contains(&f) => field.clone(),
                "doi" | "isbn" | "issn" | "pmid" | "pmcid" | "url" => field.to_ascii_uppercase(),
                "archive-location" => "archive_location".into(),
                _ => key.to_string(),
            };
            format!("{new_key}{rest}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Zotero date field as CSL: multipart "2019-03-00 March 2019" (the SQL part
/// with 00 for what is unknown, then the text as typed), an SQL timestamp
/// ("2020-06-03 10:15:00", for `accessDate`), or free text from older
/// libraries. `None` for an empty field.
pub(super) fn parse_date(raw: &str) -> Option<DateField> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let (head, text) = raw.split_once(' ').unwrap_or((raw, ""));
    if let Some((y, m, d)) = sql_date(head) {
        if y != 0 {
            let month = (1..=12).contains(&m).then_some(m as u8);
            let day = (1..=31).contains(&d).then_some(d as u8);
            return Some(DateField::ymd(y, month, day));
        }
        // No year: Zotero passes the typed text on as is.
        let literal = if text.trim().is_empty() {
            raw
        } else {
            text.trim()
        };
        return Some(DateField {
            literal: Some(literal.to_string()),
            ..DateField::default()
        });
    }
    // Free text: take a four-digit year if there is one, else keep it literally.
    let year = raw
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse::<i32>().ok());
    Some(match year {
        Some(y) => DateField::ymd(y, None, None),
        None => DateField {
            literal: Some(raw.to_string()),
            ..DateField::default()
        },
    })
}

/// "YYYY-MM-DD" → numbers (00 where unknown).
fn sql_date(s: &str) -> Option<(i32, i32, i32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    Some((num(0..4)?, num(5..7)?, num(8..10)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_zotero_stores_them() {
        assert_eq!(
            parse_date("2019-03-00 March 2019"),
            Some(DateField::ymd(2019, Some(3), None))
        );
        assert_eq!(
            parse_date("2014-05-14 14 May 2014"),
            Some(DateField::ymd(2014, Some(5), Some(14)))
        );
        assert_eq!(
            parse_date("2020-06-03 10:15:00"),
            Some(DateField::ymd(2020, Some(6), Some(3)))
        );
        assert_eq!(
            parse_date("2011-00-00 2011"),
            Some(DateField::ymd(2011, None, None))
        );
        assert_eq!(
            parse_date("0000-00-00 Spring term")
                .unwrap()
                .literal
                .as_deref(),
            Some("Spring term")
        );
        assert_eq!(
            parse_date("circa 1850?"),
            Some(DateField::ymd(1850, None, None))
        );
        assert_eq!(parse_date("n.d.").unwrap().literal.as_deref(), Some("n.d."));
        assert_eq!(parse_date("  "), None);
    }

    #[test]
    fn first_isbn_only() {
        assert_eq!(
            first_isbn("9780335238071 0335238076").as_deref(),
            Some("9780335238071")
        );
        assert_eq!(
            first_isbn("978-0-335-23807-1").as_deref(),
            Some("978-0-335-23807-1")
        );
        assert_eq!(
            first_isbn("033523807X, 9780335238071").as_deref(),
            Some("033523807X")
        );
        assert_eq!(first_isbn("not an isbn"), None);
        assert_eq!(first_isbn("12345678901234"), None);
    }

    #[test]
    fn particles_and_suffixes() {
        let c = |first: &str, last: &str| Creator {
            creator_type: "author".into(),
            first: first.into(),
            last: last.into(),
            field_mode: 0,
        };
        let n = creator_name(&c("Vincent", "van Gogh")).unwrap();
        assert_eq!(
            (n.non_dropping_particle.as_deref(), n.family.as_deref()),
            (Some("van"), Some("Gogh"))
        );
        let n = creator_name(&c("Patrick", "O'Leary")).unwrap();
        assert_eq!(
            (n.non_dropping_particle, n.family.as_deref()),
            (None, Some("O'Leary"))
        );
        let n = creator_name(&c("Jean", "d'Alembert")).unwrap();
        assert_eq!(
            (n.non_dropping_particle.as_deref(), n.family.as_deref()),
            (Some("d'"), Some("Alembert"))
        );
        let n = creator_name(&c("Martin Luther, Jr.", "King")).unwrap();
        assert_eq!(
            (n.given.as_deref(), n.suffix.as_deref()),
            (Some("Martin Luther"), Some("Jr."))
        );
        let n = creator_name(&c("Ludwig van", "Beethoven")).unwrap();
        assert_eq!(
            (n.given.as_deref(), n.dropping_particle.as_deref()),
            (Some("Ludwig"), Some("van"))
        );
        let org = Creator {
            field_mode: 1,
            ..c("", "British Association of Social Workers")
        };
        assert_eq!(
            creator_name(&org),
            Some(Name::organisation("British Association of Social Workers"))
        );
        assert_eq!(creator_name(&c(" ", "")), None);
    }

    #[test]
    fn extra_lines_take_csl_names() {
        assert_eq!(
            extra_to_csl("Original Date: 2000\nDoi: 10.1/x\nSome note: kept\nplain"),
            "original-date: 2000\nDOI: 10.1/x\nSome note: kept\nplain"
        );
    }

    #[test]
    fn quotes_are_stripped_only_when_they_enclose() {
        assert_eq!(strip_enclosing_quotes("\"Quoted\"".into()), "Quoted");
        assert_eq!(
            strip_enclosing_quotes("\"A\" and \"B\"".into()),
            "\"A\" and \"B\""
        );
    }
}
