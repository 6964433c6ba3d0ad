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
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        if agree
            && written != phrase
            && !written.contains(char::is_whitespace)
            && squash(written) != squash(phrase)
        {
            out.push((span, phrase));
        }
    }
    out
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
        text.word_repairs
            .push((l.at, l.text[r.clone()].to_owned(), (*phrase).to_owned()));
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
