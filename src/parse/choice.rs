//! Step 3: choice. For each value, the candidates of [`super::candidates`] either agree (the
//! value), or the framework's arithmetic picks the one candidate consistent with the values
//! already settled (ITA = 0.3·IIT + 0.3·EIT + 0.4·OIT, a tool = the mean of its indicators,
//! EIT = the mean of its parts, an IIT indicator = the mean of its six questions), or the value
//! is `null` with a warning quoting every candidate. Arithmetic only picks among numbers the
//! document printed; it never computes one.

use std::collections::BTreeMap;

use super::candidates::{Candidate, Found, ResultCandidate};
use super::vocab::Measure;
use super::Diagnostics;
use crate::framework::{self, ResultScheme, TOLERANCE};
use crate::model::{HistoryEntry, Indicator, Ita, QuestionScore, Tools};

/// The chosen summary values.
#[derive(Debug, Default)]
pub struct Chosen {
    /// ITA score and result.
    pub ita: Ita,
    /// Tool scores.
    pub tools: Tools,
    /// Indicators, in number order.
    pub indicators: Vec<Indicator>,
    /// Values of other years.
    pub history: Vec<HistoryEntry>,
}

/// Chooses every summary value from `found`.
pub fn choose(
    found: &Found,
    questions: &[QuestionScore],
    year: Option<u16>,
    diags: &mut Diagnostics,
) -> Chosen {
    // Distinct values per measure, each with its first candidate.
    let mut options: BTreeMap<Measure, Vec<&Candidate>> = BTreeMap::new();
    for c in &found.values {
        let v = options.entry(c.measure).or_default();
        if !v.iter().any(|o| same(o.value, c.value)) {
            v.push(c);
        }
    }
    let mut settled: BTreeMap<Measure, &Candidate> = options
        .iter()
        .filter(|(_, v)| v.len() == 1)
        .map(|(m, v)| (*m, v[0]))
        .collect();
    // Arithmetic, repeated while it settles something.
    loop {
        let mut progress = false;
        for (m, opts) in options.iter().filter(|(_, v)| v.len() > 1) {
            if settled.contains_key(m) {
                continue;
            }
            let values: BTreeMap<Measure, f64> =
                settled.iter().map(|(k, c)| (*k, c.value)).collect();
            let fits: Vec<&&Candidate> = opts
                .iter()
                .filter(|c| consistent(*m, c.value, &values, questions, year) == Some(true))
                .collect();
            if let [one] = fits.as_slice() {
                let others: Vec<String> = opts
                    .iter()
                    .filter(|c| !same(c.value, one.value))
                    .map(|c| describe(c))
                    .collect();
                diags.info(
                    "value-chosen-by-arithmetic",
                    Some(one.at),
                    format!(
                        "{} is printed as {}; the framework's arithmetic agrees only with {} (line {})",
                        m.label(),
                        std::iter::once(describe(one)).chain(others).collect::<Vec<_>>().join(" and "),
                        one.value,
                        one.at.line
                    ),
                );
                settled.insert(*m, one);
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    for (m, opts) in options.iter().filter(|(_, v)| v.len() > 1) {
        if !settled.contains_key(m) {
            let list: Vec<String> = opts.iter().map(|c| describe(c)).collect();
            diags.warn(
                "value-conflict",
                Some(opts[0].at),
                format!(
                    "{} is printed as {} and no check of the framework decides between them; left empty",
                    m.label(),
                    list.join(" and ")
                ),
            );
        }
    }

    let get = |m: Measure| settled.get(&m).map(|c| c.value);
    let mut chosen = Chosen::default();
    chosen.ita.score = get(Measure::Ita);
    chosen.ita.at = settled.get(&Measure::Ita).map(|c| c.at);
    chosen.tools = Tools {
        iit: get(Measure::Iit),
        eit: get(Measure::Eit),
        eit_part1: get(Measure::EitPart(1)),
        eit_part2: get(Measure::EitPart(2)),
        oit: get(Measure::Oit),
        eit_mean_of_parts: None,
        at: None,
    };
    let at_of = |m: Measure| settled.get(&m).map(|c| c.at);
    let at = crate::model::ToolsAt {
        iit: at_of(Measure::Iit),
        eit: at_of(Measure::Eit),
        eit_part1: at_of(Measure::EitPart(1)),
        eit_part2: at_of(Measure::EitPart(2)),
        oit: at_of(Measure::Oit),
    };
    if at != crate::model::ToolsAt::default() {
        chosen.tools.at = Some(at);
    }
    if let (Some(a), Some(b)) = (chosen.tools.eit_part1, chosen.tools.eit_part2) {
        chosen.tools.eit_mean_of_parts = Some(((a + b) / 2.0 * 100.0).round() / 100.0);
    }
    for no in 1..=framework::INDICATOR_COUNT {
        let m = Measure::Indicator(no);
        let Some(first) = options.get(&m).and_then(|v| v.first()) else {
            continue;
        };
        let c = settled.get(&m).copied();
        // The label: a table row's label cell if any candidate has one.
        let label = found
            .values
            .iter()
            .filter(|c| c.measure == m)
            .find(|c| c.place == super::candidates::Place::Table)
            .or(Some(*first))
            .and_then(|c| c.label.clone())
            .unwrap_or_default();
        chosen.indicators.push(Indicator {
            no,
            label,
            name: framework::indicator_name(no, year).map(str::to_owned),
            tool: framework::indicator_tool(no),
            score: c.map(|c| c.value),
            at: c.map_or(first.at, |c| c.at),
        });
    }
    chosen.ita.result = result(&found.results, chosen.ita.score, &chosen.tools, year, diags);
    chosen.history = history(found, diags);
    chosen
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn describe(c: &Candidate) -> String {
    format!("{} (line {}: \"{}\")", c.value, c.at.line, c.quote)
}

/// Is `value` for `m` consistent with the settled `values`? `None` when no relation applies.
fn consistent(
    m: Measure,
    value: f64,
    values: &BTreeMap<Measure, f64>,
    questions: &[QuestionScore],
    year: Option<u16>,
) -> Option<bool> {
    let mut with: BTreeMap<Measure, f64> = values.clone();
    with.insert(m, value);
    let mut verdicts = Vec::new();
    let close = |a: f64, b: f64| (a - b).abs() <= TOLERANCE + 1e-9;
    let mean = |xs: &[Option<f64>]| -> Option<f64> {
        let v: Option<Vec<f64>> = xs.iter().copied().collect();
        v.map(|v| framework::mean(&v))
    };
    let ind = |n: u8| with.get(&Measure::Indicator(n)).copied();
    let eit = with.get(&Measure::Eit).copied().or_else(|| {
        mean(&[
            with.get(&Measure::EitPart(1)).copied(),
            with.get(&Measure::EitPart(2)).copied(),
        ])
    });
    // Tools against their indicators.
    for (tool, range) in [
        (Measure::Iit, 1..=5u8),
        (Measure::Eit, 6..=8),
        (Measure::Oit, 9..=10),
    ] {
        let t = if tool == Measure::Eit {
            eit
        } else {
            with.get(&tool).copied()
        };
        let involved = m == tool
            || range.contains(&match m {
                Measure::Indicator(n) => n,
                _ => 0,
            })
            || (tool == Measure::Eit && matches!(m, Measure::EitPart(_) | Measure::Eit));
        if !involved {
            continue;
        }
        let xs: Vec<Option<f64>> = range.map(ind).collect();
        if let (Some(t), Some(avg)) = (t, mean(&xs)) {
            verdicts.push(close(t, avg));
        }
    }
    // EIT against its parts.
    if matches!(m, Measure::Eit | Measure::EitPart(_)) {
        if let (Some(e), Some(p1), Some(p2)) = (
            with.get(&Measure::Eit),
            with.get(&Measure::EitPart(1)),
            with.get(&Measure::EitPart(2)),
        ) {
            verdicts.push(close(*e, (p1 + p2) / 2.0));
        }
    }
    // ITA against the tools.
    if matches!(
        m,
        Measure::Ita | Measure::Iit | Measure::Eit | Measure::EitPart(_) | Measure::Oit
    ) {
        if let (Some(ita), Some(i), Some(e), Some(o)) = (
            with.get(&Measure::Ita),
            with.get(&Measure::Iit),
            eit,
            with.get(&Measure::Oit),
        ) {
            verdicts.push(close(*ita, 0.3 * i + 0.3 * e + 0.4 * o));
        }
    }
    // An IIT indicator against its six questions.
    if let Measure::Indicator(n) = m {
        if let Some((_, ids)) = framework::iit_indicator_ids(n, year) {
            let xs: Vec<Option<f64>> = ids
                .iter()
                .map(|id| questions.iter().find(|x| &x.id == id).and_then(|x| x.score))
                .collect();
            if let Some(avg) = mean(&xs) {
                verdicts.push(close(value, avg));
            }
        }
    }
    if verdicts.is_empty() {
        None
    } else {
        Some(verdicts.iter().all(|&v| v))
    }
}

/// The ITA result: the labels stated for the ITA that the year's scheme allows; when they
/// disagree, the one the score gives.
fn result(
    results: &[ResultCandidate],
    score: Option<f64>,
    tools: &Tools,
    year: Option<u16>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let scheme = framework::result_scheme(year);
    let fits_scheme = |l: &str| {
        let grade = matches!(l, "AA" | "A" | "B" | "C" | "D" | "E" | "F");
        match scheme {
            ResultScheme::Grades => grade,
            ResultScheme::PassFail => !grade,
        }
    };
    let mut labels: Vec<&ResultCandidate> = Vec::new();
    for r in results {
        if !labels.iter().any(|l| l.label == r.label) {
            labels.push(r);
        }
    }
    // Labels of another year's scheme (a grade in a 2567 report) are another year's result,
    // unless they are all there is: then the label is kept as written and the audit checks it.
    if year.is_some() && labels.iter().any(|l| fits_scheme(&l.label)) {
        labels.retain(|l| fits_scheme(&l.label));
    }
    // ผ่าน and a rating that passes (ผ่านดี, ผ่านดีเยี่ยม) say the same: keep the rating.
    if labels.len() > 1 && labels.iter().any(|l| l.label == "ผ่าน") {
        let ratings: Vec<&ResultCandidate> = labels
            .iter()
            .copied()
            .filter(|l| l.label.starts_with("ผ่าน") && l.label != "ผ่าน")
            .collect();
        if ratings.len() == 1 && labels.len() == 2 {
            return Some(ratings[0].label.clone());
        }
    }
    match labels.as_slice() {
        [] => None,
        [one] => Some(one.label.clone()),
        many => {
            let expected = score.map(|s| match scheme {
                ResultScheme::Grades => framework::grade(s).to_owned(),
                ResultScheme::PassFail => {
                    let eit = tools.eit.or(tools.eit_mean_of_parts);
                    match (tools.iit, eit, tools.oit) {
                        (Some(i), Some(e), Some(o)) => framework::rating(s, &[i, e, o]).to_owned(),
                        _ if s >= 85.0 => "ผ่าน".to_owned(),
                        _ => "ไม่ผ่าน".to_owned(),
                    }
                }
            });
            let list: Vec<String> = many
                .iter()
                .map(|l| format!("{} (line {})", l.label, l.at.line))
                .collect();
            match expected.and_then(|e| many.iter().find(|l| l.label == e)) {
                Some(pick) => {
                    diags.info(
                        "value-chosen-by-arithmetic",
                        Some(pick.at),
                        format!(
                            "the ITA result is printed as {}; the score gives {}",
                            list.join(" and "),
                            pick.label
                        ),
                    );
                    Some(pick.label.clone())
                }
                None => {
                    diags.warn(
                        "value-conflict",
                        Some(many[0].at),
                        format!(
                            "the ITA result is printed as {} and the score does not decide; left empty",
                            list.join(" and ")
                        ),
                    );
                    None
                }
            }
        }
    }
}

/// Values of other years, one entry per (year, measure), first place kept.
fn history(found: &Found, diags: &mut Diagnostics) -> Vec<HistoryEntry> {
    let mut out: Vec<HistoryEntry> = Vec::new();
    let mut conflicts: Vec<usize> = Vec::new();
    for p in &found.history {
        let (measure, indicator) = match p.measure {
            Measure::Ita => (crate::model::Measure::Ita, None),
            Measure::Iit => (crate::model::Measure::Iit, None),
            Measure::Eit => (crate::model::Measure::Eit, None),
            Measure::Oit => (crate::model::Measure::Oit, None),
            Measure::Indicator(n) => (crate::model::Measure::Indicator, Some(n)),
            Measure::EitPart(_) => continue,
        };
        match out
            .iter()
            .position(|h| h.year == p.year && h.measure == measure && h.indicator == indicator)
        {
            // Printed again, the same: one entry.
            Some(k) if same(out[k].score, p.value) => {}
            // Printed again, differently: neither is kept.
            Some(k) => {
                diags.warn(
                    "history-conflict",
                    Some(p.at),
                    format!(
                        "{} of {} is printed as {} (line {}) and as {} here; left out of history",
                        p.measure.label(),
                        p.year,
                        out[k].score,
                        out[k].at.line,
                        p.value
                    ),
                );
                conflicts.push(k);
            }
            None => out.push(HistoryEntry {
                year: p.year,
                measure,
                indicator,
                score: p.value,
                at: p.at,
            }),
        }
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !conflicts.contains(&(k - 1))
    });
    out.sort_by_key(|h| (h.year, h.measure, h.indicator));
    out
}
