//! Bytes of a text file → `String`.
//!
//! Students' files come from Word, Notepad and e-mail: UTF-8 with or without
//! a BOM, UTF-16 from "Save as Unicode" (with a BOM, or without one from
//! some tools), or a legacy 8-bit code page, most often Windows-1252 (curly
//! quotes as bytes 0x91–0x94). Anything that looks binary anywhere in the
//! file is refused rather than imported as mojibake.
//!
//! Legacy text is decoded with the encoding `chardetng` guesses, else
//! Windows-1252. encoding_rs follows the WHATWG standard and maps the five
//! bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) to C1
//! control characters instead of reporting an error, so such output is
//! treated as a failed decode here. Stored text never holds a C1 control:
//! one that arrives (UTF-8 written by a program that read Windows-1252 as
//! Latin-1) is read back as the Windows-1252 character it stood for, or
//! replaced with U+FFFD with a warning. Every check is one pass.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why a file is not text we can read. The message leaves out the file
/// name: the caller's error names the file.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotText {
    #[error("starts with a UTF-8 marker but is not valid UTF-8")]
    BadUtf8,
    #[error("starts with a UTF-16 marker but is not valid UTF-16")]
    BadUtf16,
    #[error("looks like a binary file, not text (expected .txt, .md or .docx)")]
    Binary,
    #[error(
        "is not UTF-8 text, and {undefined} of its bytes mean nothing in Windows-1252 or any \
         other encoding tried: save it as UTF-8 (\"Save as\" → Encoding: UTF-8) and import it again"
    )]
    Undecodable { undefined: usize },
}

/// Decoded text, and what was replaced on the way if anything was.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// For the user, without the file name.
    pub warning: Option<String>,
}

/// Above this share of unreadable bytes (per mille) a file is refused
/// rather than imported full of U+FFFD.
const MAX_UNREADABLE_PER_MILLE: usize = 10;

/// Decode `bytes` as UTF-8 (BOM stripped), UTF-16 (with a BOM, or without
/// one when the NUL pattern says so) or a legacy code page.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| NotText::BadUtf8)?;
        return finish(text.to_owned());
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf16(rest, encoding);
        }
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return utf16(bytes, encoding);
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned());
    }
    legacy(bytes)
}

fn utf16(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, NotText> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(NotText::BadUtf16);
    }
    if text.contains('\0') {
        return Err(NotText::Binary);
    }
    finish(text.into_owned())
}

/// A non-UTF-8 file: the guessed encoding if it decodes cleanly, else
/// Windows-1252, else Windows-1252 with the undefined bytes replaced.
fn legacy(bytes: &[u8]) -> Result<Decoded, NotText> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, true);
    for encoding in [guess, WINDOWS_1252] {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors && !text.chars().any(is_c1) {
            return Ok(Decoded {
                text: text.into_owned(),
                warning: None,
            });
        }
    }
    let undefined = bytes
        .iter()
        .filter(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        .count();
    if undefined * 1000 > bytes.len() * MAX_UNREADABLE_PER_MILLE {
        return Err(NotText::Undecodable { undefined });
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    finish(text.into_owned())
}

/// Replace C1 controls: by the Windows-1252 character the byte stands for
/// when there is one, else by U+FFFD, which earns a warning.
fn finish(text: String) -> Result<Decoded, NotText> {
    if !text.chars().any(is_c1) {
        return Ok(Decoded {
            text,
            warning: None,
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut replaced = 0usize;
    for c in text.chars() {
        if !is_c1(c) {
            out.push(c);
            continue;
        }
        // U+0080–U+009F are one byte 0x80–0x9F in Windows-1252.
        let byte = [u8::try_from(u32::from(c)).unwrap_or(0x81)];
        let (as_1252, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
        match as_1252.chars().next().filter(|m| !is_c1(*m)) {
            Some(m) => out.push(m),
            None => {
                out.push(char::REPLACEMENT_CHARACTER);
                replaced += 1;
            }
        }
    }
    let warning = (replaced > 0).then(|| {
        format!(
            "{replaced} character{} could not be read and {} shown as \u{FFFD}",
            if replaced == 1 { "" } else { "s" },
            if replaced == 1 { "is" } else { "are" },
        )
    });
    Ok(Decoded { text: out, warning })
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// UTF-16 without a BOM: in English text every other byte is NUL. Needs
/// most code units to have one NUL half, always the same half.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let most = units * 7 / 10;
    let few = units / 20;
    if odd >= most && even <= few {
        Some(UTF_16LE)
    } else if even >= most && odd <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text never holds NUL, and holds few other control characters; archives,
/// images and PDFs' binary streams do. The whole file is looked at: a
/// binary tail after a text head is still binary.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") || bytes.contains(&0) {
        return true;
    }
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 100 > bytes.len().max(1) * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes).expect("decodes").text
    }

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(text(b"\xEF\xBB\xBFhello"), "hello");
        assert_eq!(text("\u{FEFF}“Quoted” café".as_bytes()), "“Quoted” café");
        assert_eq!(decode(b"\xEF\xBB\xBF\xE9t\xE9"), Err(NotText::BadUtf8));
    }

    #[test]
    fn windows_1252_curly_quotes() {
        assert_eq!(
            text(b"\x93Quoted\x94 caf\xe9 \x96 \x85"),
            "\u{201C}Quoted\u{201D} caf\u{e9} \u{2013} \u{2026}"
        );
    }

    #[test]
    fn latin1_accents_decode() {
        assert_eq!(
            text(b"Ana na\xefve, \xe0 la fa\xe7on"),
            "Ana naïve, à la façon"
        );
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(text(b"\xFF\xFEh\0i\0"), "hi");
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf16le("“Quoted” – café"));
        assert_eq!(text(&le), "“Quoted” – café");
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(utf16be("Title\n\nJane Doe"));
        assert_eq!(text(&be), "Title\n\nJane Doe");
        // An unpaired surrogate.
        assert_eq!(decode(b"\xFF\xFE\x00\xD8a\0"), Err(NotText::BadUtf16));
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let essay = "A title\n\nJane Doe - University of Kent\n\nSome text.";
        assert_eq!(text(&utf16le(essay)), essay);
        assert_eq!(text(&utf16be(essay)), essay);
    }

    #[test]
    fn undefined_1252_bytes_never_become_controls() {
        // One stray 0x81 in an otherwise Windows-1252 essay: kept as U+FFFD
        // with a warning, never as U+0081.
        let mut bytes = b"\x93Quoted\x94 ".to_vec();
        bytes.extend(b"plain words ".repeat(20));
        bytes.push(0x81);
        let decoded = decode(&bytes).expect("mostly readable");
        assert!(!decoded.text.chars().any(is_c1), "{:?}", decoded.text);
        assert!(decoded.text.starts_with('\u{201C}'));
        assert!(decoded.text.ends_with('\u{FFFD}'));
        assert!(decoded.warning.is_some_and(|w| w.contains("1 character")));
        for byte in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            let decoded = decode(&[b'a', byte, b'b']);
            if let Ok(d) = decoded {
                assert!(!d.text.chars().any(is_c1), "{byte:#x}: {:?}", d.text);
            }
        }
    }

    #[test]
    fn mostly_undefined_bytes_are_refused_with_advice() {
        let bytes = b"ab\x81\x8D\x8F\x90\x9Dcd".repeat(10);
        match decode(&bytes) {
            Err(NotText::Undecodable { undefined }) => assert_eq!(undefined, 50),
            other => {
                // A guessed encoding may read them; it must give no controls.
                let d = other.expect("decoded by a guess");
                assert!(!d.text.chars().any(is_c1));
            }
        }
        let message = NotText::Undecodable { undefined: 3 }.to_string();
        assert!(message.contains("UTF-8"), "{message}");
    }

    #[test]
    fn c1_controls_in_utf8_are_read_as_1252() {
        // “ written as Latin-1 U+0093, then saved as UTF-8.
        assert_eq!(
            text("\u{93}Hi\u{94} \u{81}".as_bytes()),
            "\u{201C}Hi\u{201D} \u{FFFD}"
        );
    }

    #[test]
    fn mixed_utf8_and_1252_is_read_as_1252() {
        // UTF-8 "é" (C3 A9) beside a 1252 quote byte: not UTF-8, so the
        // whole file is read in one legacy encoding, without controls.
        let d = decode(b"caf\xC3\xA9 \x93hi\x94").expect("decodes");
        assert!(!d.text.chars().any(is_c1));
        assert!(d.text.contains('\u{201C}'), "{}", d.text);
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(decode(b"abc\0\0\x01\x02"), Err(NotText::Binary));
        assert_eq!(decode(b"PK\x03\x04rest"), Err(NotText::Binary));
    }

    #[test]
    fn nul_after_64_kb_is_binary() {
        let mut bytes = b"plain text line\n".repeat(8 * 1024);
        assert!(bytes.len() > 64 * 1024);
        bytes.extend(b"\0\0\0\x01binary tail");
        assert_eq!(decode(&bytes), Err(NotText::Binary));
    }
}
