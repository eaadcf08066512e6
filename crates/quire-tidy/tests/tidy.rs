//! Tidy: the invariants of ARCHITECTURE.md that can be checked by reading
//! the repository's files, each as its own test (after rust-analyzer's
//! `tidy.rs`). Nothing here builds or runs anything: Cargo.toml files are
//! parsed with `toml`, sources are read as text. A failure names the file
//! and the rule it breaks.

use quire_tidy::root;
use std::fs;
use std::path::{Path, PathBuf};

/// Workspace crates that may link SQLite: the engine, which owns the store,
/// and the FTS5 baseline of `quire bench search`.
const SQLITE_ALLOWED: &[&str] = &["quire-engine", "quire-bench"];

/// The one UI module that may set `innerHTML` (with HTML the engine has
/// sanitised); every other module builds nodes through it.
const INNER_HTML_ALLOWED: &[&str] = &["ui/src/dom.ts"];

/// No crate under `crates/` depends on Tauri (any `tauri*` package, in any
/// dependency table): everything the app can do, the engine can do from a
/// test or the CLI.
#[test]
fn engine_crates_do_not_depend_on_tauri() {
    let mut errors = Vec::new();
    for manifest in member_manifests() {
        if !manifest.starts_with(root().join("crates")) {
            continue;
        }
        let toml = read_toml(&manifest);
        for (table, name) in dependencies(&toml, DependencyKind::All) {
            if name.starts_with("tauri") {
                errors.push(format!(
                    "{}: [{table}] has `{name}`; crates under crates/ must not depend on Tauri",
                    rel(&manifest)
                ));
            }
        }
    }
    report(errors);
}

/// Only `quire-engine` (and the `quire-bench` FTS5 baseline) has `rusqlite`
/// as a normal dependency: the engine is the only crate that touches SQLite.
/// Tests may open a library's file directly, from `[dev-dependencies]`.
#[test]
fn only_the_engine_depends_on_sqlite() {
    let mut errors = Vec::new();
    for manifest in member_manifests() {
        let toml = read_toml(&manifest);
        let package = package_name(&toml, &manifest);
        if SQLITE_ALLOWED.contains(&package.as_str()) {
            continue;
        }
        for (table, name) in dependencies(&toml, DependencyKind::Normal) {
            if name == "rusqlite" || name.starts_with("libsqlite3") {
                errors.push(format!(
                    "{}: [{table}] has `{name}`; only {} may link SQLite \
                     (tests can use [dev-dependencies])",
                    rel(&manifest),
                    SQLITE_ALLOWED.join(" and ")
                ));
            }
        }
    }
    report(errors);
}

/// `innerHTML` appears in no file under `ui/src` but `ui/src/dom.ts`: the UI
/// inserts only HTML the engine sanitised, in one place, and uses text nodes
/// for everything else.
#[test]
fn inner_html_only_in_dom_ts() {
    let mut errors = Vec::new();
    for file in files_under(&root().join("ui/src"), &|_| true) {
        let name = rel(&file);
        if INNER_HTML_ALLOWED.contains(&name.as_str()) {
            continue;
        }
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.contains("innerHTML") {
                errors.push(format!(
                    "{name}:{}: uses innerHTML; build nodes with ui/src/dom.ts instead",
                    i + 1
                ));
            }
        }
    }
    report(errors);
}

/// Only `ui/src/charts.ts` imports the charting library: every chart gets
/// its exports, summary and theme colours there, and a chart library could
/// be swapped in one file.
#[test]
fn echarts_only_in_charts_ts() {
    let mut errors = Vec::new();
    for file in files_under(&root().join("ui/src"), &|_| true) {
        let name = rel(&file);
        if name == "ui/src/charts.ts" {
            continue;
        }
        let Ok(text) = fs::read_to_string(&file) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.contains("from \"echarts") || line.contains("import(\"echarts") {
                errors.push(format!(
                    "{name}:{}: imports echarts; make charts through ui/src/charts.ts",
                    i + 1
                ));
            }
        }
    }
    report(errors);
}

/// Every Rust source file (`crates/*/{src,tests,benches}`, build scripts,
/// `src-tauri/{src,tests}`, `tests/`) begins with a `//!` comment saying
/// what it is, before any attribute.
#[test]
fn rust_files_start_with_module_doc() {
    let root = root();
    let mut dirs = vec![
        root.join("src-tauri/src"),
        root.join("src-tauri/tests"),
        root.join("tests"),
    ];
    let mut files = vec![root.join("src-tauri/build.rs")];
    for krate in crate_dirs() {
        for sub in ["src", "tests", "benches", "examples"] {
            dirs.push(krate.join(sub));
        }
        files.push(krate.join("build.rs"));
    }
    let is_rust = |p: &Path| p.extension().is_some_and(|e| e == "rs");
    for dir in &dirs {
        files.extend(files_under(dir, &is_rust));
    }
    let mut errors = Vec::new();
    for file in files.iter().filter(|f| f.is_file()) {
        let text = fs::read_to_string(file).unwrap_or_default();
        if !text.trim_start_matches('\u{feff}').starts_with("//!") {
            errors.push(format!(
                "{}: does not start with a `//!` comment saying what the file is",
                rel(file)
            ));
        }
    }
    report(errors);
}

/// Every TypeScript module under `ui/src` (not tests, not generated code
/// under a `bindings` or `generated` folder) begins with a comment saying
/// what it is.
#[test]
fn ui_files_start_with_comment() {
    let is_module = |p: &Path| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.ends_with(".ts")
            && !name.ends_with(".test.ts")
            && !name.ends_with(".d.ts")
            && !p
                .components()
                .any(|c| matches!(c.as_os_str().to_str(), Some("bindings" | "generated")))
    };
    let mut errors = Vec::new();
    for file in files_under(&root().join("ui/src"), &is_module) {
        let text = fs::read_to_string(&file).unwrap_or_default();
        let text = text.trim_start_matches('\u{feff}');
        if !(text.starts_with("//") || text.starts_with("/*")) {
            errors.push(format!(
                "{}: does not start with a comment saying what the module is",
                rel(&file)
            ));
        }
    }
    report(errors);
}

// ---------------------------------------------------------------------------

fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn report(errors: Vec<String>) {
    assert!(
        errors.is_empty(),
        "tidy found {} problem(s):\n  {}\n",
        errors.len(),
        errors.join("\n  ")
    );
}

fn read_toml(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", rel(path)));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", rel(path)))
}

/// The folders of the crates under `crates/`.
fn crate_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .expect("crates/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// The manifest of every workspace member, from the root `members` list
/// (a trailing `/*` is expanded to the folders holding a Cargo.toml).
fn member_manifests() -> Vec<PathBuf> {
    let root = root();
    let workspace = read_toml(&root.join("Cargo.toml"));
    let members = workspace
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .expect("the root Cargo.toml lists workspace.members");
    let mut manifests = Vec::new();
    for member in members {
        let member = member.as_str().expect("members are strings");
        if let Some(parent) = member.strip_suffix("/*") {
            let mut found: Vec<PathBuf> = fs::read_dir(root.join(parent))
                .unwrap_or_else(|e| panic!("{parent}: {e}"))
                .filter_map(|e| e.ok().map(|e| e.path().join("Cargo.toml")))
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            manifests.extend(found);
        } else {
            manifests.push(root.join(member).join("Cargo.toml"));
        }
    }
    assert!(
        manifests
            .iter()
            .any(|m| m.ends_with("crates/quire-engine/Cargo.toml")),
        "tidy could not find the workspace members"
    );
    manifests
}

fn package_name(toml: &toml::Table, manifest: &Path) -> String {
    toml.get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .unwrap_or_else(|| panic!("{}: no package.name", rel(manifest)))
        .to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum DependencyKind {
    /// `[dependencies]` and `[target.*.dependencies]` only.
    Normal,
    /// Normal, dev and build dependencies.
    All,
}

/// `(table, package)` for each dependency of a manifest. The package is the
/// real one when a dependency is renamed with `package = "…"`.
fn dependencies(toml: &toml::Table, kind: DependencyKind) -> Vec<(String, String)> {
    let tables: &[&str] = match kind {
        DependencyKind::Normal => &["dependencies"],
        DependencyKind::All => &[
            "dependencies",
            "dev-dependencies",
            "dev_dependencies",
            "build-dependencies",
            "build_dependencies",
        ],
    };
    let mut found = Vec::new();
    let mut scan = |prefix: &str, table: &toml::Table| {
        for &name in tables {
            let Some(deps) = table.get(name).and_then(|d| d.as_table()) else {
                continue;
            };
            for (key, spec) in deps {
                let package = spec.get("package").and_then(|p| p.as_str()).unwrap_or(key);
                found.push((format!("{prefix}{name}"), package.to_string()));
            }
        }
    };
    scan("", toml);
    if let Some(targets) = toml.get("target").and_then(|t| t.as_table()) {
        for (cfg, table) in targets {
            if let Some(table) = table.as_table() {
                scan(&format!("target.{cfg}."), table);
            }
        }
    }
    found
}

/// Every file under `dir` (recursively, skipping `node_modules`, `target`,
/// `fixtures` (inputs, not our code) and hidden folders) that `keep`
/// accepts, sorted.
fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if !matches!(&*name, "node_modules" | "target" | "fixtures")
                    && !name.starts_with('.')
                {
                    stack.push(path);
                }
            } else if keep(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
