//! Step 2: candidates. Every number bound to an anchor, anywhere in the document, with its
//! place and the kind of place it was found in. Nothing is chosen here.
//!
//! The binding rule:
//! - **Table row** (a line of two or more cells): the anchor must be in the row's label cell
//!   (its first cell, or the cell after a bare row number such as `1.` or `๓)`); rows holding
//!   a question id are question rows, not anchors. The value is the cell under the column the
//!   header names when the table has year columns (`ปี 2565 | ปี 2566 | ปี 2567`: the fiscal
//!   year's column is the candidate, the other years go to history), else the row's last cell
//!   that is a plain number. In a table whose header names ตัวชี้วัด, a row numbered 1–10 is
//!   that indicator whatever its label.
//! - **Prose** (headings, list items, sentences): the first number after the anchor, before the
//!   next anchor of another measure (at most [`WINDOW`] characters, across at most two wrapped
//!   lines), that is introduced as a score: `ได้ X`, `คะแนน X`, `คะแนนรวม X`, `อยู่ที่ X`,
//!   `เท่ากับ X`, `(คะแนน X)`, `: X`, `= X`, the anchor directly followed by the number, or
//!   `X คะแนน` with no decoy word in the clause before it. A number right after a decoy word
//!   (`ปี`, `พ.ศ.`, `จำนวน`, `เพิ่มขึ้น`, `ร้อยละ`, `เกณฑ์`, `เป้าหมาย`, `ลำดับ`, … see
//!   [`super::vocab::DECOYS_BEFORE`]), signed (`+1.12`), part of a range (`95.00 - 100`),
//!   followed by a count word (`คน`, `%`, `ข้อ`, …) or above 100 is never a score.

use std::sync::LazyLock;

use regex::Regex;

use super::score;
use super::vocab::{self, Anchor, AnchorKind, Measure};
use crate::model::At;
use crate::normalize::Line;

/// How far (in characters) after its anchor a prose score may stand.
pub const WINDOW: usize = 220;

/// What kind of place a candidate was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A table row.
    Table,
    /// A heading, list item or sentence.
    Prose,
}

/// One number bound to an anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What it measures.
    pub measure: Measure,
    /// The number as printed.
    pub value: f64,
    /// Where.
    pub at: At,
    /// The kind of place.
    pub place: Place,
    /// The document's label for an indicator (the row's label cell or the anchor's text).
    pub label: Option<String>,
    /// The line, for diagnostics.
    pub quote: String,
}

/// A result label (ผ่าน, AA, …) stated for the ITA.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultCandidate {
    /// The label as written.
    pub label: String,
    /// Where.
    pub at: At,
    /// The year column it stands in, when the table has year columns.
    pub year: Option<u16>,
}

/// A value of another fiscal year, from a year column.
#[derive(Debug, Clone, PartialEq)]
pub struct Past {
    /// The year of the column.
    pub year: u16,
    /// What it measures.
    pub measure: Measure,
    /// The value.
    pub value: f64,
    /// Where.
    pub at: At,
}

/// Everything the document offers for the summary values.
#[derive(Debug, Default)]
pub struct Found {
    /// Candidates of the fiscal year (or of no stated year).
    pub values: Vec<Candidate>,
    /// Result labels.
    pub results: Vec<ResultCandidate>,
    /// Values of other years.
    pub history: Vec<Past>,
    /// Measures whose anchor labels a table row or starts a line (a heading, a list item),
    /// whether or not a value could be bound: the document presents them.
    pub presented: std::collections::BTreeSet<Measure>,
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[+\-±]?\d+(?:[.,]\d+)*").expect("valid regex"));
/// What follows the first part of a number split by a space: `.19`, `2.19`, `5`.
static SPLIT_POINT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\.\d").expect("valid regex"));
static SPLIT_DECIMAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+\.\d").expect("valid regex"));
static SPLIT_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:[^\d.]|$)").expect("valid regex"));
/// A question id in prose (`i13`, `ข้อ o42`, `e 5`), not inside a Latin word.
static QUESTION_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^A-Za-z])[ieoIEO]\s?\d{1,2}(?:[^\d.]|$)").expect("valid regex")
});
/// A cell of two or more plain numbers separated by spaces.
static NUMBERS_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,3}(?:\.\d{1,2})?(?:\s+\d{1,3}(?:\.\d{1,2})?)+$").expect("valid regex")
});
/// A cell of two or more result labels (`ผ่าน ผ่าน`, `A ผ่าน`).
static RESULTS_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{r})(?:\s+(?:{r}))+$", r = vocab::RESULT)).expect("valid regex")
});
/// Text, then one score with decimals.
static LAST_SCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*\p{L}.*?)\s+(\d{1,3}\.\d{1,2})$").expect("valid regex"));
/// Text ending in a score with decimals (the cell before it held another score).
static ENDS_WITH_SCORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d\.\d{1,2}\s*$").expect("valid regex"));
/// A label, then a value that is not a label's own number (`ตัวชี้วัดที่ 4`, `ส่วนที่ 2`): at
/// least two digits or decimals.
static LABEL_THEN_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*\p{L}.*?)\s+(\d{2,3}(?:\.\d{1,2})?|\d\.\d{1,2})$").expect("valid regex")
});
/// A cell naming two or more years and nothing else (`ปี 2565 ปี 2566`, `2565 2566`).
static YEARS_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:ปี(?:งบประมาณ)?|พ\.\s?ศ\.?)?\s*25[5-9]\d\s*){2,}$").expect("valid regex")
});
static YEAR_IN_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:ปี(?:งบประมาณ)?|พ\.\s?ศ\.?)?\s*25[5-9]\d)").expect("valid regex")
});
/// A label followed by numbers with decimals.
static TRAILING_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*[^\d\s.])\s+(\d{1,3}\.\d{1,2}(?:\s+\d{1,3}\.\d{1,2})+)$").expect("valid regex")
});
/// A table-of-contents entry whose page number lost its cell (`…(EIT) 4`).
static ENDS_WITH_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\D\s+\d{1,3}$").expect("valid regex"));
/// A cell that looks like a question id whatever precedes it (`ข??? e11`, `e 11`).
static LOOSE_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[ก-๛]{1,4}\s*)?[ieoIEO]\s?\d{1,2}\.?$").expect("valid regex")
});
static YEAR_CELL: LazyLock<Regex> = LazyLock::new(|| {
    // A short cell with one year in it (`ปี 2566`, `2566`, `ผลคะแนนปี 2566`, `ปี 66`).
    Regex::new(r"^[^\d\t]{0,24}?(?:(25[5-9]\d)|(?:ปี|พ\.\s?ศ\.?)\s*([5-9]\d))[^\d\t]{0,12}$")
        .expect("valid regex")
});

/// Most letters an indicator's label may have before its name (`แผนปฏิบัติ`, `ผลการประเมิน`,
/// besides `ตัวชี้วัดที่ N`): more is a sentence that mentions the indicator's subject.
const MAX_LETTERS_BEFORE_NAME: usize = 30;

/// Is `before` (a label's text before an indicator's name) a sentence's beginning rather than
/// a label's prefix?
fn is_sentence(before: &str) -> bool {
    // Only the exact spellings are taken out: a damaged `ตัวชี้วัดที่` counts as letters (a
    // prefix of twelve letters and a damaged one stay under the limit).
    let rest = before.replace("ตัวชี้วัดที่", "").replace("ตัวชี้วัด", "");
    letters(&rest) > MAX_LETTERS_BEFORE_NAME
}

/// Letters (Thai and Latin, marks included) in `s`.
fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Integers split by single spaces that make a score when joined (`1 0 0`, `10 0`, `9 9`):
/// one number with spaces inside, not several numbers (`100.00 99.89`, `6 88.40` are not).
fn spaced_number(cell: &str) -> bool {
    let parts: Vec<&str> = cell.trim().split(' ').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.concat().parse::<u32>().is_ok_and(|v| v <= 100)
}

/// The year a header or row cell names (`ปี 2566`, `2566`, `พ.ศ. 2566`, `ปี 66`).
fn year_cell(cell: &str) -> Option<u16> {
    let c = YEAR_CELL.captures(cell.trim())?;
    match (c.get(1), c.get(2)) {
        (Some(y), _) => y.as_str().parse().ok(),
        (None, Some(short)) => short.as_str().parse::<u16>().ok().map(|y| 2500 + y),
        _ => None,
    }
}
static ROW_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(\d{1,2})[.)]?$").expect("valid regex"));
static NUMBERED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{}\s*)?\(?(\d{{1,2}})(?:[.)]\s*|\s+)(\D.*)$",
        vocab::tolerant("ตัวชี้วัดที่")
    ))
    .expect("valid regex")
});
static RESULT_LABEL_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ผลการประเมิน|ระดับผลการประเมิน|ระดับ|ผล|ผลการประเมิน\s*ITA|ระดับ\s*ITA)\s*:?$")
        .expect("valid regex")
});
static RESULT_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"^["“”']?(?:ระดับ\s*)?({})["“”']?$"#,
        vocab::RESULT
    ))
    .expect("valid regex")
});
static RESULT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:ผลการประเมิน|อยู่ในระดับ|อยู่ในเกณฑ์|ได้ระดับ|ระดับ|ได้รับผล|ผล)\s*(?:ITA\s*)?(?:คือ|เป็น|อยู่ใน|ได้|:)?\s*:?\s*["“”'(]?\s*({})(?:[^A-Za-z]|$)"#,
        vocab::RESULT
    ))
    .expect("valid regex")
});
/// Words right before a number that introduce it as a score.
static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:คะแนน(?:รวม)?(?:เฉลี่ย)?(?:ที่ได้(?:รับ)?)?|ได้(?:รับ)?(?:คะแนน(?:รวม)?(?:เฉลี่ย)?)?|เท่ากับ|อยู่ที่|รวม|เฉลี่ย|[:=])\s*$")
        .expect("valid regex")
});

/// The word topic titles open with (`กระบวนการ…`), never an indicator's label.
static PROCESS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&crate::keyword::pattern("กระบวนการ")).expect("valid regex"));

/// One word that introduces the number right after it (`คะแนนรวม 88.75`, OCR's `ค ะแนนรวม`);
/// `100 คะแนน รวม 95.54` is a score, then the total.
static INTRODUCES_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ค ?ะ ?แ ?น ?น(?:รวม|เฉลี่ย|ที่ได้(?:รับ)?)\s*[:=]?\s*\d").expect("valid regex")
});

/// A year header row: cell index → year, for the cells that name one.
#[derive(Debug, Clone, Default)]
struct Header {
    cells: usize,
    years: Vec<Option<u16>>,
    indicator_table: bool,
    /// A table of contents (a `หน้า` column): its numbers are page numbers.
    contents: bool,
    /// A table of questions (a first column `ข้อ`, a column `ประเด็น…`): its rows are
    /// questions, whose wording may name an indicator's subject without being its row.
    questions: bool,
    /// The one column named as the score (`คะแนน`, `คะแนนที่ได้`), when the header has decoy
    /// columns beside it.
    score_col: Option<usize>,
    /// A cell names the score column (`คะแนน`).
    names_score: bool,
    /// Columns of full marks, targets, weights, differences: never a score.
    decoy_cols: Vec<usize>,
    /// The measure each column names, when the measures are the columns and the rows are
    /// years (`ปี | ITA | IIT | EIT | OIT`); empty otherwise.
    measures: Vec<Option<Measure>>,
    /// The header with its cells split at spaces, when that gives more columns: for rows whose
    /// cells outnumber the header's (its names ran together, its rows did not).
    split: Option<Box<Header>>,
}

/// Column names whose numbers are not the score.
const DECOY_COLUMNS: [&str; 10] = [
    "เต็ม",
    "เป้าหมาย",
    "ต่าง",
    "เพิ่ม",
    "ลด",
    "น้ำหนัก",
    "ร้อยละ",
    "สัดส่วน",
    "เกณฑ์",
    "ลำดับ",
];

/// Collects every candidate from `lines` (the whole document); `year` is the fiscal year.
/// `narrative` (indexes into `lines`) is the topics' narrative analysis, whose prose discusses
/// questions and other years and gives no summary value: only its table rows are read.
#[must_use]
pub fn collect(lines: &[Line], year: Option<u16>, narrative: std::ops::Range<usize>) -> Found {
    let mut found = Found::default();
    let mut header: Option<Header> = None;
    let mut contents = false;
    for (i, l) in lines.iter().enumerate() {
        let owned = split_cells(l, header.as_ref());
        let cells: Vec<&str> = owned.iter().map(String::as_str).collect();
        if cells.len() >= 2 {
            // A question row (even one whose `ข้อ` is damaged beyond the id cell's forms).
            if super::topics::has_id_cell(l) || cells.iter().any(|c| LOOSE_ID.is_match(c)) {
                continue;
            }
            if let Some(mut h) = header_of(&cells) {
                contents = h.contents;
                // Column names a PDF layout ran into one cell (`คะแนนเต็ม คะแนนที่ได้ ผลต่าง`):
                // the header split at its spaces, used for rows with that many cells.
                let split: Vec<&str> = cells.iter().flat_map(|c| c.split_whitespace()).collect();
                if split.len() > cells.len() {
                    h.split = header_of(&split).map(Box::new);
                }
                header = Some(h);
                continue;
            }
            if !contents {
                table_row(l, &cells, header.as_ref(), year, &mut found);
            }
        } else if !l.text.is_empty() {
            // A table of contents goes on through entries whose page number lost its cell.
            if contents && (ENDS_WITH_PAGE.is_match(&l.text) || l.text.trim_end().ends_with("หน้า"))
            {
                continue;
            }
            // A row whose cells ran together (`4. การใช้ทรัพย์สินของราชการ 96.98`) does not end
            // its table.
            if !LAST_SCORE.is_match(&l.text) {
                header = None;
            }
            // A table of contents starts at its heading and ends with the next text line.
            contents = l.text.trim() == "สารบัญ";
            if !contents && !narrative.contains(&i) && !super::questions::starts_with_id(&l.text) {
                prose(lines, i, year, &mut found);
            }
        }
    }
    found
}

/// The line's cells, with cells that a PDF layout or a copy ran together split again: a cell of
/// numbers only (`95.12 92.64 98.58`) into one cell each, a cell naming several years
/// (`ปี 2565 ปี 2566 ปี 2567`) into one per year, and — under a header with year columns — a
/// label followed by as many numbers as the header has years (`4. การใช้ทรัพย์สินของราชการ
/// 88.04 93.06 94.58`) into the label and the numbers.
fn split_cells(l: &Line, header: Option<&Header>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in l.cells() {
        let c = c.trim();
        if NUMBERS_CELL.is_match(c) || RESULTS_CELL.is_match(c) {
            out.extend(c.split_whitespace().map(str::to_owned));
        } else if YEARS_CELL.is_match(c) {
            out.extend(
                YEAR_IN_CELL
                    .find_iter(c)
                    .map(|m| m.as_str().trim().to_owned()),
            );
        } else {
            out.push(c.to_owned());
        }
    }
    // A row's last cell that ran into the cell before it (`ร้อยละ 30 95.73`): the score with
    // decimals at its end is a cell of its own.
    // A cell ending in two or more scores (`คะแนน 100.00 99.89 … 80.00`: a column of rows a
    // layout ran into one cell) is several values: its last is no row's score.
    if out.len() >= 2 {
        if let Some(c) = out
            .last()
            .and_then(|l| LAST_SCORE.captures(l))
            .filter(|c| !ENDS_WITH_SCORE.is_match(&c[1]))
        {
            let (text, num) = (c[1].trim().to_owned(), c[2].to_owned());
            out.pop();
            out.push(text);
            out.push(num);
        }
    }
    // A label cell that ran into the first value (`4. การใช้ทรัพย์สินของราชการ 100`), in a row
    // one cell short of its header: the value is a cell of its own.
    let wanted = header.map(|h| h.split.as_deref().map_or(h.cells, |s| s.cells.max(h.cells)));
    if out.len() >= 2 && wanted.is_some_and(|w| out.len() + 1 == w) {
        if let Some(c) = out
            .first()
            .and_then(|f| LABEL_THEN_VALUE.captures(f))
            .filter(|c| !c[1].trim_end().ends_with("ที่"))
        {
            let (label, value) = (c[1].trim().to_owned(), c[2].to_owned());
            out[0] = label;
            out.insert(1, value);
        }
    }
    let years = header.map_or(0, |h| h.years.iter().flatten().count());
    if years >= 2 {
        if let Some(last) = out.pop() {
            match TRAILING_NUMBERS.captures(&last) {
                Some(c) if c[2].split_whitespace().count() == years => {
                    out.push(c[1].trim().to_owned());
                    out.extend(c[2].split_whitespace().map(str::to_owned));
                }
                _ => out.push(last),
            }
        }
    }
    out
}

/// A header row: no cell is a plain number, and either two or more cells name a year or a cell
/// names ตัวชี้วัด / คะแนน.
fn header_of(cells: &[&str]) -> Option<Header> {
    if cells.iter().any(|c| score(c).is_some()) {
        return None;
    }
    let years: Vec<Option<u16>> = cells.iter().map(|c| year_cell(c)).collect();
    let n_years = years.iter().flatten().count();
    // The first cell names the indicators (`ตัวชี้วัด`, `ตัวชี้วัดที่`), not one of them.
    let indicator_table = cells.first().is_some_and(|c| {
        c.contains("ตัวชี้วัด") && !c.chars().any(|ch| ch.is_ascii_digit()) && c.chars().count() <= 30
    });
    let names_score = cells.iter().any(|c| c.contains("คะแนน"));
    let contents = cells.iter().any(|c| c.trim() == "หน้า");
    let questions = cells.first().is_some_and(|c| c.trim() == "ข้อ")
        && cells.iter().skip(1).any(|c| c.contains("ประเด็น"));
    let decoy_cols: Vec<usize> = (0..cells.len())
        .filter(|&i| i > 0 && DECOY_COLUMNS.iter().any(|d| cells[i].contains(d)))
        .collect();
    let score_cols: Vec<usize> = (1..cells.len())
        .filter(|&i| cells[i].contains("คะแนน") && !decoy_cols.contains(&i))
        .collect();
    let score_col = match score_cols.as_slice() {
        [one] if !decoy_cols.is_empty() => Some(*one),
        _ => None,
    };
    // Measures as columns (`ปี | ITA | IIT | EIT | OIT`): each column names one measure.
    let measures: Vec<Option<Measure>> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let a = vocab::anchors(c);
            (i > 0 && !a.is_empty() && a.iter().all(|x| x.measure == a[0].measure)).then(|| {
                a.iter()
                    .find(|x| matches!(x.measure, Measure::EitPart(_)))
                    .unwrap_or(&a[0])
                    .measure
            })
        })
        .collect();
    let n_measures = measures.iter().flatten().count();
    let measures = if n_measures >= 2 && n_years < 2 {
        measures
    } else {
        Vec::new()
    };
    (n_years >= 2 || indicator_table || names_score || contents || !measures.is_empty()).then_some(
        Header {
            cells: cells.len(),
            years: if n_years >= 2 { years } else { Vec::new() },
            indicator_table,
            contents,
            questions,
            score_col,
            names_score,
            decoy_cols,
            measures,
            split: None,
        },
    )
}

fn quote(l: &Line) -> String {
    let t = l.raw.trim();
    let mut q: String = t.chars().take(120).collect();
    if q.len() < t.len() {
        q.push('…');
    }
    q
}

/// One table row: an anchored label cell and its value cell(s).
fn table_row(
    l: &Line,
    cells: &[&str],
    header: Option<&Header>,
    year: Option<u16>,
    found: &mut Found,
) {
    let header = match header {
        Some(h) if cells.len() > h.cells => h
            .split
            .as_deref()
            .filter(|s| s.cells == cells.len())
            .or(Some(h)),
        other => other,
    };
    if let Some(h) = header.filter(|h| !h.measures.is_empty() && cells.len() <= h.cells) {
        measure_columns(l, cells, h, year, found);
        return;
    }
    // The label cell: the first, or the one after a bare row number.
    let (number, label_idx) = match ROW_NUMBER.captures(cells[0]) {
        Some(c) => (c[1].parse::<u8>().ok(), 1),
        None => (None, 0),
    };
    let Some(label) = cells.get(label_idx).copied() else {
        return;
    };
    let indicator_table = header.is_some_and(|h| h.indicator_table);
    let (number, label_text) = match (number, NUMBERED_LABEL.captures(label)) {
        (None, Some(c)) => (c[1].parse::<u8>().ok(), c[2].trim().to_owned()),
        _ => (number, label.trim().to_owned()),
    };
    // The most specific anchor of the label: `…ภายนอก (EIT ส่วนที่ 1)` is part 1, not EIT.
    let anchors = vocab::anchors(label);
    let mut anchor = anchors
        .iter()
        .find(|a| matches!(a.measure, Measure::EitPart(_)))
        .or(anchors.first())
        .copied();
    // A tool cell before the indicator's own cell (`IIT | 1. การปฏิบัติหน้าที่ | 93.12`): the
    // row is the indicator's.
    let (mut label_idx, mut label_text) = (label_idx, label_text);
    if anchor.is_some_and(|a| matches!(a.measure, Measure::Iit | Measure::Eit | Measure::Oit))
        && super::topics::parse_tool(label).is_some()
    {
        if let Some(next) = cells.get(label_idx + 1) {
            if let Some(a) = vocab::anchors(next)
                .into_iter()
                .find(|a| matches!(a.measure, Measure::Indicator(_)))
            {
                anchor = Some(a);
                label_idx += 1;
                label_text = NUMBERED_LABEL
                    .captures(next)
                    .map_or_else(|| next.trim().to_owned(), |c| c[2].trim().to_owned());
            }
        }
    }
    // A topic's title that names an indicator's subject (`กระบวนการสร้างความโปร่งใสใน
    // การใช้งบประมาณ…`, in a topic table's row whose id OCR garbled) labels no indicator; nor
    // does a sentence that ends in one (a question's wording: `…ที่อาจส่งผลต่อการปฏิบัติหน้าที่
    // หรือไม่`), whose row's number is that question's score.
    if anchor.is_some_and(|a| {
        matches!(a.measure, Measure::Indicator(_))
            && a.kind == AnchorKind::Name
            && (cells[label_idx]
                .get(..a.start)
                .is_some_and(|before| PROCESS.is_match(before) || is_sentence(before))
                // Under a header of questions, a label longer than the name by more than a
                // few letters (`1 | การปฏิบัติหน้าที่` still labels indicator 1).
                || header.is_some_and(|h| h.questions)
                    && letters(cells[label_idx])
                        > letters(cells[label_idx].get(a.start..a.end).unwrap_or("")) + 10
                // Numbered past the ten indicators, outside an indicator table: a question's
                // row (`41 | รายงานผลการดำเนินการป้องกันการทุจริตประจำปี | 0` is o41's score).
                || !indicator_table && number.is_some_and(|n| n > 10))
    }) {
        anchor = None;
    }
    let measure = match (number, anchor) {
        (Some(n), _) if indicator_table && (1..=10).contains(&n) => Some(Measure::Indicator(n)),
        (_, Some(a)) => Some(a.measure),
        _ => None,
    };
    if RESULT_LABEL_CELL.is_match(label.trim()) {
        results_row(l, cells, label_idx, header, year, found);
        return;
    }
    let Some(measure) = measure else { return };
    found.presented.insert(measure);
    let label = matches!(measure, Measure::Indicator(_)).then(|| label_text.clone());
    // A value cell that is one number with spaces inside (`1 0 0`, as OCR and wrapped cells
    // give it) has no readable value: read apart, one of its pieces would pass for the score.
    if l.cells().skip(1).any(spaced_number) {
        return;
    }
    let values = &cells[label_idx + 1..];
    // Year columns: align the row's cells with the header's from the right.
    if let Some(h) = header.filter(|h| !h.years.is_empty()) {
        if cells.len() <= h.cells {
            let offset = h.cells - cells.len();
            for (j, cell) in cells.iter().enumerate().skip(label_idx + 1) {
                let (Some(Some(y)), Some(v)) = (h.years.get(j + offset), score(cell)) else {
                    continue;
                };
                if Some(*y) == year {
                    found.values.push(Candidate {
                        measure,
                        value: v,
                        at: l.at,
                        place: Place::Table,
                        label: label.clone(),
                        quote: quote(l),
                    });
                } else {
                    found.history.push(Past {
                        year: *y,
                        measure,
                        value: v,
                        at: l.at,
                    });
                }
            }
            return;
        }
    }
    // The column the header names as the score (`คะแนนที่ได้`), else the last number that is
    // not under a column of full marks, targets, weights or differences.
    let aligned = header
        .filter(|h| cells.len() <= h.cells)
        .map(|h| (h, h.cells - cells.len()));
    let pick = match aligned {
        Some((h, offset)) if h.score_col.is_some() => h
            .score_col
            .and_then(|c| c.checked_sub(offset))
            .filter(|&c| c > label_idx)
            .and_then(|c| score(cells[c])),
        Some((h, offset)) => (label_idx + 1..cells.len())
            .rev()
            .filter(|&c| !h.decoy_cols.contains(&(c + offset)))
            .find_map(|c| score(cells[c])),
        // A row that does not line up with a header naming full marks, differences or weights
        // cannot say which number is the score.
        None if header.is_some_and(|h| !h.decoy_cols.is_empty()) => None,
        // Without a header naming the score, a bare integer other than 0 and 100 is a page
        // number or a count, not a score.
        None => values
            .iter()
            .rev()
            .find(|c| score(c).is_some())
            .filter(|c| {
                header.is_some_and(|h| h.names_score)
                    || c.contains('.')
                    || matches!(c.trim(), "0" | "100")
            })
            .and_then(|c| score(c)),
    };
    if let Some(v) = pick {
        found.values.push(Candidate {
            measure,
            value: v,
            at: l.at,
            place: Place::Table,
            label,
            quote: quote(l),
        });
    }
}

/// A row of a table whose columns are measures: its label cell is a year (the fiscal year's
/// row gives candidates, other years history) or names the score of no year (`คะแนน`).
fn measure_columns(l: &Line, cells: &[&str], h: &Header, year: Option<u16>, found: &mut Found) {
    let row_year = year_cell(cells[0]);
    if row_year.is_none() && cells.len() == h.cells && score(cells[0]).is_some() {
        return;
    }
    let offset = h.cells - cells.len();
    for (j, cell) in cells.iter().enumerate() {
        let (Some(Some(measure)), Some(v)) = (h.measures.get(j + offset), score(cell)) else {
            continue;
        };
        match row_year {
            Some(y) if Some(y) != year => found.history.push(Past {
                year: y,
                measure: *measure,
                value: v,
                at: l.at,
            }),
            _ => found.values.push(Candidate {
                measure: *measure,
                value: v,
                at: l.at,
                place: Place::Table,
                label: None,
                quote: quote(l),
            }),
        }
    }
}

/// A row labelled ผลการประเมิน / ระดับ: result labels, by year column when the table has them.
fn results_row(
    l: &Line,
    cells: &[&str],
    label_idx: usize,
    header: Option<&Header>,
    year: Option<u16>,
    found: &mut Found,
) {
    let years = header.filter(|h| !h.years.is_empty() && cells.len() <= h.cells);
    for (j, cell) in cells.iter().enumerate().skip(label_idx + 1) {
        let Some(c) = RESULT_CELL.captures(cell.trim()) else {
            continue;
        };
        let y = years.and_then(|h| h.years.get(j + h.cells - cells.len()).copied().flatten());
        if years.is_some() && y.is_none() {
            continue;
        }
        if years.is_some() && y != year {
            continue;
        }
        found.results.push(ResultCandidate {
            label: c[1].to_owned(),
            at: l.at,
            year: y,
        });
    }
}

/// Prose: every anchor of the line binds the first number introduced as a score.
fn prose(lines: &[Line], i: usize, year: Option<u16>, found: &mut Found) {
    let l = &lines[i];
    let (text, starts) = paragraph(lines, i);
    let first_len = l.text.len();
    // Anchors may wrap (`…การประเมินคุณธรรม` / `และความโปร่งใส…`): found with the line breaks
    // read as spaces (one byte each, so offsets hold).
    let anchors = vocab::anchors(&text.replace('\n', " "));
    // Anchors are read only where they start on this line (the wrapped lines are context).
    let mut k = 0;
    while k < anchors.len() {
        let a = anchors[k];
        if a.start >= first_len {
            break;
        }
        if text[..a.start]
            .trim_start_matches(|c: char| !c.is_alphabetic())
            .is_empty()
        {
            found.presented.insert(a.measure);
        }
        // Adjacent anchors of one measure (`แบบวัด… (IIT)`) are one anchor.
        let mut end = a.end;
        let mut next = k + 1;
        while next < anchors.len() && anchors[next].measure == a.measure {
            end = anchors[next].end;
            next += 1;
        }
        let stop = anchors.get(next).map_or(text.len(), |n| n.start);
        let mut window = cut(&text, end, stop);
        // A question id ends the anchor's reach: the numbers after it are the question's
        // (`ตัวชี้วัดที่ 3 … ข้อที่ได้คะแนนต่ำสุด คือ ข้อ i13 ได้ 57.53 คะแนน`).
        if let Some(q) = QUESTION_ID.find(window) {
            window = &window[..q.start()];
        }
        if let Some((v, offset)) = bind(window, a, year) {
            let at = line_at(&starts, end + offset);
            found.values.push(Candidate {
                measure: a.measure,
                value: v,
                at,
                place: Place::Prose,
                label: matches!(a.measure, Measure::Indicator(_))
                    .then(|| text[a.start..a.end].to_owned()),
                quote: quote(l),
            });
        }
        if a.measure == Measure::Ita {
            if let Some(c) = RESULT_PROSE.captures(window) {
                let m = c.get(1).expect("group 1");
                found.results.push(ResultCandidate {
                    label: m.as_str().to_owned(),
                    at: line_at(&starts, end + m.start()),
                    year: None,
                });
            }
        }
        k = next;
    }
    // A result stated on a line that names no measure (`ผลการประเมิน: ผ่าน`).
    if anchors.iter().all(|a| a.start >= first_len) {
        if let Some(c) = RESULT_PROSE.captures(&l.text) {
            found.results.push(ResultCandidate {
                label: c[1].to_owned(),
                at: l.at,
                year: None,
            });
        }
    }
}

/// The text from `from` to `to`, at most [`WINDOW`] characters.
fn cut(text: &str, from: usize, to: usize) -> &str {
    let w = &text[from..to.max(from)];
    match w.char_indices().nth(WINDOW) {
        Some((b, _)) => &w[..b],
        None => w,
    }
}

/// Line `i` and up to two following non-blank single-cell lines (a wrapped paragraph), joined
/// with newlines (so that a number at a line's end never runs into the next line's), with the
/// byte offset where each line starts.
fn paragraph(lines: &[Line], i: usize) -> (String, Vec<(usize, At)>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for l in lines[i..].iter().take(3) {
        if !starts.is_empty() && (l.text.is_empty() || l.text.contains('\t')) {
            break;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        starts.push((text.len(), l.at));
        text.push_str(&l.text);
    }
    (text, starts)
}

pub(crate) fn line_at(starts: &[(usize, At)], offset: usize) -> At {
    starts
        .iter()
        .rev()
        .find(|(s, _)| *s <= offset)
        .map_or(starts[0].1, |&(_, at)| at)
}

/// `s` without the single spaces between two Thai letters (`รว ม` → `รวม`): OCR cuts Thai
/// words in pieces, and the words that introduce a score must still be seen.
fn close_thai_gaps(s: &str) -> String {
    let thai = |c: Option<char>| c.is_some_and(crate::thai::is_thai_letter);
    let cs: Vec<char> = s.chars().collect();
    cs.iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == ' ' && i > 0 && thai(cs.get(i - 1).copied()) && thai(cs.get(i + 1).copied()))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// The first number of `window` introduced as a score, with its offset. A number after a year
/// that is not the fiscal year (`เทียบกับปี 2565 ที่ได้ 91.71 คะแนน`) is that year's.
fn bind(window: &str, anchor: Anchor, year: Option<u16>) -> Option<(f64, usize)> {
    let mut other_year = false;
    for m in NUMBER.find_iter(window) {
        let s = m.as_str();
        if let Ok(y) = s.parse::<u16>() {
            if (2550..=2650).contains(&y) || (2000..=2100).contains(&y) {
                other_year = year.is_some_and(|fy| fy != y && fy != y + 543);
                continue;
            }
        }
        if other_year {
            continue;
        }
        let before = &window[..m.start()];
        let after = &window[m.end()..];
        if s.starts_with(['+', '-', '±'])
            || before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.')
        {
            // A sign: a difference, or the second half of a range.
            continue;
        }
        let Some(v) = score(s) else { continue };
        let b = before.trim_end();
        // What follows on the same line (a wrapped paragraph's next line says nothing of it).
        let a = after.split('\n').next().unwrap_or("").trim_start();
        // The words around the number as words: OCR sets Thai words apart (`รว ม`, `ค ะแนน`).
        let (b_words, a_words) = (close_thai_gaps(b), close_thai_gaps(a));
        let introduces_next = INTRODUCES_NEXT.is_match(a);
        let (b, a) = (b_words.as_str(), a_words.as_str());
        // A number with a space inside (`92 .19`, `9 2.19`, `88.7 5`) is not read: its parts
        // are not it.
        let one_space = after.starts_with(' ') && !after[1..].starts_with(char::is_whitespace);
        let decimals = s.split_once('.').map(|(_, d)| d.len());
        let split_after = match decimals {
            None => {
                SPLIT_POINT.is_match(a) && a.starts_with('.')
                    || one_space && SPLIT_DECIMAL.is_match(a)
            }
            Some(1) => one_space && SPLIT_DIGITS.is_match(a),
            Some(_) => false,
        };
        let split_before = before.ends_with(' ')
            && !before.ends_with("  ")
            && b.ends_with(|c: char| c.is_ascii_digit() || c == '.');
        if split_after || split_before {
            continue;
        }
        if vocab::DECOYS_BEFORE.iter().any(|d| b.ends_with(d))
            || vocab::DECOYS_AFTER.iter().any(|d| a.starts_with(d))
            || a.starts_with(['-', '–', '—', '/'])
            || b.ends_with(['-', '–', '—', '/'])
        {
            continue;
        }
        let directly = b
            .trim_end_matches([':', '(', ')', '='])
            .trim_end()
            .is_empty();
        let introduced = INTRODUCED.is_match(b);
        // `ได้`, `รวม`, `:` introduce any number; after a threshold or a count nearby
        // (`ข้อที่มีข้อมูลครบถ้วนตามเกณฑ์ได้ 100 คะแนน`) the number is the rule's, not a score.
        let weak = !b.ends_with("คะแนน") && !b.ends_with("ได้คะแนน");
        // `คะแนน` after the number closes it (`88.75 คะแนน`), unless it introduces the next
        // one (`(OIT)0 คะแนนรวม 88.75`: the `0` is a speck by the bracket).
        let scored_after = a.starts_with("คะแนน") && !introduces_next;
        let clause: String = b
            .chars()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let decoy_near = [
            "เกณฑ์",
            "เป้าหมาย",
            "เต็ม",
            "ร้อยละ",
            "เพิ่มขึ้น",
            "ลดลง",
            "จำนวน",
            "ปี",
        ]
        .iter()
        .any(|d| clause.contains(d));
        let rule_near = [
            "ตามเกณฑ์",
            "เกณฑ์ผ่าน",
            "เกณฑ์การ",
            "เป้าหมาย",
            "เต็ม",
            "ร้อยละ",
            "จำนวน",
        ]
        .iter()
        .any(|d| clause.contains(d));
        let ends_line = a.is_empty();
        // A bare integer right after an anchor at a line's end is a page number in a table of
        // contents (`…(EIT) 4`), not a score: scores so placed have decimals (or are 100).
        let score_like = s.contains('.') || s == "100";
        if introduced && weak && rule_near {
            // The sentence states a rule (`ตามเกณฑ์ได้ 100 คะแนน … ได้ 0 คะแนน`): none of its
            // numbers is the score.
            return None;
        }
        if introduced
            || (directly
                && (scored_after || (ends_line && score_like) || anchor.kind != AnchorKind::Name))
            || (scored_after && !decoy_near)
        {
            return Some((v, m.start()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{bind, close_thai_gaps, collect, spaced_number, Anchor, AnchorKind, Measure};

    #[test]
    fn a_question_that_names_an_indicator_is_no_indicator_row() {
        // A question's wording ends in indicator 1's name; its score is the question's.
        assert!(super::is_sentence(
            "บุคลากรในหน่วยงานของท่านมีการรับเงิน ทรัพย์สินหรือประโยชน์อื่นใด ที่อาจส่งผลต่อ"
        ));
        for label in ["ตัวชี้วัดที่ 1 ", "1. ", "แผนปฏิบัติ", "ผลการประเมินตัวชี้วัดที่ 10 "]
        {
            assert!(!super::is_sentence(label), "{label}");
        }
        let lines = crate::parse::cover::tests::lines(&[
            "ข้อ\tประเด็นการประเมิน\tคะแนน",
            "6\tบุคลากรในหน่วยงานของท่านมีการรับเงิน ทรัพย์สินหรือประโยชน์อื่นใด ที่อาจส่งผลต่อการปฏิบัติหน้าที่ หรือไม่\t84.82",
            // Short, but under a header of questions: o41's score, not indicator 10's.
            "41\tรายงานผลการดำเนินการป้องกันการทุจริตประจำปี\t0",
            // The indicator's own name under such a header still labels it.
            "2\tการใช้งบประมาณ\t86.46",
            "ผลการประเมินแบบวัดการเปิดเผยข้อมูลสาธารณะ",
            "42\tรายงานผลการดำเนินการป้องกันการทุจริตประจำปี\t100",
            "ตัวชี้วัด\tคะแนน",
            "1\tการปฏิบัติหน้าที่\t91.68",
        ]);
        let found = collect(&lines, Some(2566), 0..0);
        let values: Vec<(Measure, f64)> =
            found.values.iter().map(|c| (c.measure, c.value)).collect();
        assert_eq!(
            values,
            [
                (Measure::Indicator(2), 86.46),
                (Measure::Indicator(1), 91.68)
            ]
        );
    }

    /// A topic table's row whose id OCR garbled (`ข้อเ!ฒ`) names indicator 2's subject inside
    /// topic 5's title: it is no candidate for indicator 2; the indicator's own row is.
    #[test]
    fn a_topic_title_is_no_indicator_label() {
        let lines = crate::parse::cover::tests::lines(&[
            "2\tการใช้งบประมาณ\t99.89",
            "5\tกระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง\t7\tข้อเ!ฒ\t100.00",
        ]);
        let found = collect(&lines, Some(2566), 0..0);
        let values: Vec<(Measure, f64)> =
            found.values.iter().map(|c| (c.measure, c.value)).collect();
        assert_eq!(values, [(Measure::Indicator(2), 99.89)]);
    }

    /// OCR sets Thai words in pieces; the words that introduce a score are still seen, and
    /// `คะแนนรวม` introduces the number after it, not the speck before it.
    #[test]
    fn a_score_introduced_by_words_ocr_cut_in_pieces() {
        assert_eq!(close_thai_gaps("รว ม 97.98 ค ะ แนน"), "รวม 97.98 คะแนน");
        assert_eq!(close_thai_gaps("ITA ปี 2566"), "ITA ปี 2566");
        let part = Anchor {
            measure: Measure::EitPart(1),
            start: 0,
            end: 0,
            kind: AnchorKind::EitPart,
        };
        let value = |w: &str| bind(w, part, Some(2566)).map(|(v, _)| v);
        assert_eq!(value(") ค ะแนน\nรว ม 97.98 คะ แนน"), Some(97.98));
        let oit = Anchor {
            measure: Measure::Oit,
            kind: AnchorKind::Name,
            ..part
        };
        let value = |w: &str| bind(w, oit, Some(2566)).map(|(v, _)| v);
        assert_eq!(value(")0 ค ะแนนรวม 88.75 คะแนน"), Some(88.75));
        assert_eq!(value(") 88.75 ค ะ แนน"), Some(88.75));
        assert_eq!(value(" 100 คะแนน รวม 95.54 คะแนน"), Some(100.0));
    }

    /// A table whose rows a layout ran into one row (each column one cell of ten lines) gives
    /// no indicator the column's last score.
    #[test]
    fn a_column_of_scores_in_one_cell_is_no_score() {
        let lines = crate::parse::cover::tests::lines(&[
            "ตัวชี้วัดที่ 1 2 3 4 5 6 7 8 9 10\tรายละเอียดตัวชี้วัด การปฏิบัติหน้าที่ การใช้งบประมาณ\tคะแนน 100.00 99.89 100.00 99.67 80.00",
            "2\tการใช้งบประมาณ\tร้อยละ 30 95.73",
        ]);
        let found = collect(&lines, Some(2566), 0..0);
        let values: Vec<(Measure, f64)> =
            found.values.iter().map(|c| (c.measure, c.value)).collect();
        assert_eq!(values, [(Measure::Indicator(2), 95.73)]);
    }

    #[test]
    fn a_number_with_spaces_inside_is_one_cell_not_several_numbers() {
        for cell in ["1 0 0", "10 0", "1 00", "9 9", " 8 8 "] {
            assert!(spaced_number(cell), "{cell}");
        }
        for cell in [
            "100.00",
            "100.00 99.89",
            "6 88.40",
            "3 100",
            "2562 2563",
            "100",
            "",
            "ก 1",
        ] {
            assert!(!spaced_number(cell), "{cell}");
        }
    }
}
