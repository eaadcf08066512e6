//! Queries nobody should type, run the way the app runs them: on a thread
//! with a small stack (a Tauri command thread's is small). Before the
//! bounds, ~3,000 `(` overflowed the stack in the query parser and aborted
//! the process; an overflow here aborts the test binary, so passing means
//! none happened.

mod support;

use std::time::{Duration, Instant};

use quire_search::{Index, Query, QueryError, SearchResults, MAX_CHARS, MAX_GROUPS};

/// Smaller than any thread the app or CLI runs a search on.
const SMALL_STACK: usize = 256 * 1024;
/// Generous for a debug build on a busy machine; a release build answers
/// each of these in milliseconds (see `benches/hostile_queries.rs`).
const PATIENCE: Duration = Duration::from_secs(10);

/// `search` and `matches` (the themes path) and `check_query` on a thread
/// with a small stack; panics if any of them fails or takes too long.
fn on_small_stack(index: &Index, text: &str) -> SearchResults {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(SMALL_STACK)
            .spawn_scoped(scope, || {
                let start = Instant::now();
                let results = index.search(&Query::new(text)).unwrap();
                index.matches(text).unwrap();
                let _ = index.check_query(text);
                assert!(start.elapsed() < PATIENCE, "{:?}", start.elapsed());
                results
            })
            .unwrap()
            .join()
            .unwrap()
    })
}

fn mentions(r: &SearchResults, what: &str) -> bool {
    r.ignored.iter().any(|i| i.contains(what))
}

#[test]
fn thousands_of_brackets_search_what_is_inside() {
    let (_d, index) = support::library();
    for n in [3_000, 100_000] {
        let q = format!("{}poverty{}", "(".repeat(n), ")".repeat(n));
        let r = on_small_stack(&index, &q);
        assert!(!r.ignored.is_empty(), "{n}");
        // 100,000 brackets are cut by length first, and the word is past it.
        if n == 3_000 {
            assert!(mentions(&r, "brackets"), "{:?}", r.ignored);
        }
        let open = "(".repeat(n);
        let r = on_small_stack(&index, &open);
        assert!(!r.ignored.is_empty());
        assert_eq!(r.total, 0, "nothing left to search for matches nothing");
    }
    // Inside the bound, a word wrapped in brackets is found as usual.
    let q = format!(
        "{}poverty{}",
        "(".repeat(MAX_GROUPS),
        ")".repeat(MAX_GROUPS)
    );
    let r = on_small_stack(&index, &q);
    assert!(r.ignored.is_empty(), "{:?}", r.ignored);
    assert_eq!(r.total, on_small_stack(&index, "poverty").total);
}

#[test]
fn brackets_hidden_in_words_and_phrases_are_counted_too() {
    let (_d, index) = support::library();
    // The grammar reads `\)` and `")"` as text, not as closing a group.
    for unit in ["(\\) ", "(\")\" ", "(a\")\" ", "field:("] {
        on_small_stack(&index, &unit.repeat(MAX_CHARS));
    }
}

#[test]
fn chains_of_not_and_signs() {
    let (_d, index) = support::library();
    let r = on_small_stack(&index, &format!("{}poverty", "NOT ".repeat(3_000)));
    assert!(mentions(&r, "NOTs in a row"), "{:?}", r.ignored);
    let r = on_small_stack(&index, &format!("{}poverty", "NOT (".repeat(1_000)));
    assert!(!r.ignored.is_empty());
    for unit in [
        "-(", "+(", "-", "+-", "NOT -", "(NOT ", "AND ", "OR (", "^2 ",
    ] {
        on_small_stack(&index, &format!("{}poverty", unit.repeat(2_000)));
    }
}

#[test]
fn long_queries_are_cut_and_say_so() {
    let (_d, index) = support::library();
    let words = "poverty ".repeat(100 * 1024 / 8);
    let r = on_small_stack(&index, &words);
    assert!(mentions(&r, "characters long"), "{:?}", r.ignored);
    assert!(r.total >= 1);
    let phrase = format!("\"{}\"", "relationship based practice ".repeat(4_000));
    let r = on_small_stack(&index, &phrase);
    assert!(mentions(&r, "characters long"));
    let word = "x".repeat(100 * 1024);
    on_small_stack(&index, &word);
    let unicode = "社会福祉 Müller 😀 ".repeat(8_000);
    on_small_stack(&index, &unicode);
}

#[test]
fn theme_queries_past_the_bounds_are_refused() {
    let (_d, index) = support::library();
    let deep = format!(
        "{}a{}",
        "(".repeat(MAX_GROUPS + 1),
        ")".repeat(MAX_GROUPS + 1)
    );
    assert!(matches!(
        index.check_query(&deep),
        Err(QueryError::TooManyGroups { .. })
    ));
    assert!(matches!(
        index.check_query(&"a ".repeat(MAX_CHARS)),
        Err(QueryError::TooLong { .. })
    ));
    assert!(matches!(index.check_query("  "), Err(QueryError::Empty)));
    assert!(matches!(
        index.check_query("poverty AND ("),
        Err(QueryError::Syntax(_))
    ));
    assert!(matches!(
        index.check_query("nosuchfield:poverty"),
        Err(QueryError::Syntax(_))
    ));
    for fine in [
        r#"poverty OR poor OR deprivation OR inequality OR unequal OR "poverty-aware""#,
        r#""relationship-based" OR "relationship based" OR rapport OR "use of self" OR empathy"#,
        "(empathy OR trust) -cites:beresford author:clarke",
    ] {
        assert_eq!(index.check_query(fine), Ok(()), "{fine}");
    }
}
