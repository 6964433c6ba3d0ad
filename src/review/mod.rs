//! `ita-extract review`: a static, self-contained HTML site to check the extracted values
//! against their source: an index of the reports and one page per report, every value beside
//! the line it was read from, its diagnostics next to it, and for PDFs each cited page drawn
//! as SVG from its text layer with the values' boxes (`at.bbox`) outlined and linked.
//!
//! No server, no CDN: plain files that work from `file://`. A batch's output directory is
//! reviewed from its `reports.jsonl`; the page drawings and line texts need the sources, read
//! again from the paths the reports record (when a file is gone or changed, its report's page
//! keeps the table, without line texts or drawings).

mod html;
mod svg;

use std::io;
use std::path::{Path, PathBuf};

use crate::model::{At, Report, Severity};
use crate::normalize::Text;

/// A report to review, with its source's normalized text when it could be read again.
#[derive(Debug)]
pub struct Entry {
    /// The report.
    pub report: Report,
    /// The source as the parser saw it (lines, glyph boxes, page geometry); `None` when the
    /// source could not be read again.
    pub text: Option<Text>,
    /// Why the source was not read again.
    pub note: Option<String>,
}

/// Why a site could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReviewError {
    /// A file or directory could not be read or written.
    #[error("{path}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// A line of `reports.jsonl` is not a report.
    #[error("{path}:{line}: not a report: {message}")]
    Jsonl {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// The parser's message.
        message: String,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ReviewError + '_ {
    move |source| ReviewError::Io {
        path: path.to_owned(),
        source,
    }
}

/// What a written site holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Report pages written.
    pub reports: usize,
    /// Reports whose source could not be read again (no line texts, no drawings).
    pub without_source: usize,
    /// Pages drawn as SVG.
    pub pages_drawn: usize,
}

/// The reports of a batch's output directory (`DIR/reports.jsonl`), each source read again
/// from its recorded path when it is still there with the same SHA-256.
///
/// # Errors
/// When `reports.jsonl` cannot be read or a line of it is not a report.
pub fn from_out_dir(dir: &Path) -> Result<Vec<Entry>, ReviewError> {
    let path = dir.join("reports.jsonl");
    let body = std::fs::read_to_string(&path).map_err(io_error(&path))?;
    let mut out = Vec::new();
    for (k, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let report: Report = serde_json::from_str(line).map_err(|e| ReviewError::Jsonl {
            path: path.clone(),
            line: k + 1,
            message: e.to_string(),
        })?;
        out.push(reread(report));
    }
    Ok(out)
}

/// Reads a report's source again for its lines and page geometry.
fn reread(report: Report) -> Entry {
    let path = report.source.path.clone();
    let (text, note) = match std::fs::read(&path) {
        Err(e) => (
            None,
            Some(format!("the source {path} cannot be read ({e})")),
        ),
        Ok(bytes) if crate::batch::hex_sha256(&bytes) != report.source.sha256 => (
            None,
            Some(format!(
                "the source {path} has changed since it was extracted"
            )),
        ),
        // Read as the batch read it (a scan's OCR, an OCR layer read again), for the same lines.
        Ok(bytes) => match crate::extract_with_text(&path, &bytes, &crate::Options::default()) {
            Ok((_, t)) => (Some(t), None),
            Err(e) => (None, Some(e.to_string())),
        },
    };
    Entry { report, text, note }
}

/// Reads inputs (files, directories searched as `batch` does) into entries; an input that
/// fails is returned as its error message.
#[must_use]
pub fn from_inputs(inputs: &[PathBuf]) -> (Vec<Entry>, Vec<String>) {
    let mut skipped = crate::batch::discover::Skipped::new();
    let found = match crate::batch::discover::inputs_counting(
        inputs,
        Path::new(""),
        io::empty(),
        &mut skipped,
    ) {
        Ok(found) => found,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    for input in found {
        let bytes: Vec<u8> = match (&input.problem, std::fs::read(&input.path)) {
            (Some(p), _) => {
                failed.push(format!("{}: {p}", input.name));
                continue;
            }
            (None, Err(e)) => {
                failed.push(format!("{}: {e}", input.name));
                continue;
            }
            (None, Ok(b)) => b,
        };
        match crate::extract_with_text(&input.name, &bytes, &crate::Options::default()) {
            Ok((report, text)) => entries.push(Entry {
                report,
                text: Some(text),
                note: None,
            }),
            Err(e) => failed.push(e.to_string()),
        }
    }
    (entries, failed)
}

/// What `ita-extract review` did.
#[derive(Debug, Default)]
pub struct Run {
    /// The site written.
    pub summary: Summary,
    /// Inputs that could not be read, each with its error.
    pub failed: Vec<String>,
}

/// `ita-extract review`: one argument that is a batch's output directory (it holds
/// `reports.jsonl`) is reviewed from it; otherwise the arguments are inputs, read here.
/// The site is written into `out`.
///
/// # Errors
/// As [`from_out_dir`] and [`write_site`].
pub fn run(inputs: &[PathBuf], out: &Path) -> Result<Run, ReviewError> {
    let (entries, failed) = match inputs {
        [dir] if dir.join("reports.jsonl").is_file() => (from_out_dir(dir)?, Vec::new()),
        _ => from_inputs(inputs),
    };
    let summary = write_site(&entries, out)?;
    Ok(Run { summary, failed })
}

/// Writes the site into `dir` (created if missing): `index.html` and `reports/NNNN.html`.
///
/// # Errors
/// When a file cannot be written.
pub fn write_site(entries: &[Entry], dir: &Path) -> Result<Summary, ReviewError> {
    let pages_dir = dir.join("reports");
    std::fs::create_dir_all(&pages_dir).map_err(io_error(&pages_dir))?;
    let mut summary = Summary::default();
    for (k, e) in entries.iter().enumerate() {
        let page = html::report_page(e);
        summary.pages_drawn += page.drawn;
        summary.without_source += usize::from(e.text.is_none());
        let path = pages_dir.join(page_name(k));
        std::fs::write(&path, page.html).map_err(io_error(&path))?;
        summary.reports += 1;
    }
    let index = dir.join("index.html");
    std::fs::write(&index, html::index(entries)).map_err(io_error(&index))?;
    Ok(summary)
}

/// The file name of the `k`th report's page (0-based `k`).
fn page_name(k: usize) -> String {
    format!("{:04}.html", k + 1)
}

/// One value of a report, as the review table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What it is (`ITA score`, `indicator 3`, `question e4`).
    pub label: String,
    /// The value as extracted (`92.19`, `ผ่าน`; `null` when unread).
    pub value: String,
    /// Where it was read.
    pub at: Option<At>,
}

fn number(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_owned(), |v| v.to_string())
}

fn text(v: Option<&str>) -> String {
    v.map_or_else(|| "null".to_owned(), str::to_owned)
}

/// Every value of `report` with its place, in the order of the JSON document.
#[must_use]
pub fn values(report: &Report) -> Vec<Value> {
    let mut out = Vec::new();
    let mut push = |label: String, value: String, at: Option<At>| {
        out.push(Value { label, value, at });
    };
    let a = &report.agency;
    if a.name.is_some() || a.at.is_some() {
        push("agency".into(), text(a.name.as_deref()), a.at);
    }
    push(
        "fiscal year".into(),
        report
            .fiscal_year
            .map_or_else(|| "null".into(), |y| y.to_string()),
        None,
    );
    if report.ita.score.is_some() || report.ita.at.is_some() {
        push("ITA score".into(), number(report.ita.score), report.ita.at);
    }
    if report.ita.result.is_some() {
        push(
            "ITA result".into(),
            text(report.ita.result.as_deref()),
            report.ita.at,
        );
    }
    let t = &report.tools;
    for (name, v, place) in t.named() {
        if v.is_some() || place.is_some() {
            push(name.into(), number(v), place);
        }
    }
    if t.eit_mean_of_parts.is_some() {
        push(
            "EIT mean of parts (derived)".into(),
            number(t.eit_mean_of_parts),
            None,
        );
    }
    for i in &report.indicators {
        push(
            format!("indicator {} {}", i.no, i.label),
            number(i.score),
            Some(i.at),
        );
    }
    for q in &report.questions {
        let v = match (&q.answer, q.score) {
            (Some(a), s) => format!("{} ({a})", number(s)),
            (None, s) => number(s),
        };
        push(format!("question {}", q.id), v, Some(q.at));
    }
    for h in &report.history {
        let what = match h.indicator {
            Some(no) => format!("indicator {no}"),
            None => serde_json::to_value(h.measure)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        };
        push(
            format!("{what} in {}", h.year),
            number(Some(h.score)),
            Some(h.at),
        );
    }
    for t in &report.topics {
        push(format!("topic {}", t.no), t.title.clone(), Some(t.at));
    }
    for e in &report.action_plan {
        push(
            format!(
                "action plan, topic {}",
                e.topic_no.map_or("?".into(), |n| n.to_string())
            ),
            e.topic.clone().unwrap_or_default(),
            Some(e.at),
        );
    }
    for l in &report.limitations {
        push(
            format!("limitation {} ({})", l.no, l.area),
            text(l.text.as_deref()),
            Some(l.at),
        );
    }
    for r in &report.ranking {
        push(
            format!("rank {}: {}", r.rank, r.agency),
            number(r.score),
            Some(r.at),
        );
    }
    for r in &report.results {
        let v = match (&r.result, r.score) {
            (Some(res), s) => format!("{} {res}", number(s)),
            (None, s) => number(s),
        };
        push(format!("result: {}", r.agency), v, Some(r.at));
    }
    out
}

/// Warnings among a report's diagnostics.
#[must_use]
pub fn warnings(report: &Report) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .count()
}
