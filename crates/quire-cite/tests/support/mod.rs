//! The seed essays, split the simple way the fixtures were labelled on: by
//! the competition title line, the "Name - University" line and the
//! "References" heading. (The engine's importer does the real splitting; the
//! crate's own tests must not depend on it.)

#![allow(dead_code)] // each test binary uses part of it

use std::path::PathBuf;

pub struct SeedEssay {
    /// The "Name - University" line, which names the essay in the fixtures.
    #[allow(dead_code)] // read by the evaluation, not by the benchmark
    pub author: String,
    pub body: String,
    pub references: Vec<String>,
}

const TITLE: &str =
    "Working better together: How do we build stronger relationships between social workers and people using services?";

pub fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

pub fn seed_text() -> String {
    std::fs::read_to_string(repo_path(
        "assets/sample/world-social-work-day-competition-2020.txt",
    ))
    .expect("seed 001 is in assets/sample")
}

pub fn seed_essays() -> Vec<SeedEssay> {
    let text = seed_text();
    let lines: Vec<&str> = text.lines().collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == TITLE)
        .map(|(i, _)| i)
        .collect();
    let mut essays = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let chunk = &lines[start + 1..end];
        let author_at = chunk
            .iter()
            .position(|l| !l.trim().is_empty())
            .expect("author line");
        let refs_at = chunk
            .iter()
            .position(|l| l.trim() == "References")
            .expect("References heading");
        let body = chunk[author_at + 1..refs_at].join("\n");
        let references = chunk[refs_at + 1..]
            .iter()
            .map(|l| l.trim().trim_start_matches("- ").to_string())
            .filter(|l| !l.is_empty())
            .collect();
        essays.push(SeedEssay {
            author: chunk[author_at].trim().to_string(),
            body,
            references,
        });
    }
    essays
}
