//! An import's progress on stderr: an indicatif bar when a person watches
//! a terminal, one plain line per file when the output goes to a file or
//! another program (a bar there would be a stream of escape codes), and
//! nothing with `--json`, whose report already has a record per file and
//! whose failures keep their one line on stderr.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use quire_api::wire::{ImportedFile, Progress};

use crate::terminal::safe;

/// Where progress goes.
pub enum Reporter {
    Bar(ProgressBar),
    Lines,
    Quiet,
}

impl Reporter {
    /// A bar when both stdout and stderr are terminals, lines otherwise;
    /// nothing for `--json`.
    pub fn new(json: bool) -> Reporter {
        if json {
            Reporter::Quiet
        } else if std::io::stdout().is_terminal() && std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} files · {elapsed_precise} · {eta} left · {wide_msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(200));
            Reporter::Bar(bar)
        } else {
            Reporter::Lines
        }
    }

    /// Show one progress report: the bar moves, or the file just finished
    /// gets its line.
    pub fn update(&self, p: &Progress) {
        match self {
            Reporter::Bar(bar) => {
                bar.set_length(p.total as u64);
                bar.set_position(p.done as u64);
                bar.set_message(safe(&base_name(&p.current)).into_owned());
                if let Some(f) = p.finished.as_ref().filter(|f| f.error.is_some()) {
                    bar.println(safe(&format!("refused: {}", outcome(f))));
                }
                if p.done == p.total {
                    bar.finish_and_clear();
                }
            }
            Reporter::Lines => {
                if let Some(f) = &p.finished {
                    eprintln!(
                        "{}",
                        safe(&format!("[{}/{}] {}", p.done, p.total, outcome(f)))
                    );
                }
            }
            Reporter::Quiet => {}
        }
    }
}

/// `a.pdf: 1 document, work #4` or `b.pdf: refused (has no text layer…)`.
fn outcome(f: &ImportedFile) -> String {
    let mut line = format!("{}: ", f.path);
    match &f.error {
        Some(e) => line.push_str(&format!("refused ({e})")),
        None => {
            let n = f.documents.len();
            line.push_str(&format!("{n} document{}", if n == 1 { "" } else { "s" }));
            if let Some(w) = f.work {
                line.push_str(&format!(", work #{w}"));
            }
        }
    }
    for w in &f.warnings {
        line.push_str(&format!("; {w}"));
    }
    line
}

fn base_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}
