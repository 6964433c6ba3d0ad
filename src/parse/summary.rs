//! The summary: ITA score and result, tool scores, and the ten-indicator table.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{first_at, score, span, Diagnostics};
use crate::framework;
use crate::model::{At, Indicator, Ita, Tools};
use crate::normalize::Line;

/// What the summary gives.
#[derive(Debug, Default)]
pub struct Summary {
    /// ITA score and result.
    pub ita: Ita,
    /// Tool scores.
    pub tools: Tools,
    /// The ten-indicator table, in document order.
    pub indicators: Vec<Indicator>,
}

/// Result labels, longest first so that ผ่านดี does not read as ผ่าน.
const RESULT: &str = r"ผ่านดีเยี่ยม|ผ่านดี|ไม่ผ่าน|ผ่าน|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง|AA|[A-F]";

static ITA_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"ITA\b.*?(?:คะแนน|เท่ากับ)\s*(?:รวม|เฉลี่ย|เท่ากับ)?\s*:?\s*(\d{1,3}(?:\.\d+)?)(?:[^\d.]|$)",
    )
    .expect("valid regex")
});
static ITA_RESULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:อยู่ในระดับ|ระดับผลการประเมิน|ผลการประเมิน|ระดับ|เกณฑ์)\s*:?\s*({RESULT})(?:[^A-Za-z]|$)"
    ))
    .expect("valid regex")
});
static TOOL: LazyLock<Regex> = LazyLock::new(|| {
    // The number must follow the tool name directly (its own cell, or after spaces) or a word
    // that announces it (คะแนน, คะแนนรวม, `:`, `=`): "(IIT) ได้ 5 ตัวชี้วัด …" gives no IIT score
    // rather than 5.
    Regex::new(r"(?:^|[\s(\t])(IIT|EIT|OIT)(?:\s*ส่วนที่\s*([12]))?\s*\)?(?:[^\d\t]*?(?:คะแนน(?:รวม|เฉลี่ย)?|=|:)\s*|\s*\t\s*|\s+)(\d{1,3}(?:\.\d+)?)(?:\s*คะแนน|\s*$|\t)")
        .expect("valid regex")
});
static INDICATOR_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ตัวชี้วัดที่\s*)?(\d{1,2})\.?[\t ]+([^\t\d][^\t]*?)[\t ]+(\d[\d.,]*)$")
        .expect("valid regex")
});

/// Reads the summary from the lines before part 1.
pub fn parse(front: &[Line], year: Option<u16>, diags: &mut Diagnostics) -> Summary {
    let mut summary = Summary::default();
    let where_ = span(front);
    ita(front, &mut summary, diags);
    tools(front, &mut summary, diags);
    summary.indicators = indicators(front, year, diags);
    if summary.ita.score.is_none() {
        diags.warn(
            "ita-score-missing",
            first_at(front),
            format!("no ITA score (… (ITA) … คะแนน N) in the summary ({where_})"),
        );
    }
    if summary.ita.result.is_none() {
        diags.warn(
            "ita-result-missing",
            summary.ita.at.or(first_at(front)),
            format!("no ITA result label (ผ่าน, ไม่ผ่าน, AA–F, …) in the summary ({where_})"),
        );
    }
    summary
}

fn names_a_tool(text: &str) -> bool {
    text.contains("IIT") || text.contains("EIT") || text.contains("OIT")
}

/// The sentence that starts on line `i`, which a PDF (or pdftotext) may have wrapped: the line
/// and up to two following non-blank lines that name no tool, joined with spaces; with the
/// byte offset where each line starts in it.
fn sentence(front: &[Line], i: usize) -> (String, Vec<(usize, At)>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for l in front[i..].iter().take(3) {
        if !starts.is_empty() && (l.text.is_empty() || names_a_tool(&l.text)) {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push((text.len(), l.at));
        text.push_str(&l.text);
    }
    (text, starts)
}

/// The line of the sentence in which byte `offset` lies.
fn line_at(starts: &[(usize, At)], offset: usize) -> At {
    starts
        .iter()
        .rev()
        .find(|(start, _)| *start <= offset)
        .map_or(starts[0].1, |&(_, at)| at)
}

fn ita(front: &[Line], summary: &mut Summary, diags: &mut Diagnostics) {
    for (i, l) in front.iter().enumerate() {
        if !l.text.contains("ITA") || names_a_tool(&l.text) {
            continue;
        }
        let (text, starts) = sentence(front, i);
        if summary.ita.score.is_none() {
            if let Some(c) = ITA_SCORE.captures(&text) {
                let at = line_at(&starts, c.get(1).map_or(0, |m| m.start()));
                match score(&c[1]) {
                    Some(v) => {
                        summary.ita.score = Some(v);
                        summary.ita.at = Some(at);
                    }
                    None => diags.warn(
                        "ita-score-unreadable",
                        Some(at),
                        format!("the ITA score \"{}\" is not a number", &c[1]),
                    ),
                }
            }
        }
        if summary.ita.result.is_none() {
            if let Some(c) = ITA_RESULT.captures(&text) {
                summary.ita.result = Some(c[1].to_owned());
            }
        }
        if summary.ita.score.is_some() && summary.ita.result.is_some() {
            break;
        }
    }
}

fn tools(front: &[Line], summary: &mut Summary, diags: &mut Diagnostics) {
    // (tool, part) → (value, place); a second, different value for the same key is a conflict.
    let mut seen: BTreeMap<(String, Option<u8>), (f64, At)> = BTreeMap::new();
    let mut conflicts: BTreeMap<(String, Option<u8>), ()> = BTreeMap::new();
    for l in front {
        for c in TOOL.captures_iter(&l.text) {
            let key = (
                c[1].to_owned(),
                c.get(2).and_then(|m| m.as_str().parse().ok()),
            );
            let Some(v) = score(&c[3]) else { continue };
            match seen.get(&key) {
                Some(&(old, at)) if (old - v).abs() > f64::EPSILON => {
                    diags.warn(
                        "tool-score-conflict",
                        Some(l.at),
                        format!(
                            "{} is given as {old} (line {}) and as {v} here; left empty",
                            label(&key),
                            at.line
                        ),
                    );
                    conflicts.insert(key, ());
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (v, l.at));
                }
            }
        }
    }
    let get = |tool: &str, part: Option<u8>| {
        let key = (tool.to_owned(), part);
        if conflicts.contains_key(&key) {
            None
        } else {
            seen.get(&key).map(|&(v, _)| v)
        }
    };
    summary.tools = Tools {
        iit: get("IIT", None),
        eit: get("EIT", None),
        eit_part1: get("EIT", Some(1)),
        eit_part2: get("EIT", Some(2)),
        oit: get("OIT", None),
        eit_mean_of_parts: None,
    };
    if let (Some(a), Some(b)) = (summary.tools.eit_part1, summary.tools.eit_part2) {
        summary.tools.eit_mean_of_parts = Some(((a + b) / 2.0 * 100.0).round() / 100.0);
    }
    let at = first_at(front);
    let where_ = span(front);
    for (name, value) in [("IIT", summary.tools.iit), ("OIT", summary.tools.oit)] {
        if value.is_none() {
            diags.warn(
                "tool-score-missing",
                at,
                format!("no {name} score in the summary ({where_})"),
            );
        }
    }
    let t = &summary.tools;
    if t.eit.is_none() && (t.eit_part1.is_none() || t.eit_part2.is_none()) {
        diags.warn(
            "tool-score-missing",
            at,
            format!("no EIT score (nor both EIT parts) in the summary ({where_})"),
        );
    }
}

fn label(key: &(String, Option<u8>)) -> String {
    match key.1 {
        Some(p) => format!("{} part {p}", key.0),
        None => key.0.clone(),
    }
}

/// The ten-indicator table: rows `N <tab> label <tab> score` after a heading that names
/// ตัวชี้วัด.
fn indicators(front: &[Line], year: Option<u16>, diags: &mut Diagnostics) -> Vec<Indicator> {
    let Some(start) = front.iter().position(|l| l.text.contains("ตัวชี้วัด"))
    else {
        diags.warn(
            "indicators-missing",
            first_at(front),
            format!(
                "no ten-indicator table (ตัวชี้วัด) in the summary ({})",
                span(front)
            ),
        );
        return Vec::new();
    };
    let mut out: Vec<Indicator> = Vec::new();
    for l in &front[start..] {
        let Some(c) = INDICATOR_ROW.captures(&l.text) else {
            continue;
        };
        let Ok(no) = c[1].parse::<u8>() else { continue };
        if !(1..=framework::INDICATOR_COUNT).contains(&no) {
            continue;
        }
        if out.iter().any(|i| i.no == no) {
            diags.warn(
                "indicator-duplicate",
                Some(l.at),
                format!(
                    "indicator {no} appears twice; this row is ignored: \"{}\"",
                    l.raw.trim()
                ),
            );
            continue;
        }
        let value = score(&c[3]);
        if value.is_none() {
            diags.warn(
                "indicator-score-unreadable",
                Some(l.at),
                format!("indicator {no}: the score \"{}\" is not a number", &c[3]),
            );
        }
        out.push(Indicator {
            no,
            label: c[2].trim().to_owned(),
            name: framework::indicator_name(no, year).map(str::to_owned),
            tool: framework::indicator_tool(no),
            score: value,
            at: l.at,
        });
    }
    let table_at = Some(front[start].at);
    for no in 1..=framework::INDICATOR_COUNT {
        if !out.iter().any(|i| i.no == no) {
            diags.warn(
                "indicator-missing",
                table_at,
                format!(
                    "indicator {no} ({}) is not in the indicator table",
                    framework::indicator_name(no, year).unwrap_or("?")
                ),
            );
        }
    }
    out
}
