//! Where one marker is with one entry.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    NotStarted,
    InProgress,
    Submitted,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::NotStarted => "not_started",
            State::InProgress => "in_progress",
            State::Submitted => "submitted",
        }
    }
}

impl FromStr for State {
    type Err = String;
    fn from_str(s: &str) -> Result<State, String> {
        match s {
            "not_started" => Ok(State::NotStarted),
            "in_progress" => Ok(State::InProgress),
            "submitted" => Ok(State::Submitted),
            other => Err(format!(
                "unknown state `{other}` (not_started, in_progress or submitted)"
            )),
        }
    }
}
