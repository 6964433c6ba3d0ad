//! Stage 1½: page furniture — page numbers, running headers and footers — found and removed
//! between [`crate::source::read`] and [`crate::normalize::document`], so that no number is
//! ever read from a footer (`2 / 28` as an indicator score) and no header splits a table.
//!
//! **Pages of a text input.** A text dump carries its page breaks as form feeds (`\f`, which
//! `source` turns into pages) or as page-number lines. Without form feeds, the text is cut
//! after each page-number line of a distinctive form (`- ๓ -`, `- 3 -`, `หน้า 3`,
//! `หน้า 3 จาก 28`, `Page 3 of 28`, `3 / 28`), when there are at least two of them. A text with
//! page breaks then has page numbers (`at.page`): its pages counted from 1 in order, not the
//! printed numbers. A text without any (the seed) stays one page without a number
//! (`at.page = null`). PDFs arrive in pages already.
//!
//! **What is removed** (on pages that are known, PDF or text):
//!
//! * page-number lines of the forms above — in a text without form feeds wherever they are
//!   (they are its page breaks), otherwise among the first or last two non-blank lines of a
//!   page;
//! * a bare number (`3`, `๓`) among the first or last two non-blank lines of a page, only when
//!   such numbers on at least two pages agree with the page order (printed number − page
//!   index is the same): a wrapped score cell (`๐` under `๑๐๐.๐`) at a page edge stays;
//! * running headers and footers: a line among the first (or last) two non-blank lines of a
//!   page whose text, with every digit counted the same, is also among the first (or last)
//!   two of other pages — in a document of at least 3 pages, on at least half of the pages
//!   after the first (the cover rarely has the header) and on at least 2 — and that looks
//!   like furniture: no cell break (tab or two spaces: a repeated table header row stays), no
//!   decimal number, at most 150 characters, none of the words the parser anchors on
//!   (`คะแนน`, `ตัวชี้วัด`, `ประเด็น`, `ข้อคำถาม`, `เครื่องมือ`, `ลำดับ`, `ส่วนที่`, `IIT`, `EIT`,
//!   `OIT`). Its copy on page 1 (the cover) stays. "Half the pages", not "three pages": the
//!   template's headings recur at page tops by chance (`วิเคราะห์บรรยายเชิงพรรณนา` tops 7 of
//!   the 31 pages of the LibreOffice rendering), a running header tops nearly all of them.
//!
//! A removed line is left blank, not deleted, so line numbers stay those of the file (text) or
//! of `ita-extract text` (PDF). Each removal is recorded in [`RawDocument::furniture`], and
//! `normalize` passes the record on in [`crate::normalize::Text::furniture`].

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{At, Format};
use crate::source::{RawDocument, RawPage};

/// What kind of furniture a removed line was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FurnitureKind {
    /// A page number (`- 3 -`, `หน้า 3`, `3 / 28`, a bare number at a page edge).
    PageNumber,
    /// A line repeated at the top of pages.
    RunningHeader,
    /// A line repeated at the bottom of pages.
    RunningFooter,
}

/// One removed line: where it was, what it was, its raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    /// Page and line (the line is blank in the normalized text now).
    pub at: At,
    /// Page number, running header or running footer.
    pub kind: FurnitureKind,
    /// The line as extracted.
    pub text: String,
}

/// Digits, Arabic or Thai.
const D: &str = "[0-9๐-๙]";

/// Page-number lines of a distinctive form (not a bare number).
static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:[-–—]\s*({D}{{1,4}})\s*[-–—]|(?:หน้า(?:ที่)?|page)\s*[.:]?\s*({D}{{1,4}})(?:\s*(?:/|จาก|of)\s*({D}{{1,4}}))?|({D}{{1,3}})\s*/\s*({D}{{1,3}}))\s*$"
    ))
    .expect("valid regex")
});

/// A line holding only a number of up to four digits.
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*({D}{{1,4}})\s*$")).expect("valid regex"));

/// Words the parser anchors on: a line with one of them is never furniture.
static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    const WORDS: [&str; 10] = [
        "คะแนน",
        "ตัวชี้วัด",
        "ประเด็น",
        "ข้อคำถาม",
        "เครื่องมือ",
        "ลำดับ",
        "ส่วนที่",
        "IIT",
        "EIT",
        "OIT",
    ];
    let alternatives: Vec<String> = WORDS.iter().map(|w| crate::keyword::pattern(w)).collect();
    Regex::new(&alternatives.join("|")).expect("valid regex")
});

/// A decimal number (a score): a line with one is never furniture.
static DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{D}[.,]{D}")).expect("valid regex"));

/// The value of a string of Arabic or Thai digits.
fn number(s: &str) -> Option<u32> {
    let ascii: String = s
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
            c => c,
        })
        .collect();
    ascii.parse().ok()
}

/// Is `line` a page-number line of a distinctive form? (`N / M` only with 1 ≤ N ≤ M < 1000:
/// `1/2566` is a document number.)
fn is_page_line(line: &str) -> bool {
    let Some(c) = PAGE_LINE.captures(line) else {
        return false;
    };
    match (c.get(4), c.get(5)) {
        (Some(n), Some(m)) => {
            matches!((number(n.as_str()), number(m.as_str())), (Some(n), Some(m)) if n >= 1 && n <= m)
        }
        _ => true,
    }
}

/// Finds and blanks the page furniture of `raw` (see the module docs), recording each removal
/// in `raw.furniture`; numbers the pages of a text input that has page breaks.
pub fn remove(raw: &mut RawDocument) {
    if raw.format == Format::Text {
        paginate_text(raw);
    }
    if raw.pages.iter().any(|p| p.number.is_none()) {
        return;
    }
    let mut found: Vec<(usize, usize, FurnitureKind)> = Vec::new();
    page_numbers(&raw.pages, &mut found);
    let running = running_lines(&raw.pages, &found);
    found.extend(running);
    found.sort_unstable_by_key(|f| (f.0, f.1));
    found.dedup_by_key(|f| (f.0, f.1));
    // Line numbers as `normalize` gives them: 1-based across pages.
    let mut first_line = Vec::with_capacity(raw.pages.len());
    let mut n = 0u32;
    for p in &raw.pages {
        first_line.push(n);
        n += u32::try_from(p.lines.len()).unwrap_or(u32::MAX);
    }
    for (page, line, kind) in found {
        let p = &mut raw.pages[page];
        let text = std::mem::take(&mut p.lines[line]);
        raw.furniture.push(Furniture {
            at: At {
                page: p.number,
                line: first_line[page] + u32::try_from(line).unwrap_or(u32::MAX) + 1,
                bbox: None,
            },
            kind,
            text,
        });
    }
}

/// Numbers the pages of a text input split at form feeds; cuts a text without form feeds
/// after each distinctive page-number line when it has two or more.
fn paginate_text(raw: &mut RawDocument) {
    if raw.pages.len() == 1 {
        let lines = &raw.pages[0].lines;
        let cuts: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| is_page_line(l))
            .map(|(i, _)| i)
            .collect();
        // Page lines with only blank lines between them (`2 / 28` then `- 2 -`) are one break.
        let cuts: Vec<usize> = cuts
            .iter()
            .enumerate()
            .filter(|&(k, &c)| {
                cuts.get(k + 1)
                    .is_none_or(|&next| lines[c + 1..next].iter().any(|l| !l.trim().is_empty()))
            })
            .map(|(_, &c)| c)
            .collect();
        if cuts.len() < 2 {
            return;
        }
        let mut all = std::mem::take(&mut raw.pages[0].lines);
        let mut pages = Vec::with_capacity(cuts.len() + 1);
        for &cut in cuts.iter().rev() {
            let rest = all.split_off(cut + 1);
            pages.push(rest);
        }
        pages.push(all);
        pages.reverse();
        if pages
            .last()
            .is_some_and(|p| p.iter().all(|l| l.trim().is_empty()))
        {
            // Trailing blank lines after the last page number belong to that page.
            let tail = pages.pop().unwrap_or_default();
            if let Some(last) = pages.last_mut() {
                last.extend(tail);
            }
        }
        raw.pages = pages.into_iter().map(RawPage::text).collect();
    }
    if raw.pages.len() > 1 {
        for (i, p) in raw.pages.iter_mut().enumerate() {
            p.number = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
        }
    }
}

/// Indexes of the first two and the last two non-blank lines of a page: (top, bottom).
/// Lines for which `gone` is true count as blank.
fn edges(lines: &[String], gone: impl Fn(usize) -> bool) -> (Vec<usize>, Vec<usize>) {
    let filled: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| !l.trim().is_empty() && !gone(i))
        .map(|(i, _)| i)
        .collect();
    let top = filled.iter().take(2).copied().collect();
    let bottom = filled.iter().rev().take(2).copied().collect();
    (top, bottom)
}

/// Page-number lines: distinctive forms at page edges, bare numbers at edges that agree with
/// the page order on at least two pages.
fn page_numbers(pages: &[RawPage], found: &mut Vec<(usize, usize, FurnitureKind)>) {
    let mut bare: Vec<(usize, usize, i64)> = Vec::new();
    for (pi, page) in pages.iter().enumerate() {
        let (top, bottom) = edges(&page.lines, |_| false);
        for li in top.into_iter().chain(bottom) {
            let line = &page.lines[li];
            if is_page_line(line) {
                found.push((pi, li, FurnitureKind::PageNumber));
            } else if let Some(n) = BARE_NUMBER.captures(line).and_then(|c| number(&c[1])) {
                bare.push((pi, li, i64::from(n) - i64::try_from(pi).unwrap_or(0)));
            }
        }
    }
    let mut offsets: HashMap<i64, Vec<usize>> = HashMap::new();
    for &(pi, _, offset) in &bare {
        offsets.entry(offset).or_default().push(pi);
    }
    for (pi, li, offset) in bare {
        let mut on = offsets[&offset].clone();
        on.dedup();
        if on.len() >= 2 {
            found.push((pi, li, FurnitureKind::PageNumber));
        }
    }
}

/// The text of a line with every digit the same and spaces folded: what repeats across pages.
fn repetition_key(line: &str) -> String {
    let mut key = String::with_capacity(line.len());
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        key.push(if c.is_ascii_digit() || ('๐'..='๙').contains(&c) {
            '#'
        } else {
            c
        });
    }
    key
}

/// Can `line` be furniture at all (no table row, no score, no word the parser needs)?
fn looks_like_furniture(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 150
        && t.chars().any(char::is_alphabetic)
        && !t.contains('\t')
        && !t.contains("  ")
        && !DECIMAL.is_match(t)
        && !PROTECTED.is_match(t)
}

/// Running headers and footers: edge lines repeated (modulo digits) on enough pages.
fn running_lines(
    pages: &[RawPage],
    already: &[(usize, usize, FurnitureKind)],
) -> Vec<(usize, usize, FurnitureKind)> {
    let n = pages.len();
    if n < 3 {
        return Vec::new();
    }
    // On at least half of the pages after the cover, and on at least 2.
    let needed = 2.max((n - 1).div_ceil(2));
    let taken = |pi: usize, li: usize| already.iter().any(|&(p, l, _)| p == pi && l == li);
    let mut out = Vec::new();
    for (kind, pick_top) in [
        (FurnitureKind::RunningHeader, true),
        (FurnitureKind::RunningFooter, false),
    ] {
        let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (pi, page) in pages.iter().enumerate() {
            // Edges once page numbers are gone: a header under a page number is still on top.
            let lines = &page.lines;
            let (top, bottom) = edges(lines, |li| taken(pi, li));
            for li in if pick_top { top } else { bottom } {
                if looks_like_furniture(&lines[li]) {
                    by_key
                        .entry(repetition_key(&lines[li]))
                        .or_default()
                        .push((pi, li));
                }
            }
        }
        for places in by_key.into_values() {
            let mut on: Vec<usize> = places.iter().map(|&(p, _)| p).filter(|&p| p > 0).collect();
            on.dedup();
            if on.len() >= needed {
                out.extend(
                    places
                        .into_iter()
                        .filter(|&(pi, _)| pi > 0)
                        .map(|(pi, li)| (pi, li, kind)),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_doc(pages: &[&[&str]]) -> RawDocument {
        RawDocument {
            format: Format::Text,
            pages: pages
                .iter()
                .map(|lines| RawPage::text(lines.iter().map(|&l| l.to_owned()).collect()))
                .collect(),
            producer: None,
            creator: None,
            encoding: Some("utf-8"),
            furniture: Vec::new(),
        }
    }

    #[test]
    fn page_line_forms() {
        for yes in [
            "- ๓ -",
            "- 3 -",
            "– 12 –",
            "หน้า 3",
            "หน้า ๓ จาก ๒๘",
            "หน้าที่ 3",
            "3 / 28",
            "๒/๒๘",
            "Page 3 of 28",
            "  - 3 -  ",
        ] {
            assert!(is_page_line(yes), "{yes}");
        }
        for no in [
            "3",
            "28 / 3",
            "0 / 5",
            "- 3 - 4",
            "หน้าที่ความรับผิดชอบ",
            "ข้อ 3 / 28 คะแนน",
            "92.19",
            "1/2566",
        ] {
            assert!(!is_page_line(no), "{no}");
        }
    }

    #[test]
    fn text_without_page_lines_stays_one_unnumbered_page() {
        let mut raw = text_doc(&[&["ITA 92.19", "", "- 1 -", "ข้อ i1\t100.00"]]);
        remove(&mut raw);
        assert_eq!(
            raw.pages.len(),
            1,
            "one page-number line is not a pagination"
        );
        assert_eq!(raw.pages[0].number, None);
        assert!(raw.furniture.is_empty());
    }

    #[test]
    fn page_lines_paginate_a_text_and_go() {
        let mut raw = text_doc(&[&["ปก", "", "- ๑ -", "หน้าแรก", "- ๒ -", "หน้าสอง", "3 / 28", ""]]);
        remove(&mut raw);
        let numbers: Vec<_> = raw.pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3)]);
        let lines: Vec<&str> = raw
            .pages
            .iter()
            .flat_map(|p| p.lines.iter().map(String::as_str))
            .collect();
        assert_eq!(lines, ["ปก", "", "", "หน้าแรก", "", "หน้าสอง", "", ""]);
        let at: Vec<(Option<u32>, u32)> = raw
            .furniture
            .iter()
            .map(|f| (f.at.page, f.at.line))
            .collect();
        assert_eq!(at, [(Some(1), 3), (Some(2), 5), (Some(3), 7)]);
        assert!(raw
            .furniture
            .iter()
            .all(|f| f.kind == FurnitureKind::PageNumber));
    }

    #[test]
    fn running_headers_and_footers_by_repetition() {
        let header = "รายงานการวิเคราะห์ผล ITA เทศบาลตำบลหนองบัวเงิน";
        let mut raw = text_doc(&[
            &["เทศบาลตำบลหนองบัวเงิน", header, "ปก", "พิมพ์ 1/10/2567"],
            &[
                header,
                "ตัวชี้วัด\tคะแนน",
                "1\tการปฏิบัติหน้าที่\t98.58",
                "พิมพ์ 2/10/2567",
            ],
            &[
                header,
                "ตัวชี้วัด\tคะแนน",
                "2\tการใช้งบประมาณ\t96.47",
                "พิมพ์ 3/10/2567",
            ],
            &[header, "ข้อความ", "", "พิมพ์ 4/10/2567", ""],
        ]);
        remove(&mut raw);
        let removed: Vec<(u32, FurnitureKind)> = raw
            .furniture
            .iter()
            .map(|f| (f.at.page.unwrap(), f.kind))
            .collect();
        use FurnitureKind::{RunningFooter as F, RunningHeader as H};
        assert_eq!(removed, [(2, H), (2, F), (3, H), (3, F), (4, H), (4, F)]);
        // The cover keeps its copies; the repeated table header rows stay.
        assert_eq!(raw.pages[0].lines[1], header);
        assert_eq!(raw.pages[1].lines[1], "ตัวชี้วัด\tคะแนน");
        assert_eq!(raw.pages[2].lines[1], "ตัวชี้วัด\tคะแนน");
    }

    #[test]
    fn bare_numbers_only_when_they_follow_the_pages() {
        let mut raw = text_doc(&[
            &["ปก"],
            &["หนึ่ง", "๑๐๐.๐", "๐"],
            &["สอง", "2"],
            &["สาม", "3"],
        ]);
        remove(&mut raw);
        let removed: Vec<(u32, &str)> = raw
            .furniture
            .iter()
            .map(|f| (f.at.page.unwrap(), f.text.as_str()))
            .collect();
        assert_eq!(removed, [(3, "2"), (4, "3")], "the wrapped ๐ stays");
    }

    #[test]
    fn a_pdf_footer_never_reaches_the_parser() {
        // TCPDF's `N / M` footers under an indicator table (issue 11 item 2).
        let mut raw = text_doc(&[
            &["ปก"],
            &["ตัวชี้วัดที่\tคะแนน", "1\tการปฏิบัติหน้าที่\t100.00", "1 / 3"],
            &["2\tการใช้งบประมาณ\t99.89", "2 / 3"],
            &["3\tการใช้อำนาจ\t100.00", "3 / 3"],
        ]);
        raw.format = Format::Pdf;
        for (i, p) in raw.pages.iter_mut().enumerate() {
            p.number = Some(u32::try_from(i + 1).unwrap());
        }
        remove(&mut raw);
        let left: Vec<&str> = raw
            .pages
            .iter()
            .flat_map(|p| p.lines.iter().map(String::as_str))
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            left,
            [
                "ปก",
                "ตัวชี้วัดที่\tคะแนน",
                "1\tการปฏิบัติหน้าที่\t100.00",
                "2\tการใช้งบประมาณ\t99.89",
                "3\tการใช้อำนาจ\t100.00"
            ]
        );
        assert_eq!(raw.furniture.len(), 3);
    }
}
