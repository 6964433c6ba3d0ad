//! Our own reader for numbers on scanned pages: Tesseract's Thai model misreads Thai digits
//! (`๙๒.๑๙` → `๕๒.๑๕`), so the words that hold numbers are read again from the page's pixels.
//!
//! ```text
//! word box ──ink (Otsu)──▶ connected components ──▶ glyphs (a dot over a stem is one glyph)
//!          ──10×10 zones + aspect──▶ nearest template ──▶ `๙๒.๑๙` (or nothing)
//! ```
//!
//! Templates are the glyphs of `data/ocr/glyphs.tsv` (Thai and Arabic digits and the letters
//! of question ids `i e o`, rendered from the Thai fonts by `scripts/make-digit-templates.py`).
//! A reading is *sure* when every glyph's nearest template is near and the next class is
//! clearly farther, and the whole fits one shape: a score (`๑๐๐.๐๐`, `๙๘.๑๒`, `๐`), a
//! question id (`e๑๑`) or a whole number (`๒๕๖๖`), in one script. Only sure readings replace
//! what Tesseract read; [`super::confirm`] keeps a number read on a scan only when it is sure
//! (or the arithmetic confirms it).

use std::sync::OnceLock;

use super::raster::Gray;

/// Zones per side of a glyph's feature grid.
const GRID: usize = 10;
/// Feature length: the zones and the glyph's aspect ratio.
pub(crate) const FEATURES: usize = GRID * GRID + 1;

/// A glyph's features: GRID×GRID blurred ink zones and its aspect ratio.
pub type Features = [f32; FEATURES];

/// A word's glyphs, left to right: features, or `None` for a decimal point.
pub type Shapes = Vec<Option<Features>>;
/// Weight of the aspect ratio against the zones.
const ASPECT_WEIGHT: f32 = 2.0;

/// The characters the reader knows.
const THAI: &str = "๐๑๒๓๔๕๖๗๘๙";
const ARABIC: &str = "0123456789";
const LETTERS: &str = "ieo";

/// One template: its character and features.
#[derive(Debug, Clone)]
struct Template {
    ch: char,
    f: [f32; FEATURES],
}

/// The templates of `data/ocr/glyphs.tsv`, parsed once.
fn templates() -> &'static [Template] {
    static T: OnceLock<Vec<Template>> = OnceLock::new();
    T.get_or_init(|| parse_templates(include_str!("../../data/ocr/glyphs.tsv")))
}

fn parse_templates(tsv: &str) -> Vec<Template> {
    let mut out = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let [_, ch, w, h, rows] = f.as_slice() else {
            continue;
        };
        let (Some(ch), Ok(w), Ok(h)) = (ch.chars().next(), w.parse::<usize>(), h.parse::<usize>())
        else {
            continue;
        };
        let mut ink = vec![false; w * h];
        for (y, row) in rows.split(' ').enumerate().take(h) {
            let bits: Vec<bool> = row
                .chars()
                .filter_map(|c| c.to_digit(16))
                .flat_map(|d| (0..4).rev().map(move |b| d >> b & 1 == 1))
                .collect();
            for x in 0..w.min(bits.len()) {
                ink[y * w + x] = bits[x];
            }
        }
        out.push(Template {
            ch,
            f: features(&ink, w, h),
        });
    }
    out
}

/// A glyph's features: its [`zones`], blurred, and its aspect ratio.
fn features(ink: &[bool], w: usize, h: usize) -> [f32; FEATURES] {
    let raw = zones(ink, w, h);
    // Blurred (3×3, centre weighted): a stroke one zone off still overlaps.
    let mut f = [0.0f32; FEATURES];
    for gy in 0..GRID {
        for gx in 0..GRID {
            let (mut s, mut n) = (0.0f32, 0.0f32);
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (x, y) = (gx as i32 + dx, gy as i32 + dy);
                    if x < 0 || y < 0 || x >= GRID as i32 || y >= GRID as i32 {
                        continue;
                    }
                    let wt = if dx == 0 && dy == 0 {
                        4.0
                    } else if dx == 0 || dy == 0 {
                        2.0
                    } else {
                        1.0
                    };
                    s += wt * raw[y as usize * GRID + x as usize];
                    n += wt;
                }
            }
            f[gy * GRID + gx] = s / n;
        }
    }
    f[GRID * GRID] = raw[GRID * GRID];
    f
}

/// Ink share in each of GRID×GRID zones of the glyph's box (each zone sampled 4×4 times),
/// then its aspect ratio.
fn zones(ink: &[bool], w: usize, h: usize) -> [f32; FEATURES] {
    let mut f = [0.0f32; FEATURES];
    const SUB: usize = 4;
    for gy in 0..GRID {
        for gx in 0..GRID {
            let mut n = 0u32;
            for sy in 0..SUB {
                for sx in 0..SUB {
                    let fx = (gx * SUB + sx) as f32 + 0.5;
                    let fy = (gy * SUB + sy) as f32 + 0.5;
                    let x = ((fx / (GRID * SUB) as f32) * w as f32) as usize;
                    let y = ((fy / (GRID * SUB) as f32) * h as f32) as usize;
                    if ink[y.min(h - 1) * w + x.min(w - 1)] {
                        n += 1;
                    }
                }
            }
            f[gy * GRID + gx] = n as f32 / (SUB * SUB) as f32;
        }
    }
    f[GRID * GRID] = ASPECT_WEIGHT * (w as f32 / h as f32).min(3.0);
    f
}

/// Euclidean distance between two glyphs' features.
#[must_use]
pub fn distance(a: &Features, b: &Features) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f32>()
        .sqrt()
}

/// Nearest distance to each character of `allowed`, best first.
fn rank(f: &[f32; FEATURES], allowed: &str) -> Vec<(char, f32)> {
    rank_with(f, allowed, None)
        .into_iter()
        .map(|c| (c.ch, c.d))
        .collect()
}

/// A class's distances from a glyph.
#[derive(Debug, Clone, Copy)]
struct Near {
    ch: char,
    /// To the nearest fixed template, or learned glyph that vouches for it
    /// ([`super::model::Model::vouches`]): what ranks the classes.
    d: f32,
    /// To the nearest fixed template or learned glyph, vouching or not: what the class is
    /// as a rival of the best.
    rival: f32,
    /// To the nearest fixed template.
    fixed: f32,
}

/// [`rank`] over the fixed templates and the document's own `learned` glyphs, best first. A
/// learned glyph brings its class nearer only when it vouches for the glyph (within the
/// class's reach), but brings any rival class nearer wherever it is.
fn rank_with(f: &Features, allowed: &str, learned: Option<&super::model::Model>) -> Vec<Near> {
    let mut best: Vec<(char, f32, f32)> = Vec::new();
    let mut add = |ch: char, d: f32, own: bool| match best.iter_mut().find(|b| b.0 == ch) {
        Some(b) if own => b.2 = b.2.min(d),
        Some(b) => b.1 = b.1.min(d),
        None if own => best.push((ch, f32::MAX, d)),
        None => best.push((ch, d, f32::MAX)),
    };
    for t in templates().iter().filter(|t| allowed.contains(t.ch)) {
        add(t.ch, distance(f, &t.f), false);
    }
    for (ch, g) in learned.map_or(&[][..], |m| m.glyphs()) {
        if allowed.contains(*ch) {
            add(*ch, distance(f, g), true);
        }
    }
    let mut out: Vec<Near> = best
        .into_iter()
        .map(|(ch, fixed, own)| Near {
            ch,
            d: if learned.is_some_and(|m| m.vouches(ch, own)) {
                fixed.min(own)
            } else {
                fixed
            },
            rival: fixed.min(own),
            fixed,
        })
        .collect();
    out.sort_by(|a, b| a.d.total_cmp(&b.d));
    out
}

/// A connected piece of ink in a word's box (pixels of the page).
#[derive(Debug, Clone)]
struct Blob {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
    /// Its pixels (page coordinates).
    px: Vec<(usize, usize)>,
}

impl Blob {
    fn w(&self) -> usize {
        self.x1 - self.x0 + 1
    }
    fn h(&self) -> usize {
        self.y1 - self.y0 + 1
    }
    fn merge(&mut self, o: Blob) {
        self.x0 = self.x0.min(o.x0);
        self.y0 = self.y0.min(o.y0);
        self.x1 = self.x1.max(o.x1);
        self.y1 = self.y1.max(o.y1);
        self.px.extend(o.px);
    }
    fn features(&self) -> [f32; FEATURES] {
        let (w, h) = (self.w(), self.h());
        let mut ink = vec![false; w * h];
        for &(x, y) in &self.px {
            ink[(y - self.y0) * w + (x - self.x0)] = true;
        }
        features(&ink, w, h)
    }
}

/// The 8-connected pieces of ink inside the box.
fn blobs(img: &Gray, threshold: u8, b: (usize, usize, usize, usize)) -> Vec<Blob> {
    let (x0, y0, x1, y1) = b;
    let (x1, y1) = (x1.min(img.width - 1), y1.min(img.height - 1));
    if x0 > x1 || y0 > y1 {
        return Vec::new();
    }
    let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
    let mut seen = vec![false; w * h];
    let ink = |x: usize, y: usize| img.px[y * img.width + x] <= threshold;
    let mut out = Vec::new();
    for sy in 0..h {
        for sx in 0..w {
            if seen[sy * w + sx] || !ink(x0 + sx, y0 + sy) {
                continue;
            }
            seen[sy * w + sx] = true;
            let mut stack = vec![(sx, sy)];
            let mut blob = Blob {
                x0: usize::MAX,
                y0: usize::MAX,
                x1: 0,
                y1: 0,
                px: Vec::new(),
            };
            while let Some((x, y)) = stack.pop() {
                let (px, py) = (x0 + x, y0 + y);
                blob.x0 = blob.x0.min(px);
                blob.y0 = blob.y0.min(py);
                blob.x1 = blob.x1.max(px);
                blob.y1 = blob.y1.max(py);
                blob.px.push((px, py));
                for dy in -1i32..=1 {
                    for dx in -1i32..=1 {
                        let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                        if nx < 0 || ny < 0 || nx as usize >= w || ny as usize >= h {
                            continue;
                        }
                        let (nx, ny) = (nx as usize, ny as usize);
                        if !seen[ny * w + nx] && ink(x0 + nx, y0 + ny) {
                            seen[ny * w + nx] = true;
                            stack.push((nx, ny));
                        }
                    }
                }
            }
            out.push(blob);
        }
    }
    out
}

/// The ink of a text line (`band`, pixels, inclusive) cut into runs of glyphs: pieces of ink
/// centred in the band, joined when they overlap horizontally, and runs split where the gap
/// between glyphs is wider than `gap`. Each run is its glyphs' column spans, left to right.
#[must_use]
pub fn runs(
    img: &Gray,
    threshold: u8,
    band: (usize, usize, usize, usize),
    gap: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut pieces = blobs(img, threshold, band);
    pieces.retain(|b| {
        let cy = (b.y0 + b.y1) / 2;
        (band.1..=band.3).contains(&cy) && b.px.len() > 2
    });
    let mut spans: Vec<(usize, usize)> = pieces.iter().map(|b| (b.x0, b.x1)).collect();
    spans.sort_unstable();
    let mut glyphs: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match glyphs.last_mut() {
            Some(g) if a <= g.1 => g.1 = g.1.max(b),
            _ => glyphs.push((a, b)),
        }
    }
    let mut out: Vec<Vec<(usize, usize)>> = Vec::new();
    // A narrow glyph (a point, the stem of `i`) has wide side bearings: twice the gap.
    let narrow = |g: (usize, usize)| (g.1 - g.0) * 2 <= gap;
    for g in glyphs {
        match out.last_mut() {
            Some(run)
                if run.last().is_some_and(|&l| {
                    g.0 <= l.1 + if narrow(l) || narrow(g) { 2 * gap } else { gap }
                }) =>
            {
                run.push(g)
            }
            _ => out.push(vec![g]),
        }
    }
    out
}

/// What the reader made of a word.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The characters read (`๙๘.๑๒`, `e๑๑`, `100.00`).
    pub text: String,
    /// The least margin over the glyphs: the next class's distance over the best one's.
    pub margin: f32,
    /// The worst glyph's distance to its nearest template.
    pub distance: f32,
    /// Read with the document's own glyphs ([`super::model`]): every glyph near a fixed
    /// template or near the document's own glyphs of its class.
    pub vouched: bool,
}

impl Reading {
    /// Every glyph near a template (or, read with the document's glyphs, near those of its
    /// class) and clearly nearer to it than to any other class.
    #[must_use]
    pub fn sure(&self) -> bool {
        self.margin >= SURE_MARGIN && (self.distance <= SURE_DISTANCE || self.vouched)
    }
}

/// Least margin (next class / best class distance) for a sure glyph.
const SURE_MARGIN: f32 = 1.3;
/// Largest distance to the nearest template for a sure glyph.
const SURE_DISTANCE: f32 = 2.6;
/// The least distance a margin is measured from when the document's own glyphs are read
/// with ([`super::model`]).
const LEAST_DISTANCE: f32 = 0.25;

/// Reads the number or question id in the box `(x0, y0, x1, y1)` (pixels, inclusive) of the
/// page, whose ink is at or below `threshold`; `None` when its ink is not one number or id.
#[must_use]
pub fn read(
    img: &Gray,
    threshold: u8,
    bx: (usize, usize, usize, usize),
    line_height: usize,
) -> Option<Reading> {
    classify(&shapes(img, threshold, bx, line_height)?, None)
}

/// The glyphs in the box (see [`read`]): each one's features, or `None` for a decimal point;
/// `None` when there is no glyph or more than 8.
#[must_use]
pub fn shapes(
    img: &Gray,
    threshold: u8,
    bx: (usize, usize, usize, usize),
    line_height: usize,
) -> Option<Shapes> {
    // Look a little around the box (Tesseract's boxes can clip a stroke), keep the pieces
    // centred in it.
    let pad = line_height / 4;
    let wide = (
        bx.0.saturating_sub(pad),
        bx.1.saturating_sub(pad),
        bx.2 + pad,
        bx.3 + pad,
    );
    let mut pieces = blobs(img, threshold, wide);
    pieces.retain(|b| {
        let (cx, cy) = ((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
        (bx.0..=bx.2).contains(&cx) && (bx.1..=bx.3).contains(&cy)
    });
    if pieces.is_empty() {
        return None;
    }
    // Specks of noise.
    let speck = (line_height / 20).max(1);
    pieces.retain(|b| b.h() > speck || b.w() > speck);
    drop_rule_pieces(&mut pieces, line_height);
    pieces.sort_by_key(|b| b.x0);
    // A piece over another (the dot of `i`, a broken stroke) is one glyph with it.
    let mut glyphs: Vec<Blob> = Vec::new();
    for b in pieces {
        if let Some(g) = glyphs.iter_mut().rev().find(|g| {
            let overlap = g.x1.min(b.x1) as isize - g.x0.max(b.x0) as isize + 1;
            overlap > 0 && overlap as usize * 2 >= g.w().min(b.w())
        }) {
            g.merge(b);
        } else {
            glyphs.push(b);
        }
    }
    // A digit is about half a Thai line's height (tone marks to descenders); a point is small.
    let height = glyphs.iter().map(Blob::h).max()?.max(line_height * 2 / 5);
    let glyphs = split_touching(glyphs, height);
    let base = glyphs
        .iter()
        .filter(|g| g.h() * 2 > height)
        .map(|g| g.y1)
        .max()?;
    // Each glyph: a decimal point (small, on the baseline) or ranked classes; a small mark
    // off the baseline (a tone mark of the line above) is left out.
    let mut shapes: Vec<Option<[f32; FEATURES]>> = Vec::new();
    for g in &glyphs {
        let small = g.h() * 3 <= height && g.w() * 2 <= height;
        if small && g.y1 + height / 4 >= base {
            shapes.push(None);
        } else if !small {
            shapes.push(Some(g.features()));
        }
    }
    (shapes.len() <= 8).then_some(shapes)
}

/// The reading of a word's glyphs: by the fixed templates, and with `learned` by the
/// document's own glyphs beside them ([`super::model`]).
#[must_use]
pub fn classify(
    shapes: &[Option<Features>],
    learned: Option<&super::model::Model>,
) -> Option<Reading> {
    // Try each shape of reading: digits of one script (a number), or a letter then digits.
    let mut all: Vec<(f32, Reading)> = [
        (THAI, THAI),
        (ARABIC, ARABIC),
        (LETTERS, THAI),
        (LETTERS, ARABIC),
    ]
    .into_iter()
    .filter_map(|(first, rest)| read_as(shapes, first, rest, learned))
    .filter(|(_, r)| fits(&r.text))
    .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut it = all.into_iter();
    let (total, mut best) = it.next()?;
    // Another shape that means something else (`62` against `e๒`; not `92.19` against
    // `๙๒.๑๙`) must be clearly farther too.
    if let Some((other, _)) = it.find(|(_, r)| arabic(&r.text) != arabic(&best.text)) {
        let total = if learned.is_some() {
            total.max(LEAST_DISTANCE)
        } else {
            total
        };
        best.margin = best
            .margin
            .min(if total > 0.0 { other / total } else { f32::MAX });
    }
    Some(best)
}

/// Thin pieces of ink taller than the digits beside them, or reaching above or below them,
/// are what is left of a table's cell rule, not glyphs: on a turned page straightened again,
/// a 1-pixel rule comes out grey and broken into dashes shorter than the rule remover's
/// least length, and one standing in the box (`|๑๐๐.๐๐`) set the glyphs' height, so that the
/// digits were taken for marks. Thin: at most a quarter as wide as tall. The digits: the
/// median height, top and bottom of the other pieces at least a fifth of `line_height` tall;
/// a thin piece over 1.3 × that height, or reaching a third of it beyond their top or bottom,
/// goes (a `1` or the stem of `i` stands on the digits' line, as tall as they are). Likewise
/// flat dashes (a quarter as tall as wide, 4 pixels or more), what is left of a cell's top
/// or bottom rule: a decimal point is about as wide as tall.
fn drop_rule_pieces(pieces: &mut Vec<Blob>, line_height: usize) {
    let thin = |b: &Blob| b.w() * 4 <= b.h();
    let glyphs: Vec<&Blob> = pieces
        .iter()
        .filter(|b| !thin(b) && b.h() * 5 >= line_height)
        .collect();
    let median = |mut v: Vec<usize>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    };
    let digit = median(glyphs.iter().map(|b| b.h()).collect()).unwrap_or(line_height / 2);
    let top = median(glyphs.iter().map(|b| b.y0).collect());
    let bottom = median(glyphs.iter().map(|b| b.y1).collect());
    let beyond = |b: &Blob| {
        top.is_some_and(|t| b.y0 + digit / 3 < t) || bottom.is_some_and(|y| b.y1 > y + digit / 3)
    };
    let rule = |b: &Blob| thin(b) && (b.h() * 10 > digit * 13 || beyond(b));
    let flat = |b: &Blob| b.h() * 4 <= b.w() && b.w() >= 4;
    pieces.retain(|b| !rule(b) && !flat(b));
}

/// Widest glyph of one digit (width over height): the templates' widest, `๘` in a wide font,
/// is 1.48.
const WIDEST_DIGIT: f32 = 1.5;

/// Glyphs of a digit's height (over half of `height`) wider than any one digit cut in two,
/// as often as it takes: two digits whose strokes
/// touch are one piece of ink (the tail of `๕` runs into the `๖` after it in `๒๕๖๖`, in bold
/// cover type and at 200 dpi in body text). The cut is the column, among the middle half's
/// columns of least ink, where the two sides are nearest to digit templates; whether the
/// halves are then read *surely* is decided as for any other glyph.
fn split_touching(glyphs: Vec<Blob>, height: usize) -> Vec<Blob> {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut todo: Vec<Blob> = glyphs.into_iter().rev().collect();
    while let Some(g) = todo.pop() {
        // Only a digit's height (not a mark), and at most three digits wide (not a word).
        let (w, h) = (g.w() as f32, g.h() as f32);
        if w <= WIDEST_DIGIT * h || w > 3.0 * WIDEST_DIGIT * h || g.h() * 2 <= height {
            out.push(g);
            continue;
        }
        match best_cut(&g) {
            Some((left, right)) => {
                todo.push(right);
                todo.push(left);
            }
            None => out.push(g),
        }
    }
    out
}

/// Columns tried for the cut between two touching digits.
const CUTS_TRIED: usize = 6;

/// The two sides of `g` cut at the column where both are nearest to a digit template.
fn best_cut(g: &Blob) -> Option<(Blob, Blob)> {
    let digits = format!("{THAI}{ARABIC}");
    let side = |keep: &dyn Fn(usize) -> bool| -> Option<Blob> {
        let px: Vec<(usize, usize)> = g.px.iter().copied().filter(|p| keep(p.0)).collect();
        let b = Blob {
            x0: px.iter().map(|p| p.0).min()?,
            y0: px.iter().map(|p| p.1).min()?,
            x1: px.iter().map(|p| p.0).max()?,
            y1: px.iter().map(|p| p.1).max()?,
            px,
        };
        // Each side a digit's height, not a sliver of stroke.
        (b.h() * 2 > g.h()).then_some(b)
    };
    // Where digits touch, little ink crosses the column: the few columns of least ink in the
    // middle half are tried.
    let mut columns = vec![0usize; g.w()];
    for p in &g.px {
        columns[p.0 - g.x0] += 1;
    }
    let mut cuts: Vec<usize> = (g.w() / 4..=g.w() * 3 / 4).collect();
    cuts.sort_by_key(|&c| (columns[c], c.abs_diff(g.w() / 2)));
    cuts.truncate(CUTS_TRIED);
    let mut best: Option<(f32, Blob, Blob)> = None;
    for cut in cuts.into_iter().map(|c| g.x0 + c) {
        let (Some(l), Some(r)) = (side(&|x| x < cut), side(&|x| x >= cut)) else {
            continue;
        };
        let d = |b: &Blob| {
            rank(&b.features(), &digits)
                .first()
                .map_or(f32::MAX, |c| c.1)
        };
        let cost = d(&l) + d(&r);
        if best.as_ref().is_none_or(|b| cost < b.0) {
            best = Some((cost, l, r));
        }
    }
    best.map(|(_, l, r)| (l, r))
}

/// Thai digits as Arabic ones.
pub(crate) fn arabic(text: &str) -> String {
    crate::normalize::thai_digits_to_arabic(text).into_owned()
}

fn read_as(
    shapes: &[Option<Features>],
    first: &str,
    rest: &str,
    learned: Option<&super::model::Model>,
) -> Option<(f32, Reading)> {
    let mut text = String::new();
    let (mut total, mut margin, mut worst) = (0.0f32, f32::MAX, 0.0f32);
    // Without learned glyphs no reading is vouched for by them.
    let mut vouched = learned.is_some();
    for (i, s) in shapes.iter().enumerate() {
        let Some(f) = s else {
            text.push('.');
            continue;
        };
        let r = rank_with(f, if i == 0 { first } else { rest }, learned);
        let Near {
            ch: c, d, fixed, ..
        } = *r.first()?;
        let next = r[1..].iter().map(|n| n.rival).fold(f32::MAX, f32::min);
        text.push(c);
        total += d;
        worst = worst.max(d);
        // A glyph the very image of a learned one (a 1-bit scan prints a digit alike every
        // time) is no surer than one a scan's noise moved a little.
        let floor = if learned.is_some() {
            LEAST_DISTANCE
        } else {
            0.0
        };
        margin = margin.min(if d.max(floor) > 0.0 {
            next / d.max(floor)
        } else {
            f32::MAX
        });
        // Near a fixed template, or as near the document's own glyphs of the class as they
        // are to one another.
        vouched &= fixed <= SURE_DISTANCE || d < fixed;
    }
    Some((
        total,
        Reading {
            text,
            margin,
            distance: worst,
            vouched,
        },
    ))
}

/// A score (`100.00`, `98.12`, `0`: with decimals, at most 100), a question id (`e11`) or a
/// whole number (`2566`), in Thai or Arabic digits.
pub(crate) fn fits(text: &str) -> bool {
    let s = arabic(text);
    let b = s.as_bytes();
    if let Some(&l) = b.first().filter(|l| b"ieo".contains(l)) {
        let _ = l;
        let d = &s[1..];
        return !d.is_empty()
            && d.len() <= 2
            && d.bytes().all(|c| c.is_ascii_digit())
            && !d.starts_with('0');
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let int_ok = !int.is_empty()
        && int.len() <= 4
        && int.bytes().all(|c| c.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'));
    // A number with decimals is a score, at most 100: `๕๙๘.๑๒` is a speck or a rule's
    // remnant read before `๙๘.๑๒`, which the window after it reads. Scores are printed with
    // two decimals: one is a word cut short (`๓.๒`, the `ศ.` of `พ.ศ.` read as `๓.` before
    // the `๒` of `๒๕๖๖`).
    int_ok
        && frac.is_none_or(|f| {
            f.len() == 2
                && f.bytes().all(|c| c.is_ascii_digit())
                && int.parse::<u32>().is_ok_and(|v| v <= 100)
        })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn templates_hold_every_digit() {
        let t = templates();
        for c in THAI.chars().chain(ARABIC.chars()).chain(LETTERS.chars()) {
            assert!(t.iter().filter(|t| t.ch == c).count() >= 10, "{c}");
        }
    }

    /// The glyph bitmap of `ch` in `font` from the committed data.
    pub(crate) fn bitmap(font: &str, ch: char) -> (usize, usize, Vec<bool>) {
        let tsv = include_str!("../../data/ocr/glyphs.tsv");
        let line = tsv
            .lines()
            .find(|l| l.starts_with(&format!("{font}\t{ch}\t")))
            .unwrap();
        let f: Vec<&str> = line.split('\t').collect();
        let (w, h): (usize, usize) = (f[2].parse().unwrap(), f[3].parse().unwrap());
        let mut ink = vec![false; w * h];
        for (y, row) in f[4].split(' ').enumerate() {
            let bits: Vec<bool> = row
                .chars()
                .flat_map(|c| {
                    let d = c.to_digit(16).unwrap();
                    (0..4).rev().map(move |b| d >> b & 1 == 1)
                })
                .collect();
            for x in 0..w {
                ink[y * w + x] = bits[x];
            }
        }
        (w, h, ink)
    }

    /// A number set in a font (its glyphs side by side on a baseline, a square point) is read
    /// back surely; a Thai letter is not read as a number.
    #[test]
    fn a_number_set_in_a_font_is_read_back() {
        for (font, text) in [
            ("Laksaman", "๙๘.๑๒"),
            ("Norasi", "๑๐๐.๐๐"),
            ("Garuda-Bold", "๘๐.๑๖"),
            ("Loma", "e๑๑"),
            ("Kinnari", "99.67"),
        ] {
            let mut img = Gray::white(400, 80);
            let (base, mut x) = (60usize, 10usize);
            for ch in text.chars() {
                if ch == '.' {
                    for y in base - 4..base {
                        for dx in 0..4 {
                            img.px[y * 400 + x + dx] = 0;
                        }
                    }
                    x += 10;
                    continue;
                }
                let (w, h, ink) = bitmap(font, ch);
                // Letters and most digits sit on the baseline; a tail may rise above.
                for y in 0..h {
                    for dx in 0..w {
                        if ink[y * w + dx] {
                            img.px[(base - h + y) * 400 + x + dx] = 0;
                        }
                    }
                }
                x += w + 5;
            }
            let r = read(&img, 128, (5, 5, x, 75), 50).unwrap();
            assert_eq!(r.text, text, "{font}: {r:?}");
            assert!(r.sure(), "{font}: {r:?}");
        }
        let mut img = Gray::white(100, 80);
        let (w, h, ink) = {
            // ก from no template: a box with a gap (not a digit of any font).
            let (w, h) = (24usize, 26usize);
            let ink: Vec<bool> = (0..w * h)
                .map(|i| {
                    let (x, y) = (i % w, i / w);
                    (x < 3 || x >= w - 3 || y < 3) && !(y < 3 && (8..14).contains(&x))
                })
                .collect();
            (w, h, ink)
        };
        for y in 0..h {
            for x in 0..w {
                if ink[y * w + x] {
                    img.px[(30 + y) * 100 + 20 + x] = 0;
                }
            }
        }
        assert!(read(&img, 128, (10, 20, 60, 70), 50).is_none_or(|r| !r.sure()));
    }

    /// What a turned page's cell rules leave in a score's box (a thin grey rule beside the
    /// number, taller than it, and dashes of the rules above and below) is no glyph: the
    /// number is read as without them.
    #[test]
    fn a_cell_rules_remnants_are_left_out() {
        let mut img = Gray::white(400, 80);
        let (base, mut x) = (60usize, 20usize);
        for ch in "๑๐๐.๐๐".chars() {
            if ch == '.' {
                for y in base - 4..base {
                    img.px[y * 400 + x..y * 400 + x + 4].fill(0);
                }
                x += 10;
                continue;
            }
            let (w, h, ink) = bitmap("Laksaman", ch);
            for y in 0..h {
                for dx in 0..w {
                    if ink[y * w + dx] {
                        img.px[(base - h + y) * 400 + x + dx] = 0;
                    }
                }
            }
            x += w + 5;
        }
        // The cell's left rule, broken (x = 8), and dashes of its top and bottom rules.
        for y in (6..74).filter(|y| y % 30 != 0) {
            img.px[y * 400 + 8] = 0;
        }
        img.px[7 * 400 + 60..7 * 400 + 75].fill(0);
        img.px[73 * 400 + 30..73 * 400 + 38].fill(0);
        let r = read(&img, 128, (5, 6, x, 74), 50).unwrap();
        assert_eq!(r.text, "๑๐๐.๐๐", "{r:?}");
        assert!(r.sure(), "{r:?}");
        // A digit `1` is thin too, but on the digits' line and as tall: kept; a rule's
        // piece as tall but below them goes.
        let piece = |x0: usize, y0: usize, x1: usize, y1: usize| Blob {
            x0,
            y0,
            x1,
            y1,
            px: Vec::new(),
        };
        let mut pieces = vec![
            piece(0, 10, 3, 30),
            piece(10, 10, 25, 30),
            piece(30, 0, 31, 45),
            piece(40, 25, 41, 45),
        ];
        drop_rule_pieces(&mut pieces, 50);
        assert_eq!(pieces.iter().map(|b| b.x0).collect::<Vec<_>>(), [0, 10]);
    }

    /// Digits whose strokes touch (set closer than their side bearings, as a bold cover's
    /// `๒๕๖๖` is printed) are one piece of ink, cut where both sides read as digits.
    #[test]
    fn touching_digits_are_cut_apart() {
        for (font, text) in [
            ("Laksaman", "๒๕๖๖"),
            ("Garuda-Bold", "๑๐๐"),
            ("Norasi", "๘๘"),
        ] {
            let mut img = Gray::white(400, 80);
            let (base, mut x) = (60usize, 10usize);
            let mut joints = Vec::new();
            for ch in text.chars() {
                let (w, h, ink) = bitmap(font, ch);
                for y in 0..h {
                    for dx in 0..w {
                        if ink[y * w + dx] {
                            img.px[(base - h + y) * 400 + x + dx] = 0;
                        }
                    }
                }
                joints.push(x + w);
                x += w + 2;
            }
            // At each joint, the row where the two digits come nearest is inked across.
            for &j in &joints[..joints.len() - 1] {
                let gap = |y: usize| {
                    let row = &img.px[y * 400..y * 400 + 400];
                    let left = (j - 12..j).rev().find(|&x| row[x] == 0)?;
                    let right = (j..j + 12).find(|&x| row[x] == 0)?;
                    Some((right - left, left, right))
                };
                if let Some((_, l, r)) = (10..base).filter_map(gap).min() {
                    let y = (10..base).find(|&y| gap(y) == Some((r - l, l, r))).unwrap();
                    for x in l..r {
                        img.px[y * 400 + x] = 0;
                    }
                }
            }
            let pieces = blobs(&img, 128, (5, 5, x, 75));
            assert!(
                pieces.len() < text.chars().count(),
                "{font}: {} pieces",
                pieces.len()
            );
            let r = read(&img, 128, (5, 5, x, 75), 50).unwrap();
            assert_eq!(r.text, text, "{font}: {r:?}");
            // Sure or not as the glyphs decide (the scans' Laksaman year is).
            assert!(r.sure() || font != "Laksaman", "{font}: {r:?}");
        }
    }

    /// A glyph of no font the templates know (a box crossed by a diagonal, its stroke `t`
    /// thick and shifted by `dx`), 20 × 30 pixels.
    fn odd_glyph(t: usize, dx: usize, cross: bool) -> Features {
        let (w, h) = (20usize, 30usize);
        let ink: Vec<bool> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let diag = (x * h / w).abs_diff(y) < t;
                let other = cross && (x * h / w).abs_diff(h - 1 - y) < t;
                x < t + dx || x >= w - t || y < t || y >= h - t || diag || other
            })
            .collect();
        features(&ink, w, h)
    }

    /// The document's own glyphs read a glyph the templates do not know surely as its class
    /// once learned from enough of them; a glyph of another shape stays unsure.
    #[test]
    fn a_documents_own_glyphs_read_what_the_templates_do_not() {
        let fixed = classify(&[Some(odd_glyph(3, 1, false))], None).unwrap();
        assert!(!fixed.sure(), "{fixed:?}");
        let learned = super::super::model::Model::learn(&[
            ('๔', odd_glyph(3, 0, false)),
            ('๔', odd_glyph(3, 2, false)),
            ('๔', odd_glyph(4, 0, false)),
            ('๔', odd_glyph(3, 1, false)),
        ]);
        assert_eq!(learned.classes(), "๔");
        let own = classify(&[Some(odd_glyph(4, 1, false))], Some(&learned)).unwrap();
        assert_eq!(own.text, "๔");
        assert!(own.sure(), "{own:?}");
        // A crossed box is near none of the learned `๔`s: no surer with them than without.
        let cross = odd_glyph(3, 1, true);
        let before = classify(&[Some(cross)], None).unwrap();
        let other = classify(&[Some(cross)], Some(&learned)).unwrap();
        assert!(!before.sure(), "{before:?}");
        assert!(!other.sure(), "{other:?}");
        // Without learned glyphs nothing is vouched for.
        assert!(!fixed.vouched);
    }

    #[test]
    fn shapes_that_are_numbers_or_ids() {
        for ok in ["๙๘.๑๒", "๑๐๐.๐๐", "๐", "e๑๑", "2566", "99.90"] {
            assert!(fits(ok), "{ok}");
        }
        for bad in [
            "๐๑๑",
            "e๐",
            "1.234",
            "i",
            "..",
            "12345",
            "๕๙๘.๑๒",
            "198.04",
            "๓.๒",
            "99.9",
        ] {
            assert!(!fits(bad), "{bad}");
        }
    }
}
