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

/// Print a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
