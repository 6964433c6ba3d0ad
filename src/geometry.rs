//! Where text stands on a PDF page: the boxes of each line's glyphs, kept from the layout
//! through normalization so that a value bound to a line can be given the box of the span it
//! was read from (`at.bbox`), and the review site can draw the page.
//!
//! Coordinates are PDF points in the page's upright user space: origin at the bottom left,
//! y up (a page with `/Rotate` is turned upright first). Boxes are `[x0, y0, x1, y1]`.
//! These structures live only while a document is read; a report keeps one box per value.

use std::sync::LazyLock;

use regex::Regex;

/// A box `[x0, y0, x1, y1]` in PDF points.
pub type Rect = [f32; 4];

/// The glyphs of one line: each piece's text (a glyph with its marks, or an `/ActualText`
/// span) and its box, in the order the layout put them in the line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineBoxes {
    text: String,
    /// Per piece: its text's byte range in `text`, and its box.
    pieces: Vec<(u32, u32, Rect)>,
}

/// One page's drawing: its visible box and the straight segments painted on it (rulings).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageGeometry {
    /// The page's visible box (`/CropBox` or `/MediaBox`), upright.
    pub media: Option<Rect>,
    /// Painted horizontal and vertical segments (table rulings, underlines).
    pub rules: Vec<Rect>,
}

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)*").expect("valid regex"));

impl LineBoxes {
    /// Adds one piece.
    pub fn push(&mut self, text: &str, rect: Rect) {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(text);
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.pieces.push((start, end, rect));
    }

    /// Room for `pieces` more pieces of `bytes` bytes of text in all.
    pub fn reserve(&mut self, pieces: usize, bytes: usize) {
        self.pieces.reserve(pieces);
        self.text.reserve(bytes);
    }

    /// Separates what follows from what went before (a cell's or a wrapped line's end): no
    /// number or text is matched across it.
    pub fn gap(&mut self) {
        if !self.pieces.is_empty() {
            self.text.push('\t');
        }
    }

    /// Adds every piece of `other` after this line's.
    pub fn append(&mut self, other: &LineBoxes) {
        self.gap();
        // Its text as is: the gaps inside it stay.
        let base = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(&other.text);
        self.pieces
            .extend(other.pieces.iter().map(|&(start, end, rect)| {
                (start.saturating_add(base), end.saturating_add(base), rect)
            }));
    }

    /// No pieces.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The pieces: text and box.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Rect)> + '_ {
        self.pieces.iter().map(move |&(start, end, rect)| {
            (
                self.text.get(start as usize..end as usize).unwrap_or(""),
                rect,
            )
        })
    }

    /// The box around every piece (`None` for a line without pieces).
    #[must_use]
    pub fn bbox(&self) -> Option<Rect> {
        union(self.pieces.iter().map(|p| p.2))
    }

    /// The characters of the line, each byte with the index of its piece (`usize::MAX` for a
    /// gap): Thai digits as ASCII.
    fn chars(&self) -> (String, Vec<usize>) {
        let mut s = String::with_capacity(self.text.len());
        let mut owner = Vec::with_capacity(self.text.len());
        let mut at = 0usize;
        for (k, &(start, end, _)) in self.pieces.iter().enumerate() {
            let (start, end) = (start as usize, end as usize);
            if start > at {
                s.push('\t');
                owner.push(usize::MAX);
            }
            at = end;
            for c in self.text.get(start..end).unwrap_or("").chars() {
                let c = if crate::normalize::is_thai_digit(c) {
                    char::from(b'0' + (c as u32 - 0x0E50) as u8)
                } else {
                    c
                };
                s.push(c);
                owner.extend(std::iter::repeat_n(k, c.len_utf8()));
            }
        }
        (s, owner)
    }

    /// The box of the pieces holding bytes `range` of [`LineBoxes::chars`]'s string.
    fn span(&self, owner: &[usize], range: std::ops::Range<usize>) -> Option<Rect> {
        let (first, last) = (*owner.get(range.start)?, *owner.get(range.end - 1)?);
        union(self.pieces.get(first..=last)?.iter().map(|p| p.2))
    }

    /// The box of the one number on the line printed as `value` (`92.19`, `๙๒.๑๙`, `1,250`);
    /// `None` when no number or more than one number on the line reads as `value`.
    #[must_use]
    pub fn number(&self, value: f64) -> Option<Rect> {
        let (s, owner) = self.chars();
        let mut found = NUMBER.find_iter(&s).filter(|m| {
            m.as_str()
                .replace(',', "")
                .parse::<f64>()
                .is_ok_and(|v| (v - value).abs() < 1e-9)
        });
        let m = found.next()?;
        if found.next().is_some() {
            return None;
        }
        self.span(&owner, m.range())
    }

    /// The box of the one place on the line that spells `text` (compared on letters and digits
    /// only: spaces, Thai marks and punctuation aside, so a glyph drawn in pieces still
    /// matches); `None` when it is not there or is there more than once.
    #[must_use]
    pub fn text(&self, text: &str) -> Option<Rect> {
        let key = |s: &str| -> Vec<char> { s.chars().filter_map(skeleton).collect() };
        let needle = key(text);
        if needle.is_empty() {
            return None;
        }
        let (s, owner) = self.chars();
        // The skeleton's characters, each with its byte offset in `s`.
        let hay: Vec<(usize, char)> = s
            .char_indices()
            .filter_map(|(i, c)| skeleton(c).map(|k| (i, k)))
            .collect();
        let mut hits = hay
            .windows(needle.len())
            .filter(|w| w.iter().map(|p| p.1).eq(needle.iter().copied()));
        let w = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        let (start, last) = (w[0].0, w[w.len() - 1].0);
        let end = last + s[last..].chars().next().map_or(1, char::len_utf8);
        self.span(&owner, start..end)
    }
}

/// A character as compared by [`LineBoxes::text`]: letters and digits; Thai sara am as sara
/// aa (its nikhahit is a mark), Thai marks and anything else dropped.
fn skeleton(c: char) -> Option<char> {
    // Most characters of a report are Thai: theirs are read from a table that the rule below
    // fills once (Unicode's property lookups for them were most of this function's time).
    static THAI: LazyLock<[Option<char>; 128]> = LazyLock::new(|| {
        std::array::from_fn(|i| char::from_u32(0x0E00 + i as u32).and_then(skeleton_by_rule))
    });
    match c {
        '\u{0E00}'..='\u{0E7F}' => THAI[c as usize - 0x0E00],
        c => skeleton_by_rule(c),
    }
}

/// [`skeleton`] by its rule.
fn skeleton_by_rule(c: char) -> Option<char> {
    let c = match c {
        '\u{0E33}' => '\u{0E32}',
        c if crate::normalize::is_thai_digit(c) => char::from(b'0' + (c as u32 - 0x0E50) as u8),
        c => c,
    };
    (c.is_alphanumeric() && !crate::thai::is_combining(c) && c != '\u{0E4D}')
        .then(|| c.to_lowercase().next().unwrap_or(c))
}

/// The box around `rects`.
#[must_use]
pub fn union(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    rects.into_iter().fold(None, |acc, r| {
        Some(match acc {
            None => r,
            Some(a) => [
                a[0].min(r[0]),
                a[1].min(r[1]),
                a[2].max(r[2]),
                a[3].max(r[3]),
            ],
        })
    })
}

/// `r` rounded to hundredths of a point (what the JSON keeps).
#[must_use]
pub fn rounded(r: Rect) -> [f64; 4] {
    r.map(|v| (f64::from(v) * 100.0).round() / 100.0)
}

/// Gives every value of `report` read from a PDF the box of what it was read from
/// ([`crate::model::At::bbox`]): the printed number or label when its line prints it once, else
/// the line (for an action plan entry or a limitation, always the line where it starts).
/// Values of text inputs, and of lines whose glyphs were not kept, get none.
pub fn attach(report: &mut crate::model::Report, text: &crate::normalize::Text) {
    use crate::model::At;
    if text.boxes.iter().all(LineBoxes::is_empty) {
        return;
    }
    let line_of = |at: &At| -> Option<&LineBoxes> {
        let k = usize::try_from(at.line).ok()?.checked_sub(1)?;
        let l = text
            .lines
            .get(k)
            .filter(|l| l.at.line == at.line && l.at.page == at.page)?;
        text.boxes
            .get(k)
            .filter(|b| !b.is_empty() && l.at.page.is_some())
    };
    let boxed = |at: &mut At, number: Option<f64>, label: Option<&str>| {
        let Some(line) = line_of(at) else {
            return;
        };
        let found = number
            .and_then(|v| line.number(v))
            .or_else(|| label.and_then(|t| line.text(t)))
            .or_else(|| line.bbox());
        // A hostile PDF's glyphs may stand at no finite place: no box then, never a null in it.
        at.bbox = found
            .filter(|r| r.iter().all(|v| v.is_finite()))
            .map(|r| crate::model::BBox(rounded(r)));
    };
    let agency = &mut report.agency;
    let name = agency
        .name_as_written
        .clone()
        .or_else(|| agency.name.clone());
    if let Some(at) = &mut agency.at {
        boxed(at, None, name.as_deref());
    }
    if let Some(at) = &mut report.ita.at {
        boxed(at, report.ita.score, report.ita.result.as_deref());
    }
    let tools = &mut report.tools;
    if let Some(at) = &mut tools.at {
        for (place, value) in [
            (&mut at.iit, tools.iit),
            (&mut at.eit, tools.eit),
            (&mut at.eit_part1, tools.eit_part1),
            (&mut at.eit_part2, tools.eit_part2),
            (&mut at.oit, tools.oit),
        ] {
            if let Some(place) = place {
                boxed(place, value, None);
            }
        }
    }
    for i in &mut report.indicators {
        boxed(&mut i.at, i.score, None);
    }
    for q in &mut report.questions {
        boxed(&mut q.at, q.score, q.answer.as_deref());
    }
    for t in &mut report.topics {
        for q in &mut t.questions {
            boxed(&mut q.at, q.score, None);
        }
    }
    for t in &mut report.topics {
        boxed(&mut t.at, None, Some(&t.title));
    }
    for e in &mut report.action_plan {
        boxed(&mut e.at, None, None);
    }
    for l in &mut report.limitations {
        boxed(&mut l.at, None, None);
    }
    for h in &mut report.history {
        boxed(&mut h.at, Some(h.score), None);
    }
    for r in &mut report.ranking {
        boxed(&mut r.at, r.score, Some(&r.agency));
    }
    for r in &mut report.results {
        boxed(&mut r.at, None, Some(&r.agency_as_written));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(pieces: &[(&str, f32)]) -> LineBoxes {
        let mut l = LineBoxes::default();
        for &(t, x) in pieces {
            l.push(t, [x, 0.0, x + 5.0, 10.0]);
        }
        l
    }

    #[test]
    fn a_number_is_boxed_by_its_glyphs() {
        let l = line(&[
            ("I", 0.0),
            ("T", 5.0),
            ("A", 10.0),
            (" ", 15.0),
            ("๙", 20.0),
            ("๒", 25.0),
            (".", 30.0),
            ("๑", 35.0),
            ("๙", 40.0),
        ]);
        assert_eq!(l.number(92.19), Some([20.0, 0.0, 45.0, 10.0]));
        assert_eq!(l.number(92.1), None);
        assert_eq!(l.bbox(), Some([0.0, 0.0, 45.0, 10.0]));
    }

    #[test]
    fn appended_lines_keep_their_gaps() {
        let mut a = line(&[("1", 0.0)]);
        let mut b = line(&[("8", 10.0), ("3", 15.0)]);
        b.gap();
        b.push("9", [30.0, 0.0, 35.0, 10.0]);
        b.push("2", [35.0, 0.0, 40.0, 10.0]);
        a.append(&b);
        assert_eq!(a.number(92.0), Some([30.0, 0.0, 40.0, 10.0]));
        assert_eq!(a.number(83.0), Some([10.0, 0.0, 20.0, 10.0]));
        assert_eq!(a.number(183.0), None);
    }

    #[test]
    fn a_number_printed_twice_is_not_guessed() {
        let l = line(&[("100", 0.0), ("\t", 5.0), ("100.00", 10.0)]);
        assert_eq!(l.number(100.0), None);
    }

    #[test]
    fn text_is_matched_on_its_letters() {
        // Sara am drawn as nikhahit + sara aa, a tone mark as a piece of its own.
        let l = line(&[
            ("ผ", 0.0),
            ("่", 0.0),
            ("า", 5.0),
            ("น", 10.0),
            (" ", 15.0),
            ("ok", 20.0),
        ]);
        assert_eq!(l.text("ผ่าน"), Some([0.0, 0.0, 15.0, 10.0]));
        assert_eq!(l.text("OK"), Some([20.0, 0.0, 25.0, 10.0]));
        assert_eq!(l.text("ไม่ผ่าน"), None);
        let am = line(&[("ก", 0.0), ("\u{0E4D}", 0.0), ("า", 5.0)]);
        assert_eq!(am.text("กำ"), Some([0.0, 0.0, 10.0, 10.0]));
    }
}
