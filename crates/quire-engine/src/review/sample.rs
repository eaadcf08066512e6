//! The sample library's ready round: the four competition entries, blind,
//! two markers each (the competition's own markers), the shipped rubric,
//! so a newcomer sees the review workspace working at once.

use quire_review::{Rubric, Rule};

use super::{MarkerSpec, RoundSpec};
use crate::error::Result;
use crate::{DocFilter, Kind, Library};

/// The sample round's name.
pub const NAME: &str = "World Social Work Day 2020";

/// The file the competition entries come from (see `crate::sample`).
const ORIGIN: &str = "world-social-work-day-competition-2020.txt";

impl Library {
    /// Create the sample round unless a round of its name exists or the
    /// competition's entries are not in the library.
    pub(crate) fn ensure_sample_round(&mut self) -> Result<()> {
        if self.rounds()?.iter().any(|r| r.name == NAME) {
            return Ok(());
        }
        let documents: Vec<i64> = self
            .documents(&DocFilter {
                kind: Some(Kind::Essay),
                collection_id: None,
            })?
            .into_iter()
            .filter(|d| d.origin == ORIGIN && d.summary.duplicate_of.is_none())
            .map(|d| d.summary.id)
            .collect();
        if documents.is_empty() {
            return Ok(());
        }
        let spec = RoundSpec {
            name: NAME.into(),
            documents,
            rubric: Rubric::competition(),
            markers: vec![
                MarkerSpec::parse("Jon Dudley@BASW"),
                MarkerSpec::parse("Carol Reid@SWU"),
            ],
            per_entry: 2,
            blind: true,
            avoid_same_affiliation: true,
            rule: Rule::Mean,
            tolerance: 0.10,
        };
        self.create_round(&spec, "Quire (sample library)")?;
        Ok(())
    }
}
