//! Linking an in-text citation to a reference-list entry, and saying how
//! well they agree. Names are compared as folded keys (case, diacritics,
//! spacing ignored); organisations also by acronym ("BASW" is "British
//! Association of Social Workers"); misspellings count as a near match so
//! the marker is told what to fix rather than that nothing matched.

use crate::fold::{acronym, key, name_key, similar};
use crate::intext::Citation;
use crate::reference::ParsedEntry;

/// How a citation agrees with the entry it was linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Agreement {
    Exact,
    EtAl,
    Names,
    Year,
    /// No author matched, but the cited name is in the entry's title: the
    /// work was named instead of its author.
    Title,
}

/// A reference entry reduced to what matching compares.
#[derive(Debug, Clone)]
pub struct RefKey {
    names: Vec<NameKey>,
    et_al: bool,
    year: String,
    title: String,
}

#[derive(Debug, Clone)]
struct NameKey {
    key: String,
    acronym: Option<String>,
}

impl NameKey {
    /// "Social Care Institute for Excellence (SCIE)" gives its acronym itself.
    fn new(name: &str, organisation: bool) -> NameKey {
        if let Some((full, short)) = name.strip_suffix(')').and_then(|n| n.rsplit_once(" (")) {
            return NameKey {
                key: name_key(full),
                acronym: Some(key(short)),
            };
        }
        let acronym = (organisation && name.split_whitespace().count() > 1).then(|| acronym(name));
        NameKey {
            key: name_key(name),
            acronym,
        }
    }
}

/// The year key both sides are compared on: "2018a", "nd", "inpress".
fn year_key(year: &str) -> String {
    let k = key(year);
    match k.as_str() {
        "nd" | "nodate" => "nd".to_string(),
        _ => k,
    }
}

impl RefKey {
    pub fn new(entry: &ParsedEntry) -> RefKey {
        let item = &entry.item;
        // An edited book is cited by its editors.
        let names = if item.author.is_empty() {
            &item.editor
        } else {
            &item.author
        };
        let names = names
            .iter()
            .map(|n| NameKey::new(n.cited_form(), n.literal.is_some()))
            .collect();
        let year = match (&item.issued, &item.status) {
            (Some(d), _) => format!(
                "{}{}",
                d.year().unwrap_or(0),
                item.year_suffix.as_deref().unwrap_or("")
            ),
            (None, Some(status)) => status.clone(),
            (None, None) => "nd".to_string(),
        };
        RefKey {
            names,
            et_al: entry.et_al,
            year: year_key(&year),
            title: key(item.title.as_deref().unwrap_or("")),
        }
    }

    pub fn author_count(&self) -> usize {
        self.names.len()
    }
}

/// Same name: equal keys, an acronym of the other, or the family name at
/// the end of a name written in full ("Peter Beresford").
fn same_name(cited: &str, r: &NameKey) -> bool {
    let c = name_key(cited);
    if c == r.key || r.acronym.as_deref() == Some(c.as_str()) {
        return true;
    }
    let words: Vec<&str> = cited.split_whitespace().collect();
    if words.len() > 1 && (acronym(cited) == r.key || words.last().is_some_and(|w| key(w) == r.key))
    {
        return true;
    }
    false
}

fn near_name(cited: &str, r: &NameKey) -> bool {
    same_name(cited, r)
        || similar(&name_key(cited), &r.key)
        || r.acronym
            .as_deref()
            .is_some_and(|a| similar(&name_key(cited), a))
        || (cited.split_whitespace().count() > 1 && similar(&acronym(cited), &r.key))
}

/// How the cited author list compares with an entry's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Authors {
    /// Same authors, "et al." used as the entry allows.
    Exact,
    /// Same first author, but "et al." where the entry has one or two
    /// authors, or a lone name where it has three or more.
    EtAl,
    /// Misspelt, or authors missing from one side.
    Near,
}

fn compare_authors(c: &Citation, r: &RefKey) -> Option<Authors> {
    let first = c.authors.first()?;
    let r_first = r.names.first()?;
    let n = c.authors.len();
    let m = r.names.len();
    if same_name(first, r_first) {
        let rest_same = c.authors.iter().zip(&r.names).all(|(a, b)| same_name(a, b));
        return Some(if c.et_al {
            if m <= 2 && !r.et_al {
                Authors::EtAl
            } else {
                Authors::Exact
            }
        } else if n == m && rest_same || r.et_al && n >= m && rest_same {
            Authors::Exact
        } else if n == 1 && m >= 3 {
            Authors::EtAl
        } else {
            Authors::Near
        });
    }
    let all_near =
        (c.et_al || n == m) && c.authors.iter().zip(&r.names).all(|(a, b)| near_name(a, b));
    all_near.then_some(Authors::Near)
}

/// The best entry for a citation and how it agrees, if any entry is close.
pub fn best_match(c: &Citation, refs: &[RefKey]) -> Option<(usize, Agreement)> {
    let year = year_key(&c.year);
    let mut best: Option<(u32, usize, Agreement)> = None;
    for (i, r) in refs.iter().enumerate() {
        let same_year = r.year == year;
        let rank = match (compare_authors(c, r), same_year) {
            (Some(Authors::Exact), true) => Some((0, Agreement::Exact)),
            (Some(Authors::EtAl), true) => Some((1, Agreement::EtAl)),
            (Some(Authors::Near), true) => Some((2, Agreement::Names)),
            (Some(Authors::Exact), false) => Some((3, Agreement::Year)),
            (Some(Authors::EtAl), false) => Some((4, Agreement::Year)),
            (Some(Authors::Near), false) if same_name(&c.authors[0], &r.names[0]) => {
                Some((5, Agreement::Year))
            }
            _ => None,
        };
        if let Some((rank, agreement)) = rank {
            if best.is_none_or(|(b, _, _)| rank < b) {
                best = Some((rank, i, agreement));
            }
        }
    }
    if let Some((_, i, agreement)) = best {
        return Some((i, agreement));
    }
    // "the Marmot Review in 2010 (2020)": the work named instead of its author.
    let named = key(&c.authors.join(" "));
    refs.iter()
        .position(|r| r.year == year && named.len() >= 6 && r.title.contains(&named))
        .map(|i| (i, Agreement::Title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{extract_citations, parse_entry};

    fn agreement(citation: &str, entry: &str) -> Option<Agreement> {
        let c = extract_citations(citation).pop()?;
        best_match(&c, &[RefKey::new(&parse_entry(entry))]).map(|(_, a)| a)
    }

    #[test]
    fn tolerates_typography_but_reports_what_to_fix() {
        assert_eq!(
            agreement(
                "(Schön, 1983)",
                "Schon, D. (1983) The reflective practitioner. London: Temple Smith."
            ),
            Some(Agreement::Exact)
        );
        assert_eq!(
            agreement(
                "(O'leary et al, 2013)",
                "O'Leary, P., Tsui, M. and Ruch, G. (2013) 'T', *J*, 1(2)."
            ),
            Some(Agreement::Exact)
        );
        assert_eq!(
            agreement(
                "(SCIE, 2019)",
                "Social Care Institute for Excellence (SCIE) (2019) *Title*."
            ),
            Some(Agreement::Exact)
        );
        assert_eq!(
            agreement(
                "(King's Fund, 2019)",
                "The King's Fund (2019) *Title*. London: King's Fund."
            ),
            Some(Agreement::Exact)
        );
        assert_eq!(
            agreement(
                "(Chan and Negai, 2019)",
                "Chan, C. and Ngai, S. (2019) 'T', *J*, 1(2)."
            ),
            Some(Agreement::Names)
        );
        assert_eq!(
            agreement(
                "(Ruch et al. 2010)",
                "Ruch, G. 2010. 'T.' *Jessica Kingsley Publishers: London*."
            ),
            Some(Agreement::EtAl)
        );
        assert_eq!(
            agreement("(Gupta, 2015)", "Gupta, A. (2017) 'T', *J*, 1(2)."),
            Some(Agreement::Year)
        );
        assert_eq!(
            agreement("(Turner, 2015)", "Gupta, A. (2017) 'T', *J*, 1(2)."),
            None
        );
    }
}
