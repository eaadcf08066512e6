//! What every CLI test needs: running the built `quire` on a library,
//! reading its JSON, and the sample documents to import. Shared by the test
//! files (`mod common;`), so they do not each keep a copy.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed documents (`../shared/seeds` beside the repository, else the bundled sample).
pub fn seeds() -> Vec<PathBuf> {
    let shared = root().join("../shared/seeds");
    let dir = if shared.is_dir() {
        shared
    } else {
        root().join("assets/sample")
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// `quire --library LIBRARY ARGS…`, ignoring the caller's `$QUIRE_LIBRARY`.
pub fn quire(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("QUIRE_LIBRARY")
        .output()
        .expect("run quire")
}

/// Stdout of a run that must have succeeded.
pub fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Stdout as JSON.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Stdout as JSON of a run that must have succeeded.
pub fn ok_json(out: &Output) -> Value {
    stdout(out);
    json(out)
}

/// An object's keys, sorted.
pub fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .unwrap_or_else(|| panic!("an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}
