//! Which ITA document a text is: an analysis report, a result announcement
//! ([`super::announce`]) or an ITAS ranking table ([`super::ranking`]). Anything else is
//! refused, saying what was looked for.

use std::sync::LazyLock;

use regex::Regex;

use super::{candidates, choice, topics, vocab, Diagnostics};
use crate::error::{ErrorKind, Result};
use crate::framework;
use crate::model::DocumentKind;
use crate::normalize::Line;

/// What was looked for, for the "not an ITA document" error.
const LOOKED_FOR: &str = "looked for an analysis report (its title รายงานการวิเคราะห์ผลการประเมิน…, \
     topic headings ประเด็นที่ 1–7 or the ten-indicator table), a result announcement \
     (ITA + an agency with its score or a result such as ผ่าน) and an ITAS ranking table \
     (# หน่วยงาน อำเภอ จังหวัด คะแนนเฉลี่ย)";

/// The title of an analysis report, in its word orders: รายงานการวิเคราะห์ผลการประเมิน…,
/// รายงานผลการวิเคราะห์การประเมิน…, รายงานผลการวิเคราะห์ ITA.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"รายงาน\s*(?:ผล)?\s*การ\s*วิเคราะห์\s*(?:ผล)?\s*(?:การ\s*ประเมิน|ITA)")
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
    if super::ranking::has_table(lines) {
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
    // Indicators a table row or a heading presents, even where no value could be bound (a
    // header that ran its columns together).
    let presented = found
        .presented
        .iter()
        .filter(|m| matches!(m, vocab::Measure::Indicator(_)))
        .count();
    let question_rows = lines
        .iter()
        .filter(|l| topics::has_id_cell(l) || super::questions::starts_with_id(&l.text))
        .count();
    if indicators.len() >= 5 || presented >= 5 || question_rows >= 10 {
        return Ok(DocumentKind::AnalysisReport);
    }
    let mut scratch = Diagnostics::default();
    let chosen = choice::choose(&found, &[], None, &mut scratch);
    if chosen.ita.score.is_some() && chosen.ita.result.is_some()
        || super::announce::gives_results(lines)
    {
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

/// The rows of the ITAS ranking tables in `lines` (kept for callers of the earlier API; see
/// [`super::ranking::parse`]).
pub fn ranking(lines: &[Line], diags: &mut Diagnostics) -> Vec<crate::model::RankingRow> {
    super::ranking::parse(lines, diags)
}
