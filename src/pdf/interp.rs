//! The content-stream interpreter: text state and matrices, `cm`/`q`/`Q`, text showing,
//! Form XObjects with their own resources, marked content with `/ActualText`, and the straight
//! path segments that draw table rulings. Produces positioned glyphs with their Unicode text.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, Mapping};
use super::lexer::{text_string, Lexer, Operand};
use super::obj::{self, Budget};

/// Deepest nesting of Form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// Deepest `q` nesting kept (deeper saves are counted but not stored).
const MAX_GSTATE_DEPTH: usize = 256;
/// Most glyphs kept for one page.
const MAX_GLYPHS: usize = 500_000;
/// Most ruling segments kept for one page.
const MAX_RULES: usize = 50_000;

/// An affine matrix `[a b c d e f]`.
pub(crate) type Matrix = [f64; 6];

/// The identity matrix.
pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` (apply `m` first, then `n`).
pub(crate) fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub(crate) fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One glyph (or one `/ActualText` span) placed on the page, in device space (y up).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Left edge (origin) of the glyph.
    pub(crate) x0: f32,
    /// Right edge (origin + advance).
    pub(crate) x1: f32,
    /// Baseline.
    pub(crate) y: f32,
    /// Font size in device units.
    pub(crate) size: f32,
    /// Byte range of the glyph's text in [`PageContent::text`].
    pub(crate) start: u32,
    /// End of that range.
    pub(crate) end: u32,
    /// Drawn in render mode 3 or 7 (invisible: an OCR layer).
    pub(crate) invisible: bool,
    /// Not horizontal (rotated text): kept out of the line layout.
    pub(crate) rotated: bool,
    /// How its text was mapped.
    pub(crate) mapping: Mapping,
    /// The font's [`Font::uid`].
    pub(crate) font: u32,
}

/// An axis-aligned straight segment that was painted (a candidate table ruling).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// Left / bottom end.
    pub(crate) x0: f32,
    /// Bottom end.
    pub(crate) y0: f32,
    /// Right / top end.
    pub(crate) x1: f32,
    /// Top end.
    pub(crate) y1: f32,
}

impl Rule {
    /// Horizontal (as opposed to vertical)?
    pub(crate) fn horizontal(&self) -> bool {
        (self.y1 - self.y0) <= (self.x1 - self.x0)
    }
}

/// Everything the interpreter gathered on one page.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// Glyphs in content order.
    pub(crate) glyphs: Vec<Glyph>,
    /// The text of all glyphs, referenced by byte ranges.
    pub(crate) text: String,
    /// Painted straight segments.
    pub(crate) rules: Vec<Rule>,
    /// Images drawn (XObjects and inline).
    pub(crate) images: usize,
    /// Names of fonts with no way to Unicode used on the page.
    pub(crate) unmapped_fonts: Vec<String>,
    /// Names of fonts used on the page whose text is read from their glyph outlines.
    pub(crate) outline_fonts: Vec<String>,
    /// Problems met (bad XObjects, nesting too deep, ...).
    pub(crate) notes: Vec<String>,
    /// The page's visible box `[x0, y0, x1, y1]` in device space, when known.
    pub(crate) media: Option<[f32; 4]>,
    /// Image XObjects drawn (by reference), with the matrix that places their unit square.
    pub(crate) placed: Vec<Placed>,
    /// Lines cut where they run on past their clip ([`cut_by_clip`]): the page is degraded.
    pub(crate) cut_at_clip: usize,
}

/// An image XObject drawn on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    /// The image's object.
    pub(crate) id: ObjectId,
    /// The CTM when it was drawn: image space (the unit square) → device space.
    pub(crate) ctm: Matrix,
}

/// Fonts of a document, by object id (a font dictionary written inline is built each time).
#[derive(Default)]
pub(crate) struct FontCache {
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// The faces met so far ([`face_of`]): a font's [`Font::uid`] is its face's index.
    faces: Vec<String>,
}

/// The face a font name stands for: without the subset tag (`ABCDEF+`) and without the
/// `_00`, `_01`, … that pdftops gives the simple fonts it splits a CID font into, so that the
/// pieces of one font count as one for the layout (a paragraph whose lines end and begin in
/// different pieces still reflows; pdftocairo writes one font as two subsets, too).
fn face_of(name: &str) -> &str {
    let base = name.split_once('+').map_or(name, |(_, b)| b);
    match base.rsplit_once('_') {
        Some((face, n)) if n.len() == 2 && n.bytes().all(|b| b.is_ascii_hexdigit()) => face,
        _ => base,
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
    font: Option<Rc<Font>>,
    fs: f64,
    render: i64,
    /// The clipping path's bounding box in device space `[x0, y0, x1, y1]` (`W`/`W*`), when
    /// one was set: glyphs outside it are not shown (wkhtmltopdf draws a table row cut by a
    /// page break whole on both pages and clips each copy to the page's body).
    clip: Option<[f64; 4]>,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
            font: None,
            fs: 0.0,
            render: 0,
            clip: None,
        }
    }
}

/// The interpreter for one page.
pub(crate) struct Interp<'d, 'c> {
    doc: &'d Document,
    fonts: &'c mut FontCache,
    budget: &'c mut Budget,
    /// What was gathered.
    pub(crate) out: PageContent,
    forms: Vec<ObjectId>,
    /// Use the fonts' outline-based ToUnicode corrections (the page has no `/ActualText`).
    pub(crate) shape_fixed: bool,
    /// Indices in `out.glyphs` of glyphs whose text fills a gap of their font's map
    /// ([`Font::gap_filled`]), ascending.
    filled: Vec<usize>,
    /// The last glyph drawn that is not a mark ([`mark_clipped`]).
    base_clip: Option<BaseGlyph>,
    /// Fonts named by `Tf` on this page, by their resource dictionary (its address: they are
    /// the document's, which outlives the page) and name: a page sets its fonts thousands of
    /// times, and each lookup through the resources was two hashed dictionary reads.
    font_memo: Vec<(*const Dictionary, Vec<u8>, Rc<Font>)>,
}

/// Text object state (not saved by `q`).
struct TextState {
    tm: Matrix,
    tlm: Matrix,
    in_text: bool,
}

impl<'d, 'c> Interp<'d, 'c> {
    /// An interpreter writing into a fresh [`PageContent`].
    pub(crate) fn new(doc: &'d Document, fonts: &'c mut FontCache, budget: &'c mut Budget) -> Self {
        Interp {
            doc,
            fonts,
            budget,
            out: PageContent::default(),
            forms: Vec::new(),
            shape_fixed: false,
            filled: Vec::new(),
            base_clip: None,
            font_memo: Vec::new(),
        }
    }

    /// Runs one content stream with its resources and initial matrix.
    pub(crate) fn run(&mut self, content: &[u8], resources: Option<&'d Dictionary>, ctm: Matrix) {
        self.run_inner(content, resources, GState::new(ctm));
    }

    fn font(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let resources = resources?;
        let key: *const Dictionary = resources;
        if let Some((_, _, f)) = self
            .font_memo
            .iter()
            .find(|(r, n, _)| std::ptr::eq(*r, key) && n[..] == *name)
        {
            return Some(Rc::clone(f));
        }
        let fonts = obj::dict(doc, resources, b"Font")?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.fonts.fonts.get(id) {
                let f = Rc::clone(f);
                self.memo_font(key, name, &f);
                return Some(f);
            }
            let dict = match obj::deref(doc, entry) {
                Object::Dictionary(d) => d,
                _ => return None,
            };
            let mut f = Font::load(doc, dict, self.budget);
            let face = face_of(&f.name);
            // (A font without a name is a face of its own.)
            let k = match self.fonts.faces.iter().position(|n| n == face) {
                Some(k) if !face.is_empty() => k,
                _ => {
                    self.fonts.faces.push(face.to_owned());
                    self.fonts.faces.len() - 1
                }
            };
            f.uid = u32::try_from(k).unwrap_or(u32::MAX - 1);
            let f = Rc::new(f);
            self.fonts.fonts.insert(*id, Rc::clone(&f));
            self.memo_font(key, name, &f);
            return Some(f);
        }
        match entry {
            Object::Dictionary(d) => Some(Rc::new(Font::load(doc, d, self.budget))),
            _ => None,
        }
    }

    /// Remembers a font shared by reference (a direct font dictionary is loaded at each use,
    /// as before), for the page's next `Tf` of the same name in the same resources.
    fn memo_font(&mut self, resources: *const Dictionary, name: &[u8], f: &Rc<Font>) {
        if self.font_memo.len() < 64 {
            self.font_memo
                .push((resources, name.to_vec(), Rc::clone(f)));
        }
    }

    #[allow(clippy::too_many_lines)]
    fn run_inner(&mut self, content: &[u8], resources: Option<&'d Dictionary>, gs0: GState) {
        let mut lx = Lexer::new(content);
        let mut ops: Vec<Operand<'_>> = Vec::new();
        let mut gs = gs0;
        let mut stack: Vec<GState> = Vec::new();
        let mut extra_saves = 0usize;
        let mut ts = TextState {
            tm: IDENTITY,
            tlm: IDENTITY,
            in_text: false,
        };
        let mut marked: Vec<Option<(usize, String)>> = Vec::new();
        // Current path: straight segments in device space, subpath start, current point.
        let mut path: Vec<(f64, f64, f64, f64)> = Vec::new();
        // Where each subpath starts in `path`.
        let mut subpaths: Vec<usize> = Vec::new();
        let mut start = (0.0, 0.0);
        let mut cur = (0.0, 0.0);
        // Bounding box of the current path (curves' points included), and a pending `W`.
        let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        let mut clip_next = false;
        let grow = |b: &mut [f64; 4], (x, y): (f64, f64)| {
            b[0] = b[0].min(x);
            b[1] = b[1].min(y);
            b[2] = b[2].max(x);
            b[3] = b[3].max(y);
        };
        let n = |ops: &[Operand<'_>], i: usize| ops.get(i).and_then(Operand::num).unwrap_or(0.0);
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"q" => {
                    if stack.len() < MAX_GSTATE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        extra_saves += 1;
                    }
                }
                b"Q" => {
                    if extra_saves > 0 {
                        extra_saves -= 1;
                    } else if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    let m = std::array::from_fn(|i| n(&ops, i));
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    ts = TextState {
                        tm: IDENTITY,
                        tlm: IDENTITY,
                        in_text: true,
                    };
                }
                b"ET" => ts.in_text = false,
                b"Tc" => gs.tc = n(&ops, 0),
                b"Tw" => gs.tw = n(&ops, 0),
                b"Tz" => gs.th = n(&ops, 0) / 100.0,
                b"TL" => gs.tl = n(&ops, 0),
                b"Ts" => gs.rise = n(&ops, 0),
                b"Tr" => gs.render = n(&ops, 0) as i64,
                b"Tf" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        gs.font = self.font(resources, name);
                    }
                    gs.fs = n(&ops, 1);
                }
                b"Td" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(&ops, 0), n(&ops, 1)], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"TD" => {
                    gs.tl = -n(&ops, 1);
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(&ops, 0), n(&ops, 1)], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    ts.tlm = std::array::from_fn(|i| n(&ops, i));
                    ts.tm = ts.tlm;
                }
                b"T*" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                }
                b"Tj" => {
                    if let Some(s @ Operand::Str(_)) = ops.first() {
                        self.show(std::slice::from_ref(s), &gs, &mut ts);
                    }
                }
                b"'" => {
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                    if let Some(s @ Operand::Str(_)) = ops.first() {
                        self.show(std::slice::from_ref(s), &gs, &mut ts);
                    }
                }
                b"\"" => {
                    gs.tw = n(&ops, 0);
                    gs.tc = n(&ops, 1);
                    ts.tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &ts.tlm);
                    ts.tm = ts.tlm;
                    if let Some(s @ Operand::Str(_)) = ops.get(2) {
                        self.show(std::slice::from_ref(s), &gs, &mut ts);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.first() {
                        self.show(items, &gs, &mut ts);
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        self.xobject(resources, name, &gs);
                    }
                }
                b"BMC" => marked.push(None),
                b"BDC" => {
                    let actual = match ops.get(1) {
                        Some(d @ Operand::Dict(_)) => match d.get(b"ActualText") {
                            Some(Operand::Str(s)) => Some(text_string(s)),
                            _ => None,
                        },
                        Some(Operand::Name(name)) => resources
                            .and_then(|r| obj::dict(self.doc, r, b"Properties"))
                            .and_then(|p| obj::dict(self.doc, p, name))
                            .and_then(|d| d.get(b"ActualText").ok())
                            .and_then(|o| match obj::deref(self.doc, o) {
                                Object::String(s, _) => Some(text_string(s)),
                                _ => None,
                            }),
                        _ => None,
                    };
                    marked.push(actual.map(|t| (self.out.glyphs.len(), t)));
                }
                b"EMC" => {
                    if let Some(Some((from, text))) = marked.pop() {
                        self.actual_text(from, &text, &gs, &ts);
                    }
                }
                // Paths: only straight segments matter (rulings).
                b"m" => {
                    cur = apply(&gs.ctm, n(&ops, 0), n(&ops, 1));
                    grow(&mut bbox, cur);
                    start = cur;
                    subpaths.push(path.len());
                }
                b"l" => {
                    let p = apply(&gs.ctm, n(&ops, 0), n(&ops, 1));
                    grow(&mut bbox, p);
                    path.push((cur.0, cur.1, p.0, p.1));
                    cur = p;
                }
                b"c" | b"v" | b"y" => {
                    for k in (0..ops.len().min(6)).step_by(2) {
                        grow(&mut bbox, apply(&gs.ctm, n(&ops, k), n(&ops, k + 1)));
                    }
                    cur = apply(
                        &gs.ctm,
                        n(&ops, ops.len().max(2) - 2),
                        n(&ops, ops.len().max(2) - 1),
                    );
                }
                b"h" => {
                    path.push((cur.0, cur.1, start.0, start.1));
                    cur = start;
                }
                b"re" => {
                    let (x, y, w, h) = (n(&ops, 0), n(&ops, 1), n(&ops, 2), n(&ops, 3));
                    let p = [
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    subpaths.push(path.len());
                    for &q in &p {
                        grow(&mut bbox, q);
                    }
                    for k in 0..4 {
                        let (a, b) = (p[k], p[(k + 1) % 4]);
                        path.push((a.0, a.1, b.0, b.1));
                    }
                    cur = p[0];
                    start = p[0];
                }
                b"W" | b"W*" => clip_next = true,
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    if op != b"n" {
                        self.paint(&path, &subpaths, !matches!(op, b"S" | b"s"));
                    }
                    if std::mem::take(&mut clip_next) && bbox[0] <= bbox[2] && bbox[1] <= bbox[3] {
                        gs.clip = Some(match gs.clip {
                            Some(c) => [
                                c[0].max(bbox[0]),
                                c[1].max(bbox[1]),
                                c[2].min(bbox[2]),
                                c[3].min(bbox[3]),
                            ],
                            None => bbox,
                        });
                    }
                    bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                    path.clear();
                    subpaths.clear();
                }
                b"EI" => self.out.images += 1,
                _ => {}
            }
        }
    }

    /// Records the axis-aligned segments of a painted path. A filled subpath that is not thin
    /// is an area (a page or cell background), not a ruling: its edges are left out.
    fn paint(&mut self, path: &[(f64, f64, f64, f64)], subpaths: &[usize], filled: bool) {
        // Subpath ranges in path order: an index walks them once.
        let mut areas: Vec<std::ops::Range<usize>> = Vec::new();
        let mut k = 0;
        if filled {
            let mut bounds: Vec<usize> = subpaths
                .iter()
                .copied()
                .filter(|&k| k < path.len())
                .collect();
            if bounds.first() != Some(&0) {
                bounds.insert(0, 0);
            }
            bounds.push(path.len());
            for w in bounds.windows(2) {
                let seg = &path[w[0]..w[1]];
                let (mut lx, mut ly, mut hx, mut hy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x0, y0, x1, y1) in seg {
                    lx = lx.min(x0.min(x1));
                    ly = ly.min(y0.min(y1));
                    hx = hx.max(x0.max(x1));
                    hy = hy.max(y0.max(y1));
                }
                if !seg.is_empty() && hx - lx > 2.0 && hy - ly > 2.0 {
                    areas.push(w[0]..w[1]);
                }
            }
        }
        for (i, &(x0, y0, x1, y1)) in path.iter().enumerate() {
            while areas.get(k).is_some_and(|r| r.end <= i) {
                k += 1;
            }
            if areas.get(k).is_some_and(|r| r.contains(&i)) {
                continue;
            }
            if self.out.rules.len() >= MAX_RULES {
                return;
            }
            let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
            if dx < 1e-3 && dy < 1e-3 {
                continue;
            }
            if dx <= 1.0 || dy <= 1.0 {
                self.out.rules.push(Rule {
                    x0: x0.min(x1) as f32,
                    y0: y0.min(y1) as f32,
                    x1: x0.max(x1) as f32,
                    y1: y0.max(y1) as f32,
                });
            }
        }
    }

    /// Shows the strings of `items` (one string, or a `TJ` array) with the current text state,
    /// moving by the array's numbers between them. What a string needs of the font and the
    /// page is set up once for the array (most arrays hold a string per glyph).
    fn show(&mut self, items: &[Operand<'_>], gs: &GState, ts: &mut TextState) {
        let adjust = |ts: &mut TextState, v: f64| {
            let tx = -v / 1000.0 * gs.fs * gs.th;
            ts.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &ts.tm);
        };
        let font = gs.font.clone();
        let Some(font) = font.filter(|_| items.iter().any(|i| matches!(i, Operand::Str(_)))) else {
            for item in items {
                if let Operand::Num(v) = item {
                    adjust(ts, *v);
                }
            }
            return;
        };
        if font.unmapped && !self.out.unmapped_fonts.contains(&font.name) {
            self.out.unmapped_fonts.push(font.name.clone());
        }
        if font.reads_outlines() && !self.out.outline_fonts.contains(&font.name) {
            self.out.outline_fonts.push(font.name.clone());
        }
        let invisible = matches!(gs.render, 3 | 7);
        let mut text = std::mem::take(&mut self.out.text);
        let mut glyphs = std::mem::take(&mut self.out.glyphs);
        let mut filled = std::mem::take(&mut self.filled);
        let mut pos = text.len();
        let mut base_clip = self.base_clip;
        let mut cuts = 0;
        let fixes = if self.shape_fixed {
            font.shape_fixes(self.doc, self.budget)
        } else {
            &[]
        };
        if font.outline_fixed() && !self.out.outline_fonts.contains(&font.name) {
            self.out.outline_fonts.push(font.name.clone());
        }
        for item in items {
            let bytes = match item {
                Operand::Str(bytes) => bytes,
                Operand::Num(v) => {
                    adjust(ts, *v);
                    continue;
                }
                _ => continue,
            };
            font.decode(
                bytes,
                &mut text,
                fixes,
                |code, w, is_space, mapping, text| {
                    let w0 = f64::from(w) * font.scale;
                    let m = mul(&ts.tm, &gs.ctm);
                    let (ox, oy) = apply(&m, 0.0, gs.rise);
                    let adv = w0 * gs.fs * gs.th;
                    let (ex, _) = apply(&m, adv, gs.rise);
                    let size = (gs.fs * (m[2] * m[2] + m[3] * m[3]).sqrt()).abs();
                    let rotated = m[1].abs() > 0.2 * m[0].abs() || m[0] <= 0.0;
                    // A drawn glyph is never a control character: fonts whose cmap gives the space
                    // glyph to U+0009 as well as U+0020 (TLWG fonts) get a ToUnicode that maps the
                    // space to a tab from producers that pick the lowest code point (wkhtmltopdf/Qt).
                    if text.as_bytes()[pos..]
                        .iter()
                        .any(|b| matches!(b, b'\t' | b'\n' | b'\r'))
                    {
                        let fixed = text[pos..].replace(['\t', '\n', '\r'], " ");
                        text.truncate(pos);
                        text.push_str(&fixed);
                    }
                    // Latin ligature glyphs (`ﬃ` from Qt's ToUnicode) are their letters.
                    if let Some(lig) = text[pos..]
                        .chars()
                        .find(|c| ('\u{FB00}'..='\u{FB06}').contains(c))
                    {
                        let letters = match lig {
                            '\u{FB00}' => "ff",
                            '\u{FB01}' => "fi",
                            '\u{FB02}' => "fl",
                            '\u{FB03}' => "ffi",
                            '\u{FB04}' => "ffl",
                            _ => "st",
                        };
                        let fixed = text[pos..].replace(lig, letters);
                        text.truncate(pos);
                        text.push_str(&fixed);
                    }
                    // Word's lost nikhahit: a zero-advance space right after a Thai consonant/tone.
                    if &text[pos..] == " " && w0 == 0.0 {
                        let prev = text[..pos].chars().next_back();
                        text.truncate(pos);
                        if prev.is_some_and(|c| {
                            crate::thai::is_consonant(c) || crate::thai::is_tone(c)
                        }) {
                            text.push('\u{0E4D}');
                        }
                    }
                    // Clipped away: the glyph's middle lies outside the clipping path (1 pt slack).
                    let outside = |(mx, my): (f64, f64)| {
                        gs.clip.is_some_and(|c| {
                            mx < c[0] - 1.0 || mx > c[2] + 1.0 || my < c[1] - 1.0 || my > c[3] + 1.0
                        })
                    };
                    let mark = !text[pos..].is_empty() && text[pos..].chars().all(is_mark_char);
                    let middle = ((ox + ex) / 2.0, oy + 0.3 * size);
                    let clipped = if mark {
                        let placed = MarkAt {
                            origin: (ox, oy),
                            middle,
                            zero: w0 == 0.0,
                            size,
                            clip: gs.clip,
                        };
                        mark_clipped(&text[pos..], &placed, base_clip.as_ref(), outside)
                    } else {
                        let clipped = outside(middle);
                        base_clip = Some(BaseGlyph {
                            clip: gs.clip,
                            clipped,
                            x: (ox.min(ex), ox.max(ex)),
                            y: oy,
                        });
                        clipped
                    };
                    let cut = clipped
                        && glyphs.len() < MAX_GLYPHS
                        && !mark
                        && !text[pos..].trim().is_empty()
                        && cut_by_clip(glyphs.last(), text, gs.clip, (ox, ex, oy), size);
                    if cut {
                        // The line runs on past its clip: it is cut there (see `cut_by_clip`).
                        text.truncate(pos);
                        text.push('\u{FFFD}');
                        cuts += 1;
                    }
                    if cut || glyphs.len() < MAX_GLYPHS && text.len() > pos && !clipped {
                        if !cut && font.gap_filled(code) {
                            filled.push(glyphs.len());
                        }
                        // A cut stands where the line leaves its clip, not zero wide (the
                        // layout drops those: `/ActualText` duplicates).
                        // Nor does a character the font had no glyph for (ReportLab draws a
                        // zero-wide blank for it in Noto Sans Thai).
                        let (x0, x1) = match glyphs.last() {
                            Some(g) if cut => (g.x1, g.x1 + 0.1),
                            _ if mapping == Mapping::Missing && ox == ex => {
                                (ox as f32, ox as f32 + 0.1)
                            }
                            _ => (ox as f32, ex as f32),
                        };
                        glyphs.push(Glyph {
                            x0,
                            x1,
                            y: oy as f32,
                            size: size as f32,
                            start: pos as u32,
                            end: text.len() as u32,
                            invisible,
                            rotated,
                            mapping: if cut { Mapping::None } else { mapping },
                            font: font.uid,
                        });
                    } else {
                        text.truncate(pos);
                    }
                    pos = text.len();
                    let tx = (w0 * gs.fs + gs.tc + if is_space { gs.tw } else { 0.0 }) * gs.th;
                    ts.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &ts.tm);
                },
            );
        }
        self.out.text = text;
        self.out.glyphs = glyphs;
        self.filled = filled;
        self.base_clip = base_clip;
        self.out.cut_at_clip += cuts;
    }

    /// Replaces the glyphs drawn since `from` by one glyph carrying `text`.
    fn actual_text(&mut self, from: usize, text: &str, gs: &GState, ts: &TextState) {
        // An empty span over glyphs that the font's map left without text, read from their
        // outlines since: the producer had no text for them (pdftocairo wraps each glyph its
        // source's map left out in `/ActualText ()`), not a wish to hide them.
        let first_filled = self.filled.partition_point(|&i| i < from);
        if text.is_empty()
            && from < self.out.glyphs.len()
            && self.filled.len() - first_filled == self.out.glyphs.len() - from
        {
            return;
        }
        self.filled.truncate(first_filled);
        let out = &mut self.out;
        if from > 0 && from < out.glyphs.len() {
            let prev = &out.glyphs[from - 1];
            let prev_text = out.text.get(prev.start as usize..prev.end as usize);
            if repeats_cluster(prev, prev_text, &out.glyphs[from..], text) {
                out.glyphs.truncate(from);
                return;
            }
        }
        let start = out.text.len() as u32;
        out.text.push_str(text);
        let end = out.text.len() as u32;
        if from < out.glyphs.len() {
            let span = &out.glyphs[from..];
            let first = span[0];
            let mut g = first;
            // The baseline of the widest glyph: a base, not a mark that the font raised.
            let mut widest = first.x1 - first.x0;
            for s in span {
                g.x0 = g.x0.min(s.x0);
                g.x1 = g.x1.max(s.x1);
                g.size = g.size.max(s.size);
                g.invisible &= s.invisible;
                if s.x1 - s.x0 > widest {
                    widest = s.x1 - s.x0;
                    g.y = s.y;
                }
            }
            g.start = start;
            g.end = end;
            g.mapping = Mapping::ToUnicode;
            out.glyphs.truncate(from);
            out.glyphs.push(g);
        } else if ts.in_text && !text.is_empty() {
            let m = mul(&ts.tm, &gs.ctm);
            let (ox, oy) = apply(&m, 0.0, gs.rise);
            if gs.clip.is_some_and(|c| {
                ox < c[0] - 1.0 || ox > c[2] + 1.0 || oy < c[1] - 1.0 || oy > c[3] + 1.0
            }) {
                return;
            }
            out.glyphs.push(Glyph {
                x0: ox as f32,
                x1: ox as f32,
                y: oy as f32,
                size: (gs.fs * (m[2] * m[2] + m[3] * m[3]).sqrt()).abs() as f32,
                start,
                end,
                invisible: matches!(gs.render, 3 | 7),
                rotated: m[1].abs() > 0.2 * m[0].abs() || m[0] <= 0.0,
                mapping: Mapping::ToUnicode,
                font: gs.font.as_ref().map_or(u32::MAX, |f| f.uid),
            });
        }
    }

    /// `Do`: runs a Form XObject (bounded nesting, no cycles) or counts an image.
    fn xobject(&mut self, resources: Option<&'d Dictionary>, name: &[u8], gs: &GState) {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| obj::dict(doc, r, b"XObject")) else {
            return;
        };
        let Ok(entry) = xobjects.get(name) else {
            return;
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Object::Stream(stream) = obj::deref(doc, entry) else {
            return;
        };
        match obj::name_of(doc, stream.dict.get(b"Subtype").ok()) {
            Some(b"Image") => {
                self.out.images += 1;
                if let Some(id) = id {
                    if self.out.placed.len() < 64 {
                        self.out.placed.push(Placed { id, ctm: gs.ctm });
                    }
                }
            }
            Some(b"Form") => {
                if self.forms.len() >= MAX_FORM_DEPTH {
                    self.note("Form XObjects nested too deeply; the innermost were skipped");
                    return;
                }
                if id.is_some_and(|id| self.forms.contains(&id)) {
                    self.note("a Form XObject draws itself; the cycle was cut");
                    return;
                }
                let Some(data) = obj::stream_data(doc, entry, self.budget) else {
                    self.note("a Form XObject could not be decoded");
                    return;
                };
                let matrix = match stream.dict.get(b"Matrix").ok().map(|o| obj::deref(doc, o)) {
                    Some(Object::Array(m)) if m.len() == 6 => {
                        let mut out = IDENTITY;
                        for (k, v) in m.iter().enumerate() {
                            out[k] = obj::num(doc, v).unwrap_or(out[k]);
                        }
                        out
                    }
                    _ => IDENTITY,
                };
                let own = obj::dict(doc, &stream.dict, b"Resources");
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                if let Some(id) = id {
                    self.forms.push(id);
                }
                self.run_inner(&data, own.or(resources), inner);
                if id.is_some() {
                    self.forms.pop();
                }
            }
            _ => {}
        }
    }

    fn note(&mut self, what: &str) {
        if !self.out.notes.iter().any(|n| n == what) {
            self.out.notes.push(what.to_owned());
        }
    }
}

/// A glyph that is not a mark, as drawn: for the marks after it ([`mark_clipped`]).
#[derive(Debug, Clone, Copy)]
struct BaseGlyph {
    /// The clipping path it was drawn under.
    clip: Option<[f64; 4]>,
    /// Did that path clip it away?
    clipped: bool,
    /// Its origin and advance end, left to right.
    x: (f64, f64),
    /// Its baseline.
    y: f64,
}

/// A mark glyph as drawn.
struct MarkAt {
    origin: (f64, f64),
    /// The middle of its advance, 0.3 size up: where a letter is judged.
    middle: (f64, f64),
    /// No advance.
    zero: bool,
    size: f64,
    clip: Option<[f64; 4]>,
}

/// Is a Thai mark glyph (`text`, `at`) clipped away (`outside`: is a point outside the
/// clipping path)? A mark that stands on the letter before it (`base`: its baseline, within
/// its advance and a size) under the same clipping path goes with it: a slice's edge that cuts
/// off the mark past the letter's advance (`มี` read `ม`) does not show it. Under another path,
/// when the letter was kept, it is shown when that path overlaps where it is drawn
/// ([`mark_box`]): Chromium cuts clusters by clip slices and draws the marks under a slice of
/// their own above their letter's (`ถิ่น` read `ถน`; pdftocairo keeps the slices), which a
/// mark raised over an upper vowel or cut by the page's top edge only partly fills
/// (`สื่อ`, `ที่` read `สือ`, `ที`). Otherwise as a letter is, by the middle of its advance
/// 0.3 size up (a mark on no letter: Chromium's strays at a page's foot).
fn mark_clipped(
    text: &str,
    at: &MarkAt,
    base: Option<&BaseGlyph>,
    outside: impl Fn((f64, f64)) -> bool,
) -> bool {
    let (x, y) = at.origin;
    let size = at.size;
    let Some(b) = base
        .filter(|b| (b.y - y).abs() < 0.6 * size && x >= b.x.0 - size && x <= b.x.1 + 0.5 * size)
    else {
        return outside(at.middle);
    };
    if b.clip == at.clip {
        return b.clipped;
    }
    if b.clipped {
        return outside(at.middle);
    }
    let Some(c) = at.clip else {
        return false;
    };
    let m = mark_box(text, at);
    m[0] >= c[2] || m[2] <= c[0] || m[1] >= c[3] || m[3] <= c[1]
}

/// Where a mark glyph may be drawn (device space, `[x0, y0, x1, y1]`): above the body for
/// upper vowels and tone marks, below the baseline for `ุ ู ฺ`; across its advance, or half a
/// size either side of its origin when it has none (left of it in most fonts, right where the
/// shaper put the origin back on its letter: Noto Looped Thai's `ื` in Chromium).
fn mark_box(text: &str, at: &MarkAt) -> [f64; 4] {
    let (x, y) = at.origin;
    let size = at.size;
    let below = text
        .chars()
        .all(|c| matches!(standard(c), '\u{0E38}'..='\u{0E3A}'));
    let (y0, y1) = if below {
        (y - 0.35 * size, y)
    } else {
        (y + 0.5 * size, y + 1.15 * size)
    };
    let end = 2.0 * at.middle.0 - x;
    let (x0, x1) = if at.zero {
        (x - 0.5 * size, x + 0.5 * size)
    } else {
        (x.min(end), x.max(end))
    };
    [x0, y0, x1, y1]
}

/// The standard character of a Private Use glyph variant (`F70E` is `์`), else itself.
fn standard(c: char) -> char {
    crate::thai::pua_to_standard(c).unwrap_or(c)
}

/// A Thai combining mark, or a Private Use glyph variant of one (Loma's `์` as `F70E`, drawn
/// under a clip slice of its own as the standard marks are).
fn is_mark_char(c: char) -> bool {
    crate::thai::is_combining(standard(c))
}

/// Is a glyph clipped away past the right side of its clip the rest of a line cut there? A
/// producer that cannot break a line (MuPDF's Story finds no break in Thai, which has no spaces
/// between words) draws it on past its frame, clipped: what shows is cut, and so may be the
/// number at its end (`98.0|4`). It is when its middle (from its origin, end and baseline)
/// lies past the clip's right side and the glyph drawn before it (`last`, kept) lies on the
/// same baseline and ends within half an em of where this one starts; only the first clipped
/// glyph of a run (`last` is no cut already). The glyph then reads U+FFFD: what the line ends
/// in is unreadable, not shorter.
fn cut_by_clip(
    last: Option<&Glyph>,
    text: &str,
    clip: Option<[f64; 4]>,
    (ox, ex, oy): (f64, f64, f64),
    size: f64,
) -> bool {
    let (Some(last), Some(c)) = (last, clip) else {
        return false;
    };
    let (lx1, ly) = (f64::from(last.x1), f64::from(last.y));
    (ox + ex) / 2.0 > c[2] + 1.0
        && (oy - ly).abs() < 0.2 * size
        && (ox.min(ex) - lx1).abs() < 0.5 * size
        && text.get(last.start as usize..last.end as usize) != Some("\u{FFFD}")
}

/// Is a span of glyphs with `/ActualText` `text` the rest of the cluster the glyph before
/// (`prev`, reading `prev_text`) already gave? Typst draws a Thai cluster's base and its marks
/// in two marked spans, each with the whole cluster as its text (`ชื่` twice: `ชื่ชื่อ`). The
/// span repeats the text of a cluster of several characters, and its glyphs do not advance
/// (marks) and stand where that glyph ends, on its baseline: a repeated syllable would be
/// drawn again, after it.
fn repeats_cluster(prev: &Glyph, prev_text: Option<&str>, span: &[Glyph], text: &str) -> bool {
    let size = prev.size.max(1.0);
    text.chars().count() > 1
        && prev_text == Some(text)
        && span.iter().all(|g| {
            (g.x1 - g.x0).abs() < 0.05 * size
                && (g.y - prev.y).abs() < 0.3 * size
                && g.x0 >= prev.x0
                && g.x0 <= prev.x1 + 0.3 * size
        })
}

#[cfg(test)]
mod tests {
    use super::{
        cut_by_clip, face_of, is_mark_char, mark_clipped, repeats_cluster, BaseGlyph, Glyph, MarkAt,
    };
    use crate::pdf::font::Mapping;

    #[test]
    fn a_clusters_marks_in_a_span_of_their_own_do_not_repeat_it() {
        let glyph = |x0: f32, x1: f32| Glyph {
            x0,
            x1,
            y: 700.0,
            size: 14.0,
            start: 0,
            end: 9,
            invisible: false,
            rotated: false,
            mapping: Mapping::ToUnicode,
            font: 0,
        };
        // `ชื่` on the base (158.1–165.8), then its marks, not advancing, at its end.
        let base = glyph(158.1, 165.8);
        let marks = [glyph(166.0, 166.0), glyph(165.1, 165.1)];
        assert!(repeats_cluster(&base, Some("ชื่"), &marks, "ชื่"));
        // Another text, a one-letter text, or glyphs that advance (the syllable written
        // again) or stand further on: no repeat.
        assert!(!repeats_cluster(&base, Some("ชื่"), &marks, "ชี่"));
        assert!(!repeats_cluster(&base, Some("ช"), &marks[..1], "ช"));
        assert!(!repeats_cluster(
            &base,
            Some("ชื่"),
            &[glyph(165.8, 173.5)],
            "ชื่"
        ));
        assert!(!repeats_cluster(
            &base,
            Some("ชื่"),
            &[glyph(180.0, 180.0)],
            "ชื่"
        ));
    }

    #[test]
    fn a_line_drawn_on_past_its_clip_is_cut_there() {
        // A frame clipped at x 538 (device space); `98.0` kept up to 538.1, then `4` drawn
        // on at 538.1 on the same baseline, 14 pt.
        let clip = Some([57.0, 57.0, 538.0, 785.0]);
        let text = "98.0\u{FFFD}";
        let glyph = |x0: f32, x1: f32, y: f32, start: u32, end: u32| Glyph {
            x0,
            x1,
            y,
            size: 14.0,
            start,
            end,
            invisible: false,
            rotated: false,
            mapping: Mapping::ToUnicode,
            font: 0,
        };
        let zero = glyph(530.0, 538.1, 700.0, 3, 4);
        assert!(cut_by_clip(
            Some(&zero),
            text,
            clip,
            (538.1, 546.7, 700.0),
            14.0
        ));
        // Only its first clipped glyph: after the cut, the rest is no news.
        let cut = glyph(538.1, 538.2, 700.0, 4, 7);
        assert!(!cut_by_clip(
            Some(&cut),
            text,
            clip,
            (546.7, 554.8, 700.0),
            14.0
        ));
        // Not a line cut: a cell starting past the clip far from the last glyph, the next
        // line, or a glyph clipped on the left.
        assert!(!cut_by_clip(
            Some(&zero),
            text,
            clip,
            (551.4, 560.0, 700.0),
            14.0
        ));
        assert!(!cut_by_clip(
            Some(&zero),
            text,
            clip,
            (538.1, 546.7, 680.0),
            14.0
        ));
        assert!(!cut_by_clip(
            Some(&zero),
            text,
            clip,
            (40.0, 48.0, 700.0),
            14.0
        ));
        assert!(!cut_by_clip(
            Some(&zero),
            text,
            None,
            (538.1, 546.7, 700.0),
            14.0
        ));
    }

    #[test]
    fn marks_under_a_clip_slice_of_their_own_are_judged_where_they_are_drawn() {
        // Chromium's slices (device space, y up): the letter ถ at baseline 317, x 57–65.8,
        // under a slice 317–326 wide to x 65; its marks, drawn at the next letter's origin
        // (x 65.8, no advance), under the slice above it (326–334). 14 pt.
        let slice = Some([57.0, 317.0, 65.0, 326.0]);
        let above = Some([57.0, 326.0, 65.0, 334.0]);
        let outside_of = |c: Option<[f64; 4]>| {
            move |(x, y): (f64, f64)| {
                c.is_some_and(|c| {
                    x < c[0] - 1.0 || x > c[2] + 1.0 || y < c[1] - 1.0 || y > c[3] + 1.0
                })
            }
        };
        let letter = |clipped| BaseGlyph {
            clip: slice,
            clipped,
            x: (57.0, 65.8),
            y: 317.0,
        };
        let mark = |clip, origin: (f64, f64)| MarkAt {
            origin,
            middle: (origin.0, origin.1 + 4.2),
            zero: true,
            size: 14.0,
            clip,
        };
        let kept = letter(false);
        let m = mark(above, (65.8, 317.0));
        assert!(!mark_clipped("ิ", &m, Some(&kept), outside_of(above)));
        assert!(!mark_clipped("่", &m, Some(&kept), outside_of(above)));
        // Judged as a letter (0.3 size up), as before: clipped.
        assert!(mark_clipped("ิ", &m, None, outside_of(above)));
        // A below vowel under the slice above: clipped.
        assert!(mark_clipped("ุ", &m, Some(&kept), outside_of(above)));
        // Its letter clipped away, or another letter's (another baseline, far to the right),
        // or under its letter's own path: judged as a letter.
        assert!(mark_clipped("ิ", &m, Some(&letter(true)), outside_of(above)));
        let far = mark(above, (65.8, 290.0));
        assert!(mark_clipped("ิ", &far, Some(&kept), outside_of(above)));
        // Under its letter's own path, with its letter: kept past the slice's edge (x 67.5),
        // clipped when its letter was.
        let same = mark(slice, (67.5, 317.0));
        assert!(outside_of(slice)(same.middle));
        assert!(!mark_clipped("ี", &same, Some(&kept), outside_of(slice)));
        assert!(mark_clipped(
            "ี",
            &same,
            Some(&letter(true)),
            outside_of(slice)
        ));
        // A mark on no letter (another baseline) under the letter's path: as a letter.
        let stray = mark(slice, (65.8, 300.0));
        assert!(mark_clipped("่", &stray, Some(&kept), outside_of(slice)));
    }

    #[test]
    fn a_mark_under_a_slice_of_its_own_is_shown_where_the_slice_overlaps_it() {
        // pdftocairo's copy of Chromium's slices (device space, y up), 15 pt: the letter ส at
        // baseline 742, x 57–66, under its slice; its marks under slices of their own.
        let letter = BaseGlyph {
            clip: Some([57.0, 742.0, 66.0, 751.0]),
            clipped: false,
            x: (57.0, 66.0),
            y: 742.0,
        };
        let outside_of = |c: [f64; 4]| {
            move |(x, y): (f64, f64)| {
                x < c[0] - 1.0 || x > c[2] + 1.0 || y < c[1] - 1.0 || y > c[3] + 1.0
            }
        };
        let mark = |clip: [f64; 4], origin: (f64, f64)| MarkAt {
            origin,
            middle: (origin.0, origin.1 + 4.5),
            zero: true,
            size: 15.0,
            clip: Some(clip),
        };
        // `ื` drawn from the letter's origin rightwards (Noto Looped Thai), its slice 57–65.
        let upper = [57.0, 751.0, 65.0, 755.0];
        let uee = mark(upper, (56.2, 742.0));
        assert!(!mark_clipped("ื", &uee, Some(&letter), outside_of(upper)));
        // The tone mark raised over it (origin 4 pt up), under the same short slice.
        let tone = mark(upper, (62.4, 746.2));
        assert!(!mark_clipped("่", &tone, Some(&letter), outside_of(upper)));
        // A mark whose slice the page's top edge cut to 1 pt; Loma's `์` as Private Use F70E.
        let top = [60.0, 755.0, 66.0, 756.0];
        let thanthakhat = mark(top, (66.0, 742.0));
        assert!(!mark_clipped(
            "\u{F70E}",
            &thanthakhat,
            Some(&letter),
            outside_of(top)
        ));
        assert!(is_mark_char('\u{F70E}') && !is_mark_char('\u{F700}'));
        // A slice over another letter, or below the baseline, shows no upper mark.
        let elsewhere = [90.0, 751.0, 99.0, 755.0];
        let far = mark(elsewhere, (66.0, 742.0));
        assert!(mark_clipped("่", &far, Some(&letter), outside_of(elsewhere)));
        let under = [57.0, 735.0, 66.0, 741.0];
        let low = mark(under, (66.0, 742.0));
        assert!(mark_clipped("่", &low, Some(&letter), outside_of(under)));
        assert!(!mark_clipped("ุ", &low, Some(&letter), outside_of(under)));
    }

    #[test]
    fn split_and_resubset_fonts_are_one_face() {
        for (name, face) in [
            ("XUICMS+Garuda_00", "Garuda"),
            ("NLTBTJ+Garuda_01", "Garuda"),
            ("WHJZNS+DejaVuSans_0e", "DejaVuSans"),
            ("AQXFOX+Norasi", "Norasi"),
            ("Laksaman-Bold", "Laksaman-Bold"),
            ("TH_Sarabun_New", "TH_Sarabun_New"),
            ("Font_1", "Font_1"),
            ("", ""),
        ] {
            assert_eq!(face_of(name), face, "{name}");
        }
    }
}
