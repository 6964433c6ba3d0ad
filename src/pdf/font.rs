//! Fonts: how a string's bytes become codes, Unicode text and advance widths.
//!
//! Composite fonts (Type0 / CIDFontType0/2) with `/ToUnicode` and `/W` + `/DW`; simple fonts
//! (Type1, TrueType, Type3) with `/ToUnicode` or `/Encoding` (+ `/Differences` through the
//! Adobe Glyph List) and `/Widths`. Built once per font object and cached by object id.
//!
//! A CID font's ToUnicode entries for Thai glyphs are checked against its embedded font
//! program (`cmap`, then GSUB: [`super::truetype`]) and replaced where the program contradicts
//! them ([`needs_correction`]): WeasyPrint maps shaped Thai glyphs to other glyphs' code points.

use lopdf::{Dictionary, Document, Object};

use super::agl::GLYPHS;
use super::cmap::ToUnicode;
use super::obj::{self, Budget};
use super::truetype::{self, ThaiGlyph};

/// Where a glyph's text came from, to judge the page's quality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mapping {
    /// The font's ToUnicode CMap.
    ToUnicode,
    /// A standard encoding or glyph names: trustworthy.
    Encoding,
    /// A guess from a font without ToUnicode whose codes may not mean what they say (the
    /// source of mojibake): Latin-1 letters from a symbolic or non-Latin font. Also the text
    /// that outlines gave the ToUnicode gaps of a font whose other gaps they could not fill
    /// ([`fill_gaps_from_outlines`]): its pages keep the quality their holes give them.
    Suspect,
    /// Nothing: the text is U+FFFD.
    None,
    /// Nothing, as the map says (U+0000): the producer had no glyph for the character and drew
    /// another (`.notdef`, a blank). The text is U+FFFD, kept even where the glyph does not
    /// advance.
    Missing,
}

/// Widths of a font in glyph-space units (1/1000 of the font size for all but Type3).
#[derive(Debug, Clone, Default)]
pub(crate) struct Widths {
    /// `(first code, last code, width)`, sorted; consecutive codes with one width are merged.
    ranges: Vec<(u32, u32, f32)>,
    /// Width of codes not listed (`/DW`, `/MissingWidth`).
    default: f32,
}

impl Widths {
    /// Width of `code`.
    pub(crate) fn get(&self, code: u32) -> f32 {
        let i = self.ranges.partition_point(|r| r.0 <= code);
        match i.checked_sub(1).map(|i| self.ranges[i]) {
            Some((_, hi, w)) if code <= hi => w,
            _ => self.default,
        }
    }

    fn push(&mut self, lo: u32, hi: u32, w: f32) {
        if let Some(last) = self.ranges.last_mut() {
            if last.1.checked_add(1) == Some(lo) && (last.2 - w).abs() < f32::EPSILON {
                last.1 = hi;
                return;
            }
        }
        self.ranges.push((lo, hi, w));
    }

    fn finish(&mut self) {
        self.ranges.sort_by_key(|r| r.0);
        self.ranges.shrink_to_fit();
    }

    /// Parses a CID font's `/W` array: `c [w1 w2 …]` and `c_first c_last w`, both forms.
    pub(crate) fn from_w(doc: &Document, w: &[Object], default: f32) -> Widths {
        let mut out = Widths {
            ranges: Vec::new(),
            default,
        };
        let mut i = 0;
        while i < w.len() {
            let Some(first) = obj::num(doc, &w[i]) else {
                i += 1;
                continue;
            };
            let first = first.max(0.0) as u32;
            match w.get(i + 1).map(|o| obj::deref(doc, o)) {
                Some(Object::Array(ws)) => {
                    for (k, wo) in ws.iter().enumerate().take(65_536) {
                        if let Some(v) = obj::num(doc, wo) {
                            let c = first.saturating_add(k as u32);
                            out.push(c, c, v as f32);
                        }
                    }
                    i += 2;
                }
                Some(o) => {
                    let last = obj::num(doc, o).map_or(first, |v| v.max(0.0) as u32);
                    if let Some(v) = w.get(i + 2).and_then(|o| obj::num(doc, o)) {
                        if last >= first {
                            out.push(first, last, v as f32);
                        }
                    }
                    i += 3;
                }
                None => break,
            }
        }
        out.finish();
        out
    }
}

/// A font as the interpreter uses it.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// `/BaseFont`, for notes.
    pub(crate) name: String,
    /// Composite (Type0): multi-byte codes.
    composite: bool,
    /// The ToUnicode map, if any.
    to_unicode: Option<ToUnicode>,
    /// Simple fonts: the text of each byte code from `/Encoding` (None: unmapped).
    encoding: Option<Box<[Option<char>; 256]>>,
    /// Simple fonts: the byte codes whose encoding text is a guess (see [`Mapping::Suspect`]).
    suspect_encoding: bool,
    /// Advance widths.
    widths: Widths,
    /// Glyph space → text space (0.001, or a Type3 font's `/FontMatrix` a).
    pub(crate) scale: f64,
    /// The font has no usable way to Unicode (noted once per page).
    pub(crate) unmapped: bool,
    /// Identity of the font's face within the document's font cache: fonts that pdftops split
    /// from one font share it (`u32::MAX` for inline fonts).
    pub(crate) uid: u32,
    /// Simple TrueType fonts: ToUnicode entries that the font program's outlines contradict,
    /// corrected, by code (see [`truetype::shape_fixes`]). Used only on pages without
    /// `/ActualText`: LibreOffice's maps are wrong for shaped glyphs, but its `/ActualText`
    /// spans are attached to the neighbouring glyph in a way that only the wrong map completes
    /// (`อยู่`: `ู` over the mai ek glyph, the sara uu glyph mapped to mai ek). A redistill
    /// (Ghostscript) drops the spans and leaves the map alone to be corrected.
    /// Computed on first use (a simple font's program, `shape_program`, is decompressed then).
    shape_fixes: std::cell::OnceCell<Vec<(u32, String)>>,
    /// Simple TrueType fonts with Thai in their ToUnicode: the `/FontFile2` entry.
    shape_program: Option<Object>,
    /// CID fonts with an Identity encoding and Thai in their ToUnicode: the descendant font
    /// and its decompressed program, whose outlines check the map on pages without
    /// `/ActualText` ([`cid_outline_fixes`]).
    shape_cid: Option<Box<(Dictionary, Vec<u8>)>>,
    /// The text of each code by its glyph's outline ([`super::outline`]), sorted by code, for a
    /// font whose ToUnicode is missing or unusable and whose encoding says nothing: used
    /// instead of both (a code not listed is U+FFFD).
    outlines: Option<Box<[(u32, &'static str)]>>,
    /// The codes whose ToUnicode gaps (no entry, an empty one or U+FFFD) were filled from the
    /// glyphs' outlines ([`fill_gaps_from_outlines`]), sorted: noted like [`Font::outlines`].
    outline_gaps: Box<[u32]>,
    /// Other gaps stay unfilled: the fills are read as [`Mapping::Suspect`].
    suspect_fills: bool,
}

/// Code → character of the WinAnsi code points 0x80–0x9F.
const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        0x80..=0x9F => {
            char::from_u32(u32::from(WIN_ANSI_80[usize::from(code - 0x80)])).filter(|&c| c != '\0')
        }
        _ => None,
    }
}

fn standard(code: u8) -> Option<char> {
    match code {
        0x27 => Some('\u{2019}'),
        0x60 => Some('\u{2018}'),
        0x20..=0x7E => Some(char::from(code)),
        _ => None,
    }
}

fn mac_roman(code: u8) -> Option<char> {
    if code < 0x80 {
        return standard(code).map(|c| match c {
            '\u{2019}' => '\'',
            '\u{2018}' => '`',
            c => c,
        });
    }
    let bytes = [code];
    let (s, _, _) = encoding_rs::MACINTOSH.decode(&bytes);
    s.chars().next()
}

/// The character a glyph name stands for: Adobe Glyph List names (Thai ones included),
/// `uniXXXX`, `uXXXX[XX]`; a suffix after `.` is ignored (`kokaithai.alt`).
pub(crate) fn glyph_to_char(name: &[u8]) -> Option<char> {
    let base = name.split(|&b| b == b'.').next().unwrap_or(name);
    let base = std::str::from_utf8(base).ok()?;
    if let Ok(i) = GLYPHS.binary_search_by(|(n, _)| n.as_bytes().cmp(base.as_bytes())) {
        return char::from_u32(u32::from(GLYPHS[i].1));
    }
    let hex = |s: &str| u32::from_str_radix(s, 16).ok().and_then(char::from_u32);
    if let Some(h) = base.strip_prefix("uni") {
        if h.len() >= 4 && h.is_char_boundary(4) {
            return hex(&h[..4]);
        }
    }
    if let Some(h) = base.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            return hex(h);
        }
    }
    None
}

impl Font {
    /// Builds the font of dictionary `dict`.
    pub(crate) fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Font {
        let subtype = obj::name_of(doc, dict.get(b"Subtype").ok());
        let name = obj::name_of(doc, dict.get(b"BaseFont").ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let mut to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| obj::stream_data(doc, o, budget))
            .map(|d| ToUnicode::parse(&d))
            .filter(|m| !m.is_empty());
        if subtype == Some(b"Type0") {
            let desc = dict
                .get(b"DescendantFonts")
                .ok()
                .map(|o| obj::deref(doc, o))
                .and_then(|o| match o {
                    Object::Array(a) => a.first().map(|d| obj::deref(doc, d)),
                    _ => None,
                })
                .and_then(|o| o.as_dict().ok());
            let identity = matches!(
                obj::name_of(doc, dict.get(b"Encoding").ok()),
                Some(b"Identity-H" | b"Identity-V")
            );
            // The embedded program, decompressed at most once for the three checks below and
            // only when one of them needs it.
            let program: std::cell::OnceCell<Option<Vec<u8>>> = std::cell::OnceCell::new();
            if let (Some(map), Some(desc)) = (to_unicode.as_mut(), desc) {
                if identity && map.has_thai() {
                    if let Some(program) =
                        program.get_or_init(|| cid_font_program(doc, desc, budget))
                    {
                        correct_from_program(doc, desc, program, map, budget);
                    }
                }
            }
            let dw = desc
                .and_then(|d| d.get(b"DW").ok())
                .and_then(|o| obj::num(doc, o))
                .unwrap_or(1000.0) as f32;
            let widths = match desc
                .and_then(|d| d.get(b"W").ok())
                .map(|o| obj::deref(doc, o))
            {
                Some(Object::Array(w)) => Widths::from_w(doc, w, dw),
                _ => Widths {
                    ranges: Vec::new(),
                    default: dw,
                },
            };
            // No map, or one that sends glyphs to control characters: the outlines decide.
            let outlines = match desc {
                Some(desc)
                    if identity && to_unicode.as_ref().is_none_or(ToUnicode::has_controls) =>
                {
                    let program = program.get_or_init(|| cid_font_program(doc, desc, budget));
                    program.as_deref().and_then(|program| {
                        cid_outlines(doc, desc, program, to_unicode.as_ref(), &widths, budget)
                    })
                }
                _ => None,
            };
            // A usable map with gaps (Qt's subsets have no `cmap` for the check above): the
            // glyphs it leaves out get their text from their outlines.
            let (outline_gaps, suspect_fills) =
                match (outlines.is_none() && identity, to_unicode.as_mut(), desc) {
                    (true, Some(map), Some(desc)) if map.has_thai() => {
                        match program.get_or_init(|| cid_font_program(doc, desc, budget)) {
                            Some(program) => {
                                fill_gaps_from_outlines(doc, desc, program, map, budget)
                            }
                            None => (Box::default(), false),
                        }
                    }
                    _ => (Box::default(), false),
                };
            let unmapped = to_unicode.is_none() && outlines.is_none();
            // Kept with the program decompressed above, so that the check on a page without
            // `/ActualText` neither decompresses it again nor counts it twice in the budget.
            let shape_cid = match (outlines.is_none() && identity, to_unicode.as_ref(), desc) {
                (true, Some(map), Some(desc)) if map.has_thai() => program
                    .into_inner()
                    .flatten()
                    .map(|program| Box::new((desc.clone(), program))),
                _ => None,
            };
            return Font {
                name,
                composite: true,
                to_unicode,
                encoding: None,
                suspect_encoding: false,
                widths,
                scale: 0.001,
                unmapped,
                uid: u32::MAX,
                shape_fixes: std::cell::OnceCell::new(),
                shape_program: None,
                shape_cid,
                outlines,
                outline_gaps,
                suspect_fills,
            };
        }

        // Simple fonts.
        let descriptor = dict
            .get(b"FontDescriptor")
            .ok()
            .map(|o| obj::deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let flags = descriptor
            .and_then(|d| d.get(b"Flags").ok())
            .and_then(|o| obj::num(doc, o))
            .unwrap_or(0.0) as i64;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let is_type3 = subtype == Some(b"Type3");
        // (A Latin font whose map has CJK junk is checked too: Ghostscript's `昀케` for `ffi`.)
        let shape_program = match (to_unicode.as_ref(), descriptor, subtype) {
            (Some(map), Some(desc), Some(b"TrueType"))
                if map.has_thai()
                    || (0..256).any(|c| map.text(c).is_some_and(|t| t.chars().any(is_junk))) =>
            {
                desc.get(b"FontFile2").ok().cloned()
            }
            _ => None,
        };
        let enc_obj = dict.get(b"Encoding").ok().map(|o| obj::deref(doc, o));
        let (base_name, differences) = match enc_obj {
            Some(Object::Name(n)) => (Some(n.as_slice()), None),
            Some(Object::Dictionary(d)) => (
                obj::name_of(doc, d.get(b"BaseEncoding").ok()),
                d.get(b"Differences").ok().map(|o| obj::deref(doc, o)),
            ),
            _ => (None, None),
        };
        let standard14 = is_standard14(&name);
        let mut table: [Option<char>; 256] = [None; 256];
        let base: Option<fn(u8) -> Option<char>> = match base_name {
            Some(b"WinAnsiEncoding") => Some(win_ansi),
            Some(b"MacRomanEncoding") => Some(mac_roman),
            Some(b"StandardEncoding") => Some(standard),
            _ if is_type3 => None,
            _ if symbolic && !standard14 => None,
            _ if subtype == Some(b"TrueType") => Some(win_ansi),
            _ => Some(standard),
        };
        if let Some(f) = base {
            for (code, slot) in table.iter_mut().enumerate() {
                *slot = f(code as u8);
            }
        }
        let mut named = 0usize;
        if let Some(Object::Array(diffs)) = differences {
            let mut code: usize = 0;
            for d in diffs {
                match obj::deref(doc, d) {
                    Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                    Object::Real(r) => code = (*r as i64).clamp(0, 255) as usize,
                    Object::Name(n) => {
                        if code < 256 {
                            table[code] = glyph_to_char(n);
                            named += 1;
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        // A font without ToUnicode whose text comes from a base encoding it may not honour
        // (an embedded non-Latin font, a symbolic font) is suspect.
        let suspect_encoding = to_unicode.is_none() && !standard14 && named == 0;
        let unmapped = to_unicode.is_none() && table.iter().all(Option::is_none);

        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|o| obj::num(doc, o))
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let missing = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|o| obj::num(doc, o))
            .unwrap_or(0.0) as f32;
        let mut widths = Widths {
            ranges: Vec::new(),
            default: missing,
        };
        if let Some(Object::Array(ws)) = dict.get(b"Widths").ok().map(|o| obj::deref(doc, o)) {
            for (k, w) in ws.iter().enumerate().take(256) {
                if let Some(v) = obj::num(doc, w) {
                    let c = first + k as u32;
                    widths.push(c, c, v as f32);
                }
            }
        } else if standard14 {
            // No metrics at hand: an average width keeps words apart.
            widths.default = 500.0;
        }
        widths.finish();
        // A TrueType font with no map and no encoding (pdftops → ps2pdf), or a map that
        // sends glyphs to control characters: the outlines decide.
        let outlines = match (descriptor, subtype) {
            (Some(desc), Some(b"TrueType"))
                if to_unicode
                    .as_ref()
                    .map_or(unmapped, ToUnicode::has_controls) =>
            {
                simple_outlines(doc, desc, to_unicode.as_ref(), &widths, budget)
            }
            _ => None,
        };
        let unmapped = unmapped && outlines.is_none();
        let scale = if is_type3 {
            match dict.get(b"FontMatrix").ok().map(|o| obj::deref(doc, o)) {
                Some(Object::Array(m)) => m.first().and_then(|o| obj::num(doc, o)).unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };
        Font {
            name,
            composite: false,
            to_unicode,
            encoding: Some(Box::new(table)),
            suspect_encoding,
            widths,
            scale,
            unmapped,
            uid: u32::MAX,
            shape_fixes: std::cell::OnceCell::new(),
            shape_program,
            shape_cid: None,
            outlines,
            outline_gaps: Box::default(),
            suspect_fills: false,
        }
    }

    /// Is the font's text read from its glyph outlines ([`Font::outlines`] field)?
    pub(crate) fn reads_outlines(&self) -> bool {
        self.outlines.is_some() || !self.outline_gaps.is_empty()
    }

    /// Is `code`'s text a gap of the font's map filled from its outline?
    pub(crate) fn gap_filled(&self, code: u32) -> bool {
        self.outline_gaps.binary_search(&code).is_ok()
    }

    /// Splits `bytes` into codes and calls `each(code, width, is_single_byte_space)` after
    /// appending the code's text to `out`, returning how it was mapped.
    pub(crate) fn decode(
        &self,
        bytes: &[u8],
        out: &mut String,
        fixes: &[(u32, String)],
        mut each: impl FnMut(u32, f32, bool, Mapping, &mut String),
    ) {
        let mut i = 0;
        while i < bytes.len() {
            let default = if self.composite { 2 } else { 1 };
            let n = match &self.to_unicode {
                Some(m) if self.composite => m.code_len(&bytes[i..], default),
                _ => default,
            }
            .min(bytes.len() - i)
            .max(1);
            let code = bytes[i..i + n]
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            i += n;
            let mut mapping = Mapping::None;
            if let Some(outlines) = &self.outlines {
                match outlines.binary_search_by_key(&code, |e| e.0) {
                    Ok(k) => {
                        out.push_str(outlines[k].1);
                        mapping = Mapping::Encoding;
                    }
                    Err(_) => out.push('\u{FFFD}'),
                }
                each(
                    code,
                    self.widths.get(code),
                    n == 1 && code == 32,
                    mapping,
                    out,
                );
                continue;
            }
            let fix = if fixes.is_empty() {
                None
            } else {
                fixes
                    .binary_search_by_key(&code, |f| f.0)
                    .ok()
                    .map(|k| fixes[k].1.as_str())
            };
            if let Some(text) = fix {
                out.push_str(text);
                mapping = Mapping::ToUnicode;
            } else if let Some(m) = &self.to_unicode {
                let at = out.len();
                if m.lookup(code, out) {
                    mapping = if self.suspect_fills && self.gap_filled(code) {
                        Mapping::Suspect
                    } else {
                        Mapping::ToUnicode
                    };
                }
                // A code the map gives U+0000: the producer had no glyph for the character
                // and drew `.notdef` (ReportLab: code 0, `<00> <0000>`, for `▪`, `/` or Latin
                // in a Thai-only font). What was written there is not in the PDF.
                if &out[at..] == "\0" {
                    out.truncate(at);
                    out.push('\u{FFFD}');
                    let is_space = n == 1 && code == 32;
                    each(code, self.widths.get(code), is_space, Mapping::Missing, out);
                    continue;
                }
            }
            if mapping == Mapping::None {
                if let Some(c) = self
                    .encoding
                    .as_ref()
                    .and_then(|t| t.get(code as usize).copied().flatten())
                {
                    out.push(c);
                    // ASCII from an embedded font without ToUnicode is usually right (Latin
                    // fonts); anything else from it may be a Thai code page read as Latin-1.
                    mapping = if self.suspect_encoding && !c.is_ascii() {
                        Mapping::Suspect
                    } else {
                        Mapping::Encoding
                    };
                }
            }
            if mapping == Mapping::None {
                out.push('\u{FFFD}');
            }
            let is_space = n == 1 && code == 32;
            each(code, self.widths.get(code), is_space, mapping, out);
        }
    }
}

/// The embedded program of a CID font (`/FontFile2`, or `/FontFile3` of subtype `OpenType`).
fn cid_font_program(doc: &Document, cid_font: &Dictionary, budget: &mut Budget) -> Option<Vec<u8>> {
    let fd = obj::dict(doc, cid_font, b"FontDescriptor")?;
    if let Ok(f) = fd.get(b"FontFile2") {
        return obj::stream_data(doc, f, budget);
    }
    let f = fd.get(b"FontFile3").ok()?;
    let open_type = obj::dict(doc, fd, b"FontFile3")
        .is_some_and(|d| obj::name_of(doc, d.get(b"Subtype").ok()) == Some(b"OpenType"));
    open_type
        .then(|| obj::stream_data(doc, f, budget))
        .flatten()
}

/// Most disagreements with the outlines, in parts of the glyphs both read, that a ToUnicode
/// map is still trusted with (a few entries may differ in what the index folds: `-` for a
/// soft hyphen). Only maps with control characters are checked, and Ghostscript's get some
/// Thai glyphs right: 16% of its Noto Sans Thai entries are wrong (`ร` → `/`), 97% of a
/// TLWG font's Thai ones.
const OUTLINE_DISAGREE: f32 = 0.05;
/// Least share of the glyphs a font draws that the outline index must know.
const OUTLINE_COVERAGE: f32 = 0.9;

/// The text of each code of a font by its glyphs' outlines, when the outline index knows
/// nearly all the glyphs it draws ([`OUTLINE_COVERAGE`]) and `map` (the font's ToUnicode, if
/// any) is no evidence against it: absent, or disagreeing on more than [`OUTLINE_DISAGREE`]
/// of the glyphs both read (a map that agrees is kept). `glyphs`: `(code, glyph id)`.
/// A blank glyph is a space when it advances, nothing when it does not; an unknown one is
/// U+FFFD, so the page's quality still shows it.
fn outline_text(
    program: &[u8],
    glyphs: &[(u32, u16)],
    map: Option<&ToUnicode>,
    widths: &Widths,
) -> Option<Box<[(u32, &'static str)]>> {
    use super::outline::GlyphText;
    let super::outline::Decoded {
        texts,
        known,
        drawn,
    } = super::outline::decode(program, glyphs)?;
    if drawn == 0 || (known as f32) < OUTLINE_COVERAGE * drawn as f32 {
        return None;
    }
    if let Some(map) = map {
        let (agree, disagree) = map_agreement(&texts, map);
        if disagree < 3 || (disagree as f32) <= OUTLINE_DISAGREE * (agree + disagree) as f32 {
            return None;
        }
    }
    let out: Vec<(u32, &'static str)> = texts
        .into_iter()
        .map(|(code, text)| {
            let s = match text {
                GlyphText::Known(t) if t == super::outline::I_OR_L => super::outline::I_OR_L_MARK,
                GlyphText::Known(t) => t,
                GlyphText::Blank if widths.get(code) > 0.0 => " ",
                GlyphText::Blank => "",
                GlyphText::Unknown => "\u{FFFD}",
            };
            (code, s)
        })
        .collect();
    Some(out.into_boxed_slice())
}

/// How many of the glyphs that both `texts` (by outline) and `map` read they read alike, and
/// how many differently.
fn map_agreement(texts: &[(u32, super::outline::GlyphText)], map: &ToUnicode) -> (usize, usize) {
    let (mut agree, mut disagree) = (0usize, 0usize);
    for (code, text) in texts {
        if let (super::outline::GlyphText::Known(t), Some(m)) = (text, map.text(*code)) {
            if is_blank_entry(&m) {
                continue;
            }
            if crate::thai::repair(m.trim()) == crate::thai::repair(t) {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    (agree, disagree)
}

/// A ToUnicode entry that says nothing: empty, or U+FFFD (pdftocairo writes it for the glyphs
/// its source's map left out: Chromium's shaped Thai variants in Noto fonts).
fn is_blank_entry(text: &str) -> bool {
    text.chars().all(|c| c == '\u{FFFD}')
}

/// [`outline_text`] for a CID font with an Identity encoding (code = CID): its glyphs by
/// `/CIDToGIDMap`.
fn cid_outlines(
    doc: &Document,
    cid_font: &Dictionary,
    program: &[u8],
    map: Option<&ToUnicode>,
    widths: &Widths,
    budget: &mut Budget,
) -> Option<Box<[(u32, &'static str)]>> {
    let glyphs = cid_glyphs(doc, cid_font, program, budget)?;
    outline_text(program, &glyphs, map, widths)
}

/// `(code, glyph id)` pairs of a font.
type CodeGlyphs = Vec<(u32, u16)>;

/// The `(CID, glyph id)` pairs by `/CIDToGIDMap` (glyph 0 left out) of a `CIDFontType2` font
/// with an Identity encoding (code = CID) whose `/FontFile2` is `program`.
fn cid_glyphs(
    doc: &Document,
    cid_font: &Dictionary,
    program: &[u8],
    budget: &mut Budget,
) -> Option<CodeGlyphs> {
    if obj::name_of(doc, cid_font.get(b"Subtype").ok()) != Some(b"CIDFontType2") {
        return None;
    }
    obj::dict(doc, cid_font, b"FontDescriptor")?
        .get(b"FontFile2")
        .ok()?;
    let cid_to_gid = cid_font
        .get(b"CIDToGIDMap")
        .ok()
        .map(|o| obj::deref(doc, o))
        .filter(|o| matches!(o, Object::Stream(_)));
    let glyphs: Vec<(u32, u16)> = match cid_to_gid {
        Some(stream) => obj::stream_data(doc, stream, budget)?
            .chunks_exact(2)
            .take(65_536)
            .enumerate()
            .filter_map(|(cid, pair)| {
                let gid = u16::from_be_bytes([pair[0], pair[1]]);
                (gid != 0).then_some((cid as u32, gid))
            })
            .collect(),
        None => {
            let count = super::outline::Glyf::parse(program)?.count();
            (1..count.min(65_536)).map(|g| (g, g as u16)).collect()
        }
    };
    Some(glyphs)
}

/// Fills the gaps of the ToUnicode map of a CID font with an Identity encoding: each glyph of
/// its program that the map leaves out (or maps to nothing) and whose outline the index knows
/// as one text gets that text. wkhtmltopdf (Qt) and pdftocairo leave shaped Thai variants
/// (an upper vowel or tone mark moved for a tall consonant) out of their maps, and Qt's
/// subsets have no `cmap` for [`correct_from_program`] to use, so `ปีงบประมาณ` read as
/// `ปงบประมาณ`. A blank glyph or an unknown outline is left as it was (U+FFFD). Returns
/// the codes it filled, sorted, and whether others stay unknown: then the fills are read as
/// [`Mapping::Suspect`], so that a page with holes left is not judged better than before.
fn fill_gaps_from_outlines(
    doc: &Document,
    cid_font: &Dictionary,
    program: &[u8],
    map: &mut ToUnicode,
    budget: &mut Budget,
) -> (Box<[u32]>, bool) {
    let Some(glyphs) = cid_glyphs(doc, cid_font, program, budget) else {
        return (Box::default(), false);
    };
    let font = obj::name_of(doc, cid_font.get(b"BaseFont").ok())
        .map(String::from_utf8_lossy)
        .unwrap_or_default();
    let (fills, unknown) = gap_fills(program, &glyphs, map, &font);
    map.set_many(&fills);
    let mut filled: Vec<u32> = fills.iter().map(|f| f.0).collect();
    filled.sort_unstable();
    filled.dedup();
    (filled.into_boxed_slice(), unknown > 0)
}

/// Least number of glyphs the map and a reading of the outlines must agree on before the
/// reading fills the map's gaps (and they may disagree on at most [`OUTLINE_DISAGREE`]).
const GAP_AGREEMENT: usize = 3;

/// The `(code, text)` entries [`fill_gaps_from_outlines`] adds to `map` for the `(code, glyph
/// id)` pairs `glyphs` of `program`. The outlines are read as they are and, for a program not
/// at 1,000 units per em, as a rewrite of a 1,000-unit font (Qt's subsets,
/// [`super::outline::decode_from_units`]); the reading the map's own entries confirm best
/// fills the gaps, none when neither is confirmed. Gaps the index does not know are then
/// compared by shape with the shaped variants of the font named `font`
/// ([`super::outline::texts_by_shape`]: Qt re-fits their curves). Also returns how many drawn
/// gaps stay unknown.
fn gap_fills(
    program: &[u8],
    glyphs: &[(u32, u16)],
    map: &ToUnicode,
    font: &str,
) -> (Vec<(u32, String)>, usize) {
    use super::outline::{GlyphText, I_OR_L};
    let is_gap = |code: u32| map.text(code).is_none_or(|t| is_blank_entry(&t));
    if !glyphs.iter().any(|&(code, _)| is_gap(code)) {
        return (Vec::new(), 0);
    }
    let Some(units) = super::outline::Glyf::parse(program).map(|g| g.units()) else {
        return (Vec::new(), 0);
    };
    let mut readings = vec![super::outline::decode(program, glyphs)];
    if units != 1000 {
        readings.push(super::outline::decode_from_units(program, glyphs, 1000));
    }
    let readings: Vec<_> = readings
        .into_iter()
        .flatten()
        .map(|d| (map_agreement(&d.texts, map), d))
        .collect();
    let contradicted = |(agree, disagree): (usize, usize)| {
        (disagree as f32) > OUTLINE_DISAGREE * (agree + disagree) as f32
    };
    let mut fills: Vec<(u32, String)> = Vec::new();
    let mut unknown: Vec<(u32, u16)> = Vec::new();
    let best = readings
        .iter()
        .filter(|&&(a, _)| a.0 >= GAP_AGREEMENT && !contradicted(a))
        .max_by_key(|&&((agree, _), _)| agree);
    let Some((_, decoded)) = best else {
        // No reading the map confirms (Qt re-fitted the outlines of most glyphs: Noto Serif
        // Thai; or the font is another version than the index's: the map contradicts the
        // hashes, Google's Niramit): every drawn gap is compared by shape alone, with the
        // variants of the font of that name, near one and apart from every other text.
        // No reading at all (a program not decoded) is no evidence either.
        if readings.is_empty() {
            return (Vec::new(), 0);
        }
        let glyf = super::outline::Glyf::parse(program);
        unknown.extend(glyphs.iter().filter(|&&(code, gid)| {
            is_gap(code) && glyf.as_ref().is_some_and(|g| g.hash(gid) != Some(None))
        }));
        let found = super::outline::texts_by_shape(program, &unknown, font);
        unknown.retain(|u| !found.iter().any(|f| f.0 == u.0));
        fills.extend(found);
        return (fills, unknown.len());
    };
    for (code, text) in decoded.texts.iter().cloned() {
        if !is_gap(code) {
            continue;
        }
        match text {
            GlyphText::Known(t) if t != I_OR_L && !t.is_empty() => fills.push((code, t.to_owned())),
            GlyphText::Blank => {}
            _ => unknown.extend(glyphs.iter().filter(|g| g.0 == code).take(1)),
        }
    }
    if units != 1000 {
        let found = super::outline::texts_from_units(program, &unknown, 1000);
        unknown.retain(|u| !found.iter().any(|f| f.0 == u.0));
        fills.extend(found.into_iter().map(|(c, t)| (c, t.to_owned())));
    }
    if !unknown.is_empty() {
        let found = super::outline::texts_by_shape(program, &unknown, font);
        unknown.retain(|u| !found.iter().any(|f| f.0 == u.0));
        fills.extend(found);
    }
    (fills, unknown.len())
}

/// [`outline_text`] for a simple TrueType font: byte codes through its symbolic `cmap`.
fn simple_outlines(
    doc: &Document,
    descriptor: &Dictionary,
    map: Option<&ToUnicode>,
    widths: &Widths,
    budget: &mut Budget,
) -> Option<Box<[(u32, &'static str)]>> {
    let program = obj::stream_data(doc, descriptor.get(b"FontFile2").ok()?, budget)?;
    let glyphs = truetype::code_glyphs(&program, 0..=255);
    outline_text(&program, &glyphs, map, widths)
}

/// Checks the ToUnicode entries of a CID font (Identity encoding: code = CID) against what
/// its embedded font program says its Thai glyphs are ([`truetype::thai_glyphs`]), and
/// replaces those it contradicts (see [`needs_correction`]). Returns how many it replaced.
///
/// WeasyPrint 57 writes ToUnicode maps that give shaped Thai glyphs another glyph's code
/// point (`ขูอ` for `ข้อ`, `คา` for `คำ`, `อย่่` for `อยู่`); the font's own `cmap` does not.
fn correct_from_program(
    doc: &Document,
    cid_font: &Dictionary,
    program: &[u8],
    map: &mut ToUnicode,
    budget: &mut Budget,
) -> usize {
    let glyphs = truetype::thai_glyphs(program);
    if glyphs.is_empty() {
        return 0;
    }
    let truetype_cid = obj::name_of(doc, cid_font.get(b"Subtype").ok()) == Some(b"CIDFontType2");
    // (code, index into glyphs)
    let mut codes: Vec<(u32, usize)> = Vec::new();
    let cid_to_gid = cid_font
        .get(b"CIDToGIDMap")
        .ok()
        .map(|o| obj::deref(doc, o))
        .filter(|o| matches!(o, Object::Stream(_)));
    match cid_to_gid {
        Some(stream) if truetype_cid => {
            let Some(data) = obj::stream_data(doc, stream, budget) else {
                return 0;
            };
            for (cid, pair) in data.chunks_exact(2).take(65_536).enumerate() {
                let gid = u16::from_be_bytes([pair[0], pair[1]]);
                if let Ok(i) = glyphs.binary_search_by_key(&gid, |g| g.gid) {
                    codes.push((cid as u32, i));
                }
            }
        }
        _ => {
            for (i, g) in glyphs.iter().enumerate() {
                let code = if truetype_cid { g.gid } else { g.cid };
                codes.push((u32::from(code), i));
            }
        }
    }
    let mut fixes: Vec<(u32, String)> = Vec::new();
    for (code, i) in codes {
        let ThaiGlyph { text, .. } = &glyphs[i];
        if needs_correction(map.text(code).as_deref(), text) {
            fixes.push((code, text.clone()));
        }
    }
    map.set_many(&fixes);
    fixes.len()
}

impl Font {
    /// The ToUnicode entries that the outlines of the font's program contradict, corrected
    /// ([`Font::shape_fixes`] field); computed once, when a page without `/ActualText` first
    /// shows the font.
    pub(crate) fn shape_fixes(&self, doc: &Document, budget: &mut Budget) -> &[(u32, String)] {
        self.shape_fixes.get_or_init(|| {
            match (&self.shape_program, &self.shape_cid, &self.to_unicode) {
                (Some(program), _, Some(map)) => shape_fixes(doc, program, map, budget),
                (None, Some(cid), Some(map)) => cid_outline_fixes(doc, &cid.0, &cid.1, map, budget),
                _ => Vec::new(),
            }
        })
    }

    /// Were some of its ToUnicode entries corrected from the outline index (a CID font whose
    /// [`Font::shape_fixes`] were computed and found some)? Noted like [`Font::outlines`].
    pub(crate) fn outline_fixed(&self) -> bool {
        self.shape_cid.is_some() && self.shape_fixes.get().is_some_and(|f| !f.is_empty())
    }
}

/// Least number of glyphs a CID font's map and the outline index must read alike before the
/// index corrects the map's other Thai entries ([`cid_outline_fixes`]).
const CONTRADICT_AGREEMENT: usize = 10;
/// Largest share of the glyphs both read that they may read differently for that.
const CONTRADICT_SHARE: f32 = 0.25;

/// The Thai ToUnicode entries of a CID font with an Identity encoding (the descendant font
/// `cid_font`) that the outline index contradicts, with the index's text, sorted by code.
///
/// pdftocairo rewrites LibreOffice's simple fonts as CID fonts and keeps LibreOffice's map,
/// which gives shaped glyphs another glyph of their cluster (`ขูอม่ล` for `ข้อมูล`, `ำ` on the
/// nikhahit glyph so that `จัดทำ` reads `จัดทำา`); the `/ActualText` that made up for it is
/// gone, and the subset has no `cmap` for [`correct_from_program`]. When the map reads most
/// glyphs as the index does (the same font, at least [`CONTRADICT_AGREEMENT`] glyphs, at most
/// [`CONTRADICT_SHARE`] of them read otherwise), each Thai entry the index reads as another
/// Thai text (one text, not `I|l`) takes the index's text, and so does an entry of CJK junk
/// the index reads as Latin letters ([`latin_for_junk`]).
fn cid_outline_fixes(
    doc: &Document,
    cid_font: &Dictionary,
    program: &[u8],
    map: &ToUnicode,
    budget: &mut Budget,
) -> Vec<(u32, String)> {
    match cid_glyphs(doc, cid_font, program, budget) {
        Some(glyphs) => outline_contradictions(program, &glyphs, map),
        None => Vec::new(),
    }
}

/// The entries of `map` that the outlines of the `(code, glyph id)` pairs `glyphs` of
/// `program` contradict (see [`cid_outline_fixes`]).
fn outline_contradictions(
    program: &[u8],
    glyphs: &[(u32, u16)],
    map: &ToUnicode,
) -> Vec<(u32, String)> {
    use super::outline::{GlyphText, I_OR_L};
    let Some(decoded) = super::outline::decode(program, glyphs) else {
        return Vec::new();
    };
    let (agree, disagree) = map_agreement(&decoded.texts, map);
    if agree < CONTRADICT_AGREEMENT
        || disagree as f32 > CONTRADICT_SHARE * (agree + disagree) as f32
    {
        return Vec::new();
    }
    decoded
        .texts
        .into_iter()
        .filter_map(|(code, text)| match (text, map.text(code)) {
            (GlyphText::Known(t), Some(current))
                if t != I_OR_L
                    && !current.is_empty()
                    && (t.chars().all(truetype::is_thai)
                        && needs_correction(Some(&current), t)
                        || latin_for_junk(&current, t)) =>
            {
                Some((code, t.to_owned()))
            }
            _ => None,
        })
        .collect()
}

/// Is `current`, a map's text for a glyph the outline index reads as Latin letters `latin`
/// (a ligature: `ffi`), junk from CJK or Hangul? Ghostscript maps LibreOffice's `ffi` glyph to
/// `昀케` (its UTF-16 read askew).
fn latin_for_junk(current: &str, latin: &str) -> bool {
    latin.chars().all(|c| c.is_ascii_alphabetic()) && current.chars().any(is_junk)
}

/// A CJK or Hangul character: junk in the map of a Thai report's font.
fn is_junk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{D7FF}' | '\u{F900}'..='\u{FAFF}')
}

/// The ToUnicode entries of a simple TrueType font that where its embedded program (the
/// `/FontFile2` entry `program`) draws each glyph contradicts ([`truetype::shape_fixes`]),
/// with their corrections, sorted by code.
fn shape_fixes(
    doc: &Document,
    program: &Object,
    map: &ToUnicode,
    budget: &mut Budget,
) -> Vec<(u32, String)> {
    let Some(program) = obj::stream_data(doc, program, budget) else {
        return Vec::new();
    };
    let entries: Vec<(u32, String)> = (0..256u32)
        .filter_map(|code| map.text(code).map(|t| (code, t)))
        .collect();
    // The outline index first, where it knows the font; where the glyphs stand for the rest.
    let glyphs = truetype::code_glyphs(&program, 0..=255);
    let mut fixes = outline_contradictions(&program, &glyphs, map);
    for fix in truetype::shape_fixes(&program, &entries) {
        if !fixes.iter().any(|f| f.0 == fix.0) {
            fixes.push(fix);
        }
    }
    fixes.sort_unstable();
    fixes
}

/// Should a ToUnicode text (`None`: no entry) give way to `program`, the Thai text the font
/// program gives the same glyph? Only where they disagree after the Thai repairs (Private Use
/// variants, sara am pieces), and only when the ToUnicode text is empty, blank or Thai itself:
/// a glyph the font calls Thai that the CMap maps to Latin or a ligature of Latin letters is
/// left alone (no fixture shows that, and guessing is worse than keeping).
fn needs_correction(current: Option<&str>, program: &str) -> bool {
    let Some(current) = current else {
        return true;
    };
    let thaiish = |c: char| {
        truetype::is_thai(c)
            || crate::thai::pua_to_standard(c).is_some()
            || matches!(c, ' ' | '\u{00A0}' | '\u{200B}')
    };
    if !current.chars().all(thaiish) {
        return false;
    }
    crate::thai::repair(current) != crate::thai::repair(program)
}

/// One of the 14 standard fonts (by name, subset prefix and style suffix ignored).
fn is_standard14(name: &str) -> bool {
    let base = name.split_once('+').map_or(name, |(_, b)| b);
    let family = base.split([',', '-']).next().unwrap_or(base);
    matches!(
        family,
        "Helvetica" | "Times" | "Courier" | "Symbol" | "ZapfDingbats" | "Arial" | "TimesNewRoman"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        let cases: [(&[u8], Option<char>); 10] = [
            (b"kokaithai", Some('ก')),
            (b"saraamthai", Some('ำ')),
            (b"nikhahitthai", Some('ํ')),
            (b"zerothai", Some('๐')),
            (b"A", Some('A')),
            (b"space", Some(' ')),
            (b"uni0E01", Some('ก')),
            (b"u0E33", Some('ำ')),
            (b"maiekthai.narrow", Some('่')),
            (b"g123", None),
        ];
        for (name, want) in cases {
            assert_eq!(
                glyph_to_char(name),
                want,
                "{}",
                String::from_utf8_lossy(name)
            );
        }
    }

    #[test]
    fn w_both_forms() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(1),
            Object::Array(vec![Object::Integer(500), Object::Integer(600)]),
            Object::Integer(10),
            Object::Integer(20),
            Object::Real(250.0),
            Object::Integer(3000),
            Object::Array(vec![Object::Integer(700)]),
        ];
        let widths = Widths::from_w(&doc, &w, 0.0);
        let cases = [
            (0, 0.0),
            (1, 500.0),
            (2, 600.0),
            (3, 0.0),
            (10, 250.0),
            (15, 250.0),
            (20, 250.0),
            (21, 0.0),
            (3000, 700.0),
        ];
        for (code, want) in cases {
            assert_eq!(widths.get(code), want, "code {code}");
        }
    }

    #[test]
    fn corrections_only_for_thai_disagreements() {
        // WeasyPrint's wrong entries: sara uu glyph → mai ek, lowered mai tho → sara uu, the
        // nikhahit of sara am → nothing.
        assert!(needs_correction(Some("่"), "ู"));
        assert!(needs_correction(Some("ู"), "้"));
        assert!(needs_correction(Some(""), "ํ"));
        assert!(needs_correction(None, "ก"));
        assert!(needs_correction(Some(" "), "ํ"));
        // Agreement, also through the PUA table and sara am pieces.
        assert!(!needs_correction(Some("ก"), "ก"));
        assert!(!needs_correction(Some("\u{F70B}"), "้"));
        assert!(!needs_correction(Some("ำ"), "ํา"));
        // Not Thai: left alone.
        assert!(!needs_correction(Some("ffi"), "ก"));
        assert!(!needs_correction(Some("A"), "ก"));
    }

    /// A Type0 font over the WeasyPrint fixture's Laksaman program with a ToUnicode map that
    /// makes WeasyPrint's mistakes, and `cid_to_gid` (`None`: `/Identity`).
    fn weasyprint_like_font(cid_to_gid: Option<&[(u16, u16)]>) -> Font {
        use lopdf::{dictionary, Stream};
        let program = super::truetype::tests::fixture_font(
            "chiangmai-2566.weasyprint-laksaman.pdf",
            "+Laksaman",
        );
        let mut doc = Document::with_version("1.7");
        let file = doc.add_object(Stream::new(dictionary! {}, program));
        let descriptor =
            doc.add_object(dictionary! { "Type" => "FontDescriptor", "FontFile2" => file });
        // Codes: ก, sara uu (→ mai ek), lowered mai tho (→ sara uu), nikhahit (→ nothing), A.
        let glyphs: [(u16, u16); 5] = [(8, 0xF3), (5, 0x12B), (6, 0x1E6), (7, 0x13B), (9, 0x24)];
        let code = |i: usize| match cid_to_gid {
            Some(_) => glyphs[i].0,
            None => glyphs[i].1,
        };
        let cmap = format!(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange 5 beginbfchar \
             <{:04X}> <0E01> <{:04X}> <0E48> <{:04X}> <0E39> <{:04X}> <> <{:04X}> <0041> endbfchar",
            code(0),
            code(1),
            code(2),
            code(3),
            code(4)
        );
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
        let map: Object = match cid_to_gid {
            Some(pairs) => {
                let mut bytes = vec![0u8; 2 * 16];
                for &(cid, gid) in pairs {
                    bytes[2 * usize::from(cid)..][..2].copy_from_slice(&gid.to_be_bytes());
                }
                doc.add_object(Stream::new(dictionary! {}, bytes)).into()
            }
            None => "Identity".into(),
        };
        let desc = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "MZZIFG+Laksaman",
            "FontDescriptor" => descriptor, "CIDToGIDMap" => map,
        });
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "MZZIFG+Laksaman",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![desc.into()],
            "ToUnicode" => to_unicode,
        };
        Font::load(&doc, &font, &mut Budget::default())
    }

    #[test]
    fn a_code_mapped_to_u0000_is_unreadable() {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.7");
        let cmap = "1 begincodespacerange <00> <FF> endcodespacerange \
                    3 beginbfchar <00> <0000> <01> <0E01> <02> <0020> endbfchar";
        let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.as_bytes().to_vec()));
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "AAAAAA+Thai",
            "FirstChar" => 0, "LastChar" => 2,
            "Widths" => vec![766.into(), 600.into(), 277.into()],
            "ToUnicode" => to_unicode,
        };
        let f = Font::load(&doc, &font, &mut Budget::default());
        let mut out = String::new();
        let mut how = Vec::new();
        f.decode(&[1, 0, 2, 1], &mut out, &[], |_, _, _, m, _| how.push(m));
        assert_eq!(out, "ก\u{FFFD} ก");
        assert_eq!(how[1], Mapping::Missing);
        assert_eq!(how[0], Mapping::ToUnicode);
    }

    fn decode_all(f: &Font, codes: &[u16]) -> String {
        let bytes: Vec<u8> = codes.iter().flat_map(|c| c.to_be_bytes()).collect();
        let mut out = String::new();
        f.decode(&bytes, &mut out, &[], |_, _, _, _, _| {});
        out
    }

    #[test]
    fn tounicode_corrected_from_the_font_program() {
        let identity = weasyprint_like_font(None);
        assert_eq!(
            decode_all(&identity, &[0xF3, 0x12B, 0x1E6, 0x13B, 0x24]),
            "กู้ํA"
        );
        let mapped = weasyprint_like_font(Some(&[
            (8, 0xF3),
            (5, 0x12B),
            (6, 0x1E6),
            (7, 0x13B),
            (9, 0x24),
        ]));
        assert_eq!(decode_all(&mapped, &[8, 5, 6, 7, 9]), "กู้ํA");
    }

    /// The Garuda program of the Chromium fixture (CID, identity glyph ids) with a ToUnicode
    /// map that gives its glyphs their outline texts, every `k`-th one (`k > 0`) a control
    /// character instead (as Ghostscript's maps do).
    fn garuda_with_map(k: usize) -> (Vec<u8>, Vec<(u32, u16)>, ToUnicode) {
        let program =
            super::truetype::tests::fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let count = super::super::outline::Glyf::parse(&program)
            .unwrap()
            .count();
        let glyphs: Vec<(u32, u16)> = (1..count).map(|g| (g, g as u16)).collect();
        let known = super::super::outline::decode(&program, &glyphs).unwrap();
        let mut entries = String::new();
        let mut n = 0;
        for (code, text) in &known.texts {
            if let super::super::outline::GlyphText::Known(t) = text {
                n += 1;
                let t: String = if k > 0 && n % k == 0 {
                    "\u{F}".into()
                } else {
                    (*t).into()
                };
                let hex: String = t.encode_utf16().map(|u| format!("{u:04X}")).collect();
                entries += &format!("<{code:04X}> <{hex}>\n");
            }
        }
        let cmap = format!("1 begincodespacerange <0000> <FFFF> endcodespacerange {n} beginbfchar\n{entries}endbfchar");
        (program, glyphs, ToUnicode::parse(cmap.as_bytes()))
    }

    #[test]
    fn outlines_replace_only_a_map_they_contradict() {
        let widths = Widths::default();
        // A map that agrees with the outlines is kept.
        let (program, glyphs, map) = garuda_with_map(0);
        assert!(outline_text(&program, &glyphs, Some(&map), &widths).is_none());
        // One that sends one glyph in 4 to a control character is not.
        let (program, glyphs, map) = garuda_with_map(4);
        assert!(map.has_controls());
        let texts = outline_text(&program, &glyphs, Some(&map), &widths).unwrap();
        assert!(texts.iter().any(|t| t.1 == "ก") && texts.iter().all(|t| t.1 != "\u{F}"));
        // No map: the outlines; a blank glyph with no width is no text.
        let texts = outline_text(&program, &glyphs, None, &widths).unwrap();
        assert!(texts.iter().any(|t| t.1.is_empty()));
        // A program the index knows too little of (most glyphs cut off): no outline text.
        let cut = &program[..program.len() / 3];
        assert!(outline_text(cut, &glyphs, None, &widths).is_none());
    }

    #[test]
    fn outlines_fill_only_the_gaps_of_a_map() {
        // Garuda with a map that leaves out every third glyph it knows, maps one to nothing
        // and one (deliberately) to a wrong letter: the gaps are filled, entries kept.
        let (program, glyphs, full) = garuda_with_map(0);
        let known: Vec<(u32, String)> = glyphs
            .iter()
            .filter_map(|&(code, _)| full.text(code).map(|t| (code, t)))
            .collect();
        let mut entries = String::new();
        let mut gaps = Vec::new();
        for (n, (code, text)) in known.iter().enumerate() {
            let hex: String = match n {
                _ if n % 3 == 2 => {
                    gaps.push((*code, text.clone()));
                    continue;
                }
                1 => {
                    gaps.push((*code, text.clone()));
                    String::new()
                }
                4 => "0E01".into(),
                _ => text.encode_utf16().map(|u| format!("{u:04X}")).collect(),
            };
            entries += &format!("<{code:04X}> <{hex}>\n");
        }
        let cmap = format!(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange beginbfchar\n{entries}endbfchar"
        );
        let map = ToUnicode::parse(cmap.as_bytes());
        let (fills, unknown) = gap_fills(&program, &glyphs, &map, "");
        assert_eq!(unknown, 0);
        let mut want = gaps.clone();
        want.sort_unstable();
        assert_eq!(fills, want);
        assert!(fills.iter().all(|f| f.0 != known[4].0));
        // A map the outlines do not confirm (every entry wrong) fills nothing.
        let wrong: String = known
            .iter()
            .map(|(code, _)| format!("<{code:04X}> <0E01>\n"))
            .take(40)
            .collect();
        let cmap = format!(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange beginbfchar\n{wrong}endbfchar"
        );
        let (fills, _) = gap_fills(&program, &glyphs, &ToUnicode::parse(cmap.as_bytes()), "");
        assert!(fills.len() < 2, "{fills:?}");
    }

    #[test]
    fn gaps_are_filled_by_shape_where_the_map_contradicts_the_hashes() {
        // Another version of a font than the index's: its map contradicts every hash reading
        // (here: every entry a wrong letter), and its shaped variants are gaps. Each gap is
        // still read by its shape, as the variant of the font of that name it lies near.
        let program = super::truetype::tests::fixture_font(
            "chiangmai-2566.wkhtmltopdf-noto-serif-thai.pdf",
            "NotoSerifThai-Regular",
        );
        let count = super::super::outline::Glyf::parse(&program)
            .unwrap()
            .count();
        let glyphs: Vec<(u32, u16)> = (1..count).map(|g| (g, g as u16)).collect();
        let font = "NotoSerifThai-Regular";
        let variants = super::super::outline::texts_by_shape(&program, &glyphs, font);
        assert!(variants.len() >= 3, "{variants:?}");
        assert!(variants
            .iter()
            .all(|v| v.1.chars().all(crate::thai::is_combining)));
        let entries: Vec<(u32, String)> = glyphs
            .iter()
            .filter(|g| !variants.iter().any(|v| v.0 == g.0))
            .map(|g| (g.0, "ก".to_owned()))
            .collect();
        let (fills, unknown) = gap_fills(&program, &glyphs, &map_of(&entries), font);
        assert_eq!(unknown, 0);
        assert_eq!(fills, variants);
        // No font of that name among the variants: nothing to compare with, nothing filled.
        let (fills, _) = gap_fills(&program, &glyphs, &map_of(&entries), "Unknown Sans");
        assert!(fills.is_empty(), "{fills:?}");
    }

    #[test]
    fn gaps_are_filled_by_shape_in_a_second_version_of_a_font() {
        // A made-up program: glyphs the index knows (Garuda's), then the shaped variants of
        // NotoSerifThai-Regular as another version of the font draws them (every point moved
        // a unit or two: no hash finds them). The map contradicts the known glyphs (each one
        // `ก`) and leaves the variants out: each is read by its shape as its own text, never
        // as another.
        use super::super::outline::made_up;
        let (garuda, glyphs, _) = garuda_with_map(0);
        let known: Vec<Vec<Vec<(i32, i32, bool)>>> = glyphs
            .iter()
            .filter_map(|&(_, gid)| made_up::contours(&garuda, gid))
            .filter(|c| !c.is_empty())
            .take(40)
            .collect();
        let font = "NotoSerifThai-Regular";
        let variants = made_up::variants(font);
        assert!(variants.len() >= 30 && variants.iter().all(|v| v.1 == 1000));
        let second = |dx: i32| -> Vec<u8> {
            let moved = variants.iter().map(|(_, _, contours)| {
                contours
                    .iter()
                    .map(|c| {
                        let k = c.iter().enumerate();
                        k.map(|(k, &(x, y, on))| (x + dx + (k % 2) as i32, y - 1, on))
                            .collect()
                    })
                    .collect()
            });
            let all: Vec<Vec<Vec<(i32, i32, bool)>>> = std::iter::once(Vec::new())
                .chain(known.clone())
                .chain(moved)
                .collect();
            made_up::program(1000, &all)
        };
        let program = second(1);
        let n = known.len() + variants.len();
        let codes: Vec<(u32, u16)> = (1..=n as u16).map(|g| (u32::from(g), g)).collect();
        let entries: Vec<(u32, String)> = (1..=known.len() as u32)
            .map(|c| (c, "ก".to_owned()))
            .collect();
        let map = map_of(&entries);
        let decoded = super::super::outline::decode(&program, &codes).unwrap();
        assert_eq!(
            decoded.known,
            known.len(),
            "the variants' hashes are another version's"
        );
        let (fills, unknown) = gap_fills(&program, &codes, &map, font);
        let first = known.len() as u32 + 1;
        for (code, text) in &fills {
            assert_eq!(text, &variants[(code - first) as usize].0, "code {code}");
        }
        assert!(fills.len() * 10 >= variants.len() * 9, "{fills:?}");
        assert_eq!(fills.len() + unknown, variants.len());
        // Moved far (another font's drawing): none is read.
        let (fills, unknown) = gap_fills(&second(80), &codes, &map, font);
        assert!(fills.is_empty(), "{fills:?}");
        assert_eq!(unknown, variants.len());
    }

    /// A ToUnicode map of `(code, text)` entries.
    fn map_of(entries: &[(u32, String)]) -> ToUnicode {
        let body: String = entries
            .iter()
            .map(|(code, t)| {
                let hex: String = t.encode_utf16().map(|u| format!("{u:04X}")).collect();
                format!("<{code:04X}> <{hex}>\n")
            })
            .collect();
        let cmap = format!(
            "1 begincodespacerange <0000> <FFFF> endcodespacerange beginbfchar\n{body}endbfchar"
        );
        ToUnicode::parse(cmap.as_bytes())
    }

    #[test]
    fn outlines_correct_the_thai_entries_they_contradict() {
        // Garuda with LibreOffice's kind of map: the mai tho glyph given sara uu and the sara
        // uu glyph mai ek (`ขูอม่ล`), the nikhahit given sara am; a Latin entry made wrong
        // too. Only the Thai ones are corrected, to the outlines' text.
        let (program, glyphs, full) = garuda_with_map(0);
        let code_of = |t: &str| {
            glyphs
                .iter()
                .map(|g| g.0)
                .find(|&c| full.text(c).as_deref() == Some(t))
                .unwrap()
        };
        let (tho, uu, nikhahit, a) = (
            code_of("\u{E49}"),
            code_of("\u{E39}"),
            code_of("\u{E4D}"),
            code_of("A"),
        );
        let wrong = |code: u32| match code {
            c if c == tho => Some("\u{E39}"),
            c if c == uu => Some("\u{E48}"),
            c if c == nikhahit => Some("\u{E33}"),
            c if c == a => Some("B"),
            _ => None,
        };
        let entries: Vec<(u32, String)> = glyphs
            .iter()
            .filter_map(|&(code, _)| {
                let t = full.text(code)?;
                Some((code, wrong(code).map_or(t, str::to_owned)))
            })
            .collect();
        let map = map_of(&entries);
        let mut want = vec![
            (tho, "\u{E49}".to_owned()),
            (uu, "\u{E39}".to_owned()),
            (nikhahit, "\u{E4D}".to_owned()),
        ];
        want.sort_unstable();
        assert_eq!(outline_contradictions(&program, &glyphs, &map), want);
        // CJK junk for Latin letters (Ghostscript's `昀케` for LibreOffice's `ffi`) is corrected.
        let junk: Vec<(u32, String)> = entries
            .iter()
            .map(|(code, t)| {
                (
                    *code,
                    if *code == a {
                        "\u{6600}\u{CF00}".into()
                    } else {
                        t.clone()
                    },
                )
            })
            .collect();
        let fixes = outline_contradictions(&program, &glyphs, &map_of(&junk));
        assert!(fixes.contains(&(a, "A".to_owned())), "{fixes:?}");
        assert!(latin_for_junk("\u{6600}\u{CF00}", "ffi"));
        assert!(!latin_for_junk("ffi", "ffi") && !latin_for_junk("ก", "ffi"));
        assert!(!latin_for_junk("\u{6600}", "ก"));
        // A map that reads a third of the glyphs otherwise is another font's: left alone.
        let scrambled: Vec<(u32, String)> = entries
            .iter()
            .enumerate()
            .map(|(k, (code, t))| {
                (
                    *code,
                    if k % 3 == 0 {
                        "\u{E01}".into()
                    } else {
                        t.clone()
                    },
                )
            })
            .collect();
        assert!(outline_contradictions(&program, &glyphs, &map_of(&scrambled)).is_empty());
    }

    #[test]
    fn replacement_character_entries_are_gaps() {
        // pdftocairo writes U+FFFD for the glyphs its source's map left out: filled like gaps.
        let (program, glyphs, full) = garuda_with_map(0);
        let mut gaps = Vec::new();
        let entries: Vec<(u32, String)> = glyphs
            .iter()
            .filter_map(|&(code, _)| full.text(code).map(|t| (code, t)))
            .enumerate()
            .map(|(k, (code, t))| {
                if k % 10 == 5 && t.chars().all(super::truetype::is_thai) {
                    gaps.push((code, t));
                    (code, "\u{FFFD}".to_owned())
                } else {
                    (code, t)
                }
            })
            .collect();
        assert!(gaps.len() >= 3);
        let (fills, unknown) = gap_fills(&program, &glyphs, &map_of(&entries), "");
        assert_eq!((fills, unknown), (gaps, 0));
    }

    #[test]
    fn win_ansi_table() {
        assert_eq!(win_ansi(b'A'), Some('A'));
        assert_eq!(win_ansi(0x93), Some('\u{201C}'));
        assert_eq!(win_ansi(0x81), None);
        assert_eq!(win_ansi(0xE9), Some('é'));
        assert_eq!(mac_roman(0x8E), Some('é'));
    }
}
