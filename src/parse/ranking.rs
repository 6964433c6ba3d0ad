//! ITAS ranking tables (`# หน่วยงาน อำเภอ จังหวัด คะแนนเฉลี่ย`) as users copy them from the
//! web: cells separated by tabs (or runs of spaces, which normalization turns into tabs), by
//! commas (CSV with quoted fields), or by single spaces. With single spaces the columns are
//! recovered from the right: the numeric and result columns the header names, then the
//! province and the district found in the gazetteer; the rest is the agency (after the rank).
//!
//! Extra NACC columns (`IIT`, `EIT`, `OIT`, `ITA`, `ระดับ`, `ผลการประเมิน`) are read when the
//! header names them. A row cut short (the last row of a copy, or one whose cells are missing)
//! is skipped with `ranking-row-incomplete` quoting it, never half-read.

use std::sync::LazyLock;

use regex::Regex;

use super::{cover, score, vocab, Diagnostics};
use crate::gazetteer;
use crate::model::RankingRow;
use crate::normalize::Line;

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Rank,
    Agency,
    District,
    Province,
    /// The ITA / average score.
    Score,
    Iit,
    Eit,
    Oit,
    /// A result label (`ระดับ`, `ผลการประเมิน`).
    Result,
    /// Anything else: kept out of the row, but it is a column.
    Other,
}

impl Col {
    fn numeric(self) -> bool {
        matches!(self, Col::Score | Col::Iit | Col::Eit | Col::Oit)
    }
}

/// How a line's cells are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Tab,
    Comma,
    Space,
}

/// A table header: its columns and separator.
#[derive(Debug, Clone)]
struct Header {
    cols: Vec<Col>,
}

static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,5}\.?(?:[\s\t,]|$)").expect("valid regex"));
static RANK_CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,5})\.?$").expect("valid regex"));
static RESULT_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:ระดับ\s*)?(?:{})$", vocab::RESULT)).expect("valid regex")
});

fn column(cell: &str) -> Col {
    let c = cell.trim();
    if c.contains("IIT") {
        Col::Iit
    } else if c.contains("EIT") {
        Col::Eit
    } else if c.contains("OIT") {
        Col::Oit
    } else if c.contains("หน่วยงาน") {
        Col::Agency
    } else if c.contains("อำเภอ") || c.contains("เขต") {
        Col::District
    } else if c.contains("จังหวัด") {
        Col::Province
    } else if c.contains("ระดับ") && !c.contains("คะแนน") {
        Col::Result
    } else if c.contains("คะแนน") || c.contains("ITA") {
        Col::Score
    } else if c.contains("ผลการประเมิน") || c == "ผล" {
        Col::Result
    } else if matches!(
        c,
        "#" | "ที่"
            | "ลำดับ"
            | "ลำดับที่"
            | "อันดับ"
            | "No."
            | "no."
    ) {
        Col::Rank
    } else {
        Col::Other
    }
}

/// The cells of a line in each separator: tabs when it has them, else CSV when it has commas,
/// else single spaces.
fn split(text: &str) -> (Sep, Vec<String>) {
    if text.contains('\t') {
        return (
            Sep::Tab,
            text.split('\t')
                .filter(|c| !c.is_empty())
                .map(|c| c.trim().to_owned())
                .collect(),
        );
    }
    if text.contains(',') {
        let cells = csv_cells(text);
        if cells.len() >= 3 {
            return (Sep::Comma, cells);
        }
    }
    (
        Sep::Space,
        text.split(' ')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
    )
}

/// One CSV record's fields (quoted fields with doubled quotes).
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

/// A header line: it names the agency, a place and a score or result, and no cell is a number.
fn header(text: &str) -> Option<Header> {
    let (sep, cells) = split(text);
    if cells.len() < 3 || cells.iter().any(|c| score(c).is_some()) {
        return None;
    }
    let mut cols: Vec<Col> = cells.iter().map(|c| column(c)).collect();
    if sep == Sep::Space {
        // Words of one header cell (`คะแนน ITA`, `ชื่อ หน่วยงาน`) are one column.
        cols.dedup_by(|a, b| a == b && matches!(a, Col::Score | Col::Result | Col::Agency));
    }
    let has = |c: Col| cols.contains(&c);
    (has(Col::Agency)
        && (has(Col::District) || has(Col::Province))
        && cols.iter().any(|c| c.numeric() || *c == Col::Result))
    .then_some(Header { cols })
}

static PAGE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:ปีงบประมาณ|ประจำปี|ปี|พ\.\s?ศ\.?|ITA)\s*(?:งบประมาณ)?\s*(?:พ\.\s?ศ\.?)?\s*(25[5-9]\d)(?:\D|$)")
        .expect("valid regex")
});

/// The fiscal year the page states (`ปี 2561`, `ประจำปีงบประมาณ พ.ศ. 2561`): the first one
/// written before the first table, else anywhere.
#[must_use]
pub fn page_year(lines: &[Line]) -> Option<u16> {
    let h = find_table(lines).map_or(lines.len(), |t| t.0);
    let year = |ls: &[Line]| {
        ls.iter().find_map(|l| {
            PAGE_YEAR
                .captures(&l.text)
                .and_then(|c| c[1].parse::<u16>().ok())
        })
    };
    year(&lines[..h]).or_else(|| year(lines))
}

/// How a line reads under a header.
enum Parsed {
    Row(Box<RankingRow>, Option<usize>),
    /// It starts like a row (a rank, an agency) but its cells end too soon.
    Incomplete,
    NotRow,
}

/// The columns of a table copied without its header: `# หน่วยงาน อำเภอ จังหวัด คะแนน`.
const PLAIN: [Col; 5] = [
    Col::Rank,
    Col::Agency,
    Col::District,
    Col::Province,
    Col::Score,
];

/// How many rows in a row a table copied without its header must show.
const HEADERLESS_ROWS: usize = 3;

/// Where the first ranking table starts: the index of its header (followed by a row within
/// three lines), or, for a table copied without its header, of the line before its first row
/// (at least [`HEADERLESS_ROWS`] rows in a row in the plain columns); with its header.
fn find_table(lines: &[Line]) -> Option<(usize, Header)> {
    let headed = (0..lines.len()).find_map(|i| {
        header(&lines[i].text)
            .filter(|h| {
                lines[i + 1..]
                    .iter()
                    .filter(|l| !l.text.is_empty())
                    .take(3)
                    .any(|l| matches!(row(l, h, 0), Parsed::Row(..)))
            })
            .map(|h| (i, h))
    });
    if headed.is_some() {
        return headed;
    }
    let plain = Header {
        cols: PLAIN.to_vec(),
    };
    let mut run = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.text.is_empty() {
            continue;
        }
        if matches!(row(l, &plain, 0), Parsed::Row(..)) && ROW_START.is_match(&l.text) {
            run += 1;
            if run == HEADERLESS_ROWS {
                let first = lines[..=i]
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, l)| !l.text.is_empty())
                    .nth(HEADERLESS_ROWS - 1)
                    .map_or(0, |(k, _)| k);
                return Some((first.saturating_sub(1), plain));
            }
        } else {
            run = 0;
        }
    }
    None
}

/// Whether `lines` hold a ranking table (with its header, or at least three plain rows).
#[must_use]
pub fn has_table(lines: &[Line]) -> bool {
    find_table(lines).is_some()
}

/// The rows of every ranking table in `lines`.
pub fn parse(lines: &[Line], diags: &mut Diagnostics) -> Vec<RankingRow> {
    let mut rows = Vec::new();
    let mut i = 0;
    while let Some((h, head)) = find_table(&lines[i..]).map(|(h, head)| (h + i, head)) {
        // A headerless table's first row may be the line `h` itself (at the top of the text).
        let from = if header(&lines[h].text).is_some() || h + 1 > lines.len() {
            h + 1
        } else if matches!(row(&lines[h], &head, 0), Parsed::Row(..)) {
            h
        } else {
            h + 1
        };
        let mut table: Vec<(RankingRow, Option<usize>, &Line)> = Vec::new();
        let mut pending: Vec<(&Line, bool)> = Vec::new();
        let mut end = lines.len();
        for (j, l) in lines.iter().enumerate().skip(from) {
            if l.text.is_empty() {
                continue;
            }
            if j > h && header(&l.text).is_some() {
                end = j;
                break;
            }
            match row(l, &head, table.len()) {
                Parsed::Row(r, decimals) => {
                    // Lines before the first row (a pager, a search box) are not the table's.
                    if table.is_empty() {
                        pending.retain(|(_, incomplete)| *incomplete);
                    }
                    flush(&mut pending, diags);
                    table.push((*r, decimals, l));
                }
                Parsed::Incomplete => pending.push((l, true)),
                Parsed::NotRow => pending.push((l, false)),
            }
        }
        // After the last row: the line right after it may be a row cut short (its rank the
        // next one); other text is not the table's.
        if let Some((l, true)) = pending.first() {
            let next = table.last().map_or(1, |r| r.0.rank + 1);
            let rank = l
                .text
                .split(['\t', ' ', ','])
                .next()
                .and_then(|w| RANK_CELL.captures(w))
                .and_then(|c| c[1].parse::<u32>().ok());
            if rank.is_none_or(|n| n == next) {
                incomplete_row(l, diags);
            }
        }
        // The last row printed with fewer decimals than every other row: cut mid-number.
        if table.len() >= 3 {
            let (last, others) = table.split_last().expect("rows");
            let least = others.iter().filter_map(|r| r.1).min();
            if let (Some(d), Some(least)) = (last.1, least) {
                // 100 cut after its point is still 100.
                let full = last.0.score.is_some_and(|v| v >= 100.0);
                if d < least && !full {
                    incomplete_row(last.2, diags);
                    table.pop();
                }
            }
        }
        rows.extend(table.into_iter().map(|(r, _, _)| r));
        i = end;
        if i >= lines.len() {
            break;
        }
    }
    rows
}

/// Lines between two rows: reported.
fn flush(pending: &mut Vec<(&Line, bool)>, diags: &mut Diagnostics) {
    for (l, incomplete) in pending.drain(..) {
        if incomplete {
            incomplete_row(l, diags);
        } else {
            diags.warn(
                "ranking-line-unrecognized",
                Some(l.at),
                format!(
                    "not a ranking row (rank, agency, district, province, score): \"{}\"",
                    l.raw.trim()
                ),
            );
        }
    }
}

fn incomplete_row(l: &Line, diags: &mut Diagnostics) {
    diags.warn(
        "ranking-row-incomplete",
        Some(l.at),
        format!(
            "a ranking row cut short (cells missing, as at the end of a copied page); not read: \"{}\"",
            l.raw.trim()
        ),
    );
}

/// Reads one line under `h`; `index` is the number of rows before it (the rank of a table
/// without a rank column).
fn row(l: &Line, h: &Header, index: usize) -> Parsed {
    let text = l.text.trim();
    let (sep, cells) = split(text);
    let starts_like_row = ROW_START.is_match(text) || cover::agency_type(text).is_some();
    let mapped = match sep {
        Sep::Tab | Sep::Comma if cells.len() == h.cols.len() => {
            Some(h.cols.iter().copied().zip(cells).collect::<Vec<_>>())
        }
        // CSV whose commas are words, or a tab row of another shape: try the words.
        Sep::Comma => from_right(&text.split(' ').map(str::to_owned).collect::<Vec<_>>(), h),
        Sep::Space => from_right(&cells, h),
        Sep::Tab => None,
    };
    let Some(mapped) = mapped else {
        return if starts_like_row {
            Parsed::Incomplete
        } else {
            Parsed::NotRow
        };
    };
    let mut r = RankingRow {
        rank: u32::try_from(index + 1).unwrap_or(u32::MAX),
        agency: String::new(),
        kind: None,
        district: None,
        province: None,
        score: None,
        at: l.at,
        iit: None,
        eit: None,
        oit: None,
        result: None,
    };
    let mut decimals = None;
    for (col, cell) in mapped {
        let value = || score(&cell);
        match col {
            Col::Rank => match RANK_CELL.captures(&cell) {
                Some(c) => r.rank = c[1].parse().unwrap_or(0),
                None => return Parsed::NotRow,
            },
            Col::Agency => r.agency = cell.trim().to_owned(),
            Col::District => r.district = Some(cell.trim().to_owned()).filter(|s| !s.is_empty()),
            Col::Province => r.province = Some(cell.trim().to_owned()).filter(|s| !s.is_empty()),
            Col::Score | Col::Iit | Col::Eit | Col::Oit if matches!(cell.trim(), "-" | "–") => {}
            Col::Score | Col::Iit | Col::Eit | Col::Oit => {
                let Some(v) = value() else {
                    return if starts_like_row && cell.trim().is_empty() {
                        Parsed::Incomplete
                    } else {
                        Parsed::NotRow
                    };
                };
                let d = cell.split_once('.').map_or(0, |(_, d)| d.len());
                decimals = Some(decimals.map_or(d, |x: usize| x.min(d)));
                match col {
                    Col::Score => r.score = Some(v),
                    Col::Iit => r.iit = Some(v),
                    Col::Eit => r.eit = Some(v),
                    _ => r.oit = Some(v),
                }
            }
            Col::Result => {
                let c = cell.trim();
                if let (Some(v), false) = (value(), h.cols.contains(&Col::Score)) {
                    // A `ผลการประเมิน` column of numbers in a table without a score column.
                    r.score = Some(v);
                    let d = c.split_once('.').map_or(0, |(_, d)| d.len());
                    decimals = Some(decimals.map_or(d, |x: usize| x.min(d)));
                } else if !c.is_empty() && c != "-" {
                    r.result = Some(c.trim_start_matches("ระดับ").trim().to_owned());
                }
            }
            Col::Other => {}
        }
    }
    if r.agency.is_empty() || !r.agency.chars().any(crate::thai::is_consonant) {
        return Parsed::NotRow;
    }
    r.kind = cover::agency_type(&r.agency);
    Parsed::Row(Box::new(r), decimals)
}

/// Words of a single-space row mapped to the header's columns from the right: the columns
/// after the places (numbers, result labels), the province and district as the gazetteer
/// knows them, then the agency (after the rank). `None` when the words do not fit.
fn from_right(words: &[String], h: &Header) -> Option<Vec<(Col, String)>> {
    let first_place = h
        .cols
        .iter()
        .position(|c| matches!(c, Col::District | Col::Province))?;
    let last_place = h
        .cols
        .iter()
        .rposition(|c| matches!(c, Col::District | Col::Province))?;
    let before = &h.cols[..first_place];
    if before.iter().any(|c| !matches!(c, Col::Rank | Col::Agency)) {
        return None;
    }
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut out: Vec<(Col, String)> = Vec::new();
    for &col in h.cols[last_place + 1..].iter().rev() {
        let w = words.pop()?;
        let fits = if col.numeric() {
            score(w).is_some() || matches!(w, "-" | "–")
        } else if col == Col::Result {
            RESULT_CELL.is_match(w) || w == "-" || score(w).is_some()
        } else {
            true
        };
        if !fits {
            return None;
        }
        out.push((col, w.to_owned()));
    }
    // The places, right to left; a district is checked against the province when it is known.
    let mut province = None;
    for &col in h.cols[first_place..=last_place].iter().rev() {
        let w = words.pop()?;
        match col {
            Col::Province => {
                province = Some(gazetteer::province(w)?);
            }
            Col::District => {
                let known = match province {
                    Some(p) => gazetteer::district(p, w).is_some(),
                    None => !gazetteer::districts_named(w).is_empty(),
                };
                if !known {
                    return None;
                }
            }
            _ => return None,
        }
        out.push((col, w.to_owned()));
    }
    // The rank (when the header has one), then the agency.
    let mut rank = None;
    if before.first() == Some(&Col::Rank) {
        let w = *words.first()?;
        RANK_CELL.is_match(w).then_some(())?;
        rank = Some(w.to_owned());
        words.remove(0);
    } else if words.first().is_some_and(|w| RANK_CELL.is_match(w)) {
        words.remove(0);
    }
    if words.is_empty() {
        return None;
    }
    out.push((Col::Agency, words.join(" ")));
    if let Some(w) = rank {
        out.push((Col::Rank, w));
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_columns() {
        let h = header("ลำดับ หน่วยงาน อำเภอ จังหวัด IIT EIT OIT ITA ระดับ").unwrap();
        assert_eq!(
            h.cols,
            [
                Col::Rank,
                Col::Agency,
                Col::District,
                Col::Province,
                Col::Iit,
                Col::Eit,
                Col::Oit,
                Col::Score,
                Col::Result
            ]
        );
        assert!(header("ผลการประเมินรายหน่วยงานภายในจังหวัด").is_none());
        // A `ผลการประเมิน` column of scores.
        let h = header("ลำดับ หน่วยงาน อำเภอ จังหวัด ผลการประเมิน").unwrap();
        let words: Vec<String> = "3 องค์การบริหารส่วนตำบลแม่แฝก สันทราย เชียงใหม่ 88.14"
            .split(' ')
            .map(str::to_owned)
            .collect();
        let cols: Vec<Col> = from_right(&words, &h)
            .unwrap()
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(
            cols,
            [
                Col::Rank,
                Col::Agency,
                Col::District,
                Col::Province,
                Col::Result
            ]
        );
        assert_eq!(
            csv_cells(r#"1,"เทศบาล, ""ก""",88.1"#),
            ["1", "เทศบาล, \"ก\"", "88.1"]
        );
    }
}
