//! `quire review …`: review rounds from the command line, each action one
//! `quire_api::review` call. Coordinator actions are recorded in the trail
//! under `--by` (default "coordinator"); marking under the marker's name.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use quire_api::review as api;
use quire_api::wire;
use quire_engine::Library;

use super::library::open_library;
use super::{emit, print_json, Context};
use crate::print;

#[derive(Args)]
pub struct ReviewArgs {
    #[command(subcommand)]
    action: Action,
}

/// Who a coordinator's or moderator's change is recorded as.
#[derive(Args)]
struct By {
    /// Your name, as the round's trail records it.
    #[arg(long, default_value = "coordinator")]
    by: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Html,
}

#[derive(Subcommand)]
enum Action {
    /// List the review rounds.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Create a round over documents or a collection, allocating markers.
    Create(CreateArgs),
    /// Delete a round with its marks, comments and trail.
    Delete { name: String },
    /// Every entry's markers, states, totals, agreed mark and flag
    /// (with --marker: that marker's queue).
    Status {
        name: String,
        #[arg(long)]
        marker: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rubric templates: list, show, save, delete, export.
    Rubric {
        #[command(subcommand)]
        action: RubricAction,
    },
    /// What a marker sees when marking an entry: its text, the audit's
    /// findings, their scores and comments.
    Open {
        name: String,
        code: String,
        #[arg(long)]
        marker: String,
        #[arg(long)]
        json: bool,
    },
    /// Score an entry (`--score "Criterion=7"`, repeated), comment on it
    /// overall, and submit.
    Mark(MarkArgs),
    /// Take a submitted marking back to in progress.
    Reopen {
        name: String,
        code: String,
        #[arg(long)]
        marker: String,
        #[command(flatten)]
        by: By,
    },
    /// Comment on a passage (paragraph and quote), or add an audit
    /// finding's ready-made comment (`--finding K`, 0-based).
    Comment(CommentArgs),
    /// Change a comment's text, or delete it.
    EditComment {
        name: String,
        id: i64,
        #[arg(long, conflicts_with = "delete", required_unless_present = "delete")]
        text: Option<String>,
        #[arg(long)]
        delete: bool,
        #[command(flatten)]
        by: By,
    },
    /// The comment bank: reusable comments.
    Bank {
        #[command(subcommand)]
        action: BankAction,
    },
    /// Every marker's marks and comments on an entry, side by side.
    Moderation {
        name: String,
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// Record the agreed mark (0–100) with a reason, or withdraw it.
    Moderate {
        name: String,
        code: String,
        #[arg(long, required_unless_present = "withdraw")]
        mark: Option<f64>,
        #[arg(long, required_unless_present = "withdraw")]
        reason: Option<String>,
        #[arg(long, conflicts_with_all = ["mark", "reason"])]
        withdraw: bool,
        #[command(flatten)]
        by: By,
    },
    /// Give a marking not yet started to another marker.
    Reassign {
        name: String,
        code: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[command(flatten)]
        by: By,
    },
    /// Set or clear an entry's shortlist and winner flags.
    Flag {
        name: String,
        code: String,
        #[arg(long)]
        shortlisted: Option<bool>,
        #[arg(long)]
        winner: Option<bool>,
        #[command(flatten)]
        by: By,
    },
    /// Reveal a blind round's authors and affiliations (recorded in the trail).
    Reveal {
        name: String,
        #[command(flatten)]
        by: By,
    },
    /// The ranking: agreed and standardised ranks, per-criterion marks,
    /// markers' totals, spread, flags.
    Results {
        name: String,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
        /// Write the CSV to FILE instead of printing it.
        #[arg(long, value_name = "FILE", requires = "csv")]
        out: Option<PathBuf>,
    },
    /// An entry's feedback sheet for the student.
    Feedback {
        name: String,
        code: String,
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// A marker's marks for a round as a marks file (stdout, or --out).
    ExportMarks {
        name: String,
        #[arg(long)]
        marker: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a marker's marks file (the same file twice changes nothing).
    ImportMarks {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        by: By,
    },
    /// An entry's essay insights: references by year and kind, citations
    /// per 100 words, the paragraphs that cite nothing.
    Insights {
        name: String,
        code: String,
        #[arg(long)]
        json: bool,
    },
    /// The trail of every change in a round, or of one entry.
    Trail {
        name: String,
        code: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

// `quire review create NAME (--documents ID… | --collection NAME) --rubric FILE|TEMPLATE --markers … --per-entry N …`.
#[derive(Args)]
struct CreateArgs {
    name: String,
    #[arg(long, num_args = 1.., required_unless_present = "collection")]
    documents: Vec<i64>,
    #[arg(long)]
    collection: Option<String>,
    /// A rubric file, or a saved template's name (`competition` is shipped).
    #[arg(long)]
    rubric: String,
    /// "Name[@Affiliation],…".
    #[arg(long)]
    markers: String,
    #[arg(long, default_value_t = 2)]
    per_entry: usize,
    #[arg(long)]
    blind: bool,
    #[arg(long)]
    avoid_same_affiliation: bool,
    #[arg(long, default_value = "mean")]
    rule: String,
    #[arg(long, default_value_t = 0.10)]
    tolerance: f64,
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    by: By,
}

// `quire review mark NAME CODE --marker M --score "Criterion=7"… [--clear C]… [--comment T] [--submit]`.
#[derive(Args)]
struct MarkArgs {
    name: String,
    code: String,
    #[arg(long)]
    marker: String,
    #[arg(long = "score", value_name = "CRITERION=SCORE")]
    scores: Vec<String>,
    /// The overall comment ("" clears it).
    #[arg(long)]
    comment: Option<String>,
    #[arg(long)]
    submit: bool,
    #[arg(long)]
    json: bool,
}

// `quire review comment NAME CODE --marker M (--paragraph N --quote Q | --finding K) [--text T]`.
#[derive(Args)]
struct CommentArgs {
    name: String,
    code: String,
    #[arg(long)]
    marker: String,
    #[arg(long, required_unless_present = "finding", requires = "quote")]
    paragraph: Option<u32>,
    #[arg(long)]
    quote: Option<String>,
    #[arg(long, requires = "end")]
    start: Option<u32>,
    #[arg(long)]
    end: Option<u32>,
    #[arg(long, conflicts_with_all = ["paragraph", "quote"])]
    finding: Option<usize>,
    #[arg(long, required_unless_present = "finding")]
    text: Option<String>,
}

#[derive(Subcommand)]
enum RubricAction {
    /// The shipped template and the saved ones.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A rubric file or template, checked.
    Show {
        rubric: String,
        #[arg(long)]
        json: bool,
    },
    /// Save a rubric file as a template under its name.
    Save { file: PathBuf },
    /// Delete a saved template.
    Delete { name: String },
    /// Write a template to a rubric file.
    Export {
        name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum BankAction {
    List {
        #[arg(long)]
        json: bool,
    },
    Add {
        text: String,
        #[arg(long)]
        category: Option<String>,
    },
    Remove {
        id: i64,
    },
}

/// `quire review ACTION`.
pub fn review(ctx: &Context, a: ReviewArgs) -> anyhow::Result<()> {
    let library = &mut open_library(ctx)?;
    match a.action {
        Action::List { json } => list(library, json),
        Action::Create(a) => create(library, a),
        Action::Delete { name } => {
            api::delete(library, &name)?;
            emit(&format!("Deleted round `{name}`.\n"))
        }
        Action::Status { name, marker, json } => status(library, &name, marker.as_deref(), json),
        Action::Rubric { action } => rubric(library, action),
        Action::Open {
            name,
            code,
            marker,
            json,
        } => open(library, &name, &code, &marker, json),
        Action::Mark(a) => mark(library, a),
        Action::Reopen {
            name,
            code,
            marker,
            by,
        } => {
            api::reopen(library, &name, &code, &marker, &by.by)?;
            emit(&format!("Reopened {marker}'s marking of {code}.\n"))
        }
        Action::Comment(a) => comment(library, a),
        Action::EditComment {
            name, id, text, by, ..
        } => {
            api::edit_comment(library, &name, id, text.as_deref(), &by.by)?;
            emit(&format!(
                "{} comment {id}.\n",
                if text.is_some() { "Changed" } else { "Deleted" }
            ))
        }
        Action::Bank { action } => bank(library, action),
        Action::Moderation { name, code, json } => moderation(library, &name, &code, json),
        Action::Moderate {
            name,
            code,
            mark,
            reason,
            by,
            ..
        } => {
            let decision = mark.zip(reason.as_deref());
            let view = api::moderate(library, &name, &code, decision, &by.by)?;
            emit(&print::review::moderation(&view))
        }
        Action::Reassign {
            name,
            code,
            from,
            to,
            by,
        } => {
            api::reassign(library, &name, &code, &from, &to, &by.by)?;
            emit(&format!("{code}: {from}'s marking now goes to {to}.\n"))
        }
        Action::Flag {
            name,
            code,
            shortlisted,
            winner,
            by,
        } => {
            api::flag(library, &name, &code, shortlisted, winner, &by.by)?;
            status(library, &name, None, false)
        }
        Action::Reveal { name, by } => {
            let r = api::reveal(library, &name, &by.by)?;
            emit(&format!(
                "Round `{name}` revealed by {} at {}.\n",
                r.by, r.at
            ))
        }
        Action::Results {
            name,
            json,
            csv,
            out,
        } => results(library, &name, json, csv, out),
        Action::Feedback {
            name,
            code,
            format,
            out,
        } => feedback(library, &name, &code, format, out),
        Action::ExportMarks { name, marker, out } => match out {
            Some(path) => {
                api::export_marks_to(library, &name, &marker, &path)?;
                emit(&format!("Wrote {marker}'s marks to {}.\n", path.display()))
            }
            None => super::write_raw(&api::export_marks(library, &name, &marker)?),
        },
        Action::ImportMarks { file, json, by } => import_marks(library, &file, json, &by.by),
        Action::Insights { name, code, json } => {
            let insights = api::entry_insights(library, &name, &code)?;
            match json {
                true => print_json(&insights),
                false => emit(&print::insights::essay(&insights)),
            }
        }
        Action::Trail { name, code, json } => {
            let trail = api::trail(library, &name, code.as_deref())?;
            match json {
                true => print_json(&trail),
                false => emit(&print::review::trail(&trail)),
            }
        }
    }
}

fn list(library: &Library, json: bool) -> anyhow::Result<()> {
    let rounds = api::rounds(library)?;
    match json {
        true => print_json(&rounds),
        false => emit(&print::review::rounds(&rounds)),
    }
}

fn create(library: &mut Library, a: CreateArgs) -> anyhow::Result<()> {
    let input = wire::RoundInput {
        rubric: api::rubric(library, &a.rubric)?,
        name: a.name,
        documents: a.documents,
        collection: a.collection,
        markers: api::parse_markers(&a.markers),
        per_entry: a.per_entry,
        blind: a.blind,
        avoid_same_affiliation: a.avoid_same_affiliation,
        rule: api::parse_rule(&a.rule)?,
        tolerance: a.tolerance,
    };
    let round = api::create(library, input, &a.by.by)?;
    match a.json {
        true => print_json(&round),
        false => emit(&print::review::created(&round)),
    }
}

fn status(library: &Library, name: &str, marker: Option<&str>, json: bool) -> anyhow::Result<()> {
    if json && marker.is_none() {
        return print_json(&api::status_json(library, name)?);
    }
    let view = api::status(library, name)?;
    match (json, marker) {
        (true, Some(m)) => print_json(&print::review::queue_of(&view, m)?),
        (false, Some(m)) => emit(&print::review::queue(&view, m)?),
        (_, None) => emit(&print::review::status(&view)),
    }
}

fn rubric(library: &mut Library, action: RubricAction) -> anyhow::Result<()> {
    match action {
        RubricAction::List { json } => {
            let all = api::templates(library)?;
            match json {
                true => print_json(&all),
                false => emit(&print::review::templates(&all)),
            }
        }
        RubricAction::Show { rubric, json } => {
            let r = api::rubric(library, &rubric)?;
            match json {
                true => print_json(&r),
                false => emit(&print::review::rubric(&r)),
            }
        }
        RubricAction::Save { file } => {
            let r = api::import_template(library, &file)?;
            emit(&format!("Saved rubric template `{}`.\n", r.name))
        }
        RubricAction::Delete { name } => {
            api::delete_template(library, &name)?;
            emit(&format!("Deleted rubric template `{name}`.\n"))
        }
        RubricAction::Export { name, out } => {
            api::export_template(library, &name, &out)?;
            emit(&format!("Wrote rubric `{name}` to {}.\n", out.display()))
        }
    }
}

fn open(library: &Library, name: &str, code: &str, marker: &str, json: bool) -> anyhow::Result<()> {
    let view = api::mark_view(library, name, code, marker)?;
    match json {
        true => print_json(&view),
        false => emit(&print::review::mark_view(&view)),
    }
}

fn mark(library: &mut Library, a: MarkArgs) -> anyhow::Result<()> {
    let view = api::mark_cli(
        library,
        &a.name,
        &a.code,
        &a.marker,
        &a.scores,
        a.comment.as_deref(),
        a.submit,
    )?;
    match a.json {
        true => print_json(&view),
        false => emit(&print::review::marked(&view)),
    }
}

fn comment(library: &mut Library, a: CommentArgs) -> anyhow::Result<()> {
    let c = match (a.finding, a.paragraph, a.quote) {
        (Some(k), _, _) => api::add_finding_comment(library, &a.name, &a.code, &a.marker, k)?,
        (None, Some(paragraph), Some(quote)) => {
            let input = wire::CommentInput {
                anchor: wire::Anchor {
                    paragraph,
                    start: a.start,
                    end: a.end,
                    quote,
                },
                text: a.text.unwrap_or_default(),
                finding: None,
            };
            api::add_comment(library, &a.name, &a.code, &a.marker, input)?
        }
        _ => anyhow::bail!("give --paragraph and --quote, or --finding"),
    };
    emit(&format!(
        "Comment {} on {} (paragraph {}, “{}”): {}\n",
        c.id,
        a.code,
        c.anchor.paragraph,
        print::clip(&c.anchor.quote, 60),
        c.text
    ))
}

fn bank(library: &mut Library, action: BankAction) -> anyhow::Result<()> {
    match action {
        BankAction::List { json } => {
            let bank = api::bank(library)?;
            match json {
                true => print_json(&bank),
                false => emit(&print::review::bank(&bank)),
            }
        }
        BankAction::Add { text, category } => {
            let c = api::bank_add(library, &text, category.as_deref())?;
            emit(&format!("Comment {} is in the bank.\n", c.id))
        }
        BankAction::Remove { id } => {
            api::bank_remove(library, id)?;
            emit(&format!("Removed comment {id} from the bank.\n"))
        }
    }
}

fn moderation(library: &Library, name: &str, code: &str, json: bool) -> anyhow::Result<()> {
    let view = api::moderation(library, name, code)?;
    match json {
        true => print_json(&view),
        false => emit(&print::review::moderation(&view)),
    }
}

fn results(
    library: &Library,
    name: &str,
    json: bool,
    csv: bool,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    if json {
        return print_json(&api::results_json(library, name)?);
    }
    match (csv, out) {
        (true, Some(path)) => {
            api::export_results(library, name, &path)?;
            emit(&format!(
                "Wrote the results of `{name}` to {}.\n",
                path.display()
            ))
        }
        (true, None) => super::write_raw(&api::results_csv(library, name)?),
        (false, _) => emit(&print::review::results(&api::results(library, name)?)),
    }
}

fn feedback(
    library: &Library,
    name: &str,
    code: &str,
    format: Format,
    out: Option<PathBuf>,
) -> anyhow::Result<()> {
    let format = match format {
        Format::Markdown => wire::FeedbackFormat::Markdown,
        Format::Html => wire::FeedbackFormat::Html,
    };
    match out {
        Some(path) => {
            api::export_feedback(library, name, code, format, &path)?;
            emit(&format!(
                "Wrote the feedback on {code} to {}.\n",
                path.display()
            ))
        }
        None => super::write_raw(&api::feedback(library, name, code, format)?),
    }
}

fn import_marks(
    library: &mut Library,
    file: &std::path::Path,
    json: bool,
    by: &str,
) -> anyhow::Result<()> {
    let report = api::import_marks(library, file, by)?;
    match json {
        true => print_json(&report)?,
        false => emit(&print::review::marks_import(&report))?,
    }
    super::none_failed(
        report.conflicts.len(),
        "entries conflict and were not imported",
    )
}
