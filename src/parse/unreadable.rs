//! Texts that hold a character the text layer could not read (U+FFFD: a glyph with no map
//! entry and an outline no index knows; Google's Sriracha printed by wkhtmltopdf loses its
//! Latin letters so: `ระบบฐานข้อมูลOffici��LI��`) are not the document's text: such a
//! value is `null`, or its action-plan row or topic remark left out, with a `text-unreadable`
//! warning quoting it, rather than a different text. A plan row's topic cell counts as its
//! text (the row is that text). Labels as written (a topic's title, an indicator's label, a
//! question's wording) are kept as written: they name, and what they name is read from its
//! number.

use crate::model::Report;

use super::Diagnostics;

const UNREADABLE: char = '\u{FFFD}';

/// Clears the report's texts that hold U+FFFD (see the module's documentation).
pub fn clear(report: &mut Report, diags: &mut Diagnostics) {
    let bad = |s: &Option<String>| s.as_deref().is_some_and(|s| s.contains(UNREADABLE));
    let a = &mut report.agency;
    if bad(&a.name) {
        let name = a.name.take().unwrap_or_default();
        diags.warn(
            "text-unreadable",
            a.at,
            quote("the agency's name", &name, "left null"),
        );
        a.name_as_written = None;
        a.kind = None;
    }
    report.action_plan.retain(|e| {
        let cells = std::iter::once(e.topic.as_deref().unwrap_or_default())
            .chain(e.methods.iter().map(String::as_str))
            .chain(e.responsible.iter().map(String::as_str))
            .chain(e.steps.iter().map(String::as_str))
            .chain(e.period.raw.as_deref());
        let Some(cell) = cells.into_iter().find(|c| c.contains(UNREADABLE)) else {
            return true;
        };
        diags.warn(
            "text-unreadable",
            Some(e.at),
            quote("an action-plan row", cell, "the row left out"),
        );
        false
    });
    for l in &mut report.limitations {
        if bad(&l.text) {
            let text = l.text.take().unwrap_or_default();
            diags.warn(
                "text-unreadable",
                Some(l.at),
                quote(
                    &format!("the text of limitation {}", l.no),
                    &text,
                    "left null",
                ),
            );
        }
    }
    for t in &mut report.topics {
        let no = t.no;
        t.remarks.retain(|r| {
            if !r.text.contains(UNREADABLE) {
                return true;
            }
            diags.warn(
                "text-unreadable",
                r.at.or(Some(t.at)),
                quote(
                    &format!("topic {no}'s remark for {}", r.tool.as_str()),
                    &r.text,
                    "left out",
                ),
            );
            false
        });
        if bad(&t.analysis) {
            let text = t.analysis.take().unwrap_or_default();
            t.analysis_parts = None;
            diags.warn(
                "text-unreadable",
                Some(t.at),
                quote(
                    &format!("the narrative of topic {}", t.no),
                    &text,
                    "left null",
                ),
            );
        }
    }
}

/// `what`, the first unreadable character's surroundings and what was done (`outcome`).
fn quote(what: &str, text: &str, outcome: &str) -> String {
    let at = text.find(UNREADABLE).unwrap_or(0);
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(15)
        .map_or(0, |(i, _)| i);
    let to = text[at..]
        .char_indices()
        .nth(16)
        .map_or(text.len(), |(i, _)| at + i);
    format!(
        "{what} holds characters the text layer could not read (U+FFFD): `…{}…`: {outcome}",
        &text[from..to]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Report {
        let text = std::fs::read("fixtures/reports/chiangmai-2566.txt").unwrap();
        crate::extract("chiangmai-2566.txt", &text).unwrap()
    }

    #[test]
    fn a_text_with_an_unreadable_character_is_null_and_said() {
        let mut r = seed();
        let clean = r.clone();
        r.limitations[4].text = Some("การนำIC\u{FFFD}เข้ามาทดแทน".into());
        r.action_plan[1].methods[0].push_str(" Offici\u{FFFD}\u{FFFD}");
        r.topics[2].analysis = Some("ผลการประเมิน IT\u{FFFD} ปี 2566".into());
        r.topics[3].remarks[0].text = "รักษาระดับคะแนนและคอ\u{FFFD}อัปเดตข้อมูล".into();
        let mut d = Diagnostics::default();
        clear(&mut r, &mut d);
        assert_eq!(r.topics[3].remarks[..], clean.topics[3].remarks[1..]);
        assert_eq!(r.limitations[4].text, None);
        assert_eq!(r.limitations[3], clean.limitations[3]);
        assert_eq!(r.action_plan.len(), clean.action_plan.len() - 1);
        assert_eq!(r.action_plan[1], clean.action_plan[2]);
        assert_eq!(
            (
                r.topics[2].analysis.as_ref(),
                r.topics[2].analysis_parts.as_ref()
            ),
            (None, None)
        );
        let d = d.into_vec();
        assert_eq!(d.len(), 4);
        assert!(d
            .iter()
            .all(|d| d.code == "text-unreadable" && d.at.is_some()));
        assert!(
            d.iter().any(|d| d.message.contains("IC\u{FFFD}เข้า")),
            "{d:?}"
        );
        // A report without such characters is left as it was.
        let mut again = clean.clone();
        let mut d = Diagnostics::default();
        clear(&mut again, &mut d);
        assert_eq!(again, clean);
        assert!(d.into_vec().is_empty());
    }
}
