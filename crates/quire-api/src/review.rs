//! Review rounds: creating them (from documents or a collection, with a
//! rubric file or template), marking, comments and the comment bank,
//! moderation, reallocation, the reveal, results (JSON, CSV), feedback
//! sheets, marks files between machines, rubric templates and the trail.
//!
//! `actor` is who does it, as the trail records it: the marker marking,
//! or the coordinator or moderator by the name they give.

use std::path::Path;

use quire_engine::review::{self as engine, CommentSpec, MarkUpdate, MarkerSpec, RoundSpec};
use quire_engine::{DocFilter, Kind, Library};

use crate::error::{ApiError, ApiResult};
use crate::files::write_atomic;
use crate::wire;

/// Largest rubric or marks file read (a rubric is a few KB; a marks file
/// of a thousand entries with comments a few MB).
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Read a file a person named, within [`MAX_FILE`], as UTF-8.
fn read_file(path: &Path, what: &str) -> ApiResult<String> {
    let meta = std::fs::metadata(path).map_err(|e| ApiError::io(path, &e))?;
    if meta.len() > MAX_FILE {
        return Err(ApiError::invalid(format!(
            "{}: {} bytes is too large for a {what} file",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| ApiError::io(path, &e))?;
    String::from_utf8(bytes).map_err(|_| {
        ApiError::invalid(format!(
            "{}: a {what} file must be UTF-8 JSON",
            path.display()
        ))
    })
}

// ---- rubrics ----------------------------------------------------------

/// A rubric from `arg`: a rubric file when such a file exists, else the
/// name of a saved template (`competition` is shipped).
pub fn rubric(library: &Library, arg: &str) -> ApiResult<wire::Rubric> {
    let path = Path::new(arg);
    if path.is_file() {
        let text = read_file(path, "rubric")?;
        let rubric = quire_review::Rubric::parse(&text)
            .map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))?;
        return Ok(rubric.into());
    }
    Ok(library.rubric_template(arg)?.into())
}

/// The shipped template and the saved ones.
pub fn templates(library: &Library) -> ApiResult<Vec<wire::Rubric>> {
    Ok(wire::all(library.rubric_templates()?))
}

/// Save a rubric as a template (replacing one of its name).
pub fn save_template(library: &mut Library, rubric: wire::Rubric) -> ApiResult<wire::Rubric> {
    let rubric: engine::Rubric = rubric.into();
    library.save_rubric_template(&rubric)?;
    Ok(rubric.into())
}

/// Read a rubric file and save it as a template.
pub fn import_template(library: &mut Library, path: &Path) -> ApiResult<wire::Rubric> {
    let text = read_file(path, "rubric")?;
    let rubric = quire_review::Rubric::parse(&text)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))?;
    library.save_rubric_template(&rubric)?;
    Ok(rubric.into())
}

pub fn delete_template(library: &mut Library, name: &str) -> ApiResult<()> {
    Ok(library.delete_rubric_template(name)?)
}

/// A rubric as its JSON file (pretty).
pub fn rubric_json(rubric: &wire::Rubric) -> String {
    serde_json::to_string_pretty(rubric).expect("a rubric serialises") + "\n"
}

/// Write template `name` to `path` as a rubric file.
pub fn export_template(library: &Library, name: &str, path: &Path) -> ApiResult<()> {
    write_atomic(path, rubric_json(&library.rubric_template(name)?.into()))
}

// ---- rounds -----------------------------------------------------------

pub fn rounds(library: &Library) -> ApiResult<Vec<wire::RoundSummary>> {
    Ok(wire::all(library.rounds()?))
}

/// Create a round. With `collection`, its original essays (near-copies
/// left out) are the entries, in import order, after any `documents`.
pub fn create(
    library: &mut Library,
    input: wire::RoundInput,
    actor: &str,
) -> ApiResult<wire::RoundSummary> {
    let mut documents = input.documents;
    if let Some(name) = input
        .collection
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let filter = DocFilter {
            kind: Some(Kind::Essay),
            collection_id: Some(crate::library::collection_id(library, name)?),
        };
        for d in library.documents(&filter)? {
            if d.summary.duplicate_of.is_none() && !documents.contains(&d.summary.id) {
                documents.push(d.summary.id);
            }
        }
        if documents.is_empty() {
            return Err(ApiError::invalid(format!(
                "collection `{name}` has no essays"
            )));
        }
    }
    let spec = RoundSpec {
        name: input.name,
        documents,
        rubric: input.rubric.into(),
        markers: input
            .markers
            .into_iter()
            .map(|m| MarkerSpec {
                name: m.name,
                affiliation: m.affiliation,
            })
            .collect(),
        per_entry: input.per_entry,
        blind: input.blind,
        avoid_same_affiliation: input.avoid_same_affiliation,
        rule: input.rule.into(),
        tolerance: input.tolerance,
    };
    Ok(library.create_round(&spec, actor)?.into())
}

/// `--markers "Name[@Affiliation],..."` as marker inputs.
pub fn parse_markers(list: &str) -> Vec<wire::MarkerInput> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let m = MarkerSpec::parse(s);
            wire::MarkerInput {
                name: m.name,
                affiliation: m.affiliation,
            }
        })
        .collect()
}

/// A rule by name: mean, highest, first or moderator.
pub fn parse_rule(rule: &str) -> ApiResult<wire::AgreeRule> {
    let rule: engine::Rule = rule.parse().map_err(ApiError::invalid)?;
    Ok(rule.into())
}

pub fn delete(library: &mut Library, name: &str) -> ApiResult<()> {
    Ok(library.delete_round(name)?)
}

pub fn status(library: &Library, name: &str) -> ApiResult<wire::RoundView> {
    Ok(library.review_status(name)?.into())
}

/// `quire review status --json`.
pub fn status_json(library: &Library, name: &str) -> ApiResult<wire::ReviewStatusJson> {
    Ok(status(library, name)?.into())
}

pub fn reveal(library: &mut Library, name: &str, actor: &str) -> ApiResult<wire::Revealed> {
    Ok(library.reveal(name, actor)?.into())
}

pub fn reassign(
    library: &mut Library,
    name: &str,
    code: &str,
    from: &str,
    to: &str,
    actor: &str,
) -> ApiResult<()> {
    Ok(library.reassign(name, code, from, to, actor)?)
}

/// Set or clear the shortlist and winner flags (`None` leaves one as is).
pub fn flag(
    library: &mut Library,
    name: &str,
    code: &str,
    shortlisted: Option<bool>,
    winner: Option<bool>,
    actor: &str,
) -> ApiResult<()> {
    Ok(library.set_entry_flags(name, code, shortlisted, winner, actor)?)
}

// ---- marking ----------------------------------------------------------

pub fn mark_view(
    library: &Library,
    name: &str,
    code: &str,
    marker: &str,
) -> ApiResult<wire::MarkView> {
    Ok(library.mark_view(name, code, marker)?.into())
}

/// The entry's essay insights for the marking screen.
pub fn entry_insights(
    library: &mut Library,
    name: &str,
    code: &str,
) -> ApiResult<wire::EssayInsights> {
    library.link_works()?;
    Ok(library.entry_insights(name, code)?.into())
}

/// Change a marking from the app; returns the marking screen afresh.
pub fn save_mark(
    library: &mut Library,
    name: &str,
    code: &str,
    marker: &str,
    input: wire::MarkInput,
    actor: &str,
) -> ApiResult<wire::MarkView> {
    let mut update = MarkUpdate {
        overall: input.overall,
        submit: input.submit,
        ..MarkUpdate::default()
    };
    for (criterion, score) in input.scores {
        match score {
            Some(s) => update.scores.push((criterion, s)),
            None => update.clear.push(criterion),
        }
    }
    library.save_mark(name, code, marker, &update, actor)?;
    mark_view(library, name, code, marker)
}

/// `quire review mark`: scores as `"Criterion=7"`, an overall comment, and
/// submission. Returns the marking afterwards.
pub fn mark_cli(
    library: &mut Library,
    name: &str,
    code: &str,
    marker: &str,
    scores: &[String],
    comment: Option<&str>,
    submit: bool,
) -> ApiResult<wire::MarkView> {
    let mut input = wire::MarkInput {
        overall: comment.map(str::to_string),
        submit,
        ..wire::MarkInput::default()
    };
    for s in scores {
        let (criterion, value) = s.rsplit_once('=').ok_or_else(|| {
            ApiError::invalid(format!("--score `{s}`: write it as \"Criterion=7\""))
        })?;
        let value: f64 = value.trim().parse().map_err(|_| {
            ApiError::invalid(format!("--score `{s}`: `{}` is not a number", value.trim()))
        })?;
        input
            .scores
            .insert(criterion.trim().to_string(), Some(value));
    }
    save_mark(library, name, code, marker, input, marker)
}

pub fn reopen(
    library: &mut Library,
    name: &str,
    code: &str,
    marker: &str,
    actor: &str,
) -> ApiResult<()> {
    Ok(library.reopen_mark(name, code, marker, actor)?)
}

pub fn add_comment(
    library: &mut Library,
    name: &str,
    code: &str,
    marker: &str,
    input: wire::CommentInput,
) -> ApiResult<wire::ReviewComment> {
    let spec = CommentSpec {
        anchor: input.anchor.into(),
        text: input.text,
        finding: input.finding,
    };
    Ok(library
        .add_comment(name, code, marker, &spec, marker)?
        .into())
}

/// Add the ready-made comment of audit finding `index` (0-based, in the
/// marking screen's order), anchored at its citation.
pub fn add_finding_comment(
    library: &mut Library,
    name: &str,
    code: &str,
    marker: &str,
    index: usize,
) -> ApiResult<wire::ReviewComment> {
    let view = library.mark_view(name, code, marker)?;
    let count = view.findings.len();
    let finding = view.findings.into_iter().nth(index).ok_or_else(|| {
        ApiError::not_found(format!(
            "finding {index} of {code} (it has {count}, numbered from 0)"
        ))
    })?;
    let input = wire::CommentInput {
        text: finding.message,
        finding: Some(finding.kind),
        anchor: finding.anchor.into(),
    };
    add_comment(library, name, code, marker, input)
}

/// Change a comment's text, or delete it (`None`).
pub fn edit_comment(
    library: &mut Library,
    name: &str,
    id: i64,
    text: Option<&str>,
    actor: &str,
) -> ApiResult<()> {
    Ok(library.edit_comment(name, id, text, actor)?)
}

pub fn bank(library: &Library) -> ApiResult<Vec<wire::BankComment>> {
    Ok(wire::all(library.comment_bank()?))
}

pub fn bank_add(
    library: &mut Library,
    text: &str,
    category: Option<&str>,
) -> ApiResult<wire::BankComment> {
    Ok(library.add_bank_comment(text, category)?.into())
}

pub fn bank_remove(library: &mut Library, id: i64) -> ApiResult<()> {
    Ok(library.remove_bank_comment(id)?)
}

// ---- moderation and results ---------------------------------------------

pub fn moderation(library: &Library, name: &str, code: &str) -> ApiResult<wire::ModerationView> {
    Ok(library.moderation_view(name, code)?.into())
}

/// Record the agreed mark and reason, or withdraw a decision (`None`).
pub fn moderate(
    library: &mut Library,
    name: &str,
    code: &str,
    decision: Option<(f64, &str)>,
    actor: &str,
) -> ApiResult<wire::ModerationView> {
    library.moderate(name, code, decision, actor)?;
    moderation(library, name, code)
}

pub fn results(library: &Library, name: &str) -> ApiResult<wire::ReviewResults> {
    Ok(library.review_results(name)?.into())
}

pub fn results_json(library: &Library, name: &str) -> ApiResult<wire::ReviewResultsJson> {
    Ok(results(library, name)?.into())
}

/// The results as CSV: one row per entry, the JSON's columns flattened
/// (`criteria` as one column per criterion, `marks` as `marker N` and
/// `marker N total`), values quoted where needed (RFC 4180).
pub fn results_csv(library: &Library, name: &str) -> ApiResult<String> {
    let r = results(library, name)?;
    let width = r.entries.iter().map(|e| e.marks.len()).max().unwrap_or(0);
    let mut header: Vec<String> = [
        "code",
        "author",
        "affiliation",
        "rank",
        "rank_standardised",
        "agreed",
    ]
    .map(String::from)
    .to_vec();
    header.extend(r.criteria.iter().cloned());
    for i in 1..=width {
        header.push(format!("marker {i}"));
        header.push(format!("marker {i} total"));
    }
    header.extend(["spread", "shortlisted", "winner"].map(String::from));
    let mut out = crate::csv::row(&header);
    let num = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for e in &r.entries {
        let mut row = vec![
            e.code.clone(),
            e.author.clone().unwrap_or_default(),
            e.affiliation.clone().unwrap_or_default(),
            e.rank.map_or_else(String::new, |r| r.to_string()),
            e.rank_standardised
                .map_or_else(String::new, |r| r.to_string()),
            num(e.agreed),
        ];
        row.extend(r.criteria.iter().map(|c| num(e.criteria.get(c).copied())));
        for i in 0..width {
            let m = e.marks.get(i);
            row.push(m.map_or_else(String::new, |m| m.marker.clone()));
            row.push(num(m.and_then(|m| m.total)));
        }
        row.extend([
            num(e.spread),
            e.shortlisted.to_string(),
            e.winner.to_string(),
        ]);
        out.push_str(&crate::csv::row(&row));
    }
    Ok(out)
}

/// Write the results CSV to `path`.
pub fn export_results(library: &Library, name: &str, path: &Path) -> ApiResult<()> {
    write_atomic(path, &results_csv(library, name)?)
}

pub fn feedback(
    library: &Library,
    name: &str,
    code: &str,
    format: wire::FeedbackFormat,
) -> ApiResult<String> {
    Ok(library.review_feedback(name, code, format.into())?)
}

/// `--format markdown|html`.
pub fn parse_feedback_format(format: &str) -> ApiResult<wire::FeedbackFormat> {
    match format.trim().to_ascii_lowercase().as_str() {
        "markdown" | "md" => Ok(wire::FeedbackFormat::Markdown),
        "html" => Ok(wire::FeedbackFormat::Html),
        other => Err(ApiError::invalid(format!(
            "unknown feedback format `{other}` (markdown or html)"
        ))),
    }
}

/// Write an entry's feedback sheet to `path`; HTML is a whole page.
pub fn export_feedback(
    library: &Library,
    name: &str,
    code: &str,
    format: wire::FeedbackFormat,
    path: &Path,
) -> ApiResult<()> {
    let body = feedback(library, name, code, format)?;
    let text = match format {
        wire::FeedbackFormat::Markdown => body,
        wire::FeedbackFormat::Html => format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feedback</title>\
             <style>body{{font:16px/1.5 Georgia,serif;max-width:44em;margin:2em auto;padding:0 1em}}\
             table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}\
             blockquote{{border-left:3px solid #c9b;margin:0;padding-left:1em;color:#555}}</style></head>\n<body>\n{body}</body></html>\n"
        ),
    };
    write_atomic(path, &text)
}

// ---- marks between machines -------------------------------------------

/// Marker `marker`'s marks for round `name` as a marks file (pretty JSON).
pub fn export_marks(library: &Library, name: &str, marker: &str) -> ApiResult<String> {
    let file = library.export_marks(name, marker)?;
    Ok(serde_json::to_string_pretty(&file).expect("a marks file serialises") + "\n")
}

pub fn export_marks_to(library: &Library, name: &str, marker: &str, path: &Path) -> ApiResult<()> {
    write_atomic(path, &export_marks(library, name, marker)?)
}

/// Import a marks file; the whole file is refused (nothing stored) when it
/// is damaged, edited, or for another round, marker or rubric.
pub fn import_marks(
    library: &mut Library,
    path: &Path,
    actor: &str,
) -> ApiResult<wire::MarksImport> {
    let text = read_file(path, "marks")?;
    let file = engine::MarksFile::parse(&text)
        .map_err(|e| ApiError::invalid(format!("{}: {e}", path.display())))?;
    library
        .import_marks(&file, actor)
        .map(Into::into)
        .map_err(|e| {
            let e = ApiError::from(e);
            ApiError::new(e.kind, format!("{}: {}", path.display(), e.message))
        })
}

pub fn trail(
    library: &Library,
    name: &str,
    code: Option<&str>,
) -> ApiResult<Vec<wire::TrailEvent>> {
    Ok(wire::all(library.review_trail(name, code)?))
}
