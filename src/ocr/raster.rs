//! The page image's pixels: decoded from the file given to OCR (JPEG, PNM, our CCITT TIFF),
//! straightened (skew), table rules taken out, and written back as a PGM for Tesseract. The
//! same pixels are what [`super::digits`] reads numbers from.

use super::image::ImageFile;

/// An 8-bit gray image, row by row, 0 black … 255 white.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Samples, `width × height`.
    pub px: Vec<u8>,
}

impl Gray {
    /// The image resampled to `factor` (< 1) of its size, each new pixel the mean of the
    /// area of old pixels it covers (fractional at its edges), so that thin strokes grey
    /// rather than vanish.
    #[must_use]
    pub fn downscale(&self, factor: f64) -> Gray {
        let w = ((self.width as f64 * factor).round() as usize).max(1);
        let h = ((self.height as f64 * factor).round() as usize).max(1);
        // For each new column (row): the old ones it covers, with their weights.
        let spans = |old: usize, new: usize| -> Vec<Vec<(usize, f64)>> {
            let step = old as f64 / new as f64;
            (0..new)
                .map(|k| {
                    let (a, b) = (k as f64 * step, ((k + 1) as f64 * step).min(old as f64));
                    let mut out = Vec::new();
                    let mut x = a.floor() as usize;
                    while (x as f64) < b && x < old {
                        let cover = (b.min(x as f64 + 1.0) - a.max(x as f64)).max(0.0);
                        if cover > 0.0 {
                            out.push((x, cover / step));
                        }
                        x += 1;
                    }
                    out
                })
                .collect()
        };
        let (cols, rows) = (spans(self.width, w), spans(self.height, h));
        // Columns first (every old row), then rows.
        let mut mid = vec![0f64; w * self.height];
        for y in 0..self.height {
            let row = &self.px[y * self.width..(y + 1) * self.width];
            for (x, span) in cols.iter().enumerate() {
                mid[y * w + x] = span.iter().map(|&(k, c)| f64::from(row[k]) * c).sum();
            }
        }
        let mut px = vec![255u8; w * h];
        for (y, span) in rows.iter().enumerate() {
            for x in 0..w {
                let v: f64 = span.iter().map(|&(k, c)| mid[k * w + x] * c).sum();
                px[y * w + x] = v.round().clamp(0.0, 255.0) as u8;
            }
        }
        Gray {
            width: w,
            height: h,
            px,
        }
    }

    /// A white image.
    #[must_use]
    pub fn white(width: usize, height: usize) -> Self {
        Gray {
            width,
            height,
            px: vec![255; width * height],
        }
    }

    /// The sample at (x, y); white outside the image.
    #[must_use]
    pub fn at(&self, x: isize, y: isize) -> u8 {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            255
        } else {
            self.px[y as usize * self.width + x as usize]
        }
    }

    /// The image as a binary PGM file.
    #[must_use]
    pub fn to_pgm(&self) -> ImageFile {
        let mut bytes = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        bytes.extend_from_slice(&self.px);
        ImageFile { bytes, ext: "pgm" }
    }

    /// Otsu's threshold: samples at or below it are ink.
    #[must_use]
    pub fn threshold(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.px {
            hist[p as usize] += 1;
        }
        let total = self.px.len() as f64;
        let sum: f64 = hist
            .iter()
            .enumerate()
            .map(|(i, &n)| i as f64 * n as f64)
            .sum();
        let (mut w0, mut sum0, mut best, mut best_t) = (0.0f64, 0.0f64, -1.0f64, 127u8);
        for (t, &n) in hist.iter().enumerate() {
            w0 += n as f64;
            sum0 += t as f64 * n as f64;
            let w1 = total - w0;
            if w0 == 0.0 || w1 == 0.0 {
                continue;
            }
            let (m0, m1) = (sum0 / w0, (sum - sum0) / w1);
            let between = w0 * w1 * (m0 - m1) * (m0 - m1);
            if between > best {
                best = between;
                best_t = t as u8;
            }
        }
        best_t
    }

    /// The negative: black for white.
    pub fn invert(&mut self) {
        for p in &mut self.px {
            *p = 255 - *p;
        }
    }

    /// Ink mask (true = ink) at `threshold`.
    #[must_use]
    pub fn ink(&self, threshold: u8) -> Vec<bool> {
        self.px.iter().map(|&p| p <= threshold).collect()
    }
}

/// Decodes an image file made by [`super::image`] (or a JPEG as stored).
#[must_use]
pub fn decode(file: &ImageFile) -> Option<Gray> {
    match file.ext {
        "jpg" => jpeg(&file.bytes),
        "pgm" | "ppm" | "pbm" => pnm(&file.bytes),
        "tif" => tiff_ccitt(&file.bytes),
        _ => None,
    }
}

fn jpeg(bytes: &[u8]) -> Option<Gray> {
    let mut d = jpeg_decoder::Decoder::new(bytes);
    let data = d.decode().ok()?;
    let info = d.info()?;
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    let px: Vec<u8> = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => data,
        jpeg_decoder::PixelFormat::L16 => data.chunks_exact(2).map(|c| c[0]).collect(),
        jpeg_decoder::PixelFormat::RGB24 => data.chunks_exact(3).map(luma).collect(),
        jpeg_decoder::PixelFormat::CMYK32 => data
            .chunks_exact(4)
            .map(|c| {
                // Adobe CMYK JPEGs are stored inverted: 255 is no ink.
                let k = u16::from(c[3]);
                let rgb = [c[0], c[1], c[2]].map(|v| (u16::from(v) * k / 255) as u8);
                luma(&rgb)
            })
            .collect(),
    };
    (px.len() == w * h).then_some(Gray {
        width: w,
        height: h,
        px,
    })
}

fn luma(c: &[u8]) -> u8 {
    ((299 * u32::from(c[0]) + 587 * u32::from(c[1]) + 114 * u32::from(c[2])) / 1000) as u8
}

fn pnm(bytes: &[u8]) -> Option<Gray> {
    let magic = bytes.get(..2)?;
    let n_fields = if magic == b"P4" { 2 } else { 3 };
    let mut fields = Vec::new();
    let mut pos = 2;
    while fields.len() < n_fields {
        while bytes.get(pos)?.is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while bytes.get(pos)?.is_ascii_digit() {
            pos += 1;
        }
        fields.push(
            std::str::from_utf8(&bytes[start..pos])
                .ok()?
                .parse::<usize>()
                .ok()?,
        );
    }
    let data = bytes.get(pos + 1..)?;
    let (w, h) = (fields[0], fields[1]);
    let px: Vec<u8> = match magic {
        b"P5" => data.get(..w * h)?.to_vec(),
        b"P6" => data.get(..w * h * 3)?.chunks_exact(3).map(luma).collect(),
        b"P4" => {
            let row = w.div_ceil(8);
            let data = data.get(..row * h)?;
            let mut px = Vec::with_capacity(w * h);
            for r in data.chunks_exact(row) {
                px.extend((0..w).map(|x| {
                    if r[x / 8] & (0x80 >> (x % 8)) != 0 {
                        0
                    } else {
                        255
                    }
                }));
            }
            px
        }
        _ => return None,
    };
    Some(Gray {
        width: w,
        height: h,
        px,
    })
}

/// The one-strip CCITT TIFF that [`super::image::tiff_ccitt`] writes.
fn tiff_ccitt(bytes: &[u8]) -> Option<Gray> {
    let u16_at = |o: usize| Some(u16::from_le_bytes(bytes.get(o..o + 2)?.try_into().ok()?));
    let u32_at = |o: usize| Some(u32::from_le_bytes(bytes.get(o..o + 4)?.try_into().ok()?));
    let ifd = u32_at(4)? as usize;
    let n = usize::from(u16_at(ifd)?);
    let (mut w, mut h, mut comp, mut off, mut len) = (0u32, 0u32, 0u32, 0u32, 0u32);
    for i in 0..n {
        let e = ifd + 2 + 12 * i;
        let ty = u16_at(e + 2)?;
        let v = if ty == 3 {
            u32::from(u16_at(e + 8)?)
        } else {
            u32_at(e + 8)?
        };
        match u16_at(e)? {
            256 => w = v,
            257 => h = v,
            259 => comp = v,
            273 => off = v,
            279 => len = v,
            _ => {}
        }
    }
    let data = bytes.get(off as usize..(off as usize).checked_add(len as usize)?)?;
    let (wu, hu) = (u16::try_from(w).ok()?, u16::try_from(h).ok()?);
    let (w, h) = (w as usize, h as usize);
    let mut px = Vec::with_capacity(w * h);
    let mut push = |line: &[u16]| {
        px.extend(fax::decoder::pels(line, wu).map(|c| match c {
            fax::Color::Black => 0u8,
            fax::Color::White => 255,
        }));
    };
    match comp {
        4 => fax::decoder::decode_g4(data.iter().copied(), wu, Some(hu), &mut push)?,
        3 => fax::decoder::decode_g3(data.iter().copied(), &mut push)?,
        _ => return None,
    }
    px.resize(w * h, 255);
    Some(Gray {
        width: w,
        height: h,
        px,
    })
}

/// The page's skew in degrees (positive: text lines rise to the right, in image coordinates
/// y down), from the horizontal projection profile of the ink: the angle within ±`max` whose
/// row sums vary most. Measured on every other pixel for speed.
#[must_use]
pub fn skew(ink: &[bool], width: usize, height: usize, max: f64) -> f64 {
    let step = 2usize;
    let points: Vec<(f64, f64)> = (0..height)
        .step_by(step)
        .flat_map(|y| {
            (0..width)
                .step_by(step)
                .filter(move |&x| ink[y * width + x])
                .map(move |x| (x as f64, y as f64))
        })
        .collect();
    if points.len() < 100 {
        return 0.0;
    }
    let score = |deg: f64| -> f64 {
        let t = deg.to_radians().tan();
        let mut rows = vec![0u32; height + width + 2];
        let shift = (width as f64 * t.abs()) as usize + 1;
        for &(x, y) in &points {
            let r = (y - x * t) as isize + shift as isize;
            if let Some(c) = rows.get_mut(r.max(0) as usize / step) {
                *c += 1;
            }
        }
        rows.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
    };
    let mut best = (score(0.0), 0.0);
    let coarse = 0.25;
    let mut a = -max;
    while a <= max + 1e-9 {
        let s = score(a);
        if s > best.0 * (1.0 + 1e-9) {
            best = (s, a);
        }
        a += coarse;
    }
    let centre = best.1;
    let mut a = centre - coarse;
    while a <= centre + coarse + 1e-9 {
        let s = score(a);
        if s > best.0 * (1.0 + 1e-9) {
            best = (s, a);
        }
        a += 0.05;
    }
    best.1
}

/// The image turned by `-deg` degrees about its centre (bilinear, white outside), which
/// straightens a page whose [`skew`] is `deg`.
#[must_use]
pub fn rotate(img: &Gray, deg: f64) -> Gray {
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (img.width as f64 / 2.0, img.height as f64 / 2.0);
    let mut out = Gray::white(img.width, img.height);
    for y in 0..img.height {
        for x in 0..img.width {
            // Source of output (x, y): rotate back by +deg.
            let (dx, dy) = (x as f64 - cx, y as f64 - cy);
            let sx = cx + dx * c - dy * s;
            let sy = cy + dx * s + dy * c;
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as isize, y0 as isize);
            let p = |dx: isize, dy: isize| f64::from(img.at(x0 + dx, y0 + dy));
            let v = p(0, 0) * (1.0 - fx) * (1.0 - fy)
                + p(1, 0) * fx * (1.0 - fy)
                + p(0, 1) * (1.0 - fx) * fy
                + p(1, 1) * fx * fy;
            out.px[y * img.width + x] = v.round() as u8;
        }
    }
    out
}

/// A table rule found in the image: pixels `(x0, y0)`–`(x1, y1)`, inclusive.
pub type Segment = (usize, usize, usize, usize);

/// Whitens table rules: runs of ink at least `min_run` pixels long, horizontal or vertical
/// (gaps of one pixel closed: a dithered rule is dotted), at most `max_thick` thick, with their grey edge: the run across them in `light` (lighter
/// ink, a superset of `ink`) where that is at most `max_thick + 2` thick and two more light
/// pixels on each side. Text strokes are shorter; what the rules cross stays. Returns
/// the rules (one segment per rule: the first row or column of a thick one), which the
/// layout uses as a text layer's drawn rules.
pub fn remove_rules(
    img: &mut Gray,
    ink: &[bool],
    light: &[bool],
    min_run: usize,
    max_thick: usize,
) -> Vec<Segment> {
    let (w, h) = (img.width, img.height);
    let mut segments: Vec<Segment> = Vec::new();
    let mut rule = vec![false; w * h];
    let rows = Runs {
        ink,
        w,
        h,
        vertical: false,
        min_run,
        ends: None,
    };
    rows.find(ink, false, &mut rule, &mut segments);
    rows.find(&bridged(ink, w, h, false), true, &mut rule, &mut segments);
    let mut vrule = vec![false; w * h];
    let columns = Runs {
        vertical: true,
        ends: Some((&rule, max_thick)),
        ..rows
    };
    columns.find(ink, false, &mut vrule, &mut segments);
    columns.find(&bridged(ink, w, h, true), true, &mut vrule, &mut segments);
    // Only thin ones: ink thicker than `max_thick` across the run is a filled area (a chart
    // bar), kept.
    // The ink (in `mask`) across the run through (x, y): its first pixel (along the cross
    // direction) and its length.
    let across = |mask: &[bool], x: usize, y: usize, vertical_run: bool| -> (usize, usize) {
        if vertical_run {
            let a = (0..=x).rev().take_while(|&xx| mask[y * w + xx]).count();
            let b = (x..w).take_while(|&xx| mask[y * w + xx]).count();
            (x + 1 - a, (a + b).saturating_sub(1))
        } else {
            let a = (0..=y).rev().take_while(|&yy| mask[yy * w + x]).count();
            let b = (y..h).take_while(|&yy| mask[yy * w + x]).count();
            (y + 1 - a, (a + b).saturating_sub(1))
        }
    };
    segments.retain(|s| {
        let vertical = s.0 == s.2 && s.1 != s.3;
        across(ink, (s.0 + s.2) / 2, (s.1 + s.3) / 2, vertical).1 <= max_thick
    });
    // The whole thickness goes, not only the rows (columns) of the long run, and its grey
    // edge: a rule turned a little and straightened again is blurred over three or four rows,
    // lighter than the threshold on the outer ones, which stayed as grey dashes beside the
    // removed run (Tesseract read `-`, `—`, `=`, and the digit reader took them for glyphs).
    // Where the light run is thick (a rule beside a grey fill), the ink's run only.
    const HALO: usize = 2;
    let span = |x: usize, y: usize, vertical: bool| -> Option<(usize, usize)> {
        let (from, n) = across(light, x, y, vertical);
        if n > 0 && n <= max_thick + 2 {
            let len = if vertical { w } else { h };
            let at = |k: usize| if vertical { y * w + k } else { k * w + x };
            let lo = (1..=HALO.min(from))
                .take_while(|&d| !ink[at(from - d)])
                .count();
            let hi = (0..HALO)
                .take_while(|&d| from + n + d < len && !ink[at(from + n + d)])
                .count();
            return Some((from - lo, n + lo + hi));
        }
        let (from, n) = across(ink, x, y, vertical);
        (n <= max_thick).then_some((from, n))
    };
    for y in 0..h {
        for x in 0..w {
            if rule[y * w + x] {
                if let Some((from, n)) = span(x, y, false) {
                    (from..from + n).for_each(|yy| img.px[yy * w + x] = 255);
                }
            }
            if vrule[y * w + x] {
                if let Some((from, n)) = span(x, y, true) {
                    img.px[y * w + from..y * w + from + n].fill(255);
                }
            }
        }
    }
    segments
}

/// The index in a `w`-pixel-wide image of position `pos` along line `line`: a row (`vertical`
/// false) or a column. The rule finders walk rows and columns with the same code.
pub(super) fn line_index(w: usize, vertical: bool, line: usize, pos: usize) -> usize {
    if vertical {
        pos * w + line
    } else {
        line * w + pos
    }
}

/// Where [`remove_rules`] looks for rules: along rows (`vertical` false) or columns.
struct Runs<'a> {
    ink: &'a [bool],
    w: usize,
    h: usize,
    vertical: bool,
    min_run: usize,
    /// For columns: the rows' rules and how far (pixels) from one a column may end and
    /// still be a cell's border.
    ends: Option<(&'a [bool], usize)>,
}

impl Runs<'_> {
    /// Marks the runs of `mask` at least `min_run` long, or a quarter of that from a rule of
    /// `ends` to another (a cell's border: the part of a table row a page break left on the
    /// next page is a row shorter than `min_run`, and its borders stayed as `|`), with
    /// `dotted` only those a third of whose pixels are no ink, not marked already (a dithered
    /// rule, while a solid one and text keep the first pass's rule), and adds a segment for
    /// each that does not continue one on the line before (a thick rule is one).
    fn find(&self, mask: &[bool], dotted: bool, marked: &mut [bool], segments: &mut Vec<Segment>) {
        let (w, vertical) = (self.w, self.vertical);
        let (lines, len) = if vertical { (w, self.h) } else { (self.h, w) };
        let at = |line: usize, pos: usize| line_index(w, vertical, line, pos);
        for line in 0..lines {
            let mut pos = 0;
            while pos < len {
                if !mask[at(line, pos)] {
                    pos += 1;
                    continue;
                }
                let start = pos;
                while pos < len && mask[at(line, pos)] {
                    pos += 1;
                }
                let mid = (start + pos) / 2;
                if !(pos - start >= self.min_run
                    || (pos - start >= self.min_run / 4
                        && self.at_end(line, start)
                        && self.at_end(line, pos - 1)))
                    || (dotted
                        && (marked[at(line, mid)]
                            || (start..pos).filter(|&p| !self.ink[at(line, p)]).count() * 3
                                < pos - start))
                {
                    continue;
                }
                let before = line > 0 && marked[at(line - 1, mid)];
                (start..pos).for_each(|p| marked[at(line, p)] = true);
                if !before {
                    segments.push(if vertical {
                        (line, start, line, pos - 1)
                    } else {
                        (start, line, pos - 1, line)
                    });
                }
            }
        }
    }
}

impl Runs<'_> {
    /// Does a rule of `ends` pass near `pos` of column `line`?
    fn at_end(&self, line: usize, pos: usize) -> bool {
        let Some((rules, tol)) = self.ends else {
            return false;
        };
        let ys = pos.saturating_sub(tol)..=(pos + tol).min(self.h - 1);
        let xs = line.saturating_sub(2)..=(line + 2).min(self.w - 1);
        ys.into_iter()
            .any(|y| xs.clone().any(|x| rules[y * self.w + x]))
    }
}

/// `ink` with gaps of one pixel along rows (`vertical` false) or columns closed: a thin grey
/// rule made 1-bit by dithering (`pdftoppm -mono` of a LibreOffice table's 0.5-pt grey
/// border) is every other pixel of a row, or a two-pixel zigzag down a column, and no run of
/// ink is longer than a pixel; closed, it is a rule's run. Letters stand further apart.
fn bridged(ink: &[bool], w: usize, h: usize, vertical: bool) -> Vec<bool> {
    let mut out = ink.to_vec();
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            if ink[i] {
                continue;
            }
            out[i] = if vertical {
                y > 0 && y + 1 < h && ink[i - w] && ink[i + w]
            } else {
                x > 0 && x + 1 < w && ink[i - 1] && ink[i + 1]
            };
        }
    }
    out
}

/// The closing rules a table's outer columns lack: where two or more of a table's horizontal
/// rules (each crossed by a vertical one) run on past its outermost vertical rule by at least
/// `min_cell` and end together (within `tol`), a vertical rule is added there, from the
/// highest to the lowest of them and down (or up) as far as the vertical rules they cross run.
/// A scanned table may lack its outer border (drawn too thin for 1-bit pixels, or never
/// drawn: the Chromium seed's indicator and topic tables have none on the right), and the
/// layout would leave the last column's text outside the table, each score a line of its own.
/// Rules crossed by no vertical one (a header's or footer's line) are not tables' and close
/// nothing.
#[must_use]
pub fn closing_rules(rules: &[Segment], min_cell: usize, tol: usize) -> Vec<Segment> {
    let horizontal: Vec<&Segment> = rules.iter().filter(|r| r.1 == r.3).collect();
    let vertical: Vec<&Segment> = rules.iter().filter(|r| r.0 == r.2 && r.1 != r.3).collect();
    let crosses = |h: &Segment, v: &Segment| {
        (h.0.saturating_sub(tol)..=h.2 + tol).contains(&v.0)
            && (v.1.saturating_sub(tol)..=v.3 + tol).contains(&h.1)
    };
    let mut out = Vec::new();
    for right in [true, false] {
        // Each horizontal rule's open end and the vertical rules it crosses.
        let mut open: Vec<(usize, usize, usize, usize)> = Vec::new(); // (end x, y, v lo, v hi)
        for h in &horizontal {
            let crossing: Vec<&&Segment> = vertical.iter().filter(|v| crosses(h, v)).collect();
            let outer = if right {
                crossing.iter().map(|v| v.0).max()
            } else {
                crossing.iter().map(|v| v.0).min()
            };
            let Some(outer) = outer else { continue };
            let (end, reach) = if right {
                (h.2, h.2.saturating_sub(outer))
            } else {
                (h.0, outer.saturating_sub(h.0))
            };
            if reach < min_cell {
                continue;
            }
            let lo = crossing.iter().map(|v| v.1).min().unwrap_or(h.1);
            let hi = crossing.iter().map(|v| v.3).max().unwrap_or(h.1);
            open.push((end, h.1, lo, hi));
        }
        open.sort_unstable();
        let mut k = 0;
        while k < open.len() {
            let mut j = k + 1;
            while j < open.len() && open[j].0 <= open[j - 1].0 + tol {
                j += 1;
            }
            // One table each: rules whose vertical rules overlap (two tables of a page whose
            // rules end at the same margin are closed apart, not joined into one).
            let mut group = open[k..j].to_vec();
            group.sort_unstable_by_key(|g| (g.2, g.3));
            let mut tables: Vec<Vec<(usize, usize, usize, usize)>> = Vec::new();
            for g in group {
                match tables.last_mut() {
                    Some(t) if t.iter().map(|m| m.3).max().unwrap_or(0) + tol >= g.2 => t.push(g),
                    _ => tables.push(vec![g]),
                }
            }
            for t in tables.iter().filter(|t| t.len() >= 2) {
                let x = t[t.len() / 2].0;
                let y0 = t.iter().map(|g| g.1.min(g.2)).min().unwrap_or(0);
                let y1 = t.iter().map(|g| g.1.max(g.3)).max().unwrap_or(0);
                let closed = vertical
                    .iter()
                    .any(|v| v.0.abs_diff(x) <= tol && v.1 <= y0 + tol && v.3 + tol >= y1);
                if !closed {
                    out.push((x, y0, x, y1));
                }
            }
            k = j;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finer_page_is_brought_down_by_area_means() {
        // 300 → 200 dpi: each new pixel covers 1.5 old ones a side.
        let mut img = Gray::white(6, 3);
        // A 1-pixel black column at x = 1: its ink is shared by the new columns over it.
        for y in 0..3 {
            img.px[y * 6 + 1] = 0;
        }
        let d = img.downscale(2.0 / 3.0);
        assert_eq!((d.width, d.height), (4, 2));
        // New column 0 covers old 0 and half of 1: (255 + 0.5·0) / 1.5 = 170.
        assert_eq!(d.px[0], 170);
        // New column 1 covers half of 1 and old 2: 170 too; the rest stays white.
        assert_eq!(d.px[1], 170);
        assert_eq!(&d.px[2..4], &[255, 255]);
        // The mean ink is kept.
        let sum = |g: &Gray| g.px.iter().map(|&v| f64::from(255 - v)).sum::<f64>();
        let ratio = sum(&d) / sum(&img);
        assert!((ratio - 4.0 / 9.0).abs() < 0.01, "{ratio}");
    }

    /// The Chromium seed's indicator table, scanned: rows ruled across, verticals at the
    /// left and between the columns, none at the right; and a page header's rule.
    #[test]
    fn a_table_without_its_right_border_is_closed() {
        let mut rules: Vec<Segment> = (0..12)
            .map(|k| (158, 255 + 92 * k, 1496, 255 + 92 * k))
            .collect();
        rules.extend([
            (158, 255, 158, 1267),
            (440, 255, 440, 1267),
            (1246, 255, 1246, 1267),
        ]);
        rules.push((100, 100, 1496, 100));
        // The topic table below, its rules ending at the same margin: closed on its own.
        rules.extend([(158, 1564, 1496, 1564), (158, 1817, 1496, 1817)]);
        rules.extend([(158, 1564, 158, 2181), (1160, 1564, 1160, 2181)]);
        assert_eq!(
            closing_rules(&rules, 60, 4),
            [(1496, 255, 1496, 1267), (1496, 1564, 1496, 2181)]
        );
        rules.push((1496, 1564, 1496, 2181));
        // Closed already: nothing added; rules crossing no vertical: nothing either.
        rules.push((1496, 255, 1496, 1267));
        assert!(closing_rules(&rules, 60, 4).is_empty());
        let lines: Vec<Segment> = vec![(100, 100, 1496, 100), (100, 2200, 1496, 2200)];
        assert!(closing_rules(&lines, 60, 4).is_empty());
    }

    #[test]
    fn pnm_files_decode_to_gray() {
        let g = decode(&ImageFile {
            bytes: b"P5\n2 1\n255\n\x00\xff".to_vec(),
            ext: "pgm",
        })
        .unwrap();
        assert_eq!(g.px, [0, 255]);
        let b = decode(&ImageFile {
            bytes: b"P4\n3 1\n\xa0".to_vec(),
            ext: "pbm",
        })
        .unwrap();
        assert_eq!(b.px, [0, 255, 0]);
    }

    /// Horizontal bars drawn at a known slope are measured back, and straightened.
    #[test]
    fn skew_is_measured_and_undone() {
        let (w, h) = (400usize, 300usize);
        let mut img = Gray::white(w, h);
        let t = 2.0f64.to_radians().tan();
        for line in 0..8 {
            for x in 20..380 {
                let y = 30.0 + line as f64 * 30.0 + x as f64 * t;
                for dy in 0..4 {
                    let yy = y as usize + dy;
                    if yy < h && (x / 7) % 3 != 0 {
                        img.px[yy * w + x] = 0;
                    }
                }
            }
        }
        let ink = img.ink(img.threshold());
        let a = skew(&ink, w, h, 3.0);
        assert!((a - 2.0).abs() <= 0.1, "{a}");
        let straight = rotate(&img, a);
        let ink2 = straight.ink(straight.threshold());
        assert!(skew(&ink2, w, h, 3.0).abs() <= 0.1);
    }

    #[test]
    fn rules_go_and_text_strokes_stay() {
        let (w, h) = (200usize, 50usize);
        let mut img = Gray::white(w, h);
        for x in 0..w {
            img.px[10 * w + x] = 0; // a rule
        }
        for y in 20..30 {
            for x in 50..56 {
                img.px[y * w + x] = 0; // a glyph's stroke
            }
        }
        let ink = img.ink(128);
        let rules = remove_rules(&mut img, &ink, &ink, 60, 3);
        assert_eq!(rules, [(0, 10, w - 1, 10)]);
        assert!(img.px[10 * w..11 * w].iter().all(|&p| p == 255));
        assert_eq!(img.px[25 * w + 52], 0);
    }

    /// A grey rule made 1-bit by dithering: every other pixel of a row, and down a column a
    /// zigzag over two columns. Both go and are handed on as rules (the zigzag as one); a row
    /// of glyphs two pixels apart, as long as a rule, stays.
    #[test]
    fn a_dotted_rule_goes_letters_apart_stay() {
        let (w, h) = (200usize, 120usize);
        let mut img = Gray::white(w, h);
        for x in (1..w).step_by(2) {
            img.px[10 * w + x] = 0;
        }
        for y in 11..h {
            img.px[y * w + 100 + y % 2] = 0;
        }
        for x in 0..90 {
            if x % 6 < 4 {
                (40..43).for_each(|y| img.px[y * w + x] = 0); // glyphs' bars, 2 px apart
            }
        }
        let ink = img.ink(128);
        let rules = remove_rules(&mut img, &ink, &ink, 80, 4);
        assert_eq!(rules, [(1, 10, w - 1, 10), (100, 12, 100, h - 2)]);
        assert!(img.px[10 * w..11 * w].iter().all(|&p| p == 255));
        assert!((11..h).all(|y| img.px[y * w + 100] == 255 && img.px[y * w + 101] == 255));
        assert_eq!(img.px[41 * w], 0);
    }

    /// The part of a table row a page break left at the top of a page: its borders are
    /// shorter than a rule, but run from the row's top rule to its bottom one, and go; a
    /// stroke as long that touches no rule stays.
    #[test]
    fn a_short_cell_border_between_two_rules_goes() {
        let (w, h) = (200usize, 100usize);
        let mut img = Gray::white(w, h);
        for x in 10..190 {
            img.px[10 * w + x] = 0;
            img.px[40 * w + x] = 0;
        }
        for y in 10..=40 {
            img.px[y * w + 10] = 0;
            img.px[y * w + 120] = 0;
        }
        for y in 55..86 {
            img.px[y * w + 60] = 0; // a stroke as long, below the row
        }
        let ink = img.ink(128);
        let rules = remove_rules(&mut img, &ink, &ink, 80, 3);
        assert_eq!(
            rules,
            [
                (10, 10, 189, 10),
                (10, 40, 189, 40),
                (10, 10, 10, 40),
                (120, 10, 120, 40)
            ]
        );
        assert!((11..40).all(|y| img.px[y * w + 120] == 255));
        assert!((55..86).all(|y| img.px[y * w + 60] == 0));
    }

    /// A rule turned a little and straightened again: it steps from row to row, grey on the
    /// row beside its run and lighter at its edge. All of it goes; a glyph's stem above stays,
    /// and so does a rule beside a grey fill (its light run is the fill's height) but its ink.
    #[test]
    fn a_stepping_grey_rule_goes_whole() {
        let (w, h) = (300usize, 60usize);
        let mut img = Gray::white(w, h);
        for x in 0..w {
            let y = 20 + x / 150; // one step
            img.px[y * w + x] = 30;
            img.px[(y + 1) * w + x] = 150; // the row beside the run
            img.px[(y - 1) * w + x] = 220; // its light edge
            img.px[45 * w + x] = 30; // a rule under a grey fill
            (46..56).for_each(|yy| img.px[yy * w + x] = 180);
        }
        for y in 2..12 {
            img.px[y * w + 100] = 0;
        }
        let (ink, light) = (img.ink(100), img.ink(190));
        let rules = remove_rules(&mut img, &ink, &light, 60, 2);
        assert_eq!(rules.len(), 3);
        assert!(img.px[15 * w..30 * w].iter().all(|&p| p == 255));
        assert!((2..12).all(|y| img.px[y * w + 100] == 0));
        assert!(img.px[45 * w..46 * w].iter().all(|&p| p == 255));
        assert!(img.px[46 * w..56 * w].iter().all(|&p| p == 180));
    }
}
