//! The library under concurrency and faults, as other tools meet it: many
//! `quire` processes at once, a read-only library, a mistyped `--library`,
//! and imported files that carry terminal escape sequences.

mod common;
use common::quire;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use serde_json::Value;

fn ok(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// A distinct essay: its own word `zq{i}x` and a pseudo-random run of
/// common words, so no two are near-copies.
fn essay(i: usize) -> String {
    const WORDS: [&str; 24] = [
        "practice",
        "families",
        "trust",
        "poverty",
        "relationship",
        "supervision",
        "risk",
        "child",
        "court",
        "probation",
        "community",
        "housing",
        "youth",
        "mental",
        "health",
        "workload",
        "ethics",
        "advocacy",
        "assessment",
        "care",
        "training",
        "policy",
        "evidence",
        "time",
    ];
    let mut state = 0x9e37_79b9_u32.wrapping_mul(i as u32 + 1);
    let mut body = String::new();
    for n in 0..400 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        body.push_str(WORDS[state as usize % WORDS.len()]);
        body.push(if n % 15 == 14 { '.' } else { ' ' });
        if n % 60 == 59 {
            body.push_str("\n\n");
        }
    }
    format!("# Essay number {i}\n\nBy Writer {i} - University of Somewhere\n\nzq{i}x {body}\n")
}

fn write_essays(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let path = dir.join(format!("essay-{i:02}.md"));
            std::fs::write(&path, essay(i)).unwrap();
            path
        })
        .collect()
}

/// Thirty imports at once into one new library: every one succeeds (no
/// "database is locked"), every document is stored once, and the index
/// holds them all. Reads run alongside and succeed too.
#[test]
fn thirty_concurrent_imports_all_succeed() {
    const N: usize = 30;
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let files = write_essays(tmp.path(), N);
    let started = Instant::now();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            Command::new(env!("CARGO_BIN_EXE_quire"))
                .arg("--library")
                .arg(&library)
                .args(["import", "--json"])
                .arg(f)
                .env_remove("QUIRE_LIBRARY")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn quire import")
        })
        .collect();
    // Readers while the imports run: they may see fewer documents, but
    // never fail.
    let mut reads = 0;
    while reads < 5 {
        if library.join("library.sqlite3").exists() {
            ok(&quire(&library, &["list", "--json"]));
            ok(&quire(&library, &["search", "--json", "practice"]));
            reads += 1;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        let report = ok(&out);
        assert_eq!(report["errors"], Value::Array(vec![]));
        assert_eq!(report["imported"].as_array().unwrap().len(), 1);
        assert!(report.get("warnings").is_none(), "{report}");
    }
    let elapsed = started.elapsed();
    eprintln!("{N} concurrent imports took {:.2} s", elapsed.as_secs_f64());

    let listing = ok(&quire(&library, &["list", "--json"]));
    let docs = listing["documents"].as_array().unwrap();
    assert_eq!(docs.len(), N);
    for i in 0..N {
        let word = format!("zq{i}x");
        let found = ok(&quire(&library, &["search", "--json", &word]));
        assert_eq!(found["total"], 1, "{word} in the index once");
    }
}

#[test]
fn a_mistyped_library_is_not_created() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("libary");
    for args in [
        &["list"][..],
        &["show", "1"],
        &["search", "poverty"],
        &["themes"],
        &["works"],
    ] {
        let out = quire(&typo, args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no library at"), "{args:?}: {err}");
        assert!(err.contains("--create"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    ok(&quire(&typo, &["--create", "list", "--json"]));
    assert!(typo.join("library.sqlite3").is_file());
    let other = tmp.path().join("new");
    let file = write_essays(tmp.path(), 1).remove(0);
    ok(&quire(
        &other,
        &["import", "--json", file.to_str().unwrap()],
    ));
    assert!(other.join("library.sqlite3").is_file(), "import creates");
}

#[test]
fn read_only_library_lists_and_searches() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let files = write_essays(tmp.path(), 2);
    let paths: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let mut args = vec!["import", "--json"];
    args.extend(&paths);
    ok(&quire(&library, &args));

    let out = quire(&library, &["--read-only", "list", "--json"]);
    let listing = ok(&out);
    assert_eq!(listing["documents"].as_array().unwrap().len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("library is read-only").count(), 1, "{err}");
    let found = ok(&quire(
        &library,
        &["--read-only", "search", "--json", "zq1x"],
    ));
    assert_eq!(found["total"], 1);

    let out = quire(&library, &["--read-only", "theme", "add", "t", "poverty"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("read-only"), "{err}");
}

/// An essay whose title, body and references carry ANSI and OSC
/// sequences: `show` and `list` print none of them, only the text.
#[test]
fn hostile_escapes_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("library");
    let file = tmp.path().join("hostile.md");
    // Enough ordinary prose that the few control bytes do not make the
    // file look binary to the importer.
    let prose = "Supervision gives social workers room to think about their practice. ".repeat(40);
    std::fs::write(
        &file,
        format!(
            "# Pwned \u{1b}]0;evil title\u{7}essay\n\n\
         By Mallory Example - University of Nowhere\n\n\
         Clear \u{1b}[2J\u{1b}[Hscreen and \u{1b}]52;c;ZXZpbA==\u{7}clipboard, \
         \u{1b}]8;;https://evil.example\u{1b}\\a link\u{1b}]8;;\u{1b}\\ and \u{9b}31mred\u{9b}0m \
         text (Smith, 2020).\n\n{prose}\n\n\
         ## References\n\n\
         Smith, J. (2020) \u{1b}[5mBlinking\u{1b}[0m title. London: Press.\n"
        ),
    )
    .unwrap();
    let report = ok(&quire(
        &library,
        &["import", "--json", file.to_str().unwrap()],
    ));
    let id = report["imported"][0]["id"].to_string();
    for args in [
        &["show", id.as_str()][..],
        &["list"],
        &["search", "clipboard"],
    ] {
        let out = quire(&library, args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?} printed a control character: {text:?}"
        );
        assert!(!text.contains("ZXZpbA"), "{args:?}: {text}");
    }
    let shown = String::from_utf8(quire(&library, &["show", &id]).stdout).unwrap();
    assert!(shown.contains("screen and clipboard"), "{shown}");
    assert!(shown.contains("a link"), "{shown}");
}
