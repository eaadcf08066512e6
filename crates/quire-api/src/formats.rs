//! Writing works in the interchange formats other reference managers read
//! (BibTeX, RIS, CSL-JSON), the one place a format name becomes a writer.
//! The formats themselves are wire types ([`wire::InterchangeFormat`],
//! [`wire::ListExportFormat`]): the app sends them and the CLI's flags map
//! onto them.

use quire_csl::CslItem;

use crate::wire;

/// The works written in `format`.
pub fn write_works(format: wire::InterchangeFormat, items: &[CslItem]) -> String {
    match format {
        wire::InterchangeFormat::Bibtex => quire_format::to_bibtex(items),
        wire::InterchangeFormat::Ris => quire_format::to_ris(items),
        wire::InterchangeFormat::CslJson => quire_format::to_csl_json(items) + "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_writes_the_item() {
        let item: CslItem =
            serde_json::from_str(r#"{"type":"book","title":"Poverty and Practice"}"#).unwrap();
        for format in [
            wire::InterchangeFormat::Bibtex,
            wire::InterchangeFormat::Ris,
            wire::InterchangeFormat::CslJson,
        ] {
            let out = write_works(format, std::slice::from_ref(&item));
            assert!(out.contains("Poverty and Practice"), "{format:?}: {out}");
        }
    }
}
