//! Ruled tables: rulings merged into segments, connected sets of crossing rulings into
//! tables, and the cell around a point.

use super::super::interp::Rule;
use super::T;

/// Merged rulings: horizontal at `pos` from `lo` to `hi` (or vertical).
#[derive(Debug, Clone, Copy)]
pub(super) struct Seg {
    pub(super) pos: f32,
    pub(super) lo: f32,
    pub(super) hi: f32,
}

/// Joins collinear, overlapping or touching segments.
pub(super) fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Seg> = Vec::new();
    for s in segs {
        if let Some(last) = out.iter_mut().rev().take(8).find(|l| {
            (l.pos - s.pos).abs() < T.same_x && s.lo <= l.hi + T.ruling && s.hi >= l.lo - T.ruling
        }) {
            last.lo = last.lo.min(s.lo);
            last.hi = last.hi.max(s.hi);
            continue;
        }
        out.push(s);
    }
    out
}

/// A ruled table: its rulings and bounding box.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) h: Vec<Seg>,
    pub(super) v: Vec<Seg>,
    /// Column boundaries: the distinct x of the vertical rulings, left to right.
    pub(super) cols: Vec<f32>,
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y0: f32,
    pub(super) y1: f32,
    /// The vertical rulings run on below the lowest horizontal one (or above the highest):
    /// a row cut by the page's edge, drawn without its closing ruling (wkhtmltopdf).
    pub(super) open_bottom: bool,
    pub(super) open_top: bool,
}

/// Finds ruled tables: connected sets of crossing horizontal and vertical rulings.
pub(super) fn tables(rules: &[Rule]) -> Vec<Table> {
    let h = merge(
        rules
            .iter()
            .filter(|r| r.horizontal())
            .map(|r| Seg {
                pos: (r.y0 + r.y1) / 2.0,
                lo: r.x0,
                hi: r.x1,
            })
            .collect(),
    );
    let v = merge(
        rules
            .iter()
            .filter(|r| !r.horizontal())
            .map(|r| Seg {
                pos: (r.x0 + r.x1) / 2.0,
                lo: r.y0,
                hi: r.y1,
            })
            .collect(),
    );
    if h.is_empty() || v.len() < 2 || h.len() * v.len() > 4_000_000 {
        return Vec::new();
    }
    // Union-find over h (0..h.len()) and v (h.len()..).
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    pub(super) fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let cross = b.pos >= a.lo - T.ruling
                && b.pos <= a.hi + T.ruling
                && a.pos >= b.lo - T.ruling
                && a.pos <= b.hi + T.ruling;
            if cross {
                let (x, y) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                if x != y {
                    parent[x] = y;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Table> = std::collections::BTreeMap::new();
    for (i, s) in h.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().h.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        let r = find(&mut parent, h.len() + j);
        groups.entry(r).or_default().v.push(*s);
    }
    groups
        .into_values()
        // One horizontal ruling is enough when the verticals run on past it: a row that a
        // page break left open (wkhtmltopdf draws the next page's part without a top ruling).
        .filter(|t| !t.h.is_empty() && t.v.len() >= 2)
        .map(|mut t| {
            t.x0 = t.v.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
            t.x1 = t.v.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
            // Stubs where vertical rulings end (Chromium slices a row cut by a page break:
            // the cut edge shows only the ends of the cell borders) are no ruling.
            t.h.retain(|s| s.hi - s.lo > 3.0);
            if t.h.is_empty() {
                return t;
            }
            t.y0 = t.h.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
            t.y1 = t.h.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
            // Rulings that run on past the last horizontal one close the table there: a row
            // cut by the page's edge, drawn open (wkhtmltopdf, Chromium).
            let lo = t.v.iter().map(|s| s.lo).fold(f32::MAX, f32::min);
            let hi = t.v.iter().map(|s| s.hi).fold(f32::MIN, f32::max);
            let edge = |pos: f32| Seg {
                pos,
                lo: t.x0,
                hi: t.x1,
            };
            if lo < t.y0 - 4.0 * T.ruling
                && t.v.iter().filter(|s| s.lo < t.y0 - T.ruling).count() >= 2
            {
                t.h.push(edge(lo));
                t.y0 = lo;
                t.open_bottom = true;
            }
            if hi > t.y1 + 4.0 * T.ruling
                && t.v.iter().filter(|s| s.hi > t.y1 + T.ruling).count() >= 2
            {
                t.h.push(edge(hi));
                t.y1 = hi;
                t.open_top = true;
            }
            let mut xs: Vec<f32> = t.v.iter().map(|s| s.pos).collect();
            xs.sort_by(f32::total_cmp);
            for x in xs {
                if t.cols.last().is_none_or(|l| x - l > T.ruling) {
                    t.cols.push(x);
                }
            }
            t
        })
        .filter(|t| t.h.len() >= 2 && t.x1 - t.x0 > 20.0 && t.y1 - t.y0 > 8.0)
        .collect()
}

impl Table {
    /// Number of grid columns.
    pub(super) fn ncols(&self) -> usize {
        self.cols.len().saturating_sub(1).max(1)
    }

    /// The grid column whose left boundary is nearest `left`.
    pub(super) fn col(&self, left: f32) -> usize {
        let k = self
            .cols
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - left).abs().total_cmp(&(b.1 - left).abs()))
            .map_or(0, |(i, _)| i);
        k.min(self.ncols() - 1)
    }

    pub(super) fn contains(&self, x: f32, y: f32) -> bool {
        x > self.x0 - T.ruling
            && x < self.x1 + T.ruling
            && y > self.y0 - T.ruling
            && y < self.y1 + T.ruling
    }

    /// The cell around point (x, y): (left, right, top, bottom) rulings.
    pub(super) fn cell(&self, x: f32, y: f32) -> (f32, f32, f32, f32) {
        let covers_y = |s: &&Seg| y >= s.lo - T.ruling && y <= s.hi + T.ruling;
        let covers_x = |s: &&Seg| x >= s.lo - T.ruling && x <= s.hi + T.ruling;
        let left = self
            .v
            .iter()
            .filter(covers_y)
            .filter(|s| s.pos <= x)
            .map(|s| s.pos)
            .fold(self.x0, f32::max);
        let right = self
            .v
            .iter()
            .filter(covers_y)
            .filter(|s| s.pos >= x)
            .map(|s| s.pos)
            .fold(self.x1, f32::min);
        let top = self
            .h
            .iter()
            .filter(covers_x)
            .filter(|s| s.pos >= y)
            .map(|s| s.pos)
            .fold(self.y1, f32::min);
        let bottom = self
            .h
            .iter()
            .filter(covers_x)
            .filter(|s| s.pos <= y)
            .map(|s| s.pos)
            .fold(self.y0, f32::max);
        (left, right, top, bottom)
    }
}
