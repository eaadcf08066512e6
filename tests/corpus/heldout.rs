//! The held-out evaluation set (`tests/fixtures/heldout/`): essays written
//! for issue 8 and frozen before the parsers were tuned, so the figures say
//! how the engine does on text nobody tuned it on.
//!
//! Each essay is read as `quire import` reads it (`import::read_file`) and
//! audited; byline, citations, reference count and audit issues are compared
//! with `labels.json` and the figures printed (run with `-- --nocapture`;
//! `HELDOUT_DETAIL=1` also lists what was missed or spurious). The test
//! asserts only that every essay was run and reported: a panic in one essay
//! is caught there and counted as a failure in the figures, so the figures
//! can be reported whatever they are.
//!
//! The engine's audit is compared as JSON, so fields added later (numbers
//! on numeric citations, new issue kinds) are read without changing this
//! file: a citation's numbers are its `numbers` or `number` field, or else
//! parsed from a bracketed `text` such as "[1–3]".

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::thread;

use quire_cite::{audit, fold_key};
use quire_engine::{import, Kind};
use quire_tests::fixtures_dir;
use serde_json::Value;

/// What the engine made of one essay.
struct Seen {
    kind: Kind,
    author: Option<String>,
    affiliation: Option<String>,
    references: usize,
    /// `quire_cite::EssayAudit` as JSON.
    audit: Value,
}

/// Matched, found by the engine, and expected: precision and recall.
#[derive(Default, Clone, Copy)]
struct Tally {
    matched: usize,
    found: usize,
    expected: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.matched += other.matched;
        self.found += other.found;
        self.expected += other.expected;
    }

    fn show(self) -> String {
        let ratio = |n: usize, d: usize| {
            if d == 0 {
                "  -  ".to_string()
            } else {
                format!("{:.3}", n as f64 / d as f64)
            }
        };
        format!(
            "P {} ({}/{})  R {} ({}/{})",
            ratio(self.matched, self.found),
            self.matched,
            self.found,
            ratio(self.matched, self.expected),
            self.matched,
            self.expected
        )
    }
}

/// Figures over the whole set, split by citation style where it matters.
#[derive(Default)]
struct Figures {
    essays: usize,
    panics: usize,
    errors: usize,
    kind_ok: usize,
    author_ok: usize,
    affiliation_ok: usize,
    references_ok: usize,
    references_off_by: usize,
    locators_ok: usize,
    locators_compared: usize,
    citations: [Tally; 2],
    issues: [Tally; 2],
}

/// Index into [`Figures::citations`] and [`Figures::issues`].
fn style_slot(label: &Value) -> usize {
    usize::from(text(&label["style"]) == "numeric")
}

/// A JSON string, or "" for anything else.
fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// A JSON array's items, or none for anything else.
fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[][..], Vec::as_slice)
}

/// Whether to list what was missed or spurious (`HELDOUT_DETAIL`).
fn detail() -> bool {
    std::env::var_os("HELDOUT_DETAIL").is_some()
}

/// Reads and audits one essay the way an import does.
fn run(path: &Path) -> Result<Seen, String> {
    let docs = import::read_file(path).map_err(|e| e.to_string())?.docs;
    let doc = docs
        .iter()
        .find(|d| d.kind == Kind::Essay)
        .or_else(|| docs.iter().max_by_key(|d| d.body.len()))
        .ok_or_else(|| "no document".to_string())?;
    let a = audit(&doc.body, &doc.references);
    Ok(Seen {
        kind: doc.kind,
        author: doc.author.clone(),
        affiliation: doc.affiliation.clone(),
        references: doc.references.len(),
        audit: serde_json::to_value(&a).map_err(|e| e.to_string())?,
    })
}

/// The message a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Case and whitespace normalised, for byline comparison.
fn normal(s: Option<&str>) -> Option<String> {
    s.map(|s| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
    .filter(|s| !s.is_empty())
}

/// Keys a name may be compared by: as written, without a leading "The",
/// and without lower-case particles ("van der Merwe" → "merwe"), so that a
/// particle kept or dropped, or capitalised at the start of a sentence, is
/// the same name. A bracketed acronym after an organisation is dropped.
fn name_keys(name: &str) -> Vec<String> {
    let name = name.split('[').next().unwrap_or(name).trim();
    let mut keys = vec![fold_key(name)];
    if let Some(rest) = name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
    {
        keys.push(fold_key(rest));
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if let Some(first_capital) = words
        .iter()
        .position(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        keys.push(fold_key(&words[first_capital..].join(" ")));
    }
    if let Some(last) = words.last() {
        if words.len() > 1
            && words[..words.len() - 1]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            keys.push(fold_key(last));
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// Whether two names are the same name by any of their [`name_keys`].
fn same_name(a: &str, b: &str) -> bool {
    let b_keys = name_keys(b);
    name_keys(a).iter().any(|k| b_keys.contains(k))
}

/// (names, year) pairs a citation can be matched by: its own first author
/// (with any aliases), and for a secondary citation the work it is cited in.
fn forms(c: &Value) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut push = |who: &Value, aliases: &Value, year: &Value| {
        let first = list(who).first().map(text).unwrap_or("");
        if first.is_empty() {
            return;
        }
        let mut names = vec![first.to_string()];
        names.extend(list(aliases).iter().map(|a| text(a).to_string()));
        out.push((names, fold_key(text(year))));
    };
    push(&c["authors"], &c["aliases"], &c["year"]);
    push(
        &c["cited_in"]["authors"],
        &Value::Null,
        &c["cited_in"]["year"],
    );
    out
}

/// Whether a found author–date citation is the expected one: same year
/// and same first author, or the same work it is cited in.
fn citations_agree(found: &Value, expected: &Value) -> bool {
    let found = forms(found);
    forms(expected).iter().any(|(names, year)| {
        found.iter().any(|(f_names, f_year)| {
            f_year == year
                && f_names
                    .iter()
                    .any(|f| names.iter().any(|n| same_name(f, n)))
        })
    })
}

/// Entry numbers in a numeric citation's text: "[1–3]" → 1, 2, 3;
/// "[2], [3]" and "[5]–[7]" too. Empty unless the text is brackets, digits
/// and separators only.
fn numbers_in(s: &str) -> Vec<u64> {
    let s = s.trim();
    if !s.starts_with('[') || !s.ends_with(']') {
        return Vec::new();
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || "[], –—-".contains(c))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut range_from: Option<u64> = None;
    let mut digits = String::new();
    let mut pending_range = false;
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if let Ok(n) = digits.parse::<u64>() {
            match range_from.take().filter(|_| pending_range) {
                Some(from) if from < n && n - from < 1000 => out.extend(from + 1..=n),
                _ => out.push(n),
            }
            range_from = Some(n);
            pending_range = false;
        }
        digits.clear();
        if "–—-".contains(c) {
            pending_range = true;
        }
    }
    out
}

/// The entry numbers an engine citation cites, however the engine says so.
fn found_numbers(c: &Value) -> Vec<u64> {
    let mut n: Vec<u64> = list(&c["numbers"])
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    if n.is_empty() {
        n.extend(c["number"].as_u64());
    }
    if n.is_empty() {
        n = numbers_in(text(&c["text"]));
    }
    n.sort_unstable();
    n.dedup();
    n
}

/// Greedy one-to-one matching of expected against found items; returns the
/// tally and, per side, the indices left unmatched.
fn pair<F: Fn(&Value, &Value) -> bool>(
    found: &[Value],
    expected: &[Value],
    agree: F,
) -> (Tally, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; found.len()];
    let mut missed = Vec::new();
    for (ei, e) in expected.iter().enumerate() {
        match (0..found.len()).find(|&fi| !used[fi] && agree(&found[fi], e)) {
            Some(fi) => used[fi] = true,
            None => missed.push(ei),
        }
    }
    let spurious: Vec<usize> = (0..found.len()).filter(|&fi| !used[fi]).collect();
    let tally = Tally {
        matched: expected.len() - missed.len(),
        found: found.len(),
        expected: expected.len(),
    };
    (tally, missed, spurious)
}

/// Issue kinds the engine may use for numeric essays, mapped to the labels'.
fn numeric_kind(kind: &str) -> &str {
    match kind {
        "missing_reference" | "missing_entry" | "missing_number" => "missing_number",
        "uncited_reference" | "uncited_entry" | "unused_entry" => "unused_entry",
        "out_of_order" | "citation_order" | "out_of_order_citation" => "out_of_order",
        other => other,
    }
}

/// The leading entry number of a numbered reference ("[3] …", "3. …").
fn entry_number(entry: &str) -> Option<u64> {
    let digits: String = entry
        .trim_start()
        .trim_start_matches('[')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// An engine issue joined with what it points at, for matching.
fn resolve_issue(issue: &Value, audit: &Value) -> Value {
    let citation = issue["citation"]
        .as_u64()
        .and_then(|ci| audit["citations"].get(usize::try_from(ci).ok()?))
        .cloned()
        .unwrap_or(Value::Null);
    let reference = issue["reference"]
        .as_u64()
        .and_then(|ri| Some((ri, audit["references"].get(usize::try_from(ri).ok()?)?)));
    let mut numbers: Vec<u64> = list(&issue["numbers"])
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    numbers.extend(issue["number"].as_u64());
    if let Some((ri, r)) = reference {
        numbers.push(entry_number(text(&r["text"])).unwrap_or(ri + 1));
    }
    if !citation.is_null() {
        numbers.extend(found_numbers(&citation));
    }
    serde_json::json!({
        "kind": text(&issue["kind"]),
        "citation": citation,
        "reference_text": reference.map_or("", |(_, r)| text(&r["text"])),
        "numbers": numbers,
    })
}

/// Whether a found issue (see [`resolve_issue`]) is the expected one: same
/// kind, about the same citation (first author and year) or entry (its
/// author and year, or its number in a numeric essay).
fn issues_agree(found: &Value, expected: &Value, numeric: bool) -> bool {
    let kind = text(&found["kind"]);
    if numeric {
        return numeric_kind(kind) == text(&expected["kind"])
            && expected["number"].as_u64().is_some_and(|n| {
                list(&found["numbers"])
                    .iter()
                    .any(|f| f.as_u64() == Some(n))
            });
    }
    if kind != text(&expected["kind"]) {
        return false;
    }
    let want = &expected["citation"];
    if !want.is_null() {
        let as_citation = serde_json::json!({"authors": [want["author"]], "year": want["year"]});
        return !found["citation"].is_null() && citations_agree(&found["citation"], &as_citation);
    }
    let want = &expected["reference"];
    let entry = fold_key(text(&found["reference_text"]));
    !want.is_null()
        && !entry.is_empty()
        && entry.contains(&fold_key(text(&want["author"])))
        && entry.contains(&fold_key(text(&want["year"])))
}

/// The digits of a locator: "pp. 44–46" and "44-46" compare equal.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Compares one essay's outcome with its label, adds to the figures and
/// returns the per-essay line, then what was missed or spurious.
fn score(label: &Value, seen: &Seen, figures: &mut Figures) -> (String, Vec<String>) {
    let slot = style_slot(label);
    let numeric = slot == 1;
    let byline = &label["byline"];
    let kind_ok = seen.kind.as_str() == text(&label["kind"]);
    let author_ok = normal(seen.author.as_deref()) == normal(byline["author"].as_str());
    let affiliation_ok =
        normal(seen.affiliation.as_deref()) == normal(byline["affiliation"].as_str());
    let want_refs = label["references"].as_u64().unwrap_or(0) as usize;
    figures.kind_ok += usize::from(kind_ok);
    figures.author_ok += usize::from(author_ok);
    figures.affiliation_ok += usize::from(affiliation_ok);
    figures.references_ok += usize::from(seen.references == want_refs);
    figures.references_off_by += seen.references.abs_diff(want_refs);

    let found = list(&seen.audit["citations"]);
    let expected = list(&label["citations"]);
    let (cites, missed, spurious) = if numeric {
        pair(found, expected, |f, e| {
            let mut want: Vec<u64> = list(&e["numbers"])
                .iter()
                .filter_map(Value::as_u64)
                .collect();
            want.sort_unstable();
            !want.is_empty() && found_numbers(f) == want
        })
    } else {
        pair(found, expected, citations_agree)
    };
    if !numeric {
        // Locators of matched citations, compared by their digits.
        let mut used = vec![false; found.len()];
        for e in expected {
            if let Some(fi) =
                (0..found.len()).find(|&fi| !used[fi] && citations_agree(&found[fi], e))
            {
                used[fi] = true;
                figures.locators_compared += 1;
                let want = digits(e["locator"].as_str().unwrap_or(""));
                let got = digits(found[fi]["locator"].as_str().unwrap_or(""));
                figures.locators_ok += usize::from(want == got);
            }
        }
    }
    figures.citations[slot].add(cites);

    let resolved: Vec<Value> = list(&seen.audit["issues"])
        .iter()
        .map(|i| resolve_issue(i, &seen.audit))
        .collect();
    let (issues, issues_missed, issues_spurious) =
        pair(&resolved, list(&label["issues"]), |f, e| {
            issues_agree(f, e, numeric)
        });
    figures.issues[slot].add(issues);

    let mut details = Vec::new();
    if detail() {
        for &i in &missed {
            details.push(format!("missed citation  {}", expected[i]));
        }
        for &i in &spurious {
            details.push(format!("extra citation   {}", found[i]["text"]));
        }
        for &i in &issues_missed {
            details.push(format!("missed issue     {}", list(&label["issues"])[i]));
        }
        for &i in &issues_spurious {
            details.push(format!(
                "extra issue      {} {}",
                resolved[i]["kind"], seen.audit["issues"][i]["message"]
            ));
        }
    }
    let mark = |ok: bool| if ok { "ok" } else { "NO" };
    let line = format!(
        "kind {} author {} affil {} refs {}/{}  cites {}  issues {}",
        mark(kind_ok),
        mark(author_ok),
        mark(affiliation_ok),
        seen.references,
        want_refs,
        cites.show(),
        issues.show()
    );
    (line, details)
}

/// Prints the figures over the whole set.
fn report(f: &Figures) {
    let of = |n: usize| {
        format!(
            "{n}/{} ({:.3})",
            f.essays,
            n as f64 / f.essays.max(1) as f64
        )
    };
    eprintln!(
        "held-out set: {} essays, {} panicked, {} failed to read",
        f.essays, f.panics, f.errors
    );
    eprintln!("  kind = essay          {}", of(f.kind_ok));
    eprintln!("  byline author         {}", of(f.author_ok));
    eprintln!("  byline affiliation    {}", of(f.affiliation_ok));
    eprintln!(
        "  reference count exact {}  (total off by {})",
        of(f.references_ok),
        f.references_off_by
    );
    eprintln!("  citations author-date {}", f.citations[0].show());
    eprintln!("  citations numeric     {}", f.citations[1].show());
    eprintln!(
        "  locators (matched)    {}/{}",
        f.locators_ok, f.locators_compared
    );
    eprintln!("  audit author-date     {}", f.issues[0].show());
    eprintln!("  audit numeric         {}", f.issues[1].show());
}

/// Adds an essay that produced nothing: everything it should have found is
/// missed.
fn score_failure(label: &Value, figures: &mut Figures) {
    let slot = style_slot(label);
    figures.citations[slot].expected += list(&label["citations"]).len();
    figures.issues[slot].expected += list(&label["issues"]).len();
    let want_refs = label["references"].as_u64().unwrap_or(0) as usize;
    figures.references_off_by += want_refs;
}

/// The thread the essays run on; its panics are reported in the figures,
/// one line each, instead of as a backtrace per essay.
const ESSAY_THREAD: &str = "heldout-essays";

thread_local! {
    /// Where the last panic on this thread happened ("file:line").
    static PANIC_AT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps the default panic output for every other thread (other tests run
/// in parallel) and records the location for the essay thread.
fn quiet_panics_on_essay_thread() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some(ESSAY_THREAD) {
                let at = info
                    .location()
                    .map_or(String::new(), |l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs and scores every labelled essay, printing a line per essay.
fn measure(dir: &Path, essays: &[Value]) -> Figures {
    let mut figures = Figures::default();
    for label in essays {
        let file = text(&label["file"]);
        figures.essays += 1;
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(&dir.join(file))));
        let (line, details) = match outcome {
            Ok(Ok(seen)) => score(label, &seen, &mut figures),
            Ok(Err(message)) => {
                figures.errors += 1;
                score_failure(label, &mut figures);
                (format!("could not read: {message}"), Vec::new())
            }
            Err(payload) => {
                figures.panics += 1;
                score_failure(label, &mut figures);
                let at = PANIC_AT.with(|p| p.borrow().clone());
                let message = panic_message(payload.as_ref());
                (format!("PANIC at {at}: {message}"), Vec::new())
            }
        };
        eprintln!("{file:<44} {line}");
        for d in details {
            eprintln!("    {d}");
        }
    }
    figures
}

#[test]
fn heldout_set_is_measured() {
    let dir = fixtures_dir().join("heldout");
    let labels: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("labels.json")).expect("labels.json"),
    )
    .expect("labels.json is JSON");
    let essays = list(&labels["essays"]).to_vec();
    assert!(!essays.is_empty(), "labelled essays");

    quiet_panics_on_essay_thread();
    let n = essays.len();
    let figures = thread::Builder::new()
        .name(ESSAY_THREAD.to_string())
        .spawn(move || measure(&dir, &essays))
        .expect("essay thread starts")
        .join()
        .expect("panics are caught per essay");
    report(&figures);
    assert_eq!(figures.essays, n);
}

#[test]
fn numbers_in_brackets_expand_ranges() {
    assert_eq!(numbers_in("[1–3]"), vec![1, 2, 3]);
    assert_eq!(numbers_in("[1, 4]"), vec![1, 4]);
    assert_eq!(numbers_in("[5]–[7]"), vec![5, 6, 7]);
    assert_eq!(numbers_in("[2-4]"), vec![2, 3, 4]);
    assert!(numbers_in("(Smith, 2019)").is_empty());
}

#[test]
fn names_agree_with_or_without_particles() {
    assert!(same_name("De Montigny", "de Montigny"));
    assert!(same_name("Merwe", "van der Merwe"));
    assert!(same_name("Children's Society", "The Children's Society"));
    assert!(same_name(
        "Department for Education [DfE]",
        "Department for Education"
    ));
    assert!(!same_name("Gazely", "Gazeley"));
}
