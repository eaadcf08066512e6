//! Bytes of a text file → `String`.
//!
//! Students' files come from Word, Notepad and e-mail: UTF-8 with or without
//! a BOM, UTF-16 from "Save as Unicode", or Windows-1252 (curly quotes as
//! bytes 0x91–0x94). Anything else that looks binary is refused rather than
//! imported as mojibake.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why a file is not text we can read.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText(pub &'static str);

/// Decode `bytes` as UTF-8 (BOM stripped), UTF-16 (with BOM) or Windows-1252.
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(str::to_owned)
            .map_err(|_| NotText("starts with a UTF-8 marker but is not valid UTF-8"));
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                return Err(NotText(
                    "starts with a UTF-16 marker but is not valid UTF-16",
                ));
            }
            return Ok(text.into_owned());
        }
    }
    if looks_binary(bytes) {
        return Err(NotText(
            "looks like a binary file, not text (expected .txt, .md or .docx)",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    // Windows-1252 maps every byte except five unassigned ones; a file
    // hitting those is not 1252 text either.
    let (text, had_errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(NotText("is neither UTF-8 nor Windows-1252 text"));
    }
    Ok(text.into_owned())
}

/// Text never holds NUL, and holds few other control characters; archives,
/// images and PDFs' binary streams do.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) || sample.starts_with(b"PK\x03\x04") || sample.starts_with(b"%PDF") {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 100 > sample.len().max(1) * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
    }

    #[test]
    fn windows_1252_curly_quotes() {
        assert_eq!(
            decode(b"\x93Quoted\x94 caf\xe9").unwrap(),
            "\u{201C}Quoted\u{201D} caf\u{e9}"
        );
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(decode(b"\xFF\xFEh\0i\0").unwrap(), "hi");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\0\0\x01\x02").is_err());
        assert!(decode(b"PK\x03\x04rest").is_err());
    }
}
