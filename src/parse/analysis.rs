//! A topic's narrative (วิเคราะห์บรรยายเชิงพรรณนา) cut into the template's parts.
//!
//! The template writes: the question studied (`… โดยศึกษาวิเคราะห์ประเด็น… พิจารณาจากข้อคำถาม i1 …`),
//! the facts (`ข้อเท็จจริงพบว่า …`), the measures (`ดังนั้น … จึงกำหนดมาตรการ …`). The parts are
//! found by those openings; the `ประเด็น …` heading lines before them are not part of any.
//!
//! Question ids are read where the text introduces them (`ข้อ`, `ข้อคำถาม`, `สอดคล้องกับ`), with
//! lists and ranges (`ข้อ o11 - o14`, `ข้อ 01 - 03 และ 05 - 010`, `ตั้งแต่ข้อ i1 ถึง ข้อ i6`).
//! As in the topic tables, a Thai zero written for the letter o is read as o (`ข้อ ๐๑๑` = o11);
//! a number with neither a letter nor that zero (`ข้อ ๕๑๐`) is garbled and left out, noted once.

use std::sync::LazyLock;

use regex::Regex;

use super::Diagnostics;
use crate::model::AnalysisParts;
use crate::normalize::Line;

/// Where ids are introduced.
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:ข้อ(?:คำถาม)?|สอดคล้องกับ)\s*").expect("valid regex"));
/// One id at the cursor: tool letter and number, or a bare number.
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([A-Za-z]{1,3})?\s?(\d{1,3})?").expect("valid regex"));
/// Between two ids: a range (`-`, `–`, `ถึง`) or a list (`และ`, `,`), maybe repeating `ข้อ`.
static JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:(-|–|ถึง)|(และ|,))\s*(?:ข้อ\s*)?").expect("valid regex"));

/// Highest question number of each tool (IIT i1–i30, EIT e1–e15, OIT o1–o43).
fn max_no(letter: char) -> u32 {
    match letter {
        'i' => 30,
        'e' => 15,
        _ => 43,
    }
}

/// Is this line one of the `ประเด็น (1) …` / `ประเด็น …` headings that open a narrative?
fn is_heading(text: &str) -> bool {
    text.starts_with("ประเด็น") && text.chars().count() < 150
}

fn is_facts(text: &str) -> bool {
    text.starts_with("ข้อเท็จจริง")
}

fn is_measures(text: &str) -> bool {
    text.starts_with("ดังนั้น") && text.contains("จึงกำหนด")
}

/// Cuts the narrative lines of topic `no` into its parts; `None` when there is no narrative.
pub fn parts(no: u8, narrative: &[Line], diags: &mut Diagnostics) -> Option<AnalysisParts> {
    let lines: Vec<&Line> = narrative.iter().filter(|l| !l.text.is_empty()).collect();
    let first = lines.first()?;
    let facts = lines.iter().position(|l| is_facts(&l.text));
    let measures = lines
        .iter()
        .enumerate()
        .skip(facts.unwrap_or(0))
        .find(|(_, l)| is_measures(&l.text))
        .map(|(i, _)| i);
    let join = |from: usize, to: usize| -> Option<String> {
        let text: Vec<&str> = lines[from.min(to)..to]
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !is_heading(t))
            .collect();
        (!text.is_empty()).then(|| text.join("\n").replace('\t', " "))
    };
    let n = lines.len();
    let mut parts = AnalysisParts::default();
    match (facts, measures) {
        (None, None) => {
            diags.info(
                "analysis-unstructured",
                Some(first.at),
                format!("topic {no}: the narrative has neither ข้อเท็จจริงพบว่า nor ดังนั้น … จึงกำหนดมาตรการ; it is not cut into parts"),
            );
        }
        (Some(f), m) => {
            parts.question = join(0, f);
            parts.facts = join(f, m.unwrap_or(n));
            parts.measures = m.and_then(|m| join(m, n));
        }
        (None, Some(m)) => {
            parts.question = join(0, m);
            parts.measures = join(m, n);
        }
    }
    let mut garbled = Vec::new();
    parts.question_ids = cited(parts.question.as_deref().unwrap_or(""), &mut Vec::new());
    let all: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    parts.cited_ids = cited(&all.join("\n"), &mut garbled);
    if !garbled.is_empty() {
        let mut seen = Vec::new();
        garbled.retain(|g| {
            let new = !seen.contains(g);
            seen.push(g.clone());
            new
        });
        diags.info(
            "analysis-ids-unreadable",
            Some(first.at),
            format!(
                "topic {no}: the narrative cites question ids that cannot be read (no tool letter, or no number): {}; they are left out of cited_ids",
                garbled.join(", ")
            ),
        );
    }
    Some(parts)
}

/// The question ids `text` cites, in order, without repeats; garbled ones go to `garbled`.
fn cited(text: &str, garbled: &mut Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |id: String| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for anchor in ANCHOR.find_iter(text) {
        let mut pos = anchor.end();
        let mut range_from: Option<(char, u32)> = None;
        loop {
            let rest = &text[pos..];
            let Some(c) = ID.captures(rest) else { break };
            let whole = c.get(0).map_or(0, |m| m.end());
            if whole == 0 {
                break;
            }
            let letter = c.get(1).map(|m| m.as_str());
            let digits = c.get(2).map(|m| m.as_str());
            let next = rest[whole..].chars().next();
            if next.is_some_and(|ch| ch.is_ascii_alphanumeric()) {
                break;
            }
            let id = match (letter, digits) {
                (Some(l), Some(d)) if l.len() == 1 => {
                    let t = l.chars().next().map(|c| c.to_ascii_lowercase());
                    t.filter(|t| matches!(t, 'i' | 'e' | 'o'))
                        .and_then(|t| Some((t, d.parse::<u32>().ok()?)))
                }
                (None, Some(d)) if d.starts_with('0') && d.len() > 1 => {
                    d.parse::<u32>().ok().map(|n| ('o', n))
                }
                _ => None,
            };
            let Some((t, n)) = id.filter(|&(t, n)| n >= 1 && n <= max_no(t)) else {
                let raw = rest[..whole].trim();
                if !raw.is_empty() {
                    garbled.push(raw.to_owned());
                }
                break;
            };
            match range_from.take() {
                Some((ft, fn_)) if ft == t && fn_ < n && n - fn_ <= 45 => {
                    for k in fn_ + 1..=n {
                        push(format!("{t}{k}"));
                    }
                }
                _ => push(format!("{t}{n}")),
            }
            pos += whole;
            let Some(j) = JOIN.captures(&text[pos..]) else {
                break;
            };
            if j.get(1).is_some() {
                range_from = Some((t, n));
            }
            pos += j.get(0).map_or(0, |m| m.end());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> (Vec<String>, Vec<String>) {
        let mut g = Vec::new();
        (cited(text, &mut g), g)
    }

    #[test]
    fn ids_lists_and_ranges() {
        assert_eq!(
            ids("ตั้งแต่ข้อ i1 ถึง ข้อ i6 ซึ่ง").0,
            ["i1", "i2", "i3", "i4", "i5", "i6"]
        );
        assert_eq!(
            ids("สอดคล้องกับ ข้อ 01 - 03 และ 05 - 07").0,
            ["o1", "o2", "o3", "o5", "o6", "o7"]
        );
        assert_eq!(ids("(สอดคล้องกับ 011 แผนดำเนินงาน)").0, ["o11"]);
        assert_eq!(ids("พิจารณาจากข้อคำถาม e11 การปฏิบัติ").0, ["e11"]);
        assert_eq!(
            ids("ข้อมูล ข้อเท็จจริง ข้อคำถามจำนวน 6 ข้อคำถาม").0,
            Vec::<String>::new()
        );
    }

    #[test]
    fn garbled_ids_are_left_out() {
        let (got, garbled) =
            ids("พิจารณาจากข้อคำถาม eb หน่วยงาน สอดคล้องกับ ข้อ 510 และ ข้อ 515 ข้อ in ท่าน");
        assert!(got.is_empty(), "{got:?}");
        assert_eq!(garbled, ["eb", "510", "515", "in"]);
    }
}
