//! Part 2: the action plan table (การนำผลการวิเคราะห์ไปสู่การปฏิบัติ).
//!
//! The table has five columns: topic / method / responsible / steps / period, named by a header
//! row that Word repeats on every page. Cells are read by position from the raw line's tabs
//! (normalize keeps them, empty ones too, in [`Line::cells`], with the list items their markup
//! makes), so that a blank leading cell still says which column the next one is; the header's
//! words map the columns, so extra or reordered columns are read too. A line whose raw text
//! has no tabs is read by the content of its cells instead.
//!
//! Joining: a row with a topic, method or unit cell starts an entry (a blank topic cell is a
//! merged cell: the topic of the rows above). A row with only steps or a period — the part of a
//! row that Word moved to the next page — is joined into the entry above. A blank period cell
//! takes the period of the entry above in the same topic, marked `inherited`; nothing is dated
//! that the table does not date.

use std::sync::LazyLock;

use regex::Regex;

use super::Diagnostics;
use crate::dates::{self, Basis};
use crate::framework;
use crate::model::{ActionPlanEntry, At, Period};
use crate::normalize::{self, Line};

/// A column of the action-plan table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// A separate number column (ลำดับ / ที่).
    No,
    /// The topic (หัวข้อ / ประเด็น).
    Topic,
    /// How the analysis is put into practice (วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ).
    Method,
    /// Who is responsible (ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง).
    Responsible,
    /// Steps (ขั้นตอน/วิธีปฏิบัติ).
    Steps,
    /// Period (ระยะเวลาดำเนินงาน).
    Period,
    /// A column this reader does not use (งบประมาณ, ตัวชี้วัด, ...).
    Other,
}

/// The template's column order, used until a header row says otherwise.
const DEFAULT_COLUMNS: [Col; 5] = [
    Col::Topic,
    Col::Method,
    Col::Responsible,
    Col::Steps,
    Col::Period,
];

/// Is this the table's header row (repeated on every page)? Short cells only, at least three
/// of them naming the plan's columns (a method cell can mention ผู้รับผิดชอบ and ระยะเวลา too).
pub(super) fn is_header(l: &Line) -> bool {
    let cells: Vec<&str> = l.cells().collect();
    cells.iter().all(|c| c.chars().count() <= 60)
        && (l.text.contains("วิธีการ") || l.text.contains("ผู้รับผิดชอบ"))
        && cells
            .iter()
            .filter(|c| !matches!(header_col(c), Col::Other | Col::No))
            .count()
            >= 3
}

/// The words of a header cell that name each of the plan's columns, in the order a cell is
/// matched ([`header_col`]): words that name it, and words that name it only in a cell of its
/// own (`หน่วยงาน` is part of other columns' names too, so it makes no cell name two columns,
/// [`names_two_columns`]).
const HEADER_NAMES: [(Col, &[&str], &[&str]); 5] = [
    (Col::Steps, &["ขั้นตอน"], &[]),
    (Col::Method, &["วิธีการ", "แนวทาง", "มาตรการ"], &[]),
    (Col::Responsible, &["ผู้รับผิดชอบ", "ผู้ที่เกี่ยวข้อง"], &["หน่วยงาน"]),
    (Col::Period, &["ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา"], &[]),
    (Col::Topic, &["หัวข้อ", "ประเด็น"], &[]),
];

/// The column a (normalized) header cell names.
fn header_col(c: &str) -> Col {
    let names = |words: &[&str]| words.iter().any(|w| c.contains(w));
    if let Some(&(col, ..)) = HEADER_NAMES
        .iter()
        .find(|(_, words, alone)| names(words) || names(alone))
    {
        col
    } else if c.starts_with("ลำดับ") || c == "ที่" {
        Col::No
    } else {
        Col::Other
    }
}

/// Does a header cell name two of the plan's columns (two header cells run together)?
fn names_two_columns(c: &str) -> bool {
    HEADER_NAMES
        .iter()
        .filter(|(_, words, _)| words.iter().any(|w| c.contains(w)))
        .count()
        >= 2
}

static TOPIC_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ประเด็น(?:ที่)?\s*)?\(?(\d{1,2})\s*[.)]?\s*(.*)$").expect("valid regex")
});
static PLAN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ปีงบประมาณ\s*(?:พ\.?\s*ศ\.?)?\s*(\d{4})").expect("valid regex"));
/// A page number line between table rows (`- 23 -`, `23`).
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^-?\s*\d{1,3}\s*-?$").expect("valid regex"));
/// The template's caption of a steps cell, without markup (a PDF): not an item.
static PLAIN_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*รายละเอียดขั้นตอน(?:การดำเนินการ|การปฏิบัติ)?\s*:?").expect("valid regex")
});
static LIST_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<\s?[ou]l[\s>]").expect("valid regex"));
/// A list number: `1.`, `1)`, `(1)` after a space or at the start.
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:\((\d{1,2})\)|(\d{1,2})[.)])").expect("valid regex"));
/// Bullets that separate items inside a cell.
const BULLETS: [char; 11] = [
    '▪', '•', '●', '◦', '■', '□', '➢', '➤', '✓', '\u{F0A7}', '\u{F0B7}',
];

/// A cell split into items, with the numbers the items carried.
#[derive(Debug, Default, PartialEq)]
struct Items {
    list: Vec<String>,
    first_no: Option<u32>,
    last_no: Option<u32>,
    /// The cell had list markup (`<ol>`/`<ul>`) but no item markers: items may be run together.
    unsplit: bool,
}

/// Splits a cell into items: `<li>` elements (normalize cut the cell there), bullets (`▪`),
/// then numbered items (`1.` / `๑.` / `(1)` / `1)`), whichever the cell uses. A number starts an
/// item only where the numbering runs on (n, n+1; a repeated number is taken as a typo), so
/// numbers inside the text (`ภายใน 7 วัน`, `ปี 2567.`) do not split it.
fn items(cell: &Slot, prev: Option<u32>) -> Items {
    let mut pieces: Vec<std::borrow::Cow<'_, str>> = cell
        .pieces
        .iter()
        .map(|p| std::borrow::Cow::Borrowed(p.as_str()))
        .collect();
    // The template's caption of a steps cell, when something follows it.
    if let Some(first) = pieces.first_mut() {
        if let Some(m) = PLAIN_CAPTION.find(first) {
            let rest = first[m.end()..].trim();
            if !rest.is_empty() || cell.pieces.len() > 1 {
                *first = std::borrow::Cow::Owned(normalize::strip_bullets(rest).into_owned());
            }
        }
    }
    let has_li = cell.pieces.len() > 1;
    let mut out = Items {
        last_no: prev,
        ..Items::default()
    };
    for piece in &pieces {
        let text = piece.replace('\t', " ");
        for bullet in text.split(BULLETS) {
            let bullet = bullet.trim();
            if bullet.is_empty() {
                continue;
            }
            let mut prev: Option<u32> = out.last_no;
            for (no, item) in numbered(bullet, &mut prev) {
                if let Some(n) = no {
                    if out.first_no.is_none() {
                        out.first_no = Some(n);
                    }
                    out.last_no = Some(n);
                }
                out.list.push(item);
            }
        }
    }
    if out.first_no.is_none() {
        out.last_no = None;
    }
    out.unsplit = !has_li
        && LIST_TAG.is_match(&cell.raw)
        && out.list.len() == 1
        && out.first_no.is_none()
        && !cell.raw.contains(BULLETS);
    out
}

/// Splits `text` at list numbers that run on from `prev`; text before the first number is an
/// unnumbered item.
fn numbered(text: &str, prev: &mut Option<u32>) -> Vec<(Option<u32>, String)> {
    let mut cuts: Vec<(usize, usize, u32)> = Vec::new();
    // All list numbers, to tell a list that starts mid-cell (`... ๒. ก ๓. ข`: the rest of a
    // list whose first item is the cell's text before it) from a number in the text.
    let all: Vec<u32> = NUMBER
        .captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()))
        .collect();
    for c in NUMBER.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let n: u32 = match c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
            Some(n) => n,
            None => continue,
        };
        let next = text[whole.end()..].chars().next();
        if next.is_some_and(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let at_start = text[..whole.start()].trim().is_empty();
        let runs_on = match cuts.last().map(|c| c.2).or(*prev) {
            Some(p) => n == p + 1 || (n == p && !cuts.is_empty()),
            None => n == 1 || at_start || all.contains(&(n + 1)),
        };
        if runs_on || (cuts.is_empty() && at_start && n <= 20) {
            cuts.push((whole.start(), whole.end(), n));
        }
    }
    let mut out = Vec::new();
    let head = cuts.first().map_or(text, |c| &text[..c.0]).trim();
    if !head.is_empty() {
        out.push((None, head.to_owned()));
    }
    for (k, &(_, end, n)) in cuts.iter().enumerate() {
        let stop = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        let item = text[end..stop].trim();
        if !item.is_empty() {
            out.push((Some(n), item.to_owned()));
        }
        *prev = Some(n);
    }
    out
}

/// Level of a unit name: 1 for a section (งาน, ฝ่าย, หน่วย), 2 for a division (กอง, สำนัก, ส่วน).
fn unit_level(s: &str) -> Option<u8> {
    let s = s.trim();
    if ["งาน", "ฝ่าย", "หน่วย"].iter().any(|p| s.starts_with(p)) && !s.starts_with("หน่วยงาน")
    {
        Some(1)
    } else if ["กอง", "สำนัก", "ส่วน"].iter().any(|p| s.starts_with(p)) {
        Some(2)
    } else {
        None
    }
}

static AND_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:และ|,)\s*((?:กอง|สำนัก|งาน|ฝ่าย|ส่วน|ทุก))").expect("valid regex")
});

/// Splits a responsible cell into units. Separators: list items, bullets, numbers, commas,
/// ` และ ` before a unit name, and `/` — except that `/` between a section and the division it
/// belongs to (`งานพัสดุ/กองคลัง`) names one unit and stays.
fn units(cell: &Slot) -> Vec<String> {
    let mut out = Vec::new();
    for item in items(cell, None).list {
        let item = AND_UNIT.replace_all(&item, ",$1");
        for part in item.split([',', '、', ';']) {
            let parts: Vec<&str> = part.split('/').map(str::trim).collect();
            let mut k = 0;
            while k < parts.len() {
                let mut unit = parts[k].to_owned();
                while let Some(next) = parts.get(k + 1) {
                    let (a, b) = (unit_level(parts[k]), unit_level(next));
                    if a.is_some() && b.is_some() && a != b {
                        unit.push('/');
                        unit.push_str(next);
                        k += 1;
                    } else {
                        break;
                    }
                }
                if !unit.is_empty() {
                    out.push(unit);
                }
                k += 1;
            }
        }
    }
    out
}

/// The framework topic (1–7) a title names, comparing without spaces.
fn topic_by_title(title: &str) -> Option<u8> {
    let t = super::squash(title);
    if t.chars().count() < 6 {
        return None;
    }
    framework::TOPICS
        .iter()
        .position(|canon| {
            let c = super::squash(canon);
            c == t || c.contains(&t) || t.contains(&c)
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A column's content in one row: the cell that fell into it (or the cells, when a row has
/// more cells than the header has columns).
#[derive(Debug, Clone, Default)]
struct Slot {
    /// As written (cells joined by a space): only for what markup tells (`<ol>`, bullets).
    raw: String,
    /// Normalized (cells joined by a space).
    text: String,
    /// Normalized pieces cut at `<li>` ([`normalize::Cell::pieces`]); `[text]` without.
    pieces: Vec<String>,
}

impl Slot {
    fn new(raw: &str, text: &str, pieces: Option<&[String]>) -> Slot {
        Slot {
            raw: raw.to_owned(),
            text: text.to_owned(),
            pieces: pieces.map_or_else(|| vec![text.to_owned()], <[String]>::to_vec),
        }
    }

    /// Adds a further cell: its first piece continues this one's last.
    fn push(&mut self, other: Slot) {
        self.push_with(other, false);
    }

    /// Adds the rest of this cell after a page break: as [`Slot::push`], but two Thai letters
    /// at the cut are one word wrapped (Thai has no spaces between words).
    fn push_wrapped(&mut self, other: Slot) {
        self.push_with(other, true);
    }

    fn push_with(&mut self, other: Slot, wrapped: bool) {
        let join = |a: &mut String, b: &str| {
            let thai = |c: Option<char>| c.is_some_and(crate::thai::is_thai_letter);
            let glue = wrapped && thai(a.chars().next_back()) && thai(b.chars().next());
            if !a.is_empty() && !b.is_empty() && !glue {
                a.push(' ');
            }
            a.push_str(b);
        };
        self.raw.push(' ');
        self.raw.push_str(&other.raw);
        join(&mut self.text, &other.text);
        let mut rest = other.pieces.into_iter();
        if let (Some(last), Some(first)) = (self.pieces.last_mut(), rest.next()) {
            join(last, &first);
        }
        self.pieces.extend(rest);
    }
}

/// One table line split into its columns (blank cells are `None`).
#[derive(Debug, Default)]
struct Row {
    no: Option<Slot>,
    topic: Option<Slot>,
    method: Option<Slot>,
    responsible: Option<Slot>,
    steps: Option<Slot>,
    period: Option<Slot>,
}

impl Row {
    /// Puts a cell in column `col`: `raw` as written, `cell` normalized (`None`: `raw` is
    /// normalized text already, a cell of a tab-less line).
    fn set(&mut self, col: Col, raw: &str, cell: Option<&normalize::Cell>) {
        let blank = match cell {
            // Only markup needs the whole normalization to tell.
            Some(c) if raw.contains(['<', '&', '*', '_']) => c.text.is_empty(),
            _ => raw.chars().all(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
                    )
            }),
        };
        if blank {
            return;
        }
        let slot = match col {
            Col::No => &mut self.no,
            Col::Topic => &mut self.topic,
            Col::Method => &mut self.method,
            Col::Responsible => &mut self.responsible,
            Col::Steps => &mut self.steps,
            Col::Period => &mut self.period,
            Col::Other => return,
        };
        let new = match cell {
            Some(c) => Slot::new(raw, &c.text, c.pieces.as_deref()),
            None => Slot::new(raw, raw, None),
        };
        match slot {
            Some(s) => s.push(new),
            None => *slot = Some(new),
        }
    }

    /// Does this row start an entry (rather than continue the one above)?
    fn starts_entry(&self) -> bool {
        self.topic.is_some()
            || self.no.is_some()
            || self.method.is_some()
            || self.responsible.is_some()
    }

    fn is_empty(&self) -> bool {
        !self.starts_entry() && self.steps.is_none() && self.period.is_none()
    }
}

/// A line's cells by position: as normalize kept them (computed here only for a line made
/// without them).
fn tab_cells(l: &Line) -> std::borrow::Cow<'_, [normalize::Cell]> {
    if l.cells.is_empty() {
        std::borrow::Cow::Owned(normalize::cells(&l.raw))
    } else {
        std::borrow::Cow::Borrowed(&l.cells)
    }
}

/// Reads a line's cells by position (raw tabs) or, without tabs, by what they look like.
fn row(l: &Line, columns: &[Col]) -> Row {
    let mut r = Row::default();
    if l.raw.contains('\t') {
        let cells = tab_cells(l);
        for (k, (raw, cell)) in l.raw.split('\t').zip(cells.iter()).enumerate() {
            // Cells beyond the header's columns belong to the last one.
            let col = columns
                .get(k)
                .or(columns.last())
                .copied()
                .unwrap_or(Col::Other);
            r.set(col, raw, Some(cell));
        }
        return r;
    }
    let cells: Vec<&str> = l.cells().collect();
    let mut next = 0usize;
    for cell in cells {
        let col = classify(cell, &columns[next.min(columns.len())..]);
        if let Some(i) = columns.iter().position(|c| *c == col) {
            next = next.max(i + 1);
        }
        r.set(col, cell, None);
    }
    r
}

/// The column a (normalized) cell of a tab-less line belongs to, among the columns still open.
fn classify(text: &str, open: &[Col]) -> Col {
    let looks = |col: Col| match col {
        Col::Topic => {
            TOPIC_CELL
                .captures(text)
                .is_some_and(|c| topic_by_title(&c[2]).is_some())
                || topic_by_title(text).is_some()
        }
        Col::Responsible => unit_level(text).is_some() || text.starts_with("ทุกหน่วยงาน"),
        Col::Period => dates::parse_period(text, None).is_ok() || text.contains("ปีงบประมาณ"),
        Col::Steps => NUMBER.find(text).is_some_and(|m| m.start() == 0),
        Col::Method => true,
        Col::No | Col::Other => false,
    };
    open.iter()
        .copied()
        .find(|c| looks(*c))
        .unwrap_or(Col::Other)
}

/// An entry being built, with what is needed to finish it.
struct Draft {
    entry: ActionPlanEntry,
    /// The period cell as read (normalized), joined from continuation rows.
    period_cell: Option<String>,
    first_step_no: Option<u32>,
    last_step_no: Option<u32>,
    /// The number of the last numbered item of its method cell.
    last_method_no: Option<u32>,
    /// The steps cell as read, joined from continuation rows: its items are split over the
    /// whole cell, as the text dump has it.
    steps_cell: Option<Slot>,
    /// A fragment of a cell (see [`is_fragment`]) follows it, or it takes its topic across
    /// one: its cells are cut, so it is left out rather than given wrong.
    cut: bool,
    /// Its topic is a first cell with no number that names no topic (its own, or the merged
    /// cell it takes): in a table of numbered topics its cells are shifted.
    unnamed: bool,
}

/// A row number opening a line (`3.`, `๓)`, `(3)`): a row's first cell.
static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?\d{1,2}[.)]?(?:\s|$)").expect("valid regex"));

/// A note or signature under the table (`หมายเหตุ`, `ลงชื่อ`): the table has ended.
static AFTER_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*|\(?ลงชื่อ|ลงนาม|หมายเหตุ|ผู้จัดทำ|ผู้รายงาน|ผู้รับรอง|ผู้ตรวจสอบ|ผู้อนุมัติ)")
        .expect("valid regex")
});

/// A line inside the table that holds one cell and was placed in no row: its raw text has no
/// cell breaks (a layout gives every table row its cells, blank ones too). It is a piece of a
/// row the layout could not rebuild (the rest of a cell cut off by a page break or by lines
/// the layout read as free text), so it says which column it is in no more than what row.
fn is_fragment(l: &Line) -> bool {
    !l.raw.contains('\t') && l.cells().count() == 1
}

/// Parses the action plan from the lines of part 2. `report_year` is the assessed fiscal year
/// (BE); the plan is for the year its heading names, else the year after.
pub fn parse(
    part2: &[Line],
    report_year: Option<u16>,
    diags: &mut Diagnostics,
) -> Vec<ActionPlanEntry> {
    let Some(heading) = part2.first() else {
        diags.warn(
            "plan-missing",
            None,
            "the report has no part 2 (ส่วนที่ 2, the action plan)".to_owned(),
        );
        return Vec::new();
    };
    // A heading wrapped in a PDF goes on in the line below it (`… ในปีงบประมาณ พ.ศ.` / `2567`).
    let heading_rest = part2[1..]
        .iter()
        .find(|l| !l.text.is_empty())
        .filter(|l| !l.raw.contains('\t') && !is_header(l) && !PLAN_YEAR.is_match(&heading.text));
    let plan_year = plan_year(heading, heading_rest, report_year, diags);

    let mut columns: Vec<Col> = DEFAULT_COLUMNS.to_vec();
    let mut in_table = false;
    let mut drafts: Vec<Draft> = Vec::new();
    let mut topic: (Option<u8>, Option<String>) = (None, None);
    let mut unsplit: Vec<At> = Vec::new();
    // A fragment stood since the last row that named its topic.
    let mut after_fragment = false;
    // The rests of cells (fragments without a row number) since then, joined, and the entry
    // they cut with whether it was cut before: a topic cell's rest below them may account for
    // them all.
    let mut rests = String::new();
    let mut rests_cut: Option<(usize, bool)> = None;
    // The topic in force came from a first cell with no number that names no topic; rows that
    // named a topic by number.
    let mut unnamed = false;
    let mut numbered_rows = 0usize;
    let body = &part2[1..];
    let mut skip_next = false;
    for (i, l) in body.iter().enumerate() {
        if l.text.is_empty() || PAGE_NUMBER.is_match(&l.text) {
            continue;
        }
        if std::mem::take(&mut skip_next) {
            continue;
        }
        {
            let next = body[i + 1..].iter().find(|n| !n.text.is_empty());
            if let Some(n) = next.filter(|n| header_cut(l, n)) {
                diags.info(
                    "plan-header-split",
                    Some(l.at),
                    format!(
                        "part 2: the table's header cut apart over two lines (\"{}\" / \"{}\"): not read as rows",
                        l.text, n.text
                    ),
                );
                skip_next = true;
                continue;
            }
        }
        if is_header(l) {
            let tab = l.raw.contains('\t').then(|| tab_cells(l));
            let texts: Vec<&str> = match &tab {
                Some(cells) => cells.iter().map(|c| c.text.as_str()).collect(),
                None => l.cells().collect(),
            };
            let cols: Vec<Col> = texts.iter().map(|c| header_col(c)).collect();
            // A cell that names two columns is two header cells run together (the header cut
            // by a page break, `หัวข้อวิธีการนำผล…`): its columns are not the table's, and the
            // earlier header's (or the usual ones) stay.
            let merged = texts.iter().any(|c| names_two_columns(c));
            if merged {
                diags.info(
                    "plan-header-merged",
                    Some(l.at),
                    format!(
                        "part 2: a header cell of the plan table names two columns (\"{}\"): two cells run together, so the table keeps the columns it had",
                        l.text
                    ),
                );
            } else if cols
                .iter()
                .filter(|c| !matches!(c, Col::Other | Col::No))
                .count()
                >= 3
            {
                columns = cols;
            }
            in_table = true;
            continue;
        }
        let r = row(l, &columns);
        if r.is_empty() {
            continue;
        }
        // Before the table, a line without cells (the heading's wrapped rest, a note) is no
        // row unless it names a topic.
        let free = !l.raw.contains('\t') && r.topic.is_none() && r.no.is_none();
        if !in_table && (!r.starts_entry() || free) {
            diags.info(
                "plan-line-skipped",
                Some(l.at),
                format!(
                    "part 2: a line before the plan table is not read: \"{}\"",
                    l.text
                ),
            );
            continue;
        }
        if in_table && is_fragment(l) {
            if AFTER_TABLE.is_match(&l.text) {
                in_table = false;
                diags.info(
                    "plan-line-skipped",
                    Some(l.at),
                    format!(
                        "part 2: a note under the plan table is not read: \"{}\"",
                        l.text
                    ),
                );
                continue;
            }
            if ROW_START.is_match(&l.text) {
                rests.clear();
                rests_cut = None;
                unnamed = false;
            } else {
                if rests_cut.is_none() {
                    rests_cut = drafts.len().checked_sub(1).map(|k| (k, drafts[k].cut));
                }
                rests.push_str(l.text.trim());
            }
            fragment(l, &mut drafts, &mut topic, diags);
            after_fragment = true;
            continue;
        }
        in_table = true;
        let at = l.at;
        let own_topic = r.topic.is_some() || r.no.is_some();
        // A topic cell that is the rest of the one above (`กระบวนการกำกับดูแลการใช้` /
        // `ทรัพย์สินของราชการ`): the row was cut by a page break and read as two.
        let mut rest_of_above = false;
        if own_topic {
            let before = topic.clone();
            // Its notes wait: a topic cell's rest names no topic of its own.
            let mut notes = Diagnostics::default();
            topic = read_topic(r.no.as_ref(), r.topic.as_ref(), at, &mut notes);
            let had_fragment = std::mem::take(&mut after_fragment);
            let numbered = r
                .topic
                .as_ref()
                .is_some_and(|t| TOPIC_CELL.is_match(&t.text));
            let between = std::mem::take(&mut rests);
            let cut_by = rests_cut.take();
            // The topic's rest alone (every other cell blank).
            let alone = r.method.is_none()
                && r.responsible.is_none()
                && r.steps.is_none()
                && r.period.is_none();
            let rest = if r.no.is_some() || numbered {
                None
            } else if topic_rest(&before, &between, &topic) {
                // The parts finish the title as written.
                Some((
                    format!(
                        "{}{between}{}",
                        before.1.as_deref().unwrap_or(""),
                        topic.1.as_deref().unwrap_or("")
                    ),
                    true,
                ))
            } else if had_fragment && topic_tail(&before, &topic) {
                // The title's end after fragments that do not finish it as written (cells
                // run together at the cut): the topic's title, as the framework names it.
                before
                    .0
                    .map(|n| (framework::TOPICS[usize::from(n - 1)].to_owned(), false))
            } else {
                None
            };
            if let Some((whole, finished)) = rest {
                topic = (before.0, Some(whole));
                // Said whenever the title is rebuilt, also when the rows below take it.
                diags.info(
                    "plan-topic-rejoined",
                    Some(at),
                    format!(
                        "topic {}: the topic cell cut apart (a page break, lines the layout read as free text) is read whole from its parts: \"{}\"{}",
                        topic.0.unwrap_or(0),
                        topic.1.as_deref().unwrap_or(""),
                        if finished { "" } else { " (as the framework names the topic: its parts do not finish it as written)" }
                    ),
                );
                if alone {
                    let n = drafts.len();
                    if let Some(d) = drafts.last_mut() {
                        // The row above is whole but for its topic cell, when the rest and
                        // the fragments before it finish that cell as written.
                        if let Some((_, was)) = cut_by.filter(|c| finished && c.0 + 1 == n) {
                            d.cut = was;
                        }
                        d.entry.topic.clone_from(&topic.1);
                        continue;
                    }
                }
                rest_of_above = true;
                if let Some(d) = drafts.last_mut() {
                    d.cut = true;
                }
            } else {
                diags.0.append(&mut notes.0);
                unnamed = r.no.is_none() && !numbered && topic.0.is_none();
                if (numbered || r.no.is_some()) && topic.0.is_some() {
                    numbered_rows += 1;
                }
            }
        }
        // A row without a number whose cells open mid-word (`ารณสุข`; the topic cell aside,
        // whose rest is rejoined above): the rest of the row above, cut in all its columns by
        // a page break, read as a row of its own (its cells shifted or not). Both are left out.
        let numbered_topic = r
            .topic
            .as_ref()
            .is_some_and(|t| TOPIC_CELL.is_match(&t.text));
        let mid_word = r.no.is_none()
            && !numbered_topic
            && [&r.method, &r.responsible, &r.steps]
                .into_iter()
                .flatten()
                .any(|c| {
                    c.text
                        .chars()
                        .next()
                        .is_some_and(crate::thai::opens_no_syllable)
                });
        // So does a cell that opens inside a tag (`style-type: none"> จัดทำ…`: markup cut by
        // the page break, its start `<ul style="list-` in the row above).
        let mid_word = mid_word
            || (r.no.is_none()
                && [&r.method, &r.responsible, &r.steps]
                    .into_iter()
                    .flatten()
                    .any(|c| opens_in_tag(&c.raw)));
        // (A row of steps or a period only is a continuation, joined above: its cell may
        // open mid-word.)
        let mid_word = mid_word && r.starts_entry();
        if !own_topic
            && !mid_word
            && r.starts_entry()
            && drafts.last().is_some_and(|d| cut_unseen(d, &r, at))
        {
            rest_of_row_above(
                &mut drafts,
                at,
                format!(
                    "part 2: the row at the head of the page fills the same cells as the row at the foot of the page before, with no period or its period's rest: the rest of that row cut by the page break, or a row nothing drawn tells from one: both are left out (\"{}\")",
                    l.text
                ),
                diags,
            );
            continue;
        }
        if mid_word {
            rest_of_row_above(
                &mut drafts,
                at,
                format!(
                    "part 2: a row whose cells open mid-word (\"{}\") is the rest of the row above, cut by a page break: both are left out",
                    l.text
                ),
                diags,
            );
        }
        // A row with no topic of its own whose method cell opens a numbered list past 1 that
        // the row above's methods do not number up to (`2. เข้ารับการอบรม…` under a row whose
        // steps end at 1): a steps cell's rest the layout put in another column, so it and
        // the row above are left out. So does a unit cell, when the row has no method, that
        // opens such a list (the layout put the steps' rest there: `2. เข้ารับการอบรม/ทุน`
        // below a repeated header, Writer's web export in Kanit).
        let unit_only = r.method.is_none();
        let method_no = (r.method.as_ref())
            .or(r.responsible.as_ref().filter(|_| unit_only))
            .and_then(|m| items(m, None).first_no);
        let misplaced = !own_topic
            && !mid_word
            && method_no.is_some_and(|n| {
                n > 1
                    && drafts.last().is_some_and(|d| {
                        d.last_method_no != Some(n - 1)
                            // A unit cell's list is the steps' rest only where the steps
                            // above do not end at another number than the one before it.
                            && (!unit_only || d.last_step_no.is_none_or(|last| last == n - 1))
                    })
            });
        if misplaced {
            rest_of_row_above(
                &mut drafts,
                at,
                format!(
                    "part 2: the row's method (or, without one, unit) cell opens a list at {} that the row above does not number up to (\"{}\"): the rest of a cell the layout put in another column, so both rows are left out",
                    method_no.unwrap_or(0),
                    l.text
                ),
                diags,
            );
        }
        if r.starts_entry() {
            let methods = cell_items(r.method.as_ref(), at, &mut unsplit);
            let steps = r.steps.as_ref().map(|s| items(s, None)).unwrap_or_default();
            if steps.unsplit {
                unsplit.push(at);
            }
            let prev = drafts
                .last()
                .filter(|d| d.entry.topic_no == topic.0 && topic.0.is_some());
            if let (Some(p), Some(first)) = (prev, steps.first_no) {
                if p.last_step_no.is_some_and(|last| first == last + 1) {
                    diags.info(
                        "plan-steps-numbering-continues",
                        Some(at),
                        format!(
                            "topic {}: this row's steps are numbered from {first}, continuing the row above (line {}); they stay with this row, which has its own method and unit",
                            topic.0.unwrap_or(0),
                            p.entry.at.line
                        ),
                    );
                }
            }
            drafts.push(Draft {
                entry: ActionPlanEntry {
                    topic_no: topic.0,
                    topic: topic.1.clone(),
                    methods,
                    responsible: r.responsible.as_ref().map(units).unwrap_or_default(),
                    steps: steps.list,
                    period: Period::default(),
                    at,
                },
                period_cell: r.period.as_ref().map(|p| p.text.clone()),
                first_step_no: steps.first_no,
                last_step_no: steps.last_no,
                last_method_no: r.method.as_ref().and_then(|m| items(m, None).last_no),
                steps_cell: r.steps,
                // A merged topic cell taken across a fragment: the topic may be the one the
                // fragment's row opened.
                cut: after_fragment || rest_of_above || mid_word || misplaced,
                unnamed,
            });
            continue;
        }
        // Only steps and/or a period: the rest of the row above, moved to the next page.
        let Some(d) = drafts.last_mut() else {
            diags.warn(
                "plan-row-orphan",
                Some(at),
                format!(
                    "part 2: a continuation row with no row above to join: \"{}\"",
                    l.text
                ),
            );
            continue;
        };
        // The rest of a row, after a fragment: whose rest it is, is not known.
        d.cut |= after_fragment;
        join(d, &r, at, diags);
    }

    if let Some(first) = unsplit.first() {
        diags.info(
            "plan-list-items-unsplit",
            Some(*first),
            format!(
                "{} cell(s) of the plan have list markup (<ol>/<ul>) without item markers (<li>, bullets or numbers), so their items cannot be told apart and stay one item; the first here",
                unsplit.len()
            ),
        );
    }
    let cut: Vec<bool> = drafts.iter().map(|d| d.cut).collect();
    // Topics numbered in at least two rows: a first cell with neither number nor title is no
    // topic but another column's cell, the row's blank first cell lost by the layout.
    let misaligned: Vec<bool> = drafts
        .iter()
        .map(|d| d.unnamed && numbered_rows >= 2)
        .collect();
    let entries = periods(drafts, plan_year, diags);
    let entries = entries
        .into_iter()
        .zip(cut)
        .zip(misaligned)
        .filter_map(|((e, cut), misaligned)| {
            if misaligned && !cut {
                diags.warn(
                    "plan-row-misaligned",
                    Some(e.at),
                    format!(
                        "part 2: the row's first cell (\"{}\") has no number and names none of the seven topics, in a table whose topics are numbered: its cells are taken to be shifted (a blank first cell lost), so the row is left out rather than read in the wrong columns",
                        e.topic.as_deref().unwrap_or("")
                    ),
                );
                return None;
            }
            if cut {
                diags.warn(
                    "plan-row-incomplete",
                    Some(e.at),
                    format!(
                        "topic {}: the row's cells were cut apart (a fragment of a cell stands below it, not placed in any row): the row is left out rather than read incomplete",
                        e.topic_no.map_or("?".to_owned(), |n| n.to_string())
                    ),
                );
            }
            (!cut).then_some(e)
        })
        .collect::<Vec<_>>();
    check(&entries, part2, diags);
    entries
}

/// A row read at `at` is the rest of the row above (cut by a page break): the row above is cut
/// too (`plan-row-rest`, with `message`); the caller leaves the row itself out.
fn rest_of_row_above(drafts: &mut [Draft], at: At, message: String, diags: &mut Diagnostics) {
    if let Some(d) = drafts.last_mut() {
        d.cut = true;
    }
    diags.warn("plan-row-rest", Some(at), message);
}

/// A cell that opens inside a tag: the rest of one cut by a page break (`style-type: none">
/// จัดทำ…`, a `>` after an attribute's closing quote, with no `<` before it).
fn opens_in_tag(cell: &str) -> bool {
    cell.find('>')
        .is_some_and(|i| !cell[..i].contains('<') && cell[..i].trim_end().ends_with('"'))
}

/// Is `r` (a row at `at` with no topic of its own) the rest of `d`, the row above, cut in all
/// its columns by a page break, or a row of its own? `r` opens the page after `d`'s, on the
/// next line, and fills the same cells of method, unit and steps, with no period (which a row
/// of its own takes from the row above); `d` has no period either. LibreOffice's web export
/// cuts a row in every column at once and draws nothing between the parts (`สำนักสาธาร` /
/// `ณสุข`), so nothing tells the two apart. So are two period cells that read as a period
/// only together (`1 ตุลาคม` / `2566 - 30 กันยายน 2567`): the row's period cut in two.
fn cut_unseen(d: &Draft, r: &Row, at: At) -> bool {
    let e = &d.entry;
    let next_page = matches!((e.at.page, at.page), (Some(a), Some(b)) if b == a + 1);
    let period = |t: &str| dates::parse_period(t, None).is_ok();
    let periods = match (d.period_cell.as_deref(), r.period.as_ref()) {
        (None, None) => true,
        (Some(a), Some(b)) => !period(a) && !period(&b.text) && period(&format!("{a} {}", b.text)),
        _ => false,
    };
    next_page
        && e.at.line + 1 == at.line
        && periods
        && r.method.is_some() != e.methods.is_empty()
        && r.responsible.is_some() != e.responsible.is_empty()
        && r.steps.is_some() == d.steps_cell.is_some()
}

/// Is `now` (read from a topic cell without a number) the rest of the topic cell `before`
/// (the rows above), cut by a page break? Its title goes on from the one above (after
/// `between`, the fragments of cells that stood between them), together the start of the
/// topic's title or all of it, and is no start of a title itself. Too short to name a topic
/// alone (`งาน`), it still goes on from the one above.
fn topic_rest(
    before: &(Option<u8>, Option<String>),
    between: &str,
    now: &(Option<u8>, Option<String>),
) -> bool {
    let (Some(no), Some(above), Some(title)) = (before.0, before.1.as_deref(), now.1.as_deref())
    else {
        return false;
    };
    if now.0.is_some_and(|n| n != no) {
        return false;
    }
    let canon = super::squash(framework::TOPICS[usize::from(no - 1)]);
    let (above, between, title) = (
        super::squash(above),
        super::squash(between),
        super::squash(title),
    );
    !title.is_empty()
        && !canon.starts_with(&title)
        && canon.starts_with(&format!("{above}{between}{title}"))
}

/// Is `now` (read from a topic cell without a number) the end of the topic cell `before` (the
/// rows above), whose middle the layout ran into other cells? Its title ends the title of the
/// topic in force and starts none.
fn topic_tail(before: &(Option<u8>, Option<String>), now: &(Option<u8>, Option<String>)) -> bool {
    let (Some(no), Some(title)) = (before.0, now.1.as_deref()) else {
        return false;
    };
    if now.0.is_some_and(|n| n != no) {
        return false;
    }
    let canon = super::squash(framework::TOPICS[usize::from(no - 1)]);
    let title = super::squash(title);
    !title.is_empty()
        && title.len() < canon.len()
        && canon.ends_with(&title)
        && !canon.starts_with(&title)
}

/// The header's words (squashed), to find a header cut apart.
const HEADER_WORDS: [&str; 7] = [
    "หัวข้อ",
    "วิธีการ",
    "ผู้รับผิดชอบ",
    "ผู้ที่เกี่ยวข้อง",
    "ขั้นตอน",
    "ระยะเวลา",
    "ดำเนินงาน",
];

/// Two lines that are the table's header cut apart (a page's foot cut a header row whose
/// cells wrap; the rest of each cell on the next line): neither is a header alone, both have
/// short cells and no digit, each names a header word, and together they name three.
fn header_cut(a: &Line, b: &Line) -> bool {
    let short = |l: &Line| {
        !is_header(l)
            && l.cells().count() >= 2
            && l.cells().all(|c| c.chars().count() <= 60)
            && !l.text.chars().any(|c| c.is_ascii_digit())
    };
    if !short(a) || !short(b) {
        return false;
    }
    let words = |t: &str| -> Vec<&str> {
        HEADER_WORDS
            .iter()
            .copied()
            .filter(|w| t.contains(w))
            .collect()
    };
    let (sa, sb) = (super::squash(&a.text), super::squash(&b.text));
    !words(&sa).is_empty() && !words(&sb).is_empty() && words(&format!("{sa}{sb}")).len() >= 3
}

/// A fragment of a cell inside the table (see [`is_fragment`]) is read as no row. One that
/// opens with a row number is a row's first cell without the others: the topic is unknown
/// until a row names one. Any other is the rest of a cell cut off from its row, most likely
/// the row above: that row is not whole (marked cut).
fn fragment(
    l: &Line,
    drafts: &mut [Draft],
    topic: &mut (Option<u8>, Option<String>),
    diags: &mut Diagnostics,
) {
    let opens_row = ROW_START.is_match(&l.text);
    if opens_row {
        *topic = (None, None);
    } else if let Some(d) = drafts.last_mut() {
        d.cut = true;
    }
    diags.warn(
        "plan-row-fragment",
        Some(l.at),
        format!(
            "part 2: a line of the plan table with one cell placed in no row ({}): not read: \"{}\"",
            if opens_row {
                "a row's first cell without the others"
            } else {
                "the rest of a cell cut off from its row"
            },
            l.text
        ),
    );
}

/// The fiscal year the plan is for (BE): the one part 2's heading names (with `rest`, the
/// line its wrapped text goes on in), else the year after the assessment (noted).
fn plan_year(
    heading: &Line,
    rest: Option<&Line>,
    report_year: Option<u16>,
    diags: &mut Diagnostics,
) -> Option<u16> {
    let text = match rest {
        Some(r) => std::borrow::Cow::Owned(format!("{} {}", heading.text, r.text)),
        None => std::borrow::Cow::Borrowed(heading.text.as_str()),
    };
    if let Some(y) = PLAN_YEAR
        .captures(&text)
        .and_then(|c| c[1].parse::<u16>().ok())
    {
        return Some(y);
    }
    let y = report_year.map(|y| y + 1);
    if let Some(y) = y {
        diags.info(
            "plan-fiscal-year-assumed",
            Some(heading.at),
            format!("part 2's heading names no fiscal year; the plan is taken to be for {y}, the year after the assessment"),
        );
    }
    y
}

/// Joins a row that has only steps and/or a period (the rest of the row above, moved to the
/// next page by a page break) into the entry above.
fn join(d: &mut Draft, r: &Row, at: At, diags: &mut Diagnostics) {
    let mut joined = Vec::new();
    if let Some(s) = r.steps.as_ref() {
        let before = d.entry.steps.len();
        // The cell cut by the page break is one cell: its items are split over the whole of
        // it (an item cut mid-word, `กำหนดหลัก` / `เกณฑ์…`, stays one; a number repeated
        // after the cut still starts an item).
        let cell = match d.steps_cell.take() {
            Some(mut c) => {
                c.push_wrapped(s.clone());
                c
            }
            None => s.clone(),
        };
        let it = items(&cell, None);
        d.first_step_no = it.first_no;
        d.last_step_no = it.last_no;
        d.entry.steps = it.list;
        d.steps_cell = Some(cell);
        // Items the joined cell gained (a cut item made whole again adds none).
        let n = d.entry.steps.len().saturating_sub(before);
        joined.push(format!("{n} step(s)"));
    }
    if let Some(p) = r.period.as_ref().map(|p| p.text.as_str()) {
        match &d.period_cell {
            None => {
                d.period_cell = Some(p.to_owned());
                joined.push("its period".to_owned());
            }
            Some(first) if first == p => {}
            // Another period under the row's own: a cell the layout put in the wrong column
            // (a table's header cut by the page break, its columns lost), so the row's rest is
            // not known and the row is left out.
            Some(first) => {
                d.cut = true;
                diags.warn(
                "plan-period-conflict",
                Some(at),
                format!(
                    "a continuation row gives the period \"{}\", but its entry (line {}) already has \"{}\"; the first is kept",
                    p,
                    d.entry.at.line,
                    first
                ),
                );
            }
        }
    }
    diags.info(
        "plan-row-continued",
        Some(at),
        format!(
            "a row with blank topic, method and unit cells (continued after a page break) is joined to the entry at line {} (topic {}): {}",
            d.entry.at.line,
            d.entry.topic_no.map_or("?".to_owned(), |n| n.to_string()),
            joined.join(", ")
        ),
    );
}

/// Items of a method cell, noting cells whose items cannot be separated.
fn cell_items(cell: Option<&Slot>, at: At, unsplit: &mut Vec<At>) -> Vec<String> {
    let Some(cell) = cell else { return Vec::new() };
    let it = items(cell, None);
    if it.unsplit {
        unsplit.push(at);
    }
    it.list
}

/// The topic of a row from its number and topic cells.
fn read_topic(
    no: Option<&Slot>,
    cell: Option<&Slot>,
    at: At,
    diags: &mut Diagnostics,
) -> (Option<u8>, Option<String>) {
    let cell = cell.map(|c| c.text.replace('\t', " "));
    let no_cell = no.map(|c| c.text.as_str());
    let (mut number, mut title) = (None, cell.clone());
    if let Some(c) = cell.as_deref().and_then(|c| TOPIC_CELL.captures(c)) {
        number = c[1].parse::<u8>().ok();
        title = Some(c[2].trim().to_owned()).filter(|t| !t.is_empty());
    }
    if let Some(n) = no_cell.and_then(|c| c.trim().trim_end_matches('.').parse::<u8>().ok()) {
        number = number.or(Some(n));
    }
    let by_title = title.as_deref().and_then(topic_by_title);
    let no = match (number.filter(|n| (1..=7).contains(n)), by_title) {
        (Some(n), Some(t)) if n != t => {
            diags.warn(
                "plan-topic-mismatch",
                Some(at),
                format!("the plan row is numbered topic {n} but its title \"{}\" is topic {t}; the number is kept", title.as_deref().unwrap_or("")),
            );
            Some(n)
        }
        (Some(n), _) => Some(n),
        (None, Some(t)) => Some(t),
        (None, None) => {
            diags.warn(
                "plan-topic-unknown",
                Some(at),
                format!(
                    "the plan row's topic \"{}\" is not one of the seven topics",
                    cell.as_deref().unwrap_or("")
                ),
            );
            None
        }
    };
    let title = title.or_else(|| no.map(|n| framework::TOPICS[usize::from(n - 1)].to_owned()));
    (no, title)
}

/// Reads every entry's period; a blank cell takes the period of the entry above in its topic.
fn periods(
    drafts: Vec<Draft>,
    plan_year: Option<u16>,
    diags: &mut Diagnostics,
) -> Vec<ActionPlanEntry> {
    let mut out: Vec<ActionPlanEntry> = Vec::with_capacity(drafts.len());
    for d in drafts {
        let mut e = d.entry;
        match d.period_cell.as_deref().map(|c| c.replace('\t', " ")) {
            Some(raw) => {
                match dates::parse_period(&raw, plan_year) {
                    Ok(span) => {
                        e.period.start = Some(span.start.iso());
                        e.period.end = Some(span.end.iso());
                        if span.basis == Basis::Context {
                            diags.info(
                                "plan-period-from-context",
                                Some(e.at),
                                format!("the period \"{raw}\" names no year; the plan's fiscal year {} fills it in", plan_year.unwrap_or(0)),
                            );
                        }
                        if let Some(fy) = plan_year.map(dates::fiscal_year) {
                            if span.start < fy.start || span.end > fy.end {
                                diags.info(
                                    "plan-period-outside-fiscal-year",
                                    Some(e.at),
                                    format!("the period \"{raw}\" ({} … {}) is not within the plan's fiscal year {} ({} … {})", span.start, span.end, plan_year.unwrap_or(0), fy.start, fy.end),
                                );
                            }
                        }
                    }
                    Err(err) => diags.warn(
                        "plan-period-unreadable",
                        Some(e.at),
                        format!(
                            "the period \"{raw}\" cannot be read as dates ({}): {err}",
                            err.code()
                        ),
                    ),
                }
                e.period.raw = Some(raw);
            }
            None => {
                let above = out
                    .iter()
                    .rev()
                    .take_while(|p| p.topic_no == e.topic_no)
                    .find(|p| p.period.start.is_some());
                match above.filter(|_| e.topic_no.is_some()) {
                    Some(p) => {
                        e.period.start.clone_from(&p.period.start);
                        e.period.end.clone_from(&p.period.end);
                        e.period.inherited = true;
                        diags.info(
                            "plan-period-inherited",
                            Some(e.at),
                            format!("the period cell is blank (a merged cell); the period of the row above (line {}) is taken over, marked inherited", p.at.line),
                        );
                    }
                    None => diags.warn(
                        "plan-period-missing",
                        Some(e.at),
                        format!(
                            "topic {}: the row has no period",
                            e.topic_no.map_or("?".to_owned(), |n| n.to_string())
                        ),
                    ),
                }
            }
        }
        out.push(e);
    }
    out
}

/// Plan-level checks: a topic without an entry, an entry without methods or units.
fn check(entries: &[ActionPlanEntry], part2: &[Line], diags: &mut Diagnostics) {
    let at = part2.first().map(|l| l.at);
    if entries.is_empty() {
        diags.warn(
            "plan-empty",
            at,
            "part 2 has no action-plan rows".to_owned(),
        );
        return;
    }
    for no in 1..=7u8 {
        if !entries.iter().any(|e| e.topic_no == Some(no)) {
            diags.warn(
                "plan-topic-missing",
                at,
                format!(
                    "the action plan has no row for topic {no} ({})",
                    framework::TOPICS[usize::from(no - 1)]
                ),
            );
        }
    }
    for e in entries {
        if e.methods.is_empty() {
            diags.warn(
                "plan-methods-missing",
                Some(e.at),
                "the row has no method".to_owned(),
            );
        }
        if e.responsible.is_empty() {
            diags.warn(
                "plan-responsible-missing",
                Some(e.at),
                "the row names no responsible unit".to_owned(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell as normalize gives it.
    fn slot(raw: &str) -> Slot {
        let cell = &normalize::cells(raw)[0];
        Slot::new(raw, &cell.text, cell.pieces.as_deref())
    }

    fn items_(raw: &str) -> Items {
        items(&slot(raw), None)
    }

    #[test]
    fn items_split_on_li_bullets_and_numbers() {
        assert_eq!(items_("<ul><li>ก</li><li>ข</li></ul>").list, ["ก", "ข"]);
        assert_eq!(items_("<ul> ▪ ก ▪ ข ▪ ค </ul>").list, ["ก", "ข", "ค"]);
        let it = items_("๑. ทำ ก ภายใน 7 วัน ๒. ทำ ข");
        assert_eq!(it.list, ["ทำ ก ภายใน 7 วัน", "ทำ ข"]);
        assert_eq!((it.first_no, it.last_no), (Some(1), Some(2)));
        // A repeated number (a typo in the seed) still starts an item; a number that does not
        // run on does not.
        assert_eq!(items_("2. ก 3. ข 3. ค 9. ง").list, ["ก", "ข", "ค 9. ง"]);
        assert_eq!(items_("1.ทำ ก 2.ทำ ข").list, ["ทำ ก", "ทำ ข"]);
    }

    #[test]
    fn list_markup_without_items_is_flagged() {
        let it = items_(r#"<p>รายละเอียดขั้นตอนการดำเนินการ</p> <ol style="x"> จัดทำคู่มือ แจ้งเวียน </ol>"#);
        assert_eq!(it.list, ["จัดทำคู่มือ แจ้งเวียน"]);
        assert!(it.unsplit);
    }

    #[test]
    fn units_keep_section_and_division_together() {
        assert_eq!(units(&slot("งานพัสดุ/กองคลัง")), ["งานพัสดุ/กองคลัง"]);
        assert_eq!(units(&slot("กองคลัง/กองช่าง")), ["กองคลัง", "กองช่าง"]);
        assert_eq!(units(&slot("สำนักปลัด และกองคลัง")), ["สำนักปลัด", "กองคลัง"]);
        assert_eq!(
            units(&slot("กองยุทธศาสตร์และงบประมาณ")),
            ["กองยุทธศาสตร์และงบประมาณ"]
        );
        assert_eq!(
            units(&slot("งานทะเบียนแขวง เมืองราย")),
            ["งานทะเบียนแขวง เมืองราย"]
        );
    }

    /// Lines as a layout gives them: a table row's cells by tabs, a free line without.
    fn plan_lines(raws: &[&str]) -> Vec<Line> {
        raws.iter()
            .zip(1..)
            .map(|(raw, n)| {
                let cells = if raw.contains('\t') {
                    normalize::cells(raw)
                } else {
                    Vec::new()
                };
                let text = if cells.is_empty() {
                    normalize::line(raw)
                } else {
                    let texts: Vec<&str> = cells
                        .iter()
                        .map(|c| c.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    texts.join("\t")
                };
                Line {
                    at: At {
                        page: Some(1),
                        line: n,
                        bbox: None,
                    },
                    raw: (*raw).to_owned(),
                    text,
                    cells,
                }
            })
            .collect()
    }

    const HEADING: &str = "ส่วนที่ 2 การนำผลการวิเคราะห์ไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. 2567";
    const HEADER: &str = "หัวข้อ\tวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ\tผู้รับผิดชอบ\tขั้นตอน\tระยะเวลาดำเนินงาน";

    fn parse_(raws: &[&str]) -> (Vec<ActionPlanEntry>, Vec<String>) {
        let mut all = vec![HEADING, HEADER];
        all.extend(raws);
        let mut diags = Diagnostics::default();
        let entries = parse(&plan_lines(&all), Some(2566), &mut diags);
        let codes = diags.0.iter().map(|d| d.code.clone()).collect();
        (entries, codes)
    }

    #[test]
    fn a_fragment_of_a_cell_leaves_its_row_out() {
        // Topic 3's cells run on in free lines the layout placed in no row (`เผย` / `แพร่…`):
        // its row is cut, so it is left out; the rows around it stay.
        let (entries, codes) = parse_(&[
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "3. ช่องทางและรูปแบบการประชาสัมพันธ์\tพัฒนาวิธีการ\tงานประชา\t1. ข\t1 ตุลาคม 2566 - 30",
            "เผย",
            "แพร่ข้อมูลข่าวสารภาครัฐ",
            "4. กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ\tจัดให้มี\tกองคลัง\t1. ค\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        let topics: Vec<Option<u8>> = entries.iter().map(|e| e.topic_no).collect();
        assert_eq!(topics, [Some(2), Some(4)]);
        assert_eq!(
            codes.iter().filter(|c| *c == "plan-row-fragment").count(),
            2
        );
        assert!(codes.iter().any(|c| c == "plan-row-incomplete"));
        assert!(codes.iter().any(|c| c == "plan-topic-missing"));
    }

    /// Topic 6's row, whole, with one step.
    const ROW6: &str = "6. กระบวนการควบคุมตรวจสอบการใช้อำนาจและการบริหารงานบุคคล\tประชาสัมพันธ์บุคลากร\tกองการเจ้าหน้าที่\t1. จัดทำแผน\t1 ตุลาคม 2566 - 30 กันยายน 2567";

    #[test]
    fn a_steps_cell_cut_by_a_page_break_is_split_as_one_cell() {
        // The steps cell goes on over two pages, after the header the next page repeats: cut
        // mid-word (`กำหนดหลัก` / `เกณฑ์`) and numbered on with a repeated `3.` as written.
        let (entries, codes) = parse_(&[
            ROW6,
            HEADER,
            "\t\t\t2. เข้ารับการอบรม 3. กำหนดหลัก\t",
            "\t\t\tเกณฑ์การประเมิน 3. แจงเวียนให้ทราบ\t",
        ]);
        assert_eq!(entries.len(), 1, "{codes:?}");
        assert_eq!(
            entries[0].steps,
            [
                "จัดทำแผน",
                "เข้ารับการอบรม",
                "กำหนดหลักเกณฑ์การประเมิน",
                "แจงเวียนให้ทราบ"
            ]
        );
    }

    #[test]
    fn a_header_that_runs_two_column_names_together_keeps_the_columns() {
        // The header repeated on the next page, its first two cells run together: the rows
        // under it keep the table's five columns.
        let (entries, codes) = parse_(&[
            ROW6,
            "หัวข้อวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ\tผู้รับผิดชอบ\tขั้นตอน\tระยะเวลาดำเนินงาน",
            "7. กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน\tจัดทำมาตรการป้องกัน\tกองยุทธศาสตร์และงบประมาณ\t1. ทำการวิเคราะห์\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        assert!(codes.iter().any(|c| c == "plan-header-merged"));
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].topic_no, Some(7));
        assert_eq!(entries[1].methods, ["จัดทำมาตรการป้องกัน"]);
        assert_eq!(entries[1].responsible, ["กองยุทธศาสตร์และงบประมาณ"]);
        assert!(names_two_columns("หัวข้อวิธีการนำผลวิเคราะห์"));
        assert!(!names_two_columns("ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง"));
        assert!(!names_two_columns("ขั้นตอน/วิธีปฏิบัติ"));
    }

    #[test]
    fn a_continuation_whose_period_is_another_is_no_rest_of_the_row() {
        // A cell put in the period column under a row that has its period: the layout lost
        // the cell's column, so the row is left out.
        let (entries, codes) = parse_(&[ROW6, "\t\t\t\t2. เข้ารับการอบรม"]);
        assert!(entries.is_empty());
        assert!(codes.iter().any(|c| c == "plan-period-conflict"));
        assert!(codes.iter().any(|c| c == "plan-row-incomplete"));
    }

    /// [`parse_`] with each line on its page (`pages[i]` for the i-th row).
    fn parse_paged(raws: &[&str], pages: &[u32]) -> (Vec<ActionPlanEntry>, Vec<String>) {
        let mut all = vec![HEADING, HEADER];
        all.extend(raws);
        let mut lines = plan_lines(&all);
        for (l, p) in lines[2..].iter_mut().zip(pages) {
            l.at.page = Some(*p);
        }
        let mut diags = Diagnostics::default();
        let entries = parse(&lines, Some(2566), &mut diags);
        let codes = diags.0.iter().map(|d| d.code.clone()).collect();
        (entries, codes)
    }

    #[test]
    fn a_row_at_a_page_head_filling_the_cells_the_row_at_the_foot_fills_leaves_both_out() {
        // LibreOffice's web export cut a row (method and unit, no steps or period) in all its
        // columns at a page break, at a word's end (`สำนักสาธาร` / `ณสุข`): the two parts
        // look like two rows of one topic; nothing tells, so both are left out.
        let rows = [
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "\tจัดทำช่องทางการติดต่อสอบถาม\tสำนักสาธาร\t\t",
            "\tข้อมูลให้มีลักษณะเป็นการสื่อสารสองทาง\tณสุข\t\t",
        ];
        let (entries, codes) = parse_paged(&rows, &[1, 1, 2]);
        assert_eq!(entries.len(), 1, "{codes:?}");
        assert_eq!(entries[0].responsible, ["สำนักปลัด"]);
        assert!(codes.iter().any(|c| c == "plan-row-rest"));
        // On one page, or with a period of its own, the lower row is a row of its own.
        let (entries, _) = parse_paged(&rows, &[1, 1, 1]);
        assert_eq!(entries.len(), 3);
        let mut own = rows;
        own[2] = "\tข้อมูลให้มีลักษณะ\tณสุข\t\t1 ตุลาคม 2566 - 30 กันยายน 2567";
        let (entries, codes) = parse_paged(&own, &[1, 1, 2]);
        assert_eq!(entries.len(), 3, "{codes:?}");
        // A period that reads only with the one above is that row's, cut in two.
        let mut cut = rows;
        cut[1] = "\tจัดทำช่องทางการติดต่อสอบถาม\tสำนักสาธาร\t1. ก\t1 ตุลาคม";
        cut[2] = "\tข้อมูลให้มีลักษณะ\tณสุข\tข\t2566 - 30 กันยายน 2567";
        let (entries, codes) = parse_paged(&cut, &[1, 1, 2]);
        assert_eq!(entries.len(), 1, "{codes:?}");
        // Another shape (steps below a row without them) is no such cut either.
        own[2] = "\tข้อมูลให้มีลักษณะ\tณสุข\t1. ข\t";
        let (entries, codes) = parse_paged(&own, &[1, 1, 2]);
        assert_eq!(entries.len(), 3, "{codes:?}");
    }

    #[test]
    fn a_cell_that_opens_inside_a_tag_is_the_rest_of_the_row_above() {
        // `<ul style="list-` at a page's foot, `style-type: none">` at the next head: markup
        // cut by the page break; both rows are left out, the next row stays.
        let (entries, codes) = parse_(&[
            "1.\t<ul style=\"list-\tกอ\tรายละเอียดขั้น\t1",
            "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tstyle-type: none\"> จัดทำคู่มือ\tงการเจ้าหน้าที่\tตอนการดำเนินการ\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        assert_eq!(entries.len(), 1, "{codes:?}");
        assert_eq!(entries[0].topic_no, Some(2));
        assert!(codes.iter().any(|c| c == "plan-row-rest"));
        assert!(opens_in_tag("style-type: none\"> จัดทำ"));
        assert!(!opens_in_tag("<ul style=\"a\"> จัดทำ"));
        assert!(!opens_in_tag("คะแนน > 85"));
    }

    #[test]
    fn a_row_whose_cells_open_mid_word_is_the_rest_of_the_row_above() {
        // A row cut in all its columns at a page's foot (`สำนักสาธ`), its rest a row of its
        // own at the next page's head (`ารณสุข`): both left out; the row before stays.
        let (entries, codes) = parse_(&[
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "\tจัดทำช่องทางการติดต่อสอบถามข้อมูลให้มี\tสำนักสาธ\t\t",
            "\tลักษณะเป็นการสื่อสารสองทาง\tารณสุข\t\t",
        ]);
        assert_eq!(entries.len(), 1, "{codes:?}");
        assert_eq!(entries[0].responsible, ["สำนักปลัด"]);
        assert!(codes.iter().any(|c| c == "plan-row-rest"));
        assert_eq!(
            codes.iter().filter(|c| *c == "plan-row-incomplete").count(),
            2
        );
    }

    #[test]
    fn a_method_cell_numbered_on_from_no_method_above_is_a_misplaced_rest() {
        // The steps cell's rest on the next page put in the method column (`2. …` under a
        // row whose steps end at 1 and whose methods are not numbered): both rows left out.
        let (entries, codes) = parse_(&[ROW6, "\t2. เข้ารับการอบรม 3. กำหนดหลักเกณฑ์"]);
        assert!(entries.is_empty(), "{entries:?}");
        assert!(codes.iter().any(|c| c == "plan-row-rest"));
        // The same rest put in the unit column of a row with no method.
        let (entries, codes) = parse_(&[ROW6, "\t\t2. เข้ารับการอบรม/ทุน"]);
        assert!(entries.is_empty(), "{entries:?}");
        assert!(codes.iter().any(|c| c == "plan-row-rest"));
        // A unit list carried on under a row whose steps do not end at 1: a row of its own.
        let (entries, codes) = parse_(&[
            "1. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tจัดทำคู่มือ\t1. สำนักปลัด\t1. ก 2. ข\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "\t\t2. กองช่าง\t\t",
        ]);
        assert!(!codes.iter().any(|c| c == "plan-row-rest"), "{codes:?}");
        assert!(!entries.is_empty());
        // Methods numbered on from the row above: a row of its own.
        let (entries, _) = parse_(&[
            "1. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\t1. จัดทำคู่มือ\tกองการเจ้าหน้าที่\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "\t2. จัดประชุมประจำเดือน\tสำนักปลัด\t1. ข\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].methods, ["จัดประชุมประจำเดือน"]);
    }

    #[test]
    fn a_row_number_alone_leaves_the_rows_under_it_out() {
        // `6.` alone: a row's first cell without the others. The row above is whole; the row
        // below, with a blank (merged) topic cell, would take a topic it may not have.
        let (entries, codes) = parse_(&[
            "5. กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง\tประชาสัมพันธ์\tกองคลัง\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "6.",
            "\tประชาสัมพันธ์บุคลากร\tกองการเจ้าหน้าที่\t1. ข\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "\t\t\t2. ค\t",
            "7. กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน\tจัดทำมาตรการ\tสำนักปลัด\t1. ง\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        let topics: Vec<Option<u8>> = entries.iter().map(|e| e.topic_no).collect();
        assert_eq!(topics, [Some(5), Some(7)]);
        assert_eq!(entries[0].methods, ["ประชาสัมพันธ์"]);
        assert_eq!(
            codes.iter().filter(|c| *c == "plan-row-incomplete").count(),
            1
        );
    }

    #[test]
    fn a_header_cut_apart_is_no_row() {
        let (entries, codes) = parse_(&[
            "1. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tจัดทำคู่มือ\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "หัวข้อ\tวิธีการนำผลวิเคราะห์ไปสู่การ ผู้รั ขั้นตอน/วิธีปฏิบัติ\tระยะ",
            "ปฏิบัติ\tบผิดชอบ/ผู้ที่เกี่ยวข้อง\tเวลาดำเนินงาน",
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ข\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        let topics: Vec<Option<u8>> = entries.iter().map(|e| e.topic_no).collect();
        assert_eq!(topics, [Some(1), Some(2)]);
        assert!(codes.iter().any(|c| c == "plan-header-split"));
        // A row of short cells with a digit (a period) is a row.
        let a = &plan_lines(&["ตัวชี้วัดที่ 6\tติดประกาศขั้นตอนและระยะเวลา\tทุกส่วน\tตุลาคม -"])[0];
        let b = &plan_lines(&["คุณภาพการดำเนินงาน\tการให้บริการ\tราชการ\tธันวาคม 2567"])[0];
        assert!(!header_cut(a, b));
    }

    #[test]
    fn a_topic_cell_that_goes_on_from_the_row_above_leaves_both_out() {
        // Topic 4's cell cut by a page break: `ทรัพย์สินของราชการ` goes on from
        // `4. กระบวนการกำกับดูแลการใช้`; the two parts are one row, read as two.
        let (entries, codes) = parse_(&[
            "4. กระบวนการกำกับดูแลการใช้\tจัดให้มีการเปิด\tกองคลัง\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "ทรัพย์สินของราชการ\tเผยและพร้อมรับการตรวจสอบ\t\t\t",
            "5. กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง\tประชาสัมพันธ์\tกองคลัง\t1. ข\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ]);
        let topics: Vec<Option<u8>> = entries.iter().map(|e| e.topic_no).collect();
        assert_eq!(topics, [Some(5)]);
        assert_eq!(
            codes.iter().filter(|c| *c == "plan-row-incomplete").count(),
            2
        );
        // A title of its own (shortened, or whole) is no rest.
        let t = |n: u8, s: &str| (Some(n), Some(s.to_owned()));
        assert!(!topic_rest(
            &t(4, "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ"),
            "",
            &t(4, "การใช้ทรัพย์สินของราชการ")
        ));
        assert!(!topic_rest(&t(3, "ช่องทาง"), "", &t(4, "ทรัพย์สินของราชการ")));
    }

    #[test]
    fn a_topic_cell_finished_by_its_rest_alone_is_read_whole() {
        // Topic 7's cell cut apart: `…ป้องกัน` in its row, `การทุจริตภายใ` a fragment, then
        // `นหน่วยงาน` (or `งาน`, too short to name a topic) in a row of its own with every other
        // cell blank. The parts make the title whole: the row above is whole, the row below
        // takes the topic.
        for (frag, rest) in [("การทุจริตภายใ", "นหน่วยงาน"), ("การทุจริตภายในหน่วย", "งาน")]
        {
            let rest_row = format!("{rest}\t\t\t\t");
            let (entries, codes) = parse_(&[
                "7. กลไกและมาตรการในการแก้ไขและป้องกัน\tจัดทำมาตรการ\tกองยุทธศาสตร์\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
                frag,
                &rest_row,
                "\tจัดกิจกรรม\tกองการเจ้าหน้าที่\t3. ข\t",
            ]);
            let got: Vec<(Option<u8>, Option<&str>, bool)> = entries
                .iter()
                .map(|e| (e.topic_no, e.topic.as_deref(), e.period.inherited))
                .collect();
            let title = "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน";
            assert_eq!(
                got,
                [(Some(7), Some(title), false), (Some(7), Some(title), true)]
            );
            assert!(codes.iter().any(|c| c == "plan-topic-rejoined"));
            assert!(!codes
                .iter()
                .any(|c| c == "plan-row-incomplete" || c == "plan-topic-unknown"));
        }
        // The title's end after fragments that do not finish it as written (cells run
        // together at the cut): the row above stays out, the rows below take the topic's
        // title as the framework names it.
        let (entries, codes) = parse_(&[
            "7. กลไกและ\tจัดทำมาตรการ\tกองยุทธศาสตร์\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "มาตร กรรมการทุจริต",
            "ทุจริ",
            "ภายในหน่วยงาน\t\t\t\t",
            "\tจัดกิจกรรม\tกองการเจ้าหน้าที่\t3. ข\t",
        ]);
        let got: Vec<(Option<u8>, Option<&str>, &[String])> = entries
            .iter()
            .map(|e| (e.topic_no, e.topic.as_deref(), e.methods.as_slice()))
            .collect();
        assert_eq!(
            got,
            [(
                Some(7),
                Some(framework::TOPICS[6]),
                &["จัดกิจกรรม".to_owned()][..]
            )]
        );
        assert!(codes.iter().any(|c| c == "plan-row-incomplete"));
        // Without fragments before it, a title's end is a shortened title of its own.
        let t = |n: u8, s: &str| (Some(n), Some(s.to_owned()));
        assert!(topic_tail(&t(7, "กลไก"), &t(7, "ภายในหน่วยงาน")));
        assert!(!topic_tail(&t(7, "กลไก"), &t(7, "กลไกและมาตรการ")));
        assert!(!topic_tail(&t(6, "กระบวนการ"), &t(7, "ภายในหน่วยงาน")));
        // Parts that do not finish the title as written (a piece missing): the row above is
        // left out; the row below takes the title's end as the end of topic 7's title.
        let (entries, codes) = parse_(&[
            "7. กลไกและมาตรการในการแก้ไขและป้องกัน\tจัดทำมาตรการ\tกองยุทธศาสตร์\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "ภายใ",
            "นหน่วยงาน\t\t\t\t",
            "\tจัดกิจกรรม\tกองการเจ้าหน้าที่\t3. ข\t",
        ]);
        assert!(entries.iter().all(|e| e.methods != ["จัดทำมาตรการ"]));
        assert!(codes.iter().any(|c| c == "plan-row-incomplete"));
        assert_eq!(entries[0].topic.as_deref(), Some(framework::TOPICS[6]));
    }

    #[test]
    fn a_first_cell_that_names_no_topic_in_a_numbered_table_is_misaligned() {
        // Topic 1's second row lost its blank first cell: its method stands first and reads
        // as a topic; it and the row that takes its topic are left out.
        let rows = [
            "1. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tจัดทำคู่มือ\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "จัดประชุมประจำเดือน\tสำนักปลัด\t1. ข",
            "\tส่งเสริมให้ผู้รับบริการ\tทุกหน่วยงาน\t1. ค\t",
            "2. การให้บริการและระบบ E-Service\tจัดทำช่องทาง\tสำนักปลัด\t1. ง\t1 ตุลาคม 2566 - 30 กันยายน 2567",
        ];
        let (entries, codes) = parse_(&rows);
        let topics: Vec<Option<u8>> = entries.iter().map(|e| e.topic_no).collect();
        assert_eq!(topics, [Some(1), Some(2)]);
        assert_eq!(
            codes.iter().filter(|c| *c == "plan-row-misaligned").count(),
            2
        );
        // Topics not numbered anywhere (indicators as topics, template A-2): rows as read.
        let (entries, codes) = parse_(&[
            "ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน\tติดประกาศ\tทุกส่วนราชการ\tมกราคม - มีนาคม 2568",
            "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร\tกำหนดผู้รับผิดชอบ\tงานประชาสัมพันธ์\tตุลาคม - ธันวาคม 2567",
        ]);
        assert_eq!(entries.len(), 2);
        assert!(!codes.iter().any(|c| c == "plan-row-misaligned"));
    }

    #[test]
    fn a_note_under_the_table_is_no_fragment() {
        let (entries, codes) = parse_(&[
            "1. กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tจัดทำคู่มือ\tสำนักปลัด\t1. ก\t1 ตุลาคม 2566 - 30 กันยายน 2567",
            "หมายเหตุ ทุกหน่วยงานรายงานผลทุกไตรมาส",
            "(ลงชื่อ) นายกเทศมนตรี",
        ]);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].methods, ["จัดทำคู่มือ"]);
        assert!(!codes.iter().any(|c| c.starts_with("plan-row")));
    }

    #[test]
    fn topics_by_number_or_title() {
        assert_eq!(
            topic_by_title("กระบวนการควบคุมตรวจสอบการใช้อำนาจ และการบริหารงานบุคคล"),
            Some(6)
        );
        assert_eq!(topic_by_title("การให้บริการและระบบ E-Service"), Some(2));
        assert_eq!(topic_by_title("อื่น ๆ"), None);
    }
}
