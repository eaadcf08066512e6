//! Review rounds through the library: creation and allocation as stored,
//! marking, the agreed-mark rules and tolerance flags, moderation,
//! standardised ranks, blind masking in the entry's HTML, idempotent marks
//! import with conflicts, the append-only trail, and bad input that
//! changes nothing.

use quire_review::{Rubric, Rule, State};

use super::*;
use crate::{Error, Library};

/// An essay whose author and affiliation appear in its text, citing one
/// work with the wrong year.
fn essay(n: usize, author: &str, affiliation: &str) -> String {
    format!(
        "Working better together {n}\n\n{author} - {affiliation}\n\n\
         Relationships matter (Gupta, 2015) and trust grows slowly {n}.\n\n\
         At {affiliation} I learned to listen, {author} writes.\n\n\
         References\n\n\
         Gupta, A. (2017) Poverty and shame. Journal of Social Work, 10(2), pp. 1-5.\n"
    )
}

fn library(n: usize) -> (tempfile::TempDir, Library, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    let unis = [
        "University of Lincoln",
        "Cardiff University",
        "University of Dundee",
    ];
    let mut ids = Vec::new();
    for i in 0..n {
        let text = essay(
            i,
            &format!("Student{} Author", (b'A' + i as u8) as char),
            unis[i % 3],
        );
        ids.push(
            library
                .import_bytes(&format!("e{i}.md"), text.as_bytes(), None)
                .unwrap()[0]
                .id,
        );
    }
    (dir, library, ids)
}

fn spec(documents: Vec<i64>, per_entry: usize, rule: Rule) -> RoundSpec {
    RoundSpec {
        name: "Spring".into(),
        documents,
        rubric: Rubric::competition(),
        markers: vec![
            MarkerSpec::parse("Ann@Cardiff University"),
            MarkerSpec::parse("Bob@BASW"),
            MarkerSpec::parse("Cy"),
        ],
        per_entry,
        blind: true,
        avoid_same_affiliation: true,
        rule,
        tolerance: 0.10,
    }
}

fn all(score: f64) -> MarkUpdate {
    MarkUpdate {
        scores: Rubric::competition()
            .criteria
            .iter()
            .map(|c| (c.name.clone(), score))
            .collect(),
        submit: true,
        ..MarkUpdate::default()
    }
}

fn markers_of(library: &Library, code: &str) -> Vec<String> {
    let view = library.review_status("Spring").unwrap();
    let e = view.entries.iter().find(|e| e.code == code).unwrap();
    e.marks.iter().map(|m| m.marker.clone()).collect()
}

fn count(library: &Library, sql: &str) -> i64 {
    library.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_round_is_coded_allocated_and_blind() {
    let (_d, mut lib, ids) = library(6);
    let summary = lib
        .create_round(&spec(ids.clone(), 2, Rule::Mean), "coord")
        .unwrap();
    assert_eq!(
        (summary.entries, summary.markers, summary.marks),
        (6, 3, 12)
    );
    let view = lib.review_status("spring").unwrap();
    assert!(view.masked());
    let codes: Vec<&str> = view.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        ["E-001", "E-002", "E-003", "E-004", "E-005", "E-006"]
    );
    assert!(view
        .entries
        .iter()
        .all(|e| e.author.is_none() && e.affiliation.is_none()));
    assert!(view.entries.iter().all(|e| !e.unknown_author));
    // Balanced (12 markings over 3 markers), and Ann (Cardiff) never
    // marks the Cardiff entries (E-002, E-005).
    assert!(
        view.markers.iter().all(|m| m.allocated == 4),
        "{:?}",
        view.markers
    );
    for code in ["E-002", "E-005"] {
        assert!(!markers_of(&lib, code).contains(&"Ann".to_string()));
    }
    assert_eq!(view.entries[0].document, Some(ids[0]));
}

#[test]
fn the_entry_html_masks_author_and_affiliation_until_revealed() {
    let (_d, mut lib, ids) = library(3);
    lib.create_round(&spec(ids, 2, Rule::Mean), "coord")
        .unwrap();
    let marker = markers_of(&lib, "E-001")[0].clone();
    let view = lib.mark_view("Spring", "E-001", &marker).unwrap();
    assert!(view.masked && view.author.is_none());
    assert!(!view.html.contains("StudentA"), "{}", view.html);
    assert!(!view.html.contains("Lincoln"), "{}", view.html);
    // The byline is not in the body; the name and place in the text are.
    assert!(
        view.html.contains(
            r#"<span class="masked" title="Hidden for blind marking">author</span> writes"#
        ),
        "{}",
        view.html
    );
    assert!(
        view.html.contains(">affiliation</span> I learned"),
        "{}",
        view.html
    );
    // The citation is still marked, and its finding offers a comment
    // anchored at it.
    assert!(view.html.contains("class=\"cite\""), "{}", view.html);
    let f = view
        .findings
        .iter()
        .find(|f| f.kind == "year_mismatch")
        .unwrap();
    assert!(f.message.contains("Gupta"), "{}", f.message);
    assert_eq!(f.citation, Some(0));
    assert!(f.anchor.quote.contains("Gupta"));
    lib.reveal("Spring", "coord").unwrap();
    let view = lib.mark_view("Spring", "E-001", &marker).unwrap();
    assert!(!view.masked);
    assert_eq!(view.author.as_deref(), Some("StudentA Author"));
    assert!(view.html.contains("StudentA"));
    let trail = lib.review_trail("Spring", None).unwrap();
    assert!(trail
        .iter()
        .any(|t| t.action == "reveal" && t.actor == "coord"));
}

#[test]
fn marking_submitting_and_the_agreed_mark() {
    let (_d, mut lib, ids) = library(3);
    lib.create_round(&spec(ids, 2, Rule::Mean), "coord")
        .unwrap();
    let [m1, m2]: [String; 2] = markers_of(&lib, "E-001").try_into().unwrap();
    // A partial save is in progress with no total.
    let partial = MarkUpdate {
        scores: vec![("argument and analysis".into(), 7.0)],
        overall: Some("Clear argument.".into()),
        ..MarkUpdate::default()
    };
    assert_eq!(
        lib.save_mark("Spring", "E-001", &m1, &partial, &m1)
            .unwrap(),
        State::InProgress
    );
    let v = lib.mark_view("Spring", "E-001", &m1).unwrap();
    assert_eq!(v.scores["Argument and analysis"], 7.0);
    assert_eq!(v.total, None);
    // Submitting without every score is refused and changes nothing.
    let submit = MarkUpdate {
        submit: true,
        ..MarkUpdate::default()
    };
    let e = lib
        .save_mark("Spring", "E-001", &m1, &submit, &m1)
        .unwrap_err();
    assert!(e.to_string().contains("Use of evidence"), "{e}");
    lib.save_mark("Spring", "E-001", &m1, &all(6.0), &m1)
        .unwrap();
    lib.save_mark("Spring", "E-001", &m2, &all(7.0), &m2)
        .unwrap();
    let status = lib.review_status("Spring").unwrap();
    let e1 = &status.entries[0];
    assert_eq!(e1.agreed, Some(65.0));
    assert!(!e1.flagged);
    // A submitted marking is closed until reopened.
    let e = lib
        .save_mark("Spring", "E-001", &m1, &all(9.0), &m1)
        .unwrap_err();
    assert!(e.to_string().contains("reopen"), "{e}");
    lib.reopen_mark("Spring", "E-001", &m1, &m1).unwrap();
    lib.save_mark("Spring", "E-001", &m1, &all(9.0), &m1)
        .unwrap();
    let e1 = lib.review_status("Spring").unwrap().entries[0].clone();
    assert!(e1.flagged && e1.needs_moderator);
    assert_eq!((e1.agreed, e1.spread), (None, Some(20.0)));
    // The moderator decides, with a reason.
    assert!(lib
        .moderate("Spring", "E-001", Some((80.0, " ")), "mod")
        .is_err());
    lib.moderate(
        "Spring",
        "E-001",
        Some((80.0, "Second marker's reading of the evidence")),
        "mod",
    )
    .unwrap();
    let e1 = lib.review_status("Spring").unwrap().entries[0].clone();
    assert_eq!(e1.agreed, Some(80.0));
    assert!(e1.flagged && !e1.needs_moderator);
    assert_eq!(e1.moderation.unwrap().by, "mod");
}

#[test]
fn every_rule_through_the_library() {
    for (rule, agreed) in [
        (Rule::Mean, Some(62.5)),
        (Rule::Highest, Some(65.0)),
        (Rule::First, Some(60.0)),
        (Rule::Moderator, None),
    ] {
        let (_d, mut lib, ids) = library(1);
        lib.create_round(&spec(ids, 2, rule), "coord").unwrap();
        let [m1, m2]: [String; 2] = markers_of(&lib, "E-001").try_into().unwrap();
        lib.save_mark("Spring", "E-001", &m1, &all(6.0), &m1)
            .unwrap();
        lib.save_mark("Spring", "E-001", &m2, &all(6.5), &m2)
            .unwrap();
        let e = lib.review_status("Spring").unwrap().entries[0].clone();
        assert_eq!(e.agreed, agreed, "{rule:?}");
        assert_eq!(e.needs_moderator, rule == Rule::Moderator);
    }
}

#[test]
fn results_rank_raw_and_standardised() {
    let (_d, mut lib, ids) = library(4);
    let mut s = spec(ids, 1, Rule::Mean);
    s.markers = vec![MarkerSpec::parse("Lenient"), MarkerSpec::parse("Harsh")];
    s.avoid_same_affiliation = false;
    lib.create_round(&s, "coord").unwrap();
    let status = lib.review_status("Spring").unwrap();
    for e in &status.entries {
        let m = &e.marks[0].marker;
        let n: f64 = e.code[2..].parse().unwrap();
        let score = if m == "Lenient" { 6.0 + n } else { 1.0 + n };
        lib.save_mark("Spring", &e.code, m, &all(score), m).unwrap();
    }
    let r = lib.review_results("Spring").unwrap();
    assert_eq!(r.entries.len(), 4);
    assert_eq!(r.entries[0].rank, Some(1));
    assert!(r.entries.iter().all(|e| e.rank_standardised.is_some()));
    // Each marker's best entry shares the top standardised rank.
    let firsts = r
        .entries
        .iter()
        .filter(|e| e.rank_standardised == Some(1))
        .count();
    assert_eq!(firsts, 2, "{:?}", r.entries);
    assert_eq!(r.entries[0].criteria.len(), 5);
    assert!(r.masked && r.entries[0].author.is_none());
}

#[test]
fn comments_stay_anchored_and_feedback_quotes_them() {
    let (_d, mut lib, ids) = library(1);
    lib.create_round(&spec(ids, 1, Rule::Mean), "coord")
        .unwrap();
    let m = markers_of(&lib, "E-001")[0].clone();
    let view = lib.mark_view("Spring", "E-001", &m).unwrap();
    let finding = view.findings[0].clone();
    lib.add_comment(
        "Spring",
        "E-001",
        &m,
        &CommentSpec {
            anchor: finding.anchor.clone(),
            text: finding.message.clone(),
            finding: Some(finding.kind.clone()),
        },
        &m,
    )
    .unwrap();
    let anchor = Anchor {
        paragraph: 0,
        start: Some(0),
        end: Some(20),
        quote: "Relationships matter".into(),
    };
    lib.add_comment(
        "Spring",
        "E-001",
        &m,
        &CommentSpec {
            anchor: anchor.clone(),
            text: "Say why.".into(),
            finding: None,
        },
        &m,
    )
    .unwrap();
    let bad = Anchor {
        paragraph: 99,
        ..anchor.clone()
    };
    assert!(lib
        .add_comment(
            "Spring",
            "E-001",
            &m,
            &CommentSpec {
                anchor: bad,
                text: "x".into(),
                finding: None
            },
            &m
        )
        .is_err());
    let view = lib.mark_view("Spring", "E-001", &m).unwrap();
    assert_eq!(view.comments.len(), 2);
    assert!(view.comments.iter().any(|c| c.anchor == anchor));
    lib.save_mark(
        "Spring",
        "E-001",
        &m,
        &MarkUpdate {
            overall: Some("Well argued.".into()),
            ..all(7.0)
        },
        &m,
    )
    .unwrap();
    let md = lib
        .review_feedback("Spring", "E-001", FeedbackFormat::Markdown)
        .unwrap();
    assert!(md.contains("Agreed mark: 70 / 100"), "{md}");
    assert!(
        md.contains("> Relationships matter") && md.contains("Say why."),
        "{md}"
    );
    assert!(md.contains("Well argued.") && md.contains("Gupta"), "{md}");
    let html = lib
        .review_feedback("Spring", "E-001", FeedbackFormat::Html)
        .unwrap();
    assert!(
        html.contains("<table>") && html.contains("<blockquote>"),
        "{html}"
    );
}

#[test]
fn marks_files_import_once_and_report_conflicts() {
    let (_d, mut lib, ids) = library(3);
    lib.create_round(&spec(ids.clone(), 2, Rule::Mean), "coord")
        .unwrap();
    // The marker's machine: the same documents in another library.
    let (_d2, mut theirs, theirs_ids) = library(3);
    theirs
        .create_round(&spec(theirs_ids, 2, Rule::Mean), "coord")
        .unwrap();
    let marker = markers_of(&theirs, "E-001")[0].clone();
    let queue: Vec<String> = theirs
        .review_status("Spring")
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.marks.iter().any(|m| m.marker == marker))
        .map(|e| e.code.clone())
        .collect();
    for code in &queue {
        theirs
            .save_mark("Spring", code, &marker, &all(8.0), &marker)
            .unwrap();
    }
    let file = theirs.export_marks("Spring", &marker).unwrap();
    let text = serde_json::to_string_pretty(&file).unwrap();
    let file = MarksFile::parse(&text).unwrap();

    let first = lib.import_marks(&file, "coord").unwrap();
    assert_eq!(first.imported, queue);
    assert!(first.conflicts.is_empty());
    let trail_len = lib.review_trail("Spring", None).unwrap().len();
    let again = lib.import_marks(&file, "coord").unwrap();
    assert!(again.imported.is_empty() && again.conflicts.is_empty());
    assert_eq!(again.unchanged, queue);
    assert_eq!(
        lib.review_trail("Spring", None).unwrap().len(),
        trail_len,
        "idempotent"
    );

    // The coordinator's copy changes; the file no longer agrees.
    lib.reopen_mark("Spring", &queue[0], &marker, "coord")
        .unwrap();
    lib.save_mark("Spring", &queue[0], &marker, &all(2.0), "coord")
        .unwrap();
    let third = lib.import_marks(&file, "coord").unwrap();
    assert_eq!(third.conflicts.len(), 1);
    assert_eq!(third.conflicts[0].code, queue[0]);
    assert_eq!(third.conflicts[0].file_total, Some(80.0));
    let v = lib.mark_view("Spring", &queue[0], &marker).unwrap();
    assert_eq!(v.total, Some(20.0), "never overwritten");
}

#[test]
fn marks_files_for_elsewhere_are_refused_whole() {
    let (_d, mut lib, ids) = library(2);
    lib.create_round(&spec(ids, 2, Rule::Mean), "coord")
        .unwrap();
    let marker = markers_of(&lib, "E-001")[0].clone();
    lib.save_mark("Spring", "E-001", &marker, &all(5.0), &marker)
        .unwrap();
    let good = lib.export_marks("Spring", &marker).unwrap();
    let marks_before = count(&lib, "SELECT count(*) FROM review_trail");
    let mut other_round = good.clone();
    other_round.round = "Autumn".into();
    let mut other_marker = good.clone();
    other_marker.marker.name = "Zed".into();
    let mut other_entry = good.clone();
    other_entry.entries[0].content_hash = "nope".into();
    let mut out_of_range = good.clone();
    out_of_range.entries[0]
        .scores
        .insert("Referencing".into(), 11.0);
    let mut other_rubric = good.clone();
    other_rubric.rubric = "0".repeat(64);
    for (file, says) in [
        (other_round, "Autumn"),
        (other_marker, "Zed"),
        (other_entry, "not in round"),
        (out_of_range, "outside"),
        (other_rubric, "different rubric"),
    ] {
        let e = lib.import_marks(&file.seal(), "coord").unwrap_err();
        assert!(e.to_string().contains(says), "{says}: {e}");
    }
    assert_eq!(
        count(&lib, "SELECT count(*) FROM review_trail"),
        marks_before
    );
    let tampered = serde_json::to_string(&good).unwrap().replace("5.0", "9.0");
    assert!(MarksFile::parse(&tampered).is_err());
}

#[test]
fn the_trail_is_append_only_and_per_entry() {
    let (_d, mut lib, ids) = library(2);
    lib.create_round(&spec(ids, 2, Rule::Mean), "coord")
        .unwrap();
    let [m1, m2]: [String; 2] = markers_of(&lib, "E-001").try_into().unwrap();
    let spare = ["Ann", "Bob", "Cy"]
        .into_iter()
        .find(|n| ![m1.as_str(), m2.as_str()].contains(n))
        .unwrap();
    lib.save_mark("Spring", "E-001", &m1, &all(5.0), &m1)
        .unwrap();
    assert!(lib
        .reassign("Spring", "E-001", &m1, spare, "coord")
        .is_err());
    let trail = lib.review_trail("Spring", Some("e-001")).unwrap();
    assert!(trail
        .iter()
        .all(|t| t.entry.as_deref().is_none_or(|c| c == "E-001")));
    let score = trail
        .iter()
        .find(|t| t.action == format!("score Referencing ({m1})"))
        .unwrap();
    assert_eq!(
        (score.old.as_deref(), score.new.as_deref()),
        (None, Some("5"))
    );
    assert!(trail
        .iter()
        .any(|t| t.action == format!("state ({m1})") && t.new.as_deref() == Some("submitted")));
    for sql in [
        "UPDATE review_trail SET actor = 'x'",
        "DELETE FROM review_trail",
    ] {
        let e = lib.conn().execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    // Deleting the round takes its trail with it.
    lib.delete_round("Spring").unwrap();
    assert_eq!(count(&lib, "SELECT count(*) FROM review_trail"), 0);
    assert_eq!(count(&lib, "SELECT count(*) FROM review_marks"), 0);
}

#[test]
fn reassigning_moves_only_unstarted_markings() {
    let (_d, mut lib, ids) = library(1);
    let mut s = spec(ids, 1, Rule::Mean);
    s.avoid_same_affiliation = false;
    lib.create_round(&s, "coord").unwrap();
    let m = markers_of(&lib, "E-001")[0].clone();
    let other = if m == "Bob" { "Cy" } else { "Bob" };
    lib.reassign("Spring", "E-001", &m, other, "coord").unwrap();
    assert_eq!(markers_of(&lib, "E-001"), [other]);
    assert!(lib
        .reassign("Spring", "E-001", other, other, "coord")
        .is_err());
    lib.save_mark(
        "Spring",
        "E-001",
        other,
        &MarkUpdate {
            overall: Some("started".into()),
            ..MarkUpdate::default()
        },
        other,
    )
    .unwrap();
    let e = lib
        .reassign("Spring", "E-001", other, &m, "coord")
        .unwrap_err();
    assert!(e.to_string().contains("already started"), "{e}");
    let trail = lib.review_trail("Spring", Some("E-001")).unwrap();
    assert!(trail
        .iter()
        .any(|t| t.action == "reassign" && t.new.as_deref() == Some(other)));
}

#[test]
fn bad_input_is_named_and_changes_nothing() {
    let (_d, mut lib, ids) = library(2);
    lib.create_round(&spec(ids.clone(), 2, Rule::Mean), "coord")
        .unwrap();
    let m = markers_of(&lib, "E-001")[0].clone();
    let before = count(&lib, "SELECT count(*) FROM review_trail");
    let cases: Vec<(Result<State, Error>, &str)> = vec![
        (
            lib.save_mark(
                "Spring",
                "E-001",
                &m,
                &MarkUpdate {
                    scores: vec![("Referencing".into(), 10.5)],
                    ..Default::default()
                },
                &m,
            ),
            "outside 0–10",
        ),
        (
            lib.save_mark(
                "Spring",
                "E-001",
                &m,
                &MarkUpdate {
                    scores: vec![("Style".into(), 5.0)],
                    ..Default::default()
                },
                &m,
            ),
            "no criterion `Style`",
        ),
        (
            lib.save_mark("Autumn", "E-001", &m, &all(5.0), &m),
            "review round `Autumn`",
        ),
        (
            lib.save_mark("Spring", "E-009", &m, &all(5.0), &m),
            "entry `E-009`",
        ),
        (
            lib.save_mark("Spring", "E-001", "Zed", &all(5.0), "Zed"),
            "marker `Zed`",
        ),
    ];
    for (result, says) in cases {
        let e = result.unwrap_err().to_string();
        assert!(e.contains(says), "{says}: {e}");
    }
    // A valid score next to a bad one is not kept either.
    let mixed = MarkUpdate {
        scores: vec![
            ("Referencing".into(), 5.0),
            ("Use of evidence".into(), -1.0),
        ],
        ..Default::default()
    };
    assert!(lib.save_mark("Spring", "E-001", &m, &mixed, &m).is_err());
    assert_eq!(count(&lib, "SELECT count(*) FROM review_trail"), before);
    assert!(lib
        .mark_view("Spring", "E-001", &m)
        .unwrap()
        .scores
        .is_empty());
    // Rounds that cannot be made.
    let mut dup = spec(ids.clone(), 2, Rule::Mean);
    assert!(lib
        .create_round(&dup, "c")
        .unwrap_err()
        .to_string()
        .contains("already exists"));
    dup.name = "Other".into();
    dup.per_entry = 4;
    assert!(lib
        .create_round(&dup, "c")
        .unwrap_err()
        .to_string()
        .contains("at least 4 markers"));
    dup.per_entry = 1;
    dup.tolerance = 1.5;
    assert!(lib.create_round(&dup, "c").is_err());
    dup.tolerance = 0.1;
    dup.documents = vec![ids[0], 999];
    assert!(matches!(
        lib.create_round(&dup, "c"),
        Err(Error::NotFound(_))
    ));
    assert_eq!(lib.rounds().unwrap().len(), 1);
}

#[test]
fn templates_save_list_and_refuse_the_shipped_name() {
    let (_d, mut lib, _) = library(0);
    let mut r = Rubric::competition();
    assert!(lib.save_rubric_template(&r).is_err());
    r.name = "Module essay".into();
    r.criteria.truncate(2);
    lib.save_rubric_template(&r).unwrap();
    assert_eq!(lib.rubric_template("module ESSAY").unwrap(), r);
    let names: Vec<String> = lib
        .rubric_templates()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["competition", "Module essay"]);
    lib.delete_rubric_template("Module essay").unwrap();
    assert!(lib.rubric_template("Module essay").is_err());
    assert!(lib.delete_rubric_template("competition").is_err());
}

#[test]
fn the_sample_library_opens_with_its_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.import_sample().unwrap();
    lib.import_sample().unwrap();
    let rounds = lib.rounds().unwrap();
    assert_eq!(rounds.len(), 1);
    let view = lib.review_status(sample::NAME).unwrap();
    assert_eq!(view.entries.len(), 4, "{:?}", view.entries);
    assert!(view.masked());
    assert!(view.entries.iter().all(|e| e.marks.len() == 2));
    for e in &view.entries {
        let html = lib
            .mark_view(sample::NAME, &e.code, "Jon Dudley")
            .unwrap()
            .html;
        let doc = lib.document(e.document.unwrap()).unwrap();
        let family = doc
            .summary
            .author
            .as_deref()
            .unwrap()
            .split_whitespace()
            .last()
            .unwrap()
            .to_string();
        assert!(!html.contains(&family), "{} shows {family}", e.code);
    }
}

#[test]
fn a_read_only_library_refuses_every_review_write() {
    let (dir, mut lib, ids) = library(2);
    lib.create_round(&spec(ids.clone(), 2, Rule::Mean), "coord")
        .unwrap();
    let m = markers_of(&lib, "E-001")[0].clone();
    lib.save_mark("Spring", "E-001", &m, &all(5.0), &m).unwrap();
    let marks = lib.export_marks("Spring", &m).unwrap();
    drop(lib);
    let options = crate::OpenOptions {
        create: false,
        read_only: true,
    };
    let mut lib = Library::open_with(dir.path(), options).unwrap();
    let read_only = |result: Result<(), Error>, what: &str| match result {
        Err(Error::ReadOnly(_)) => {}
        other => panic!("{what}: {other:?}"),
    };
    let mut other = spec(ids, 1, Rule::Mean);
    other.name = "Other".into();
    let anchor = Anchor {
        paragraph: 0,
        start: None,
        end: None,
        quote: "Relationships".into(),
    };
    let comment = CommentSpec {
        anchor,
        text: "x".into(),
        finding: None,
    };
    read_only(lib.create_round(&other, "c").map(drop), "create_round");
    read_only(lib.delete_round("Spring"), "delete_round");
    read_only(
        lib.save_mark("Spring", "E-002", &m, &all(5.0), &m)
            .map(drop),
        "save_mark",
    );
    read_only(lib.reopen_mark("Spring", "E-001", &m, &m), "reopen_mark");
    read_only(
        lib.add_comment("Spring", "E-002", &m, &comment, &m)
            .map(drop),
        "add_comment",
    );
    read_only(lib.edit_comment("Spring", 1, None, &m), "edit_comment");
    read_only(
        lib.add_bank_comment("x", None).map(drop),
        "add_bank_comment",
    );
    read_only(lib.remove_bank_comment(1), "remove_bank_comment");
    read_only(lib.reassign("Spring", "E-001", &m, "Cy", "c"), "reassign");
    read_only(
        lib.set_entry_flags("Spring", "E-001", Some(true), None, "c"),
        "set_entry_flags",
    );
    read_only(lib.moderate("Spring", "E-001", None, "c"), "moderate");
    read_only(lib.reveal("Spring", "c").map(drop), "reveal");
    read_only(lib.import_marks(&marks, "c").map(drop), "import_marks");
    read_only(
        lib.save_rubric_template(&Rubric {
            name: "T".into(),
            ..Rubric::competition()
        }),
        "save_rubric_template",
    );
    read_only(lib.delete_rubric_template("T"), "delete_rubric_template");
    // Reading still works.
    assert_eq!(lib.review_status("Spring").unwrap().entries.len(), 2);
    assert!(lib.review_results("Spring").is_ok());
}

#[test]
fn an_entry_with_no_author_on_record_is_pointed_out() {
    let (_d, mut lib, mut ids) = library(1);
    ids.extend(
        lib.import_bytes(
            "anon.md",
            b"# Untitled\n\nA text whose byline nobody could read.\n",
            None,
        )
        .unwrap()
        .iter()
        .map(|d| d.id),
    );
    lib.create_round(&spec(ids, 1, Rule::Mean), "coord")
        .unwrap();
    let unknown: Vec<bool> = lib
        .review_status("Spring")
        .unwrap()
        .entries
        .iter()
        .map(|e| e.unknown_author)
        .collect();
    assert_eq!(unknown, [false, true]);
}
