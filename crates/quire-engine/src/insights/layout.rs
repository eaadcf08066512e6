//! Where the network's nodes go: a force-directed layout (Fruchterman and
//! Reingold's), computed here so the app draws a large network at once and
//! pans it without a layout running in the page. Repulsion is only felt
//! from nodes in neighbouring cells of a grid, so a step costs O(nodes +
//! edges) and not O(nodes²); a weak pull to the centre keeps the essays
//! that share nothing near the rest. Deterministic: the same network gets
//! the same picture.

/// Steps of the layout; enough for a few thousand nodes to settle.
const STEPS: usize = 120;

/// Most nodes of one grid cell a node is pushed by one at a time; a
/// crowded cell (a work cited by hundreds of essays pulls them into a
/// knot) is sampled evenly and the push scaled up, so a step stays linear.
const SAMPLE: usize = 24;

/// Positions (x, y) for `n` nodes joined by `edges` (pairs of node
/// indices), in units of about one node distance apart.
pub(crate) fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    // The ideal distance between two nodes.
    let k = 1.0_f64;
    // A sunflower spiral to start from: even density, no two nodes alike.
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = k * (i as f64 + 0.5).sqrt();
            let a = i as f64 * 2.399_963_229_728_653;
            (r * a.cos(), r * a.sin())
        })
        .collect();
    if n < 2 {
        return pos;
    }
    let radius = k * (n as f64).sqrt();
    let mut disp = vec![(0.0_f64, 0.0_f64); n];
    let cell = 2.0 * k;
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
    for step in 0..STEPS {
        let temperature = radius * 0.1 * (1.0 - step as f64 / STEPS as f64) + 0.01;
        grid.clear();
        for (i, &(x, y)) in pos.iter().enumerate() {
            grid.entry(((x / cell).floor() as i64, (y / cell).floor() as i64))
                .or_default()
                .push(i);
        }
        for d in disp.iter_mut() {
            *d = (0.0, 0.0);
        }
        for (i, &(x, y)) in pos.iter().enumerate() {
            let (cx, cy) = ((x / cell).floor() as i64, (y / cell).floor() as i64);
            for gx in cx - 1..=cx + 1 {
                for gy in cy - 1..=cy + 1 {
                    let Some(others) = grid.get(&(gx, gy)) else {
                        continue;
                    };
                    let stride = others.len().div_ceil(SAMPLE).max(1);
                    let scale = stride as f64;
                    for &j in others.iter().step_by(stride) {
                        if j == i {
                            continue;
                        }
                        let (dx, dy) = (x - pos[j].0, y - pos[j].1);
                        let d2 = (dx * dx + dy * dy).max(1e-4);
                        if d2 > cell * cell {
                            continue;
                        }
                        // k² / d, along the unit vector: k² · (dx, dy) / d².
                        let f = scale * k * k / d2;
                        disp[i].0 += dx * f;
                        disp[i].1 += dy * f;
                    }
                }
            }
            // The pull to the centre, growing with the distance.
            disp[i].0 -= x * 0.02;
            disp[i].1 -= y * 0.02;
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-3);
            // d² / k, along the unit vector: d · (dx, dy) / k.
            let f = d / k;
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for (p, &(dx, dy)) in pos.iter_mut().zip(&disp) {
            let length = (dx * dx + dy * dy).sqrt();
            if length > 0.0 {
                let moved = length.min(temperature);
                p.0 += dx / length * moved;
                p.1 += dy / length * moved;
            }
        }
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_nodes_end_nearer_than_strangers_and_nothing_overlaps() {
        // Two stars of ten leaves each.
        let mut edges = Vec::new();
        for leaf in 2..12 {
            edges.push((0, leaf));
        }
        for leaf in 12..22 {
            edges.push((1, leaf));
        }
        let pos = layout(22, &edges);
        let d = |a: usize, b: usize| {
            ((pos[a].0 - pos[b].0).powi(2) + (pos[a].1 - pos[b].1).powi(2)).sqrt()
        };
        let leaf = (2..12).map(|l| d(0, l)).fold(0.0, f64::max);
        assert!(
            leaf < d(0, 1),
            "a leaf is nearer its hub ({leaf}) than the other hub ({})",
            d(0, 1)
        );
        for a in 0..22 {
            for b in a + 1..22 {
                assert!(d(a, b) > 0.05, "{a} and {b} overlap");
            }
        }
        assert_eq!(pos, layout(22, &edges), "deterministic");
    }

    #[test]
    fn every_position_is_finite_even_for_tiny_and_edgeless_graphs() {
        assert!(layout(0, &[]).is_empty());
        assert_eq!(layout(1, &[]).len(), 1);
        let pos = layout(300, &[]);
        assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}
