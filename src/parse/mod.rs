//! Stage 3: normalized lines → the typed [`Report`], by regex rules over the report template.
//!
//! The template (see `docs/ITA.md`) is cut into sections by its headings, and each section has
//! its own rules: the cover ([`cover`]), the summary scores and the ten-indicator table
//! ([`summary`]), the seven topic tables with their narratives ([`topics`]). Where the text
//! gives no value the field is `None` and a diagnostic says what was missing and where.

pub mod analysis;
pub mod announce;
pub mod candidates;
pub mod choice;
pub mod cover;
pub mod indicator_rows;
pub mod kind;
pub mod limitations;
pub mod plan;
pub mod questions;
pub mod ranking;
pub mod summary;
pub mod topics;
pub mod unreadable;
pub mod vocab;
pub mod words;

use std::sync::LazyLock;

use regex::Regex;

use crate::error::{ErrorKind, Result};
use crate::framework;
use crate::model::{
    Agency, At, Diagnostic, DocumentInfo, DocumentKind, Ita, PageQuality, Report, Severity, Source,
    Status, Tools, SCHEMA_VERSION,
};
use crate::normalize::{Line, Text};

/// Collects diagnostics in document order.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(
        &mut self,
        severity: Severity,
        code: &str,
        at: Option<At>,
        message: impl Into<String>,
    ) {
        self.0.push(Diagnostic {
            code: code.to_owned(),
            severity,
            message: message.into(),
            at,
        });
    }

    /// Records an `info` diagnostic (a repair or a note).
    pub fn info(&mut self, code: &str, at: Option<At>, message: impl Into<String>) {
        self.push(Severity::Info, code, at, message);
    }

    /// Records a `warning` (a missing, doubtful or inconsistent value).
    pub fn warn(&mut self, code: &str, at: Option<At>, message: impl Into<String>) {
        self.push(Severity::Warning, code, at, message);
    }

    /// The diagnostics, sorted by place (diagnostics without a place first), stable otherwise.
    #[must_use]
    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        self.0.sort_by_key(|d| d.at.map(|a| a.line));
        self.0
    }
}

/// The template's sections, as ranges of line indexes into [`Text::lines`].
#[derive(Debug, Clone)]
pub struct Sections {
    /// Cover and summary: everything before part 1 (or before the first topic).
    pub front: std::ops::Range<usize>,
    /// Part 1 (ส่วนที่ 1): the topic tables and narratives.
    pub part1: std::ops::Range<usize>,
    /// Part 2 (ส่วนที่ 2): the action plan; empty when absent.
    pub part2: std::ops::Range<usize>,
    /// Part 3 (ส่วนที่ 3): the limitations; empty when absent.
    pub part3: std::ops::Range<usize>,
}

static PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{})\s*([123])(?:\s|$|\t)",
        crate::keyword::pattern("ส่วนที่")
    ))
    .expect("valid regex")
});

/// Finds the template's parts by their headings (`ส่วนที่ 1/2/3` at the start of a line).
#[must_use]
pub fn sections(lines: &[Line]) -> Sections {
    let n = lines.len();
    let find = |part: &str, from: usize| {
        lines[from.min(n)..]
            .iter()
            .position(|l| PART.captures(&l.text).is_some_and(|c| &c[1] == part))
            .map(|i| i + from)
    };
    let first_topic = lines
        .iter()
        .position(|l| topics::heading(&l.text).is_some());
    let p1 = find("1", 0).or(first_topic).unwrap_or(n);
    let p2 = find("2", p1).unwrap_or(n);
    let p3 = find("3", p2).unwrap_or(n);
    Sections {
        front: 0..p1,
        part1: p1..p2,
        part2: p2..p3,
        part3: p3..n,
    }
}

/// Diagnostics that say a whole part of the template is absent (its heading never appears):
/// notes, not warnings, since many layouts have no topic tables, action plan or limitations.
const ABSENT_PARTS: [&str; 3] = ["topics-missing", "plan-missing", "limitations-missing"];

/// Parses one normalized document into a report.
///
/// # Errors
/// [`ErrorKind::NotItaReport`] when the text has none of the report's parts (no ITA score,
/// tool scores, indicator table or topic table).
pub fn report(text: &Text, source: Source) -> Result<Report> {
    let lines = &text.lines;
    let kind = kind::classify(lines)?;
    let mut diags = Diagnostics::default();
    page_diagnostics(text, &mut diags);
    if source.encoding.as_deref() == Some("windows-874") {
        diags.info(
            "text-encoding-legacy",
            None,
            "the text is in the legacy Thai encoding TIS-620 / Windows-874, not UTF-8; it was decoded",
        );
    }
    let mut report = Report {
        schema_version: SCHEMA_VERSION.to_owned(),
        status: Status::Failed,
        document: DocumentInfo { kind },
        source,
        agency: Agency::default(),
        fiscal_year: None,
        ita: Ita::default(),
        tools: Tools::default(),
        indicators: Vec::new(),
        topics: Vec::new(),
        diagnostics: Vec::new(),
        ranking: Vec::new(),
        action_plan: Vec::new(),
        limitations: Vec::new(),
        questions: Vec::new(),
        history: Vec::new(),
        results: Vec::new(),
    };
    match kind {
        DocumentKind::AnalysisReport => {
            let sec = sections(lines);
            let front = &lines[sec.front.clone()];
            let cover = cover::parse(front, &mut diags);
            if let Some(y) = cover
                .fiscal_year
                .filter(|&y| framework::era(y) == framework::Era::FiveIndices)
            {
                return Err(ErrorKind::UnsupportedFramework(format!(
                    "fiscal {y} used the five-index framework; only the ten-indicator framework (2562 onwards) is supported"
                ))
                .into());
            }
            let year = cover.fiscal_year;
            report.agency = cover.agency;
            report.fiscal_year = year;
            let (topics, unread) = topics::parse(&lines[sec.part1.clone()], year, &mut diags);
            report.topics = topics;
            report.questions = questions::collect(lines, &report.topics, &unread, year, &mut diags);
            // The topics' narratives: from the first topic heading to the end of part 1.
            let narrative = lines[sec.part1.clone()]
                .iter()
                .position(|l| topics::heading(&l.text).is_some())
                .map_or(0..0, |i| sec.part1.start + i..sec.part1.end);
            let ocr_pages: Vec<u32> = report.source.ocr.iter().map(|p| p.page).collect();
            let (chosen, found) = summary::parse(
                lines,
                year,
                &report.questions,
                narrative,
                &ocr_pages,
                &mut diags,
            );
            summary::missing(&chosen, &found, lines, &mut diags);
            report.ita = chosen.ita;
            report.tools = chosen.tools;
            report.indicators = chosen.indicators;
            report.history = chosen.history;
            // A layout without part 2 may still have a table of measures (ประเด็น / แนวทางการพัฒนา
            // / ผู้รับผิดชอบ / ระยะเวลา): its caption, header and rows are read as the plan, but
            // the template's checks (a row per topic 1–7) do not apply to it.
            if sec.part2.is_empty() {
                if let Some(h) = lines.iter().position(plan::is_header) {
                    let end = lines[h + 1..]
                        .iter()
                        .position(|l| !l.text.is_empty() && !l.text.contains('\t'))
                        .map_or(lines.len(), |e| h + 1 + e);
                    let mut table = Diagnostics::default();
                    report.action_plan =
                        plan::parse(&lines[h.saturating_sub(1)..end], year, &mut table);
                    for mut d in table.0 {
                        if d.code.starts_with("plan-topic") {
                            d.severity = Severity::Info;
                        }
                        diags.0.push(d);
                    }
                } else {
                    report.action_plan = plan::parse(&[], year, &mut diags);
                }
            } else {
                report.action_plan = plan::parse(&lines[sec.part2.clone()], year, &mut diags);
            }
            report.limitations = limitations::parse(&lines[sec.part3.clone()], &mut diags);
            unreadable::clear(&mut report, &mut diags);
        }
        DocumentKind::ResultAnnouncement => {
            let mut quiet = Diagnostics::default();
            let cover = cover::parse(lines, &mut quiet);
            let mut read = announce::read(lines, &mut diags);
            let (chosen, _) = summary::parse(lines, cover.fiscal_year, &[], 0..0, &[], &mut quiet);
            // One agency: what the summary's anchors read fills what its sentences did not give.
            if let [one] = read.as_mut_slice() {
                if one.entry.score.is_none() && chosen.ita.score.is_some() {
                    one.entry.score = chosen.ita.score;
                    one.score_at = chosen.ita.at;
                }
                if one.entry.result.is_none() {
                    one.entry.result.clone_from(&chosen.ita.result);
                }
            }
            let single = match read.as_slice() {
                [one] => Some(one),
                _ => None,
            };
            // Only what an announcement must give is reported missing.
            diags
                .0
                .extend(quiet.0.into_iter().filter(|d| match d.code.as_str() {
                    "agency-missing" => read.is_empty(),
                    "fiscal-year-missing" => {
                        read.is_empty() || single.is_some_and(|r| r.entry.fiscal_year.is_none())
                    }
                    "fiscal-year-invalid" | "fiscal-year-converted" => read.len() <= 1,
                    _ => false,
                }));
            match read.as_slice() {
                [] => {
                    report.agency = cover.agency;
                    report.fiscal_year = cover.fiscal_year;
                    report.ita = chosen.ita;
                    report.tools = chosen.tools;
                }
                [one] => {
                    let e = &one.entry;
                    report.agency = if cover.agency.name.as_deref() == Some(e.agency.as_str()) {
                        cover.agency
                    } else {
                        Agency {
                            kind: cover::agency_type(&e.agency),
                            name: Some(e.agency.clone()),
                            name_as_written: Some(e.agency_as_written.clone()),
                            at: Some(e.at),
                            ..Agency::default()
                        }
                    };
                    report.fiscal_year = e.fiscal_year.or(cover.fiscal_year);
                    report.ita = Ita {
                        score: e.score,
                        result: e.result.clone(),
                        at: one.score_at.or(Some(e.at)),
                    };
                    report.tools = chosen.tools;
                }
                many => diags.info(
                    "announcement-many-agencies",
                    Some(many[0].entry.at),
                    format!(
                        "the text gives results for {} agencies (see results); the report's agency, fiscal year and ITA are left empty rather than picking one",
                        many.len()
                    ),
                ),
            }
            report.results = read.into_iter().map(|r| r.entry).collect();
        }
        DocumentKind::ItasRanking => {
            report.ranking = ranking::parse(lines, &mut diags);
            report.fiscal_year = ranking::page_year(lines)
                .or_else(|| cover::parse(lines, &mut Diagnostics::default()).fiscal_year);
        }
    }
    // A part this layout does not have is no defect: say so, as a note.
    for d in &mut diags.0 {
        if ABSENT_PARTS.contains(&d.code.as_str()) {
            d.severity = Severity::Info;
        }
    }
    report.diagnostics = diags.into_vec();
    Ok(report)
}

/// Page quality and Thai repairs as diagnostics.
fn page_diagnostics(text: &Text, diags: &mut Diagnostics) {
    for page in &text.pages {
        let at = text
            .lines
            .iter()
            .find(|l| l.at.page == Some(page.page))
            .map_or(
                At {
                    page: Some(page.page),
                    line: 0,
                    bbox: None,
                },
                |l| l.at,
            );
        let notes = if page.notes.is_empty() {
            String::new()
        } else {
            format!(": {}", page.notes.join("; "))
        };
        if let Some(note) = page
            .notes
            .iter()
            .find(|n| n.starts_with(crate::pdf::TURNED_NOTE))
        {
            diags.info(
                "page-turned",
                Some(at),
                format!("page {}: {note}", page.page),
            );
        }
        match page.quality {
            PageQuality::Ok => {}
            PageQuality::Degraded => diags.warn(
                "page-degraded",
                Some(at),
                format!("page {} has a damaged text layer{notes}", page.page),
            ),
            PageQuality::OcrLayer => diags.warn(
                "page-ocr-layer",
                Some(at),
                format!(
                    "page {} has only an invisible OCR text layer: its values are unverified{notes}",
                    page.page
                ),
            ),
            PageQuality::NoText => diags.warn(
                "page-no-text",
                Some(at),
                format!("page {} has no text layer (an image){notes}", page.page),
            ),
        }
    }
    if let Some(first) = text.furniture.first() {
        let what: Vec<String> = text
            .furniture
            .iter()
            .take(3)
            .map(|f| format!("\"{}\"", f.text.trim()))
            .collect();
        diags.info(
            "page-furniture-removed",
            Some(first.at),
            format!(
                "{} page-furniture line(s) (page numbers, running headers and footers) were removed before reading, e.g. {}",
                text.furniture.len(),
                what.join(", ")
            ),
        );
    }
    if let Some((at, written, phrase)) = text.word_repairs.first() {
        diags.info(
            "thai-word-repaired",
            Some(*at),
            format!(
                "words that a broken font map or OCR made into other words were repaired from the report's vocabulary on {} line(s) (`{written}` → `{phrase}` here)",
                text.word_repairs.len()
            ),
        );
    }
    if let Some(first) = text.thai_repairs.first() {
        diags.info(
            "thai-text-repaired",
            Some(*first),
            format!(
                "Thai text-layer repairs (lost sara am, Private Use glyphs, mark order) changed {} line(s), the first here",
                text.thai_repairs.len()
            ),
        );
    }
}

/// Parses a score cell: `92.19`, `100`, `0`; digits already Arabic. `None` if not a number.
#[must_use]
pub fn score(s: &str) -> Option<f64> {
    static SCORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,3}(?:\.\d{1,4})?$").expect("valid regex"));
    let s = s.trim();
    if SCORE.is_match(s) {
        s.parse().ok()
    } else {
        None
    }
}

/// The first line of `lines`, as a place to report about a section (None if empty).
#[must_use]
pub fn first_at(lines: &[Line]) -> Option<At> {
    lines.first().map(|l| l.at)
}

/// `lines X–Y` (or `no lines`) for messages that say where a value was looked for.
#[must_use]
pub fn span(lines: &[Line]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) => format!("lines {}–{}", a.at.line, b.at.line),
        _ => "no lines (the section is absent)".to_owned(),
    }
}

/// `s` without its whitespace: titles and labels compared as spaced apart by a layout or not.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
