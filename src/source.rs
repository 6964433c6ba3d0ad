//! Stage 1: input bytes → pages of raw text lines, with provenance.
//!
//! PDFs go through our own text-layer reader ([`crate::pdf`]); anything else must be text
//! (UTF-8, with or without a BOM, any line ending). Binary junk and empty input are errors.

use sha2::{Digest, Sha256};

use crate::error::{ErrorKind, Result};
use crate::model::{Format, PageQuality, Source};

/// A document as read from its bytes, before normalization.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Input format.
    pub format: Format,
    /// Pages in order; a text input is one page without a number.
    pub pages: Vec<RawPage>,
    /// The PDF's `/Producer`.
    pub producer: Option<String>,
    /// The PDF's `/Creator`.
    pub creator: Option<String>,
    /// The character encoding of a text input (`utf-8`, `windows-874`); `None` for PDFs.
    pub encoding: Option<&'static str>,
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
}

/// What kind of bytes an input holds, by content, not by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// Starts with `%PDF-` (within the first KiB, as readers allow).
    Pdf,
    /// Decodes as UTF-8 text.
    Text,
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
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) if s.trim().is_empty() => Sniffed::Empty,
        Ok(s) if looks_textual(s) => Sniffed::Text,
        Ok(_) => Sniffed::Binary,
        Err(_) if looks_like_windows_874(bytes) => Sniffed::LegacyThai,
        Err(_) => Sniffed::Binary,
    }
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
    match sniff(bytes) {
        Sniffed::Empty => Err(ErrorKind::Empty.into()),
        Sniffed::Binary => Err(ErrorKind::NotText(
            "the bytes are neither a PDF (no %PDF- header) nor text (UTF-8 or Thai Windows-874)"
                .into(),
        )
        .into()),
        Sniffed::Text => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = std::str::from_utf8(body).map_err(|e| ErrorKind::NotText(e.to_string()))?;
            Ok(text_document(text, "utf-8"))
        }
        Sniffed::LegacyThai => {
            let (text, _) = encoding_rs::WINDOWS_874.decode_without_bom_handling(bytes);
            Ok(text_document(&text, "windows-874"))
        }
        Sniffed::Pdf => {
            let pdf = crate::pdf::read(bytes)?;
            Ok(RawDocument {
                format: Format::Pdf,
                pages: pdf
                    .pages
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| RawPage {
                        number: Some(u32::try_from(i + 1).unwrap_or(u32::MAX)),
                        lines: p.lines,
                        quality: Some(p.quality),
                        notes: p.notes,
                    })
                    .collect(),
                producer: pdf.producer,
                creator: pdf.creator,
                encoding: None,
            })
        }
    }
}

/// A text input as one page without a number.
fn text_document(text: &str, encoding: &'static str) -> RawDocument {
    RawDocument {
        format: Format::Text,
        pages: vec![RawPage {
            number: None,
            lines: split_lines(text),
            quality: None,
            notes: Vec::new(),
        }],
        producer: None,
        creator: None,
        encoding: Some(encoding),
    }
}

/// Splits on `\n`, `\r\n`, lone `\r` and form feed.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split(['\r', '\x0c']))
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
            Format::Text => None,
        },
        bytes: bytes.len() as u64,
        page_quality: raw.pages.iter().filter_map(|p| p.quality).collect(),
        producer: raw.producer.clone(),
        creator: raw.creator.clone(),
        encoding: raw.encoding.map(str::to_owned),
        reader: concat!("ita-extract ", env!("CARGO_PKG_VERSION")).to_owned(),
    }
}
