//! Stage 5: reports and normalized text written for people and programs.

use std::io::{self, Write};

use crate::model::Report;
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
