//! Stage 1 for PDFs: our own text-layer reader over lopdf (see the README's design section).
//!
//! ```text
//! bytes ──lopdf──▶ Document ──page walk──▶ (content, resources, rotation) per page
//!       ──interp──▶ positioned glyphs (+ /ActualText, rulings) ──layout──▶ lines / table rows
//!       ──quality──▶ ok / degraded / ocr_layer / no_text
//! ```
//!
//! Modules: [`lexer`] (content-stream tokens), [`cmap`] (ToUnicode), [`font`] (encodings,
//! glyph names, widths), [`interp`] (the content interpreter), [`furniture`] (page headers,
//! footers and numbers split off before layout), [`layout`] (lines, tables, reflow, rows cut
//! by page breaks).

mod agl;
mod cmap;
mod font;
mod furniture;
mod interp;
mod layout;
mod lexer;
mod obj;
mod ocr_queue;
mod outline;
mod scan;
mod truetype;

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::error::{ErrorKind, Result};
use crate::geometry::{LineBoxes, PageGeometry};
use crate::model::PageQuality;
use crate::ocr::OcrMode;

use font::Mapping;
use interp::{FontCache, Interp, Matrix, PageContent, Placed, IDENTITY};
use obj::Budget;

/// Most pages read from one PDF.
pub const MAX_PAGES: usize = 5_000;
/// Deepest page tree accepted.
const MAX_TREE_DEPTH: usize = 64;

/// The text layer of a PDF, page by page.
#[derive(Debug, Clone, Default)]
pub struct PdfText {
    /// Pages in order.
    pub pages: Vec<PdfPage>,
    /// `/Producer` from the Info dictionary.
    pub producer: Option<String>,
    /// `/Creator` from the Info dictionary.
    pub creator: Option<String>,
}

/// One page: lines top to bottom, table cells separated by `\t`.
#[derive(Debug, Clone)]
pub struct PdfPage {
    /// Lines of text in reading order.
    pub lines: Vec<String>,
    /// How trustworthy the page's text is.
    pub quality: PageQuality,
    /// What the reader noticed (leftover PUA characters, fonts without ToUnicode, ...).
    pub notes: Vec<String>,
    /// The lines were read by OCR from the page's image: the words' mean confidence (0–100).
    pub ocr: Option<f32>,
    /// Numbers on an OCR'd page that the digit reader read surely, as written in the lines
    /// (see [`crate::ocr::digits`]).
    pub ocr_sure: Vec<crate::ocr::Sure>,
    /// Fonts on the page whose text was read from their glyph outlines (no usable ToUnicode:
    /// see `outline.rs`).
    pub outline_fonts: Vec<String>,
    /// Page furniture taken out before layout, top to bottom: running headers and footers
    /// (repeated on other pages at the same place, digits aside) and page numbers (`2 / 28`,
    /// `- ๓ -`, `หน้า 3`). Never part of [`PdfPage::lines`].
    pub furniture: Vec<Furniture>,
    /// The glyph boxes of each line of [`PdfPage::lines`] (empty when they could not be kept
    /// in step with the lines).
    pub boxes: Vec<LineBoxes>,
    /// The page's box and rulings, for drawing it.
    pub geometry: PageGeometry,
}

/// A header, footer or page number taken off a page before layout (for diagnostics: the
/// parser never sees it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// The line as laid out on its own.
    pub text: String,
    /// At the top of the page (a header), else at the bottom (a footer).
    pub top: bool,
    /// A page number (`2 / 28`, `- ๓ -`, `หน้า 3`), not a running header or footer.
    pub page_number: bool,
}

/// A page as found in the page tree, with what it inherits.
struct PageRef<'d> {
    dict: &'d Dictionary,
    resources: Option<&'d Dictionary>,
    rotate: i64,
    /// `/CropBox` or `/MediaBox` (inherited).
    media: Option<[f32; 4]>,
}

/// A page box `[x0 y0 x1 y1]`, normalized.
fn page_box(doc: &Document, d: &Dictionary) -> Option<[f32; 4]> {
    let get = |key: &[u8]| match d.get(key).ok().map(|o| obj::deref(doc, o)) {
        Some(Object::Array(a)) if a.len() == 4 => {
            let v: Vec<f32> = a
                .iter()
                .filter_map(|o| obj::num(doc, o))
                .map(|x| x as f32)
                .collect();
            (v.len() == 4 && v.iter().all(|x| x.is_finite())).then(|| {
                [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ]
            })
        }
        _ => None,
    };
    get(b"CropBox").or_else(|| get(b"MediaBox"))
}

/// Walks the page tree (inherited `/Resources` and `/Rotate`; cycles and depth bounded).
fn walk<'d>(doc: &'d Document) -> Result<Vec<PageRef<'d>>> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .map(|o| obj::deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| ErrorKind::CorruptPdf("no document catalog (/Root)".into()))?;
    let pages_ref = root
        .get(b"Pages")
        .map_err(|_| ErrorKind::CorruptPdf("the catalog has no page tree (/Pages)".into()))?;
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // (node, inherited resources, inherited rotate, inherited box, depth)
    #[allow(clippy::type_complexity)]
    let mut stack: Vec<(
        &'d Object,
        Option<&'d Dictionary>,
        i64,
        Option<[f32; 4]>,
        usize,
    )> = vec![(pages_ref, None, 0, None, 0)];
    while let Some((node, res, rot, media, depth)) = stack.pop() {
        if let Object::Reference(id) = node {
            if !seen.insert(*id) {
                continue;
            }
        }
        let Object::Dictionary(d) = obj::deref(doc, node) else {
            continue;
        };
        if depth > MAX_TREE_DEPTH {
            return Err(
                ErrorKind::Limit(format!("page tree deeper than {MAX_TREE_DEPTH} levels")).into(),
            );
        }
        let res = obj::dict(doc, d, b"Resources").or(res);
        let media = page_box(doc, d).or(media);
        let rot = d
            .get(b"Rotate")
            .ok()
            .and_then(|o| obj::num(doc, o))
            .map_or(rot, |r| r as i64);
        let kids = match d.get(b"Kids").ok().map(|o| obj::deref(doc, o)) {
            Some(Object::Array(k)) => Some(k),
            _ => None,
        };
        let is_pages = obj::name_of(doc, d.get(b"Type").ok()) == Some(b"Pages")
            || (kids.is_some() && !d.has(b"Contents"));
        if is_pages {
            if let Some(kids) = kids {
                for k in kids.iter().rev() {
                    stack.push((k, res, rot, media, depth + 1));
                }
            }
        } else {
            if out.len() >= MAX_PAGES {
                return Err(ErrorKind::Limit(format!("more than {MAX_PAGES} pages")).into());
            }
            out.push(PageRef {
                dict: d,
                resources: res,
                rotate: rot,
                media,
            });
        }
    }
    Ok(out)
}

/// The initial matrix that turns a page rotated by `/Rotate` upright.
fn rotation(rotate: i64) -> Matrix {
    match rotate.rem_euclid(360) {
        90 => [0.0, -1.0, 1.0, 0.0, 0.0, 0.0],
        180 => [-1.0, 0.0, 0.0, -1.0, 0.0, 0.0],
        270 => [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
        _ => IDENTITY,
    }
}

/// The page note of a page read turned (its text ran sideways as the page is shown).
pub(crate) const TURNED_NOTE: &str = "the page's text runs sideways as the page is shown";

/// Fewest sideways glyphs that make a page worth reading turned.
const MIN_TURNED: usize = 20;

/// Visible glyphs drawn upright and turned on a page.
fn orientation(page: &PageContent) -> (usize, usize) {
    let visible = page.glyphs.iter().filter(|g| !g.invisible);
    let turned = visible.clone().filter(|g| g.rotated).count();
    (visible.count() - turned, turned)
}

/// The initial matrix of a page: turned upright by `rotate` (its `/Rotate`), then moved so
/// that the turned box's lower left corner is where the box's own is, so that turned and
/// upright pages share one frame (a table row cut by a page break lines up across them).
fn page_matrix(rotate: i64, media: Option<[f32; 4]>) -> Matrix {
    let mut m = rotation(rotate);
    if let Some(b) = media.filter(|_| rotate.rem_euclid(360) != 0) {
        let [lx, ly, _, _] = box_through(&m, b);
        m[4] = f64::from(b[0] - lx);
        m[5] = f64::from(b[1] - ly);
    }
    m
}

/// The upright box around box `b` (x0, y0, x1, y1) mapped through `m`.
fn box_through(m: &Matrix, [x0, y0, x1, y1]: [f32; 4]) -> [f32; 4] {
    let (xs, ys): (Vec<f64>, Vec<f64>) = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
        .iter()
        .map(|&(x, y)| {
            let (x, y) = (f64::from(x), f64::from(y));
            (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
        })
        .unzip();
    let lo = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min) as f32;
    let hi = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max) as f32;
    [lo(&xs), lo(&ys), hi(&xs), hi(&ys)]
}

/// Per-page counts that decide its quality.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    chars: usize,
    bad: usize,
    suspect: usize,
    visible: usize,
    invisible: usize,
}

/// A character that cannot be real text: U+FFFD, controls, Private Use outside the Thai
/// glyph-variant ranges that [`crate::thai::repair`] maps back.
fn is_bad(c: char) -> bool {
    c == '\u{FFFD}'
        || (c.is_control() && c != '\t')
        || (matches!(c, '\u{E000}'..='\u{F8FF}') && crate::thai::pua_to_standard(c).is_none())
}

fn count(page: &PageContent) -> Counts {
    let mut k = Counts::default();
    for g in page.glyphs.iter().filter(|g| !g.rotated) {
        if g.invisible {
            k.invisible += 1;
        } else {
            k.visible += 1;
        }
        let t = page
            .text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("");
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            k.chars += 1;
            if is_bad(c) {
                k.bad += 1;
            } else if g.mapping == Mapping::Suspect {
                k.suspect += 1;
            }
        }
    }
    k
}

/// Does `hay` contain `needle`?
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut from = 0;
    while let Some(k) = hay[from..].iter().position(|&b| b == first) {
        let at = from + k;
        if hay[at + 1..].starts_with(rest) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// What one page's read gives: the page, its counts, its table rows, its edge lines and,
/// when it is one full-page image, what OCR needs.
type PageRead = (
    PdfPage,
    Counts,
    Vec<layout::RowMeta>,
    Vec<furniture::EdgeLine>,
    Option<Scan>,
);

/// Reads one page: interpret, lay out, judge.
#[cfg(test)]
fn read_page(
    doc: &Document,
    page: &PageRef<'_>,
    fonts: &mut FontCache,
    budget: &mut Budget,
    grid: &mut layout::Carry,
) -> PageRead {
    lay_out(interpret(doc, page, fonts, budget), grid)
}

/// A page interpreted, not yet laid out: layout carries table columns from page to page, so
/// pages are laid out in order, while the interpreting of later pages (and their OCR) may run
/// ahead.
struct Interpreted {
    content: PageContent,
    k: Counts,
    edges: Vec<furniture::EdgeLine>,
    scan: Option<Scan>,
}

impl Interpreted {
    /// A page that could not be read (a panic inside its reading was caught).
    fn broken(i: usize) -> Interpreted {
        Interpreted {
            content: PageContent {
                notes: vec![format!("page {} could not be read (internal error)", i + 1)],
                ..PageContent::default()
            },
            k: Counts::default(),
            edges: Vec::new(),
            scan: None,
        }
    }

    /// No glyph at all, visible or not: [`PageQuality::NoText`].
    fn no_text(&self) -> bool {
        self.k.visible == 0 && self.k.invisible == 0
    }
}

/// Interprets one page's content: glyphs, counts, edge lines, its full-page image.
fn interpret(
    doc: &Document,
    page: &PageRef<'_>,
    fonts: &mut FontCache,
    budget: &mut Budget,
) -> Interpreted {
    let content = page
        .dict
        .get(b"Contents")
        .ok()
        .and_then(|o| obj::stream_data(doc, o, budget));
    let run = |rotate: i64, fonts: &mut FontCache, budget: &mut Budget| {
        let mut it = Interp::new(doc, fonts, budget);
        if let Some(data) = &content {
            it.shape_fixed = !contains(data, b"/ActualText");
            it.run(data, page.resources, page_matrix(rotate, page.media));
        }
        it.out
    };
    let mut rotate = page.rotate;
    let mut content = run(rotate, fonts, budget);
    // Text that runs sideways on the page as shown (a page turned in a viewer and saved, a
    // landscape table drawn turned): read the page turned so that most of its text is upright.
    let (upright, turned) = orientation(&content);
    if turned >= MIN_TURNED && turned > 2 * upright {
        let mut best = (upright, rotate, None);
        for quarter in [90, 180, 270] {
            let turned_page = run(page.rotate + quarter, fonts, budget);
            let (u, _) = orientation(&turned_page);
            if u > best.0 {
                best = (u, page.rotate + quarter, Some(turned_page));
            }
            // Most of the page upright: no other turn can beat it (each run costs a reading).
            if 2 * best.0 > upright + turned {
                break;
            }
        }
        if let (_, r, Some(turned_page)) = best {
            rotate = r;
            content = turned_page;
            content.notes.push(format!(
                "{TURNED_NOTE}: read turned by {}°",
                (r - page.rotate).rem_euclid(360)
            ));
        }
    }
    outline::resolve_i_or_l(&mut content);
    // The box in device space: turned like the page.
    content.media = page
        .media
        .map(|b| box_through(&page_matrix(rotate, page.media), b));
    let k = count(&content);
    let edges = furniture::split_edges(&mut content, k.visible == 0);
    let scan = scan::full_page_image(&content).map(|placed| Scan {
        placed,
        media: content.media,
    });
    Interpreted {
        content,
        k,
        edges,
        scan,
    }
}

/// Lays out an interpreted page and judges its quality.
fn lay_out(page: Interpreted, grid: &mut layout::Carry) -> PageRead {
    let Interpreted {
        content,
        k,
        edges,
        scan,
    } = page;
    let mut notes = content.notes.clone();
    let (lines, quality) = if k.visible == 0 && k.invisible == 0 {
        if content.images > 0 {
            notes.push("the page is an image with no text layer (a scan?)".into());
        }
        (layout::Layout::default(), PageQuality::NoText)
    } else if k.visible == 0 {
        notes.push(
            "the only text is an invisible layer (render mode 3), as OCR writes it: unverified"
                .into(),
        );
        (
            layout::page_lines_with(&content, true, grid),
            PageQuality::OcrLayer,
        )
    } else {
        let lines = layout::page_lines_with(&content, false, grid);
        let junk = k.bad + k.suspect;
        // Lines cut where they stop showing, at the page's right edge or at their clip: what
        // they end in is unreadable (U+FFFD), and the page is degraded.
        let cut = lines.cut_at_edge + content.cut_at_clip;
        if cut > 0 {
            notes.push(format!(
                "{cut} line(s) run on past the page's right edge or their clip, where they are not shown: each is cut there (U+FFFD)"
            ));
        }
        let quality = if junk * 50 > k.chars || cut > 0 {
            PageQuality::Degraded
        } else {
            PageQuality::Ok
        };
        if k.bad > 0 {
            notes.push(format!(
                "{} of {} characters unreadable (U+FFFD, control or private-use characters)",
                k.bad, k.chars
            ));
        }
        if k.suspect > 0 {
            notes.push(format!("{} of {} characters come from a font without a complete ToUnicode map (its codes, or glyphs filled in from their outlines beside others left unknown) and may not be what they seem", k.suspect, k.chars));
        }
        (lines, quality)
    };
    for f in &content.unmapped_fonts {
        notes.push(format!(
            "font {f} has no ToUnicode map and no usable encoding"
        ));
    }
    for f in &content.outline_fonts {
        notes.push(format!(
            "font {f} has no usable ToUnicode map: its text was read from its glyph outlines"
        ));
    }
    let geometry = PageGeometry {
        media: content.media,
        rules: content
            .rules
            .iter()
            .map(|r| [r.x0, r.y0, r.x1, r.y1])
            .collect(),
    };
    (
        PdfPage {
            lines: lines.lines,
            quality,
            notes,
            furniture: Vec::new(),
            ocr: None,
            boxes: lines.boxes,
            geometry,
            ocr_sure: Vec::new(),
            outline_fonts: content.outline_fonts.clone(),
        },
        k,
        lines.rows,
        edges,
        scan,
    )
}

/// A page that is one full-page image: what OCR needs.
struct Scan {
    placed: Placed,
    media: Option<[f32; 4]>,
}

/// Should this page, one full-page image, be OCR'd under `mode`?
fn wants_ocr(mode: OcrMode, no_text: bool) -> bool {
    match mode {
        OcrMode::Never => false,
        OcrMode::Auto => no_text,
        OcrMode::Always => true,
    }
}

/// The document's own digit shapes ([`crate::ocr::model`]), learned from the glyphs its
/// OCR'd pages read surely, in page order.
fn learn_digits(done: &[(Ahead, Option<ocr_queue::Done>)]) -> crate::ocr::model::Model {
    let samples: Vec<_> = done
        .iter()
        .filter_map(|(_, d)| d.as_ref()?.0.as_ref().ok())
        .flat_map(scan::Scanned::samples)
        .collect();
    crate::ocr::model::Model::learn(&samples)
}

/// A page interpreted ahead of the layout.
struct Ahead {
    page: usize,
    it: Interpreted,
    /// Its image was queued for OCR with this engine.
    ocr: Option<&'static crate::ocr::Engine>,
    /// Why it was not OCR'd although it wanted to be.
    note: Option<String>,
}

/// What [`read_with`] builds, page after page in order.
struct Laid<'a> {
    out: &'a mut PdfText,
    rows: &'a mut Vec<Vec<layout::RowMeta>>,
    edges: &'a mut Vec<Vec<furniture::EdgeLine>>,
    total: &'a mut Counts,
    grid: &'a mut layout::Carry,
    budget: &'a mut Budget,
    /// Why OCR failed (the first page's reason).
    ocr_failed: &'a mut Option<String>,
}

impl Laid<'_> {
    /// Lays out the next page (and `done`, what OCR read on it, when it was OCR'd).
    fn page(&mut self, a: Ahead, done: Option<ocr_queue::Done>) {
        let grid = &mut *self.grid;
        let (mut page, k, mut r, e, _) =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lay_out(a.it, grid)))
                .unwrap_or_else(|_| {
                    lay_out(Interpreted::broken(a.page), &mut layout::Carry::default())
                });
        page.notes.extend(a.note);
        if let (Some(engine), Some((result, used))) = (a.ocr, done) {
            self.budget.left = self
                .budget
                .left
                .saturating_sub(Budget::default().left.saturating_sub(used.left));
            self.budget.exceeded |= used.exceeded;
            match result {
                Ok(read) if read.words > 0 => {
                    let lines = layout::page_lines_with(&read.content, false, self.grid);
                    page.lines = lines.lines;
                    page.boxes = lines.boxes;
                    r = lines.rows;
                    page.ocr = Some(read.confidence);
                    page.ocr_sure = read.sure;
                    page.notes.push(format!(
                        "read by OCR ({}): {} words, mean confidence {:.0}",
                        engine.version, read.words, read.confidence
                    ));
                }
                Ok(_) => {
                    self.ocr_failed
                        .get_or_insert_with(|| "OCR found no words".to_owned());
                    page.notes.push("OCR found no words on the page".into());
                }
                Err(why) => {
                    page.notes.push(format!("not OCR'd: {why}"));
                    self.ocr_failed.get_or_insert(why);
                }
            }
        }
        self.rows.push(r);
        self.edges.push(e);
        self.total.chars += k.chars;
        self.total.bad += k.bad;
        self.total.suspect += k.suspect;
        self.out.pages.push(page);
    }
}

/// A bare page number: `- 23 -`, `23`, `(๒๓)`.
fn is_page_number(line: &str) -> bool {
    let t = line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '(' | ')' | '[' | ']')
    });
    (1..=3).contains(&t.chars().count())
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
}

/// Drops the edge lines that are page furniture ([`furniture::furniture`]) into
/// [`PdfPage::furniture`] and puts the others back at the top or bottom of their page.
fn put_back_edges(
    pages: &mut [PdfPage],
    rows: &mut [Vec<layout::RowMeta>],
    edges: Vec<Vec<furniture::EdgeLine>>,
) {
    let flags = furniture::furniture(&edges);
    for (i, (page_edges, flags)) in edges.into_iter().zip(flags).enumerate() {
        let mut top = Vec::new();
        let mut top_boxes = Vec::new();
        for (e, is_furniture) in page_edges.into_iter().zip(flags) {
            if is_furniture {
                pages[i].furniture.push(Furniture {
                    page_number: furniture::is_page_number(&e.text),
                    top: e.top,
                    text: e.text,
                });
            } else if e.top {
                top.push(e.text);
                top_boxes.push(e.boxes);
            } else {
                pages[i].lines.push(e.text);
                pages[i].boxes.push(e.boxes);
            }
        }
        if !top.is_empty() {
            for r in &mut rows[i] {
                r.line += top.len();
            }
            pages[i].lines.splice(0..0, top);
            pages[i].boxes.splice(0..0, top_boxes);
        }
    }
}

/// Maps a lopdf load error to ours.
fn load_error(e: &lopdf::Error) -> ErrorKind {
    match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ErrorKind::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            ErrorKind::Limit(format!("a stream decompresses to more than {limit} bytes"))
        }
        other => ErrorKind::CorruptPdf(other.to_string()),
    }
}

/// An Info dictionary string.
fn info(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(|o| obj::deref(doc, o))?
        .as_dict()
        .ok()?;
    match obj::deref(doc, info.get(key).ok()?) {
        Object::String(s, _) => {
            let t = lexer::text_string(s);
            let t = t.trim_matches(char::from(0)).trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        _ => None,
    }
}

/// Reads the text layer of a PDF.
///
/// # Errors
/// Damaged ([`ErrorKind::CorruptPdf`]), encrypted with a user password
/// ([`ErrorKind::Encrypted`]), scanned ([`ErrorKind::Scanned`]) or unreadable
/// ([`ErrorKind::UnreadableText`]) PDFs, and resource limits ([`ErrorKind::Limit`]).
pub fn read(bytes: &[u8]) -> Result<PdfText> {
    read_with(bytes, &crate::Options::ocr(OcrMode::Never))
}

/// Most pages of one PDF that are OCR'd (the rest get a note).
pub const MAX_OCR_PAGES: usize = 200;

/// Reads a PDF, OCR-ing the pages `how.ocr` selects (one full-page image each, at most
/// [`MAX_OCR_PAGES`]) when Tesseract is installed; see [`crate::ocr`].
///
/// # Errors
/// As [`read`]; a scan is [`ErrorKind::Scanned`] when OCR is off or Tesseract is missing
/// (the message says what to install), [`ErrorKind::ScanUnreadable`] when OCR read nothing.
pub fn read_with(bytes: &[u8], how: &crate::Options) -> Result<PdfText> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(obj::MAX_STREAM),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| load_error(&e))?;
    if doc.trailer.has(b"Encrypt") && !doc.was_encrypted() {
        return Err(ErrorKind::Encrypted.into());
    }
    let pages = walk(&doc)?;
    if pages.is_empty() {
        return Err(ErrorKind::CorruptPdf("the page tree holds no pages".into()).into());
    }
    let mut fonts = FontCache::default();
    let mut budget = Budget::default();
    let mut out = PdfText {
        pages: Vec::with_capacity(pages.len()),
        producer: info(&doc, b"Producer"),
        creator: info(&doc, b"Creator"),
    };
    let mut total = Counts::default();
    let mut rows = Vec::with_capacity(pages.len());
    let mut edges = Vec::with_capacity(pages.len());
    // Columns of borderless tables and the text's line pitch, carried from page to page.
    let mut grid = layout::Carry::default();
    // Why pages that wanted OCR did not get it (the first reason).
    let mut ocr_missing: Option<String> = None;
    let mut ocr_failed: Option<String> = None;
    let mut ocr_count = 0usize;
    let slots: &crate::ocr::slots::Slots = match how.ocr_slots.as_deref() {
        Some(slots) => slots,
        None => crate::ocr::slots::Slots::this_process(),
    };
    let queue = ocr_queue::Queue::new(&doc, slots);
    std::thread::scope(|scope| {
        // Pages interpreted (and their OCR started) but not laid out yet, in page order.
        let mut ahead: std::collections::VecDeque<Ahead> = std::collections::VecDeque::new();
        let mut laid = Laid {
            out: &mut out,
            rows: &mut rows,
            edges: &mut edges,
            total: &mut total,
            grid: &mut grid,
            budget: &mut budget,
            ocr_failed: &mut ocr_failed,
        };
        for (i, p) in pages.iter().enumerate() {
            let it = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                interpret(&doc, p, &mut fonts, laid.budget)
            }))
            .unwrap_or_else(|_| Interpreted::broken(i));
            let mut a = Ahead {
                page: i,
                it,
                ocr: None,
                note: None,
            };
            if let Some(scan) =
                a.it.scan
                    .as_ref()
                    .filter(|_| wants_ocr(how.ocr, a.it.no_text()))
            {
                match crate::ocr::engine() {
                    Err(why) => {
                        ocr_missing.get_or_insert(why);
                    }
                    Ok(_) if ocr_count >= MAX_OCR_PAGES => {
                        a.note = Some(format!(
                            "not OCR'd: more than {MAX_OCR_PAGES} pages to OCR in one PDF"
                        ));
                    }
                    Ok(engine) => {
                        ocr_count += 1;
                        if let Some(announce) = how.on_ocr_page {
                            announce(u32::try_from(i + 1).unwrap_or(u32::MAX));
                        }
                        queue.submit(scope, engine, i, scan.placed, scan.media);
                        a.ocr = Some(engine);
                    }
                }
            }
            ahead.push_back(a);
            // Pages before the first OCR'd one are laid out as they come; from it on, every
            // page waits for the whole document's OCR (its own digit shapes are learned from
            // all its pages).
            if ocr_count == 0 {
                while let Some(a) = ahead.pop_front() {
                    laid.page(a, None);
                }
            }
        }
        let done: Vec<(Ahead, Option<ocr_queue::Done>)> = ahead
            .into_iter()
            .map(|a| {
                let done = a.ocr.map(|_| queue.take(scope, a.page));
                (a, done)
            })
            .collect();
        let learned = learn_digits(&done);
        for (a, done) in done {
            let done = done.map(|(result, used)| (result.map(|r| r.with_model(&learned)), used));
            laid.page(a, done);
        }
    });
    put_back_edges(&mut out.pages, &mut rows, edges);
    layout::join_split_rows(&mut out.pages, &mut rows);
    for p in &mut out.pages {
        // Boxes that lost step with their lines would outline the wrong text: none rather.
        if p.boxes.len() != p.lines.len() {
            p.boxes.clear();
        }
    }
    // Bare page numbers (`- 23 -`, `23`) in the header or footer are not the report's text.
    for p in &mut out.pages {
        for at_end in [false, true] {
            let k = if at_end {
                p.lines.len().checked_sub(1)
            } else {
                Some(0)
            };
            if let Some(k) = k.filter(|&k| p.lines.get(k).is_some_and(|l| is_page_number(l))) {
                p.lines.remove(k);
                if k < p.boxes.len() {
                    p.boxes.remove(k);
                }
            }
        }
        // A nikhahit drawn alone before sara aa is sara am (a font's own glyph for it, Word's
        // lost nikhahit): the lines carry `ำ` as the text dumps do, not its two pieces.
        for l in &mut p.lines {
            if l.contains("\u{0E4D}\u{0E32}") {
                *l = l.replace("\u{0E4D}\u{0E32}", "\u{0E33}");
            }
        }
    }
    if budget.exceeded {
        return Err(ErrorKind::Limit(format!(
            "decoded streams exceed {} MiB each or {} MiB in all",
            obj::MAX_STREAM >> 20,
            obj::MAX_TOTAL >> 20
        ))
        .into());
    }
    let n = u32::try_from(out.pages.len()).unwrap_or(u32::MAX);
    if let Some(why) = &ocr_missing {
        for p in out
            .pages
            .iter_mut()
            .filter(|p| p.quality == PageQuality::NoText)
        {
            p.notes.push(format!("not OCR'd: {why}"));
        }
    }
    if out
        .pages
        .iter()
        .all(|p| p.quality == PageQuality::NoText && p.ocr.is_none())
    {
        if doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed) {
            return Err(ErrorKind::CorruptPdf(
                "the file is damaged (cross-reference table rebuilt) and no text could be read"
                    .into(),
            )
            .into());
        }
        if let (None, Some(why)) = (&ocr_missing, ocr_failed) {
            return Err(ErrorKind::ScanUnreadable { pages: n, why }.into());
        }
        return Err(ErrorKind::Scanned { pages: n }.into());
    }
    let junk = total.bad + total.suspect;
    if total.chars > 0 && junk * 2 > total.chars {
        let fonts: Vec<String> = out
            .pages
            .iter()
            .flat_map(|p| p.notes.iter())
            .filter(|n| n.starts_with("font "))
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        return Err(ErrorKind::UnreadableText(format!(
            "{junk} of {} characters are not text (fonts without a usable ToUnicode map{}{})",
            total.chars,
            if fonts.is_empty() { "" } else { ": " },
            fonts.join("; ")
        ))
        .into());
    }
    Ok(out)
}

/// Entry points for the fuzz targets in `fuzz/`; not part of the API.
#[doc(hidden)]
pub mod fuzzing {
    /// Parses a ToUnicode CMap, then decodes `probe` with it as 1- and 2-byte codes; returns
    /// the number of characters produced (so the work cannot be optimised away).
    #[must_use]
    pub fn tounicode(cmap: &[u8], probe: &[u8]) -> usize {
        let map = super::cmap::ToUnicode::parse(cmap);
        let mut out = String::new();
        let mut i = 0;
        while i < probe.len() {
            let n = map
                .code_len(&probe[i..], 1)
                .clamp(1, 4)
                .min(probe.len() - i);
            let code = probe[i..i + n]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            map.lookup(code, &mut out);
            i += n;
        }
        out.chars().count()
    }
}
