//! Stand-ins for the three things end-to-end tests cannot drive: the
//! system's file dialogs, its web browser, and files dragged in from
//! another application.
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
//! - `QUIRE_E2E_DROP=FILE`: when the test writes `FILE` (paths, one per
//!   line), the app takes it as files dropped on the main window: the same
//!   function the window's drop event calls grants and announces them, and
//!   `FILE` is removed. WebDriver has no way to drag files in from outside
//!   the page, and WebKitGTK takes a drop only from a real drag source.
//!
//! Release builds ignore the variables: the hooks are always off there.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use tauri::{AppHandle, Manager, Window};

/// The hooks in force, managed as Tauri state.
#[derive(Debug, Default)]
pub struct TestHooks {
    pick: Option<PathBuf>,
    opened: Option<PathBuf>,
    drop: Option<PathBuf>,
}

impl TestHooks {
    /// Reads the variables in debug builds; no hooks in release builds.
    pub fn from_env() -> Self {
        if cfg!(debug_assertions) {
            Self {
                pick: std::env::var_os("QUIRE_E2E_PICK").map(PathBuf::from),
                opened: std::env::var_os("QUIRE_E2E_OPENED").map(PathBuf::from),
                drop: std::env::var_os("QUIRE_E2E_DROP").map(PathBuf::from),
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

    /// Under `QUIRE_E2E_DROP`, watch its file and hand what it lists to
    /// `dropped` as a drop on the main window; nothing otherwise.
    pub fn watch_drops(&self, app: &AppHandle, dropped: fn(&Window, &[PathBuf])) {
        let Some(file) = self.drop.clone() else {
            return;
        };
        let app = app.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(200));
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            let _ = std::fs::remove_file(&file);
            let paths: Vec<PathBuf> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect();
            if let Some(main) = app.get_webview_window("main") {
                dropped(&main.as_ref().window(), &paths);
            }
        });
    }
}
