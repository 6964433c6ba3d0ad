//! The summary values — ITA score and result, tool scores, the ten indicators — read from the
//! whole document in three steps: [`super::vocab`] (anchors) → [`super::candidates`] (numbers
//! bound to anchors) → [`super::choice`] (agreement, arithmetic).

use super::candidates::{self, Found};
use super::choice::{self, Chosen};
use super::{first_at, span, Diagnostics};
use crate::framework;
use crate::model::QuestionScore;
use crate::normalize::Line;

/// Reads the summary values from `lines` (the whole document); `ocr_pages`: the pages we
/// OCR'd, whose indicator table is also read by its row numbers ([`super::indicator_rows`]).
pub fn parse(
    lines: &[Line],
    year: Option<u16>,
    questions: &[QuestionScore],
    narrative: std::ops::Range<usize>,
    ocr_pages: &[u32],
    diags: &mut Diagnostics,
) -> (Chosen, Found) {
    let mut found = candidates::collect(lines, year, narrative);
    super::indicator_rows::add(lines, ocr_pages, &mut found);
    let chosen = choice::choose(&found, questions, year, diags);
    (chosen, found)
}

/// Warnings for the summary values a report should give and does not.
pub fn missing(chosen: &Chosen, found: &Found, lines: &[Line], diags: &mut Diagnostics) {
    let at = first_at(lines);
    let where_ = span(lines);
    let printed = |m| found.values.iter().any(|c| c.measure == m);
    use super::vocab::Measure;
    if chosen.ita.score.is_none() && !printed(Measure::Ita) {
        diags.warn(
            "ita-score-missing",
            at,
            format!("no ITA score (… (ITA) … คะแนน N) in the document ({where_})"),
        );
    }
    if chosen.ita.result.is_none() {
        diags.warn(
            "ita-result-missing",
            chosen.ita.at.or(at),
            format!("no ITA result label (ผ่าน, ไม่ผ่าน, AA–F, …) in the document ({where_})"),
        );
    }
    for (name, m) in [("IIT", Measure::Iit), ("OIT", Measure::Oit)] {
        if !printed(m) {
            diags.warn(
                "tool-score-missing",
                at,
                format!("no {name} score in the document ({where_})"),
            );
        }
    }
    let t = &chosen.tools;
    if !printed(Measure::Eit) && (t.eit_part1.is_none() || t.eit_part2.is_none()) {
        diags.warn(
            "tool-score-missing",
            at,
            format!("no EIT score (nor both EIT parts) in the document ({where_})"),
        );
    }
    let table_at = chosen.indicators.first().map(|i| i.at).or(at);
    let presented = |m| printed(m) || found.presented.contains(&m);
    if !(1..=framework::INDICATOR_COUNT).any(|no| presented(Measure::Indicator(no))) {
        // A layout that prints no indicator score at all: a part it does not have.
        diags.info(
            "indicators-missing",
            at,
            format!("the document prints no indicator scores ({where_})"),
        );
        return;
    }
    for no in 1..=framework::INDICATOR_COUNT {
        if !printed(Measure::Indicator(no)) {
            diags.warn(
                "indicator-missing",
                table_at,
                format!(
                    "indicator {no} ({}) has no score in the document",
                    framework::indicator_name(no, None).unwrap_or("?")
                ),
            );
        }
    }
}
