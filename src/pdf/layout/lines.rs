//! Glyph pieces → text lines: baselines grouped into lines, the text of a line with spaces
//! and tabs at its gaps, and where its words start.

use super::Piece;

/// Groups pieces into lines by baseline (top to bottom), each sorted left to right.
pub(super) fn lines(mut ps: Vec<Piece>) -> Vec<Vec<Piece>> {
    ps.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    // Where each line starts: then each line is allocated once, at its size.
    let mut starts: Vec<usize> = Vec::new();
    let mut line_y = f32::NAN;
    let mut line_size = 0.0f32;
    for (i, p) in ps.iter().enumerate() {
        let tol = 0.35 * line_size.min(p.size).max(1.0);
        if starts.is_empty() || (line_y - p.y).abs() > tol {
            starts.push(i);
            line_y = p.y;
            line_size = p.size;
        }
    }
    let ends = starts.iter().skip(1).copied().chain([ps.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&from, to)| {
            let mut l = ps[from..to].to_vec();
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

/// Fake bold: `p` is the text of `q` drawn again almost on top of it (dropped from a line's
/// text and its boxes alike). Beyond a twentieth of the size, the shift must also be under
/// half the glyph's width: TH Sarabun New's `I` is narrower than 0.15 sizes, and `IIT`'s
/// second `I` is the next letter, not the first drawn again.
pub(super) fn fake_bold(p: &Piece, q: &Piece, buf: &str) -> bool {
    let shift = (p.x0 - q.x0).abs();
    shift < 0.15 * p.size
        && (shift <= 0.05 * p.size || shift < 0.5 * (q.x1 - q.x0))
        && buf[p.start..p.end] == buf[q.start..q.end]
}

/// Do `q` and the next piece `p` stand apart by a space (a quarter of the larger size)?
pub(super) fn spaced(p: &Piece, q: &Piece) -> bool {
    p.x0 - q.x1 > 0.25 * p.size.max(q.size)
}

/// The text of one line: spaces where glyphs stand apart, `\t` at wide gaps when `tabs`.
pub(super) fn line_text(line: &[Piece], buf: &str, tabs: bool, out: &mut String) {
    // At most each piece's text and one space or tab before it.
    out.reserve(line.iter().map(|p| p.end - p.start + 1).sum());
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
        let blank = buf[p.start..p.end].trim().is_empty();
        match prev {
            None => out.push((p.x0, true)),
            Some(q) => {
                let gap = p.x0 - q.x1;
                let size = p.size.max(q.size);
                if (gap > 0.1 * size || buf[q.start..q.end].ends_with(' ')) && !blank {
                    out.push((p.x0, gap > 1.0 * size));
                }
            }
        }
        if !blank || prev.is_none() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(x0: f32, x1: f32, start: usize) -> Piece {
        Piece {
            x0,
            x1,
            y: 700.0,
            size: 16.0,
            start,
            end: start + 1,
            font: 0,
        }
    }

    #[test]
    fn a_narrow_letter_twice_is_two_letters_and_a_glyph_drawn_again_is_one() {
        let buf = "IIT";
        // TH Sarabun New at 16 pt: `I` 2.2 pt wide, the next `I` 2.2 pt on.
        let (a, b) = (piece(100.0, 102.2, 0), piece(102.2, 104.4, 1));
        assert!(!fake_bold(&b, &a, buf));
        let mut line = String::new();
        line_text(&[a, b, piece(104.4, 112.0, 2)], buf, false, &mut line);
        assert_eq!(line, "IIT");
        // Fake bold: the same glyph shifted by half a point.
        assert!(fake_bold(&piece(100.5, 102.7, 1), &a, buf));
        // A wide glyph drawn again 1.5 pt to the right is still fake bold.
        assert!(fake_bold(
            &piece(101.5, 111.5, 1),
            &piece(100.0, 110.0, 0),
            buf
        ));
    }
}
