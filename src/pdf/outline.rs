//! Text from glyph outlines: which character an embedded TrueType glyph draws, by a hash of its
//! outline looked up in an index of the fonts producers use (`data/fonts/outlines.tsv`, made
//! by `scripts/make-glyph-index.py`).
//!
//! For fonts whose PDF says nothing usable about their glyphs: a Ghostscript redistill of
//! Chromium's CID fonts (a ToUnicode map that sends Thai glyphs to control characters), and
//! pdftops → ps2pdf (symbolic TrueType fonts with no ToUnicode and arbitrary codes). Subsetting
//! and redistilling renumber glyphs, strip hinting and renumber composites, but keep each
//! glyph's points: the hash is over the outline with composites flattened (transforms applied),
//! as x, y and on-curve per point, contour by contour. A font not in the index stays unreadable.
//!
//! The `glyf` reader is our own (`ttf-parser` gives curves, not the points and their flags),
//! over the table slices `ttf-parser` checks: every read is bounds-checked, a glyph is at most
//! [`MAX_POINTS`] points and [`MAX_DEPTH`] composite levels, a font at most [`MAX_GLYPHS`]
//! glyphs hashed and [`MAX_WORK`] points and glyph visits in all; anything malformed is
//! `None`, never a panic.

use std::sync::OnceLock;

use ttf_parser::{RawFace, Tag};

/// Most points of one glyph once composites are flattened.
const MAX_POINTS: usize = 8_192;
/// Deepest composite nesting followed.
const MAX_DEPTH: u8 = 8;
/// Most components in one composite glyph.
const MAX_COMPONENTS: usize = 64;
/// Most points of one glyph that [`Glyf::hashes_from_units`] tries both ways.
const MAX_IMPLIED: usize = 8;
/// Most glyphs of one font that [`texts_from_units`] tries every choice for.
const MAX_RESCALED: usize = 64;
/// Most glyphs hashed in one font program (a subset draws a few hundred; a whole CJK font
/// embedded is not what this is for).
pub(crate) const MAX_GLYPHS: usize = 4_096;
/// Most points and glyph visits in one font program, all glyphs together (4,096 glyphs of 200
/// points are 820,000): composites that each name the next level many times over cost no
/// more than this.
const MAX_WORK: usize = 2_000_000;

/// A point: x, y, on the curve.
type Point = (i32, i32, bool);

/// The `glyf` and `loca` tables of a font program.
pub(crate) struct Glyf<'a> {
    glyf: &'a [u8],
    loca: &'a [u8],
    /// `loca` holds 32-bit offsets (`head.indexToLocFormat` = 1).
    long: bool,
    /// Glyphs in `loca`.
    count: u32,
    /// `head.unitsPerEm`.
    units: u16,
    /// Points and glyph visits spent so far ([`MAX_WORK`]).
    work: std::cell::Cell<usize>,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn i16_at(d: &[u8], at: usize) -> Option<i16> {
    u16_at(d, at).map(|v| v as i16)
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Glyf<'a> {
    /// The tables of `data` (a TrueType font program); `None` without `glyf`/`loca`/`head`.
    pub(crate) fn parse(data: &'a [u8]) -> Option<Glyf<'a>> {
        let raw = RawFace::parse(data, 0).ok()?;
        let head = raw.table(Tag::from_bytes(b"head"))?;
        let long = match i16_at(head, 50)? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let loca = raw.table(Tag::from_bytes(b"loca"))?;
        let glyf = raw.table(Tag::from_bytes(b"glyf"))?;
        let units = u16_at(head, 18)?;
        let per = if long { 4 } else { 2 };
        let count = u32::try_from((loca.len() / per).saturating_sub(1)).ok()?;
        Some(Glyf {
            glyf,
            loca,
            long,
            count,
            units,
            work: std::cell::Cell::new(0),
        })
    }

    /// Glyphs in the font.
    pub(crate) fn count(&self) -> u32 {
        self.count
    }

    /// Spends `n` of the font's [`MAX_WORK`]; `None` once it is spent.
    fn spend(&self, n: usize) -> Option<()> {
        let w = self.work.get().saturating_add(n);
        self.work.set(w);
        (w <= MAX_WORK).then_some(())
    }

    /// The bytes of glyph `gid` (empty: a glyph with no outline).
    fn data(&self, gid: u16) -> Option<&'a [u8]> {
        if u32::from(gid) >= self.count {
            return None;
        }
        let i = usize::from(gid);
        let (a, b) = if self.long {
            (u32_at(self.loca, 4 * i)?, u32_at(self.loca, 4 * i + 4)?)
        } else {
            (
                u32::from(u16_at(self.loca, 2 * i)?) * 2,
                u32::from(u16_at(self.loca, 2 * i + 2)?) * 2,
            )
        };
        if b <= a {
            return Some(&[]);
        }
        self.glyf.get(a as usize..b as usize)
    }

    /// The outline hash of glyph `gid`: `Some(None)` for a glyph with no outline (a space),
    /// `None` for one that cannot be read.
    pub(crate) fn hash(&self, gid: u16) -> Option<Option<u64>> {
        let mut contours: Vec<Vec<Point>> = Vec::new();
        let mut points = 0usize;
        self.points(gid, 0, &mut contours, &mut points)?;
        if contours.is_empty() {
            return Some(None);
        }
        Some(Some(outline_hash(&contours)))
    }

    /// The outline hashes glyph `gid` may have had before a rewrite that scaled the font to
    /// its em from `units` per em and wrote out the implied on-curve points (the midpoints of
    /// two off-curve points): Qt's subsets (wkhtmltopdf) are at 2,048 units and write them
    /// out. Scaling back recovers each original coordinate exactly (a rounding error of half a
    /// unit shrinks below half a unit). An on-curve point within a unit of its off-curve
    /// neighbours' midpoint may be an implied one or one the font wrote: with `all`, each
    /// choice is hashed (at most [`MAX_IMPLIED`] such points), else all are taken for implied.
    /// `Some(vec![])` for a glyph with no outline, `None` for one that cannot be read.
    pub(crate) fn hashes_from_units(&self, gid: u16, units: u16, all: bool) -> Option<Vec<u64>> {
        let mut contours: Vec<Vec<Point>> = Vec::new();
        let mut points = 0usize;
        self.points(gid, 0, &mut contours, &mut points)?;
        if contours.is_empty() {
            return Some(Vec::new());
        }
        let k = f64::from(units) / f64::from(self.units.max(1));
        // (contour, point) of each point that may be implied.
        let mut maybe: Vec<(usize, usize)> = Vec::new();
        for (ci, c) in contours.iter_mut().enumerate() {
            for p in c.iter_mut() {
                p.0 = round(f64::from(p.0) * k)?;
                p.1 = round(f64::from(p.1) * k)?;
            }
            let n = c.len();
            for i in 0..n {
                let (a, p, b) = (c[(i + n - 1) % n], c[i], c[(i + 1) % n]);
                if n > 2
                    && p.2
                    && !a.2
                    && !b.2
                    && (2 * p.0 - a.0 - b.0).abs() <= 2
                    && (2 * p.1 - a.1 - b.1).abs() <= 2
                {
                    maybe.push((ci, i));
                }
            }
        }
        let masks: u32 = if all && maybe.len() <= MAX_IMPLIED {
            1 << maybe.len()
        } else {
            1
        };
        let mut hashes = Vec::with_capacity(masks as usize);
        for mask in 0..masks {
            // Bit set: the point was written by the font (kept); mask 0 drops them all (and
            // past MAX_IMPLIED points, which `all` does not try, there is no bit: dropped).
            let kept: Vec<Vec<Point>> = contours
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    c.iter()
                        .enumerate()
                        .filter(|&(i, _)| {
                            maybe
                                .iter()
                                .position(|&m| m == (ci, i))
                                .is_none_or(|b| b < MAX_IMPLIED && mask & (1 << b) != 0)
                        })
                        .map(|(_, p)| *p)
                        .collect()
                })
                .collect();
            hashes.push(outline_hash(&kept));
        }
        Some(hashes)
    }

    /// `head.unitsPerEm`.
    pub(crate) fn units(&self) -> u16 {
        self.units
    }

    /// Appends the contours of glyph `gid` (composites flattened) to `out`.
    fn points(
        &self,
        gid: u16,
        depth: u8,
        out: &mut Vec<Vec<Point>>,
        total: &mut usize,
    ) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.spend(1)?;
        let d = self.data(gid)?;
        if d.is_empty() {
            return Some(());
        }
        let n = i16_at(d, 0)?;
        if n >= 0 {
            let first = out.len();
            simple(d, usize::try_from(n).ok()?, out, total)?;
            self.spend(out[first..].iter().map(Vec::len).sum())
        } else {
            self.composite(d, depth, out, total)
        }
    }

    /// A composite glyph: its components' contours, each transformed and offset.
    fn composite(
        &self,
        d: &[u8],
        depth: u8,
        out: &mut Vec<Vec<Point>>,
        total: &mut usize,
    ) -> Option<()> {
        const WORDS: u16 = 0x0001;
        const XY: u16 = 0x0002;
        const SCALE: u16 = 0x0008;
        const MORE: u16 = 0x0020;
        const X_AND_Y: u16 = 0x0040;
        const TWO_BY_TWO: u16 = 0x0080;
        const SCALED_OFFSET: u16 = 0x0800;
        const UNSCALED_OFFSET: u16 = 0x1000;
        let f2dot14 = |at: usize| i16_at(d, at).map(|v| f64::from(v) / 16_384.0);
        let mut at = 10;
        for _ in 0..MAX_COMPONENTS {
            let flags = u16_at(d, at)?;
            let gid = u16_at(d, at + 2)?;
            at += 4;
            // Point-matched components (anchor points) are not followed.
            if flags & XY == 0 {
                return None;
            }
            let (dx, dy) = if flags & WORDS != 0 {
                at += 4;
                (i32::from(i16_at(d, at - 4)?), i32::from(i16_at(d, at - 2)?))
            } else {
                at += 2;
                (
                    i32::from(*d.get(at - 2)? as i8),
                    i32::from(*d.get(at - 1)? as i8),
                )
            };
            // x' = x·a + y·c, y' = x·b + y·d (the spec's xscale, scale01, scale10, yscale).
            let t = if flags & SCALE != 0 {
                at += 2;
                let s = f2dot14(at - 2)?;
                Some([s, 0.0, 0.0, s])
            } else if flags & X_AND_Y != 0 {
                at += 4;
                Some([f2dot14(at - 4)?, 0.0, 0.0, f2dot14(at - 2)?])
            } else if flags & TWO_BY_TWO != 0 {
                at += 8;
                Some([
                    f2dot14(at - 8)?,
                    f2dot14(at - 6)?,
                    f2dot14(at - 4)?,
                    f2dot14(at - 2)?,
                ])
            } else {
                None
            };
            let first = out.len();
            self.points(gid, depth + 1, out, total)?;
            let scaled = flags & SCALED_OFFSET != 0 && flags & UNSCALED_OFFSET == 0;
            for contour in &mut out[first..] {
                for p in contour.iter_mut() {
                    match t {
                        Some([a, b, c, e]) => {
                            let (x, y) = (f64::from(p.0), f64::from(p.1));
                            let (ox, oy) = if scaled {
                                let (dx, dy) = (f64::from(dx), f64::from(dy));
                                (dx * a + dy * c, dx * b + dy * e)
                            } else {
                                (f64::from(dx), f64::from(dy))
                            };
                            p.0 = round(x * a + y * c + ox)?;
                            p.1 = round(x * b + y * e + oy)?;
                        }
                        None => {
                            p.0 = p.0.checked_add(dx)?;
                            p.1 = p.1.checked_add(dy)?;
                        }
                    }
                }
            }
            if flags & MORE == 0 {
                return Some(());
            }
        }
        None
    }
}

/// Rounds half up, as the index's generator does (`floor(v + 0.5)`).
fn round(v: f64) -> Option<i32> {
    let r = (v + 0.5).floor();
    (r.abs() < 1e9).then_some(r as i32)
}

/// A simple glyph of `n` contours: its points in `out`.
fn simple(d: &[u8], n: usize, out: &mut Vec<Vec<Point>>, total: &mut usize) -> Option<()> {
    const ON: u8 = 0x01;
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME: u8 = 0x10;
    const Y_SAME: u8 = 0x20;
    if n == 0 {
        return Some(());
    }
    let mut ends = Vec::with_capacity(n.min(MAX_POINTS));
    for i in 0..n {
        ends.push(usize::from(u16_at(d, 10 + 2 * i)?));
    }
    let count = ends.last()? + 1;
    *total += count;
    if *total > MAX_POINTS {
        return None;
    }
    let ins = usize::from(u16_at(d, 10 + 2 * n)?);
    let mut at = 12 + 2 * n + ins;
    let mut flags = Vec::with_capacity(count);
    while flags.len() < count {
        let f = *d.get(at)?;
        at += 1;
        flags.push(f);
        if f & REPEAT != 0 {
            let r = *d.get(at)?;
            at += 1;
            for _ in 0..r {
                flags.push(f);
            }
        }
    }
    flags.truncate(count);
    let mut coord = |short: u8, same: u8| -> Option<Vec<i32>> {
        let mut v = 0i32;
        let mut out = Vec::with_capacity(count);
        for &f in &flags {
            if f & short != 0 {
                let b = i32::from(*d.get(at)?);
                at += 1;
                v += if f & same != 0 { b } else { -b };
            } else if f & same == 0 {
                v += i32::from(i16_at(d, at)?);
                at += 2;
            }
            out.push(v);
        }
        Some(out)
    };
    let xs = coord(X_SHORT, X_SAME)?;
    let ys = coord(Y_SHORT, Y_SAME)?;
    let mut start = 0usize;
    for end in ends {
        if end < start {
            // Repeated end point: an empty contour (or a malformed one, skipped alike).
            continue;
        }
        let contour: Vec<Point> = (start..=end.min(count - 1))
            .map(|i| (xs[i], ys[i], flags[i] & ON != 0))
            .collect();
        start = end + 1;
        if !contour.is_empty() {
            out.push(contour);
        }
    }
    Some(())
}

/// FNV-1a 64 over the contours (point count, then x, y as 32-bit little-endian and the
/// on-curve flag per point), low 48 bits: what the index stores.
pub(crate) fn outline_hash(contours: &[Vec<Point>]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01B3);
        }
    };
    for c in contours {
        feed(&u32::try_from(c.len()).unwrap_or(u32::MAX).to_le_bytes());
        for &(x, y, on) in c {
            feed(&x.to_le_bytes());
            feed(&y.to_le_bytes());
            feed(&[u8::from(on)]);
        }
    }
    h & 0xFFFF_FFFF_FFFF
}

/// The index: outline hashes (sorted) with the index of their text in `texts`.
struct Index {
    hashes: Vec<(u64, u16)>,
    texts: Vec<String>,
}

/// Reads `\uXXXX` escapes of the index's text column.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6)?;
        out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
        rest = &rest[i + 6..];
    }
    out.push_str(rest);
    Some(out)
}

fn parse_index(tsv: &str) -> Index {
    let mut index = Index {
        hashes: Vec::new(),
        texts: Vec::new(),
    };
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let Some((text, hashes)) = line.split_once('\t') else {
            continue;
        };
        let (Some(text), Ok(k)) = (unescape(text), u16::try_from(index.texts.len())) else {
            continue;
        };
        index.texts.push(text);
        for h in hashes.split(' ') {
            if let Ok(h) = u64::from_str_radix(h, 16) {
                index.hashes.push((h, k));
            }
        }
    }
    index.hashes.sort_unstable();
    index
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| parse_index(include_str!("../../data/fonts/outlines.tsv")))
}

impl Index {
    /// The text the index gives an outline hash.
    fn text(&self, hash: u64) -> Option<&str> {
        let i = self.hashes.binary_search_by_key(&hash, |e| e.0).ok()?;
        Some(self.texts[usize::from(self.hashes[i].1)].as_str())
    }
}

/// The index's text for an outline that is capital I in some fonts and small l in others
/// (sans fonts draw them alike).
pub(crate) const I_OR_L: &str = "I|l";
/// What the font decodes such a glyph to until [`resolve_i_or_l`] decides: one byte, so that
/// the decision keeps the page text's byte ranges.
pub(crate) const I_OR_L_MARK: &str = "\u{1}";

/// Decides each I-or-l glyph of a page ([`I_OR_L_MARK`]) by the letters beside it in its word
/// (the glyphs before and after it in content order, on its baseline, less than a third of its
/// size apart): after a small letter, or after a letter and before a small one, it is `l`
/// (`Official`, `Line`); otherwise `I` (`IIT`, `EIT`, `ITA`, `LINE`, a word's first letter,
/// a Roman numeral).
pub(crate) fn resolve_i_or_l(content: &mut super::interp::PageContent) {
    if !content.text.contains(I_OR_L_MARK) {
        return;
    }
    let glyphs = &content.glyphs;
    let text_of = |i: usize| {
        let g = &glyphs[i];
        content
            .text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    };
    let near = |a: usize, b: usize| {
        let (g, h) = (&glyphs[a], &glyphs[b]);
        let gap = if g.x0 <= h.x0 {
            h.x0 - g.x1
        } else {
            g.x0 - h.x1
        };
        (g.y - h.y).abs() < 0.3 * g.size && gap.abs() < 0.3 * g.size
    };
    // The nearest letter on one side, through other I-or-l glyphs.
    let letter = |i: usize, step: isize| -> Option<char> {
        let mut j = i;
        loop {
            let next = j.checked_add_signed(step).filter(|&k| k < glyphs.len())?;
            if !near(j, next) {
                return None;
            }
            let t = text_of(next);
            if t != I_OR_L_MARK {
                let mut cs = t.chars();
                return match (cs.next(), cs.next()) {
                    (Some(c), None) if c.is_ascii_alphabetic() => Some(c),
                    _ => None,
                };
            }
            j = next;
        }
    };
    let mut decided: Vec<(usize, u8)> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if text_of(i) != I_OR_L_MARK {
            continue;
        }
        let (before, after) = (letter(i, -1), letter(i, 1));
        let small = before.is_some_and(|c| c.is_ascii_lowercase())
            || (before.is_some() && after.is_some_and(|c| c.is_ascii_lowercase()));
        decided.push((g.start as usize, if small { b'l' } else { b'I' }));
    }
    let mut bytes = std::mem::take(&mut content.text).into_bytes();
    for (at, b) in decided {
        if bytes.get(at) == Some(&1) {
            bytes[at] = b;
        }
    }
    // Only one-byte marks were replaced by ASCII letters: still UTF-8.
    content.text = String::from_utf8(bytes).unwrap_or_default();
}

/// What a glyph draws, by its outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GlyphText {
    /// The index knows the outline.
    Known(&'static str),
    /// No outline: a blank (a space, when it advances).
    Blank,
    /// An outline the index does not know, or a glyph that cannot be read.
    Unknown,
}

/// A font program's glyphs read by outline ([`decode`]).
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text of each code, sorted by code.
    pub(crate) texts: Vec<(u32, GlyphText)>,
    /// Glyphs that draw something and that the index knows.
    pub(crate) known: usize,
    /// Glyphs that draw something (or cannot be read).
    pub(crate) drawn: usize,
}

/// The text of each `(code, glyph id)` of a font program by outline, through the index of
/// `data/fonts/outlines.tsv`. `None` when the program has no `glyf` table or more glyphs to
/// hash than [`MAX_GLYPHS`].
pub(crate) fn decode(program: &[u8], glyphs: &[(u32, u16)]) -> Option<Decoded> {
    decode_in(index(), program, glyphs, None)
}

/// [`decode`] of a program rewritten from a font of `units` per em ([`Glyf::hash_from_units`]).
pub(crate) fn decode_from_units(
    program: &[u8],
    glyphs: &[(u32, u16)],
    units: u16,
) -> Option<Decoded> {
    decode_in(index(), program, glyphs, Some(units))
}

/// [`decode`] through `index`; `units`: see [`decode_from_units`].
fn decode_in(
    index: &'static Index,
    program: &[u8],
    glyphs: &[(u32, u16)],
    units: Option<u16>,
) -> Option<Decoded> {
    let glyf = Glyf::parse(program)?;
    if glyphs.len() > MAX_GLYPHS {
        return None;
    }
    let (mut known, mut drawn) = (0, 0);
    let mut texts: Vec<(u32, GlyphText)> = glyphs
        .iter()
        .map(|&(code, gid)| {
            // Glyph 0 is `.notdef`: what a font draws for a character it has no glyph for
            // (ReportLab's code 0, `/` or Latin in a Thai-only font), blank or a box. It is
            // never that character, nor a space: unreadable.
            if gid == 0 {
                return (code, GlyphText::Unknown);
            }
            let hash = match units {
                Some(u) => glyf
                    .hashes_from_units(gid, u, false)
                    .map(|h| h.first().copied()),
                None => glyf.hash(gid),
            };
            let text = match hash {
                Some(None) => GlyphText::Blank,
                Some(Some(h)) => {
                    drawn += 1;
                    match index.text(h) {
                        Some(t) => {
                            known += 1;
                            GlyphText::Known(t)
                        }
                        None => GlyphText::Unknown,
                    }
                }
                None => {
                    drawn += 1;
                    GlyphText::Unknown
                }
            };
            (code, text)
        })
        .collect();
    texts.sort_by_key(|e| e.0);
    texts.dedup_by_key(|e| e.0);
    Some(Decoded {
        texts,
        known,
        drawn,
    })
}

/// The text of each `(code, glyph id)` of `glyphs` in a program rewritten from a font of
/// `units` per em whose outline, with each choice of implied points
/// ([`Glyf::hashes_from_units`]), the index knows as exactly one text (`I|l` is not one).
pub(crate) fn texts_from_units(
    program: &[u8],
    glyphs: &[(u32, u16)],
    units: u16,
) -> Vec<(u32, &'static str)> {
    let Some(glyf) = Glyf::parse(program) else {
        return Vec::new();
    };
    let index = index();
    glyphs
        .iter()
        .take(MAX_RESCALED)
        .filter_map(|&(code, gid)| {
            let mut texts: Vec<&'static str> = glyf
                .hashes_from_units(gid, units, true)?
                .into_iter()
                .filter_map(|h| index.text(h))
                .collect();
            texts.sort_unstable();
            texts.dedup();
            match texts[..] {
                [t] if t != I_OR_L => Some((code, t)),
                _ => None,
            }
        })
        .collect()
}

/// Largest distance, in thousandths of an em, between a glyph's outline and a variant's for
/// [`texts_by_shape`] to read the glyph as that variant. Qt's rewrite moves an outline by a
/// few units (curves re-fitted: 0.2–5.2 in Noto Sans/Serif/Looped Thai).
const SHAPE_NEAR: f32 = 12.0;
/// Least distance, in thousandths of an em, of every variant with another text from such a
/// glyph (the nearest others in Noto are 31 and more: `ึ` beside `ื`); also at least
/// [`SHAPE_RATIO`] times the nearest one's.
const SHAPE_APART: f32 = 24.0;
/// See [`SHAPE_APART`].
const SHAPE_RATIO: f32 = 3.0;
/// Points along each segment of an outline where two outlines are compared.
const SEGMENT_SAMPLES: usize = 8;
/// Most points of a glyph compared by shape (the variants are marks of a few dozen points).
const MAX_SHAPE_POINTS: usize = 256;

/// A glyph of [`variants_of`]: one font's Thai glyph that only GSUB reaches.
#[derive(Debug)]
struct Variant {
    /// The font's units per em.
    units: u16,
    text: String,
    /// Points along its outline ([`samples`]).
    samples: Vec<(f32, f32)>,
    /// `[x0, y0, x1, y1]` of the samples.
    bbox: [f32; 4],
}

/// Reads `data/fonts/variants.tsv`: `font<TAB>units<TAB>text<TAB>contours`, the points of a
/// contour as `dx,dy` from the point before (`~` before an off-curve one), contours split by
/// `|`. A line that does not read is left out.
fn parse_variants(tsv: &str) -> Vec<Variant> {
    let line = |l: &str| -> Option<Variant> {
        let mut f = l.split('\t');
        let (_font, units, text, shape) = (f.next()?, f.next()?, f.next()?, f.next()?);
        let contours = variant_contours(shape)?;
        let samples = samples(&contours, 1.0);
        Some(Variant {
            units: units.parse().ok().filter(|&u| u > 0)?,
            text: unescape(text)?,
            bbox: bbox(&samples)?,
            samples,
        })
    };
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(line)
        .collect()
}

/// The contours of a variant's outline as [`parse_variants`] reads them (`None` when one does
/// not read).
fn variant_contours(shape: &str) -> Option<Vec<Vec<Point>>> {
    let contour = |s: &str| -> Option<Vec<Point>> {
        let (mut x, mut y) = (0i32, 0i32);
        s.split(' ')
            .map(|p| {
                let (on, p) = match p.strip_prefix('~') {
                    Some(p) => (false, p),
                    None => (true, p),
                };
                let (dx, dy) = p.split_once(',')?;
                x = x.checked_add(dx.parse().ok()?)?;
                y = y.checked_add(dy.parse().ok()?)?;
                Some((x, y, on))
            })
            .collect()
    };
    shape.split('|').map(contour).collect()
}

/// Made-up font programs for tests elsewhere (a second version of a font: its outlines moved).
#[cfg(test)]
pub(crate) mod made_up {
    use super::{variant_contours, Glyf, Point, VARIANTS};

    /// Each shaped variant of the font named `font` in [`VARIANTS`]: its text, units per em
    /// and contours.
    pub(crate) fn variants(font: &str) -> Vec<(String, u16, Vec<Vec<Point>>)> {
        VARIANTS
            .lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() == 4 && f[0] == font).then_some(())?;
                Some((
                    super::unescape(f[2])?,
                    f[1].parse().ok()?,
                    variant_contours(f[3])?,
                ))
            })
            .collect()
    }

    /// The contours of glyph `gid` of `program` (composites flattened).
    pub(crate) fn contours(program: &[u8], gid: u16) -> Option<Vec<Vec<Point>>> {
        let mut out = Vec::new();
        Glyf::parse(program)?.points(gid, 0, &mut out, &mut 0)?;
        Some(out)
    }

    /// A TrueType program of `glyphs` (each its contours; none: a blank glyph) at `units` per
    /// em: a `head`, a long `loca` and a `glyf` table, every coordinate a 16-bit delta.
    pub(crate) fn program(units: u16, glyphs: &[Vec<Vec<Point>>]) -> Vec<u8> {
        let mut glyf: Vec<u8> = Vec::new();
        let mut loca: Vec<u8> = 0u32.to_be_bytes().to_vec();
        let i16s = |out: &mut Vec<u8>, vs: &[i32]| {
            for &v in vs {
                out.extend_from_slice(&(v as i16).to_be_bytes());
            }
        };
        for contours in glyphs {
            if !contours.is_empty() {
                let all: Vec<Point> = contours.iter().flatten().copied().collect();
                let (xs, ys): (Vec<i32>, Vec<i32>) = all.iter().map(|p| (p.0, p.1)).unzip();
                let n = contours.len() as i32;
                let bbox = [
                    xs.iter().min(),
                    ys.iter().min(),
                    xs.iter().max(),
                    ys.iter().max(),
                ]
                .map(|v| v.copied().unwrap_or(0));
                i16s(&mut glyf, &[n]);
                i16s(&mut glyf, &bbox);
                let mut end = -1;
                for c in contours {
                    end += c.len() as i32;
                    glyf.extend_from_slice(&(end as u16).to_be_bytes());
                }
                glyf.extend_from_slice(&0u16.to_be_bytes());
                glyf.extend(all.iter().map(|p| u8::from(p.2)));
                let deltas = |v: &[i32]| -> Vec<i32> {
                    v.iter()
                        .scan(0, |at, &x| Some(x - std::mem::replace(at, x)))
                        .collect()
                };
                i16s(&mut glyf, &deltas(&xs));
                i16s(&mut glyf, &deltas(&ys));
                if glyf.len() % 2 == 1 {
                    glyf.push(0);
                }
            }
            loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        }
        let mut head = vec![0u8; 54];
        head[..4].copy_from_slice(&0x0001_0000u32.to_be_bytes());
        head[12..16].copy_from_slice(&0x5F0F_3CF5u32.to_be_bytes());
        head[18..20].copy_from_slice(&units.to_be_bytes());
        head[50..52].copy_from_slice(&1i16.to_be_bytes());
        let tables: [(&[u8; 4], &[u8]); 3] = [(b"glyf", &glyf), (b"head", &head), (b"loca", &loca)];
        let mut out: Vec<u8> = Vec::new();
        out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        out.extend_from_slice(&[0, 3, 0, 32, 0, 1, 0, 16]);
        let mut offset = 12 + 16 * tables.len();
        for (tag, data) in tables {
            out.extend_from_slice(tag);
            out.extend_from_slice(&0u32.to_be_bytes());
            out.extend_from_slice(&(offset as u32).to_be_bytes());
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            offset += data.len().next_multiple_of(4);
        }
        for (_, data) in tables {
            out.extend_from_slice(data);
            out.resize(out.len().next_multiple_of(4), 0);
        }
        out
    }
}

/// `data/fonts/variants.tsv`.
const VARIANTS: &str = include_str!("../../data/fonts/variants.tsv");

/// The shaped variants of the font named `font` in [`VARIANTS`]: only its lines are parsed
/// (and their outlines sampled), when one of its gaps needs them.
fn variants_of(font: &str) -> Vec<Variant> {
    let lines: String = VARIANTS
        .lines()
        .filter(|l| l.split('\t').next() == Some(font))
        .flat_map(|l| [l, "\n"])
        .collect();
    parse_variants(&lines)
}

/// Points along a TrueType outline scaled by `k`: [`SEGMENT_SAMPLES`] per line or quadratic
/// segment, an on-curve point implied between two off-curve ones.
fn samples(contours: &[Vec<Point>], k: f32) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for c in contours {
        let p = |i: usize| {
            let (x, y, on) = c[i % c.len()];
            ((x as f32 * k, y as f32 * k), on)
        };
        let mid = |a: (f32, f32), b: (f32, f32)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
        // Start on an on-curve point (or the midpoint of the first two, all off-curve).
        let Some(first) = (0..c.len()).find(|&i| c[i].2) else {
            if c.len() < 2 {
                continue;
            }
            let mut at = mid(p(0).0, p(1).0);
            for i in 1..=c.len() {
                let end = mid(p(i).0, p(i + 1).0);
                quad(&mut out, at, p(i).0, end);
                at = end;
            }
            continue;
        };
        let mut at = p(first).0;
        let mut ctrl: Option<(f32, f32)> = None;
        for i in first + 1..=first + c.len() {
            let (q, on) = p(i);
            match (on, ctrl) {
                (true, None) => {
                    line(&mut out, at, q);
                    at = q;
                }
                (true, Some(c)) => {
                    quad(&mut out, at, c, q);
                    at = q;
                    ctrl = None;
                }
                (false, None) => ctrl = Some(q),
                (false, Some(c)) => {
                    let end = mid(c, q);
                    quad(&mut out, at, c, end);
                    at = end;
                    ctrl = Some(q);
                }
            }
        }
    }
    out
}

fn line(out: &mut Vec<(f32, f32)>, a: (f32, f32), b: (f32, f32)) {
    for s in 0..SEGMENT_SAMPLES {
        let t = s as f32 / SEGMENT_SAMPLES as f32;
        out.push((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
    }
}

fn quad(out: &mut Vec<(f32, f32)>, a: (f32, f32), c: (f32, f32), b: (f32, f32)) {
    for s in 0..SEGMENT_SAMPLES {
        let t = s as f32 / SEGMENT_SAMPLES as f32;
        let (u, v, w) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t), t * t);
        out.push((u * a.0 + v * c.0 + w * b.0, u * a.1 + v * c.1 + w * b.1));
    }
}

fn bbox(s: &[(f32, f32)]) -> Option<[f32; 4]> {
    let (&(x, y), rest) = s.split_first()?;
    Some(rest.iter().fold([x, y, x, y], |b, &(x, y)| {
        [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
    }))
}

/// The Hausdorff distance of two sets of points: how far the farthest point of either lies
/// from the other set; `f32::INFINITY` as soon as it is surely beyond `cut` (all a caller
/// needs to know of a far shape: a hostile glyph costs no more than a near one).
fn hausdorff(a: &[(f32, f32)], b: &[(f32, f32)], cut: f32) -> f32 {
    let cut2 = cut * cut;
    let one_way = |a: &[(f32, f32)], b: &[(f32, f32)]| -> Option<f32> {
        let mut max = 0.0f32;
        for &(x, y) in a {
            let mut nearest = f32::INFINITY;
            for &(u, v) in b {
                nearest = nearest.min((x - u) * (x - u) + (y - v) * (y - v));
                // This point cannot raise the maximum any more.
                if nearest <= max {
                    break;
                }
            }
            if nearest > cut2 {
                return None;
            }
            max = max.max(nearest);
        }
        Some(max)
    };
    match (one_way(a, b), one_way(b, a)) {
        (Some(x), Some(y)) => x.max(y).sqrt(),
        _ => f32::INFINITY,
    }
}

/// The text of the variant among `candidates` (one font's, in its units: `em` per em) whose
/// outline lies within [`SHAPE_NEAR`] of the glyph's points `glyph`, when every variant of
/// another text lies at least [`SHAPE_APART`] and [`SHAPE_RATIO`] times as far; else `None`.
fn by_shape<'a>(
    glyph: &[(f32, f32)],
    candidates: impl Iterator<Item = &'a Variant>,
    em: f32,
) -> Option<&'a str> {
    let scale = em / 1000.0;
    let far = SHAPE_APART.max(SHAPE_RATIO * SHAPE_NEAR) * scale;
    let gb = bbox(glyph)?;
    // (distance, text) of each candidate not surely far (a bounding box edge that far off is).
    let mut near: Vec<(f32, &str)> = Vec::new();
    for v in candidates {
        let off = (0..4)
            .map(|i| (v.bbox[i] - gb[i]).abs())
            .fold(0.0f32, f32::max);
        if off < far {
            // Beyond `far` a distance decides nothing: `apart` is never farther.
            near.push((hausdorff(glyph, &v.samples, far), v.text.as_str()));
        }
    }
    let &(best, text) = near.iter().min_by(|a, b| a.0.total_cmp(&b.0))?;
    let apart = (SHAPE_APART * scale).max(SHAPE_RATIO * best);
    (best <= SHAPE_NEAR * scale && near.iter().all(|&(d, t)| t == text || d >= apart))
        .then_some(text)
}

/// The font name without a subset tag (`QDEAAA+NotoSansThai-Regular`).
fn untagged(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// The text of each `(code, glyph id)` of `glyphs` in a program of the font named `font`
/// (`/BaseFont`, its subset tag aside) by shape: the outline compared with the font's shaped
/// variants ([`variants_of`], the Thai glyphs only GSUB reaches) scaled to their em, read as the
/// one it lies near when no variant of another text does ([`by_shape`]). Qt (wkhtmltopdf)
/// leaves these variants out of its ToUnicode map and rewrites their outlines (curves
/// re-fitted, points added or dropped), so no hash finds them; the shape does. At most
/// [`MAX_RESCALED`] glyphs of [`MAX_SHAPE_POINTS`] points each.
pub(crate) fn texts_by_shape(
    program: &[u8],
    glyphs: &[(u32, u16)],
    font: &str,
) -> Vec<(u32, String)> {
    if glyphs.is_empty() {
        return Vec::new();
    }
    let candidates = variants_of(untagged(font));
    let (Some(first), Some(glyf)) = (candidates.first(), Glyf::parse(program)) else {
        return Vec::new();
    };
    let k = f32::from(first.units) / f32::from(glyf.units().max(1));
    glyphs
        .iter()
        .take(MAX_RESCALED)
        .filter_map(|&(code, gid)| {
            let mut contours: Vec<Vec<Point>> = Vec::new();
            let mut total = 0usize;
            glyf.points(gid, 0, &mut contours, &mut total)?;
            if total > MAX_SHAPE_POINTS {
                return None;
            }
            let s = samples(&contours, k);
            let text = by_shape(&s, candidates.iter(), f32::from(first.units))?;
            Some((code, text.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Near shapes get their distance; a shape surely beyond the cut gets infinity, whatever
    /// its size (a hostile glyph costs no more than a near one).
    #[test]
    fn hausdorff_is_exact_within_the_cut_and_infinite_beyond() {
        let square: Vec<(f32, f32)> = (0..100)
            .map(|k| (k as f32, 0.0))
            .chain((0..100).map(|k| (k as f32, 100.0)))
            .collect();
        let moved: Vec<(f32, f32)> = square.iter().map(|&(x, y)| (x, y + 3.0)).collect();
        assert!((hausdorff(&square, &moved, 10.0) - 3.0).abs() < 1e-4);
        let far: Vec<(f32, f32)> = square.iter().map(|&(x, y)| (x + 50.0, y)).collect();
        assert!((hausdorff(&square, &far, 100.0) - 50.0).abs() < 1e-4);
        assert_eq!(hausdorff(&square, &far, 10.0), f32::INFINITY);
    }
    use crate::pdf::truetype::tests::fixture_font;

    /// A variant (1,000 units) with `text` and one contour `points`.
    fn variant(text: &str, points: &[Point]) -> Variant {
        let s = samples(&[points.to_vec()], 1.0);
        Variant {
            units: 1000,
            text: text.into(),
            bbox: bbox(&s).unwrap(),
            samples: s,
        }
    }

    /// A made-up mark: a bar with a curved hook (on-curve, off-curve points).
    fn hook(dx: i32, dy: i32, tail: i32) -> Vec<Point> {
        [
            (0, 0, true),
            (-60, 0, false),
            (-110, 50, false),
            (-110, 85, true),
            (-110, 130, false),
            (-70, 145, true),
            (-20, 130, true),
            (-30, 100, false),
            (-10, 70, true),
            (tail, 70, true),
            (tail, 0, true),
        ]
        .iter()
        .map(|&(x, y, on)| (x + dx, y + dy, on))
        .collect()
    }

    #[test]
    fn a_rewritten_variant_is_read_by_shape() {
        let vs = [
            variant("ั", &hook(0, 635, 150)),
            variant("้", &hook(0, 635, 40)),
            variant(
                "่",
                &[
                    (0, 635, true),
                    (0, 846, true),
                    (88, 846, true),
                    (88, 635, true),
                ],
            ),
        ];
        // Qt's rewrite at 2,048 units: coordinates rounded, the implied on-curve point between
        // the first two off-curve ones written out, the on-curve point between the next two
        // (collinear) dropped: no hash finds it, its shape is the same.
        let k = 2048.0 / 1000.0;
        let at = |x: i32, y: i32, on: bool| {
            (
                (x as f64 * k).round() as i32,
                (y as f64 * k).round() as i32,
                on,
            )
        };
        let mut rewritten: Vec<Point> = hook(0, 635, 150)
            .iter()
            .map(|&(x, y, on)| at(x, y, on))
            .collect();
        rewritten.insert(2, at(-85, 660, true));
        rewritten.remove(4);
        let s = samples(&[rewritten], 1000.0 / 2048.0);
        assert_eq!(by_shape(&s, vs.iter(), 1000.0), Some("ั"));
        // The bar, moved by half a unit: itself.
        let bar = samples(
            &[vec![
                (0, 635, true),
                (0, 846, true),
                (88, 846, true),
                (88, 635, true),
            ]],
            1.0,
        );
        assert_eq!(by_shape(&bar, vs.iter(), 1000.0), Some("่"));
        // A shape near none of them, or one the size of another font's: nothing.
        let far = samples(&[hook(200, 635, 150)], 1.0);
        assert_eq!(by_shape(&far, vs.iter(), 1000.0), None);
        // Near one variant but also near one of another text: nothing.
        let twins = [
            variant("ั", &hook(0, 635, 150)),
            variant("๊", &hook(0, 635, 160)),
        ];
        let s = samples(&[hook(0, 635, 150)], 1.0);
        assert_eq!(by_shape(&s, twins.iter(), 1000.0), None);
        // Two variants of one text near it: that text.
        let same = [
            variant("ั", &hook(0, 635, 150)),
            variant("ั", &hook(0, 635, 155)),
        ];
        assert_eq!(by_shape(&s, same.iter(), 1000.0), Some("ั"));
        assert_eq!(
            untagged("QDEAAA+NotoSansThai-Regular"),
            "NotoSansThai-Regular"
        );
        assert_eq!(untagged("Noto+Thai"), "Noto+Thai");
    }

    #[test]
    fn variants_parse_and_each_reads_as_itself() {
        let v = parse_variants(
            "# header\nF-R\t1000\t\\u0E31\t0,0 ~-60,0 -50,50|10,10 5,0 0,5\nbad line\n",
        );
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].text, "ั");
        // Points are deltas: (0,0) (-60,0) (-110,50), then (10,10) (15,10) (15,15).
        assert_eq!(v[0].bbox, [-110.0, 0.0, 15.0, 50.0]);
        // Every variant of the committed file reads as its own text among its font's, or as
        // none (two variants of other texts too alike), never as another text.
        assert_eq!(variants_of("NotoSansThai-Regular").len(), 37);
        assert!(variants_of("Garuda").is_empty());
        let mut fonts: Vec<&str> = VARIANTS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .collect();
        fonts.dedup();
        assert!(fonts.len() >= 6, "{fonts:?}");
        let (mut own, mut none) = (0, 0);
        for font in fonts {
            let all = variants_of(font);
            for v in &all {
                match by_shape(&v.samples, all.iter(), f32::from(v.units)) {
                    Some(t) => {
                        assert_eq!(t, v.text, "{font} {}", v.text);
                        own += 1;
                    }
                    None => none += 1,
                }
            }
        }
        assert!(own > 200 && own > 20 * none, "{own} read, {none} not");
        assert!(own > 20 * none, "{own} read, {none} not");
    }

    #[test]
    fn rescaled_hashes_include_the_glyph_as_it_is() {
        // At the font's own em, keeping every maybe-implied point is the glyph itself.
        let program = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let glyf = Glyf::parse(&program).unwrap();
        let mut tried = 0;
        for gid in 1..glyf.count().min(200) as u16 {
            let Some(Some(h)) = glyf.hash(gid) else {
                continue;
            };
            let all = glyf.hashes_from_units(gid, glyf.units(), true).unwrap();
            assert!(all.contains(&h), "glyph {gid}");
            tried += usize::from(all.len() > 1);
        }
        assert!(tried > 0);
    }

    #[test]
    fn index_parses_and_escapes() {
        let i = parse_index("# header\nA\t00000000000a 00000000000b\n\\u00A0x\t0000000000ff\n");
        assert_eq!(i.texts, ["A", "\u{A0}x"]);
        assert_eq!(i.hashes, [(0xa, 0), (0xb, 0), (0xff, 1)]);
        assert!(index().hashes.len() > 10_000);
        assert!(index().texts.iter().any(|t| t == "ก"));
    }

    #[test]
    fn hash_is_fnv1a_of_the_points() {
        // One contour, two points: the value scripts/make-glyph-index.py computes.
        let h = outline_hash(&[vec![(0, 0, true), (-5, 700, false)]]);
        assert_eq!(h, 0xCBE0_9DE4_E098);
        assert_ne!(h, outline_hash(&[vec![(0, 0, true), (-5, 700, true)]]));
        assert_ne!(
            h,
            outline_hash(&[vec![(0, 0, true)], vec![(-5, 700, false)]])
        );
    }

    /// The outline hashes of every glyph of a font program that draws something.
    fn hashes(program: &[u8]) -> Vec<u64> {
        let glyf = Glyf::parse(program).expect("glyf");
        let mut out: Vec<u64> = (0..glyf.count())
            .filter_map(|g| glyf.hash(g as u16).flatten())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn redistilled_glyphs_hash_as_in_the_original_subset() {
        // Ghostscript re-embeds Chromium's Laksaman subset without cmap, names or hinting;
        // pdftops → ps2pdf splits Chromium's Garuda into two simple fonts with new glyph ids.
        // Every glyph keeps its outline hash.
        let chromium = hashes(&fixture_font("chiangmai-2566.chromium.pdf", "+Laksaman"));
        let gs = hashes(&fixture_font(
            "chiangmai-2566.ghostscript-cid-laksaman.pdf",
            "+Laksaman",
        ));
        assert!(gs.len() > 100, "{}", gs.len());
        assert!(gs.iter().all(|h| chromium.binary_search(h).is_ok()));
        let chromium = hashes(&fixture_font(
            "chiangmai-2566.chromium-garuda.pdf",
            "+Garuda",
        ));
        let mut ps = hashes(&fixture_font(
            "chiangmai-2566.ps2pdf-chromium-garuda.pdf",
            "+Garuda_00",
        ));
        ps.extend(hashes(&fixture_font(
            "chiangmai-2566.ps2pdf-chromium-garuda.pdf",
            "+Garuda_01",
        )));
        ps.sort_unstable();
        ps.dedup();
        // (Chromium's subset also keeps a few GSUB variants the page never draws.)
        assert!(ps.len() > 120, "{}", ps.len());
        assert!(ps.iter().all(|h| chromium.binary_search(h).is_ok()));
    }

    #[test]
    fn the_index_gives_each_thai_glyph_its_cmap_character() {
        // Chromium's Garuda subset keeps its cmap: the index agrees with it on every Thai
        // glyph the cmap reaches (composites such as sara ae, made of two sara e, included).
        let program = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let glyf = Glyf::parse(&program).unwrap();
        let thai = crate::pdf::truetype::thai_glyphs(&program);
        let mut checked = 0;
        for g in thai
            .iter()
            .filter(|g| g.via == crate::pdf::truetype::Via::Cmap)
        {
            let Some(Some(h)) = glyf.hash(g.gid) else {
                continue;
            };
            assert_eq!(index().text(h), Some(g.text.as_str()), "glyph {}", g.gid);
            checked += 1;
        }
        assert!(checked > 60, "{checked}");
        assert!(thai.iter().any(|g| g.text == "แ"));
    }

    #[test]
    fn glyphs_the_index_does_not_know_are_unknown() {
        let program = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let count = Glyf::parse(&program).unwrap().count();
        let glyphs: Vec<(u32, u16)> = (1..count).map(|g| (g, g as u16)).collect();
        let all = decode(&program, &glyphs).unwrap();
        assert!(
            all.known > 100 && all.known == all.drawn,
            "{} of {}",
            all.known,
            all.drawn
        );
        let empty: &'static Index = Box::leak(Box::new(parse_index("")));
        let none = decode_in(empty, &program, &glyphs, None).unwrap();
        assert_eq!((none.known, none.drawn), (0, all.drawn));
        assert!(none
            .texts
            .iter()
            .all(|t| matches!(t.1, GlyphText::Unknown | GlyphText::Blank)));
    }

    #[test]
    fn the_notdef_glyph_is_unknown() {
        // Code 0 drawn with glyph 0 (`.notdef`), beside a glyph the index knows.
        let program = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let count = Glyf::parse(&program).unwrap().count();
        let known = (1..count)
            .find(|&g| decode(&program, &[(1, g as u16)]).unwrap().known == 1)
            .unwrap();
        let got = decode(&program, &[(0, 0), (1, known as u16)]).unwrap();
        assert!(matches!(got.texts[0], (0, GlyphText::Unknown)));
        assert!(matches!(got.texts[1], (1, GlyphText::Known(_))));
        assert_eq!((got.known, got.drawn), (1, 1));
    }

    #[test]
    fn damaged_and_hostile_fonts_never_panic() {
        let font = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let glyphs: Vec<(u32, u16)> = (0..400).map(|g| (g, g as u16)).collect();
        for k in 1..40usize {
            let mut bad = font.clone();
            for j in 0..64 {
                let at = (k * 7_919 + j * 104_729) % bad.len();
                bad[at] ^= 0x5A ^ (k as u8);
            }
            let _ = decode(&bad, &glyphs);
            let _ = decode(&font[..font.len() * k / 40], &glyphs);
        }
        assert!(decode(b"", &glyphs).is_none());
        assert!(decode(&[0xFF; 4096], &glyphs).is_none());
        // More glyphs than a font is read for: not read.
        let many: Vec<(u32, u16)> = (0..=MAX_GLYPHS as u32).map(|g| (g, 1)).collect();
        assert!(decode(&font, &many).is_none());
    }

    /// A page whose words are laid out left to right, 6 units a glyph, a space between words;
    /// `?` is an I-or-l glyph.
    fn page(words: &str) -> crate::pdf::interp::PageContent {
        let mut c = crate::pdf::interp::PageContent::default();
        let mut x = 0.0;
        for ch in words.chars() {
            if ch == ' ' {
                x += 6.0;
                continue;
            }
            let start = c.text.len() as u32;
            if ch == '?' {
                c.text.push_str(I_OR_L_MARK);
            } else {
                c.text.push(ch);
            }
            c.glyphs.push(crate::pdf::interp::Glyph {
                x0: x,
                x1: x + 6.0,
                y: 100.0,
                size: 12.0,
                start,
                end: c.text.len() as u32,
                invisible: false,
                rotated: false,
                mapping: crate::pdf::font::Mapping::Encoding,
                font: 0,
            });
            x += 6.0;
        }
        c
    }

    #[test]
    fn i_or_l_is_decided_by_the_letters_beside_it() {
        for (drawn, want) in [
            ("??T E?T ?TA", "IIT EIT ITA"),
            ("Officia? L?NE Contro? ?ine", "Official LINE Control Iine"),
            ("?nternet ? O??", "Internet I OII"),
            ("ข้อ ?1", "ข้อ I1"),
        ] {
            let mut c = page(drawn);
            resolve_i_or_l(&mut c);
            assert_eq!(c.text, want.replace(' ', ""), "{drawn}");
        }
    }

    #[test]
    fn composites_nest_only_so_deep() {
        // A composite glyph that names itself: refused, not followed forever.
        let mut g = Vec::new();
        g.extend_from_slice(&(-1i16).to_be_bytes());
        g.extend_from_slice(&[0; 8]);
        g.extend_from_slice(&0x0002u16.to_be_bytes()); // XY args, bytes, last component
        g.extend_from_slice(&0u16.to_be_bytes()); // glyph 0: itself
        g.extend_from_slice(&[0, 0]);
        let loca: Vec<u8> = [0u16, (g.len() / 2) as u16]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        let glyf = Glyf {
            glyf: &g,
            loca: &loca,
            long: false,
            count: 1,
            units: 1000,
            work: std::cell::Cell::new(0),
        };
        assert_eq!(glyf.hash(0), None);
    }

    #[test]
    fn composites_that_fan_out_cost_a_bounded_amount() {
        // Glyph k (1..=8) is a composite of 64 copies of glyph k + 1; glyph 9 is empty, so no
        // glyph has a point (the per-glyph point limit never trips): 64^8 visits if followed
        // naively. The font's work is bounded instead.
        let mut glyf = Vec::new();
        let mut loca = vec![0u32, 0];
        for k in 1..=8u16 {
            glyf.extend_from_slice(&(-1i16).to_be_bytes());
            glyf.extend_from_slice(&[0; 8]);
            for c in 0..64 {
                let more = if c < 63 { 0x0020u16 } else { 0 };
                glyf.extend_from_slice(&(0x0002 | more).to_be_bytes());
                glyf.extend_from_slice(&(k + 1).to_be_bytes());
                glyf.extend_from_slice(&[0, 0]);
            }
            loca.push(glyf.len() as u32);
        }
        loca.push(glyf.len() as u32); // glyph 9: empty
        let loca: Vec<u8> = loca.iter().flat_map(|v| v.to_be_bytes()).collect();
        let font = Glyf {
            glyf: &glyf,
            loca: &loca,
            long: true,
            count: 10,
            units: 1000,
            work: std::cell::Cell::new(0),
        };
        assert_eq!(font.hash(9), Some(None));
        assert_eq!(font.hash(8), Some(None));
        assert_eq!(font.hash(1), None);
        assert!(font.work.get() <= MAX_WORK + 1, "{}", font.work.get());
        // Spent: nothing more is read from this font.
        assert_eq!(font.hash(9), None);
    }
}
