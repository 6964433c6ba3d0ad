//! Layout: positioned glyphs → text lines; inside ruled tables, one line per row with cells
//! separated by `\t` (a cell's wrapped lines joined with a space, a cell spanning several rows
//! given once, in its first row); outside tables, wide horizontal gaps become `\t`.

use super::interp::{Glyph, PageContent, Rule};

/// A run of text placed on the page (a glyph with its combining marks attached).
#[derive(Debug, Clone, Copy)]
struct Piece {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    start: usize,
    end: usize,
    font: u32,
}

/// Thai combining marks and other zero-width marks that belong to the glyph before them.
fn is_mark(c: char) -> bool {
    let std_mark = |c: char| matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0300}'..='\u{036F}');
    // A Private Use glyph variant of a mark (the repairs map it back later).
    std_mark(c)
        || (('\u{F700}'..='\u{F8FF}').contains(&c)
            && crate::thai::pua_to_standard(c).is_some_and(std_mark))
}

/// Builds pieces in content order, attaching mark-only glyphs to the glyph before them.
fn pieces(page: &PageContent, use_invisible: bool, buf: &mut String) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(page.glyphs.len());
    for g in page
        .glyphs
        .iter()
        .filter(|g| !g.rotated && g.invisible == use_invisible)
    {
        let Some(t) = page.text.get(g.start as usize..g.end as usize) else {
            continue;
        };
        // An `/ActualText` span around no glyph at all (Chromium writes such duplicates of
        // clusters it draws elsewhere): nothing is shown there.
        if t.is_empty() || (g.x0 == g.x1 && !t.chars().all(is_mark)) {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let near = (g.y - last.y).abs() < last.size.max(g.size) * 0.6
                && g.x0 >= last.x0 - last.size
                && g.x0 <= last.x1 + last.size * 0.5;
            if t.chars().all(is_mark) && near {
                buf.push_str(t);
                last.end = buf.len();
                last.x1 = last.x1.max(g.x1);
                continue;
            }
        }
        let start = buf.len();
        buf.push_str(t);
        out.push(piece(g, start, buf.len()));
    }
    out
}

fn piece(g: &Glyph, start: usize, end: usize) -> Piece {
    Piece {
        x0: g.x0.min(g.x1),
        x1: g.x1.max(g.x0),
        y: g.y,
        size: if g.size > 0.1 { g.size } else { 1.0 },
        start,
        end,
        font: g.font,
    }
}

/// Groups pieces into lines by baseline (top to bottom), each sorted left to right.
fn lines(mut ps: Vec<Piece>) -> Vec<Vec<Piece>> {
    ps.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Vec<Piece>> = Vec::new();
    let mut line_y = f32::NAN;
    let mut line_size = 0.0f32;
    for p in ps {
        let tol = 0.35 * line_size.min(p.size).max(1.0);
        if out.is_empty() || (line_y - p.y).abs() > tol {
            out.push(Vec::new());
            line_y = p.y;
            line_size = p.size;
        }
        if let Some(l) = out.last_mut() {
            l.push(p);
        }
    }
    for l in &mut out {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    out
}

/// The text of one line: spaces where glyphs stand apart, `\t` at wide gaps when `tabs`.
fn line_text(line: &[Piece], buf: &str, tabs: bool, out: &mut String) {
    let mut prev: Option<&Piece> = None;
    for p in line {
        let t = &buf[p.start..p.end];
        if let Some(q) = prev {
            // Fake bold: the same text drawn again almost on top of itself.
            if (p.x0 - q.x0).abs() < 0.15 * p.size && t == &buf[q.start..q.end] {
                continue;
            }
            let gap = p.x0 - q.x1;
            let size = p.size.max(q.size);
            if tabs && gap > 2.0 * size {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\t');
            } else if gap > 0.25 * size && !out.ends_with([' ', '\t']) && !t.starts_with(' ') {
                out.push(' ');
            }
        }
        if out.ends_with([' ', '\t']) {
            out.push_str(t.trim_start_matches(' '));
        } else {
            out.push_str(t);
        }
        prev = Some(p);
    }
}

/// Merged rulings: horizontal at `pos` from `lo` to `hi` (or vertical).
#[derive(Debug, Clone, Copy)]
struct Seg {
    pos: f32,
    lo: f32,
    hi: f32,
}

/// Joins collinear, overlapping or touching segments.
fn merge(mut segs: Vec<Seg>) -> Vec<Seg> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut out: Vec<Seg> = Vec::new();
    for s in segs {
        if let Some(last) = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l.pos - s.pos).abs() < 1.5 && s.lo <= l.hi + 2.0 && s.hi >= l.lo - 2.0)
        {
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
struct Table {
    h: Vec<Seg>,
    v: Vec<Seg>,
    /// Column boundaries: the distinct x of the vertical rulings, left to right.
    cols: Vec<f32>,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    /// The vertical rulings run on below the lowest horizontal one (or above the highest):
    /// a row cut by the page's edge, drawn without its closing ruling (wkhtmltopdf).
    open_bottom: bool,
    open_top: bool,
}

const TOL: f32 = 2.0;

/// Finds ruled tables: connected sets of crossing horizontal and vertical rulings.
fn tables(rules: &[Rule]) -> Vec<Table> {
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
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            let cross = b.pos >= a.lo - TOL
                && b.pos <= a.hi + TOL
                && a.pos >= b.lo - TOL
                && a.pos <= b.hi + TOL;
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
            if lo < t.y0 - 4.0 * TOL && t.v.iter().filter(|s| s.lo < t.y0 - TOL).count() >= 2 {
                t.h.push(edge(lo));
                t.y0 = lo;
                t.open_bottom = true;
            }
            if hi > t.y1 + 4.0 * TOL && t.v.iter().filter(|s| s.hi > t.y1 + TOL).count() >= 2 {
                t.h.push(edge(hi));
                t.y1 = hi;
                t.open_top = true;
            }
            let mut xs: Vec<f32> = t.v.iter().map(|s| s.pos).collect();
            xs.sort_by(f32::total_cmp);
            for x in xs {
                if t.cols.last().is_none_or(|l| x - l > TOL) {
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
    fn ncols(&self) -> usize {
        self.cols.len().saturating_sub(1).max(1)
    }

    /// The grid column whose left boundary is nearest `left`.
    fn col(&self, left: f32) -> usize {
        let k = self
            .cols
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - left).abs().total_cmp(&(b.1 - left).abs()))
            .map_or(0, |(i, _)| i);
        k.min(self.ncols() - 1)
    }

    fn contains(&self, x: f32, y: f32) -> bool {
        x > self.x0 - TOL && x < self.x1 + TOL && y > self.y0 - TOL && y < self.y1 + TOL
    }

    /// The cell around point (x, y): (left, right, top, bottom) rulings.
    fn cell(&self, x: f32, y: f32) -> (f32, f32, f32, f32) {
        let covers_y = |s: &&Seg| y >= s.lo - TOL && y <= s.hi + TOL;
        let covers_x = |s: &&Seg| x >= s.lo - TOL && x <= s.hi + TOL;
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

/// A table row as laid out: where it sits, for joining a row that a page break cut in two.
#[derive(Debug, Clone)]
pub(crate) struct RowMeta {
    /// Index of the row's line in [`Layout::lines`].
    pub(crate) line: usize,
    /// The row's cells, one per column of the table's grid.
    pub(crate) cells: Vec<String>,
    /// The table's column boundaries (x of its vertical rulings).
    pub(crate) cols: Vec<f32>,
    /// First row of its table on the page (a repeated header row, often).
    pub(crate) first: bool,
    /// Last row of its table on the page.
    pub(crate) last: bool,
    /// The row's text runs down to its bottom ruling over two lines or more: a page break may
    /// have cut it.
    pub(crate) filled: bool,
    /// For each cell: its text runs down to the row's bottom ruling (it may go on).
    pub(crate) filled_cells: Vec<bool>,
    /// A row of a table without rulings: `cols` are the x where its cells start.
    pub(crate) loose: bool,
}

/// One page laid out: its lines, and its table rows.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Lines top to bottom; table rows with one `\t`-separated cell per grid column.
    pub(crate) lines: Vec<String>,
    /// The table rows among the lines.
    pub(crate) rows: Vec<RowMeta>,
}

/// A Thai letter or mark (not a digit, not punctuation).
fn thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E4E}')
}

/// Appends the next line of wrapped text. Thai is written without spaces between words, so a
/// line break is a space only where one was: where the line ended with a space glyph, or, from
/// producers that draw no space at line ends, between anything but two Thai letters.
pub(crate) fn join_wrapped(s: &mut String, next: &str, spaces_at_ends: bool) {
    let next = next.trim_start();
    if next.is_empty() {
        return;
    }
    if s.trim().is_empty() {
        s.clear();
        s.push_str(next);
        return;
    }
    let spaced = s.ends_with(' ');
    s.truncate(s.trim_end().len());
    let a = s.chars().next_back();
    let b = next.chars().next();
    if split_number(s, next) {
        s.push_str(next.trim_end());
        return;
    }
    let glue = !spaced
        && !LIST_START.is_match(next)
        && (spaces_at_ends || (a.is_some_and(thai_letter) && b.is_some_and(thai_letter)));
    if !glue {
        s.push(' ');
    }
    s.push_str(next);
}

/// Is `a` followed by `b` one number wrapped inside its cell (`๑๐๐.๐` + `๐`, `98.` + `12`)?
/// Both are digits and points only, and together they hold exactly one point, so two whole
/// scores stacked in a cell (`100.00` / `98.50`) or two integers are never run together.
fn split_number(a: &str, b: &str) -> bool {
    let numeric = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.')
    };
    let (a, b) = (a.trim(), b.trim());
    numeric(a) && numeric(b) && a.matches('.').count() + b.matches('.').count() == 1
}

/// A row of a table drawn without rulings, found by [`borderless`].
struct GridRow {
    /// Top of the row's text (device space, y up).
    top: f32,
    x0: f32,
    cells: Vec<String>,
    cols: Vec<f32>,
    first: bool,
    last: bool,
    /// Cells of different heights all centred on one middle: the row is whole (a row cut by
    /// a page break has its cells at the top).
    centred: bool,
}

/// Word starts of a line: (x, strong), strong when first on the line or after a wide gap.
fn word_starts(line: &[Piece], buf: &str, out: &mut Vec<(f32, bool)>) {
    out.clear();
    let mut prev: Option<&Piece> = None;
    for p in line {
        let t = &buf[p.start..p.end];
        match prev {
            None => out.push((p.x0, true)),
            Some(q) => {
                let gap = p.x0 - q.x1;
                let size = p.size.max(q.size);
                if (gap > 0.1 * size || buf[q.start..q.end].ends_with(' ')) && !t.trim().is_empty()
                {
                    out.push((p.x0, gap > 1.0 * size));
                }
            }
        }
        if !t.trim().is_empty() || prev.is_none() {
            prev = Some(p);
        }
    }
}

/// Tables drawn without rulings (LibreOffice's HTML import): x positions where words start,
/// lined up over several lines, one of them at least after a wide gap or at a line's start,
/// make a column grid; a run of lines that start cells on that grid (off the page's left
/// margin) is a table. Its lines are cut into cells at the grid's columns (a big gap is not
/// needed there), each column's wrapped lines make one cell, and cells whose text overlaps
/// vertically (cells are centred in their rows) make one row. Returns the other lines and
/// the rows.
fn borderless(
    lines: Vec<Vec<Piece>>,
    buf: &str,
    spaces_at_ends: bool,
    hint: &mut Vec<f32>,
) -> (Vec<Vec<Piece>>, Vec<GridRow>) {
    if lines.len() < 2 {
        return (lines, Vec::new());
    }
    let known = hint.clone();
    let hinted = |x: f32| known.iter().any(|h| (h - x).abs() <= 1.5);
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
        while j < all.len() && all[j].0 - x <= 1.5 {
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
        return (lines, Vec::new());
    }
    let on_grid = |x: f32| grid.iter().position(|g| x >= g - 0.01 && x - g <= 1.5);
    // A line starts a cell off the margin on the grid.
    let tabular: Vec<bool> = starts
        .iter()
        .map(|s| {
            s.iter()
                .any(|&(x, strong)| strong && x > margin + 1.0 && on_grid(x).is_some())
        })
        .collect();
    let size_of = |l: &Vec<Piece>| l.iter().map(|p| p.size).fold(1.0f32, f32::max);
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
    for (from, to) in regions {
        // The region's columns: grid columns where two of its lines or more start a word
        // (one, for a column of a table on an earlier page), once at least after a gap.
        let mut cols: Vec<f32> = grid
            .iter()
            .copied()
            .filter(|&g| {
                let at = |x: f32| x >= g - 0.01 && x - g <= 1.5;
                let n = starts[from..to]
                    .iter()
                    .filter(|s| s.iter().any(|&(x, _)| at(x)))
                    .count();
                let strong = starts[from..to]
                    .iter()
                    .any(|s| s.iter().any(|&(x, st)| st && at(x)));
                strong && (n >= 2 || (n == 1 && hinted(g)))
            })
            .collect();
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
            if !hint.iter().any(|h| (h - c).abs() <= 1.5) && hint.len() < 64 {
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
        let mut frags: Vec<Vec<(f32, f32, String)>> = vec![Vec::new(); cols.len()];
        for l in &lines[from..to] {
            let mut c = 0;
            let mut part: Vec<Piece> = Vec::new();
            let flush =
                |c: usize, part: &mut Vec<Piece>, frags: &mut Vec<Vec<(f32, f32, String)>>| {
                    if let Some(p0) = part.first() {
                        let mut s = String::new();
                        line_text(part, buf, false, &mut s);
                        let s = s.trim_start().to_owned();
                        if !s.trim().is_empty() {
                            let size = part.iter().map(|p| p.size).fold(1.0f32, f32::max);
                            frags[c].push((p0.y, size, s));
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
        let mut pitch = 0.0f32;
        for f in &frags {
            for w in f.windows(2) {
                let d = w[0].0 - w[1].0;
                if d > 0.5 * w[0].1 && d < 1.9 * w[0].1 && (pitch == 0.0 || d < pitch) {
                    pitch = d;
                }
            }
        }
        // Cells: a column's lines at that pitch; (top, bottom, column, text).
        let mut cells: Vec<(f32, f32, usize, String)> = Vec::new();
        for (c, f) in frags.iter().enumerate() {
            let mut cur: Option<(f32, f32, f32, String)> = None;
            for (y, size, s) in f {
                match &mut cur {
                    Some((_, last_y, _, text)) if *last_y - y <= pitch * 1.15 => {
                        join_wrapped(text, s, spaces_at_ends);
                        *last_y = *y;
                    }
                    _ => {
                        if let Some((top, last_y, sz, text)) = cur.take() {
                            cells.push((top + 0.8 * sz, last_y - 0.3 * sz, c, text));
                        }
                        cur = Some((*y, *y, *size, s.clone()));
                    }
                }
            }
            if let Some((top, last_y, sz, text)) = cur.take() {
                cells.push((top + 0.8 * sz, last_y - 0.3 * sz, c, text));
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
            while k < cells.len() && cells[k].0 > bottom {
                let (_, b, c, text) = &cells[k];
                bottom = bottom.min(*b);
                join_wrapped(&mut out[*c], text, spaces_at_ends);
                k += 1;
            }
            for c in &mut out {
                c.truncate(c.trim_end().len());
            }
            let span = &cells[from_cell..k];
            let h = |c: &(f32, f32, usize, String)| c.0 - c.1;
            let mid = |c: &(f32, f32, usize, String)| (c.0 + c.1) / 2.0;
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
            });
        }
        if let Some(r) = rows.last_mut() {
            r.last = true;
        }
        for t in &mut taken[from..to] {
            *t = true;
        }
    }
    let rest = lines
        .into_iter()
        .zip(taken)
        .filter_map(|(l, t)| (!t).then_some(l))
        .collect();
    (rest, rows)
}

/// Lays out one page's glyphs as text lines (see [`Layout`]).
#[cfg(test)]
#[must_use]
pub(crate) fn page_lines(page: &PageContent, use_invisible: bool) -> Layout {
    page_lines_with(page, use_invisible, &mut Vec::new())
}

/// [`page_lines`], with the columns of borderless tables on earlier pages (updated).
#[must_use]
pub(crate) fn page_lines_with(
    page: &PageContent,
    use_invisible: bool,
    grid: &mut Vec<f32>,
) -> Layout {
    let mut buf = String::with_capacity(page.text.len());
    let mut ps = pieces(page, use_invisible, &mut buf);
    let mut rules = std::borrow::Cow::Borrowed(&page.rules);
    if let Some([bx0, by0, bx1, by1]) = page.media {
        // Text placed off the page is not shown (Chromium writes some far outside).
        ps.retain(|p| p.x1 >= bx0 - 2.0 && p.x0 <= bx1 + 2.0 && p.y >= by0 - 2.0 && p.y <= by1);
        if page
            .rules
            .iter()
            .any(|r| r.x0 < bx0 || r.y0 < by0 || r.x1 > bx1 || r.y1 > by1)
        {
            rules = std::borrow::Cow::Owned(
                page.rules
                    .iter()
                    .filter_map(|r| {
                        let c = Rule {
                            x0: r.x0.max(bx0),
                            y0: r.y0.max(by0),
                            x1: r.x1.min(bx1),
                            y1: r.y1.min(by1),
                        };
                        (c.x0 <= c.x1 && c.y0 <= c.y1).then_some(c)
                    })
                    .collect(),
            );
        }
    }
    let tables = tables(&rules);
    // (table index, cell) → pieces; the rest are free.
    let mut free: Vec<Piece> = Vec::new();
    let mut cells: Vec<(usize, (f32, f32, f32, f32), Vec<Piece>)> = Vec::new();
    // The cell of the piece before, and where that piece ended.
    let mut prev: Option<(usize, (f32, f32, f32, f32), f32, f32, f32)> = None;
    for p in ps {
        let cx = (p.x0 + p.x1) / 2.0;
        let cy = p.y + p.size * 0.3;
        let at = tables.iter().position(|t| t.contains(cx, cy)).map(|ti| {
            let c = tables[ti].cell(cx, cy);
            match prev {
                // Text that runs on past its cell's right ruling (a narrow column in a browser's
                // table) stays in its cell.
                Some((pt, pc, px1, py, ps))
                    if (p.y - py).abs() < 0.2 * ps
                        && (p.x0 - px1).abs() < 0.15 * ps
                        && cx > pc.1 - TOL
                        && c != pc =>
                {
                    (pt, pc)
                }
                _ => (ti, c),
            }
        });
        prev = at.map(|(ti, c)| (ti, c, p.x1, p.y, p.size));
        match at {
            Some((ti, c)) => {
                match cells.iter_mut().find(|(t, k, _)| {
                    *t == ti
                        && (k.0 - c.0).abs() < 0.5
                        && (k.1 - c.1).abs() < 0.5
                        && (k.2 - c.2).abs() < 0.5
                        && (k.3 - c.3).abs() < 0.5
                }) {
                    Some((_, _, v)) => v.push(p),
                    None => cells.push((ti, c, vec![p])),
                }
            }
            None => free.push(p),
        }
    }
    let free_lines = lines(free);
    let cell_lines: Vec<(usize, (f32, f32, f32, f32), Vec<Vec<Piece>>)> = cells
        .into_iter()
        .map(|(ti, c, ps)| (ti, c, lines(ps)))
        .collect();
    // Does this producer draw the space at the end of a wrapped line?
    let ends_in_space =
        |l: &Vec<Piece>| l.last().is_some_and(|p| buf[p.start..p.end].ends_with(' '));
    let spaces_at_ends = free_lines.iter().filter(|l| ends_in_space(l)).count()
        + cell_lines
            .iter()
            .flat_map(|c| c.2.iter())
            .filter(|l| ends_in_space(l))
            .count()
        >= 2;
    let (free_lines, grid_rows) = borderless(free_lines, &buf, spaces_at_ends, grid);
    let mut items: Vec<Item> = Vec::new();
    for line in free_lines {
        let mut s = String::new();
        line_text(&line, &buf, true, &mut s);
        let y = line.first().map_or(0.0, |p| p.y);
        let x = line.first().map_or(0.0, |p| p.x0);
        let geom = Geom {
            x0: x,
            x1: line.iter().map(|p| p.x1).fold(x, f32::max),
            y,
            size: line.iter().map(|p| p.size).fold(0.0, f32::max),
            first_word: first_word(&line, &buf),
            first_font: line.first().map_or(u32::MAX, |p| p.font),
            last_font: line.last().map_or(u32::MAX, |p| p.font),
        };
        items.push(Item {
            y,
            x,
            text: s,
            geom: Some(geom),
            row: None,
        });
    }
    // Table rows: cells grouped by (table, top), each in its grid column.
    struct CellText {
        table: usize,
        top: f32,
        bottom: f32,
        col: usize,
        text: String,
        lines: usize,
        /// Gap between the lowest text and the cell's bottom ruling, in font sizes.
        slack: f32,
    }
    let mut cell_texts: Vec<CellText> = Vec::new();
    for (ti, (left, _right, top, bottom), ls) in cell_lines {
        let mut s = String::new();
        for line in &ls {
            let mut t = String::new();
            line_text(line, &buf, false, &mut t);
            join_wrapped(&mut s, &t, spaces_at_ends);
        }
        let s = s.trim().to_owned();
        if s.is_empty() {
            continue;
        }
        let lowest = ls
            .iter()
            .flat_map(|l| l.iter())
            .map(|p| (p.y, p.size))
            .fold((f32::MAX, 1.0f32), |a, b| if b.0 < a.0 { b } else { a });
        cell_texts.push(CellText {
            table: ti,
            top,
            bottom,
            col: tables[ti].col(left),
            text: s,
            lines: ls.len(),
            slack: (lowest.0 - bottom) / lowest.1,
        });
    }
    cell_texts.sort_by(|a, b| {
        a.table
            .cmp(&b.table)
            .then(b.top.total_cmp(&a.top))
            .then(a.col.cmp(&b.col))
    });
    let mut rows: Vec<RowMeta> = Vec::new();
    for r in grid_rows {
        rows.push(RowMeta {
            line: usize::MAX,
            cells: r.cells.clone(),
            cols: r.cols,
            first: r.first,
            last: r.last,
            // The last row of a borderless table may go on on the next page, in any cell.
            filled: r.last && !r.centred,
            filled_cells: r
                .cells
                .iter()
                .map(|c| r.last && !r.centred && !c.is_empty())
                .collect(),
            loose: true,
        });
        items.push(Item {
            y: r.top,
            x: r.x0,
            text: r.cells.join("\t"),
            geom: None,
            row: Some(rows.len() - 1),
        });
    }
    let mut i = 0;
    while i < cell_texts.len() {
        let (ti, top) = (cell_texts[i].table, cell_texts[i].top);
        let t = &tables[ti];
        let mut cells = vec![String::new(); t.ncols()];
        let mut j = i;
        let mut filled = false;
        let mut filled_cells = vec![false; t.ncols()];
        let mut bottom = f32::MAX;
        while j < cell_texts.len()
            && cell_texts[j].table == ti
            && (cell_texts[j].top - top).abs() < 0.5
        {
            let c = &cell_texts[j];
            let slot = &mut cells[c.col.min(t.ncols() - 1)];
            if !slot.is_empty() {
                slot.push(' ');
            }
            slot.push_str(&c.text);
            bottom = bottom.min(c.bottom);
            j += 1;
        }
        // The row's lowest cells (not those spanning further down) reach their bottom ruling.
        // A row the page's edge left open (no closing ruling) may go on in any cell.
        let open = t.open_bottom && (bottom - t.y0).abs() < 0.5;
        for c in &cell_texts[i..j] {
            if (c.bottom - bottom).abs() < 0.5 && (c.slack < 1.2 || open) {
                filled_cells[c.col.min(t.ncols() - 1)] = true;
                filled |= c.lines >= 2 || open;
            }
        }
        if t.open_bottom && !open {
            // The table runs on, open, below this row (only the stubs of the next row's
            // borders, the next row itself moved to the next page): this row is whole.
            filled = false;
            filled_cells.iter_mut().for_each(|f| *f = false);
        }
        if open {
            // Cut open by the page's edge: any cell may go on, blank ones too (WeasyPrint puts
            // some cells' first lines on the next page).
            filled = true;
            filled_cells.iter_mut().for_each(|f| *f = true);
        }
        let first = !rows.iter().any(|r| r.line == ti);
        rows.push(RowMeta {
            // The table index for now; the line index once laid out.
            line: ti,
            cells: cells.clone(),
            cols: t.cols.clone(),
            first,
            last: j >= cell_texts.len() || cell_texts[j].table != ti,
            filled,
            filled_cells,
            loose: false,
        });
        // Rows sort just below the ruling that starts them.
        items.push(Item {
            y: top - 0.01,
            x: t.x0,
            text: cells.join("\t"),
            geom: None,
            row: Some(rows.len() - 1),
        });
        i = j;
    }
    items.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let (lines, at) = paragraphs(items, spaces_at_ends);
    for (k, r) in rows.iter_mut().enumerate() {
        r.line = at[k];
    }
    Layout { lines, rows }
}

/// A line to place: free text (with its geometry) or a table row.
struct Item {
    y: f32,
    x: f32,
    text: String,
    geom: Option<Geom>,
    /// Index of the row in the page's rows.
    row: Option<usize>,
}

/// Where a free line sits, to join the lines of a paragraph.
#[derive(Debug, Clone, Copy)]
struct Geom {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    /// Width of the first word (up to the first space or gap).
    first_word: f32,
    /// Fonts of the first and last pieces.
    first_font: u32,
    last_font: u32,
}

/// Width of a line's first word: up to the first space or visible gap.
fn first_word(line: &[Piece], buf: &str) -> f32 {
    let Some(first) = line.first() else {
        return 0.0;
    };
    let mut end = first.x0;
    let mut prev_x1 = first.x0;
    for p in line {
        let t = &buf[p.start..p.end];
        if p.x0 - prev_x1 > 0.25 * p.size || t.starts_with(' ') {
            break;
        }
        if let Some(i) = t.find(' ') {
            // Part of the piece: proportionally.
            let frac = i as f32 / t.len().max(1) as f32;
            end = p.x0 + (p.x1 - p.x0) * frac;
            break;
        }
        end = p.x1;
        prev_x1 = p.x1;
    }
    end - first.x0
}

/// Joins the wrapped lines of a paragraph into one line, as the text dumps have them: a line
/// that reaches the right margin continues on the next when that one follows at normal line
/// spacing, in the same size, lines up with the paragraph's other continuation lines (a first
/// line may be indented, or hang out before a list number), and neither holds a tab.
/// Returns the lines and, for each table row among the items, its line index.
fn paragraphs(items: Vec<Item>, spaces_at_ends: bool) -> (Vec<String>, Vec<usize>) {
    let right = items
        .iter()
        .filter_map(|i| i.geom)
        .map(|g| g.x1)
        .fold(f32::MIN, f32::max);
    // The page's usual line pitch: the smallest spacing between consecutive free lines of one
    // size that is common (paragraph breaks add space; lines inside a paragraph do not).
    let mut pitches: Vec<f32> = items
        .windows(2)
        .filter_map(|w| match (w[0].geom, w[1].geom) {
            (Some(a), Some(b)) if (a.size - b.size).abs() <= 0.15 * a.size => {
                Some((a.y - b.y) / a.size)
            }
            _ => None,
        })
        .filter(|r| *r > 0.5 && *r < MAX_PITCH)
        .collect();
    pitches.sort_by(f32::total_cmp);
    // The smallest spacing seen twice (within 2%): with paragraphs spaced apart, most spacings
    // can be paragraph breaks, and a quartile would take one of those for the line pitch.
    // Spacings under 1.9 sizes first (a page with one wrapped paragraph among others keeps its
    // one in-paragraph spacing); Garuda's 1.9 only where nothing is closer.
    let twice = |max: f32| {
        pitches
            .windows(2)
            .find(|w| w[1] < max && w[1] - w[0] <= 0.02 * w[0])
            .map(|w| w[0])
    };
    let usual: Vec<f32> = pitches.iter().copied().filter(|r| *r < 1.9).collect();
    let measured = twice(1.9)
        .or_else(|| usual.get(usual.len() / 4).copied())
        .or_else(|| twice(MAX_PITCH));
    // Lines further apart than this never join (wider for a page whose pitch was measured).
    let (pitch, widest) = measured.map_or((1.9, 1.9), |p| (p, MAX_PITCH));
    let left = items
        .iter()
        .filter_map(|i| i.geom)
        .map(|g| g.x0)
        .fold(f32::MAX, f32::min);
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<Geom> = None;
    // The paragraph's first line's left edge, and its continuation lines' once known.
    let mut first_x = 0.0f32;
    let mut cont_x: Option<f32> = None;
    let mut first_is_item = false;
    // The untrimmed text of the last line (does it end with a space glyph?).
    let mut last_raw_space = false;
    for item in items {
        let (text, geom) = (item.text, item.geom);
        if let (Some(p), Some(g)) = (prev, geom) {
            let same_size = (p.size - g.size).abs() <= 0.15 * p.size.max(g.size);
            let spacing = p.y - g.y;
            let lines_up = match cont_x {
                Some(cx) => (g.x0 - cx).abs() <= 0.5 * p.size,
                // The second line: at or left of the first, or under its text after a list
                // number (a hanging indent).
                None => {
                    g.x0 <= first_x + 1.0 * p.size
                        || (first_is_item && g.x0 <= first_x + 4.0 * p.size)
                }
            };
            // Centred lines (a cover, a title) are lines of their own.
            let centred = ((p.x0 + p.x1) - (g.x0 + g.x1)).abs() < 1.0 * p.size
                && p.x0.max(g.x0) - left > 1.0 * p.size
                && g.x1 < right - 1.0 * p.size;
            let joins = same_size
                && !centred
                && spacing > 0.5 * p.size
                && spacing < widest * p.size
                && spacing <= (pitch * 1.06 + 0.02) * p.size
                && p.last_font == g.first_font
                && p.x1 + 0.3 * p.size + first_word_of(&text, g) >= right - 0.5 * p.size
                && lines_up
                && !text.contains('\t')
                && out.last().is_some_and(|l| !l.contains('\t'));
            if joins {
                if let Some(last) = out.last_mut() {
                    if last_raw_space {
                        last.push(' ');
                    }
                    join_wrapped(last, &text, spaces_at_ends);
                    last_raw_space = last.ends_with(' ');
                    last.truncate(last.trim_end().len());
                }
                cont_x = Some(cont_x.unwrap_or(g.x0));
                prev = Some(Geom {
                    y: g.y,
                    x0: g.x0.min(p.x0),
                    ..g
                });
                continue;
            }
        }
        prev = geom;
        if let Some(g) = geom {
            first_x = g.x0;
            cont_x = None;
            first_is_item = LIST_START.is_match(&text);
        }
        if let Some(r) = item.row {
            rows.push((r, out.len()));
        }
        last_raw_space = text.ends_with(' ');
        // A table row keeps its trailing blank cells.
        out.push(if item.row.is_some() {
            text
        } else {
            text.trim_end().to_owned()
        });
    }
    rows.sort_unstable();
    (out, rows.into_iter().map(|r| r.1).collect())
}

/// Widest spacing of a paragraph's lines, in font sizes: Garuda's lines stand 1.9 sizes apart
/// (its tall marks), and the page's measured pitch decides within this.
const MAX_PITCH: f32 = 2.2;

/// Longest Thai word assumed, in font sizes. Thai is written without spaces between words, so
/// a Thai line's "first word" up to the first space is often a whole phrase, and any line
/// would seem to have wrapped before it: a cover's `อำเภอเมือง จังหวัดเชียงใหม่` was joined with
/// the title below it. A line that wrapped before a Thai word ended at most this far from the
/// right margin.
const THAI_WORD: f32 = 4.0;

/// The width of a free line's first word, for deciding whether the line before it wrapped.
fn first_word_of(text: &str, g: Geom) -> f32 {
    if text.trim_start().chars().next().is_some_and(thai_letter) {
        g.first_word.min(THAI_WORD * g.size)
    } else {
        g.first_word
    }
}

/// A line that starts with a list number or bullet (`๑.`, `1)`, `(๒)`, `•`).
static LIST_START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:\(?[0-9๐-๙]{1,2}[.)]\s|[•▪●■◦➢✓\-–]\s?)").expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::font::Mapping;

    fn page(words: &[(&str, f32, f32)], rules: &[(f32, f32, f32, f32)]) -> PageContent {
        let mut p = PageContent::default();
        for &(t, x, y) in words {
            let start = p.text.len() as u32;
            p.text.push_str(t);
            p.glyphs.push(Glyph {
                x0: x,
                x1: x + 5.0 * t.chars().filter(|&c| !is_mark(c)).count() as f32,
                y,
                size: 10.0,
                start,
                end: p.text.len() as u32,
                invisible: false,
                rotated: false,
                mapping: Mapping::ToUnicode,
                font: 0,
            });
        }
        for &(x0, y0, x1, y1) in rules {
            p.rules.push(Rule { x0, y0, x1, y1 });
        }
        p
    }

    #[test]
    fn lines_by_baseline_and_gaps() {
        let p = page(
            &[
                ("world", 40.0, 700.5),
                ("hello", 10.0, 700.0),
                ("next", 10.0, 680.0),
                ("far", 200.0, 680.0),
            ],
            &[],
        );
        assert_eq!(page_lines(&p, false).lines, ["hello world", "next\tfar"]);
    }

    #[test]
    fn marks_attach_to_their_base() {
        let p = page(
            &[("ข", 10.0, 700.0), ("้", 12.0, 703.0), ("อ", 15.0, 700.0)],
            &[],
        );
        assert_eq!(page_lines(&p, false).lines, ["ข้อ"]);
    }

    #[test]
    fn table_rows_with_wrapped_and_spanning_cells() {
        // Columns at x = 0, 100, 200, 300; rows at y = 700, 680, 660.
        // Column 0 spans both rows (no ruling between them there).
        let rules = [
            (0.0, 700.0, 300.0, 700.0),
            (100.0, 680.0, 300.0, 680.0),
            (0.0, 660.0, 300.0, 660.0),
            (0.0, 660.0, 0.0, 700.0),
            (100.0, 660.0, 100.0, 700.0),
            (200.0, 660.0, 200.0, 700.0),
            (300.0, 660.0, 300.0, 700.0),
        ];
        let p = page(
            &[
                ("IIT", 5.0, 688.0),
                ("wrapped", 5.0, 668.0),
                ("i1", 105.0, 688.0),
                ("100.00", 205.0, 688.0),
                ("i2", 105.0, 668.0),
                ("99.50", 205.0, 668.0),
                ("after", 5.0, 600.0),
            ],
            &rules,
        );
        // One cell per grid column: the spanning cell's blank part keeps its column.
        let l = page_lines(&p, false);
        assert_eq!(l.lines, ["IIT wrapped\ti1\t100.00", "\ti2\t99.50", "after"]);
        assert_eq!(l.rows.len(), 2);
        assert_eq!((l.rows[0].line, l.rows[1].line), (0, 1));
        assert!(l.rows[0].first && !l.rows[0].last && l.rows[1].last);
    }

    #[test]
    fn borderless_table_columns_come_from_aligned_word_starts() {
        // No rulings; the score stands 7 pt after the id (less than a tab gap), but its column
        // is where a line starts a word at x = 132 on every row, once at the line's start.
        let p = page(
            &[
                ("1", 10.0, 700.0),
                ("ข้อ i1", 100.0, 700.0),
                ("100.00", 132.0, 700.0),
                ("2", 10.0, 680.0),
                ("ข้อ i2", 100.0, 680.0),
                ("99.50", 132.0, 680.0),
                ("98.00", 132.0, 660.0),
                ("after", 10.0, 630.0),
                ("the", 40.0, 630.0),
                ("table", 60.0, 630.0),
            ],
            &[],
        );
        let l = page_lines(&p, false);
        assert_eq!(
            l.lines,
            [
                "1\tข้อ i1\t100.00",
                "2\tข้อ i2\t99.50",
                "\t\t98.00",
                "after the table"
            ]
        );
        assert!(l.rows.iter().all(|r| r.loose) && l.rows.len() == 3);
    }

    #[test]
    fn wrapped_lines_join_without_a_space_inside_thai_words() {
        let join = |a: &str, b: &str, ends: bool| {
            let mut s = a.to_owned();
            join_wrapped(&mut s, b, ends);
            s
        };
        // A mid-word wrap in a narrow column.
        assert_eq!(join("๓๐ กันยาย", "น ๒๕๖๗", false), "๓๐ กันยายน ๒๕๖๗");
        assert_eq!(join("๑", "ตุลาคม", false), "๑ ตุลาคม");
        assert_eq!(join("Dos", "& Don'ts", false), "Dos & Don'ts");
        // A producer that draws the space at line ends: no space glyph, no space.
        assert_eq!(join("Line Officia", "l ID", true), "Line Official ID");
        assert_eq!(join("Dos ", "& Don'ts", true), "Dos & Don'ts");
        // A number wrapped in a narrow cell is one number; two numbers stay two.
        assert_eq!(join("๑๐๐.๐", "๐", false), "๑๐๐.๐๐");
        assert_eq!(join("98.", "12", true), "98.12");
        assert_eq!(join("100.00", "98.50", false), "100.00 98.50");
        assert_eq!(join("95", "100", false), "95 100");
        // A list number starts a new item: never glued on.
        assert_eq!(
            join("การส่งบุคลากร", "๒. เข้ารับ", true),
            "การส่งบุคลากร ๒. เข้ารับ"
        );
    }
}
