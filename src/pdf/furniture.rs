//! Page furniture: running headers, footers and page numbers, taken out before layout so that
//! a PDF never yields a number from them (TCPDF's `2 / 28` footer under an indicator table
//! read as its score).
//!
//! A line is an *edge line* when it stands apart at the top or bottom of the page: its baseline
//! in the outer [`BAND`] of the page's height, at least [`GAP`] font sizes from the nearest
//! body line, outside any table's rulings. Edge lines are split off before layout; once every
//! page is read, those that are page numbers (`- ๓ -`, `2 / 28`, `หน้า 3`, `Page 3 of 28`) or
//! repeat on other pages at the same edge and height (same text once digits are ignored) are
//! furniture and dropped; the others go back to the top or bottom of their page.

use std::sync::LazyLock;

use super::interp::PageContent;
use super::layout;

/// The outer part of the page's height where headers and footers stand.
const BAND: f32 = 0.09;
/// Least distance, in font sizes, between an edge line and the page's body.
const GAP: f32 = 2.5;
/// Most lines taken as a header (or a footer).
const MAX_LINES: usize = 2;
/// Same height on two pages: baselines within this many points.
const SAME_Y: f32 = 3.0;

/// A line standing alone at the top or bottom of a page, split off before layout.
#[derive(Debug, Clone)]
pub(crate) struct EdgeLine {
    /// Its text, laid out on its own.
    pub(crate) text: String,
    /// At the top (as opposed to the bottom) of the page.
    pub(crate) top: bool,
    /// Baseline (device space, y up).
    y: f32,
    /// Its glyphs' boxes.
    pub(crate) boxes: crate::geometry::LineBoxes,
}

/// A Thai mark (drawn above or below its base, sometimes at another baseline).
fn is_mark(c: char) -> bool {
    crate::thai::is_combining(c)
        || (('\u{F700}'..='\u{F8FF}').contains(&c) && crate::thai::pua_to_standard(c).is_some())
}

/// Splits the edge lines off a page's glyphs (they no longer take part in its layout).
pub(crate) fn split_edges(content: &mut PageContent, use_invisible: bool) -> Vec<EdgeLine> {
    let Some([_, y0, _, y1]) = content.media else {
        return Vec::new();
    };
    let band = BAND * (y1 - y0);
    let text_of = |i: usize| {
        let g = &content.glyphs[i];
        content
            .text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    };
    // One pass: the glyphs in the top and bottom bands, and how far the body's letters reach.
    let (mut top_band, mut bottom_band) = (Vec::new(), Vec::new());
    let (mut body_hi, mut body_lo) = (f32::MIN, f32::MAX);
    for (i, g) in content.glyphs.iter().enumerate() {
        // Text placed off the page is not shown (layout drops it too).
        if g.rotated || g.invisible != use_invisible || g.y < y0 - 2.0 || g.y > y1 {
            continue;
        }
        // Whether it carries letters is looked at only when it would move a body limit.
        let letters = || {
            let t = text_of(i);
            !t.trim().is_empty() && !t.chars().all(is_mark)
        };
        if g.y >= y1 - band {
            top_band.push(i);
        } else if g.y > body_hi && letters() {
            body_hi = g.y;
        }
        if g.y <= y0 + band {
            bottom_band.push(i);
        } else if g.y < body_lo && letters() {
            body_lo = g.y;
        }
    }
    if top_band.is_empty() && bottom_band.is_empty() {
        return Vec::new();
    }
    // A band's lines, outermost first: (baseline, size, glyphs); marks and spaces join the
    // line whose baseline is nearest (within a font size).
    let band_lines = |mut idx: Vec<usize>, top: bool| -> Vec<(f32, f32, Vec<usize>)> {
        idx.sort_by(|&a, &b| {
            let (ya, yb) = (content.glyphs[a].y, content.glyphs[b].y);
            if top {
                yb.total_cmp(&ya)
            } else {
                ya.total_cmp(&yb)
            }
        });
        let mut lines: Vec<(f32, f32, Vec<usize>)> = Vec::new();
        let mut marks = Vec::new();
        for i in idx {
            let t = text_of(i);
            if t.trim().is_empty() || t.chars().all(is_mark) {
                marks.push(i);
                continue;
            }
            let g = &content.glyphs[i];
            let size = g.size.max(1.0);
            match lines.last_mut() {
                Some((y, s, v)) if (*y - g.y).abs() <= 0.35 * s.min(size).max(1.0) => {
                    *s = s.max(size);
                    v.push(i);
                }
                _ => lines.push((g.y, size, vec![i])),
            }
        }
        for i in marks {
            let y = content.glyphs[i].y;
            if let Some(l) = lines
                .iter_mut()
                .min_by(|a, b| (a.0 - y).abs().total_cmp(&(b.0 - y).abs()))
                .filter(|l| (l.0 - y).abs() <= l.1)
            {
                l.2.push(i);
            }
        }
        lines
    };
    let ruled = |y: f32, size: f32| {
        content
            .rules
            .iter()
            .any(|r| r.y0 <= y + size && r.y1 >= y - 0.3 * size && r.y1 - r.y0 > 2.0)
    };
    // How many of a band's lines stand apart from the body (`body`: the nearest body baseline).
    let edge = |lines: &[(f32, f32, Vec<usize>)], body: f32| -> usize {
        let mut best = 0;
        let mut tallest = 0.0f32;
        for k in 0..MAX_LINES.min(lines.len()) {
            let (y, size, _) = &lines[k];
            if ruled(*y, *size) {
                break;
            }
            tallest = tallest.max(*size);
            let next = lines.get(k + 1).map_or(body, |l| l.0);
            if next.abs() < f32::MAX && (y - next).abs() >= GAP * tallest {
                best = k + 1;
            }
        }
        best
    };
    let top_lines = band_lines(top_band, true);
    let bottom_lines = band_lines(bottom_band, false);
    let top = edge(&top_lines, body_hi);
    let bottom = edge(&bottom_lines, body_lo);
    if top == 0 && bottom == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut taken = vec![false; content.glyphs.len()];
    let chosen = top_lines[..top]
        .iter()
        .map(|l| (l, true))
        .chain(bottom_lines[..bottom].iter().rev().map(|l| (l, false)));
    for ((y, _, glyphs), is_top) in chosen {
        // In content order, as layout attaches marks to the glyph drawn before them.
        let mut glyphs = glyphs.clone();
        glyphs.sort_unstable();
        let mut one = PageContent {
            media: content.media,
            ..PageContent::default()
        };
        for i in glyphs {
            taken[i] = true;
            let mut g = content.glyphs[i];
            let start = one.text.len();
            one.text.push_str(text_of(i));
            g.start = start as u32;
            g.end = one.text.len() as u32;
            one.glyphs.push(g);
        }
        let laid = layout::page_lines_with(&one, use_invisible, &mut layout::Carry::default());
        let text = laid.lines.join(" ");
        if text.trim().is_empty() {
            continue;
        }
        let mut boxes = crate::geometry::LineBoxes::default();
        for b in &laid.boxes {
            boxes.append(b);
        }
        out.push(EdgeLine {
            text,
            top: is_top,
            y: *y,
            boxes,
        });
    }
    let mut i = 0;
    content.glyphs.retain(|_| {
        i += 1;
        !taken[i - 1]
    });
    out
}

/// A page number standing alone: `3`, `- ๓ -`, `(3)`, `2 / 28`, `หน้า 3`, `หน้า ๓ จาก ๒๘`,
/// `Page 3 of 28`.
pub(crate) fn is_page_number(line: &str) -> bool {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^[\s\-–—(\[]*(?:(?:หน้า(?:ที่)?|[Pp]age)\s*)?[0-9๐-๙]{1,3}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,3})?[\s\-–—)\]]*$",
        )
        .expect("valid regex")
    });
    RE.is_match(line.trim())
}

/// A line that holds a score (a number with decimals) or a question id (`ข้อ i๑๑`, `o3`): a
/// table row that happens to stand at the edge of several pages, never a running header or
/// footer, however alike the rows are.
fn holds_a_value(text: &str) -> bool {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"[0-9๐-๙]+\.[0-9๐-๙]+|(?:^|[^A-Za-z])[ieoIEO]\s?[0-9๐-๙]{1,2}(?:[^0-9๐-๙.]|$)",
        )
        .expect("valid regex")
    });
    RE.is_match(text)
}

/// The text of a line with its digits and spaces left out (a running header's page number
/// changes from page to page).
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && !('๐'..='๙').contains(c))
        .collect()
}

/// Which edge lines are furniture: page numbers, and lines that repeat at the same edge and
/// height on another page and on a quarter of the pages at least. `edges[page]` → one flag
/// per edge line.
pub(crate) fn furniture(edges: &[Vec<EdgeLine>]) -> Vec<Vec<bool>> {
    let pages = edges.len();
    let keys: Vec<Vec<String>> = edges
        .iter()
        .map(|p| p.iter().map(|e| key(&e.text)).collect())
        .collect();
    edges
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.iter()
                .enumerate()
                .map(|(k, e)| {
                    if is_page_number(&e.text) {
                        return true;
                    }
                    if keys[i][k].is_empty() || holds_a_value(&e.text) {
                        return false;
                    }
                    let seen = edges
                        .iter()
                        .enumerate()
                        .filter(|&(j, q)| {
                            j == i
                                || q.iter().enumerate().any(|(m, f)| {
                                    f.top == e.top
                                        && (f.y - e.y).abs() <= SAME_Y
                                        && keys[j][m] == keys[i][k]
                                })
                        })
                        .count();
                    seen >= 2 && seen * 4 >= pages
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_values_are_never_running_lines() {
        for row in [
            "ข้อ i๑๑ ข้อความของข้อ i๑๑ เรื่องการใช้งบประมาณ ๘๒.๒๙",
            "o3 โครงสร้าง 100",
            "IIT 97.26",
        ] {
            assert!(holds_a_value(row), "{row}");
        }
        for furniture in [
            "รายงานการวิเคราะห์ผลการประเมิน ITA ปี 2566",
            "เทศบาลนครเชียงใหม่ หน้า 3",
        ] {
            assert!(!holds_a_value(furniture), "{furniture}");
        }
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "- ๓ -",
            "(12)",
            "2 / 28",
            "2/28",
            "หน้า 3",
            "หน้า ๓ จาก ๒๘",
            "Page 3 of 28",
            "– 14 –",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["100.00", "ข้อ 3", "1 การปฏิรูปดิจิทัล", "2566", "12345", "3 4"]
        {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn repeated_headers_modulo_digits() {
        let e = |text: &str, top: bool, y: f32| EdgeLine {
            text: text.into(),
            top,
            y,
            boxes: crate::geometry::LineBoxes::default(),
        };
        let edges = vec![
            vec![e("รายงาน ITA 2566 หน้า 1", true, 800.0)],
            vec![
                e("รายงาน ITA 2566 หน้า 2", true, 800.5),
                e("ลงชื่อ", false, 40.0),
            ],
            vec![e("รายงาน ITA 2566 หน้า 3", true, 800.0)],
            vec![e("รายงาน ITA 2566 หน้า 4", true, 760.0)],
        ];
        assert_eq!(
            furniture(&edges),
            [vec![true], vec![true, false], vec![true], vec![false]]
        );
    }
}
