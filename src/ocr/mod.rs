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

pub mod confirm;
pub mod digits;
pub(crate) mod image;
pub mod raster;

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
            .args(["-l", "tha+eng", "--psm", "4", "--dpi"])
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
}

/// Least skew (degrees) worth turning the page for.
const MIN_SKEW: f64 = 0.2;
/// Largest skew looked for (degrees).
const MAX_SKEW: f64 = 3.0;

/// Straightens a page (skew within ±3°) and whitens its table rules (lines at least 0.4 inch
/// long and at most 1/50 inch thick), which Tesseract otherwise reads as `|`, `[`, `1` and
/// which join digits to them.
#[must_use]
pub fn prepare(page: raster::Gray, dpi: u32) -> Prepared {
    let t = page.threshold();
    let ink = page.ink(t);
    let skew = raster::skew(&ink, page.width, page.height, MAX_SKEW);
    let (mut image, ink) = if skew.abs() >= MIN_SKEW {
        let r = raster::rotate(&page, skew);
        let ink = r.ink(t);
        (r, ink)
    } else {
        (page, ink)
    };
    let dpi = dpi.clamp(70, 1200) as usize;
    let rules = raster::remove_rules(&mut image, &ink, dpi * 2 / 5, (dpi / 50).max(2));
    Prepared {
        image,
        threshold: t,
        skew,
        rules,
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

/// Reads again, with [`digits`], every word (or run of close words) of `lines` that looks
/// like a number: a sure reading replaces Tesseract's. Returns the sure readings.
pub fn reread_numbers(page: &Prepared, lines: &mut [OcrLine]) -> Vec<String> {
    let mut sure = Vec::new();
    for line in lines.iter_mut() {
        let gap_max = line.height / 2;
        let line_height = line.height as usize;
        let mut out: Vec<Word> = Vec::with_capacity(line.words.len());
        let words = std::mem::take(&mut line.words);
        let mut i = 0;
        while i < words.len() {
            if !numeric_looking(&words[i].text) {
                out.push(words[i].clone());
                i += 1;
                continue;
            }
            // The run of close numeric-looking words from i.
            let mut j = i + 1;
            while j < words.len()
                && numeric_looking(&words[j].text)
                && words[j].left <= words[j - 1].left + words[j - 1].width + gap_max
            {
                j += 1;
            }
            let run = &words[i..j];
            let read = |ws: &[Word], extend: u32| {
                let x0 = ws
                    .iter()
                    .map(|w| w.left)
                    .min()
                    .unwrap_or(0)
                    .saturating_sub(extend);
                let x1 = ws.iter().map(|w| w.left + w.width).max().unwrap_or(0);
                let y0 = ws.iter().map(|w| w.top).min().unwrap_or(0);
                let y1 = ws.iter().map(|w| w.top + w.height).max().unwrap_or(0);
                let bx = (
                    x0.saturating_sub(1) as usize,
                    y0.saturating_sub(1) as usize,
                    x1 as usize,
                    y1 as usize,
                );
                digits::read(&page.image, page.threshold, bx, line_height)
                    .filter(digits::Reading::sure)
                    .map(|r| Word {
                        left: x0,
                        top: y0,
                        width: x1 - x0,
                        height: y1 - y0,
                        conf: ws.iter().map(|w| w.conf).fold(f32::MAX, f32::min),
                        text: r.text,
                        line: ws[0].line,
                    })
            };
            // A question id's letter (`e` of `e๑๑`) that Tesseract ran into the word before
            // (`ข้อe`): read a letter's width more to the left.
            let with_letter = |w: Word, ws: &[Word]| -> Word {
                let digits = w.text.chars().count() <= 2 && !w.text.contains('.');
                match read(ws, line.height * 7 / 10) {
                    Some(l) if digits && l.text.starts_with(['i', 'e', 'o']) => l,
                    _ => w,
                }
            };
            if let Some(w) = read(run, 0) {
                let w = with_letter(w, run);
                sure.push(w.text.clone());
                out.push(w);
            } else {
                for w in run {
                    match read(std::slice::from_ref(w), 0) {
                        Some(r) => {
                            let r = with_letter(r, std::slice::from_ref(w));
                            sure.push(r.text.clone());
                            out.push(r);
                        }
                        None => out.push(w.clone()),
                    }
                }
            }
            i = j;
        }
        line.words = out;
    }
    sure
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
