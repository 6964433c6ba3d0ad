//! A scan under another program's invisible OCR layer (`ocr_layer` pages) read twice: from
//! the layer, and from our OCR of its images. [`wanting`] says when the layer's reading
//! leaves numbers for the images to give; the reading with more numbers is kept
//! ([`replaced`] says so), and a number the two readings give differently is `null`
//! ([`disagree`]): each reading passed the same checks, so one of them is wrong.

use crate::model;
use crate::normalize::Text;
use crate::Report;

/// A report read (partly) from another program's invisible OCR layer that leaves some of
/// the report's numbers unread: its page images may give more.
pub(crate) fn wanting(report: &Report) -> bool {
    report
        .source
        .page_quality
        .contains(&model::PageQuality::OcrLayer)
        && (report.status != model::Status::Ok
            || report.ita.score.is_none()
            || report
                .diagnostics
                .iter()
                .any(|d| d.code == "ocr-unconfirmed"))
}

/// How many of a report's numbers were read: fiscal year, ITA, tools, indicators and question
/// scores (the report's list and its topic tables).
pub(crate) fn numbers_read(report: &Report) -> usize {
    usize::from(report.fiscal_year.is_some())
        + number_slots(report)
            .iter()
            .filter(|s| s.value.is_some())
            .count()
}

/// One number of a report, named so that two readings of a document can be compared.
struct NumberSlot {
    name: String,
    value: Option<f64>,
    at: Option<model::At>,
    place: Place,
}

/// Where a [`NumberSlot`]'s number is in its report.
#[derive(Clone, Copy)]
enum Place {
    Ita,
    Tool(fn(&mut model::Tools) -> &mut Option<f64>),
    Indicator(usize),
    Question(usize),
    TopicRow(usize, usize),
}

impl Place {
    /// The number at this place of `r` (the report its slot was taken from).
    fn value(self, r: &mut Report) -> &mut Option<f64> {
        match self {
            Place::Ita => &mut r.ita.score,
            Place::Tool(field) => field(&mut r.tools),
            Place::Indicator(k) => &mut r.indicators[k].score,
            Place::Question(k) => &mut r.questions[k].score,
            Place::TopicRow(t, k) => &mut r.topics[t].questions[k].score,
        }
    }
}

/// The report's scores, each named: ITA, tools, indicators, the question list, the topic
/// tables' rows (by topic and id, or row when the id is unread).
fn number_slots(r: &Report) -> Vec<NumberSlot> {
    let mut slots = vec![NumberSlot {
        name: "the ITA score".into(),
        value: r.ita.score,
        at: r.ita.at,
        place: Place::Ita,
    }];
    let t = &r.tools;
    let tools_at = t.at.clone().unwrap_or_default();
    let tools: [(&str, Option<f64>, Option<model::At>, Place); 5] = [
        ("IIT", t.iit, tools_at.iit, Place::Tool(|t| &mut t.iit)),
        ("EIT", t.eit, tools_at.eit, Place::Tool(|t| &mut t.eit)),
        (
            "EIT part 1",
            t.eit_part1,
            tools_at.eit_part1,
            Place::Tool(|t| &mut t.eit_part1),
        ),
        (
            "EIT part 2",
            t.eit_part2,
            tools_at.eit_part2,
            Place::Tool(|t| &mut t.eit_part2),
        ),
        ("OIT", t.oit, tools_at.oit, Place::Tool(|t| &mut t.oit)),
    ];
    for (name, value, at, place) in tools {
        slots.push(NumberSlot {
            name: name.into(),
            value,
            at,
            place,
        });
    }
    for (k, i) in r.indicators.iter().enumerate() {
        slots.push(NumberSlot {
            name: format!("indicator {}", i.no),
            value: i.score,
            at: Some(i.at),
            place: Place::Indicator(k),
        });
    }
    for (k, q) in r.questions.iter().enumerate() {
        slots.push(NumberSlot {
            name: format!("question {}", q.id),
            value: q.score,
            at: Some(q.at),
            place: Place::Question(k),
        });
    }
    for (t, topic) in r.topics.iter().enumerate() {
        // Rows without an id are not compared: two readings may hold different rows.
        for (k, q) in topic.questions.iter().enumerate() {
            let Some(id) = &q.id else { continue };
            slots.push(NumberSlot {
                name: format!("topic {} {id}", topic.no),
                value: q.score,
                at: Some(q.at),
                place: Place::TopicRow(t, k),
            });
        }
    }
    slots
}

/// `ocr-readings-disagree`: where the kept reading of a scan under another program's OCR
/// layer and the other reading both hold a number and the numbers differ, each passed the
/// same checks yet one is wrong: the kept value becomes `null` with a warning quoting both.
pub(crate) fn disagree(kept: &mut Report, other: &Report) {
    let other_numbers: std::collections::HashMap<String, f64> = number_slots(other)
        .into_iter()
        .filter_map(|s| Some((s.name, s.value?)))
        .collect();
    let mut notes = Vec::new();
    for slot in number_slots(kept) {
        let (Some(value), Some(&theirs)) = (slot.value, other_numbers.get(&slot.name)) else {
            continue;
        };
        if (value - theirs).abs() > 1e-9 {
            *slot.place.value(kept) = None;
            notes.push(model::Diagnostic {
                code: "ocr-readings-disagree".into(),
                severity: model::Severity::Warning,
                message: format!(
                    "{} was read as {value} from one reading of the scan and {theirs} from the other (the invisible OCR layer and our OCR of its images): left null",
                    slot.name
                ),
                at: slot.at.map(|a| model::At::line(a.page, a.line)),
            });
        }
    }
    if let (Some(a), Some(b)) = (kept.fiscal_year, other.fiscal_year) {
        if a != b {
            kept.fiscal_year = None;
            notes.push(model::Diagnostic {
                code: "ocr-readings-disagree".into(),
                severity: model::Severity::Warning,
                message: format!("the fiscal year was read as {a} from one reading of the scan and {b} from the other: left null"),
                at: None,
            });
        }
    }
    if notes.is_empty() {
        return;
    }
    kept.diagnostics.extend(notes);
    // A number left null has no place it was read (the model's `at` of a score not read).
    crate::audit::forget_places_of_nulls(kept);
    kept.status = crate::audit::status(kept);
}

/// `ocr-layer-replaced`: the invisible OCR layer was set aside for our own OCR of the images.
pub(crate) fn replaced(
    layer: &Report,
    numbers: usize,
    ours: &Report,
    text: &Text,
) -> model::Diagnostic {
    let layered: Vec<u32> = (1..)
        .zip(&layer.source.page_quality)
        .filter(|(_, q)| **q == model::PageQuality::OcrLayer)
        .map(|(k, _)| k)
        .collect();
    let pages = layered.len();
    let first = layered.first().copied();
    let line = (text.lines.iter())
        .find(|l| l.at.page == first)
        .map_or(0, |l| l.at.line);
    model::Diagnostic {
        code: "ocr-layer-replaced".into(),
        severity: model::Severity::Info,
        message: format!(
            "{pages} page(s) carry another program's invisible OCR layer, which gave {numbers} of the report's numbers; the page images were OCR'd again and gave {}: that reading is kept",
            numbers_read(ours)
        ),
        at: Some(model::At {
            page: first,
            line,
            bbox: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract;

    fn seed() -> Report {
        let text = std::fs::read("fixtures/reports/chiangmai-2566.txt").unwrap();
        extract("chiangmai-2566.txt", &text).unwrap()
    }

    #[test]
    fn two_readings_that_differ_leave_the_number_null_with_a_warning() {
        let other = seed();
        let mut kept = other.clone();
        kept.ita.score = Some(52.15);
        kept.topics[1].questions[0].score = Some(55.0);
        let id = kept.topics[1].questions[0].id.clone().unwrap();
        disagree(&mut kept, &other);
        assert_eq!((kept.ita.score, kept.ita.at), (None, None));
        assert_eq!(kept.topics[1].questions[0].score, None);
        // Numbers the two readings agree on, or that only one holds, stay.
        assert_eq!(kept.tools.iit, other.tools.iit);
        assert_eq!(kept.fiscal_year, Some(2566));
        let notes: Vec<&model::Diagnostic> = (kept.diagnostics.iter())
            .filter(|d| d.code == "ocr-readings-disagree")
            .collect();
        assert_eq!(notes.len(), 2);
        assert!(notes[0].message.contains("52.15") && notes[0].message.contains("92.19"));
        assert!(notes[1].message.contains(&format!("topic 2 {id}")));
        assert!(notes.iter().all(|d| d.at.is_some()));
        assert_eq!(kept.status, model::Status::Partial);
    }

    #[test]
    fn a_number_only_one_reading_holds_is_kept() {
        let mut other = seed();
        other.ita.score = None;
        other.fiscal_year = None;
        let mut kept = seed();
        disagree(&mut kept, &other);
        assert_eq!(kept, seed());
        assert_eq!(numbers_read(&kept), numbers_read(&other) + 2);
    }
}
