//! The ITA framework (fiscal 2565–2568): indicators, tools, topics, weights.
//!
//! Source: `docs/ITA.md` (NACC's framework as used by local-government analysis reports).

use crate::model::Tool;

/// Canonical NACC name of indicator `no` (1–10) in fiscal year `year` (Buddhist era).
///
/// Indicator 8 was "การปรับปรุงระบบการทำงาน" until 2565.
#[must_use]
pub fn indicator_name(no: u8, year: Option<u16>) -> Option<&'static str> {
    Some(match no {
        1 => "การปฏิบัติหน้าที่",
        2 => "การใช้งบประมาณ",
        3 => "การใช้อำนาจ",
        4 => "การใช้ทรัพย์สินของราชการ",
        5 => "การแก้ไขปัญหาการทุจริต",
        6 => "คุณภาพการดำเนินงาน",
        7 => "ประสิทธิภาพการสื่อสาร",
        8 if year.is_some_and(|y| y <= 2565) => "การปรับปรุงระบบการทำงาน",
        8 => "การปรับปรุงการทำงาน",
        9 => "การเปิดเผยข้อมูล",
        10 => "การป้องกันการทุจริต",
        _ => return None,
    })
}

/// Tool whose scores feed indicator `no`: 1–5 IIT, 6–8 EIT, 9–10 OIT.
#[must_use]
pub fn indicator_tool(no: u8) -> Option<Tool> {
    match no {
        1..=5 => Some(Tool::Iit),
        6..=8 => Some(Tool::Eit),
        9 | 10 => Some(Tool::Oit),
        _ => None,
    }
}

/// The seven analysis topics (ประเด็นที่ 1–7) of the report template.
pub const TOPICS: [&str; 7] = [
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
];

/// Number of indicators in the ten-indicator framework.
pub const INDICATOR_COUNT: u8 = 10;

/// Tool weights in the ITA score: 0.3·IIT + 0.3·EIT + 0.4·OIT (fiscal 2562 onwards).
pub const WEIGHTS: [(Tool, f64); 3] = [(Tool::Iit, 0.3), (Tool::Eit, 0.3), (Tool::Oit, 0.4)];

/// Published figures are rounded to 2 decimals, so recomputations agree within this.
pub const TOLERANCE: f64 = 0.02;

/// Which framework a fiscal year used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    /// 2560–2561: five indices (ดัชนี), not the ten-indicator layout: unsupported.
    FiveIndices,
    /// 2562–2568: ten indicators, IIT/EIT/OIT.
    TenIndicators,
    /// A year this table does not know (checks use the 2566–2568 layout and say so).
    Unknown,
}

/// The framework of fiscal year `year` (Buddhist era).
#[must_use]
pub fn era(year: u16) -> Era {
    match year {
        2560 | 2561 => Era::FiveIndices,
        2562..=2568 => Era::TenIndicators,
        _ => Era::Unknown,
    }
}

/// How results are labelled in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultScheme {
    /// Through 2565: grades AA, A, B, C, D, E, F.
    Grades,
    /// From 2566: ผ่าน / ไม่ผ่าน at 85, with the rating ผ่านดีเยี่ยม / ผ่านดี / ผ่าน /
    /// ต้องปรับปรุง / ต้องปรับปรุงโดยด่วน.
    PassFail,
}

/// The result scheme of fiscal year `year` (the newest scheme when unknown).
#[must_use]
pub fn result_scheme(year: Option<u16>) -> ResultScheme {
    match year {
        Some(y) if y <= 2565 => ResultScheme::Grades,
        _ => ResultScheme::PassFail,
    }
}

/// The grade (through 2565) for an ITA score.
#[must_use]
pub fn grade(score: f64) -> &'static str {
    match score {
        s if s >= 95.0 => "AA",
        s if s >= 85.0 => "A",
        s if s >= 75.0 => "B",
        s if s >= 65.0 => "C",
        s if s >= 55.0 => "D",
        s if s >= 50.0 => "E",
        _ => "F",
    }
}

/// The rating (from 2566) for an ITA score and its tool scores.
#[must_use]
pub fn rating(ita: f64, tools: &[f64]) -> &'static str {
    let all = |min: f64| ita >= min && tools.iter().all(|&t| t >= min);
    if all(95.0) {
        "ผ่านดีเยี่ยม"
    } else if all(85.0) {
        "ผ่านดี"
    } else if ita >= 85.0 {
        "ผ่าน"
    } else if ita >= 70.0 {
        "ต้องปรับปรุง"
    } else {
        "ต้องปรับปรุงโดยด่วน"
    }
}

/// Question numbers of `tool` in fiscal year `year`, when the table knows them.
///
/// IIT i1–i30 and EIT e1–e15 for 2562–2568; OIT o1–o43 for 2564–2566 (other years' OIT
/// checklists differ in length and are not in this table: `None`).
#[must_use]
pub fn question_range(tool: Tool, year: Option<u16>) -> Option<std::ops::RangeInclusive<u16>> {
    let known = year.is_some_and(|y| era(y) == Era::TenIndicators);
    match tool {
        Tool::Iit if known => Some(1..=30),
        Tool::Eit if known => Some(1..=15),
        Tool::Oit if year.is_some_and(|y| (2564..=2566).contains(&y)) => Some(1..=43),
        _ => None,
    }
}

/// The questions that make up indicator `no`: its tool and question numbers, when known.
///
/// IIT indicators 1–5 hold six questions each (i1–i6, …, i25–i30); EIT indicators 6–8 five
/// each (e1–e5, e6–e10, e11–e15). OIT splits by year: 2564–2565 9 = o1–o33 (9.1–9.5) and
/// 10 = o34–o43 (from o34 เจตจำนงสุจริตของผู้บริหาร); 2566 9 = o1–o30 and 10 = o31–o43.
#[must_use]
pub fn indicator_questions(
    no: u8,
    year: Option<u16>,
) -> Option<(Tool, std::ops::RangeInclusive<u16>)> {
    let tool = indicator_tool(no)?;
    question_range(tool, year)?;
    let n = u16::from(no);
    Some(match no {
        1..=5 => (tool, 6 * n - 5..=6 * n),
        6..=8 => (tool, 5 * (n - 6) + 1..=5 * (n - 5)),
        9 if year.is_some_and(|y| y <= 2565) => (tool, 1..=33),
        9 => (tool, 1..=30),
        _ if year.is_some_and(|y| y <= 2565) => (tool, 34..=43),
        _ => (tool, 31..=43),
    })
}

/// The ids (`i1` … `i6`) of IIT indicator `no`'s six questions in fiscal year `year`, with
/// their numbers: an IIT indicator's score is their [`mean`]. `None` for EIT and OIT
/// indicators (their scores are not plain means of the items listed).
#[must_use]
pub fn iit_indicator_ids(
    no: u8,
    year: Option<u16>,
) -> Option<(std::ops::RangeInclusive<u16>, Vec<String>)> {
    let (Tool::Iit, range) = indicator_questions(no, year)? else {
        return None;
    };
    let ids = range.clone().map(|n| format!("i{n}")).collect();
    Some((range, ids))
}

/// The mean of `xs`: a tool's score is its indicators' mean, an IIT indicator's its
/// questions' (one definition for the audit, the parser's choices and OCR's checks).
#[must_use]
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The indicator (1–10) question `id` (`i7`, `e11`, `o31`) belongs to in fiscal year `year`.
#[must_use]
pub fn question_indicator(id: &str, year: Option<u16>) -> Option<u8> {
    let tool = Tool::from_id_letter(id.chars().next()?)?;
    let n: u16 = id.get(1..)?.parse().ok()?;
    (1..=INDICATOR_COUNT)
        .find(|&no| indicator_questions(no, year).is_some_and(|(t, r)| t == tool && r.contains(&n)))
}

/// Other labels reports use for indicator `no` that mean the canonical indicator.
#[must_use]
pub fn label_variants(no: u8) -> &'static [&'static str] {
    match no {
        8 => &["การปรับปรุงระบบการทำงาน", "การปรับปรุงการทำงาน"],
        _ => &[],
    }
}

/// Does `label` name indicator `no`? Spaces, a leading ด้าน and a `ตัวชี้วัดที่ N` prefix are
/// ignored; the year's canonical name and the known variants are accepted.
#[must_use]
pub fn label_matches(no: u8, label: &str, year: Option<u16>) -> bool {
    let key = |s: &str| -> String {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.trim_start_matches("ตัวชี้วัดที่");
        let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        s.trim_start_matches("ด้าน").to_owned()
    };
    let got = key(label);
    indicator_name(no, year).is_some_and(|c| key(c) == got)
        || label_variants(no).iter().any(|v| key(v) == got)
}

/// Names of the five indices of the 2560–2561 framework, to recognise those reports.
pub const FIVE_INDICES: [&str; 5] = [
    "ดัชนีความโปร่งใส",
    "ดัชนีความพร้อมรับผิด",
    "ดัชนีความปลอดจากการทุจริตในการปฏิบัติงาน",
    "ดัชนีวัฒนธรรมคุณธรรมในองค์กร",
    "ดัชนีคุณธรรมการทำงานในหน่วยงาน",
];
