mod support;
#[test]
fn dump() {
    let mut out = Vec::new();
    for e in support::seed_essays() {
        let a = quire_cite::audit(&e.body, &e.references);
        let cits: Vec<_> = a.citations.iter().map(|c| serde_json::json!({"text": c.citation.text, "authors": c.citation.authors, "year": c.citation.year, "et_al": c.citation.et_al, "locator": c.citation.locator, "cited_in": c.citation.cited_in, "reference": c.reference, "status": c.status})).collect();
        let refs: Vec<_> = a.references.iter().map(|r| serde_json::json!({"text": r.text, "csl": r.csl})).collect();
        let issues: Vec<_> = a.issues.iter().map(|i| serde_json::json!({"kind": i.kind, "citation": i.citation, "reference": i.reference})).collect();
        out.push(serde_json::json!({"essay": e.author, "citations": cits, "references": refs, "issues": issues}));
    }
    std::fs::write("/tmp/seed-draft.json", serde_json::to_string_pretty(&out).unwrap()).unwrap();
    let extra: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(support::repo_path("tests/fixtures/cite/references.json")).unwrap()).unwrap();
    for r in extra {
        let got = serde_json::to_value(quire_cite::parse_reference(r["text"].as_str().unwrap())).unwrap();
        if got != r["csl"] { println!("TEXT {}\nGOLD {}\nGOT  {}\n", r["text"], r["csl"], got); }
    }
}
