//! ita-extract: Thai ITA analysis reports (PDF or text) → validated, structured data.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! bytes ──source──▶ pages of raw lines ──furniture──▶ without page numbers, running headers
//!       ──normalize──▶ numbered normalized lines
//!       ──parse──▶ Report ──audit──▶ checked Report (status) ──validate──▶ schema-checked
//!       ──output──▶ JSON / datasets
//! ```
//!
//! ```
//! let text = std::fs::read("fixtures/reports/chiangmai-2566.txt").unwrap();
//! let report = ita_extract::extract("chiangmai-2566.txt", &text).unwrap();
//! assert_eq!(report.fiscal_year, Some(2566));
//! assert_eq!(report.ita.score, Some(92.19));
//! ```

pub mod audit;
pub mod batch;
pub mod dates;
pub mod error;
pub mod framework;
pub mod furniture;
pub mod gazetteer;
pub mod geometry;
pub mod html;
pub mod keyword;
pub mod model;
pub mod normalize;
pub mod ocr;
pub mod output;
pub mod parse;
pub mod pdf;
pub mod review;
pub mod source;
pub mod thai;
pub mod validate;

pub use error::{Error, ErrorKind, Result};

/// What `ita-extract --version` prints: the program's version and the JSON contract's.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (JSON schema 2.1)");
pub use model::Report;

/// Reads one input (`path` is only used to name it) and returns its validated report.
///
/// # Errors
/// When the input as a whole cannot be read as an ITA report: empty, binary, a damaged or
/// encrypted PDF, a scan, or text that is not an ITA analysis report. The error names `path`.
pub fn extract(path: &str, bytes: &[u8]) -> Result<Report> {
    extract_with(path, bytes, &Options::default())
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Which PDF pages to OCR (default: pages without a text layer; see [`ocr`]).
    pub ocr: ocr::OcrMode,
    /// Called with the 1-based page number just before a page is OCR'd (the batch's worker
    /// tells its supervisor, which then allows it more time).
    pub on_ocr_page: Option<fn(u32)>,
    /// Slots for pages OCR'd in parallel beyond the caller's own thread (a batch shares its
    /// `-j` with its workers); `None`: this process's cores ([`ocr::slots`]).
    pub ocr_slots: Option<std::sync::Arc<ocr::slots::Slots>>,
}

impl Options {
    /// Options with this OCR mode.
    #[must_use]
    pub fn ocr(mode: ocr::OcrMode) -> Self {
        Options {
            ocr: mode,
            ..Options::default()
        }
    }
}

/// [`extract`] with [`Options`]. Values read by OCR go through [`ocr::confirm`] before the
/// audit.
///
/// # Errors
/// As [`extract`].
pub fn extract_with(path: &str, bytes: &[u8], options: &Options) -> Result<Report> {
    extract_with_text(path, bytes, options).map(|(report, _)| report)
}

/// [`extract_with`], also returning the normalized text the report was read from (its lines,
/// glyph boxes and page geometry: what the review site draws).
///
/// # Errors
/// As [`extract`].
pub fn extract_with_text(
    path: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<(Report, normalize::Text)> {
    let again = || Options {
        ocr: ocr::OcrMode::Always,
        ..options.clone()
    };
    guarded(path, || match extract_once(path, bytes, options) {
        // A scan whose own OCR layer reads as no report: OCR its images again.
        Err(e)
            if options.ocr == ocr::OcrMode::Auto
                && matches!(e.kind(), ErrorKind::OcrLayer { .. }) =>
        {
            extract_once(path, bytes, &again())
        }
        // One that reads as a report but leaves values unread or unconfirmed (another
        // program's OCR of Thai digits, or of letters it spaced apart): OCR its images too
        // and keep the reading with more values, each having passed the same checks.
        Ok((report, text)) if options.ocr == ocr::OcrMode::Auto && ocr::layer::wanting(&report) => {
            let layer = ocr::layer::numbers_read(&report);
            match extract_once(path, bytes, &again()) {
                Ok((mut ours, text)) if ocr::layer::numbers_read(&ours) > layer => {
                    let note = ocr::layer::replaced(&report, layer, &ours, &text);
                    ours.diagnostics.push(note);
                    ocr::layer::disagree(&mut ours, &report);
                    Ok((ours, text))
                }
                Ok((ours, _)) => {
                    let mut report = report;
                    ocr::layer::disagree(&mut report, &ours);
                    Ok((report, text))
                }
                Err(_) => Ok((report, text)),
            }
        }
        other => other,
    })
}

/// One pass of [`extract_with`].
fn extract_once(path: &str, bytes: &[u8], options: &Options) -> Result<(Report, normalize::Text)> {
    let raw = read(bytes, options)?;
    let mut text = normalize::document(&raw);
    let mut id_trims = Vec::new();
    if raw.format == model::Format::Pdf {
        // Only a font map or OCR makes valid-looking wrong words, on pages that show other
        // damage too (impossible clusters, a degraded or OCR'd page): clean pages and text
        // dumps are left as written.
        let damaged: Vec<u32> = raw
            .pages
            .iter()
            .filter(|p| {
                p.suspicious_clusters > 0
                    || p.ocr.is_some()
                    || matches!(
                        p.quality,
                        Some(model::PageQuality::Degraded | model::PageQuality::OcrLayer)
                    )
            })
            .filter_map(|p| p.number)
            .collect();
        let ocred: std::collections::BTreeSet<u32> = raw
            .pages
            .iter()
            .filter(|p| p.ocr.is_some())
            .filter_map(|p| p.number)
            .collect();
        if !ocred.is_empty() {
            parse::words::repair_ocr(&mut text, &ocred.iter().copied().collect::<Vec<_>>());
        }
        if !damaged.is_empty() {
            parse::words::repair(&mut text, &damaged);
        }
        id_trims = ocr::cells::trim_id_cells(&mut text, &ocred);
    }
    let mut report = parse::report(&text, source::describe(path, bytes, &raw))
        .map_err(|e| explain_degraded(explain_ocr_layer(e, &raw), &raw))?;
    if report.agency.name.is_none() && report.topics.is_empty() {
        // Garbled text that still holds a stray `ITA` and digits (glyphs mapped to ASCII
        // digits: `2#`) gives numbers from nowhere: no report at all, as above.
        let e = ErrorKind::NotItaReport("no agency name and no topic table".into()).into();
        if let ErrorKind::UnreadableText(why) = explain_degraded(e, &raw).kind() {
            return Err(ErrorKind::UnreadableText(why.clone()).into());
        }
    }
    report.diagnostics.extend(outline_diagnostic(&raw, &text));
    report.diagnostics.extend(ocr::cells::diagnostic(&id_trims));
    ocr::confirm::confirm(&mut report, &text);
    ocr::arith::choose(&mut report, &text);
    audit::audit(&mut report);
    geometry::attach(&mut report, &text);
    validate::check(&report)?;
    Ok((report, text))
}

/// The normalized text of one input, as the parser sees it (`ita-extract text`).
///
/// # Errors
/// As [`extract`], for the reading stage.
pub fn normalized_text(path: &str, bytes: &[u8]) -> Result<normalize::Text> {
    normalized_text_with(path, bytes, &Options::default())
}

/// [`normalized_text`] with [`Options`].
///
/// # Errors
/// As [`extract`], for the reading stage.
pub fn normalized_text_with(
    path: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<normalize::Text> {
    guarded(path, || Ok(normalize::document(&read(bytes, options)?)))
}

/// Stage 1: the bytes as pages of raw lines, page furniture removed.
fn read(bytes: &[u8], options: &Options) -> Result<source::RawDocument> {
    let mut raw = source::read_with(bytes, options)?;
    furniture::remove(&mut raw);
    Ok(raw)
}

/// `text-from-glyph-outlines`: pages whose fonts' text was read from their glyph outlines
/// (no usable ToUnicode map), at the first of them, naming the fonts.
fn outline_diagnostic(
    raw: &source::RawDocument,
    text: &normalize::Text,
) -> Option<model::Diagnostic> {
    let pages: Vec<&source::RawPage> = raw
        .pages
        .iter()
        .filter(|p| !p.outline_fonts.is_empty())
        .collect();
    let first = pages.first()?.number;
    let mut fonts: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.outline_fonts.iter().map(String::as_str))
        .collect();
    fonts.sort_unstable();
    fonts.dedup();
    let line = text
        .lines
        .iter()
        .find(|l| l.at.page == first)
        .map_or(0, |l| l.at.line);
    Some(model::Diagnostic {
        code: "text-from-glyph-outlines".into(),
        severity: model::Severity::Info,
        message: format!(
            "the text of {} page(s) was read, wholly or where their ToUnicode map leaves glyphs out, from the glyph outlines of fonts ({}), by an index of known fonts' outlines; a glyph it does not know is U+FFFD",
            pages.len(),
            fonts.join(", ")
        ),
        at: Some(model::At {
            page: first,
            line,
            bbox: None,
        }),
    })
}

/// A PDF whose every page is an invisible OCR layer and that reads as no ITA document is a
/// scan that needs OCR: say so rather than "not an ITA document".
fn explain_ocr_layer(e: Error, raw: &source::RawDocument) -> Error {
    let ocr_only = !raw.pages.is_empty()
        && raw
            .pages
            .iter()
            .all(|p| p.quality == Some(model::PageQuality::OcrLayer));
    if ocr_only && matches!(e.kind(), ErrorKind::NotItaReport(_)) {
        return ErrorKind::OcrLayer {
            pages: u32::try_from(raw.pages.len()).unwrap_or(u32::MAX),
        }
        .into();
    }
    e
}

/// A PDF whose text layer is damaged on most pages (font maps that send glyphs to wrong
/// characters: `degraded`, as a Ghostscript redistill of CID fonts writes them) and that reads
/// as no ITA document (or as one without its agency and topic table) is unreadable text, not
/// "not an ITA document": say why.
fn explain_degraded(e: Error, raw: &source::RawDocument) -> Error {
    let with_text = raw
        .pages
        .iter()
        .filter(|p| p.quality.is_some_and(|q| q != model::PageQuality::NoText))
        .count();
    let degraded = raw
        .pages
        .iter()
        .filter(|p| p.quality == Some(model::PageQuality::Degraded))
        .count();
    if with_text > 0 && degraded * 2 > with_text && matches!(e.kind(), ErrorKind::NotItaReport(_)) {
        return ErrorKind::UnreadableText(format!(
            "{degraded} of {with_text} pages with text are degraded (font maps that send glyphs to wrong characters, as a Ghostscript redistill of CID fonts writes them), and what they read is no ITA document"
        ))
        .into();
    }
    e
}

/// Runs one input's work so that neither an error nor a panic escapes without naming `path`.
fn guarded<T>(path: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(ErrorKind::Internal(what).into())
        });
    result.map_err(|e| e.with_path(path))
}
