//! Tests of the insights: real figures pinned on the sample library, and a
//! small made-up library where essays share works.

use super::*;
use crate::{Importance, Library, Placement, Purpose};

fn sample() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    library.import_sample().unwrap();
    library.link_works().unwrap();
    (dir, library)
}

/// The competition's four entries are documents 1–4 (import order).
#[test]
fn the_sample_essays_have_their_real_figures() {
    let (_d, library) = sample();
    // (median age, references, undated, citations, per 100 words, uncited paragraphs)
    let expected = [
        (1, 3.0, 17, 0, 23, 2.35, vec![0, 2]),
        (2, 2.0, 11, 0, 13, 1.34, vec![0, 5]),
        (3, 6.5, 16, 0, 18, 1.66, vec![14, 15]),
        (4, 6.0, 20, 1, 22, 2.2, vec![9]),
    ];
    for (id, median, refs, undated, cites, per100, uncited) in expected {
        let e = library.essay_insights(id).unwrap();
        assert_eq!(e.year, Some(2020), "essay {id}");
        assert_eq!(e.median_age, Some(median), "essay {id}");
        assert_eq!(e.references, refs, "essay {id}");
        assert_eq!(e.undated, undated, "essay {id}");
        assert_eq!(
            e.years.iter().map(|y| y.count).sum::<usize>(),
            refs - undated
        );
        assert_eq!(e.types.values().sum::<usize>(), refs);
        assert_eq!(e.types.len(), REFERENCE_TYPES.len());
        assert_eq!(e.citations, cites, "essay {id}");
        assert_eq!(e.citation_positions.len(), cites);
        assert_eq!(e.citations_per_100_words, per100, "essay {id}");
        assert_eq!(e.uncited_paragraphs, uncited, "essay {id}");
        for &p in &e.citation_positions {
            assert!(e.paragraphs[p].citations > 0);
        }
    }
    // Holly Clarke cites journal articles almost only; Verity Clarke books.
    let holly = library.essay_insights(1).unwrap();
    assert_eq!(holly.types["journal_article"], 14);
    assert_eq!(holly.types["web_page"], 2);
    let verity = library.essay_insights(4).unwrap();
    assert_eq!(verity.types["book"], 13);
    assert_eq!(
        library.essay_insights(3).unwrap().years.first(),
        Some(&YearCount {
            year: 1992,
            count: 1
        })
    );
}

#[test]
fn the_sample_competition_shares_no_work() {
    let (_d, library) = sample();
    let all = library.library_insights(Scope::default(), 100, 6).unwrap();
    // The four entries; the blog post that copies one is not counted twice.
    assert_eq!(all.essays, 4);
    assert_eq!(all.works, 64);
    assert!(
        all.most_cited.iter().all(|m| m.count == 1),
        "no work is cited by two entries"
    );
    assert_eq!(all.network.nodes.len(), 4 + 64);
    assert_eq!(all.network.edges.len(), 64);
    let medians: Vec<f64> = all.ages.iter().map(|a| a.median).collect();
    assert_eq!(medians, [3.0, 2.0, 6.5, 6.0]);
    let charlotte = &all.ages[2];
    assert_eq!((charlotte.min, charlotte.max), (0.0, 28.0));
    // Saved themes first, then six suggested words; sources are columns too.
    assert_eq!(all.themes.themes.len(), 5 + 6);
    assert!(all.themes.themes[5..].iter().all(|t| t.suggested));
    let ids: Vec<i64> = all.themes.documents.iter().map(|d| d.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 6, 7, 8], "the copy (5) is left out");
    let technology = all
        .themes
        .themes
        .iter()
        .position(|t| t.name == "Technology")
        .unwrap();
    assert_eq!(
        all.themes.counts[technology][0], 11,
        "Holly Clarke on social media"
    );
    let cell = library
        .theme_cell(&all.themes.themes[technology].query, 1)
        .unwrap();
    assert_eq!(cell.len(), 11, "the cell opens its paragraphs");
    // The heat map counts what a theme's own page lists.
    let summary = library.themes().unwrap();
    for (row, theme) in all.themes.themes.iter().take(5).enumerate() {
        let saved = summary.iter().find(|s| s.theme.name == theme.name).unwrap();
        for c in &saved.coverage {
            if let Some(col) = ids.iter().position(|&d| d == c.doc) {
                assert_eq!(
                    all.themes.counts[row][col], c.paragraphs,
                    "{} in {}",
                    theme.name, c.doc
                );
            }
        }
    }
}

fn essay(n: usize, refs: &[&str], cites: &str) -> String {
    format!(
        "Essay number {n} on relationships\n\nAuthor{n} Student - University of Lincoln\n\n\
         Relationships in practice are built slowly and with care for everyone involved {cites}.\n\n\
         This paragraph cites nothing at all although it makes a long claim about practice.\n\n\
         References\n\n{}\n",
        refs.join("\n\n")
    )
}

const FERGUSON: &str = "Ferguson, H. (2014) 'What social workers do in performing child protection work', Child and Family Social Work, 21(3), pp. 283–294.";
const SMITH: &str = "Smith, J. (1999) Social work and society. London: Routledge.";
const JONES: &str = "Jones, K. (2019) Anti-poverty practice guide. Birmingham: BASW.";

fn shared() -> (tempfile::TempDir, Library, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut library = Library::open(dir.path()).unwrap();
    let texts = [
        essay(
            1,
            &[FERGUSON, SMITH],
            "(Ferguson, 2014; Smith, 1999) and again (Ferguson, 2014)",
        ),
        essay(2, &[FERGUSON], "(Ferguson, 2014)"),
        essay(3, &[FERGUSON, JONES], "(Jones, 2019)"),
    ];
    let mut ids = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let got = library
            .import_bytes(&format!("e{i}.md"), t.as_bytes(), Some("Spring essays"))
            .unwrap();
        ids.push(got[0].id);
    }
    library.link_works().unwrap();
    (dir, library, ids)
}

#[test]
fn shared_works_lead_and_edges_weigh_their_citations() {
    let (_d, library, ids) = shared();
    let all = library.library_insights(Scope::default(), 10, 0).unwrap();
    assert_eq!(all.essays, 3);
    let top = &all.most_cited[0];
    assert_eq!(top.label, "Ferguson (2014)");
    assert_eq!(top.count, 3);
    assert_eq!(top.documents, ids);
    assert_eq!(
        top.citations, 3,
        "two in essay 1, one in essay 2, none in essay 3"
    );
    let ferguson = format!("work:{}", top.work);
    let weights: Vec<usize> = all
        .network
        .edges
        .iter()
        .filter(|e| e.target == ferguson)
        .map(|e| e.weight)
        .collect();
    assert_eq!(
        weights,
        [2, 1, 1],
        "listed but never cited in the text still counts once"
    );
    let node = all.network.nodes.iter().find(|n| n.id == ferguson).unwrap();
    assert_eq!((node.kind, node.degree), (NodeKind::Work, 3));

    let first = library.essay_insights(ids[0]).unwrap();
    let year = f64::from(first.year.unwrap());
    assert_eq!(
        first.median_age,
        Some(year - 2006.5),
        "between 2014 and 1999"
    );
    assert_eq!(first.uncited_paragraphs.len(), 1);
    assert_eq!(first.citation_positions.len(), 3);

    let passages = library.work_passages(top.work, Scope::default()).unwrap();
    let docs: Vec<i64> = passages.iter().map(|p| p.document).collect();
    assert_eq!(docs, ids[..2], "essay 3 lists Ferguson but never cites it");
    assert_eq!(
        passages[0].citations.len(),
        2,
        "one paragraph, two citations"
    );
}

#[test]
fn the_network_filters_by_year_and_keeps_the_best_connected() {
    let (_d, library, _) = shared();
    let scope = Scope::default();
    let recent = library
        .citation_network(
            scope,
            NetworkFilter {
                from: Some(2010),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(recent
        .nodes
        .iter()
        .all(|n| n.kind == NodeKind::Essay || n.year >= Some(2010)));
    assert_eq!(recent.nodes.len(), 3 + 2, "Smith 1999 is left out");
    let top = library
        .citation_network(
            scope,
            NetworkFilter {
                max_nodes: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(top.nodes.len(), 2);
    let kept: Vec<&str> = top.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        kept,
        ["Essay number 1 on relationships", "Ferguson (2014)"],
        "degree 3, then the first of degree 2"
    );
    assert_eq!(top.edges.len(), 1);
    assert_eq!(top.hidden_nodes, 3 + 3 - 2);
    assert_eq!(top.edges.len() + top.hidden_edges, 5);
}

#[test]
fn a_reading_list_shows_who_cites_each_item_and_the_essential_ones_nobody_does() {
    let (_d, mut library, ids) = shared();
    let works = library.works().unwrap();
    let id_of = |family: &str| {
        works
            .iter()
            .find(|w| w.csl.author.first().and_then(|a| a.family.as_deref()) == Some(family))
            .unwrap()
            .id
    };
    let unread = library.import_works(&[serde_json::from_str(
        r#"{"type":"book","title":"Unread classic","author":[{"family":"Nobody","given":"A."}],"issued":{"date-parts":[[2001]]}}"#,
    ).unwrap()]).unwrap()[0];
    library.create_list("Week 1", Purpose::Reading).unwrap();
    let essential = Placement {
        importance: Some(Importance::Essential),
        ..Default::default()
    };
    library
        .add_to_list("Week 1", &[id_of("Ferguson"), unread], essential)
        .unwrap();
    library
        .add_to_list("Week 1", &[id_of("Smith")], Placement::default())
        .unwrap();
    let collection = library.collections().unwrap()[0].id;
    let scope = Scope {
        collection: Some(collection),
    };
    let c = library.list_coverage("week 1", scope).unwrap();
    assert_eq!(c.essays, 3);
    let cited: Vec<(&str, usize)> = c
        .items
        .iter()
        .map(|i| (i.label.as_str(), i.cited_by.len()))
        .collect();
    assert_eq!(
        cited,
        [
            ("Ferguson (2014)", 3),
            ("Nobody (2001)", 0),
            ("Smith (1999)", 1)
        ]
    );
    assert_eq!(c.items[0].cited_by, ids);
    assert_eq!(c.essential_uncited, [unread]);
    assert!(matches!(
        library.list_coverage("no such list", scope),
        Err(crate::Error::NotFound(_))
    ));
}

#[test]
fn an_unknown_document_or_work_is_not_found() {
    let (_d, library, _) = shared();
    assert!(matches!(
        library.essay_insights(999),
        Err(crate::Error::NotFound(_))
    ));
    assert!(library.work_passages(999, Scope::default()).is_err());
    let empty = Scope {
        collection: Some(999),
    };
    let nothing = library.library_insights(empty, 10, 3).unwrap();
    assert_eq!(
        (
            nothing.essays,
            nothing.most_cited.len(),
            nothing.network.nodes.len()
        ),
        (0, 0, 0)
    );
    assert!(nothing.themes.documents.is_empty());
}

mod generated {
    //! Libraries made from a grammar of essays (a byline or none, paragraphs
    //! with author–date citations or none, headings, a reference list drawn
    //! from a shared pool, some entries with no year), checked for what must
    //! hold of every insight whatever the input.

    use proptest::prelude::*;

    use super::*;

    const FAMILIES: [&str; 8] = [
        "Ferguson",
        "Smith",
        "Jones",
        "Gupta",
        "Ruch",
        "Turney",
        "Munro",
        "Trevithick",
    ];

    fn entry(work: usize) -> String {
        let family = FAMILIES[work % FAMILIES.len()];
        match work % 5 {
            0 => format!("{family}, H. (n.d.) Untitled notes {work}. Available at: https://example.org/{work}"),
            1 => format!("{family}, A. ({}) Book number {work}. London: Sage.", 1990 + work),
            2 => format!("{family}, B. ({}) 'Article {work}', Journal of Social Work, 3(2), pp. 1–9.", 1995 + work),
            3 => format!("{family}, C. ({}) Report {work}. Birmingham: BASW.", 2000 + work),
            _ => format!("{family}, D. ({}) 'Chapter {work}', in Editor, E. (ed.) Book. Bristol: Policy Press, pp. 3–9.", 2005 + work),
        }
    }

    fn essay_text(n: usize, works: &[usize], cited: &[bool], heading: bool) -> String {
        let mut out = format!("Essay {n} about practice\n\n");
        if heading {
            out.push_str("## Introduction\n\n");
        }
        for (i, (&w, &c)) in works.iter().zip(cited).enumerate() {
            let family = FAMILIES[w % FAMILIES.len()];
            let year = match w % 5 {
                0 => "n.d.".to_string(),
                1 => (1990 + w).to_string(),
                2 => (1995 + w).to_string(),
                3 => (2000 + w).to_string(),
                _ => (2005 + w).to_string(),
            };
            let cite = if c {
                format!(" ({family}, {year})")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "Paragraph {i} of essay {n} makes a point about relationships in practice{cite}.\n\n"
            ));
        }
        out.push_str("References\n\n");
        for &w in works {
            out.push_str(&entry(w));
            out.push_str("\n\n");
        }
        out
    }

    fn library_strategy() -> impl Strategy<Value = Vec<(Vec<usize>, Vec<bool>, bool)>> {
        prop::collection::vec(
            (
                prop::collection::vec(0usize..12, 1..6),
                prop::collection::vec(any::<bool>(), 6),
                any::<bool>(),
            ),
            1..5,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn every_insight_is_consistent(essays in library_strategy(), max_nodes in 1usize..20) {
            let dir = tempfile::tempdir().unwrap();
            let mut library = Library::open(dir.path()).unwrap();
            let mut ids = Vec::new();
            for (n, (works, cited, heading)) in essays.iter().enumerate() {
                let mut works = works.clone();
                works.dedup();
                let text = essay_text(n, &works, cited, *heading);
                if let Ok(docs) = library.import_bytes(&format!("e{n}.md"), text.as_bytes(), Some("Generated")) {
                    ids.extend(docs.into_iter().map(|d| d.id));
                }
            }
            library.link_works().unwrap();
            for &id in &ids {
                let e = library.essay_insights(id).unwrap();
                let dated: usize = e.years.iter().map(|y| y.count).sum();
                prop_assert_eq!(dated + e.undated, e.references);
                prop_assert_eq!(e.types.values().sum::<usize>(), e.references);
                prop_assert_eq!(e.citation_positions.len(), e.citations);
                prop_assert_eq!(e.paragraphs.iter().map(|p| p.citations).sum::<usize>(), e.citations);
                for &p in &e.uncited_paragraphs {
                    prop_assert!(e.paragraphs[p].prose && e.paragraphs[p].citations == 0);
                }
                prop_assert!(e.years.windows(2).all(|w| w[0].year < w[1].year));
            }
            let all = library.library_insights(Scope::default(), 100, 2).unwrap();
            for m in &all.most_cited {
                prop_assert_eq!(m.count, m.documents.len());
            }
            let ids_of: std::collections::HashSet<&str> = all.network.nodes.iter().map(|n| n.id.as_str()).collect();
            for e in &all.network.edges {
                prop_assert!(ids_of.contains(e.source.as_str()) && ids_of.contains(e.target.as_str()));
                prop_assert!(e.weight >= 1);
            }
            for a in &all.ages {
                prop_assert!(a.min <= a.q1 && a.q1 <= a.median && a.median <= a.q3 && a.q3 <= a.max, "{:?}", a);
            }
            prop_assert_eq!(all.themes.counts.len(), all.themes.themes.len());
            let cut = library.citation_network(Scope::default(), NetworkFilter { max_nodes: Some(max_nodes), ..Default::default() }).unwrap();
            prop_assert!(cut.nodes.len() <= max_nodes);
            prop_assert_eq!(cut.nodes.len() + cut.hidden_nodes, all.network.nodes.len());
            prop_assert_eq!(cut.edges.len() + cut.hidden_edges, all.network.edges.len());
            for n in &cut.nodes {
                let [x, y] = n.position.unwrap();
                prop_assert!(x.is_finite() && y.is_finite());
            }
        }
    }
}
