//! Table rules printed as a halftone screen: a thin grey border made 1-bit by a printer's or
//! scanner's screen (Ghostscript's `tiffg4` of LibreOffice's 0.5-pt grey borders: two pixels
//! of ink in eight along a row, a diagonal dash pattern four pixels wide down a column). Its
//! dots stand further apart than the one-pixel gaps [`super::raster::remove_rules`] closes,
//! and a 300-dpi page brought down to 200 dpi turns them into grey dots lighter than the ink
//! threshold: no rule was found, the table's cells ran together and Tesseract read the dots as
//! `|`, `:`, `'` (Kinnari at 300 dpi 1-bit: 6 of 200 fields).
//!
//! A screened rule is told from text by its shape, not its pixels: a band at most `max_thick`
//! thick whose light ink, with gaps of up to `gap` pixels closed, runs at least `min_run` long,
//! with no ink in the two rows (columns) past its edge. A text line is taller than a rule; a row
//! through it has ink above and below.

use super::raster::{line_index, Gray, Segment};

/// One band found: across position of its first and last line, and its run along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Band {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
}

/// Whitens the screened rules of `img` (ink at or below `threshold`; their dots may be lighter,
/// down to halfway to white) and returns them as segments (a band's first row or column), as
/// [`super::raster::remove_rules`] does for dark ones, after it. Lines whose light ink is solid
/// over three quarters of their run are not taken.
#[must_use]
pub fn remove_screened(img: &mut Gray, threshold: u8, dpi: usize) -> Vec<Segment> {
    let min_run = dpi * 2 / 5;
    let max_thick = (dpi / 50).max(2);
    let gap = (dpi / 40).max(2);
    let light = img.ink(threshold + (255 - threshold) / 2);
    let ink = img.ink(threshold);
    let (w, h) = (img.width, img.height);
    let mut out = Vec::new();
    for vertical in [false, true] {
        let found = bands(&light, &ink, w, h, vertical, min_run, max_thick, gap);
        for b in found {
            // The band and one line of halo each side, along its run.
            let lo = b.first.saturating_sub(1);
            let hi = (b.last + 1).min(if vertical { w - 1 } else { h - 1 });
            for line in lo..=hi {
                for pos in b.start..=b.end {
                    img.px[line_index(w, vertical, line, pos)] = 255;
                }
            }
            out.push(if vertical {
                (b.first, b.start, b.first, b.end)
            } else {
                (b.start, b.first, b.end, b.first)
            });
        }
    }
    out
}

/// The screened bands along rows (`vertical` false) or columns.
#[allow(clippy::too_many_arguments)]
fn bands(
    light: &[bool],
    ink: &[bool],
    w: usize,
    h: usize,
    vertical: bool,
    min_run: usize,
    max_thick: usize,
    gap: usize,
) -> Vec<Band> {
    let (lines, len) = if vertical { (w, h) } else { (h, w) };
    let at = |line: usize, pos: usize| line_index(w, vertical, line, pos);
    // Each line's runs of light ink with gaps of up to `gap` closed, long and not solid (a
    // light solid line, as a 300-dpi rule of every other pixel brought down to 200 dpi, was
    // measured and is left: taking it cost the tiffscaled Loma scan 12 → 4 fields).
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lines];
    for (line, found) in runs.iter_mut().enumerate() {
        let mut pos = 0;
        while pos < len {
            if !light[at(line, pos)] {
                pos += 1;
                continue;
            }
            let (start, mut last, mut n) = (pos, pos, 0usize);
            while pos < len && pos <= last + gap {
                if light[at(line, pos)] {
                    last = pos;
                    n += 1;
                }
                pos += 1;
            }
            let run = last + 1 - start;
            if run >= min_run && n * 4 <= run * 3 {
                found.push((start, last));
            }
        }
    }
    // A line's run covers most of (a, b)?
    let covers = |line: usize, a: usize, b: usize| {
        runs[line]
            .iter()
            .any(|&(s, e)| (e.min(b) + 1).saturating_sub(s.max(a)) * 2 >= b + 1 - a)
    };
    let mut out: Vec<Band> = Vec::new();
    for (line, found) in runs.iter().enumerate() {
        for &(a, b) in found {
            // Counted once, from the band's first line.
            if line > 0 && covers(line - 1, a, b) {
                continue;
            }
            let last = (line..lines)
                .take_while(|&l| covers(l, a, b))
                .last()
                .unwrap_or(line);
            if last + 1 - line > max_thick {
                continue;
            }
            // Nothing beside it: the two lines past its halo (the screen's lighter edge) on
            // each side hold (almost) no ink.
            let beside = (line.saturating_sub(3)..line.saturating_sub(1))
                .chain((last + 2..lines).take(2))
                .map(|l| (a..=b).filter(|&p| ink[at(l, p)]).count())
                .sum::<usize>();
            if beside * 10 > b + 1 - a {
                continue;
            }
            out.push(Band {
                first: line,
                last,
                start: a,
                end: b,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ghostscript's screen at 300 dpi: two pixels of ink in eight along a row; down a
    /// column, dashes stepping across four columns. Both go and are handed on as rules; a
    /// line of text as long, whose rows have ink above and below, stays.
    #[test]
    fn a_screened_rule_goes_text_stays() {
        let (w, h) = (400usize, 300usize);
        let mut img = Gray::white(w, h);
        for x in 10..390 {
            if x % 8 < 2 {
                img.px[20 * w + x] = 0;
            }
        }
        for y in 30..290 {
            let k = y % 8;
            if k < 7 {
                img.px[y * w + 200 + k / 2] = 0;
            }
        }
        // A "text line": 30 rows of glyph-like bars 4 px wide, 3 apart.
        for y in 100..130 {
            for x in 10..190 {
                if x % 7 < 4 {
                    img.px[y * w + x] = 0;
                }
            }
        }
        let rules = remove_screened(&mut img, 128, 300);
        assert_eq!(rules.len(), 2, "{rules:?}");
        assert_eq!(rules[0], (16, 20, 385, 20));
        assert_eq!((rules[1].0, rules[1].1), (200, 32));
        assert!(img.px[20 * w..21 * w].iter().all(|&p| p == 255));
        assert!((40..280).all(|y| (199..205).all(|x| img.px[y * w + x] == 255)));
        assert_eq!(img.px[110 * w + 10], 0);
    }

    /// Light grey dots (a screened rule brought down from 300 dpi: lighter than the threshold)
    /// are a rule; a solid line is not this pass's, nor is a dotted row with ink right under it
    /// (the top of a text line), nor a filled bar thicker than a rule.
    #[test]
    fn light_dots_are_a_rule_solid_crowded_and_thick_are_not() {
        let (w, h) = (300usize, 80usize);
        let mut img = Gray::white(w, h);
        for x in 0..280 {
            if x % 5 < 2 {
                img.px[10 * w + x] = 170; // lighter than the threshold, darker than halfway
                img.px[45 * w + x] = 0;
            }
            img.px[30 * w + x] = 180;
            if x % 3 == 0 {
                img.px[47 * w + x] = 0; // ink beside the dotted row
            }
            (60..70).for_each(|y| img.px[y * w + x] = 0);
        }
        let rules = remove_screened(&mut img, 128, 200);
        assert_eq!(rules, [(0, 10, 276, 10)]);
        assert_eq!(img.px[30 * w + 5], 180);
        assert_eq!(img.px[45 * w], 0);
        assert_eq!(img.px[65 * w + 5], 0);
    }
}
