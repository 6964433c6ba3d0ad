//! OCR of scanned pages: the page image as stored in the PDF → Tesseract → positioned words.
//!
//! ```text
//! image XObject ──image──▶ .jpg / .pgm / .ppm / .pbm / .tif file as stored (no re-rendering)
//!               ──tesseract (CLI, TSV)──▶ words with pixel boxes and confidences
//!               ──pdf::scan──▶ glyphs in PDF points ──layout──▶ lines / table rows
//! ```
//!
//! The engine is the Tesseract 5 command line with the Thai and English models (Debian:
//! `tesseract-ocr`, `tesseract-ocr-tha`), found at run time: without it a scan is today's
//! `scanned` error, which names what to install. Numbers read by OCR are checked afterwards by
//! [`confirm`]: a value no evidence confirms becomes `null` with `ocr-unconfirmed`.

pub mod arith;
pub mod cells;
pub mod confirm;
pub mod digits;
pub(crate) mod image;
pub(crate) mod layer;
pub mod leftover;
pub mod model;
pub mod raster;
pub mod screen;
pub mod slots;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// When to OCR a PDF page (`--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrMode {
    /// Pages without a usable text layer (no text at all) that are one full-page image.
    #[default]
    Auto,
    /// Never: a scan is the `scanned` error.
    Never,
    /// Every page that is one full-page image, even when it has a text layer (which is then
    /// replaced by what OCR reads).
    Always,
}

/// What to install when Tesseract is missing.
pub const INSTALL_HINT: &str =
    "install Tesseract 5 with its Thai model (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-tha)";

/// The environment variable that names the Tesseract executable (default `tesseract` on the
/// `PATH`); tests set it to a missing file to run as if it were not installed.
pub const TESSERACT_ENV: &str = "ITA_TESSERACT";

/// One word read by OCR, in the image's pixels (origin top left).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Left edge.
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
    /// The word.
    pub text: String,
    /// Tesseract's line: (block, paragraph, line), in reading order.
    pub line: (u32, u32, u32),
}

/// A number or id our digit reader read surely ([`digits`]), as written in the line, and
/// where: the centre of its box, in the same device space as the page's glyphs, so that the
/// reader's piece of a line can be told from Tesseract's word of the same text elsewhere on
/// the page (a `๐` of its own in the narrative beside a row's score `๐`).
#[derive(Debug, Clone, PartialEq)]
pub struct Sure {
    /// What was read (`๙๘.๑๒`, `e๑๑`).
    pub text: String,
    /// Centre across.
    pub x: f32,
    /// Centre up the page.
    pub y: f32,
}

impl From<&str> for Sure {
    /// A reading whose place is not known (NaN): it confirms by the page's count only.
    fn from(text: &str) -> Self {
        Sure {
            text: text.to_owned(),
            x: f32::NAN,
            y: f32::NAN,
        }
    }
}

/// One line of words as Tesseract grouped them, with its box.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    /// Left edge of the line's box (pixels).
    pub left: u32,
    /// Top edge.
    pub top: u32,
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
    /// Its words, left to right.
    pub words: Vec<Word>,
}

/// The OCR engine found on this machine: its executable and version line.
#[derive(Debug, Clone)]
pub struct Engine {
    exe: PathBuf,
    /// `tesseract 5.3.0` (the first line of `tesseract --version`).
    pub version: String,
}

/// The engine, when Tesseract with the Thai and English models is installed; otherwise why
/// not. Looked up once per process.
///
/// # Errors
/// Why no engine is usable (not installed, or without the `tha` model), with what to install.
pub fn engine() -> Result<&'static Engine, String> {
    static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();
    ENGINE
        .get_or_init(find_engine)
        .as_ref()
        .map_err(Clone::clone)
}

fn find_engine() -> Result<Engine, String> {
    let exe = PathBuf::from(std::env::var_os(TESSERACT_ENV).unwrap_or_else(|| "tesseract".into()));
    let out = Command::new(&exe)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            format!(
                "Tesseract is not installed ({}: {e}); {INSTALL_HINT}",
                exe.display()
            )
        })?;
    let langs = String::from_utf8_lossy(&out.stdout);
    let has = |l: &str| langs.lines().any(|x| x.trim() == l);
    if !has("tha") || !has("eng") {
        return Err(format!(
            "Tesseract has no Thai and English models (tha, eng); {INSTALL_HINT}"
        ));
    }
    let version = Command::new(&exe)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .ok()
        .and_then(|o| {
            let s = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            s.lines().next().map(|l| l.trim().to_owned())
        })
        .unwrap_or_else(|| "tesseract".to_owned());
    Ok(Engine { exe, version })
}

impl Engine {
    /// Reads one image file's bytes (`ext` names its format: `jpg`, `pgm`, `ppm`, `pbm`,
    /// `tif`) at `dpi` and returns its lines of words. The image goes through a temporary file
    /// that is removed afterwards. Tesseract runs single-threaded (`OMP_THREAD_LIMIT=1`), so
    /// a batch's `-j` bounds the cores OCR uses.
    ///
    /// # Errors
    /// When the temporary file cannot be written or Tesseract fails (its message).
    pub fn recognize(&self, bytes: &[u8], ext: &str, dpi: u32) -> Result<Vec<OcrLine>, String> {
        self.recognize_psm(bytes, ext, dpi, 4)
    }

    /// [`Engine::recognize`] with another page segmentation mode (`--psm`): 11, sparse text,
    /// for what the first pass left out ([`leftover`]).
    ///
    /// # Errors
    /// As [`Engine::recognize`].
    pub fn recognize_psm(
        &self,
        bytes: &[u8],
        ext: &str,
        dpi: u32,
        psm: u8,
    ) -> Result<Vec<OcrLine>, String> {
        let mut file = tempfile::Builder::new()
            .prefix("ita-ocr-")
            .suffix(&format!(".{ext}"))
            .tempfile()
            .map_err(|e| format!("cannot write a temporary image: {e}"))?;
        file.write_all(bytes)
            .and_then(|()| file.flush())
            .map_err(|e| format!("cannot write a temporary image: {e}"))?;
        let out = Command::new(&self.exe)
            .arg(file.path())
            .arg("stdout")
            .args(["-l", "tha+eng", "--psm", &psm.to_string(), "--dpi"])
            .arg(dpi.clamp(70, 1200).to_string())
            .arg("tsv")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run Tesseract: {e}"))?;
        drop(file);
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            return Err(format!(
                "Tesseract failed ({}): {}",
                out.status,
                last.trim()
            ));
        }
        Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
    }
}

/// A page image made ready for OCR: straightened and without table rules.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The pixels Tesseract and the digit reader see.
    pub image: raster::Gray,
    /// Ink is at or below this.
    pub threshold: u8,
    /// The skew taken out, in degrees.
    pub skew: f64,
    /// The table rules taken out (pixels of [`Prepared::image`]).
    pub rules: Vec<raster::Segment>,
    /// The resolution of [`Prepared::image`].
    pub dpi: u32,
}

/// Most glyphs of one number or id read again (`๑๐๐.๐๐`: six).
const MAX_GLYPHS: usize = 7;

/// Pages stored finer than this (dpi) are read at [`READ_DPI`].
const MAX_DPI: u32 = 250;
/// The resolution finer pages are brought down to.
const READ_DPI: u32 = 200;
/// Least skew (degrees) worth turning the page for.
const MIN_SKEW: f64 = 0.2;
/// Largest skew looked for (degrees): a sheet fed or laid a few degrees off.
const MAX_SKEW: f64 = 5.0;

/// Straightens a page (skew within ±5°) and whitens its table rules (lines at least 0.4 inch
/// long and at most 1/50 inch thick), which Tesseract otherwise reads as `|`, `[`, `1` and
/// which join digits to them.
#[must_use]
pub fn prepare(mut page: raster::Gray, mut dpi: u32) -> Prepared {
    // Pages scanned finer than the reader and Tesseract's Thai model were measured at are
    // brought down to 200 dpi (300 dpi read 152 of 200 fields, 200 dpi 196).
    // Grey, also for a 1-bit page: made 1-bit again it read 112 of 200 fields, left grey 172.
    let brought_down = dpi > MAX_DPI;
    if brought_down {
        let factor = f64::from(READ_DPI) / f64::from(dpi);
        page = page.downscale(factor);
        dpi = READ_DPI;
    }
    let mut t = page.threshold();
    let mut ink = page.ink(t);
    // A page is mostly paper: mostly "ink" is a negative, as a CCITT image with /BlackIs1 true
    // (img2pdf's G4 pages) comes out of the TIFF wrapper, which does not carry that flag, or
    // any 1-bit image whose bits mean the other colour. Turned back, so that glyphs are ink for
    // the digit reader and Tesseract reads a normal page.
    if ink.iter().filter(|&&b| b).count() * 2 > ink.len() {
        page.invert();
        t = page.threshold();
        ink = page.ink(t);
    }
    let skew = raster::skew(&ink, page.width, page.height, MAX_SKEW);
    let mut image = if skew.abs() >= MIN_SKEW {
        let r = raster::rotate(&page, skew);
        // Interpolation greys every edge: a 1-bit page's threshold (0, its only ink level)
        // would keep only the cores of its strokes. The straightened page's own is taken.
        t = r.threshold();
        r
    } else {
        page
    };
    let dpi = dpi.clamp(70, 1200) as usize;
    // A rule's grey edge goes with it: a thin rule turned and straightened again is grey
    // over three or four rows, lighter than the threshold on the outer ones.
    let (ink, light) = (image.ink(t), image.ink(t + (255 - t) / 2));
    let mut rules = raster::remove_rules(
        &mut image,
        rule_ink(brought_down, &ink, &light),
        &light,
        dpi * 2 / 5,
        (dpi / 50).max(2),
    );
    rules.extend(screen::remove_screened(&mut image, t, dpi));
    // Tables whose outer border the scan lacks are closed, so their last column is a column.
    let closing = raster::closing_rules(&rules, dpi / 4, (dpi / 40).max(2));
    rules.extend(closing);
    Prepared {
        image,
        threshold: t,
        skew,
        rules,
        dpi: dpi as u32,
    }
}

/// The ink rules are looked for in: the page's ink, or on a page brought down from a finer
/// scan its light ink too. A 1-pixel rule at 300 dpi is spread over two rows of light grey at
/// 200 (`231`, `195` for a `133` rule), above the page's threshold: LibreOffice's thin grey
/// borders of the TH Sarabun New report stayed, the layout found no cells and ran the table's
/// rows together (53 of 200 fields at 300 dpi, 180 at 200).
fn rule_ink<'a>(brought_down: bool, ink: &'a [bool], light: &'a [bool]) -> &'a [bool] {
    if brought_down {
        light
    } else {
        ink
    }
}

/// Does Tesseract's word look like (part of) a number or question id: a digit, a point, or
/// only Latin letters and marks (`acca` for `๙๙.๙๑`)?
fn numeric_looking(text: &str) -> bool {
    let thai_letter = |c: char| ('\u{0E01}'..='\u{0E4F}').contains(&c);
    text.chars()
        .any(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.')
        || (!text.chars().any(thai_letter) && text.chars().count() <= 8)
}

/// Reads the numbers of `lines` again with [`digits`], from the page's pixels rather than
/// Tesseract's word boxes (which cut Thai digits apart and run them into their neighbours):
/// each line's ink is cut into runs of glyphs at gaps wider than a fifth of the line's height;
/// a run, or its tail (`ข้อ i๑` → `i๑`), that reads surely as a number or question id
/// replaces the Tesseract words over it. Accepted: a score with a point, an id, a four-digit
/// number, or any shape where Tesseract's own word there looks numeric (so that a lone Thai
/// letter is never taken for a digit). Returns the sure readings (their boxes in pixels).
pub fn reread_numbers(page: &Prepared, lines: &mut [OcrLine]) -> Vec<Word> {
    reread_numbers_kept(page, lines).0
}

/// [`reread_numbers`], also returning what it read: each line's runs of glyphs and each
/// window's glyphs, so that the words can be read again with the document's own glyphs
/// ([`reread_with_model`]) once every page is read, without the page's pixels.
pub fn reread_numbers_kept(page: &Prepared, lines: &mut [OcrLine]) -> (Vec<Word>, model::Kept) {
    let mut kept = model::Kept {
        lines: lines.to_vec(),
        ..model::Kept::default()
    };
    let sure = reread_lines(lines, &mut Source::Image(page, &mut kept));
    kept.sure = sure.iter().map(|(k, w)| (*k, w.clone())).collect();
    (sure.into_iter().map(|(_, w)| w).collect(), kept)
}

/// Reads the numbers of the lines `kept` holds again, as [`reread_numbers`] did, with the
/// document's own glyphs beside the fixed templates: the lines as Tesseract read them with
/// the numbers replaced, and the sure readings. A window read surely by the templates keeps
/// that reading unless the document's glyphs read it surely as another value (then it is no
/// reading); a window they did not read surely is taken when the document's glyphs do.
#[must_use]
pub fn reread_with_model(kept: &model::Kept, learned: &model::Model) -> (Vec<OcrLine>, Vec<Word>) {
    let mut lines = kept.lines.clone();
    let sure = reread_lines(&mut lines, &mut Source::Cached(kept, learned));
    (lines, sure.into_iter().map(|(_, w)| w).collect())
}

/// Where [`reread_lines`] reads: the page's pixels (keeping what it read), or what was kept.
enum Source<'a> {
    Image(&'a Prepared, &'a mut model::Kept),
    Cached(&'a model::Kept, &'a model::Model),
}

impl Source<'_> {
    /// The runs of glyphs of line `k` (see [`digits::runs`]).
    fn runs(
        &mut self,
        k: usize,
        band: (usize, usize, usize, usize),
        gap: usize,
    ) -> Vec<Vec<(usize, usize)>> {
        match self {
            Source::Image(page, kept) => {
                let runs = digits::runs(&page.image, page.threshold, band, gap);
                kept.runs.insert(k, runs.clone());
                runs
            }
            Source::Cached(kept, _) => kept.runs.get(&k).cloned().unwrap_or_default(),
        }
    }

    /// The reading of the window `bx` of line `k`.
    fn read(
        &mut self,
        k: usize,
        bx: (usize, usize, usize, usize),
        line_height: usize,
    ) -> Option<digits::Reading> {
        match self {
            Source::Image(page, kept) => {
                let shapes = digits::shapes(&page.image, page.threshold, bx, line_height);
                let r = shapes.as_deref().and_then(|s| digits::classify(s, None));
                kept.windows.insert((k, bx.0, bx.2), (shapes, r.clone()));
                r
            }
            Source::Cached(kept, learned) => {
                let (shapes, fixed) = kept.windows.get(&(k, bx.0, bx.2))?;
                let own = digits::classify(shapes.as_deref()?, Some(learned));
                model::choose(fixed.clone(), own)
            }
        }
    }
}

/// [`reread_numbers`] reading from `src`; the sure readings with their lines' indexes.
fn reread_lines(lines: &mut [OcrLine], src: &mut Source) -> Vec<(usize, Word)> {
    let mut sure = Vec::new();
    let typical = typical_line_height(lines);
    let img_height = match src {
        Source::Image(page, _) => page.image.height,
        Source::Cached(kept, _) => kept.height,
    };
    if let Source::Image(page, kept) = src {
        kept.height = page.image.height;
    }
    for (li, line) in lines.iter_mut().enumerate() {
        if line.width == 0 || line.height == 0 {
            continue;
        }
        // A line of digits and Latin letters only (`ข้อ o9 | 100.00` whose `ข้อ` Tesseract
        // left out) gets a box as tall as its digits, not the Thai line's 1.4 em: gaps and
        // sizes are measured against the page's typical line instead, on a band of that
        // height around the line's middle.
        let line_height = (line.height as usize).max(typical);
        let middle = (line.top + line.height / 2) as usize;
        let band = (
            line.left as usize,
            middle.saturating_sub(line_height / 2),
            (line.left + line.width) as usize,
            (middle + line_height / 2).min(img_height.saturating_sub(1)),
        );
        let mut found: Vec<Word> = Vec::new();
        let mut runs = src.runs(li, band, line_height / 5);
        // An id's letter stands apart from its digits (`o ๑๑`; the `i`, a narrow stem, has
        // wide side bearings): a glyph alone joins the run after it when that is near.
        let mut k = 0;
        while k + 1 < runs.len() {
            let last = runs[k][runs[k].len() - 1];
            let next = runs[k + 1][0];
            if runs[k].len() == 1 && next.0 <= last.1 + line_height / 2 {
                let tail = runs.remove(k + 1);
                runs[k].extend(tail);
            } else {
                k += 1;
            }
        }
        for run in runs {
            // Windows of at most MAX_GLYPHS glyphs, longest first from each start, where
            // Tesseract saw something numeric-looking or Latin (Thai text is not read again);
            // a window read surely is taken and the search goes on after it.
            let mut k = 0;
            let mut after_reading = false;
            while k < run.len() {
                let mut taken = None;
                for end in (k + 1..=run.len().min(k + MAX_GLYPHS)).rev() {
                    let (x0, x1) = (run[k].0, run[end - 1].1);
                    let over: Vec<&Word> = line
                        .words
                        .iter()
                        .filter(|w| {
                            let c = (w.left + w.width / 2) as usize;
                            (x0..=x1).contains(&c)
                                || (w.left as usize..=(w.left + w.width) as usize)
                                    .contains(&((x0 + x1) / 2))
                        })
                        .collect();
                    if !over.iter().any(|w| {
                        numeric_looking(&w.text) || w.text.chars().any(|c| "ieo".contains(c))
                    }) {
                        continue;
                    }
                    // Tesseract's words that touch the window at all: its digit of an id
                    // may stand half outside (`|` over the `i`, `๓` beside it).
                    let touching: Vec<&Word> = line
                        .words
                        .iter()
                        .filter(|w| (w.left as usize) < x1 && x0 < (w.left + w.width) as usize)
                        .collect();
                    let Some(r) = src
                        .read(li, (x0, band.1, x1, band.3), line_height)
                        .filter(digits::Reading::sure)
                    else {
                        continue;
                    };
                    // An id only where Tesseract saw a Latin id letter or a digit (never
                    // over `IIT` or Thai words: `ใน` is no `i6`).
                    let id = r.text.starts_with(['i', 'e', 'o']);
                    if id
                        && !touching.iter().any(|w| {
                            w.text.chars().any(|c| {
                                "ieo".contains(c) || c.is_ascii_digit() || ('๐'..='๙').contains(&c)
                            })
                        })
                    {
                        continue;
                    }
                    let shaped = r.text.contains('.') || id || r.text.chars().count() == 4;
                    if !shaped && !over.iter().any(|w| numeric_looking(&w.text)) {
                        continue;
                    }
                    if lone_zero_in_run(&r.text, k == 0 && end == run.len())
                        || tail_of_number(&r.text, &run[..k], after_reading, line_height / 5)
                    {
                        continue;
                    }
                    taken = Some(end);
                    found.push(Word {
                        left: x0 as u32,
                        top: line.top,
                        width: (x1 - x0) as u32,
                        height: line.height,
                        conf: over.iter().map(|w| w.conf).fold(100.0, f32::min),
                        text: r.text,
                        line: over.first().map_or(line.words[0].line, |w| w.line),
                    });
                    break;
                }
                after_reading = taken.is_some();
                k = taken.unwrap_or(k + 1);
            }
        }
        // Two readings side by side (closer than a third of the line's height) are one word
        // cut in two (`o๑๐` read as `o1` and `0`): neither is kept. Not when the two together
        // are no reading (an id then its score, `i๙` `๑๐๐.๐๐`, in a narrow table's cells).
        found.sort_by_key(|f| f.left);
        let close: Vec<bool> = (0..found.len())
            .map(|i| {
                let near = |a: &Word, b: &Word| {
                    b.left < a.left + a.width + line_height as u32 / 3 && one_word(a, b)
                };
                (i > 0 && near(&found[i - 1], &found[i]))
                    || (i + 1 < found.len() && near(&found[i], &found[i + 1]))
            })
            .collect();
        let mut keep = close.iter().map(|c| !c);
        found.retain(|_| keep.next().unwrap_or(false));
        if found.is_empty() {
            continue;
        }
        // Tesseract's words under a reading go (`ส` for `๙`), but not its Thai words under
        // an id (the `อ` of `ข้อ`, whose box it may put over the id).
        let thai_letter = |c: char| ('\u{0E01}'..='\u{0E4F}').contains(&c);
        // Nor do Latin words that reach into an id (`Hails` over `ข้อ i๒`, Tesseract's reading
        // of the `ข้อ` and the id's letter), which would run into it as one word.
        line.words.retain(|w| {
            let c = w.left + w.width / 2;
            let latin_into_id = |f: &Word| {
                f.text.starts_with(['i', 'e', 'o'])
                    && !w.text.chars().any(thai_letter)
                    && w.left < f.left + f.width
                    && f.left < w.left + w.width
            };
            found
                .iter()
                .filter(|f| (f.left..=f.left + f.width).contains(&c))
                .all(|f| {
                    f.text.starts_with(['i', 'e', 'o'])
                        && w.text.chars().any(thai_letter)
                        && !numeric_looking(&w.text)
                })
                && !found.iter().any(latin_into_id)
                && !found.iter().any(|f| stray_before(w, f, line_height as u32))
        });
        for f in found {
            sure.push((li, f.clone()));
            line.words.push(f);
        }
        line.words.sort_by_key(|w| w.left);
    }
    // The same ink read twice: a lone digit read on a line whose box crosses a number's.
    for (li, w) in read_twice(&sure) {
        if let Some(line) = lines.get_mut(li) {
            line.words.retain(|x| *x != w);
        }
        sure.retain(|(k, x)| !(*k == li && *x == w));
    }
    sure
}

/// The sure readings of `sure` (with their lines' indexes) that are a glyph of another line's
/// number read again: a reading of no field's shape (no point, no id letter, not a
/// four-digit year) whose line's box overlaps, from another line, that of a reading of a
/// field's shape, and whose middle stands within that reading's width. Tesseract makes a line
/// of the specks under a score (`+@)`) whose band holds the score's `๑`, read surely as a
/// `๑` of its own that ran into the score as `198.12` or `98.121`.
fn read_twice(sure: &[(usize, Word)]) -> Vec<(usize, Word)> {
    let shaped = |w: &Word| model::shaped(&w.text);
    sure.iter()
        .filter(|(k, w)| {
            let mid = w.left + w.width / 2;
            !shaped(w)
                && sure.iter().any(|(j, n)| {
                    j != k
                        && shaped(n)
                        && (n.left..=n.left + n.width).contains(&mid)
                        && n.top < w.top + w.height
                        && w.top < n.top + n.height
                })
        })
        .cloned()
        .collect()
}

/// Could the readings `a` and `b`, side by side, be one word cut in two: does the two
/// together read as one number or id (`o1` `0` → `o10`)? An id and a score (`i๙๑๐๐.๐๐`) do
/// not.
fn one_word(a: &Word, b: &Word) -> bool {
    digits::fits(&format!("{}{}", a.text, b.text))
}

/// Is `text` a score of zero (`๐`, `0`: one glyph) read from part of a run of glyphs
/// (`whole_run` false)? A zero score stands alone in its cell; a `๐` with ink of the same
/// run beside it is the last glyph of a number whose other glyphs the reader could not
/// place (a `๑๐๐.๐๐` whose cell rule a turned page left on it), never a score.
fn lone_zero_in_run(text: &str, whole_run: bool) -> bool {
    !whole_run && matches!(text, "๐" | "0")
}

/// Is the score `text`, read from a window that starts after the glyphs `before` of its run
/// (`after_reading`: right after another reading), the tail of a longer number? A glyph of a
/// digit's width (wider than half the run's `gap`) that no reading took, close before it,
/// is a digit the reader could not place: `๑๐๐.๐๐` whose `๑` it took for a `9` (no score
/// reads `900.00`) gave `๐.๐๐` on a turned JPEG page. A speck, a rule's remnant or a point
/// before a score is narrow and stays out of this.
fn tail_of_number(text: &str, before: &[(usize, usize)], after_reading: bool, gap: usize) -> bool {
    text.contains('.') && !after_reading && before.last().is_some_and(|g| (g.1 - g.0) * 2 > gap)
}

/// Is `w` a narrow piece of Tesseract's digits or marks just left of the score `f` (touching
/// it within a quarter of the line's height)? Tesseract reads specks by a table's rule as a
/// digit (`๕` before `๙๘.๑๒`), which would run into the number (`5๙๘.๑๒`); a number of its
/// own there would have been read by the reader as one.
fn stray_before(w: &Word, f: &Word, line_height: u32) -> bool {
    let thai_letter = |c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c);
    !f.text.starts_with(['i', 'e', 'o'])
        && numeric_looking(&w.text)
        && !w.text.chars().any(thai_letter)
        && w.text.chars().count() <= 2
        && w.width * 2 < line_height
        && w.left < f.left
        && w.left + w.width + line_height / 4 >= f.left
}

/// The median height of the page's lines that hold Thai letters (a Thai line's box: tone
/// marks to descenders), 0 when there is none.
fn typical_line_height(lines: &[OcrLine]) -> usize {
    let thai = |w: &Word| {
        w.text
            .chars()
            .any(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c))
    };
    let mut h: Vec<u32> = lines
        .iter()
        .filter(|l| l.words.iter().filter(|w| thai(w)).count() >= 3)
        .map(|l| l.height)
        .collect();
    h.sort_unstable();
    h.get(h.len() / 2).map_or(0, |&v| v as usize)
}

/// Joins the pieces of Thai words that Tesseract gives as words of their own (`ปีงบป ร ะ มาณ`):
/// neighbours in a line with Thai letters, no digit, and a gap under an eighth of the line's
/// height (a space is wider) become one word, so the parser finds its anchors.
pub fn join_thai_pieces(lines: &mut [OcrLine]) {
    let thai = |w: &Word| {
        w.text
            .chars()
            .any(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
            && !w
                .text
                .chars()
                .any(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    };
    for line in lines {
        let gap = line.height / 8;
        let mut out: Vec<Word> = Vec::with_capacity(line.words.len());
        for w in std::mem::take(&mut line.words) {
            match out.last_mut() {
                Some(p) if thai(p) && thai(&w) && w.left <= p.left + p.width + gap => {
                    let right = (p.left + p.width).max(w.left + w.width);
                    let (top, bottom) =
                        (p.top.min(w.top), (p.top + p.height).max(w.top + w.height));
                    p.text.push_str(&w.text);
                    p.width = right - p.left;
                    p.top = top;
                    p.height = bottom - top;
                    p.conf = p.conf.min(w.conf);
                }
                _ => out.push(w),
            }
        }
        line.words = out;
    }
}

/// Parses Tesseract's TSV output into lines of words (level 4 rows are lines, level 5 words).
#[must_use]
pub fn parse_tsv(tsv: &str) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut keys: Vec<(u32, u32, u32)> = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let n = |i: usize| f[i].trim().parse::<u32>().ok();
        let (Some(level), Some(block), Some(par), Some(line)) = (n(0), n(2), n(3), n(4)) else {
            continue;
        };
        let (Some(left), Some(top), Some(width), Some(height)) = (n(6), n(7), n(8), n(9)) else {
            continue;
        };
        let key = (block, par, line);
        let new_line = OcrLine {
            left,
            top,
            width,
            height,
            words: Vec::new(),
        };
        match level {
            4 => {
                keys.push(key);
                lines.push(new_line);
            }
            5 => {
                let text = f[11..].join("\t");
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                let conf = f[10].trim().parse::<f32>().unwrap_or(-1.0);
                let word = Word {
                    left,
                    top,
                    width,
                    height,
                    conf,
                    text: text.to_owned(),
                    line: key,
                };
                let i = keys.iter().rposition(|k| *k == key).unwrap_or_else(|| {
                    // A word without its line row: the word's box is the line's.
                    keys.push(key);
                    lines.push(new_line);
                    lines.len() - 1
                });
                lines[i].words.push(word);
            }
            _ => {}
        }
    }
    lines.retain(|l| !l.words.is_empty());
    for l in &mut lines {
        l.words.sort_by_key(|w| w.left);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_negative_page_is_turned_back_before_reading() {
        // White strokes on black, as a /BlackIs1 G4 page decodes: mostly "ink".
        let (w, h) = (200usize, 100usize);
        let mut px = vec![0u8; w * h];
        for y in 40..60 {
            for x in 20..180 {
                if (x / 10) % 2 == 0 {
                    px[y * w + x] = 255;
                }
            }
        }
        let page = raster::Gray {
            width: w,
            height: h,
            px,
        };
        let p = prepare(page, 200);
        let ink = p.image.ink(p.threshold);
        let share = ink.iter().filter(|&&b| b).count() as f64 / ink.len() as f64;
        assert!(share < 0.2, "ink share {share} after prepare");
        // The strokes are the ink now.
        assert!(ink[50 * w + 25] && !ink[50 * w + 35] && !ink[5 * w + 5]);
    }

    #[test]
    fn a_thin_rule_of_a_finer_scan_is_found_and_whitened_once_brought_down() {
        // A 300-dpi page: a 1-pixel grey rule (`133`, LibreOffice's thin border) across it and
        // text-like ink above it; brought down to 200 dpi the rule is a row of light grey.
        let (w, h) = (900usize, 600usize);
        let mut px = vec![255u8; w * h];
        px[300 * w + 30..300 * w + 870].fill(133);
        for y in 200..240 {
            for x in (100..800).filter(|x| x % 24 < 6) {
                px[y * w + x] = 20;
            }
        }
        let page = raster::Gray {
            width: w,
            height: h,
            px,
        };
        let p = prepare(page.clone(), 300);
        assert_eq!(p.dpi, 200);
        assert!(
            p.rules.iter().any(|r| r.1 == r.3 && r.2 - r.0 > 400),
            "{:?}",
            p.rules
        );
        let darkest = (195..206)
            .map(|y| {
                (30..570)
                    .map(|x| p.image.px[y * p.image.width + x])
                    .min()
                    .unwrap_or(255)
            })
            .min();
        assert_eq!(darkest, Some(255));
        // The text stays.
        assert!(p.image.px[150 * p.image.width + 82] < 100);
        // At 200 dpi as scanned, the page's own ink: the light-grey row is no ink and stays.
        let mut light = page;
        light.px[300 * w + 30..300 * w + 870].fill(215);
        let q = prepare(light, 200);
        assert!(q.rules.is_empty(), "{:?}", q.rules);
    }

    #[test]
    fn a_lone_digit_read_again_from_a_number_on_a_crossing_line_is_dropped() {
        let word = |text: &str, left: u32, width: u32, top: u32| Word {
            left,
            top,
            width,
            height: 40,
            conf: 90.0,
            text: text.into(),
            line: (1, 1, 1),
        };
        let score = word("๙๘.๑๒", 618, 83, 834);
        // The score's `๑` read again on a line of specks whose box crosses the score's.
        let again = word("๑", 665, 16, 872);
        // A zero score in the next row (its line apart), an id beside the score.
        let zero = word("๐", 618, 16, 880);
        let id = word("e๒", 528, 38, 860);
        let sure = vec![(0, score), (1, again.clone()), (2, zero), (3, id)];
        assert_eq!(read_twice(&sure), vec![(1, again)]);
    }

    #[test]
    fn two_close_readings_are_one_word_only_when_together_they_read_as_one() {
        let word = |text: &str, left: u32| Word {
            left,
            top: 0,
            width: 30,
            height: 40,
            conf: 90.0,
            text: text.into(),
            line: (1, 1, 1),
        };
        // `o๑๐` cut in two; a score cut in two.
        assert!(one_word(&word("o1", 0), &word("0", 40)));
        assert!(one_word(&word("๑", 0), &word("๐๐.๐๐", 40)));
        // An id and its score in narrow cells side by side; a score and the next id.
        assert!(!one_word(&word("i๙", 0), &word("๑๐๐.๐๐", 40)));
        assert!(!one_word(&word("e๗", 0), &word("๙๘.๑๒", 40)));
        assert!(!one_word(&word("๙๘.๑๒", 0), &word("i๑", 40)));
    }

    #[test]
    fn a_speck_read_as_a_digit_before_a_score_is_dropped_a_number_apart_is_not() {
        let word = |text: &str, left: u32, width: u32| Word {
            left,
            top: 0,
            width,
            height: 30,
            conf: 90.0,
            text: text.into(),
            line: (1, 1, 1),
        };
        let score = word("๙๘.๑๒", 937, 110);
        // `๕` between the cell's rule and the score (g200 scan, question e11).
        assert!(stray_before(&word("๕", 924, 12), &score, 60));
        // The row number a cell away, a Thai word, an id, and a digit after it stay.
        assert!(!stray_before(&word("5", 322, 16), &score, 60));
        assert!(!stray_before(&word("ร", 924, 12), &score, 60));
        assert!(!stray_before(&word("๕", 1050, 12), &score, 60));
        assert!(!stray_before(
            &word("๕", 800, 12),
            &word("e๑๑", 815, 77),
            60
        ));
        assert_eq!(typical_line_height(&[]), 0);
    }

    #[test]
    fn a_zero_score_is_a_whole_run_never_part_of_one() {
        assert!(!lone_zero_in_run("๐", true));
        assert!(!lone_zero_in_run("0", true));
        // The last `๐` of a `๑๐๐.๐๐` whose other glyphs were not placed.
        assert!(lone_zero_in_run("๐", false));
        assert!(lone_zero_in_run("0", false));
        // Other readings from part of a run (`i๑` after `ข้อ`) are not this rule's.
        assert!(!lone_zero_in_run("i๑", false));
        assert!(!lone_zero_in_run("๑๐๐.๐๐", false));
    }

    #[test]
    fn a_score_cut_from_a_longer_number_is_no_reading() {
        // `๐.๐๐` after the unplaced `๑` of `๑๐๐.๐๐` (glyphs 20 wide, gap 12).
        let before = [(100, 120)];
        assert!(tail_of_number("๐.๐๐", &before, false, 12));
        // After a speck or a rule's remnant (narrow), after an id read before it, or whole.
        assert!(!tail_of_number("๙๘.๑๒", &[(100, 104)], false, 12));
        assert!(!tail_of_number("๙๘.๑๒", &before, true, 12));
        assert!(!tail_of_number("๙๘.๑๒", &[], false, 12));
        // Ids and whole numbers are not this rule's (`ข้อ i๑`: the id after Thai letters).
        assert!(!tail_of_number("i๑", &before, false, 12));
    }

    #[test]
    fn tsv_rows_become_lines_of_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
4\t1\t1\t1\t1\t0\t10\t20\t80\t12\t-1\t\n\
5\t1\t1\t1\t1\t2\t50\t20\t40\t12\t91.5\t100.00\n\
5\t1\t1\t1\t1\t1\t10\t21\t30\t11\t88\tคะแนน\n\
5\t1\t1\t1\t1\t3\t95\t21\t3\t11\t0\t \n";
        let lines = parse_tsv(tsv);
        assert_eq!(lines.len(), 1);
        let words: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["คะแนน", "100.00"]);
        assert!((lines[0].words[1].conf - 91.5).abs() < 1e-6);
        assert_eq!(lines[0].height, 12);
    }
}
