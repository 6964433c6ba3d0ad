//! Reflow: the wrapped lines of a cell or a paragraph joined into one line, as the text dumps
//! have them (Thai is written without spaces between words, so a line break is a space only
//! where one was).

use super::{Geom, Item, T};
use crate::geometry::LineBoxes;

/// A Thai letter or mark (not a digit, not punctuation).
pub(super) fn thai_letter(c: char) -> bool {
    let thai = crate::thai::is_thai_letter;
    // A Private Use glyph variant of a Thai mark (TCPDF, Chromium) is that mark: TCPDF wraps
    // `หน้` / `าที่` inside a cell, and a space there reads as Word's lost sara am (`หน้ำที่`).
    thai(c)
        || (('\u{F700}'..='\u{F8FF}').contains(&c)
            && crate::thai::pua_to_standard(c).is_some_and(thai))
}

/// Appends the next line of wrapped text. Thai is written without spaces between words, so a
/// line break is a space only where one was: where the line ended with a space glyph, or, from
/// producers that draw no space at line ends, between anything but two Thai letters.
pub(crate) fn join_wrapped(s: &mut String, next: &str, spaces_at_ends: bool) {
    let next = next.trim_start();
    if next.is_empty() {
        return;
    }
    if s.trim().is_empty() {
        s.clear();
        s.push_str(next);
        return;
    }
    let spaced = s.ends_with(' ');
    s.truncate(s.trim_end().len());
    let a = s.chars().next_back();
    let b = next.chars().next();
    if split_number(s, next) || split_id(s, next) {
        s.push_str(next.trim_end());
        return;
    }
    // A line that opens with what no Thai syllable opens with (า, ำ, a mark) is the rest of a
    // word cut apart: ReportLab's CJK wrap breaks Thai anywhere and may leave the space it
    // broke at on the line before (`ประช ` / `าสัมพันธ์`), which would read as Word's lost
    // sara am (`ประชำสัมพันธ์`).
    let cut_word = a.is_some_and(thai_letter) && b.is_some_and(crate::thai::opens_no_syllable);
    let glue = cut_word
        || !spaced
            && !LIST_START.is_match(next)
            && (spaces_at_ends || (a.is_some_and(thai_letter) && b.is_some_and(thai_letter)));
    if !glue {
        s.push(' ');
    }
    s.push_str(next);
}

/// Is `a` followed by `b` one number wrapped inside its cell (`๑๐๐.๐` + `๐`, `98.` + `12`)?
/// Both are digits and points only, and together they hold exactly one point, so two whole
/// scores stacked in a cell (`100.00` / `98.50`) or two integers are never run together.
pub(super) fn split_number(a: &str, b: &str) -> bool {
    let numeric = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.')
    };
    let (a, b) = (a.trim(), b.trim());
    numeric(a) && numeric(b) && a.matches('.').count() + b.matches('.').count() == 1
}

/// Is `a` followed by `b` a question id wrapped inside its narrow cell (`i๑` + `๐` for i10,
/// `ข้อ o๓` + `๕`)? `a` ends in a word of one Latin letter and a digit, `b` is one digit
/// alone: ids have at most two (o43), and no word of text ends that way.
fn split_id(a: &str, b: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c);
    let word = a
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    let letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let (tail, b) = (chars.as_str(), b.trim());
    letter
        && tail.chars().count() == 1
        && tail.chars().all(digit)
        && b.chars().count() == 1
        && b.chars().all(digit)
}

/// Joins the wrapped lines of a paragraph into one line, as the text dumps have them: a line
/// that reaches the right margin continues on the next when that one follows at normal line
/// spacing, in the same size, lines up with the paragraph's other continuation lines (a first
/// line may be indented, or hang out before a list number), and neither holds a tab.
/// Returns the lines and, for each table row among the items, its line index. `carried` is the
/// document's paragraph pitch measured on earlier pages (see
/// [`Carry::text_pitch`](super::Carry::text_pitch)), taken when this page shows no spacing twice.
pub(super) fn paragraphs(
    items: Vec<Item>,
    spaces_at_ends: bool,
    carried: Option<f32>,
) -> (Vec<String>, Vec<usize>, Vec<LineBoxes>) {
    // The right margin: where the page's lines end, when two lines or more end there; else
    // (a page of tables with a free line or two) where its table rows end too, so that a
    // lone long line is not taken to reach the margin and join the heading below it.
    let free: Vec<Geom> = items.iter().filter_map(|i| i.geom).collect();
    let mut right = free.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    if free.iter().filter(|g| g.x1 >= right - g.size).count() < 2 {
        right = items
            .iter()
            .filter(|i| i.geom.is_none())
            .filter_map(|i| i.boxes.bbox())
            .map(|b| b[2])
            .fold(right, f32::max);
    }
    // The page's usual line pitch: the smallest spacing between consecutive free lines of one
    // size that is common (paragraph breaks add space; lines inside a paragraph do not).
    let mut pitches: Vec<f32> = items
        .windows(2)
        .filter_map(|w| match (w[0].geom, w[1].geom) {
            (Some(a), Some(b)) if (a.size - b.size).abs() <= 0.15 * a.size => {
                Some((a.y - b.y) / a.size)
            }
            _ => None,
        })
        .filter(|r| *r > T.pitch_min && *r < T.pitch_max_measured)
        .collect();
    pitches.sort_by(f32::total_cmp);
    // The smallest spacing seen twice (within 2%): with paragraphs spaced apart, most spacings
    // can be paragraph breaks, and a quartile would take one of those for the line pitch.
    // Spacings under 1.9 sizes first (a page with one wrapped paragraph among others keeps its
    // one in-paragraph spacing); Garuda's 1.9 only where nothing is closer.
    let twice = |max: f32| {
        pitches
            .windows(2)
            .find(|w| w[1] < max && w[1] - w[0] <= 0.02 * w[0])
            .map(|w| w[0])
    };
    let usual: Vec<f32> = pitches
        .iter()
        .copied()
        .filter(|r| *r < T.pitch_max)
        .collect();
    // A page of a few free lines (a paragraph's last line over a heading, then a table) shows
    // no spacing twice: its one spacing may be a paragraph break, so the pitch earlier pages
    // measured comes before it.
    let measured = twice(T.pitch_max)
        .or(carried)
        .or_else(|| usual.get(usual.len() / 4).copied())
        .or_else(|| twice(T.pitch_max_measured));
    // Lines further apart than this never join (wider for a page whose pitch was measured).
    let (pitch, widest) =
        measured.map_or((T.pitch_max, T.pitch_max), |p| (p, T.pitch_max_measured));
    let left = items
        .iter()
        .filter_map(|i| i.geom)
        .map(|g| g.x0)
        .fold(f32::MAX, f32::min);
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    let mut out_boxes: Vec<LineBoxes> = Vec::with_capacity(items.len());
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<Geom> = None;
    // The paragraph's first line's left edge, and its continuation lines' once known.
    let mut first_x = 0.0f32;
    let mut cont_x: Option<f32> = None;
    let mut first_is_item = false;
    // The untrimmed text of the last line (does it end with a space glyph?).
    let mut last_raw_space = false;
    for item in items {
        let (text, geom, boxes) = (item.text, item.geom, item.boxes);
        if let (Some(p), Some(g)) = (prev, geom) {
            let same_size = (p.size - g.size).abs() <= 0.15 * p.size.max(g.size);
            let spacing = p.y - g.y;
            let lines_up = match cont_x {
                Some(cx) => (g.x0 - cx).abs() <= 0.5 * p.size,
                // The second line: at or left of the first, or under its text after a list
                // number (a hanging indent).
                None => {
                    g.x0 <= first_x + 1.0 * p.size
                        || (first_is_item && g.x0 <= first_x + 4.0 * p.size)
                }
            };
            // Centred lines (a cover, a title) are lines of their own.
            let centred = ((p.x0 + p.x1) - (g.x0 + g.x1)).abs() < 1.0 * p.size
                && p.x0.max(g.x0) - left > 1.0 * p.size
                && g.x1 < right - 1.0 * p.size;
            let joins = same_size
                && !centred
                && spacing > 0.5 * p.size
                && spacing < widest * p.size
                && spacing <= (pitch * T.pitch_ratio + T.pitch_extra) * p.size
                && p.last_font == g.first_font
                && p.x1 + 0.3 * p.size + first_word_of(&text, g) >= right - 0.5 * p.size
                && lines_up
                && !text.contains('\t')
                && out.last().is_some_and(|l| !l.contains('\t'));
            if joins {
                if let Some(last) = out.last_mut() {
                    if last_raw_space {
                        last.push(' ');
                    }
                    join_wrapped(last, &text, spaces_at_ends);
                    last_raw_space = last.ends_with(' ');
                    last.truncate(last.trim_end().len());
                }
                if let Some(last) = out_boxes.last_mut() {
                    last.append(&boxes);
                }
                cont_x = Some(cont_x.unwrap_or(g.x0));
                prev = Some(Geom {
                    y: g.y,
                    x0: g.x0.min(p.x0),
                    ..g
                });
                continue;
            }
        }
        prev = geom;
        if let Some(g) = geom {
            first_x = g.x0;
            cont_x = None;
            first_is_item = LIST_START.is_match(&text);
        }
        if let Some(r) = item.row {
            rows.push((r, out.len()));
        }
        last_raw_space = text.ends_with(' ');
        out_boxes.push(boxes);
        // A table row keeps its trailing blank cells.
        out.push(if item.row.is_some() {
            text
        } else {
            text.trim_end().to_owned()
        });
    }
    rows.sort_unstable();
    (out, rows.into_iter().map(|r| r.1).collect(), out_boxes)
}

/// How wide a Thai line's first word counts. Thai is written without spaces between words, so
/// a Thai line's "first word" up to the first space is often a whole phrase, and any line
/// would seem to have wrapped before it: a cover's `อำเภอเมือง จังหวัดเชียงใหม่` was joined with
/// the title below it. A line that wrapped before a Thai word ended at most
/// [`Tolerances::thai_word`](super::Tolerances::thai_word) sizes from the right margin.
pub(super) fn first_word_of(text: &str, g: Geom) -> f32 {
    if text.trim_start().chars().next().is_some_and(thai_letter) {
        g.first_word.min(T.thai_word * g.size)
    } else {
        g.first_word
    }
}

/// A line that starts with a list number or bullet (`๑.`, `1)`, `(๒)`, `•`); the number may
/// run into a Thai word that opens a syllable (`๒.นำผล`: ReportLab's CJK wrap drops the space
/// it breaks at, and the one after the number with it).
pub(super) static LIST_START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:\(?[0-9๐-๙]{1,2}[.)](?:\s|[ก-ฮเ-ไ])|[•▪●■◦➢✓\-–]\s?)")
        .expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::join_wrapped;

    #[test]
    fn a_line_opening_inside_a_word_joins_without_a_space() {
        // A word cut before its sara aa, the space broken at left on the line before.
        for spaces_at_ends in [false, true] {
            let mut s = "ประช ".to_owned();
            join_wrapped(&mut s, "าสัมพันธ์", spaces_at_ends);
            assert_eq!(s, "ประชาสัมพันธ์");
            let mut s = "หน ".to_owned();
            join_wrapped(&mut s, "้าที่", spaces_at_ends);
            assert_eq!(s, "หน้าที่", "a mark opens no word either");
        }
        // A space between two words stays one.
        let mut s = "บุคลากร ".to_owned();
        join_wrapped(&mut s, "ให้ทราบ", false);
        assert_eq!(s, "บุคลากร ให้ทราบ");
    }

    #[test]
    fn a_line_opening_with_a_list_number_starts_an_item() {
        // From a producer that draws the spaces at its line ends, a line break without one
        // is no space, but before a list item's number; also one that runs into its word.
        for next in ["๒. นำผล", "๒.นำผล", "2)เข้ารับ"] {
            let mut s = "ถือเป็นแนวปฏิบัติ".to_owned();
            join_wrapped(&mut s, next, true);
            assert_eq!(s, format!("ถือเป็นแนวปฏิบัติ {next}"));
        }
        // A number's rest (`2.5`, `25.`) or a year is no list number.
        for next in ["2.5 เท่า", "66 ทุกส่วน", "25.00"] {
            let mut s = "จำนวน".to_owned();
            join_wrapped(&mut s, next, true);
            assert_eq!(s, format!("จำนวน{next}"));
        }
    }
}
