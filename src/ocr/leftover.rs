//! Ink that Tesseract's page segmentation left out, read again on its own.
//!
//! Tesseract (`--psm 4`) drops some table cells altogether: in a report set in a larger font
//! (Kinnari) the id cell wraps (`ข้อ` over `e ๔`) beside a score centred between its two
//! lines, and neither line of the id is in its output, so the row has a score and no id.
//! Here every word Tesseract read (and every number the digit reader read) is whitened out of
//! the prepared page; when glyph-sized ink is left, that image is read again in sparse-text
//! mode (`--psm 11`, text in no particular order), and the digit reader reads its numbers.
//! Only what the digit reader read surely is kept, and only ids and scores (what a question
//! row needs; not page numbers, years or dates) — never Tesseract's own words from this pass — and none that overlaps or touches a word of the first pass, whose
//! whitened box may have taken part of the number.

use super::raster::Gray;
use super::{OcrLine, Prepared, Word};

/// Glyph-sized pieces of ink left that make a second pass worth its time.
const MIN_GLYPHS: usize = 4;

/// The page with the boxes of `lines`' words whitened (a margin of 1/75 inch around each),
/// when glyph-sized ink is left on it; `None` otherwise. (Pieces of Thai letters between
/// Tesseract's pieces of a word are left too, so most pages get the second pass: whitening
/// the narrow gaps between a line's words spared a third of the pages but also whitened ids
/// between `ข้อ` and the score, measured on the Chromium scan.)
#[must_use]
pub fn image(page: &Prepared, lines: &[OcrLine]) -> Option<Prepared> {
    let mut img = page.image.clone();
    let pad = (page.dpi / 75).max(1) as usize;
    let mut whiten = |left: u32, top: u32, right: u32, bottom: u32| {
        let (x0, y0) = (
            (left as usize).saturating_sub(pad),
            (top as usize).saturating_sub(pad),
        );
        let x1 = (right as usize + pad).min(img.width);
        let y1 = (bottom as usize + pad).min(img.height);
        for y in y0..y1 {
            img.px[y * img.width + x0..y * img.width + x1].fill(255);
        }
    };
    for w in lines.iter().flat_map(|l| &l.words) {
        whiten(w.left, w.top, w.left + w.width, w.top + w.height);
    }
    (glyphs(&img, page.threshold, page.dpi as usize) >= MIN_GLYPHS).then(|| Prepared {
        image: img,
        threshold: page.threshold,
        skew: page.skew,
        rules: Vec::new(),
        dpi: page.dpi,
    })
}

/// How many pieces of ink (8-connected) are glyph-sized: 1/16 to 1/2 inch tall (a tone mark
/// left above a word's box is less), at most 1/2
/// inch wide (specks and what is left of rules are not). Stops counting at [`MIN_GLYPHS`].
fn glyphs(img: &Gray, threshold: u8, dpi: usize) -> usize {
    let (w, h) = (img.width, img.height);
    let mut seen = vec![false; w * h];
    let mut count = 0;
    let mut stack = Vec::new();
    for start in 0..w * h {
        if seen[start] || img.px[start] > threshold {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(p) = stack.pop() {
            let (x, y) = (p % w, p / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let q = ny * w + nx;
                    if !seen[q] && img.px[q] <= threshold {
                        seen[q] = true;
                        stack.push(q);
                    }
                }
            }
        }
        let (gw, gh) = (x1 + 1 - x0, y1 + 1 - y0);
        if gh * 16 >= dpi && gh * 2 <= dpi && gw * 2 <= dpi {
            count += 1;
            if count >= MIN_GLYPHS {
                break;
            }
        }
    }
    count
}

/// Reads the numbers of `more` (Tesseract's lines of the [`image`] pass) with the digit
/// reader and keeps in them only its sure readings that overlap no word of `first` (the
/// first pass, as [`super::reread_numbers`] left it) nor stand beside one (within the
/// reading's height or 1/8 inch, on its band), and that have no ink right beside them;
/// returns those readings (their boxes in pixels).
pub fn keep_sure(rest: &Prepared, more: &mut Vec<OcrLine>, first: &[OcrLine]) -> Vec<Word> {
    let before = more.clone();
    let sure = super::reread_numbers(rest, more);
    // A first-pass word beside a reading may hold the rest of its number (`i๑` whose `๔` a
    // word's box whitened): a reading that near one is no reading.
    let margin = (rest.dpi / 8).max(1);
    let near = |f: &Word| {
        let m = margin.max(f.height);
        first.iter().flat_map(|l| &l.words).any(|w| {
            w.left < f.left + f.width + m
                && f.left < w.left + w.width + m
                && w.top < f.top + f.height
                && f.top < w.top + w.height
        })
    };
    let img = &rest.image;
    // A reading must stand apart: ink right beside it (within half its height) is more of
    // the same number that the reader did not read (`i๑` of an `i๑๔` whose `๔` it could not
    // place), so the reading is only part of one.
    let apart = |f: &Word| {
        let g = (f.height / 2).max(rest.dpi / 50).max(1) as isize;
        let (x0, x1) = (f.left as isize, (f.left + f.width) as isize);
        (f.top as isize..(f.top + f.height) as isize).all(|y| {
            (x0 - g..x0)
                .chain(x1 + 1..=x1 + g)
                .all(|x| img.at(x, y) > rest.threshold)
        })
    };
    let mut kept = Vec::new();
    for (line, was) in more.iter_mut().zip(&before) {
        line.words.retain(|w| {
            // An id or a score (what a question row needs): not a page number or a year.
            let shape = w.text.starts_with(['i', 'e', 'o']) || w.text.contains('.');
            shape
                && sure.iter().any(|s| s.text == w.text)
                && !was.words.contains(w)
                && !near(w)
                && apart(w)
        });
        kept.extend(line.words.iter().cloned());
    }
    more.retain(|l| !l.words.is_empty());
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(left: u32, top: u32, width: u32, height: u32, text: &str) -> Word {
        Word {
            left,
            top,
            width,
            height,
            conf: 90.0,
            text: text.into(),
            line: (1, 1, 1),
        }
    }

    /// A white page with black boxes (glyph stand-ins) at `boxes` (x, y, w, h).
    fn page(boxes: &[(usize, usize, usize, usize)]) -> Prepared {
        let mut image = Gray::white(600, 300);
        for &(x, y, w, h) in boxes {
            for yy in y..y + h {
                image.px[yy * 600 + x..yy * 600 + x + w].fill(0);
            }
        }
        Prepared {
            image,
            threshold: 128,
            skew: 0.0,
            rules: Vec::new(),
            dpi: 150,
        }
    }

    #[test]
    fn only_ink_no_word_covers_is_read_again() {
        // Five glyph-sized pieces in a row, Tesseract's word over all of them: nothing left.
        let glyphs: Vec<_> = (0..5).map(|k| (100 + k * 20, 100, 12, 20)).collect();
        let p = page(&glyphs);
        let line = OcrLine {
            left: 100,
            top: 100,
            width: 92,
            height: 20,
            words: vec![word(100, 100, 92, 20, "ข้อมูล")],
        };
        assert!(image(&p, std::slice::from_ref(&line)).is_none());
        // Its word covers only the first two: three are left, too few to read again.
        let mut short = line.clone();
        short.words[0].width = 32;
        assert!(image(&p, std::slice::from_ref(&short)).is_none());
        // No word at all: five glyphs left, and the pass is worth it; the page is unchanged.
        let rest = image(&p, &[]).expect("ink left");
        assert_eq!(rest.image, p.image);
        // Specks (1/75 inch at most) and a rule's remnant are no glyphs.
        let specks: Vec<_> = (0..6).map(|k| (100 + k * 20, 200, 2, 2)).collect();
        let mut with_rule = specks.clone();
        with_rule.push((0, 10, 500, 3));
        assert!(image(&page(&with_rule), &[]).is_none());
    }

    /// Sets `text` in Laksaman from `x` on the baseline at y = 60 (a point: a small square);
    /// returns where it ends.
    fn set(img: &mut Gray, text: &str, mut x: usize) -> usize {
        let width = img.width;
        for ch in text.chars() {
            if ch == '.' {
                for y in 56..60 {
                    img.px[y * width + x..y * width + x + 4].fill(0);
                }
                x += 10;
                continue;
            }
            let (w, h, ink) = crate::ocr::digits::tests::bitmap("Laksaman", ch);
            for y in 0..h {
                for dx in 0..w {
                    if ink[y * w + dx] {
                        img.px[(60 - h + y) * width + x + dx] = 0;
                    }
                }
            }
            x += w + 5;
        }
        x
    }

    #[test]
    fn a_score_read_surely_stands_alone_or_is_not_kept() {
        let tess = |x1: u32| OcrLine {
            left: 200,
            top: 10,
            width: x1 - 200,
            height: 60,
            words: vec![word(200, 10, x1 - 200, 60, "98.12")],
        };
        let mut p = page(&[]);
        let end = set(&mut p.image, "๙๘.๑๒", 200) as u32;
        let mut more = vec![tess(end)];
        let kept: Vec<String> = keep_sure(&p, &mut more, &[])
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(kept, ["๙๘.๑๒"]);
        assert_eq!(more[0].words.len(), 1);
        // A word of the first pass just right of it may have held more of the number.
        let first = vec![OcrLine {
            words: vec![word(end + 10, 10, 40, 60, "ก")],
            ..tess(end)
        }];
        let mut more = vec![tess(end)];
        assert!(keep_sure(&p, &mut more, &first).is_empty());
        // Ink right beside it that the reader did not read: part of a longer number.
        let mut q = page(&[]);
        let end = set(&mut q.image, "๙๘.๑๒", 200);
        for y in 30..60 {
            q.image.px[y * 600 + end + 2..y * 600 + end + 8].fill(0);
        }
        let mut more = vec![tess(end as u32)];
        assert!(keep_sure(&q, &mut more, &[]).is_empty());
    }

    #[test]
    fn only_the_readers_sure_readings_are_kept() {
        let p = page(&[]);
        // Tesseract's words of the second pass with nothing the digit reader reads surely (a
        // white page): nothing kept, and the line goes.
        let mut more = vec![OcrLine {
            left: 100,
            top: 100,
            width: 60,
            height: 20,
            words: vec![word(100, 100, 60, 20, "100.00")],
        }];
        assert!(keep_sure(&p, &mut more, &[]).is_empty());
        assert!(more.is_empty());
    }
}
