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
    if v.len() < 2 || h.len() * v.len() > 4_000_000 {
        return Vec::new();
    }
    if h.is_empty() {
        return open_rows(&v, &[]);
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
    let mut found: Vec<Table> = groups
        .into_values()
        // One horizontal ruling is enough when the verticals run on past it: a row that a
        // page break left open (wkhtmltopdf draws the next page's part without a top ruling).
        .filter(|t| !t.h.is_empty() && t.v.len() >= 2)
        .flat_map(|mut t| -> Vec<Table> {
            t.x0 = t.v.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
            t.x1 = t.v.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
            // Stubs where vertical rulings end (Chromium slices a row cut by a page break:
            // the cut edge shows only the ends of the cell borders) are no ruling.
            t.h.retain(|s| s.hi - s.lo > 3.0);
            if t.h.is_empty() {
                return vec![t];
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
            t.cols = columns(t.v.iter().map(|s| s.pos));
            split_stacked(t)
        })
        .filter(|t| t.h.len() >= 2 && t.x1 - t.x0 > 20.0 && t.y1 - t.y0 > 8.0)
        .collect();
    let more = open_rows(&v, &found);
    found.extend(more);
    found
}

/// Least number of vertical rulings, and least height in points, of a row open at both ends.
const OPEN_ROW_RULINGS: usize = 3;
const OPEN_ROW_HEIGHT: f32 = 40.0;

/// Rows that a page shows without any horizontal ruling: the middle part of a row cut by two
/// page breaks (Chromium draws a plan row three pages long as its column borders alone on the
/// page between). At least [`OPEN_ROW_RULINGS`] vertical rulings outside the `found` tables,
/// all running over the same span (within [`T.ruling`](super::Tolerances::ruling)) at least
/// [`OPEN_ROW_HEIGHT`] high, make one table of one row, open at the top and the bottom.
fn open_rows(v: &[Seg], found: &[Table]) -> Vec<Table> {
    let free: Vec<&Seg> = v
        .iter()
        .filter(|s| s.hi - s.lo >= OPEN_ROW_HEIGHT)
        .filter(|s| !found.iter().any(|t| t.contains(s.pos, (s.lo + s.hi) / 2.0)))
        .collect();
    let mut out: Vec<Table> = Vec::new();
    let mut used = vec![false; free.len()];
    for i in 0..free.len() {
        if used[i] {
            continue;
        }
        let same: Vec<usize> = (i..free.len())
            .filter(|&j| {
                !used[j]
                    && (free[j].lo - free[i].lo).abs() <= T.ruling
                    && (free[j].hi - free[i].hi).abs() <= T.ruling
            })
            .collect();
        if same.len() < OPEN_ROW_RULINGS {
            continue;
        }
        let segs: Vec<Seg> = same.iter().map(|&j| *free[j]).collect();
        for &j in &same {
            used[j] = true;
        }
        let (lo, hi) = (free[i].lo, free[i].hi);
        let x0 = segs.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
        let x1 = segs.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
        let edge = |pos: f32| Seg {
            pos,
            lo: x0,
            hi: x1,
        };
        out.push(Table {
            h: vec![edge(hi), edge(lo)],
            cols: columns(segs.iter().map(|s| s.pos)),
            v: segs,
            x0,
            x1,
            y0: lo,
            y1: hi,
            open_bottom: true,
            open_top: true,
        });
    }
    out
}

/// Column boundaries: the distinct x among `xs` (within [`T.ruling`](super::Tolerances::ruling)),
/// left to right.
fn columns(xs: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut xs: Vec<f32> = xs.collect();
    xs.sort_by(f32::total_cmp);
    let mut cols: Vec<f32> = Vec::new();
    for x in xs {
        if cols.last().is_none_or(|l| x - l > T.ruling) {
            cols.push(x);
        }
    }
    cols
}

/// Every x of `a` is in `b` (within [`T.ruling`](super::Tolerances::ruling)).
fn nested(a: &[f32], b: &[f32]) -> bool {
    a.iter()
        .all(|x| b.iter().any(|y| (x - y).abs() <= T.ruling))
}

/// Splits tables drawn one under the other that share a ruling (LibreOffice Writer draws a
/// table right under the one before, and the group of crossing rulings holds both): a new table
/// starts at a horizontal ruling where the column boundaries above and below are not nested,
/// neither set holding the other. Inside one table a row's boundaries are its table's, or some
/// of them where cells span columns: always nested. One grid for both would give each row the
/// empty columns of the other table.
fn split_stacked(t: Table) -> Vec<Table> {
    let mut ys: Vec<f32> = t.h.iter().map(|s| s.pos).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() <= T.ruling);
    let band = |hi: f32, lo: f32| -> Vec<f32> {
        let mid = (hi + lo) / 2.0;
        columns(
            t.v.iter()
                .filter(|s| s.lo - T.ruling <= mid && mid <= s.hi + T.ruling)
                .map(|s| s.pos),
        )
    };
    // The rulings where a new table starts (top to bottom).
    let mut cuts: Vec<f32> = Vec::new();
    let mut above: Option<Vec<f32>> = None;
    for w in ys.windows(2) {
        let cols = band(w[0], w[1]);
        if cols.len() < 2 {
            continue;
        }
        if let Some(a) = &above {
            if !nested(a, &cols) && !nested(&cols, a) {
                cuts.push(w[0]);
            }
        }
        above = Some(cols);
    }
    if cuts.is_empty() {
        return vec![t];
    }
    let mut bounds = vec![t.y1];
    bounds.extend(&cuts);
    bounds.push(t.y0);
    bounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            let (hi, lo) = (w[0], w[1]);
            let h: Vec<Seg> =
                t.h.iter()
                    .filter(|s| s.pos <= hi + T.ruling && s.pos >= lo - T.ruling)
                    .copied()
                    .collect();
            let v: Vec<Seg> =
                t.v.iter()
                    .filter(|s| s.lo < hi - T.ruling && s.hi > lo + T.ruling)
                    .map(|s| Seg {
                        pos: s.pos,
                        lo: s.lo.max(lo),
                        hi: s.hi.min(hi),
                    })
                    .collect();
            Table {
                x0: v.iter().map(|s| s.pos).fold(f32::MAX, f32::min),
                x1: v.iter().map(|s| s.pos).fold(f32::MIN, f32::max),
                y0: lo,
                y1: hi,
                cols: columns(v.iter().map(|s| s.pos)),
                open_bottom: t.open_bottom && k == cuts.len(),
                open_top: t.open_top && k == 0,
                h,
                v,
            }
        })
        .filter(|t| t.v.len() >= 2)
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
        // One pass over each direction's rulings (this runs for every glyph in a table).
        let (mut left, mut right) = (self.x0, self.x1);
        for s in &self.v {
            if y >= s.lo - T.ruling && y <= s.hi + T.ruling {
                if s.pos <= x {
                    left = left.max(s.pos);
                }
                if s.pos >= x {
                    right = right.min(s.pos);
                }
            }
        }
        let (mut top, mut bottom) = (self.y1, self.y0);
        for s in &self.h {
            if x >= s.lo - T.ruling && x <= s.hi + T.ruling {
                if s.pos >= y {
                    top = top.min(s.pos);
                }
                if s.pos <= y {
                    bottom = bottom.max(s.pos);
                }
            }
        }
        (left, right, top, bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rulings of a grid: horizontal ones at `ys` across `x0..x1`, and for each band
    /// between two of them (top to bottom) its vertical ones at the x given.
    fn grid(ys: &[f32], bands: &[&[f32]]) -> Vec<Rule> {
        let x0 = bands
            .iter()
            .flat_map(|b| b.iter())
            .copied()
            .fold(f32::MAX, f32::min);
        let x1 = bands
            .iter()
            .flat_map(|b| b.iter())
            .copied()
            .fold(f32::MIN, f32::max);
        let mut out: Vec<Rule> = ys
            .iter()
            .map(|&y| Rule {
                x0,
                y0: y,
                x1,
                y1: y,
            })
            .collect();
        for (k, xs) in bands.iter().enumerate() {
            for &x in *xs {
                out.push(Rule {
                    x0: x,
                    y0: ys[k + 1],
                    x1: x,
                    y1: ys[k],
                });
            }
        }
        out
    }

    #[test]
    fn tables_drawn_one_under_the_other_are_two_tables() {
        // Two rows of a table on columns 0/100/300/400, then, on the ruling they share, two
        // rows of another on 0/50/250/400: neither set holds the other.
        let a: &[f32] = &[0.0, 100.0, 300.0, 400.0];
        let b: &[f32] = &[0.0, 50.0, 250.0, 400.0];
        let t = tables(&grid(&[700.0, 680.0, 660.0, 640.0, 620.0], &[a, a, b, b]));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].cols, a);
        assert_eq!((t[0].y0, t[0].y1), (660.0, 700.0));
        assert_eq!(t[1].cols, b);
        assert_eq!((t[1].y0, t[1].y1), (620.0, 660.0));
    }

    #[test]
    fn a_row_with_cells_spanning_columns_stays_in_its_table() {
        // A header cell spanning the two middle columns: its boundaries are some of the
        // table's, so one table and one grid.
        let all: &[f32] = &[0.0, 100.0, 200.0, 300.0, 400.0];
        let span: &[f32] = &[0.0, 100.0, 300.0, 400.0];
        let t = tables(&grid(&[700.0, 680.0, 660.0, 640.0], &[span, all, all]));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cols, all);
    }

    #[test]
    fn vertical_rulings_alone_are_a_row_open_at_both_ends() {
        // The middle page of a row cut by two page breaks: its column borders from the top of
        // the body to its foot, and no horizontal ruling (but the borders' stubs).
        let xs = [57.0, 161.2, 264.6, 368.8];
        let mut rules: Vec<Rule> = xs
            .iter()
            .map(|&x| Rule {
                x0: x,
                y0: 56.3,
                x1: x,
                y1: 784.9,
            })
            .collect();
        rules.extend(xs.iter().map(|&x| Rule {
            x0: x,
            y0: 784.9,
            x1: x + 0.7,
            y1: 784.9,
        }));
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].cols, xs);
        assert!(t[0].open_top && t[0].open_bottom);
        assert_eq!((t[0].y0, t[0].y1), (56.3, 784.9));
        // Two rulings, or rulings over different spans, are no table (a page's margin lines).
        assert!(tables(&rules[..2]).is_empty());
        let mut uneven = rules[..4].to_vec();
        uneven[1].y0 = 400.0;
        uneven[2].y1 = 500.0;
        assert!(tables(&uneven).is_empty());
    }
}
