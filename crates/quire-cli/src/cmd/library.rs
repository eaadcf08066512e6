//! `quire import`, `quire list`, `quire show`: the library's contents.
//!
//! With `--json` the output is the contract other tools read (see issue 2);
//! without it, a table or report for a person.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use quire_engine::{DocFilter, DocSummary, Library, OpenOptions, Progress};
use serde::Serialize;

use super::{emit, print_json, Context};

#[derive(Args)]
pub struct ImportArgs {
    /// Files to import (.txt, .md, .docx), or folders holding them.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Put the documents in this collection (created if missing); a file not
    /// recognisable as essays is taken as one entry.
    #[arg(long)]
    pub collection: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
    /// `quire list create|add|show`: reference and reading lists (see `cmd::works`).
    #[command(subcommand)]
    pub action: Option<super::works::ListAction>,
}

#[derive(Args)]
pub struct ShowArgs {
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

/// Open the library chosen by `--library`, else `$QUIRE_LIBRARY`, else the
/// OS data folder. Every command that reads or writes the library uses this.
/// Only `--create` makes a new library here: a mistyped path is an error,
/// not a new empty library.
pub fn open_library(ctx: &Context) -> anyhow::Result<Library> {
    open_as(ctx, ctx.create)
}

/// [`open_library`] for `import`, which creates the library if needed.
fn open_or_create(ctx: &Context) -> anyhow::Result<Library> {
    open_as(ctx, true)
}

fn open_as(ctx: &Context, create: bool) -> anyhow::Result<Library> {
    let dir = ctx.library.clone().unwrap_or_else(Library::default_dir);
    let options = OpenOptions {
        create: create && !ctx.read_only,
        read_only: ctx.read_only,
    };
    match Library::open_with(&dir, options) {
        Ok(library) => {
            if library.is_read_only() {
                eprintln!("quire: library is read-only ({})", dir.display());
            }
            Ok(library)
        }
        Err(quire_engine::Error::NoLibrary(_)) => anyhow::bail!(
            "no library at {} (create one with `quire import FILES`, or pass --create)",
            dir.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot open library {}", dir.display())),
    }
}

pub fn import(ctx: &Context, a: ImportArgs) -> anyhow::Result<()> {
    let mut library = open_or_create(ctx)?;
    let show_progress = !a.json && std::io::stderr().is_terminal();
    let mut progress = |p: Progress| {
        if show_progress && p.done < p.total {
            let current = crate::terminal::safe(&p.current);
            eprintln!("[{}/{}] {current}", p.done + 1, p.total);
        }
    };
    let report = library.import_files(&a.paths, a.collection.as_deref(), &mut progress);
    if a.json {
        print_json(&report)?;
    } else {
        let mut out = format!("Imported {} document(s):\n", report.imported.len());
        table(&mut out, &report.imported);
        for w in &report.warnings {
            writeln!(out, "warning: {}: {}", w.path, w.message)?;
        }
        for e in &report.errors {
            writeln!(out, "error: {}: {}", e.path, e.message)?;
        }
        emit(&out)?;
    }
    match report.errors.len() {
        0 => Ok(()),
        n => anyhow::bail!("{n} file(s) could not be imported"),
    }
}

pub fn list(ctx: &Context, a: ListArgs) -> anyhow::Result<()> {
    if let Some(action) = a.action {
        return super::works::list_action(ctx, action);
    }
    let library = open_library(ctx)?;
    let rows = library.documents(&DocFilter::default())?;
    let documents: Vec<DocSummary> = rows.iter().map(|r| r.summary.clone()).collect();
    if a.json {
        #[derive(Serialize)]
        struct Listing {
            documents: Vec<DocSummary>,
        }
        return print_json(&Listing { documents });
    }
    if documents.is_empty() {
        return emit(&format!(
            "The library at {} is empty.\n",
            library.dir().display()
        ));
    }
    let mut out = String::new();
    table(&mut out, &documents);
    for c in library.collections()? {
        let limits = match (c.min_words, c.max_words) {
            (Some(lo), Some(hi)) => format!(", {lo}–{hi} words"),
            _ => String::new(),
        };
        let flagged: Vec<String> = rows
            .iter()
            .filter(|r| r.collection_id == Some(c.id))
            .filter_map(|r| {
                r.limit_flag
                    .map(|f| format!("#{} {:?}", r.summary.id, f).to_lowercase())
            })
            .collect();
        let flagged = if flagged.is_empty() {
            String::new()
        } else {
            format!("; outside limits: {}", flagged.join(", "))
        };
        writeln!(
            out,
            "\nCollection #{} \"{}\": {} entries{limits}{flagged}",
            c.id, c.title, c.documents
        )?;
    }
    emit(&out)
}

pub fn show(ctx: &Context, a: ShowArgs) -> anyhow::Result<()> {
    let library = open_library(ctx)?;
    let doc = library.document(a.id)?;
    if a.json {
        return print_json(&doc);
    }
    let s = &doc.summary;
    let mut out = format!("# {}\n", s.title);
    if let Some(author) = &s.author {
        let affiliation = s
            .affiliation
            .as_deref()
            .map(|a| format!(" - {a}"))
            .unwrap_or_default();
        writeln!(out, "{author}{affiliation}")?;
    }
    let mut facts = vec![
        format!("#{}", s.id),
        s.kind.as_str().to_owned(),
        format!("{} words", s.word_count),
    ];
    if let Some(flag) = doc.limit_flag {
        facts.push(format!("{flag:?} the word limit").to_lowercase());
    }
    if let Some(c) = &doc.collection {
        facts.push(format!("in \"{c}\""));
    }
    if let Some(y) = doc.year {
        facts.push(y.to_string());
    }
    if let Some(orig) = s.duplicate_of {
        facts.push(format!("near-copy of #{orig}"));
    }
    if !doc.duplicates.is_empty() {
        let ids: Vec<String> = doc.duplicates.iter().map(|d| format!("#{d}")).collect();
        facts.push(format!("copied in {}", ids.join(", ")));
    }
    facts.push(format!("from {}", doc.origin));
    writeln!(out, "({})\n\n{}", facts.join(" · "), doc.body)?;
    if !doc.references.is_empty() {
        out.push_str("\n## References\n\n");
        for r in &doc.references {
            writeln!(out, "- {r}")?;
        }
    }
    emit(&out)
}

/// One line per document: id, kind, words, title, author and duplicate link.
fn table(out: &mut String, docs: &[DocSummary]) {
    let _ = writeln!(
        out,
        "{:>4}  {:<6}  {:>5}  {:<48}  AUTHOR",
        "ID", "KIND", "WORDS", "TITLE"
    );
    for d in docs {
        let author = match (&d.author, &d.affiliation) {
            (Some(a), Some(f)) => format!("{a} ({f})"),
            (Some(a), None) => a.clone(),
            _ => String::new(),
        };
        let dup = d
            .duplicate_of
            .map(|o| format!("  [copy of #{o}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>4}  {:<6}  {:>5}  {:<48}  {author}{dup}",
            d.id,
            d.kind.as_str(),
            d.word_count,
            clip(&d.title, 48)
        );
    }
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}
