//! This crate exists for its tests: `tests/tidy.rs` checks ARCHITECTURE.md's
//! invariants (no Tauri under `crates/`, SQLite only in the engine,
//! `innerHTML` only in `ui/src/dom.ts`, a leading comment in every source
//! file) by reading the repository's files, and `tests/features.rs` checks
//! from `cargo tree` that the app alone builds nothing the test build did
//! not. Its one item is what both need: where the repository is.

use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/quire-tidy is two folders below the root")
        .to_path_buf()
}
