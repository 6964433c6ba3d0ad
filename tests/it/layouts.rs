//! The layout corpus: one data model rendered in many layouts — tables, prose, headings and
//! lists; Thai or Arabic digits; year-comparison columns; summary first or last; sections
//! dropped or reordered; tool names in every form; covers joined or abbreviated — with the
//! decoys real reports carry (earlier years, differences, weights, respondent counts, page
//! numbers, grade-band tables, the pass mark, next year's target). Every value must come back
//! exact; a value the reader misses must be `null` with a warning, never a different number.

use ita_extract::framework;

use crate::common::thai_digits;
use ita_extract::model::{Measure, Report, Severity, Tool};

/// A small deterministic generator (xorshift64*): the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn coin(&mut self) -> bool {
        self.below(2) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// A score with two decimals in [lo, hi].
    fn score(&mut self, lo: u32, hi: u32) -> f64 {
        let cents = lo * 100 + (self.next() % u64::from((hi - lo) * 100 + 1)) as u32;
        f64::from(cents) / 100.0
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `92.1` → `92.10`: scores are printed with two decimals.
fn f2(x: f64) -> String {
    format!("{x:.2}")
}

/// What a generated report says: the truth the reader must give back.
#[derive(Debug, Clone)]
struct Truth {
    year: u16,
    agency: String,
    agency_written: String,
    district: String,
    province: String,
    ita: f64,
    result: String,
    iit: f64,
    eit: Option<f64>,
    eit_parts: Option<(f64, f64)>,
    oit: f64,
    indicators: [f64; 10],
    /// (tool, id, score, answer) for the questions the document prints.
    questions: Vec<(Tool, String, f64, Option<&'static str>)>,
    /// (year, measure, indicator, score) printed in year columns.
    history: Vec<(u16, Measure, Option<u8>, f64)>,
}

const AGENCIES: [(&str, &str, &str, &str, &str); 8] = [
    ("เทศบาลตำบล", "ทต.", "หนองบัวเงิน", "สันทราย", "เชียงใหม่"),
    (
        "องค์การบริหารส่วนตำบล",
        "อบต.",
        "บางคูวัดใหม่",
        "บางบัวทอง",
        "นนทบุรี",
    ),
    ("เทศบาลตำบล", "ทต.", "หนองไผ่ล้อม", "ด่านขุนทด", "นครราชสีมา"),
    ("เทศบาลตำบล", "ทต.", "บ้านใหม่", "บางปะอิน", "พระนครศรีอยุธยา"),
    ("เทศบาลเมือง", "ทม.", "เขลางค์นคร", "เมือง", "ลำปาง"),
    ("องค์การบริหารส่วนตำบล", "อบต.", "ดอนแก้ว", "แม่ริม", "เชียงใหม่"),
    ("เทศบาลนคร", "ทน.", "นนทบุรี", "เมือง", "นนทบุรี"),
    ("องค์การบริหารส่วนตำบล", "อบต.", "หนองหาร", "สันทราย", "เชียงใหม่"),
];

fn truth(rng: &mut Rng) -> Truth {
    let year = *rng.pick(&[2564u16, 2565, 2566, 2567, 2568]);
    let (full, short, base, district, province) = *rng.pick(&AGENCIES);
    let agency = format!("{full}{base}");
    let agency_written = if rng.below(3) == 0 {
        format!("{short}{base}")
    } else {
        agency.clone()
    };
    // IIT questions first, so that each IIT indicator is the mean of its six questions.
    let mut questions = Vec::new();
    let mut indicators = [0.0; 10];
    for (k, ind) in indicators.iter_mut().enumerate().take(5) {
        let qs: Vec<f64> = (0..6).map(|_| rng.score(80, 100)).collect();
        *ind = round2(qs.iter().sum::<f64>() / 6.0);
        for (j, q) in qs.into_iter().enumerate() {
            questions.push((Tool::Iit, format!("i{}", 6 * k + j + 1), q, None));
        }
    }
    for ind in indicators.iter_mut().skip(5) {
        *ind = rng.score(70, 100);
    }
    for n in 1..=15 {
        questions.push((Tool::Eit, format!("e{n}"), rng.score(70, 100), None));
    }
    for n in 1..=43 {
        let has = rng.below(8) != 0;
        let answer = *rng.pick(&[None, Some(if has { "มี" } else { "ไม่มี" })]);
        questions.push((
            Tool::Oit,
            format!("o{n}"),
            if has { 100.0 } else { 0.0 },
            answer,
        ));
    }
    let mean = |xs: &[f64]| round2(xs.iter().sum::<f64>() / xs.len() as f64);
    let iit = mean(&indicators[0..5]);
    let eit_whole = mean(&indicators[5..8]);
    let oit = mean(&indicators[8..10]);
    let (eit, eit_parts) = if rng.below(3) == 0 {
        // Both parts are scores too: within 0–100 (an EIT of 95 has parts of at most ±5).
        let d = rng.score(0, 9).min(100.0 - eit_whole).min(eit_whole);
        (None, Some((round2(eit_whole + d), round2(eit_whole - d))))
    } else {
        (Some(eit_whole), None)
    };
    let eit_used = eit.unwrap_or_else(|| {
        let (a, b) = eit_parts.unwrap();
        round2((a + b) / 2.0)
    });
    let ita = round2(0.3 * iit + 0.3 * eit_used + 0.4 * oit);
    let result = if year <= 2565 {
        framework::grade(ita).to_owned()
    } else if rng.coin() {
        framework::rating(ita, &[iit, eit_used, oit]).to_owned()
    } else if ita >= 85.0 {
        "ผ่าน".to_owned()
    } else {
        "ไม่ผ่าน".to_owned()
    };
    Truth {
        year,
        agency,
        agency_written,
        district: district.to_owned(),
        province: province.to_owned(),
        ita,
        result,
        iit,
        eit,
        eit_parts,
        oit,
        indicators,
        questions,
        history: Vec::new(),
    }
}

impl Truth {
    /// The score a past year has for a measure: the same in every table that prints it.
    fn past(&mut self, rng: &mut Rng, year: u16, measure: Measure, indicator: Option<u8>) -> f64 {
        if let Some(h) = self
            .history
            .iter()
            .find(|h| h.0 == year && h.1 == measure && h.2 == indicator)
        {
            return h.3;
        }
        let v = rng.score(60, 100);
        self.history.push((year, measure, indicator, v));
        v
    }
}

fn indicator_name(no: u8, year: u16) -> &'static str {
    framework::indicator_name(no, Some(year)).unwrap()
}

/// The ways a document can name a tool.
fn tool_name(rng: &mut Rng, tool: &str) -> String {
    let (thai, english) = match tool {
        "IIT" => (
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
            "Internal Integrity and Transparency Assessment",
        ),
        "EIT" => (
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
            "External Integrity and Transparency Assessment",
        ),
        _ => (
            "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
            "Open Data Integrity and Transparency Assessment",
        ),
    };
    match rng.below(4) {
        0 => tool.to_owned(),
        1 => format!("{thai} ({tool})"),
        2 => format!("{english}: {tool}"),
        _ => format!("แบบ {tool}"),
    }
}

/// Renders the parts of a report; each part is a list of lines.
struct Doc {
    parts: Vec<Vec<String>>,
}

fn cover(rng: &mut Rng, t: &Truth) -> Vec<String> {
    let title = rng
        .pick(&[
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            "รายงานผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใส",
            "รายงานการวิเคราะห์ผล ITA",
        ])
        .to_string();
    let mut out = vec![String::new(), title];
    if rng.coin() {
        out.push("(Integrity and Transparency Assessment: ITA)".into());
    }
    match rng.below(3) {
        0 => {
            out.push("ประจำปีงบประมาณ".into());
            out.push(format!("พ.ศ. {}", t.year));
        }
        _ => out.push(format!("ประจำปีงบประมาณ พ.ศ. {}", t.year)),
    }
    out.push(String::new());
    let (d, p) = if rng.coin() {
        (
            format!("อำเภอ{}", t.district),
            format!("จังหวัด{}", t.province),
        )
    } else {
        (format!("อ.{}", t.district), format!("จ.{}", t.province))
    };
    match rng.below(4) {
        0 => {
            out.push(t.agency_written.clone());
            out.push(format!("{d} {p}"));
        }
        3 => {
            out.push(format!("หน่วยงาน : {}", t.agency_written));
            out.push(format!("{d} {p}"));
        }
        // Cover lines joined without a space (a PDF that lost the line break).
        1 => out.push(format!("{}{d} {p}", t.agency_written)),
        _ => out.push(format!("{} {d} {p}", t.agency_written)),
    }
    out.push(String::new());
    out
}

fn ita_part(rng: &mut Rng, t: &Truth) -> Vec<String> {
    let mut out = vec![String::new(), "ผลการประเมินภาพรวม".to_owned()];
    let decoy_pass = rng.coin();
    match rng.below(5) {
        4 => {
            out.push(format!("คะแนนรวม (ITA) เท่ากับ {} คะแนน", f2(t.ita)));
            out.push(format!("ระดับผลการประเมิน: {}", t.result));
        }
        0 => out.push(format!(
            "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {} {} ได้คะแนนรวม {} คะแนน ผลการประเมิน \"{}\"{}",
            t.year,
            t.agency,
            f2(t.ita),
            t.result,
            if decoy_pass { " ซึ่งสูงกว่าเกณฑ์ผ่านที่กำหนดไว้ 85 คะแนน" } else { "" }
        )),
        1 => out.push(format!(
            "{} ได้คะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. {} รวม {} คะแนน อยู่ในระดับ {}",
            t.agency,
            t.year,
            f2(t.ita),
            t.result
        )),
        2 => {
            out.push("ตารางสรุปผล\tคะแนน".into());
            out.push(format!("คะแนนรวม ITA\t{}", f2(t.ita)));
            out.push(format!("ผลการประเมิน\t{}", t.result));
        }
        _ => {
            if decoy_pass {
                out.push("เกณฑ์การผ่านการประเมิน 85 คะแนนขึ้นไป".into());
            }
            out.push(format!("คะแนน ITA : {} ระดับ {}", f2(t.ita), t.result));
        }
    }
    if rng.coin() {
        out.push(format!(
            "เมื่อเปรียบเทียบกับปีงบประมาณ พ.ศ. {} ที่ได้ {} คะแนน พบว่ามีคะแนนเพิ่มขึ้น +{} คะแนน",
            t.year - 1,
            f2(rng.score(60, 99)),
            f2(rng.score(0, 5))
        ));
    }
    out
}

fn tools_part(rng: &mut Rng, t: &mut Truth) -> Vec<String> {
    let mut rows: Vec<(String, f64)> = vec![(tool_name(rng, "IIT"), t.iit)];
    match (t.eit, t.eit_parts) {
        (Some(e), _) => rows.push((tool_name(rng, "EIT"), e)),
        (None, Some((a, b))) => {
            rows.push(("แบบวัดการรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก (EIT ส่วนที่ 1)".into(), a));
            rows.push(("แบบวัดการรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก (EIT ส่วนที่ 2)".into(), b));
        }
        _ => unreachable!(),
    }
    rows.push((tool_name(rng, "OIT"), t.oit));
    let mut out = vec![String::new()];
    let weights = ["ร้อยละ 30", "ร้อยละ 30", "ร้อยละ 30", "ร้อยละ 40"];
    match rng.below(7) {
        // Measures as columns, years as rows (`ปี | ITA | IIT | EIT | OIT`).
        6 if t.eit.is_some() => {
            out.push("ปีงบประมาณ\tITA\tIIT\tEIT\tOIT".into());
            for y in [t.year - 2, t.year - 1] {
                let v: Vec<f64> = [Measure::Ita, Measure::Iit, Measure::Eit, Measure::Oit]
                    .into_iter()
                    .map(|m| t.past(rng, y, m, None))
                    .collect();
                out.push(format!(
                    "{y}\t{}",
                    v.iter().map(|x| f2(*x)).collect::<Vec<_>>().join("\t")
                ));
            }
            out.push(format!(
                "{}\t{}\t{}\t{}\t{}",
                t.year,
                f2(t.ita),
                f2(t.iit),
                f2(t.eit.unwrap()),
                f2(t.oit)
            ));
        }
        // Year columns: this year's column is the score, the others history.
        4 if t.eit.is_some() => {
            out.push(format!("เครื่องมือ\tปี {}\tปี {}", t.year - 1, t.year));
            for (k, (n, v)) in rows.iter().enumerate() {
                let m = [Measure::Iit, Measure::Eit, Measure::Oit][k];
                let before = t.past(rng, t.year - 1, m, None);
                out.push(format!("{n}\t{}\t{}", f2(before), f2(*v)));
            }
        }
        4 | 5 => {
            for (n, v) in &rows {
                out.push(if rng.coin() {
                    format!("คะแนน {n} เท่ากับ {}", f2(*v))
                } else {
                    format!("{n} = {}", f2(*v))
                });
            }
        }
        0 => {
            out.push("เครื่องมือ\tคะแนน".into());
            out.extend(rows.iter().map(|(n, v)| format!("{n}\t{}", f2(*v))));
        }
        1 => {
            out.push("เครื่องมือ\tสัดส่วน\tคะแนน".into());
            let last = rows.len() - 1;
            out.extend(rows.iter().enumerate().map(|(i, (n, v))| {
                format!(
                    "{n}\t{}\t{}",
                    weights[if i == last { 3 } else { i }],
                    f2(*v)
                )
            }));
        }
        2 => {
            for (i, (n, v)) in rows.iter().enumerate() {
                out.push(format!("{}) {n} ได้ {} คะแนน", i + 1, f2(*v)));
            }
        }
        _ => {
            for (n, v) in &rows {
                out.push(format!("{n} คะแนนรวม {} คะแนน", f2(*v)));
            }
        }
    }
    if rng.coin() {
        out.push("หมายเหตุ คะแนนรวม ITA คำนวณจากแบบวัด IIT ร้อยละ 30 แบบวัด EIT ร้อยละ 30 และแบบตรวจ OIT ร้อยละ 40".into());
    }
    out
}

fn indicators_part(rng: &mut Rng, t: &mut Truth) -> Vec<String> {
    let mut out = vec![String::new(), "ผลการประเมินรายตัวชี้วัด".to_owned()];
    let name = |rng: &mut Rng, no: u8| {
        if rng.below(4) == 0 {
            format!("ด้าน{}", indicator_name(no, t.year))
        } else {
            indicator_name(no, t.year).to_owned()
        }
    };
    match rng.below(7) {
        // Columns beside the score: full marks, and the change from last year without a sign.
        5 => {
            out.push("ตัวชี้วัด\tคะแนนเต็ม\tคะแนนที่ได้\tผลต่างจากปีก่อน".into());
            for no in 1..=10u8 {
                out.push(format!(
                    "{no}. {}\t100\t{}\t{}",
                    name(rng, no),
                    f2(t.indicators[usize::from(no - 1)]),
                    f2(rng.score(0, 9))
                ));
            }
        }
        // Headings with `:` or `=`.
        6 => {
            for no in 1..=10u8 {
                let v = f2(t.indicators[usize::from(no - 1)]);
                let n = name(rng, no);
                out.push(if rng.coin() {
                    format!("ตัวชี้วัดที่ {no}: {n} = {v} คะแนน")
                } else {
                    format!("{no}. {n} : {v}")
                });
            }
        }
        // A table with year columns: the fiscal year's column is the value.
        0 => {
            let n_years = 2 + rng.below(3);
            let first = t.year - n_years as u16 + 1;
            let years: Vec<u16> = (first..=t.year).collect();
            let short = rng.below(3) == 0;
            let head: Vec<String> = years
                .iter()
                .map(|y| match (short, y % 3) {
                    (true, _) => format!("ปี {}", y % 100),
                    (false, 0) => format!("ผลคะแนนปี {y}"),
                    _ => format!("ปี {y}"),
                })
                .collect();
            out.push(format!("ตัวชี้วัด\t{}", head.join("\t")));
            for no in 1..=10u8 {
                let mut cells = Vec::new();
                for &y in &years {
                    let v = if y == t.year {
                        t.indicators[usize::from(no - 1)]
                    } else {
                        t.past(rng, y, Measure::Indicator, Some(no))
                    };
                    cells.push(f2(v));
                }
                out.push(format!(
                    "{no}. {}\t{}",
                    indicator_name(no, t.year),
                    cells.join("\t")
                ));
            }
            let mut cells = Vec::new();
            for &y in &years {
                let v = if y == t.year {
                    t.ita
                } else {
                    t.past(rng, y, Measure::Ita, None)
                };
                cells.push(f2(v));
            }
            out.push(format!("คะแนนรวม ITA\t{}", cells.join("\t")));
        }
        // A tool column before the indicator.
        1 if rng.coin() => {
            out.push("เครื่องมือ\tตัวชี้วัด\tคะแนน".into());
            for no in 1..=10u8 {
                let tool = match no {
                    1..=5 => "IIT",
                    6..=8 => "EIT",
                    _ => "OIT",
                };
                out.push(format!(
                    "{tool}\t{no}. {}\t{}",
                    indicator_name(no, t.year),
                    f2(t.indicators[usize::from(no - 1)])
                ));
            }
        }
        // A plain table, numbered in its own cell.
        1 => {
            out.push("ตัวชี้วัดที่\tรายละเอียดตัวชี้วัด\tคะแนน".into());
            for no in 1..=10u8 {
                out.push(format!(
                    "{no}\t{}\t{}",
                    indicator_name(no, t.year),
                    f2(t.indicators[usize::from(no - 1)])
                ));
            }
        }
        // List items.
        2 => {
            for no in 1..=10u8 {
                out.push(format!(
                    "{no}) {} ได้ {} คะแนน",
                    indicator_name(no, t.year),
                    f2(t.indicators[usize::from(no - 1)])
                ));
            }
        }
        // Headings with the score, then a paragraph with decoys.
        3 => {
            for no in 1..=10u8 {
                out.push(format!(
                    "ตัวชี้วัดที่ {no} {} (คะแนน {})",
                    indicator_name(no, t.year),
                    f2(t.indicators[usize::from(no - 1)])
                ));
                out.push(format!(
                    "จากผู้ตอบแบบวัดจำนวน {} คน ควรพัฒนาให้ได้ตามเป้าหมาย 95 คะแนน ในปี {}",
                    rng.below(300) + 10,
                    t.year + 1
                ));
            }
        }
        // Sentences, with the change from last year after the score.
        _ => {
            for no in 1..=10u8 {
                let change = f2(rng.score(0, 6));
                out.push(format!(
                    "ตัวชี้วัดที่ {no} {} ได้คะแนน {} คะแนน อยู่ในเกณฑ์ดี และ{}จากปี {} จำนวน {} คะแนน",
                    indicator_name(no, t.year),
                    f2(t.indicators[usize::from(no - 1)]),
                    if rng.coin() {
                        "เพิ่มขึ้น"
                    } else {
                        "ลดลง"
                    },
                    t.year - 1,
                    change
                ));
            }
        }
    }
    out
}

fn questions_part(rng: &mut Rng, t: &Truth) -> Vec<String> {
    let mut out = Vec::new();
    let with_id_word = rng.coin();
    let style = rng.below(3);
    let thai_zero = rng.below(4) == 0;
    for (tool, heading) in [
        (
            Tool::Iit,
            "ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
        ),
        (
            Tool::Eit,
            "ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
        ),
        (Tool::Oit, "ผลการประเมินแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"),
    ] {
        out.push(String::new());
        out.push(heading.to_owned());
        out.push(format!("ในปีนี้มีผู้ตอบแบบวัดจำนวน {} คน", rng.below(300) + 10));
        out.push("ข้อ\tประเด็นการประเมิน\tคะแนน".into());
        for (qt, id, score, answer) in t.questions.iter().filter(|q| q.0 == tool) {
            let _ = qt;
            // An OIT id written with a Thai zero for the o (`๐๑๑`), with or without ข้อ.
            let id = &if tool == Tool::Oit && thai_zero {
                id.replacen('o', "0", 1)
            } else {
                id.clone()
            };
            let id_cell = if with_id_word {
                format!("ข้อ {id}")
            } else {
                id.clone()
            };
            let score = if *score == 100.0 || *score == 0.0 && rng.coin() {
                if *score == 0.0 {
                    "0".to_owned()
                } else {
                    f2(*score)
                }
            } else {
                f2(*score)
            };
            // Cells: tab-separated, the id leading its wording in one cell, or single spaces
            // (a web copy).
            let sep = match style {
                0 => "\t",
                1 => " ",
                _ => "\t",
            };
            // Wording that names an indicator's subject, leading it (a question on that
            // subject, longer than the name) or after a sentence's opening, half the time;
            // the question's score is never the indicator's.
            let subject = indicator_name(1 + rng.below(10) as u8, t.year);
            let wording = match rng.below(4) {
                0 => format!("{subject}ของหน่วยงานเป็นไปตามวัตถุประสงค์และขั้นตอนมากน้อยเพียงใด"),
                1 => format!("บุคลากรในหน่วยงานของท่านรับรู้และเข้าใจเรื่อง{subject} มากน้อยเพียงใด"),
                _ => format!("ข้อความของข้อ {id} เรื่องการใช้งบประมาณ"),
            };
            let first = if style == 1 || style == 2 {
                format!("{id_cell} {wording}")
            } else {
                format!("{id_cell}\t{wording}")
            };
            match answer {
                Some(a) => out.push(format!("{first}{sep}{a}{sep}{score}")),
                None => out.push(format!("{first}{sep}{score}")),
            }
            if rng.below(12) == 0 {
                // A page break inside the table: a page number, then the header again.
                out.push(String::new());
                out.push(format!("- {} -", rng.below(20) + 2));
                out.push(String::new());
                out.push("ข้อ\tประเด็นการประเมิน\tคะแนน".into());
            }
        }
    }
    out
}

fn decoys_part(rng: &mut Rng, t: &Truth) -> Vec<String> {
    let mut out = vec![String::new()];
    if rng.coin() {
        out.push("ระดับ\tช่วงคะแนน".into());
        for (g, r) in [
            ("AA", "95.00 - 100"),
            ("A", "85.00 - 94.99"),
            ("B", "75.00 - 84.99"),
            ("C", "65.00 - 74.99"),
        ] {
            out.push(format!("{g}\t{r}"));
        }
    }
    if rng.coin() {
        out.push(format!(
            "การประเมินใช้เครื่องมือ 3 ประเภท ได้แก่ IIT จำนวน 30 ข้อ EIT จำนวน 15 ข้อ และ OIT จำนวน 43 ข้อ ครอบคลุม 10 ตัวชี้วัด ในปี {}",
            t.year
        ));
    }
    if rng.coin() {
        out.push("สารบัญ".into());
        out.push("เรื่อง\tหน้า".into());
        out.push("ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)\t2".into());
        out.push("ผลการประเมินแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)\t5".into());
    }
    if rng.coin() {
        // An OIT item whose name holds the ITA's words, scored in prose.
        out.push("ข้อ o42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ได้ 100 คะแนน".into());
    }
    if rng.coin() {
        // An indicator's analysis citing its weakest question's score after the indicator.
        let no = 1 + rng.below(5) as u8;
        out.push(format!(
            "การวิเคราะห์ตัวชี้วัดที่ {no} {} พบว่าข้อที่ได้คะแนนต่ำสุด คือ ข้อ i{} ได้ {} คะแนน",
            indicator_name(no, t.year),
            6 * no - 5,
            f2(rng.score(50, 79))
        ));
    }
    out.push(format!("- {} -", rng.below(9) + 1));
    out
}

fn render(seed: u64) -> (String, Truth) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut t = truth(&mut rng);
    let mut doc = Doc { parts: Vec::new() };
    let cover = cover(&mut rng, &t);
    let mut body = vec![
        ita_part(&mut rng, &t),
        tools_part(&mut rng, &mut t),
        indicators_part(&mut rng, &mut t),
    ];
    let with_questions = rng.coin();
    if with_questions {
        body.push(questions_part(&mut rng, &t));
    } else {
        t.questions.clear();
    }
    // Summary first or last; decoys anywhere.
    if rng.coin() {
        body.reverse();
    }
    let at = rng.below(body.len() + 1);
    body.insert(at, decoys_part(&mut rng, &t));
    doc.parts.push(cover);
    doc.parts.extend(body);
    let mut text = doc
        .parts
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    if rng.coin() {
        text = thai_digits(&text);
    }
    (text, t)
}

fn warned(r: &Report) -> bool {
    r.diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning)
}

/// Compares a report with its truth: the list of fields that differ, and whether any value is
/// a different number (not merely missing).
fn compare(r: &Report, t: &Truth) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    let mut num = |name: &str, got: Option<f64>, want: Option<f64>| match (got, want) {
        (a, b) if a == b => {}
        (None, Some(_)) => missing.push(name.to_owned()),
        (a, b) => wrong.push(format!("{name}: {a:?} for {b:?}")),
    };
    num("ita", r.ita.score, Some(t.ita));
    num("iit", r.tools.iit, Some(t.iit));
    num("eit", r.tools.eit, t.eit);
    num("eit_part1", r.tools.eit_part1, t.eit_parts.map(|p| p.0));
    num("eit_part2", r.tools.eit_part2, t.eit_parts.map(|p| p.1));
    num("oit", r.tools.oit, Some(t.oit));
    for no in 1..=10u8 {
        let got = r
            .indicators
            .iter()
            .find(|i| i.no == no)
            .and_then(|i| i.score);
        num(
            &format!("indicator {no}"),
            got,
            Some(t.indicators[usize::from(no - 1)]),
        );
    }
    for (tool, id, score, _) in &t.questions {
        let got = r
            .questions
            .iter()
            .find(|q| q.id == *id && q.tool == *tool)
            .and_then(|q| q.score);
        num(id, got, Some(*score));
    }
    let mut text = |name: &str, got: Option<&str>, want: &str| match got {
        Some(g) if g == want => {}
        None => missing.push(name.to_owned()),
        Some(g) => wrong.push(format!("{name}: {g:?} for {want:?}")),
    };
    text("agency", r.agency.name.as_deref(), &t.agency);
    text(
        "agency as written",
        r.agency.name_as_written.as_deref(),
        &t.agency_written,
    );
    text("district", r.agency.district.as_deref(), &t.district);
    text("province", r.agency.province.as_deref(), &t.province);
    text("result", r.ita.result.as_deref(), &t.result);
    match r.fiscal_year {
        Some(y) if y == t.year => {}
        None => missing.push("fiscal_year".into()),
        Some(y) => wrong.push(format!("fiscal_year {y}")),
    }
    // No invented question, answer kept as written.
    for q in &r.questions {
        match t.questions.iter().find(|x| x.1 == q.id) {
            None => wrong.push(format!("invented question {}", q.id)),
            Some(x) if x.3 != q.answer.as_deref() => {
                wrong.push(format!("{}: answer {:?} for {:?}", q.id, q.answer, x.3));
            }
            Some(_) => {}
        }
    }
    // History: every year-column value, no other.
    for (year, measure, indicator, score) in &t.history {
        if !r.history.iter().any(|h| {
            h.year == *year
                && h.measure == *measure
                && h.indicator == *indicator
                && h.score == *score
        }) {
            missing.push(format!("history {year} {measure:?} {indicator:?}"));
        }
    }
    for h in &r.history {
        if !t
            .history
            .iter()
            .any(|x| x.0 == h.year && x.1 == h.measure && x.2 == h.indicator && x.3 == h.score)
        {
            wrong.push(format!("history entry not printed: {h:?}"));
        }
    }
    (missing, wrong)
}

#[test]
fn every_layout_gives_every_value_exactly() {
    let mut failures = Vec::new();
    let n = 500;
    for seed in 0..n {
        let (text, truth) = render(seed);
        if let Some(dir) = std::env::var_os("LAYOUT_DUMP_ALL") {
            std::fs::write(
                std::path::Path::new(&dir).join(format!("layout-{seed}.txt")),
                &text,
            )
            .unwrap();
        }
        let r = match ita_extract::extract(&format!("layout-{seed}.txt"), text.as_bytes()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("seed {seed}: refused: {e}"));
                continue;
            }
        };
        let (missing, wrong) = compare(&r, &truth);
        assert!(
            wrong.is_empty(),
            "seed {seed}: a different value, never allowed: {wrong:?}\n{text}"
        );
        if !missing.is_empty() {
            if let Some(dir) = std::env::var_os("LAYOUT_DUMP") {
                std::fs::write(
                    std::path::Path::new(&dir).join(format!("layout-{seed}.txt")),
                    &text,
                )
                .unwrap();
            }
            assert!(
                warned(&r),
                "seed {seed}: {missing:?} missing without a warning"
            );
            failures.push(format!("seed {seed}: missing {missing:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} layouts not exact:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Damage a value's own anchor beyond recognition: the value is `null` with a warning, and
/// nothing else takes its place.
#[test]
fn a_value_without_its_anchor_is_null_with_a_warning() {
    for seed in 0..60 {
        let (text, truth) = render(seed);
        // Every OIT anchor renamed: OIT must be null (never the EIT's or the ITA's number).
        let damaged = text
            .replace("OIT", "XYZ")
            .replace("แบบตรวจการเปิดเผยข้อมูลสาธารณะ", "แบบอื่น")
            .replace("Open Data Integrity and Transparency Assessment", "Other");
        let r = ita_extract::extract("damaged.txt", damaged.as_bytes()).unwrap();
        assert_eq!(r.tools.oit, None, "seed {seed}");
        assert!(
            r.diagnostics.iter().any(|d| d.code == "tool-score-missing"),
            "seed {seed}"
        );
        let (_, wrong) = compare(&r, &truth);
        let wrong: Vec<_> = wrong
            .into_iter()
            .filter(|w| !w.starts_with("oit"))
            .collect();
        assert!(wrong.is_empty(), "seed {seed}: {wrong:?}\n{damaged}");
    }
}

/// Runs table cells together as PDF layouts and web copies do: the tab before a row's last cell
/// becomes a space, and a table of contents loses its page column. Every value stays exact or
/// becomes `null` with a warning — never another number — and most stay exact.
#[test]
fn cells_run_together_never_give_another_number() {
    let (mut exact, mut total) = (0, 0);
    for seed in 0..300 {
        let (text, truth) = render(seed);
        let mut rng = Rng(seed | 1);
        let damaged: String = text
            .lines()
            .map(|l| match l.rfind('\t') {
                Some(i) if rng.below(3) == 0 => format!("{} {}\n", &l[..i], &l[i + 1..]),
                _ => format!("{l}\n"),
            })
            .collect();
        let r = ita_extract::extract("run-together.txt", damaged.as_bytes()).unwrap();
        let (missing, wrong) = compare(&r, &truth);
        assert!(wrong.is_empty(), "seed {seed}: {wrong:?}\n{damaged}");
        // History is a list, not a value: an entry whose columns ran together is left out.
        let missing: Vec<_> = missing
            .into_iter()
            .filter(|m| !m.starts_with("history"))
            .collect();
        if !missing.is_empty() {
            assert!(
                warned(&r),
                "seed {seed}: {missing:?} missing without a warning"
            );
        }
        total += 1;
        exact += usize::from(missing.is_empty());
    }
    eprintln!("cells run together: {exact} of {total} layouts exact");
    assert!(
        exact * 10 >= total * 7,
        "only {exact} of {total} layouts exact"
    );
}

/// Generated layouts rendered as PDFs (`fixtures/layouts/`: `scripts/template-to-html.py`, then
/// wkhtmltopdf or LibreOffice's HTML import, which runs cells together and drops a title):
/// every value the PDF gives is the text's; wkhtmltopdf's (and one of LibreOffice's) give
/// them all.
#[test]
fn generated_layouts_as_pdfs_never_give_another_number() {
    use crate::common::{extract, fixture_bytes};
    let values = |r: &Report| {
        let mut v: Vec<(String, Option<f64>)> = vec![
            ("ita".into(), r.ita.score),
            ("iit".into(), r.tools.iit),
            ("eit".into(), r.tools.eit),
            ("eit1".into(), r.tools.eit_part1),
            ("eit2".into(), r.tools.eit_part2),
            ("oit".into(), r.tools.oit),
        ];
        v.extend(
            r.indicators
                .iter()
                .map(|i| (format!("ind{}", i.no), i.score)),
        );
        v.extend(r.questions.iter().map(|q| (q.id.clone(), q.score)));
        v
    };
    for (seed, producer) in [
        (0, "wkhtmltopdf-garuda"),
        (7, "wkhtmltopdf-garuda"),
        (4, "libreoffice-html"),
        (22, "libreoffice-html"),
        (35, "libreoffice-html"),
    ] {
        let text = extract("t", &fixture_bytes(&format!("layouts/layout-{seed}.txt")));
        let pdf = extract(
            "p",
            &fixture_bytes(&format!("layouts/layout-{seed}.{producer}.pdf")),
        );
        let want: std::collections::BTreeMap<_, _> = values(&text).into_iter().collect();
        for (name, got) in values(&pdf) {
            if let Some(v) = got {
                assert_eq!(
                    want.get(&name).copied().flatten(),
                    Some(v),
                    "{seed} {producer} {name}"
                );
            }
        }
        if pdf.ita.result.is_some() {
            assert_eq!(pdf.ita.result, text.ita.result, "{seed} {producer} result");
        }
        // wkhtmltopdf keeps every cell; LibreOffice's import keeps them in seed 4's layout (its
        // rows at page edges, alike but for their digits, are rows, not running footers).
        if producer.starts_with("wkhtmltopdf") || seed == 4 {
            assert_eq!(values(&pdf), values(&text), "{seed} {producer}");
        }
    }
}
