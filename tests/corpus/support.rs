//! Shared helpers for the corpus tests: where the seed documents are, and a
//! library loaded with them.

use std::path::{Path, PathBuf};

use quire_engine::{Library, Progress};

/// Seed number → the name of its copy in `assets/sample/`.
const SAMPLE_NAMES: &[(&str, &str)] = &[
    ("000", "the-value-of-social-work-blog.txt"),
    ("001", "world-social-work-day-competition-2020.txt"),
    ("002", "social-work-as-a-resource.txt"),
    ("003", "becoming-a-critical-practitioner.txt"),
    ("004", "social-work-forum-community-care.txt"),
];

/// The repository root (this package lives in `tests/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// `shared/seeds/` beside the work tree when present (the corpus the issues
/// name), else the same files as shipped in `assets/sample/`.
pub fn seeds_dir() -> PathBuf {
    let shared = repo_root().join("../shared/seeds");
    if shared.is_dir() {
        shared
    } else {
        repo_root().join("assets/sample")
    }
}

/// The seed file numbered `number` ("000".."004"), under either naming.
pub fn seed(number: &str) -> PathBuf {
    let dir = seeds_dir();
    let found = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{number}_")))
        });
    found.unwrap_or_else(|| {
        let (_, name) = SAMPLE_NAMES
            .iter()
            .find(|(n, _)| *n == number)
            .expect("seed numbers are 000..004");
        dir.join(name)
    })
}

/// All five seeds, in number order.
pub fn seed_files() -> Vec<PathBuf> {
    SAMPLE_NAMES.iter().map(|(n, _)| seed(n)).collect()
}

/// A fresh library in a temporary folder (dropped with the `TempDir`).
pub fn empty_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let library = Library::open(dir.path()).expect("open library");
    (dir, library)
}

/// A library holding the five seeds, imported without errors.
pub fn seeded_library() -> (tempfile::TempDir, Library) {
    let (dir, mut library) = empty_library();
    let report = library.import_files(&seed_files(), &Default::default(), &mut |_: Progress| {});
    assert!(
        report.errors.is_empty(),
        "seed import failed: {:?}",
        report.errors
    );
    (dir, library)
}
