//! `quire insights`: the numbers behind the app's charts. `essay`,
//! `library` and `list` with `--json` print the shapes issue 12 fixed
//! (`quire_api::wire::cli`); `network`, `themes`, `ages` and `cited` print
//! the app's own payloads; `--csv CHART` prints the data of one chart as
//! the app's "Export CSV" writes it.

use clap::{Args, Subcommand, ValueEnum};
use quire_api::insights;
use quire_api::wire::cli::{InsightsEssayJson, InsightsLibraryJson, InsightsListJson};
use quire_api::wire::{Chart, ChartRequest, NetworkFilter};

use super::library::open_library;
use super::{emit, print_json, write_raw, Context};
use crate::print;

#[derive(Args)]
pub struct InsightsArgs {
    #[command(subcommand)]
    action: Action,
}

/// The collection a library-wide insight covers.
#[derive(Args)]
struct Scope {
    /// Only this collection (its title, the start of it, or its id); default the whole library.
    #[arg(long)]
    collection: Option<String>,
}

#[derive(Args)]
struct Years {
    /// Only works published from this year.
    #[arg(long)]
    from: Option<i32>,
    /// Only works published up to this year.
    #[arg(long)]
    to: Option<i32>,
}

#[derive(Subcommand)]
enum Action {
    /// One document: references by year and kind, median reference age,
    /// citations per 100 words, and the paragraphs that cite nothing.
    Essay {
        id: i64,
        #[arg(long)]
        json: bool,
        /// Print one chart's data as CSV instead.
        #[arg(long, value_name = "CHART")]
        csv: Option<EssayChart>,
    },
    /// The library or a collection: most-cited works, the citation network,
    /// the theme heat map and reference ages.
    Library {
        #[command(flatten)]
        scope: Scope,
        /// How many of the most-cited works to list.
        #[arg(long, default_value_t = insights::TOP)]
        top: usize,
        #[arg(long)]
        json: bool,
        /// Print one chart's data as CSV instead.
        #[arg(long, value_name = "CHART")]
        csv: Option<LibraryChart>,
    },
    /// The citation network, filtered by the works' years and cut to the
    /// best-connected nodes.
    Network {
        #[command(flatten)]
        scope: Scope,
        #[command(flatten)]
        years: Years,
        /// Draw at most this many nodes; the rest are counted as hidden.
        #[arg(long, default_value_t = insights::MAX_NODES)]
        max_nodes: usize,
        #[arg(long)]
        json: bool,
    },
    /// Saved and suggested themes × documents: matching paragraphs.
    Themes {
        #[command(flatten)]
        scope: Scope,
        #[arg(long)]
        json: bool,
    },
    /// One cell of the theme heat map: the paragraphs of a document a
    /// theme's query matches.
    Cell {
        /// The theme's query (a suggested theme's word, or a saved theme's search).
        query: String,
        document: i64,
        #[arg(long)]
        json: bool,
    },
    /// Each essay's reference ages: minimum, quartiles, maximum.
    Ages {
        #[command(flatten)]
        scope: Scope,
        #[arg(long)]
        json: bool,
    },
    /// Where a work is cited, paragraph by paragraph.
    Cited {
        work: i64,
        #[command(flatten)]
        scope: Scope,
        #[arg(long)]
        json: bool,
    },
    /// A reading list's coverage: the essays citing each item, and the
    /// essential items none cites.
    List {
        name: String,
        #[command(flatten)]
        scope: Scope,
        #[arg(long)]
        json: bool,
        /// Print the coverage as CSV instead.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum EssayChart {
    Years,
    Types,
    Paragraphs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LibraryChart {
    MostCited,
    Network,
    Themes,
    Ages,
}

pub fn insights(ctx: &Context, a: InsightsArgs) -> anyhow::Result<()> {
    let mut library = open_library(ctx)?;
    let library = &mut library;
    match a.action {
        Action::Essay {
            id, csv: Some(c), ..
        } => {
            let chart = match c {
                EssayChart::Years => Chart::Years,
                EssayChart::Types => Chart::Types,
                EssayChart::Paragraphs => Chart::Paragraphs,
            };
            csv(library, chart, Some(id), None, None)
        }
        Action::Essay { id, json, .. } => {
            let e = insights::essay(library, id)?;
            match json {
                true => print_json(&InsightsEssayJson::from(e)),
                false => emit(&print::insights::essay(&e)),
            }
        }
        Action::Library {
            scope,
            csv: Some(c),
            ..
        } => {
            let chart = match c {
                LibraryChart::MostCited => Chart::MostCited,
                LibraryChart::Network => Chart::Network,
                LibraryChart::Themes => Chart::Themes,
                LibraryChart::Ages => Chart::Ages,
            };
            csv(library, chart, None, scope.collection, None)
        }
        Action::Library {
            scope, top, json, ..
        } => {
            let l = insights::library(library, scope.collection.as_deref(), top)?;
            match json {
                true => print_json(&InsightsLibraryJson::from(l)),
                false => emit(&print::insights::library(&l)),
            }
        }
        Action::Network {
            scope,
            years,
            max_nodes,
            json,
        } => {
            let filter = NetworkFilter {
                from: years.from,
                to: years.to,
                max_nodes: Some(max_nodes),
            };
            let n = insights::network(library, scope.collection.as_deref(), filter)?;
            match json {
                true => print_json(&n),
                false => emit(&print::insights::network(&n)),
            }
        }
        Action::Themes { scope, json } => {
            let m = insights::themes(library, scope.collection.as_deref())?;
            match json {
                true => print_json(&m),
                false => emit(&print::insights::themes(&m)),
            }
        }
        Action::Cell {
            query,
            document,
            json,
        } => {
            let hits = insights::theme_cell(library, &query, document)?;
            match json {
                true => print_json(&hits),
                false => emit(&print::insights::cell(&hits)),
            }
        }
        Action::Ages { scope, json } => {
            let ages = insights::ages(library, scope.collection.as_deref())?;
            match json {
                true => print_json(&ages),
                false => emit(&print::insights::ages(&ages)),
            }
        }
        Action::Cited { work, scope, json } => {
            let p = insights::passages(library, work, scope.collection.as_deref())?;
            match json {
                true => print_json(&p),
                false => emit(&print::insights::passages(&p)),
            }
        }
        Action::List {
            name,
            scope,
            json,
            csv: as_csv,
        } => {
            if as_csv {
                return csv(library, Chart::Coverage, None, scope.collection, Some(name));
            }
            let c = insights::coverage(library, &name, scope.collection.as_deref())?;
            match json {
                true => print_json(&InsightsListJson::from(c)),
                false => emit(&print::insights::coverage(&c)),
            }
        }
    }
}

fn csv(
    library: &mut quire_engine::Library,
    chart: Chart,
    document: Option<i64>,
    collection: Option<String>,
    list: Option<String>,
) -> anyhow::Result<()> {
    let request = ChartRequest {
        chart,
        document,
        collection,
        list,
        filter: None,
    };
    write_raw(&insights::csv(library, &request)?)
}
