//! Folding names into comparison keys. Markers care that "Schon" is "Schön"
//! and "O'leary" is "O'Leary" (same work, typography aside), so matching
//! compares keys with case, diacritics, spacing and punctuation removed.

use unicode_normalization::UnicodeNormalization;

/// Lower-case ASCII-ish key: diacritics stripped, only letters and digits kept.
pub fn key(s: &str) -> String {
    s.nfkd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of a name without a leading "The": "The King's Fund" is cited
/// as "King's Fund" as often as not.
pub fn name_key(s: &str) -> String {
    let s = s.trim();
    let s = ["The ", "the "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    key(s)
}

/// Words too small to count as initials of an organisation's name.
const MINOR_WORDS: [&str; 8] = ["of", "for", "the", "and", "&", "in", "on", "to"];

/// The acronym of an organisation's name ("British Association of Social
/// Workers" → "basw"), or the key itself when the name is one word already.
pub fn acronym(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() < 2 {
        return key(s);
    }
    let first_word = |w: &&&str| !MINOR_WORDS.contains(&w.to_lowercase().as_str());
    words
        .iter()
        .filter(first_word)
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two folded names are close enough to be the same name misspelt:
/// "Agllias"/"Agliias", "Stevenson"/"Stephenson", "Negai"/"Ngai".
pub fn similar(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let distance = strsim::damerau_levenshtein(a, b);
    let longest = a.chars().count().max(b.chars().count());
    distance <= 2 && distance * 3 <= longest || strsim::jaro_winkler(a, b) >= 0.9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_diacritics_and_spacing() {
        assert_eq!(key("Schön"), key("Schon"));
        assert_eq!(key("O'leary"), key("O’Leary"));
        assert_eq!(key("Saar-Heiman"), key("Saar Heiman"));
        assert_eq!(key("Peláez"), "pelaez");
        assert_eq!(name_key("The King's Fund"), name_key("King’s Fund"));
    }

    #[test]
    fn acronyms_skip_minor_words() {
        assert_eq!(acronym("British Association of Social Work"), "basw");
        assert_eq!(
            acronym("International Federation of Social Workers"),
            "ifsw"
        );
        assert_eq!(acronym("BASW"), "basw");
    }

    #[test]
    fn misspellings_are_similar_but_other_names_are_not() {
        assert!(similar("agllias", "agliias"));
        assert!(similar("stevenson", "stephenson"));
        assert!(similar("negai", "ngai"));
        assert!(similar("ifsw", "isfw"));
        assert!(!similar("gupta", "turner"));
        assert!(!similar("ingram", "horner"));
    }
}
