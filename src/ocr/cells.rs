//! Question id cells of OCR'd tables, trimmed to the id the digit reader read surely.
//!
//! Tesseract reads specks and what is left of a removed rule at a cell's edge as marks or
//! letters of their own, and runs them into the id cell: `ยขอ i12`, `97 ขอ i11`, `z ข้อ i5`,
//! `ข้อo17ฒ`, `ข้อ อe11`. The parser's id cell is `ข้อ` and the id, nothing else, so the row,
//! and its score, was lost. Where a cell holds one id that [`super::digits`] read surely on
//! that line (the same evidence [`super::confirm`] asks of a question's id), with a little
//! around it (at most [`MAX_BEFORE`] characters before, [`MAX_AFTER`] after, no digit or
//! point after it, no other id, no tool name), the cell becomes the id alone. Nothing is
//! read that was not: the id is the reader's, and the row's score must still be read surely
//! on its line to be kept.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{At, Diagnostic, Severity};
use crate::normalize::Text;

/// The most non-space characters kept out before the id (`ย.1 ขอ` is 5, `oa1 ขยอ` 6).
const MAX_BEFORE: usize = 7;
/// The most characters kept out after the id's digits (`ฒ`, `อ`).
const MAX_AFTER: usize = 2;

/// One id in a cell: what comes before it, its letter, its number, what comes after.
static ID_IN_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>.*?)(?P<letter>[ieo])\s?(?P<num>\d{1,2})(?P<post>[^\d.]*)$")
        .expect("valid regex")
});

/// An id anywhere (a second id in the cell makes it no id cell to trim).
static ANY_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ieoIEO]\s?\d").expect("valid regex"));

/// `ข้อ` as the parser's id cell takes it (`ขอ`, `ข ้อ`): a cell that is that and the id
/// alone needs no trimming.
static CLEAN_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*)?$",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});

/// One trimmed cell: where, as written, as trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct Trim {
    /// The line.
    pub at: At,
    /// The cell as read.
    pub written: String,
    /// The id it became.
    pub id: String,
}

/// The id that `cell` holds among a few stray marks (`ยขอ i12` → `i12`), when the cell needs
/// trimming; `None` for a clean id cell, a cell without one id, or one with more around it.
fn trimmed(cell: &str) -> Option<String> {
    let c = ID_IN_CELL.captures(cell.trim())?;
    let (pre, post) = (&c["pre"], &c["post"]);
    let id = format!("{}{}", &c["letter"], &c["num"]);
    if CLEAN_PREFIX.is_match(pre) && post.trim().is_empty() {
        return None;
    }
    // The letter must stand apart from Latin letters and digits (`amt4` is no `t4`, `ao1` no
    // id of its own); a Thai letter may touch it (`ข้อo17`, `อe11`).
    if pre
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let before = pre.chars().filter(|c| !c.is_whitespace()).count();
    let after = post.chars().filter(|c| !c.is_whitespace()).count();
    // A tool's cell run into the id's (`OIT ข้อ o11`) is more than a stray mark: the parser
    // needs it.
    let tool = ["IT", "OT", "ET", "OI"].iter().any(|t| pre.contains(t));
    if before > MAX_BEFORE
        || after > MAX_AFTER
        || tool
        || ANY_ID.is_match(pre)
        || post.chars().any(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    Some(id)
}

/// Trims the id cells of the lines on `pages` (the OCR'd ones) whose id the digit reader
/// read surely on that line; returns what it trimmed.
pub fn trim_id_cells(text: &mut Text, pages: &BTreeSet<u32>) -> Vec<Trim> {
    let mut trims = Vec::new();
    let mut changes: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (k, l) in text.lines.iter().enumerate() {
        if !l.at.page.is_some_and(|p| pages.contains(&p)) {
            continue;
        }
        let mut here = Vec::new();
        for cell in l.text.split('\t') {
            let Some(id) = trimmed(cell) else { continue };
            if !super::confirm::id_read_surely(text, Some(l.at), &id) {
                continue;
            }
            trims.push(Trim {
                at: l.at,
                written: cell.trim().to_owned(),
                id: id.clone(),
            });
            here.push((cell.to_owned(), id));
        }
        if !here.is_empty() {
            changes.push((k, here));
        }
    }
    for (k, here) in changes {
        let l = &mut text.lines[k];
        let fix = |s: &str| -> String {
            s.split('\t')
                .map(|c| {
                    here.iter()
                        .find(|(from, _)| from == c)
                        .map_or(c, |(_, to)| to.as_str())
                })
                .collect::<Vec<_>>()
                .join("\t")
        };
        l.text = fix(&l.text);
        for c in &mut l.cells {
            c.text = fix(&c.text);
        }
    }
    trims
}

/// The note that says which id cells were trimmed (one for the document, at the first).
#[must_use]
pub fn diagnostic(trims: &[Trim]) -> Option<Diagnostic> {
    let first = trims.first()?;
    Some(Diagnostic {
        code: "ocr-id-cell-trimmed".into(),
        severity: Severity::Info,
        message: format!(
            "{} OCR'd question id cell(s) held stray marks around an id the digit reader read surely and were read as that id (`{}` → `{}` here)",
            trims.len(),
            first.written,
            first.id
        ),
        at: Some(first.at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_marks_around_an_id_are_trimmed() {
        for (cell, want) in [
            ("ยขอ i12", "i12"),
            ("97 ขอ i11", "i11"),
            ("บ. ขอ i23", "i23"),
            ("ย.1 ขอ i17", "i17"),
            ("z ข้อ i5", "i5"),
            ("” ข้อ e2", "e2"),
            ("ข้อo17ฒ", "o17"),
            ("ข้อ อe11", "e11"),
            ("ข้อเi13", "i13"),
            ("a) o20", "o20"),
        ] {
            assert_eq!(trimmed(cell).as_deref(), Some(want), "{cell}");
        }
    }

    #[test]
    fn clean_cells_and_more_than_stray_marks_are_left() {
        for cell in [
            // Already what the parser reads.
            "ข้อ i12",
            "ขอ o5",
            "o20",
            // An id's letter run into Latin letters or digits, a second id, a tool's cell.
            "Fy amt4",
            "ย i7 ขอ i17ฒ",
            "OIT ข้อ o11",
            // Prose, a score after the id, digits after it.
            "พิจารณาจากข้อคำถาม i19",
            "ข้อ i5 100.00",
            "ข้อ o1 - o3",
            "ข้อ i1ab",
        ] {
            assert_eq!(trimmed(cell), None, "{cell}");
        }
    }

    fn ocr_text(lines: &[&str], sure: &[&str]) -> Text {
        Text {
            lines: lines
                .iter()
                .enumerate()
                .map(|(k, raw)| crate::normalize::Line {
                    at: At {
                        page: Some(1),
                        line: k as u32 + 1,
                        bbox: None,
                    },
                    raw: (*raw).into(),
                    text: crate::normalize::thai_digits_to_arabic(raw).replace(" | ", "\t"),
                    cells: Vec::new(),
                })
                .collect(),
            pages: vec![crate::normalize::PageNotes {
                page: 1,
                quality: crate::model::PageQuality::NoText,
                notes: Vec::new(),
                geometry: crate::geometry::PageGeometry::default(),
                ocr_sure: sure.iter().map(|s| (*s).into()).collect(),
            }],
            ..Text::default()
        }
    }

    #[test]
    fn only_an_id_read_surely_on_its_line_is_kept() {
        let mut text = ocr_text(
            &["ยขอ i๑๒ | 100.00", "97 ขอ i11 | 100.00", "z ข้อ i๕ | 100.00"],
            // The reader read i๑๒ and i๕; `i11` is Tesseract's alone.
            &["i๑๒", "i๕"],
        );
        let trims = trim_id_cells(&mut text, &[1].into());
        assert_eq!(text.lines[0].text, "i12\t100.00");
        assert_eq!(text.lines[1].text, "97 ขอ i11\t100.00");
        assert_eq!(text.lines[2].text, "i5\t100.00");
        assert_eq!(trims.len(), 2);
        let d = diagnostic(&trims).unwrap();
        assert!(d.message.contains("`ยขอ i12` → `i12`"), "{}", d.message);
        // Not an OCR'd page: left as written.
        let mut text = ocr_text(&["ยขอ i๑๒ | 100.00"], &["i๑๒"]);
        assert!(trim_id_cells(&mut text, &[2].into()).is_empty());
        assert_eq!(text.lines[0].text, "ยขอ i12\t100.00");
    }
}
