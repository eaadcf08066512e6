//! Stand-ins for the two things end-to-end tests cannot drive: the system's
//! file dialogs and its web browser.
//!
//! WebDriver cannot click a native dialog, and a test must not launch a
//! browser. So, in debug builds only (the e2e suite runs the debug build),
//! two environment variables read once at startup replace them:
//!
//! - `QUIRE_E2E_PICK=FILE`: a dialog returns the paths listed in `FILE`, one
//!   per line (none: the person cancelled), instead of opening. The test
//!   writes `FILE` before it presses the button; the page still cannot name
//!   a path, it only asks for a dialog.
//! - `QUIRE_E2E_OPENED=FILE`: a link the app would open in the browser is
//!   appended to `FILE` as a line instead.
//!
//! Release builds ignore both variables: the hooks are always off there.

use std::io::Write;
use std::path::PathBuf;

/// The hooks in force, managed as Tauri state.
#[derive(Debug, Default)]
pub struct TestHooks {
    pick: Option<PathBuf>,
    opened: Option<PathBuf>,
}

impl TestHooks {
    /// Reads the variables in debug builds; no hooks in release builds.
    pub fn from_env() -> Self {
        if cfg!(debug_assertions) {
            Self {
                pick: std::env::var_os("QUIRE_E2E_PICK").map(PathBuf::from),
                opened: std::env::var_os("QUIRE_E2E_OPENED").map(PathBuf::from),
            }
        } else {
            Self::default()
        }
    }

    /// What a dialog returns under test, or None when dialogs are real.
    pub fn picked(&self) -> Option<Vec<PathBuf>> {
        let list = self.pick.as_ref()?;
        // An unreadable list is a cancelled dialog: the test then fails on what it expected.
        let text = std::fs::read_to_string(list).unwrap_or_default();
        Some(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect(),
        )
    }

    /// Records `url` instead of opening it; false when links open for real.
    pub fn record_opened(&self, url: &str) -> bool {
        let Some(file) = &self.opened else {
            return false;
        };
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .and_then(|mut f| writeln!(f, "{url}"));
        if let Err(err) = written {
            eprintln!("quire: cannot record {url} in {}: {err}", file.display());
        }
        true
    }
}
