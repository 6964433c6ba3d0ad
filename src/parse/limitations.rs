//! Part 3: the agency's limitations (ข้อจำกัดของหน่วยงาน) in the five fixed areas.
//!
//! Each area is an item `๑. ข้อจำกัดด้านบุคลากร.....ข้อความ` (number, `ข้อจำกัด`, and the separator
//! all optional); its text runs on over the following lines up to the next area. An area the
//! agency says it has none of (`ไม่มีข้อจำกัดของหน่วยงาน`) is marked `no_limitation`; when the
//! part says so once for everything, all five areas are given that way. The template's own
//! instruction (`ข้อระวัง … ให้ระบุ “ไม่มีข้อจำกัดของหน่วยงาน” ห้ามตัดหัวข้อทิ้ง …`) is not data.

use std::sync::LazyLock;

use regex::Regex;

use super::Diagnostics;
use crate::model::{At, Limitation};
use crate::normalize::Line;

/// The five areas of the template, in order.
pub const AREAS: [&str; 5] = [
    "บุคลากร",
    "งบประมาณ",
    "เทคโนโลยี",
    "สภาพพื้นที่",
    "เศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่",
];

/// An area item: optional number, optional `ข้อจำกัด`, `ด้าน`, then the label and text.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?(\d)\s*[.)]\s*)?(?:ข้อจำกัด\s*)?ด้าน\s*(.+)$").expect("valid regex")
});
/// Between the label and the text: a run of dots (a space may split it, as a justifying
/// producer spreads a line: TCPDF's `พื้นที่.. ...จาก`), an ellipsis, a colon or a cell break.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:\.(?:\s?\.)+|…+|:|\t)\s*").expect("valid regex"));
/// A line that is only an item's number: `2.`, `(2)`, `2)`.
static NUMBER_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(\d)\s*[.)]$").expect("valid regex"));
static NONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[“”\x22']?\s*(?:ไม่มีข้อจำกัด|ไม่มี\s*$|-$)").expect("valid regex"));

/// Is this the template's instruction line rather than the agency's text?
fn is_instruction(text: &str) -> bool {
    text.starts_with("ข้อระวัง")
        || text.starts_with("ข้อระวาง")
        || text.starts_with("หมายเหตุ")
        || text.contains("ห้ามตัดหัวข้อ")
        || text.contains("ห้ามเว้นว่าง")
}

/// The template area (1–5) a label names, by its key word; economy/culture is tested before
/// สภาพพื้นที่ because its label also ends in พื้นที่.
fn area_of(label: &str) -> Option<u8> {
    let l: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    if l.starts_with("เศรษฐกิจ") || l.starts_with("วัฒนธรรม") || l.contains("การดำรงชีวิต")
    {
        Some(5)
    } else if l.starts_with("บุคลากร") {
        Some(1)
    } else if l.starts_with("งบประมาณ") {
        Some(2)
    } else if l.starts_with("เทคโนโลยี") {
        Some(3)
    } else if l.starts_with("สภาพพื้นที่") || l.starts_with("พื้นที่")
    {
        Some(4)
    } else {
        None
    }
}

/// Label and text of an item's rest: split at the separator, or after the template's area name
/// when there is none.
///
/// A cell break alone inside the area's name is no separator: a producer that spreads a
/// line's words over its width (fpdf2's justified `multi_cell`) leaves `เศรษฐกิจ⇥วัฒนธรรม`
/// with the name going on to the next line. It is one when the words before and after it,
/// put together, no longer start an area's name.
fn split_label(rest: &str) -> (String, String) {
    for m in SEPARATOR.find_iter(rest) {
        let after = &rest[m.end()..];
        let next = SEPARATOR.find(after).map_or(after, |n| &after[..n.start()]);
        let joined = super::squash(&rest[..m.start()]) + &super::squash(next);
        let in_name = m.as_str().trim().is_empty()
            && !next.trim().is_empty()
            && AREAS.iter().any(|a| super::squash(a).starts_with(&joined));
        if in_name {
            continue;
        }
        return (
            rest[..m.start()].trim().to_owned(),
            rest[m.end()..].trim().to_owned(),
        );
    }
    if let Some(no) = area_of(rest) {
        let name = AREAS[usize::from(no - 1)];
        // Walk the rest, skipping spaces, as far as the area's name (without spaces) matches.
        let want: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
        let mut k = 0;
        for (i, c) in rest.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            if want.get(k) != Some(&c) {
                return (rest[..i].trim().to_owned(), rest[i..].trim().to_owned());
            }
            k += 1;
            if k == want.len() {
                let end = i + c.len_utf8();
                return (rest[..end].trim().to_owned(), rest[end..].trim().to_owned());
            }
        }
    }
    (rest.trim().to_owned(), String::new())
}

/// The text of the line after an area's label (as written, without a separator) when the
/// label wrapped onto it: the line opens with the rest of the area's name, then the
/// separator. `None` otherwise.
fn label_rest(label: &str, line: &str) -> Option<String> {
    let m = SEPARATOR.find(line)?;
    let head = super::squash(&line[..m.start()]);
    let whole = super::squash(label) + &head;
    (!head.is_empty() && whole != head && AREAS.iter().any(|a| super::squash(a) == whole))
        .then(|| line[m.end()..].trim().to_owned())
}

/// Does this line open an area without a number of its own: `ข้อจำกัดด้าน…`, or `ด้าน…` with a
/// separator?
fn opens_unnumbered_item(text: &str) -> bool {
    ITEM.captures(text).is_some_and(|c| {
        c.get(1).is_none() && (text.starts_with("ข้อจำกัด") || SEPARATOR.is_match(text))
    })
}

/// Does an item-like line `c` (area `canonical`) go on with the text above rather than open an
/// area: no number, no `ข้อจำกัด`, no separator, and its area already has an item? A page
/// break or a wrap can leave `ด้านเทคโนโลยีและกระแสการเปลี่ยนแปลง…` at a line's start inside
/// area 5's text, after area 3 was given.
fn runs_on(c: &regex::Captures<'_>, canonical: Option<u8>, out: &[Limitation], text: &str) -> bool {
    let before_label = c.get(2).map_or("", |m| &text[..m.start()]);
    c.get(1).is_none()
        && !before_label.contains("ข้อจำกัด")
        && !SEPARATOR.is_match(text)
        && canonical.is_some_and(|a| out.iter().any(|x| x.area == AREAS[usize::from(a - 1)]))
}

/// Parses the limitations from the lines of part 3 (its heading first).
pub fn parse(part3: &[Line], diags: &mut Diagnostics) -> Vec<Limitation> {
    let Some(heading) = part3.first() else {
        diags.warn(
            "limitations-missing",
            None,
            "the report has no part 3 (ส่วนที่ 3, the agency's limitations)".to_owned(),
        );
        return Vec::new();
    };
    let mut out: Vec<Limitation> = Vec::new();
    let mut texts: Vec<Vec<String>> = Vec::new();
    // Each area's label as written, when no separator followed it on its line.
    let mut labels: Vec<String> = Vec::new();
    let mut none_for_all: Option<At> = None;
    // The line after the template's instruction, when it opens no area, is the instruction's
    // own wrapped rest (`… หรือห้ามเว้น` / `ว่างไว้`, the rest alone on the next page), never
    // the last area's text.
    let mut in_instruction = false;
    // An item's number alone on the line above it (a list whose number sits in its own cell,
    // set a little higher than the item's text: fpdf2's `cell` then `multi_cell`).
    let mut number_above: Option<u8> = None;
    let body_lines = &part3[1..];
    for (i, l) in body_lines.iter().enumerate() {
        let text = l.text.trim();
        if text.is_empty() {
            continue;
        }
        if is_instruction(text) {
            in_instruction = true;
            continue;
        }
        if let Some(n) = NUMBER_ONLY.captures(text) {
            let next = body_lines[i + 1..]
                .iter()
                .map(|x| x.text.trim())
                .find(|t| !t.is_empty());
            if next.is_some_and(opens_unnumbered_item) {
                number_above = n[1].parse().ok();
                continue;
            }
        }
        let above = number_above.take();
        let item = ITEM.captures(text).and_then(|c| {
            let (label, body) = split_label(&c[2]);
            let canonical = area_of(&label);
            let written = c
                .get(1)
                .and_then(|m| m.as_str().parse::<u8>().ok())
                .or(above);
            // `ด้าน…` inside an area's text is not a new area unless numbered or a known one.
            let known = canonical.is_some() || written.is_some() || texts.is_empty();
            (known && !runs_on(&c, canonical, &out, text))
                .then_some((label, body, canonical, written))
        });
        if item.is_none() && in_instruction && !NONE.is_match(text) {
            // One line only: text after it is the agency's again.
            in_instruction = false;
            diags.info(
                "limitation-line-skipped",
                Some(l.at),
                format!("part 3: the line after the template's instruction is taken for its wrapped rest and not read: \"{text}\""),
            );
            continue;
        }
        in_instruction = false;
        if let Some((label, body, canonical, written)) = item {
            // (A cell break is no separator here: one inside the name was passed over.)
            let label_as_written =
                if body.is_empty() && !SEPARATOR.is_match(&text.replace('\t', " ")) {
                    label.clone()
                } else {
                    String::new()
                };
            if let (Some(w), Some(a)) = (written, canonical) {
                if w != a {
                    diags.info(
                        "limitation-number-unusual",
                        Some(l.at),
                        format!("area \"{label}\" is numbered {w}; the template numbers it {a}"),
                    );
                }
            }
            if canonical.is_none() {
                diags.warn(
                    "limitation-area-unknown",
                    Some(l.at),
                    format!(
                        "\"{label}\" is not one of the five areas ({})",
                        AREAS.join(", ")
                    ),
                );
            }
            if let Some(a) = canonical {
                if out.iter().any(|x| x.area == AREAS[usize::from(a - 1)]) {
                    diags.warn(
                        "limitation-area-duplicate",
                        Some(l.at),
                        format!("the area {} appears twice", AREAS[usize::from(a - 1)]),
                    );
                }
            }
            let no = written
                .or(canonical)
                .unwrap_or_else(|| u8::try_from(out.len() + 1).unwrap_or(u8::MAX));
            out.push(Limitation {
                no,
                area: canonical.map_or(label, |a| AREAS[usize::from(a - 1)].to_owned()),
                text: None,
                no_limitation: false,
                at: l.at,
            });
            labels.push(label_as_written);
            texts.push(if body.is_empty() {
                Vec::new()
            } else {
                vec![body]
            });
        } else if let Some(t) = texts.last_mut() {
            // The label wrapped: its rest opens the next line, before the separator
            // (`… การดำรงชีวิตของคนใน` / `พื้นที่.....จากศักยภาพ…`).
            let label = labels.last().map_or("", String::as_str);
            if let Some(body) = t.is_empty().then(|| label_rest(label, text)).flatten() {
                t.push(body);
                continue;
            }
            t.push(text.replace('\t', " "));
        } else if text.contains("ไม่มีข้อจำกัด") {
            none_for_all = Some(l.at);
        } else {
            diags.info(
                "limitation-line-skipped",
                Some(l.at),
                format!("part 3: a line before the first area is not read: \"{text}\""),
            );
        }
    }
    for (lim, t) in out.iter_mut().zip(texts) {
        let text = t.join("\n");
        if text.is_empty() {
            diags.warn(
                "limitation-text-missing",
                Some(lim.at),
                format!("the area {} has no text (the template says to write ไม่มีข้อจำกัดของหน่วยงาน rather than leave it blank)", lim.area),
            );
        } else {
            lim.no_limitation = NONE.is_match(&text);
            lim.text = Some(text);
        }
    }
    if out.is_empty() {
        if let Some(at) = none_for_all {
            diags.info(
                "limitations-none",
                Some(at),
                "the agency states it has no limitations (ไม่มีข้อจำกัดของหน่วยงาน): all five areas are marked so".to_owned(),
            );
            return AREAS
                .iter()
                .zip(1u8..)
                .map(|(area, no)| Limitation {
                    no,
                    area: (*area).to_owned(),
                    text: Some("ไม่มีข้อจำกัดของหน่วยงาน".to_owned()),
                    no_limitation: true,
                    at,
                })
                .collect();
        }
        diags.warn(
            "limitations-empty",
            Some(heading.at),
            "part 3 names none of the five limitation areas".to_owned(),
        );
        return out;
    }
    for (i, area) in AREAS.iter().enumerate() {
        if !out.iter().any(|x| x.area == *area) {
            diags.warn(
                "limitation-missing",
                Some(heading.at),
                format!("part 3 has no item for area {} ({area})", i + 1),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::At;

    fn lines(text: &str) -> Vec<Line> {
        text.lines()
            .zip(1u32..)
            .map(|(raw, line)| Line {
                at: At::line(None, line),
                raw: raw.to_owned(),
                text: crate::normalize::line(raw),
                cells: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn areas_with_and_without_separators() {
        let mut d = Diagnostics::default();
        let got = parse(
            &lines(
                "ส่วนที่ ๓ การวิเคราะห์ข้อจำกัด\n\
                 ๑. ข้อจำกัดด้านบุคลากร.....ขาดคน\nต่อบรรทัด\n\
                 2) ด้านงบประมาณ : ไม่มีข้อจำกัดของหน่วยงาน\n\
                 ข้อจำกัดด้านเทคโนโลยี ระบบเก่า\n\
                 ด้านสภาพพื้นที่\t“ไม่มีข้อจำกัดของหน่วยงาน”\n\
                 5. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่ ท่องเที่ยว\n\
                 ข้อระวังหากวิเคราะห์แล้วไม่มีข้อจำกัดของหน่วยงาน ให้ระบุ “ไม่มีข้อจำกัดของหน่วยงาน” ห้ามตัดหัวข้อทิ้ง",
            ),
            &mut d,
        );
        let short: Vec<(u8, &str, Option<&str>, bool)> = got
            .iter()
            .map(|l| (l.no, l.area.as_str(), l.text.as_deref(), l.no_limitation))
            .collect();
        assert_eq!(
            short,
            [
                (1, "บุคลากร", Some("ขาดคน\nต่อบรรทัด"), false),
                (2, "งบประมาณ", Some("ไม่มีข้อจำกัดของหน่วยงาน"), true),
                (3, "เทคโนโลยี", Some("ระบบเก่า"), false),
                (4, "สภาพพื้นที่", Some("“ไม่มีข้อจำกัดของหน่วยงาน”"), true),
                (5, AREAS[4], Some("ท่องเที่ยว"), false),
            ]
        );
        assert!(d.into_vec().is_empty());
    }

    #[test]
    fn a_label_wrapped_onto_the_next_line_stays_out_of_the_text() {
        let texts = |body: &str| -> Vec<(String, Option<String>)> {
            let mut d = Diagnostics::default();
            parse(&lines(&format!("ส่วนที่ ๓ ข้อจำกัด\n{body}")), &mut d)
                .into_iter()
                .map(|l| (l.area, l.text))
                .collect()
        };
        // The area's name goes on before the separator on the next line.
        assert_eq!(
            texts("๕. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนใน\nพื้นที่.....จากศักยภาพ\nต่อ"),
            [(AREAS[4].to_owned(), Some("จากศักยภาพ\nต่อ".to_owned()))]
        );
        // A whole label: the next line is text, separator or not; so is a line whose head
        // does not finish the area's name.
        for body in [
            "๔. ข้อจำกัดด้านสภาพพื้นที่\nพื้นที่: เมืองเก่า",
            "๕. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนใน\nชุมชน.....เมืองเก่า",
        ] {
            let got = texts(body);
            let next = body.split('\n').nth(1).expect("two lines");
            assert_eq!(got[0].1.as_deref(), Some(next), "{body}");
        }
    }

    #[test]
    fn an_area_word_opening_a_line_of_another_area_text_is_text() {
        // Area 5's text cut by a page break before `ด้านเทคโนโลยี…`, area 3 given above: text.
        let l = lines(
            "ส่วนที่ 3 ข้อจำกัด\n\
             ๓. ข้อจำกัดด้านเทคโนโลยี.....ระบบเก่า\n\
             ๕. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่.....การพัฒนาใน\n\
             ด้านเทคโนโลยีและกระแสการเปลี่ยนแปลง",
        );
        let mut d = Diagnostics::default();
        let r = parse(&l, &mut d);
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[1].text.as_deref(),
            Some("การพัฒนาใน\nด้านเทคโนโลยีและกระแสการเปลี่ยนแปลง")
        );
        // Not given above, or numbered, or with ข้อจำกัด, or a separator: an area.
        for item in [
            "ด้านบุคลากร ขาดคน",
            "3. ด้านเทคโนโลยี ระบบใหม่",
            "ข้อจำกัดด้านเทคโนโลยี ระบบใหม่",
            "ด้านเทคโนโลยี: ระบบใหม่",
        ] {
            let text = format!(
                "ส่วนที่ 3\n๓. ข้อจำกัดด้านเทคโนโลยี.....ระบบเก่า\n๕. ข้อจำกัดด้านเศรษฐกิจ.....ท่องเที่ยว\n{item}"
            );
            let r = parse(&lines(&text), &mut Diagnostics::default());
            assert_eq!(r.len(), 3, "{item}");
        }
    }

    #[test]
    fn a_number_alone_above_an_item_is_the_items() {
        let text = "ส่วนที่ 3 ข้อจำกัด\n1.\tข้อจำกัดด้านบุคลากร.....ขาดคน\nการรับผิดชอบงาน\n2.\nข้อจำกัดด้านงบประมาณ.....น้อย\n(3)\nด้านเทคโนโลยี: เก่า";
        let mut d = Diagnostics::default();
        let got = parse(&lines(text), &mut d);
        let short: Vec<(u8, Option<&str>)> =
            got.iter().map(|l| (l.no, l.text.as_deref())).collect();
        assert_eq!(
            short,
            [
                (1, Some("ขาดคน\nการรับผิดชอบงาน")),
                (2, Some("น้อย")),
                (3, Some("เก่า"))
            ]
        );
        // A number line before a line that opens no area stays text.
        let text = "ส่วนที่ 3 ข้อจำกัด\n1. ข้อจำกัดด้านบุคลากร.....ขาดคน\n2.\nต่อ";
        let got = parse(&lines(text), &mut Diagnostics::default());
        assert_eq!(got[0].text.as_deref(), Some("ขาดคน\n2.\nต่อ"));
    }

    #[test]
    fn a_cell_break_inside_the_area_name_is_no_separator() {
        // A justified line spreads the name's words into cells; the name goes on below.
        let text =
            "ส่วนที่ 3 ข้อจำกัด\n5.\tข้อจำกัดด้านเศรษฐกิจ\tวัฒนธรรม\nการดำรงชีวิตของคนในพื้นที่.....จากศักยภาพ\nต่อ";
        let got = parse(&lines(text), &mut Diagnostics::default());
        assert_eq!(got[0].area, AREAS[4]);
        assert_eq!(got[0].text.as_deref(), Some("จากศักยภาพ\nต่อ"));
        // A cell break after the whole name, or before words outside it, separates.
        for (line, want) in [
            ("4.\tด้านสภาพพื้นที่\tเมืองเก่า", "เมืองเก่า"),
            ("5.\tด้านเศรษฐกิจ\tท่องเที่ยว", "ท่องเที่ยว"),
        ] {
            let got = parse(
                &lines(&format!("ส่วนที่ 3\n{line}")),
                &mut Diagnostics::default(),
            );
            assert_eq!(got[0].text.as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn a_run_of_dots_split_by_a_space_is_one_separator() {
        // A justifying producer (TCPDF) spreads the dots: `พื้นที่.. ...จาก`, `.... .จาก`.
        for sep in [".. ...", ".... .", ". ....", "....."] {
            let text =
                format!("ส่วนที่ 3\n๕. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่{sep}จากศักยภาพ");
            let r = parse(&lines(&text), &mut Diagnostics::default());
            assert_eq!(r[0].text.as_deref(), Some("จากศักยภาพ"), "{sep}");
        }
        // One dot ends a sentence and is no separator.
        assert!(!SEPARATOR.is_match("ขาดคน. จึง"));
    }

    #[test]
    fn one_statement_for_the_whole_part() {
        let mut d = Diagnostics::default();
        let got = parse(&lines("ส่วนที่ 3 ข้อจำกัด\nไม่มีข้อจำกัดของหน่วยงาน"), &mut d);
        assert_eq!(got.len(), 5);
        assert!(got.iter().all(|l| l.no_limitation));
    }

    #[test]
    fn the_instruction_alone_is_not_a_statement() {
        let mut d = Diagnostics::default();
        let got = parse(
            &lines("ส่วนที่ 3 ข้อจำกัด\nข้อระวางหากวิเคราะห์แล้วไม่มีข้อจำกัดของหน่วยงาน ให้ระบุ “ไม่มีข้อจำกัดของหน่วยงาน” ห้ามตัดหัวข้อทิ้ง หรือห้ามเว้นว่างไว้"),
            &mut d,
        );
        assert!(got.is_empty());
        assert_eq!(d.into_vec()[0].code, "limitations-empty");
    }

    #[test]
    fn the_instructions_wrapped_rest_is_not_the_last_areas_text() {
        let text = "ส่วนที่ 3 ข้อจำกัด\n5. ข้อจำกัดด้านเศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่.....ของท้องถิ่น\nข้อระวางหากวิเคราะห์แล้วไม่มีข้อจำกัดของหน่วยงาน ให้ระบุ “ไม่มีข้อจำกัดของหน่วยงาน” ห้ามตัดหัวข้อทิ้ง หรือห้ามเว้น\nว่างไว้";
        let got = parse(&lines(text), &mut Diagnostics::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text.as_deref(), Some("ของท้องถิ่น"));
        // Only one line: text after a `หมายเหตุ` note and its one line is read again.
        let noted = "ส่วนที่ 3 ข้อจำกัด\n1. ข้อจำกัดด้านบุคลากร.....ขาดคน\nหมายเหตุ ดูภาคผนวก\nผนวก ก\nต่อเนื่อง";
        let got = parse(&lines(noted), &mut Diagnostics::default());
        assert_eq!(got[0].text.as_deref(), Some("ขาดคน\nต่อเนื่อง"));
        // An area after the instruction is read as before.
        let text = format!("{text}\n1. ข้อจำกัดด้านบุคลากร.....ขาดคน\nต่อเนื่อง");
        let got = parse(&lines(&text), &mut Diagnostics::default());
        assert_eq!(got[1].text.as_deref(), Some("ขาดคน\nต่อเนื่อง"));
    }
}
