//! Stage 2: raw lines → numbered, normalized lines the parser reads.
//!
//! Each rule is a small pure function (table-tested in `fixtures/normalize/`), applied in
//! [`line`] in a fixed order. The raw line is kept beside the normalized one: diagnostics quote
//! it, and question ids are repaired from it.
//!
//! Cells: a tab, or a run of two or more spaces, separates table cells. Empty cells are dropped,
//! so a row that lost its leading cells and a row whose tabs became spaces read the same.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::model::{At, PageQuality};
use crate::source::RawDocument;

/// One line of the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Page (PDF) and 1-based line number in the whole normalized text.
    pub at: At,
    /// The line as extracted.
    pub raw: String,
    /// The normalized line: cells separated by a single `\t`, no empty cells.
    pub text: String,
    /// When the raw line has tabs: its cells by position, each normalized, empty ones kept
    /// (`text` is their non-empty texts joined), so that a reader of columns (the action
    /// plan) never normalizes raw text again. Empty when the raw line has no tab.
    pub cells: Vec<Cell>,
}

/// One cell of a raw line that has tabs, normalized on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell normalized as [`line`] does (a run of spaces inside it as `\t`); `""` when
    /// nothing is left.
    pub text: String,
    /// When the cell has HTML markup (`<`): the list items it marks up — the cell cut at each
    /// `<li>`, a `<p>` caption before an `<ol>`/`<ul>` dropped, each piece normalized (the
    /// first is the text before the first `<li>`). `None` without markup: the one piece is
    /// `text`.
    pub pieces: Option<Vec<String>>,
}

/// `<li>`, with attributes after a space or, where a PDF's line wrap took the space away,
/// right after the name (`<listyle="…">`).
static LI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)<\s?li(?:(?:\s|style=|class=|value=)[^<>]*)?>").expect("valid regex")
});
/// A `<p>` caption before a list (`<p>รายละเอียดขั้นตอนการดำเนินการ</p> <ol>`): not an item.
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\s*<\s?p(?:\s[^<>]*)?>[^<]*<\s?/\s?p>\s*(<\s?[ou]l)").expect("valid regex")
});

/// The cells of a raw line, split at its tabs and each normalized, empty ones kept (what
/// [`document`] puts in [`Line::cells`]).
#[must_use]
pub fn cells(raw: &str) -> Vec<Cell> {
    tab_cells(raw).0
}

/// [`cells`], and whether a Thai text-layer repair changed the line. The rules up to markup
/// run once over the whole line (none of them moves a tab), the whitespace and bullet rules
/// per cell: the cells' non-empty texts joined by tabs are exactly [`line`] of the line.
fn tab_cells(raw: &str) -> (Vec<Cell>, bool) {
    let s = remove_zero_width(raw);
    let repaired = crate::thai::repair_cow(&s);
    let changed = matches!(&repaired, Cow::Owned(r) if *r != *s);
    let a = nfc(&repaired);
    let b = unreadable_numbers(thai_digits_to_arabic(&a));
    let c = strip_markup(&b);
    let mut raw_cells = raw.split('\t');
    let cells = c
        .split('\t')
        .map(|cell| {
            let text = strip_bullets(&fold_whitespace(cell)).into_owned();
            // The raw cell, for its markup (no rule before this one adds or drops a tab).
            let raw = raw_cells.next().unwrap_or("");
            let pieces = raw.contains('<').then(|| {
                let raw = CAPTION.replace(raw, "$1");
                LI.split(&raw).map(line).collect()
            });
            Cell { text, pieces }
        })
        .collect();
    (cells, changed)
}

impl Line {
    /// The normalized cells of this line.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        self.text.split('\t').filter(|c| !c.is_empty())
    }
}

/// A whole document after normalization.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// Every line, numbered from 1 across pages.
    pub lines: Vec<Line>,
    /// Per page (in order): page number, quality and the reader's notes (PDF only).
    pub pages: Vec<PageNotes>,
    /// Lines on which a Thai text-layer repair changed something (lost sara am, PUA glyphs, ...).
    pub thai_repairs: Vec<At>,
    /// Page furniture (page numbers, running headers and footers) removed before
    /// normalization: those lines are blank here (see [`crate::furniture`]).
    pub furniture: Vec<crate::furniture::Furniture>,
    /// The glyph boxes of each line, by index in `lines` (PDF only: empty for text, and for
    /// a page whose boxes the reader could not keep): where `at.bbox` comes from.
    pub boxes: Vec<crate::geometry::LineBoxes>,
    /// Lines where words a broken font map made into other words were repaired from the
    /// report's vocabulary, with the first repair (as written, as repaired): see
    /// [`crate::parse::words`].
    pub word_repairs: Vec<(At, String, String)>,
}

/// What the reader said about one page.
#[derive(Debug, Clone)]
pub struct PageNotes {
    /// 1-based page number.
    pub page: u32,
    /// Quality of the page's text layer.
    pub quality: PageQuality,
    /// Notes from the reader.
    pub notes: Vec<String>,
    /// The page's box and rulings (for drawing it).
    pub geometry: crate::geometry::PageGeometry,
    /// Numbers the OCR digit reader read surely on the page (see [`crate::ocr::digits`]).
    pub ocr_sure: Vec<crate::ocr::Sure>,
}

/// Normalizes every line of `raw`, numbering lines from 1 across pages.
#[must_use]
pub fn document(raw: &RawDocument) -> Text {
    let mut text = Text {
        furniture: raw.furniture.clone(),
        ..Text::default()
    };
    let mut no = 0u32;
    for page in &raw.pages {
        if let (Some(p), Some(q)) = (page.number, page.quality) {
            text.pages.push(PageNotes {
                page: p,
                quality: q,
                notes: page.notes.clone(),
                geometry: page.geometry.clone().unwrap_or_default(),
                ocr_sure: page.ocr_sure.clone(),
            });
        }
        for (k, raw_line) in page.lines.iter().enumerate() {
            text.boxes
                .push(page.boxes.get(k).cloned().unwrap_or_default());
            no += 1;
            let at = At {
                page: page.number,
                line: no,
                bbox: None,
            };
            let (normalized, cells, repaired) = if raw_line.contains('\t') {
                let (cells, repaired) = tab_cells(raw_line);
                let mut joined = String::with_capacity(raw_line.len());
                for c in cells.iter().filter(|c| !c.text.is_empty()) {
                    if !joined.is_empty() {
                        joined.push('\t');
                    }
                    joined.push_str(&c.text);
                }
                (joined, cells, repaired)
            } else {
                let (normalized, repaired) = line_with_repairs(raw_line);
                (normalized, Vec::new(), repaired)
            };
            if repaired {
                text.thai_repairs.push(at);
            }
            text.lines.push(Line {
                at,
                raw: raw_line.clone(),
                text: normalized,
                cells,
            });
        }
    }
    // Furniture the PDF reader took out before layout has no line of its own: it is placed at
    // its page's first line.
    for f in text.furniture.iter_mut().filter(|f| f.at.line == 0) {
        if let Some(first) = text.lines.iter().find(|l| l.at.page == f.at.page) {
            f.at.line = first.at.line;
        } else {
            f.at.line = text.lines.last().map_or(1, |l| l.at.line);
        }
    }
    text
}

/// Normalizes one line: every rule of this module, in order.
#[must_use]
pub fn line(s: &str) -> String {
    line_with_repairs(s).0
}

/// [`line`], also saying whether a Thai text-layer repair changed the text.
fn line_with_repairs(s: &str) -> (String, bool) {
    let s = remove_zero_width(s);
    let repaired = crate::thai::repair_cow(&s);
    let changed = matches!(&repaired, Cow::Owned(r) if *r != *s);
    // Most lines pass the later rules unchanged: the repaired string is then the result.
    let later = later_rules(&repaired);
    (later.unwrap_or_else(|| repaired.into_owned()), changed)
}

/// The rules after the Thai repairs; `None` when none changed anything.
fn later_rules(s: &str) -> Option<String> {
    let a = nfc(s);
    let b = unreadable_numbers(thai_digits_to_arabic(&a));
    let c = strip_markup(&b);
    let d = fold_whitespace(&c);
    let e = strip_bullets(&d);
    let borrowed = |x: &Cow<'_, str>| matches!(x, Cow::Borrowed(_));
    let unchanged = borrowed(&a) && borrowed(&b) && borrowed(&c) && borrowed(&d) && borrowed(&e);
    (!unchanged).then(|| e.into_owned())
}

/// A number that touches a character the text layer could not read (U+FFFD) is no number:
/// the run of digits, points, commas and U+FFFD becomes one U+FFFD (`92�19`, a point the font
/// had no glyph for; `98.0�`, a line cut at its clip), so that no rule reads a part of it
/// (`92`, `98.0`) as the value.
#[must_use]
pub fn unreadable_numbers(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.contains('\u{FFFD}') {
        return s;
    }
    let part = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '\u{FFFD}');
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if !part(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| part(c)).count();
        let r = &chars[i..i + run];
        if r.contains(&'\u{FFFD}') && r.iter().any(char::is_ascii_digit) {
            out.push('\u{FFFD}');
        } else {
            out.extend(r);
        }
        i += run;
    }
    if out == *s {
        s
    } else {
        Cow::Owned(out)
    }
}

/// Thai digits ๐–๙ → ASCII 0–9 (`str::parse` rejects Thai digits).
#[must_use]
pub fn thai_digits_to_arabic(s: &str) -> Cow<'_, str> {
    // ๐–๙ are E0 B9 90–99 in UTF-8: found and replaced byte by byte.
    let b = s.as_bytes();
    let digit_at = |i: usize| {
        b[i] == 0xE0 && b.get(i + 1) == Some(&0xB9) && matches!(b.get(i + 2), Some(0x90..=0x99))
    };
    let Some(first) = (0..b.len()).find(|&i| digit_at(i)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut from = first;
    let mut i = first;
    while i < b.len() {
        if digit_at(i) {
            out.push_str(&s[from..i]);
            out.push(char::from(b'0' + (b[i + 2] - 0x90)));
            i += 3;
            from = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[from..]);
    Cow::Owned(out)
}

/// Is `c` one of ๐–๙?
#[must_use]
pub fn is_thai_digit(c: char) -> bool {
    ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// Unicode NFC. Never NFKC: compatibility decomposition splits ำ into ํ + า.
#[must_use]
pub fn nfc(s: &str) -> Cow<'_, str> {
    if thai_nfc(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

/// Is `s` surely NFC by a quick look: only characters below U+0300 (none composes or
/// decomposes, none combines) and Thai ones (none composes or decomposes), the Thai marks
/// that have a combining class (ุ ู 103, ฺ 9, the tone marks 107) in canonical order. `false`
/// leaves the answer to [`is_nfc_quick`] (most lines are Thai and Latin: this one pass skips
/// its table lookups).
fn thai_nfc(s: &str) -> bool {
    let mut last = 0u8;
    for c in s.chars() {
        let class = match c {
            '\u{0}'..='\u{02FF}' => 0,
            '\u{0E38}' | '\u{0E39}' => 103,
            '\u{0E3A}' => 9,
            '\u{0E48}'..='\u{0E4B}' => 107,
            '\u{0E00}'..='\u{0E7F}' => 0,
            _ => return false,
        };
        if class != 0 && class < last {
            return false;
        }
        last = class;
    }
    true
}

/// Zero-width and invisible format characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
#[must_use]
pub fn remove_zero_width(s: &str) -> Cow<'_, str> {
    const INVISIBLE: [char; 6] = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
    ];
    // Each starts with C2, E2 or EF in UTF-8, bytes that Thai and ASCII text never has.
    if !s.bytes().any(|b| matches!(b, 0xC2 | 0xE2 | 0xEF)) || !s.contains(INVISIBLE) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !INVISIBLE.contains(c)).collect())
}

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<\s?(?:/\s?)?[A-Za-z][A-Za-z0-9]*(?:(?:\s|=)[^<>]*)?/?>").expect("valid regex")
});

/// HTML tags (`<ul style=...>`, `<li>`, `</p>`, ...) become a space, also one whose space
/// before its first attribute a PDF's line wrap took away (`<olstyle="list-style-type:
/// none">`) and one a PDF's glyph spacing split after its `<` (`< /p>`, `< ul style= "…">`:
/// the `<` from a fallback font when the text's font has no Latin); common entities are
/// decoded; markdown emphasis markers (`**`, `__`) are removed.
#[must_use]
pub fn strip_markup(s: &str) -> Cow<'_, str> {
    if !s.contains(['<', '&', '*', '_']) {
        return Cow::Borrowed(s);
    }
    let mut out: Cow<'_, str> = Cow::Borrowed(s);
    if out.contains('<') {
        if let Cow::Owned(o) = TAG.replace_all(&out, " ") {
            out = Cow::Owned(o);
        }
    }
    if out.contains('&') {
        const ENTITIES: [(&str, &str); 7] = [
            ("&nbsp;", " "),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&apos;", "'"),
            ("&amp;", "&"),
        ];
        for (entity, ch) in ENTITIES {
            if out.contains(entity) {
                out = Cow::Owned(out.replace(entity, ch));
            }
        }
    }
    for marker in ["**", "__"] {
        if out.contains(marker) {
            out = Cow::Owned(out.replace(marker, ""));
        }
    }
    out
}

/// Would [`fold_whitespace`] leave `s` as it is? No space or tab at either end, no space
/// but U+0020, no control but a tab, and no two of spaces and tabs side by side: one pass.
fn folded_already(s: &str) -> bool {
    let mut prev = None;
    for c in s.chars() {
        let gap = c == ' ' || c == '\t';
        if (is_space(c) && c != ' ') || (c.is_control() && c != '\t') {
            return false;
        }
        match prev {
            None if gap => return false,
            Some(p) if gap && (p == ' ' || p == '\t') => return false,
            _ => {}
        }
        prev = Some(c);
    }
    !matches!(prev, Some(' ' | '\t'))
}

/// Is `c` a horizontal space of any kind (tab excluded)?
fn is_space(c: char) -> bool {
    c == ' '
        || c == '\u{00A0}'
        || ('\u{2000}'..='\u{200A}').contains(&c)
        || matches!(c, '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Folds whitespace: a tab or a run of 2+ spaces separates cells (one `\t`); other space runs
/// become one space; cells are trimmed and empty cells dropped.
#[must_use]
pub fn fold_whitespace(s: &str) -> Cow<'_, str> {
    if folded_already(s) {
        return Cow::Borrowed(s);
    }
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut spaces = 0usize;
    let flush = |cell: &mut String, cells: &mut Vec<String>| {
        let t = cell.trim();
        if !t.is_empty() {
            cells.push(t.to_owned());
        }
        cell.clear();
    };
    for c in s.chars() {
        if c == '\t' {
            spaces = 0;
            flush(&mut cell, &mut cells);
        } else if is_space(c) || c.is_control() {
            spaces += 1;
            if spaces == 2 {
                flush(&mut cell, &mut cells);
            }
        } else {
            if spaces == 1 {
                cell.push(' ');
            }
            spaces = 0;
            cell.push(c);
        }
    }
    flush(&mut cell, &mut cells);
    Cow::Owned(cells.join("\t"))
}

/// List bullets at the start of a cell (`•`, `▪`, `-`, `*`, ...) are removed.
#[must_use]
pub fn strip_bullets(s: &str) -> Cow<'_, str> {
    fn bullet_len(cell: &str) -> usize {
        let mut chars = cell.chars();
        match chars.next() {
            Some(
                c @ ('•' | '▪' | '●' | '◦' | '○' | '■' | '□' | '◆' | '◇' | '➢' | '➤' | '✓' | '✔'
                | '►' | '▶' | '‣' | '⁃' | '·' | '∙' | '\u{F0A7}' | '\u{F0B7}'),
            ) => c.len_utf8(),
            Some(c @ ('-' | '*' | '–')) if chars.next() == Some(' ') => c.len_utf8(),
            _ => 0,
        }
    }
    if !s.split('\t').any(|cell| bullet_len(cell) > 0) {
        return Cow::Borrowed(s);
    }
    let cells: Vec<&str> = s
        .split('\t')
        .map(|cell| {
            let mut cell = cell;
            loop {
                let n = bullet_len(cell);
                if n == 0 {
                    break cell;
                }
                cell = cell[n..].trim_start();
            }
        })
        .filter(|c| !c.is_empty())
        .collect();
    Cow::Owned(cells.join("\t"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_nfc_look_agrees_with_the_unicode_tables() {
        // Every character it answers for alone: NFC as it is, with the combining class it uses.
        let chars = ('\u{0}'..='\u{02FF}').chain('\u{0E00}'..='\u{0E7F}');
        for c in chars {
            let s = c.to_string();
            assert!(thai_nfc(&s), "{c:?}");
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
            let class = unicode_normalization::char::canonical_combining_class(c);
            for d in ['\u{0E38}', '\u{0E3A}', '\u{0E48}', 'ก', 'a'] {
                let pair = format!("{c}{d}");
                assert_eq!(
                    thai_nfc(&pair),
                    is_nfc_quick(pair.chars()) == IsNormalized::Yes,
                    "{c:?} {d:?} (class {class})"
                );
            }
        }
        // A tone before a lower vowel is out of canonical order: NFC reorders it.
        assert_eq!(nfc("\u{0E01}\u{0E48}\u{0E38}"), "\u{0E01}\u{0E38}\u{0E48}");
        assert!(matches!(nfc("กรุงเทพฯ 12"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_one_pass_whitespace_check_agrees_with_the_rules() {
        let clean = |s: &str| {
            !s.starts_with(is_space)
                && !s.ends_with(|c: char| is_space(c) || c == '\t')
                && !s.starts_with('\t')
                && !s.contains("\t\t")
                && !s.contains(|c: char| is_space(c) && c != ' ' || c.is_control() && c != '\t')
                && !s.contains("  ")
                && !s.contains(" \t")
                && !s.contains("\t ")
        };
        let alphabet = [' ', '\t', 'a', 'ก', '\u{00A0}', '\u{3000}', '\n', '\u{85}'];
        for s in &crate::thai::every_string(&alphabet, 4) {
            assert_eq!(folded_already(s), clean(s), "{s:?}");
        }
        assert!(folded_already(""));
    }

    #[test]
    fn thai_digits_and_invisible_characters_found_by_their_bytes() {
        assert_eq!(thai_digits_to_arabic("ข้อ ๑๐ คือ ๙๙.๕"), "ข้อ 10 คือ 99.5");
        assert!(matches!(thai_digits_to_arabic("ข้อ 10"), Cow::Borrowed(_)));
        assert_eq!(remove_zero_width("a\u{200B}b\u{00AD}c\u{FEFF}"), "abc");
        assert!(matches!(remove_zero_width("ก©é"), Cow::Borrowed(_)));
    }
}
