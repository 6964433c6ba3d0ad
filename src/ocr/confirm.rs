//! Numbers read by OCR are kept only where evidence confirms them: never a guessed number.
//!
//! Tesseract's Thai model misreads Thai digits (`๙๒.๑๙` → `๕๒.๑๕`), so every number the
//! parser found on an OCR'd page is unconfirmed until the framework's arithmetic confirms it.
//! A relation that holds *as read* confirms every value in it:
//!
//! - ITA = 0.3·IIT + 0.3·EIT + 0.4·OIT (EIT, or the mean of its two parts), within 0.01;
//! - a tool = the mean of its indicators (IIT 1–5, EIT 6–8, OIT 9–10), within 0.01;
//! - EIT = the mean of EIT part 1 and part 2, within 0.01.
//!
//! The bound is what rounding to 2 decimals allows when every published figure is rounded
//! from the unrounded ones (0.005 + 0.005), tighter than the audit's ±0.02, so that a
//! misread digit breaks the relation. What it cannot see: a last-decimal misreading by a
//! unit or two in one value (see the README).
//!
//! Every other number on an OCR'd page (question scores, history, ranking scores, action-plan
//! dates) has no such evidence yet and becomes `null` (a history entry, whose score cannot be
//! `null`, is dropped), with an `ocr-unconfirmed` warning quoting what was read. The fiscal
//! year is kept when the OCR'd pages print it in Arabic digits (which Tesseract reads well:
//! the line as read, before Thai digits become Arabic) on a line about the fiscal year
//! (`งบประมาณ`, `พ.ศ.`), and no other year there; otherwise it is `null` too.
//! Tool scores carry no page of their own: they count as OCR'd when any page was.
//!
//! Pages whose only text is an invisible OCR layer written by other software (`ocr_layer`)
//! are OCR as much as ours: the same rule applies to them.

use std::collections::BTreeSet;

use super::digits::arabic as arabic_digits;
use crate::model::{At, Diagnostic, Report, Severity, Tool};
use crate::normalize::Text;

/// The relations' bound (see the module's documentation).
const BOUND: f64 = 0.01 + 1e-9;

/// A number in the report that may be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Ita,
    Iit,
    Eit,
    EitPart1,
    EitPart2,
    Oit,
    /// Index into `report.indicators`.
    Indicator(usize),
}

/// Applies the rule to the values on the pages of `report` read by OCR (`source.ocr`, and the
/// `ocr_layer` pages); `text` is what the parser read (to quote lines). Does nothing when no
/// page was.
pub fn confirm(report: &mut Report, text: &Text) {
    let pages = ocr_pages(report);
    if pages.is_empty() {
        return;
    }
    let on_ocr = |at: Option<At>| at.and_then(|a| a.page).is_none_or(|p| pages.contains(&p));
    let confirmed = confirmed_slots(report);
    let quote = |at: Option<At>| -> String {
        at.and_then(|a| text.lines.get((a.line as usize).checked_sub(1)?))
            .map(|l| format!(" in \"{}\"", l.text.replace('\t', " ").trim()))
            .unwrap_or_default()
    };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut flag = |what: &str, read: String, at: Option<At>| {
        diags.push(Diagnostic {
            code: "ocr-unconfirmed".into(),
            severity: Severity::Warning,
            message: format!(
                "{what}: OCR read {read}{}, which no evidence confirms: left null",
                quote(at)
            ),
            at,
        });
    };
    let ita_at = report.ita.at;
    let indicator_no: Vec<u8> = report.indicators.iter().map(|i| i.no).collect();
    let mut check = |slot: Slot, value: &mut Option<f64>, what: &str, at: Option<At>| {
        if let Some(v) = *value {
            // Tool scores (no line of their own) only by the arithmetic: a parser that took
            // another tool's surely read score would otherwise keep it. An indicator's line
            // must lead with its number (`2 | การใช้งบประมาณ | 99.89`): when OCR garbled the
            // indicator table, the parser may take a topic table's row with the same words
            // (`5 | กระบวนการ…การใช้งบประมาณ… | 100.00`), whose score is read surely too.
            let row_of = match slot {
                Slot::Indicator(k) => row_number(text, at) == Some(indicator_no[k]),
                _ => true,
            };
            let sure = at.is_some() && row_of && read_surely(text, &pages, at, v);
            if on_ocr(at) && !confirmed.contains(&slot) && !sure {
                flag(what, format!("{v}"), at);
                *value = None;
            }
        }
    };
    check(Slot::Ita, &mut report.ita.score, "the ITA score", ita_at);
    let tools = &mut report.tools;
    check(Slot::Iit, &mut tools.iit, "the IIT score", None);
    check(Slot::Eit, &mut tools.eit, "the EIT score", None);
    check(Slot::EitPart1, &mut tools.eit_part1, "EIT part 1", None);
    check(Slot::EitPart2, &mut tools.eit_part2, "EIT part 2", None);
    check(Slot::Oit, &mut tools.oit, "the OIT score", None);
    // A part left null takes the mean of the parts with it, and its place.
    crate::audit::forget_places_of_nulls(report);
    for (i, ind) in report.indicators.iter_mut().enumerate() {
        let what = format!("indicator {}", ind.no);
        check(Slot::Indicator(i), &mut ind.score, &what, Some(ind.at));
    }
    // The list's score of a question is the one score all its rows agree on: a row of it in
    // any topic table that confirms that score confirms the list's (its line is the list's
    // first row's, which may be one OCR garbled).
    let confirmed_elsewhere = |id: &str, v: f64| {
        report.topics.iter().flat_map(|t| &t.questions).any(|q| {
            q.id.as_deref() == Some(id)
                && q.score.is_some_and(|s| (s - v).abs() < 1e-9)
                && read_surely(text, &pages, Some(q.at), v)
                && id_read_surely(text, Some(q.at), id)
        })
    };
    let list_elsewhere: Vec<bool> = report
        .questions
        .iter()
        .map(|q| q.score.is_some_and(|v| confirmed_elsewhere(&q.id, v)))
        .collect();
    for topic in &mut report.topics {
        for q in &mut topic.questions {
            let id = q.id.as_deref().unwrap_or("");
            if let Some(v) = q.score.filter(|&v| {
                on_ocr(Some(q.at))
                    && !(read_surely(text, &pages, Some(q.at), v)
                        && id_read_surely(text, Some(q.at), id))
            }) {
                let id = q.id.as_deref().unwrap_or("?");
                flag(&format!("question {id}"), format!("{v}"), Some(q.at));
                q.score = None;
            }
        }
    }
    for (q, elsewhere) in report.questions.iter_mut().zip(list_elsewhere) {
        if let Some(v) = q.score.filter(|&v| {
            on_ocr(Some(q.at))
                && !elsewhere
                && !(read_surely(text, &pages, Some(q.at), v)
                    && id_read_surely(text, Some(q.at), &q.id))
        }) {
            flag(&format!("question {}", q.id), format!("{v}"), Some(q.at));
            q.score = None;
        }
    }
    report.history.retain(|h| {
        if on_ocr(Some(h.at)) && !read_surely(text, &pages, Some(h.at), h.score) {
            flag(
                &format!("the {} history score of {}", measure(h), h.year),
                format!("{}", h.score),
                Some(h.at),
            );
            false
        } else {
            true
        }
    });
    for r in &mut report.ranking {
        if let Some(v) = r
            .score
            .filter(|&v| on_ocr(Some(r.at)) && !read_surely(text, &pages, Some(r.at), v))
        {
            flag(
                &format!("the ranking score of {}", r.agency),
                format!("{v}"),
                Some(r.at),
            );
            r.score = None;
        }
    }
    for e in &mut report.action_plan {
        if on_ocr(Some(e.at)) && (e.period.start.is_some() || e.period.end.is_some()) {
            let read = format!(
                "{} – {}",
                e.period.start.as_deref().unwrap_or("?"),
                e.period.end.as_deref().unwrap_or("?")
            );
            flag("an action-plan period", read, Some(e.at));
            e.period.start = None;
            e.period.end = None;
        }
    }
    if let Some(year) = report.fiscal_year {
        if fiscal_year_in_arabic(text, &pages) != Some(year)
            && !read_surely(text, &pages, None, f64::from(year))
        {
            flag("the fiscal year", year.to_string(), None);
            report.fiscal_year = None;
        }
    }
    report.diagnostics.extend(diags);
    report.diagnostics.sort_by_key(|d| d.at.map(|a| a.line));
}

/// The pages of `report` read by OCR: ours (`source.ocr`) and the `ocr_layer` pages.
pub(crate) fn ocr_pages(report: &Report) -> BTreeSet<u32> {
    let mut pages: BTreeSet<u32> = report.source.ocr.iter().map(|p| p.page).collect();
    if report.source.format == crate::model::Format::Pdf {
        pages.extend(
            (1u32..)
                .zip(&report.source.page_quality)
                .filter(|(_, q)| **q == crate::model::PageQuality::OcrLayer)
                .map(|(n, _)| n),
        );
    }
    pages
}

/// Did the digit reader read `v` surely ([`super::digits`]) on the line at `at` (a token of
/// the line as read), or, for the fiscal year (`at` `None`), on an OCR'd line about the fiscal
/// year (`งบประมาณ`, `พ.ศ.`)?
fn read_surely(text: &Text, pages: &BTreeSet<u32>, at: Option<At>, v: f64) -> bool {
    let is_v = |s: &str| {
        let ascii = arabic_digits(s);
        ascii.parse::<f64>().is_ok_and(|x| (x - v).abs() < 1e-9)
    };
    let sure_on = |page: u32| {
        text.pages
            .iter()
            .filter(move |p| p.page == page)
            .flat_map(|p| p.ocr_sure.iter())
            .map(|s| s.text.as_str())
            .filter(|s| is_v(s))
    };
    match at {
        Some(At {
            page: Some(page),
            line,
            ..
        }) => {
            let Some(l) = (line as usize)
                .checked_sub(1)
                .and_then(|k| text.lines.get(k))
            else {
                return false;
            };
            // A line holding other numbers with decimals (a table run into one line) does
            // not say which of them the parser took; those before the line's first question
            // id are none of its rows' scores (`0.1 ขอ i๑๑ ๑๐๐.๐๐`: specks read as `0.1`).
            let others = from_first_id(&l.raw)
                .split(|c: char| c.is_whitespace() || c == '|')
                .filter(|t| {
                    // A decimal number: digits on both sides of a point (a list number `1.`
                    // is none).
                    let digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
                    let cs: Vec<char> = t.chars().collect();
                    cs.windows(3)
                        .any(|w| digit(w[0]) && w[1] == '.' && digit(w[2]))
                })
                .any(|t| {
                    !is_v(
                        t.trim_matches(|c: char| !(c.is_ascii_digit() || ('๐'..='๙').contains(&c))),
                    )
                });
            !others
                && sure_on(page)
                    .any(|s| has_token(&l.raw, s) && all_sure(text, page, line as usize - 1, s))
        }
        Some(_) => false,
        None => text
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.at.page.is_some_and(|p| pages.contains(&p)) && about_fiscal_year(l))
            .any(|(k, l)| {
                l.at.page.is_some_and(|p| {
                    sure_on(p).any(|s| has_token(&l.raw, s) && all_sure(text, p, k, s))
                })
            }),
    }
}

/// The part of `raw` from its first question id (`i๑๑`, `e3`: an id letter after no Latin
/// letter, then one or two digits and no more) on; all of it when it has none. A row's score
/// follows its id, so a number before the first id is no row's score.
fn from_first_id(raw: &str) -> &str {
    static ID: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        regex::Regex::new(r"(?:^|[^A-Za-z])([ieo][0-9๐-๙]{1,2})(?:[^0-9๐-๙.]|$)").ok()
    })
    .as_ref()
    .and_then(|re| re.captures(raw))
    .and_then(|c| c.get(1))
    .map_or(raw, |m| &raw[m.start()..])
}

/// The scores (a number with a point, at most 100) the digit reader read surely on the line at
/// `at`, each a token of the line standing where it was read ([`all_sure`]): the readings of
/// the line's cells that [`super::arith`] may choose among.
pub(crate) fn sure_scores_on_line(text: &Text, at: At) -> Vec<f64> {
    let Some(page) = at.page else {
        return Vec::new();
    };
    let Some(k) = (at.line as usize).checked_sub(1) else {
        return Vec::new();
    };
    let Some(l) = text.lines.get(k) else {
        return Vec::new();
    };
    let mut out: Vec<f64> = Vec::new();
    for s in text
        .pages
        .iter()
        .filter(|p| p.page == page)
        .flat_map(|p| p.ocr_sure.iter())
    {
        let ascii = arabic_digits(&s.text);
        let Some(v) = ascii
            .contains('.')
            .then(|| ascii.parse::<f64>().ok())
            .flatten()
            .filter(|v| (0.0..=100.0).contains(v))
        else {
            continue;
        };
        if has_token(&l.raw, &s.text)
            && all_sure(text, page, k, &s.text)
            && !out.iter().any(|&x| (x - v).abs() < 1e-9)
        {
            out.push(v);
        }
    }
    out
}

/// Did the digit reader read the question id `id` (`e11`) surely on the line at `at` (as
/// `e๑๑` or `e11`)? A score read surely is worth nothing under an id the parser inferred.
/// An id cell that wrapped (`ข้อ | ๑๐๐.๐๐` over `o๓๘`, which the parser reads as one row) has
/// its id at the start of the next line: read surely there, it counts. So does an id read on
/// the next page ([`id_from_next_page`]).
pub(crate) fn id_read_surely(text: &Text, at: Option<At>, id: &str) -> bool {
    let Some(At {
        page: Some(page),
        line,
        ..
    }) = at
    else {
        return false;
    };
    let Some(k) = (line as usize).checked_sub(1) else {
        return false;
    };
    let alone = text.lines.get(k).is_some_and(|l| !another_id(&l.raw, id));
    alone
        && (id_on_line(text, page, k, id, false)
            || id_from_next_page(text, page, k, id)
            || text.lines.get(k + 1).is_some_and(|next| {
                next.at
                    .page
                    .is_some_and(|p| id_on_line(text, p, k + 1, id, true))
            }))
}

/// Is the id `id` of the line at index `k` (on `page`) a reading of the next page's that no
/// line there holds? A row that a page break cut in two (`ข้อ | ๑๐๐.๐๐` at a page's foot,
/// `o๓๐` at the next one's head) is joined by the layout on the first page, which keeps the
/// boxes of its first part only: the id's piece has no box on the line, and the reading it
/// was made from stands on no line of the next page.
fn id_from_next_page(text: &Text, page: u32, k: usize, id: &str) -> bool {
    let (Some(l), Some(boxes)) = (
        text.lines.get(k),
        text.boxes.get(k).filter(|b| !b.is_empty()),
    ) else {
        return false;
    };
    let next: Vec<usize> = (0..text.lines.len())
        .filter(|&j| text.lines[j].at.page == Some(page + 1))
        .collect();
    text.pages
        .iter()
        .filter(|p| p.page == page + 1)
        .flat_map(|p| p.ocr_sure.iter())
        .filter(|s| {
            s.text.starts_with(['i', 'e', 'o']) && arabic_digits(&s.text).eq_ignore_ascii_case(id)
        })
        .any(|s| {
            // A line without boxes may hold it anywhere.
            let placed = next.iter().any(|&j| match text.boxes.get(j) {
                Some(b) if !b.is_empty() => b.iter().any(|(t, r)| *t == s.text && at_reading(s, r)),
                _ => has_token(&text.lines[j].raw, &s.text),
            });
            !placed && has_token(&l.raw, &s.text) && !boxes.iter().any(|(t, _)| *t == s.text)
        })
}

/// Does `line` name a question id other than `id` (`i23` on the line read for `i22`)? Two
/// table rows run into one line do not say whose score it holds: on a turned and warped
/// page, Tesseract's lines crossed the rows and the layout made `ข้อ i22 | i23 | 98.04` of
/// i22's id and score and i23's id, each read surely.
fn another_id(line: &str, id: &str) -> bool {
    let cs: Vec<char> = line.chars().collect();
    let digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
    (0..cs.len()).any(|k| {
        let digits: String = cs[k + 1..].iter().take_while(|&&c| digit(c)).collect();
        let n = digits.chars().count();
        matches!(cs[k], 'i' | 'e' | 'o')
            && (1..=2).contains(&n)
            && !(k > 0 && cs[k - 1].is_ascii_alphanumeric())
            && cs.get(k + 1 + n) != Some(&'.')
            && {
                let arabic = arabic_digits(&digits);
                !format!("{}{arabic}", cs[k]).eq_ignore_ascii_case(id)
            }
    })
}

/// Is the id `id` read surely on `page` and a token of the line at index `k` (its first
/// token when `leading`)?
fn id_on_line(text: &Text, page: u32, k: usize, id: &str, leading: bool) -> bool {
    let Some(l) = text.lines.get(k) else {
        return false;
    };
    let arabic = arabic_digits;
    text.pages
        .iter()
        .filter(|p| p.page == page)
        .flat_map(|p| p.ocr_sure.iter())
        .map(|s| s.text.as_str())
        .any(|s| {
            s.starts_with(['i', 'e', 'o'])
                && arabic(s).eq_ignore_ascii_case(id)
                && if leading {
                    l.raw.trim_start().starts_with(s) && has_token(l.raw.trim_start(), s)
                } else {
                    has_token(&l.raw, s)
                }
                && all_sure(text, page, k, s)
        })
}

/// The number that leads the line at `at` (its first token with digits, after marks such as
/// `.` or `|` that OCR reads from specks and rules): a table row's number.
fn row_number(text: &Text, at: Option<At>) -> Option<u8> {
    let line = (at?.line as usize)
        .checked_sub(1)
        .and_then(|k| text.lines.get(k))?;
    let first = crate::parse::indicator_rows::leading_token(&line.text)?;
    crate::parse::indicator_rows::row_number(first).ok()
}

/// Is `token` in `line` with no digit or point right before or after it?
fn has_token(line: &str, token: &str) -> bool {
    token_count(line, token) > 0
}

/// How often `token` stands in `line` with no digit or point right before or after it.
fn token_count(line: &str, token: &str) -> usize {
    let numeric = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.';
    line.match_indices(token)
        .filter(|(i, _)| {
            !line[..*i].chars().next_back().is_some_and(numeric)
                && !line[i + token.len()..].chars().next().is_some_and(numeric)
        })
        .count()
}

/// Is every occurrence of `token` in the line at index `line` one the digit reader read
/// surely? Tesseract's own `0` must not pass for the reader's `0`. Where the line's glyph
/// boxes are kept, each of its pieces that is `token` must stand where the reader read it
/// ([`at_reading`]): a `๐` of Tesseract's elsewhere on the page no longer keeps a row's
/// score `๐` unconfirmed. Without boxes, every occurrence on the page must be matched by as
/// many sure readings.
fn all_sure(text: &Text, page: u32, line: usize, token: &str) -> bool {
    let sure: Vec<&crate::ocr::Sure> = text
        .pages
        .iter()
        .filter(|p| p.page == page)
        .flat_map(|p| p.ocr_sure.iter())
        .filter(|s| s.text == token)
        .collect();
    if let (Some(boxes), Some(l)) = (
        text.boxes.get(line).filter(|b| !b.is_empty()),
        text.lines.get(line),
    ) {
        let here = boxes
            .iter()
            .filter(|&(t, r)| t == token && sure.iter().any(|s| at_reading(s, r)))
            .count();
        return token_count(&l.raw, token) <= here;
    }
    let seen: usize = text
        .lines
        .iter()
        .filter(|l| l.at.page == Some(page))
        .map(|l| token_count(&l.raw, token))
        .sum();
    seen <= sure.len()
}

/// Is the glyph box `r` (a piece of a line) the one the reading `s` was made from: the same
/// centre across (the piece is the reader's word, put into the line as it was read) and the
/// reading's centre within a box's height of the box?
fn at_reading(s: &crate::ocr::Sure, r: crate::geometry::Rect) -> bool {
    let tall = r[3] - r[1];
    (s.x - (r[0] + r[2]) / 2.0).abs() < 1.0 && s.y >= r[1] - tall && s.y <= r[3] + tall
}

fn measure(h: &crate::model::HistoryEntry) -> String {
    match h.indicator {
        Some(n) => format!("indicator {n}"),
        None => format!("{:?}", h.measure).to_uppercase(),
    }
}

/// A line about the fiscal year (`งบประมาณ`, `พ.ศ.`, spaces aside).
fn about_fiscal_year(l: &crate::normalize::Line) -> bool {
    let compact: String = l.text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("งบประมาณ") || compact.contains("พ.ศ")
}

/// The one year 2500–2600 printed in Arabic digits (ASCII, as read) on the OCR'd pages'
/// lines about the fiscal year (`งบประมาณ`, `พ.ศ.`); `None` when there is none or several.
fn fiscal_year_in_arabic(text: &Text, pages: &BTreeSet<u32>) -> Option<u16> {
    let re = regex::Regex::new(r"(?:^|[^0-9])(25[0-9][0-9])(?:[^0-9]|$)").ok()?;
    let years: BTreeSet<u16> = text
        .lines
        .iter()
        .filter(|l| l.at.page.is_some_and(|p| pages.contains(&p)))
        .filter(|l| about_fiscal_year(l))
        .flat_map(|l| {
            re.captures_iter(&l.raw)
                .filter_map(|c| c[1].parse::<u16>().ok())
                .collect::<Vec<_>>()
        })
        .collect();
    match years.len() {
        1 => years.first().copied(),
        _ => None,
    }
}

/// The values that take part in a relation that holds as read.
fn confirmed_slots(report: &Report) -> BTreeSet<Slot> {
    let t = &report.tools;
    let mut out = BTreeSet::new();
    let holds = |a: f64, b: f64, slack: f64| (a - b).abs() <= BOUND + slack;
    // EIT as read: one number, or the mean of its parts (its own rounding: 0.005 more).
    let eit: Option<(f64, Vec<Slot>, f64)> = match (t.eit, t.eit_part1, t.eit_part2) {
        (Some(e), _, _) => Some((e, vec![Slot::Eit], 0.0)),
        (None, Some(a), Some(b)) => {
            Some(((a + b) / 2.0, vec![Slot::EitPart1, Slot::EitPart2], 0.0))
        }
        _ => None,
    };
    if let (Some(ita), Some(iit), Some((e, eslots, slack)), Some(oit)) =
        (report.ita.score, t.iit, &eit, t.oit)
    {
        if holds(ita, 0.3 * iit + 0.3 * e + 0.4 * oit, *slack) {
            out.extend([Slot::Ita, Slot::Iit, Slot::Oit]);
            out.extend(eslots.iter().copied());
        }
    }
    if let (Some(e), Some(a), Some(b)) = (t.eit, t.eit_part1, t.eit_part2) {
        if holds(e, (a + b) / 2.0, 0.0) {
            out.extend([Slot::Eit, Slot::EitPart1, Slot::EitPart2]);
        }
    }
    for (tool, slots, value) in [
        (Tool::Iit, vec![Slot::Iit], t.iit),
        (Tool::Oit, vec![Slot::Oit], t.oit),
        (
            Tool::Eit,
            eit.as_ref().map(|e| e.1.clone()).unwrap_or_default(),
            eit.as_ref().map(|e| e.0),
        ),
    ] {
        let Some(value) = value else { continue };
        let members: Vec<(usize, f64)> = report
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, i)| crate::framework::indicator_tool(i.no) == Some(tool))
            .filter_map(|(k, i)| Some((k, i.score?)))
            .collect();
        let expected = match tool {
            Tool::Iit => 5,
            Tool::Eit => 3,
            Tool::Oit => 2,
        };
        let distinct: BTreeSet<u8> = members
            .iter()
            .map(|(k, _)| report.indicators[*k].no)
            .collect();
        if members.len() != expected || distinct.len() != expected {
            continue;
        }
        let scores: Vec<f64> = members.iter().map(|m| m.1).collect();
        let mean = crate::framework::mean(&scores);
        if holds(value, mean, 0.0) {
            out.extend(slots.iter().copied());
            out.extend(members.iter().map(|(k, _)| Slot::Indicator(*k)));
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The seed report read from its text dump, and its text.
    pub(crate) fn seed() -> (Report, Text) {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/chiangmai-2566.txt"
        ))
        .unwrap();
        let raw = crate::source::read(&bytes).unwrap();
        let text = crate::normalize::document(&raw);
        let report = crate::extract("seed.txt", &bytes).unwrap();
        (report, text)
    }

    /// Page 1's notes with the reader's sure readings `sure` (no place: counted on the page).
    pub(crate) fn page_with(sure: &[&str]) -> crate::normalize::PageNotes {
        crate::normalize::PageNotes {
            page: 1,
            quality: crate::model::PageQuality::NoText,
            notes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            ocr_sure: sure.iter().map(|s| (*s).into()).collect(),
        }
    }

    /// Marks page 1 as OCR'd.
    pub(crate) fn as_ocr(report: &mut Report) {
        report.source.ocr = vec![crate::model::OcrPage {
            page: 1,
            confidence: 80.0,
        }];
        // The text input has no pages: count every value as on page 1.
    }

    #[test]
    fn consistent_values_are_confirmed_and_a_misread_one_is_not() {
        let (mut r, text) = seed();
        as_ocr(&mut r);
        // Text input: `at.page` is null, which counts as OCR'd here.
        let before = r.clone();
        confirm(&mut r, &text);
        assert_eq!(r.ita.score, Some(92.19));
        assert_eq!(r.tools, before.tools);
        assert!(r.indicators.iter().all(|i| i.score.is_some()));
        assert!(r.questions.iter().all(|q| q.score.is_none()));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.code == "ocr-unconfirmed" && d.message.contains("question")));

        // ITA misread as 52.15 (the issue's example): it, and only it among the tools'
        // relation, loses its confirmation; the tools are still confirmed by their indicators.
        let (mut r, text) = seed();
        as_ocr(&mut r);
        r.ita.score = Some(52.15);
        confirm(&mut r, &text);
        assert_eq!(r.ita.score, None);
        assert_eq!(r.tools.iit, Some(99.91));
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.code == "ocr-unconfirmed" && d.message.contains("52.15")));

        // An indicator misread: its tool's mean breaks; the ITA relation still confirms tools.
        let (mut r, text) = seed();
        as_ocr(&mut r);
        let k = r.indicators.iter().position(|i| i.no == 9).unwrap();
        r.indicators[k].score = Some(93.50);
        confirm(&mut r, &text);
        assert_eq!(r.indicators[k].score, None);
        let k10 = r.indicators.iter().position(|i| i.no == 10).unwrap();
        assert_eq!(r.indicators[k10].score, None);
        assert_eq!(r.tools.oit, Some(88.75));
        assert_eq!(r.ita.score, Some(92.19));
    }

    fn line(raw: &str, text: &str) -> crate::normalize::Line {
        crate::normalize::Line {
            at: At {
                page: Some(1),
                line: 1,
                bbox: None,
            },
            raw: raw.into(),
            text: text.into(),
            cells: Vec::new(),
        }
    }

    #[test]
    fn the_fiscal_year_needs_arabic_digits_on_a_fiscal_year_line() {
        let pages: BTreeSet<u32> = [1].into();
        let text = |lines| Text {
            lines,
            pages: Vec::new(),
            thai_repairs: Vec::new(),
            furniture: Vec::new(),
            boxes: Vec::new(),
            word_repairs: Vec::new(),
        };
        let arabic = text(vec![line("ในปีงบประมาณ พ.ศ. 2566", "ในปีงบประมาณ พ.ศ. 2566")]);
        assert_eq!(fiscal_year_in_arabic(&arabic, &pages), Some(2566));
        // Thai digits as read (normalized to Arabic afterwards) are no evidence.
        let thai = text(vec![line("ในปีงบประมาณ พ.ศ. ๒๕๒๒", "ในปีงบประมาณ พ.ศ. 2522")]);
        assert_eq!(fiscal_year_in_arabic(&thai, &pages), None);
        // A chart's year axis is not about the fiscal year; two years are no answer.
        let axis = text(vec![line("ปี 2562 ปี 2566", "ปี 2562 ปี 2566")]);
        assert_eq!(fiscal_year_in_arabic(&axis, &pages), None);
        let two = text(vec![line("งบประมาณ 2566 - 2567", "งบประมาณ 2566 - 2567")]);
        assert_eq!(fiscal_year_in_arabic(&two, &pages), None);
        // Not on an OCR'd page.
        assert_eq!(fiscal_year_in_arabic(&arabic, &[2].into()), None);
    }

    #[test]
    fn a_row_number_leads_its_line_and_a_list_number_is_no_decimal() {
        let text = |raw: &str| Text {
            lines: vec![line(raw, raw)],
            pages: Vec::new(),
            thai_repairs: Vec::new(),
            furniture: Vec::new(),
            boxes: Vec::new(),
            word_repairs: Vec::new(),
        };
        let at = Some(At {
            page: Some(1),
            line: 1,
            bbox: None,
        });
        assert_eq!(row_number(&text("2\tการใช้งบประมาณ\t99.89"), at), Some(2));
        assert_eq!(row_number(&text(". 1 ก\tการปฏิรูปดิจิทัล\t100.00"), at), Some(1));
        // A topic table's row: the topic's number, not the indicator's.
        assert_eq!(
            row_number(
                &text("5\tกระบวนการสร้างความโปร่งใสในการใช้งบประมาณ\t100.00"),
                at
            ),
            Some(5)
        );
        assert_eq!(row_number(&text("การใช้งบประมาณ\t99.89"), at), None);
        // `1.` before the id does not hide which number is the score; a second decimal does.
        let mut sure = text("1.\tกระบวนการ\tข้อ i1\t100.00");
        sure.pages = vec![crate::normalize::PageNotes {
            page: 1,
            quality: crate::model::PageQuality::NoText,
            notes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            ocr_sure: vec!["100.00".into()],
        }];
        let pages: BTreeSet<u32> = [1].into();
        assert!(read_surely(&sure, &pages, at, 100.0));
        sure.lines = vec![line("ข้อ i1\t100.00 98.12", "ข้อ i1\t100.00 98.12")];
        assert!(!read_surely(&sure, &pages, at, 100.0));
    }

    /// With the lines' glyph boxes, a score is confirmed by the reader's reading at its own
    /// piece of the line: Tesseract's `๐` elsewhere on the page (a range of ids in the
    /// narrative) no longer keeps a row's `๐` unconfirmed, and Tesseract's `๐` in a row the
    /// reader did not read is still not confirmed by a reading elsewhere.
    #[test]
    fn a_score_is_confirmed_where_the_reader_read_it() {
        let rows = [
            // (raw, pieces: text and centre across)
            ("ข้อ o๑๘\t๐", vec![("ข้อ", 50.0), ("o๑๘", 80.0), ("๐", 120.0)]),
            (
                "ข้อ ๐ ๒๓ - ๐ ๒๒",
                vec![
                    ("ข้อ", 50.0),
                    ("๐", 70.0),
                    ("๒๓", 80.0),
                    ("-", 90.0),
                    ("๐", 100.0),
                    ("๒๒", 110.0),
                ],
            ),
            ("ข้อ o๔๓\t๐", vec![("ข้อ", 50.0), ("o๔๓", 80.0), ("๐", 120.0)]),
        ];
        let mut text = Text::default();
        for (k, (raw, pieces)) in rows.iter().enumerate() {
            let y = 700.0 - 20.0 * k as f32;
            let mut l = line(raw, raw);
            l.at.line = k as u32 + 1;
            text.lines.push(l);
            let mut b = crate::geometry::LineBoxes::default();
            for (t, x) in pieces {
                b.push(t, [x - 5.0, y, x + 5.0, y + 10.0]);
            }
            text.boxes.push(b);
        }
        let sure = |t: &str, x: f32, y: f32| crate::ocr::Sure {
            text: t.into(),
            x,
            y,
        };
        // The reader read row 1's id and score, and row 3's id only.
        text.pages = vec![crate::normalize::PageNotes {
            page: 1,
            quality: crate::model::PageQuality::NoText,
            notes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            ocr_sure: vec![
                sure("o๑๘", 80.0, 705.0),
                sure("๐", 120.0, 705.0),
                sure("o๔๓", 80.0, 665.0),
            ],
        }];
        let pages: BTreeSet<u32> = [1].into();
        let at = |line: u32| {
            Some(At {
                page: Some(1),
                line,
                bbox: None,
            })
        };
        assert!(read_surely(&text, &pages, at(1), 0.0));
        assert!(id_read_surely(&text, at(1), "o18"));
        assert!(!read_surely(&text, &pages, at(3), 0.0));
        assert!(id_read_surely(&text, at(3), "o43"));
        // Without boxes, the page's count decides: three `๐` of Tesseract's, one reading.
        text.boxes.clear();
        assert!(!read_surely(&text, &pages, at(1), 0.0));
    }

    /// A wrapped id cell (`ข้อ | ๐` over `o๔๒`): the id read surely at the start of the next
    /// line counts for the row; an id elsewhere in that line does not.
    #[test]
    fn a_line_of_two_ids_confirms_neither_row() {
        assert!(another_id("ข้ อi22 เมขอ | i23 | 98.04", "i23"));
        assert!(another_id("ข้ อi22 เมขอ | i23 | 98.04", "i22"));
        assert!(another_id("ข้อ e๑๑ | o๑๒ | ๑๐๐.๐๐", "e11"));
        // Its own id, in either script; Latin words and decimals are no ids.
        assert!(!another_id("ข้อ i๒๓ | ๑๐๐.๐๐", "i23"));
        assert!(!another_id("ข้อ i23 | 100.00", "i23"));
        assert!(!another_id("E-Service5 | IIT | ข้อi1 100.00", "i1"));
        let text = |raw: &str| Text {
            lines: vec![line(raw, raw)],
            pages: vec![crate::normalize::PageNotes {
                page: 1,
                quality: crate::model::PageQuality::NoText,
                notes: Vec::new(),
                geometry: crate::geometry::PageGeometry::default(),
                ocr_sure: vec!["i๒๒".into(), "i๒๓".into()],
            }],
            ..Text::default()
        };
        let at = Some(At {
            page: Some(1),
            line: 1,
            bbox: None,
        });
        assert!(id_read_surely(&text("ข้อ i๒๒\t๙๘.๐๔"), at, "i22"));
        assert!(!id_read_surely(&text("ข้อ i๒๒ i๒๓\t๙๘.๐๔"), at, "i22"));
        assert!(!id_read_surely(&text("ข้อ i๒๒ i๒๓\t๙๘.๐๔"), at, "i23"));
    }

    #[test]
    fn a_wrapped_ids_number_on_the_next_line_counts() {
        let text = |second: &str| Text {
            lines: vec![line("ข้อ\t๐", "ข้อ\t0"), {
                let mut l = line(second, second);
                l.at.line = 2;
                l
            }],
            pages: vec![crate::normalize::PageNotes {
                page: 1,
                quality: crate::model::PageQuality::NoText,
                notes: Vec::new(),
                geometry: crate::geometry::PageGeometry::default(),
                ocr_sure: vec!["o๔๒".into()],
            }],
            ..Text::default()
        };
        let at = Some(At {
            page: Some(1),
            line: 1,
            bbox: None,
        });
        assert!(id_read_surely(&text("o๔๒"), at, "o42"));
        assert!(!id_read_surely(&text("o๔๒"), at, "o43"));
        assert!(!id_read_surely(&text("ดู o๔๒"), at, "o42"));
    }

    /// A row a page break cut in two, joined by the layout on page 1 (`ข้อ | ๑๐๐.๐๐` there,
    /// `o๓๐` at the head of page 2): the id's reading on page 2 stands on no line there.
    #[test]
    fn an_id_read_on_the_next_page_counts_for_the_row_joined_before_it() {
        let mut text = Text::default();
        let rows = [
            (1, "ข้อ	๑๐๐.๐๐	o๓๐", vec![("ข้อ", 50.0), ("๑๐๐.๐๐", 120.0)]),
            (
                2,
                "ตาม ข้อ o๓๐",
                vec![("ตาม", 40.0), ("ข้อ", 60.0), ("o๓๐", 80.0)],
            ),
        ];
        for (page, raw, pieces) in rows {
            let mut l = line(raw, raw);
            l.at.page = Some(page);
            l.at.line = page;
            text.lines.push(l);
            let mut b = crate::geometry::LineBoxes::default();
            for (t, x) in pieces {
                b.push(t, [x - 5.0, 600.0, x + 5.0, 610.0]);
            }
            text.boxes.push(b);
        }
        let notes = |page: u32, sure: Vec<crate::ocr::Sure>| crate::normalize::PageNotes {
            page,
            quality: crate::model::PageQuality::NoText,
            notes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            ocr_sure: sure,
        };
        let sure = |t: &str, x: f32, y: f32| crate::ocr::Sure {
            text: t.into(),
            x,
            y,
        };
        let at = Some(At {
            page: Some(1),
            line: 1,
            bbox: None,
        });
        // Page 2's only reading of o๓๐ is the narrative's: the row's id is Tesseract's.
        text.pages = vec![
            notes(1, Vec::new()),
            notes(2, vec![sure("o๓๐", 80.0, 605.0)]),
        ];
        assert!(!id_read_surely(&text, at, "o30"));
        // A second reading at the head of page 2, on no line there: the row's.
        text.pages[1].ocr_sure.push(sure("o๓๐", 80.0, 780.0));
        assert!(id_read_surely(&text, at, "o30"));
        assert!(!id_read_surely(&text, at, "o31"));
    }

    #[test]
    fn a_question_read_surely_in_one_topic_confirms_the_list() {
        let (mut r, mut text) = seed();
        as_ocr(&mut r);
        // i1 stands in topics 1 and 2; the list's row is topic 1's.
        let rows: Vec<At> = r
            .topics
            .iter()
            .flat_map(|t| &t.questions)
            .filter(|q| q.id.as_deref() == Some("i1"))
            .map(|q| q.at)
            .collect();
        assert_eq!(rows.len(), 2);
        let k = r.questions.iter().position(|q| q.id == "i1").unwrap();
        assert_eq!(r.questions[k].at.line, rows[0].line);
        // Topic 1's row as Tesseract read it (nothing sure), topic 2's as the reader read it.
        for (at, raw) in [(rows[0], "ข้อ i1\t100.00"), (rows[1], "ข้อ i๑\t๑๐๐.๐๐")]
        {
            let l = &mut text.lines[at.line as usize - 1];
            l.at.page = Some(1);
            l.raw = raw.into();
        }
        text.pages = vec![crate::normalize::PageNotes {
            page: 1,
            quality: crate::model::PageQuality::NoText,
            notes: Vec::new(),
            geometry: crate::geometry::PageGeometry::default(),
            ocr_sure: vec!["i๑".into(), "๑๐๐.๐๐".into()],
        }];
        let on_page = |r: &mut Report| {
            for q in r.topics.iter_mut().flat_map(|t| &mut t.questions) {
                if rows.iter().any(|a| a.line == q.at.line) {
                    q.at.page = Some(1);
                }
            }
            r.questions[k].at.page = Some(1);
        };
        on_page(&mut r);
        let mut agree = r.clone();
        confirm(&mut agree, &text);
        let topic_i1 = |r: &Report, t: u8| {
            r.topics
                .iter()
                .find(|x| x.no == t)
                .and_then(|x| x.questions.iter().find(|q| q.id.as_deref() == Some("i1")))
                .and_then(|q| q.score)
        };
        assert_eq!(topic_i1(&agree, 1), None);
        assert_eq!(topic_i1(&agree, 2), Some(100.0));
        assert_eq!(agree.questions[k].score, Some(100.0));
        // Without the sure row, the list's score is unconfirmed as before.
        text.pages[0].ocr_sure.clear();
        confirm(&mut r, &text);
        assert_eq!(r.questions[k].score, None);
    }

    #[test]
    fn nothing_changes_without_ocr_pages() {
        let (mut r, text) = seed();
        let before = r.clone();
        confirm(&mut r, &text);
        assert_eq!(r, before);
    }

    #[test]
    fn a_number_before_the_first_id_is_no_rows_score() {
        assert_eq!(from_first_id("0.1 ขอ i๑๑\t๑๐๐.๐๐"), "i๑๑\t๑๐๐.๐๐");
        assert_eq!(from_first_id("ข้อe๓\t๙๘.๑๒"), "e๓\t๙๘.๑๒");
        // `IIT` and `OIT` are no ids; a line without an id is kept whole.
        assert_eq!(from_first_id("IIT 99.91"), "IIT 99.91");
        assert_eq!(from_first_id("OIT7 o๑๑ 100.00"), "o๑๑ 100.00");
        let text = |raw: &str| Text {
            lines: vec![line(raw, raw)],
            pages: vec![page_with(&["i๑๑", "๑๐๐.๐๐"])],
            ..Text::default()
        };
        let at = Some(At {
            page: Some(1),
            line: 1,
            bbox: None,
        });
        let pages: BTreeSet<u32> = [1].into();
        // Specks read as `0.1` before the id (the g200 scan's i11) no longer hide the score.
        assert!(read_surely(&text("0.1 ขอ i๑๑\t๑๐๐.๐๐"), &pages, at, 100.0));
        // Another number after the id still does: it may be the row's score.
        assert!(!read_surely(&text("ขอ i๑๑\t๑๐๐.๐๐ 0.1"), &pages, at, 100.0));
        assert!(!read_surely(
            &text("ขอ i๑๑\t๑๐๐.๐๐\t๙๘.๑๒"),
            &pages,
            at,
            100.0
        ));
    }
}
