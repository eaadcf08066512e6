//! Grammars of what students write, as proptest strategies: author names
//! (particles, hyphens, apostrophes, accents, organisations with their
//! acronyms), years (suffixes, n.d., in press, forthcoming), locators,
//! in-text citations in every form (parenthetical groups, narrative,
//! possessive, secondary, numeric), prose to embed them in, and reference
//! entries in APA, Harvard, Vancouver and IEEE layouts. Each generated
//! citation carries what the parser must find in it.

#![allow(dead_code)] // each test binary uses part of the grammar

use proptest::prelude::*;

/// What a citation must be read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub authors: Vec<String>,
    pub year: String,
    pub locator: Option<String>,
    pub et_al: bool,
}

/// A citation as written, with what it must be read as (several for a
/// group "(A, 2019; B, 2020)").
#[derive(Debug, Clone)]
pub struct Written {
    pub text: String,
    pub expected: Vec<Expected>,
}

/// A person's family name and initials, or an organisation.
#[derive(Debug, Clone)]
pub struct Author {
    pub family: String,
    pub initials: Vec<char>,
    /// Organisation: the full name is the family, with an optional acronym.
    pub acronym: Option<String>,
    pub organisation: bool,
}

const PLAIN: [&str; 16] = [
    "Smith",
    "Gupta",
    "Okonkwo",
    "Nguyen",
    "Ferguson",
    "Trevithick",
    "Beresford",
    "Featherstone",
    "Ruch",
    "Munro",
    "Lishman",
    "Adams",
    "Chan",
    "Kinman",
    "Grant",
    "Howe",
];
const ACCENTED: [&str; 6] = [
    "Schön",
    "Peláez",
    "Müller",
    "Løgstrup",
    "Ó Súilleabháin",
    "Żukowski",
];
const HYPHENATED: [&str; 5] = [
    "Krumer-Nevo",
    "Saar-Heiman",
    "Lloyd-Jones",
    "Smith-Rowe",
    "Ortiz-Hill",
];
const APOSTROPHE: [&str; 4] = ["O'Leary", "O’Brien", "D'Cruz", "O'Hara"];
const PARTICLE: [&str; 5] = [
    "van Spijker",
    "van der Berg",
    "de Souza",
    "von Trotha",
    "da Silva",
];
const ORGANISATIONS: [(&str, &str); 5] = [
    ("Department of Health", "DoH"),
    ("British Association of Social Workers", "BASW"),
    ("World Health Organization", "WHO"),
    ("Social Care Institute for Excellence", "SCIE"),
    ("Institute of Health Equity", "IHE"),
];

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

/// A person: every kind of family name, one to three initials.
pub fn person() -> impl Strategy<Value = Author> {
    let family = prop_oneof![
        4 => pick(&PLAIN),
        1 => pick(&ACCENTED),
        1 => pick(&HYPHENATED),
        1 => pick(&APOSTROPHE),
        1 => pick(&PARTICLE),
    ];
    (
        family,
        prop::collection::vec(proptest::char::range('A', 'Z'), 1..=2),
    )
        .prop_map(|(family, initials)| Author {
            family: family.to_string(),
            initials,
            acronym: None,
            organisation: false,
        })
}

pub fn organisation() -> impl Strategy<Value = Author> {
    pick(&ORGANISATIONS).prop_map(|(name, acronym)| Author {
        family: name.to_string(),
        initials: Vec::new(),
        acronym: Some(acronym.to_string()),
        organisation: true,
    })
}

/// The authors of one work: one to five people, or one organisation.
pub fn authors() -> impl Strategy<Value = Vec<Author>> {
    prop_oneof![
        6 => prop::collection::vec(person(), 1..=5),
        1 => organisation().prop_map(|o| vec![o]),
    ]
}

/// A year as cited: 1950–2025 with an optional suffix, or n.d., in press,
/// forthcoming.
pub fn year() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (1950u32..=2025, prop::option::weighted(0.2, proptest::char::range('a', 'c')))
            .prop_map(|(y, s)| format!("{y}{}", s.map_or(String::new(), String::from))),
        1 => Just("n.d.".to_string()),
        1 => Just("in press".to_string()),
        1 => Just("forthcoming".to_string()),
    ]
}

/// A numbered year only (what reference entries give).
pub fn plain_year() -> impl Strategy<Value = u32> {
    1950u32..=2025
}

/// A page, paragraph or chapter locator with 1–4 digit numbers; pages that
/// look like years ("p. 1796") included on purpose.
pub fn locator() -> impl Strategy<Value = String> {
    let n = 1u32..=9999;
    prop_oneof![
        n.clone().prop_map(|p| format!("p. {p}")),
        (1u32..=9990, 1u32..=9).prop_map(|(a, d)| format!("pp. {a}–{}", a + d)),
        (1u32..=9990, 1u32..=9).prop_map(|(a, d)| format!("pp. {a}-{}", a + d)),
        (1u32..=999).prop_map(|p| format!("para. {p}")),
        (1u32..=40).prop_map(|c| format!("chapter {c}")),
        (1u32..=9999).prop_map(|p| format!("p.{p}")),
    ]
}

/// How an author list is cited, and what must be read from it.
fn cited_names(
    authors: &[Author],
    use_acronym: bool,
    parenthetical: bool,
) -> (String, Vec<String>, bool) {
    let name = |a: &Author| a.family.clone();
    match authors {
        [one] if one.organisation => {
            let acronym = one.acronym.clone().unwrap_or_default();
            let text = match (use_acronym, parenthetical) {
                (true, true) => format!("{} [{acronym}]", one.family),
                (true, false) => format!("{} ({acronym})", one.family),
                _ => one.family.clone(),
            };
            (text, vec![one.family.clone()], false)
        }
        [one] => (name(one), vec![name(one)], false),
        [a, b] => {
            let and = if parenthetical { " & " } else { " and " };
            (
                format!("{}{and}{}", name(a), name(b)),
                vec![name(a), name(b)],
                false,
            )
        }
        [a, ..] => (format!("{} et al.", name(a)), vec![name(a)], true),
        [] => (String::new(), Vec::new(), false),
    }
}

/// One work cited in a parenthetical group: "Smith & Jones, 2019, p. 4".
fn group_item() -> impl Strategy<Value = (String, Expected)> {
    (
        authors(),
        any::<bool>(),
        year(),
        prop::option::weighted(0.4, locator()),
        prop_oneof![Just(", "), Just(": ")],
    )
        .prop_map(|(authors, acronym, year, locator, sep)| {
            let (names, cited, et_al) = cited_names(&authors, acronym, true);
            // "(Smith, 2019: 45)": a bare page after a colon.
            let bare = locator
                .as_deref()
                .and_then(|l| l.strip_prefix("p. "))
                .filter(|p| p.len() <= 3)
                .map(str::to_string);
            let (written_locator, locator) = match (locator, sep) {
                (Some(_), ": ") if bare.is_some() => {
                    (format!(": {}", bare.as_deref().unwrap_or("")), bare)
                }
                (Some(l), _) => (format!(", {l}"), Some(l)),
                (None, _) => (String::new(), None),
            };
            (
                format!("{names}, {year}{written_locator}"),
                Expected {
                    authors: cited,
                    year,
                    locator,
                    et_al,
                },
            )
        })
}

/// "(Smith, 2019; Jones & Lee, 2020a, p. 4)".
pub fn parenthetical() -> impl Strategy<Value = Written> {
    prop::collection::vec(group_item(), 1..=4).prop_map(|items| Written {
        text: format!(
            "({})",
            items
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
        expected: items.into_iter().map(|(_, e)| e).collect(),
    })
}

/// "Smith and Jones (2019, p. 4) argue", "Smith's (2019)", "Smith et
/// al.'s (2019)", "the British Association of Social Workers (BASW) (2018)".
pub fn narrative() -> impl Strategy<Value = Written> {
    (
        authors(),
        any::<bool>(),
        any::<bool>(),
        year(),
        prop::option::weighted(0.3, locator()),
    )
        .prop_map(|(authors, acronym, possessive, year, locator)| {
            let (names, cited, et_al) = cited_names(&authors, acronym, false);
            let organisation = authors.first().is_some_and(|a| a.organisation);
            let possessive = possessive && !organisation;
            let names = if possessive {
                if names.ends_with('s') && !et_al {
                    format!("{names}'")
                } else {
                    format!("{names}'s")
                }
            } else {
                names
            };
            let loc = locator.as_ref().map_or(String::new(), |l| format!(", {l}"));
            Written {
                text: format!("{names} ({year}{loc})"),
                expected: vec![Expected {
                    authors: cited,
                    year,
                    locator,
                    et_al,
                }],
            }
        })
}

/// "(Kadushin, 1990, as cited in Trevithick, 2012)": what must be in the
/// list is the work it is cited in.
pub fn secondary() -> impl Strategy<Value = Written> {
    (
        person(),
        year(),
        person(),
        plain_year(),
        prop_oneof![Just("as cited in"), Just("cited in"), Just("quoted in")],
    )
        .prop_map(|(original, original_year, source, year, phrase)| Written {
            text: format!(
                "({}, {original_year}, {phrase} {}, {year})",
                original.family, source.family
            ),
            expected: vec![Expected {
                authors: vec![source.family.clone()],
                year: year.to_string(),
                locator: None,
                et_al: false,
            }],
        })
}

pub fn citation() -> impl Strategy<Value = Written> {
    prop_oneof![4 => parenthetical(), 3 => narrative(), 1 => secondary()]
}

const WORDS: [&str; 24] = [
    "practice",
    "relationships",
    "with",
    "families",
    "is",
    "often",
    "shaped",
    "by",
    "poverty",
    "and",
    "shame",
    "which",
    "social",
    "workers",
    "must",
    "recognise",
    "in",
    "their",
    "daily",
    "work",
    "trust",
    "grows",
    "slowly",
    "over",
];

/// Lower-case prose: it never ends in something a name could be read from.
pub fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(pick(&WORDS), 1..12).prop_map(|w| w.join(" "))
}

/// A sentence around one citation: narrative ones open a sentence or
/// follow a lower-case word; parenthetical ones sit at the end or inside.
pub fn sentence() -> impl Strategy<Value = Written> {
    (prose(), citation(), prose(), 0u8..3).prop_map(|(before, c, after, shape)| {
        let text = match shape {
            0 => format!("{} {}. ", c.text, after),
            1 => format!("Indeed, {before} {} {after}. ", c.text),
            _ => format!("It is {before} {}. ", c.text),
        };
        Written {
            text,
            expected: c.expected,
        }
    })
}

/// An essay body: sentences with citations, paragraphs between them.
pub fn body() -> impl Strategy<Value = Written> {
    prop::collection::vec((sentence(), any::<bool>()), 1..25).prop_map(|sentences| {
        let mut text = String::new();
        let mut expected = Vec::new();
        for (s, paragraph) in sentences {
            text.push_str(&s.text);
            if paragraph {
                text.push_str("\n\n");
            }
            expected.extend(s.expected);
        }
        Written { text, expected }
    })
}

// ---- Reference entries ----

/// A work in a reference list, and the layout it is written in.
#[derive(Debug, Clone)]
pub struct Work {
    pub authors: Vec<Author>,
    pub year: u32,
    pub title: String,
    pub journal: String,
    pub abbreviated: String,
    pub volume: u32,
    pub issue: u32,
    pub first_page: u32,
    pub last_page: u32,
    pub doi: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Apa,
    Harvard,
    Vancouver,
    Ieee,
}

const TITLE_WORDS: [&str; 16] = [
    "poverty",
    "shame",
    "relationships",
    "trust",
    "practice",
    "children",
    "families",
    "care",
    "risk",
    "reflection",
    "power",
    "voice",
    "participation",
    "support",
    "ethics",
    "change",
];
const JOURNALS: [(&str, &str); 5] = [
    ("British Journal of Social Work", "Br J Soc Work"),
    ("Child and Family Social Work", "Child Fam Soc Work"),
    ("Journal of Social Work Practice", "J Soc Work Pract"),
    ("Qualitative Social Work", "Qual Soc Work"),
    ("European Journal of Social Work", "Eur J Soc Work"),
];

pub fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(pick(&TITLE_WORDS), 2..8).prop_map(|w| {
        let mut t = w.join(" ");
        if let Some(first) = t.get(..1) {
            t = first.to_uppercase() + t.get(1..).unwrap_or("");
        }
        t
    })
}

pub fn work() -> impl Strategy<Value = Work> {
    (
        prop::collection::vec(person(), 1..=4),
        plain_year(),
        title(),
        pick(&JOURNALS),
        (1u32..=80, 1u32..=12, 1u32..=2000, 1u32..=30),
        prop::option::weighted(0.5, (1000u32..99999, "[a-z0-9]{3,8}")),
    )
        .prop_map(
            |(authors, year, title, (journal, abbreviated), (volume, issue, first, len), doi)| {
                Work {
                    authors,
                    year,
                    title,
                    journal: journal.to_string(),
                    abbreviated: abbreviated.to_string(),
                    volume,
                    issue,
                    first_page: first,
                    last_page: first + len,
                    doi: doi.map(|(prefix, suffix)| format!("10.{prefix}/{suffix}")),
                }
            },
        )
}

fn initials(a: &Author, dotted: bool, spaced: bool) -> String {
    a.initials
        .iter()
        .map(|c| {
            if dotted {
                format!("{c}.")
            } else {
                c.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(if spaced { " " } else { "" })
}

/// The entry as written in `layout`; Vancouver and IEEE entries numbered `n`.
pub fn entry(w: &Work, layout: Layout, n: usize) -> String {
    let doi = w.doi.as_deref();
    match layout {
        Layout::Apa => {
            let names: Vec<String> = w
                .authors
                .iter()
                .map(|a| format!("{}, {}", a.family, initials(a, true, true)))
                .collect();
            let names = match names.as_slice() {
                [one] => one.clone(),
                [front @ .., last] => format!("{}, & {last}", front.join(", ")),
                [] => String::new(),
            };
            format!(
                "{names} ({}). {}. *{}*, *{}*({}), {}–{}.{}",
                w.year,
                w.title,
                w.journal,
                w.volume,
                w.issue,
                w.first_page,
                w.last_page,
                doi.map_or(String::new(), |d| format!(" https://doi.org/{d}"))
            )
        }
        Layout::Harvard => {
            let names: Vec<String> = w
                .authors
                .iter()
                .map(|a| format!("{}, {}", a.family, initials(a, true, false)))
                .collect();
            let names = match names.as_slice() {
                [one] => one.clone(),
                [front @ .., last] => format!("{} and {last}", front.join(", ")),
                [] => String::new(),
            };
            format!(
                "{names} ({}) '{}', *{}*, {}({}), pp. {}-{}.{}",
                w.year,
                w.title,
                w.journal,
                w.volume,
                w.issue,
                w.first_page,
                w.last_page,
                doi.map_or(String::new(), |d| format!(" doi: {d}"))
            )
        }
        Layout::Vancouver => {
            let names: Vec<String> = w
                .authors
                .iter()
                .map(|a| format!("{} {}", a.family, initials(a, false, false)))
                .collect();
            format!(
                "{n}. {}. {}. {}. {};{}({}):{}-{}.{}",
                names.join(", "),
                w.title,
                w.abbreviated,
                w.year,
                w.volume,
                w.issue,
                w.first_page,
                w.last_page,
                doi.map_or(String::new(), |d| format!(" doi:{d}"))
            )
        }
        Layout::Ieee => {
            let names: Vec<String> = w
                .authors
                .iter()
                .map(|a| format!("{} {}", initials(a, true, true), a.family))
                .collect();
            let names = match names.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [front @ .., last] => format!("{}, and {last}", front.join(", ")),
                [] => String::new(),
            };
            format!(
                "[{n}] {names}, “{},” *{}*, vol. {}, no. {}, pp. {}–{}, {}.{}",
                w.title,
                w.abbreviated,
                w.volume,
                w.issue,
                w.first_page,
                w.last_page,
                w.year,
                doi.map_or(String::new(), |d| format!(" doi: {d}."))
            )
        }
    }
}

pub fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::Apa),
        Just(Layout::Harvard),
        Just(Layout::Vancouver),
        Just(Layout::Ieee)
    ]
}

/// How a work is cited author–date: "Smith" / "Smith and Jones" / "Smith et al.".
pub fn cite_author_date(w: &Work, locator: Option<&str>) -> String {
    let names = match w.authors.as_slice() {
        [one] => one.family.clone(),
        [a, b] => format!("{} and {}", a.family, b.family),
        [a, ..] => format!("{} et al.", a.family),
        [] => String::new(),
    };
    format!(
        "({names}, {}{})",
        w.year,
        locator.map_or(String::new(), |l| format!(", {l}"))
    )
}
