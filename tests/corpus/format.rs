//! quire-format against citeproc-js: the fixture works in tests/fixtures/format
//! formatted in Cite Them Right and APA by both, with the same CSL files.
//!
//! citeproc-js is the reference CSL processor (Zotero's). Each bibliography
//! entry and in-text citation must be identical after normalising markup
//! (entities, whitespace, `<div>` wrappers, links), except the differences
//! listed in `ACCEPTED` and explained in tests/citeproc/ACCEPTED.md.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use quire_format::{format, from_csl_json, Markup, Style};

const STYLES: &[&str] = &["harvard-cite-them-right", "apa"];

/// (style, item id, "bibliography" | "citation", reason). Keep in step with ACCEPTED.md.
const ACCEPTED: &[(&str, &str, &str, &str)] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Plain comparable text: tags other than <i>/<b> dropped, entities decoded, spaces collapsed.
fn normalise(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        if matches!(tag, "<i>" | "</i>" | "<b>" | "</b>") {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace('\u{a0}', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug)]
struct Difference {
    style: String,
    id: String,
    part: &'static str,
    quire: String,
    citeproc: String,
}

#[test]
fn bibliographies_match_citeproc_js() {
    let script = root().join("tests/citeproc/format.mjs");
    let items_path = root().join("tests/fixtures/format/items.json");
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("note: node is not installed; skipping the citeproc-js comparison");
        return;
    }
    assert!(
        root().join("tests/citeproc/node_modules/citeproc").is_dir(),
        "citeproc-js is not installed: run `npm ci --prefix tests/citeproc`"
    );
    let output = Command::new("node").arg(&script).arg(&items_path).args(STYLES).output().unwrap();
    assert!(output.status.success(), "citeproc-js failed: {}", String::from_utf8_lossy(&output.stderr));
    let reference: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    let items = from_csl_json(&std::fs::read_to_string(&items_path).unwrap()).unwrap();
    let ids: Vec<String> = items.iter().map(|i| i.id.clone().unwrap()).collect();
    let mut differences = Vec::new();
    let mut identical: BTreeMap<&str, usize> = BTreeMap::new();
    for &style_name in STYLES {
        let style = Style::load(style_name).unwrap();
        let ours = format(&items, &style, Markup::Html).unwrap();
        let theirs = &reference[style_name];

        // Same order of entries as citeproc-js.
        let our_order: Vec<&str> = ours.entries.iter().map(|e| ids[e.index].as_str()).collect();
        let their_order: Vec<&str> =
            theirs["order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(our_order, their_order, "{style_name}: bibliography order");

        let mut compare = |id: &str, part: &'static str, quire: &str, citeproc: &str| {
            let (q, c) = (normalise(quire), normalise(citeproc));
            if q == c {
                *identical.entry(style_name).or_default() += 1;
            } else {
                differences.push(Difference { style: style_name.into(), id: id.into(), part, quire: q, citeproc: c });
            }
        };
        for entry in &ours.entries {
            let id = ids[entry.index].as_str();
            compare(id, "bibliography", &entry.text, theirs["bibliography"][id].as_str().unwrap());
        }
        for (i, citation) in ours.citations.iter().enumerate() {
            let id = ids[i].as_str();
            compare(id, "citation", citation, theirs["citations"][id].as_str().unwrap());
        }
    }

    let total = items.len() * 2;
    for (style, n) in &identical {
        println!("{style}: {n} of {total} entries and citations identical to citeproc-js");
    }
    let unexpected: Vec<&Difference> = differences
        .iter()
        .filter(|d| !ACCEPTED.iter().any(|(s, id, part, _)| *s == d.style && *id == d.id && *part == d.part))
        .collect();
    for d in &differences {
        println!("{} {} {}:\n  quire:    {}\n  citeproc: {}", d.style, d.id, d.part, d.quire, d.citeproc);
    }
    for (style, id, part, _) in ACCEPTED {
        if !differences.iter().any(|d| d.style == *style && d.id == *id && d.part == *part) {
            println!("note: accepted difference {style} {id} {part} no longer occurs; remove it");
        }
    }
    assert!(unexpected.is_empty(), "{} unexpected differences from citeproc-js (see output)", unexpected.len());
}
