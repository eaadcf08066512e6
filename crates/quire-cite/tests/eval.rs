//! Evaluation against the hand-labelled set in `tests/fixtures/cite/`:
//! audit precision/recall (citations found, issues raised) on the four seed
//! essays and on essays written for the set, and field-level F1 of the
//! reference parser on every labelled entry. Run with `--nocapture` to see
//! the figures; the test fails below 0.95.

mod support;

use std::collections::BTreeMap;

use quire_cite::{audit, fold_key, parse_reference, EssayAudit};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = support::repo_path(&format!("tests/fixtures/cite/{name}"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture exists"))
        .expect("fixture is JSON")
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

fn last_word_key(name: &str) -> String {
    fold_key(name.split_whitespace().last().unwrap_or(""))
}

/// Pairs each gold citation with a predicted one (same year, same first
/// author), in order. Returns gold index → predicted index.
fn align(gold: &[Value], audit: &EssayAudit) -> Vec<Option<usize>> {
    let mut used = vec![false; audit.citations.len()];
    gold.iter()
        .map(|g| {
            let year = fold_key(g["year"].as_str().unwrap_or(""));
            let first = last_word_key(g["authors"][0].as_str().unwrap_or(""));
            let found = audit.citations.iter().enumerate().position(|(i, p)| {
                !used[i]
                    && fold_key(&p.citation.year) == year
                    && p.citation
                        .authors
                        .first()
                        .is_some_and(|a| last_word_key(a) == first)
            });
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect()
}

#[derive(Default)]
struct AuditFigures {
    found: Counts,
    fully_right: usize,
    gold_citations: usize,
    issues: Counts,
}

fn evaluate_essay(
    body: &str,
    refs: &[String],
    gold: &Value,
    figures: &mut AuditFigures,
    name: &str,
) {
    let predicted = audit(body, refs);
    let gold_cits = gold["citations"].as_array().expect("citations");
    let alignment = align(gold_cits, &predicted);
    let aligned = alignment.iter().flatten().count();
    figures.found.tp += aligned;
    figures.found.fn_ += gold_cits.len() - aligned;
    figures.found.fp += predicted.citations.len() - aligned;
    figures.gold_citations += gold_cits.len();
    for (g, p) in gold_cits.iter().zip(&alignment) {
        let Some(p) = p.map(|i| &predicted.citations[i]) else {
            println!("  [{name}] not found: {}", g["text"]);
            continue;
        };
        let status = serde_json::to_value(p.status).expect("status");
        let right = g["status"] == status
            && g["reference"].as_u64().map(|r| r as usize) == p.reference
            && g["et_al"].as_bool() == Some(p.citation.et_al)
            && g["locator"].as_str() == p.citation.locator.as_deref()
            && g["authors"].as_array().map(Vec::len) == Some(p.citation.authors.len());
        if right {
            figures.fully_right += 1;
        } else {
            println!(
                "  [{name}] differs: gold {g} / got {}",
                serde_json::to_string(p).expect("json")
            );
        }
    }
    // Issues compared in gold citation numbering.
    let to_gold: BTreeMap<usize, usize> = alignment
        .iter()
        .enumerate()
        .filter_map(|(g, p)| p.map(|p| (p, g)))
        .collect();
    let key = |kind: &Value, citation: Option<usize>, reference: Option<u64>| {
        format!("{kind}/{citation:?}/{reference:?}")
    };
    let gold_issues: Vec<String> = gold["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .map(|i| {
            key(
                &i["kind"],
                i["citation"].as_u64().map(|c| c as usize),
                i["reference"].as_u64(),
            )
        })
        .collect();
    let got_issues: Vec<String> = predicted
        .issues
        .iter()
        .map(|i| {
            let citation = i
                .citation
                .map(|c| to_gold.get(&c).copied().unwrap_or(usize::MAX));
            key(
                &serde_json::to_value(i.kind).expect("kind"),
                citation,
                i.reference.map(|r| r as u64),
            )
        })
        .collect();
    for g in &gold_issues {
        if got_issues.contains(g) {
            figures.issues.tp += 1;
        } else {
            figures.issues.fn_ += 1;
            println!("  [{name}] issue missed: {g}");
        }
    }
    for p in &got_issues {
        if !gold_issues.contains(p) {
            figures.issues.fp += 1;
            println!("  [{name}] issue not in gold: {p}");
        }
    }
}

/// A field value in comparable form: dashes, quotes, case and spacing evened out.
fn normalise(v: &Value) -> String {
    match v {
        Value::String(s) => s
            .replace(['’', '‘'], "'")
            .replace(['“', '”'], "\"")
            .replace(['–', '—'], "-")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_lowercase(),
        Value::Array(names) => names
            .iter()
            .map(|n| {
                let name = n["family"].as_str().or(n["literal"].as_str()).unwrap_or("");
                let initials: String = n["given"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| c.is_uppercase())
                    .collect();
                format!("{}/{initials}", fold_key(name))
            })
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

const FIELDS: [&str; 17] = [
    "type",
    "author",
    "editor",
    "issued",
    "year-suffix",
    "title",
    "container-title",
    "edition",
    "volume",
    "issue",
    "page",
    "publisher",
    "publisher-place",
    "DOI",
    "URL",
    "accessed",
    "status",
];

fn evaluate_parser(entries: &[(String, Value)]) -> (Counts, BTreeMap<&'static str, Counts>, usize) {
    let mut per_field: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut exact = 0;
    for (text, gold) in entries {
        let got = serde_json::to_value(parse_reference(text)).expect("csl json");
        let mut all = true;
        for field in FIELDS {
            let c = per_field.entry(field).or_default();
            let (g, p) = (
                gold.get(field).map(normalise),
                got.get(field).map(normalise),
            );
            match (&g, &p) {
                (Some(g), Some(p)) if g == p => c.tp += 1,
                (None, None) => {}
                _ => {
                    all = false;
                    if g.is_some() {
                        c.fn_ += 1;
                    }
                    if p.is_some() {
                        c.fp += 1;
                    }
                    println!("  field {field}: gold {g:?} / got {p:?} in {text}");
                }
            }
        }
        exact += usize::from(all);
    }
    let total = per_field.values().fold(Counts::default(), |a, c| Counts {
        tp: a.tp + c.tp,
        fp: a.fp + c.fp,
        fn_: a.fn_ + c.fn_,
    });
    (total, per_field, exact)
}

#[test]
fn audit_and_parser_reach_the_targets() {
    let seed_gold = fixture("seed-essays.json");
    let unseen = fixture("unseen-essays.json");
    let essays = support::seed_essays();
    assert_eq!(essays.len(), 4, "four essays in seed 001");

    let mut seed = AuditFigures::default();
    let mut parser_entries = Vec::new();
    for (essay, gold) in essays.iter().zip(seed_gold.as_array().expect("array")) {
        assert_eq!(gold["essay"], essay.author.as_str());
        evaluate_essay(
            &essay.body,
            &essay.references,
            gold,
            &mut seed,
            &essay.author,
        );
        for (text, r) in essay
            .references
            .iter()
            .zip(gold["references"].as_array().expect("references"))
        {
            parser_entries.push((text.clone(), r["csl"].clone()));
        }
    }
    let mut held_out = AuditFigures::default();
    for gold in unseen.as_array().expect("array") {
        let refs: Vec<String> = gold["references"]
            .as_array()
            .expect("references")
            .iter()
            .map(|r| r.as_str().unwrap_or("").to_string())
            .collect();
        let name = gold["essay"].as_str().unwrap_or("");
        evaluate_essay(
            gold["body"].as_str().expect("body"),
            &refs,
            gold,
            &mut held_out,
            name,
        );
    }
    let seed_refs = parser_entries.len();
    for r in fixture("references.json").as_array().expect("array") {
        parser_entries.push((
            r["text"].as_str().expect("text").to_string(),
            r["csl"].clone(),
        ));
    }
    // Written after the rules were done and measured once, before any fix:
    // the fairest figure for references the parser has not been tuned on.
    let holdout: Vec<(String, Value)> = fixture("references-holdout.json")
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["text"].as_str().expect("text").to_string(),
                r["csl"].clone(),
            )
        })
        .collect();
    let (holdout_total, holdout_fields, holdout_exact) = evaluate_parser(&holdout);
    let (seed_total, _, seed_exact) = evaluate_parser(&parser_entries[..seed_refs]);
    let (extra_total, _, extra_exact) = evaluate_parser(&parser_entries[seed_refs..]);
    let (total, per_field, exact) = evaluate_parser(&parser_entries);

    for (name, f) in [("seed essays", &seed), ("written essays", &held_out)] {
        println!(
            "AUDIT {name}: citations found P={:.3} R={:.3}; citations fully right {}/{}; issues P={:.3} R={:.3} ({} tp, {} fp, {} fn)",
            f.found.precision(), f.found.recall(), f.fully_right, f.gold_citations,
            f.issues.precision(), f.issues.recall(), f.issues.tp, f.issues.fp, f.issues.fn_
        );
    }
    println!(
        "PARSER {} entries ({} exact): field F1={:.3} (P={:.3} R={:.3}); seed {} entries F1={:.3} ({} exact); written {} entries F1={:.3} ({} exact)",
        parser_entries.len(), exact, total.f1(), total.precision(), total.recall(),
        seed_refs, seed_total.f1(), seed_exact, parser_entries.len() - seed_refs, extra_total.f1(), extra_exact
    );
    for (field, c) in &per_field {
        println!(
            "PARSER field {field:<16} F1={:.3} (tp {}, fp {}, fn {})",
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    println!(
        "HOLDOUT {} entries ({} exact): field F1={:.3} (P={:.3} R={:.3})",
        holdout.len(),
        holdout_exact,
        holdout_total.f1(),
        holdout_total.precision(),
        holdout_total.recall()
    );
    for (field, c) in holdout_fields.iter().filter(|(_, c)| c.fp + c.fn_ > 0) {
        println!(
            "HOLDOUT field {field:<16} F1={:.3} (tp {}, fp {}, fn {})",
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }

    for f in [&seed, &held_out] {
        assert!(
            f.found.precision() >= 0.95 && f.found.recall() >= 0.95,
            "citation extraction below target"
        );
        assert!(
            f.issues.precision() >= 0.95 && f.issues.recall() >= 0.95,
            "audit issues below target"
        );
    }
    assert!(total.f1() >= 0.95, "parser field F1 below target");
}
