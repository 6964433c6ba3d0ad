//! Glyph pieces → text lines: baselines grouped into lines, the text of a line with spaces
//! and tabs at its gaps, and where its words start.

use super::Piece;

/// Groups pieces into lines by baseline (top to bottom), each sorted left to right.
pub(super) fn lines(mut ps: Vec<Piece>) -> Vec<Vec<Piece>> {
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

/// Fake bold: `p` is the text of `q` drawn again almost on top of it (dropped from a line's
/// text and its boxes alike).
pub(super) fn fake_bold(p: &Piece, q: &Piece, buf: &str) -> bool {
    (p.x0 - q.x0).abs() < 0.15 * p.size && buf[p.start..p.end] == buf[q.start..q.end]
}

/// Do `q` and the next piece `p` stand apart by a space (a quarter of the larger size)?
pub(super) fn spaced(p: &Piece, q: &Piece) -> bool {
    p.x0 - q.x1 > 0.25 * p.size.max(q.size)
}

/// The text of one line: spaces where glyphs stand apart, `\t` at wide gaps when `tabs`.
pub(super) fn line_text(line: &[Piece], buf: &str, tabs: bool, out: &mut String) {
    let mut prev: Option<&Piece> = None;
    for p in line {
        let t = &buf[p.start..p.end];
        if let Some(q) = prev {
            if fake_bold(p, q, buf) {
                continue;
            }
            let gap = p.x0 - q.x1;
            let size = p.size.max(q.size);
            if tabs && gap > 2.0 * size {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\t');
            } else if spaced(p, q) && !out.ends_with([' ', '\t']) && !t.starts_with(' ') {
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

/// Word starts of a line: (x, strong), strong when first on the line or after a wide gap.
pub(super) fn word_starts(line: &[Piece], buf: &str, out: &mut Vec<(f32, bool)>) {
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

/// Width of a line's first word: up to the first space or visible gap.
pub(super) fn first_word(line: &[Piece], buf: &str) -> f32 {
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
