//! The framework's arithmetic choosing among the readings of a question's score that the
//! confirmation left `null` (`ocr-repaired`).
//!
//! An IIT indicator's score is the mean of its six questions' scores (ITA.md; the audit's
//! `indicator-vs-questions`). When the indicator's score is confirmed, and each of its six
//! questions either has a confirmed score or was read on its rows' lines as one or more scores
//! the digit reader read surely (the parser did not bind them, or the line held other numbers),
//! every way of taking one reading per unconfirmed question is tried: when exactly one value
//! per question makes the mean agree with the indicator within 0.01 (what rounding to two
//! decimals allows), those values are kept with `ocr-repaired`. The arithmetic only chooses
//! among readings of the row's own line; it never computes a value no reading showed, and a
//! row whose id the reader did not read surely gives no reading.
//!
//! What it cannot see: a reading within 0.06 of the true score (six questions share the
//! 0.01), which is why only the reader's sure readings are readings here: their digits are
//! not in doubt, only which row they belong to.

use crate::framework;
use crate::model::{At, Diagnostic, Report, Severity};
use crate::normalize::Text;

use super::confirm::{id_read_surely, ocr_pages, sure_scores_on_line};

/// The relation's bound: two roundings to 2 decimals.
const BOUND: f64 = 0.01 + 1e-9;
/// Most combinations of readings tried for one indicator.
const MAX_COMBINATIONS: usize = 4096;

/// One question of an indicator's relation: its confirmed score, or its readings.
#[derive(Debug, Clone, PartialEq)]
enum Member {
    Confirmed(f64),
    /// Readings (sure scores on the lines of rows whose id was read surely).
    Read(Vec<f64>),
}

/// For each IIT indicator with a confirmed score, chooses by the arithmetic among the readings
/// of its questions left `null` on OCR'd pages (see the module's documentation).
pub fn choose(report: &mut Report, text: &Text) {
    let pages = ocr_pages(report);
    if pages.is_empty() {
        return;
    }
    let mut diags: Vec<Diagnostic> = Vec::new();
    let indicators: Vec<(u8, f64)> = report
        .indicators
        .iter()
        .filter_map(|i| Some((i.no, i.score?)))
        .collect();
    for (no, score) in indicators {
        let Some((range, ids)) = framework::iit_indicator_ids(no, report.fiscal_year) else {
            continue;
        };
        let Some(members) = ids
            .iter()
            .map(|id| member(report, text, &pages, id))
            .collect::<Option<Vec<Member>>>()
        else {
            continue;
        };
        let Some(chosen) = solve(&members, score) else {
            continue;
        };
        let values: Vec<String> = chosen.iter().map(|v| format!("{v:.2}")).collect();
        for ((id, m), v) in ids.iter().zip(&members).zip(&chosen) {
            let Member::Read(readings) = m else { continue };
            let read: Vec<String> = readings.iter().map(|r| format!("{r:.2}")).collect();
            let at = set(report, text, id, *v);
            diags.push(Diagnostic {
                code: "ocr-repaired".into(),
                severity: Severity::Warning,
                message: format!(
                    "question {id}: {v:.2} chosen by the arithmetic among the scores the digit \
                     reader read on its rows' lines ({}): indicator {no} {score:.2} is the mean of \
                     i{}–i{} ({}) / 6 only with it",
                    read.join(", "),
                    range.start(),
                    range.end(),
                    values.join(" + "),
                ),
                at,
            });
        }
    }
    report.diagnostics.extend(diags);
    report.diagnostics.sort_by_key(|d| d.at.map(|a| a.line));
}

/// The question `id` in the relation: its list score when it has one (confirmed: the
/// confirmation ran before), else the sure scores on the lines of its rows (the list's and
/// each topic's) whose id was read surely there; `None` when it is not listed or has no
/// reading.
fn member(
    report: &Report,
    text: &Text,
    pages: &std::collections::BTreeSet<u32>,
    id: &str,
) -> Option<Member> {
    let q = report.questions.iter().find(|q| q.id == id)?;
    if let Some(v) = q.score {
        return Some(Member::Confirmed(v));
    }
    // A topic row already confirmed is the question's score (two that disagree: no member),
    // never one more reading that the arithmetic could overrule.
    let mut topic_scores = report
        .topics
        .iter()
        .flat_map(|t| &t.questions)
        .filter(|t| t.id.as_deref() == Some(id))
        .filter_map(|t| t.score);
    if let Some(v) = topic_scores.next() {
        return topic_scores
            .all(|w| (w - v).abs() < 1e-9)
            .then_some(Member::Confirmed(v));
    }
    let mut readings: Vec<f64> = Vec::new();
    for at in rows_of(report, id) {
        if !at.page.is_some_and(|p| pages.contains(&p)) || !id_read_surely(text, Some(at), id) {
            continue;
        }
        for v in sure_scores_on_line(text, at) {
            if !readings.iter().any(|&r| (r - v).abs() < 1e-9) {
                readings.push(v);
            }
        }
    }
    (!readings.is_empty()).then_some(Member::Read(readings))
}

/// Where question `id` was read: the list's row, then each topic's rows, each line once.
fn rows_of(report: &Report, id: &str) -> Vec<At> {
    let mut out: Vec<At> = report
        .questions
        .iter()
        .filter(|q| q.id == id)
        .map(|q| q.at)
        .collect();
    for q in report.topics.iter().flat_map(|t| &t.questions) {
        if q.id.as_deref() == Some(id) && !out.iter().any(|a| a.line == q.at.line) {
            out.push(q.at);
        }
    }
    out
}

/// The one value per member that makes the members' mean `target` within [`BOUND`], when
/// every combination of readings that does gives each member the same value; `None` when
/// none does, when two do with different values, when nothing is unconfirmed, or when there
/// are too many combinations to try.
fn solve(members: &[Member], target: f64) -> Option<Vec<f64>> {
    if members.is_empty() || !members.iter().any(|m| matches!(m, Member::Read(_))) {
        return None;
    }
    let options: Vec<&[f64]> = members
        .iter()
        .map(|m| match m {
            Member::Confirmed(v) => std::slice::from_ref(v),
            Member::Read(r) => r.as_slice(),
        })
        .collect();
    let total = options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len()))?;
    if total == 0 || total > MAX_COMBINATIONS {
        return None;
    }
    let mut found: Option<Vec<f64>> = None;
    for mut k in 0..total {
        let pick: Vec<f64> = options
            .iter()
            .map(|o| {
                let v = o[k % o.len()];
                k /= o.len();
                v
            })
            .collect();
        let mean = framework::mean(&pick);
        if (mean - target).abs() > BOUND {
            continue;
        }
        match &found {
            None => found = Some(pick),
            Some(f) if f.iter().zip(&pick).all(|(a, b)| (a - b).abs() < 1e-9) => {}
            Some(_) => return None,
        }
    }
    found
}

/// Sets question `id`'s chosen score `v`: in the list, and in each topic row whose own line
/// holds `v` read surely (a row whose line does not show it stays as it was); the
/// `ocr-unconfirmed` warnings of those rows go. Returns the list row's place.
fn set(report: &mut Report, text: &Text, id: &str, v: f64) -> Option<At> {
    let holds = |at: At| {
        id_read_surely(text, Some(at), id)
            && sure_scores_on_line(text, at)
                .iter()
                .any(|&x| (x - v).abs() < 1e-9)
    };
    let mut places: Vec<At> = Vec::new();
    let mut list_at = None;
    if let Some(q) = report.questions.iter_mut().find(|q| q.id == id) {
        q.score = Some(v);
        places.push(q.at);
        list_at = Some(q.at);
    }
    for q in report.topics.iter_mut().flat_map(|t| &mut t.questions) {
        if q.id.as_deref() == Some(id) && q.score.is_none() && holds(q.at) {
            q.score = Some(v);
            places.push(q.at);
        }
    }
    let prefix = format!("question {id}:");
    report.diagnostics.retain(|d| {
        !(d.code == "ocr-unconfirmed"
            && d.message.starts_with(&prefix)
            && d.at.is_some_and(|a| places.contains(&a)))
    });
    list_at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `confirmed` questions scored 100.00, then one per list of readings.
    fn members(confirmed: usize, read: &[&[f64]]) -> Vec<Member> {
        let mut m = vec![Member::Confirmed(100.0); confirmed];
        m.extend(read.iter().map(|r| Member::Read(r.to_vec())));
        m
    }

    #[test]
    fn one_reading_per_question_that_makes_the_mean_is_chosen() {
        // Indicator 4 = 99.67: i19, i20 confirmed; i21–i24 read on their lines only.
        let members = members(2, &[&[100.0], &[98.04, 100.0], &[100.0], &[100.0]]);
        assert_eq!(
            solve(&members, 99.67),
            Some(vec![100.0, 100.0, 100.0, 98.04, 100.0, 100.0])
        );
        // The readings that do not make the mean are not chosen: nothing fits.
        assert_eq!(solve(&members, 99.0), None);
    }

    #[test]
    fn two_choices_that_both_fit_choose_nothing() {
        // Two unconfirmed questions read as 100.00 and 98.04 each: either way round fits.
        let two = members(4, &[&[100.0, 98.04], &[100.0, 98.04]]);
        assert_eq!(solve(&two, 99.67), None);
        // Nothing unconfirmed: nothing to choose (the confirmation has spoken).
        assert_eq!(solve(&members(6, &[]), 100.0), None);
    }

    #[test]
    fn a_reading_within_the_bound_is_the_only_limit() {
        // 99.95 for a true 100.00 moves the mean by 0.008: within the bound (the module's
        // documented limit, why only sure readings are readings).
        assert_eq!(
            solve(&members(5, &[&[99.95]]), 100.0).map(|v| v[5]),
            Some(99.95)
        );
        // 99.35 read for 100.00 breaks it.
        assert_eq!(solve(&members(5, &[&[99.35]]), 100.0), None);
    }

    /// On the seed: i22's score left null, its line read as the reader read it.
    fn seed_with_i22(raw: &str, sure: &[&str]) -> Report {
        seed_with_i22_topic(raw, sure, None)
    }

    /// The same, with i22's topic rows keeping `topic` (a score confirmed there).
    fn seed_with_i22_topic(raw: &str, sure: &[&str], topic: Option<f64>) -> Report {
        let (mut r, mut text) = crate::ocr::confirm::tests::seed();
        crate::ocr::confirm::tests::as_ocr(&mut r);
        let k = r.questions.iter().position(|q| q.id == "i22").unwrap();
        let line = r.questions[k].at.line;
        r.questions[k].score = None;
        r.questions[k].at.page = Some(1);
        for q in r.topics.iter_mut().flat_map(|t| &mut t.questions) {
            if q.id.as_deref() == Some("i22") {
                q.score = topic;
                q.at.page = Some(1);
            }
        }
        let l = &mut text.lines[line as usize - 1];
        l.at.page = Some(1);
        l.raw = raw.into();
        text.pages = vec![crate::ocr::confirm::tests::page_with(sure)];
        choose(&mut r, &text);
        r
    }

    #[test]
    fn the_seeds_i22_is_chosen_from_its_line_by_indicator_4() {
        let score = |r: &Report| r.questions.iter().find(|q| q.id == "i22").unwrap().score;
        let r = seed_with_i22("ข้อ i๒๒\t๙๘.๐๔", &["i๒๒", "๙๘.๐๔"]);
        assert_eq!(score(&r), Some(98.04));
        let line = r.questions.iter().find(|q| q.id == "i22").unwrap().at.line;
        assert!(r
            .topics
            .iter()
            .flat_map(|t| &t.questions)
            .filter(|q| q.id.as_deref() == Some("i22") && q.at.line == line)
            .all(|q| q.score == Some(98.04)));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.code == "ocr-repaired" && d.message.starts_with("question i22: 98.04")));
        // A reading that breaks the mean (indicator 4 = 99.67) is not chosen.
        assert_eq!(
            score(&seed_with_i22("ข้อ i๒๒\t๙๙.๐๔", &["i๒๒", "๙๙.๐๔"])),
            None
        );
        // Two sure readings on the line: the one that makes the mean.
        let two = seed_with_i22("ข้อ i๒๒\t๙๘.๐๔ ๑๐๐.๐๐", &["i๒๒", "๙๘.๐๔", "๑๐๐.๐๐"]);
        assert_eq!(score(&two), Some(98.04));
        // The id as Tesseract read it, or the score: no reading.
        assert_eq!(score(&seed_with_i22("ข้อ i22\t๙๘.๐๔", &["๙๘.๐๔"])), None);
        assert_eq!(score(&seed_with_i22("ข้อ i๒๒\t98.04", &["i๒๒"])), None);
        // A topic row already confirmed is the question's score: a reading on the line that
        // would fit the mean with another value is not set beside it.
        let kept = seed_with_i22_topic("ข้อ i๒๒\t๙๘.๐๔", &["i๒๒", "๙๘.๐๔"], Some(100.0));
        assert_eq!(score(&kept), None);
        assert!(!kept.diagnostics.iter().any(|d| d.code == "ocr-repaired"));
    }
}
