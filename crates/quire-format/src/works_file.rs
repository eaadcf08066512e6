//! Reading a works file (BibTeX, RIS or CSL-JSON), by its extension or, for
//! any other name, by what it parses as.
//!
//! A file is BibTeX only when it parses as BibTeX: a note that starts with
//! "@someone" is not a bibliography. Every format has the same size limit,
//! checked before anything is parsed.

use quire_csl::CslItem;

use crate::{from_bibtex, from_csl_json, from_ris, Error, Result};

/// Works files larger than this are refused: 20 MB is some 50,000 BibTeX
/// entries, more than any reference manager's library a person exports.
pub const MAX_WORKS_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The works in a file called `name` (only its extension is used).
pub fn read_works(name: &str, bytes: &[u8]) -> Result<Vec<CslItem>> {
    if bytes.len() as u64 > MAX_WORKS_FILE_BYTES {
        return Err(Error::TooLarge {
            kind: "works",
            size: bytes.len() as f64 / (1024.0 * 1024.0),
            limit: MAX_WORKS_FILE_BYTES / (1024 * 1024),
        });
    }
    let src = String::from_utf8_lossy(bytes);
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "bib" | "bibtex" => from_bibtex(&src),
        "ris" => from_ris(&src),
        "json" => from_csl_json(&src),
        _ => sniff(&src),
    }
}

/// One of the format readers `sniff` tries.
type Reader = fn(&str) -> Result<Vec<CslItem>>;

/// The first format the text parses as with at least one item.
fn sniff(src: &str) -> Result<Vec<CslItem>> {
    let trimmed = src.trim_start_matches('\u{feff}').trim_start();
    let readers: [Reader; 3] = match trimmed.chars().next() {
        Some('[' | '{') => [from_csl_json, from_bibtex, from_ris],
        Some('@') => [from_bibtex, from_ris, from_csl_json],
        _ => [from_ris, from_bibtex, from_csl_json],
    };
    readers
        .iter()
        .find_map(|read| read(src).ok().filter(|items| !items.is_empty()))
        .ok_or(Error::UnknownWorksFormat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_sign_alone_is_not_bibtex() {
        let err = read_works("notes.txt", b"@someone said this on a forum.\n").unwrap_err();
        assert!(matches!(err, Error::UnknownWorksFormat), "{err}");
        let items = read_works("export.txt", b"@book{k, title={T}, year={2001}}").unwrap();
        assert_eq!(items.len(), 1);
        let items = read_works("export", b"TY  - BOOK\nTI  - T\nER  -\n").unwrap();
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn size_is_limited() {
        let big = vec![b' '; MAX_WORKS_FILE_BYTES as usize + 1];
        assert!(matches!(
            read_works("a.bib", &big),
            Err(Error::TooLarge { .. })
        ));
    }
}
