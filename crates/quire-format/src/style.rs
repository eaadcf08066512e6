//! Citation styles: the CSL XML shipped in `assets/styles`, or a user's file.
//!
//! The bundled styles and locales are the files from the CSL project (CC BY-SA
//! 3.0, see `assets/styles/README.md`), compiled in so the binary needs no data
//! folder, and the very same files the citeproc-js comparison test loads.

use std::path::Path;
use std::sync::OnceLock;

use hayagriva::citationberg::{
    self, IndependentStyle, LayoutRenderingElement, Locale, LocaleCode, LocaleFile, Name,
    NamesChild,
};

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

const LOCALE_FILES: &[&str] = &[
    include_str!("../../../assets/locales/locales-en-GB.xml"),
    include_str!("../../../assets/locales/locales-en-US.xml"),
];

/// A parsed, independent CSL style ready to format with.
#[derive(Debug, Clone)]
pub struct Style {
    /// The bundled name, or the file path it was loaded from.
    pub name: String,
    pub(crate) csl: IndependentStyle,
    /// Overrides the style's default locale when set.
    pub(crate) locale: Option<LocaleCode>,
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
            let xml = std::fs::read_to_string(path).map_err(|source| Error::StyleIo {
                path: name_or_path.into(),
                source,
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
                style.locale = bundled.locale.map(|l| LocaleCode(l.into()));
                style
            }),
        )
    }

    /// Parse CSL XML. Dependent styles (which only name a parent) are refused
    /// with the parent's address, since they carry no formatting rules.
    pub fn from_xml(name: &str, xml: &str) -> Result<Style> {
        let parsed = citationberg::Style::from_xml(xml).map_err(|e| Error::InvalidStyle {
            name: name.into(),
            message: e.to_string(),
        })?;
        match parsed {
            citationberg::Style::Independent(mut csl) => {
                fill_omitted_names(&mut csl);
                Ok(Style {
                    name: name.into(),
                    csl,
                    locale: None,
                })
            }
            citationberg::Style::Dependent(d) => Err(Error::DependentStyle {
                name: name.into(),
                parent: d.parent_link.href,
            }),
        }
    }

    /// The style's title, e.g. "APA Style 7th edition".
    pub fn title(&self) -> &str {
        &self.csl.info.title.value
    }
}

/// Give every `<names>` without a `<name>` child an empty one.
///
/// CSL treats an omitted `<name>` as one with default attributes (the style's
/// inherited name options), and citeproc-js renders such names; hayagriva 0.10
/// renders nothing, which dropped every author from the NLM/Vancouver style.
/// A `<names>` inside `<substitute>` is left alone: there an omitted `<name>`
/// means "inherit the parent's", which hayagriva already does.
fn fill_omitted_names(style: &mut IndependentStyle) {
    for m in &mut style.macros {
        fill_in(&mut m.children);
    }
    fill_in(&mut style.citation.layout.elements);
    if let Some(b) = style.bibliography.as_mut() {
        fill_in(&mut b.layout.elements);
    }
}

fn fill_in(elements: &mut [LayoutRenderingElement]) {
    for element in elements {
        match element {
            LayoutRenderingElement::Names(names) if names.name().is_none() => {
                names.children.insert(0, NamesChild::Name(Name::default()))
            }
            LayoutRenderingElement::Group(g) => fill_in(&mut g.children),
            LayoutRenderingElement::Choose(c) => {
                fill_in(&mut c.if_.children);
                for branch in &mut c.else_if {
                    fill_in(&mut branch.children);
                }
                if let Some(otherwise) = c.otherwise.as_mut() {
                    fill_in(&mut otherwise.children);
                }
            }
            _ => {}
        }
    }
}

/// The shipped en-GB and en-US locales first, then hayagriva's archive for
/// every other language a user's style may ask for; lookup takes the first match.
pub(crate) fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(|| {
        let mut out: Vec<Locale> = LOCALE_FILES
            .iter()
            .filter_map(|xml| LocaleFile::from_xml(xml).ok())
            .map(Locale::from)
            .collect();
        out.extend(hayagriva::archive::locales());
        out
    })
}
