//! One module per area of the command line. Each verb parses its
//! arguments, calls one `quire_api` function and prints what it returns:
//! JSON (`--json`, the wire types of `quire_api::wire`, contracts other
//! tools read) or text for a person.

pub mod audit;
pub mod bench;
pub mod insights;
pub mod library;
pub mod lists;
pub mod review;
pub mod search;
pub mod styles;
pub mod works;

use std::path::{Path, PathBuf};

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

/// Write data meant for a file or another program (`export-marks >
/// marks.json`, CSV) to stdout exactly as it is: it is not text for a
/// terminal, and a filter would change it.
pub fn write_raw(text: &str) -> anyhow::Result<()> {
    write_stdout(text)
}

/// Ok when nothing failed, else an error saying how many did: `what`
/// follows the count ("file(s) could not be imported").
pub fn none_failed(failed: usize, what: &str) -> anyhow::Result<()> {
    match failed {
        0 => Ok(()),
        n => anyhow::bail!("{n} {what}"),
    }
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

/// One CSL-JSON item from a file, or from stdin when the path is `-`.
pub fn read_csl(path: &Path) -> anyhow::Result<quire_csl::CslItem> {
    use anyhow::Context as _;
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).context("reading CSL-JSON from stdin")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not one CSL-JSON item", path.display()))
}

/// A works file's items (BibTeX, RIS or CSL-JSON, the format sniffed).
pub fn read_works(path: &Path) -> anyhow::Result<Vec<quire_csl::CslItem>> {
    use anyhow::Context as _;
    let src = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    quire_format::read_works(&path.display().to_string(), &src)
        .with_context(|| format!("in {}", path.display()))
}
