//! The library's error type: why a whole input could not be turned into a report.
//!
//! Problems *inside* a document that was read are not errors but [`Diagnostic`]s in the
//! report. An [`Error`] means the input as a whole failed; it names the file and the reason.
//!
//! [`Diagnostic`]: crate::model::Diagnostic

use std::fmt;

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An input that could not be read as a report: the file and the reason.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<String>,
}

/// Why an input failed. The `code()` of each kind is stable (it goes into `errors.jsonl`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no bytes, or only whitespace.
    #[error("the input is empty")]
    Empty,
    /// The input is neither a PDF nor text (binary data).
    #[error("not a PDF or text file: {0}")]
    NotText(String),
    /// The text was read but is no ITA document (analysis report, announcement, ranking).
    #[error("not an ITA document: {0}")]
    NotItaReport(String),
    /// An ITA document of a framework this reader does not support (2560–2561 five indices).
    #[error("unsupported ITA framework: {0}")]
    UnsupportedFramework(String),
    /// The PDF could not be parsed.
    #[error("damaged PDF: {0}")]
    CorruptPdf(String),
    /// The PDF needs a password to open.
    #[error("the PDF is encrypted with a user password")]
    Encrypted,
    /// Every page is an image: the PDF is a scan without a text layer, and OCR is off
    /// (`--ocr never`) or Tesseract is not installed (the message says what to install).
    #[error("the PDF is a scan with no text layer ({pages} page(s)); it needs OCR first: {hint}, then read it with --ocr auto", hint = crate::ocr::INSTALL_HINT)]
    Scanned {
        /// Number of pages.
        pages: u32,
    },
    /// Every page is an image and OCR read no text from any of them (images it cannot read
    /// yet, or no words found).
    #[error("the PDF is a scan ({pages} page(s)) and OCR read no text from it: {why}")]
    ScanUnreadable {
        /// Number of pages.
        pages: u32,
        /// Why (the first page's reason).
        why: String,
    },
    /// Every page is a scan under an invisible OCR text layer, and that text reads as no ITA
    /// document: the OCR is too poor to use (or the scan is no report); it needs OCR again.
    #[error("the PDF is a scan with an invisible OCR text layer ({pages} page(s)) that reads as no ITA document; it needs OCR")]
    OcrLayer {
        /// Number of pages.
        pages: u32,
    },
    /// The PDF's text layer is unreadable (fonts without a usable ToUnicode map).
    #[error("the PDF's text is unreadable: {0}")]
    UnreadableText(String),
    /// A resource limit was hit (size, time, memory, nesting depth).
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// The emitted document does not satisfy the JSON schema (a bug: please report it).
    #[error("output does not match the schema: {0}")]
    Schema(String),
    /// A panic inside the reader was caught (a bug: please report it).
    #[error("internal error while reading: {0}")]
    Internal(String),
}

impl ErrorKind {
    /// Stable, machine-readable name of this kind (snake_case).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Io(_) => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::NotText(_) => "not_text",
            ErrorKind::NotItaReport(_) => "not_ita_document",
            ErrorKind::UnsupportedFramework(_) => "unsupported_framework",
            ErrorKind::CorruptPdf(_) => "corrupt_pdf",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Scanned { .. } => "scanned",
            ErrorKind::ScanUnreadable { .. } => "scan_unreadable",
            ErrorKind::OcrLayer { .. } => "ocr_layer",
            ErrorKind::UnreadableText(_) => "unreadable_text",
            ErrorKind::Limit(_) => "limit",
            ErrorKind::Schema(_) => "schema",
            ErrorKind::Internal(_) => "internal",
        }
    }
}

impl Error {
    /// A new error of `kind`, not yet tied to a file.
    #[must_use]
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind, path: None }
    }

    /// The same error, naming the file it is about.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Why the input failed.
    #[must_use]
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file, when known.
    #[must_use]
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{p}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error::new(kind)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorKind::Io(e))
    }
}
