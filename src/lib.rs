//! ita-extract: Thai ITA analysis reports (PDF or text) → validated, structured data.
//!
//! The pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! bytes ──source──▶ pages of raw lines ──normalize──▶ numbered normalized lines
//!       ──parse──▶ Report ──validate──▶ schema-checked Report ──output──▶ JSON
//! ```
//!
//! ```
//! let text = std::fs::read("fixtures/reports/chiangmai-2566.txt").unwrap();
//! let report = ita_extract::extract("chiangmai-2566.txt", &text).unwrap();
//! assert_eq!(report.fiscal_year, Some(2566));
//! assert_eq!(report.ita.score, Some(92.19));
//! ```

pub mod error;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod pdf;
pub mod source;
pub mod thai;
pub mod validate;

pub use error::{Error, ErrorKind, Result};
pub use model::Report;

/// Reads one input (`path` is only used to name it) and returns its validated report.
///
/// # Errors
/// When the input as a whole cannot be read as an ITA report: empty, binary, a damaged or
/// encrypted PDF, a scan, or text that is not an ITA analysis report. The error names `path`.
pub fn extract(path: &str, bytes: &[u8]) -> Result<Report> {
    let run = || {
        let raw = source::read(bytes)?;
        let text = normalize::document(&raw);
        let report = parse::report(&text, source::describe(path, bytes, &raw))?;
        validate::check(&report)?;
        Ok(report)
    };
    run().map_err(|e: Error| e.with_path(path))
}
