//! Grammar-based fuzzing of the BibTeX reader: files built from the
//! constructs real `.bib` files hold (entries of many types, braced, quoted
//! and concatenated values, `@string` macros, `crossref`/`xdata`/`ids`
//! links including cycles, comments, deep brace nesting, truncation), not
//! random bytes. Reading must end without a panic or a stack overflow,
//! with items or an error. A short run is part of `cargo test`; set
//! `PROPTEST_CASES` for a long one.

use proptest::prelude::*;

use crate::{from_bibtex, read_works};

/// Few keys, so links often meet, and sometimes form cycles.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just("c".to_owned()),
        Just("smith2019".to_owned()),
        Just("Smith:2019a".to_owned()),
        Just("k-1".to_owned()),
        "[a-z][a-z0-9_:-]{0,8}",
    ]
}

fn macro_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("jan".to_owned()),
        Just("dec".to_owned()),
        Just("jsw".to_owned()),
        Just("m0".to_owned()),
        Just("m1".to_owned()),
        Just("m2".to_owned()),
        Just("a".to_owned()),
    ]
}

/// Text as it appears inside braces: words, LaTeX accents and commands,
/// math, dashes, escaped specials, and nested groups.
fn braced_text() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("Social work".to_owned()),
        Just("Krumer-Nevo".to_owned()),
        Just(r#"M{\"u}ller"#.to_owned()),
        Just(r"\'{e}".to_owned()),
        Just(r"\&".to_owned()),
        Just(r"\textit{Care}".to_owned()),
        Just(r"\url{https://doi.org/10.1/x}".to_owned()),
        Just("$x^2$".to_owned()),
        Just("1796--1810".to_owned()),
        Just("---".to_owned()),
        Just(" ".to_owned()),
        Just("%".to_owned()),
        Just(r"\".to_owned()),
        "[ -~]{0,12}",
    ];
    atom.prop_recursive(8, 64, 6, |inner| {
        prop::collection::vec(inner, 0..6).prop_map(|parts| format!("{{{}}}", parts.concat()))
    })
}

fn person() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Ferguson, Harry".to_owned()),
        Just("van der Berg, Anna".to_owned()),
        Just("Smith, Jr, John".to_owned()),
        Just("{Care Quality Commission}".to_owned()),
        Just("O'Brien, Máire".to_owned()),
        Just("Jean-Luc Picard".to_owned()),
        Just("others".to_owned()),
        Just(",".to_owned()),
        Just("".to_owned()),
    ]
}

/// One value: braced, quoted, a number, a macro, or `#` concatenations.
fn value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        braced_text(),
        braced_text().prop_map(|t| format!("\"{}\"", t.replace('"', ""))),
        "[0-9]{1,4}",
        macro_name(),
    ];
    prop::collection::vec(piece, 1..4).prop_map(|p| p.join(" # "))
}

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (
            prop_oneof![
                Just("title"), Just("journal"), Just("journaltitle"), Just("booktitle"),
                Just("publisher"), Just("note"), Just("pages"), Just("volume"),
                Just("number"), Just("edition"), Just("url"), Just("doi"),
                Just("entrysubtype"), Just("urldate"), Just("month"), Just("Title"),
            ],
            value(),
        ).prop_map(|(n, v)| format!("{n} = {v}")),
        1 => prop::collection::vec(person(), 0..4)
            .prop_map(|p| format!("author = {{{}}}", p.join(" and "))),
        1 => prop::collection::vec(person(), 0..3)
            .prop_map(|p| format!("editor = {{{}}}", p.join(" and "))),
        1 => prop_oneof![
            Just("2019"), Just("in press"), Just("n.d."), Just("forthcoming"), Just("19"), Just("-5"),
        ].prop_map(|y| format!("year = {{{y}}}")),
        1 => prop_oneof![Just("2019-05-02"), Just("2019-13"), Just("2019/2020"), Just("x")]
            .prop_map(|d| format!("date = {{{d}}}")),
        1 => key().prop_map(|k| format!("crossref = {{{k}}}")),
        1 => key().prop_map(|k| format!("CrossRef = \"{k}\"")),
        1 => prop::collection::vec(key(), 0..3).prop_map(|k| format!("xdata = {{{}}}", k.join(", "))),
        1 => key().prop_map(|k| format!("xref = {{{k}}}")),
        1 => prop::collection::vec(key(), 1..3).prop_map(|k| format!("ids = {{{}}}", k.join(","))),
        1 => macro_name().prop_map(|m| format!("crossref = {m}")),
    ]
}

fn item() -> impl Strategy<Value = String> {
    let ty = prop_oneof![
        Just("article"),
        Just("book"),
        Just("incollection"),
        Just("inproceedings"),
        Just("online"),
        Just("misc"),
        Just("xdata"),
        Just("phdthesis"),
        Just("report"),
        Just("mvbook"),
        Just("periodical"),
        Just("inbook"),
        Just("unknowntype"),
        Just("BOOK"),
    ];
    prop_oneof![
        6 => (ty, key(), prop::collection::vec(field(), 0..8), any::<bool>()).prop_map(
            |(ty, key, fields, parens)| {
                let (open, close) = if parens { ('(', ')') } else { ('{', '}') };
                format!("@{ty}{open}{key},\n  {}\n{close}", fields.join(",\n  "))
            }
        ),
        2 => (macro_name(), value()).prop_map(|(m, v)| format!("@string{{{m} = {v}}}")),
        1 => value().prop_map(|v| format!("@preamble{{{v}}}")),
        1 => braced_text().prop_map(|t| format!("@comment{t}")),
        1 => "[ -~]{0,30}".prop_map(|t| format!("% {t}")),
        1 => "[ -~\n]{0,30}",
    ]
}

/// A file, sometimes cut short.
fn bib_file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(item(), 0..12),
        prop::option::of(0usize..400),
    )
        .prop_map(|(items, cut)| {
            let text = items.join("\n\n");
            match cut {
                Some(n) if n < text.len() => {
                    let end = (0..=n)
                        .rev()
                        .find(|&i| text.is_char_boundary(i))
                        .unwrap_or(0);
                    text[..end].to_owned()
                }
                _ => text,
            }
        })
}

proptest! {
    #[test]
    fn bibtex_grammar_never_panics(src in bib_file()) {
        if let Ok(items) = from_bibtex(&src) {
            prop_assert!(items.iter().all(|i| i.id.is_some()));
        }
        let _ = read_works("sniffed.txt", src.as_bytes());
    }

    /// Chains and diamonds of links of any shape are read or refused.
    #[test]
    fn link_chains_end(
        links in prop::collection::vec((0usize..40, prop::collection::vec(0usize..40, 0..3), any::<bool>()), 1..40),
        macros in prop::collection::vec((0usize..30, prop::collection::vec(0usize..30, 0..3)), 0..30),
    ) {
        let mut src = String::new();
        for (m, uses) in &macros {
            let value: Vec<String> = std::iter::once("\"x\"".to_owned())
                .chain(uses.iter().map(|u| format!("m{u}")))
                .collect();
            src.push_str(&format!("@string{{m{m} = {}}}\n", value.join(" # ")));
        }
        // Keys are unique (a repeated key is refused before links are read).
        for (k, (_, parents, xdata)) in links.iter().enumerate() {
            let parents: Vec<String> = parents.iter().map(|p| format!("e{p}")).collect();
            let link = match (xdata, parents.first()) {
                (true, _) => format!("xdata = {{{}}}", parents.join(",")),
                (false, Some(p)) => format!("crossref = {{{p}}}"),
                (false, None) => String::new(),
            };
            let title = macros.first().map_or("{T}".to_owned(), |(m, _)| format!("m{m}"));
            src.push_str(&format!("@book{{e{k}, title = {title}, {link}}}\n"));
        }
        let _ = from_bibtex(&src);
    }
}
