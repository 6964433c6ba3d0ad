//! Which ITA document a text is, and the two short kinds: result announcements and ITAS
//! ranking tables. Anything else is refused, saying what was looked for.

use std::sync::LazyLock;

use regex::Regex;

use super::{candidates, choice, cover, score, topics, vocab, Diagnostics};
use crate::error::{ErrorKind, Result};
use crate::framework;
use crate::model::{DocumentKind, RankingRow};
use crate::normalize::Line;

/// What was looked for, for the "not an ITA document" error.
const LOOKED_FOR: &str = "looked for an analysis report (its title รายงานการวิเคราะห์ผลการประเมิน…, \
     topic headings ประเด็นที่ 1–7 or the ten-indicator table), a result announcement \
     (ITA + a score + a result such as ผ่าน) and an ITAS ranking table \
     (# หน่วยงาน อำเภอ จังหวัด คะแนนเฉลี่ย)";

/// The title of an analysis report, in its word orders: รายงานการวิเคราะห์ผลการประเมิน…,
/// รายงานผลการวิเคราะห์การประเมิน…, รายงานผลการวิเคราะห์ ITA.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"รายงาน\s*(?:ผล)?\s*การ\s*วิเคราะห์\s*(?:ผล)?\s*(?:การ\s*ประเมิน|ITA)")
        .expect("valid regex")
});

static RANK_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,5})\.?\t([^\t]+)\t([^\t]+)\t([^\t]+)\t(\d{1,3}(?:\.\d+)?)$")
        .expect("valid regex")
});

/// Decides the document kind.
///
/// # Errors
/// [`ErrorKind::UnsupportedFramework`] for 2560–2561 five-index reports,
/// [`ErrorKind::NotItaReport`] when the text is no ITA document.
pub fn classify(lines: &[Line]) -> Result<DocumentKind> {
    // One pass for the common word ดัชนี ("index"); the five names are looked for only then.
    let five = if lines.iter().any(|l| l.text.contains("ดัชนี")) {
        framework::FIVE_INDICES
            .iter()
            .filter(|name| lines.iter().any(|l| l.text.contains(*name)))
            .count()
    } else {
        0
    };
    if five >= 2 {
        return Err(ErrorKind::UnsupportedFramework(format!(
            "this reads as a 2560–2561 report of the five-index framework ({five} of its indices are named); \
             only the ten-indicator framework (2562 onwards) is supported"
        ))
        .into());
    }
    let analysis = lines.iter().any(|l| {
        topics::heading(&l.text).is_some()
            || TITLE.is_match(&l.text)
            || l.text.contains("สรุปผลการประเมินรายตัวชี้วัด")
    });
    if analysis {
        return Ok(DocumentKind::AnalysisReport);
    }
    if ranking_header(lines).is_some() {
        return Ok(DocumentKind::ItasRanking);
    }
    // Whatever the layout, a document that prints most of the indicators or a question table
    // is an analysis report.
    let found = candidates::collect(lines, None, 0..0);
    let indicators: std::collections::BTreeSet<_> = found
        .values
        .iter()
        .filter(|c| matches!(c.measure, vocab::Measure::Indicator(_)))
        .map(|c| c.measure)
        .collect();
    let question_rows = lines.iter().filter(|l| topics::has_id_cell(l)).count();
    if indicators.len() >= 5 || question_rows >= 10 {
        return Ok(DocumentKind::AnalysisReport);
    }
    let mut scratch = Diagnostics::default();
    let chosen = choice::choose(&found, &[], None, &mut scratch);
    if chosen.ita.score.is_some() && chosen.ita.result.is_some() {
        return Ok(DocumentKind::ResultAnnouncement);
    }
    // Text that never names the ITA, its tools or indicators (another language, another
    // subject) gets the short reason; one that does, what was looked for.
    let vocabulary = lines
        .iter()
        .any(|l| !vocab::anchors(&l.text).is_empty() || l.text.contains("ประเมิน"));
    if vocabulary {
        Err(ErrorKind::NotItaReport(LOOKED_FOR.into()).into())
    } else {
        Err(ErrorKind::NotItaReport("no ITA vocabulary found".into()).into())
    }
}

/// Index of the ranking table's header row (`# หน่วยงาน อำเภอ จังหวัด คะแนนเฉลี่ย`), if one is
/// followed by at least one ranking row.
fn ranking_header(lines: &[Line]) -> Option<usize> {
    let h = lines.iter().position(|l| {
        l.text.contains("หน่วยงาน")
            && l.text.contains("คะแนน")
            && (l.text.contains("อำเภอ") || l.text.contains("จังหวัด"))
    })?;
    lines[h + 1..]
        .iter()
        .any(|l| RANK_ROW.is_match(&l.text))
        .then_some(h)
}

/// The rows of an ITAS ranking table.
pub fn ranking(lines: &[Line], diags: &mut Diagnostics) -> Vec<RankingRow> {
    let Some(h) = ranking_header(lines) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for l in &lines[h + 1..] {
        let Some(c) = RANK_ROW.captures(&l.text) else {
            if !l.text.is_empty() {
                diags.warn(
                    "ranking-line-unrecognized",
                    Some(l.at),
                    format!(
                        "not a ranking row (rank, agency, district, province, score): \"{}\"",
                        l.raw.trim()
                    ),
                );
            }
            continue;
        };
        let agency = c[2].trim().to_owned();
        rows.push(RankingRow {
            rank: c[1].parse().unwrap_or(0),
            kind: cover::agency_type(&agency),
            agency,
            district: Some(c[3].trim().to_owned()),
            province: Some(c[4].trim().to_owned()),
            score: score(&c[5]),
            at: l.at,
        });
    }
    rows
}
