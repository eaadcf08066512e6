//! Nothing to link: this crate exists for its test, `tests/tidy.rs`, which
//! checks ARCHITECTURE.md's invariants (no Tauri under `crates/`, SQLite only
//! in the engine, `innerHTML` only in `ui/src/dom.ts`, a leading comment in
//! every source file) by reading the repository's files.
