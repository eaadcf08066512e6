//! Citation styles: the CSL XML shipped in `assets/styles`, or a user's file.
//!
//! The bundled styles and locales are the files from the CSL project (CC BY-SA
//! 3.0, see `assets/styles/README.md`), compiled in so the binary needs no data
//! folder, and the very same files the citeproc-js comparison test loads.
//! Reading a style here only checks its shape and takes its metadata; the
//! processor (see `processor.rs`) compiles it on first use, and
//! [`Style::check`] does that early for a style a person imports.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::processor::{self, EngineSpec};
use crate::{Error, Result};

/// The names `Style::load` accepts besides a path, in the order a picker shows them.
pub const BUNDLED_STYLES: &[&str] = &[
    "harvard-cite-them-right",
    "apa",
    "chicago-author-date",
    "mla",
    "ieee",
    "vancouver",
];

/// A style compiled into the binary.
struct Bundled {
    /// Accepted names; the first is the canonical one.
    names: &'static [&'static str],
    xml: &'static str,
    /// The locale to format in. Cite Them Right declares no default locale
    /// but is a British style whose own `<locale>` block is for en-GB
    /// ("edn.", single quotes); the rest follow their own default (en-US).
    locale: Option<&'static str>,
}

const STYLE_FILES: &[Bundled] = &[
    Bundled {
        names: &["harvard-cite-them-right", "harvard", "cite-them-right"],
        xml: include_str!("../../../assets/styles/harvard-cite-them-right.csl"),
        locale: Some("en-GB"),
    },
    Bundled {
        names: &["apa", "apa-7"],
        xml: include_str!("../../../assets/styles/apa.csl"),
        locale: None,
    },
    Bundled {
        names: &["chicago-author-date", "chicago"],
        xml: include_str!("../../../assets/styles/chicago-author-date.csl"),
        locale: None,
    },
    Bundled {
        names: &["mla", "modern-language-association"],
        xml: include_str!("../../../assets/styles/modern-language-association.csl"),
        locale: None,
    },
    Bundled {
        names: &["ieee"],
        xml: include_str!("../../../assets/styles/ieee.csl"),
        locale: None,
    },
    Bundled {
        names: &["vancouver", "nlm-citation-sequence"],
        xml: include_str!("../../../assets/styles/nlm-citation-sequence.csl"),
        locale: None,
    },
];

/// Styles over this size are refused unread: the largest CSL styles are
/// about 200 KB.
pub const MAX_STYLE_BYTES: u64 = 4 << 20;

/// What a CSL file says about itself, read without compiling it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleInfo {
    /// `<info><id>`, the style's address (`http://www.zotero.org/styles/apa`).
    pub id: Option<String>,
    pub title: String,
    /// `in-text` or `note`.
    pub class: String,
    /// The `default-locale` attribute, e.g. `en-GB`.
    pub default_locale: Option<String>,
    /// For a dependent style, the `independent-parent` link it formats with.
    pub parent: Option<String>,
    pub has_bibliography: bool,
}

impl StyleInfo {
    /// Reads a style's metadata, refusing what is not a CSL style.
    pub fn read(name: &str, xml: &str) -> Result<StyleInfo> {
        let invalid = |message: String| Error::InvalidStyle {
            name: name.into(),
            message,
        };
        let mut reader = Reader::from_str(xml);
        let mut info = StyleInfo {
            id: None,
            title: String::new(),
            class: String::new(),
            default_locale: None,
            parent: None,
            has_bibliography: false,
        };
        let mut path: Vec<String> = Vec::new();
        let mut has_citation = false;
        // citeproc-js compiles a call to an undefined macro without a word
        // and prints "[CSL STYLE ERROR: …]" in place of every entry.
        let mut defined: std::collections::HashSet<String> = Default::default();
        let mut called: Vec<String> = Vec::new();
        loop {
            let event = reader.read_event().map_err(|e| {
                invalid(format!(
                    "not well-formed XML at byte {}: {e}",
                    reader.error_position()
                ))
            })?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let tag = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    if path.is_empty() {
                        if tag != "style" {
                            return Err(invalid(format!(
                                "the root element is <{tag}>, not a CSL <style>"
                            )));
                        }
                        for a in e.attributes().flatten() {
                            let value = a.unescape_value().unwrap_or_default().into_owned();
                            match a.key.local_name().as_ref() {
                                b"class" => info.class = value,
                                b"default-locale" => info.default_locale = Some(value),
                                _ => {}
                            }
                        }
                    }
                    for a in e.attributes().flatten() {
                        let key = a.key.local_name();
                        let value = || a.unescape_value().unwrap_or_default().into_owned();
                        match (tag.as_str(), key.as_ref()) {
                            ("macro", b"name") => {
                                defined.insert(value());
                            }
                            (_, b"macro") => called.push(value()),
                            _ => {}
                        }
                    }
                    let parent = path.last().map(String::as_str);
                    match (parent, tag.as_str()) {
                        (Some("style"), "citation") => has_citation = true,
                        (Some("style"), "bibliography") => info.has_bibliography = true,
                        (Some("info"), "link") => {
                            let mut rel = String::new();
                            let mut href = String::new();
                            for a in e.attributes().flatten() {
                                let value = a.unescape_value().unwrap_or_default().into_owned();
                                match a.key.local_name().as_ref() {
                                    b"rel" => rel = value,
                                    b"href" => href = value,
                                    _ => {}
                                }
                            }
                            if rel == "independent-parent" && !href.is_empty() {
                                info.parent = Some(href);
                            }
                        }
                        _ => {}
                    }
                    if matches!(event, Event::Start(_)) {
                        path.push(tag);
                    }
                }
                Event::Text(ref t) => {
                    let text = t.unescape().unwrap_or_default();
                    let text = text.trim();
                    match (path.len(), path.last().map(String::as_str)) {
                        (3, Some("title")) if path[1] == "info" => info.title = text.into(),
                        (3, Some("id")) if path[1] == "info" => info.id = Some(text.into()),
                        _ => {}
                    }
                }
                Event::End(_) => {
                    path.pop();
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if info.class.is_empty() && info.title.is_empty() && info.parent.is_none() {
            return Err(invalid("the file has no CSL <style> element".into()));
        }
        if info.parent.is_none() && !has_citation {
            return Err(invalid(
                "it has no <citation> element (an independent style needs one)".into(),
            ));
        }
        if let Some(missing) = called.iter().find(|m| !defined.contains(*m)) {
            return Err(invalid(format!(
                "it calls the macro \"{missing}\", which it does not define"
            )));
        }
        if info.title.is_empty() {
            info.title = name.into();
        }
        Ok(info)
    }
}

/// A CSL style ready to format with.
#[derive(Debug, Clone)]
pub struct Style {
    /// The bundled name, or the file path it was loaded from.
    pub name: String,
    info: StyleInfo,
    /// The independent style that formats: the style itself, or a dependent
    /// style's parent.
    xml: Arc<str>,
    /// Forces the locale when set; otherwise the style's own default.
    lang: Option<String>,
}

impl Style {
    /// A bundled style by name (`apa`), or a `.csl` file by path.
    pub fn load(name_or_path: &str) -> Result<Style> {
        if let Some(style) = Style::bundled(name_or_path) {
            return style;
        }
        let path = Path::new(name_or_path);
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csl"))
            || path.is_file()
        {
            let io = |source| Error::StyleIo {
                path: name_or_path.into(),
                source,
            };
            let size = std::fs::metadata(path).map_err(io)?.len();
            if size > MAX_STYLE_BYTES {
                return Err(Error::TooLarge {
                    kind: "style",
                    size: size as f64 / (1024.0 * 1024.0),
                    limit: MAX_STYLE_BYTES >> 20,
                });
            }
            let bytes = std::fs::read(path).map_err(io)?;
            let xml = String::from_utf8(bytes).map_err(|_| Error::InvalidStyle {
                name: name_or_path.into(),
                message: "the file is not UTF-8 text".into(),
            })?;
            return Style::from_xml(name_or_path, &xml);
        }
        Err(Error::UnknownStyle(name_or_path.into()))
    }

    fn bundled(name: &str) -> Option<Result<Style>> {
        let wanted = name.trim().to_ascii_lowercase();
        let bundled = STYLE_FILES
            .iter()
            .find(|b| b.names.contains(&wanted.as_str()))?;
        Some(
            Style::from_xml(bundled.names[0], bundled.xml).map(|mut style| {
                style.lang = bundled.locale.map(str::to_string);
                style
            }),
        )
    }

    /// Reads CSL XML. A dependent style (one that only names a parent) is
    /// resolved to its parent when that is bundled; see [`Style::from_xml_with`].
    pub fn from_xml(name: &str, xml: &str) -> Result<Style> {
        Style::from_xml_with(name, xml, |_| None)
    }

    /// Like [`Style::from_xml`], asking `parent_xml` for a dependent style's
    /// parent (by its `<id>` address) when no bundled style has that id:
    /// the library answers with the styles a person imported.
    pub fn from_xml_with(
        name: &str,
        xml: &str,
        parent_xml: impl FnOnce(&str) -> Option<String>,
    ) -> Result<Style> {
        let info = StyleInfo::read(name, xml)?;
        let Some(parent) = info.parent.clone() else {
            return Ok(Style {
                name: name.into(),
                info,
                xml: Arc::from(xml),
                lang: None,
            });
        };
        let (parent_xml, bundled_lang) = match bundled_by_id(&parent) {
            Some(b) => (b.xml.to_string(), b.locale),
            None => match parent_xml(&parent) {
                Some(xml) => (xml, None),
                None => {
                    return Err(Error::DependentStyle {
                        name: name.into(),
                        parent,
                    })
                }
            },
        };
        let parent_info = StyleInfo::read(&parent, &parent_xml)?;
        if parent_info.parent.is_some() {
            return Err(Error::InvalidStyle {
                name: name.into(),
                message: format!("its parent {parent} is itself a dependent style"),
            });
        }
        let lang = info
            .default_locale
            .clone()
            .or_else(|| bundled_lang.map(str::to_string));
        Ok(Style {
            name: name.into(),
            info: StyleInfo {
                has_bibliography: parent_info.has_bibliography,
                class: parent_info.class,
                ..info
            },
            xml: Arc::from(parent_xml),
            lang,
        })
    }

    /// The style's title, e.g. "APA Style 7th edition".
    pub fn title(&self) -> &str {
        &self.info.title
    }

    /// What the style file says about itself (for a dependent style, its
    /// own title and id with the parent's class).
    pub fn info(&self) -> &StyleInfo {
        &self.info
    }

    /// A value that changes whenever the formatting would: the XML that
    /// formats and the locale. Cache keys are built from it.
    pub fn fingerprint(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.xml.hash(&mut h);
        self.lang.hash(&mut h);
        h.finish()
    }

    /// Compiles the style in the processor now: an imported style is
    /// refused here with the processor's reason (an undefined macro, an
    /// unknown attribute value) rather than on first use, and a bundled one
    /// is ready before the first list is shown.
    pub fn check(&self) -> Result<()> {
        processor::load(&self.engine()).map_err(|e| match e {
            Error::Render(message) => Error::InvalidStyle {
                name: self.name.clone(),
                message,
            },
            other => other,
        })
    }

    pub(crate) fn engine(&self) -> EngineSpec {
        EngineSpec {
            key: self.fingerprint(),
            xml: Arc::clone(&self.xml),
            lang: self.lang.clone(),
        }
    }
}

/// A style `<id>` as compared with another: without http/https, a trailing
/// slash or case, so a dependent style's parent link finds its parent
/// however either was written.
pub fn id_key(id: &str) -> String {
    let id = id.trim();
    let id = id
        .strip_prefix("https://")
        .or_else(|| id.strip_prefix("http://"))
        .unwrap_or(id);
    id.trim_end_matches('/').to_lowercase()
}

/// The bundled style whose `<id>` is `id` (compared by [`id_key`]). The
/// bundled styles' ids are read once, not on every dependent style loaded.
fn bundled_by_id(id: &str) -> Option<&'static Bundled> {
    static KEYS: OnceLock<Vec<Option<String>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        STYLE_FILES
            .iter()
            .map(|b| {
                StyleInfo::read(b.names[0], b.xml)
                    .ok()?
                    .id
                    .map(|id| id_key(&id))
            })
            .collect()
    });
    let wanted = id_key(id);
    let at = keys
        .iter()
        .position(|k| k.as_deref() == Some(wanted.as_str()))?;
    Some(&STYLE_FILES[at])
}

/// The canonical name of the bundled style whose `<id>` is `id`.
pub fn bundled_name_by_id(id: &str) -> Option<&'static str> {
    bundled_by_id(id).map(|b| b.names[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_styles_read_their_metadata() {
        for name in BUNDLED_STYLES {
            let style = Style::load(name).unwrap();
            assert!(!style.title().is_empty(), "{name}");
            assert!(style.info().has_bibliography, "{name}");
            assert_eq!(style.info().class, "in-text", "{name}");
        }
    }

    #[test]
    fn a_dependent_style_formats_with_its_bundled_parent() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">
  <info>
    <title>British Journal of Social Work</title>
    <id>http://www.zotero.org/styles/british-journal-of-social-work</id>
    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>
  </info>
</style>"#;
        let style = Style::from_xml("bjsw.csl", xml).unwrap();
        assert_eq!(style.title(), "British Journal of Social Work");
        assert_eq!(style.lang.as_deref(), Some("en-GB"));
        assert_eq!(&*style.xml, STYLE_FILES[1].xml);
        let orphan = xml.replace("styles/apa", "styles/unknown-parent");
        assert!(matches!(
            Style::from_xml("x.csl", &orphan),
            Err(Error::DependentStyle { .. })
        ));
    }

    #[test]
    fn what_is_not_a_style_is_refused_with_the_reason() {
        for (xml, says) in [
            ("<html><body/></html>", "root element is <html>"),
            ("<style><info><title>x</title>", "no <citation>"),
            ("<style class=\"in-text\"><citation></style>", "not well-formed"),
            ("", "no CSL <style>"),
            (
                "<style class=\"in-text\"><citation><layout><text macro=\"nope\"/></layout></citation></style>",
                "calls the macro \"nope\"",
            ),
        ] {
            let err = Style::from_xml("bad.csl", xml).unwrap_err().to_string();
            assert!(err.contains(says), "{xml}: {err}");
        }
    }
}
