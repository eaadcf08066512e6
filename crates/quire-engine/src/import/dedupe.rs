//! Near-duplicate detection by shingling.
//!
//! Two documents are near-copies when most word 5-grams of the shorter one
//! also occur in the longer one (containment, not Jaccard: a blog post that
//! reproduces an essay and adds comments is much longer than the essay, so
//! their Jaccard similarity is low although the essay is wholly inside it).
//! Words are compared lower-cased and without punctuation, so a copy whose
//! quotes were turned curly by a website still matches.
//!
//! Comparing a new document with every stored one would need every stored
//! document's shingles, so memory and time per import would grow with the
//! library. Instead each document keeps a *sketch* in SQLite: the shingle
//! hashes that are 0 mod [`SAMPLE_MOD`] (Broder's MOD-m sketch, "On the
//! resemblance and containment of documents", 1997). The sketches of two
//! documents share about 1/m of the shingles the documents share, so the
//! share of a sketch found in another estimates containment, and an index
//! on the hash finds the documents sharing any of them. (MinHash bands
//! estimate Jaccard, which misses a copy inside a much longer document.)
//! Only those candidates are then shingled in full and compared exactly.
//!
//! A copy is kept whole and linked to its original (`duplicates` table)
//! rather than cut out of the document holding it: the blog post around the
//! Verity Clarke essay is a source in its own right (the blogger's framing,
//! readers' comments), while the essay itself is stored, counted and
//! word-limit checked once, as the competition entry.

use std::collections::HashSet;
use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// Words per shingle: long enough that shared phrases ("social work
/// practice") do not make unrelated texts look alike.
const SHINGLE_WORDS: usize = 5;
/// Share of the shorter document's shingles that must recur in the other.
pub const THRESHOLD: f64 = 0.8;
/// Documents with fewer shingles than this (a note, a title page) are never
/// called copies: any short text is "contained" in a long one by chance.
pub const MIN_SHINGLES: usize = 50;
/// One shingle in this many goes into the sketch. At 4, a document of the
/// smallest size judged (50 shingles) has about 12 in its sketch, enough
/// that a true copy is almost never missed as a candidate.
pub const SAMPLE_MOD: u64 = 4;
/// Estimated containment from sketches above which a document is compared
/// exactly: well below [`THRESHOLD`], since small sketches are noisy, and
/// a false candidate costs one exact comparison.
pub const CANDIDATE_SHARE: f64 = 0.3;
/// At most this many candidates (best estimates first) are compared exactly,
/// so a text of stock phrases shared with many documents stays cheap.
pub const MAX_CANDIDATES: usize = 16;

/// The hashed word 5-grams of a text.
#[derive(Debug, Clone, Default)]
pub struct Shingles(HashSet<u64>);

impl Shingles {
    /// Hashes are SipHash-1-3 with fixed keys, so they are the same in every
    /// build and can be stored.
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
                    let mut h = SipHasher13::new_with_keys(0, 0);
                    for word in gram {
                        h.write(word.as_bytes());
                        h.write_u8(0);
                    }
                    h.finish()
                })
                .collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the text is long enough to be judged a copy at all.
    pub fn judged(&self) -> bool {
        self.0.len() >= MIN_SHINGLES
    }

    /// The sketch: the hashes that are 0 mod [`SAMPLE_MOD`], as stored
    /// (SQLite integers are signed; the bits are kept).
    pub fn sketch(&self) -> Vec<i64> {
        let mut out: Vec<i64> = self
            .0
            .iter()
            .filter(|&&h| h % SAMPLE_MOD == 0)
            .map(|&h| h as i64)
            .collect();
        out.sort_unstable();
        out
    }

    /// Share of the smaller set found in the larger (0..=1); `None` when
    /// either text is too short to judge.
    pub fn containment(&self, other: &Shingles) -> Option<f64> {
        let (small, large) = if self.0.len() <= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        if !small.judged() {
            return None;
        }
        let shared = small.0.iter().filter(|h| large.0.contains(h)).count();
        Some(shared as f64 / small.0.len() as f64)
    }
}

/// Containment estimated from sketch sizes and the number of hashes they
/// share; `None` when either sketch is empty.
pub fn estimate(shared: usize, own: usize, other: usize) -> Option<f64> {
    let smaller = own.min(other);
    (smaller > 0).then(|| shared as f64 / smaller as f64)
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

    #[test]
    fn hashes_are_stable_across_builds() {
        // Stored sketches depend on this value never changing.
        let sh = Shingles::of("one two three four five");
        assert_eq!(sh.0.iter().copied().collect::<Vec<_>>(), [STABLE_HASH]);
    }

    /// SipHash-1-3 (keys 0, 0) of "one\0two\0three\0four\0five\0".
    const STABLE_HASH: u64 = 8_269_954_660_239_025_616;

    /// The sample library (a copy of the seeds): the blog post reproducing
    /// Verity Clarke's essay is found through the sketches, with full
    /// containment, and nothing else is called a copy.
    #[test]
    fn sample_blog_post_is_the_one_copy() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = crate::Library::open(dir.path()).unwrap();
        library.import_sample().unwrap();
        let copies: Vec<(i64, i64, f64)> = {
            let mut stmt = library
                .conn()
                .prepare("SELECT document_id, duplicate_of, similarity FROM duplicates")
                .unwrap();
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap();
            rows.collect::<rusqlite::Result<_>>().unwrap()
        };
        assert_eq!(copies.len(), 1, "{copies:?}");
        let (copy, original, similarity) = copies[0];
        assert_eq!(similarity, 1.0);
        let original = library.document(original).unwrap();
        assert_eq!(original.summary.author.as_deref(), Some("Verity Clarke"));
        assert_eq!(
            library.document(copy).unwrap().summary.kind,
            crate::Kind::Source
        );
    }

    #[test]
    fn sketch_estimates_containment() {
        let essay: String = (0..2000).map(|i| format!("w{i} ")).collect();
        let blog = format!(
            "{essay} {}",
            (0..6000).map(|i| format!("c{i} ")).collect::<String>()
        );
        let (a, b) = (Shingles::of(&essay).sketch(), Shingles::of(&blog).sketch());
        let bset: HashSet<_> = b.iter().collect();
        let shared = a.iter().filter(|h| bset.contains(h)).count();
        let est = estimate(shared, a.len(), b.len()).unwrap();
        assert!(est > 0.95, "{est}");
        // About one in SAMPLE_MOD shingles is sampled.
        assert!((350..650).contains(&a.len()), "{}", a.len());
    }
}
