//! Stage 1: input bytes → pages of raw text lines, with provenance.
//!
//! PDFs go through our own text-layer reader ([`crate::pdf`]); anything else must be text:
//! UTF-8 (with or without a BOM), UTF-16 LE or BE with a BOM (Windows Notepad's "Unicode"),
//! or the legacy Thai TIS-620 / Windows-874; any line ending. A text that is a saved web page
//! or a CSV file (by content) is turned into lines first ([`crate::html`]). Binary junk and
//! empty input are errors.

use sha2::{Digest, Sha256};

use crate::error::{ErrorKind, Result};
use crate::model::{Format, PageQuality, Source};

/// A document as read from its bytes, before normalization.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Input format.
    pub format: Format,
    /// Pages in order. A text input is one page per form feed-separated part, without numbers
    /// until [`crate::furniture::remove`] numbers the pages of a text that has page breaks.
    pub pages: Vec<RawPage>,
    /// The PDF's `/Producer`.
    pub producer: Option<String>,
    /// The PDF's `/Creator`.
    pub creator: Option<String>,
    /// The character encoding of a text input (`utf-8`, `utf-16le`, `utf-16be`,
    /// `windows-874`); `None` for PDFs.
    pub encoding: Option<&'static str>,
    /// Page furniture removed by [`crate::furniture::remove`] (empty until then).
    pub furniture: Vec<crate::furniture::Furniture>,
}

/// One page of raw text. In table rows, cells are separated by tabs.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// 1-based page number (PDF only).
    pub number: Option<u32>,
    /// Lines of text as extracted, without line terminators.
    pub lines: Vec<String>,
    /// Quality of the text layer (PDF only).
    pub quality: Option<PageQuality>,
    /// What the reader noticed on this page (for diagnostics).
    pub notes: Vec<String>,
    /// Impossible Thai clusters left after the Thai repairs ([`crate::thai::suspicious_clusters`];
    /// PDF only, 0 for text).
    pub suspicious_clusters: u32,
    /// The lines were read by OCR from the page's image: the words' mean confidence (0–100).
    pub ocr: Option<f32>,
    /// The glyph boxes of each line (PDF only; empty for text, or when the reader could not
    /// keep them in step with the lines).
    pub boxes: Vec<crate::geometry::LineBoxes>,
    /// The page's box and rulings (PDF only).
    pub geometry: Option<crate::geometry::PageGeometry>,
    /// Numbers the OCR digit reader read surely on this page, as written in the lines.
    pub ocr_sure: Vec<crate::ocr::Sure>,
    /// Fonts whose text on this page was read from their glyph outlines (PDF only).
    pub outline_fonts: Vec<String>,
}

impl RawPage {
    /// A page of a text input: its lines, no number (yet), no quality.
    #[must_use]
    pub fn text(lines: Vec<String>) -> Self {
        RawPage {
            number: None,
            lines,
            quality: None,
            notes: Vec::new(),
            suspicious_clusters: 0,
            ocr: None,
            boxes: Vec::new(),
            geometry: None,
            ocr_sure: Vec::new(),
            outline_fonts: Vec::new(),
        }
    }
}

/// What kind of bytes an input holds, by content, not by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Starts with `%PDF-` (within the first KiB, as readers allow).
    Pdf,
    /// Decodes as UTF-8 text.
    Text,
    /// UTF-16 text with a byte-order mark (Windows Notepad's "Unicode"); `big_endian` from
    /// the BOM (`FE FF`) or little-endian (`FF FE`).
    Utf16 {
        /// `FE FF` (big-endian) rather than `FF FE`.
        big_endian: bool,
    },
    /// Thai text in the legacy single-byte encoding TIS-620 / Windows-874 (old Windows files).
    LegacyThai,
    /// No bytes, or only whitespace.
    Empty,
    /// Anything else.
    Binary,
}

/// Classifies `bytes` by content.
#[must_use]
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if let Some(big_endian) = utf16_bom(bytes) {
        return match decode_utf16(bytes, big_endian) {
            Some(s) if s.trim().is_empty() => Sniffed::Empty,
            Some(s) if looks_textual(&s) => Sniffed::Utf16 { big_endian },
            _ => Sniffed::Binary,
        };
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) if s.trim().is_empty() => Sniffed::Empty,
        Ok(s) if looks_textual(s) => Sniffed::Text,
        Ok(_) => Sniffed::Binary,
        Err(_) if looks_like_windows_874(bytes) => Sniffed::LegacyThai,
        Err(_) => Sniffed::Binary,
    }
}

/// The byte-order mark of UTF-16 text: `Some(true)` for `FE FF` (big-endian), `Some(false)`
/// for `FF FE`; `None` without one (UTF-16 without a BOM is not guessed at).
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFE, 0xFF, ..] => Some(true),
        [0xFF, 0xFE, ..] => Some(false),
        _ => None,
    }
}

/// UTF-16 text after its BOM, or `None` when it is not valid UTF-16 (an odd length, an
/// unpaired surrogate).
fn decode_utf16(bytes: &[u8], big_endian: bool) -> Option<String> {
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// Windows-874 text: decodes without errors, is textual, and most of its non-ASCII bytes are
/// Thai letters, marks and digits (0xA1–0xFB) — random bytes spread over the whole range.
fn looks_like_windows_874(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(65_536)];
    let high = sample.iter().filter(|&&b| b >= 0x80).count();
    let thai = sample
        .iter()
        .filter(|&&b| (0xA1..=0xFB).contains(&b) && !(0xDB..=0xDE).contains(&b))
        .count();
    if high == 0 || thai * 100 < high * 97 {
        return false;
    }
    let (text, had_errors) = encoding_rs::WINDOWS_874.decode_without_bom_handling(sample);
    !had_errors && looks_textual(&text)
}

/// Text has few control characters besides tab, newline, carriage return and form feed.
fn looks_textual(s: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in s.chars().take(65_536) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            control += 1;
        }
    }
    control * 100 <= total
}

/// Reads `bytes` into pages of raw lines.
///
/// # Errors
/// [`ErrorKind::Empty`], [`ErrorKind::NotText`], or the PDF reader's errors.
pub fn read(bytes: &[u8]) -> Result<RawDocument> {
    read_with(bytes, &crate::Options::ocr(crate::ocr::OcrMode::Never))
}

/// [`read`], OCR-ing the PDF pages that `options.ocr` selects (see [`crate::ocr`]).
///
/// # Errors
/// As [`read`].
pub fn read_with(bytes: &[u8], options: &crate::Options) -> Result<RawDocument> {
    match sniff(bytes) {
        Sniffed::Empty => Err(ErrorKind::Empty.into()),
        Sniffed::Binary => Err(ErrorKind::NotText(
            "the bytes are neither a PDF (no %PDF- header) nor text (UTF-8, UTF-16 with a BOM, or Thai Windows-874)"
                .into(),
        )
        .into()),
        Sniffed::Text => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = std::str::from_utf8(body).map_err(|e| ErrorKind::NotText(e.to_string()))?;
            Ok(text_document(text, "utf-8"))
        }
        Sniffed::Utf16 { big_endian } => {
            let text = decode_utf16(bytes, big_endian)
                .ok_or_else(|| ErrorKind::NotText("invalid UTF-16".into()))?;
            Ok(text_document(
                &text,
                if big_endian { "utf-16be" } else { "utf-16le" },
            ))
        }
        Sniffed::LegacyThai => {
            let (text, _) = encoding_rs::WINDOWS_874.decode_without_bom_handling(bytes);
            Ok(text_document(&text, "windows-874"))
        }
        Sniffed::Pdf => {
            let pdf = crate::pdf::read_with(bytes, options)?;
            // What the PDF reader split off as furniture before layout, for the diagnostic;
            // its line is set to its page's first line once lines are numbered.
            let furniture = pdf
                .pages
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    let page = u32::try_from(i + 1).unwrap_or(u32::MAX);
                    p.furniture.iter().map(move |f| crate::furniture::Furniture {
                        at: crate::model::At {
                            page: Some(page),
                            line: 0,
                            bbox: None,
                        },
                        kind: match (f.page_number, f.top) {
                            (true, _) => crate::furniture::FurnitureKind::PageNumber,
                            (false, true) => crate::furniture::FurnitureKind::RunningHeader,
                            (false, false) => crate::furniture::FurnitureKind::RunningFooter,
                        },
                        text: f.text.clone(),
                    })
                })
                .collect();
            Ok(RawDocument {
                format: Format::Pdf,
                pages: pdf
                    .pages
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let mut page = RawPage {
                            number: Some(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                            lines: p.lines,
                            quality: Some(p.quality),
                            notes: p.notes,
                            suspicious_clusters: 0,
                            ocr: p.ocr,
                            boxes: p.boxes,
                            geometry: Some(p.geometry),
                            ocr_sure: p.ocr_sure,
                            outline_fonts: p.outline_fonts,
                        };
                        check_thai_clusters(&mut page);
                        page
                    })
                    .collect(),
                producer: pdf.producer,
                creator: pdf.creator,
                encoding: None,
                furniture,
            })
        }
    }
}

/// A page is `degraded` by impossible Thai clusters from this many on...
const SUSPICIOUS_MIN: usize = 3;
/// ... when they are also at least one per this many Thai clusters: one stray mark in a page
/// of text is a typo, a broken font map leaves them in every few lines.
const SUSPICIOUS_ONE_PER: usize = 200;

/// Counts a PDF page's impossible Thai clusters (after the repairs `normalize` will make) and
/// marks a clean page `degraded`, with a note, when they are many: what is left when a font
/// maps glyphs to wrong characters that no repair can undo.
fn check_thai_clusters(page: &mut RawPage) {
    let (mut bad, mut thai) = (0usize, 0usize);
    for line in &page.lines {
        if !line.chars().any(|c| c >= '\u{0E00}') {
            continue;
        }
        let repaired = crate::thai::repair_cow(line);
        bad += crate::thai::suspicious_clusters(&repaired);
        thai += repaired
            .chars()
            .filter(|&c| crate::thai::is_consonant(c))
            .count();
    }
    page.suspicious_clusters = u32::try_from(bad).unwrap_or(u32::MAX);
    if suspicious_page(bad, thai) && page.quality == Some(PageQuality::Ok) {
        page.quality = Some(PageQuality::Degraded);
        page.notes.push(format!(
            "{bad} impossible Thai cluster(s) among {thai}: the text layer maps some glyphs to wrong characters"
        ));
    }
}

/// Are `bad` impossible clusters among `thai` Thai clusters a damaged text layer?
#[must_use]
pub fn suspicious_page(bad: usize, thai: usize) -> bool {
    bad >= SUSPICIOUS_MIN && bad * SUSPICIOUS_ONE_PER >= thai
}

/// A text input as pages without numbers: one per part between form feeds (page breaks). A
/// saved web page (HTML by content) becomes its text lines, table rows as tab-separated
/// cells; a CSV file (by content) its records as tab-separated lines ([`crate::html`]).
fn text_document(text: &str, encoding: &'static str) -> RawDocument {
    let converted = if crate::html::looks_like_html(text) {
        Some((Format::Html, crate::html::to_lines(text)))
    } else if crate::html::looks_like_csv(text) {
        crate::html::csv_to_lines(text).map(|lines| (Format::Csv, lines))
    } else {
        None
    };
    if let Some((format, lines)) = converted {
        return RawDocument {
            format,
            pages: vec![RawPage::text(lines)],
            producer: None,
            creator: None,
            encoding: Some(encoding),
            furniture: Vec::new(),
        };
    }
    RawDocument {
        format: Format::Text,
        pages: text
            .split('\x0c')
            .map(|page| RawPage::text(split_lines(page)))
            .collect(),
        producer: None,
        creator: None,
        encoding: Some(encoding),
        furniture: Vec::new(),
    }
}

/// Splits on `\n`, `\r\n` and lone `\r`.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .map(str::to_owned)
        .collect()
}

/// The `source` block of a report: path, hash, format and PDF metadata.
#[must_use]
pub fn describe(path: &str, bytes: &[u8], raw: &RawDocument) -> Source {
    let sha256 = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Source {
        path: path.to_owned(),
        sha256,
        format: raw.format,
        pages: match raw.format {
            Format::Pdf => Some(u32::try_from(raw.pages.len()).unwrap_or(u32::MAX)),
            Format::Text | Format::Html | Format::Csv => None,
        },
        bytes: bytes.len() as u64,
        page_quality: raw.pages.iter().filter_map(|p| p.quality).collect(),
        suspicious_clusters: match raw.format {
            Format::Pdf => raw.pages.iter().map(|p| p.suspicious_clusters).collect(),
            Format::Text | Format::Html | Format::Csv => Vec::new(),
        },
        glyph_outline_pages: raw
            .pages
            .iter()
            .filter(|p| !p.outline_fonts.is_empty())
            .filter_map(|p| p.number)
            .collect(),
        producer: raw.producer.clone(),
        creator: raw.creator.clone(),
        encoding: raw.encoding.map(str::to_owned),
        ocr: raw
            .pages
            .iter()
            .filter_map(|p| {
                Some(crate::model::OcrPage {
                    page: p.number?,
                    confidence: (f64::from(p.ocr?) * 10.0).round() / 10.0,
                })
            })
            .collect(),
        reader: concat!("ita-extract ", env!("CARGO_PKG_VERSION")).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as UTF-16 with its BOM.
    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        let bytes = |u: u16| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        };
        std::iter::once(0xFEFF)
            .chain(s.encode_utf16())
            .flat_map(bytes)
            .collect()
    }

    #[test]
    fn utf16_with_a_bom_is_text() {
        let text = "ITA ๙๒.๑๙ คะแนน\r\nอำเภอเมือง\tจังหวัดเชียงใหม่\r\n";
        for (big_endian, name) in [(false, "utf-16le"), (true, "utf-16be")] {
            let bytes = utf16(text, big_endian);
            assert_eq!(sniff(&bytes), Sniffed::Utf16 { big_endian });
            let doc = read(&bytes).unwrap();
            assert_eq!(doc.encoding, Some(name));
            assert_eq!(
                doc.pages[0].lines,
                ["ITA ๙๒.๑๙ คะแนน", "อำเภอเมือง\tจังหวัดเชียงใหม่", ""]
            );
        }
    }

    #[test]
    fn broken_utf16_is_not_text() {
        // An unpaired surrogate, an odd length, only whitespace.
        assert_eq!(
            sniff(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
            Sniffed::Binary
        );
        assert_eq!(sniff(&[0xFF, 0xFE, 0x41, 0x00, 0x42]), Sniffed::Binary);
        assert_eq!(sniff(&utf16(" \n ", false)), Sniffed::Empty);
        assert!(matches!(
            read(&[0xFE, 0xFF, 0x00]).unwrap_err().kind(),
            ErrorKind::NotText(_)
        ));
    }

    #[test]
    fn utf8_with_a_bom_is_utf8() {
        let doc = read("\u{FEFF}ITA 92.19".as_bytes()).unwrap();
        assert_eq!(doc.encoding, Some("utf-8"));
        assert_eq!(doc.pages[0].lines, ["ITA 92.19"]);
        assert_eq!(sniff(b"\xEF\xBB\xBFITA"), Sniffed::Text);
    }

    fn pdf_page(lines: &[&str]) -> RawPage {
        RawPage {
            number: Some(1),
            quality: Some(PageQuality::Ok),
            ..RawPage::text(lines.iter().map(|&l| l.to_owned()).collect())
        }
    }

    #[test]
    fn impossible_clusters_degrade_a_page() {
        // Clean Thai: nothing.
        let mut clean = pdf_page(&["ข้อมูล ผู้มีส่วนได้ส่วนเสีย น้ำ", "ITA 92.19"]);
        check_thai_clusters(&mut clean);
        assert_eq!(clean.suspicious_clusters, 0);
        assert_eq!(clean.quality, Some(PageQuality::Ok));
        // One stray mark in a page of text: counted, but the page stays ok.
        let long = "การประเมินคุณธรรมและความโปร่งใส ".repeat(40);
        let mut typo = pdf_page(&[&long, "กิี"]);
        check_thai_clusters(&mut typo);
        assert_eq!(typo.suspicious_clusters, 1);
        assert_eq!(typo.quality, Some(PageQuality::Ok));
        // A broken map's leftovers in every line: degraded, with a note.
        let mut broken = pdf_page(&["อย่่ ข้่อ", "กิี กุู", "ก็่ ตัวชีุ้วัด"]);
        check_thai_clusters(&mut broken);
        assert!(
            broken.suspicious_clusters >= 3,
            "{}",
            broken.suspicious_clusters
        );
        assert_eq!(broken.quality, Some(PageQuality::Degraded));
        assert!(broken.notes[0].contains("impossible Thai cluster"));
        // An OCR layer stays an OCR layer.
        let mut ocr = pdf_page(&["อย่่ ข้่อ", "กิี กุู"]);
        ocr.quality = Some(PageQuality::OcrLayer);
        check_thai_clusters(&mut ocr);
        assert_eq!(ocr.quality, Some(PageQuality::OcrLayer));
    }
}
