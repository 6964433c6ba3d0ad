//! Tables drawn without rulings (LibreOffice's HTML import): a column grid from word starts
//! lined up over several lines, cells cut on that grid, rows from cells that overlap.

use super::lines::{line_text, word_starts};
use super::order::{cell_lines_around, drawn_rows};
use super::reflow::join_wrapped;
use super::{boxes_of, Carry, Piece, T};
use crate::geometry::LineBoxes;

/// A row of a table drawn without rulings, found by [`borderless`].
pub(super) struct GridRow {
    /// Top of the row's text (device space, y up).
    pub(super) top: f32,
    pub(super) x0: f32,
    pub(super) cells: Vec<String>,
    pub(super) cols: Vec<f32>,
    pub(super) first: bool,
    pub(super) last: bool,
    /// Cells of different heights all centred on one middle: the row is whole (a row cut by
    /// a page break has its cells at the top).
    pub(super) centred: bool,
    /// The row's glyph boxes.
    pub(super) boxes: LineBoxes,
}

/// A line's part in one column: (baseline, size, text, glyph boxes).
type Frag = (f32, f32, String, LineBoxes);
/// A cell: (top, bottom, column, text, glyph boxes).
type Cell = (f32, f32, usize, String, LineBoxes);

/// The column of `grid` (column starts) that `x` starts in: at the start or just right of it.
pub(super) fn grid_index(grid: &[f32], x: f32) -> Option<usize> {
    grid.iter().position(|g| x >= g - 0.01 && x - g <= T.same_x)
}

/// Tables drawn without rulings (LibreOffice's HTML import): x positions where words start,
/// lined up over several lines, one of them at least after a wide gap or at a line's start,
/// make a column grid; a run of lines that start cells on that grid (off the page's left
/// margin) is a table. Its lines are cut into cells at the grid's columns (a big gap is not
/// needed there), each column's wrapped lines make one cell, and cells whose text overlaps
/// vertically (cells are centred in their rows) make one row. Returns the other lines and
/// the rows.
pub(super) fn borderless(
    lines: Vec<Vec<Piece>>,
    buf: &str,
    spaces_at_ends: bool,
    carry: &mut Carry,
) -> (Vec<Vec<Piece>>, Vec<GridRow>) {
    if lines.len() < 2 {
        return (lines, Vec::new());
    }
    let hint = &mut carry.grid;
    let known = hint.clone();
    let hinted = |x: f32| known.iter().any(|h| (h - x).abs() <= T.same_x);
    let mut starts: Vec<Vec<(f32, bool)>> = Vec::with_capacity(lines.len());
    let mut all: Vec<(f32, usize, bool)> = Vec::new();
    let mut tmp = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        word_starts(l, buf, &mut tmp);
        all.extend(tmp.iter().map(|&(x, s)| (x, i, s)));
        starts.push(tmp.clone());
    }
    let margin = starts
        .iter()
        .filter_map(|s| s.first().map(|w| w.0))
        .fold(f32::MAX, f32::min);
    // Grid columns: clusters of word starts (within 1.5 pt) on two lines or more, one strong.
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut grid: Vec<f32> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let x = all[i].0;
        let mut j = i;
        let mut strong = false;
        let mut ls: Vec<usize> = Vec::new();
        while j < all.len() && all[j].0 - x <= T.same_x {
            strong |= all[j].2;
            ls.push(all[j].1);
            j += 1;
        }
        ls.sort_unstable();
        ls.dedup();
        if strong && (ls.len() >= 2 || hinted(x)) {
            grid.push(x);
        }
        i = j;
    }
    if grid.len() < 2 {
        carry.measure_pitch(&lines, &[]);
        return (lines, Vec::new());
    }
    let on_grid = |x: f32| grid_index(&grid, x);
    // A line starts a cell off the margin on the grid.
    let tabular: Vec<bool> = starts
        .iter()
        .map(|s| {
            s.iter()
                .any(|&(x, strong)| strong && x > margin + 1.0 && on_grid(x).is_some())
        })
        .collect();
    let tabular = with_interleaved(&lines, tabular, carry.text_pitch);
    // Runs of tabular lines (a line between two tabular ones joins them).
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        if !tabular[k] {
            k += 1;
            continue;
        }
        let from = k;
        let mut to = k + 1;
        loop {
            let close = |a: usize, b: usize| {
                lines[a][0].y - lines[b][0].y < 3.0 * size_of(&lines[a]).max(size_of(&lines[b]))
            };
            if to < lines.len() && tabular[to] && close(to - 1, to) {
                to += 1;
            } else if to + 1 < lines.len()
                && !tabular[to]
                && tabular[to + 1]
                && close(to - 1, to)
                && close(to, to + 1)
            {
                to += 2;
            } else {
                break;
            }
        }
        regions.push((from, to));
        k = to;
    }
    let mut rows: Vec<GridRow> = Vec::new();
    let mut taken = vec![false; lines.len()];
    carry.measure_pitch(&lines, &regions);
    let hint = &mut carry.grid;
    for (ri, &(from, to)) in regions.iter().enumerate() {
        // The columns of lines `a..b`: grid columns where two of its lines or more start a
        // word (one, for a column of a table on an earlier page), once at least after a gap.
        let cols_of = |a: usize, b: usize| -> Vec<f32> {
            grid.iter()
                .copied()
                .filter(|&g| {
                    let at = |x: f32| x >= g - 0.01 && x - g <= T.same_x;
                    let n = starts[a..b]
                        .iter()
                        .filter(|s| s.iter().any(|&(x, _)| at(x)))
                        .count();
                    let strong = starts[a..b]
                        .iter()
                        .any(|s| s.iter().any(|&(x, st)| st && at(x)));
                    strong && (n >= 2 || (n == 1 && hinted(g)))
                })
                .collect()
        };
        let mut cols = cols_of(from, to);
        // Cells and rows as the producer drew them, each table on its own grid, when the
        // drawing order reads as cells (see `order`): with the lines around the run that go on
        // its cells in drawing order, else the run alone.
        {
            let lo = taken.iter().rposition(|&t| t).map_or(0, |i| i + 1);
            let hi = regions.get(ri + 1).map_or(lines.len(), |r| r.0);
            let wide = cell_lines_around(&lines, (from, to), (lo, hi), &grid);
            let tries = if wide == (from, to) {
                &[wide][..]
            } else {
                &[wide, (from, to)][..]
            };
            let found = tries.iter().find_map(|&(a, b)| {
                // The run's own columns are known already.
                let wider;
                let cols: &[f32] = if (a, b) == (from, to) {
                    &cols
                } else {
                    wider = cols_of(a, b);
                    &wider
                };
                (b - a >= 2 && cols.len() >= 3)
                    .then(|| drawn_rows(&lines[a..b], buf, spaces_at_ends, cols))
                    .flatten()
                    .map(|d| (d, a, b))
            });
            if let Some((mut drawn, from, to)) = found {
                for r in &mut drawn {
                    let prev = rows.last().map_or(&carry.last_cols, |p: &GridRow| &p.cols);
                    pad_leading(r, prev);
                }
                for r in &drawn {
                    for &c in &r.cols {
                        if !hint.iter().any(|h| (h - c).abs() <= T.same_x) && hint.len() < 64 {
                            hint.push(c);
                        }
                    }
                }
                rows.extend(drawn);
                for t in &mut taken[from..to] {
                    *t = true;
                }
                continue;
            }
        }
        // No text of the region runs across a column's start (a cell's text stays in its
        // cell; a paragraph's words that happen to line up do not).
        cols.retain(|&g| {
            lines[from..to]
                .iter()
                .all(|l| l.iter().all(|p| !(p.x0 < g - 1.0 && p.x1 > g + 2.0)))
        });
        let all_hinted = cols.iter().all(|&c| hinted(c));
        if to - from < 2 || cols.len() < 3 && !(all_hinted && cols.len() == 2) {
            continue;
        }
        for &c in &cols {
            if !hint.iter().any(|h| (h - c).abs() <= T.same_x) && hint.len() < 64 {
                hint.push(c);
            }
        }
        // Text left of the first column belongs to it.
        let left = lines[from..to]
            .iter()
            .flat_map(|l| l.first())
            .map(|p| p.x0)
            .fold(f32::MAX, f32::min);
        cols[0] = cols[0].min(left);
        // Fragments: (column, baseline, size, text) per line and column.
        let mut frags: Vec<Vec<Frag>> = vec![Vec::new(); cols.len()];
        for l in &lines[from..to] {
            let mut c = 0;
            let mut part: Vec<Piece> = Vec::new();
            let flush = |c: usize, part: &mut Vec<Piece>, frags: &mut Vec<Vec<Frag>>| {
                if let Some(p0) = part.first() {
                    let mut s = String::new();
                    line_text(part, buf, false, &mut s);
                    let s = s.trim_start().to_owned();
                    if !s.trim().is_empty() {
                        let size = size_of(part);
                        let mut b = LineBoxes::default();
                        boxes_of(part.iter(), buf, &mut b);
                        frags[c].push((p0.y, size, s, b));
                    }
                }
                part.clear();
            };
            for p in l {
                let nc = cols.iter().rposition(|&g| p.x0 >= g - 1.0).unwrap_or(0);
                if nc != c {
                    flush(c, &mut part, &mut frags);
                    c = nc;
                }
                part.push(*p);
            }
            flush(c, &mut part, &mut frags);
        }
        // The line pitch inside cells: the smallest spacing of a column's consecutive lines.
        let pitch = cell_pitch(&frags, carry.text_pitch);
        // Cells: a column's lines at that pitch; (top, bottom, column, text).
        let mut cells: Vec<Cell> = Vec::new();
        for (c, f) in frags.iter().enumerate() {
            let mut cur: Option<(f32, f32, f32, String, LineBoxes)> = None;
            for (y, size, s, b) in f {
                match &mut cur {
                    Some((_, last_y, _, text, boxes))
                        if *last_y - y <= pitch * T.cell_pitch_ratio =>
                    {
                        join_wrapped(text, s, spaces_at_ends);
                        boxes.append(b);
                        *last_y = *y;
                    }
                    _ => {
                        if let Some((top, last_y, sz, text, boxes)) = cur.take() {
                            cells.push((top + 0.8 * sz, last_y - 0.3 * sz, c, text, boxes));
                        }
                        cur = Some((*y, *y, *size, s.clone(), b.clone()));
                    }
                }
            }
            if let Some((top, last_y, sz, text, boxes)) = cur.take() {
                cells.push((top + 0.8 * sz, last_y - 0.3 * sz, c, text, boxes));
            }
        }
        // Rows: cells whose extents overlap, top to bottom.
        cells.sort_by(|a, b| b.0.total_cmp(&a.0));
        let first_row = rows.len();
        let mut k = 0;
        while k < cells.len() {
            let top = cells[k].0;
            let mut bottom = cells[k].1;
            let mut out = vec![String::new(); cols.len()];
            let from_cell = k;
            let mut boxes = LineBoxes::default();
            while k < cells.len() && cells[k].0 > bottom {
                let (_, b, c, text, cell_boxes) = &cells[k];
                bottom = bottom.min(*b);
                join_wrapped(&mut out[*c], text, spaces_at_ends);
                boxes.append(cell_boxes);
                k += 1;
            }
            for c in &mut out {
                c.truncate(c.trim_end().len());
            }
            let span = &cells[from_cell..k];
            let h = |c: &Cell| c.0 - c.1;
            let mid = |c: &Cell| (c.0 + c.1) / 2.0;
            let (hmin, hmax) = span
                .iter()
                .fold((f32::MAX, f32::MIN), |(a, b), c| (a.min(h(c)), b.max(h(c))));
            let centred = hmax - hmin > 0.5 * pitch.max(1.0)
                && span
                    .iter()
                    .all(|c| (mid(c) - mid(&span[0])).abs() < 0.25 * pitch.max(1.0));
            rows.push(GridRow {
                top,
                x0: cols[0],
                cells: out,
                cols: cols.clone(),
                first: rows.len() == first_row,
                last: false,
                centred,
                boxes,
            });
        }
        if let Some(r) = rows.last_mut() {
            r.last = true;
        }
        for t in &mut taken[from..to] {
            *t = true;
        }
    }
    if let Some(r) = rows.last() {
        carry.last_cols.clone_from(&r.cols);
    }
    let rest = lines
        .into_iter()
        .zip(taken)
        .filter_map(|(l, t)| (!t).then_some(l))
        .collect();
    (rest, rows)
}

/// A line's (or a cell's part's) font size: its largest piece's, at least 1.
fn size_of(l: &[Piece]) -> f32 {
    l.iter().map(|p| p.size).fold(1.0f32, f32::max)
}

/// Lines interleaved with a tabular line count as tabular: a line standing closer to a
/// tabular neighbour than [`INTERLEAVED`] of the paragraph pitch `text` (one font size when
/// no pitch is known yet) is no paragraph's next line but a cell beside it, centred between
/// another cell's lines (an id cell wrapped `ข้อ` / `o๒๘` in the first column, the score
/// centred between its lines; a table whose first column is the page's left margin, or whose
/// first columns are blank on a page it goes on, has no other word start off the margin).
fn with_interleaved(lines: &[Vec<Piece>], tabular: Vec<bool>, text: Option<f32>) -> Vec<bool> {
    let near = |a: usize, b: usize| {
        let size = size_of(&lines[a]).max(size_of(&lines[b]));
        let d = lines[a][0].y - lines[b][0].y;
        d < text.map_or(1.0, |t| INTERLEAVED * t) * size
    };
    (0..lines.len())
        .map(|k| {
            tabular[k]
                || (k > 0 && tabular[k - 1] && near(k - 1, k))
                || (k + 1 < lines.len() && tabular[k + 1] && near(k, k + 1))
        })
        .collect()
}

/// See [`with_interleaved`]: a cell centred beside a wrapped one stands half a pitch from its
/// lines.
const INTERLEAVED: f32 = 0.75;

/// A row whose columns are the last columns of the table before it (`prev`), exactly, gets
/// that table's first columns, blank: a table whose first column is blank in every row leaves
/// no left edge there (LibreOffice's web export draws a topic's last row, its topic cell
/// merged above, as a table of its own), and its first cell is no topic. So does a row on
/// three of its columns or more, one after another, exactly, that are neither its first nor
/// its last (the same row with its last cell blank too: a merged period), which gets the last
/// ones blank as well.
fn pad_leading(row: &mut GridRow, prev: &[f32]) {
    let Some(&first) = row.cols.first() else {
        return;
    };
    let Some(k) = prev.iter().position(|&x| (x - first).abs() <= T.same_x) else {
        return;
    };
    let n = row.cols.len();
    let inner = n >= 3 && k + n < prev.len();
    if k == 0
        || (prev.len() - k != n && !inner)
        || !row
            .cols
            .iter()
            .zip(&prev[k..])
            .all(|(a, b)| (a - b).abs() <= T.same_x)
    {
        return;
    }
    let mut cells = vec![String::new(); k];
    cells.append(&mut row.cells);
    cells.resize(prev.len(), String::new());
    row.cells = cells;
    row.cols = prev.to_vec();
    row.x0 = prev[0];
}

/// The line pitch inside a table's cells: the smallest spacing of a column's consecutive
/// lines under [`T.pitch_max`](super::Tolerances::pitch_max) sizes; where none is that close,
/// a spacing under [`T.pitch_max_measured`](super::Tolerances::pitch_max_measured) that is the
/// document's paragraph pitch `text` (within 3%): Umpush's lines stand 1.98 sizes apart in
/// cells and paragraphs alike, while a table of one-line rows 2.1 sizes apart in Laksaman
/// (whose paragraphs' lines stand 1.7 apart) has no wrapped cell at all. 0 when no column has
/// lines that close.
fn cell_pitch(frags: &[Vec<Frag>], text: Option<f32>) -> f32 {
    let mut close: Vec<(f32, f32)> = Vec::new();
    for f in frags {
        for w in f.windows(2) {
            let (d, size) = (w[0].0 - w[1].0, w[0].1);
            if d > T.pitch_min * size && d < T.pitch_max_measured * size {
                close.push((d, size));
            }
        }
    }
    // A spacing well above the page's paragraph pitch is rows, not a cell's wrapped lines:
    // TH Sarabun New's one-line rows stand 1.81 sizes apart, under `pitch_max`, where its
    // paragraphs' lines stand 1.61 apart.
    let wrapped = |d: f32, size: f32| text.is_none_or(|t| d / size <= t * ROWS_OVER_TEXT);
    if let Some(p) = close
        .iter()
        .filter(|&&(d, size)| d < T.pitch_max * size && wrapped(d, size))
        .map(|c| c.0)
        .min_by(f32::total_cmp)
    {
        return p;
    }
    let Some(text) = text else { return 0.0 };
    close
        .iter()
        .filter(|(d, size)| (d / size - text).abs() <= 0.03 * text)
        .map(|c| c.0)
        .min_by(f32::total_cmp)
        .unwrap_or(0.0)
}

/// A column's spacing this many times the page's paragraph pitch or more is rows apart.
const ROWS_OVER_TEXT: f32 = 1.06;

impl Carry {
    /// Measures the page's paragraph pitch (see [`text_pitch`]) from its lines outside the
    /// table `regions`, keeping the smallest seen so far.
    fn measure_pitch(&mut self, lines: &[Vec<Piece>], regions: &[(usize, usize)]) {
        let inside = |k: usize| regions.iter().any(|&(a, b)| (a..b).contains(&k));
        let free: Vec<&Vec<Piece>> = lines
            .iter()
            .enumerate()
            .filter(|&(k, l)| !inside(k) && !l.is_empty())
            .map(|(_, l)| l)
            .collect();
        if let Some(p) = text_pitch(&free) {
            self.text_pitch = Some(self.text_pitch.map_or(p, |q| q.min(p)));
        }
    }
}

/// The line pitch of a page's paragraphs, in font sizes: the smallest spacing seen twice
/// (within 2%) between consecutive lines of one size that start at the same x (a paragraph's
/// lines; a paragraph break adds space), under
/// [`T.pitch_max_measured`](super::Tolerances::pitch_max_measured) sizes.
fn text_pitch(lines: &[&Vec<Piece>]) -> Option<f32> {
    let mut spacings: Vec<f32> = lines
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (&w[0][0], &w[1][0]);
            let (sa, sb) = (size_of(w[0]), size_of(w[1]));
            ((sa - sb).abs() <= 0.15 * sa && (a.x0 - b.x0).abs() <= T.same_x)
                .then(|| (a.y - b.y) / sa)
        })
        .filter(|r| *r > T.pitch_min && *r < T.pitch_max_measured)
        .collect();
    spacings.sort_by(f32::total_cmp);
    spacings
        .windows(2)
        .find(|w| w[1] - w[0] <= 0.02 * w[0])
        .map(|w| w[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(y: f32) -> Frag {
        (y, 10.0, String::new(), LineBoxes::default())
    }

    #[test]
    fn cell_pitch_wider_than_usual_only_at_the_text_pitch() {
        // Two columns: lines 2.0 sizes apart in one cell, rows 3.6 sizes apart.
        let frags = vec![
            vec![frag(700.0), frag(680.0), frag(644.0)],
            vec![frag(700.0), frag(664.0)],
        ];
        assert_eq!(cell_pitch(&frags, None), 0.0);
        assert_eq!(cell_pitch(&frags, Some(1.7)), 0.0);
        assert_eq!(cell_pitch(&frags, Some(2.0)), 20.0);
        assert_eq!(cell_pitch(&frags, Some(1.96)), 20.0);
        // A spacing under 1.9 sizes is the pitch unless well above the text's: TH Sarabun
        // New's one-line rows 1.81 sizes apart, its paragraphs' lines 1.61.
        let frags = vec![vec![frag(700.0), frag(685.0), frag(665.0)]];
        assert_eq!(cell_pitch(&frags, Some(2.0)), 15.0);
        assert_eq!(cell_pitch(&frags, Some(1.5)), 15.0);
        let rows = vec![vec![frag(700.0), frag(681.9), frag(663.8)]];
        assert_eq!(cell_pitch(&rows, None), 700.0 - 681.9);
        assert_eq!(cell_pitch(&rows, Some(1.61)), 0.0);
    }

    fn row(cols: &[f32], cells: &[&str]) -> GridRow {
        GridRow {
            top: 700.0,
            x0: cols[0],
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            cols: cols.to_vec(),
            first: true,
            last: true,
            centred: false,
            boxes: LineBoxes::default(),
        }
    }

    #[test]
    fn a_table_on_the_last_columns_of_the_one_before_gets_its_first_ones_blank() {
        let prev = [10.0, 60.0, 150.0, 230.0];
        let mut r = row(&[60.5, 150.0, 229.0], &["method", "unit", "steps"]);
        pad_leading(&mut r, &prev);
        assert_eq!(r.cells, ["", "method", "unit", "steps"]);
        assert_eq!(r.cols, prev);
        // Not the same last columns, or its own first column: as it is.
        for cols in [
            [60.0, 150.0, 300.0],
            [10.0, 60.0, 150.0],
            [60.0, 100.0, 230.0],
        ] {
            let mut r = row(&cols, &["a", "b", "c"]);
            pad_leading(&mut r, &prev);
            assert_eq!(r.cells, ["a", "b", "c"]);
        }
        let mut r = row(&[60.0, 150.0], &["a", "b"]);
        pad_leading(&mut r, &prev);
        assert_eq!(r.cells, ["a", "b"]);
        // Three inner columns of five (its period blank too): blank first and last cells; two
        // inner columns are too few to tell.
        let prev = [10.0, 60.0, 150.0, 230.0, 400.0];
        let mut r = row(&[60.0, 150.0, 230.5], &["method", "unit", "steps"]);
        pad_leading(&mut r, &prev);
        assert_eq!(r.cells, ["", "method", "unit", "steps", ""]);
        assert_eq!(r.cols, prev);
        let mut r = row(&[60.0, 150.0], &["a", "b"]);
        pad_leading(&mut r, &prev);
        assert_eq!(r.cells, ["a", "b"]);
    }

    #[test]
    fn lines_interleaved_with_a_tabular_line_are_tabular() {
        // An id cell wrapped at the margin (`ข้อ` / `o๒๘`), its score centred between its lines
        // (half a pitch from each), then a paragraph line a whole pitch below.
        let ls = vec![
            line(10.0, 700.0),
            line(60.0, 691.0),
            line(10.0, 682.0),
            line(10.0, 664.0),
        ];
        let tabular = vec![false, true, false, false];
        assert_eq!(
            with_interleaved(&ls, tabular.clone(), Some(1.8)),
            [true, true, true, false]
        );
        // No pitch known yet: within one size.
        assert_eq!(
            with_interleaved(&ls, tabular, None),
            [true, true, true, false]
        );
        let apart = vec![line(10.0, 700.0), line(60.0, 680.0)];
        assert_eq!(
            with_interleaved(&apart, vec![false, true], Some(1.8)),
            [false, true]
        );
    }

    fn line(x: f32, y: f32) -> Vec<Piece> {
        vec![Piece {
            x0: x,
            x1: x + 50.0,
            y,
            size: 10.0,
            start: 0,
            end: 0,
            font: 0,
        }]
    }

    #[test]
    fn text_pitch_is_the_smallest_spacing_seen_twice_at_one_x() {
        let ls = [
            line(10.0, 700.0),
            line(10.0, 680.0),
            line(10.0, 656.0),
            line(10.0, 636.0),
            line(10.0, 612.0),
        ];
        let refs: Vec<&Vec<Piece>> = ls.iter().collect();
        assert_eq!(text_pitch(&refs), Some(2.0));
        // Seen once, or between lines that do not line up: no pitch.
        let ls = [line(10.0, 700.0), line(10.0, 680.0), line(10.0, 656.0)];
        let refs: Vec<&Vec<Piece>> = ls.iter().collect();
        assert_eq!(text_pitch(&refs), None);
        let ls = [line(10.0, 700.0), line(60.0, 680.0), line(10.0, 660.0)];
        let refs: Vec<&Vec<Piece>> = ls.iter().collect();
        assert_eq!(text_pitch(&refs), None);
    }
}
