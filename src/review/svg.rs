//! A PDF page drawn as inline SVG from its text layer: the page's box, its rulings, each run
//! of glyphs as text stretched to the width the PDF gave it, and the extracted values' boxes
//! outlined, each linking back to its row of the values table.

use std::fmt::Write;

use super::html::esc;
use crate::geometry::{union, LineBoxes, Rect};
use crate::normalize::Text;

/// An outlined value on a page.
pub(super) struct Outline {
    /// The rect's element id.
    pub id: String,
    /// The id of the table row it links back to.
    pub row: String,
    /// The box, in PDF points.
    pub rect: [f64; 4],
    /// `warn` for a value with a warning, else empty.
    pub class: &'static str,
    /// Shown on hover.
    pub title: String,
}

/// A run of glyphs drawn as one `<text>`: same baseline and size, no gap.
struct Run {
    text: String,
    rect: Rect,
}

/// Pieces of a line cut into runs at gaps, baseline and size changes.
fn runs(line: &LineBoxes, out: &mut Vec<Run>) {
    let mut cur: Option<Run> = None;
    for (t, r) in line.iter() {
        let size = (r[3] - r[1]) / 1.25;
        if let Some(run) = &mut cur {
            let rs = (run.rect[3] - run.rect[1]) / 1.25;
            let joins = (r[1] - run.rect[1]).abs() < 0.2 * rs
                && (size - rs).abs() < 0.15 * rs
                && r[0] >= run.rect[2] - 0.5 * rs
                && r[0] - run.rect[2] < 0.3 * rs;
            if joins {
                run.text.push_str(t);
                run.rect = union([run.rect, r]).unwrap_or(run.rect);
                continue;
            }
        }
        if let Some(run) = cur.take() {
            out.push(run);
        }
        cur = Some(Run {
            text: t.to_owned(),
            rect: r,
        });
    }
    out.extend(cur);
}

/// The text of a run as it should show: Thai glyph variants and sara am repaired.
fn shown(s: &str) -> String {
    crate::thai::repair(&s.replace("\u{0E4D}\u{0E32}", "\u{0E33}"))
}

/// Draws page `page` of `text` with `outlines`; `None` when the text has nothing of the page.
pub(super) fn page(text: &Text, page: u32, outlines: &[Outline]) -> Option<String> {
    let geometry = &text.pages.iter().find(|p| p.page == page)?.geometry;
    let lines: Vec<&LineBoxes> = text
        .lines
        .iter()
        .zip(&text.boxes)
        .filter(|(l, b)| l.at.page == Some(page) && !b.is_empty())
        .map(|(_, b)| b)
        .collect();
    let mut all_runs = Vec::new();
    for l in &lines {
        runs(l, &mut all_runs);
    }
    let frame = geometry.media.or_else(|| {
        union(
            all_runs
                .iter()
                .map(|r| r.rect)
                .chain(geometry.rules.iter().copied()),
        )
        .map(|[x0, y0, x1, y1]| [x0 - 20.0, y0 - 20.0, x1 + 20.0, y1 + 20.0])
    })?;
    let [fx0, fy0, fx1, fy1] = frame;
    let (w, h) = (fx1 - fx0, fy1 - fy0);
    if !(w > 0.0 && h > 0.0) {
        return None;
    }
    // SVG's y runs down: y' = top - y.
    let y = |v: f32| fy1 - v;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="page" xmlns="http://www.w3.org/2000/svg" viewBox="{:.1} 0 {w:.1} {h:.1}" width="{w:.0}" height="{h:.0}" role="img" aria-label="page {page}">"#,
        fx0
    );
    let _ = write!(
        s,
        r#"<rect class="sheet" x="{fx0:.1}" y="0" width="{w:.1}" height="{h:.1}"/>"#
    );
    for r in &geometry.rules {
        let (rw, rh) = ((r[2] - r[0]).max(0.5), (r[3] - r[1]).max(0.5));
        let _ = write!(
            s,
            r#"<rect class="rule" x="{:.1}" y="{:.1}" width="{rw:.1}" height="{rh:.1}"/>"#,
            r[0],
            y(r[1]) - rh
        );
    }
    for run in &all_runs {
        let t = shown(&run.text);
        if t.trim().is_empty() {
            continue;
        }
        let size = (run.rect[3] - run.rect[1]) / 1.25;
        let baseline = run.rect[1] + 0.3 * size;
        let width = run.rect[2] - run.rect[0];
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" textLength="{width:.1}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            run.rect[0],
            y(baseline),
            esc(&t)
        );
    }
    let top = f64::from(fy1);
    for o in outlines {
        let [x0, y0, x1, y1] = o.rect;
        let _ = write!(
            s,
            r##"<a href="#{row}"><rect id="{id}" class="box {class}" x="{x0:.2}" y="{:.2}" width="{:.2}" height="{:.2}"><title>{title}</title></rect></a>"##,
            top - y1,
            x1 - x0,
            y1 - y0,
            row = esc(&o.row),
            id = esc(&o.id),
            class = o.class,
            title = esc(&o.title),
        );
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_gaps_and_baselines() {
        let mut l = LineBoxes::default();
        for (t, x, y) in [
            ("ก", 0.0, 0.0),
            ("า", 8.0, 0.0),
            ("9", 40.0, 0.0),
            ("x", 48.0, 20.0),
        ] {
            l.push(t, [x, y, x + 8.0, y + 12.5]);
        }
        let mut out = Vec::new();
        runs(&l, &mut out);
        let texts: Vec<&str> = out.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["กา", "9", "x"]);
        assert_eq!(out[0].rect, [0.0, 0.0, 16.0, 12.5]);
    }

    #[test]
    fn thai_glyph_variants_are_drawn_repaired() {
        // Nikhahit + sara aa as drawn is sara am.
        assert_eq!(shown("ก\u{0E4D}\u{0E32}"), "กำ");
    }
}
