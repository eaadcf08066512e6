//! Correcting for harsh and lenient markers, and ranking.
//!
//! Each marker's totals are turned into z-scores against that marker's own
//! mean and spread, then put back on the round's scale (the mean and
//! spread of all submitted totals), so a marker who gives everyone 80 and
//! one who gives everyone 55 count alike. An entry's standardised mark is
//! the mean of its markers' standardised totals. A marker with fewer than
//! two marks, or with all marks equal, has no spread to correct by: their
//! marks are only shifted by how far their mean sits from the round's
//! (with one mark, not at all).

use crate::rubric::round2;

/// One submitted total: which entry, which marker, what total.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub entry: usize,
    pub marker: usize,
    pub total: f64,
}

/// Each entry's standardised mark (`None` for an entry with no marks), for
/// `entries` entries and `markers` markers.
pub fn standardise(marks: &[Mark], entries: usize, markers: usize) -> Vec<Option<f64>> {
    let all: Vec<f64> = marks.iter().map(|m| m.total).collect();
    let (mean, sd) = mean_sd(&all);
    let per_marker: Vec<(usize, f64, f64)> = (0..markers)
        .map(|k| {
            let own: Vec<f64> = marks
                .iter()
                .filter(|m| m.marker == k)
                .map(|m| m.total)
                .collect();
            let (m, s) = mean_sd(&own);
            (own.len(), m, s)
        })
        .collect();
    let mut sums = vec![(0.0, 0usize); entries];
    for m in marks {
        let Some(&(n, own_mean, own_sd)) = per_marker.get(m.marker) else {
            continue;
        };
        let value = if n >= 2 && own_sd > 1e-9 {
            mean + sd * (m.total - own_mean) / own_sd
        } else if n >= 2 {
            mean + (m.total - own_mean)
        } else {
            m.total
        };
        if let Some(slot) = sums.get_mut(m.entry) {
            slot.0 += value;
            slot.1 += 1;
        }
    }
    sums.into_iter()
        .map(|(sum, n)| (n > 0).then(|| round2(sum / n as f64)))
        .collect()
}

/// Competition ranks, highest value first: equal values share a rank and
/// the next rank skips (1, 2, 2, 4). Entries without a value have none.
pub fn ranks(values: &[Option<f64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                1 + values
                    .iter()
                    .flatten()
                    .filter(|&&other| other > v + 1e-9)
                    .count() as u32
            })
        })
        .collect()
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(entry: usize, marker: usize, total: f64) -> Mark {
        Mark {
            entry,
            marker,
            total,
        }
    }

    #[test]
    fn a_lenient_and_a_harsh_marker_rank_alike_once_standardised() {
        // Marker 0 is lenient (80, 85, 90), marker 1 harsh (50, 55, 60) on
        // three other entries of the same quality order.
        let marks = [
            m(0, 0, 80.0),
            m(1, 0, 85.0),
            m(2, 0, 90.0),
            m(3, 1, 50.0),
            m(4, 1, 55.0),
            m(5, 1, 60.0),
        ];
        let s = standardise(&marks, 6, 2);
        assert_eq!(s[0], s[3]);
        assert_eq!(s[2], s[5]);
        assert!(s[2].unwrap() > s[1].unwrap());
        // Raw ranks put every lenient entry first; standardised ranks pair them.
        let raw = ranks(&[80.0, 85.0, 90.0, 50.0, 55.0, 60.0].map(Some));
        assert_eq!(raw[3], Some(6));
        let std = ranks(&s);
        assert_eq!(std[0], std[3]);
        assert_eq!(std[2], Some(1));
    }

    #[test]
    fn the_round_scale_is_kept() {
        let marks = [m(0, 0, 40.0), m(1, 0, 60.0), m(0, 1, 70.0), m(1, 1, 90.0)];
        let s = standardise(&marks, 2, 2);
        let mean = (s[0].unwrap() + s[1].unwrap()) / 2.0;
        assert!((mean - 65.0).abs() < 1e-6, "{s:?}");
    }

    #[test]
    fn single_and_flat_markers_are_not_stretched() {
        let s = standardise(&[m(0, 0, 70.0)], 2, 1);
        assert_eq!(s, vec![Some(70.0), None]);
        let flat = standardise(&[m(0, 0, 50.0), m(1, 0, 50.0)], 2, 1);
        assert_eq!(flat, vec![Some(50.0), Some(50.0)]);
    }

    #[test]
    fn ties_share_a_rank() {
        assert_eq!(
            ranks(&[Some(70.0), Some(80.0), Some(70.0), None, Some(60.0)]),
            vec![Some(2), Some(1), Some(2), None, Some(4)]
        );
    }
}
