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
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0300}'..='\u{036F}')
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
        if t.is_empty() {
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
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
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
    if h.len() < 2 || v.len() < 2 || h.len() * v.len() > 4_000_000 {
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
        .filter(|t| t.h.len() >= 2 && t.v.len() >= 2)
        .map(|mut t| {
            t.x0 = t.v.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
            t.x1 = t.v.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
            t.y0 = t.h.iter().map(|s| s.pos).fold(f32::MAX, f32::min);
            t.y1 = t.h.iter().map(|s| s.pos).fold(f32::MIN, f32::max);
            t
        })
        .filter(|t| t.x1 - t.x0 > 20.0 && t.y1 - t.y0 > 8.0)
        .collect()
}

impl Table {
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

/// Lays out one page's glyphs as text lines.
#[must_use]
pub(crate) fn page_lines(page: &PageContent, use_invisible: bool) -> Vec<String> {
    let mut buf = String::with_capacity(page.text.len());
    let ps = pieces(page, use_invisible, &mut buf);
    let tables = tables(&page.rules);
    // (table index, cell) → pieces; the rest are free.
    let mut free: Vec<Piece> = Vec::new();
    let mut cells: Vec<(usize, (f32, f32, f32, f32), Vec<Piece>)> = Vec::new();
    for p in ps {
        let cx = (p.x0 + p.x1) / 2.0;
        let cy = p.y + p.size * 0.3;
        match tables.iter().position(|t| t.contains(cx, cy)) {
            Some(ti) => {
                let c = tables[ti].cell(cx, cy);
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
    // (y for ordering, text)
    let mut items: Vec<(f32, f32, String, Option<Geom>)> = Vec::new();
    for line in lines(free) {
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
        items.push((y, x, s, Some(geom)));
    }
    // Table rows: cells grouped by (table, top), ordered by left edge.
    let mut cell_texts: Vec<(usize, f32, f32, String)> = Vec::new();
    for (ti, (left, _right, top, _bottom), ps) in cells {
        let mut s = String::new();
        for line in lines(ps) {
            if !s.is_empty() {
                s.push(' ');
            }
            line_text(&line, &buf, true, &mut s);
        }
        let s = s.trim().to_owned();
        if !s.is_empty() {
            cell_texts.push((ti, top, left, s));
        }
    }
    cell_texts.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.total_cmp(&b.2))
    });
    let mut i = 0;
    while i < cell_texts.len() {
        let (ti, top, left, _) = cell_texts[i];
        let mut row = String::new();
        let mut j = i;
        while j < cell_texts.len() && cell_texts[j].0 == ti && (cell_texts[j].1 - top).abs() < 0.5 {
            if j > i {
                row.push('\t');
            }
            row.push_str(&cell_texts[j].3);
            j += 1;
        }
        // Rows sort just below the ruling that starts them.
        items.push((top - 0.01, left, row, None));
        i = j;
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.total_cmp(&b.1)));
    paragraphs(items)
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
/// spacing, in the same size, not indented further, and neither holds a tab.
fn paragraphs(items: Vec<(f32, f32, String, Option<Geom>)>) -> Vec<String> {
    let right = items
        .iter()
        .filter_map(|i| i.3)
        .map(|g| g.x1)
        .fold(f32::MIN, f32::max);
    // The page's usual line pitch: the smallest spacing between consecutive free lines of one
    // size that is common (paragraph breaks add space; lines inside a paragraph do not).
    let mut pitches: Vec<f32> = items
        .windows(2)
        .filter_map(|w| match (w[0].3, w[1].3) {
            (Some(a), Some(b)) if (a.size - b.size).abs() <= 0.15 * a.size => {
                Some((a.y - b.y) / a.size)
            }
            _ => None,
        })
        .filter(|r| *r > 0.5 && *r < 1.9)
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches.get(pitches.len() / 4).copied().unwrap_or(1.9);
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    let mut prev: Option<Geom> = None;
    for (_, _, text, geom) in items {
        if let (Some(p), Some(g)) = (prev, geom) {
            let same_size = (p.size - g.size).abs() <= 0.15 * p.size.max(g.size);
            let spacing = p.y - g.y;
            let joins = same_size
                && spacing > 0.5 * p.size
                && spacing < 1.9 * p.size
                && spacing <= (pitch * 1.12 + 0.05) * p.size
                && p.last_font == g.first_font
                && p.x1 + 0.3 * p.size + g.first_word >= right - 0.5 * p.size
                && g.x0 <= p.x0 + 1.0 * p.size
                && !text.contains('\t')
                && out.last().is_some_and(|l| !l.contains('\t'));
            if joins {
                if let Some(last) = out.last_mut() {
                    last.truncate(last.trim_end().len());
                    last.push(' ');
                    last.push_str(&text);
                }
                prev = Some(Geom {
                    y: g.y,
                    x0: g.x0.min(p.x0),
                    ..g
                });
                continue;
            }
        }
        prev = geom;
        out.push(text.trim_end().to_owned());
    }
    out
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
        assert_eq!(page_lines(&p, false), ["hello world", "next\tfar"]);
    }

    #[test]
    fn marks_attach_to_their_base() {
        let p = page(
            &[("ข", 10.0, 700.0), ("้", 12.0, 703.0), ("อ", 15.0, 700.0)],
            &[],
        );
        assert_eq!(page_lines(&p, false), ["ข้อ"]);
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
        assert_eq!(
            page_lines(&p, false),
            ["IIT wrapped\ti1\t100.00", "i2\t99.50", "after"]
        );
    }
}
