//! Reports in two layouts unlike the seed's (`fixtures/templates/`, from `shared/templates`):
//! A (a tools table, an indicator table with three year columns, one paragraph per indicator,
//! no question tables, fiscal 2567) and B (one question table per tool, the summary at the
//! end, Thai digits, grade label, fiscal 2565). Every value their truth gives, exactly, and no
//! question the document does not print.

use serde_json::Value;

use crate::common::{extract, fixture_bytes};

fn check(name: &str) {
    let r = values(name, &format!("templates/{name}.txt"));
    // Every value read and every check passed: the layout's missing parts are no defect.
    assert_eq!(
        r.status,
        ita_extract::model::Status::Ok,
        "{name}: {:#?}",
        r.diagnostics
    );
}

/// Checks every truth value of template `name` in the file `rel` (its text dump or a PDF
/// rendering of it) and returns the report.
fn values(name: &str, rel: &str) -> ita_extract::Report {
    values_of(name, rel, &fixture_bytes(rel))
}

/// [`values`] of `bytes`, named `rel`.
fn values_of(name: &str, rel: &str, bytes: &[u8]) -> ita_extract::Report {
    let r = extract(rel, bytes);
    let truth: Value =
        serde_json::from_slice(&fixture_bytes(&format!("templates/{name}.truth.json"))).unwrap();
    let t = &truth;
    assert_eq!(
        r.agency.name.as_deref(),
        t["agency"]["name"].as_str(),
        "{name}"
    );
    assert_eq!(
        r.agency.district.as_deref(),
        t["agency"]["district"].as_str(),
        "{name}"
    );
    assert_eq!(
        r.agency.province.as_deref(),
        t["agency"]["province"].as_str(),
        "{name}"
    );
    assert_eq!(
        r.fiscal_year.map(u64::from),
        t["fiscal_year"].as_u64(),
        "{name}"
    );
    assert_eq!(r.ita.score, t["ita"]["score"].as_f64(), "{rel}");
    assert_eq!(
        r.ita.result.as_deref(),
        t["ita"]["result"].as_str(),
        "{name}"
    );
    for (key, got) in [
        ("iit", r.tools.iit),
        ("eit", r.tools.eit),
        ("oit", r.tools.oit),
    ] {
        assert_eq!(got, t["tools"][key].as_f64(), "{rel} {key}");
    }
    let want: Vec<(u64, f64)> = t["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["no"].as_u64().unwrap(), i["score"].as_f64().unwrap()))
        .collect();
    let got: Vec<(u64, f64)> = r
        .indicators
        .iter()
        .map(|i| (u64::from(i.no), i.score.unwrap_or(f64::NAN)))
        .collect();
    assert_eq!(got, want, "{rel} indicators");
    let want: Vec<(String, String, f64)> = t["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["tool"].as_str().unwrap().to_owned(),
                q["id"].as_str().unwrap().to_owned(),
                q["score"].as_f64().unwrap(),
            )
        })
        .collect();
    let got: Vec<(String, String, f64)> = r
        .questions
        .iter()
        .map(|q| {
            (
                q.tool.as_str().to_owned(),
                q.id.clone(),
                q.score.unwrap_or(f64::NAN),
            )
        })
        .collect();
    assert_eq!(got, want, "{rel} questions");
    r
}

/// The layouts as PDFs (`scripts/make-template-pdfs.sh`): wkhtmltopdf and LibreOffice's HTML
/// import, whose tables run cells together (`95.12 92.64 98.58`, `ร้อยละ 30 95.73`,
/// `ผ่าน ผ่าน`) and lose a table of contents' cells (`…(EIT) 4`), and B-1 through LibreOffice
/// Writer, whose id column wraps `i๑` / `๐`: the same values.
#[test]
fn layouts_as_pdfs() {
    for (name, producers) in [
        ("A-1", &["wkhtmltopdf-garuda", "libreoffice-html"][..]),
        (
            "B-1",
            &["wkhtmltopdf-garuda", "libreoffice-html", "lo-writer-garuda"],
        ),
    ] {
        for producer in producers {
            let r = values(name, &format!("templates/pdf/{name}.{producer}.pdf"));
            assert_eq!(r.source.format, ita_extract::model::Format::Pdf);
        }
    }
}

#[test]
fn layout_a_indicator_narratives_and_year_columns() {
    check("A-1");
    check("A-2");
    let r = extract("A-1", &fixture_bytes("templates/A-1.txt"));
    // The other years of the comparison table are history, never this year's values.
    let h: Vec<(u16, Option<u8>, f64)> = r
        .history
        .iter()
        .filter(|h| h.indicator == Some(1) || h.indicator.is_none())
        .map(|h| (h.year, h.indicator, h.score))
        .collect();
    assert_eq!(
        h,
        [
            (2565, None, 89.46),
            (2565, Some(1), 95.12),
            (2566, None, 91.71),
            (2566, Some(1), 92.64)
        ]
    );
}

#[test]
fn layout_b_question_tables_per_tool() {
    check("B-1");
    check("B-2");
    let r = extract("B-1", &fixture_bytes("templates/B-1.txt"));
    let o4 = r.questions.iter().find(|q| q.id == "o4").unwrap();
    assert_eq!(o4.score, Some(0.0));
    assert_eq!(o4.indicator, Some(9));
    assert_eq!(o4.text.as_deref(), Some("แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน"));
    // 2565: OIT indicator 9 is o1–o33, 10 is o34–o43.
    let o34 = r.questions.iter().find(|q| q.id == "o34").unwrap();
    assert_eq!(o34.indicator, Some(10));
    let o33 = r.questions.iter().find(|q| q.id == "o33").unwrap();
    assert_eq!(o33.indicator, Some(9));
}

/// A row lost from a per-tool question table (at a page break, say) is named, never silent.
#[test]
fn a_lost_question_row_is_named() {
    let text = String::from_utf8(fixture_bytes("templates/B-1.txt")).unwrap();
    let lost: String = text
        .lines()
        .filter(|l| !l.starts_with("o๓\t") && !l.starts_with("i๒๗\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    let r = extract("lost.txt", lost.as_bytes());
    let messages: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "question-rows-missing")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the IIT question table lists 29 of its 30 questions; not read: i27",
            "the OIT question table lists 42 of its 43 questions; not read: o3"
        ]
    );
    assert_eq!(r.status, ita_extract::model::Status::Partial);
}

/// Question rows whose id cells are broken (`i1 0`, as a layout splits a wrapped `i๑` / `๐`)
/// lose their scores with a warning each, though most of the table's rows are lost: never a
/// null without a word.
#[test]
fn broken_id_cells_are_named_row_by_row() {
    let text = String::from_utf8(fixture_bytes("templates/B-1.txt")).unwrap();
    let broken = regex::Regex::new(r"(?m)^i([๑๒])([๐-๙])\t")
        .unwrap()
        .replace_all(&text, "i$1 $2\t");
    let r = extract("broken.txt", broken.as_bytes());
    let lines: Vec<u32> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "question-row-unreadable")
        .filter_map(|d| d.at.map(|a| a.line))
        .collect();
    assert_eq!(lines.len(), 20, "i10–i29: {:?}", r.diagnostics);
    assert!(r
        .questions
        .iter()
        .all(|q| !q.id.starts_with('i') || q.id.len() == 2 || q.id == "i30"));
    assert_eq!(r.status, ita_extract::model::Status::Partial);
}

/// Pairs of question rows run together cell by cell (`i๑๑ i๑๒ | wording | ๙๒.๔๐ ๙๑.๘๑`, as
/// LibreOffice Writer's tall Typist rows join two rows across a page break): every value.
#[test]
fn question_rows_run_together_give_every_value() {
    let text = String::from_utf8(fixture_bytes("templates/B-1.txt")).unwrap();
    let pair = regex::Regex::new(
        r"(?m)^([ieo][๐-๙]+)\t([^\t\n]+)\t([๐-๙.]+)\n([ieo][๐-๙]+)\t([^\t\n]+)\t([๐-๙.]+)$",
    )
    .unwrap();
    let merged = pair.replace_all(&text, "$1 $4\t$2$5\t$3 $6");
    assert!(merged.matches(" i๑").count() >= 4, "{merged}");
    let r = values_of("B-1", "merged.txt", merged.as_bytes());
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "question-rows-split"));
}

/// The ITA sentence wrapped over three lines, its anchor (the ITA's Thai name) cut by a line
/// end (`…การประเมินคุณธรรม` / `และความโปร่งใส…`, as Umpush's line boxes leave it): every value.
#[test]
fn an_anchor_cut_by_a_line_end_still_binds_its_score() {
    let text = String::from_utf8(fixture_bytes("templates/B-1.txt")).unwrap();
    let wrapped = text.replace(
        "ได้คะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รวม",
        "ได้คะแนนการประเมินคุณธรรม\nและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕\nรวม",
    );
    assert_ne!(wrapped, text);
    values_of("B-1", "wrapped.txt", wrapped.as_bytes());
}

/// Another year's score printed differently in two tables is left out of history, with a
/// warning quoting both; this year's values are untouched.
#[test]
fn a_history_conflict_is_named_not_chosen() {
    let mut text = String::from_utf8(fixture_bytes("templates/A-1.txt")).unwrap();
    text.push_str("\nตัวชี้วัด\tปี 2565\tปี 2567\n1. การปฏิบัติหน้าที่\t11.11\t98.58\n");
    let r = extract("conflict.txt", text.as_bytes());
    assert_eq!(r.indicators[0].score, Some(98.58));
    assert!(!r
        .history
        .iter()
        .any(|h| h.year == 2565 && h.indicator == Some(1)));
    assert!(r
        .history
        .iter()
        .any(|h| h.year == 2565 && h.indicator == Some(2)));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "history-conflict")
        .unwrap();
    assert!(
        d.message.contains("95.12") && d.message.contains("11.11"),
        "{}",
        d.message
    );
}
