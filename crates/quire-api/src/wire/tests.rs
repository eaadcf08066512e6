//! Each wire type serialises exactly as the engine struct it mirrors did
//! (the JSON the app and the CLI sent before the wire types existed), and
//! reads back from that JSON.

use std::fmt::Debug;

use quire_csl::{CslItem, DateField, Name};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::json;

use super::*;

/// `W::from(engine)` serialises as `engine` does, and reads back equal.
fn mirrors<E, W>(engine: E) -> serde_json::Value
where
    E: Serialize + Clone,
    W: From<E> + Serialize + DeserializeOwned + PartialEq + Debug,
{
    let want = serde_json::to_value(&engine).unwrap();
    let wire = W::from(engine);
    let got = serde_json::to_value(&wire).unwrap();
    assert_eq!(got, want, "{}", std::any::type_name::<W>());
    let back: W = serde_json::from_value(got.clone()).unwrap();
    assert_eq!(back, wire);
    got
}

fn summary() -> quire_engine::DocSummary {
    quire_engine::DocSummary {
        id: 7,
        kind: quire_engine::Kind::Essay,
        title: "Poverty-aware practice".into(),
        author: Some("A. Student".into()),
        affiliation: None,
        word_count: 2480,
        duplicate_of: Some(3),
    }
}

fn csl() -> CslItem {
    CslItem {
        kind: "book".into(),
        author: vec![Name::person("Wilkinson", "Richard")],
        issued: Some(DateField::ymd(2010, None, None)),
        title: Some("The Spirit Level".into()),
        ..CslItem::default()
    }
}

#[test]
fn documents() {
    let summary_json = mirrors::<_, DocSummary>(summary());
    assert_eq!(
        summary_json,
        json!({"id": 7, "kind": "essay", "title": "Poverty-aware practice", "author": "A. Student",
               "affiliation": null, "word_count": 2480, "duplicate_of": 3})
    );
    mirrors::<_, DocRow>(quire_engine::DocRow {
        summary: summary(),
        collection_id: Some(1),
        collection: Some("Essay prize 2024".into()),
        year: Some(2024),
        origin: "entries.docx".into(),
        limit_flag: Some(quire_engine::LimitFlag::Over),
    });
    mirrors::<_, Document>(quire_engine::Document {
        summary: summary(),
        collection_id: None,
        collection: None,
        year: None,
        origin: "essay.md".into(),
        content_hash: "abc".into(),
        limit_flag: None,
        body: "Text.".into(),
        references: vec!["Wilkinson, R. (2010) The Spirit Level.".into()],
        duplicates: vec![9],
    });
    mirrors::<_, Collection>(quire_engine::Collection {
        id: 1,
        title: "Essay prize".into(),
        prompt: None,
        year: Some(2024),
        min_words: Some(1500),
        max_words: Some(2500),
        documents: 12,
    });
    mirrors::<_, Progress>(quire_engine::Progress {
        done: 1,
        total: 3,
        current: "b.md".into(),
        finished: Some(quire_engine::ImportedFile {
            path: "a.pdf".into(),
            format: Some(quire_engine::FileFormat::Pdf),
            documents: vec![4],
            work: Some(9),
            warnings: Vec::new(),
            error: None,
        }),
        imported: 1,
        failed: 0,
        elapsed_ms: 120,
        remaining_ms: Some(240),
    });
}

#[test]
fn an_import_report_has_warnings_only_when_there_are_some() {
    let mut report = quire_engine::ImportReport {
        imported: vec![summary()],
        errors: vec![quire_engine::ImportFailure {
            path: "bad.pdf".into(),
            message: "unsupported".into(),
        }],
        warnings: Vec::new(),
        files: vec![quire_engine::ImportedFile {
            path: "scan.pdf".into(),
            format: Some(quire_engine::FileFormat::Pdf),
            documents: Vec::new(),
            work: None,
            warnings: vec!["no text layer".into()],
            error: Some("has no text layer".into()),
        }],
        cancelled: false,
    };
    let plain = mirrors::<_, ImportReport>(report.clone());
    assert!(plain.get("warnings").is_none());
    assert!(plain.get("cancelled").is_none());
    assert_eq!(plain["files"][0]["format"], "pdf");
    assert_eq!(plain["files"][0]["warnings"][0], "no text layer");
    report.warnings.push(quire_engine::ImportWarning {
        path: "a.md".into(),
        message: "stored; search index will be rebuilt".into(),
    });
    let warned = mirrors::<_, ImportReport>(report);
    assert_eq!(warned["warnings"][0]["path"], "a.md");
}

fn work() -> quire_engine::Work {
    quire_engine::Work {
        id: 4,
        csl: csl(),
        edited: false,
        cited_by: vec![quire_engine::CitedBy {
            document_id: 7,
            title: "Poverty-aware practice".into(),
            author: None,
            count: 1,
        }],
    }
}

#[test]
fn works() {
    mirrors::<_, Work>(work());
    let row = quire_engine::WorkRow {
        work: work(),
        html: "Wilkinson, R. (2010) <i>The Spirit Level</i>.".into(),
        text: "Wilkinson, R. (2010) The Spirit Level.".into(),
        citation: "(Wilkinson, 2010)".into(),
    };
    let json = mirrors::<_, WorkRow>(row.clone());
    assert_eq!(json["csl"]["type"], "book");
    mirrors::<_, WorksPage>(quire_engine::WorksPage {
        rows: vec![row],
        total: 1,
    });
}

#[test]
fn lists() {
    mirrors::<_, ListSummary>(quire_engine::ListSummary {
        id: 2,
        name: "Week 3".into(),
        purpose: quire_engine::Purpose::Reading,
        style: "apa".into(),
        items: 1,
    });
    mirrors::<_, ListView>(quire_engine::ListView {
        id: 2,
        name: "Week 3".into(),
        purpose: quire_engine::Purpose::Reference,
        style: "apa".into(),
        sections: vec!["Core".into()],
        items: vec![quire_engine::ListItem {
            work_id: 4,
            section: Some("Core".into()),
            position: 0,
            importance: Some(quire_engine::Importance::Essential),
            note: Some("chapter 2".into()),
            csl: csl(),
        }],
    });
    use quire_engine::bibliography::{Entry, FormattedList as Engine, Section};
    let json = mirrors::<_, FormattedList>(Engine {
        style: "apa".into(),
        style_title: "APA".into(),
        sections: vec![Section {
            title: None,
            entries: vec![Entry {
                work_id: Some(4),
                html: "<p>x</p>".into(),
                text: "x".into(),
                markdown: "x".into(),
                citation: "(x)".into(),
                importance: Some(quire_engine::Importance::Further),
                note: None,
            }],
        }],
        html: "<p>x</p>".into(),
        text: "x".into(),
        markdown: "x".into(),
    });
    // An entry's Markdown stays in the engine.
    assert!(json["sections"][0]["entries"][0].get("markdown").is_none());
    mirrors::<_, StyleSummary>(quire_engine::StyleSummary {
        name: "apa".into(),
        title: "APA".into(),
        bundled: true,
        parent: None,
        locale: Some("en-US".into()),
    });
}

fn hit() -> quire_engine::search::Hit {
    quire_engine::search::Hit {
        doc: 7,
        title: "Poverty-aware practice".into(),
        author: None,
        kind: "essay".into(),
        paragraph: Some(2),
        score: 1.5,
        snippet: "poverty aware".into(),
        highlights: vec![(0, 7)],
        parts: vec![
            quire_engine::search::SnippetPart {
                text: "poverty".into(),
                matched: true,
            },
            quire_engine::search::SnippetPart {
                text: " aware".into(),
                matched: false,
            },
        ],
    }
}

#[test]
fn search_and_themes() {
    use quire_engine::search::{FacetCount as F, Facets as Fs, SearchResults as R};
    let results = R {
        total: 1,
        ignored: vec!["an unclosed quote".into()],
        hits: vec![hit()],
        facets: Fs {
            kind: vec![F {
                value: "essay".into(),
                count: 1,
            }],
            ..Fs::default()
        },
        similar: vec![],
    };
    mirrors::<_, SearchResults>(results.clone());
    let theme = quire_search::Theme {
        name: "poverty".into(),
        query: "poverty OR deprivation".into(),
        colour: "#d9534f".into(),
    };
    let mut summary = quire_engine::themes::ThemeSummary {
        theme: theme.clone(),
        documents: 1,
        paragraphs: 2,
        coverage: vec![quire_engine::themes::Coverage {
            doc: 7,
            paragraphs: 2,
        }],
        error: None,
    };
    assert!(mirrors::<_, ThemeSummary>(summary.clone())
        .get("error")
        .is_none());
    summary.error = Some("too many brackets".into());
    mirrors::<_, ThemeSummary>(summary);
    mirrors::<_, ThemeReport>(quire_engine::themes::ThemeReport {
        theme,
        documents: vec![quire_engine::themes::ThemeDoc {
            doc: 7,
            title: "t".into(),
            author: None,
            kind: "essay".into(),
            paragraphs: vec![hit()],
        }],
        works: vec![quire_engine::themes::ThemeWork {
            work: "Wilkinson (2010)".into(),
            work_id: Some(4),
            paragraphs: 1,
            documents: vec![7],
        }],
        ignored: vec![],
    });
    mirrors::<_, KeyTerm>(quire_engine::search::KeyTerm {
        term: "poverty".into(),
        score: 2.5,
        paragraphs: 3,
        documents: 2,
    });

    // The CLI's search contract keeps its hit's eight keys.
    let json = serde_json::to_value(SearchJson::new(results.into(), false)).unwrap();
    let keys: Vec<_> = json["hits"][0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "author",
            "doc",
            "highlights",
            "kind",
            "paragraph",
            "score",
            "snippet",
            "title"
        ]
    );
    assert_eq!(json["facets"], json!({}));
}

#[test]
fn audits() {
    let essay = quire_cite::audit(
        "Inequality harms everyone (Wilkinson and Pickett, 2010; Smith, 2019, p. 4).",
        &["Wilkinson, R. and Pickett, K. (2009) The Spirit Level. London: Allen Lane.".into()],
    );
    let json = mirrors::<_, EssayAudit>(essay);
    assert!(json["citations"][0].get("number").is_none());
    assert!(json["references"][0].get("number").is_none());
    let numeric = quire_cite::audit(
        "As shown [1], and again [2].",
        &["[1] Smith J. Title. Journal. 2019;1:1-2.".into()],
    );
    let json = mirrors::<_, EssayAudit>(numeric);
    assert_eq!(json["citations"][0]["number"], 1);
}

#[test]
fn arguments_reach_the_engine() {
    let filter: DocFilter = serde_json::from_value(json!({"kind": "source"})).unwrap();
    let engine = quire_engine::DocFilter::from(filter);
    assert_eq!(engine.kind, Some(quire_engine::Kind::Source));
    assert_eq!(engine.collection_id, None);
    let filter: DocFilter =
        serde_json::from_value(json!({"kind": null, "collection_id": 3})).unwrap();
    assert_eq!(quire_engine::DocFilter::from(filter).collection_id, Some(3));
    assert!(serde_json::from_value::<DocFilter>(json!({"kind": "poem"})).is_err());

    let works: WorksFilter = serde_json::from_value(json!({"cited": true})).unwrap();
    assert_eq!(quire_engine::WorksFilter::from(works).cited, Some(true));

    let query: SearchQuery = serde_json::from_value(json!({"text": "x", "limit": 500})).unwrap();
    assert_eq!(query.to_engine(20, 100).limit, 100);
    let query: SearchQuery = serde_json::from_value(json!({})).unwrap();
    assert_eq!(query.to_engine(20, 100).limit, 20);

    let format: ListExportFormat = serde_json::from_value(json!("csl-json")).unwrap();
    assert_eq!(format.interchange(), Some(InterchangeFormat::CslJson));
    assert_eq!(format.as_str(), "csl-json");
}

#[test]
fn insights() {
    use quire_engine::insights::{NetworkFilter as Filter, Scope};
    let dir = tempfile::tempdir().unwrap();
    let mut library = quire_engine::Library::open(dir.path()).unwrap();
    library.import_sample().unwrap();
    library.link_works().unwrap();
    let essay = mirrors::<_, EssayInsights>(library.essay_insights(2).unwrap());
    assert_eq!(essay["median_age"], 2.0);
    let all = library.library_insights(Scope::default(), 5, 2).unwrap();
    let json = mirrors::<_, LibraryInsights>(all);
    assert_eq!(json["network"]["nodes"][0]["kind"], "essay");
    let cut = Filter {
        max_nodes: Some(10),
        ..Filter::default()
    };
    let network = library.citation_network(Scope::default(), cut).unwrap();
    assert_eq!(mirrors::<_, Network>(network)["hidden_nodes"], 58);
    let work = library.most_cited(Scope::default(), 1).unwrap()[0].work;
    mirrors::<_, CitedPassage>(library.work_passages(work, Scope::default()).unwrap()[0].clone());
    let filter: NetworkFilter =
        serde_json::from_value(json!({"from": 2010, "to": null, "max_nodes": 5})).unwrap();
    assert_eq!(Filter::from(filter).from, Some(2010));
    let chart: ChartRequest = serde_json::from_value(json!({"chart": "most_cited", "document": null, "collection": null, "list": null, "filter": null})).unwrap();
    assert_eq!(chart.chart, Chart::MostCited);
}
