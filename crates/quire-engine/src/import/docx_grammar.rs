//! Grammar-based fuzzing of the `.docx` reader: Word documents built from
//! the structures real ones hold (paragraph styles, runs with formatting
//! and superscripts, fields, hyperlinks, footnote references, tables nested
//! in tables, text boxes, content controls, deep nesting and long repeats),
//! zipped as Word does. Reading must end without a panic, with Markdown or
//! an error. A short run is part of `cargo test`; set `PROPTEST_CASES` for
//! a long one.

use std::io::Write;

use proptest::prelude::*;

/// Text as Word stores it: words, entities, Markdown syntax, citations.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Social work".to_owned()),
        Just("(Krumer-Nevo, 2016, p. 1796)".to_owned()),
        Just("&amp; &lt;tag&gt; &quot;q&quot; &#8211; &#x201C;".to_owned()),
        Just("* _ ` [1] # > - 1. ".to_owned()),
        Just("References".to_owned()),
        Just("Ana Lee - University of York".to_owned()),
        Just(" ".to_owned()),
        "[ -~&&[^<&]]{0,20}",
        "\\PC{0,8}".prop_map(|s| s.replace(['<', '&'], "")),
    ]
}

fn run() -> impl Strategy<Value = String> {
    let props = prop_oneof![
        Just(String::new()),
        Just("<w:rPr><w:i/></w:rPr>".to_owned()),
        Just("<w:rPr><w:b w:val=\"0\"/><w:i w:val=\"true\"/></w:rPr>".to_owned()),
        Just("<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>".to_owned()),
        Just("<w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>".to_owned()),
        Just("<w:rPr><w:b/>".to_owned()),
    ];
    let content = prop_oneof![
        4 => text().prop_map(|t| format!("<w:t xml:space=\"preserve\">{t}</w:t>")),
        1 => Just("<w:tab/>".to_owned()),
        1 => Just("<w:br/>".to_owned()),
        1 => Just("<w:t/>".to_owned()),
        1 => Just("<w:footnoteReference w:id=\"2\"/>".to_owned()),
        1 => Just("<w:fldChar w:fldCharType=\"begin\"/>".to_owned()),
        1 => Just("<w:instrText> CITATION Fer11 \\l 2057 </w:instrText>".to_owned()),
        1 => Just("<w:fldChar w:fldCharType=\"end\"/>".to_owned()),
    ];
    (props, prop::collection::vec(content, 0..4))
        .prop_map(|(p, c)| format!("<w:r>{p}{}</w:r>", c.concat()))
}

fn paragraph_props() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>".to_owned()),
        Just("<w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>".to_owned()),
        Just("<w:pPr><w:pStyle w:val=\"berschrift9\"/></w:pPr>".to_owned()),
        Just("<w:pPr><w:pStyle w:val=\"Heading99999999999999999999\"/></w:pPr>".to_owned()),
        Just("<w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr>".to_owned()),
        Just("<w:pPr><w:pStyle/></w:pPr>".to_owned()),
    ]
}

/// Block content, recursively: paragraphs hold runs, text boxes and
/// hyperlinks; tables hold cells holding blocks.
fn block() -> impl Strategy<Value = String> {
    let para = (paragraph_props(), prop::collection::vec(run(), 0..5))
        .prop_map(|(p, runs)| format!("<w:p>{p}{}</w:p>", runs.concat()));
    para.prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(|cells| format!(
                "<w:tbl><w:tr>{}</w:tr></w:tbl>",
                cells.iter().map(|c| format!("<w:tc>{c}</w:tc>")).collect::<String>()
            )),
            inner.clone().prop_map(|b| format!(
                "<w:p><w:r><w:pict><w:txbxContent>{b}</w:txbxContent></w:pict></w:r></w:p>"
            )),
            inner.clone().prop_map(|b| format!("<w:sdt><w:sdtContent>{b}</w:sdtContent></w:sdt>")),
            (run(), inner).prop_map(|(r, b)| format!(
                "<w:p><w:hyperlink r:id=\"rId1\">{r}</w:hyperlink><w:fldSimple w:instr=\"PAGE\">{r}</w:fldSimple></w:p>{b}"
            )),
        ]
    })
}

/// Deeply nested elements, sometimes left open.
fn deep() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("w:p"),
            Just("w:tbl"),
            Just("w:tc"),
            Just("w:r"),
            Just("w:sdt")
        ],
        1usize..5000,
        any::<bool>(),
    )
        .prop_map(|(tag, depth, close)| {
            let mut xml = format!("<{tag}>").repeat(depth);
            xml.push_str("<w:r><w:t>deep</w:t></w:r>");
            if close {
                xml.push_str(&format!("</{tag}>").repeat(depth));
            }
            xml
        })
}

fn document() -> impl Strategy<Value = String> {
    (
        // A long repeat of one block is made only at the top, so sizes
        // stay linear in what is generated.
        prop::collection::vec(
            prop_oneof![
                4 => block(),
                1 => deep(),
                1 => (block(), 1usize..1000).prop_map(|(b, n)| b.repeat(n)),
            ],
            0..6,
        ),
        any::<bool>(),
    )
        .prop_map(|(blocks, footnotes)| {
            let mut xml = String::from(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r"><w:body>"#,
            );
            xml.push_str(&blocks.concat());
            if footnotes {
                xml.push_str("<w:footnotes><w:footnote w:id=\"2\"><w:p><w:r><w:t>Note</w:t></w:r></w:p></w:footnote></w:footnotes>");
            }
            xml.push_str("</w:body></w:document>");
            xml
        })
}

/// Zip `document_xml` as a `.docx` (with the parts Word always writes).
pub(crate) fn docx(document_xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", document_xml),
        ("word/footnotes.xml", "<w:footnotes/>"),
    ] {
        zip.start_file(name, options).expect("in-memory zip");
        zip.write_all(body.as_bytes()).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

proptest! {
    #[test]
    fn docx_grammar_never_panics(xml in document(), cut in prop::option::of(0usize..4000)) {
        let xml = match cut {
            Some(n) if n < xml.len() && xml.is_char_boundary(n) => &xml[..n],
            _ => &xml[..],
        };
        let _ = super::parse("essay.docx", &docx(xml));
    }
}
