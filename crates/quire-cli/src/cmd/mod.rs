//! One module per area of the command line.

pub mod audit;
pub mod library;
pub mod search;
pub mod works;

use std::path::PathBuf;

/// What every subcommand may need: where the library lives.
pub struct Context {
    pub library: Option<PathBuf>,
}

/// Write to stdout; a reader that stops early (`quire list | head`) is not
/// an error, so a closed pipe ends the output quietly instead of panicking.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Print a value as pretty JSON on stdout, through [`emit`].
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    emit(&(serde_json::to_string_pretty(value)? + "\n"))
}
