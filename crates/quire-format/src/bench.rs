//! `quire bench format`: how long the processor takes, per style, to build
//! its engine and to format bibliographies of growing size. The works are
//! the caller's, repeated with a numbered title and author when more are
//! asked for than given, so every entry is distinct.

use std::time::{Duration, Instant};

use quire_csl::CslItem;

use crate::{render, Markup, Result, Style};

/// One style's figures.
#[derive(Debug, Clone)]
pub struct StyleTimes {
    pub style: String,
    /// From loading the style to the first entry: the engine build.
    pub cold: Duration,
    /// (works, cold, warm) for each size asked for, formatted in one
    /// document: the first time, and again unchanged (a list preview
    /// redrawn, the same list exported).
    pub sizes: Vec<(usize, Duration, Duration)>,
    /// Mean time of one work formatted alone (the works view's unit).
    pub single: Duration,
}

/// `n` distinct works made from `base` (which must not be empty).
pub fn works_of_size(base: &[CslItem], n: usize) -> Vec<CslItem> {
    (0..n)
        .map(|i| {
            let mut work = base[i % base.len()].clone();
            let round = i / base.len();
            if round > 0 {
                work.id = work.id.map(|id| format!("{id}-{round}"));
                work.title = work.title.map(|t| format!("{t} {round}"));
                if let Some(family) = work.author.first_mut().and_then(|a| a.family.as_mut()) {
                    family.push(char::from(b'a' + (round % 26) as u8));
                }
            }
            work
        })
        .collect()
}

/// Measures `style` on `base` at each of `sizes`.
pub fn run(base: &[CslItem], style: &str, sizes: &[usize]) -> Result<StyleTimes> {
    let start = Instant::now();
    let loaded = Style::load(style)?;
    crate::format(&base[..1.min(base.len())], &loaded, Markup::Html)?;
    let cold = start.elapsed();
    let mut out = Vec::new();
    for &n in sizes {
        let works = works_of_size(base, n);
        let clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        let t = Instant::now();
        render(&works, &clusters, &loaded)?;
        let cold = t.elapsed();
        let t = Instant::now();
        render(&works, &clusters, &loaded)?;
        out.push((n, cold, t.elapsed()));
    }
    let singles = works_of_size(base, base.len().min(20));
    let t = Instant::now();
    for work in &singles {
        crate::format_single(work, &loaded)?;
    }
    let single = t.elapsed() / singles.len().max(1) as u32;
    Ok(StyleTimes {
        style: loaded.name,
        cold,
        sizes: out,
        single,
    })
}
