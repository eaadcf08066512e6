//! Author lists of reference entries: "Best, P. Manktelow, R. and Taylor, B."
//! (commas missing), "Smith, J. A., Jones, B., & Brown, C." (APA), "Smith,
//! John, and Jane Doe" (Chicago, MLA), "Smith JA, Jones B" (Vancouver),
//! "BASW and CWIP", "Institute of Health Equity" (organisations).

use std::sync::LazyLock;

use quire_csl::Name;
use regex::Regex;

use crate::slice;

/// Author names and whether the list was cut short with "et al.".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authors {
    pub names: Vec<Name>,
    pub et_al: bool,
    /// "Lishman, J. (ed.)": the names are editors of the work.
    pub editors: bool,
}

/// "(ed.)", "(Eds)", ", eds.", " Ed.": but not the initials "ED" of a
/// Vancouver name ("Smith ED."), so capitals only inside brackets.
static EDITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[,\s]*\((?i:eds?)\.?\)|[,\s]+(?:eds?|Eds?)\b\.?)\.?\s*$").expect("edited regex")
});

static ET_AL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s*(?:et\.?\s*al\.?|and others)\s*$").expect("et al regex")
});
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{M}][\p{L}\p{M}'’\-\.]*|[,&;]").expect("token regex"));
/// "P.", "C-A.", "J.L.", "M", "ATD", "JA".
static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}\.?(?:-\p{Lu}\.?)*\.?){1,3}$").expect("initials regex")
});
static VANCOUVER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:(?:van|von|de|der|den|du|da|di|la|le|del|dos) )*[\p{Lu}][\p{L}'’\- ]*[\p{L}]) (\p{Lu}{1,3})$")
        .expect("vancouver regex")
});

const PARTICLES: [&str; 12] = [
    "van", "von", "de", "der", "den", "du", "da", "di", "la", "le", "del", "dos",
];

fn is_initials(word: &str) -> bool {
    INITIALS.is_match(word)
}

fn is_connector(word: &str) -> bool {
    matches!(word, "and" | "&" | "And")
}

/// Parses the author part of an entry (everything before the year or title).
pub fn parse_authors(s: &str) -> Authors {
    let s = s.trim().trim_end_matches([',', ';', ' ']);
    let (s, editors) = match EDITED.find(s) {
        Some(m) => (slice::before(s, m.start()), true),
        None => (s, false),
    };
    let (s, et_al) = match ET_AL.find(s) {
        Some(m) => (slice::before(s, m.start()), true),
        None => (s, false),
    };
    let s = s.trim().trim_end_matches([',', ' ']);
    // A lone full stop ends the list; one after initials belongs to them.
    let s = match s.strip_suffix('.') {
        Some(rest)
            if !rest
                .split_whitespace()
                .last()
                .is_some_and(|w| is_initials(&format!("{w}."))) =>
        {
            rest
        }
        _ => s,
    };
    if s.is_empty() {
        return Authors {
            names: Vec::new(),
            et_al,
            editors,
        };
    }
    let names = vancouver(s)
        .or_else(|| organisations(s))
        .unwrap_or_else(|| inverted(s));
    Authors {
        names,
        et_al,
        editors,
    }
}

/// "Smith JA, Jones B, Brown C": every comma-separated piece is a family
/// name followed by run-together initials.
fn vancouver(s: &str) -> Option<Vec<Name>> {
    let pieces: Vec<&str> = s
        .split(',')
        .map(|p| p.trim().trim_end_matches('.'))
        .collect();
    let names = pieces
        .iter()
        .map(|p| {
            VANCOUVER_NAME
                .captures(p)
                .map(|c| Name::person(&c[1], &c[2]))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(names)
}

/// Names with no comma and no initials are organisations: "ATD Fourth
/// World", "Institute of Health Equity", or several acronyms ("BASW and CWIP").
fn organisations(s: &str) -> Option<Vec<Name>> {
    if s.contains(',') {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words
        .iter()
        .any(|w| w.len() <= 3 && w.ends_with('.') && is_initials(w))
    {
        return None;
    }
    let parts: Vec<&str> = s
        .split('&')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| !p.is_empty() && !p.contains(' ')) {
        return Some(parts.iter().map(|p| Name::organisation(p)).collect());
    }
    if words.len() == 1
        && !words[0]
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic())
    {
        return Some(vec![Name::person(words[0], "")]);
    }
    Some(vec![Name::organisation(s)])
}

/// "Family, Given" lists, with or without commas between authors, the last
/// one possibly in natural order after "and" ("Smith, John, and Jane Doe").
fn inverted(s: &str) -> Vec<Name> {
    let toks: Vec<&str> = TOKEN.find_iter(s).map(|m| m.as_str()).collect();
    let mut names = Vec::new();
    let mut family: Vec<&str> = Vec::new();
    let mut given: Vec<&str> = Vec::new();
    let mut in_given = false;
    let finish = |family: &mut Vec<&str>, given: &mut Vec<&str>, names: &mut Vec<Name>| {
        if !family.is_empty() {
            names.push(Name::person(&family.join(" "), &given.join(" ")));
        }
        family.clear();
        given.clear();
    };
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let next = toks.get(i + 1).copied();
        if is_connector(t) || t == ";" {
            finish(&mut family, &mut given, &mut names);
            in_given = false;
            let rest = toks.get(i + 1..).unwrap_or_default();
            if !rest.is_empty() && !rest.contains(&",") {
                names.push(natural(rest));
                return names;
            }
        } else if t == "," {
            if in_given && !given.is_empty() {
                let full_given = names.is_empty() && given.iter().all(|g| !is_initials(g));
                finish(&mut family, &mut given, &mut names);
                in_given = false;
                if full_given {
                    // "Featherstone, Brid, Sue White, and Kate Morris" (Chicago,
                    // MLA): only the first author is inverted.
                    names.extend(split_natural(toks.get(i + 1..).unwrap_or_default()));
                    return names;
                }
            } else if !family.is_empty() {
                in_given = true;
            }
        } else if !in_given {
            family.push(t);
        } else if PARTICLES.contains(&t)
            || (!given.is_empty() && !is_initials(t) && next == Some(","))
        {
            // "Mishna, F. Sanders, J.": a new family name with no comma before it.
            finish(&mut family, &mut given, &mut names);
            in_given = false;
            family.push(t);
        } else {
            given.push(t);
        }
        i += 1;
    }
    finish(&mut family, &mut given, &mut names);
    names
}

/// IEEE author lists, given names first: "J. Smith, A. B. Jones, and C.
/// Brown", "J. Smith et al.".
pub fn parse_natural(s: &str) -> Authors {
    let s = s.trim().trim_end_matches([',', ';', ' ']);
    let (s, et_al) = match ET_AL.find(s) {
        Some(m) => (slice::before(s, m.start()), true),
        None => (s, false),
    };
    let toks: Vec<&str> = TOKEN.find_iter(s).map(|m| m.as_str()).collect();
    Authors {
        names: split_natural(&toks)
            .into_iter()
            .filter(|n| n.family.is_some())
            .collect(),
        et_al,
        editors: false,
    }
}

/// "Jane Doe", "R. Vasta", "Ludwig van Beethoven": given names first.
pub fn natural(toks: &[&str]) -> Name {
    let words: Vec<&str> = toks
        .iter()
        .copied()
        .filter(|t| !matches!(*t, "," | "&" | ";"))
        .collect();
    let Some(last) = words.len().checked_sub(1) else {
        return Name::default();
    };
    // After initials, everything is the family name: "A. Ó Súilleabháin".
    let after_initials = words
        .iter()
        .rposition(|w| w.ends_with('.') && is_initials(w))
        .map(|i| i + 1)
        .filter(|&i| i <= last);
    let start = after_initials.unwrap_or_else(|| {
        let mut start = last;
        while start > 0 && PARTICLES.contains(&words[start - 1]) {
            start -= 1;
        }
        start
    });
    let (given, family) = words.split_at(start);
    Name::person(&family.join(" "), &given.join(" "))
}

/// Names in natural order separated by commas, "and" or "&".
fn split_natural(toks: &[&str]) -> Vec<Name> {
    toks.split(|t| matches!(*t, "," | "&" | ";" | "and" | "And"))
        .filter(|group| !group.is_empty())
        .map(natural)
        .collect()
}

static INVERTED_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[\p{Lu}][\p{L}'’\-]+,\s*\p{Lu}\.").expect("inverted regex"));

/// Editors written in natural order: "R. Vasta", "E. Editor & F. Editor".
pub fn parse_editors(s: &str) -> Vec<Name> {
    let s = s.trim().trim_end_matches([',', ' ']);
    if INVERTED_START.is_match(s) || s.contains(',') && !s.contains(" and ") && !s.contains('&') {
        // Inverted, as some Harvard variants write them: "Worsely, A."
        return parse_authors(s).names;
    }
    let s = s.trim_end_matches(['.', ',', ' ']);
    s.split(['&', ','])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let toks: Vec<&str> = TOKEN.find_iter(p).map(|m| m.as_str()).collect();
            natural(&toks)
        })
        .filter(|n| n.family.is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(s: &str) -> Vec<String> {
        parse_authors(s)
            .names
            .iter()
            .map(|n| n.cited_form().to_string())
            .collect()
    }

    #[test]
    fn reads_lists_with_missing_commas() {
        assert_eq!(
            families("Best, P. Manktelow, R. and Taylor, B."),
            ["Best", "Manktelow", "Taylor"]
        );
        assert_eq!(
            families(
                "Mishna, F. Sanders, J. Fantus, S. Fang, L. Greenblatt, A. Bogo, M, and Milne, B."
            ),
            [
                "Mishna",
                "Sanders",
                "Fantus",
                "Fang",
                "Greenblatt",
                "Bogo",
                "Milne"
            ]
        );
        assert_eq!(
            families("O'Leary, P. Tsui, M and Ruch, G."),
            ["O'Leary", "Tsui", "Ruch"]
        );
        assert_eq!(
            families("van Spijker, B. van Straten, A. and Kerkhof, A."),
            ["van Spijker", "van Straten", "Kerkhof"]
        );
    }

    #[test]
    fn ieee_names_after_initials_are_family_names() {
        let names = parse_natural("A. Ó Súilleabháin, B. C. van der Berg, and D. Smith");
        let families: Vec<&str> = names.names.iter().map(|n| n.cited_form()).collect();
        assert_eq!(families, ["Ó Súilleabháin", "van der Berg", "Smith"]);
    }

    #[test]
    fn vancouver_initials_ed_are_not_an_editor_mark() {
        let smith = parse_authors("Smith ED.");
        assert!(!smith.editors);
        assert_eq!(smith.names, vec![Name::person("Smith", "ED")]);
        assert!(parse_authors("Lishman, J. (Ed.)").editors);
        assert!(parse_authors("Lishman, J. and Ruch, G. eds.").editors);
    }

    #[test]
    fn reads_other_styles() {
        assert_eq!(
            families("Smith, J. A., Jones, B., & Brown, C."),
            ["Smith", "Jones", "Brown"]
        );
        assert_eq!(families("Smith, John, and Jane Doe."), ["Smith", "Doe"]);
        assert_eq!(
            families("Featherstone, Brid, Sue White, and Kate Morris"),
            ["Featherstone", "White", "Morris"]
        );
        assert_eq!(
            parse_editors("Ruch, G., Turney, D. and Ward, A."),
            vec![
                Name::person("Ruch", "G."),
                Name::person("Turney", "D."),
                Name::person("Ward", "A.")
            ]
        );
        assert_eq!(
            families("Smith JA, Jones B, Brown C."),
            ["Smith", "Jones", "Brown"]
        );
        assert_eq!(
            families("Gupta, A., Blumhardt, H. & Fourth World, ATD."),
            ["Gupta", "Blumhardt", "Fourth World"]
        );
        assert_eq!(families("BASW and CWIP."), ["BASW", "CWIP"]);
        assert_eq!(
            families("Institute of Health Equity"),
            ["Institute of Health Equity"]
        );
        let forrester = parse_authors("Forrester, D. et al.");
        assert!(forrester.et_al);
        assert_eq!(forrester.names, vec![Name::person("Forrester", "D.")]);
        assert_eq!(
            parse_authors("Westwood, J. L.").names,
            vec![Name::person("Westwood", "J. L.")]
        );
        let edited = parse_authors("Lishman, J. (ed.)");
        assert!(edited.editors);
        assert_eq!(edited.names, vec![Name::person("Lishman", "J.")]);
    }
}
