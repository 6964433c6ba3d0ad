//! The indicator table on pages we OCR'd, read by its row numbers where OCR garbled the rest.
//!
//! A text layer's indicator table is found by its header (`ตัวชี้วัดที่ | รายละเอียด… | คะแนน`)
//! or its rows' names ([`super::candidates`]). OCR garbles both: the header (`ต้าชีวัด |
//! ยดตัวชวัด | ค`, `ตัวขี้วัดที่`, or no header line at all) and the names (`1 กกา | ร
//! ปฏิรูปดิจิทัล`, and the report's own labels need not be the NACC's). What survives is the
//! table's shape: after a heading that names the indicators (`ตัวชี้วัด`), rows that each lead
//! with their number and end with one score, numbered 1, 2, 3, … in order. A row whose number
//! is read and in sequence with the rows before and after it is that indicator, whatever its
//! name; a row whose number is unreadable (one or two marks: `ว` for `5`) between rows n−1
//! and n+1 of a table of all ten rows is row n. A run that is not in order, a row with two
//! scores, a topic title (`กระบวนการ…`) or a question id end the table; fewer than four rows
//! in order are no table. Without the heading (OCR garbled it too), only all ten rows, each
//! number read, 1 to 10, are the table. The score is a candidate like any other: on an OCR'd page it still
//! needs its confirmation ([`crate::ocr::confirm`]); a guessed number is never made.

use std::sync::LazyLock;

use regex::Regex;

use super::candidates::{Candidate, Found, Place};
use super::vocab::Measure;
use crate::normalize::Line;

/// A score cell: two decimals or `0`/`100`, after marks OCR reads from specks and rules
/// (`. 100.00`, `| 90.23`).
static SCORE_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[\s.,:;|'"‘’`]*(\d{1,3}\.\d{2}|100|0)$"#).expect("valid regex")
});
/// A decimal number anywhere in a line.
static DECIMAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d\.\d").expect("valid regex"));
/// The heading or header that names the indicators.
static HEADING: LazyLock<crate::keyword::Keyword> =
    LazyLock::new(|| crate::keyword::Keyword::new("ตัวชี้วัด"));
/// A topic's title (`กระบวนการ…`): a topic table's row, not an indicator's.
static PROCESS: LazyLock<crate::keyword::Keyword> =
    LazyLock::new(|| crate::keyword::Keyword::new("กระบวนการ"));

/// Lines between two rows that hold no number (a page's running header, a repeated table
/// header), at most.
const GAP: usize = 4;

/// What a line is to the table.
#[derive(Debug, Clone, PartialEq)]
enum Row {
    /// A row: its number as read (`None`: unreadable), its label, its score.
    Scored {
        no: Option<u8>,
        label: String,
        value: f64,
    },
    /// A line without a decimal number: does not end the table.
    Quiet,
    /// Anything else: ends the table.
    Other,
}

/// A row's first token with a letter or digit: where its number stands (marks OCR reads from
/// specks and rules before it are none).
pub(crate) fn leading_token(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || c == '|')
        .find(|t| t.chars().any(char::is_alphanumeric))
}

/// A row number as printed: `5`, `5.`, `5)`.
pub(crate) fn row_number(token: &str) -> Result<u8, std::num::ParseIntError> {
    token.trim_end_matches(['.', ')']).parse()
}

fn row(l: &Line) -> Row {
    let cells: Vec<&str> = l.cells().map(str::trim).filter(|c| !c.is_empty()).collect();
    let decimals = DECIMAL.find_iter(&l.text).count();
    if super::topics::has_id_cell(l) {
        return Row::Other;
    }
    let Some(value) = cells
        .last()
        .and_then(|c| SCORE_CELL.captures(c))
        .and_then(|c| c[1].parse::<f64>().ok())
    else {
        return if decimals == 0 {
            Row::Quiet
        } else {
            Row::Other
        };
    };
    // Two scores (another year's beside this one, whole numbers too: `100 | 99.89`) are no
    // indicator row of one score.
    let two_scores = cells.len() > 2
        && cells[1..cells.len() - 1]
            .iter()
            .any(|c| SCORE_CELL.is_match(c));
    if cells.len() < 2 || decimals > 1 || two_scores || value > 100.0 {
        return Row::Other;
    }
    let first = leading_token(&l.text).unwrap_or("");
    let no = match row_number(first) {
        Ok(n) => Some(n),
        // Unreadable: one or two marks that are the whole first cell (`ว`).
        Err(_) if first.chars().count() <= 2 && cells[0] == first => None,
        Err(_) => return Row::Other,
    };
    let label = cells[1..cells.len() - 1].join(" ");
    let label = match no {
        // The rest of the first cell after the number (`1 กกา | ร ปฏิรูปดิจิทัล`).
        Some(_) => {
            let rest = cells[0]
                .split_once(first)
                .map_or("", |(_, r)| r.trim())
                .to_owned();
            [rest, label]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => label,
    };
    if PROCESS.is_match(&label) {
        return Row::Other;
    }
    Row::Scored { no, label, value }
}

/// The rows of indicator tables in `lines` on `pages` (OCR'd): (index into `lines`, the
/// indicator's number, its label, its score).
#[must_use]
pub fn find(lines: &[Line], pages: &[u32]) -> Vec<(usize, u8, String, f64)> {
    let on = |l: &Line| l.at.page.is_some_and(|p| pages.contains(&p));
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A run starts at a row read as the number 1..=7 after a heading naming the indicators
        // within GAP lines before it; without one (OCR garbled it too), only a run of all ten
        // rows, each number read, is the table.
        let first = match row(&lines[i]) {
            Row::Scored { no: Some(n), .. } if on(&lines[i]) && (1..=7).contains(&n) => Some(n),
            _ => None,
        };
        let headed = lines[i.saturating_sub(GAP)..i]
            .iter()
            .any(|l| HEADING.is_match(&l.text));
        if !first.is_some_and(|n| headed || n == 1) {
            i += 1;
            continue;
        }
        let mut run: Vec<(usize, Option<u8>, String, f64)> = Vec::new();
        let mut quiet = 0;
        let mut j = i;
        while j < lines.len() && on(&lines[j]) {
            match row(&lines[j]) {
                Row::Scored { no, label, value } => {
                    run.push((j, no, label, value));
                    quiet = 0;
                }
                Row::Quiet if quiet < GAP && !run.is_empty() => quiet += 1,
                _ => break,
            }
            j += 1;
        }
        let numbers = numbered(&run, headed);
        for ((k, _, label, value), no) in run.iter().zip(&numbers) {
            if let Some(no) = no {
                out.push((*k, *no, label.clone(), *value));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The indicator each row of a run is, in order: the rows read in sequence from the first
/// (`1, 2, 3, 4`), an unreadable one between n−1 and n+1 of a table of all ten; a row out of
/// sequence ends the table there. Fewer than four rows: none; without a heading (`headed`),
/// all ten read, or none.
fn numbered(run: &[(usize, Option<u8>, String, f64)], headed: bool) -> Vec<Option<u8>> {
    let mut out: Vec<Option<u8>> = vec![None; run.len()];
    let Some(start) = run.first().and_then(|r| r.1) else {
        return out;
    };
    let mut len = 0;
    for (k, r) in run.iter().enumerate() {
        let want = start as usize + k;
        match r.1 {
            Some(n) if n as usize == want && want <= 10 => len = k + 1,
            None => {}
            _ => break,
        }
    }
    let rows = &run[..len];
    let full = start == 1 && len == 10;
    let sure: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            r.1.is_some()
                || (full
                    && k > 0
                    && k + 1 < len
                    && rows[k - 1].1.is_some()
                    && rows[k + 1].1.is_some())
        })
        .collect();
    // Up to the first row neither read nor placed.
    let upto = sure.iter().position(|s| !s).unwrap_or(len);
    let all_read = full && rows.iter().all(|r| r.1.is_some());
    if upto < 4 || !(headed || all_read) {
        return out;
    }
    for (k, slot) in out.iter_mut().enumerate().take(upto) {
        *slot = u8::try_from(start as usize + k).ok();
    }
    out
}

/// Adds the rows of OCR'd indicator tables to `found`: a row's candidate replaces any other
/// indicator candidate bound on its line (its name may have read as another indicator's).
pub fn add(lines: &[Line], pages: &[u32], found: &mut Found) {
    if pages.is_empty() {
        return;
    }
    for (k, no, label, value) in find(lines, pages) {
        let l = &lines[k];
        let measure = Measure::Indicator(no);
        found
            .values
            .retain(|c| !(c.at.line == l.at.line && matches!(c.measure, Measure::Indicator(_))));
        found.presented.insert(measure);
        found.values.push(Candidate {
            measure,
            value,
            at: l.at,
            place: Place::Table,
            label: Some(label),
            quote: l.raw.trim().chars().take(120).collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::At;

    fn lines(page_of: impl Fn(usize) -> u32, texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| Line {
                at: At {
                    page: Some(page_of(k)),
                    line: k as u32 + 1,
                    bbox: None,
                },
                raw: t.replace(" | ", "\t"),
                text: t.replace(" | ", "\t"),
                cells: Vec::new(),
            })
            .collect()
    }

    /// OCR's reading of the seed's indicator table over two pages (1-bit, 200 dpi).
    const GARBLED: [&str; 14] = [
        "สรุปผลการประ เมินรายตัวชี้วัด",
        "ต้าชีวัด | ยดตัวชวัด | ค",
        "1 กกา | ร ปฏิรูปดิจิทัล | 100.00",
        "2 | การใช้งบประมาณ | 99.89",
        "3 กกา | ร ใช้จ่ายเงิน | 100.00",
        "4 | การใช้ทรัพย์สินของราชการ | 99.67",
        "ชวด | คตวชวด | ค",
        "ว | การแก้ไขปัญหาการทุจริต | 100.00",
        "6 | คุณภาพการ ดำเนินงาน | 88.40",
        "7 | ประสิทธิภาพการสื่อสาร | 90.23",
        "8 | การปรับปรุงการทำงาน | | 88.59",
        "9 | การ เปิดเผยข้อมูล | , 97.50",
        "10 | การ ป้องกันการทุจริต | 80.00",
        "ส่วนที 1 ข้อมูลรายละเอียด",
    ];

    #[test]
    fn rows_in_order_are_the_indicators_and_an_unreadable_one_between_them_its_place() {
        let ls = lines(|k| if k < 6 { 2 } else { 3 }, &GARBLED);
        let got: Vec<(usize, u8, f64)> = find(&ls, &[2, 3])
            .into_iter()
            .map(|(k, n, _, v)| (k, n, v))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, 1, 100.0),
                (3, 2, 99.89),
                (4, 3, 100.0),
                (5, 4, 99.67),
                (7, 5, 100.0),
                (8, 6, 88.40),
                (9, 7, 90.23),
                (10, 8, 88.59),
                (11, 9, 97.50),
                (12, 10, 80.0),
            ]
        );
        // Not on an OCR'd page: nothing.
        assert!(find(&ls, &[]).is_empty());
    }

    #[test]
    fn an_unreadable_row_needs_all_ten_and_read_neighbours() {
        // Without row 10 the table is not known to have ten rows: rows 1–4 only.
        let ls = lines(|_| 2, &GARBLED[..12]);
        let nos: Vec<u8> = find(&ls, &[2]).into_iter().map(|r| r.1).collect();
        assert_eq!(nos, vec![1, 2, 3, 4]);
        // Two unreadable rows in a row: nothing after them is placed.
        let mut two = GARBLED.to_vec();
        two[8] = "ก | คุณภาพการ ดำเนินงาน | 88.40";
        let ls = lines(|_| 2, &two);
        let nos: Vec<u8> = find(&ls, &[2]).into_iter().map(|r| r.1).collect();
        assert_eq!(nos, vec![1, 2, 3, 4]);
    }

    #[test]
    fn out_of_order_rows_topic_titles_and_no_heading_are_no_table() {
        // A number out of sequence ends the table: only the rows before it.
        let mut swapped = GARBLED.to_vec();
        swapped[4] = "5 | การใช้จ่ายเงิน | 100.00";
        let ls = lines(|_| 2, &swapped);
        assert!(find(&ls, &[2]).is_empty(), "two rows in order are no table");
        // A topic table's rows (`กระบวนการ…`) are no indicators.
        let topics = [
            "ตัวชี้วัด",
            "1 | กระบวนการปฏิบัติงานที่โปร่งใส | 100.00",
            "2 | กระบวนการใช้ดุลพินิจ | 99.00",
            "3 | กระบวนการให้บริการ | 98.00",
            "4 | กระบวนการกำกับดูแล | 97.00",
        ];
        assert!(find(&lines(|_| 2, &topics), &[2]).is_empty());
        // No heading naming the indicators before the first row: all ten rows read, or none.
        let ls = lines(|_| 2, &GARBLED[2..]);
        assert!(find(&ls, &[2]).is_empty());
        let mut read = GARBLED.to_vec();
        read[7] = "5 | การแก้ไขปัญหาการทุจริต | 100.00";
        let ls = lines(|_| 2, &read[2..]);
        let nos: Vec<u8> = find(&ls, &[2]).into_iter().map(|r| r.1).collect();
        assert_eq!(nos, (1..=10).collect::<Vec<u8>>());
        assert!(find(&lines(|_| 2, &read[2..11]), &[2]).is_empty());
        // A row with two scores (a history table) ends the table.
        let mut history = GARBLED.to_vec();
        history[3] = "2 | การใช้งบประมาณ | 95.12 | 99.89";
        let ls = lines(|_| 2, &history);
        assert!(find(&ls, &[2]).is_empty());
        // Another year's score written whole (`100`) is a second score too.
        history[3] = "2 | การใช้งบประมาณ | 100 | 99.89";
        let ls = lines(|_| 2, &history);
        assert!(find(&ls, &[2]).is_empty());
    }
}
