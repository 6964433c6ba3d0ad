//! Thai dates and periods → ISO dates (Gregorian), for the action plan's ระยะเวลาดำเนินงาน cells.
//!
//! Reports write the same period in many ways: `๑ ตุลาคม ๒๕๖๖ - ๓๐ กันยายน ๒๕๖๗`,
//! `1 ต.ค. 66 – 30 ก.ย. 67`, `ตั้งแต่วันที่ … ถึงวันที่ …`, `ตุลาคม 2566 - กันยายน 2567` (whole
//! months), `ปีงบประมาณ พ.ศ. 2567` (a whole fiscal year), `ตลอดปีงบประมาณ` (the fiscal year the
//! plan is for), `ไตรมาสที่ 1` (a fiscal quarter), `01/10/2566`. [`parse_period`] reads them
//! all into a [`Span`]; what it cannot read is a [`DateError`] that says why (the caller turns it
//! into a diagnostic), never a guessed date.
//!
//! Years: 4 digits ≥ 2400 are Buddhist era (BE = Gregorian + 543), 1900–2200 are Gregorian
//! (`ค.ศ.` forces Gregorian); 2 digits are BE (`๖๖` = 2566, as Thai official writing abbreviates
//! years; with `ค.ศ.` they are 20xx). A fiscal year N runs 1 October N−1 to 30 September N.
//!
//! No date crate is used: validating a Gregorian day and finding a month's last day is a few lines
//! of arithmetic, and the crate already has no calendar needs beyond that.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A validated day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The day `year-month-day` (Gregorian), or `None` if it does not exist.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The last day of `month` in `year` (Gregorian); `None` if `month` is not 1–12.
    #[must_use]
    pub fn last_of_month(year: i32, month: u8) -> Option<Date> {
        Date::new(year, month, days_in_month(year, month))
    }

    /// Gregorian year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    /// Month, 1–12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of the month, 1–31.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    #[must_use]
    pub fn iso(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Where a period's dates came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Written out as dates or months with their years.
    Written,
    /// A fiscal year (or quarter) named by its number (`ปีงบประมาณ พ.ศ. 2567`).
    FiscalYear,
    /// The year was not written: it comes from the fiscal year the caller gave
    /// (`ตลอดปีงบประมาณ`, `ไตรมาสที่ 1`, `1 ต.ค. - 30 ก.ย.`).
    Context,
}

/// A period: first and last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub start: Date,
    /// Last day (equal to `start` for a single date).
    pub end: Date,
    /// Whether the text named the years or the caller's fiscal year filled them in.
    pub basis: Basis,
}

/// Why a text is not a date or period. [`DateError::code`] is a stable kebab-case name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// Nothing to read.
    Empty,
    /// A word where a month name belongs that is not a Thai (or English) month name.
    UnknownMonth(String),
    /// A day that the month does not have (`31 กันยายน`, `29 กุมภาพันธ์ 2566`).
    NoSuchDay {
        /// The day as written.
        day: u32,
        /// Month, 1–12.
        month: u8,
        /// Gregorian year.
        year: i32,
    },
    /// A year that is neither a plausible BE nor Gregorian year.
    BadYear(String),
    /// The period ends before it starts.
    EndBeforeStart {
        /// The first day as read.
        start: Date,
        /// The last day as read.
        end: Date,
    },
    /// `ตลอดปีงบประมาณ`, a quarter or a date without a year, and no fiscal year was given.
    NeedsFiscalYear,
    /// A part is missing (a day without a month, a year alone).
    Incomplete(String),
    /// Not a date at all (`ทุกเดือน`, `ต่อเนื่อง`, `ปัจจุบัน`).
    Unrecognized(String),
}

impl DateError {
    /// Stable kebab-case name of the error, for diagnostics and test tables.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            DateError::Empty => "empty",
            DateError::UnknownMonth(_) => "unknown-month",
            DateError::NoSuchDay { .. } => "no-such-day",
            DateError::BadYear(_) => "bad-year",
            DateError::EndBeforeStart { .. } => "end-before-start",
            DateError::NeedsFiscalYear => "needs-fiscal-year",
            DateError::Incomplete(_) => "incomplete",
            DateError::Unrecognized(_) => "unrecognized",
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => write!(f, "no date written"),
            DateError::UnknownMonth(w) => write!(f, "\"{w}\" is not a month name"),
            DateError::NoSuchDay { day, month, year } => write!(
                f,
                "{day} {} {} does not exist ({} has {} days that year)",
                MONTHS[usize::from(*month - 1)].0,
                year + 543,
                MONTHS[usize::from(*month - 1)].0,
                days_in_month(*year, *month)
            ),
            DateError::BadYear(y) => write!(
                f,
                "\"{y}\" is not a plausible year (BE 2400–2700 or AD 1900–2200)"
            ),
            DateError::EndBeforeStart { start, end } => {
                write!(f, "the period ends ({end}) before it starts ({start})")
            }
            DateError::NeedsFiscalYear => {
                write!(
                    f,
                    "the year is not written and no fiscal year is known to fill it in"
                )
            }
            DateError::Incomplete(what) => write!(f, "incomplete date: {what}"),
            DateError::Unrecognized(w) => write!(f, "not a date or period: \"{w}\""),
        }
    }
}

impl std::error::Error for DateError {}

/// Thai month names: full name, dotless abbreviation, informal short form, English name.
const MONTHS: [(&str, &str, &str, &str); 12] = [
    ("มกราคม", "มค", "มกรา", "january"),
    ("กุมภาพันธ์", "กพ", "กุมภา", "february"),
    ("มีนาคม", "มีค", "มีนา", "march"),
    ("เมษายน", "เมย", "เมษา", "april"),
    ("พฤษภาคม", "พค", "พฤษภา", "may"),
    ("มิถุนายน", "มิย", "มิถุนา", "june"),
    ("กรกฎาคม", "กค", "กรกฎา", "july"),
    ("สิงหาคม", "สค", "สิงหา", "august"),
    ("กันยายน", "กย", "กันยา", "september"),
    ("ตุลาคม", "ตค", "ตุลา", "october"),
    ("พฤศจิกายน", "พย", "พฤศจิกา", "november"),
    ("ธันวาคม", "ธค", "ธันวา", "december"),
];

/// Thai name of month `m` (1–12).
#[must_use]
pub fn month_name(m: u8) -> Option<&'static str> {
    MONTHS.get(usize::from(m).checked_sub(1)?).map(|m| m.0)
}

/// Month number of a month word: full or abbreviated Thai name with or without dots
/// (`ตุลาคม`, `ต.ค.`, `ต.ค`, `ตค`), the informal short form (`ตุลา`), the common spelling
/// `กรกฏาคม` (ฏ for ฎ), or an English name or its first three letters.
#[must_use]
pub fn month_number(word: &str) -> Option<u8> {
    let key: String = word
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .collect::<String>()
        .to_lowercase();
    if key.is_empty() {
        return None;
    }
    let key = if key == "กรกฏาคม" {
        "กรกฎาคม".to_owned()
    } else {
        key
    };
    MONTHS
        .iter()
        .position(|(full, abbr, short, en)| {
            key == *full
                || key == *abbr
                || key == *short
                || key == *en
                || (key.len() == 3 && key.is_ascii() && en.starts_with(key.as_str()))
        })
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Gregorian year of Buddhist-era year `be`.
#[must_use]
pub fn gregorian(be: u16) -> i32 {
    i32::from(be) - 543
}

/// Fiscal year `be` (Buddhist era): 1 October `be`−1 to 30 September `be`, in Gregorian dates.
#[must_use]
pub fn fiscal_year(be: u16) -> Span {
    let y = gregorian(be);
    Span {
        start: Date {
            year: y - 1,
            month: 10,
            day: 1,
        },
        end: Date {
            year: y,
            month: 9,
            day: 30,
        },
        basis: Basis::FiscalYear,
    }
}

/// Reads one day (`๓๐ กันยายน ๒๕๖๗`, `30 ก.ย. 67`, `30/09/2567`, `วันที่ 1 ตุลาคม พ.ศ. 2566`).
///
/// # Errors
/// A [`DateError`] saying why the text is not exactly one existing day.
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    let span = parse_period(s, None)?;
    if span.start == span.end && span.basis == Basis::Written {
        Ok(span.start)
    } else {
        Err(DateError::Incomplete(format!(
            "\"{}\" is a period ({} … {}), not one day",
            s.trim(),
            span.start,
            span.end
        )))
    }
}

/// Reads a period in any of the forms reports use (see the module doc). `fiscal_year` (BE) is
/// the fiscal year the text is about — the year of the action plan — used only where the text
/// leaves the year out (`ตลอดปีงบประมาณ`, `ไตรมาสที่ 2`, `1 ต.ค. - 30 ก.ย.`).
///
/// # Errors
/// A [`DateError`] saying why the text is not a period: never a guessed date.
pub fn parse_period(s: &str, fiscal_year: Option<u16>) -> Result<Span, DateError> {
    let text = clean(s);
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    if let Some(span) = fiscal(&text, fiscal_year)? {
        return Ok(span);
    }
    if let Some(span) = quarter(&text, fiscal_year)? {
        return Ok(span);
    }
    let text = FILLER.replace_all(&text, " ");
    let text = YEAR_WORD.replace_all(&text, " $1");
    let text = UNTIL.replace_all(&text, " - ");
    let read = || {
        let tokens = tokenize(&text)?;
        let sides: Vec<&[Tok]> = tokens.split(|t| *t == Tok::Dash).collect();
        match sides.as_slice() {
            [one] => single(&side(one)?, fiscal_year),
            [a, b] => range(side(a)?, side(b)?, fiscal_year),
            _ => Err(DateError::Unrecognized(String::new())),
        }
    };
    // A word that is not a date says little alone: quote the whole text instead.
    read().map_err(|e| match e {
        DateError::Unrecognized(_) => DateError::Unrecognized(s.trim().to_owned()),
        e => e,
    })
}

/// NFC, Thai digits → Arabic, dashes unified, whitespace folded, parentheses dropped.
fn clean(s: &str) -> String {
    let s = crate::normalize::nfc(s);
    let s = crate::normalize::thai_digits_to_arabic(&s);
    let s = crate::normalize::remove_zero_width(&s);
    let s = crate::normalize::strip_markup(&s);
    let s: String = s
        .chars()
        .map(|c| match c {
            '–' | '—' | '‒' | '−' | '~' | '―' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let without = PARENS.replace_all(&s, " ");
    let s = if without.trim().is_empty() {
        s.replace(['(', ')'], " ")
    } else {
        without.into_owned()
    };
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| matches!(c, ',' | ';' | ':'))
        .trim()
        .to_owned()
}

static PARENS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid regex"));
/// Words around dates that carry no value.
static FILLER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ตั้งแต่|ระหว่าง|วันที่|เดือน|ประจำ").expect("valid regex"));
/// `ปี` before a year (`ตุลาคม ปี 2566`, `ปี พ.ศ. 2566`): the year stays, the word goes.
static YEAR_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ปี\s*([พค]\.?\s*ศ|\d)").expect("valid regex"));
/// `ถึง` / `จนถึง` as a range separator.
static UNTIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:จน\s*)?ถึง").expect("valid regex"));
const ERA: &str = r"(?:(?:พ\.?\s*ศ\.?|B\.?E\.?)\s*)?";
static FISCAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:ตลอด\s*)?(?:ทั้ง\s*)?(?:ประจำ\s*)?ปี\s*งบ(?:ประมาณ)?\s*{ERA}(\d{{2,4}})?(?:\s*-\s*{ERA}(\d{{2,4}}))?$"
    ))
    .expect("valid regex")
});
static WHOLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^ตลอด\s*(?:ทั้ง\s*)?ปี$").expect("valid regex"));
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^ไตรมาส(?:ที่)?\s*([1-4])(?:\s*-\s*(?:ไตรมาส(?:ที่)?\s*)?([1-4]))?(?:\s*(?:ของ\s*)?(?:ปี\s*งบ(?:ประมาณ)?\s*)?{ERA}(\d{{2,4}}))?$"
    ))
    .expect("valid regex")
});

/// A fiscal-year number as written: `2567`, `67`.
fn fiscal_number(digits: &str) -> Result<u16, DateError> {
    let n: u16 = digits
        .parse()
        .map_err(|_| DateError::BadYear(digits.to_owned()))?;
    match digits.len() {
        2 => Ok(2500 + n),
        4 if (2400..=2700).contains(&n) => Ok(n),
        _ => Err(DateError::BadYear(digits.to_owned())),
    }
}

/// `ปีงบประมาณ พ.ศ. 2567`, `ปีงบ 67`, `ปีงบประมาณ 2567-2568`, `ตลอดปีงบประมาณ`, `ตลอดปี`.
fn fiscal(text: &str, context: Option<u16>) -> Result<Option<Span>, DateError> {
    if WHOLE_YEAR.is_match(text) {
        let fy = context.ok_or(DateError::NeedsFiscalYear)?;
        return Ok(Some(Span {
            basis: Basis::Context,
            ..fiscal_year(fy)
        }));
    }
    let Some(c) = FISCAL.captures(text) else {
        return Ok(None);
    };
    let (first, basis) = match c.get(1) {
        Some(m) => (fiscal_number(m.as_str())?, Basis::FiscalYear),
        None => (context.ok_or(DateError::NeedsFiscalYear)?, Basis::Context),
    };
    let last = match c.get(2) {
        Some(m) => fiscal_number(m.as_str())?,
        None => first,
    };
    let (a, b) = (fiscal_year(first), fiscal_year(last));
    if b.end < a.start {
        return Err(DateError::EndBeforeStart {
            start: a.start,
            end: b.end,
        });
    }
    Ok(Some(Span {
        start: a.start,
        end: b.end,
        basis,
    }))
}

/// `ไตรมาสที่ 1` … `ไตรมาส 1-2 ปีงบประมาณ 2567`: quarters of the fiscal year (Q1 = Oct–Dec).
fn quarter(text: &str, context: Option<u16>) -> Result<Option<Span>, DateError> {
    let Some(c) = QUARTER.captures(text) else {
        return Ok(None);
    };
    let (fy, basis) = match c.get(3) {
        Some(m) => (fiscal_number(m.as_str())?, Basis::FiscalYear),
        None => (context.ok_or(DateError::NeedsFiscalYear)?, Basis::Context),
    };
    let q1: u8 = c[1].parse().unwrap_or(1);
    let q2: u8 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(q1);
    let y = gregorian(fy);
    let first_month = |q: u8| -> (i32, u8) {
        if q == 1 {
            (y - 1, 10)
        } else {
            (y, 3 * q - 5)
        }
    };
    let (ys, ms) = first_month(q1);
    let (ye, me) = first_month(q2);
    let start = Date::new(ys, ms, 1).ok_or_else(|| DateError::Unrecognized(text.to_owned()))?;
    let end =
        Date::last_of_month(ye, me + 2).ok_or_else(|| DateError::Unrecognized(text.to_owned()))?;
    if end < start {
        return Err(DateError::EndBeforeStart { start, end });
    }
    Ok(Some(Span { start, end, basis }))
}

/// A token of a date expression.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// Digits, with how many were written.
    Num(u32, usize),
    /// `d/m/y`.
    Numeric(u32, u32, u32, usize),
    Month(u8),
    /// `พ.ศ.` (false) or `ค.ศ.` (true).
    Era(bool),
    Word(String),
    Dash,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<numeric>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{2,4})
        | (?P<num>\d+)
        | (?P<thai>[\u0E01-\u0E4F]+(?:\.[\u0E01-\u0E4F]+)*\.?)
        | (?P<latin>[A-Za-z]+\.?(?:[A-Za-z]+\.?)*)
        | (?P<dash>-)
        | (?P<other>[^\s,])",
    )
    .expect("valid regex")
});

fn tokenize(text: &str) -> Result<Vec<Tok>, DateError> {
    let mut out = Vec::new();
    for c in TOKEN.captures_iter(text) {
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        if c.name("numeric").is_some() {
            let y = c.name("y").map_or(0, |m| m.as_str().len());
            out.push(Tok::Numeric(
                num("numeric").unwrap_or(0),
                num("m").unwrap_or(0),
                num("y").unwrap_or(0),
                y,
            ));
        } else if let Some(m) = c.name("num") {
            let n = m
                .as_str()
                .parse()
                .map_err(|_| DateError::BadYear(m.as_str().to_owned()))?;
            out.push(Tok::Num(n, m.as_str().len()));
        } else if let Some(m) = c.name("thai").or(c.name("latin")) {
            let w = m.as_str();
            let key: String = w.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
            out.push(match key.to_ascii_uppercase().as_str() {
                "พศ" | "BE" => Tok::Era(false),
                "คศ" | "AD" | "CE" => Tok::Era(true),
                _ => month_number(w).map_or_else(|| Tok::Word(w.to_owned()), Tok::Month),
            });
        } else if c.name("dash").is_some() {
            out.push(Tok::Dash);
        } else if let Some(m) = c.name("other") {
            return Err(DateError::Unrecognized(m.as_str().to_owned()));
        }
    }
    Ok(out)
}

/// One side of a period, as written: any part may be missing.
#[derive(Debug, Clone, Copy, Default)]
struct Partial {
    day: Option<u32>,
    month: Option<u8>,
    /// Gregorian.
    year: Option<i32>,
}

/// The Gregorian year of a written year of `digits` digits.
fn year(n: u32, digits: usize, gregorian_era: Option<bool>) -> Result<i32, DateError> {
    let n = i32::try_from(n).map_err(|_| DateError::BadYear(n.to_string()))?;
    match (digits, gregorian_era) {
        (1 | 2, Some(true)) => Ok(2000 + n),
        (1 | 2, _) => Ok(2500 + n - 543),
        (4, Some(true)) if (1900..=2200).contains(&n) => Ok(n),
        (4, Some(false) | None) if (2400..=2700).contains(&n) => Ok(n - 543),
        (4, None) if (1900..=2200).contains(&n) => Ok(n),
        _ => Err(DateError::BadYear(n.to_string())),
    }
}

/// Reads one side of a period: `[day] [month] [era] [year] [era]` or `d/m/y`.
fn side(tokens: &[Tok]) -> Result<Partial, DateError> {
    let mut p = Partial::default();
    let era = tokens.iter().find_map(|t| match t {
        Tok::Era(g) => Some(*g),
        _ => None,
    });
    let mut pending_year: Option<(u32, usize)> = None;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Tok::Numeric(d, m, y, digits) => {
                if p.day.is_some() || p.month.is_some() || pending_year.is_some() {
                    return Err(DateError::Unrecognized(format!("{d}/{m}/{y}")));
                }
                p.day = Some(*d);
                p.month = Some(
                    u8::try_from(*m)
                        .ok()
                        .filter(|m| (1..=12).contains(m))
                        .ok_or_else(|| DateError::UnknownMonth(m.to_string()))?,
                );
                pending_year = Some((*y, *digits));
            }
            Tok::Num(n, digits) => {
                if p.month.is_none() && p.day.is_none() && *digits <= 2 && (1..=31).contains(n) {
                    p.day = Some(*n);
                } else if pending_year.is_none() && (p.month.is_some() || *digits == 4) {
                    pending_year = Some((*n, *digits));
                } else {
                    return Err(DateError::Unrecognized(n.to_string()));
                }
            }
            Tok::Month(m) => {
                if p.month.is_some() || pending_year.is_some() {
                    return Err(DateError::Unrecognized(
                        month_name(*m).unwrap_or("").to_owned(),
                    ));
                }
                p.month = Some(*m);
            }
            Tok::Era(_) => {}
            Tok::Word(w) => {
                let year_follows =
                    matches!(tokens.get(i + 1), Some(Tok::Num(_, 2 | 4) | Tok::Era(_)));
                return Err(if p.month.is_none() && (p.day.is_some() || year_follows) {
                    DateError::UnknownMonth(w.clone())
                } else {
                    DateError::Unrecognized(w.clone())
                });
            }
            Tok::Dash => return Err(DateError::Unrecognized("-".to_owned())),
        }
    }
    if let Some((n, digits)) = pending_year {
        p.year = Some(year(n, digits, era)?);
    }
    Ok(p)
}

/// The Gregorian year of `month` in fiscal year `fy` (BE): October–December fall in the year before.
fn year_in_fiscal(month: u8, fy: u16) -> i32 {
    if month >= 10 {
        gregorian(fy) - 1
    } else {
        gregorian(fy)
    }
}

fn day(p: Partial, first: bool) -> Result<Date, DateError> {
    let (Some(month), Some(year)) = (p.month, p.year) else {
        return Err(DateError::Incomplete(
            "a month and year are needed".to_owned(),
        ));
    };
    match p.day {
        None if first => Date::new(year, month, 1),
        None => Date::last_of_month(year, month),
        Some(d) => u8::try_from(d).ok().and_then(|d| Date::new(year, month, d)),
    }
    .ok_or(DateError::NoSuchDay {
        day: p.day.unwrap_or(0),
        month,
        year,
    })
}

/// A single date (`1 ตุลาคม 2566`) or month (`ตุลาคม 2566`).
fn single(p: &Partial, context: Option<u16>) -> Result<Span, DateError> {
    let mut p = *p;
    let mut basis = Basis::Written;
    match (p.month, p.year) {
        (None, Some(_)) => {
            return Err(DateError::Incomplete(
                "a year alone (calendar or fiscal?) is not a period".to_owned(),
            ))
        }
        (None, None) => return Err(DateError::Incomplete("no month".to_owned())),
        (Some(m), None) => {
            p.year = Some(year_in_fiscal(
                m,
                context.ok_or(DateError::NeedsFiscalYear)?,
            ));
            basis = Basis::Context;
        }
        (Some(_), Some(_)) => {}
    }
    Ok(Span {
        start: day(p, true)?,
        end: day(p, false)?,
        basis,
    })
}

/// A range: the sides lend each other what they leave out (`1-30 ตุลาคม 2566`,
/// `ตุลาคม - ธันวาคม 2566`, `1 ต.ค. 2566 - 30 ก.ย.`).
fn range(mut a: Partial, mut b: Partial, context: Option<u16>) -> Result<Span, DateError> {
    let mut basis = Basis::Written;
    if a.month.is_none() && a.year.is_none() {
        a.month = b.month;
    }
    match (a.year, b.year, a.month, b.month) {
        (_, _, None, _) | (_, _, _, None) => {
            return Err(DateError::Incomplete(
                "each end of the period needs a month".to_owned(),
            ))
        }
        (None, Some(yb), Some(ma), Some(mb)) => a.year = Some(if ma > mb { yb - 1 } else { yb }),
        (Some(ya), None, Some(ma), Some(mb)) => b.year = Some(if mb < ma { ya + 1 } else { ya }),
        (None, None, Some(ma), Some(mb)) => {
            let fy = context.ok_or(DateError::NeedsFiscalYear)?;
            a.year = Some(year_in_fiscal(ma, fy));
            b.year = Some(year_in_fiscal(mb, fy));
            basis = Basis::Context;
        }
        (Some(_), Some(_), _, _) => {}
    }
    let (start, end) = (day(a, true)?, day(b, false)?);
    if end < start {
        return Err(DateError::EndBeforeStart { start, end });
    }
    Ok(Span { start, end, basis })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case of `fixtures/dates/cases.tsv`.
    struct Case<'a> {
        line: usize,
        input: &'a str,
        fiscal_year: Option<u16>,
        expect: &'a str,
        end: &'a str,
        basis: &'a str,
    }

    fn cases() -> Vec<Case<'static>> {
        include_str!("../fixtures/dates/cases.tsv")
            .lines()
            .enumerate()
            .skip(1)
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|(i, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                assert!(
                    cols.len() >= 5,
                    "cases.tsv line {}: 5 columns needed: {l:?}",
                    i + 1
                );
                Case {
                    line: i + 1,
                    input: cols[0],
                    fiscal_year: cols[1].parse().ok(),
                    expect: cols[2],
                    end: cols[3],
                    basis: cols[4],
                }
            })
            .collect()
    }

    #[test]
    fn table_of_real_world_forms() {
        let cases = cases();
        assert!(cases.len() >= 30, "only {} cases", cases.len());
        let mut failures = Vec::new();
        for c in &cases {
            let got = parse_period(c.input, c.fiscal_year);
            let ok = match (&got, c.expect.strip_prefix('!')) {
                (Err(e), Some(code)) => e.code() == code,
                (Ok(s), None) => {
                    let basis = match s.basis {
                        Basis::Written => "written",
                        Basis::FiscalYear => "fiscal-year",
                        Basis::Context => "context",
                    };
                    s.start.iso() == c.expect && s.end.iso() == c.end && basis == c.basis
                }
                _ => false,
            };
            if !ok {
                failures.push(format!(
                    "line {}: {:?} (fy {:?}): want {} {} {}, got {got:?}",
                    c.line, c.input, c.fiscal_year, c.expect, c.end, c.basis
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn errors_say_why() {
        let e = parse_period("31 กันยายน 2567", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "31 กันยายน 2567 does not exist (กันยายน has 30 days that year)"
        );
        let e = parse_period("๑ ตุลาคน ๒๕๖๖ - ๓๐ กันยายน ๒๕๖๗", None).unwrap_err();
        assert_eq!(e, DateError::UnknownMonth("ตุลาคน".to_owned()));
    }

    #[test]
    fn single_dates() {
        assert_eq!(parse_date("๓๐ กันยายน ๒๕๖๗").unwrap().iso(), "2024-09-30");
        assert_eq!(parse_date("29 ก.พ. 67").unwrap().iso(), "2024-02-29");
        assert!(parse_date("ตุลาคม 2566").is_err());
    }

    #[test]
    fn fiscal_year_bounds() {
        let fy = fiscal_year(2567);
        assert_eq!(
            (fy.start.iso(), fy.end.iso()),
            ("2023-10-01".into(), "2024-09-30".into())
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("ต.ค."), Some(10));
        assert_eq!(month_number("ต.ค"), Some(10));
        assert_eq!(month_number("กรกฏาคม"), Some(7));
        assert_eq!(month_number("Sep"), Some(9));
        assert_eq!(month_number("ตุลาคน"), None);
    }
}
