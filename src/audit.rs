//! Stage 3½: check a parsed report against the ITA framework's arithmetic.
//!
//! Every check has a stable code. A check that passes is recorded as `info` with its
//! arithmetic, so a reader can see *why* a number is trusted; a check that fails is a
//! `warning` with the same arithmetic. Then the report's `status` is set.
//!
//! When one printed number is wrong, only the check that isolates it fires: a wrong tool score
//! fails its tool-vs-indicators check, and the ITA check then uses the tool's value recomputed
//! from its indicators rather than failing a second time.

use std::collections::BTreeMap;

use crate::framework::{self, ResultScheme, TOLERANCE};
use crate::model::{At, Diagnostic, DocumentKind, Report, Severity, Status, Tool};

/// The codes of the framework checks this module records (pass or fail).
pub const CHECKS: [&str; 8] = [
    "score-range",
    "question-id-range",
    "indicator-label",
    "tool-vs-indicators",
    "eit-vs-parts",
    "indicator-vs-questions",
    "ita-vs-tools",
    "result-vs-score",
];

/// Runs every check that applies to the report's kind and sets `report.status`.
pub fn audit(report: &mut Report) {
    let mut checks = Checks::default();
    if report.document.kind == DocumentKind::AnalysisReport {
        score_ranges(report, &mut checks);
        question_ids(report, &mut checks);
        indicator_labels(report, &mut checks);
        let derived = tools_vs_indicators(report, &mut checks);
        indicators_vs_questions(report, &mut checks);
        ita_vs_tools(report, &derived, &mut checks);
        // After every check has seen them (their arithmetic says what was read).
        drop_out_of_range(report);
    }
    result_label(report, &mut checks);
    report.diagnostics.extend(checks.0);
    report.diagnostics.sort_by_key(|d| d.at.map(|a| a.line));
    report.status = status(report);
}

/// A number outside 0–100 read where a score belongs is no score (a point lost between two
/// digit runs, a question id run into its score): it is left empty, and `score-range` says
/// what was read.
fn drop_out_of_range(r: &mut Report) {
    let clear = |v: &mut Option<f64>| {
        if v.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
            *v = None;
        }
    };
    clear(&mut r.ita.score);
    let t = &mut r.tools;
    for v in [
        &mut t.iit,
        &mut t.eit,
        &mut t.eit_part1,
        &mut t.eit_part2,
        &mut t.oit,
    ] {
        clear(v);
    }
    for i in &mut r.indicators {
        clear(&mut i.score);
    }
    for q in r.topics.iter_mut().flat_map(|t| &mut t.questions) {
        clear(&mut q.score);
    }
    forget_places_of_nulls(r);
}

/// A number left null has no place it was read, and the EIT's mean of its parts needs both
/// parts: the places of the ITA and of each tool left null are dropped, and so is the mean.
pub(crate) fn forget_places_of_nulls(r: &mut Report) {
    if r.ita.score.is_none() {
        r.ita.at = None;
    }
    let t = &mut r.tools;
    if let Some(at) = t.at.as_mut() {
        for (value, place) in [
            (t.iit, &mut at.iit),
            (t.eit, &mut at.eit),
            (t.eit_part1, &mut at.eit_part1),
            (t.eit_part2, &mut at.eit_part2),
            (t.oit, &mut at.oit),
        ] {
            if value.is_none() {
                *place = None;
            }
        }
    }
    if t.eit_part1.is_none() || t.eit_part2.is_none() {
        t.eit_mean_of_parts = None;
    }
}

/// The report's status from what was read and what was flagged.
#[must_use]
pub fn status(report: &Report) -> Status {
    let t = &report.tools;
    let nothing = report.ita.score.is_none()
        && [t.iit, t.eit, t.eit_part1, t.eit_part2, t.oit]
            .iter()
            .all(Option::is_none)
        && report.indicators.iter().all(|i| i.score.is_none())
        && report
            .topics
            .iter()
            .flat_map(|t| &t.questions)
            .all(|q| q.score.is_none())
        && report.ranking.is_empty()
        && report
            .results
            .iter()
            .all(|e| e.score.is_none() && e.result.is_none());
    if nothing {
        Status::Failed
    } else if report
        .diagnostics
        .iter()
        .any(|d| d.severity >= Severity::Warning)
    {
        Status::Partial
    } else {
        Status::Ok
    }
}

#[derive(Default)]
struct Checks(Vec<Diagnostic>);

impl Checks {
    fn record(&mut self, code: &str, passed: bool, at: Option<At>, message: String) {
        self.0.push(Diagnostic {
            code: code.to_owned(),
            severity: if passed {
                Severity::Info
            } else {
                Severity::Warning
            },
            message,
            at,
        });
    }
}

/// Every score within 0–100.
fn score_ranges(r: &Report, checks: &mut Checks) {
    let mut all: Vec<(String, f64, Option<At>)> = Vec::new();
    if let Some(s) = r.ita.score {
        all.push(("ITA".into(), s, r.ita.at));
    }
    for (name, v, place) in r.tools.named() {
        if let Some(v) = v {
            // Where the tool's score was read; the ITA's line when its place is not known.
            all.push((name.into(), v, place.or(r.ita.at)));
        }
    }
    for i in &r.indicators {
        if let Some(s) = i.score {
            all.push((format!("indicator {}", i.no), s, Some(i.at)));
        }
    }
    for topic in &r.topics {
        for q in &topic.questions {
            if let Some(s) = q.score {
                all.push((
                    format!("topic {} {}", topic.no, q.id.as_deref().unwrap_or(&q.raw)),
                    s,
                    Some(q.at),
                ));
            }
        }
    }
    let mut bad = 0;
    for (name, v, at) in &all {
        if !(0.0..=100.0).contains(v) {
            bad += 1;
            checks.record(
                "score-range",
                false,
                *at,
                format!("{name} = {v} is outside 0–100: not a score, left empty"),
            );
        }
    }
    if bad == 0 && !all.is_empty() {
        checks.record(
            "score-range",
            true,
            None,
            format!("all {} scores are within 0–100", all.len()),
        );
    }
}

/// Question ids within the year's ranges.
fn question_ids(r: &Report, checks: &mut Checks) {
    let mut checked = 0;
    let mut unknown: Vec<&str> = Vec::new();
    for q in r.topics.iter().flat_map(|t| &t.questions) {
        let (Some(tool), Some(id)) = (q.tool, q.id.as_deref()) else {
            continue;
        };
        let Some(range) = framework::question_range(tool, r.fiscal_year) else {
            if !unknown.contains(&tool.as_str()) {
                unknown.push(tool.as_str());
            }
            continue;
        };
        checked += 1;
        let n: Option<u16> = id[1..].parse().ok();
        if !n.is_some_and(|n| range.contains(&n)) {
            checks.record(
                "question-id-range",
                false,
                Some(q.at),
                format!(
                    "{id} is outside {}{}–{}{} for fiscal {}",
                    tool.id_letter(),
                    range.start(),
                    tool.id_letter(),
                    range.end(),
                    r.fiscal_year.map_or("?".into(), |y| y.to_string())
                ),
            );
        }
    }
    if checked > 0 && !checks.0.iter().any(|d| d.code == "question-id-range") {
        checks.record(
            "question-id-range",
            true,
            None,
            format!("all {checked} question ids are within the year's ranges"),
        );
    }
    if !unknown.is_empty() {
        checks.record(
            "question-id-range",
            true,
            None,
            format!(
                "{} question ids not checked: the framework table has no id range for fiscal {}",
                unknown.join("/"),
                r.fiscal_year
                    .map_or("(unknown year)".into(), |y| y.to_string())
            ),
        );
    }
}

/// Indicator labels that are not the canonical NACC name (nor a known variant).
fn indicator_labels(r: &Report, checks: &mut Checks) {
    for i in &r.indicators {
        if !framework::label_matches(i.no, &i.label, r.fiscal_year) {
            checks.record(
                "indicator-label",
                false,
                Some(i.at),
                format!(
                    "indicator {} is labelled \"{}\"; the NACC name is \"{}\"",
                    i.no,
                    i.label,
                    i.name.as_deref().unwrap_or("?")
                ),
            );
        }
    }
}

/// The indicators' mean for each tool, when every indicator of the tool has a score.
type Derived = BTreeMap<Tool, f64>;

/// The EIT score to use: as printed, else the mean of its two parts.
fn eit(r: &Report) -> Option<f64> {
    r.tools
        .eit
        .or(match (r.tools.eit_part1, r.tools.eit_part2) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        })
}

/// Each tool vs the mean of its indicators; EIT also vs the mean of its two parts.
fn tools_vs_indicators(r: &Report, checks: &mut Checks) -> Derived {
    let mut derived = Derived::new();
    let at = r.indicators.first().map(|i| i.at);
    for (tool, value, nos) in [
        (Tool::Iit, r.tools.iit, 1..=5u8),
        (Tool::Eit, eit(r), 6..=8),
        (Tool::Oit, r.tools.oit, 9..=10),
    ] {
        let scores: Option<Vec<f64>> = nos
            .clone()
            .map(|no| {
                r.indicators
                    .iter()
                    .find(|i| i.no == no)
                    .and_then(|i| i.score)
            })
            .collect();
        let Some(scores) = scores else { continue };
        let mean = framework::mean(&scores);
        derived.insert(tool, mean);
        let Some(v) = value else { continue };
        let terms: Vec<String> = scores.iter().map(|s| format!("{s:.2}")).collect();
        let diff = (v - mean).abs();
        checks.record(
            "tool-vs-indicators",
            diff <= TOLERANCE + 1e-9,
            at,
            format!(
                "{} {v:.2} vs mean of indicators {}–{} ({}) / {} = {mean:.2}: difference {diff:.2} (tolerance ±{TOLERANCE})",
                tool.as_str(),
                nos.start(),
                nos.end(),
                terms.join(" + "),
                scores.len()
            ),
        );
    }
    if let (Some(e), Some(a), Some(b)) = (r.tools.eit, r.tools.eit_part1, r.tools.eit_part2) {
        let mean = (a + b) / 2.0;
        let diff = (e - mean).abs();
        checks.record(
            "eit-vs-parts",
            diff <= TOLERANCE + 1e-9,
            r.ita.at,
            format!("EIT {e:.2} vs (part 1 {a:.2} + part 2 {b:.2}) / 2 = {mean:.2}: difference {diff:.2}"),
        );
    }
    derived
}

/// IIT indicators vs the mean of their six questions, when the topics list all six with one
/// score each (EIT and OIT indicator scores are not plain means of the listed items).
fn indicators_vs_questions(r: &Report, checks: &mut Checks) {
    let mut scores: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for q in r.topics.iter().flat_map(|t| &t.questions) {
        if let (Some(id), Some(s)) = (q.id.as_deref(), q.score) {
            let v = scores.entry(id).or_default();
            if !v.iter().any(|&x| (x - s).abs() < 1e-9) {
                v.push(s);
            }
        }
    }
    for i in &r.indicators {
        let (Some(score), Some((range, ids))) =
            (i.score, framework::iit_indicator_ids(i.no, r.fiscal_year))
        else {
            continue;
        };
        // Every question present with exactly one score (a conflict is reported elsewhere).
        let values: Option<Vec<f64>> = ids
            .iter()
            .map(|id| {
                scores
                    .get(id.as_str())
                    .filter(|v| v.len() == 1)
                    .map(|v| v[0])
            })
            .collect();
        let Some(values) = values else { continue };
        let mean = framework::mean(&values);
        let diff = (score - mean).abs();
        checks.record(
            "indicator-vs-questions",
            diff <= TOLERANCE + 1e-9,
            Some(i.at),
            format!(
                "indicator {} {score:.2} vs mean of i{}–i{} ({}) / {} = {mean:.2}: difference {diff:.2}",
                i.no,
                range.start(),
                range.end(),
                values.iter().map(|v| format!("{v:.2}")).collect::<Vec<_>>().join(" + "),
                values.len()
            ),
        );
    }
}

/// The ITA score vs 0.3·IIT + 0.3·EIT + 0.4·OIT.
fn ita_vs_tools(r: &Report, derived: &Derived, checks: &mut Checks) {
    let Some(ita) = r.ita.score else { return };
    let printed = [
        (Tool::Iit, r.tools.iit),
        (Tool::Eit, eit(r)),
        (Tool::Oit, r.tools.oit),
    ];
    let Some(values) = printed
        .iter()
        .map(|(_, v)| *v)
        .collect::<Option<Vec<f64>>>()
    else {
        let missing: Vec<&str> = printed
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(t, _)| t.as_str())
            .collect();
        checks.record(
            "ita-vs-tools",
            false,
            r.ita.at,
            format!(
                "ITA {ita:.2} cannot be checked: no {} score",
                missing.join("/")
            ),
        );
        return;
    };
    let formula = |v: &[f64]| -> f64 {
        framework::WEIGHTS
            .iter()
            .zip(v)
            .map(|((_, w), x)| w * x)
            .sum()
    };
    let show = |v: &[f64]| -> String {
        framework::WEIGHTS
            .iter()
            .zip(v)
            .map(|((t, w), x)| format!("{w}·{} {x:.2}", t.as_str()))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let computed = formula(&values);
    let diff = (ita - computed).abs();
    if diff <= TOLERANCE + 1e-9 {
        checks.record(
            "ita-vs-tools",
            true,
            r.ita.at,
            format!(
                "ITA {ita:.2} = {} = {computed:.2} (difference {diff:.2})",
                show(&values)
            ),
        );
        return;
    }
    // A tool that disagrees with its own indicators is already flagged: try its value from the
    // indicators, so one wrong number raises one warning.
    let mut fixed = values.clone();
    let mut replaced = Vec::new();
    for (k, (tool, _)) in printed.iter().enumerate() {
        if let Some(&d) = derived.get(tool) {
            if (values[k] - d).abs() > TOLERANCE + 1e-9 {
                fixed[k] = d;
                replaced.push(tool.as_str());
            }
        }
    }
    let recomputed = formula(&fixed);
    if !replaced.is_empty() && (ita - recomputed).abs() <= TOLERANCE + 1e-9 {
        checks.record(
            "ita-vs-tools",
            true,
            r.ita.at,
            format!(
                "ITA {ita:.2} = {} = {recomputed:.2} with {} taken from its indicators (the printed value is flagged by tool-vs-indicators)",
                show(&fixed),
                replaced.join("/")
            ),
        );
    } else {
        checks.record(
            "ita-vs-tools",
            false,
            r.ita.at,
            format!(
                "ITA {ita:.2} vs {} = {computed:.2}: difference {diff:.2} (tolerance ±{TOLERANCE})",
                show(&values)
            ),
        );
    }
}

/// The result label vs the score (and, from 2566, vs the tool scores).
fn result_label(r: &Report, checks: &mut Checks) {
    let (Some(ita), Some(label)) = (r.ita.score, r.ita.result.as_deref()) else {
        return;
    };
    let year = r
        .fiscal_year
        .map_or("unknown year".into(), |y| format!("fiscal {y}"));
    match framework::result_scheme(r.fiscal_year) {
        ResultScheme::Grades => {
            let want = framework::grade(ita);
            checks.record(
                "result-vs-score",
                label == want,
                r.ita.at,
                format!("result \"{label}\" for ITA {ita:.2}: the grade for that score is {want} ({year}: AA ≥ 95, A ≥ 85, B ≥ 75, C ≥ 65, D ≥ 55, E ≥ 50, F below)"),
            );
        }
        ResultScheme::PassFail => {
            let tools: Vec<f64> = [r.tools.iit, eit(r), r.tools.oit]
                .into_iter()
                .flatten()
                .collect();
            let rating = framework::rating(ita, &tools);
            let pass = ita >= 85.0;
            let ok = match label {
                "ผ่าน" => pass,
                "ไม่ผ่าน" => !pass,
                "ผ่านดีเยี่ยม" | "ผ่านดี" if tools.len() < 3 => {
                    pass
                }
                other => other == rating,
            };
            let message = if tools.len() < 3 {
                format!(
                    "result \"{label}\" for ITA {ita:.2}: {year} gives {} at the pass mark 85 (the tool scores are not all given, so the rating is not checked)",
                    if pass { "ผ่าน" } else { "ไม่ผ่าน" }
                )
            } else {
                format!(
                    "result \"{label}\" for ITA {ita:.2} (tools {}): {year} gives {} and the rating {rating} (ผ่าน at ≥ 85; ผ่านดี: ITA and every tool ≥ 85; ผ่านดีเยี่ยม: all ≥ 95)",
                    tools.iter().map(|t| format!("{t:.2}")).collect::<Vec<_>>().join(", "),
                    if pass { "ผ่าน" } else { "ไม่ผ่าน" }
                )
            };
            checks.record("result-vs-score", ok, r.ita.at, message);
        }
    }
}
