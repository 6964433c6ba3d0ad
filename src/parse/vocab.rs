//! Step 1 of reading the values: the vocabulary. One table of every anchor — the ITA total,
//! each tool, each indicator — with the written forms reports use for it, compiled once into
//! one regex that finds every anchor of a line in a single pass.
//!
//! The Thai forms go through [`tolerant`], so spaces inside a word and the damage broken font
//! maps do (a lost or doubled sara am) do not hide an anchor.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// What an anchor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// The overall ITA score.
    Ita,
    /// IIT.
    Iit,
    /// EIT as one number.
    Eit,
    /// EIT part 1 or 2.
    EitPart(u8),
    /// OIT.
    Oit,
    /// Indicator 1–10.
    Indicator(u8),
}

impl Measure {
    /// How diagnostics name it.
    #[must_use]
    pub fn label(self) -> String {
        match self {
            Measure::Ita => "the ITA score".to_owned(),
            Measure::Iit => "IIT".to_owned(),
            Measure::Eit => "EIT".to_owned(),
            Measure::EitPart(p) => format!("EIT part {p}"),
            Measure::Oit => "OIT".to_owned(),
            Measure::Indicator(n) => format!("indicator {n}"),
        }
    }
}

/// How an anchor names its measure: by a name, or by the indicator's number (`ตัวชี้วัดที่ 3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// A name or abbreviation.
    Name,
    /// `ตัวชี้วัดที่ N`: the number is in the match.
    IndicatorNumber,
    /// `EIT ส่วนที่ N`: the part is in the match.
    EitPart,
}

/// One written form of an anchor.
struct Form {
    pattern: String,
    measure: Option<Measure>,
    kind: AnchorKind,
}

fn name(pattern: String, m: Measure) -> Form {
    Form {
        pattern,
        measure: Some(m),
        kind: AnchorKind::Name,
    }
}

/// A regex for a Thai keyword that tolerates what text layers and typists do to it (spaces
/// between clusters, split sara am, tone marks lost or confused where the word stays
/// unambiguous): the one matcher of [`crate::keyword`].
#[must_use]
pub fn tolerant(keyword: &str) -> String {
    crate::keyword::pattern(keyword)
}

/// The indicator names anchors accept for indicator `no`: the NACC names of every year and the
/// variants reports use.
fn indicator_names(no: u8) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = [Some(2565), Some(2566)]
        .into_iter()
        .filter_map(|y| crate::framework::indicator_name(no, y))
        .collect();
    names.extend(crate::framework::label_variants(no));
    names.sort_unstable();
    names.dedup();
    // Longest first: การปรับปรุงระบบการทำงาน before การปรับปรุงการทำงาน.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The survey tools' Thai names: `(แบบวัด)การรับรู้(ของ)ผู้มีส่วนได้ส่วนเสียภายใน/ภายนอก`.
fn perception(who: &str) -> String {
    format!(
        r"(?:{})?{}(?:{})?{}",
        tolerant("แบบวัด"),
        tolerant("การรับรู้"),
        tolerant("ของ"),
        tolerant(who)
    )
}

fn forms() -> Vec<Form> {
    let mut f = vec![
        // English names first: `Internal Integrity and Transparency Assessment` must not read
        // as the ITA's own `Integrity and Transparency Assessment`.
        name(
            r"(?i:internal\s+integrity\s+and\s+transparency\s+assessment)".into(),
            Measure::Iit,
        ),
        name(
            r"(?i:external\s+integrity\s+and\s+transparency\s+assessment)".into(),
            Measure::Eit,
        ),
        name(
            r"(?i:open\s+data\s+integrity\s+and\s+transparency\s+assessment)".into(),
            Measure::Oit,
        ),
        name(
            r"(?i:integrity\s+and\s+transparency\s+assessment)".into(),
            Measure::Ita,
        ),
        // A part also where the tool's Thai name stands before `ส่วนที่ N` and the `EIT`
        // between them lost a letter (a font's glyph read as U+FFFD: `(E�T ส่วนที่ 2)`):
        // the line names a part, never the whole EIT.
        Form {
            pattern: format!(
                r"(?:(?-u:\b)E[I\x{{FFFD}}]T|{}\s*\(?\s*(?:[A-Za-z\x{{FFFD}}]{{1,4}})?)\s*\(?\s*{}\s*[12]",
                perception("ผู้มีส่วนได้ส่วนเสียภายนอก"),
                tolerant("ส่วนที่")
            ),
            measure: None,
            kind: AnchorKind::EitPart,
        },
        name(perception("ผู้มีส่วนได้ส่วนเสียภายใน"), Measure::Iit),
        name(perception("ผู้มีส่วนได้ส่วนเสียภายนอก"), Measure::Eit),
        name(
            format!(
                r"(?:{})?{}",
                tolerant("แบบตรวจ"),
                tolerant("การเปิดเผยข้อมูลสาธารณะ")
            ),
            Measure::Oit,
        ),
        name(r"(?-u:\b)IIT(?-u:\b)".into(), Measure::Iit),
        name(r"(?-u:\b)EIT(?-u:\b)".into(), Measure::Eit),
        name(r"(?-u:\b)OIT(?-u:\b)".into(), Measure::Oit),
        name(r"(?-u:\b)ITA(?-u:\b)".into(), Measure::Ita),
        // The assessment's Thai name, after การประเมิน or ระดับ: `มาตรการส่งเสริมคุณธรรมและ
        // ความโปร่งใส` (an OIT item) is not the ITA.
        name(
            format!(
                r"(?:{}|{})\s*{}",
                tolerant("การประเมิน"),
                tolerant("ระดับ"),
                tolerant("คุณธรรมและความโปร่งใส")
            ),
            Measure::Ita,
        ),
        Form {
            pattern: format!(r"{}\s*\d{{1,2}}(?-u:\b)", tolerant("ตัวชี้วัดที่")),
            measure: None,
            kind: AnchorKind::IndicatorNumber,
        },
    ];
    for no in 1..=crate::framework::INDICATOR_COUNT {
        for n in indicator_names(no) {
            f.push(name(tolerant(n), Measure::Indicator(no)));
        }
    }
    f
}

struct Vocabulary {
    all: Regex,
    set: RegexSet,
    forms: Vec<Form>,
}

static VOCAB: LazyLock<Vocabulary> = LazyLock::new(|| {
    let forms = forms();
    let alts: Vec<String> = forms.iter().map(|f| format!("(?:{})", f.pattern)).collect();
    Vocabulary {
        // One big alternation of tolerant Thai patterns: give its lazy DFA room, or it thrashes.
        all: regex::RegexBuilder::new(&alts.join("|"))
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .expect("valid vocabulary regex"),
        set: RegexSet::new(alts.iter().map(|a| format!("^{a}$"))).expect("valid vocabulary set"),
        forms,
    }
});

/// The forms that name a survey tool (IIT, EIT or one of its parts, OIT) in one regex, their
/// word-boundary assertions dropped, so that it matches wherever one of them matches whole
/// (the forms have no other assertion): a text it does not match has no tool anchor.
static TOOL_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = forms()
        .into_iter()
        .filter(|f| {
            f.kind == AnchorKind::EitPart
                || matches!(f.measure, Some(Measure::Iit | Measure::Eit | Measure::Oit))
        })
        .map(|f| format!("(?:{})", f.pattern.replace(r"(?-u:\b)", "")))
        .collect();
    regex::RegexBuilder::new(&alts.join("|"))
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("valid tool regex")
});

/// Whether [`anchors`] of `text` may name a survey tool (IIT, EIT, an EIT part, OIT): when
/// not, none of its anchors does. A cheap test before `anchors` where only tools matter.
#[must_use]
pub fn may_name_a_tool(text: &str) -> bool {
    TOOL_FORMS.is_match(text)
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));
/// After an EIT part's number: the other part joined to it (`และ 2`, `- 2`, `, ส่วนที่ 2`).
static BOTH_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:และ|[-–,+&])\s*(?:ส่วนที่)?\s*[12](?:\D|$)").expect("valid regex")
});

/// One anchor found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// What it names.
    pub measure: Measure,
    /// Byte range in the text.
    pub start: usize,
    /// End of the match.
    pub end: usize,
    /// How it names it.
    pub kind: AnchorKind,
}

/// Every anchor in `text`, left to right, not overlapping.
#[must_use]
pub fn anchors(text: &str) -> Vec<Anchor> {
    let v = &*VOCAB;
    let mut out = Vec::new();
    for m in v.all.find_iter(text) {
        let Some(i) = v.set.matches(m.as_str()).iter().next() else {
            continue;
        };
        let form = &v.forms[i];
        let number = || {
            DIGITS
                .find_iter(m.as_str())
                .last()
                .and_then(|d| d.as_str().parse::<u8>().ok())
        };
        let measure = match form.kind {
            AnchorKind::Name => form.measure,
            AnchorKind::IndicatorNumber => number()
                .filter(|n| (1..=crate::framework::INDICATOR_COUNT).contains(n))
                .map(Measure::Indicator),
            // `ส่วนที่ 1 และ 2` (both parts): the whole EIT, never one part.
            AnchorKind::EitPart if BOTH_PARTS.is_match(&text[m.end()..]) => Some(Measure::Eit),
            AnchorKind::EitPart => number().map(Measure::EitPart),
        };
        if let Some(measure) = measure {
            out.push(Anchor {
                measure,
                start: m.start(),
                end: m.end(),
                kind: form.kind,
            });
        }
    }
    out
}

/// Result labels, longest first so that ผ่านดี does not read as ผ่าน.
pub const RESULT: &str = r"ผ่านดีเยี่ยม|ผ่านดี|ไม่ผ่าน|ผ่าน|ต้องปรับปรุงโดยด่วน|ต้องปรับปรุง|AA|[A-F]";

/// Words that introduce a number that is not a score (a year, a count, a change, a weight, a
/// threshold, a target, a rank): a number right after one of them is never bound.
pub const DECOYS_BEFORE: &[&str] = &[
    "ปีงบประมาณ",
    "ปี",
    "พ.ศ.",
    "พ.ศ",
    "ค.ศ.",
    "จำนวน",
    "เพิ่มขึ้น",
    "ลดลง",
    "สูงขึ้น",
    "ต่ำลง",
    "ร้อยละ",
    "เกณฑ์",
    "เกณฑ์ผ่าน",
    "เป้าหมาย",
    "ลำดับ",
    "ลำดับที่",
    "ราย",
    "คน",
    "ข้อ",
    "ข้อที่",
    "รอบ",
    "หน้า",
    "ครั้ง",
    "ส่วนที่",
    "ประเด็นที่",
    "ตัวชี้วัดที่",
    "ผลต่าง",
    "ต่างกัน",
    "จาก",
    "ทั้งหมด",
    "เต็ม",
];

/// Words that, right after a number, say it is not a score (a count, a share, a threshold).
pub const DECOYS_AFTER: &[&str] = &[
    "%",
    "คน",
    "ราย",
    "ข้อ",
    "รายการ",
    "แห่ง",
    "ครั้ง",
    "เดือน",
    "วัน",
    "ปี",
    "หน่วยงาน",
    "ขึ้นไป",
    "คะแนนขึ้นไป",
    "ตัวชี้วัด",
    "ดาว",
    "ด้าน",
    "ประเด็น",
    "เครื่องมือ",
    "ข้อคำถาม",
    "แบบ",
    "ช่องทาง",
    "อันดับ",
    "บาท",
    "ล้าน",
    "ชั่วโมง",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn measures(s: &str) -> Vec<Measure> {
        anchors(s).into_iter().map(|a| a.measure).collect()
    }

    #[test]
    fn a_text_without_a_tool_form_has_no_tool_anchor() {
        let is_tool = |a: &Anchor| {
            matches!(
                a.measure,
                Measure::Iit | Measure::Eit | Measure::Oit | Measure::EitPart(_)
            )
        };
        let seed = include_str!("../../fixtures/reports/chiangmai-2566.txt");
        let mut named = 0;
        for line in seed.lines().chain([
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
            "(EIT ส่วนที่ 2) คะแนนรวม 80.16",
            "xEITy การรับรู้ของผู้มีส่วนได้ส่วน เสียภายนอก",
            "External Integrity and Transparency Assessment",
            "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
            "ITA 95.5 ตัวชี้วัดที่ 3",
            "OITS IITx",
        ]) {
            let tools = anchors(line).iter().filter(|a| is_tool(a)).count();
            assert!(tools == 0 || may_name_a_tool(line), "{line}");
            named += usize::from(tools > 0);
        }
        assert!(named > 10, "{named}");
        assert!(!may_name_a_tool("ตัวชี้วัดที่ 3 การใช้งบประมาณ 95.5"));
    }

    #[test]
    fn forms_of_each_anchor() {
        let cases: &[(&str, &[Measure])] = &[
            (
                "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)",
                &[Measure::Iit, Measure::Iit],
            ),
            ("(EIT ส่วนที่ 2) คะแนนรวม 80.16", &[Measure::EitPart(2)]),
            // The `I` of EIT unreadable (U+FFFD): still a part, never the whole EIT.
            ("(E\u{FFFD}T ส่วนที่ 2) คะแนนรวม 80.16", &[Measure::EitPart(2)]),
            (
                "แบบวัดการรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก (E\u{FFFD}T ส่วนที่ 1) คะแนนรวม 97.98",
                &[Measure::EitPart(1)],
            ),
            (
                "แบบวัดการรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ 2 คะแนนรวม 80.16",
                &[Measure::EitPart(2)],
            ),
            // Both parts named: the whole EIT.
            (
                "แบบวัดการรับรู้ผู้มีส่วนได้ส่วนเสียภายนอก ส่วนที่ 1 และ 2 คะแนนรวม 88.50",
                &[Measure::Eit],
            ),
            ("(EIT ส่วนที่ 1 และ ส่วนที่ 2) 88.50", &[Measure::Eit]),
            (
                "Internal Integrity and Transparency Assessment: IIT",
                &[Measure::Iit, Measure::Iit],
            ),
            (
                "(Integrity and Transparency Assessment: ITA)",
                &[Measure::Ita, Measure::Ita],
            ),
            (
                "ตัวชี้วัดที่ 10 การป้องกันการทุจริต",
                &[Measure::Indicator(10), Measure::Indicator(10)],
            ),
            ("8. การปรับปรุงระบบการทำงาน", &[Measure::Indicator(8)]),
            (
                "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)",
                &[Measure::Oit, Measure::Oit],
            ),
            ("การเปิดเผยข้อมูล", &[Measure::Indicator(9)]),
            ("ITAS", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(measures(text), *want, "{text}");
        }
    }
}
