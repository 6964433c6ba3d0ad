//! A borderless table read in the order its text was drawn. Producers that lay out HTML
//! tables (LibreOffice's web export, browsers) draw a table cell by cell, each cell's lines top
//! to bottom, the cells of a row left to right: so the content order tells which lines make
//! one cell and which cells make one row, where the page's geometry cannot (cells centred in
//! their rows interleave their lines; a column one syllable wide; two tables one right under
//! the other on different column grids).

use super::borderless::GridRow;
use super::lines::line_text;
use super::reflow::join_wrapped;
use super::{boxes_of, Piece, T};
use crate::geometry::LineBoxes;

/// A cell as drawn: its lines top to bottom (each a run of pieces left to right).
struct Drawn {
    lines: Vec<Vec<Piece>>,
    left: f32,
    right: f32,
    /// Extent of its text: top of its first line, bottom of its last (device space, y up).
    top: f32,
    bottom: f32,
}

impl Drawn {
    fn new(run: Vec<Piece>) -> Self {
        let mut d = Drawn {
            lines: Vec::new(),
            left: f32::MAX,
            right: f32::MIN,
            top: f32::MIN,
            bottom: f32::MAX,
        };
        d.push(run);
        d
    }

    fn push(&mut self, run: Vec<Piece>) {
        for p in &run {
            self.left = self.left.min(p.x0);
            self.right = self.right.max(p.x1);
            self.top = self.top.max(p.y + 0.8 * p.size);
            self.bottom = self.bottom.min(p.y - 0.3 * p.size);
        }
        self.lines.push(run);
    }

    /// Does its text run across the start of `other` (one cell's text over another's column)?
    fn crosses(&self, other: &Drawn) -> bool {
        self.left < other.left - 1.0 && self.right > other.left + 2.0
    }
}

/// Rows of the table `lines` (a run of tabular lines, top to bottom) as their text was drawn,
/// each table of the run on its own column grid; `None` when the drawing order does not read
/// as cells (a producer that draws line by line, text that runs across columns), so the
/// geometric reading applies. `grid` are the run's candidate column starts: a word drawn right
/// after another on the same baseline starts a new cell there.
pub(super) fn drawn_rows(
    lines: &[Vec<Piece>],
    buf: &str,
    spaces_at_ends: bool,
    grid: &[f32],
) -> Option<Vec<GridRow>> {
    let cells = drawn_cells(lines, grid)?;
    let rows = rows_of(cells)?;
    let tables = tables_of(rows);
    if !tables.iter().any(|t| columns(t).len() >= 3) {
        return None;
    }
    let mut out = Vec::new();
    for t in tables {
        let cols = columns(&t);
        let n = t.len();
        for (k, row) in t.into_iter().enumerate() {
            out.push(grid_row(
                row,
                &cols,
                buf,
                spaces_at_ends,
                k == 0,
                k + 1 == n,
            ));
        }
    }
    Some(out)
}

/// The run `lines[from..to]` widened by the lines around it that go on cells of the run in
/// drawing order, between `lo` and `hi` (the runs around it). A tall, narrow cell's first or
/// last lines stand alone on their baselines (`และ` / `รูป` / `แบบ` at a page's head, its
/// other cells shorter and centred), and a row's first line whose cells stand close together
/// (`๔. <ul style="list-style-` … `งา` … `๑` in a monospaced font) has no word start after a
/// wide gap: neither is a tabular line. A line above the run joins when each of its runs of
/// pieces (a cell's line) is drawn right before a line of the run that starts at the same x
/// (the cell's next line) and stays inside its column of `grid`; its runs' spacings to those
/// lines must agree (two runs or more: several cells going on one pitch lower), or, for a line
/// of one run, the cell's line after the next must follow at the same spacing again (a
/// heading's last line over a table whose first cell starts at the margin stands apart by
/// more). A line below joins likewise, each run drawn right after the cell's line above it in
/// the run.
pub(super) fn cell_lines_around(
    lines: &[Vec<Piece>],
    (from, to): (usize, usize),
    (lo, hi): (usize, usize),
    grid: &[f32],
) -> (usize, usize) {
    if (from <= lo && to >= hi) || lines.iter().map(Vec::len).sum::<usize>() > MAX_DRAWN_PIECES {
        return (from, to);
    }
    // Every piece in drawing order: (start, line, x0, x1).
    let mut order: Vec<(usize, usize, f32, f32)> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |p| (p.start, i, p.x0, p.x1)))
        .collect();
    order.sort_unstable_by_key(|o| o.0);
    // Each line's runs: its pieces drawn one after another, as (first, last) positions.
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lines.len()];
    for (i, o) in order.iter().enumerate() {
        let r = &mut runs[o.1];
        match r.last_mut() {
            Some(last) if last.1 + 1 == i => last.1 = i,
            _ => r.push((i, i)),
        }
    }
    // The run holding position `i`.
    let run_at = |i: usize| {
        *runs[order[i].1]
            .iter()
            .find(|r| (r.0..=r.1).contains(&i))
            .expect("every position is in a run")
    };
    let left = |(a, b): (usize, usize)| order[a..=b].iter().map(|o| o.2).fold(f32::MAX, f32::min);
    let right = |(a, b): (usize, usize)| order[a..=b].iter().map(|o| o.3).fold(f32::MIN, f32::max);
    // Does the run stay inside its column (no column of `grid` starts within it)?
    let in_column = |r: (usize, usize)| {
        let (x0, x1) = (left(r), right(r));
        grid.iter().all(|&g| g <= x0 + T.same_x || x1 <= g + 1.0)
    };
    let drop = |above: usize, below: usize| lines[above][0].y - lines[below][0].y;
    let size = |a: usize, b: usize| lines[a][0].size.max(lines[b][0].size);
    // Is `below` a line of its own under `above`, within a line pitch?
    let next_line = |above: usize, below: usize| {
        let d = drop(above, below);
        d > 0.35 * size(above, below) && d < T.pitch_max_measured * size(above, below)
    };
    let same = |d: f32, e: f32, sz: f32| (d - e).abs() <= SAME_PITCH * sz;
    // Line `k`'s runs each go on in the run (`[from, to)`) in drawing order: `after` says
    // whether the cell's next line is drawn after `k` (k above the run) or before it. For each
    // run, the spacing to that line and, when the cell has one more line in the run beyond it,
    // the spacing from there to that one.
    let goes_on = |k: usize, (from, to): (usize, usize), after: bool| -> bool {
        let mut spacings: Vec<(f32, Option<f32>)> = Vec::new();
        for &r in &runs[k] {
            let x = left(r);
            let at_x = |c: (usize, usize)| (left(c) - x).abs() <= T.same_x;
            // The cell's line next to `k` (below it when `after`, above it otherwise), then
            // the one beyond it.
            let near = if after { r.1 + 1 } else { r.0.wrapping_sub(1) };
            let Some(&(_, j, _, _)) = order.get(near) else {
                return false;
            };
            let jr = run_at(near);
            let (above, below) = if after { (k, j) } else { (j, k) };
            if !(in_column(r) && (from..to).contains(&j) && at_x(jr) && next_line(above, below)) {
                return false;
            }
            let beyond = if after {
                jr.1 + 1
            } else {
                jr.0.wrapping_sub(1)
            };
            let further = order.get(beyond).and_then(|&(_, n, _, _)| {
                let (above, below) = if after { (j, n) } else { (n, j) };
                (at_x(run_at(beyond)) && next_line(above, below)).then(|| drop(above, below))
            });
            spacings.push((drop(above, below), further));
        }
        let sz = lines[k][0].size;
        match spacings.as_slice() {
            [] => false,
            // One cell: its next two lines one pitch apart each.
            [(d, further)] => further.is_some_and(|e| same(*d, e, sz)),
            // Several cells going on one pitch away alike.
            [(d, _), rest @ ..] => rest.iter().all(|(e, _)| same(*d, *e, sz)),
        }
    };
    let (mut from, mut to) = (from, to);
    while from > lo && goes_on(from - 1, (from, to), true) {
        from -= 1;
    }
    while to < hi && goes_on(to, (from, to), false) {
        to += 1;
    }
    (from, to)
}

/// The pieces in drawing order cut into cells: a run of pieces along one baseline is a cell's
/// line; the next run is the cell's next line when it starts at the cell's left edge one line
/// pitch lower. `None` unless the producer draws cell by cell (see [`cell_by_cell`]).
fn drawn_cells(lines: &[Vec<Piece>], grid: &[f32]) -> Option<Vec<Drawn>> {
    // The cell checks below are quadratic: a run this large is no report table (a hostile
    // page); the geometric reading takes it.
    if lines.iter().map(Vec::len).sum::<usize>() > MAX_DRAWN_PIECES {
        return None;
    }
    let mut ps: Vec<Piece> = lines.iter().flatten().copied().collect();
    ps.sort_by_key(|p| p.start);
    let on_grid = |x: f32| super::borderless::grid_index(grid, x).is_some();
    // Runs: pieces drawn one after another along a baseline, left to right, no column between.
    let mut runs: Vec<Vec<Piece>> = Vec::new();
    for p in ps {
        if let Some(run) = runs.last_mut() {
            let q = run[run.len() - 1];
            let size = p.size.max(q.size);
            let gap = p.x0 - q.x1;
            let same_line = (p.y - q.y).abs() <= 0.35 * size
                && p.x0 >= q.x0 - 0.5
                && gap <= 2.0 * size
                && !(gap > 0.1 * size && on_grid(p.x0));
            if same_line {
                run.push(p);
                continue;
            }
        }
        runs.push(vec![p]);
    }
    let runs = fallback_runs(runs, |x| grid.iter().any(|&g| (x - g).abs() <= T.same_x));
    // The pitch of a cell's lines: the smallest drop from one run to the next drawn at the
    // same left edge.
    let pitch = runs
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (&w[0][0], &w[1][0]);
            let d = a.y - b.y;
            ((a.x0 - b.x0).abs() <= T.same_x
                && d > T.pitch_min * a.size
                && d < T.pitch_max_measured * a.size)
                .then_some(d)
        })
        .min_by(f32::total_cmp)?;
    let mut cells: Vec<Drawn> = Vec::new();
    for run in runs {
        if let Some(c) = cells.last_mut() {
            let (last, first) = (&c.lines[c.lines.len() - 1][0], &run[0]);
            let d = last.y - first.y;
            if d > 0.35 * first.size
                && d <= pitch * T.cell_pitch_ratio
                && (first.x0 - c.left).abs() <= T.same_x.max(0.3 * first.size)
            {
                c.push(run);
                continue;
            }
        }
        cells.push(Drawn::new(run));
    }
    cell_by_cell(&cells).then_some(cells)
}

/// Does the drawing go cell by cell? A cell's later line was drawn right after its line above
/// although another cell has text on that line's baseline to its left: a producer that draws
/// line by line (or OCR's words, in reading order) would have drawn that text in between.
fn cell_by_cell(cells: &[Drawn]) -> bool {
    cells.iter().any(|c| {
        c.lines[1..].iter().any(|l| {
            cells.iter().any(|d| {
                d.right <= c.left
                    && d.lines
                        .iter()
                        .any(|m| (m[0].y - l[0].y).abs() <= 0.35 * l[0].size.max(m[0].size))
            })
        })
    })
}

/// Runs drawn apart from their line joined to it: LibreOffice draws a line's glyphs from a
/// fallback font (Latin quotes, hyphens, spaces in a Thai font's line) just before or after
/// the line's own, at their places inside it. Runs on the same baseline that overlap, at
/// most [`FALLBACK_RUNS`] runs apart in drawing order, are one line, and so are two runs
/// drawn one right after the other side by side within a space (the right one not at a
/// column's start).
fn fallback_runs(runs: Vec<Vec<Piece>>, near_grid: impl Fn(f32) -> bool) -> Vec<Vec<Piece>> {
    let span = |r: &[Piece]| (r[0].x0, r[r.len() - 1].x1);
    let same_baseline =
        |a: &[Piece], b: &[Piece]| (a[0].y - b[0].y).abs() <= 0.35 * a[0].size.max(b[0].size);
    // Runs that overlap on one baseline: one line (union-find, each group at its first run).
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..runs.len() {
        for j in i + 1..(i + FALLBACK_RUNS + 1).min(runs.len()) {
            let ((a0, a1), (b0, b1)) = (span(&runs[i]), span(&runs[j]));
            let size = runs[i][0].size.max(runs[j][0].size);
            if same_baseline(&runs[i], &runs[j]) && a1.min(b1) - a0.max(b0) > 0.1 * size {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: Vec<Option<Vec<Piece>>> = vec![None; runs.len()];
    for (i, r) in runs.into_iter().enumerate() {
        let root = find(&mut parent, i);
        groups[root].get_or_insert_with(Vec::new).extend(r);
    }
    // Lines drawn one right after the other side by side within a space (the right one not at
    // a column's start: that is the next cell): one line.
    let mut out: Vec<Vec<Piece>> = Vec::new();
    for mut g in groups.into_iter().flatten() {
        g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        if let Some(prev) = out.last_mut() {
            let ((a0, a1), (b0, b1)) = (span(prev), span(&g));
            let size = prev[0].size.max(g[0].size);
            let (l1, r0) = if a0 <= b0 { (a1, b0) } else { (b1, a0) };
            if same_baseline(prev, &g)
                && r0 - l1 >= -0.1 * size
                && r0 - l1 <= 0.6 * size
                && !near_grid(r0)
            {
                prev.extend(g);
                prev.sort_by(|a, b| a.x0.total_cmp(&b.x0));
                continue;
            }
        }
        out.push(g);
    }
    out
}

/// A cell's lines stand one pitch apart: two spacings this close (in font sizes) are one.
const SAME_PITCH: f32 = 0.1;

/// The most pieces a run of table lines may have for its drawing order to be read.
const MAX_DRAWN_PIECES: usize = 20_000;

/// How far apart in drawing order a line's fallback-font runs are drawn from it.
const FALLBACK_RUNS: usize = 8;

/// Cells in drawing order grouped into rows: a row's cells go left to right and overlap its
/// extent (cells are centred in their rows, or all at the top of a row a page break cut); a
/// cell left of the one before, or wholly below the row, starts the next row. `None` when a
/// row's cells run across each other (not a table).
fn rows_of(cells: Vec<Drawn>) -> Option<Vec<Vec<Drawn>>> {
    let mut rows: Vec<Vec<Drawn>> = Vec::new();
    let mut bottom = f32::MAX;
    for c in cells {
        if let Some(row) = rows.last_mut() {
            let prev = &row[row.len() - 1];
            let top = row.iter().map(|r| r.top).fold(f32::MIN, f32::max);
            if c.left > prev.left + T.same_x && c.top > bottom && c.bottom < top {
                if row.iter().any(|r| r.crosses(&c) || c.crosses(r)) {
                    return None;
                }
                bottom = bottom.min(c.bottom);
                row.push(c);
                continue;
            }
        }
        bottom = c.bottom;
        rows.push(vec![c]);
    }
    // Rows go down the page: drawn otherwise (column by column, the header last), the
    // drawing order says nothing of rows.
    let top = |r: &Vec<Drawn>| r.iter().map(|c| c.top).fold(f32::MIN, f32::max);
    if rows.windows(2).any(|w| top(&w[1]) >= top(&w[0])) {
        return None;
    }
    Some(rows)
}

/// Rows grouped into tables: a row whose cells run across a column start of the table above
/// (or the table's cells across the row's) starts another table, with its own column grid
/// (LibreOffice's web export sizes each table's columns to its text).
fn tables_of(rows: Vec<Vec<Drawn>>) -> Vec<Vec<Vec<Drawn>>> {
    let mut tables: Vec<Vec<Vec<Drawn>>> = Vec::new();
    for row in rows {
        if let Some(t) = tables.last_mut() {
            let clash = t
                .iter()
                .flatten()
                .any(|a| row.iter().any(|b| a.crosses(b) || b.crosses(a)));
            if !clash {
                t.push(row);
                continue;
            }
        }
        tables.push(vec![row]);
    }
    tables
}

/// A table's columns: its cells' left edges, those within [`T.same_x`](super::Tolerances::same_x)
/// one column (at the leftmost).
fn columns(table: &[Vec<Drawn>]) -> Vec<f32> {
    let mut xs: Vec<f32> = table.iter().flatten().map(|c| c.left).collect();
    xs.sort_by(f32::total_cmp);
    let mut cols: Vec<f32> = Vec::new();
    for x in xs {
        if cols.last().is_none_or(|&c| x - c > T.same_x) {
            cols.push(x);
        }
    }
    cols
}

/// One row's cells placed in its table's columns.
fn grid_row(
    row: Vec<Drawn>,
    cols: &[f32],
    buf: &str,
    spaces_at_ends: bool,
    first: bool,
    last: bool,
) -> GridRow {
    let mut cells = vec![String::new(); cols.len()];
    let mut boxes = LineBoxes::default();
    let top = row.iter().map(|c| c.top).fold(f32::MIN, f32::max);
    for c in &row {
        let col = cols.iter().rposition(|&g| c.left >= g - 0.01).unwrap_or(0);
        let mut text = String::new();
        for l in &c.lines {
            let mut line = l.clone();
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut s = String::new();
            line_text(&line, buf, false, &mut s);
            join_wrapped(&mut text, s.trim_start(), spaces_at_ends);
            let mut b = LineBoxes::default();
            boxes_of(line.iter(), buf, &mut b);
            boxes.append(&b);
        }
        join_wrapped(&mut cells[col], &text, spaces_at_ends);
    }
    for c in &mut cells {
        c.truncate(c.trim_end().len());
    }
    // Cells of different heights all centred on one middle: the row is whole.
    let h = |c: &Drawn| c.top - c.bottom;
    let mid = |c: &Drawn| (c.top + c.bottom) / 2.0;
    let size = row[0].lines[0][0].size;
    let (hmin, hmax) = row
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), c| (a.min(h(c)), b.max(h(c))));
    let centred = hmax - hmin > 0.8 * size
        && row
            .iter()
            .all(|c| (mid(c) - mid(&row[0])).abs() < 0.4 * size);
    GridRow {
        top,
        x0: cols[0],
        cells,
        cols: cols.to_vec(),
        first,
        last,
        centred,
        boxes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces drawn in the given order (one per word, 5 pt a character, size 10), and the text.
    fn drawn(words: &[(&str, f32, f32)]) -> (Vec<Vec<Piece>>, String) {
        let mut buf = String::new();
        let mut ps = Vec::new();
        for &(t, x, y) in words {
            let start = buf.len();
            buf.push_str(t);
            ps.push(Piece {
                x0: x,
                x1: x + 5.0 * t.chars().count() as f32,
                y,
                size: 10.0,
                start,
                end: buf.len(),
                font: 0,
            });
        }
        (super::super::lines::lines(ps), buf)
    }

    fn texts(rows: &[GridRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_tall_cells_lines_alone_at_the_run_s_edges_go_with_it() {
        // A page's head: the topic cell goes on from the page before (`และ` / `รูป` / `แบบ`
        // alone on their baselines), then beside the method's lines (the run, lines 3..6),
        // and ends alone again (`ภาค` / `รัฐ`); each cell drawn whole, one pitch (12) a line.
        let (lines, _) = drawn(&[
            ("และ", 10.0, 760.0),
            ("รูป", 10.0, 748.0),
            ("แบบ", 10.0, 736.0),
            ("การ", 10.0, 724.0),
            ("ประช", 10.0, 712.0),
            ("ข่าว", 10.0, 700.0),
            ("สาร", 10.0, 688.0),
            ("ภาค", 10.0, 676.0),
            ("รัฐ", 10.0, 664.0),
            ("method one", 100.0, 724.0),
            ("method two", 100.0, 712.0),
            ("method end", 100.0, 700.0),
            ("unit", 200.0, 712.0),
        ]);
        let grid = [10.0, 100.0, 200.0];
        // Lines by baseline: 0 และ, 1 รูป, 2 แบบ, 3..=6 with the other cells, 7 ภาค, 8 รัฐ.
        assert_eq!(
            cell_lines_around(&lines, (3, 7), (0, lines.len()), &grid),
            (0, 9)
        );
        // Not past the runs around it.
        assert_eq!(cell_lines_around(&lines, (3, 7), (2, 8), &grid), (2, 8));
    }

    #[test]
    fn a_heading_over_a_table_at_the_margin_stays_apart() {
        // The heading's last line is drawn right before the table's first cell, at its left
        // edge, but stands further from it than the cell's lines stand from each other; a
        // heading line running across the next column's start never joins.
        let (lines, _) = drawn(&[
            ("heading that runs across", 10.0, 780.0),
            ("rest", 10.0, 760.0),
            ("cell", 10.0, 742.0),
            ("goes on", 10.0, 730.0),
            ("and ends", 10.0, 718.0),
            ("other", 100.0, 742.0),
            ("more", 100.0, 730.0),
        ]);
        let grid = [10.0, 100.0];
        assert_eq!(
            cell_lines_around(&lines, (2, 5), (0, lines.len()), &grid),
            (2, 5)
        );
    }

    #[test]
    fn a_row_s_first_line_of_close_cells_goes_with_the_run_below() {
        // A row's first line whose cells stand close (no wide gap: no tabular line), each
        // cell drawn whole, its next line one pitch lower in the run.
        let (lines, _) = drawn(&[
            ("4.", 10.0, 700.0),
            ("กร", 10.0, 688.0),
            ("<ul", 40.0, 700.0),
            ("type", 40.0, 688.0),
            ("text", 40.0, 676.0),
            ("งา", 100.0, 700.0),
            ("น", 100.0, 688.0),
        ]);
        assert_eq!(
            cell_lines_around(&lines, (1, 3), (0, 3), &[10.0, 40.0, 100.0]),
            (0, 3)
        );
        // Cells going on at different spacings are no row's first line.
        let (lines, _) = drawn(&[
            ("4.", 10.0, 700.0),
            ("กร", 10.0, 688.0),
            ("<ul", 40.0, 700.0),
            ("type", 40.0, 680.0),
        ]);
        assert_eq!(
            cell_lines_around(&lines, (1, 3), (0, 3), &[10.0, 40.0]),
            (1, 3)
        );
    }

    #[test]
    fn cells_and_rows_follow_the_drawing_order() {
        // Row 1: a three-line cell, a one-line cell centred beside it, a two-line cell at the
        // top; row 2 one line each. Each cell drawn whole, left to right.
        let (lines, buf) = drawn(&[
            ("alpha", 10.0, 700.0),
            ("beta", 10.0, 688.0),
            ("gamma", 10.0, 676.0),
            ("one", 100.0, 688.0),
            ("x1", 200.0, 700.0),
            ("x2", 200.0, 688.0),
            ("delta", 10.0, 650.0),
            ("two", 100.0, 650.0),
            ("x3", 200.0, 650.0),
        ]);
        let rows = drawn_rows(&lines, &buf, false, &[10.0, 100.0, 200.0]).expect("a table");
        assert_eq!(
            texts(&rows),
            [
                vec!["alpha beta gamma", "one", "x1 x2"],
                vec!["delta", "two", "x3"]
            ]
        );
        assert!(rows[0].first && !rows[0].last && rows[1].last);
        assert_eq!(rows[0].cols, [10.0, 100.0, 200.0]);
    }

    #[test]
    fn a_narrow_column_wrapped_syllable_by_syllable_is_one_cell() {
        // The middle column's lines stand between the wide cells' lines (each cell centred):
        // the drawing order keeps them one cell.
        let (lines, buf) = drawn(&[
            ("first wide", 10.0, 700.0),
            ("cell text", 10.0, 688.0),
            ("ends", 10.0, 676.0),
            ("ผู้รั", 70.0, 706.0),
            ("บ", 70.0, 694.0),
            ("ผิด", 70.0, 682.0),
            ("ชอบ", 70.0, 670.0),
            ("steps", 100.0, 700.0),
            ("go on", 100.0, 688.0),
            ("1 ต.ค.", 200.0, 688.0),
        ]);
        let rows = drawn_rows(&lines, &buf, false, &[10.0, 70.0, 100.0, 200.0]).expect("a table");
        assert_eq!(
            texts(&rows),
            [vec![
                "first wide cell text ends",
                "ผู้รับผิดชอบ",
                "steps go on",
                "1 ต.ค."
            ]]
        );
    }

    #[test]
    fn a_table_right_under_another_keeps_its_own_grid() {
        // Table 1 on columns 10 / 150 / 250; table 2's header runs across x = 150 (its columns
        // are sized to its own text): it starts another table on columns 10 / 60 / 230.
        let (lines, buf) = drawn(&[
            ("a1", 10.0, 700.0),
            ("b1 text", 150.0, 700.0),
            ("goes on", 150.0, 688.0),
            ("c1", 250.0, 700.0),
            ("c1 more", 250.0, 688.0),
            ("head", 10.0, 660.0),
            ("a header running wide", 60.0, 660.0),
            ("h3", 230.0, 660.0),
            ("r", 10.0, 640.0),
            ("s", 60.0, 640.0),
            ("t", 230.0, 640.0),
        ]);
        let grid = [10.0, 60.0, 150.0, 230.0, 250.0];
        let rows = drawn_rows(&lines, &buf, false, &grid).expect("two tables");
        assert_eq!(
            texts(&rows),
            [
                vec!["a1", "b1 text goes on", "c1 c1 more"],
                vec!["head", "a header running wide", "h3"],
                vec!["r", "s", "t"]
            ]
        );
        assert_eq!(rows[0].cols, [10.0, 150.0, 250.0]);
        assert_eq!(rows[1].cols, [10.0, 60.0, 230.0]);
        assert!(rows[0].first && rows[0].last && rows[1].first && rows[2].last);
    }

    #[test]
    fn glyphs_drawn_apart_from_their_line_join_it() {
        // A fallback font's quote and hyphen drawn before the line's own glyphs, at their
        // places inside it.
        let (lines, buf) = drawn(&[
            ("x", 10.0, 700.0),
            ("y", 10.0, 688.0),
            ("\"", 130.0, 700.0),
            ("-", 150.0, 700.0),
            ("<ul style=", 100.0, 700.0),
            ("list", 155.0, 700.0),
            ("wrapped", 100.0, 688.0),
            ("z", 250.0, 700.0),
        ]);
        let rows = drawn_rows(&lines, &buf, false, &[10.0, 100.0, 250.0]).expect("a table");
        assert_eq!(
            texts(&rows),
            [vec!["x y", "<ul style=\" -list wrapped", "z"]]
        );
    }

    #[test]
    fn text_drawn_line_by_line_is_left_to_the_geometry() {
        // Every line drawn across the columns before the next: nothing shows cells.
        let (lines, buf) = drawn(&[
            ("a", 10.0, 700.0),
            ("b", 100.0, 700.0),
            ("c", 200.0, 700.0),
            ("d", 10.0, 688.0),
            ("e", 100.0, 688.0),
            ("f", 200.0, 688.0),
        ]);
        assert!(drawn_rows(&lines, &buf, false, &[10.0, 100.0, 200.0]).is_none());
    }
}
