//! The app binary is built by `cargo test` (cargo builds a package's
//! binaries for its integration tests), so `scripts/test` gets
//! `target/debug/quire-app` for the end-to-end tests from the same single
//! build, and feature resolution, as every other test.

#[test]
fn app_binary_is_built() {
    let path = std::path::Path::new(env!("CARGO_BIN_EXE_quire-app"));
    assert!(
        path.is_file(),
        "the app binary {} was not built",
        path.display()
    );
}
