//! The marks file: one marker's marks for one round, carried from the
//! marker's machine to the coordinator's.
//!
//! Entries are named by the content hash of their document (the same text
//! has the same hash in every library, while local ids differ), with the
//! entry code for people. The rubric is named by its fingerprint, so marks
//! made against another rubric are refused. A checksum over the canonical
//! JSON of everything else (keys sorted, no spaces) tells a file edited by
//! hand or damaged in transit from one Quire wrote.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::rubric::{hex, Scores};
use crate::state::State;

/// The format's version; a file of a newer one is refused by name.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarksFile {
    /// Always [`VERSION`]; also how a marks file is told from other JSON.
    pub quire_marks: u32,
    pub round: String,
    /// [`crate::Rubric::fingerprint`] of the round's rubric.
    pub rubric: String,
    pub marker: FileMarker,
    pub exported_at: String,
    pub entries: Vec<FileEntry>,
    /// SHA-256 of the canonical JSON of the file without this field.
    #[serde(default)]
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileMarker {
    pub name: String,
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub content_hash: String,
    pub code: String,
    pub state: State,
    pub scores: Scores,
    pub overall: Option<String>,
    pub comments: Vec<FileComment>,
}

/// A comment on a passage, anchored as the app anchors it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileComment {
    pub paragraph: u32,
    pub start: Option<u32>,
    pub end: Option<u32>,
    pub quote: String,
    pub text: String,
    pub finding: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarksFileError {
    #[error("not a Quire marks file: {0}")]
    Malformed(String),
    #[error("marks file version {0} is newer than this Quire reads ({VERSION}); update Quire")]
    Version(u32),
    #[error("the marks file has been changed since it was exported (its checksum does not match); ask the marker to export it again")]
    Tampered,
}

impl MarksFile {
    /// Set the checksum from the rest of the file.
    pub fn seal(mut self) -> MarksFile {
        self.checksum = self.digest();
        self
    }

    /// Read a marks file, refusing one of another format or version and
    /// one whose checksum does not match.
    pub fn parse(text: &str) -> Result<MarksFile, MarksFileError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| MarksFileError::Malformed(e.to_string()))?;
        if let Some(v) = value.get("quire_marks").and_then(Value::as_u64) {
            if v > u64::from(VERSION) {
                return Err(MarksFileError::Version(v.try_into().unwrap_or(u32::MAX)));
            }
        }
        let file: MarksFile =
            serde_json::from_value(value).map_err(|e| MarksFileError::Malformed(e.to_string()))?;
        if file.checksum != file.digest() {
            return Err(MarksFileError::Tampered);
        }
        Ok(file)
    }

    fn digest(&self) -> String {
        let mut value = serde_json::to_value(self).expect("a marks file serialises");
        if let Value::Object(map) = &mut value {
            map.remove("checksum");
        }
        hex(&Sha256::digest(canonical(&value).as_bytes()))
    }
}

/// JSON with object keys sorted at every level and no spaces: the same
/// value gives the same text whatever order a map kept its keys in.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MarksFile {
        MarksFile {
            quire_marks: VERSION,
            round: "Spring".into(),
            rubric: "abc".into(),
            marker: FileMarker {
                name: "Jon Dudley".into(),
                affiliation: Some("BASW".into()),
            },
            exported_at: "2026-12-04T10:00:00Z".into(),
            entries: vec![FileEntry {
                content_hash: "h1".into(),
                code: "E-001".into(),
                state: State::Submitted,
                scores: Scores::from([("Referencing".into(), 7.5)]),
                overall: Some("Good".into()),
                comments: vec![FileComment {
                    paragraph: 2,
                    start: Some(4),
                    end: Some(10),
                    quote: "passage".into(),
                    text: "Expand".into(),
                    finding: None,
                }],
            }],
            checksum: String::new(),
        }
        .seal()
    }

    #[test]
    fn a_sealed_file_reads_back_even_pretty_printed() {
        let f = sample();
        assert_eq!(
            MarksFile::parse(&serde_json::to_string(&f).unwrap()).unwrap(),
            f
        );
        assert_eq!(
            MarksFile::parse(&serde_json::to_string_pretty(&f).unwrap()).unwrap(),
            f
        );
    }

    #[test]
    fn an_edited_file_is_refused() {
        let text = serde_json::to_string(&sample())
            .unwrap()
            .replace("7.5", "9.5");
        assert_eq!(MarksFile::parse(&text), Err(MarksFileError::Tampered));
    }

    #[test]
    fn other_json_and_newer_versions_are_named() {
        assert!(matches!(
            MarksFile::parse(r#"{"name":"x"}"#),
            Err(MarksFileError::Malformed(_))
        ));
        let newer = serde_json::to_string(&sample())
            .unwrap()
            .replace("\"quire_marks\":1", "\"quire_marks\":2");
        assert_eq!(MarksFile::parse(&newer), Err(MarksFileError::Version(2)));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// Any one character of a file changed, dropped or doubled: the file
        /// reads as it was (whitespace), or is refused; never a panic, never
        /// different marks.
        #[test]
        fn a_damaged_file_is_refused_or_unchanged(at in 0usize..2000, op in 0u8..3, c in any::<char>()) {
            let good = sample();
            let text = serde_json::to_string_pretty(&good).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let at = at % chars.len();
            let mut damaged = chars.clone();
            match op {
                0 => damaged[at] = c,
                1 => { damaged.remove(at); }
                _ => damaged.insert(at, chars[at]),
            }
            let damaged: String = damaged.into_iter().collect();
            if let Ok(file) = MarksFile::parse(&damaged) {
                prop_assert_eq!(file, good);
            }
        }
    }

    #[test]
    fn canonical_json_sorts_keys() {
        let v: Value = serde_json::from_str(r#"{"b":[{"d":1,"c":"x"}],"a":null}"#).unwrap();
        assert_eq!(canonical(&v), r#"{"a":null,"b":[{"c":"x","d":1}]}"#);
    }
}
