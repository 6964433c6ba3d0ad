//! Text that runs past the page's right edge. A producer that cannot break a line (MuPDF's
//! Story finds no break in Thai, which has no spaces between words) draws it on past the edge,
//! where no one sees it: the line as shown is cut, and so may be the number at its end
//! (`98.0|4`). The first glyph past the edge that goes on from one on the page becomes U+FFFD
//! at the edge, so that what the line ends in reads as unreadable, never as a shorter value.

use super::Piece;

/// Marks the lines that run past `right` (see the module's documentation): a piece wholly past
/// the edge (2 pt slack) that follows, in drawing order, a piece on the page on the same
/// baseline with no more than half an em between them. Returns how many were marked.
pub(super) fn mark_cut_lines(ps: &mut [Piece], buf: &mut String, right: f32) -> usize {
    let past = |p: &Piece| p.x0 > right + 2.0;
    let mut cut = 0;
    for i in 1..ps.len() {
        let (q, p) = (ps[i - 1], ps[i]);
        let size = p.size.max(q.size);
        if past(&p)
            && !past(&q)
            && (p.y - q.y).abs() < 0.2 * size
            && p.x0 - q.x1 < 0.5 * size
            && p.x0 > q.x1 - 0.5 * size
        {
            let start = buf.len();
            buf.push('\u{FFFD}');
            let x0 = q.x1.min(right);
            ps[i] = Piece {
                x0,
                x1: x0 + 0.1,
                start,
                end: buf.len(),
                ..p
            };
            cut += 1;
        }
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(buf: &mut String, t: &str, x0: f32, y: f32) -> Piece {
        let start = buf.len();
        buf.push_str(t);
        Piece {
            x0,
            x1: x0 + 5.0,
            y,
            size: 10.0,
            start,
            end: buf.len(),
            font: 0,
        }
    }

    #[test]
    fn a_line_drawn_on_past_the_edge_ends_unreadable() {
        let mut buf = String::new();
        // `98.04` drawn from 580 on a 595 pt page: `98.` on the page, `0`, `4` past it; then
        // the next line back at the left margin, and a text placed far off the page alone.
        let mut ps = vec![
            piece(&mut buf, "9", 580.0, 700.0),
            piece(&mut buf, "8", 585.0, 700.0),
            piece(&mut buf, ".", 590.0, 700.0),
            piece(&mut buf, "0", 598.0, 700.0),
            piece(&mut buf, "4", 603.0, 700.0),
            piece(&mut buf, "ก", 60.0, 680.0),
            piece(&mut buf, "x", 900.0, 680.0),
        ];
        assert_eq!(mark_cut_lines(&mut ps, &mut buf, 595.0), 1);
        let texts: Vec<&str> = ps.iter().map(|p| &buf[p.start..p.end]).collect();
        assert_eq!(texts, ["9", "8", ".", "\u{FFFD}", "4", "ก", "x"]);
        assert!(ps[3].x0 <= 595.0, "the mark stays on the page");
        // A line that ends on the page is left as it is.
        let mut ps = vec![
            piece(&mut buf, "9", 560.0, 700.0),
            piece(&mut buf, "8", 565.0, 700.0),
        ];
        assert_eq!(mark_cut_lines(&mut ps, &mut buf, 595.0), 0);
    }
}
