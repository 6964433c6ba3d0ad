//! Words a broken font map turned into other, valid-looking words, repaired from the report's
//! own vocabulary.
//!
//! A ToUnicode map that gives a tone mark the code of another mark, or sara am the code of
//! sara aa, can leave words that pass every cluster check (`ลาดับ` for `ลำดับ`, `ข้อคาถาม` for
//! `ข้อคำถาม`): [`crate::thai::suspicious_clusters`] cannot see them. The framework's own
//! phrases — the topic titles, the indicator and tool names, the table headings — are known,
//! and long enough that [`crate::keyword`]'s tolerant matcher finds them through that damage.
//! Where exactly one of them matches a stretch of a line that is not already it, the stretch
//! is replaced by it; a stretch two phrases claim differently is left alone, and so is one that
//! differs from its phrase only by spaces. Only PDF pages that show other damage are repaired
//! (impossible clusters, `degraded`, an OCR layer, or OCR'd: Tesseract drops the same marks,
//! `ตัวชีวัด`); clean pages and text dumps are left as written, and the vocabulary's matchers
//! are not even built for them. Each repaired line is recorded for the `thai-word-repaired`
//! note.

use std::ops::Range;
use std::sync::LazyLock;

use crate::keyword::Keyword;
use crate::normalize::Text;

/// The vocabulary's phrases (Thai runs of at least four clusters) with their matchers.
struct Vocabulary {
    phrases: Vec<(String, Keyword)>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut words: Vec<&str> = crate::framework::TOPICS.to_vec();
    for no in 1..=10u8 {
        for year in [Some(2565), Some(2566)] {
            words.extend(crate::framework::indicator_name(no, year));
        }
        words.extend(crate::framework::label_variants(no));
    }
    words.extend([
        "การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        "การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        "การเปิดเผยข้อมูลสาธารณะ",
        "ตัวชี้วัด",
        "ข้อคำถาม",
        "ลำดับ",
        "ข้อมูล",
        "คะแนน",
        "รายละเอียด",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ",
        "ขั้นตอนหรือวิธีการปฏิบัติ",
        "ข้อจำกัดด้านบุคลากร",
        "ข้อจำกัดด้านงบประมาณ",
        "ข้อจำกัดด้านเทคโนโลยี",
        "ข้อเท็จจริงพบว่า",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    ]);
    // Thai runs of each phrase (a space or a Latin word ends a run).
    let mut phrases: Vec<String> = words
        .iter()
        .flat_map(|w| w.split(|c: char| !crate::thai::is_thai_letter(c)))
        // Four clusters and more: what the keyword matcher reads through a changed mark.
        .filter(|run| crate::keyword::Tolerance::for_keyword(run).tones_optional)
        .map(str::to_owned)
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    let phrases: Vec<(String, Keyword)> = phrases
        .into_iter()
        .map(|p| {
            let k = Keyword::new(&p);
            (p, k)
        })
        .collect();
    Vocabulary { phrases }
});

/// The repairs the vocabulary decides in `line`: (byte range, phrase), in order, not
/// overlapping.
fn repairs(line: &str) -> Vec<(Range<usize>, &'static str)> {
    let v = &*VOCABULARY;
    let mut found: Vec<(Range<usize>, &'static str)> = Vec::new();
    for (phrase, k) in &v.phrases {
        for m in k.regex().find_iter(line) {
            found.push((m.range(), phrase.as_str()));
        }
    }
    found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = Vec::new();
    let mut k = 0;
    while k < found.len() {
        // A group of overlapping matches: repaired only when the longest contains the others
        // and every one of them reads its own phrase there.
        let (span, phrase) = found[k].clone();
        let mut end = k + 1;
        let mut agree = true;
        while end < found.len() && found[end].0.start < span.end {
            let (r, p) = &found[end];
            let inside = r.end <= span.end;
            agree &= inside && phrase.contains(*p);
            end += 1;
        }
        k = end;
        let written = &line[span.clone()];
        if agree
            && written != phrase
            && !written.contains(char::is_whitespace)
            && super::squash(written) != super::squash(phrase)
        {
            out.push((span, phrase));
        }
    }
    out
}

/// Phrases OCR's sara am for sara aa is undone in, beyond the vocabulary: the anchors' Thai
/// names as reports print them (the ITA's, the survey tools' without `ของ`).
const OCR_PHRASES: [&str; 3] = [
    "คุณธรรมและความโปร่งใส",
    "การรับรู้ผู้มีส่วนได้ส่วนเสียภายใน",
    "การรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก",
];

/// The vocabulary's phrases that hold sara aa, matched with sara am allowed for it
/// ([`crate::keyword::Tolerance::am_for_aa`]).
static OCR_VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut phrases: Vec<String> = VOCABULARY
        .phrases
        .iter()
        .map(|(p, _)| p.clone())
        .chain(OCR_PHRASES.iter().map(|p| (*p).to_owned()))
        .filter(|p| p.contains('\u{0E32}'))
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    let phrases = phrases
        .into_iter()
        .map(|p| {
            let t = crate::keyword::Tolerance {
                am_for_aa: true,
                ..crate::keyword::Tolerance::for_keyword(&p)
            };
            let k = Keyword::with(&p, t);
            (p, k)
        })
        .collect();
    Vocabulary { phrases }
});

/// The base characters of `s` with their byte offsets, as [`am_for_aa`] aligns them: marks
/// and spaces left out, a doubled sara am (`ำา`) one, `เเ` one `แ`.
fn bases(s: &str) -> Vec<(usize, char)> {
    let mut out: Vec<(usize, char)> = Vec::new();
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || crate::thai::is_combining(c) {
            continue;
        }
        match (out.last_mut(), c) {
            (Some((_, '\u{0E33}')), '\u{0E32}') => {}
            (Some((_, last @ '\u{0E40}')), '\u{0E40}') => *last = '\u{0E41}',
            _ => out.push((i, c)),
        }
    }
    out
}

/// Byte offsets of the sara am in `written` (a match of `phrase`'s OCR matcher) that stand
/// for the phrase's sara aa; none when the two do not line up letter for letter.
fn am_for_aa(written: &str, phrase: &str) -> Vec<usize> {
    let (w, p) = (bases(written), bases(phrase));
    if w.len() != p.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ((i, a), (_, b)) in w.iter().zip(&p) {
        match (*a, *b) {
            ('\u{0E33}', '\u{0E32}') => out.push(*i),
            (a, b) if a == b || (a, b) == ('\u{0E32}', '\u{0E33}') || a.is_numeric() => {}
            _ => return Vec::new(),
        }
    }
    out
}

/// Byte offsets in `s` of the sara am OCR read for a phrase's sara aa (`กำรรับรู้` in
/// `แบบวัดกำรรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน`), with the phrase matched.
fn ocr_am_fixes(s: &str) -> Vec<(usize, std::ops::Range<usize>, &'static str)> {
    if !s.contains('\u{0E33}') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (phrase, k) in &OCR_VOCABULARY.phrases {
        for m in k.regex().find_iter(s) {
            for i in am_for_aa(m.as_str(), phrase) {
                out.push((m.start() + i, m.range(), phrase.as_str()));
            }
        }
    }
    out.sort_by_key(|f| f.0);
    out.dedup_by_key(|f| f.0);
    out
}

/// `s` with sara am made sara aa at `offsets` (the same byte length: offsets stay valid).
fn set_aa(s: &mut String, offsets: impl IntoIterator<Item = usize>) {
    for i in offsets {
        if s.get(i..).is_some_and(|t| t.starts_with('\u{0E33}')) {
            s.replace_range(i..i + '\u{0E33}'.len_utf8(), "\u{0E32}");
        }
    }
}

/// OCR's readings of `EIT ส่วนที่ N` that the vocabulary's form misses: a speck run into the
/// abbreviation (`EIT1 ส่วนที่1`, `EIT7ส่วนที่2`), its `I` lost (`ET`), the marks of `ที่` read
/// as others (`ส่วนทื 2`). The part's number must be read.
static EIT_PART_OCR: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?-u:\b)(?:EIT[0-9Il|]?|E[1l|]T|ET)\s*\(?\s*ส่วน ?ท[ีื][่้]?\s*([12])(?:[^0-9]|$)",
    )
    .expect("valid regex")
});
/// The vocabulary's own form of an EIT part's anchor.
static EIT_PART: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(&format!(
        r"^EIT\s*\(?\s*{}\s*[12]$",
        crate::keyword::pattern("ส่วนที่")
    ))
    .expect("valid regex")
});

/// `s` with OCR's readings of `EIT ส่วนที่ N` written as the anchor (`EIT ส่วนที่ N`); `None`
/// when there are none.
fn ocr_eit_part(s: &str) -> Option<(String, String)> {
    let mut out = String::new();
    let mut at = 0;
    let mut first = None;
    for c in EIT_PART_OCR.captures_iter(s) {
        let (Some(m), Some(n)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let written = &s[m.start()..n.end()];
        if EIT_PART.is_match(written) {
            continue;
        }
        first.get_or_insert_with(|| written.to_owned());
        out.push_str(&s[at..m.start()]);
        out.push_str("EIT ส่วนที่ ");
        out.push_str(n.as_str());
        at = n.end();
    }
    let first = first?;
    out.push_str(&s[at..]);
    Some((out, first))
}

/// Undoes, on the pages we OCR'd (`pages`), Tesseract's sara am for sara aa (`กำร` for
/// `การ`, `ควำม` for `ความ`) inside the vocabulary's phrases and the anchors' Thai names, where
/// the phrase lines up letter for letter with what was read, spaces aside (OCR cuts words in
/// pieces: `กำ ร เปิดเผยข้อมูลสา ธา รณะ`), also across a line's end (`…และค วำม` / `โปร่งใส`).
/// `EIT ส่วนที่ N` as OCR reads it (`EIT1 ส่วนที่1`, `ET ส่วนทื 2`) is written as the anchor.
/// Only on OCR'd pages: a font map never does this, and another program's OCR layer is read as
/// written (its text is only used where it reads as a report). Each line changed is recorded
/// in [`Text::word_repairs`].
pub fn repair_ocr(text: &mut Text, pages: &[u32]) {
    let n = text.lines.len();
    let mut fixes: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut first: Vec<Option<(String, &'static str)>> = vec![None; n];
    for k in 0..n {
        let l = &text.lines[k];
        let Some(page) = l.at.page.filter(|p| pages.contains(p)) else {
            continue;
        };
        for (i, r, phrase) in ocr_am_fixes(&l.text) {
            fixes[k].push(i);
            first[k].get_or_insert_with(|| (l.text[r].to_owned(), phrase));
        }
        // A phrase cut by the line's end: matched across it, each part fixed on its line.
        let Some(next) = text.lines.get(k + 1).filter(|m| m.at.page == Some(page)) else {
            continue;
        };
        let joined = format!("{} {}", l.text, next.text);
        let cut = l.text.len();
        for (i, r, phrase) in ocr_am_fixes(&joined) {
            if r.start >= cut || r.end <= cut + 1 {
                continue;
            }
            if i < cut {
                fixes[k].push(i);
                first[k].get_or_insert_with(|| (joined[r].to_owned(), phrase));
            } else {
                fixes[k + 1].push(i - cut - 1);
                first[k + 1].get_or_insert_with(|| (joined[r].to_owned(), phrase));
            }
        }
    }
    for (k, offsets) in fixes.into_iter().enumerate() {
        if offsets.is_empty() {
            continue;
        }
        let l = &mut text.lines[k];
        set_aa(&mut l.text, offsets);
        for c in &mut l.cells {
            let own: Vec<usize> = ocr_am_fixes(&c.text).into_iter().map(|f| f.0).collect();
            set_aa(&mut c.text, own);
        }
        if let Some((written, phrase)) = first[k].take() {
            text.word_repairs.push((l.at, written, phrase.to_owned()));
        }
    }
    for l in &mut text.lines {
        if !l.at.page.is_some_and(|p| pages.contains(&p)) {
            continue;
        }
        let Some((fixed, written)) = ocr_eit_part(&l.text) else {
            continue;
        };
        l.text = fixed;
        for c in &mut l.cells {
            if let Some((t, _)) = ocr_eit_part(&c.text) {
                c.text = t;
            }
        }
        if !text.word_repairs.iter().any(|w| w.0 == l.at) {
            text.word_repairs
                .push((l.at, written, "EIT ส่วนที่".to_owned()));
        }
    }
}

/// `s` with the vocabulary's repairs made; `None` when there are none.
#[must_use]
pub fn repair_line(s: &str) -> Option<String> {
    let found = repairs(s);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (r, phrase) in found {
        out.push_str(&s[at..r.start]);
        out.push_str(phrase);
        at = r.end;
    }
    out.push_str(&s[at..]);
    Some(out)
}

/// Repairs the lines (and their cells) of `pages` from the vocabulary, recording in
/// [`Text::word_repairs`] each line repaired with its first repair (as written, as repaired).
pub fn repair(text: &mut Text, pages: &[u32]) {
    for l in &mut text.lines {
        if !l.at.page.is_some_and(|p| pages.contains(&p)) {
            continue;
        }
        let found = repairs(&l.text);
        let Some((r, phrase)) = found.first() else {
            continue;
        };
        if !text.word_repairs.iter().any(|w| w.0 == l.at) {
            text.word_repairs
                .push((l.at, l.text[r.clone()].to_owned(), (*phrase).to_owned()));
        }
        if let Some(fixed) = repair_line(&l.text) {
            l.text = fixed;
        }
        for c in &mut l.cells {
            if let Some(t) = repair_line(&c.text) {
                c.text = t;
            }
            for p in c.pieces.iter_mut().flatten() {
                if let Some(t) = repair_line(p) {
                    *p = t;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ocr_text(page: u32, lines: &[&str]) -> Text {
        Text {
            lines: lines
                .iter()
                .enumerate()
                .map(|(k, t)| crate::normalize::Line {
                    at: crate::model::At {
                        page: Some(page),
                        line: k as u32 + 1,
                        bbox: None,
                    },
                    raw: (*t).to_owned(),
                    text: (*t).to_owned(),
                    cells: Vec::new(),
                })
                .collect(),
            ..Text::default()
        }
    }

    #[test]
    fn ocr_sara_am_for_sara_aa_is_undone_in_the_vocabulary_only() {
        let mut t = ocr_text(
            2,
            &[
                // The tools' names, pieces and all (the anchors read them).
                "แบบวัดกำรรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IT) คะแนนรวม",
                "แบบตรวจกำ ร เปิดเผยข้อมูลสา ธา รณะ 0|1) คะแนนรวม 88.75",
                // The ITA's name cut by the line's end.
                "การวิเคราะห์ผลการประเมินระดับคุณธ ร ร ม แล ะค วำ ม",
                "โปร่งใส(1#0 ของเทศบาลนครเชียงใหม่",
                // Sara am where the word has it, and words outside the vocabulary: left.
                "ดำเนินงาน กำหนด สำนักงาน กำรบ้าน",
            ],
        );
        repair_ocr(&mut t, &[2]);
        let got: Vec<&str> = t.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            got,
            [
                "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IT) คะแนนรวม",
                "แบบตรวจกา ร เปิดเผยข้อมูลสา ธา รณะ 0|1) คะแนนรวม 88.75",
                "การวิเคราะห์ผลการประเมินระดับคุณธ ร ร ม แล ะค วา ม",
                "โปร่งใส(1#0 ของเทศบาลนครเชียงใหม่",
                "ดำเนินงาน กำหนด สำนักงาน กำรบ้าน",
            ]
        );
        assert_eq!(t.word_repairs.len(), 3);
        // Raw text (what the digit confirmation reads) is as OCR read it.
        assert!(t.lines[0].raw.contains("กำรรับรู้"));
        // Pages we did not OCR (a text layer, another program's OCR layer): as written.
        let mut other = ocr_text(3, &["แบบวัดกำรรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"]);
        repair_ocr(&mut other, &[2]);
        assert!(other.lines[0].text.contains("กำร"));
        assert!(other.word_repairs.is_empty());
    }

    #[test]
    fn ocr_readings_of_eit_parts_are_the_anchor() {
        for (line, want) in [
            (
                "ภายนอก (EIT1 ส่วนที่1 ) คะแนนรวม 97.98",
                Some("ภายนอก (EIT ส่วนที่ 1 ) คะแนนรวม 97.98"),
            ),
            (
                "ภายนอก (EIT7ส่วนที่2) คะแนน",
                Some("ภายนอก (EIT ส่วนที่ 2) คะแนน"),
            ),
            (
                "ภายนอก (ET ส่วนทื 2) ค ะแนน",
                Some("ภายนอก (EIT ส่วนที่ 2) ค ะแนน"),
            ),
            // Already the anchor, or no part's number: left.
            ("(EITส่วนที่1) คะแนน", None),
            ("(EIT ส่วนที่ 2)", None),
            ("EIT ส่วนที่ 12 แห่ง", None),
            ("INTERNET ส่วนที่ 1", None),
        ] {
            assert_eq!(ocr_eit_part(line).map(|f| f.0).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn sara_am_is_fixed_only_where_the_phrase_lines_up() {
        assert_eq!(am_for_aa("กำ ร", "การ"), vec![3]);
        // The phrase's own sara am stays.
        assert_eq!(am_for_aa("คุณภำพการดำเนินงาน", "คุณภาพการดำเนินงาน").len(), 1);
        // Letters that do not line up: nothing.
        assert!(am_for_aa("กำรร", "การ").is_empty());
    }

    #[test]
    fn the_vocabulary_repairs_what_it_alone_decides() {
        for (line, want) in [
            // Sara am read as sara aa, a tone as a below vowel: one phrase decides.
            ("ลาดับ\tข้อคาถาม", Some("ลำดับ\tข้อคำถาม")),
            ("ขูอม่ล", Some("ข้อมูล")),
            ("ตัวชีุวัด", Some("ตัวชี้วัด")),
            (
                "ประเด็นที่ 1 กระบวนการปฏิบัติงานทีโปร่งใสและมีประสิทธิภาพ",
                Some("ประเด็นที่ 1 กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
            ),
            // Already right, or only spaced differently: left alone.
            ("ลำดับ\tข้อคำถาม", None),
            ("ตัวชี้ วัด", None),
            // Short words are not in the vocabulary: `คา` may be a word.
            ("คา ขอ", None),
            // Another word with the same consonants is no phrase of the vocabulary.
            ("ลดับ", None),
        ] {
            assert_eq!(repair_line(line).as_deref(), want, "{line}");
        }
    }
}
