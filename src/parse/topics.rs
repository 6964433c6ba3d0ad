//! Part 1: the seven topics (ประเด็นที่ 1–7), each a table of question rows and a narrative.
//!
//! A row is recognised by its id cell (`ข้อ i1`, `ข้อ ๐๑๑`, `o30`) followed by a score cell,
//! wherever it sits in the line, so rows that lost their leading cells still belong to their
//! table. A row without a tool cell inherits the tool of the rows above it.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{score, Diagnostics};
use crate::framework;
use crate::model::{At, Question, Remark, Tool, Topic};
use crate::normalize::{self, Line};

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{})\s*(\d{{1,2}})\s*[.:]?\s*(.*)$",
        crate::keyword::pattern("ประเด็นที่")
    ))
    .expect("valid regex")
});
/// An id cell: `ข้อ i1`, `ข้อ 011` (Thai zero written for o), `ข้อ o 5`, or a bare `e11`.
static ID_CELL: LazyLock<Regex> = LazyLock::new(|| {
    // `ข้อ` as damaged text layers give it (`ขอ`, `ขูอ`, `ข ้อ`, `ขอ้`): ข, อ, marks around.
    Regex::new(&format!(
        r"^(?:ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*([A-Za-z]?)\s*(\d{{1,3}})|([A-Za-z])(\d{{1,3}}))\.?$",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});
/// The same in raw text, to quote the source (digits may still be Thai).
static RAW_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"ข[{m}]{{0,2}}\s?อ[{m}]{{0,2}}\s*[A-Za-z]?\s*[0-9๐-๙]+|[A-Za-z][0-9๐-๙]+",
        m = crate::thai::COMBINING_CLASS
    ))
    .expect("valid regex")
});

/// `Some((number, title))` if `line` is a topic heading (`ประเด็นที่ 1 กระบวนการ…`).
#[must_use]
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let c = HEADING.captures(line)?;
    let no = c.get(1)?.as_str().parse().ok()?;
    Some((no, c.get(2).map_or("", |m| m.as_str().trim())))
}

/// Is this a table header row (ลำดับ / หัวข้อ / ข้อคำถาม / คะแนน)?
fn is_header(text: &str) -> bool {
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            "{}|^(?:{})",
            crate::keyword::pattern("ข้อคำถาม"),
            crate::keyword::pattern("ลำดับ")
        ))
        .expect("valid regex")
    });
    HEADER.is_match(text)
}

/// Is this the line that opens a topic's narrative (วิเคราะห์บรรยายเชิงพรรณนา)?
fn is_narrative_marker(text: &str) -> bool {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!("^(?:{})", crate::keyword::pattern("วิเคราะห์"))).expect("valid regex")
    });
    MARKER.is_match(text)
}

/// Parses the topics of part 1.
pub fn parse(part1: &[Line], diags: &mut Diagnostics) -> Vec<Topic> {
    let starts: Vec<(usize, u8, String)> = part1
        .iter()
        .enumerate()
        .filter_map(|(i, l)| heading(&l.text).map(|(no, title)| (i, no, title.to_owned())))
        .collect();
    let mut topics: Vec<Topic> = Vec::new();
    for (k, (i, no, title)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(part1.len(), |s| s.0);
        let at = part1[*i].at;
        if !(1..=7).contains(no) {
            diags.warn(
                "topic-number-invalid",
                Some(at),
                format!("topic number {no} is outside 1–7; the topic is skipped"),
            );
            continue;
        }
        if topics.iter().any(|t| t.no == *no) {
            diags.warn(
                "topic-duplicate",
                Some(at),
                format!("topic {no} appears twice; the second is skipped"),
            );
            continue;
        }
        topics.push(topic(*no, title, at, &part1[i + 1..end], diags));
    }
    check_topics(&topics, part1, diags);
    topics
}

/// One topic from the lines after its heading.
fn topic(no: u8, title: &str, at: At, body: &[Line], diags: &mut Diagnostics) -> Topic {
    let marker = body.iter().position(|l| is_narrative_marker(&l.text));
    let mut table = Table::default();
    let table_end = marker.unwrap_or(body.len());
    let mut last_row = None;
    for (i, l) in body[..table_end].iter().enumerate() {
        if l.text.is_empty() || is_header(&l.text) {
            continue;
        }
        if table.row(l, diags) {
            last_row = Some(i);
        } else if marker.is_some() || last_row.is_none() {
            diags.warn(
                "table-line-unrecognized",
                Some(l.at),
                format!(
                    "topic {no}: this line in the question table is not a question row: \"{}\"",
                    l.raw.trim()
                ),
            );
        }
    }
    let analysis_from = match marker {
        Some(m) => m + 1,
        None => last_row.map_or(0, |r| r + 1),
    };
    let analysis: Vec<&str> = body[analysis_from.min(body.len())..]
        .iter()
        .map(|l| l.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let analysis = (!analysis.is_empty()).then(|| analysis.join("\n"));
    if table.questions.is_empty() {
        diags.warn(
            "topic-table-empty",
            Some(at),
            format!("topic {no} has no question rows"),
        );
    }
    if analysis.is_none() {
        diags.warn(
            "topic-analysis-missing",
            Some(at),
            format!("topic {no} has no narrative analysis"),
        );
    }
    Topic {
        no,
        title: if title.is_empty() {
            framework::TOPICS[usize::from(no - 1)].to_owned()
        } else {
            title.to_owned()
        },
        questions: table.questions,
        remarks: table.remarks,
        analysis_parts: super::analysis::parts(no, &body[analysis_from.min(body.len())..], diags),
        analysis,
        at,
    }
}

/// A score cell followed, in the same cell, by Thai text (`100.00ร`, `100.00 ให้แต่ละ…`):
/// the number and the text after it.
fn split_score(cell: &str) -> Option<(f64, &str)> {
    static LEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}\.\d{2})\s*([ก-ฮเ-ไ].*)$").expect("valid regex"));
    let caps = LEAD.captures(cell.trim())?;
    Some((score(caps.get(1)?.as_str())?, caps.get(2)?.as_str()))
}

/// A score of two integer digits after one stray mark (`@98.12`, `ส98.12`: OCR's reading of
/// a table rule or a speck): no digit can stand there (`X98.12` would exceed 100), so the
/// number is the score.
fn stray_score(cell: &str) -> Option<f64> {
    static STRAY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[^\d\s.,]([1-9]\d\.\d{2})$").expect("valid regex"));
    score(STRAY.captures(cell.trim())?.get(1)?.as_str())
}

/// An OIT answer cell (`มี` / `ไม่มี`), kept beside the 100/0 score.
static ANSWER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:มี|ไม่มี)$").expect("valid regex"));

/// The state of one question table (a topic's, or a per-tool table) while its rows are read.
#[derive(Default)]
pub(super) struct Table {
    /// The tool of the rows above, inherited by a row without a tool cell or letter.
    pub tool: Option<Tool>,
    /// The rows read.
    pub questions: Vec<Question>,
    /// The remarks read.
    pub remarks: Vec<Remark>,
    /// The last row's wording cell(s), when printed between the id and the score.
    pub wording: Option<String>,
    /// The last row's OIT answer cell, when printed.
    pub answer: Option<String>,
}

/// Does this line hold a question id cell?
pub(super) fn has_id_cell(l: &Line) -> bool {
    l.cells().any(|c| ID_CELL.is_match(c))
        || (l.text.contains('\t') && l.cells().any(|c| ID_LEAD.is_match(c)))
}

/// An id that leads the question's wording in one cell (`i1 บุคลากรในหน่วยงาน…`,
/// `ข้อ o4. แผนยุทธศาสตร์…`): a tool letter is required, so a numbered list item is not one.
static ID_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ข้อ\s*)?([ieoIEO])\s?(\d{1,2})[.):]?\s+([^\d\s].*)$").expect("valid regex")
});

impl Table {
    /// Reads `l` as a question row; `false` if it is not one.
    pub(super) fn row(&mut self, l: &Line, diags: &mut Diagnostics) -> bool {
        self.wording = None;
        self.answer = None;
        let cells: Vec<&str> = l.cells().collect();
        // The id cell alone (`ข้อ i1`), else an id that leads its wording (`i1 บุคลากร…`).
        let (k, letter, digits, lead) =
            if let Some(k) = cells.iter().position(|c| ID_CELL.is_match(c)) {
                let caps = ID_CELL.captures(cells[k]).expect("matched above");
                let letter = caps.get(1).or(caps.get(3)).map_or("", |m| m.as_str());
                let digits = caps.get(2).or(caps.get(4)).map_or("", |m| m.as_str());
                (k, letter, digits, None)
            } else if let Some((k, caps)) = cells
                .iter()
                .enumerate()
                .find_map(|(k, c)| ID_LEAD.captures(c).map(|caps| (k, caps)))
            {
                let get = |i| caps.get(i).map_or("", |m: regex::Match<'_>| m.as_str());
                (k, get(1), get(2), Some(get(3).trim().to_owned()))
            } else {
                return false;
            };
        let tool_cell = cells[..k].iter().rev().find_map(|c| parse_tool(c));
        if let Some(t) = tool_cell {
            self.tool = Some(t);
        }
        let id_text = match &lead {
            Some(w) => cells[k][..cells[k].len() - w.len()].trim_end(),
            None => cells[k],
        };
        let raw = raw_id(&l.raw, id_text);
        let (tool, id) = self.identify(letter, digits, &raw, l.at, diags);

        // The score is the first number after the id: the next cell in topic tables
        // (`ข้อ i1 | 100.00 | remark`), after the wording and an OIT answer in per-tool tables
        // (`o4 | แผนยุทธศาสตร์… | ไม่มี | 0`).
        let numeric = (k + 1..cells.len()).find(|&j| score(cells[j]).is_some());
        let mut spill: Option<&str> = None;
        let (value, after) = match (numeric, cells.get(k + 1)) {
            (Some(j), _) => {
                let mut words = Vec::new();
                for c in &cells[k + 1..j] {
                    if ANSWER.is_match(c) {
                        self.answer = Some((*c).to_owned());
                    } else if parse_tool(c).is_none() {
                        words.push(*c);
                    }
                }
                if !words.is_empty() {
                    self.wording = Some(words.join(" "));
                }
                if let Some(w) = &lead {
                    self.wording = Some(match self.wording.take() {
                        Some(rest) => format!("{w} {rest}"),
                        None => w.clone(),
                    });
                }
                (score(cells[j]), j + 1)
            }
            (None, Some(cell)) if lead.is_none() && split_score(cell).is_some() => {
                // The score cell ran into the next column (`100.00ร…`, as OCR lays out a
                // table whose columns touch): the number is the score, the rest the remark's.
                let (v, rest) = split_score(cell).expect("checked by the guard");
                diags.info(
                    "question-score-cell-split",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" runs into the next column's text: {v:.2} read as the score"),
                );
                spill = Some(rest);
                (Some(v), k + 2)
            }
            (None, Some(cell)) if lead.is_none() && stray_score(cell).is_some() => {
                let v = stray_score(cell).expect("checked by the guard");
                diags.info(
                    "question-score-stray-mark",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" has a stray mark before its number: {v:.2} read as the score"),
                );
                (Some(v), k + 2)
            }
            (None, Some(cell)) => {
                diags.warn(
                    "question-score-unreadable",
                    Some(l.at),
                    format!("{raw}: the score cell \"{cell}\" is not a number"),
                );
                (None, k + 2)
            }
            (None, None) => {
                diags.warn(
                    "question-score-missing",
                    Some(l.at),
                    format!("{raw}: the row has no score cell"),
                );
                (None, k + 2)
            }
        };
        let remark = spill
            .into_iter()
            .chain(cells.get(after..).unwrap_or_default().iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        if let (false, Some(t)) = (remark.is_empty(), tool) {
            match self.remarks.iter_mut().find(|r| r.tool == t) {
                Some(r) if tool_cell.is_none() => {
                    r.text.push(' ');
                    r.text.push_str(&remark);
                }
                Some(r) if r.text != remark => {
                    r.text.push(' ');
                    r.text.push_str(&remark);
                }
                Some(_) => {}
                None => self.remarks.push(Remark {
                    tool: t,
                    text: remark,
                    at: Some(l.at),
                }),
            }
        }
        self.questions.push(Question {
            tool,
            id,
            score: value,
            raw,
            at: l.at,
        });
        true
    }

    /// Works out the row's tool and id from the id cell and the inherited tool.
    fn identify(
        &mut self,
        letter: &str,
        digits: &str,
        raw: &str,
        at: At,
        diags: &mut Diagnostics,
    ) -> (Option<Tool>, Option<String>) {
        let number = digits.trim_start_matches('0');
        let letter_tool = letter.chars().next().and_then(Tool::from_id_letter);
        if !letter.is_empty() && letter_tool.is_none() {
            diags.warn(
                "question-id-unreadable",
                Some(at),
                format!("{raw}: \"{letter}\" is not a tool letter (i, e, o)"),
            );
            return (self.tool, None);
        }
        match (letter_tool, self.tool) {
            (Some(lt), row_tool) => {
                if let Some(rt) = row_tool.filter(|&rt| rt != lt) {
                    diags.warn(
                        "question-id-tool-mismatch",
                        Some(at),
                        format!(
                            "{raw}: the id says {} but the row is under {}",
                            lt.as_str(),
                            rt.as_str()
                        ),
                    );
                }
                if row_tool.is_none() {
                    self.tool = Some(lt);
                }
                if number.is_empty() {
                    diags.warn(
                        "question-id-unreadable",
                        Some(at),
                        format!("{raw}: no question number"),
                    );
                    return (Some(lt), None);
                }
                (Some(lt), Some(format!("{}{number}", lt.id_letter())))
            }
            (None, Some(Tool::Oit)) if digits.starts_with('0') && !number.is_empty() => {
                diags.info(
                    "question-id-repaired",
                    Some(at),
                    format!(
                        "{raw}: zero written for the letter o in an OIT row; read as o{number}"
                    ),
                );
                (Some(Tool::Oit), Some(format!("o{number}")))
            }
            (None, Some(t)) if digits.starts_with('0') => {
                diags.warn(
                    "question-id-unreadable",
                    Some(at),
                    format!("{raw}: a leading zero in a {} row cannot be repaired (only OIT ids start with o)", t.as_str()),
                );
                (Some(t), None)
            }
            (None, Some(t)) => {
                diags.info(
                    "question-id-letter-inferred",
                    Some(at),
                    format!(
                        "{raw}: no tool letter; the row is under {}, so read as {}{number}",
                        t.as_str(),
                        t.id_letter()
                    ),
                );
                (Some(t), Some(format!("{}{number}", t.id_letter())))
            }
            (None, None) => {
                diags.warn(
                    "question-tool-missing",
                    Some(at),
                    format!("{raw}: neither the id nor the rows above say which tool (IIT/EIT/OIT) this is"),
                );
                (None, None)
            }
        }
    }
}

/// `IIT` / `EIT` / `OIT` (any case, maybe with a trailing colon or part number).
pub(super) fn parse_tool(cell: &str) -> Option<Tool> {
    let t = cell.trim().trim_end_matches(':');
    let head = t.get(..3)?;
    let rest = t[3..].trim();
    if !(rest.is_empty() || rest.starts_with("ส่วนที่")) {
        return None;
    }
    match head.to_ascii_uppercase().as_str() {
        "IIT" => Some(Tool::Iit),
        "EIT" => Some(Tool::Eit),
        "OIT" => Some(Tool::Oit),
        _ => None,
    }
}

/// The id as written in the raw line (Thai digits and all), found by matching its normalized
/// form; the normalized cell if it cannot be found.
fn raw_id(raw_line: &str, cell: &str) -> String {
    let want: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    RAW_ID
        .find_iter(raw_line)
        .map(|m| m.as_str())
        .find(|m| {
            let n: String = normalize::thai_digits_to_arabic(m)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            n == want || n == want.trim_end_matches('.')
        })
        .unwrap_or(cell)
        .to_owned()
}

/// Topic-level checks: missing topics and questions scored differently under two topics.
fn check_topics(topics: &[Topic], part1: &[Line], diags: &mut Diagnostics) {
    let part_at = part1.first().map(|l| l.at);
    if topics.is_empty() {
        diags.warn(
            "topics-missing",
            part_at,
            "no topic headings (ประเด็นที่ 1–7) found".to_owned(),
        );
    } else {
        for no in 1..=7u8 {
            if !topics.iter().any(|t| t.no == no) {
                diags.warn(
                    "topic-missing",
                    part_at,
                    format!(
                        "topic {no} ({}) is not in the report",
                        framework::TOPICS[usize::from(no - 1)]
                    ),
                );
            }
        }
    }
    let mut by_id: BTreeMap<&str, Vec<(u8, f64, At)>> = BTreeMap::new();
    for t in topics {
        for q in &t.questions {
            if let (Some(id), Some(s)) = (q.id.as_deref(), q.score) {
                by_id.entry(id).or_default().push((t.no, s, q.at));
            }
        }
    }
    for (id, seen) in by_id {
        let (_, first, _) = seen[0];
        if seen.iter().any(|&(_, s, _)| (s - first).abs() > 1e-9) {
            let list: Vec<String> = seen
                .iter()
                .map(|(no, s, at)| format!("{s:.2} under topic {no} (line {})", at.line))
                .collect();
            diags.warn(
                "question-score-conflict",
                Some(seen[1].2),
                format!("question {id} has different scores: {}", list.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> (Table, Vec<crate::model::Diagnostic>) {
        let l = Line {
            at: At {
                page: Some(1),
                line: 1,
                bbox: None,
            },
            raw: text.into(),
            text: text.into(),
            cells: Vec::new(),
        };
        let mut table = Table {
            tool: Some(Tool::Iit),
            ..Table::default()
        };
        let mut diags = Diagnostics::default();
        assert!(table.row(&l, &mut diags));
        (table, diags.into_vec())
    }

    #[test]
    fn a_score_cell_run_into_the_remark_gives_its_number_and_says_so() {
        let (t, d) = row("ข้อ i1\t100.00รักษาระดับ\tคะแนน");
        assert_eq!(t.questions[0].score, Some(100.0));
        assert_eq!(t.remarks[0].text, "รักษาระดับ คะแนน");
        assert!(d.iter().any(|d| d.code == "question-score-cell-split"));
        let (t, _) = row("ข้อ i2\t98.12 ให้แต่ละส่วนงาน");
        assert_eq!(t.questions[0].score, Some(98.12));
        let (t, d) = row("ข้อ e3\t@98.12");
        assert_eq!(t.questions[0].score, Some(98.12));
        assert!(d.iter().any(|d| d.code == "question-score-stray-mark"));
    }

    #[test]
    fn a_cell_of_other_text_or_a_number_with_other_digits_is_not_a_score() {
        for cell in [
            "ความเป็นระบบ",
            "100.0ร",
            "1998.12ร",
            "@00.00",
            "ส08.12",
            "100 . 0 0",
        ] {
            let (t, d) = row(&format!("ข้อ i1\t{cell}"));
            assert_eq!(t.questions[0].score, None, "{cell}");
            assert!(
                d.iter().any(|d| d.code == "question-score-unreadable"),
                "{cell}"
            );
        }
    }
}
