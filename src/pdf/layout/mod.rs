//! Layout: positioned glyphs → text lines; inside ruled tables, one line per row with cells
//! separated by `\t` (a cell's wrapped lines joined with a space, a cell spanning several rows
//! given once, in its first row); outside tables, wide horizontal gaps become `\t`.
//!
//! Modules: [`lines`] (baselines → lines, a line's text), [`ruled`] (tables from their
//! rulings), [`borderless`] (tables without rulings, from lined-up word starts), [`order`]
//! (a borderless table's cells and rows from the drawing order), [`reflow`]
//! (wrapped lines of cells and paragraphs joined), [`continuation`] (rows cut by a page break
//! joined across pages). Their thresholds are in [`Tolerances`].

mod borderless;
mod continuation;
mod edge;
mod lines;
mod order;
mod reflow;
mod ruled;

use super::interp::{Glyph, PageContent, Rule};
use crate::geometry::{LineBoxes, Rect};
use borderless::borderless;
pub(crate) use continuation::join_split_rows;
use lines::{first_word, line_text, lines};
pub(crate) use reflow::join_wrapped;
use reflow::paragraphs;
use ruled::tables;

/// The layout's numeric thresholds in one place. Distances are in points unless a name says
/// font sizes (multiples of the line's font size).
pub(super) struct Tolerances {
    /// Two x positions this close are the same: word starts lined up into a borderless
    /// table's column, a word on a column's start, collinear ruling segments.
    pub(super) same_x: f32,
    /// Rulings whose ends or crossings are this close meet; a cell's text this close to its
    /// ruling is inside it.
    pub(super) ruling: f32,
    /// Two tables' column boundaries this close are the same grid (a table going on on the
    /// next page).
    pub(super) same_grid: f32,
    /// Spacings between lines, in font sizes, that can be a line pitch: more than `pitch_min`
    /// and less than `pitch_max`. Two estimates use them and differ on purpose: a borderless
    /// table's cell pitch is the smallest spacing of a column's consecutive lines (cells have
    /// no paragraph breaks), a page's paragraph pitch is the smallest spacing of free lines
    /// seen twice (free text mixes in paragraph breaks, see [`reflow::paragraphs`]).
    pub(super) pitch_min: f32,
    /// See `pitch_min`.
    pub(super) pitch_max: f32,
    /// The widest paragraph pitch, in font sizes, when the page's pitch was measured
    /// (Garuda's lines stand 1.9 sizes apart).
    pub(super) pitch_max_measured: f32,
    /// A paragraph's next line follows within `pitch × pitch_ratio + pitch_extra` sizes.
    pub(super) pitch_ratio: f32,
    /// See `pitch_ratio`.
    pub(super) pitch_extra: f32,
    /// A borderless cell's next line follows within this many of its column's pitches.
    pub(super) cell_pitch_ratio: f32,
    /// Longest Thai word assumed, in font sizes (see [`reflow::first_word_of`]).
    pub(super) thai_word: f32,
}

/// The thresholds (see [`Tolerances`]).
pub(super) const T: Tolerances = Tolerances {
    same_x: 1.5,
    ruling: 2.0,
    same_grid: 2.0,
    pitch_min: 0.5,
    pitch_max: 1.9,
    pitch_max_measured: 2.2,
    pitch_ratio: 1.06,
    pitch_extra: 0.02,
    cell_pitch_ratio: 1.15,
    thai_word: 4.0,
};

/// What the layout carries from page to page.
#[derive(Debug, Default)]
pub(crate) struct Carry {
    /// Columns of borderless tables on earlier pages (x of their starts).
    pub(crate) grid: Vec<f32>,
    /// The line pitch of the document's paragraphs, in font sizes: the smallest measured on a
    /// page so far: a cell may wrap at it when it is wider than usual.
    pub(crate) text_pitch: Option<f32>,
    /// The columns of the last borderless table laid out (x of its cells' starts).
    pub(crate) last_cols: Vec<f32>,
}

/// A table cell as its (left, right, top, bottom) rulings.
type CellBox = (f32, f32, f32, f32);

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
    let std_mark = |c: char| crate::thai::is_combining(c) || matches!(c, '\u{0300}'..='\u{036F}');
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
            // A text that opens with a mark and is drawn over the piece before (from inside its
            // advance) opens no cluster: its letter is that piece (LibreOffice draws Tlwg
            // Typo's `้ำ` of `ซ้ำ` as one span whose tone stands left of the letter's origin, so
            // it sorted before it: `้ำซ`). OCR words that open with a mark stand apart.
            let over = t.chars().all(is_mark) || g.x0 < last.x1;
            if t.chars().next().is_some_and(is_mark) && near && over {
                buf.push_str(t);
                last.end = buf.len();
                last.x1 = last.x1.max(g.x1);
                continue;
            }
        }
        let mut x0 = g.x0.min(g.x1);
        // (Not in an invisible OCR layer: it is read as its engine wrote it, letters spaced
        // apart, and whether it reads as a report decides whether it is OCR'd again.)
        if !use_invisible && t.starts_with('\u{0E32}') && space_in_word(&out, buf, g) {
            // The space is dropped and sara aa drawn from where it began (no gap either).
            if let Some(space) = out.pop() {
                buf.truncate(space.start);
                x0 = space.x0;
            }
        }
        let start = buf.len();
        buf.push_str(t);
        let mut p = piece(g, start, buf.len());
        p.x0 = x0;
        out.push(p);
    }
    out
}

/// Is the last piece of `out` a space glyph that stands inside a word, between a Thai
/// consonant (or its tone mark) and the sara aa `g`? Thai breaks no word before า, and the
/// space advances (ReportLab's CJK wrap writes such spaces: `นก าร พัฒน`), so it is no lost
/// nikhahit either (Word's has no advance, and the reader reads it as ํ): left in, a text
/// repair would read the pair as ำ (`กำร`). The three stand side by side on one baseline.
fn space_in_word(out: &[Piece], buf: &str, g: &Glyph) -> bool {
    let [.., before, space] = out else {
        return false;
    };
    let size = space.size.max(g.size);
    let beside = |a: &Piece, x0: f32, y: f32| {
        (a.y - y).abs() < 0.2 * size && (x0 - a.x1).abs() < 0.25 * size
    };
    let base = buf[before.start..before.end].chars().next_back();
    space.x1 - space.x0 > 0.1 * space.size
        && buf[space.start..space.end].chars().all(|c| c == ' ')
        && base.is_some_and(|c| crate::thai::is_consonant(c) || crate::thai::is_tone(c))
        && beside(before, space.x0, space.y)
        && beside(space, g.x0.min(g.x1), g.y)
}

impl Piece {
    /// Its box: the advance across, from below the baseline (descenders, marks below) to above
    /// the body (Thai marks above).
    fn rect(&self) -> Rect {
        [
            self.x0,
            self.y - 0.3 * self.size,
            self.x1,
            self.y + 0.95 * self.size,
        ]
    }
}

/// The glyph boxes of pieces on one baseline, left to right (fake bold's second drawing, as
/// [`line_text`] drops it, left out; a gap where the text has a space or a tab).
fn boxes_of<'a>(line: impl IntoIterator<Item = &'a Piece>, buf: &str, out: &mut LineBoxes) {
    let line = line.into_iter();
    // Grown once, not piece by piece (a piece is often one Thai character: 3 bytes).
    let pieces = line.size_hint().0;
    out.reserve(pieces, pieces * 3 + 1);
    let mut prev: Option<&Piece> = None;
    for p in line {
        let t = &buf[p.start..p.end];
        if let Some(q) = prev {
            if lines::fake_bold(p, q, buf) {
                continue;
            }
            // Where the line's text has a space or a tab (see `line_text`).
            if lines::spaced(p, q) {
                out.gap();
            }
        }
        out.push(t, p.rect());
        prev = Some(p);
    }
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
    /// The glyph boxes of each line (one per line of `lines`).
    pub(crate) boxes: Vec<LineBoxes>,
    /// How many lines run on past the page's right edge (cut there: see `edge`).
    pub(crate) cut_at_edge: usize,
}

/// Lays out one page's glyphs as text lines (see [`Layout`]).
#[cfg(test)]
#[must_use]
pub(crate) fn page_lines(page: &PageContent, use_invisible: bool) -> Layout {
    page_lines_with(page, use_invisible, &mut Carry::default())
}

/// [`page_lines`], with what earlier pages showed (updated): see [`Carry`].
#[must_use]
pub(crate) fn page_lines_with(page: &PageContent, use_invisible: bool, grid: &mut Carry) -> Layout {
    let mut buf = String::with_capacity(page.text.len());
    let mut ps = pieces(page, use_invisible, &mut buf);
    let mut rules = std::borrow::Cow::Borrowed(&page.rules);
    let mut cut_at_edge = 0;
    if let Some([bx0, by0, bx1, by1]) = page.media {
        cut_at_edge = edge::mark_cut_lines(&mut ps, &mut buf, bx1);
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
    // Each piece's cell (an index in `keys`), found first: then each cell's pieces are
    // allocated once, at their number.
    let mut keys: Vec<(usize, CellBox, usize)> = Vec::new();
    let mut cell_of: Vec<Option<usize>> = Vec::with_capacity(ps.len());
    // The cell of the piece before, and where that piece ended.
    let mut prev: Option<(usize, CellBox, f32, f32, f32)> = None;
    for p in &ps {
        let cx = (p.x0 + p.x1) / 2.0;
        let cy = p.y + p.size * 0.3;
        let inside = tables
            .iter()
            .position(|t| t.contains(cx, cy))
            .map(|ti| (ti, tables[ti].cell(cx, cy)));
        let at = match prev {
            // Text that runs on past its cell's right ruling (a narrow column in a browser's
            // table, a word Typst does not break) stays in its cell: into the next cell, or
            // out of the table past its last ruling.
            Some((pt, pc, px1, py, ps))
                if (p.y - py).abs() < 0.2 * ps
                    && (p.x0 - px1).abs() < 0.15 * ps
                    && cx > pc.1 - T.ruling
                    && inside.is_none_or(|(_, c)| c != pc) =>
            {
                Some((pt, pc))
            }
            _ => inside,
        };
        prev = at.map(|(ti, c)| (ti, c, p.x1, p.y, p.size));
        cell_of.push(at.map(|(ti, c)| {
            let found = keys.iter().position(|&(t, k, _)| {
                t == ti
                    && (k.0 - c.0).abs() < 0.5
                    && (k.1 - c.1).abs() < 0.5
                    && (k.2 - c.2).abs() < 0.5
                    && (k.3 - c.3).abs() < 0.5
            });
            let k = found.unwrap_or_else(|| {
                keys.push((ti, c, 0));
                keys.len() - 1
            });
            keys[k].2 += 1;
            k
        }));
    }
    let in_cells: usize = keys.iter().map(|k| k.2).sum();
    let mut free: Vec<Piece> = Vec::with_capacity(ps.len() - in_cells);
    let mut cells: Vec<(usize, CellBox, Vec<Piece>)> = keys
        .iter()
        .map(|&(ti, c, n)| (ti, c, Vec::with_capacity(n)))
        .collect();
    for (p, k) in ps.into_iter().zip(cell_of) {
        match k {
            Some(k) => cells[k].2.push(p),
            None => free.push(p),
        }
    }
    let free_lines = lines(free);
    let cell_lines: Vec<(usize, CellBox, Vec<Vec<Piece>>)> = cells
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
        let mut boxes = LineBoxes::default();
        boxes_of(&line, &buf, &mut boxes);
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
            boxes,
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
        /// The cell's line pitch, in font sizes (0 for a cell of one line).
        pitch: f32,
        boxes: LineBoxes,
    }
    let mut cell_texts: Vec<CellText> = Vec::new();
    for (ti, (left, _right, top, bottom), ls) in cell_lines {
        let mut s = String::new();
        let mut boxes = LineBoxes::default();
        for line in &ls {
            let mut t = String::new();
            line_text(line, &buf, false, &mut t);
            join_wrapped(&mut s, &t, spaces_at_ends);
            boxes.gap();
            boxes_of(line, &buf, &mut boxes);
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
            pitch: cell_line_pitch(&ls, lowest),
            boxes,
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
            boxes: r.boxes,
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
        let mut boxes = LineBoxes::default();
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
            boxes.append(&c.boxes);
            bottom = bottom.min(c.bottom);
            j += 1;
        }
        // The row's lowest cells (not those spanning further down) reach their bottom ruling.
        // A row the page's edge left open (no closing ruling) may go on in any cell.
        let open = t.open_bottom && (bottom - t.y0).abs() < 0.5;
        let lowest = |c: &&CellText| (c.bottom - bottom).abs() < 0.5;
        let least = cell_texts[i..j]
            .iter()
            .filter(lowest)
            .map(|c| c.slack)
            .fold(f32::MAX, f32::min);
        for c in cell_texts[i..j].iter().filter(lowest) {
            if reaches_ruling(c.slack, c.pitch, least) || open {
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
        // A table open at its top goes on from the page before: its first row is no header.
        let first = !t.open_top && !rows.iter().any(|r| r.line == ti);
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
            boxes,
        });
        i = j;
    }
    items.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let (lines, at, boxes) = paragraphs(items, spaces_at_ends, grid.text_pitch);
    for (k, r) in rows.iter_mut().enumerate() {
        r.line = at[k];
    }
    Layout {
        lines,
        rows,
        boxes,
        cut_at_edge,
    }
}

/// The line pitch of a cell's lines, in font sizes (`lowest`: its lowest glyph's baseline and
/// size): the spacing of its first and last lines over the lines between; 0 for one line.
fn cell_line_pitch(ls: &[Vec<Piece>], lowest: (f32, f32)) -> f32 {
    let top = ls
        .iter()
        .flat_map(|l| l.iter())
        .map(|p| p.y)
        .fold(f32::MIN, f32::max);
    match ls.len() {
        0 | 1 => 0.0,
        n => (top - lowest.0) / (n - 1) as f32 / lowest.1,
    }
}

/// Does a cell's text reach its bottom ruling (so that a page break may have cut it)? Its
/// lowest line stands within [`REACH`] sizes of the ruling (a cell's padding and descent).
/// A whole row's tallest cell sets the row's height, so one cell at least stands that close;
/// when none does (`least`: the row's smallest slack), the row was cut and its tallest cell
/// left room: a producer that moves a cut cell's last lines to the next page together (widow
/// and orphan control: the flat ODT in Loma, Sawasdee and Tlwg Typist) leaves one line's
/// room empty. Then a cell of several lines that stands as low as the lowest (within
/// [`SAME_FOOT`]) and within one more of its lines of the ruling reaches it.
fn reaches_ruling(slack: f32, pitch: f32, least: f32) -> bool {
    slack < REACH
        || (least >= REACH && pitch > 0.0 && slack < REACH + pitch && slack - least < SAME_FOOT)
}

/// Two cells' lowest lines this close (font sizes) stand at one foot.
const SAME_FOOT: f32 = 0.3;

/// See [`reaches_ruling`].
const REACH: f32 = 1.2;

/// A line to place: free text (with its geometry) or a table row.
struct Item {
    y: f32,
    x: f32,
    text: String,
    geom: Option<Geom>,
    /// Index of the row in the page's rows.
    row: Option<usize>,
    /// Its glyphs' boxes.
    boxes: LineBoxes,
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
    fn a_cut_row_reaches_its_ruling_with_one_line_of_room() {
        // A whole row: its tallest cell 0.56 sizes over its ruling; a cell one line shorter
        // (pitch 1.59) stands 2.15 over it and does not reach.
        assert!(reaches_ruling(0.56, 1.59, 0.56));
        assert!(!reaches_ruling(2.15, 1.59, 0.56));
        // A cut row whose tallest cell left one line's room (the flat ODT): it reaches; a cell
        // higher up in the row, or of one line, or with two lines' room, does not.
        assert!(reaches_ruling(2.15, 1.59, 2.15));
        assert!(!reaches_ruling(3.74, 1.59, 2.15));
        assert!(!reaches_ruling(2.15, 0.0, 2.15));
        assert!(!reaches_ruling(3.74, 1.59, 3.74));
        // The pitch of a cell's lines, in sizes.
        let line = |y: f32| {
            vec![Piece {
                x0: 0.0,
                x1: 10.0,
                y,
                size: 10.0,
                start: 0,
                end: 0,
                font: 0,
            }]
        };
        let ls = [line(700.0), line(684.0), line(668.0)];
        assert!((cell_line_pitch(&ls, (668.0, 10.0)) - 1.6).abs() < 1e-4);
        assert_eq!(cell_line_pitch(&ls[..1], (700.0, 10.0)), 0.0);
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
    fn a_space_glyph_inside_a_word_before_sara_aa_is_dropped() {
        // `ก าร`: a space that advances between a consonant and า is no word break (nor a lost
        // nikhahit, which has no advance): the line reads `การ`, not `ก าร` (→ `กำร`); after
        // a tone mark too. A space between consonants stays, and so does one before a า that
        // stands apart (the next cell).
        let cases: [(&str, &str, f32, &str); 4] = [
            ("ก", "า", 20.0, "กา"),
            ("น้", "า", 20.0, "น้า"),
            ("ก", "ข", 20.0, "ก ข"),
            ("ก", "า", 40.0, "ก า"),
        ];
        for (a, b, x, want) in cases {
            let p = page(&[(a, 10.0, 700.0), (" ", 15.0, 700.0), (b, x, 700.0)], &[]);
            assert_eq!(page_lines(&p, false).lines, [want]);
        }
        // Not in an invisible OCR layer.
        let mut p = page(
            &[("ก", 10.0, 700.0), (" ", 15.0, 700.0), ("า", 20.0, 700.0)],
            &[],
        );
        p.glyphs.iter_mut().for_each(|g| g.invisible = true);
        assert_eq!(page_lines(&p, true).lines, ["ก า"]);
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
    fn a_span_that_opens_with_a_mark_stays_after_its_letter() {
        // ซ at 468.4, then a span `้ำ` whose tone is drawn from 467.6 (left of the letter's
        // origin): one cluster, in content order; a span far away is a piece of its own.
        let p = page(
            &[
                ("ซ", 468.4, 700.0),
                ("้ำ", 467.6, 700.0),
                ("ซ", 473.5, 700.0),
            ],
            &[],
        );
        assert_eq!(page_lines(&p, false).lines, ["ซ้ำซ"]);
        let p = page(&[("ซ", 10.0, 700.0), ("้ำ", 300.0, 700.0)], &[]);
        assert_eq!(page_lines(&p, false).lines, ["ซ\t้ำ"]);
        // Past the letter's advance (an OCR word that opens with a mark): a piece of its own.
        let p = page(&[("ซ", 10.0, 700.0), ("่วน", 15.5, 700.0)], &[]);
        assert_eq!(page_lines(&p, false).lines, ["ซ่วน"]);
        assert_eq!(pieces(&p, false, &mut String::new()).len(), 2);
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
    fn a_word_run_on_past_the_tables_last_ruling_stays_in_its_cell() {
        // Typst does not break a word wider than its column: `ประชาสัมพันธ์` in the last
        // column (200–300) goes on past the table's right ruling; its end is the cell's, not
        // a line of its own. A word apart from it (a gap) out there is not.
        let rules = [
            (0.0, 700.0, 300.0, 700.0),
            (0.0, 660.0, 300.0, 660.0),
            (0.0, 660.0, 0.0, 700.0),
            (200.0, 660.0, 200.0, 700.0),
            (300.0, 660.0, 300.0, 700.0),
        ];
        let p = page(
            &[
                ("i1", 5.0, 688.0),
                ("สัมพันธ์ab", 265.0, 688.0),
                ("xy", 300.0, 688.0),
                ("note", 205.0, 668.0),
                ("far", 340.0, 668.0),
            ],
            &rules,
        );
        let l = page_lines(&p, false);
        assert_eq!(l.lines[0], "i1\tสัมพันธ์abxy note");
        assert!(l.lines.iter().any(|t| t == "far"), "{:?}", l.lines);
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
    fn borderless_cells_wrap_at_the_paragraphs_pitch_when_it_is_wide() {
        // Lines 2.0 sizes apart in paragraphs and in the table's cells (Umpush's tall line
        // boxes): a cell's second line joins it. Without the paragraphs, nothing tells a
        // cell's lines from rows of one line that far apart.
        let table = [
            ("1", 10.0, 650.0),
            ("first cell", 100.0, 650.0),
            ("100.00", 200.0, 650.0),
            ("wrapped", 100.0, 630.0),
            ("2", 10.0, 605.0),
            ("second", 100.0, 605.0),
            ("99.50", 200.0, 605.0),
            ("more", 100.0, 585.0),
        ];
        let mut words = vec![
            ("a paragraph", 10.0, 760.0),
            ("of four", 10.0, 740.0),
            ("lines that", 10.0, 720.0),
            ("wrap", 10.0, 700.0),
        ];
        words.extend(table);
        let l = page_lines(&page(&words, &[]), false);
        assert_eq!(
            l.lines[l.lines.len() - 2..],
            ["1\tfirst cell wrapped\t100.00", "2\tsecond more\t99.50"]
        );
        let l = page_lines(&page(&table, &[]), false);
        assert_eq!(l.lines.len(), 4);
    }

    #[test]
    fn a_lone_long_line_on_a_page_of_tables_does_not_reach_the_margin() {
        // A ruled table 300 pt wide, then the page's only two free lines: the first ends at
        // 215 (short of the table's edge), the heading below starts with a word that would
        // not have fitted after it were 215 the margin. Two lines, not one.
        let rules = [
            (0.0, 700.0, 300.0, 700.0),
            (0.0, 680.0, 300.0, 680.0),
            (0.0, 680.0, 0.0, 700.0),
            (150.0, 680.0, 150.0, 700.0),
            (300.0, 680.0, 300.0, 700.0),
        ];
        let words = [
            ("cell", 5.0, 688.0),
            ("100.00", 155.0, 688.0),
            ("section", 0.0, 660.0),
            ("one ends here", 40.0, 660.0),
            ("Heading", 0.0, 642.0),
            ("two", 40.0, 642.0),
        ];
        let l = page_lines(&page(&words, &rules), false);
        assert_eq!(
            l.lines,
            ["cell\t100.00", "section one ends here", "Heading two"]
        );
        // Without the table, the longer line is the margin and the heading continues it.
        let l = page_lines(&page(&words[2..], &[]), false);
        assert_eq!(l.lines, ["section one ends here Heading two"]);
    }

    #[test]
    fn a_page_of_two_free_lines_takes_the_pitch_earlier_pages_measured() {
        // A paragraph's last line reaching the margin, then a heading 1.8 sizes below it (a
        // paragraph break): alone on its page, that one spacing would be taken for the line
        // pitch and the heading joined on.
        let words = [
            (
                "the paragraph's last line that reaches the margin",
                0.0,
                700.0,
            ),
            ("Heading", 0.0, 682.0),
            ("two", 40.0, 682.0),
        ];
        let l = page_lines(&page(&words, &[]), false);
        assert_eq!(l.lines.len(), 1);
        // Earlier pages measured the paragraphs' lines 1.5 sizes apart: two lines.
        let mut carry = Carry {
            text_pitch: Some(1.5),
            ..Carry::default()
        };
        let l = page_lines_with(&page(&words, &[]), false, &mut carry);
        assert_eq!(
            l.lines,
            [
                "the paragraph's last line that reaches the margin",
                "Heading two"
            ]
        );
        // At the pitch measured, the lines are one paragraph.
        let mut carry = Carry {
            text_pitch: Some(1.8),
            ..Carry::default()
        };
        let l = page_lines_with(&page(&words, &[]), false, &mut carry);
        assert_eq!(l.lines.len(), 1);
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
        // So is a question id (`i๑๐` in a column one digit too narrow); a longer word or
        // number is not one.
        assert_eq!(join("i๑", "๐", false), "i๑๐");
        assert_eq!(join("ข้อ o3", "5", false), "ข้อ o35");
        assert_eq!(join("i๑๐", "๐", false), "i๑๐ ๐");
        assert_eq!(join("ISO9", "001", false), "ISO9 001");
        assert_eq!(join("i1", "2565", false), "i1 2565");
        // A list number starts a new item: never glued on.
        assert_eq!(
            join("การส่งบุคลากร", "๒. เข้ารับ", true),
            "การส่งบุคลากร ๒. เข้ารับ"
        );
    }
}
