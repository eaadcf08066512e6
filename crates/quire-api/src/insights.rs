//! Insights: the numbers behind every chart, for one essay, a collection or
//! the library, and a reading list's coverage; and each chart's data as CSV,
//! so a spreadsheet gets the same figures the chart draws.
//!
//! Works are linked before anything is counted (a reference entry imported
//! since the last listing is otherwise not yet a work).

use quire_engine::insights::{NetworkFilter, Scope};
use quire_engine::Library;

use crate::csv::row;
use crate::library::collection_id;
use crate::wire;
use crate::ApiResult;

/// Most-cited works the library insights list by default.
pub const TOP: usize = 25;
/// Suggested themes the heat map adds to the saved ones.
pub const SUGGESTED: usize = 6;
/// Nodes the app's network draws at most; the rest are counted as hidden.
pub const MAX_NODES: usize = 2000;

fn scope(library: &Library, collection: Option<&str>) -> ApiResult<Scope> {
    Ok(Scope {
        collection: collection
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| collection_id(library, c))
            .transpose()?,
    })
}

/// One document's insights.
pub fn essay(library: &mut Library, id: i64) -> ApiResult<wire::EssayInsights> {
    library.link_works()?;
    Ok(library.essay_insights(id)?.into())
}

/// All of a scope's insights: `top` most-cited works, the whole network, the
/// theme heat map and reference ages.
pub fn library(
    library: &mut Library,
    collection: Option<&str>,
    top: usize,
) -> ApiResult<wire::LibraryInsights> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(library.library_insights(scope, top, SUGGESTED)?.into())
}

/// The `top` works a scope's essays cite most.
pub fn most_cited(
    library: &mut Library,
    collection: Option<&str>,
    top: usize,
) -> ApiResult<Vec<wire::MostCited>> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(wire::all(library.most_cited(scope, top)?))
}

/// A scope's citation network, filtered by year and cut to the best-connected nodes.
pub fn network(
    library: &mut Library,
    collection: Option<&str>,
    filter: wire::NetworkFilter,
) -> ApiResult<wire::Network> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(library
        .citation_network(scope, NetworkFilter::from(filter))?
        .into())
}

/// Saved and suggested themes × the scope's documents.
pub fn themes(library: &Library, collection: Option<&str>) -> ApiResult<wire::ThemeMatrix> {
    let scope = scope(library, collection)?;
    Ok(library.theme_matrix(scope, SUGGESTED)?.into())
}

/// The paragraphs of a document a theme's query matches: a heat-map cell opened.
pub fn theme_cell(
    library: &Library,
    query: &str,
    document: i64,
) -> ApiResult<Vec<wire::SearchHit>> {
    Ok(wire::all(library.theme_cell(query, document)?))
}

/// Reference ages per essay of a scope.
pub fn ages(library: &mut Library, collection: Option<&str>) -> ApiResult<Vec<wire::EssayAges>> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(wire::all(library.reference_ages(scope)?))
}

/// "Where is this cited": the paragraphs of the scope's essays citing a work.
pub fn passages(
    library: &mut Library,
    work: i64,
    collection: Option<&str>,
) -> ApiResult<Vec<wire::CitedPassage>> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(wire::all(library.work_passages(work, scope)?))
}

/// How much of a reading list the scope's essays cite.
pub fn coverage(
    library: &mut Library,
    list: &str,
    collection: Option<&str>,
) -> ApiResult<wire::Coverage> {
    library.link_works()?;
    let scope = scope(library, collection)?;
    Ok(library.list_coverage(list, scope)?.into())
}

/// The data behind a chart as CSV, the same figures the chart draws.
pub fn csv(library: &mut Library, request: &wire::ChartRequest) -> ApiResult<String> {
    let collection = request.collection.as_deref();
    let document = || {
        request
            .document
            .ok_or_else(|| crate::ApiError::invalid("this chart needs a document"))
    };
    let s = |v: &dyn ToString| v.to_string();
    let mut out = String::new();
    let mut line = |cells: Vec<String>| out.push_str(&row(&cells));
    match request.chart {
        wire::Chart::Years => {
            let e = essay(library, document()?)?;
            line(vec!["year".into(), "references".into()]);
            for y in &e.years {
                line(vec![s(&y.year), s(&y.count)]);
            }
            if e.undated > 0 {
                line(vec!["undated".into(), s(&e.undated)]);
            }
        }
        wire::Chart::Types => {
            let e = essay(library, document()?)?;
            line(vec!["type".into(), "references".into()]);
            for kind in quire_engine::insights::REFERENCE_TYPES {
                line(vec![
                    kind.into(),
                    s(&e.types.get(kind).copied().unwrap_or(0)),
                ]);
            }
        }
        wire::Chart::Paragraphs => {
            let e = essay(library, document()?)?;
            line(vec!["paragraph".into(), "citations".into(), "prose".into()]);
            for (i, p) in e.paragraphs.iter().enumerate() {
                line(vec![s(&i), s(&p.citations), s(&p.prose)]);
            }
        }
        wire::Chart::MostCited => {
            line(vec![
                "work".into(),
                "label".into(),
                "title".into(),
                "year".into(),
                "essays".into(),
                "citations".into(),
                "documents".into(),
            ]);
            for m in most_cited(library, collection, usize::MAX)? {
                let docs: Vec<String> = m.documents.iter().map(|d| d.to_string()).collect();
                line(vec![
                    s(&m.work),
                    m.label,
                    m.title.unwrap_or_default(),
                    m.year.map_or_else(String::new, |y| y.to_string()),
                    s(&m.count),
                    s(&m.citations),
                    docs.join(" "),
                ]);
            }
        }
        wire::Chart::Network => {
            let n = network(library, collection, request.filter.unwrap_or_default())?;
            let labels: std::collections::HashMap<&str, &str> = n
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.label.as_str()))
                .collect();
            line(vec![
                "source".into(),
                "essay".into(),
                "target".into(),
                "work".into(),
                "weight".into(),
            ]);
            for e in &n.edges {
                line(vec![
                    e.source.clone(),
                    labels.get(e.source.as_str()).copied().unwrap_or("").into(),
                    e.target.clone(),
                    labels.get(e.target.as_str()).copied().unwrap_or("").into(),
                    s(&e.weight),
                ]);
            }
        }
        wire::Chart::Themes => {
            let m = themes(library, collection)?;
            let mut header = vec!["theme".into(), "suggested".into()];
            header.extend(m.documents.iter().map(|d| format!("#{} {}", d.id, d.label)));
            line(header);
            for (theme, counts) in m.themes.iter().zip(&m.counts) {
                let mut cells = vec![theme.name.clone(), s(&theme.suggested)];
                cells.extend(counts.iter().map(|c| c.to_string()));
                line(cells);
            }
        }
        wire::Chart::Ages => {
            line(
                [
                    "document",
                    "essay",
                    "references",
                    "min",
                    "q1",
                    "median",
                    "q3",
                    "max",
                ]
                .map(String::from)
                .to_vec(),
            );
            for a in ages(library, collection)? {
                line(vec![
                    s(&a.document),
                    a.label,
                    s(&a.references),
                    s(&a.min),
                    s(&a.q1),
                    s(&a.median),
                    s(&a.q3),
                    s(&a.max),
                ]);
            }
        }
        wire::Chart::Coverage => {
            let list = request
                .list
                .as_deref()
                .ok_or_else(|| crate::ApiError::invalid("coverage needs a reading list"))?;
            let c = coverage(library, list, collection)?;
            line(
                [
                    "work",
                    "label",
                    "section",
                    "importance",
                    "essays",
                    "cited by",
                ]
                .map(String::from)
                .to_vec(),
            );
            for i in c.items {
                let by: Vec<String> = i.cited_by.iter().map(|d| d.to_string()).collect();
                line(vec![
                    s(&i.work),
                    i.label,
                    i.section.unwrap_or_default(),
                    i.importance
                        .map_or_else(String::new, |i| format!("{i:?}").to_lowercase()),
                    s(&i.cited_by.len()),
                    by.join(" "),
                ]);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(chart: wire::Chart) -> wire::ChartRequest {
        wire::ChartRequest {
            chart,
            document: Some(3),
            collection: Some("working better".into()),
            list: None,
            filter: None,
        }
    }

    /// Each chart's CSV has a header and one row per bar, cell or node the
    /// chart draws.
    #[test]
    fn every_chart_writes_the_rows_it_draws() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        library.import_sample().unwrap();
        let lines =
            |library: &mut Library, chart| csv(library, &request(chart)).unwrap().lines().count();
        let e = essay(&mut library, 3).unwrap();
        assert_eq!(lines(&mut library, wire::Chart::Years), 1 + e.years.len());
        assert_eq!(lines(&mut library, wire::Chart::Types), 1 + 7);
        assert_eq!(
            lines(&mut library, wire::Chart::Paragraphs),
            1 + e.paragraphs.len()
        );
        assert_eq!(lines(&mut library, wire::Chart::MostCited), 1 + 64);
        assert_eq!(lines(&mut library, wire::Chart::Network), 1 + 64);
        assert_eq!(lines(&mut library, wire::Chart::Themes), 1 + 5 + SUGGESTED);
        assert_eq!(lines(&mut library, wire::Chart::Ages), 1 + 4);
        let header = csv(&mut library, &request(wire::Chart::Ages)).unwrap();
        assert!(header.starts_with("document,essay,references,min,q1,median,q3,max\r\n"));
        let mut no_list = request(wire::Chart::Coverage);
        no_list.list = None;
        assert_eq!(
            csv(&mut library, &no_list).unwrap_err().kind,
            crate::error::ErrorKind::Invalid
        );
        let mut no_doc = request(wire::Chart::Years);
        no_doc.document = None;
        assert!(csv(&mut library, &no_doc).is_err());
    }

    #[test]
    fn a_collection_is_named_by_title_start_or_id() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::open(dir.path()).unwrap();
        library.import_sample().unwrap();
        let full = library.collections().unwrap()[0].title.clone();
        for name in [full.as_str(), "WORKING better", "1", "#1"] {
            assert_eq!(
                crate::library::collection_id(&library, name).unwrap(),
                1,
                "{name}"
            );
        }
        let err = crate::library::collection_id(&library, "Spring").unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::NotFound);
    }
}
