//! Stage 5: reports and normalized text written for people and programs.

use std::io::{self, Write};

use crate::model::{Report, Severity};
use crate::normalize::Text;

/// Writes `report` as JSON followed by a newline (pretty or one line).
///
/// # Errors
/// When writing fails.
pub fn write_json(report: &Report, pretty: bool, mut out: impl Write) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut out, report)?;
    } else {
        serde_json::to_writer(&mut out, report)?;
    }
    out.write_all(b"\n")
}

/// Writes the normalized text as the parser sees it: `page:line<TAB>text` (or `line<TAB>text`
/// for text input), cells shown as `" | "` so tabs are visible.
///
/// # Errors
/// When writing fails.
pub fn write_text(text: &Text, mut out: impl Write) -> io::Result<()> {
    for l in &text.lines {
        match l.at.page {
            Some(p) => write!(out, "{p:>3}:{:>5}\t", l.at.line)?,
            None => write!(out, "{:>5}\t", l.at.line)?,
        }
        for (i, cell) in l.text.split('\t').enumerate() {
            if i > 0 {
                out.write_all(b" | ")?;
            }
            out.write_all(cell.as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes the audit of one report: a header (path, kind, status) and one row per check and per
/// warning, `pass` / `WARN` / `ERROR`, with where and the arithmetic.
///
/// # Errors
/// When writing fails.
pub fn write_audit(report: &Report, mut out: impl Write) -> io::Result<()> {
    let kind = serde_json::to_value(report.document.kind).unwrap_or_default();
    let status = serde_json::to_value(report.status).unwrap_or_default();
    writeln!(
        out,
        "{}  [{}]  status: {}",
        report.source.path,
        kind.as_str().unwrap_or("?"),
        status.as_str().unwrap_or("?")
    )?;
    let mut notes = 0usize;
    for d in &report.diagnostics {
        let is_check = crate::audit::CHECKS.contains(&d.code.as_str());
        let verdict = match d.severity {
            Severity::Info if is_check => "pass",
            Severity::Info => {
                notes += 1;
                continue;
            }
            Severity::Warning => "WARN",
            Severity::Error => "ERROR",
        };
        let at = match d.at {
            Some(a) => match a.page {
                Some(p) => format!("p{p} l{}", a.line),
                None => format!("line {}", a.line),
            },
            None => "-".to_owned(),
        };
        writeln!(
            out,
            "  {verdict:<5}  {:<24}  {at:<10}  {}",
            d.code, d.message
        )?;
    }
    if notes > 0 {
        writeln!(
            out,
            "  ({notes} info notes on repairs; see the JSON diagnostics)"
        )?;
    }
    writeln!(out)
}
