//! One keyword matcher for damaged Thai text layers: the parser's words, found in text whose
//! marks a PDF producer or a broken font map mangled.
//!
//! A keyword becomes one regex (no anchors, no capture groups, so callers can embed
//! [`pattern`] in a larger rule) that accepts the damage seen in real text layers:
//!
//! * **spaces** — one space (U+0020 or NBSP, never a tab: a tab is a cell break) between two
//!   grapheme clusters (`ตัวชี้ วัด`), and a space written in the keyword may be missing;
//! * **sara am** — `ำ` also reads as `ํา` (decomposed) and `ำา` (doubled); and, for long
//!   keywords only, as plain `า`, where a broken map reduced sara am to sara aa
//!   (`ลาดับ` for `ลำดับ`, `คาถาม` for `คำถาม`);
//! * **confusable marks** — a tone mark (่ ้ ๊ ๋) or a below vowel (ุ ู) of the keyword may be
//!   any other mark of that set: broken maps (Ghostscript-redistilled Laksaman) put vowels in
//!   the place of tones and tones in the place of vowels (`ใชู` for `ใช้`, `ขูอม่ล` for `ข้อมูล`);
//! * **optional tones** — for long keywords only, those marks may be missing, or sit on another
//!   consonant of the word (a mark moved to the next consonant, `ขอ้มูล`): every consonant then
//!   takes zero to two of them;
//! * `แ` also reads as `เเ`, and a digit also as its Thai digit;
//! * on request only ([`Tolerance::am_for_aa`]), sara aa as sara am: Tesseract's misreading
//!   (`กำร` for `การ`), for the pages we OCR'd (`crate::parse::words::repair_ocr`).
//!
//! Above vowels (ิ ี ึ ื ั ็) and thanthakhat (์) are always required: no broken map in the
//! fixtures loses them, and they tell words apart (`ปี` never matches `ป`). Latin keywords
//! (`ITA`, `IIT`) match exactly.
//!
//! ## How much tolerance a keyword gets ([`Tolerance::for_keyword`])
//!
//! Counting the keyword's grapheme clusters (a base character with its marks; `ำ` is one):
//!
//! | clusters | spaces | confusable marks | optional tones, `ำ` as `า` |
//! |---|---|---|---|
//! | 1 (`ปี`, `ผู้`) | – | – | – |
//! | 2–3 (`ข้อ`, `ผ่าน`, `คำ`) | yes | yes | – |
//! | 4 and more (`ลำดับ`, `ข้อมูล`, `ตัวชี้วัด`) | yes | yes | yes |
//!
//! A short word with a tone dropped is often another word (`ข้อ` → `ขอ`, `คำ` → `คา`), so short
//! keywords keep their marks: `ผ่าน` does **not** match `ผาน` (the caller gets no match, so a
//! `null` with a diagnostic, never a guess), but it does match `ผูาน`, which is no Thai word.
//! From four clusters on, the consonant skeleton alone is distinctive. Whether `ผ่าน` inside
//! `ไม่ผ่าน` is a pass is the caller's business: there are no word boundaries here.
//!
//! Compile each keyword once (a `LazyLock<Keyword>` in the caller): the regex is a handful of
//! classes and short alternations. Measured (release, 2-core machine under load): 100 keywords
//! of the seed's vocabulary compile in 7–10 ms together, and matching all 100 against every
//! line of the 84 KB seed takes 2.5–3 ms (about 3 GB/s per keyword) — so match a keyword
//! against the lines of its section, not against the whole document, where that is natural.

use std::fmt::Write as _;
use std::ops::Range;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::thai;

/// Which kinds of damage a keyword's pattern accepts (see the module docs for the defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// Tone marks and below vowels may be missing, or sit on another consonant of the word;
    /// `ำ` may be reduced to `า`.
    pub tones_optional: bool,
    /// A tone mark or below vowel may be replaced by another of the set ่ ้ ๊ ๋ ุ ู.
    pub confusable_vowels: bool,
    /// One space (not a tab) may sit between any two grapheme clusters.
    pub spaces: bool,
    /// Sara aa (`า`) may be read as sara am (`ำ`): Tesseract's Thai model does this
    /// (`กำร` for `การ`), no font map does. Off by default: only for pages we OCR'd.
    pub am_for_aa: bool,
}

impl Tolerance {
    /// Exact matching (still `ำ` ≡ `ํา` ≡ `ำา`, a keyword's own space optional, Thai digits).
    pub const EXACT: Tolerance = Tolerance {
        tones_optional: false,
        confusable_vowels: false,
        spaces: false,
        am_for_aa: false,
    };

    /// The default for `keyword`, by its number of grapheme clusters: exact for Latin-only
    /// keywords and single clusters; spaces and confusable marks from two clusters; optional
    /// tones (and `ำ` as `า`) from four.
    #[must_use]
    pub fn for_keyword(keyword: &str) -> Tolerance {
        let kw: String = keyword.nfc().collect();
        if !kw.chars().any(is_thai_letter) {
            return Tolerance::EXACT;
        }
        let n = clusters(&kw).len();
        Tolerance {
            tones_optional: n >= 4,
            confusable_vowels: n >= 2,
            spaces: n >= 2,
            am_for_aa: false,
        }
    }
}

/// A Thai letter or vowel sign (the Thai block without digits and symbols).
fn is_thai_letter(c: char) -> bool {
    thai::is_thai_letter(c)
}

/// Marks broken maps swap with one another: tone marks and the below vowels ุ ู.
const CONFUSABLE: &str = "[\u{0E38}\u{0E39}\u{0E48}-\u{0E4B}]";

/// Is `c` one of [`CONFUSABLE`]?
fn is_confusable(c: char) -> bool {
    thai::is_tone(c) || matches!(c, '\u{0E38}' | '\u{0E39}')
}

/// What may stand between two clusters when spaces are tolerated.
const GAP: &str = "[ \u{00A0}]?";

/// The keyword cut into grapheme clusters: a base character and the combining marks after it.
/// Spaces are their own clusters (so a keyword's space can be made optional).
fn clusters(kw: &str) -> Vec<(char, Vec<char>)> {
    let mut out: Vec<(char, Vec<char>)> = Vec::new();
    for c in kw.chars() {
        match out.last_mut() {
            Some((base, marks)) if thai::is_combining(c) && *base != ' ' => marks.push(c),
            _ => out.push((c, Vec::new())),
        }
    }
    // `ํา` written in the keyword is sara am.
    let mut merged: Vec<(char, Vec<char>)> = Vec::with_capacity(out.len());
    for (base, marks) in out {
        if base == '\u{0E32}' {
            if let Some(prev) = merged.last_mut() {
                if prev.1.last() == Some(&'\u{0E4D}') {
                    prev.1.pop();
                    merged.push(('\u{0E33}', marks));
                    continue;
                }
            }
        }
        merged.push((base, marks));
    }
    merged
}

/// Regex source (no anchors, no capture groups) matching `keyword` in damaged Thai text, with
/// the default tolerance for its length ([`Tolerance::for_keyword`]).
#[must_use]
pub fn pattern(keyword: &str) -> String {
    pattern_with(keyword, Tolerance::for_keyword(keyword))
}

/// Regex source (no anchors, no capture groups) matching `keyword` with tolerance `t`.
#[must_use]
pub fn pattern_with(keyword: &str, t: Tolerance) -> String {
    let kw: String = keyword.nfc().collect();
    let cl = clusters(kw.trim());
    let mut out = String::new();
    let mut prev_thai = false;
    for (i, (base, marks)) in cl.iter().enumerate() {
        let this_thai = is_thai_letter(*base);
        if *base == ' ' {
            out.push_str(GAP);
            prev_thai = false;
            continue;
        }
        if i > 0 && t.spaces && (prev_thai || this_thai) && cl[i - 1].0 != ' ' {
            out.push_str(GAP);
        }
        prev_thai = this_thai;
        match *base {
            '\u{0E33}' => {
                // Sara am: composed, decomposed, doubled; reduced to sara aa when tones may go.
                out.push_str("(?:\u{0E33}\u{0E32}?|\u{0E4D}\u{0E32}");
                if t.tones_optional {
                    out.push_str("|\u{0E32}");
                }
                out.push(')');
            }
            '\u{0E41}' => out.push_str("(?:\u{0E41}|\u{0E40}\u{0E40})"),
            '\u{0E32}' if t.am_for_aa => out.push_str("[\u{0E32}\u{0E33}]"),
            d @ '0'..='9' => {
                let thai_digit = char::from_u32(0x0E50 + (d as u32 - '0' as u32)).unwrap_or(d);
                let _ = write!(out, "[{d}{thai_digit}]");
            }
            d @ '\u{0E50}'..='\u{0E59}' => {
                let arabic = char::from_u32('0' as u32 + (d as u32 - 0x0E50)).unwrap_or(d);
                let _ = write!(out, "[{arabic}{d}]");
            }
            b => out.push_str(&regex::escape(b.encode_utf8(&mut [0; 4]))),
        }
        for &m in marks {
            if is_confusable(m) {
                if t.tones_optional {
                    // Covered by the optional run after the cluster.
                } else if t.confusable_vowels {
                    out.push_str(CONFUSABLE);
                } else {
                    out.push(m);
                }
            } else {
                out.push(m);
            }
        }
        if t.tones_optional && thai::is_consonant(*base) {
            out.push_str(CONFUSABLE);
            out.push_str("{0,2}");
        }
    }
    out
}

/// A compiled keyword: one regex, built once.
#[derive(Debug, Clone)]
pub struct Keyword {
    re: Regex,
}

impl Keyword {
    /// Compiles `keyword` with its default tolerance ([`Tolerance::for_keyword`]).
    ///
    /// # Panics
    /// Never for any keyword: every character is escaped.
    #[must_use]
    pub fn new(keyword: &str) -> Self {
        Self::with(keyword, Tolerance::for_keyword(keyword))
    }

    /// Compiles `keyword` with tolerance `t`.
    ///
    /// # Panics
    /// Never for any keyword: every character is escaped.
    #[must_use]
    pub fn with(keyword: &str, t: Tolerance) -> Self {
        let re = Regex::new(&pattern_with(keyword, t)).expect("keyword patterns are escaped");
        Keyword { re }
    }

    /// Byte range of the first match in `s`.
    #[must_use]
    pub fn find(&self, s: &str) -> Option<Range<usize>> {
        self.re.find(s).map(|m| m.range())
    }

    /// Does `s` contain the keyword?
    #[must_use]
    pub fn is_match(&self, s: &str) -> bool {
        self.re.is_match(s)
    }

    /// The compiled regex (to embed its source: [`Regex::as_str`]).
    #[must_use]
    pub fn regex(&self) -> &Regex {
        &self.re
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fixtures/keyword/cases.tsv`: keyword, text (`\\t` for a tab), `match` / `no`, why.
    #[test]
    fn table_of_damaged_forms() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/keyword/cases.tsv");
        let table = std::fs::read_to_string(path).unwrap();
        let mut failures = Vec::new();
        let mut count = 0;
        for (n, line) in table.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 3, "cases.tsv:{}: needs 3 fields", n + 1);
            let (kw, want) = (f[0], f[2]);
            let text = f[1].replace("\\t", "\t");
            let text = text.as_str();
            let want = match want {
                "match" => true,
                "no" => false,
                other => panic!("cases.tsv:{}: expected match/no, got {other}", n + 1),
            };
            count += 1;
            let k = Keyword::new(kw);
            if k.is_match(text) != want {
                failures.push(format!(
                    "cases.tsv:{}: {kw:?} in {text:?}: want {want}, pattern {}",
                    n + 1,
                    k.regex().as_str()
                ));
            }
        }
        assert!(count >= 40, "only {count} cases");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn tolerance_by_length() {
        assert_eq!(Tolerance::for_keyword("ITA"), Tolerance::EXACT);
        assert_eq!(Tolerance::for_keyword("ปี"), Tolerance::EXACT);
        let short = Tolerance::for_keyword("ข้อ");
        assert!(short.spaces && short.confusable_vowels && !short.tones_optional);
        assert!(Tolerance::for_keyword("ลำดับ").tones_optional);
        assert!(Tolerance::for_keyword("ข้อมูล").tones_optional);
        assert!(!Tolerance::for_keyword("ผ่าน").tones_optional);
    }

    #[test]
    fn patterns_embed_without_groups() {
        for kw in ["ประเด็นที่", "ข้อคำถาม", "ITA", "EIT ส่วนที่ 1", "แบบ"]
        {
            let p = pattern(kw);
            let re = Regex::new(&format!("^(?:{p})\\s*(\\d+)")).unwrap();
            assert_eq!(re.captures_len(), 2, "{kw}: {p}");
        }
    }

    #[test]
    fn find_gives_the_byte_range() {
        let k = Keyword::new("ลำดับ");
        let s = "ตาราง ลาดับ ที่";
        let r = k.find(s).unwrap();
        assert_eq!(&s[r], "ลาดับ");
    }
}
