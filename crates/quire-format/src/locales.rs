//! The CSL locale files, compiled in so the binary needs no data folder.
//!
//! All 63 locales of the CSL project (see `assets/locales/README.md`):
//! citeproc-js asks for `en-US` and for the style's or the caller's language,
//! falling back to `en-US` for any it is not given.

/// Every bundled locale as (language tag, XML).
pub(crate) const LOCALES: &[(&str, &str)] = &[
    (
        "af-ZA",
        include_str!("../../../assets/locales/locales-af-ZA.xml"),
    ),
    ("ar", include_str!("../../../assets/locales/locales-ar.xml")),
    (
        "bal-PK",
        include_str!("../../../assets/locales/locales-bal-PK.xml"),
    ),
    (
        "bg-BG",
        include_str!("../../../assets/locales/locales-bg-BG.xml"),
    ),
    (
        "brh-PK",
        include_str!("../../../assets/locales/locales-brh-PK.xml"),
    ),
    (
        "ca-AD",
        include_str!("../../../assets/locales/locales-ca-AD.xml"),
    ),
    (
        "cs-CZ",
        include_str!("../../../assets/locales/locales-cs-CZ.xml"),
    ),
    (
        "cy-GB",
        include_str!("../../../assets/locales/locales-cy-GB.xml"),
    ),
    (
        "da-DK",
        include_str!("../../../assets/locales/locales-da-DK.xml"),
    ),
    (
        "de-AT",
        include_str!("../../../assets/locales/locales-de-AT.xml"),
    ),
    (
        "de-CH",
        include_str!("../../../assets/locales/locales-de-CH.xml"),
    ),
    (
        "de-DE",
        include_str!("../../../assets/locales/locales-de-DE.xml"),
    ),
    (
        "el-GR",
        include_str!("../../../assets/locales/locales-el-GR.xml"),
    ),
    (
        "en-GB",
        include_str!("../../../assets/locales/locales-en-GB.xml"),
    ),
    (
        "en-US",
        include_str!("../../../assets/locales/locales-en-US.xml"),
    ),
    (
        "es-CL",
        include_str!("../../../assets/locales/locales-es-CL.xml"),
    ),
    (
        "es-ES",
        include_str!("../../../assets/locales/locales-es-ES.xml"),
    ),
    (
        "es-MX",
        include_str!("../../../assets/locales/locales-es-MX.xml"),
    ),
    (
        "et-EE",
        include_str!("../../../assets/locales/locales-et-EE.xml"),
    ),
    ("eu", include_str!("../../../assets/locales/locales-eu.xml")),
    (
        "fa-IR",
        include_str!("../../../assets/locales/locales-fa-IR.xml"),
    ),
    (
        "fi-FI",
        include_str!("../../../assets/locales/locales-fi-FI.xml"),
    ),
    (
        "fr-CA",
        include_str!("../../../assets/locales/locales-fr-CA.xml"),
    ),
    (
        "fr-FR",
        include_str!("../../../assets/locales/locales-fr-FR.xml"),
    ),
    (
        "gl-ES",
        include_str!("../../../assets/locales/locales-gl-ES.xml"),
    ),
    (
        "he-IL",
        include_str!("../../../assets/locales/locales-he-IL.xml"),
    ),
    (
        "hi-IN",
        include_str!("../../../assets/locales/locales-hi-IN.xml"),
    ),
    (
        "hr-HR",
        include_str!("../../../assets/locales/locales-hr-HR.xml"),
    ),
    (
        "hu-HU",
        include_str!("../../../assets/locales/locales-hu-HU.xml"),
    ),
    (
        "hy-AM",
        include_str!("../../../assets/locales/locales-hy-AM.xml"),
    ),
    (
        "id-ID",
        include_str!("../../../assets/locales/locales-id-ID.xml"),
    ),
    (
        "is-IS",
        include_str!("../../../assets/locales/locales-is-IS.xml"),
    ),
    (
        "it-IT",
        include_str!("../../../assets/locales/locales-it-IT.xml"),
    ),
    (
        "ja-JP",
        include_str!("../../../assets/locales/locales-ja-JP.xml"),
    ),
    (
        "km-KH",
        include_str!("../../../assets/locales/locales-km-KH.xml"),
    ),
    (
        "ko-KR",
        include_str!("../../../assets/locales/locales-ko-KR.xml"),
    ),
    ("la", include_str!("../../../assets/locales/locales-la.xml")),
    (
        "lij-IT",
        include_str!("../../../assets/locales/locales-lij-IT.xml"),
    ),
    (
        "lt-LT",
        include_str!("../../../assets/locales/locales-lt-LT.xml"),
    ),
    (
        "lv-LV",
        include_str!("../../../assets/locales/locales-lv-LV.xml"),
    ),
    (
        "mn-MN",
        include_str!("../../../assets/locales/locales-mn-MN.xml"),
    ),
    (
        "ms-MY",
        include_str!("../../../assets/locales/locales-ms-MY.xml"),
    ),
    (
        "nb-NO",
        include_str!("../../../assets/locales/locales-nb-NO.xml"),
    ),
    (
        "nl-NL",
        include_str!("../../../assets/locales/locales-nl-NL.xml"),
    ),
    (
        "nn-NO",
        include_str!("../../../assets/locales/locales-nn-NO.xml"),
    ),
    (
        "pa-PK",
        include_str!("../../../assets/locales/locales-pa-PK.xml"),
    ),
    (
        "pl-PL",
        include_str!("../../../assets/locales/locales-pl-PL.xml"),
    ),
    (
        "pt-BR",
        include_str!("../../../assets/locales/locales-pt-BR.xml"),
    ),
    (
        "pt-PT",
        include_str!("../../../assets/locales/locales-pt-PT.xml"),
    ),
    (
        "ro-RO",
        include_str!("../../../assets/locales/locales-ro-RO.xml"),
    ),
    (
        "ru-RU",
        include_str!("../../../assets/locales/locales-ru-RU.xml"),
    ),
    (
        "sk-SK",
        include_str!("../../../assets/locales/locales-sk-SK.xml"),
    ),
    (
        "sl-SI",
        include_str!("../../../assets/locales/locales-sl-SI.xml"),
    ),
    (
        "sr-Cyrl-RS",
        include_str!("../../../assets/locales/locales-sr-Cyrl-RS.xml"),
    ),
    (
        "sr-Latn-RS",
        include_str!("../../../assets/locales/locales-sr-Latn-RS.xml"),
    ),
    (
        "sv-SE",
        include_str!("../../../assets/locales/locales-sv-SE.xml"),
    ),
    (
        "th-TH",
        include_str!("../../../assets/locales/locales-th-TH.xml"),
    ),
    (
        "tl-PH",
        include_str!("../../../assets/locales/locales-tl-PH.xml"),
    ),
    (
        "tr-TR",
        include_str!("../../../assets/locales/locales-tr-TR.xml"),
    ),
    (
        "uk-UA",
        include_str!("../../../assets/locales/locales-uk-UA.xml"),
    ),
    (
        "vi-VN",
        include_str!("../../../assets/locales/locales-vi-VN.xml"),
    ),
    (
        "zh-CN",
        include_str!("../../../assets/locales/locales-zh-CN.xml"),
    ),
    (
        "zh-TW",
        include_str!("../../../assets/locales/locales-zh-TW.xml"),
    ),
];

/// The XML of the locale `lang` names (`en-GB`, `de`, `pt_BR`), if bundled:
/// an exact tag first, then the first locale of the same language.
pub(crate) fn xml(lang: &str) -> Option<&'static str> {
    let wanted = lang.trim().replace('_', "-");
    if wanted.is_empty() {
        return None;
    }
    let exact = LOCALES
        .iter()
        .find(|(tag, _)| tag.eq_ignore_ascii_case(&wanted));
    let primary = wanted.split('-').next().unwrap_or_default();
    // The language's own country first: `de` is de-DE, not de-AT.
    let home = format!("{primary}-{}", primary.to_ascii_uppercase());
    exact
        .or_else(|| {
            LOCALES
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(&home))
        })
        .or_else(|| {
            LOCALES.iter().find(|(tag, _)| {
                tag.split('-')
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(primary))
            })
        })
        .map(|(_, xml)| *xml)
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn locales_resolve_by_tag_then_language() {
        assert!(xml("en-GB").unwrap().contains("xml:lang=\"en-GB\""));
        assert!(xml("de").unwrap().contains("xml:lang=\"de-DE\""));
        assert!(xml("pt_BR").unwrap().contains("xml:lang=\"pt-BR\""));
        assert!(xml("xx-YY").is_none());
        assert!(xml("").is_none());
    }
}
