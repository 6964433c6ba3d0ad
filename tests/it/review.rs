//! The review site (`batch --format html`, `ita-extract review`) through the real binary: its
//! structure checked with a few regexes (no browser).

use std::collections::BTreeSet;
use std::path::Path;

use regex::Regex;

use crate::common::run_bin;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every captured group 1 of `re` in `hay`.
fn all(re: &str, hay: &str) -> Vec<String> {
    Regex::new(re)
        .unwrap()
        .captures_iter(hay)
        .map(|c| c[1].to_owned())
        .collect()
}

/// The formats (`pdf`, `text`, …) of the reports in `reports.jsonl`, in order.
fn formats(out: &Path) -> Vec<String> {
    read(&out.join("reports.jsonl"))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["source"]["format"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// Checks one report page: every value row with a page links to an outlined box (a `rect` of
/// class `box` inside an SVG page drawing) that links back to it. Returns how many rows link.
fn check_pdf_page(name: &str, html: &str) -> usize {
    let rows = Regex::new(r#"<tr id="(v\d+)" class="value[^"]*"([^>]*)>"#).unwrap();
    let rects: BTreeSet<String> = all(r#"<rect id="(b\d+)" class="box[ "]"#, html)
        .into_iter()
        .collect();
    let backs: BTreeSet<String> = all(r##"<a href="#(v\d+)"><rect id="b\d+""##, html)
        .into_iter()
        .collect();
    let svg_at = html.find("<svg class=\"page\"");
    let mut linked = 0;
    for c in rows.captures_iter(html) {
        let (row, attrs) = (&c[1], &c[2]);
        if !attrs.contains("data-page=") {
            continue;
        }
        let id = all(r#"data-box="(b\d+)""#, attrs);
        assert_eq!(id.len(), 1, "{name}: row {row} has a page but no box");
        let id = &id[0];
        assert!(
            rects.contains(id),
            "{name}: row {row} links to {id}, no such box"
        );
        let at = html.find(&format!("<rect id=\"{id}\"")).unwrap();
        assert!(
            svg_at.is_some_and(|s| s < at),
            "{name}: {id} is not in a page drawing"
        );
        assert!(
            html.contains(&format!("href=\"#{id}\"")),
            "{name}: the value of {row} does not link to its box"
        );
        assert!(
            backs.contains(row),
            "{name}: box {id} does not link back to {row}"
        );
        linked += 1;
    }
    linked
}

/// `batch --format html` over the fixtures writes an index with one row per report, one page
/// per report; a PDF report's value rows each link to an outlined box on an SVG page; a text
/// report's page has no drawing; nothing prints a Rust escape.
#[test]
fn the_batch_site_has_an_index_a_page_per_report_and_linked_boxes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = run_bin(
        &[
            "batch",
            "fixtures/templates",
            "fixtures/pdf",
            "fixtures/reports",
            "fixtures/documents",
            "-o",
            s(&out),
            "-q",
            "--format",
            "jsonl,html",
        ],
        b"",
    );
    assert_eq!(
        r.code, 1,
        "some fixtures are broken on purpose: {}",
        r.stderr
    );
    let site = out.join("review");
    let index = read(&site.join("index.html"));
    let formats = formats(&out);
    let links = all(
        r#"<tr class="report"[^>]*>.*?href="(reports/\d{4}\.html)""#,
        &index,
    );
    assert_eq!(links.len(), formats.len(), "one index row per report");
    let pages: BTreeSet<String> = std::fs::read_dir(site.join("reports"))
        .unwrap()
        .map(|e| format!("reports/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(
        pages,
        links.iter().cloned().collect::<BTreeSet<_>>(),
        "one page per report, each linked from the index"
    );
    assert!(!index.contains("\\u{"), "index prints a Rust escape");
    assert!(index.contains("<script>") && !index.contains("src=\"http"));
    let (mut pdf_rows, mut text_pages) = (0, 0);
    for (link, format) in links.iter().zip(&formats) {
        let html = read(&site.join(link));
        assert!(!html.contains("\\u{"), "{link} prints a Rust escape");
        assert!(
            html.contains("Noto Sans Thai"),
            "{link}: no Thai font stack"
        );
        if format == "pdf" {
            let linked = check_pdf_page(link, &html);
            assert!(linked > 0, "{link}: a PDF report with no outlined value");
            pdf_rows += linked;
        } else {
            assert!(
                !html.contains("<svg"),
                "{link}: a {format} input has no page to draw"
            );
            assert!(html.contains("<tr id=\"v1\""), "{link}: no value rows");
            text_pages += 1;
        }
    }
    assert!(pdf_rows > 1000, "only {pdf_rows} linked value rows");
    assert!(text_pages >= 5, "only {text_pages} text report pages");
}

/// `ita-extract review OUT_DIR` works from `reports.jsonl`; a report whose source is gone
/// keeps its table (values, pages, lines) without the drawing, and says why.
#[test]
fn review_of_an_output_directory_without_a_source_keeps_the_table() {
    let tmp = tempfile::tempdir().unwrap();
    let pdf = tmp.path().join("seed.pdf");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/chiangmai-2566.chromium.pdf"),
        &pdf,
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = run_bin(
        &["batch", s(&pdf), "-o", s(&out), "-q", "--format", "jsonl"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = tmp.path().join("site");
    let r = run_bin(&["review", s(&out), "--out", s(&site)], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let with_source = read(&site.join("reports/0001.html"));
    assert!(check_pdf_page("with source", &with_source) > 90);
    assert!(with_source.contains("<td class=\"src\">แบบวัดการรับรู้"));

    std::fs::remove_file(&pdf).unwrap();
    let r = run_bin(&["review", s(&out), "--out", s(&site)], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("1 without their source"), "{}", r.stderr);
    let without = read(&site.join("reports/0001.html"));
    assert!(!without.contains("<svg"));
    assert!(without.contains("cannot be read"), "the page says why");
    assert!(without.contains(">92.19<"), "the values stay");
}

/// `ita-extract review` over inputs reads them itself; a bad input is named and exits 1, the
/// others get their pages; text special characters are escaped.
#[test]
fn review_of_inputs_goes_on_past_a_bad_one() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let r = run_bin(
        &[
            "review",
            "fixtures/reports/chiangmai-2566.txt",
            "fixtures/pdf/truncated.pdf",
            "--out",
            s(&site),
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("truncated.pdf"), "{}", r.stderr);
    let index = read(&site.join("index.html"));
    assert_eq!(all(r#"(<tr class="report")"#, &index).len(), 1);
    let page = read(&site.join("reports/0001.html"));
    // The seed's diagnostics quote `"ผ่าน"`: escaped, never raw in an attribute or element.
    assert!(page.contains("&quot;"));
    assert!(!page.contains("<svg"));
}

/// `at.bbox`: a PDF value's box is its printed number's (a few glyphs wide, one line high, on
/// the page); the indicator scores stand in one column, top to bottom; a value printed twice on
/// its line gets the line's box; text inputs have no boxes at all.
#[test]
fn pdf_values_carry_the_box_of_their_printed_number_and_text_values_none() {
    use crate::common::{extract, fixture_bytes, seed_text};
    let r = extract(
        "seed.pdf",
        &fixture_bytes("pdf/chiangmai-2566.chromium.pdf"),
    );
    let [x0, y0, x1, y1] = r.ita.at.unwrap().bbox.expect("the ITA score's box").0;
    assert!(
        x0 < x1 && y0 < y1 && x1 - x0 < 60.0 && y1 - y0 < 30.0,
        "{x0} {y0} {x1} {y1}"
    );
    assert!(
        x0 > 0.0 && x1 < 596.0 && y0 > 0.0 && y1 < 842.0,
        "on the A4 page"
    );
    let boxes: Vec<[f64; 4]> = r
        .indicators
        .iter()
        .map(|i| i.at.bbox.expect("an indicator's box").0)
        .collect();
    assert_eq!(boxes.len(), 10);
    for w in boxes.windows(2) {
        let (a, b) = (w[0], w[1]);
        assert!(
            (a[0] + a[2] - b[0] - b[2]).abs() < 10.0,
            "one column: {a:?} {b:?}"
        );
        assert!(b[3] <= a[1] + 1.0, "top to bottom: {a:?} {b:?}");
    }
    let tools = r.tools.at.clone().expect("tools.at");
    assert!(tools.iit.and_then(|a| a.bbox).is_some() && tools.eit.is_none());

    let text = extract("seed.txt", seed_text().as_bytes());
    let json = serde_json::to_string(&text).unwrap();
    assert!(!json.contains("bbox"), "a text input has no boxes");
    // Where the IIT score is printed (`… (IIT) คะแนนรวม 99.91 คะแนน`).
    assert_eq!(text.tools.at.unwrap().iit.unwrap().line, 24);
}

/// Over every rendering of the seed, each score read is boxed by its own number (a few glyphs
/// wide, one line high, inside the page), not by its line.
#[test]
fn every_score_of_the_seed_renderings_is_boxed_by_its_number() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let mut boxed = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("chiangmai-2566.") {
            continue;
        }
        let Ok(r) = ita_extract::extract(&name, &std::fs::read(&path).unwrap()) else {
            continue;
        };
        let scores = r
            .indicators
            .iter()
            .map(|i| (i.score, i.at))
            .chain(r.questions.iter().map(|q| (q.score, q.at)));
        for (score, at) in scores {
            if score.is_none() {
                continue;
            }
            let [x0, y0, x1, y1] = at
                .bbox
                .unwrap_or_else(|| panic!("{name}: no box at {at:?}"))
                .0;
            // A few glyphs wide: under 3.5 line heights (`100.00` in Laksaman 17 pt is 61.5 pt
            // wide, 2.9 of its 21.25 pt lines; a row's line is ten and more).
            assert!(
                x1 - x0 > 5.0
                    && x1 - x0 < 3.5 * (y1 - y0)
                    && y1 - y0 < 30.0
                    && x0 >= 0.0
                    && y0 >= 0.0,
                "{name}: {score:?} at {at:?} is not boxed by its number"
            );
            boxed += 1;
        }
    }
    assert!(boxed > 1000, "only {boxed} scores");
}
