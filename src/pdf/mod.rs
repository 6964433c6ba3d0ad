//! Stage 1 for PDFs: our own text-layer reader over lopdf (see the README's design section).

use crate::error::{ErrorKind, Result};
use crate::model::PageQuality;

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
}

/// Reads the text layer of a PDF.
///
/// # Errors
/// Damaged, encrypted, scanned or unreadable PDFs.
pub fn read(_bytes: &[u8]) -> Result<PdfText> {
    Err(ErrorKind::CorruptPdf("the PDF reader is being built (issue 3)".into()).into())
}
