//! The PDF reader: a PDF's text as Markdown, its info dictionary and DOI as
//! a work (issue 13).
//!
//! Text comes from `pdf-extract` 0.12 (MIT; its content-stream interpreter
//! decodes fonts, encodings and ToUnicode maps) driven through its
//! `OutputDev` hook, so this module gets every glyph with its position and
//! size and rebuilds lines, columns, paragraphs and headings itself
//! (`pdf_layout`). Parsing is `lopdf` 0.42, which pdf-extract re-exports.
//! Chosen by measurement on the fixtures in `tests/fixtures/ingest/pdf`
//! (LibreOffice PDFs of the seed texts and held-out essays; word agreement =
//! LCS of lower-cased words / the longer of source and output):
//! pdf-extract + this layout 0.995–1.000 single-column, 0.994–0.999
//! two-column; pdf-extract's own plain text 0.95–0.98 / 0.90–0.97
//! (headers, page numbers and hyphens left in); `pdf_oxide` 0.3 plain text
//! 0.97–1.00 / 0.87–0.98 with far more code to compile; pdftotext, for
//! comparison only, 0.97–0.99 / 0.56–0.98. About 3 ms a page, linear
//! (100 pages 0.25 s, 500 pages 1.3 s, release build, 20 MB peak).
//! Known gaps: a running header on a document of fewer than 3 pages stays
//! in; a file lopdf cannot parse (e.g. truncated) is refused, not repaired.
//!
//! Bounds, checked before pdf-extract sees the document (it unwraps freely,
//! recurses through `Parent` and form XObjects, and inflates without limit):
//! - at most [`MAX_PAGES`] pages (refused with a message above that);
//! - at most [`MAX_FILE`] bytes of input;
//! - every stream inflates to at most [`MAX_STREAM`] bytes, all of them to
//!   [`MAX_TOTAL`] (Flate and LZW decoded with a counting, stopping decoder
//!   first; object and xref streams are checked in the raw bytes before
//!   lopdf parses them);
//! - the page tree, `Parent` chains and form XObjects nest at most
//!   [`MAX_DEPTH`] deep and may not loop;
//! - images are swapped for empty forms (never decoded: text only);
//! - every call into the third-party code runs under `catch_unwind`, per
//!   page, so a panic on one page costs that page (a warning), not the file.

use std::collections::HashSet;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};
use quire_csl::{CslItem, DateField, Name};

use super::extracted::{Extracted, NO_TEXT_LAYER};
use super::pdf_layout::{layout, page_lines_of, Glyph, Page};

pub(crate) const MAX_PAGES: usize = 600;
pub(crate) const MAX_FILE: usize = 512 << 20;
pub(crate) const MAX_STREAM: u64 = 64 << 20;
pub(crate) const MAX_TOTAL: u64 = 256 << 20;
pub(crate) const MAX_DEPTH: usize = 32;

const DAMAGED_HINT: &str =
    "open it in a PDF viewer and print or save it to a new PDF, then import that";

fn damaged(what: &str) -> String {
    format!("is damaged ({what}): {DAMAGED_HINT}")
}

/// Reads a PDF. `Err` is a message for a person (without the file name).
pub(crate) fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if bytes.len() > MAX_FILE {
        return Err(format!(
            "is {} MB; PDFs over {} MB are refused",
            bytes.len() >> 20,
            MAX_FILE >> 20
        ));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(
            "is not a PDF (it does not start with %PDF-): check that it is the file you meant"
                .into(),
        );
    }
    check_raw_streams(bytes)?;
    let mut doc = match catch_unwind(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            let msg = e.to_string();
            if is_encrypted_raw(bytes)
                || msg.to_lowercase().contains("decrypt")
                || msg.to_lowercase().contains("password")
            {
                return Err(ENCRYPTED.into());
            }
            return Err(damaged(&format!("cannot be parsed: {msg}")));
        }
        Err(_) => return Err(damaged("the PDF parser failed on it")),
    };
    if doc.is_encrypted() {
        return Err(ENCRYPTED.into());
    }
    let pages = page_list(&doc)?;
    if pages.is_empty() {
        return Err(damaged("it has no pages"));
    }
    if pages.len() > MAX_PAGES {
        return Err(format!(
            "has {} pages; PDFs over {MAX_PAGES} pages are refused: split it and import the parts",
            thousands(doc.get_pages().len().max(pages.len()))
        ));
    }
    for &p in &pages {
        check_parents(&doc, p)?;
    }
    check_streams(&mut doc)?;
    check_xobjects(&doc, &pages)?;

    let mut warnings = Vec::new();
    let mut out_pages = Vec::with_capacity(pages.len());
    let mut failed = Vec::new();
    for n in 1..=pages.len() as u32 {
        let mut dev = Collect::default();
        let ok = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut dev, n)
        }));
        if !matches!(ok, Ok(Ok(()))) {
            failed.push(n as usize);
        }
        out_pages.push(page_lines_of(&dev.page, n as usize - 1));
    }
    let lay = layout(out_pages);
    if lay.markdown.trim().is_empty() {
        return Ok(Extracted {
            text: String::new(),
            work: metadata(&doc, &[]),
            warnings: vec![NO_TEXT_LAYER.into()],
        });
    }
    let empty: Vec<usize> = lay
        .page_has_text
        .iter()
        .enumerate()
        .filter(|(i, has)| !**has && !failed.contains(&(i + 1)))
        .map(|(i, _)| i + 1)
        .collect();
    if !empty.is_empty() {
        warnings.push(format!(
            "{} {} no text layer",
            page_word(&empty),
            if empty.len() == 1 { "has" } else { "have" }
        ));
    }
    if !failed.is_empty() {
        warnings.push(format!("{} could not be read", page_word(&failed)));
    }
    if lay.two_columns > 0 {
        warnings.push("2 columns: reading order may be imperfect".into());
    }
    let work = metadata(&doc, &lay.first_page);
    Ok(Extracted {
        text: lay.markdown,
        work,
        warnings,
    })
}

const ENCRYPTED: &str =
    "is encrypted: remove the password (e.g. print it to a new PDF) and import it again";

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn page_word(pages: &[usize]) -> String {
    let list: Vec<String> = pages.iter().take(20).map(usize::to_string).collect();
    let more = if pages.len() > 20 { ", …" } else { "" };
    format!(
        "{} {}{more}",
        if pages.len() == 1 { "page" } else { "pages" },
        list.join(", ")
    )
}

fn is_encrypted_raw(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
        || bytes.windows(8).take(1 << 24).any(|w| w == b"/Encrypt")
}

// ---------------------------------------------------------------- bounds

/// Inflates at most `limit` bytes of a zlib stream, counting; `None` when it
/// would go past the limit. Broken data ends the count quietly (lopdf copes).
fn inflate_bounded(data: &[u8], limit: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut r = flate2::read::ZlibDecoder::new(data).take(limit + 1);
    let _ = r.read_to_end(&mut out);
    if out.is_empty() {
        // Raw deflate without a zlib header, as some writers produce.
        let mut r = flate2::read::DeflateDecoder::new(data).take(limit + 1);
        let _ = r.read_to_end(&mut out);
    }
    (out.len() as u64 <= limit).then_some(out)
}

fn lzw_bounded(data: &[u8], limit: u64) -> Option<Vec<u8>> {
    let mut dec = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut inp = data;
    loop {
        let r = dec.decode_bytes(inp, &mut buf);
        out.extend_from_slice(&buf[..r.consumed_out]);
        if out.len() as u64 > limit {
            return None;
        }
        inp = &inp[r.consumed_in..];
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in + r.consumed_out > 0 => {}
            _ => return Some(out),
        }
    }
}

/// lopdf inflates object and xref streams while it parses; check those in
/// the raw bytes first.
fn check_raw_streams(bytes: &[u8]) -> Result<(), String> {
    let mut total = 0u64;
    let mut pos = 0;
    while let Some(off) = find(&bytes[pos..], b"stream") {
        let at = pos + off;
        pos = at + 6;
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        let dict_start = rfind(&bytes[at.saturating_sub(4096)..at], b"obj")
            .map(|o| at.saturating_sub(4096) + o)
            .unwrap_or(at.saturating_sub(4096));
        let dict = &bytes[dict_start..at];
        if find(dict, b"/ObjStm").is_none() && find(dict, b"/XRef").is_none() {
            continue;
        }
        let mut start = pos;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let n = inflate_bounded(&bytes[start..end], MAX_STREAM).map(|v| v.len() as u64);
        match n {
            None => return Err(too_big()),
            Some(n) => total += n,
        }
        if total > MAX_TOTAL {
            return Err(too_big());
        }
        pos = end;
    }
    Ok(())
}

fn too_big() -> String {
    format!(
        "is refused: a compressed part of it expands past {} MB (a damaged or hostile file); {DAMAGED_HINT}",
        MAX_STREAM >> 20
    )
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}
fn rfind(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).rposition(|w| w == n)
}

/// Decodes every non-image stream's Flate/LZW filters with a bound, storing
/// the result (so pdf-extract inflates nothing), and swaps images for empty
/// forms.
fn check_streams(doc: &mut Document) -> Result<(), String> {
    let mut total = 0u64;
    for obj in doc.objects.values_mut() {
        let Object::Stream(s) = obj else { continue };
        if s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image") {
            *s = Stream::new(
                Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"XObject".to_vec())),
                    ("Subtype", Object::Name(b"Form".to_vec())),
                    (
                        "BBox",
                        Object::Array(vec![0.into(), 0.into(), 1.into(), 1.into()]),
                    ),
                ]),
                Vec::new(),
            );
            continue;
        }
        let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![n.clone()],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        if filters.is_empty() {
            total += s.content.len() as u64;
            continue;
        }
        let has_parms = s
            .dict
            .get(b"DecodeParms")
            .is_ok_and(|p| !matches!(p, Object::Null));
        let mut data: Option<Vec<u8>> = None;
        let mut decoded_all = true;
        for f in &filters {
            let input = data.as_deref().unwrap_or(&s.content);
            let next = match f.as_slice() {
                b"FlateDecode" | b"Fl" => inflate_bounded(input, MAX_STREAM),
                b"LZWDecode" | b"LZW" => lzw_bounded(input, MAX_STREAM),
                _ => {
                    decoded_all = false;
                    break;
                }
            };
            match next {
                Some(d) => data = Some(d),
                None => return Err(too_big()),
            }
        }
        let size = data
            .as_ref()
            .map_or(s.content.len() as u64 * 128, |d| d.len() as u64);
        // ASCIIHex/ASCII85/RunLength (left to lopdf) expand at most 128 times.
        if size > MAX_STREAM.max(s.content.len() as u64 * 128) && data.is_some() {
            return Err(too_big());
        }
        total += size.min(MAX_STREAM);
        if total > MAX_TOTAL {
            return Err(too_big());
        }
        if decoded_all && !has_parms {
            if let Some(d) = data {
                s.dict.remove(b"Filter");
                s.dict.remove(b"DecodeParms");
                s.set_content(d);
            }
        }
    }
    Ok(())
}

/// The pages in order, walking the tree with a depth bound and refusing loops.
fn page_list(doc: &Document) -> Result<Vec<ObjectId>, String> {
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| damaged("it has no page tree"))?;
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    walk_pages(doc, root, 0, &mut seen, &mut pages)?;
    if pages.len() > MAX_PAGES {
        return Ok(pages);
    }
    // pdf-extract numbers pages with lopdf's own walk; they must agree.
    let theirs: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if theirs != pages {
        return Err(damaged("its page tree is inconsistent"));
    }
    Ok(pages)
}

fn walk_pages(
    doc: &Document,
    id: ObjectId,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<ObjectId>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(damaged(&format!(
            "its page tree is nested more than {MAX_DEPTH} deep"
        )));
    }
    if !seen.insert(id) {
        return Err(damaged("its page tree refers to itself"));
    }
    if out.len() > MAX_PAGES {
        return Ok(()); // counted enough to refuse
    }
    let Ok(dict) = doc.get_dictionary(id) else {
        return Ok(());
    };
    let is_node = dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Pages")
        || dict.get(b"Kids").is_ok();
    if !is_node {
        out.push(id);
        return Ok(());
    }
    let kids = dict.get(b"Kids").and_then(|k| match k {
        Object::Reference(r) => doc.get_object(*r).and_then(Object::as_array),
        o => o.as_array(),
    });
    if let Ok(kids) = kids {
        for k in kids {
            if let Ok(r) = k.as_reference() {
                walk_pages(doc, r, depth + 1, seen, out)?;
            }
        }
    }
    Ok(())
}

/// pdf-extract looks up inherited attributes by following `Parent`
/// recursively: refuse loops and excess depth, and make sure a MediaBox is
/// found (it panics otherwise).
fn check_parents(doc: &Document, page: ObjectId) -> Result<(), String> {
    let mut seen = HashSet::new();
    let mut id = page;
    for _ in 0..=MAX_DEPTH {
        if !seen.insert(id) {
            return Err(damaged("its page tree refers to itself"));
        }
        let Ok(d) = doc.get_dictionary(id) else {
            return Ok(());
        };
        match d.get(b"Parent").and_then(Object::as_reference) {
            Ok(p) => id = p,
            Err(_) => return Ok(()),
        }
    }
    Err(damaged(&format!(
        "its page tree is nested more than {MAX_DEPTH} deep"
    )))
}

/// Form XObjects drawn from a page may not draw themselves or nest too deep.
fn check_xobjects(doc: &Document, pages: &[ObjectId]) -> Result<(), String> {
    let mut done = HashSet::new();
    for &p in pages {
        let Ok(page) = doc.get_dictionary(p) else {
            continue;
        };
        let res = inherited(doc, page, b"Resources");
        let mut path = Vec::new();
        if let Some(res) = res {
            xobjects_of(doc, res, &mut path, &mut done)?;
        }
    }
    Ok(())
}

fn inherited<'a>(doc: &'a Document, mut d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    for _ in 0..=MAX_DEPTH {
        if let Ok(o) = d.get(key) {
            return deref(doc, o).and_then(|o| o.as_dict().ok());
        }
        d = doc
            .get_dictionary(d.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> Option<&'a Object> {
    for _ in 0..MAX_DEPTH {
        match o {
            Object::Reference(r) => o = doc.get_object(*r).ok()?,
            _ => return Some(o),
        }
    }
    None
}

/// A resource dictionary's `/XObject` dictionary, followed through a reference.
fn xobject_dict<'a>(doc: &'a Document, res: &'a Dictionary) -> Option<&'a Dictionary> {
    res.get(b"XObject")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
}

fn xobjects_of(
    doc: &Document,
    res: &Dictionary,
    path: &mut Vec<ObjectId>,
    done: &mut HashSet<ObjectId>,
) -> Result<(), String> {
    let Some(xo) = xobject_dict(doc, res) else {
        return Ok(());
    };
    for (name, _) in xo.iter() {
        draw_form(doc, res, name, path, done)?;
    }
    Ok(())
}

/// Follows a form XObject and the forms its content draws (`/Name Do`),
/// as pdf-extract will.
fn draw_form(
    doc: &Document,
    res: &Dictionary,
    name: &[u8],
    path: &mut Vec<ObjectId>,
    done: &mut HashSet<ObjectId>,
) -> Result<(), String> {
    let Some(xo) = xobject_dict(doc, res) else {
        return Ok(());
    };
    let Ok(Object::Reference(id)) = xo.get(name) else {
        return Ok(());
    };
    if path.contains(id) {
        return Err(damaged("a drawing in it refers to itself"));
    }
    if path.len() >= MAX_DEPTH {
        return Err(damaged(&format!(
            "its drawings are nested more than {MAX_DEPTH} deep"
        )));
    }
    if done.contains(id) {
        return Ok(());
    }
    let Ok(Object::Stream(s)) = doc.get_object(*id) else {
        return Ok(());
    };
    if s.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
        return Ok(());
    }
    // A form without resources of its own uses those it is drawn with.
    let sub_res = s
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .unwrap_or(res);
    path.push(*id);
    let mut r = Ok(());
    for called in do_names(&s.content) {
        r = draw_form(doc, sub_res, &called, path, done);
        if r.is_err() {
            break;
        }
    }
    path.pop();
    r?;
    done.insert(*id);
    Ok(())
}

/// The names a content stream draws with `Do` (`/Fm1 Do`).
fn do_names(content: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = find(&content[i..], b"Do") {
        let at = i + off;
        i = at + 2;
        let before = content[..at].trim_ascii_end();
        if let Some(slash) = before.iter().rposition(|&c| c == b'/') {
            let name = &before[slash + 1..];
            if !name.is_empty() && name.len() < 128 && !name.iter().any(|c| c.is_ascii_whitespace())
            {
                out.push(name.to_vec());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

// ---------------------------------------------------------------- glyphs

#[derive(Default)]
struct Collect {
    page: Page,
    top: f64,
    count: usize,
}

/// Glyphs kept per page: beyond this a page is a drawing, not prose.
const MAX_GLYPHS_PER_PAGE: usize = 200_000;

impl pdf_extract::OutputDev for Collect {
    fn begin_page(
        &mut self,
        _n: u32,
        mb: &pdf_extract::MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page.width = (mb.urx - mb.llx).abs();
        self.page.height = (mb.ury - mb.lly).abs();
        self.top = mb.ury.max(mb.lly);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.count += 1;
        if self.count > MAX_GLYPHS_PER_PAGE {
            return Ok(());
        }
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, self.top - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) {
            return Ok(());
        }
        self.page.glyphs.push(Glyph {
            x,
            y,
            adv: width * size,
            size,
            ch: ch.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

// ---------------------------------------------------------------- metadata

fn info_string(doc: &Document, info: &Dictionary, key: &[u8]) -> Option<String> {
    let o = deref(doc, info.get(key).ok()?)?;
    let s = pdf_extract::decode_text_string(o).ok()?;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn doi_in(text: &str) -> Option<String> {
    let re = regex::Regex::new(r#"10\.\d{4,9}/[^\s"<>]+"#).ok()?;
    let m = re.find(text)?;
    let d = m.as_str().trim_end_matches([
        '.', ',', ';', ':', ')', ']', '}', '\'', '"', '\u{201D}', '\u{2019}',
    ]);
    Some(d.to_string())
}

/// A metadata title that names a file or nothing: `None`, or the usable rest.
fn clean_title(t: &str) -> (Option<String>, bool) {
    let mut s = t.trim().to_string();
    let mut junk = false;
    for p in [
        "Microsoft Word - ",
        "Microsoft PowerPoint - ",
        "Microsoft Word-",
        "Word - ",
    ] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
            junk = true;
        }
    }
    let lower = s.to_lowercase();
    for ext in [
        ".docx", ".doc", ".pdf", ".odt", ".rtf", ".txt", ".tex", ".pages", ".indd", ".dvi",
    ] {
        if lower.ends_with(ext) {
            s.truncate(s.len() - ext.len());
            junk = true;
            break;
        }
    }
    let lower = s.trim().to_lowercase();
    if lower.is_empty()
        || lower.starts_with("untitled")
        || lower.starts_with("document")
            && lower[8..].chars().all(|c| c.is_ascii_digit() || c == ' ')
        || lower == "title"
        || lower.chars().all(|c| !c.is_alphabetic())
    {
        return (None, true);
    }
    (Some(s.trim().to_string()), junk)
}

/// The first heading-like line of page 1: short, capitalised, not a sentence.
fn title_from_text(first_page: &[String]) -> Option<String> {
    first_page.iter().take(4).find_map(|p| {
        let t = p.trim_start_matches('#').trim();
        let words = t.split_whitespace().count();
        let ok = (2..=20).contains(&words)
            && t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with('.')
            && !t.chars().take(4).all(|c| c.is_ascii_digit() || c == ' ')
            && doi_in(t).is_none();
        ok.then(|| t.to_string())
    })
}

fn parse_pdf_date(s: &str) -> Option<DateField> {
    let s = s.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let year: i32 = digits.get(..4)?.parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let month = digits
        .get(4..6)
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    let day = digits
        .get(6..8)
        .and_then(|d| d.parse::<u8>().ok())
        .filter(|d| (1..=31).contains(d));
    Some(DateField::ymd(year, month, day))
}

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "la", "le", "ter", "ten",
];
const ORG_WORDS: &[&str] = &[
    "university",
    "council",
    "department",
    "ministry",
    "association",
    "institute",
    "office",
    "ltd",
    "inc",
    "trust",
    "society",
    "group",
    "service",
    "services",
    "organisation",
    "organization",
    "agency",
    "committee",
    "government",
    "nhs",
    "centre",
    "center",
    "foundation",
    "college",
    "school",
];

fn person(name: &str) -> Name {
    let name = name
        .trim()
        .trim_matches(|c: char| c == ',' || c == ';')
        .trim();
    let lower = name.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.contains(&w))
        || !name.contains([' ', ','])
    {
        return Name::organisation(name);
    }
    if let Some((family, given)) = name.split_once(',') {
        return Name::person(family.trim(), given.trim());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut i = words.len() - 1;
    while i > 1 && PARTICLES.contains(&words[i - 1].to_lowercase().as_str()) {
        i -= 1;
    }
    if i > 0 && i < words.len() - 1 {
        let mut n = Name::person(words[words.len() - 1], &words[..i].join(" "));
        n.non_dropping_particle = Some(words[i..words.len() - 1].join(" "));
        return n;
    }
    Name::person(words[words.len() - 1], &words[..words.len() - 1].join(" "))
}

/// "A. Smith; B. Jones", "Ann Smith and Bo Jones", "Ann Smith, Bo Jones",
/// "Smith, Ann": people, in order.
fn authors(s: &str) -> Vec<Name> {
    let mut parts: Vec<String> = Vec::new();
    for p in s.split([';', '\n']) {
        for q in p.split(" and ").flat_map(|q| q.split(" & ")) {
            let q = q.trim();
            if q.is_empty() {
                continue;
            }
            let commas: Vec<&str> = q
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            // Commas between full names ("Ann Smith, Bo Jones") split; one comma
            // after a family name ("Smith, Ann") does not.
            if commas.len() > 1 && commas.iter().all(|c| c.split_whitespace().count() >= 2) {
                parts.extend(commas.iter().map(|c| c.to_string()));
            } else {
                parts.push(q.to_string());
            }
        }
    }
    parts
        .iter()
        .filter(|p| p.chars().any(char::is_alphabetic))
        .map(|p| person(p))
        .take(50)
        .collect()
}

fn metadata(doc: &Document, first_page: &[String]) -> Option<CslItem> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let get = |k: &[u8]| info.and_then(|i| info_string(doc, i, k));
    let (meta_title, junk) = match get(b"Title") {
        Some(t) => clean_title(&t),
        None => (None, true),
    };
    let text_title = title_from_text(first_page);
    let title = match (meta_title, junk) {
        (Some(t), false) => Some(t),
        (t, true) => text_title.or(t),
        (None, false) => None,
    }?;
    let doi = doi_in(&first_page.join("\n"));
    let mut item = CslItem {
        kind: if doi.is_some() {
            "article-journal".into()
        } else if title.to_lowercase().contains("report") {
            "report".into()
        } else {
            "document".into()
        },
        title: Some(title),
        doi,
        ..CslItem::default()
    };
    if let Some(a) = get(b"Author") {
        item.author = authors(&a);
    }
    item.issued = get(b"CreationDate")
        .or_else(|| get(b"ModDate"))
        .and_then(|d| parse_pdf_date(&d));
    if let Some(s) = get(b"Subject") {
        item.note = Some(s);
    }
    Some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ingest/pdf/"
    );

    fn read(name: &str) -> Vec<u8> {
        std::fs::read(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    use crate::words::agreement;

    fn score(name: &str) -> f64 {
        let src = String::from_utf8(read(&format!("{name}.txt"))).unwrap();
        let got = extract(&read(&format!("{name}.pdf"))).unwrap();
        agreement(&src, &got.text)
    }

    #[test]
    fn single_column_agrees_with_source() {
        for n in [
            "seed-000", "seed-001", "seed-002", "seed-003", "seed-004", "essay-01", "essay-02",
            "essay-05", "essay-09", "essay-15", "essay-17",
        ] {
            let s = score(n);
            assert!(s >= 0.98, "{n}: {s:.4}");
        }
    }

    #[test]
    fn two_columns_agree_with_source() {
        for n in ["twocol-seed-001", "twocol-essay-03", "twocol-essay-16"] {
            let s = score(n);
            assert!(s >= TWO_COLUMN_FLOOR, "{n}: {s:.4}");
        }
    }
    const TWO_COLUMN_FLOOR: f64 = 0.985;

    #[test]
    fn furniture_is_gone_and_paragraphs_rejoined() {
        let got = extract(&read("seed-001.pdf")).unwrap();
        assert!(!got
            .text
            .contains("The Value of Social Work\n\nThe Value of Social Work"));
        assert!(
            !got.text
                .lines()
                .any(|l| l.trim().starts_with("Page ") && l.contains(" of ")),
            "{}",
            got.text
        );
        assert!(!got
            .text
            .lines()
            .any(|l| l.trim().chars().all(|c| c.is_ascii_digit()) && !l.trim().is_empty()));
        assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    }

    #[test]
    fn references_come_one_per_paragraph() {
        let got = extract(&read("essay-01.pdf")).unwrap();
        let refs = got
            .text
            .split("References")
            .nth(1)
            .expect("a references heading");
        let paras: Vec<&str> = refs
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert!(
            paras.iter().any(|p| p.starts_with("Abernethy, L. (2016)")),
            "{paras:?}"
        );
        assert!(
            paras
                .iter()
                .any(|p| p.starts_with("Family Rights Group (2018)")),
            "{paras:?}"
        );
        let src = String::from_utf8(read("essay-01.txt")).unwrap();
        let want = src
            .split("References")
            .nth(1)
            .unwrap()
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .count();
        assert_eq!(paras.len(), want, "{paras:#?}");
    }

    #[test]
    fn headings_from_font_size() {
        let got = extract(&read("essay-02.pdf")).unwrap();
        assert!(
            got.text.starts_with("# Talking About Money"),
            "{}",
            &got.text[..200]
        );
        assert!(got.text.contains("\n\n## Why money gets ignored\n\n"));
    }

    #[test]
    fn metadata_makes_a_work() {
        let w = extract(&read("essay-02.pdf"))
            .unwrap()
            .work
            .expect("a work");
        assert_eq!(
            w.title.as_deref(),
            Some("Talking About Money: Financial Hardship as a Practice Issue")
        );
        assert_eq!(w.kind, "article-journal");
        assert_eq!(w.doi.as_deref(), Some("10.1234/qtest.2019.0042"));
        assert_eq!(w.year(), Some(2019));
        assert_eq!(
            w.author,
            vec![
                Name::person("Wierzbicki", "Tomasz"),
                Name::person("Kowalska", "Anna B.")
            ]
        );
    }

    #[test]
    fn junk_title_falls_back_to_the_first_heading() {
        let w = extract(&read("essay-01.pdf"))
            .unwrap()
            .work
            .expect("a work");
        let src = String::from_utf8(read("essay-01.txt")).unwrap();
        assert_eq!(w.title.as_deref(), Some(src.lines().next().unwrap().trim()));
        assert_eq!(w.kind, "document");
    }

    #[test]
    fn author_strings() {
        assert_eq!(authors("Smith, Ann"), vec![Name::person("Smith", "Ann")]);
        assert_eq!(
            authors("Ann Smith, Bo Jones"),
            vec![Name::person("Smith", "Ann"), Name::person("Jones", "Bo")]
        );
        assert_eq!(authors("Ann Smith and Bo Jones").len(), 2);
        assert_eq!(
            authors("Department of Health"),
            vec![Name::organisation("Department of Health")]
        );
        assert_eq!(
            authors("Vincent van Gogh")[0]
                .non_dropping_particle
                .as_deref(),
            Some("van")
        );
        assert_eq!(
            clean_title("Microsoft Word - essay.docx"),
            (Some("essay".into()), true)
        );
        assert_eq!(clean_title("untitled").0, None);
        assert_eq!(
            doi_in("see https://doi.org/10.1000/xyz.12)."),
            Some("10.1000/xyz.12".into())
        );
    }

    #[test]
    fn bad_inputs() {
        let err = |n: &str| {
            extract(&read(n))
                .err()
                .unwrap_or_else(|| panic!("{n} should fail"))
        };
        assert!(
            err("encrypted.pdf").starts_with("is encrypted"),
            "{}",
            err("encrypted.pdf")
        );
        assert!(err("notpdf.pdf").starts_with("is not a PDF"));
        assert!(
            err("truncated.pdf").starts_with("is damaged"),
            "{}",
            err("truncated.pdf")
        );
        assert!(
            err("cyclic.pdf").contains("refers to itself"),
            "{}",
            err("cyclic.pdf")
        );
        assert!(
            err("xobject-loop.pdf").contains("refers to itself"),
            "{}",
            err("xobject-loop.pdf")
        );
        assert!(
            err("bomb.pdf").contains("expands past"),
            "{}",
            err("bomb.pdf")
        );
        let scan = extract(&read("scan.pdf")).unwrap();
        assert_eq!(
            (scan.text.as_str(), scan.warnings),
            ("", vec![NO_TEXT_LAYER.to_string()])
        );
        let mixed = extract(&read("mixed-scan.pdf")).unwrap();
        assert_eq!(mixed.warnings, vec!["page 3 has no text layer".to_string()]);
        let owner = extract(&read("owner-only.pdf")).unwrap();
        assert!(
            agreement(
                &String::from_utf8(read("essay-05.txt")).unwrap(),
                &owner.text
            ) >= 0.98
        );
        // Deep nesting: parsed or refused, never a crash.
        let _ = extract(&read("deep-nesting.pdf"));
        let _ = extract(b"%PDF-1.7\n");
        let _ = extract(b"");
    }
}
