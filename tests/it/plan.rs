//! Part 2 (action plan), part 3 (limitations) and the topic narratives' parts, on the seed.

use ita_extract::model::{ActionPlanEntry, Report};

use crate::common::{extract, seed_text};

fn seed() -> Report {
    extract("chiangmai-2566.txt", seed_text().as_bytes())
}

fn topic(r: &Report, no: u8) -> Vec<&ActionPlanEntry> {
    r.action_plan
        .iter()
        .filter(|e| e.topic_no == Some(no))
        .collect()
}

fn methods(entries: &[&ActionPlanEntry]) -> usize {
    entries.iter().map(|e| e.methods.len()).sum()
}

fn diag_lines(r: &Report, code: &str) -> Vec<u32> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| d.at.map(|a| a.line))
        .collect()
}

#[test]
fn the_plan_has_every_topic_in_order() {
    let r = seed();
    let nos: Vec<u8> = r.action_plan.iter().filter_map(|e| e.topic_no).collect();
    assert_eq!(nos, [1, 1, 1, 2, 2, 3, 4, 5, 6, 7, 7]);
    assert_eq!(
        r.action_plan[0].topic.as_deref(),
        Some("กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")
    );
    // A blank topic cell (merged) takes the topic of the rows above.
    assert_eq!(r.action_plan[1].topic, r.action_plan[0].topic);
    assert!(r
        .action_plan
        .iter()
        .all(|e| !e.methods.is_empty() && !e.responsible.is_empty()));
    let lines: Vec<u32> = r.action_plan.iter().map(|e| e.at.line).collect();
    assert_eq!(
        lines,
        [305, 306, 307, 308, 313, 314, 315, 316, 317, 323, 324]
    );
}

#[test]
fn topic_1_has_three_methods_and_their_units() {
    let r = seed();
    let t1 = topic(&r, 1);
    assert_eq!(methods(&t1), 3);
    let units: Vec<&[String]> = t1.iter().map(|e| e.responsible.as_slice()).collect();
    assert_eq!(
        units,
        [
            &["กองการเจ้าหน้าที่".to_owned()][..],
            &["สำนักปลัด".to_owned()][..],
            &["ทุกหน่วยงาน".to_owned()][..],
        ]
    );
    assert!(t1[0].methods[0].starts_with("จัดทำคู่มือ/แนวทางการปฏิบัติงาน"));
    assert!(t1[1].methods[0].starts_with("จัดประชุมประจำเดือน"));
    // The `<p>` caption before the steps list is not a step.
    assert!(t1[0].steps[0].starts_with("จัดทำคู่มือ/แนวทางการปฏิบัติงานหรือการให้ บริการ"));
}

#[test]
fn topic_2_has_two_methods_the_second_after_a_page_break() {
    let r = seed();
    let t2 = topic(&r, 2);
    assert_eq!(methods(&t2), 2);
    assert_eq!(t2[0].responsible, ["งานทะเบียนแขวง เมืองราย"]);
    assert_eq!(t2[1].responsible, ["สำนักสาธารณสุข"]);
    assert!(t2[1].methods[0].contains("Official LINE"));
    assert!(t2[1].steps.is_empty());
    // Its period cell is blank: nothing is written, the row above's period is marked inherited.
    let p = &t2[1].period;
    assert_eq!(p.raw, None);
    assert!(p.inherited);
    assert_eq!(
        (p.start.as_deref(), p.end.as_deref()),
        (Some("2023-10-01"), Some("2024-09-30"))
    );
    assert_eq!(diag_lines(&r, "plan-period-inherited"), [313, 324]);
}

#[test]
fn every_written_period_is_fiscal_2567() {
    let r = seed();
    let written: Vec<_> = r
        .action_plan
        .iter()
        .filter(|e| !e.period.inherited)
        .collect();
    assert_eq!(written.len(), 9);
    for e in written {
        assert_eq!(
            e.period.raw.as_deref(),
            Some("1 ตุลาคม 2566 - 30 กันยายน 2567")
        );
        assert_eq!(
            e.period.start.as_deref(),
            Some("2023-10-01"),
            "line {}",
            e.at.line
        );
        assert_eq!(
            e.period.end.as_deref(),
            Some("2024-09-30"),
            "line {}",
            e.at.line
        );
    }
    assert!(diag_lines(&r, "plan-period-unreadable").is_empty());
    assert!(diag_lines(&r, "plan-period-missing").is_empty());
}

#[test]
fn topic_6_steps_include_the_part_on_the_next_page() {
    let r = seed();
    let t6 = topic(&r, 6);
    assert_eq!(t6.len(), 1, "the next-page part is joined, not a new entry");
    let steps = &t6[0].steps;
    assert_eq!(steps.len(), 4, "{steps:#?}");
    assert!(steps[0].starts_with("จัดทำและดำเนินการตามนโยบาย"));
    assert_eq!(steps[1], "เข้ารับการอบรม/ทุนการศึกษา");
    assert!(steps[2].starts_with("กำหนดหลักเกณฑ์การประเมินผลการปฏิบัติงานรายบุคคล"));
    assert!(steps[3].starts_with("แจงเวียนให้บุคลากรทราบ"));
    assert_eq!(diag_lines(&r, "plan-row-continued"), [322]);
}

#[test]
fn topic_7_bullets_split_and_its_second_row_kept_with_its_unit() {
    let r = seed();
    let t7 = topic(&r, 7);
    assert_eq!(t7.len(), 2);
    assert_eq!(t7[0].methods.len(), 4, "four ▪ bullets");
    assert_eq!(
        t7[0].methods[3],
        "จัดให้มีการแต่งตั้งคณะกรรมการขับเคลื่อนเรื่องจริยธรรม"
    );
    assert_eq!(t7[0].responsible, ["กองยุทธศาสตร์และงบประมาณ"]);
    assert_eq!(t7[0].steps.len(), 2);
    assert_eq!(t7[1].methods.len(), 1);
    assert_eq!(t7[1].responsible, ["กองการเจ้าหน้าที่"]);
    assert_eq!(t7[1].steps.len(), 4, "steps 3–6 spill into the second row");
    assert!(t7[1].steps[3].starts_with("มีการอบรมเจ้าหน้าที่"));
    assert!(t7[1].period.inherited);
    assert_eq!(diag_lines(&r, "plan-steps-numbering-continues"), [324]);
}

#[test]
fn a_section_and_its_division_are_one_unit() {
    let r = seed();
    assert_eq!(topic(&r, 4)[0].responsible, ["งานพัสดุ/กองคลัง"]);
    assert_eq!(topic(&r, 5)[0].responsible, ["งานพัสดุ/กองคลัง"]);
}

#[test]
fn the_five_limitations_with_their_texts() {
    let r = seed();
    let got: Vec<(u8, &str, u32)> = r
        .limitations
        .iter()
        .map(|l| (l.no, l.area.as_str(), l.at.line))
        .collect();
    assert_eq!(
        got,
        [
            (1, "บุคลากร", 330),
            (2, "งบประมาณ", 331),
            (3, "เทคโนโลยี", 332),
            (4, "สภาพพื้นที่", 333),
            (5, "เศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่", 334),
        ]
    );
    let text = |i: usize| r.limitations[i].text.as_deref().unwrap_or("");
    assert!(text(0).starts_with("ด้านการเปลี่ยนแปลงบุคลากร การปรับเปลี่ยนบุคลากร"));
    assert!(text(1).starts_with("การจัดทำงบประมาณสำหรับการบริการประชาชน"));
    assert!(text(2).starts_with("ขาดการพัฒนาเทคโนโลยีสารสนเทศ"));
    assert!(text(3).starts_with("จังหวัดเชียงใหม่มีความหลากหลาย"));
    assert!(text(4).ends_with("อันจะสนับสนุนบรรยากาศที่เอื้อต่อการพัฒนาเศรษฐกิจของท้องถิ่น"));
    // The template's instruction line (ข้อระวาง … “ไม่มีข้อจำกัดของหน่วยงาน” …) is not data.
    assert!(r.limitations.iter().all(|l| !l.no_limitation));
    assert!(r
        .limitations
        .iter()
        .all(|l| !text(usize::from(l.no) - 1).contains("ห้ามตัดหัวข้อ")));
}

#[test]
fn an_explicit_no_limitation_and_an_impossible_date() {
    let seed = seed_text();
    let part3 = seed.find("ส่วนที่ ๓").expect("part 3");
    let mut text = seed[..part3].to_owned();
    text.push_str("ส่วนที่ ๓ การวิเคราะห์ข้อจำกัดของหน่วยงาน\n\nไม่มีข้อจำกัดของหน่วยงาน\n");
    let text = text.replacen("๓๐ กันยายน ๒๕๖๗", "๓๑ กันยายน ๒๕๖๗", 1);
    let r = extract("variant.txt", text.as_bytes());
    assert_eq!(r.limitations.len(), 5);
    assert!(r.limitations.iter().all(|l| l.no_limitation));
    let first = &r.action_plan[0].period;
    assert_eq!(first.raw.as_deref(), Some("1 ตุลาคม 2566 - 31 กันยายน 2567"));
    assert_eq!((first.start.as_deref(), first.end.as_deref()), (None, None));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "plan-period-unreadable")
        .expect("a diagnostic for the impossible date");
    assert!(
        d.message.contains("31 กันยายน 2567 does not exist"),
        "{}",
        d.message
    );
    assert_eq!(d.at.map(|a| a.line), Some(305));
}

#[test]
fn narratives_are_cut_into_question_facts_and_measures() {
    let r = seed();
    for t in &r.topics {
        let p = t
            .analysis_parts
            .as_ref()
            .expect("every seed topic has a narrative");
        let q = p.question.as_deref().expect("question");
        assert!(q.contains("พิจารณาจาก"), "topic {}: {q}", t.no);
        assert!(
            !q.starts_with("ประเด็น"),
            "the heading lines are not the question"
        );
        assert!(p
            .facts
            .as_deref()
            .is_some_and(|f| f.starts_with("ข้อเท็จจริงพบว่า")));
        assert!(p.measures.as_deref().is_some_and(|m| m.starts_with("ดังนั้น")));
    }
    let t1 = &r.topics[0].analysis_parts.as_ref().unwrap();
    assert_eq!(t1.question_ids, ["i1"]);
    assert_eq!(
        t1.cited_ids,
        ["i1", "i2", "i3", "i4", "i5", "i6", "o11", "o12", "o13", "o14"]
    );
    let t3 = &r.topics[2].analysis_parts.as_ref().unwrap();
    assert_eq!(
        t3.cited_ids,
        ["o1", "o2", "o3", "o5", "o6", "o7", "o8", "o9", "o10"]
    );
    // Topic 7's measures run on after a page break.
    let t7 = &r.topics[6].analysis_parts.as_ref().unwrap();
    assert!(t7
        .measures
        .as_deref()
        .unwrap()
        .ends_with("สอดคล้องกับ ข้อ 510 และ ข้อ 515"));
    assert_eq!(
        t7.cited_ids,
        ["o28"],
        "28, 510 and 515 are garbled and left out"
    );
}

#[test]
fn a_wrapped_part_2_heading_is_no_plan_row_and_still_gives_the_year() {
    // A PDF wraps the heading: its year (or the whole `ปีงบประมาณ …`) on a line of its own
    // before the table's header.
    let want = seed();
    // The entries without where they are (the wrap adds a line).
    let strip = |r: &Report| -> Vec<ActionPlanEntry> {
        r.action_plan
            .iter()
            .map(|e| ActionPlanEntry {
                at: want.action_plan[0].at,
                ..e.clone()
            })
            .collect()
    };
    let heading = "ส่วนที่ ๒ การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. ๒๕๖๗";
    for cut in ["ในปีงบประมาณ", "ปีงบประมาณ", "๒๕๖๗"]
    {
        let at = heading.find(cut).expect("in the heading");
        let wrapped = format!("{}\n{}", heading[..at].trim_end(), &heading[at..]);
        let text = seed_text().replacen(heading, &wrapped, 1);
        assert_ne!(text, seed_text());
        let r = extract("wrapped.txt", text.as_bytes());
        assert_eq!(strip(&r), strip(&want), "{cut}");
        assert!(
            diag_lines(&r, "plan-fiscal-year-assumed").is_empty(),
            "{cut}"
        );
    }
}
