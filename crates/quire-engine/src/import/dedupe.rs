//! Near-duplicate detection by shingling.
//!
//! Two documents are near-copies when most word 5-grams of the shorter one
//! also occur in the longer one (containment, not Jaccard: a blog post that
//! reproduces an essay and adds comments is much longer than the essay, so
//! their Jaccard similarity is low although the essay is wholly inside it).
//! Words are compared lower-cased and without punctuation, so a copy whose
//! quotes were turned curly by a website still matches.
//!
//! A copy is kept whole and linked to its original (`duplicates` table)
//! rather than cut out of the document holding it: the blog post around the
//! Verity Clarke essay is a source in its own right (the blogger's framing,
//! readers' comments), while the essay itself is stored, counted and
//! word-limit checked once, as the competition entry.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Words per shingle: long enough that shared phrases ("social work
/// practice") do not make unrelated texts look alike.
const SHINGLE_WORDS: usize = 5;
/// Share of the shorter document's shingles that must recur in the other.
pub const THRESHOLD: f64 = 0.8;
/// Documents with fewer shingles than this (a note, a title page) are never
/// called copies: any short text is "contained" in a long one by chance.
const MIN_SHINGLES: usize = 50;

/// The hashed word 5-grams of a text.
#[derive(Debug, Clone, Default)]
pub struct Shingles(HashSet<u64>);

impl Shingles {
    pub fn of(text: &str) -> Shingles {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        Shingles(
            words
                .windows(SHINGLE_WORDS)
                .map(|gram| {
                    let mut h = DefaultHasher::new();
                    gram.hash(&mut h);
                    h.finish()
                })
                .collect(),
        )
    }

    /// Share of the smaller set found in the larger (0..=1); `None` when
    /// either text is too short to judge.
    pub fn containment(&self, other: &Shingles) -> Option<f64> {
        let (small, large) = if self.0.len() <= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        if small.0.len() < MIN_SHINGLES {
            return None;
        }
        let shared = small.0.iter().filter(|h| large.0.contains(h)).count();
        Some(shared as f64 / small.0.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contained_text_with_other_quotes_matches() {
        let essay: String = (0..200).map(|i| format!("word{i} it's ")).collect();
        let blog = format!(
            "Intro text here. {} Comments follow {}",
            essay.replace('\'', "’"),
            "more ".repeat(300)
        );
        let c = Shingles::of(&essay)
            .containment(&Shingles::of(&blog))
            .unwrap();
        assert!(c > 0.95, "{c}");
    }

    #[test]
    fn unrelated_texts_do_not() {
        let a: String = (0..200).map(|i| format!("alpha{i} ")).collect();
        let b: String = (0..200).map(|i| format!("beta{i} ")).collect();
        assert_eq!(Shingles::of(&a).containment(&Shingles::of(&b)), Some(0.0));
        assert_eq!(
            Shingles::of("too short").containment(&Shingles::of(&a)),
            None
        );
    }
}
