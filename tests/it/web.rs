//! Results from the web (issue 13): ITAS ranking tables in every separator, saved web pages
//! and CSV files, result announcements and news items in prose. Every document is in
//! `fixtures/web/`, written for these tests from the patterns real pages use.

use ita_extract::model::{AgencyType, DocumentKind, Format, RankingRow, ResultEntry, Status};

use crate::common::{codes, extract, fixture, fixture_bytes};

/// A ranking row as (rank, agency, district, province, score).
type Row<'a> = (u32, &'a str, Option<&'a str>, Option<&'a str>, Option<f64>);

fn rows(r: &[RankingRow]) -> Vec<Row<'_>> {
    r.iter()
        .map(|x| {
            (
                x.rank,
                x.agency.as_str(),
                x.district.as_deref(),
                x.province.as_deref(),
                x.score,
            )
        })
        .collect()
}

fn web(name: &str) -> ita_extract::Report {
    let rel = format!("web/{name}");
    extract(&rel, &fixture_bytes(&rel))
}

/// The four rows every plain ranking fixture gives before its cut-off row.
const FOUR: [Row<'static>; 4] = [
    (
        1,
        "เทศบาลตำบลหนองหาร",
        Some("สันทราย"),
        Some("เชียงใหม่"),
        Some(96.25),
    ),
    (
        2,
        "องค์การบริหารส่วนตำบลแม่แฝก",
        Some("สันทราย"),
        Some("เชียงใหม่"),
        Some(91.08),
    ),
    (
        3,
        "เทศบาลตำบลสันผักหวาน",
        Some("หางดง"),
        Some("เชียงใหม่"),
        Some(88.40),
    ),
    (
        4,
        "องค์การบริหารส่วนตำบลขี้เหล็ก",
        Some("แม่ริม"),
        Some("เชียงใหม่"),
        Some(79.05),
    ),
];

/// The one `ranking-row-incomplete` warning quotes `quoted`, and nothing else is flagged.
fn cut_off_row(r: &ita_extract::Report, quoted: &str, line: u32) {
    let warnings: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity >= ita_extract::model::Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].code, "ranking-row-incomplete");
    assert!(
        warnings[0].message.contains(quoted),
        "{}",
        warnings[0].message
    );
    assert_eq!(warnings[0].at.map(|a| a.line), Some(line));
    assert_eq!(r.status, Status::Partial);
}

#[test]
fn ranking_with_tabs_and_a_cut_off_row() {
    let r = web("ranking-tabs.txt");
    assert_eq!(r.document.kind, DocumentKind::ItasRanking);
    assert_eq!(r.fiscal_year, Some(2561));
    assert_eq!(rows(&r.ranking), FOUR);
    assert_eq!(
        r.ranking.iter().map(|x| x.kind).collect::<Vec<_>>(),
        [
            Some(AgencyType::SubdistrictMunicipality),
            Some(AgencyType::SubdistrictAdministration),
            Some(AgencyType::SubdistrictMunicipality),
            Some(AgencyType::SubdistrictAdministration),
        ]
    );
    assert_eq!(
        r.ranking.iter().map(|x| x.at.line).collect::<Vec<_>>(),
        [5, 6, 7, 8]
    );
    assert!(r
        .ranking
        .iter()
        .all(|x| x.iit.is_none() && x.result.is_none()));
    cut_off_row(&r, "เทศบาลตำบลแม่โจ้", 9);
}

#[test]
fn ranking_with_runs_of_spaces_and_a_row_cut_mid_number() {
    let r = web("ranking-spaces.txt");
    assert_eq!(r.fiscal_year, Some(2561));
    assert_eq!(rows(&r.ranking), FOUR);
    // `… เชียงใหม่   8` is 88.xx cut short: its score has fewer decimals than every other row.
    cut_off_row(&r, "เทศบาลตำบลแม่โจ้", 8);
}

#[test]
fn ranking_with_single_spaces_read_from_the_right() {
    let r = web("ranking-single-space.txt");
    assert_eq!(r.document.kind, DocumentKind::ItasRanking);
    assert_eq!(r.fiscal_year, Some(2561));
    let mut want = FOUR.to_vec();
    want.push((
        5,
        "เทศบาลเมืองเชียงใหม่ใหม่",
        Some("เมืองเชียงใหม่"),
        Some("เชียงใหม่"),
        Some(75.50),
    ));
    want.push((
        6,
        "องค์การบริหารส่วนจังหวัดลำพูน",
        Some("เมืองลำพูน"),
        Some("ลำพูน"),
        Some(90.00),
    ));
    assert_eq!(rows(&r.ranking), want);
    assert_eq!(
        r.ranking[5].kind,
        Some(AgencyType::ProvincialAdministration)
    );
    cut_off_row(&r, "7 เทศบาลตำบลแม่โจ้ สันทราย เชีย", 9);
}

#[test]
fn ranking_with_single_spaces_and_the_tool_columns() {
    let r = web("ranking-single-space-tools.txt");
    assert_eq!(r.fiscal_year, Some(2565));
    let got: Vec<_> = r
        .ranking
        .iter()
        .map(|x| {
            (
                x.rank,
                x.agency.as_str(),
                x.district.as_deref(),
                x.iit,
                x.eit,
                x.oit,
                x.score,
                x.result.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "องค์การบริหารส่วนตำบลแม่แฝก",
                Some("สันทราย"),
                Some(98.10),
                Some(92.40),
                Some(100.0),
                Some(96.95),
                Some("AA")
            ),
            (
                2,
                "เทศบาลตำบล หนองหาร",
                Some("สันทราย"),
                Some(95.12),
                Some(90.01),
                Some(88.75),
                Some(91.04),
                Some("A")
            ),
            (
                3,
                "เทศบาลตำบลสันผักหวาน",
                Some("หางดง"),
                Some(80.00),
                Some(78.10),
                Some(60.25),
                Some(71.53),
                Some("C")
            ),
        ]
    );
    assert_eq!(r.ranking[1].kind, Some(AgencyType::SubdistrictMunicipality));
    // The row cut after its EIT is not half-read.
    cut_off_row(&r, "องค์การบริหารส่วนตำบลขี้เหล็ก แม่ริม เชียงใหม่ 90.11 85.00", 6);
}

#[test]
fn ranking_with_commas_in_a_text_file() {
    let r = web("ranking-comma.txt");
    assert_eq!(r.source.format, Format::Text);
    assert_eq!(r.fiscal_year, Some(2564));
    assert_eq!(rows(&r.ranking), FOUR[..3]);
    cut_off_row(&r, "4,องค์การบริหารส่วนตำบลขี้เหล็ก,แม่ริม", 7);
}

#[test]
fn a_csv_file_with_quoted_fields_and_the_tool_columns() {
    let r = web("ranking.csv");
    assert_eq!(r.source.format, Format::Csv);
    assert_eq!(r.document.kind, DocumentKind::ItasRanking);
    assert_eq!(r.fiscal_year, Some(2565));
    let got: Vec<_> = r
        .ranking
        .iter()
        .map(|x| {
            (
                x.rank,
                x.agency.as_str(),
                x.iit,
                x.eit,
                x.oit,
                x.score,
                x.result.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                "องค์การบริหารส่วนตำบลแม่แฝก",
                Some(98.10),
                Some(92.40),
                Some(100.0),
                Some(96.95),
                Some("AA")
            ),
            // A quoted field with a newline inside: one cell.
            (
                2,
                "องค์การบริหารส่วนตำบล ป่าไผ่",
                Some(95.12),
                Some(90.01),
                Some(88.75),
                Some(91.04),
                Some("A")
            ),
            // Doubled quotes inside a quoted field.
            (
                3,
                "เทศบาลตำบล \"สันผักหวาน\"",
                Some(80.00),
                Some(78.10),
                Some(60.25),
                Some(71.53),
                Some("C")
            ),
        ]
    );
    cut_off_row(&r, "4", 6);
}

#[test]
fn a_saved_itas_page_with_script_and_navigation() {
    let r = web("itas-page.html");
    assert_eq!(r.source.format, Format::Html);
    assert_eq!(r.document.kind, DocumentKind::ItasRanking);
    // The navigation's years (2561, 2560) are not the page's; the footer's date is ignored.
    assert_eq!(r.fiscal_year, Some(2562));
    assert_eq!(rows(&r.ranking), FOUR[..3]);
    assert_eq!(r.status, Status::Ok, "{:#?}", r.diagnostics);
    // No cell of the scripts (99.99, 50.00) or of the commented-out table.
    let text =
        ita_extract::normalized_text("p.html", &fixture_bytes("web/itas-page.html")).unwrap();
    let all: Vec<&str> = text.lines.iter().map(|l| l.text.as_str()).collect();
    let joined = all.join("\n");
    for absent in [
        "99.99",
        "50.00",
        "ความเห็น",
        "เข้าสู่ระบบ",
        "หน้าหลัก",
        "2560",
        "©",
    ] {
        assert!(!joined.contains(absent), "{absent} in {joined}");
    }
    assert!(
        all.contains(&"#\tหน่วยงาน\tอำเภอ\tจังหวัด\tคะแนนเฉลี่ย"),
        "{all:#?}"
    );
    assert!(all.contains(&"2\tองค์การบริหารส่วนตำบลแม่แฝก\tสันทราย\tเชียงใหม่\t91.08"));
}

/// (agency, as written, year, score, result, rank, rank of, scope, group) of an entry.
type Entry<'a> = (
    &'a str,
    &'a str,
    Option<u16>,
    Option<f64>,
    Option<&'a str>,
    Option<u32>,
    Option<u32>,
    Option<&'a str>,
    Option<&'a str>,
);

fn entry(e: &ResultEntry) -> Entry<'_> {
    (
        e.agency.as_str(),
        e.agency_as_written.as_str(),
        e.fiscal_year,
        e.score,
        e.result.as_deref(),
        e.rank,
        e.rank_of,
        e.rank_scope.as_deref(),
        e.group.as_deref(),
    )
}

#[test]
fn announcements_phrased_in_many_ways() {
    #[rustfmt::skip]
    let cases: [(&str, Entry<'_>, Option<AgencyType>); 10] = [
        // `จำนวน X คะแนน จากคะแนนเต็ม 100 คะแนน`, a grade after ผลการประเมินระดับ, year `ประจำปี 2564`.
        ("announce-1-amount.txt",
         ("เทศบาลตำบลหนองแก้ว", "เทศบาลตำบลหนองแก้ว", Some(2564), Some(87.12), Some("A"), None, None, None, None),
         Some(AgencyType::SubdistrictMunicipality)),
        // A municipality without its type, `ITA ปี 2564 ที่ X คะแนน`.
        ("announce-2-no-type.txt",
         ("เทศบาลบ้านสวน", "เทศบาลบ้านสวน", Some(2564), Some(97.10), Some("AA"), None, None, None, None),
         None),
        // A short form, `ด้วยคะแนน X ระดับ AA`.
        ("announce-3-short.txt",
         ("สพฐ.", "สพฐ.", Some(2565), Some(96.40), Some("AA"), None, None, None, None),
         None),
        // A full name with its short form in parentheses; a count of respondents below.
        ("announce-4-full-and-short.txt",
         ("สำนักงานหลักประกันสุขภาพแห่งชาติ", "สำนักงานหลักประกันสุขภาพแห่งชาติ", Some(2565), Some(95.83), Some("AA"), None, None, None, None),
         None),
        // `ITA 2566`, `ได้ X คะแนน`, `ผลการประเมิน ผ่าน`.
        ("announce-5-ita-year.txt",
         ("สปสช.", "สปสช.", Some(2566), Some(94.10), Some("ผ่าน"), None, None, None, None),
         None),
        // An abbreviated prefix, `เท่ากับ X`, `ผ่านดี`, a rank in a district.
        ("announce-6-rank-scope.txt",
         ("องค์การบริหารส่วนตำบลแม่แฝก", "อบต.แม่แฝก", Some(2566), Some(92.55), Some("ผ่านดี"), Some(3), None, Some("อำเภอสันทราย"), None),
         Some(AgencyType::SubdistrictAdministration)),
        // `อยู่ที่ X`, `ลำดับที่ 41 จาก 198 แห่ง ของจังหวัด…`.
        ("announce-7-rank-of.txt",
         ("เทศบาลเมืองแม่โจ้", "เทศบาลเมืองแม่โจ้", Some(2566), Some(91.20), Some("ผ่าน"), Some(41), Some(198), Some("จังหวัดเชียงใหม่"), None),
         Some(AgencyType::TownMunicipality)),
        // A headline, then a story with dates, a count, a range, the name run into `ได้คะแนน`.
        ("announce-8-headline-body.txt",
         ("องค์การบริหารส่วนจังหวัดลำพูน", "องค์การบริหารส่วนจังหวัดลำพูน", Some(2566), Some(93.45), Some("ผ่าน"), None, None, None, None),
         Some(AgencyType::ProvincialAdministration)),
        // The agency after ของ, the year before it, `ผลการประเมิน: ต้องปรับปรุง`.
        ("announce-9-after-of.txt",
         ("มหาวิทยาลัยราชภัฏดอยคำ", "มหาวิทยาลัยราชภัฏดอยคำ", Some(2566), Some(83.40), Some("ต้องปรับปรุง"), None, None, None, None),
         None),
        // The announcement of fixtures/documents, as before.
        ("../documents/announcement-sanphakwan-2566.txt",
         ("เทศบาลตำบลสันผักหวาน", "เทศบาลตำบลสันผักหวาน", Some(2566), Some(97.90), Some("ผ่านดี"), None, None, None, None),
         Some(AgencyType::SubdistrictMunicipality)),
    ];
    for (name, want, kind) in cases {
        let r = web(name);
        assert_eq!(r.document.kind, DocumentKind::ResultAnnouncement, "{name}");
        assert_eq!(r.results.len(), 1, "{name}: {:#?}", r.results);
        assert_eq!(entry(&r.results[0]), want, "{name}");
        // A single agency fills the top level too.
        assert_eq!(r.agency.name.as_deref(), Some(want.0), "{name}");
        assert_eq!(r.agency.name_as_written.as_deref(), Some(want.1), "{name}");
        assert_eq!(r.agency.kind, kind, "{name}");
        assert_eq!(r.fiscal_year, want.2, "{name}");
        assert_eq!(r.ita.score, want.3, "{name}");
        assert_eq!(r.ita.result.as_deref(), want.4, "{name}");
        assert_eq!(r.status, Status::Ok, "{name}: {:#?}", r.diagnostics);
    }
}

#[test]
fn news_naming_many_agencies_leaves_the_top_level_empty() {
    let r = web("news-groups.txt");
    assert_eq!(r.document.kind, DocumentKind::ResultAnnouncement);
    let got: Vec<Entry<'_>> = r.results.iter().map(entry).collect();
    #[rustfmt::skip]
    assert_eq!(got, [
        ("กรมบัญชีกลาง", "กรมบัญชีกลาง", Some(2566), Some(96.02), None, None, None, None, Some("ประเภทที่ 1")),
        ("มหาวิทยาลัยดอยหลวง", "มหาวิทยาลัยดอยหลวง", Some(2566), Some(95.11), None, None, None, None, Some("ประเภทที่ 2")),
        ("เทศบาลตำบลบ้านกลาง", "เทศบาลตำบลบ้านกลาง", Some(2566), Some(99.45), None, None, None, None, Some("ประเภทที่ 3")),
    ]);
    assert_eq!(
        r.results.iter().map(|e| e.at.line).collect::<Vec<_>>(),
        [3, 4, 5]
    );
    assert!(r.agency.name.is_none() && r.fiscal_year.is_none() && r.ita.score.is_none());
    assert!(codes(&r).contains(&"announcement-many-agencies"));
    assert_eq!(r.status, Status::Ok, "{:#?}", r.diagnostics);
}

#[test]
fn a_ranking_list_in_prose() {
    let r = web("news-ranking-prose.txt");
    let got: Vec<Entry<'_>> = r.results.iter().map(entry).collect();
    #[rustfmt::skip]
    assert_eq!(got, [
        ("เทศบาลตำบลหนองหาร", "เทศบาลตำบลหนองหาร", Some(2565), Some(98.50), None, Some(1), None, None, None),
        ("องค์การบริหารส่วนตำบลป่าไผ่", "องค์การบริหารส่วนตำบลป่าไผ่", Some(2565), Some(97.25), None, Some(2), None, None, None),
        ("เทศบาลตำบลแม่แฝกใหม่", "เทศบาลตำบลแม่แฝกใหม่", Some(2565), Some(95.00), None, Some(3), None, None, None),
    ]);
    assert!(r.agency.name.is_none() && r.ita.score.is_none());
}

#[test]
fn a_page_that_only_mentions_ita_is_refused() {
    for name in ["web/news-no-result.txt", "documents/news-mentions-ita.txt"] {
        let e = ita_extract::extract(name, &fixture_bytes(name)).unwrap_err();
        assert_eq!(e.kind().code(), "not_ita_document", "{name}");
        assert!(e.to_string().contains("looked for"), "{e}");
    }
}

#[test]
fn no_number_that_is_not_a_result() {
    // Dates, counts, ranges, full marks, targets, other years and tools' scores around a
    // result: only the result is taken.
    let text = "เทศบาลตำบลหนองแก้ว ประกาศผล ITA ประจำปีงบประมาณ พ.ศ. 2566 เมื่อวันที่ 12 มกราคม 2567 \
                จากหน่วยงานทั้งหมด 8,303 หน่วยงาน ร้อยละ 5-15 ผ่านเกณฑ์ 85 คะแนนขึ้นไป \
                เทียบกับปี 2565 ที่ได้ 80.25 คะแนน IIT 90.10 คะแนน \
                ปี 2566 ได้คะแนน ITA 88.88 คะแนน จากคะแนนเต็ม 100 คะแนน ผลการประเมิน ผ่าน\n";
    let r = extract("n.txt", text.as_bytes());
    assert_eq!(r.results.len(), 1, "{:#?}", r.results);
    assert_eq!(r.ita.score, Some(88.88));
    assert_eq!(r.ita.result.as_deref(), Some("ผ่าน"));
    assert_eq!(r.fiscal_year, Some(2566));
}

#[test]
fn web_pages_and_csv_files_in_a_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["itas-page.html", "ranking.csv", "news-groups.txt"] {
        std::fs::copy(fixture(&format!("web/{name}")), input.join(name)).unwrap();
    }
    std::fs::copy(fixture("web/itas-page.html"), input.join("PAGE.HTM")).unwrap();
    std::fs::write(input.join("ignored.json"), "{}").unwrap();
    let out = tmp.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .arg(&input)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let reports = std::fs::read_to_string(out.join("reports.jsonl")).unwrap();
    let formats: Vec<(String, String)> = reports
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["source"]["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                v["source"]["format"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        formats,
        [
            s("PAGE.HTM", "html"),
            s("itas-page.html", "html"),
            s("news-groups.txt", "text"),
            s("ranking.csv", "csv"),
        ]
    );
    let csv = std::fs::read_to_string(out.join("results.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("report_id,agency,agency_as_written,type,fiscal_year,score,result,rank,rank_of,rank_scope,group,page,line")
    );
    assert_eq!(lines.count(), 3);
    let ranking = std::fs::read_to_string(out.join("ranking.csv")).unwrap();
    assert!(ranking.starts_with(
        "report_id,rank,agency,type,district,province,score,page,line,iit,eit,oit,result\n"
    ));
    assert!(
        ranking.contains(",96.95,,3,98.1,92.4,100,AA\n"),
        "{ranking}"
    );
    let db = rusqlite::Connection::open(out.join("ita.sqlite")).unwrap();
    let n: i64 = db
        .query_row(
            "select count(*) from results where \"group\" is not null",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 3);
}

#[test]
fn a_date_of_another_year_does_not_hide_the_score() {
    // Results of fiscal 2566 are announced in 2567: the date's year is no fiscal year.
    let text = "องค์การบริหารส่วนตำบลป่าไผ่ ประกาศผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2566 \
                เมื่อวันที่ 12 มกราคม 2567 ได้คะแนน 91.37 คะแนน ผลการประเมินระดับ ผ่านดี \
                ปี 2567 ตั้งเป้าหมายไว้ที่ 95 คะแนน\n";
    let r = extract("d.txt", text.as_bytes());
    assert_eq!(
        entry(&r.results[0]),
        (
            "องค์การบริหารส่วนตำบลป่าไผ่",
            "องค์การบริหารส่วนตำบลป่าไผ่",
            Some(2566),
            Some(91.37),
            Some("ผ่านดี"),
            None,
            None,
            None,
            None
        )
    );
    // Scores of two years, the announced one first: the other year's is not taken.
    let text = "เทศบาลตำบลบ้านกลาง ผลการประเมิน ITA ปี 2566 ได้ 92.30 คะแนน ซึ่งปี 2565 ได้ 88.50 คะแนน\n";
    let r = extract("y.txt", text.as_bytes());
    assert_eq!(r.ita.score, Some(92.30));
    assert_eq!(r.fiscal_year, Some(2566));
}

#[test]
fn ranking_copied_without_its_header() {
    // Rows only, in the plain columns (# หน่วยงาน อำเภอ จังหวัด คะแนน), then the pager and a
    // footer that starts with a number: only the row right after the last one is a cut row.
    let r = web("ranking-no-header.txt");
    assert_eq!(r.document.kind, DocumentKind::ItasRanking);
    assert_eq!(r.fiscal_year, Some(2561));
    assert_eq!(rows(&r.ranking), FOUR);
    cut_off_row(&r, "5 เทศบาลตำบลแม่โจ้ สัน", 6);
}

#[test]
fn names_in_quotes_and_one_municipality_written_two_ways() {
    let r = web("news-quoted.txt");
    let got: Vec<Entry<'_>> = r.results.iter().map(entry).collect();
    #[rustfmt::skip]
    assert_eq!(got, [
        ("ตำรวจภูธรจังหวัดดอยหลวง", "ตำรวจภูธรจังหวัดดอยหลวง", Some(2565), Some(93.10), Some("A"), None, None, None, None),
        ("ศาลปกครองดอยหลวง", "ศาลปกครองดอยหลวง", Some(2565), Some(95.20), Some("AA"), None, None, None, None),
    ]);
    // A headline without the type, a story with it: one agency, its full name.
    let r = web("announce-10-two-forms.txt");
    assert_eq!(r.results.len(), 1, "{:#?}", r.results);
    assert_eq!(r.agency.name.as_deref(), Some("เทศบาลตำบลบ้านสวน"));
    assert_eq!(r.agency.kind, Some(AgencyType::SubdistrictMunicipality));
    assert_eq!((r.fiscal_year, r.ita.score), (Some(2565), Some(96.05)));
    assert_eq!(r.ita.result.as_deref(), Some("AA"));
}

#[test]
fn tool_scores_beside_the_total() {
    let text = "เทศบาลเมืองต้นเปา ผลการประเมิน ITA ปี 2566 IIT 95.12 คะแนน EIT 90.00 คะแนน OIT 100 คะแนน รวม 95.54 คะแนน ผลการประเมิน ผ่านดีเยี่ยม\n";
    let r = extract("t.txt", text.as_bytes());
    assert_eq!(r.results.len(), 1);
    assert_eq!(r.ita.score, Some(95.54));
    assert_eq!(r.ita.result.as_deref(), Some("ผ่านดีเยี่ยม"));
    assert_eq!(
        (r.tools.iit, r.tools.eit, r.tools.oit),
        (Some(95.12), Some(90.00), Some(100.0))
    );
}
