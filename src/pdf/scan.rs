//! Scanned pages: the page's one full-page image, as stored, → OCR → glyphs in PDF points that
//! go through the same [`layout`](super::layout) as a text layer.
//!
//! Image encodings read without re-rendering: DCT (the JPEG data is the file), Flate / LZW /
//! uncompressed gray or RGB with 8 bits, or gray with 1 bit (written as PNM), and CCITT fax
//! Group 4 / Group 3 1-D (wrapped in a TIFF). Other pages with images (several images, an image
//! that does not cover the page, JPX, JBIG2, indexed colours) are not OCR'd yet: a note says so.

use lopdf::{Dictionary, Document, Object};

use super::interp::{apply, Glyph, Matrix, PageContent, Placed};
use super::obj::{self, Budget};
use crate::ocr::image::{self, ImageFile};
use crate::ocr::{Engine, OcrLine};

/// The font id given to OCR'd words.
const OCR_FONT: u32 = u32::MAX - 1;
/// Least share of the page's box an image must cover to be the page.
const FULL_PAGE: f64 = 0.85;

/// The page's one image when it covers the page (at least 85% of its box), else `None`.
pub(crate) fn full_page_image(content: &PageContent) -> Option<Placed> {
    let [bx0, by0, bx1, by1] = content.media?;
    let page_area = f64::from(bx1 - bx0) * f64::from(by1 - by0);
    let covering: Vec<&Placed> = content
        .placed
        .iter()
        .filter(|p| {
            let (x0, y0, x1, y1) = bounds(&p.ctm);
            let w = (x1.min(f64::from(bx1)) - x0.max(f64::from(bx0))).max(0.0);
            let h = (y1.min(f64::from(by1)) - y0.max(f64::from(by0))).max(0.0);
            page_area > 0.0 && w * h >= FULL_PAGE * page_area
        })
        .collect();
    match covering.as_slice() {
        [one] => Some(**one),
        _ => None,
    }
}

/// The device-space box of the unit square under `m`.
fn bounds(m: &Matrix) -> (f64, f64, f64, f64) {
    let pts = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| apply(m, x, y));
    let lo = |f: fn(&(f64, f64)) -> f64| pts.iter().map(f).fold(f64::MAX, f64::min);
    let hi = |f: fn(&(f64, f64)) -> f64| pts.iter().map(f).fold(f64::MIN, f64::max);
    (lo(|p| p.0), lo(|p| p.1), hi(|p| p.0), hi(|p| p.1))
}

/// An integer entry of a dictionary.
fn int(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<i64> {
    d.get(key)
        .ok()
        .and_then(|o| obj::num(doc, o))
        .map(|v| v as i64)
}

/// The image's filters, outermost first.
fn filters(doc: &Document, d: &Dictionary) -> Vec<Vec<u8>> {
    match d.get(b"Filter").ok().map(|o| obj::deref(doc, o)) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| match obj::deref(doc, o) {
                Object::Name(n) => Some(n.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The decode parameters of the last filter.
fn last_parms<'d>(doc: &'d Document, d: &'d Dictionary) -> Option<&'d Dictionary> {
    match d.get(b"DecodeParms").ok().map(|o| obj::deref(doc, o))? {
        Object::Dictionary(p) => Some(p),
        Object::Array(a) => match a.last().map(|o| obj::deref(doc, o)) {
            Some(Object::Dictionary(p)) => Some(p),
            _ => None,
        },
        _ => None,
    }
}

/// Colour components: 1 (gray), 3 (RGB), 4 (CMYK), or 0 when unknown or indexed.
fn components(doc: &Document, d: &Dictionary) -> u8 {
    if d.get(b"ImageMask")
        .ok()
        .is_some_and(|o| matches!(obj::deref(doc, o), Object::Boolean(true)))
    {
        return 1;
    }
    let name = |n: &[u8]| match n {
        b"DeviceGray" | b"CalGray" | b"G" => 1,
        b"DeviceRGB" | b"CalRGB" | b"RGB" => 3,
        b"DeviceCMYK" | b"CMYK" => 4,
        _ => 0,
    };
    match d.get(b"ColorSpace").ok().map(|o| obj::deref(doc, o)) {
        Some(Object::Name(n)) => name(n),
        Some(Object::Array(a)) => match a.first().map(|o| obj::deref(doc, o)) {
            Some(Object::Name(n)) if n == b"ICCBased" => a
                .get(1)
                .map(|o| obj::deref(doc, o))
                .and_then(|o| match o {
                    Object::Stream(s) => int(doc, &s.dict, b"N"),
                    _ => None,
                })
                .and_then(|n| u8::try_from(n).ok())
                .unwrap_or(0),
            Some(Object::Name(n)) => name(n),
            _ => 0,
        },
        _ => 0,
    }
}

/// `/Decode [1 0]`: the samples' meaning reversed.
fn inverted(doc: &Document, d: &Dictionary) -> bool {
    match d.get(b"Decode").ok().map(|o| obj::deref(doc, o)) {
        Some(Object::Array(a)) => {
            a.len() >= 2
                && obj::num(doc, &a[0]).unwrap_or(0.0) > obj::num(doc, &a[1]).unwrap_or(1.0)
        }
        _ => false,
    }
}

/// The image as a file Tesseract reads, as stored (no re-rendering), and its size in pixels.
///
/// # Errors
/// Why the image cannot be given to OCR as it is (its encoding, a broken stream).
pub(crate) fn image_file(
    doc: &Document,
    placed: &Placed,
    budget: &mut Budget,
) -> Result<(ImageFile, u32, u32), String> {
    let Ok(Object::Stream(s)) = doc.get_object(placed.id) else {
        return Err("the image object is missing".into());
    };
    let d = &s.dict;
    let width = int(doc, d, b"Width").and_then(|v| u32::try_from(v).ok());
    let height = int(doc, d, b"Height").and_then(|v| u32::try_from(v).ok());
    let (Some(width), Some(height)) = (width, height) else {
        return Err("the image has no size".into());
    };
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > 200_000_000 {
        return Err(format!(
            "the image's size ({width}×{height}) is out of range"
        ));
    }
    let fs = filters(doc, d);
    let fs: Vec<&[u8]> = fs.iter().map(Vec::as_slice).collect();
    let invert = inverted(doc, d);
    let file = match fs.as_slice() {
        [b"DCTDecode" | b"DCT"] => ImageFile {
            bytes: s.content.clone(),
            ext: "jpg",
        },
        [b"CCITTFaxDecode" | b"CCF"] => {
            let p = last_parms(doc, d);
            let k = p.and_then(|p| int(doc, p, b"K")).unwrap_or(0);
            let cols = p.and_then(|p| int(doc, p, b"Columns")).unwrap_or(1728);
            if cols != i64::from(width) {
                return Err(format!(
                    "CCITT data {cols} columns wide in an image {width} pixels wide"
                ));
            }
            if invert {
                return Err("inverted CCITT data (/Decode [1 0])".into());
            }
            let dpi = dpi(width, &placed.ctm);
            image::tiff_ccitt(width, height, k, dpi, &s.content)
                .ok_or_else(|| format!("CCITT Group 3 two-dimensional data (K = {k})"))?
        }
        [] | [b"FlateDecode" | b"Fl" | b"LZWDecode" | b"LZW"] => {
            let bits = int(doc, d, b"BitsPerComponent").unwrap_or(1);
            let comps = components(doc, d);
            let samples = obj::stream_data(doc, &Object::Stream(s.clone()), budget)
                .ok_or_else(|| "the image data cannot be decoded".to_string())?;
            image::pnm(
                width,
                height,
                u8::try_from(bits).unwrap_or(0),
                comps,
                &samples,
                invert,
            )
            .ok_or_else(|| {
                format!("{bits}-bit images with {comps} colour component(s) are not read yet")
            })?
        }
        other => {
            let names: Vec<String> = other
                .iter()
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .collect();
            return Err(format!(
                "images encoded with {} are not read yet",
                names.join(" + ")
            ));
        }
    };
    Ok((file, width, height))
}

/// Pixels per inch of an image `width` pixels wide placed by `ctm`.
fn dpi(width: u32, ctm: &Matrix) -> u32 {
    let points = (ctm[0] * ctm[0] + ctm[1] * ctm[1]).sqrt();
    if points < 1.0 {
        return 300;
    }
    (f64::from(width) * 72.0 / points)
        .round()
        .clamp(1.0, 10_000.0) as u32
}

/// What OCR read on one page: glyphs for the layout and the words' mean confidence.
pub(crate) struct Scanned {
    /// The words as glyphs in device space (one glyph per word).
    pub(crate) content: PageContent,
    /// Mean confidence of the words (0–100).
    pub(crate) confidence: f32,
    /// Number of words.
    pub(crate) words: usize,
    /// The numbers our digit reader read surely (as written in the lines), and where.
    pub(crate) sure: Vec<crate::ocr::Sure>,
    /// The page's skew that was corrected, in degrees.
    pub(crate) skew: f64,
    /// What is kept for reading the page's numbers again with the document's own glyphs.
    pub(crate) pending: Option<Box<Pending>>,
}

/// OCRs the page's image with `engine`.
///
/// # Errors
/// Why it could not: the image's encoding, or Tesseract's failure.
pub(crate) fn ocr(
    doc: &Document,
    placed: &Placed,
    media: Option<[f32; 4]>,
    budget: &mut Budget,
    engine: &Engine,
) -> Result<Scanned, String> {
    let (file, width, height) = image_file(doc, placed, budget)?;
    let dpi = dpi(width, &placed.ctm);
    let Some(page) = crate::ocr::raster::decode(&file)
        .filter(|g| g.width == width as usize && g.height == height as usize)
    else {
        // Pixels we cannot decode: Tesseract alone, no number confirmed.
        let lines = engine.recognize(&file.bytes, file.ext, dpi)?;
        return Ok(glyphs(&lines, width, height, &placed.ctm, media));
    };
    let clean = crate::ocr::prepare(page, dpi);
    let pgm = clean.image.to_pgm();
    let mut lines = engine.recognize(&pgm.bytes, pgm.ext, clean.dpi)?;
    let (sure, kept) = crate::ocr::reread_numbers_kept(&clean, &mut lines);
    // Cells Tesseract's segmentation left out: read again on their own, sure readings only.
    let (mut more_lines, mut more_sure) = (Vec::new(), Vec::new());
    if let Some(rest) = crate::ocr::leftover::image(&clean, &lines) {
        let pgm = rest.image.to_pgm();
        if let Ok(mut more) = engine.recognize_psm(&pgm.bytes, pgm.ext, rest.dpi, 11) {
            more_sure = crate::ocr::leftover::keep_sure(&rest, &mut more, &lines);
            more_lines = more;
        }
    }
    let pending = Pending {
        kept,
        more_lines,
        more_sure,
        // Pixels of the prepared image (which may be smaller than the stored one).
        width: u32::try_from(clean.image.width).unwrap_or(width),
        height: u32::try_from(clean.image.height).unwrap_or(height),
        ctm: placed.ctm,
        media,
        rules: clean.rules,
        skew: clean.skew,
    };
    let mut read = pending.finish(lines, sure);
    read.pending = Some(Box::new(pending));
    Ok(read)
}

/// What a page's OCR keeps for reading its numbers again with the document's own glyphs
/// ([`Scanned::with_model`]) once every page is read.
pub(crate) struct Pending {
    /// What the digit reader read on the page.
    kept: crate::ocr::model::Kept,
    /// The lines of the second pass over the cells Tesseract left out, and their sure readings.
    more_lines: Vec<OcrLine>,
    more_sure: Vec<crate::ocr::Word>,
    /// The prepared image's size (pixels).
    width: u32,
    height: u32,
    /// The image's placement.
    ctm: Matrix,
    media: Option<[f32; 4]>,
    /// The table rules found in the image (pixels).
    rules: Vec<crate::ocr::raster::Segment>,
    skew: f64,
}

impl Pending {
    /// The page from its first pass's `lines` (numbers replaced) and `sure` readings, with the
    /// second pass's: glyphs in device space, the image's rules as drawn rules.
    fn finish(&self, mut lines: Vec<OcrLine>, mut sure: Vec<crate::ocr::Word>) -> Scanned {
        lines.extend(self.more_lines.iter().cloned());
        sure.extend(self.more_sure.iter().cloned());
        crate::ocr::join_thai_pieces(&mut lines);
        let (width, height, ctm) = (self.width, self.height, &self.ctm);
        let mut read = glyphs(&lines, width, height, ctm, self.media);
        // The rules found in the image are the page's drawn rules: the layout's table cells.
        let (w, h) = (f64::from(width), f64::from(height));
        let to_device = |px: usize, py: usize| apply(ctm, px as f64 / w, 1.0 - py as f64 / h);
        for &(x0, y0, x1, y1) in &self.rules {
            let (ax, ay) = to_device(x0, y0);
            let (bx, by) = to_device(x1, y1);
            read.content.rules.push(super::interp::Rule {
                x0: ax.min(bx) as f32,
                y0: ay.min(by) as f32,
                x1: ax.max(bx) as f32,
                y1: ay.max(by) as f32,
            });
        }
        read.sure = sure
            .into_iter()
            .map(|s| {
                let cx = f64::from(s.left) + f64::from(s.width) / 2.0;
                let cy = f64::from(s.top) + f64::from(s.height) / 2.0;
                let (x, y) = apply(ctm, cx / w, 1.0 - cy / h);
                crate::ocr::Sure {
                    text: s.text,
                    x: x as f32,
                    y: y as f32,
                }
            })
            .collect();
        read.skew = self.skew;
        read
    }
}

impl Scanned {
    /// The glyphs this page proves (see [`crate::ocr::model`]), in reading order.
    pub(crate) fn samples(&self) -> Vec<(char, crate::ocr::digits::Features)> {
        self.pending
            .as_ref()
            .map(|p| p.kept.samples())
            .unwrap_or_default()
    }

    /// The page with its numbers read again with the document's own glyphs `learned`
    /// beside the fixed templates (unchanged when nothing was learned).
    pub(crate) fn with_model(self, learned: &crate::ocr::model::Model) -> Scanned {
        match &self.pending {
            Some(p) if !learned.is_empty() => {
                let (lines, sure) = crate::ocr::reread_with_model(&p.kept, learned);
                p.finish(lines, sure)
            }
            _ => self,
        }
    }
}

/// Words in pixels → glyphs in device space. All words of one Tesseract line share the line's
/// baseline (the bottom of its box) and a size from its height, so the layout keeps them on
/// one line; Thai marks that Tesseract gives as words of their own attach to their letter.
fn glyphs(
    lines: &[OcrLine],
    width: u32,
    height: u32,
    ctm: &Matrix,
    media: Option<[f32; 4]>,
) -> Scanned {
    let (w, h) = (f64::from(width), f64::from(height));
    let to_device = |px: f64, py: f64| apply(ctm, px / w, 1.0 - py / h);
    let mut content = PageContent {
        media,
        ..PageContent::default()
    };
    let (mut sum, mut n) = (0.0f64, 0usize);
    for line in lines {
        let (_, base) = to_device(f64::from(line.left), f64::from(line.top + line.height));
        let (_, top) = to_device(f64::from(line.left), f64::from(line.top));
        // A Thai line's box runs from the tone marks to the descenders: about 1.4 em.
        let size = ((top - base).abs() / 1.4).max(1.0);
        for word in &line.words {
            let (xa, _) = to_device(f64::from(word.left), 0.0);
            let (xb, _) = to_device(f64::from(word.left + word.width), 0.0);
            let start = content.text.len();
            content.text.push_str(&word.text);
            content.glyphs.push(Glyph {
                x0: xa.min(xb) as f32,
                x1: xa.max(xb) as f32,
                y: base as f32,
                size: size as f32,
                start: u32::try_from(start).unwrap_or(u32::MAX),
                end: u32::try_from(content.text.len()).unwrap_or(u32::MAX),
                invisible: false,
                rotated: false,
                mapping: super::font::Mapping::ToUnicode,
                font: OCR_FONT,
            });
            if word.conf >= 0.0 {
                sum += f64::from(word.conf);
                n += 1;
            }
        }
    }
    Scanned {
        sure: Vec::new(),
        skew: 0.0,
        pending: None,
        words: content.glyphs.len(),
        confidence: if n == 0 { 0.0 } else { (sum / n as f64) as f32 },
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_page, walk, FontCache};
    use super::*;

    /// Each scan fixture's pages are one full-page image, given to OCR in its own encoding.
    #[test]
    fn page_images_are_taken_as_stored() {
        for (rel, ext, dpi_want) in [
            ("jpeg-gray-150.pdf", "jpg", 150),
            ("flate-gray-150.pdf", "pgm", 150),
            ("flate-mono-200.pdf", "pbm", 200),
            ("g4-mono-200.pdf", "tif", 200),
        ] {
            let path = format!("{}/fixtures/scans/{rel}", env!("CARGO_MANIFEST_DIR"));
            let doc = Document::load_mem(&std::fs::read(path).unwrap()).unwrap();
            let pages = walk(&doc).unwrap();
            let (mut fonts, mut budget, mut grid) =
                (FontCache::default(), Budget::default(), Default::default());
            for p in &pages {
                let (page, _, _, _, scan) = read_page(&doc, p, &mut fonts, &mut budget, &mut grid);
                assert_eq!(page.quality, crate::model::PageQuality::NoText);
                let scan = scan.unwrap_or_else(|| panic!("{rel}: no full-page image"));
                let (file, w, h) = image_file(&doc, &scan.placed, &mut budget).unwrap();
                assert_eq!(file.ext, ext, "{rel}");
                assert!(w > 1000 && h > 1000, "{rel}: {w}×{h}");
                let d = dpi(w, &scan.placed.ctm);
                assert!(d.abs_diff(dpi_want) <= 2, "{rel}: {d} dpi");
                match ext {
                    "jpg" => assert!(file.bytes.starts_with(b"\xFF\xD8")),
                    "tif" => assert!(file.bytes.starts_with(b"II*\0")),
                    _ => assert!(file.bytes.starts_with(b"P")),
                }
            }
        }
    }
}
