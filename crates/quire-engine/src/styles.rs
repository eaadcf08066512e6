//! Citation styles a list can use: the bundled ones, those a person
//! imported into the library, and (as before) a `.csl` file by path.
//!
//! An imported style is stored whole in `styles` (migration 009), so a list
//! that uses it keeps working when the file it came from moves. It is named
//! by the last segment of its CSL `<id>` ("british-journal-of-social-work"),
//! never by a bundled style's name, and checked in the citation processor
//! before it is stored, so a style that would fail on first use is refused
//! with the reason at import. A *dependent* style (a journal's style that
//! only names a parent) is stored as written and resolved whenever it is
//! loaded: to a bundled parent, else to an imported style with the parent's
//! `<id>`.
//!
//! [`Library::style`] is the one way the engine, the CLI and the app turn a
//! list's style (or a style the person chose) into a [`Style`].

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use quire_format::{bundled_name_by_id, id_key, Style, StyleInfo, BUNDLED_STYLES, MAX_STYLE_BYTES};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::{guard, Library};

/// Imported style names are cut to this many characters.
const MAX_NAME_CHARS: usize = 100;

/// A style as pickers list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct StyleSummary {
    /// What a list names it by: `apa`, `british-journal-of-social-work`.
    pub name: String,
    pub title: String,
    /// Shipped with Quire (else imported into this library).
    pub bundled: bool,
    /// For a dependent style, the title of the style it formats with (its
    /// `<id>` when that style is neither bundled nor imported).
    pub parent: Option<String>,
    /// The style's default locale, e.g. `en-GB`, when it names one.
    pub locale: Option<String>,
}

/// The bundled styles' summaries, read once.
fn bundled_summaries() -> &'static [StyleSummary] {
    static SUMMARIES: OnceLock<Vec<StyleSummary>> = OnceLock::new();
    SUMMARIES.get_or_init(|| {
        BUNDLED_STYLES
            .iter()
            .map(|&name| {
                // A bundled style that does not load (a defect of the build,
                // which quire-format's tests catch) is listed by its name;
                // choosing it reports why it does not load (`load`).
                let info = Style::load(name).ok().map(|s| s.info().clone());
                StyleSummary {
                    name: name.to_string(),
                    title: info
                        .as_ref()
                        .map_or_else(|| name.to_string(), |i| i.title.clone()),
                    bundled: true,
                    parent: None,
                    locale: info.and_then(|i| i.default_locale),
                }
            })
            .collect()
    })
}

impl Library {
    /// Every style a list can name: the bundled ones in
    /// [`BUNDLED_STYLES`] order, then the imported ones by title.
    pub fn styles(&self) -> Result<Vec<StyleSummary>> {
        summaries(self.conn())
    }

    /// The style a list or a person names: a bundled style (by name or
    /// alias), else a style imported into this library (by name), else a
    /// `.csl` file by path.
    pub fn style(&self, name_or_path: &str) -> Result<Style> {
        load(self.conn(), name_or_path)
    }

    /// Imports the CSL style in `path` into the library and returns it as
    /// listed. The file is refused, with an error naming it, when it cannot
    /// be read, is over [`MAX_STYLE_BYTES`], is not UTF-8, is not a CSL
    /// style, fails in the citation processor, is a dependent style whose
    /// parent is neither bundled nor imported, or would be named like a
    /// bundled style. A style with the name of one imported before replaces
    /// it.
    pub fn import_style(&mut self, path: &Path) -> Result<StyleSummary> {
        if self.is_read_only() {
            return Err(Error::ReadOnly(self.dir().to_owned()));
        }
        let shown = path.display().to_string();
        let xml = read_style_file(path, &shown)?;
        // Compiling a stranger's style runs the processor on it: a panic
        // there fails this file only.
        let (name, info) =
            guard::catch(|| self.checked(&shown, path, &xml)).unwrap_or_else(|panic| {
                Err(Error::import(
                    &shown,
                    format!("could not import the style (internal error: {panic})"),
                ))
            })?;
        // Checked outside the write: compiling takes seconds for a large
        // style, and other processes' writes would wait on it.
        self.write(|tx| {
            tx.execute(
                "INSERT INTO styles (name, title, id_key, parent, parent_key, locale, source, xml)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (name) DO UPDATE SET
                   title = excluded.title, id_key = excluded.id_key,
                   parent = excluded.parent, parent_key = excluded.parent_key,
                   locale = excluded.locale, source = excluded.source, xml = excluded.xml",
                params![
                    name,
                    info.title,
                    info.id.as_deref().map(id_key),
                    info.parent,
                    info.parent.as_deref().map(id_key),
                    info.default_locale,
                    shown,
                    xml
                ],
            )?;
            imported_summary(tx, &name)
        })
    }

    /// Removes an imported style. Bundled styles cannot be removed, nor a
    /// style a list uses or another imported style formats with.
    pub fn remove_style(&mut self, name: &str) -> Result<()> {
        let wanted = name.trim().to_lowercase();
        if let Some(style) = bundled(&wanted) {
            return Err(Error::Invalid(format!(
                "`{}` is a bundled style; only imported styles can be removed",
                style.name
            )));
        }
        self.write(|tx| {
            let id_key: Option<Option<String>> = tx
                .query_row(
                    "SELECT id_key FROM styles WHERE name = ?1",
                    [&wanted],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(id_key) = id_key else {
                return Err(Error::NotFound(format!("imported style `{wanted}`")));
            };
            let lists: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT name FROM lists WHERE lower(trim(style)) = ?1 ORDER BY name COLLATE NOCASE",
                )?;
                let rows = stmt.query_map([&wanted], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if !lists.is_empty() {
                return Err(Error::Invalid(format!(
                    "style `{wanted}` is used by {} {}; choose another style for {} first",
                    if lists.len() == 1 { "list" } else { "lists" },
                    quoted(&lists),
                    if lists.len() == 1 { "it" } else { "them" },
                )));
            }
            if let Some(id_key) = id_key {
                let dependents: Vec<String> = {
                    let mut stmt = tx.prepare(
                        "SELECT name FROM styles WHERE parent_key = ?1 AND name <> ?2 ORDER BY name",
                    )?;
                    let rows = stmt.query_map(params![id_key, wanted], |r| r.get(0))?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                if !dependents.is_empty() {
                    return Err(Error::Invalid(format!(
                        "style `{wanted}` is the parent of imported {} {}; remove {} first",
                        if dependents.len() == 1 {
                            "style"
                        } else {
                            "styles"
                        },
                        quoted(&dependents),
                        if dependents.len() == 1 { "it" } else { "them" },
                    )));
                }
            }
            tx.execute("DELETE FROM styles WHERE name = ?1", [&wanted])?;
            Ok(())
        })
    }

    /// Reads, names and compiles a style file, refusing it with an error
    /// naming `shown` (the file).
    fn checked(&self, shown: &str, path: &Path, xml: &str) -> Result<(String, StyleInfo)> {
        let info = StyleInfo::read(shown, xml).map_err(|e| refused(shown, e))?;
        let name = style_name(&info, path).ok_or_else(|| {
            Error::import(
                shown,
                "the style has no <id> or file name to be named by".to_string(),
            )
        })?;
        if let Some(style) = bundled(&name) {
            return Err(Error::import(
                shown,
                format!(
                    "it would be named `{name}`, which is the bundled style {}; Quire already has it",
                    style.title()
                ),
            ));
        }
        let style = resolve(self.conn(), shown, xml).map_err(|e| match e {
            Error::Format(e) => refused(shown, e),
            other => other,
        })?;
        style.check().map_err(|e| refused(shown, e))?;
        Ok((name, info))
    }
}

/// Every style a list can name (see [`Library::styles`]).
fn summaries(conn: &Connection) -> Result<Vec<StyleSummary>> {
    let mut out: Vec<StyleSummary> = bundled_summaries().to_vec();
    let rows: Vec<(String, String, Option<String>, Option<String>)> = {
        let mut stmt = conn.prepare(
            "SELECT name, title, parent, locale FROM styles
                 ORDER BY title COLLATE NOCASE, name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, title, parent, locale) in rows {
        out.push(StyleSummary {
            name,
            title,
            bundled: false,
            parent: parent.map(|p| parent_title(conn, &p)).transpose()?,
            locale,
        });
    }
    Ok(out)
}

/// The style a list or a person names (see [`Library::style`]), read
/// through `conn`: inside a write, the transaction.
pub(crate) fn load(conn: &Connection, name_or_path: &str) -> Result<Style> {
    if let Some(style) = bundled(name_or_path) {
        return Ok(style);
    }
    if !looks_like_path(name_or_path) {
        let name = name_or_path.trim().to_lowercase();
        let xml: Option<String> = conn
            .query_row("SELECT xml FROM styles WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(xml) = xml {
            return resolve(conn, &name, &xml);
        }
    }
    match Style::load(name_or_path) {
        Err(quire_format::Error::UnknownStyle(_)) => Err(unknown_style(conn, name_or_path)?),
        loaded => Ok(loaded?),
    }
}

/// Reads CSL XML as a [`Style`], finding a dependent style's parent
/// among the bundled, then the imported styles.
fn resolve(conn: &Connection, name: &str, xml: &str) -> Result<Style> {
    let mut failed = None;
    let style = Style::from_xml_with(name, xml, |parent| {
        xml_by_id(conn, parent).unwrap_or_else(|e| {
            failed = Some(e);
            None
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(style?)
}

/// The XML of the imported style whose `<id>` is `id` (independent
/// styles first, should a dependent one share it).
fn xml_by_id(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT xml FROM styles WHERE id_key = ?1
             ORDER BY parent IS NOT NULL, name LIMIT 1",
            [id_key(id)],
            |r| r.get(0),
        )
        .optional()?)
}

/// The title of the style a dependent style names as its parent, or
/// the link itself when no style here has that `<id>`.
fn parent_title(conn: &Connection, href: &str) -> Result<String> {
    if let Some(name) = bundled_name_by_id(href) {
        if let Some(b) = bundled_summaries().iter().find(|b| b.name == name) {
            return Ok(b.title.clone());
        }
    }
    let key = id_key(href);
    let title: Option<String> = conn
        .query_row(
            "SELECT title FROM styles WHERE id_key = ?1
             ORDER BY parent IS NOT NULL, name LIMIT 1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    Ok(title.unwrap_or_else(|| href.to_string()))
}

fn imported_summary(conn: &Connection, name: &str) -> Result<StyleSummary> {
    summaries(conn)?
        .into_iter()
        .find(|s| !s.bundled && s.name == name)
        .ok_or_else(|| Error::NotFound(format!("imported style `{name}`")))
}

/// "unknown style", listing what there is (a failure to read the
/// imported styles is that error instead).
fn unknown_style(conn: &Connection, name: &str) -> Result<Error> {
    let imported: Vec<String> = summaries(conn)?
        .into_iter()
        .filter(|s| !s.bundled)
        .map(|s| s.name)
        .collect();
    let imported = match imported.is_empty() {
        true => String::new(),
        false => format!("; imported: {}", imported.join(", ")),
    };
    Ok(Error::Invalid(format!(
        "unknown style `{}` (bundled: {}{imported}; or give a path to a .csl file)",
        name.trim(),
        BUNDLED_STYLES.join(", ")
    )))
}

/// The bundled style `name` names (canonical name or alias), if any. Not
/// being one is the usual `None`; a bundled style that fails to load is
/// `None` here too, and [`load`] then reports its error from
/// `Style::load`, so nothing is lost.
fn bundled(name: &str) -> Option<Style> {
    if looks_like_path(name) {
        return None;
    }
    Style::load(name)
        .ok()
        .filter(|s| BUNDLED_STYLES.contains(&s.name.as_str()))
}

/// A path rather than a style's name: names have no separators and no `.csl`.
fn looks_like_path(s: &str) -> bool {
    s.contains(['/', '\\']) || s.trim().to_ascii_lowercase().ends_with(".csl")
}

/// The name an imported style is listed and chosen by: the last segment of
/// its `<id>` address, else the file's stem, as a lower-case slug.
fn style_name(info: &StyleInfo, path: &Path) -> Option<String> {
    let from_id = info.id.as_deref().and_then(|id| {
        let id = id.trim().trim_end_matches('/');
        id.rsplit_once('/').map(|(_, last)| slug(last))
    });
    let from_file = || path.file_stem().map(|s| slug(&s.to_string_lossy()));
    from_id
        .filter(|s| !s.is_empty())
        .or_else(|| from_file().filter(|s| !s.is_empty()))
}

/// Lower case; letters, digits, `_` and `.` kept, anything else one `-`.
fn slug(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let lower = lower.strip_suffix(".csl").unwrap_or(&lower);
    let mut out = String::new();
    for c in lower.chars().take(MAX_NAME_CHARS) {
        let c = if c.is_alphanumeric() || c == '_' || c == '.' {
            c
        } else {
            '-'
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.trim_start_matches('.')
        .trim_end_matches(['-', '.'])
        .to_string()
}

/// A style file's text: at most [`MAX_STYLE_BYTES`], UTF-8, without a BOM.
fn read_style_file(path: &Path, shown: &str) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_STYLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_STYLE_BYTES {
        return Err(Error::import(
            shown,
            format!(
                "is over {} MB; style files that large are refused",
                MAX_STYLE_BYTES >> 20
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::import(
            shown,
            "is not UTF-8 text (a CSL style is UTF-8 XML)".to_string(),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A style file refused by quire-format, as an import error naming the file.
fn refused(shown: &str, err: quire_format::Error) -> Error {
    match err {
        quire_format::Error::InvalidStyle { message, .. } => {
            Error::import(shown, format!("not a usable CSL style: {message}"))
        }
        quire_format::Error::DependentStyle { parent, .. } => Error::import(
            shown,
            format!(
                "a dependent style whose parent ({parent}) is neither bundled nor imported; import the parent style first"
            ),
        ),
        other => Error::import(shown, other.to_string()),
    }
}

/// "`a`, `b`".
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use quire_csl::{CslItem, DateField, Name};

    use super::*;
    use crate::bibliography::format_list;
    use crate::{OpenOptions, Purpose};

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/styles")
            .join(name)
    }

    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::open(dir.path()).unwrap();
        (dir, library)
    }

    fn book(family: &str, given: &str, year: i32, title: &str) -> CslItem {
        CslItem {
            kind: "book".into(),
            author: vec![Name::person(family, given)],
            issued: Some(DateField::ymd(year, None, None)),
            title: Some(title.into()),
            publisher: Some("Jessica Kingsley Publishers".into()),
            ..CslItem::default()
        }
    }

    /// A reading list holding one work, in `style`.
    fn list_in(library: &mut Library, style: &str) -> String {
        let ids = library
            .import_works(&[book(
                "Ruch",
                "Gillian",
                2010,
                "Relationship-based social work",
            )])
            .unwrap();
        library.create_list("Week 1", Purpose::Reading).unwrap();
        library
            .add_to_list("Week 1", &ids, crate::Placement::default())
            .unwrap();
        let summary = library.set_list_style("Week 1", style).unwrap();
        let list = library.list("Week 1").unwrap();
        assert_eq!(summary.style, list.style);
        let style = library.style(&list.style).unwrap();
        format_list(&list, &style).unwrap().text
    }

    fn import_error(library: &mut Library, file: &str) -> String {
        let path = fixture(file);
        let err = library.import_style(&path).unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, Error::Import { ref path, .. } if path.ends_with(file)),
            "{file}: {message}"
        );
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        message
    }

    #[test]
    fn an_imported_style_is_listed_used_by_a_list_and_formats() {
        let (_dir, mut library) = library();
        let summary = library
            .import_style(&fixture("quire-plain-author-date.csl"))
            .unwrap();
        assert_eq!(
            summary,
            StyleSummary {
                name: "quire-plain-author-date".into(),
                title: "Quire Plain Author-Date".into(),
                bundled: false,
                parent: None,
                locale: Some("en-GB".into()),
            }
        );
        let styles = library.styles().unwrap();
        let names: Vec<&str> = styles.iter().map(|s| s.name.as_str()).collect();
        let mut expected = BUNDLED_STYLES.to_vec();
        expected.push("quire-plain-author-date");
        assert_eq!(names, expected, "bundled first, in order, then imported");
        assert!(styles[..BUNDLED_STYLES.len()].iter().all(|s| s.bundled));

        let text = list_in(&mut library, "Quire-Plain-Author-Date");
        assert_eq!(
            library.list("Week 1").unwrap().style,
            "quire-plain-author-date",
            "the list keeps the style's name"
        );
        assert!(
            text.contains(
                "Ruch, G. [2010]. Relationship-based social work. Jessica Kingsley Publishers."
            ),
            "{text}"
        );
        // The XML is the library's: the style works without its file.
        let copy = tempfile::tempdir().unwrap();
        let moved = copy.path().join("plain.csl");
        std::fs::copy(fixture("quire-plain-author-date.csl"), &moved).unwrap();
        let summary = library.import_style(&moved).unwrap();
        assert_eq!(summary.name, "quire-plain-author-date", "named by its <id>");
        std::fs::remove_file(&moved).unwrap();
        assert_eq!(
            library.style("quire-plain-author-date").unwrap().title(),
            "Quire Plain Author-Date"
        );
        assert_eq!(
            library.styles().unwrap().len(),
            BUNDLED_STYLES.len() + 1,
            "importing again replaced it"
        );
    }

    #[test]
    fn a_dependent_style_formats_with_its_bundled_parent() {
        let (_dir, mut library) = library();
        let summary = library
            .import_style(&fixture("british-journal-of-social-work.csl"))
            .unwrap();
        assert_eq!(summary.name, "british-journal-of-social-work");
        assert_eq!(summary.title, "British Journal of Social Work");
        assert_eq!(summary.parent.as_deref(), Some("APA Style 7th edition"));
        assert_eq!(summary.locale.as_deref(), Some("en-GB"));
        let style = library.style("british-journal-of-social-work").unwrap();
        assert_eq!(style.title(), "British Journal of Social Work");
        let text = list_in(&mut library, "british-journal-of-social-work");
        assert!(
            text.starts_with("Ruch, G. (2010). Relationship-based social work"),
            "{text}"
        );
    }

    #[test]
    fn a_dependent_style_formats_with_a_parent_imported_before_it() {
        let (_dir, mut library) = library();
        let message = import_error(&mut library, "quire-plain-journal.csl");
        assert!(
            message.contains("import the parent style first"),
            "{message}"
        );
        assert!(
            message.contains("example.org/styles/quire-plain-author-date"),
            "{message}"
        );

        library
            .import_style(&fixture("quire-plain-author-date.csl"))
            .unwrap();
        let summary = library
            .import_style(&fixture("quire-plain-journal.csl"))
            .unwrap();
        assert_eq!(summary.parent.as_deref(), Some("Quire Plain Author-Date"));
        let text = list_in(&mut library, "quire-plain-journal");
        assert!(text.contains("Ruch, G. [2010]."), "{text}");

        // Listed by title after the bundled styles.
        let imported: Vec<String> = library
            .styles()
            .unwrap()
            .into_iter()
            .filter(|s| !s.bundled)
            .map(|s| s.name)
            .collect();
        assert_eq!(imported, ["quire-plain-author-date", "quire-plain-journal"]);
        // The parent stays while a style formats with it.
        let err = library.remove_style("quire-plain-author-date").unwrap_err();
        assert!(
            err.to_string()
                .contains("parent of imported style `quire-plain-journal`"),
            "{err}"
        );
    }

    #[test]
    fn files_that_are_not_usable_styles_are_refused_naming_the_file() {
        let (dir, mut library) = library();
        let message = import_error(&mut library, "broken.csl");
        assert!(message.contains("not well-formed XML"), "{message}");
        let message = import_error(&mut library, "not-a-style.csl");
        assert!(message.contains("not a CSL <style>"), "{message}");

        let latin1 = dir.path().join("latin1.csl");
        std::fs::write(&latin1, b"<style>caf\xe9</style>").unwrap();
        let message = library.import_style(&latin1).unwrap_err().to_string();
        assert!(message.contains("latin1.csl: is not UTF-8"), "{message}");
        let missing = dir.path().join("missing.csl");
        let message = library.import_style(&missing).unwrap_err().to_string();
        assert!(message.contains("missing.csl"), "{message}");
        let huge = dir.path().join("huge.csl");
        std::fs::write(&huge, vec![b' '; MAX_STYLE_BYTES as usize + 1]).unwrap();
        let message = library.import_style(&huge).unwrap_err().to_string();
        assert!(message.contains("huge.csl: is over 4 MB"), "{message}");

        assert_eq!(
            library.styles().unwrap().len(),
            BUNDLED_STYLES.len(),
            "nothing stored"
        );
    }

    #[test]
    fn a_style_the_processor_refuses_is_refused_naming_the_file() {
        let (_dir, mut library) = library();
        let message = import_error(&mut library, "undefined-macro.csl");
        assert!(message.contains("no-such-macro"), "{message}");
        assert_eq!(library.styles().unwrap().len(), BUNDLED_STYLES.len());
    }

    #[test]
    fn a_bundled_name_is_refused_and_bundled_styles_stay() {
        let (_dir, mut library) = library();
        let message = import_error(&mut library, "apa.csl");
        assert!(message.contains("would be named `apa`"), "{message}");
        let err = library.remove_style("APA").unwrap_err();
        assert!(
            err.to_string().contains("`apa` is a bundled style"),
            "{err}"
        );
        let err = library.remove_style("harvard").unwrap_err();
        assert!(err.to_string().contains("bundled"), "{err}");
        assert!(matches!(
            library.remove_style("never-imported"),
            Err(Error::NotFound(_))
        ));
        let err = library.style("never-imported").unwrap_err().to_string();
        assert!(err.contains("unknown style `never-imported`"), "{err}");
    }

    #[test]
    fn a_style_a_list_uses_is_not_removed() {
        let (_dir, mut library) = library();
        library
            .import_style(&fixture("british-journal-of-social-work.csl"))
            .unwrap();
        list_in(&mut library, "british-journal-of-social-work");
        let err = library
            .remove_style("british-journal-of-social-work")
            .unwrap_err();
        assert!(err.to_string().contains("used by list `Week 1`"), "{err}");
        assert!(library.style("british-journal-of-social-work").is_ok());
        library.set_list_style("Week 1", "apa").unwrap();
        library
            .remove_style("british-journal-of-social-work")
            .unwrap();
        assert_eq!(library.styles().unwrap().len(), BUNDLED_STYLES.len());
        assert!(library.style("british-journal-of-social-work").is_err());
    }

    #[test]
    fn a_read_only_library_lists_and_uses_styles_but_imports_none() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut library = Library::open(dir.path()).unwrap();
            library
                .import_style(&fixture("british-journal-of-social-work.csl"))
                .unwrap();
        }
        let options = OpenOptions {
            create: false,
            read_only: true,
        };
        let mut library = Library::open_with(dir.path(), options).unwrap();
        assert_eq!(library.styles().unwrap().len(), BUNDLED_STYLES.len() + 1);
        assert!(library.style("british-journal-of-social-work").is_ok());
        let err = library
            .import_style(&fixture("quire-plain-author-date.csl"))
            .unwrap_err();
        assert!(matches!(err, Error::ReadOnly(_)), "{err}");
        let err = library
            .remove_style("british-journal-of-social-work")
            .unwrap_err();
        assert!(matches!(err, Error::ReadOnly(_)), "{err}");
    }

    #[test]
    fn names_come_from_the_id_else_the_file() {
        let info = |id: Option<&str>| StyleInfo {
            id: id.map(str::to_string),
            title: "T".into(),
            class: "in-text".into(),
            default_locale: None,
            parent: None,
            has_bibliography: true,
        };
        let file = Path::new("/styles/My Style (2024).csl");
        assert_eq!(
            style_name(
                &info(Some(
                    "http://www.zotero.org/styles/British-Journal-of-Social-Work/"
                )),
                file
            )
            .as_deref(),
            Some("british-journal-of-social-work")
        );
        assert_eq!(
            style_name(&info(None), file).as_deref(),
            Some("my-style-2024")
        );
        assert_eq!(
            style_name(&info(Some("urn:uuid:1234")), file).as_deref(),
            Some("my-style-2024")
        );
        assert_eq!(
            style_name(&info(Some("http://x.org/a/foo.csl")), file).as_deref(),
            Some("foo")
        );
        assert_eq!(
            id_key("https://www.zotero.org/styles/APA/"),
            "www.zotero.org/styles/apa"
        );
    }
}
