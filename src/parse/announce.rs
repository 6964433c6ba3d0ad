//! Result announcements and news items in prose: one [`ResultEntry`] per agency the text
//! gives a result for.
//!
//! The agencies are the names the text writes (the subject of a sentence, a name in quotes
//! after `คือ`, a name in a list): a local government with its prefix (`เทศบาลตำบล…`, `อบต.…`,
//! expanded to the full name), a municipality written without its type (`เทศบาลสันผักหวาน`,
//! kept as written), another agency's full name (`สำนักงาน…`, `กรม…`, `มหาวิทยาลัย…`) or its
//! short form (`สพฐ.`, `สปสช.`, kept as written; a short form in parentheses after a full name
//! is that name). The assessor (ป.ป.ช.) is never one.
//!
//! Each agency's values are read from the text after its name up to the next agency's name
//! (at most three more lines): the fiscal year (`ปี 2564`, `ประจำปีงบประมาณ พ.ศ. 2565`,
//! `ITA 2566`; else the last year written before the name), the score (a number introduced as
//! one — `คะแนน X`, `ได้ X`, `X คะแนน`, `จำนวน X คะแนน` — never a year, a date, a count
//! `8,303 หน่วยงาน`, a share or range `ร้อยละ 5-15`, full marks `คะแนนเต็ม 100`, a rank, a tool's
//! or another year's score), the result (`ผ่าน`, `ผ่านดี`, `AA`–`F` after `ผลการประเมิน`,
//! `ระดับ`, `อยู่ในเกณฑ์`…), the rank (`ลำดับที่ 3 ของอำเภอสันทราย`, `ลำดับที่ 41 จาก 198 แห่ง`,
//! or `ลำดับที่ N` written right before the name) and the group (`ประเภทที่ 1`, the last one
//! written before the name).

use std::sync::LazyLock;

use regex::Regex;

use super::vocab::{self, Measure};
use super::{cover, Diagnostics};
use crate::model::{At, ResultEntry};
use crate::normalize::Line;

/// One entry with the place of its score.
#[derive(Debug, Clone)]
pub struct Read {
    /// The entry.
    pub entry: ResultEntry,
    /// Where its score was read.
    pub score_at: Option<At>,
}

/// Local-government prefixes (full and abbreviated), then a municipality without its type,
/// then other agencies' full-name words.
const LOCAL: &str = "องค์การบริหารส่วนจังหวัด|องค์การบริหารส่วนตำบล|เทศบาลนคร|เทศบาลเมือง|เทศบาลตำบล|กรุงเทพมหานคร|เมืองพัทยา|อบจ\\.|อบต\\.|ทน\\.|ทม\\.|ทต\\.";
const OTHER: &str = "สำนัก|กรม|กระทรวง|มหาวิทยาลัย|วิทยาลัย|โรงพยาบาล|สถาบัน|การไฟฟ้า|การประปา|การรถไฟ|การท่าเรือ|องค์การ|ธนาคาร|ศาล|กองทัพ";

/// An agency's name: its prefix and the letters after it up to a space, quote, bracket, comma,
/// Latin letter or digit.
static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:^|[\s"“”'(:]|ของ|กับ|แก่|คือ|โดย)((?:{LOCAL})\s?[^\s"“”'(),A-Za-z0-9]*|เทศบาล[^\s"“”'(),A-Za-z0-9ฯ]+|(?:{OTHER})[^\s"“”'(),A-Za-z0-9]+|[ก-ฮ]{{2,6}}\.)"#
    ))
    .expect("valid regex")
});
/// Words a name written without a space runs into: the name ends there.
static NAME_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:ได้รับ|ได้คะแนน|ได้ผล|ผ่านการ|คว้า|มีผล|มีคะแนน|ซึ่ง|โดยมี|ประจำปี|ในการ|ขอแสดง|เข้ารับ|อยู่ใน|อยู่ที่|จัดทำ|ประกาศ)")
        .expect("valid regex")
});
/// The assessor and words that are no agency.
const NOT_AGENCIES: [&str; 5] = ["ป.ป.ช", "ปปช", "ป้องกันและปราบปรามการทุจริต", "ฯลฯ", "เทศบาลฯ"];

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:ปีงบประมาณ|ประจำปี|ปี|พ\.\s?ศ\.?|ITA|ไอทีเอ)\s*(?:งบประมาณ)?\s*(?:พ\.\s?ศ\.?)?\s*(25[5-9]\d)(?:[^\d]|$)")
        .expect("valid regex")
});
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\d+)?").expect("valid regex"));
/// Words right before a number that introduce it as a score.
static INTRODUCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:คะแนน(?:รวม)?(?:เฉลี่ย)?(?:ที่ได้(?:รับ)?)?(?:\s*ITA)?|ได้(?:รับ)?(?:คะแนน)?|เท่ากับ|อยู่ที่|ผลการประเมิน(?:\s*ITA)?|ผลคะแนน|รวม|[:=])\s*$")
        .expect("valid regex")
});
static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?:ผลการประเมิน|อยู่ในระดับ|อยู่ในเกณฑ์|ได้ระดับ|ระดับ|เกณฑ์|ได้รับผล)\s*(?:ITA\s*)?(?:คือ|เป็น|อยู่ใน|ได้|:)?\s*:?\s*["“”'(]?\s*({})(?:[^A-Za-z]|$)"#,
        vocab::RESULT
    ))
    .expect("valid regex")
});
static RANK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:ลำดับที่|อันดับที่|ลำดับ|อันดับ)\s*(\d{1,5})(?:\s*(?:จาก(?:ทั้งหมด)?\s*(\d[\d,]*)\s*(?:แห่ง|หน่วยงาน|อปท\.?)?))?(?:\s*ของ\s*([^\s\t,()]+))?(?:\s*(?:จาก(?:ทั้งหมด)?\s*(\d[\d,]*)\s*(?:แห่ง|หน่วยงาน|อปท\.?)?))?")
        .expect("valid regex")
});
/// `ลำดับที่ N` right before a name (a ranking list in prose).
/// A name in quotes after `คือ` / `ได้แก่` (`คือ "กรมบัญชีกลาง"`): an agency whatever its words.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:คือ|ได้แก่)\s*["“]([^"“”\t]{3,120})["”]"#).expect("valid regex")
});
static RANK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:ลำดับที่|อันดับที่|ลำดับ|อันดับ)\s*(\d{1,5})\s*[:.)]?\s*(?:ได้แก่|คือ)?\s*["“]?$"#)
        .expect("valid regex")
});
static GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ประเภทที่\s*(\d{1,2})").expect("valid regex"));

/// Words after a number that make it no score (a date's month, a time, a count, a share).
const NOT_SCORE_AFTER: [&str; 32] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
    "ม.ค",
    "ก.พ",
    "มี.ค",
    "เม.ย",
    "พ.ค",
    "มิ.ย",
    "ก.ค",
    "ส.ค",
    "ก.ย",
    "ต.ค",
    "พ.ย",
    "ธ.ค",
    "น.",
    "นาฬิกา",
    "โมง",
    "ลำดับ",
    "อันดับ",
    "คะแนนขึ้นไป",
    "ของคะแนน",
    "แต้ม",
];
/// Words right before a number that make it no score, beside [`vocab::DECOYS_BEFORE`].
const NOT_SCORE_BEFORE: [&str; 7] = ["วันที่", "เวลา", "กว่า", "ประเภท", "ประเภทที่", "อันดับที่", "อันดับ"];

/// A name found in the text.
#[derive(Debug, Clone)]
struct Mention {
    line: usize,
    start: usize,
    end: usize,
    written: String,
    name: String,
}

/// Every agency name of `lines`, in order.
fn mentions(lines: &[Line]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut aliases: Vec<(String, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        // Names in quotes after คือ / ได้แก่, whatever their words; then names by their prefix
        // outside those quotes.
        let quoted: Vec<regex::Match<'_>> = QUOTED
            .captures_iter(&l.text)
            .filter_map(|c| c.get(1))
            .collect();
        let mut found: Vec<(regex::Match<'_>, bool)> = quoted.iter().map(|&m| (m, true)).collect();
        found.extend(
            MENTION
                .captures_iter(&l.text)
                .filter_map(|c| c.get(1))
                .filter(|m| {
                    !quoted
                        .iter()
                        .any(|q| q.start() <= m.start() && m.start() < q.end())
                })
                .map(|m| (m, false)),
        );
        found.sort_by_key(|(m, _)| m.start());
        for (m, is_quoted) in found {
            let raw = m.as_str();
            let mut written = raw.trim().to_owned();
            if let Some(e) = NAME_END
                .find(&written)
                .filter(|e| e.start() > 0 && !is_quoted)
            {
                written.truncate(e.start());
            }
            let end = if is_quoted {
                m.end()
            } else {
                m.start() + written.len()
            };
            let typed = cover::agency_type(&written).is_some();
            let written = if typed {
                cover::cut_at_place(&written)
            } else {
                written
            };
            let written = written.trim().to_owned();
            if NOT_AGENCIES.iter().any(|n| written.contains(n)) {
                continue;
            }
            // A prefix alone is no name (`สำนักงาน ป.ป.ช.`, `เทศบาล ได้…`).
            let rest = LOCAL
                .split('|')
                .chain(OTHER.split('|'))
                .chain(["เทศบาล", "สำนักงาน"])
                .map(|p| p.replace('\\', ""))
                .filter_map(|p| written.strip_prefix(p.as_str()).map(str::to_owned))
                .map(|r| r.trim().chars().count())
                .min();
            let short = written.ends_with('.') && !typed;
            let whole = matches!(written.as_str(), "กรุงเทพมหานคร" | "เมืองพัทยา");
            if !is_quoted && !short && !whole && rest.is_some_and(|n| n < 2)
                || written.starts_with("ศาลา")
                || written.chars().count() < 3
            {
                continue;
            }
            let name = if typed {
                cover::expand(&written)
            } else {
                written.clone()
            };
            // A short form in parentheses right after a full name is that name.
            if short {
                if let Some(prev) = out.last() {
                    let between = l.text.get(prev.end..m.start()).unwrap_or("x");
                    if prev.line == i && between.trim() == "(" {
                        aliases.push((written.clone(), prev.name.clone()));
                        continue;
                    }
                }
            }
            let name = aliases
                .iter()
                .find(|(s, _)| *s == name)
                .map_or(name, |(_, full)| full.clone());
            out.push(Mention {
                line: i,
                start: m.start(),
                end,
                written,
                name,
            });
        }
    }
    out
}

/// Does the text name the ITA and give a result for at least one agency (an announcement)?
#[must_use]
pub fn gives_results(lines: &[Line]) -> bool {
    lines.iter().any(|l| {
        vocab::anchors(&l.text)
            .iter()
            .any(|a| a.measure == Measure::Ita)
    }) && !read(lines, &mut Diagnostics::default()).is_empty()
}

/// Every agency's result, one entry per agency in order of first mention.
pub fn read(lines: &[Line], diags: &mut Diagnostics) -> Vec<Read> {
    let ms = mentions(lines);
    if ms.is_empty() {
        return Vec::new();
    }
    let carried = carried(lines);
    let mut out: Vec<Read> = Vec::new();
    for (k, m) in ms.iter().enumerate() {
        let next = ms.get(k + 1);
        let (segment, starts) = segment(lines, m, next);
        // What was stated before the name: on its line, else on the lines above.
        let own = &lines[m.line].text[..m.start];
        let (year_above, group_above) = &carried[m.line];
        let year = YEAR
            .captures(&segment)
            .and_then(|c| c[1].parse::<u16>().ok())
            .or_else(|| last_year(own))
            .or(*year_above);
        let (score, score_at) = match score(&segment, year) {
            Some((v, off)) => (Some(v), Some(super::candidates::line_at(&starts, off))),
            None => (None, None),
        };
        let result = RESULT
            .captures_iter(&segment)
            .map(|c| c.get(1).expect("group 1"))
            .find(|r| {
                // `ผ่านระบบ`, `ผ่านทาง`: "through", not "passed".
                let after = &segment[r.end()..];
                !(r.as_str() == "ผ่าน"
                    && ["ระบบ", "ทาง", "เว็บ", "ช่องทาง", "การ"]
                        .iter()
                        .any(|w| after.starts_with(w)))
            })
            .map(|r| r.as_str().to_owned());
        if score.is_none() && result.is_none() {
            continue;
        }
        let (mut rank, mut rank_of, mut rank_scope) = (None, None, None);
        let own_line = &lines[m.line].text[..m.start];
        if let Some(c) = RANK_BEFORE.captures(own_line) {
            rank = c[1].parse().ok();
        } else if let Some(c) = RANK.captures(&segment) {
            rank = c[1].parse().ok();
            rank_of = c
                .get(2)
                .or(c.get(4))
                .and_then(|n| n.as_str().replace(',', "").parse().ok());
            rank_scope = c.get(3).map(|s| s.as_str().to_owned());
        }
        let group = GROUP
            .captures_iter(own)
            .last()
            .map(|c| c[1].to_owned())
            .or_else(|| group_above.clone())
            .map(|n| format!("ประเภทที่ {n}"));
        let entry = ResultEntry {
            agency: m.name.clone(),
            agency_as_written: m.written.clone(),
            fiscal_year: year,
            score,
            result,
            rank,
            rank_of,
            rank_scope,
            group,
            at: lines[m.line].at,
        };
        // The same agency named again (a headline and its story): one entry.
        if let Some(same) = out
            .iter_mut()
            .find(|r| same_agency(&r.entry.agency, &entry.agency))
        {
            let e = &mut same.entry;
            // The name with its type (`เทศบาลตำบลบ้านสวน`) over the one without (`เทศบาลบ้านสวน`).
            if cover::agency_type(&e.agency).is_none()
                && cover::agency_type(&entry.agency).is_some()
            {
                e.agency.clone_from(&entry.agency);
                e.agency_as_written.clone_from(&entry.agency_as_written);
            }
            if let (Some(a), Some(b)) = (e.score, entry.score) {
                if (a - b).abs() > 1e-9 && e.fiscal_year == entry.fiscal_year {
                    diags.warn(
                        "value-conflict",
                        Some(entry.at),
                        format!(
                            "{} is given the score {a} (line {}) and {b} (line {}); left empty",
                            e.agency, e.at.line, entry.at.line
                        ),
                    );
                    e.score = None;
                    same.score_at = None;
                    continue;
                }
            }
            if e.score.is_none() && entry.score.is_some() {
                e.score = entry.score;
                same.score_at = score_at;
            }
            e.fiscal_year = e.fiscal_year.or(entry.fiscal_year);
            e.result = e.result.take().or(entry.result);
            e.rank = e.rank.or(entry.rank);
            e.rank_of = e.rank_of.or(entry.rank_of);
            e.rank_scope = e.rank_scope.take().or(entry.rank_scope);
            e.group = e.group.take().or(entry.group);
            continue;
        }
        out.push(Read { entry, score_at });
    }
    out
}

/// One agency named twice: the same name, or a municipality with and without its type
/// (`เทศบาลตำบลบ้านสวน`, `เทศบาลบ้านสวน`).
fn same_agency(a: &str, b: &str) -> bool {
    let key = |n: &str| {
        ["เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล"]
            .iter()
            .find_map(|t| n.strip_prefix(t))
            .or_else(|| n.strip_prefix("เทศบาล"))
            .map_or_else(|| n.to_owned(), |rest| format!("เทศบาล{rest}"))
    };
    a == b || key(a) == key(b)
}

/// The text after `m` up to the next name (on the same line: up to a `ลำดับที่ N` written
/// right before it), and up to three more non-blank lines; with each line's start offset.
fn segment(lines: &[Line], m: &Mention, next: Option<&Mention>) -> (String, Vec<(usize, At)>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut extra = 0;
    for (i, l) in lines.iter().enumerate().skip(m.line) {
        if l.text.is_empty() {
            continue;
        }
        if i > m.line {
            // A question row (`ข้อ o42 … ได้ 100 คะแนน`) scores a question, not the agency.
            if extra == 3
                || next.is_some_and(|n| n.line <= i)
                || super::questions::starts_with_id(&l.text)
            {
                break;
            }
            extra += 1;
            text.push('\n');
        }
        let from = if i == m.line { m.end } else { 0 };
        let mut to = l.text.len();
        if let Some(n) = next.filter(|n| n.line == i) {
            to = n.start;
            if let Some(r) = RANK_BEFORE.find(&l.text[from..to.max(from)]) {
                to = from + r.start();
            }
        }
        starts.push((text.len(), l.at));
        text.push_str(&l.text[from..to.max(from)]);
    }
    (text, starts)
}

/// For each line, the last fiscal year and group (`ประเภทที่ N`) stated on the lines above it.
fn carried(lines: &[Line]) -> Vec<(Option<u16>, Option<String>)> {
    let mut out = Vec::with_capacity(lines.len());
    let (mut year, mut group) = (None, None);
    for l in lines {
        out.push((year, group.clone()));
        year = last_year(&l.text).or(year);
        group = GROUP
            .captures_iter(&l.text)
            .last()
            .map(|c| c[1].to_owned())
            .or(group);
    }
    out
}

fn last_year(text: &str) -> Option<u16> {
    YEAR.captures_iter(text)
        .last()
        .and_then(|c| c[1].parse().ok())
}

/// The first number of `seg` introduced as the agency's ITA score, with its offset. Numbers
/// after another year's mention, a tool's anchor, or a decoy word are skipped.
fn score(seg: &str, year: Option<u16>) -> Option<(f64, usize)> {
    // The vocabulary's anchors, found only when a number gets that far.
    let mut anchors: Option<Vec<vocab::Anchor>> = None;
    // The years stated with a year word (`ปี 2565`, `พ.ศ. 2566`, `ITA 2566`), not a date's.
    let stated: Vec<(usize, u16)> = YEAR
        .captures_iter(seg)
        .filter_map(|c| Some((c.get(1)?.end(), c[1].parse().ok()?)))
        .collect();
    for m in NUMBER.find_iter(seg) {
        let s = m.as_str();
        if s.parse::<u16>()
            .is_ok_and(|y| (2500..=2650).contains(&y) || (1990..=2100).contains(&y))
            || s.contains(',')
        {
            continue;
        }
        // A number stated under another year (`เทียบกับปี 2565 ที่ได้ …`) is that year's.
        let under = stated
            .iter()
            .rev()
            .find(|(end, _)| *end <= m.start())
            .map(|y| y.1);
        if under.is_some_and(|y| Some(y) != year) {
            continue;
        }
        let Some(v) = super::score(s) else { continue };
        let before = &seg[..m.start()];
        let b = before.trim_end();
        let after = seg[m.end()..].split('\n').next().unwrap_or("");
        let a = after.trim_start();
        if before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == ',')
            || b.ends_with(['-', '–', '—', '/', '+', '±'])
            || a.starts_with(['-', '–', '—', '/', '%'])
        {
            continue;
        }
        let scored_after = a.starts_with("คะแนน") && !a.starts_with("คะแนนขึ้นไป");
        let decoy_before = vocab::DECOYS_BEFORE
            .iter()
            .chain(NOT_SCORE_BEFORE.iter())
            .any(|d| b.ends_with(d) && !(*d == "จำนวน" && scored_after));
        let decoy_after = vocab::DECOYS_AFTER
            .iter()
            .chain(NOT_SCORE_AFTER.iter())
            .any(|d| a.starts_with(d));
        if decoy_before || decoy_after {
            continue;
        }
        // Full marks nearby (`คะแนนเต็ม 100`, `เต็ม 100 คะแนน`).
        let near: String = b
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if near.contains("เต็ม") || near.contains("ร้อยละ") {
            continue;
        }
        // The first number after a tool's or an indicator's anchor is its score
        // (`IIT 95.12 EIT 90.00`); a later one with its own introducer may be the total.
        if anchors
            .get_or_insert_with(|| vocab::anchors(seg))
            .iter()
            .rev()
            .find(|x| x.end <= m.start())
            .is_some_and(|x| x.measure != Measure::Ita && !NUMBER.is_match(&seg[x.end..m.start()]))
        {
            continue;
        }
        if INTRODUCED.is_match(b) || scored_after {
            return Some((v, m.start()));
        }
    }
    None
}
