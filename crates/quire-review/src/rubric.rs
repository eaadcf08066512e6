//! Rubrics: the criteria an entry is marked on, each with a weight, a
//! maximum score and level descriptors saying what a band of scores looks
//! like.
//!
//! The JSON shape is a contract (rubric files are written by hand and by
//! other tools): `{"name","criteria":[{"name","weight","max","levels":
//! [{"min","max","descriptor"}]}]}`. Unknown fields are refused, so a typo
//! such as `"descripton"` is named instead of silently dropped.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A marker's scores on one entry, by criterion name (as the rubric spells it).
pub type Scores = BTreeMap<String, f64>;

/// Largest weight or maximum score a criterion may have; beyond that a
/// number is a typo, not a rubric.
const LIMIT: f64 = 1000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub name: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub name: String,
    /// Share of the total, relative to the other criteria's weights.
    pub weight: f64,
    /// Scores run from 0 to this.
    pub max: f64,
    /// Bands of scores, lowest first, not overlapping.
    #[serde(default)]
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub min: f64,
    pub max: f64,
    pub descriptor: String,
}

/// What is wrong with a rubric or a score given against one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RubricError {
    #[error("not a rubric: {0}")]
    Malformed(String),
    #[error("rubric: {0}")]
    Invalid(String),
    #[error("no criterion `{name}` in rubric `{rubric}` (it has: {known})")]
    UnknownCriterion {
        name: String,
        rubric: String,
        known: String,
    },
    #[error("{criterion}: score {score} is outside 0–{max}")]
    OutOfRange {
        criterion: String,
        score: f64,
        max: f64,
    },
}

impl Rubric {
    /// Read and check a rubric file's text.
    pub fn parse(json: &str) -> Result<Rubric, RubricError> {
        let rubric: Rubric =
            serde_json::from_str(json).map_err(|e| RubricError::Malformed(e.to_string()))?;
        rubric.validate()?;
        Ok(rubric)
    }

    /// Names present and unique, numbers finite and in range, levels inside
    /// their criterion's range, ordered and not overlapping (so a score
    /// falls in one level at most).
    pub fn validate(&self) -> Result<(), RubricError> {
        let bad = |m: String| Err(RubricError::Invalid(m));
        if self.name.trim().is_empty() {
            return bad("the rubric needs a name".into());
        }
        if self.criteria.is_empty() {
            return bad(format!("`{}` has no criteria", self.name));
        }
        if self.criteria.len() > 50 {
            return bad(format!("`{}` has more than 50 criteria", self.name));
        }
        let mut seen = HashSet::new();
        for c in &self.criteria {
            let name = c.name.trim();
            if name.is_empty() {
                return bad("a criterion has no name".into());
            }
            if !seen.insert(name.to_lowercase()) {
                return bad(format!("criterion `{name}` appears twice"));
            }
            if !(c.weight.is_finite() && c.weight > 0.0 && c.weight <= LIMIT) {
                return bad(format!(
                    "{name}: weight {} must be above 0 and at most {LIMIT}",
                    c.weight
                ));
            }
            if !(c.max.is_finite() && c.max > 0.0 && c.max <= LIMIT) {
                return bad(format!(
                    "{name}: max {} must be above 0 and at most {LIMIT}",
                    c.max
                ));
            }
            let mut previous: Option<&Level> = None;
            for level in &c.levels {
                if !(level.min.is_finite() && level.max.is_finite()) {
                    return bad(format!("{name}: a level's range is not a number"));
                }
                if level.min < 0.0 || level.max > c.max || level.min > level.max {
                    return bad(format!(
                        "{name}: level {}–{} must lie within 0–{} with min ≤ max",
                        level.min, level.max, c.max
                    ));
                }
                if level.descriptor.trim().is_empty() {
                    return bad(format!(
                        "{name}: level {}–{} has no descriptor",
                        level.min, level.max
                    ));
                }
                if let Some(p) = previous {
                    if level.min <= p.max {
                        return bad(format!(
                            "{name}: levels {}–{} and {}–{} overlap or are out of order",
                            p.min, p.max, level.min, level.max
                        ));
                    }
                }
                previous = Some(level);
            }
        }
        Ok(())
    }

    /// The criterion called `name`, ignoring case and surrounding spaces.
    pub fn criterion(&self, name: &str) -> Option<&Criterion> {
        let name = name.trim();
        self.criteria
            .iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(name) || c.name.trim() == name)
    }

    /// Check one score: the criterion must exist and the score lie in its
    /// range. Returns the criterion as the rubric names it.
    pub fn check_score(&self, name: &str, score: f64) -> Result<&Criterion, RubricError> {
        let criterion = self
            .criterion(name)
            .ok_or_else(|| RubricError::UnknownCriterion {
                name: name.trim().to_string(),
                rubric: self.name.clone(),
                known: self
                    .criteria
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        if !score.is_finite() || score < 0.0 || score > criterion.max {
            return Err(RubricError::OutOfRange {
                criterion: criterion.name.clone(),
                score,
                max: criterion.max,
            });
        }
        Ok(criterion)
    }

    /// The weighted total as a percentage (0–100, two decimals), once every
    /// criterion has a score; `None` before. Scores for names the rubric
    /// does not have are ignored.
    pub fn total(&self, scores: &Scores) -> Option<f64> {
        let weights: f64 = self.criteria.iter().map(|c| c.weight).sum();
        let mut sum = 0.0;
        for c in &self.criteria {
            let score = *scores.get(&c.name)?;
            sum += c.weight * (score.clamp(0.0, c.max) / c.max);
        }
        Some(round2(100.0 * sum / weights))
    }

    /// A hash of the rubric's canonical JSON: a marks file made against a
    /// different rubric is recognised by it.
    pub fn fingerprint(&self) -> String {
        let value = serde_json::to_value(self).expect("a rubric serialises");
        hex(&Sha256::digest(
            crate::marks_file::canonical(&value).as_bytes(),
        ))
    }

    /// The rubric shipped with Quire, named `competition`: suits a student
    /// essay competition such as the sample library's ("Working better
    /// together"). Weights sum to 100.
    pub fn competition() -> Rubric {
        let c = |name: &str, weight: f64, bands: [&str; 4]| Criterion {
            name: name.into(),
            weight,
            max: 10.0,
            levels: [(0.0, 3.0), (4.0, 6.0), (7.0, 8.0), (9.0, 10.0)]
                .into_iter()
                .zip(bands)
                .map(|((min, max), d)| Level {
                    min,
                    max,
                    descriptor: d.into(),
                })
                .collect(),
        };
        Rubric {
            name: "competition".into(),
            criteria: vec![
                c(
                    "Argument and analysis",
                    30.0,
                    [
                        "Describes rather than argues; claims are unsupported or contradict each other.",
                        "A recognisable argument with some analysis, but uneven or partly descriptive.",
                        "A clear, sustained argument that weighs different views and reaches a reasoned conclusion.",
                        "An original, compelling argument with critical insight throughout.",
                    ],
                ),
                c(
                    "Use of evidence",
                    25.0,
                    [
                        "Little or no evidence; sources are missing, misread or not relevant.",
                        "Some relevant research or policy is used, mostly to illustrate rather than support.",
                        "Well-chosen research, policy and practice evidence supports each main point.",
                        "Evidence is weighed critically, including its limits and the voices of people using services.",
                    ],
                ),
                c(
                    "Relevance to the theme",
                    20.0,
                    [
                        "Does not address how social workers and people using services work better together.",
                        "Touches on the theme, but relationships with people using services are not the focus.",
                        "Addresses the theme directly, with concrete ways to build stronger relationships.",
                        "Illuminates the theme with insight that could change practice.",
                    ],
                ),
                c(
                    "Structure and writing",
                    15.0,
                    [
                        "Hard to follow: no clear structure, frequent errors, or well outside the word limit.",
                        "A workable structure with some unclear passages or errors.",
                        "Well organised and clearly written within the word limit.",
                        "Fluent, precise and engaging; every paragraph earns its place.",
                    ],
                ),
                c(
                    "Referencing",
                    10.0,
                    [
                        "Citations and reference list are largely missing or do not match.",
                        "Most citations have a reference, with inconsistencies of style or several mismatches.",
                        "Every citation matches a reference; the style is consistent with minor slips.",
                        "Complete, accurate and consistent referencing in one recognised style.",
                    ],
                ),
            ],
        }
    }
}

impl Criterion {
    /// The level a score falls in: the one whose range holds it, else (a
    /// score between two integer bands, such as 6.5 between 4–6 and 7–8)
    /// the highest level starting at or below it.
    pub fn level(&self, score: f64) -> Option<&Level> {
        self.levels
            .iter()
            .find(|l| l.min <= score && score <= l.max)
            .or_else(|| self.levels.iter().rev().find(|l| l.min <= score))
    }
}

/// Round to two decimals, the precision totals are shown and compared at.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rubric_is_valid_and_round_trips() {
        let r = Rubric::competition();
        r.validate().unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(Rubric::parse(&json).unwrap(), r);
        assert_eq!(r.criteria.iter().map(|c| c.weight).sum::<f64>(), 100.0);
    }

    #[test]
    fn totals_are_weighted_percentages_once_complete() {
        let r = Rubric::competition();
        let mut s = Scores::new();
        for c in &r.criteria {
            s.insert(c.name.clone(), 10.0);
        }
        assert_eq!(r.total(&s), Some(100.0));
        s.insert("Referencing".into(), 0.0);
        assert_eq!(r.total(&s), Some(90.0));
        s.insert("Argument and analysis".into(), 5.0);
        assert_eq!(r.total(&s), Some(75.0));
        s.remove("Use of evidence");
        assert_eq!(r.total(&s), None);
    }

    #[test]
    fn scores_are_checked_by_name_and_range() {
        let r = Rubric::competition();
        assert_eq!(
            r.check_score(" referencing ", 7.0).unwrap().name,
            "Referencing"
        );
        assert!(matches!(
            r.check_score("Referencing", 11.0),
            Err(RubricError::OutOfRange { .. })
        ));
        assert!(matches!(
            r.check_score("Referencing", f64::NAN),
            Err(RubricError::OutOfRange { .. })
        ));
        let e = r.check_score("Style", 3.0).unwrap_err().to_string();
        assert!(e.contains("Style") && e.contains("Referencing"), "{e}");
    }

    #[test]
    fn malformed_rubrics_say_what_is_wrong() {
        for (json, says) in [
            ("{", "not a rubric"),
            (r#"{"name":"x","criteria":[]}"#, "no criteria"),
            (
                r#"{"name":"x","criteria":[{"name":"a","weight":1,"max":10,"levels":[{"min":0,"max":5,"descripton":"d"}]}]}"#,
                "descripton",
            ),
            (
                r#"{"name":"x","criteria":[{"name":"a","weight":0,"max":10}]}"#,
                "weight",
            ),
            (
                r#"{"name":"x","criteria":[{"name":"a","weight":1,"max":10},{"name":"A","weight":1,"max":10}]}"#,
                "twice",
            ),
            (
                r#"{"name":"x","criteria":[{"name":"a","weight":1,"max":10,"levels":[{"min":0,"max":5,"descriptor":"d"},{"min":5,"max":10,"descriptor":"e"}]}]}"#,
                "overlap",
            ),
            (
                r#"{"name":"x","criteria":[{"name":"a","weight":1,"max":10,"levels":[{"min":0,"max":12,"descriptor":"d"}]}]}"#,
                "within",
            ),
        ] {
            let e = Rubric::parse(json).unwrap_err().to_string();
            assert!(e.contains(says), "{json}: {e}");
        }
    }

    #[test]
    fn a_score_between_bands_takes_the_lower_band() {
        let r = Rubric::competition();
        let c = &r.criteria[0];
        assert_eq!(c.level(6.5).unwrap().min, 4.0);
        assert_eq!(c.level(7.0).unwrap().min, 7.0);
        assert_eq!(c.level(0.0).unwrap().min, 0.0);
    }

    #[test]
    fn the_fingerprint_changes_with_the_rubric() {
        let a = Rubric::competition();
        let mut b = a.clone();
        assert_eq!(a.fingerprint(), b.fingerprint());
        b.criteria[0].weight = 31.0;
        assert_ne!(a.fingerprint(), b.fingerprint());
    }
}
