//! From the marks of an entry's markers to its agreed mark.
//!
//! Totals are percentages (see [`crate::Rubric::total`]). Once every marker
//! has submitted, the round's [`Rule`] gives the agreed mark, unless the
//! marks differ by more than the round's tolerance (a share of the 100
//! available): then the entry is flagged and waits for a moderator, as it
//! always does under [`Rule::Moderator`]. A moderator's mark, once
//! recorded, is the agreed mark whatever the rule.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::rubric::{round2, Rubric, Scores};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// The mean of the markers' totals.
    Mean,
    /// The highest total.
    Highest,
    /// The first marker's total; second marking only checks it.
    First,
    /// A moderator decides every entry.
    Moderator,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Mean => "mean",
            Rule::Highest => "highest",
            Rule::First => "first",
            Rule::Moderator => "moderator",
        }
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Rule, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mean" => Ok(Rule::Mean),
            "highest" => Ok(Rule::Highest),
            "first" => Ok(Rule::First),
            "moderator" => Ok(Rule::Moderator),
            other => Err(format!(
                "unknown rule `{other}` (mean, highest, first or moderator)"
            )),
        }
    }
}

/// Where an entry stands once its marks are compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// The agreed total, when there is one.
    pub agreed: Option<f64>,
    /// Every marker has submitted and the totals differ by more than the
    /// tolerance.
    pub flagged: bool,
    /// Highest minus lowest submitted total (0 with one), `None` before any.
    pub spread: Option<f64>,
    /// Every marker has submitted, and the agreed mark is the moderator's
    /// to record (flagged, or the rule is [`Rule::Moderator`]).
    pub needs_moderator: bool,
}

/// Compare the totals of an entry's markers, in marker order (`None`: not
/// submitted). `moderated` is a moderator's recorded mark.
pub fn agree(
    totals: &[Option<f64>],
    rule: Rule,
    tolerance: f64,
    moderated: Option<f64>,
) -> Agreement {
    let submitted: Vec<f64> = totals.iter().flatten().copied().collect();
    let complete = !totals.is_empty() && submitted.len() == totals.len();
    let spread = (!submitted.is_empty()).then(|| {
        let max = submitted.iter().copied().fold(f64::MIN, f64::max);
        let min = submitted.iter().copied().fold(f64::MAX, f64::min);
        round2(max - min)
    });
    // Compared at the precision totals are shown at, so 10.00 against a
    // tolerance of 10% is not flagged by a rounding residue.
    let flagged = complete && spread.is_some_and(|s| s > round2(tolerance * 100.0));
    let by_rule = match (complete && !flagged, rule) {
        (false, _) | (_, Rule::Moderator) => None,
        (true, Rule::Mean) => Some(round2(
            submitted.iter().sum::<f64>() / submitted.len() as f64,
        )),
        (true, Rule::Highest) => submitted.iter().copied().reduce(f64::max),
        (true, Rule::First) => submitted.first().copied(),
    };
    Agreement {
        agreed: moderated.or(by_rule),
        flagged,
        spread,
        needs_moderator: complete && moderated.is_none() && by_rule.is_none(),
    }
}

/// The per-criterion marks that go with an agreed mark: the first
/// marker's under [`Rule::First`], the highest-scoring marker's under
/// [`Rule::Highest`], else the mean of the markers' scores. Only criteria
/// every given marker scored appear.
pub fn agreed_criteria(rubric: &Rubric, marks: &[(f64, &Scores)], rule: Rule) -> Scores {
    if marks.is_empty() {
        return Scores::new();
    }
    let pick = match rule {
        Rule::First => Some(0),
        Rule::Highest => marks
            .iter()
            .enumerate()
            .max_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
            .map(|(i, _)| i),
        _ => None,
    };
    let mut out = Scores::new();
    for c in &rubric.criteria {
        let scores: Option<Vec<f64>> = marks.iter().map(|(_, s)| s.get(&c.name).copied()).collect();
        let Some(scores) = scores else { continue };
        let value = match pick {
            Some(i) => scores[i],
            None => round2(scores.iter().sum::<f64>() / scores.len() as f64),
        };
        out.insert(c.name.clone(), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_agrees_once_all_have_submitted() {
        let t = [Some(60.0), Some(66.0)];
        assert_eq!(agree(&t, Rule::Mean, 0.1, None).agreed, Some(63.0));
        assert_eq!(agree(&t, Rule::Highest, 0.1, None).agreed, Some(66.0));
        assert_eq!(agree(&t, Rule::First, 0.1, None).agreed, Some(60.0));
        let m = agree(&t, Rule::Moderator, 0.1, None);
        assert_eq!(m.agreed, None);
        assert!(m.needs_moderator && !m.flagged);
        assert_eq!(
            agree(&[Some(60.0), None], Rule::Mean, 0.1, None).agreed,
            None
        );
        assert_eq!(agree(&[], Rule::Mean, 0.1, None).agreed, None);
    }

    #[test]
    fn marks_further_apart_than_the_tolerance_wait_for_the_moderator() {
        let edge = agree(&[Some(60.0), Some(70.0)], Rule::Mean, 0.10, None);
        assert!(!edge.flagged, "exactly the tolerance is agreed");
        assert_eq!(edge.agreed, Some(65.0));
        let apart = agree(&[Some(60.0), Some(70.01)], Rule::Mean, 0.10, None);
        assert!(apart.flagged && apart.needs_moderator);
        assert_eq!(apart.agreed, None);
        assert_eq!(apart.spread, Some(10.01));
        let decided = agree(&[Some(60.0), Some(80.0)], Rule::Mean, 0.10, Some(72.0));
        assert!(decided.flagged && !decided.needs_moderator);
        assert_eq!(decided.agreed, Some(72.0));
        // Not flagged before the second marker submits.
        assert!(!agree(&[Some(10.0), None], Rule::Mean, 0.1, None).flagged);
    }

    #[test]
    fn criteria_follow_the_rule() {
        let r = Rubric::competition();
        let mut a = Scores::new();
        let mut b = Scores::new();
        for c in &r.criteria {
            a.insert(c.name.clone(), 4.0);
            b.insert(c.name.clone(), 8.0);
        }
        let marks = [(40.0, &a), (80.0, &b)];
        let mean = agreed_criteria(&r, &marks, Rule::Mean);
        assert_eq!(mean["Referencing"], 6.0);
        assert_eq!(
            agreed_criteria(&r, &marks, Rule::Highest)["Referencing"],
            8.0
        );
        assert_eq!(agreed_criteria(&r, &marks, Rule::First)["Referencing"], 4.0);
    }

    #[test]
    fn rules_parse_from_their_names() {
        assert_eq!("Highest".parse::<Rule>(), Ok(Rule::Highest));
        assert!("median".parse::<Rule>().unwrap_err().contains("median"));
    }
}
