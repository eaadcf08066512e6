//! One module per area of the command line.

pub mod audit;
pub mod library;
pub mod search;
pub mod styles;
pub mod works;

use std::path::PathBuf;

/// What every subcommand may need: where the library lives, and how to
/// open it (`--create`, `--read-only`).
pub struct Context {
    pub library: Option<PathBuf>,
    pub create: bool,
    pub read_only: bool,
}

/// Write text for a person to stdout, without the escape sequences and
/// control characters imported files may carry (see `terminal`).
pub fn emit(text: &str) -> anyhow::Result<()> {
    write_stdout(&crate::terminal::safe(text))
}

/// Print a value as pretty JSON on stdout. Not filtered like [`emit`]:
/// JSON escapes control characters itself, and its strings are data.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    write_stdout(&(serde_json::to_string_pretty(value)? + "\n"))
}

/// A reader that stops early (`quire list | head`) is not an error, so a
/// closed pipe ends the output quietly instead of panicking.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
