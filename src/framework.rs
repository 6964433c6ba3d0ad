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
