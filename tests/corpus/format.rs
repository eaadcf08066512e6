//! quire-format against citeproc-js, the reference CSL processor (Zotero's):
//! the works in tests/fixtures/format formatted in all six bundled styles by
//! both, from the same CSL style and locale files.
//!
//! quire-format runs citeproc-js itself (embedded in QuickJS), so any
//! difference is ours: how works reach the processor (CSL-JSON read into
//! `CslItem` and written back), collation without ICU, the locale chosen,
//! or reading the processor's HTML back. Each bibliography entry and
//! in-text citation must be identical after normalising markup (entities,
//! whitespace, `<div>` wrappers, links), except the differences listed in
//! `ACCEPTED` and explained in tests/citeproc/ACCEPTED.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use quire_format::{from_csl_json, render, Markup, Style};

/// (Quire's name, the file in assets/styles).
const STYLES: &[(&str, &str)] = &[
    ("harvard-cite-them-right", "harvard-cite-them-right"),
    ("apa", "apa"),
    ("chicago-author-date", "chicago-author-date"),
    ("mla", "modern-language-association"),
    ("ieee", "ieee"),
    ("vancouver", "nlm-citation-sequence"),
];

/// (style, fixture, item id or cluster number, "bibliography" | "citation", reason).
/// Keep in step with tests/citeproc/ACCEPTED.md.
const ACCEPTED: &[(&str, &str, &str, &str, &str)] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/format").join(name)
}

/// Plain comparable text: entities decoded, spaces collapsed, `<div>`s
/// (entry and label blocks) as spaces, and italics and bold written as
/// canonical `<i>`/`<b>` runs of what a reader sees, so `<i><span
/// style="font-style:normal;">x</span></i>` (citeproc-js's roman title
/// inside italics) compares equal to a plain `x`.
fn normalise(html: &str) -> String {
    // (tag name, italic, bold) before each open element.
    let mut stack: Vec<(String, bool, bool)> = Vec::new();
    let (mut italic, mut bold) = (false, false);
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    let mut push = |text: &str, italic: bool, bold: bool| {
        let text = text
            .replace("&#38;", "&")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#60;", "<")
            .replace("&#62;", ">")
            .replace('\u{a0}', " ");
        match runs.last_mut() {
            Some(last) if last.1 == italic && last.2 == bold => last.0.push_str(&text),
            _ => runs.push((text, italic, bold)),
        }
    };
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        push(&rest[..start], italic, bold);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start + 1..end - 1];
        rest = &rest[end..];
        if let Some(name) = tag.strip_prefix('/') {
            if name.starts_with("div") {
                push(" ", italic, bold);
            }
            if let Some(pos) = stack.iter().rposition(|(n, _, _)| n == name.trim()) {
                (italic, bold) = (stack[pos].1, stack[pos].2);
                stack.truncate(pos);
            }
            continue;
        }
        if tag.starts_with('!') {
            continue;
        }
        let name = tag
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        stack.push((name.clone(), italic, bold));
        match name.as_str() {
            "i" | "em" => italic = true,
            "b" | "strong" => bold = true,
            "span" if tag.contains("font-style:normal") => italic = false,
            "span" if tag.contains("font-weight:normal") => bold = false,
            _ => {}
        }
    }
    push(rest, italic, bold);
    let mut out = String::new();
    for (text, italic, bold) in runs {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lead = if text.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let trail = if text.ends_with(char::is_whitespace) && !words.is_empty() {
            " "
        } else {
            ""
        };
        let open = match (italic, bold) {
            (true, true) => "<b><i>",
            (true, false) => "<i>",
            (false, true) => "<b>",
            (false, false) => "",
        };
        let close = match (italic, bold) {
            (true, true) => "</i></b>",
            (true, false) => "</i>",
            (false, true) => "</b>",
            (false, false) => "",
        };
        if words.is_empty() {
            out.push_str(lead);
        } else {
            out.push_str(&format!("{lead}{open}{words}{close}{trail}"));
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// citeproc-js's output for `items` (and `clusters`, if given) in every style.
/// None when node is not installed.
fn reference(items: &Path, clusters: Option<&Path>) -> Option<serde_json::Value> {
    if Command::new("node").arg("--version").output().is_err() {
        eprintln!("note: node is not installed; skipping the citeproc-js comparison");
        return None;
    }
    // A fresh clone (CI): install the pinned citeproc-js from
    // package-lock.json, once. The tests that compare run in parallel, and
    // `npm ci` empties node_modules first: a second test running it, or
    // running node meanwhile, found no citeproc.
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let installed = *INSTALLED.get_or_init(|| {
        root().join("tests/citeproc/node_modules/citeproc").is_dir()
            || Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(root().join("tests/citeproc"))
                .status()
                .is_ok_and(|s| s.success())
    });
    assert!(
        installed,
        "cannot install citeproc-js: run `npm ci --prefix tests/citeproc`"
    );
    let mut command = Command::new("node");
    command
        .arg(root().join("tests/citeproc/format.mjs"))
        .arg(items);
    if let Some(clusters) = clusters {
        command.arg("--clusters").arg(clusters);
    }
    let output = command
        .args(STYLES.iter().map(|(_, file)| file))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "citeproc-js failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

#[derive(Debug)]
struct Difference {
    style: &'static str,
    set: &'static str,
    what: String,
    part: &'static str,
    quire: String,
    citeproc: String,
}

#[derive(Default)]
struct Tally {
    differences: Vec<Difference>,
    /// (style, part) -> (identical, compared)
    counts: BTreeMap<(&'static str, &'static str), (usize, usize)>,
}

impl Tally {
    #[allow(clippy::too_many_arguments)]
    fn compare(
        &mut self,
        style: &'static str,
        set: &'static str,
        what: &str,
        part: &'static str,
        quire: &str,
        citeproc: &str,
    ) {
        let (q, c) = (normalise(quire), normalise(citeproc));
        let count = self.counts.entry((style, part)).or_default();
        count.1 += 1;
        if q == c {
            count.0 += 1;
        } else {
            self.differences.push(Difference {
                style,
                set,
                what: what.into(),
                part,
                quire: q,
                citeproc: c,
            });
        }
    }

    /// Prints the figures and every difference; fails on any not accepted.
    fn check(self) {
        for ((style, part), (same, all)) in &self.counts {
            println!(
                "{style} {part}: {same} of {all} identical to citeproc-js ({:.1}%)",
                100.0 * *same as f64 / *all as f64
            );
        }
        for d in &self.differences {
            println!(
                "{} {} {} {}:\n  quire:    {}\n  citeproc: {}",
                d.style, d.set, d.what, d.part, d.quire, d.citeproc
            );
        }
        let unexpected = self
            .differences
            .iter()
            .filter(|d| {
                !ACCEPTED.iter().any(|(s, set, what, part, _)| {
                    *s == d.style && *set == d.set && *what == d.what && *part == d.part
                })
            })
            .count();
        assert_eq!(
            unexpected, 0,
            "{unexpected} unexpected differences from citeproc-js (see output)"
        );
    }
}

/// Every work of `set` cited once on its own, in input order, and the
/// bibliography of all: entries, their order and each citation compared.
fn compare_set(set: &'static str, tally: &mut Tally) {
    let path = fixture(set);
    let Some(reference) = reference(&path, None) else {
        return;
    };
    let items = from_csl_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let ids: Vec<String> = items.iter().map(|i| i.id.clone().unwrap()).collect();
    let clusters: Vec<Vec<usize>> = (0..items.len()).map(|i| vec![i]).collect();
    for &(style_name, file) in STYLES {
        let style = Style::load(style_name).unwrap();
        let ours = render(&items, &clusters, &style).unwrap().to(Markup::Html);
        let theirs = &reference[file];

        let our_order: Vec<&str> = ours.entries.iter().map(|e| ids[e.index].as_str()).collect();
        let their_order: Vec<&str> = theirs["order"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            our_order, their_order,
            "{style_name} {set}: bibliography order"
        );

        for entry in &ours.entries {
            let id = ids[entry.index].as_str();
            let html = theirs["bibliography"][id].as_str().unwrap();
            tally.compare(style_name, set, id, "bibliography", &entry.text, html);
        }
        for (i, citation) in ours.citations.iter().enumerate() {
            let html = theirs["citations"][i].as_str().unwrap();
            tally.compare(style_name, set, &ids[i], "citation", citation, html);
        }
    }
}

#[test]
fn bibliographies_match_citeproc_js() {
    let mut tally = Tally::default();
    compare_set("items.json", &mut tally);
    compare_set("broad.json", &mut tally);
    tally.check();
}

/// Citations of several works at once, the same author's works of one year
/// together, "et al." thresholds: the clusters of clusters.json, cited in
/// order in one document over broad.json.
#[test]
fn citations_match_citeproc_js() {
    let path = fixture("broad.json");
    let clusters_path = fixture("clusters.json");
    let Some(reference) = reference(&path, Some(&clusters_path)) else {
        return;
    };
    let items = from_csl_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let named: Vec<Vec<String>> =
        serde_json::from_str(&std::fs::read_to_string(&clusters_path).unwrap()).unwrap();
    let index_of = |id: &str| {
        items
            .iter()
            .position(|i| i.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("clusters.json names {id}, which broad.json lacks"))
    };
    let clusters: Vec<Vec<usize>> = named
        .iter()
        .map(|c| c.iter().map(|id| index_of(id)).collect())
        .collect();
    let mut tally = Tally::default();
    for &(style_name, file) in STYLES {
        let style = Style::load(style_name).unwrap();
        let ours = render(&items, &clusters, &style).unwrap().to(Markup::Html);
        for (k, citation) in ours.citations.iter().enumerate() {
            let html = reference[file]["citations"][k].as_str().unwrap();
            let what = format!("cluster {k} ({})", named[k].join(", "));
            tally.compare(
                style_name,
                "clusters.json",
                &what,
                "citation",
                citation,
                html,
            );
        }
    }
    tally.check();
}

mod works {
    //! Works and lists on the seed library: the same book cited by two
    //! essays (in different styles) is one work; distinct works stay apart.

    use quire_engine::{Importance, Placement, Purpose, Work};
    use quire_format::{format, Markup, Style};
    use quire_tests::{fixtures_dir, seeded_library};

    fn find<'a>(works: &'a [Work], family: &str, year: i32) -> Vec<&'a Work> {
        works
            .iter()
            .filter(|w| {
                w.csl.year() == Some(year)
                    && w.csl.author.first().and_then(|a| a.family.as_deref()) == Some(family)
            })
            .collect()
    }

    #[test]
    fn works_are_deduplicated_across_essays() {
        let (_dir, mut library) = seeded_library();
        let essay = std::fs::read(fixtures_dir().join("format/second-essay.txt")).unwrap();
        let added = library
            .import_bytes("second-essay.txt", &essay, None)
            .unwrap();
        assert_eq!(added.len(), 1, "{added:?}");
        let works = library.works().unwrap();

        let spirit = find(&works, "Wilkinson", 2010);
        assert_eq!(spirit.len(), 1, "The Spirit Level is one work: {spirit:#?}");
        assert_eq!(
            spirit[0].cited_by.len(),
            2,
            "cited by the Dundee essay and the fixture essay"
        );
        for (family, year) in [("Krumer-Nevo", 2016), ("Howe", 2013)] {
            let found = find(&works, family, year);
            assert_eq!(found.len(), 1, "{family} {year}: {found:#?}");
            assert_eq!(found[0].cited_by.len(), 2, "{family} {year}");
        }
        // Same author, different works: kept apart.
        assert_eq!(
            find(&works, "Gupta", 2017).len()
                + find(&works, "Gupta", 2018).len()
                + find(&works, "Gupta", 2016).len(),
            3
        );
        let ingram = find(&works, "Ingram", 2015);
        assert_eq!(ingram.len(), 1);
        assert_eq!(find(&works, "Ingram", 2018).len(), 1);

        // No two reference entries of the seeds were merged wrongly: every
        // seed work but the four shared ones has exactly one citing entry.
        let shared = works
            .iter()
            .filter(|w| w.cited_by.iter().map(|c| c.count).sum::<usize>() > 1)
            .count();
        assert_eq!(
            shared,
            4,
            "{:#?}",
            works
                .iter()
                .filter(|w| w.cited_by.len() > 1)
                .collect::<Vec<_>>()
        );
        // Linking again finds nothing new.
        assert_eq!(library.link_works().unwrap(), 0);
    }

    #[test]
    fn a_corrected_parse_moves_the_entry_to_the_work_it_names() {
        // Say a marker finds the essay meant the 2018 edition of Ruch's book.
        let (_dir, mut library) = seeded_library();
        let before = library.works().unwrap();
        let ruch = find(&before, "Ruch", 2010);
        assert_eq!(ruch.len(), 1, "{ruch:#?}");
        let doc = ruch[0].cited_by[0].document_id;
        let entries = library.document(doc).unwrap().references;
        let position = entries.iter().position(|r| r.starts_with("Ruch")).unwrap();
        let mut csl = quire_cite::parse_reference(&entries[position]);
        csl.issued = Some(quire_csl::DateField::ymd(2018, None, None));
        library.correct_reference(doc, position, &csl).unwrap();

        let after = library.works().unwrap();
        assert!(
            find(&after, "Ruch", 2010).is_empty(),
            "the misread work lingers"
        );
        let moved = find(&after, "Ruch", 2018);
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].cited_by[0].document_id, doc);
        assert_eq!(moved[0].csl.title, ruch[0].csl.title);
        assert_eq!(after.len(), before.len());
    }

    /// Fixture works that seed essays cite too: by DOI (the Gupta articles,
    /// Saar-Heiman, and Mishna, whose fixture year differs), else by first
    /// author, year and a near-equal title (Ruch's subtitle is missing in the
    /// essay). Not matched: Wilkinson 2009 (the essay cites the 2010 edition),
    /// BASW 2019 (cited as "BASW and CWIP"), IFSW (misspelt "ISFW").
    const MATCHED: &[&str] = &[
        "bronfenbrenner1992",
        "butler2020",
        "carson2017",
        "gupta2017",
        "gupta2018",
        "ihe2020",
        "mishna2019",
        "ruch2010",
        "saarheiman2019",
    ];

    #[test]
    fn imported_works_join_the_works_essays_cite() {
        // A Zotero export (BibTeX) of the fixture works: those the seed
        // essays also cite become the same works; the rest are new.
        let (_dir, mut library) = seeded_library();
        let before = library.works().unwrap();
        let gupta = find(&before, "Gupta", 2017)[0].id;
        let saar = find(&before, "Saar-Heiman", 2019)[0].id;
        let fixture = std::fs::read_to_string(fixtures_dir().join("format/items.json")).unwrap();
        let bib = quire_format::to_bibtex(&quire_format::from_csl_json(&fixture).unwrap());
        let items = quire_format::from_bibtex(&bib).unwrap();
        let ids = library.import_works(&items).unwrap();
        let id_of = |key: &str| {
            ids[items
                .iter()
                .position(|i| i.id.as_deref() == Some(key))
                .unwrap()]
        };
        assert_eq!(id_of("gupta2017"), gupta);
        assert_eq!(id_of("saarheiman2019"), saar);
        let known: Vec<i64> = before.iter().map(|w| w.id).collect();
        let mut matched: Vec<&str> = items
            .iter()
            .zip(&ids)
            .filter(|(_, id)| known.contains(id))
            .map(|(i, _)| i.id.as_deref().unwrap())
            .collect();
        matched.sort_unstable();
        assert_eq!(matched, MATCHED, "fixture works matched to seed works");
        let after = library.works().unwrap();
        assert_eq!(after.len(), before.len() + items.len() - MATCHED.len());
        // Importing the same file again adds nothing.
        assert_eq!(library.import_works(&items).unwrap(), ids);
    }

    #[test]
    fn reading_list_with_sections_formats_in_cite_them_right() {
        let (_dir, mut library) = seeded_library();
        let works = library.works().unwrap();
        let spirit = find(&works, "Wilkinson", 2010)[0].id;
        let krumer = find(&works, "Krumer-Nevo", 2016)[0].id;
        let howe = find(&works, "Howe", 2013)[0].id;

        library
            .create_list("SW101 reading", Purpose::Reading)
            .unwrap();
        assert!(
            library
                .create_list("sw101 READING", Purpose::Reading)
                .is_err(),
            "names are unique, any case"
        );
        let week1 = Placement {
            section: Some("Week 1: Relationship-based practice"),
            importance: Some(Importance::Essential),
            note: Some("Chapters 1-2"),
        };
        library
            .add_to_list("SW101 reading", &[howe], week1)
            .unwrap();
        let week2 = Placement {
            section: Some("Week 2: Poverty"),
            importance: Some(Importance::Recommended),
            note: None,
        };
        library
            .add_to_list("SW101 reading", &[krumer, spirit], week2)
            .unwrap();
        library
            .move_list_item("SW101 reading", spirit, Some("Week 2: Poverty"), 1)
            .unwrap();
        assert!(library
            .add_to_list("SW101 reading", &[999_999], Placement::default())
            .is_err());

        let list = library.list("SW101 reading").unwrap();
        assert_eq!(
            list.sections,
            ["Week 1: Relationship-based practice", "Week 2: Poverty"]
        );
        let order: Vec<i64> = list.items.iter().map(|i| i.work_id).collect();
        assert_eq!(order, [howe, spirit, krumer]);
        assert_eq!(list.items[0].note.as_deref(), Some("Chapters 1-2"));
        assert_eq!(list.items[0].importance, Some(Importance::Essential));

        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(json["purpose"], "reading");
        assert_eq!(json["items"][0]["importance"], "essential");

        let items: Vec<_> = list.items.iter().map(|i| i.csl.clone()).collect();
        let style = Style::load(&list.style).unwrap();
        let out = format(&items, &style, Markup::Text).unwrap();
        let texts: Vec<&str> = out.entries.iter().map(|e| e.text.as_str()).collect();
        assert!(texts[0].starts_with("Howe, D. (2013)"), "{texts:#?}");
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Wilkinson, R. and Pickett, K. (2010)")),
            "{texts:#?}"
        );
        assert_eq!(out.citations[1], "(Wilkinson and Pickett, 2010)");
    }
}
