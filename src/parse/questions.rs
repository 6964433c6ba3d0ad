//! The report-level question list: every question score the document prints, one entry per
//! id, from the topic tables of part 1 and from per-tool question tables (`i1 | wording |
//! score`) wherever they stand.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::topics::{has_id_cell, Table, UnreadRow};
use super::vocab::{self, Measure};
use super::Diagnostics;
use crate::framework;
use crate::model::{At, QuestionScore, Tool, Topic};
use crate::normalize::Line;

/// A question row on one line whose cells are single-space separated (a web copy, a
/// pdftotext dump): id with its letter, wording, an OIT answer, the score at the end. A
/// score has no leading zero: `018 และ 030`, a wrapped narrative's list of ids, is no row.
static LOOSE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ข้อ\s*)?([ieoIEO]|0)\s?(\d{1,2})[.):]?\s+([^\d\s\t][^\t]*?)\s+(?:(มี|ไม่มี)\s+)?((?:0|[1-9]\d{0,2})(?:\.\d{1,2})?)(?:\s*คะแนน)?$")
        .expect("valid regex")
});

/// A row that starts with a bare `0NN` cell (a Thai zero written for the letter o).
static ZERO_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^0\d{1,2}\.?\t").expect("valid regex"));

/// The start of a question id (`i1`, `ข้อ e 5`): a tool letter (lower case: a grade band
/// `E | 50.00 - 54.99` is no row) and a digit.
static ID_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:ข้อ ?)?[ieo] ?\d").expect("valid regex"));

/// A range of ids (`o1 - o3 และ o5 - o10`, which OCR gives as `0 1 - 0 3 และ Of - 0 10`):
/// what follows the first id when it is a dash and another id (or its letter alone, the
/// number taken for the score: `ข้อ 0 35 - 0 35`), never a question's wording.
static ID_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–]\s*(?:ข้อ\s*)?[ieoIEO0](?:\s?\d|$)").expect("valid regex"));

/// The end of a sentence that introduces a score (`… ได้`, `… คะแนน`, `… เท่ากับ`).
static PROSE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:ได้|คะแนน|เท่ากับ|อยู่ที่|:)$").expect("valid regex"));

/// Does this line start with a question id (a question row, whatever its separators)?
#[must_use]
pub fn starts_with_id(text: &str) -> bool {
    static ID_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:ข้อ\s*)?[ieoIEO]\s?\d{1,2}[.):]?\s").expect("valid regex")
    });
    ID_START.is_match(text)
}

/// One printed score of a question.
struct Seen {
    score: Option<f64>,
    topic: Option<u8>,
    text: Option<String>,
    answer: Option<String>,
    at: At,
}

/// Collects the questions of `topics` and of every question row outside them.
///
/// A question only topic tables score is confirmed only when every row that may score it was
/// read: its score is left empty (`question-score-unconfirmed`) when a topic's row for it lost
/// its score, or when another topic's table has a row whose id was lost (`unread`, and rows
/// read without an id) under its tool. Reports do print one question with two scores (the
/// seed report: e4 96.10 under topic 1, 98.12 under topic 2), and the text dump of such a
/// report leaves it empty; the unread row may be the other score.
pub fn collect(
    lines: &[Line],
    topics: &[Topic],
    unread: &[UnreadRow],
    year: Option<u16>,
    diags: &mut Diagnostics,
) -> Vec<QuestionScore> {
    let mut by_id: BTreeMap<(Tool, u16), Vec<Seen>> = BTreeMap::new();
    let mut topic_lines = BTreeSet::new();
    let mut unread = unread.to_vec();
    for t in topics {
        for q in &t.questions {
            topic_lines.insert(q.at.line);
            if q.id.is_none() {
                // What of the id was read (`ข้อ ๑๘`: 18, its letter lost).
                let read: String = crate::normalize::thai_digits_to_arabic(&q.raw)
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let whole = read.contains(|c: char| c.is_ascii_digit());
                unread.push(UnreadRow::new(t.no, q.tool, &read, whole, q.at));
            }
            if let (Some(tool), Some(n)) = (q.tool, q.id.as_deref().and_then(number)) {
                by_id.entry((tool, n)).or_default().push(Seen {
                    score: q.score,
                    topic: Some(t.no),
                    text: None,
                    answer: None,
                    at: q.at,
                });
            }
        }
    }
    let mut table = Table {
        year,
        ..Table::default()
    };
    for l in lines {
        if topic_lines.contains(&l.at.line) {
            continue;
        }
        // (A sentence stating a score, `ข้อ o42 … ได้ 100 คะแนน`, is prose, not a row.)
        if let Some(c) = LOOSE_ROW
            .captures(&l.text)
            .filter(|c| !PROSE_END.is_match(&c[3]) && !ID_RANGE.is_match(&c[3]))
        {
            // A question row whose cells were copied with single spaces.
            // `0NN` (a Thai zero for the o) only under an OIT heading.
            let tool = match &c[1] {
                "0" => (table.tool == Some(Tool::Oit)).then_some(Tool::Oit),
                letter => letter.chars().next().and_then(Tool::from_id_letter),
            };
            let n = c[2].parse::<u16>().ok();
            if let (Some(tool), Some(n)) = (tool, n) {
                by_id.entry((tool, n)).or_default().push(Seen {
                    score: super::score(&c[5]),
                    topic: None,
                    text: Some(c[3].trim().to_owned()),
                    answer: c.get(4).map(|m| m.as_str().to_owned()),
                    at: l.at,
                });
                continue;
            }
        }
        if !l.text.contains('\t') && !l.text.is_empty() {
            if !vocab::may_name_a_tool(&l.text) {
                continue;
            }
            // A heading that names one tool sets the tool of the table under it.
            let tools: BTreeSet<Tool> = vocab::anchors(&l.text)
                .iter()
                .filter_map(|a| match a.measure {
                    Measure::Iit => Some(Tool::Iit),
                    Measure::Eit | Measure::EitPart(_) => Some(Tool::Eit),
                    Measure::Oit => Some(Tool::Oit),
                    _ => None,
                })
                .collect();
            if tools.len() == 1 {
                table.tool = tools.into_iter().next();
            }
            continue;
        }
        // In an OIT table, a bare `๐๑๑` is o11 with a Thai zero for the letter (the row reads
        // as `ข้อ ๐๑๑` does, repaired with a note).
        let zero_id;
        let l = if table.tool == Some(Tool::Oit) && ZERO_ID.is_match(&l.text) {
            zero_id = Line {
                at: l.at,
                raw: l.raw.clone(),
                text: format!("ข้อ {}", l.text),
                cells: Vec::new(),
            };
            &zero_id
        } else {
            l
        };
        // Rows a layout ran together (`i11 i12 | … | 92.40 91.81`) are read one by one.
        let split = super::topics::split_merged_rows(l);
        if split.is_some() {
            diags.info(
                "question-rows-split",
                Some(l.at),
                format!(
                    "question rows run together on one line: \"{}\" read as one row each",
                    l.raw.trim()
                ),
            );
        }
        let parts: Vec<&Line> = split
            .as_ref()
            .map_or_else(|| vec![l], |r| r.iter().collect());
        for l in parts {
            if !has_id_cell(l) {
                // A table row that starts as a question row does (`i1 0 | wording | 91.89`, its id
                // cell broken) but whose id cannot be read: its score is lost, and said so.
                if l.text.contains('\t') && ID_PREFIX.is_match(&l.text) {
                    diags.warn(
                        "question-row-unreadable",
                        Some(l.at),
                        format!(
                            "this row starts with a question id but its id cell cannot be read: \"{}\"",
                            l.raw.trim()
                        ),
                    );
                }
                continue;
            }
            let before = table.questions.len();
            if !table.row(l, diags) {
                continue;
            }
            // (A row whose id lost its number gives no question.)
            let Some(q) = table.questions.get(before) else {
                continue;
            };
            if let (Some(tool), Some(n)) = (q.tool, q.id.as_deref().and_then(number)) {
                by_id.entry((tool, n)).or_default().push(Seen {
                    score: q.score,
                    topic: None,
                    text: table.wording.clone(),
                    answer: table.answer.clone(),
                    at: q.at,
                });
            }
        }
    }
    missing_rows(&by_id, year, diags);
    let mut out = Vec::new();
    for ((tool, n), seen) in by_id {
        let id = format!("{}{n}", tool.id_letter());
        let scores: Vec<f64> = seen
            .iter()
            .filter_map(|s| s.score)
            .fold(Vec::new(), |mut v, s| {
                if !v.iter().any(|&x: &f64| (x - s).abs() < 1e-9) {
                    v.push(s);
                }
                v
            });
        // Conflicts between topic tables are reported by the topics; others here.
        if scores.len() > 1 && seen.iter().any(|s| s.topic.is_none()) {
            let list: Vec<String> = seen
                .iter()
                .filter_map(|s| s.score.map(|v| format!("{v:.2} (line {})", s.at.line)))
                .collect();
            diags.warn(
                "question-score-conflict",
                Some(seen[0].at),
                format!(
                    "question {id} has different scores: {}; left empty",
                    list.join(", ")
                ),
            );
        }
        let mut topics: Vec<u8> = seen.iter().filter_map(|s| s.topic).collect();
        topics.sort_unstable();
        topics.dedup();
        let mut score = (scores.len() == 1).then(|| scores[0]);
        if let Some(v) = score.filter(|_| seen.iter().all(|s| s.topic.is_some())) {
            let lost = seen
                .iter()
                .find(|s| s.score.is_none())
                .map(|s| s.at)
                .or_else(|| {
                    unread
                        .iter()
                        .find(|u| !topics.contains(&u.topic) && u.may_be(tool, &id))
                        .map(|u| u.at)
                });
            if let Some(at) = lost {
                diags.warn(
                    "question-score-unconfirmed",
                    Some(seen[0].at),
                    format!(
                        "question {id} is scored {v:.2} under topic {}, but a topic table's row that may score it too could not be read (line {}): left empty",
                        topics.iter().map(u8::to_string).collect::<Vec<_>>().join(", "),
                        at.line
                    ),
                );
                score = None;
            }
        }
        out.push(QuestionScore {
            tool,
            indicator: framework::question_indicator(&id, year),
            score,
            answer: seen.iter().find_map(|s| s.answer.clone()),
            text: seen.iter().find_map(|s| s.text.clone()),
            topics,
            at: seen[0].at,
            id,
        });
    }
    out
}

/// A question table that lists most of a tool's questions but skips some (a row lost at a page
/// break, a row that could not be read): the missing ids are named, so that no row is lost
/// silently.
fn missing_rows(
    by_id: &BTreeMap<(Tool, u16), Vec<Seen>>,
    year: Option<u16>,
    diags: &mut Diagnostics,
) {
    for tool in [Tool::Iit, Tool::Eit, Tool::Oit] {
        let Some(range) = framework::question_range(tool, year) else {
            continue;
        };
        let listed: Vec<u16> = by_id
            .keys()
            .filter(|(t, n)| *t == tool && range.contains(n))
            .map(|&(_, n)| n)
            .collect();
        let total = range.clone().count();
        if listed.len() * 2 < total || listed.len() == total {
            continue;
        }
        // Topic tables list a selection of questions; only a tool's own table lists them all.
        if by_id
            .iter()
            .filter(|((t, _), _)| *t == tool)
            .all(|(_, seen)| seen.iter().all(|s| s.topic.is_some()))
        {
            continue;
        }
        let gaps: Vec<String> = range
            .filter(|n| !listed.contains(n))
            .map(|n| format!("{}{n}", tool.id_letter()))
            .collect();
        let at = by_id
            .iter()
            .find(|((t, _), _)| *t == tool)
            .map(|(_, seen)| seen[0].at);
        diags.warn(
            "question-rows-missing",
            at,
            format!(
                "the {} question table lists {} of its {total} questions; not read: {}",
                tool.as_str(),
                listed.len(),
                gaps.join(", ")
            ),
        );
    }
}

fn number(id: &str) -> Option<u16> {
    id.get(1..)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_ids_is_no_row() {
        // As OCR reads `o1 - o3 และ o5 - o10` and `ข้อ o35 - o35` of a narrative.
        for prose in [
            "0 1 - 0 3 และ Of - 0 10",
            "ข้อ 0 35 - 0 35",
            "ข้อ 023 - 022 และ 035 - 0 51",
        ] {
            let c = LOOSE_ROW.captures(prose).unwrap();
            assert!(ID_RANGE.is_match(&c[3]), "{prose}");
        }
        let c = LOOSE_ROW.captures("o4 แผนยุทธศาสตร์ ไม่มี 0").unwrap();
        assert!(!ID_RANGE.is_match(&c[3]));
        let c = LOOSE_ROW.captures("i1 - บุคลากรในหน่วยงาน 98.12").unwrap();
        assert!(!ID_RANGE.is_match(&c[3]));
    }

    fn at(line: u32) -> At {
        At {
            page: Some(1),
            line,
            bbox: None,
        }
    }

    /// A topic with rows (tool, id, score), numbered from `line`.
    fn topic(no: u8, line: u32, rows: &[(Tool, Option<&str>, Option<f64>)]) -> Topic {
        Topic {
            no,
            title: String::new(),
            questions: rows
                .iter()
                .zip(line..)
                .map(|(&(tool, id, score), k)| crate::model::Question {
                    tool: Some(tool),
                    id: id.map(str::to_owned),
                    score,
                    raw: String::new(),
                    at: at(k),
                })
                .collect(),
            remarks: Vec::new(),
            analysis: None,
            at: at(line - 1),
            analysis_parts: None,
        }
    }

    fn scores(topics: &[Topic], unread: &[UnreadRow]) -> (Vec<(String, Option<f64>)>, Vec<String>) {
        let mut diags = Diagnostics::default();
        let q = collect(&[], topics, unread, Some(2566), &mut diags);
        let codes = diags
            .into_vec()
            .into_iter()
            .map(|d| d.code.to_string())
            .collect();
        (q.into_iter().map(|q| (q.id, q.score)).collect(), codes)
    }

    #[test]
    fn a_question_only_topics_score_is_left_empty_when_a_row_that_may_score_it_was_not_read() {
        let two = topic(
            2,
            20,
            &[
                (Tool::Eit, Some("e4"), Some(98.12)),
                (Tool::Oit, Some("o15"), Some(100.0)),
            ],
        );
        // Read everywhere: the score stands.
        let (got, codes) = scores(
            &[
                topic(1, 10, &[(Tool::Eit, Some("e1"), Some(98.12))]),
                two.clone(),
            ],
            &[],
        );
        assert_eq!(
            got,
            [
                ("e1".into(), Some(98.12)),
                ("e4".into(), Some(98.12)),
                ("o15".into(), Some(100.0))
            ]
        );
        assert!(codes.is_empty(), "{codes:?}");
        // Topic 1's EIT row for e4 lost its score (the seed report prints 96.10 there).
        let one = topic(1, 10, &[(Tool::Eit, Some("e4"), None)]);
        let (got, codes) = scores(&[one, two.clone()], &[]);
        assert_eq!(got, [("e4".into(), None), ("o15".into(), Some(100.0))]);
        assert_eq!(codes, ["question-score-unconfirmed"]);
        // An unread row in the question's own topic leaves it confirmed.
        let lost = [UnreadRow::new(2, Some(Tool::Eit), "", false, at(22))];
        let (got, codes) = scores(std::slice::from_ref(&two), &lost);
        assert_eq!(
            got,
            [("e4".into(), Some(98.12)), ("o15".into(), Some(100.0))]
        );
        assert!(codes.is_empty(), "{codes:?}");
        // A row whose number was read but not its letter (`ข้อ ๑๘`) stands only for that number.
        let mut one = topic(1, 10, &[(Tool::Eit, None, Some(96.1))]);
        one.questions[0].tool = None;
        one.questions[0].raw = "ข้อ ๔".into();
        let (got, _) = scores(&[one.clone(), two.clone()], &[]);
        assert!(got.contains(&("e4".into(), None)) && got.contains(&("o15".into(), Some(100.0))));
        one.questions[0].raw = "ข้อ ๑๘".into();
        let (got, _) = scores(&[one, two.clone()], &[]);
        assert!(got.contains(&("e4".into(), Some(98.12))));
        // Topic 1's EIT row lost its id: every EIT question scored only elsewhere is unconfirmed,
        // an OIT one is not; a question table's score is not the topics' to confirm.
        for one in [
            topic(1, 10, &[(Tool::Eit, None, Some(96.1))]),
            topic(1, 10, &[(Tool::Eit, Some("e1"), Some(98.12))]),
        ] {
            let unread = [UnreadRow::new(1, Some(Tool::Eit), "", false, at(11))];
            let lost = if one.questions[0].id.is_none() {
                &[][..]
            } else {
                &unread[..]
            };
            let (got, codes) = scores(&[one, two.clone()], lost);
            assert!(got.contains(&("e4".into(), None)), "{got:?}");
            assert!(got.contains(&("o15".into(), Some(100.0))), "{got:?}");
            assert!(codes.contains(&"question-score-unconfirmed".to_owned()));
        }
    }
}
