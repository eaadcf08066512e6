//! Sharing entries out among markers: each entry gets `per_entry` different
//! markers, no marker gets more than one entry above any other, and, when
//! the round asks, no marker gets an entry from their own affiliation.
//!
//! A greedy pass gives each entry (the most constrained first) its
//! least-loaded eligible markers; then loads are levelled by moving one
//! marking at a time along a chain of markers (A takes an entry from B,
//! B one from C, …), the augmenting paths of a flow, so a balance the
//! conflict rule allows is always reached, and one it forbids is
//! approached as closely as it allows.

use std::collections::VecDeque;

/// An entry or a marker as allocation sees it: only its affiliation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidate<'a> {
    pub affiliation: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocError {
    #[error("a round needs at least one marker")]
    NoMarkers,
    #[error("each entry can have 1 to 4 markers, not {0}")]
    PerEntry(usize),
    #[error(
        "{per_entry} markers per entry needs at least {per_entry} markers; the round has {markers}"
    )]
    TooFewMarkers { per_entry: usize, markers: usize },
    #[error(
        "entry {entry} has only {eligible} marker(s) from another affiliation, and needs {needed}"
    )]
    TooFewEligible {
        /// Index of the entry in the input.
        entry: usize,
        eligible: usize,
        needed: usize,
    },
}

/// True when two affiliations name the same place: compared without case,
/// punctuation, a leading "the" or repeated spaces.
pub fn same_affiliation(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let skip = usize::from(words.first().is_some_and(|w| w == "the"));
        words[skip..].join(" ")
    };
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

/// May `marker` mark `entry` under the round's conflict rule?
pub fn eligible(entry: Candidate, marker: Candidate, avoid_same_affiliation: bool) -> bool {
    match (
        avoid_same_affiliation,
        entry.affiliation,
        marker.affiliation,
    ) {
        (true, Some(e), Some(m)) => !same_affiliation(e, m),
        _ => true,
    }
}

/// For each entry, the indices of its markers, first marker first.
pub fn allocate(
    entries: &[Candidate],
    markers: &[Candidate],
    per_entry: usize,
    avoid_same_affiliation: bool,
) -> Result<Vec<Vec<usize>>, AllocError> {
    if markers.is_empty() {
        return Err(AllocError::NoMarkers);
    }
    if !(1..=4).contains(&per_entry) {
        return Err(AllocError::PerEntry(per_entry));
    }
    if per_entry > markers.len() {
        return Err(AllocError::TooFewMarkers {
            per_entry,
            markers: markers.len(),
        });
    }
    let ok: Vec<Vec<bool>> = entries
        .iter()
        .map(|e| {
            markers
                .iter()
                .map(|m| eligible(*e, *m, avoid_same_affiliation))
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&e| ok[e].iter().filter(|&&x| x).count());

    let n = markers.len();
    let mut load = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    for &e in &order {
        let mut candidates: Vec<usize> = (0..n).filter(|&m| ok[e][m]).collect();
        if candidates.len() < per_entry {
            return Err(AllocError::TooFewEligible {
                entry: e,
                eligible: candidates.len(),
                needed: per_entry,
            });
        }
        // Rotating the tie-break by entry spreads the pairs of markers, so
        // second marking does not always pair the same two people.
        candidates.sort_by_key(|&m| (load[m], (m + n - e % n) % n));
        for &m in &candidates[..per_entry] {
            load[m] += 1;
            out[e].push(m);
        }
    }
    level(&mut out, &mut load, &ok);
    Ok(out)
}

/// Move markings along chains until no marker can take one from a marker
/// with at least two more. Each move lowers the sum of squared loads, so
/// this ends.
fn level(out: &mut [Vec<usize>], load: &mut [usize], ok: &[Vec<bool>]) {
    let n = load.len();
    loop {
        let mut by_load: Vec<usize> = (0..n).collect();
        by_load.sort_by_key(|&m| load[m]);
        let moved = by_load
            .iter()
            .any(|&under| transfer_to(under, out, load, ok));
        if !moved {
            return;
        }
    }
}

/// Find a chain ending at `under` from a marker with at least two more
/// markings than it, and move one marking along each link.
fn transfer_to(under: usize, out: &mut [Vec<usize>], load: &mut [usize], ok: &[Vec<bool>]) -> bool {
    let n = load.len();
    // prev[m] = (marker the entry moves to, entry) on the path from `under`.
    let mut prev: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[under] = true;
    let mut queue = VecDeque::from([under]);
    while let Some(taker) = queue.pop_front() {
        for (e, markers) in out.iter().enumerate() {
            if !ok[e][taker] || markers.contains(&taker) {
                continue;
            }
            for &giver in markers {
                if seen[giver] {
                    continue;
                }
                seen[giver] = true;
                prev[giver] = Some((taker, e));
                if load[giver] >= load[under] + 2 {
                    let mut m = giver;
                    while let Some((to, e)) = prev[m] {
                        let slot = out[e].iter().position(|&x| x == m).expect("on path");
                        out[e][slot] = to;
                        m = to;
                    }
                    load[giver] -= 1;
                    load[under] += 1;
                    return true;
                }
                queue.push_back(giver);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(a: Option<&str>) -> Candidate<'_> {
        Candidate { affiliation: a }
    }

    fn check(
        entries: &[Candidate],
        markers: &[Candidate],
        k: usize,
        avoid: bool,
        out: &[Vec<usize>],
    ) -> (usize, usize) {
        let mut load = vec![0; markers.len()];
        for (e, ms) in out.iter().enumerate() {
            assert_eq!(ms.len(), k, "entry {e} has {} markers", ms.len());
            let mut sorted = ms.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), k, "entry {e} has a marker twice");
            for &m in ms {
                assert!(eligible(entries[e], markers[m], avoid), "conflict: {e} {m}");
                load[m] += 1;
            }
        }
        (*load.iter().min().unwrap(), *load.iter().max().unwrap())
    }

    const UNIS: [&str; 6] = [
        "University of Lincoln",
        "Cardiff University",
        "University of Dundee",
        "University of Birmingham",
        "Open University",
        "Goldsmiths",
    ];

    /// Max flow (Edmonds–Karp) on an adjacency matrix: small and
    /// independent of the allocator, to check its answers.
    fn max_flow(cap: &mut [Vec<usize>], source: usize, sink: usize) -> usize {
        let n = cap.len();
        let mut flow = 0;
        loop {
            let mut prev = vec![usize::MAX; n];
            prev[source] = source;
            let mut queue = VecDeque::from([source]);
            while let Some(u) = queue.pop_front() {
                for v in 0..n {
                    if prev[v] == usize::MAX && cap[u][v] > 0 {
                        prev[v] = u;
                        queue.push_back(v);
                    }
                }
            }
            if prev[sink] == usize::MAX {
                return flow;
            }
            let mut push = usize::MAX;
            let mut v = sink;
            while v != source {
                push = push.min(cap[prev[v]][v]);
                v = prev[v];
            }
            let mut v = sink;
            while v != source {
                cap[prev[v]][v] -= push;
                cap[v][prev[v]] += push;
                v = prev[v];
            }
            flow += push;
        }
    }

    /// Could every entry get `k` markers with no marker above `most`?
    fn possible_with_at_most(ok: &[Vec<bool>], k: usize, most: usize) -> bool {
        let (e, m) = (ok.len(), ok[0].len());
        let (source, sink) = (e + m, e + m + 1);
        let mut cap = vec![vec![0; e + m + 2]; e + m + 2];
        for (i, row) in ok.iter().enumerate() {
            cap[source][i] = k;
            for (j, &allowed) in row.iter().enumerate() {
                cap[i][e + j] = usize::from(allowed);
            }
        }
        for j in 0..m {
            cap[e + j][sink] = most;
        }
        max_flow(&mut cap, source, sink) == e * k
    }

    /// Could every marker get at least `least` markings, no entry more
    /// than `k`? (Any such partial allocation completes to `k` per entry,
    /// since each entry has `k` eligible markers, and completing only adds.)
    fn possible_with_at_least(ok: &[Vec<bool>], k: usize, least: usize) -> bool {
        let (e, m) = (ok.len(), ok[0].len());
        let (source, sink) = (e + m, e + m + 1);
        let mut cap = vec![vec![0; e + m + 2]; e + m + 2];
        for j in 0..m {
            cap[source][e + j] = least;
            for (i, row) in ok.iter().enumerate() {
                cap[e + j][i] = usize::from(row[j]);
            }
        }
        for c in cap.iter_mut().take(e) {
            c[sink] = k;
        }
        max_flow(&mut cap, source, sink) == m * least
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Generated rounds of 200 entries and 9 markers from six
        /// universities (some markers independent): every entry gets its
        /// markers, none from its own university; the loads differ by at
        /// most one, or, where the conflict rule forbids that, the busiest
        /// marker has as few markings and the idlest as many as any
        /// allocation could give them (checked by max flow). A round the
        /// rule makes impossible is refused, naming an entry that really
        /// has too few eligible markers.
        #[test]
        fn generated_rounds_are_balanced_and_free_of_conflicts(
            entry_unis in prop::collection::vec(0usize..6, 200),
            marker_unis in prop::collection::vec(prop::option::of(0usize..6), 9),
            k in 1usize..=4,
            avoid in any::<bool>(),
        ) {
            let entries: Vec<_> = entry_unis.iter().map(|&u| c(Some(UNIS[u]))).collect();
            let markers: Vec<_> = marker_unis.iter().map(|u| c(u.map(|u| UNIS[u]))).collect();
            let ok: Vec<Vec<bool>> = entries
                .iter()
                .map(|e| markers.iter().map(|m| eligible(*e, *m, avoid)).collect())
                .collect();
            match allocate(&entries, &markers, k, avoid) {
                Ok(out) => {
                    let (min, max) = check(&entries, &markers, k, avoid, &out);
                    if max - min > 1 {
                        prop_assert!(!possible_with_at_most(&ok, k, max - 1), "loads {min}..{max}: the busiest could have fewer");
                        prop_assert!(!possible_with_at_least(&ok, k, min + 1), "loads {min}..{max}: the idlest could have more");
                    }
                }
                Err(AllocError::TooFewEligible { entry, eligible: found, needed }) => {
                    prop_assert_eq!(ok[entry].iter().filter(|&&x| x).count(), found);
                    prop_assert!(found < needed);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }

        /// Small rounds with heavy conflicts: never a conflict, and when
        /// the loads differ by more than one, no allocation could narrow
        /// them (checked by max flow).
        #[test]
        fn crowded_rounds_never_break_the_conflict_rule(
            entry_unis in prop::collection::vec(0usize..2, 1..30),
            marker_unis in prop::collection::vec(prop::option::of(0usize..2), 2..6),
            k in 1usize..=2,
        ) {
            let entries: Vec<_> = entry_unis.iter().map(|&u| c(Some(UNIS[u]))).collect();
            let markers: Vec<_> = marker_unis.iter().map(|u| c(u.map(|u| UNIS[u]))).collect();
            match allocate(&entries, &markers, k, true) {
                Ok(out) => {
                    let (min, max) = check(&entries, &markers, k, true, &out);
                    if max - min > 1 {
                        let ok: Vec<Vec<bool>> = entries
                            .iter()
                            .map(|e| markers.iter().map(|m| eligible(*e, *m, true)).collect())
                            .collect();
                        prop_assert!(!possible_with_at_most(&ok, k, max - 1), "loads {min}..{max}: the busiest could have fewer");
                        prop_assert!(!possible_with_at_least(&ok, k, min + 1), "loads {min}..{max}: the idlest could have more");
                    }
                }
                Err(AllocError::TooFewEligible { entry, eligible: found, needed }) => {
                    let real = markers.iter().filter(|m| eligible(entries[entry], **m, true)).count();
                    prop_assert_eq!(real, found);
                    prop_assert!(found < needed);
                }
                Err(AllocError::TooFewMarkers { .. }) => prop_assert!(markers.len() < k),
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }

    #[test]
    fn the_sample_round_pairs_each_entry_with_both_markers() {
        let entries = vec![c(Some("University of Lincoln")); 4];
        let markers = [c(Some("BASW")), c(Some("SWU"))];
        let out = allocate(&entries, &markers, 2, true).unwrap();
        assert!(out.iter().all(|m| m.len() == 2));
        // First marker alternates, so each marker is first on two entries.
        assert_eq!(out.iter().filter(|m| m[0] == 0).count(), 2);
    }

    #[test]
    fn a_marker_from_the_only_university_gets_nothing_and_says_why() {
        let entries = vec![c(Some("Cardiff University")); 3];
        let markers = [c(Some("cardiff university")), c(None)];
        assert_eq!(
            allocate(&entries, &markers, 2, true),
            Err(AllocError::TooFewEligible {
                entry: 0,
                eligible: 1,
                needed: 2
            })
        );
        let out = allocate(&entries, &markers, 1, true).unwrap();
        assert!(out.iter().all(|m| m == &[1]));
    }

    #[test]
    fn affiliations_compare_loosely() {
        assert!(same_affiliation(
            "The University of Dundee",
            "university of  dundee"
        ));
        assert!(!same_affiliation("University of Dundee", "Dundee College"));
        assert!(!same_affiliation("", ""));
    }

    #[test]
    fn bad_rounds_are_refused() {
        let e = [c(None)];
        assert_eq!(allocate(&e, &[], 1, false), Err(AllocError::NoMarkers));
        assert_eq!(
            allocate(&e, &[c(None)], 5, false),
            Err(AllocError::PerEntry(5))
        );
        assert!(matches!(
            allocate(&e, &[c(None)], 2, false),
            Err(AllocError::TooFewMarkers { .. })
        ));
    }
}
