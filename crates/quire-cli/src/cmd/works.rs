//! `quire works`, `quire list create|add|show|style`, `quire format`. (Owner: works and lists work.)

use std::path::PathBuf;

use std::fmt::Write as _;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use quire_csl::CslItem;
use quire_engine::bibliography;
use quire_engine::{Library, ListView, Placement, WorksFilter};
use quire_format::Style;

use super::library::open_library;
use super::{emit, print_json, Context};

/// The style `quire works` lists in, as the app's works view does.
const DEFAULT_STYLE: &str = "harvard-cite-them-right";

#[derive(Args)]
pub struct WorksArgs {
    #[arg(long)]
    pub json: bool,
    /// Skip this many works (most cited first).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Show at most this many works (default: all).
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Purpose {
    Reading,
    Reference,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Importance {
    Essential,
    Recommended,
    Further,
}

#[derive(Subcommand)]
pub enum ListAction {
    /// Create a reference or reading list.
    Create {
        name: String,
        #[arg(long, value_enum, default_value = "reading")]
        purpose: Purpose,
    },
    /// Add works to a list.
    Add {
        name: String,
        #[arg(required = true)]
        work_ids: Vec<i64>,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, value_enum)]
        importance: Option<Importance>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show a list.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Set a list's citation style: a bundled or imported style's name
    /// (see `quire styles`) or a `.csl` file.
    Style { name: String, style: String },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Text,
    Html,
    Markdown,
    Bibtex,
    Ris,
    CslJson,
}

#[derive(Args)]
pub struct FormatArgs {
    #[arg(long, conflicts_with_all = ["doc", "csl_json"])]
    pub list: Option<String>,
    #[arg(long, conflicts_with = "csl_json")]
    pub doc: Option<i64>,
    #[arg(long)]
    pub csl_json: Option<PathBuf>,
    /// A bundled style name (e.g. `harvard-cite-them-right`, `apa`), a style
    /// imported into the library (`quire styles`) or a `.csl` file.
    #[arg(long)]
    pub style: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

pub fn works(ctx: &Context, a: WorksArgs) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    if a.json {
        #[derive(serde::Serialize)]
        struct Listing {
            works: Vec<quire_engine::Work>,
        }
        let works = library
            .works()?
            .into_iter()
            .skip(a.offset)
            .take(a.limit.unwrap_or(usize::MAX))
            .collect();
        return print_json(&Listing { works });
    }
    let style = library.style(DEFAULT_STYLE)?;
    let page = library.works_page(&WorksFilter::default(), &style, a.offset, a.limit)?;
    if page.total == 0 {
        return emit("No works yet: import essays with reference lists, or works from BibTeX/RIS/CSL-JSON.\n");
    }
    let mut out = String::new();
    for row in &page.rows {
        let work = &row.work;
        let cites: usize = work.cited_by.iter().map(|c| c.count).sum();
        writeln!(out, "{:>5}  {}", work.id, row.text)?;
        if cites > 0 {
            let docs: Vec<String> = work
                .cited_by
                .iter()
                .map(|c| format!("#{}", c.document_id))
                .collect();
            writeln!(out, "       cited {cites}× by {}", docs.join(", "))?;
        }
    }
    if page.rows.len() < page.total {
        let first = a.offset.min(page.total);
        writeln!(
            out,
            "\n(works {}–{} of {})",
            first + 1,
            first + page.rows.len(),
            page.total
        )?;
    }
    emit(&out)
}

pub fn list_action(ctx: &Context, a: ListAction) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    match a {
        ListAction::Create { name, purpose } => {
            let purpose = match purpose {
                Purpose::Reading => quire_engine::Purpose::Reading,
                Purpose::Reference => quire_engine::Purpose::Reference,
            };
            let list = library.create_list(&name, purpose)?;
            emit(&format!(
                "Created {} list `{}`.\n",
                list.purpose.as_str(),
                list.name
            ))
        }
        ListAction::Add {
            name,
            work_ids,
            section,
            importance,
            note,
        } => {
            let importance = importance.map(|i| match i {
                Importance::Essential => quire_engine::Importance::Essential,
                Importance::Recommended => quire_engine::Importance::Recommended,
                Importance::Further => quire_engine::Importance::Further,
            });
            let placement = Placement {
                section: section.as_deref(),
                importance,
                note: note.as_deref(),
            };
            library.add_to_list(&name, &work_ids, placement)?;
            emit(&format!("Added {} work(s) to `{name}`.\n", work_ids.len()))
        }
        ListAction::Show { name, json } => {
            let list = library.list(&name)?;
            if json {
                return print_json(&list);
            }
            let style = library.style(&list.style)?;
            let mut out = format!(
                "{} ({} list, {})\n\n",
                list.name,
                list.purpose.as_str(),
                list.style
            );
            if list.items.is_empty() {
                out.push_str("(empty)\n");
            } else {
                out.push_str(&bibliography::format_list(&list, &style)?.text);
            }
            emit(&out)
        }
        ListAction::Style { name, style } => {
            library.set_list_style(&name, &style)?;
            let list = library.list(&name)?;
            let title = library.style(&list.style)?.title().to_string();
            emit(&format!(
                "List `{}` now uses {title} ({}).\n",
                list.name, list.style
            ))
        }
    }
}

pub fn format(ctx: &Context, a: FormatArgs) -> anyhow::Result<()> {
    // (items, their work ids, the list when it is one, the library when one was opened)
    type Input = (Vec<CslItem>, Vec<i64>, Option<ListView>, Option<Library>);
    let (items, ids, list, library): Input = match (&a.csl_json, a.doc, &a.list) {
        (Some(path), _, _) => {
            let src = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let items = quire_format::from_csl_json(&src)
                .with_context(|| format!("in {}", path.display()))?;
            (items, Vec::new(), None, None)
        }
        (None, Some(id), _) => {
            let mut library = open_library(ctx)?;
            let works = library.document_works(id)?;
            let ids = works.iter().map(|w| w.id).collect();
            (
                works.into_iter().map(|w| w.csl).collect(),
                ids,
                None,
                Some(library),
            )
        }
        (None, None, Some(name)) => {
            let library = open_library(ctx)?;
            let list = library.list(name)?;
            let items = list.items.iter().map(|i| i.csl.clone()).collect();
            (items, Vec::new(), Some(list), Some(library))
        }
        (None, None, None) => {
            anyhow::bail!("give one of --csl-json FILE, --doc ID or --list NAME")
        }
    };
    match a.format {
        OutputFormat::Bibtex => return emit(&quire_format::to_bibtex(&items)),
        OutputFormat::Ris => return emit(&quire_format::to_ris(&items)),
        OutputFormat::CslJson => return emit(&(quire_format::to_csl_json(&items) + "\n")),
        OutputFormat::Text | OutputFormat::Html | OutputFormat::Markdown => {}
    }
    let style = match &library {
        Some(library) => library.style(&a.style)?,
        // Formatting a CSL-JSON file needs no library; a name that is no
        // bundled style is looked for among the library's imported styles
        // when there is a library.
        None => match Style::load(&a.style) {
            Err(err @ quire_format::Error::UnknownStyle(_)) => match open_library(ctx) {
                Ok(library) => library.style(&a.style)?,
                Err(_) => return Err(err.into()),
            },
            loaded => loaded?,
        },
    };
    let formatted = match &list {
        Some(list) => bibliography::format_list(list, &style)?,
        None => bibliography::format_works(&items, &ids, &style)?,
    };
    emit(match a.format {
        OutputFormat::Html => &formatted.html,
        OutputFormat::Markdown => &formatted.markdown,
        _ => &formatted.text,
    })
}

/// `quire bench format`: engine build and bibliography times per style.
pub fn bench_format(ctx: &Context, a: &super::search::BenchArgs) -> anyhow::Result<()> {
    let base: Vec<CslItem> = match &a.works {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            quire_format::read_works(&path.display().to_string(), &bytes)
                .with_context(|| format!("in {}", path.display()))?
        }
        None => open_library(ctx)?
            .works()?
            .into_iter()
            .map(|w| w.csl)
            .collect(),
    };
    anyhow::ensure!(!base.is_empty(), "no works to format: give --works FILE");
    let styles: Vec<String> = if a.styles.is_empty() {
        quire_format::BUNDLED_STYLES
            .iter()
            .map(|s| s.to_string())
            .collect()
    } else {
        a.styles.clone()
    };
    println!(
        "{} distinct works made from {}",
        a.sizes.iter().max().unwrap_or(&0),
        base.len()
    );
    for style in &styles {
        eprintln!("{style}…");
        let t = quire_format::bench::run(&base, style, &a.sizes)?;
        let sizes: Vec<String> = t
            .sizes
            .iter()
            .map(|(n, cold, warm)| {
                format!(
                    "{n} works {:.2} s (again {:.0} ms)",
                    cold.as_secs_f64(),
                    warm.as_secs_f64() * 1000.0
                )
            })
            .collect();
        println!(
            "{:<24} cold {:>6.2} s  one work {:>6.1} ms  {}",
            t.style,
            t.cold.as_secs_f64(),
            t.single.as_secs_f64() * 1000.0,
            sizes.join("  ")
        );
    }
    Ok(())
}
