//! Paths the user gave the app, per window: the only paths a command will
//! read or write.
//!
//! The page is not trusted with the file system. A script that got into it
//! (a hostile essay that slipped past sanitising, a compromised dependency)
//! must not be able to read `~/.ssh/id_rsa` as a "style" or overwrite
//! `~/.bashrc` with an "export". So a path reaches this set only from Rust:
//! a dialog the Rust side opened ([`crate::pick`]) or a file dropped on the
//! window (the window event in `main.rs`). The page gets the paths back to
//! show and to name in its next command, and that command takes them out of
//! the set again, so each grant is used once.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::commands::{lock, CommandError};

/// What the user chose a path for. A file picked to import is never a place
/// to export to, and a place picked to save to is never read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Picked in an open dialog or dropped on the window.
    Read,
    /// Picked in a save dialog.
    Write,
}

/// The allow-set, managed as Tauri state: `(window label, access)` to paths.
#[derive(Debug, Default)]
pub struct Grants {
    granted: Mutex<HashMap<(String, Access), HashSet<PathBuf>>>,
}

impl Grants {
    /// Records paths the user gave window `window`.
    pub fn grant(&self, window: &str, access: Access, paths: impl IntoIterator<Item = PathBuf>) {
        lock(&self.granted)
            .entry((window.to_string(), access))
            .or_default()
            .extend(paths);
    }

    /// Takes `paths` out of the set, all or none: the error names the first
    /// one the user did not give, and then nothing is taken.
    pub fn take(
        &self,
        window: &str,
        access: Access,
        paths: &[PathBuf],
    ) -> Result<(), CommandError> {
        let mut granted = lock(&self.granted);
        let set = granted.entry((window.to_string(), access)).or_default();
        if let Some(path) = paths.iter().find(|p| !set.contains(*p)) {
            return Err(not_granted(path, access));
        }
        for path in paths {
            set.remove(path);
        }
        Ok(())
    }

    /// Takes one path out of the set; see [`Grants::take`].
    pub fn take_one(&self, window: &str, access: Access, path: &Path) -> Result<(), CommandError> {
        self.take(window, access, &[path.to_path_buf()])
    }
}

fn not_granted(path: &Path, access: Access) -> CommandError {
    let how = match access {
        Access::Read => "picked in a dialog or dropped on the window",
        Access::Write => "picked in a save dialog",
    };
    CommandError::invalid(format!(
        "{} was not {how}; the app reads and writes only files you choose",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn a_granted_path_is_taken_once() {
        let grants = Grants::default();
        grants.grant("main", Access::Read, paths(&["/home/a/essay.md"]));
        assert!(grants
            .take("main", Access::Read, &paths(&["/home/a/essay.md"]))
            .is_ok());
        let err = grants
            .take("main", Access::Read, &paths(&["/home/a/essay.md"]))
            .unwrap_err();
        assert!(
            err.message.contains("/home/a/essay.md was not picked"),
            "{}",
            err.message
        );
    }

    #[test]
    fn a_path_the_page_made_up_is_refused_and_nothing_is_taken() {
        let grants = Grants::default();
        grants.grant("main", Access::Read, paths(&["/home/a/essay.md"]));
        let asked = paths(&["/home/a/essay.md", "/home/a/.ssh/id_rsa"]);
        let err = grants.take("main", Access::Read, &asked).unwrap_err();
        assert!(err
            .message
            .starts_with("/home/a/.ssh/id_rsa was not picked"));
        assert!(grants
            .take("main", Access::Read, &paths(&["/home/a/essay.md"]))
            .is_ok());
    }

    #[test]
    fn reading_and_writing_are_granted_apart() {
        let grants = Grants::default();
        grants.grant("main", Access::Read, paths(&["/home/a/refs.bib"]));
        assert!(grants
            .take_one("main", Access::Write, Path::new("/home/a/refs.bib"))
            .is_err());
        grants.grant("main", Access::Write, paths(&["/home/a/out.ris"]));
        assert!(grants
            .take_one("main", Access::Read, Path::new("/home/a/out.ris"))
            .is_err());
        assert!(grants
            .take_one("main", Access::Write, Path::new("/home/a/out.ris"))
            .is_ok());
    }

    #[test]
    fn windows_are_granted_apart() {
        let grants = Grants::default();
        grants.grant("main", Access::Read, paths(&["/home/a/essay.md"]));
        assert!(grants
            .take_one("other", Access::Read, Path::new("/home/a/essay.md"))
            .is_err());
    }

    #[test]
    fn an_empty_request_needs_no_grant() {
        assert!(Grants::default().take("main", Access::Read, &[]).is_ok());
    }
}
