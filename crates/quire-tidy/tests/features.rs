//! Tidy, from the resolved dependency graph: the desktop app alone resolves
//! every package to the same features as the whole workspace's test build.
//! `scripts/test` builds the app inside `cargo test --workspace`, where the
//! dev-dependencies (proptest, criterion, tempfile) widen some packages'
//! features; `scripts/run-app` then builds `-p quire-app` alone. Where the
//! two differ, cargo compiles tantivy, tauri and the app a second time (about
//! ten minutes on 2 cores). src-tauri/Cargo.toml pins the features that keep
//! them alike, and this test says which pin is missing when a dependency
//! update adds a difference. It asks `cargo tree` (which resolves, never
//! builds) for both graphs.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The feature set of every cargo step in `scripts/test`.
const FEATURES: &str = "quire-app/custom-protocol";

#[test]
fn the_app_alone_resolves_features_as_the_test_build_does() {
    let workspace = tree(&["--workspace", "-e", "normal,build,dev"]);
    let app = tree(&["-p", "quire-app", "-e", "normal,build"]);
    let mut errors = Vec::new();
    let none = BTreeSet::new();
    for (package, features) in &app {
        let in_tests = workspace.get(package).unwrap_or(&none);
        // A build of the app alone compiles again each unit the test
        // build did not: a feature list it did not resolve.
        let missing: Vec<_> = features.difference(in_tests).collect();
        if !missing.is_empty() {
            errors.push(format!(
                "{package}: the app alone resolves {missing:?}, the test build {in_tests:?}; \
                 pin the test build's features in src-tauri/Cargo.toml"
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "`cargo build -p quire-app` would rebuild what `cargo test --workspace` built:\n{}",
        errors.join("\n")
    );
}

/// Each package (`name vX.Y.Z`, with its path for workspace members) with
/// the feature lists it resolves to: one per build context (a package built
/// both for the host, as a build or proc-macro dependency, and for the
/// target can differ between the two).
fn tree(args: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(quire_tidy::root())
        .args(["tree", "--locked", "--features", FEATURES])
        .args(["--prefix", "none", "--format", "{p} [{f}]"])
        .args(args)
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut packages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let line = line.trim_end_matches(" (*)");
        let Some((package, features)) = line.rsplit_once(" [") else {
            continue;
        };
        let features = features.trim_end_matches(']').to_owned();
        packages
            .entry(package.to_owned())
            .or_default()
            .insert(features);
    }
    packages
}
