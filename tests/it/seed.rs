//! The seed report (a real text dump) and the variants a user could meet.

use ita_extract::model::{AgencyType, Severity, Tool};
use ita_extract::ErrorKind;

use crate::common::{codes, expected_questions, extract, key_values, question_rows, seed_text};

#[test]
fn cover_and_summary_are_exact() {
    let r = extract("chiangmai-2566.txt", seed_text().as_bytes());
    assert_eq!(r.schema_version, "2.1");
    assert_eq!(r.agency.name.as_deref(), Some("เทศบาลนครเชียงใหม่"));
    assert_eq!(r.agency.kind, Some(AgencyType::CityMunicipality));
    assert_eq!(r.agency.district.as_deref(), Some("เมือง"));
    assert_eq!(r.agency.province.as_deref(), Some("เชียงใหม่"));
    assert_eq!(r.fiscal_year, Some(2566));
    assert_eq!(r.ita.score, Some(92.19));
    assert_eq!(r.ita.result.as_deref(), Some("ผ่าน"));
    assert_eq!(r.tools.iit, Some(99.91));
    assert_eq!(r.tools.eit, None, "the seed gives EIT only in two parts");
    assert_eq!(r.tools.eit_part1, Some(97.98));
    assert_eq!(r.tools.eit_part2, Some(80.16));
    assert_eq!(r.tools.eit_mean_of_parts, Some(89.07));
    assert_eq!(r.tools.oit, Some(88.75));
    assert_eq!(r.source.format, ita_extract::model::Format::Text);
    assert_eq!(r.source.pages, None);
    assert_eq!(r.source.sha256.len(), 64);
}

#[test]
fn all_ten_indicators() {
    let r = extract("seed", seed_text().as_bytes());
    /// Number, label, name, tool, score.
    type Row<'a> = (u8, &'a str, Option<&'a str>, Option<Tool>, Option<f64>);
    let got: Vec<Row> = r
        .indicators
        .iter()
        .map(|i| (i.no, i.label.as_str(), i.name.as_deref(), i.tool, i.score))
        .collect();
    let want = [
        (1, "การปฏิรูปดิจิทัล", "การปฏิบัติหน้าที่", Tool::Iit, 100.00),
        (2, "การใช้งบประมาณ", "การใช้งบประมาณ", Tool::Iit, 99.89),
        (3, "การใช้จ่ายเงิน", "การใช้อำนาจ", Tool::Iit, 100.00),
        (
            4,
            "การใช้ทรัพย์สินของราชการ",
            "การใช้ทรัพย์สินของราชการ",
            Tool::Iit,
            99.67,
        ),
        (
            5,
            "การแก้ไขปัญหาการทุจริต",
            "การแก้ไขปัญหาการทุจริต",
            Tool::Iit,
            100.00,
        ),
        (6, "คุณภาพการดำเนินงาน", "คุณภาพการดำเนินงาน", Tool::Eit, 88.40),
        (
            7,
            "ประสิทธิภาพการสื่อสาร",
            "ประสิทธิภาพการสื่อสาร",
            Tool::Eit,
            90.23,
        ),
        (
            8,
            "การปรับปรุงการทำงาน",
            "การปรับปรุงการทำงาน",
            Tool::Eit,
            88.59,
        ),
        (9, "การเปิดเผยข้อมูล", "การเปิดเผยข้อมูล", Tool::Oit, 97.50),
        (10, "การป้องกันการทุจริต", "การป้องกันการทุจริต", Tool::Oit, 80.00),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|&(n, l, c, t, s)| (n, l, Some(c), Some(t), Some(s)))
        .collect();
    assert_eq!(got, want);
    // Indicator rows are lines 42–51 of the seed.
    assert_eq!(r.indicators[0].at.line, 42);
    assert_eq!(r.indicators[9].at.line, 51);
}

#[test]
fn all_100_question_rows() {
    let r = extract("seed", seed_text().as_bytes());
    let want = expected_questions("reports/chiangmai-2566.questions.tsv");
    assert_eq!(want.len(), 100);
    assert_eq!(question_rows(&r), want);
    let titles: Vec<(u8, &str)> = r.topics.iter().map(|t| (t.no, t.title.as_str())).collect();
    assert_eq!(titles[0], (1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"));
    assert_eq!(titles[1], (2, "การให้บริการและระบบ E-Service"));
    assert_eq!(
        titles[6],
        (7, "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน")
    );
}

#[test]
fn question_rows_keep_raw_text_and_place() {
    let r = extract("seed", seed_text().as_bytes());
    let q = &r.topics[0].questions[0];
    assert_eq!((q.raw.as_str(), q.at.line, q.at.page), ("ข้อ i๑", 60, None));
    // The row that lost its leading cells (line 140) still belongs to topic 3's OIT table.
    let o10 = r.topics[2]
        .questions
        .iter()
        .find(|q| q.id.as_deref() == Some("o10"))
        .unwrap();
    assert_eq!(
        (o10.raw.as_str(), o10.at.line, o10.tool, o10.score),
        ("ข้อ ๐๑๐", 140, Some(Tool::Oit), Some(100.0))
    );
    // A score of 0 is a value, not a blank.
    let o42 = r.topics[6]
        .questions
        .iter()
        .find(|q| q.id.as_deref() == Some("o42"))
        .unwrap();
    assert_eq!(o42.score, Some(0.0));
}

#[test]
fn thai_zero_ids_are_repaired_with_info() {
    let r = extract("seed", seed_text().as_bytes());
    let repaired: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "question-id-repaired")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(repaired.len(), 18, "{repaired:#?}");
    assert!(repaired.iter().all(|m| m.starts_with("ข้อ ๐")));
    assert!(r
        .diagnostics
        .iter()
        .filter(|d| d.code == "question-id-repaired")
        .all(|d| d.severity == Severity::Info));
    assert!(repaired.contains(&"ข้อ ๐๑๑: zero written for the letter o in an OIT row; read as o11"));
}

#[test]
fn remarks_and_analysis() {
    let r = extract("seed", seed_text().as_bytes());
    let t1 = &r.topics[0];
    let tools: Vec<Tool> = t1.remarks.iter().map(|m| m.tool).collect();
    assert_eq!(tools, [Tool::Iit, Tool::Eit, Tool::Oit]);
    assert_eq!(
        t1.remarks[1].text,
        "ปรับปรุงคะแนนให้ดีขึ้นให้ผู้บริหารมีการแบ่งงานเป็นสัดส่วนเพื่อให้การปฏิบัติงานได้สะดวก"
    );
    let a = t1.analysis.as_deref().unwrap();
    assert!(
        a.starts_with("ประเด็น (1) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
        "{a}"
    );
    assert!(
        a.contains("ข้อเท็จจริงพบว่า เทศบาลนครเชียงใหม่ มีผลคะแนนในตัวชี้วัดด้านการปฏิบัติหน้าที่ อยู่ที่ 100.00 คะแนน")
    );
    assert!(!a.contains("ประเด็นที่ 2"));
    // Topic 7's narrative runs to part 2, across a blank line and a page-break line.
    let a7 = r.topics[6].analysis.as_deref().unwrap();
    assert!(a7.ends_with("สอดคล้องกับ ข้อ 510 และ ข้อ 515"), "{a7}");
    assert!(!a7.contains("ส่วนที่ 2"));
}

#[test]
fn the_seed_is_flagged_only_for_what_is_really_wrong() {
    let r = extract("seed", seed_text().as_bytes());
    let warnings: Vec<(&str, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| (d.code.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("indicator-label", "indicator 1 is labelled \"การปฏิรูปดิจิทัล\"; the NACC name is \"การปฏิบัติหน้าที่\""),
            ("indicator-label", "indicator 3 is labelled \"การใช้จ่ายเงิน\"; the NACC name is \"การใช้อำนาจ\""),
            ("question-score-conflict", "question e4 has different scores: 96.10 under topic 1 (line 69), 98.12 under topic 2 (line 100)"),
        ]
    );
    assert_eq!(r.status, ita_extract::model::Status::Partial);
}

/// The text with Thai digits written as Arabic ones (as some agencies type them).
fn arabic_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
            _ => c,
        })
        .collect()
}

/// The seed rewritten the way other tools would hand it to us must read the same.
#[test]
fn variants_parse_the_same() {
    let base = key_values(&extract("seed", seed_text().as_bytes()));
    let seed = seed_text();
    let arabic = arabic_digits(&seed);
    let variants = [
        ("arabic digits", arabic.replace("ข้อ 0", "ข้อ o")),
        ("CRLF", seed.replace('\n', "\r\n")),
        ("BOM", format!("\u{FEFF}{seed}")),
        ("tabs as spaces", seed.replace('\t', "    ")),
        (
            "zero-width spaces and NBSP",
            seed.replace("เทศบาลนคร", "เทศบาล\u{200B}นคร")
                .replace(" คะแนน", "\u{00A0}คะแนน"),
        ),
        ("markdown bold", seed.replace("ข้อ i๒\t", "**ข้อ i๒**\t")),
        (
            "the ITA sentence wrapped as a PDF or pdftotext wraps it",
            seed.replace(
                "(ITA) ของเทศบาลนครเชียงใหม่ มี คะแนน",
                "(ITA) ของเทศบาล\nนครเชียงใหม่ มี\nคะแนน",
            ),
        ),
    ];
    for (name, text) in variants {
        let r =
            ita_extract::extract(name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(key_values(&r), base, "variant {name}");
    }
}

#[test]
fn arabic_digit_ids_with_zero_for_o_are_repaired_too() {
    let arabic = arabic_digits(&seed_text());
    let r = extract("arabic", arabic.as_bytes());
    assert_eq!(
        question_rows(&r),
        expected_questions("reports/chiangmai-2566.questions.tsv")
    );
    assert!(codes(&r).contains(&"question-id-repaired"));
}

#[test]
fn a_missing_topic_is_reported_not_invented() {
    let seed = seed_text();
    let start = seed.find("ประเด็นที่ ๔").unwrap();
    let end = seed.find("ประเด็นที่ ๕").unwrap();
    let cut = format!("{}{}", &seed[..start], &seed[end..]);
    let r = extract("no-topic-4", cut.as_bytes());
    let nos: Vec<u8> = r.topics.iter().map(|t| t.no).collect();
    assert_eq!(nos, [1, 2, 3, 5, 6, 7]);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "topic-missing")
        .expect("topic-missing");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("topic 4"), "{}", d.message);
    let want: Vec<_> = expected_questions("reports/chiangmai-2566.questions.tsv")
        .into_iter()
        .filter(|q| q.0 != 4)
        .collect();
    assert_eq!(question_rows(&r), want);
}

#[test]
fn missing_values_are_null_with_a_diagnostic() {
    let seed = seed_text()
        .replace("คะแนนรวม ๘๘.๗๕ คะแนน", "คะแนนรวม คะแนน")
        .replace("พ.ศ. ๒๕๖๖", "พ.ศ.")
        .replace("พ.ศ.๒๕๖๖", "พ.ศ.");
    let r = extract("holes", seed.as_bytes());
    assert_eq!(r.tools.oit, None);
    assert_eq!(r.fiscal_year, None);
    assert!(codes(&r).contains(&"tool-score-missing"));
    assert!(codes(&r).contains(&"fiscal-year-missing"));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "fiscal-year-missing")
        .unwrap();
    assert!(d.at.is_some() && d.message.contains("lines 1–"), "{d:?}");
}

#[test]
fn an_unreadable_score_is_null_with_a_warning() {
    let seed = seed_text().replace("ข้อ i๘\t๙๙.๓๕", "ข้อ i๘\t๙๙,๓๕");
    let r = extract("comma", seed.as_bytes());
    let q = r.topics[4]
        .questions
        .iter()
        .find(|q| q.id.as_deref() == Some("i8"))
        .unwrap();
    assert_eq!(q.score, None);
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "question-score-unreadable")
        .unwrap();
    assert_eq!(d.at, Some(q.at));
    assert!(d.message.contains("99,35"), "{}", d.message);
}

#[test]
fn not_reports_are_clear_errors() {
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        (
            "junk.bin",
            &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 7],
            "not_text",
        ),
        (
            "story.txt",
            "เมื่อวานฝนตกหนักที่เชียงใหม่ ถนนหลายสายน้ำท่วม\nผู้ว่าราชการจังหวัดสั่งการให้ช่วยเหลือ\n".as_bytes(),
            "not_ita_document",
        ),
        (
            "lorem.md",
            b"# Notes\nLorem ipsum dolor sit amet.\n",
            "not_ita_document",
        ),
    ];
    for (name, bytes, code) in cases {
        let e = ita_extract::extract(name, bytes).expect_err(name);
        assert_eq!(e.kind().code(), code, "{name}: {e}");
        assert_eq!(e.path(), Some(name));
        assert!(e.to_string().starts_with(name), "{e}");
    }
    let e = ita_extract::extract("x.txt", b"\xff\xfe\x00junk").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::NotText(_)));
}

#[test]
fn line_numbers_match_the_source_file() {
    let seed = seed_text();
    let r = extract("seed", seed.as_bytes());
    let lines: Vec<&str> = seed.lines().collect();
    for q in r.topics.iter().flat_map(|t| &t.questions) {
        let line = lines[q.at.line as usize - 1];
        assert!(
            line.contains(&q.raw),
            "line {} {:?} does not hold {:?}",
            q.at.line,
            line,
            q.raw
        );
    }
}

/// A number that is not the score must never be read as one: the value is null with a warning.
#[test]
fn a_stray_number_is_not_taken_for_a_score() {
    let seed = seed_text()
        .replace("(IIT) คะแนนรวม ๙๙.๙๑ คะแนน", "(IIT) ได้ ๕ ตัวชี้วัด")
        .replace("มี คะแนน ๙๒.๑๙ คะแนน", "ได้ ๕ ดาว");
    let r = extract("stray", seed.as_bytes());
    assert_eq!(r.tools.iit, None);
    assert_eq!(r.ita.score, None);
    let codes = codes(&r);
    assert!(
        codes.contains(&"tool-score-missing") && codes.contains(&"ita-score-missing"),
        "{codes:?}"
    );
}
