//! The PDF reader on real and generated PDFs (fixtures/pdf, made by scripts/make-pdf-fixtures.sh).

use ita_extract::model::{PageQuality, Report};
use ita_extract::pdf::{self, PdfText};
use ita_extract::ErrorKind;

use crate::common::{extract, fixture_bytes, seed_text};

fn read(rel: &str) -> PdfText {
    pdf::read(&fixture_bytes(&format!("pdf/{rel}"))).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// All lines of a PDF, repaired as normalize does, one string.
fn text(p: &PdfText) -> String {
    p.pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .map(|l| ita_extract::thai::repair(l))
        .collect::<Vec<_>>()
        .join("\n")
}

fn error_kind(rel: &str) -> ErrorKind {
    match ita_extract::extract(rel, &fixture_bytes(&format!("pdf/{rel}"))) {
        Ok(_) => panic!("{rel}: expected an error"),
        Err(e) => {
            assert_eq!(e.path(), Some(rel), "the error names the file");
            match e.kind() {
                ErrorKind::Scanned { pages } => ErrorKind::Scanned { pages: *pages },
                ErrorKind::UnreadableText(s) => ErrorKind::UnreadableText(s.clone()),
                ErrorKind::Encrypted => ErrorKind::Encrypted,
                ErrorKind::CorruptPdf(s) => ErrorKind::CorruptPdf(s.clone()),
                ErrorKind::NotText(s) => ErrorKind::NotText(s.clone()),
                ErrorKind::NotItaReport(s) => ErrorKind::NotItaReport(s.clone()),
                other => panic!("{rel}: unexpected error {other}"),
            }
        }
    }
}

/// The values a PDF must share with the text dump: cover, summary, indicators, questions.
fn values(r: &Report) -> String {
    let mut out = format!(
        "agency {:?} {:?} {:?} {:?}\nyear {:?}\nita {:?} {:?}\ntools {:?} {:?} {:?} {:?} {:?} {:?}\n",
        r.agency.name,
        r.agency.kind,
        r.agency.district,
        r.agency.province,
        r.fiscal_year,
        r.ita.score,
        r.ita.result,
        r.tools.iit,
        r.tools.eit,
        r.tools.eit_part1,
        r.tools.eit_part2,
        r.tools.oit,
        r.tools.eit_mean_of_parts,
    );
    for i in &r.indicators {
        out += &format!("indicator {} {:?} {:?}\n", i.no, i.tool, i.score);
    }
    for t in &r.topics {
        for q in &t.questions {
            out += &format!("topic {} {:?} {:?} {:?}\n", t.no, q.tool, q.id, q.score);
        }
    }
    out
}

fn same_values_as_text_dump(rel: &str) {
    let want = values(&extract("chiangmai-2566.txt", seed_text().as_bytes()));
    let r = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    assert_eq!(r.source.format, ita_extract::model::Format::Pdf);
    assert!(
        r.source.page_quality.iter().all(|q| *q == PageQuality::Ok),
        "{rel}: {:?}",
        r.source.page_quality
    );
    let got = values(&r);
    for (w, g) in want.lines().zip(got.lines()) {
        assert_eq!(g, w, "{rel}");
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "{rel}: number of values"
    );
}

/// Text compared without whitespace (a PDF's line breaks inside Thai text cannot always tell
/// a space from none).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Part 2 and part 3 of a PDF equal the text dump's, field by field (texts up to whitespace).
fn same_plan_and_limitations_as_text_dump(rel: &str) {
    let want = extract("chiangmai-2566.txt", seed_text().as_bytes());
    let got = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    let list = |v: &[String]| v.iter().map(|s| squash(s)).collect::<Vec<_>>();
    assert_eq!(
        got.action_plan
            .iter()
            .map(|e| e.topic_no)
            .collect::<Vec<_>>(),
        want.action_plan
            .iter()
            .map(|e| e.topic_no)
            .collect::<Vec<_>>(),
        "{rel}: topic sequence"
    );
    for (g, w) in got.action_plan.iter().zip(&want.action_plan) {
        let topic = w.topic_no;
        assert_eq!(
            g.topic.as_deref().map(squash),
            w.topic.as_deref().map(squash),
            "{rel} {topic:?}"
        );
        assert_eq!(
            list(&g.methods),
            list(&w.methods),
            "{rel} {topic:?}: methods"
        );
        assert_eq!(
            list(&g.responsible),
            list(&w.responsible),
            "{rel} {topic:?}: responsible"
        );
        assert_eq!(list(&g.steps), list(&w.steps), "{rel} {topic:?}: steps");
        assert_eq!(
            g.period.start, w.period.start,
            "{rel} {topic:?}: period start"
        );
        assert_eq!(g.period.end, w.period.end, "{rel} {topic:?}: period end");
        assert_eq!(
            g.period.inherited, w.period.inherited,
            "{rel} {topic:?}: inherited"
        );
        assert_eq!(
            g.period.raw.as_deref().map(squash),
            w.period.raw.as_deref().map(squash),
            "{rel} {topic:?}: period"
        );
    }
    assert_eq!(
        got.limitations.len(),
        want.limitations.len(),
        "{rel}: limitations"
    );
    for (g, w) in got.limitations.iter().zip(&want.limitations) {
        assert_eq!(
            (g.no, &g.area, g.no_limitation),
            (w.no, &w.area, w.no_limitation),
            "{rel}"
        );
        assert_eq!(
            g.text.as_deref().map(squash),
            w.text.as_deref().map(squash),
            "{rel}: limitation {}",
            w.no
        );
    }
}

#[test]
fn libreoffice_seed_pdf_gives_the_text_dump_plan_and_limitations() {
    same_plan_and_limitations_as_text_dump("chiangmai-2566.libreoffice.pdf");
}

#[test]
fn chromium_seed_pdf_gives_the_text_dump_plan_and_limitations() {
    same_plan_and_limitations_as_text_dump("chiangmai-2566.chromium.pdf");
}

#[test]
fn libreoffice_seed_pdf_gives_the_text_dump_values() {
    same_values_as_text_dump("chiangmai-2566.libreoffice.pdf");
}

#[test]
fn chromium_seed_pdf_gives_the_text_dump_values() {
    same_values_as_text_dump("chiangmai-2566.chromium.pdf");
}

/// Pages shown turned (a page turned in a viewer and saved) and pages drawn turned that
/// `/Rotate` shows upright give the text dump's values and plan rows (rows cut by a break
/// between the two kinds included), and each page read turned says so.
#[test]
fn turned_pages_are_read_upright() {
    let rel = "chiangmai-2566.libreoffice-turned.pdf";
    same_values_as_text_dump(rel);
    // Plan rows cut by the break between a page shown turned and one drawn turned.
    same_plan_and_limitations_as_text_dump(rel);
    let r = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    let turned: Vec<u32> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "page-turned")
        .filter_map(|d| d.at.as_ref().and_then(|a| a.page))
        .collect();
    let pages = r.source.page_quality.len() as u32;
    assert_eq!(turned, (2..=pages).step_by(2).collect::<Vec<_>>());
}

#[test]
fn owner_password_only_pdf_opens_and_gives_the_same_values() {
    same_values_as_text_dump("chiangmai-2566.owner-only-aes256.pdf");
}

#[test]
fn seed_pdf_has_metadata_pages_and_table_rows() {
    let p = read("chiangmai-2566.libreoffice.pdf");
    assert_eq!(p.pages.len(), 31);
    assert_eq!(p.producer.as_deref(), Some("LibreOffice 7.4"));
    assert_eq!(p.creator.as_deref(), Some("Writer"));
    let all: Vec<&str> = p
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(String::as_str))
        .collect();
    // Indicator rows and question rows in the text dump's cell shape.
    assert!(all.contains(&"1\tการปฏิรูปดิจิทัล\t100.00"), "{all:#?}");
    // One cell per grid column: the blank part of a spanning cell keeps its column.
    assert!(
        all.iter().any(|l| l.starts_with("\t\t\tข้อ i๒\t๑๐๐.๐๐\t")),
        "{all:#?}"
    );
    // A spanning cell's wrapped lines stay one cell, in the row where it starts; Thai words
    // wrapped inside it are not cut by spaces.
    assert!(all
        .iter()
        .any(|l| l.starts_with("๑.\tกระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tIIT\tข้อ i๑\t๑๐๐.๐๐\t")));
    assert!(all
        .iter()
        .any(|l| l.starts_with("ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")));
    // ActualText: clean Thai, no PUA, no decomposed sara am.
    let t = text(&p);
    assert!(t.contains("ข้อมูล") && t.contains("คำถาม"));
    assert!(!t.contains("ขูอม่ล") && !t.contains("คำา"));
}

#[test]
fn gazette_keeps_sara_am_and_reads_its_form_xobject_header() {
    let p = read("gazette-140A022N.pdf");
    assert_eq!(p.pages.len(), 2);
    let t = text(&p);
    assert!(t.contains("นำความ"), "{t}");
    assert!(t.contains("ประจำปี"), "{t}");
    assert!(t.contains("อำนาจ"));
    assert!(!t.contains("น าความ"));
    // The header is drawn by a Form XObject with its own /F1: it must be text, or flagged.
    let header = &p.pages[0].lines[..2];
    let ok = header[0] == "หน้า ๑" && header[1].contains("ราชกิจจานุเบกษา");
    assert!(
        ok || p.pages[0].quality == PageQuality::Degraded,
        "{header:?}"
    );
    assert_eq!(
        p.pages[0].quality,
        PageQuality::Ok,
        "{:?}",
        p.pages[0].notes
    );
}

#[test]
fn owner_password_only_rc4_and_aes128_open() {
    for rel in [
        "gazette.owner-only-rc4.pdf",
        "gazette.owner-only-aes128.pdf",
    ] {
        let t = text(&read(rel));
        assert!(t.contains("นำความ") && t.contains("ประจำปี"), "{rel}");
    }
}

#[test]
fn scan_is_an_error_that_says_so() {
    // Without OCR (with it, the scan's image is read: see tests/it/ocr.rs).
    let rel = "scan-image-only.pdf";
    let options = ita_extract::Options::ocr(ita_extract::ocr::OcrMode::Never);
    let e = ita_extract::extract_with(rel, &fixture_bytes(&format!("pdf/{rel}")), &options)
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Scanned { pages: 2 }), "{e}");
}

#[test]
fn fonts_without_tounicode_or_known_outlines_are_unreadable_not_garbage() {
    // The PostScript round trip's fonts have no ToUnicode; their outlines are in the index
    // (they read: see above). Without their programs nothing says what the glyphs are.
    let rel = "roundtrip-no-tounicode.pdf";
    let r = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    assert_eq!(r.source.glyph_outline_pages, [1, 2, 3]);
    assert_eq!(r.ita.score, Some(92.19));
    let mut doc = lopdf::Document::load_mem(&fixture_bytes(&format!("pdf/{rel}"))).unwrap();
    for o in doc.objects.values_mut() {
        if let Ok(d) = o.as_dict_mut() {
            d.remove(b"FontFile2");
        }
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let e = ita_extract::extract(rel, &bytes).unwrap_err();
    match e.kind() {
        ErrorKind::UnreadableText(why) => assert!(why.contains("ToUnicode"), "{why}"),
        other => panic!("{other}"),
    }
}

#[test]
fn user_password_is_a_clear_error() {
    assert!(matches!(
        error_kind("encrypted-user-password.pdf"),
        ErrorKind::Encrypted
    ));
}

#[test]
fn truncated_and_wrong_files_are_clear_errors() {
    assert!(matches!(
        error_kind("truncated.pdf"),
        ErrorKind::CorruptPdf(_)
    ));
    assert!(matches!(
        error_kind("binary-named.pdf"),
        ErrorKind::NotText(_)
    ));
    assert!(matches!(
        error_kind("html-saved-as.pdf"),
        ErrorKind::NotItaReport(_)
    ));
}

#[test]
fn invisible_text_is_an_ocr_layer() {
    let p = read("ocr-layer.pdf");
    assert_eq!(p.pages[0].quality, PageQuality::OcrLayer);
    assert_eq!(p.pages[0].lines, ["ITA 92.19 OCR layer"]);
}

#[test]
fn damaged_bytes_never_panic() {
    let good = fixture_bytes("pdf/chiangmai-2566.chromium.pdf");
    // Cuts and byte flips at spread-out places: any result but a panic.
    for k in 1..24 {
        let cut = good.len() * k / 24;
        let _ = pdf::read(&good[..cut]);
        let mut flipped = good.clone();
        for j in 0..64 {
            let at = (cut + j * 7919) % flipped.len();
            flipped[at] ^= 0x5A;
        }
        let _ = pdf::read(&flipped);
    }
}

#[test]
fn generated_pdfs_are_read_cleanly() {
    // Other producers and Thai fonts: the text layer is clean Thai (no PUA, no U+FFFD).
    for rel in [
        "chiangmai-2566.chromium-garuda.pdf",
        "chiangmai-2566.wkhtmltopdf-norasi.pdf",
        "chiangmai-2566.weasyprint-laksaman.pdf",
        "chiangmai-2566.libreoffice-norasi.pdf",
    ] {
        let p = read(rel);
        let t = text(&p);
        assert!(t.contains("เทศบาลนครเชียงใหม่"), "{rel}");
        // Word gaps are spaces (wkhtmltopdf's ToUnicode gives the space glyph U+0009).
        assert!(
            t.contains("ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ"),
            "{rel}"
        );
        assert!(
            !t.chars()
                .any(|c| c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c)),
            "{rel}"
        );
    }
}

#[test]
fn weasyprint_pdf_with_confused_tounicode_gives_the_text_dump_values() {
    // WeasyPrint 57's ToUnicode maps give shaped Thai glyphs another glyph's code point
    // (`ขูอ` for `ข้อ`, `คา` for `คำ`, `อย่่` for `อยู่`); the embedded font's own cmap corrects
    // them (src/pdf/truetype.rs).
    let rel = "chiangmai-2566.weasyprint-laksaman.pdf";
    let t = text(&read(rel));
    for bad in ["ขูอ", "ไดู", "ผู่", "อย่ใน", "ร่ป", "ำา", "ข้อคาถาม"]
    {
        assert!(!t.contains(bad), "{rel}: {bad}");
    }
    for good in [
        "ข้อมูล",
        "คำถาม",
        "อยู่ใน",
        "ผู้มีส่วนได้ส่วนเสีย",
        "ประจำปี",
        "รูปแบบ",
        "อำเภอเมือง",
    ] {
        assert!(t.contains(good), "{rel}: {good}");
    }
    assert_eq!(ita_extract::thai::suspicious_clusters(&t), 0, "{rel}");
    // Rows that WeasyPrint cuts at a page break (some cells' first lines on the next page)
    // join again: every value is exact.
    same_values_as_text_dump(rel);
}

#[test]
fn wkhtmltopdf_pdf_gives_the_text_dump_plan_and_limitations() {
    // Rows cut by a page break are drawn open (no closing ruling); `ﬃ` ligature glyphs.
    same_plan_and_limitations_as_text_dump("chiangmai-2566.wkhtmltopdf-norasi.pdf");
}

#[test]
fn wkhtmltopdf_noto_variants_are_read_by_shape() {
    // Qt leaves Noto Serif Thai's shaped variants out of its ToUnicode map and re-fits their
    // outlines (no hash finds them): `เปน`, `ที`, `ขันตอน` before; now read by shape, every value,
    // plan row and limitation as the text dump's, and the fills noted.
    let rel = "chiangmai-2566.wkhtmltopdf-noto-serif-thai.pdf";
    let t = text(&read(rel));
    for bad in ["เปน", "ขันตอน", "ปงบประมาณ", "\u{FFFD}"] {
        assert!(!t.contains(bad), "{rel}: {bad}");
    }
    for good in ["เป็น", "ที่", "ขั้นตอน", "ปีงบประมาณ", "ปัญหา", "พื้นที่"]
    {
        assert!(t.contains(good), "{rel}: {good}");
    }
    same_values_as_text_dump(rel);
    same_plan_and_limitations_as_text_dump(rel);
    noted_as_read_from_outlines(rel);
}

/// The report of fixture `rel` carries the `text-from-glyph-outlines` note.
fn noted_as_read_from_outlines(rel: &str) {
    let r = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "text-from-glyph-outlines"),
        "{rel}"
    );
}

#[test]
fn libreoffice_html_import_pdf_with_borderless_tables_gives_the_text_dump_values() {
    // LibreOffice's HTML import draws the tables without rulings and centres cells
    // vertically: columns come from word starts lined up over rows, rows from cells that
    // overlap vertically (id and score stand 3 pt apart: `ข้อ i1` `100.00`).
    let rel = "chiangmai-2566.libreoffice-norasi.pdf";
    same_values_as_text_dump(rel);
    let all: Vec<String> = read(rel)
        .pages
        .iter()
        .flat_map(|p| p.lines.clone())
        .collect();
    assert!(all.iter().any(|l| l == "\t\t\tข้อ i๒\t๑๐๐.๐๐\t"), "{all:#?}");
    assert!(
        all.iter().any(
            |l| l.starts_with("๑.\tกระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ\tIIT\tข้อ i๑\t๑๐๐.๐๐\t")
        ),
        "{all:#?}"
    );
}

#[test]
fn libreoffice_web_export_plan_rows_are_read_in_drawing_order() {
    // The web export's plan tables have no rulings; the second table starts right under the
    // first on its own column grid, and its responsible column wraps syllable by syllable
    // (`สำ` / `นัก` / `สา` / …). Read in drawing order, topic 2's two rows (one cut by a page
    // break, the other in the second table) are the text dump's, and no row holds the second
    // table's header's syllables.
    let rel = "chiangmai-2566.libreoffice-norasi.pdf";
    let want = extract("chiangmai-2566.txt", seed_text().as_bytes());
    let got = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    let key = |e: &ita_extract::model::ActionPlanEntry| {
        let list = |v: &[String]| v.iter().map(|s| squash(s)).collect::<Vec<_>>();
        (
            e.topic_no,
            list(&e.methods),
            list(&e.responsible),
            list(&e.steps),
        )
    };
    let got: Vec<_> = got.action_plan.iter().map(key).collect();
    let topic2: Vec<_> = want
        .action_plan
        .iter()
        .filter(|e| e.topic_no == Some(2))
        .map(key)
        .collect();
    assert_eq!(topic2.len(), 2);
    for w in &topic2 {
        assert!(got.contains(w), "{w:?} not in {got:#?}");
    }
    // The second table's header (`ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง` wrapped as `เกี่ย` / `วข้` /
    // `อง`) merged with the first table's cells gave rows of one syllable.
    assert!(
        !got.iter()
            .flat_map(|g| &g.1)
            .any(|m| ["เกี่ย", "วข้", "อง"].contains(&m.as_str())),
        "{got:#?}"
    );
}

#[test]
fn libreoffice_writer_tables_one_under_another_give_the_text_dump_plan_and_values() {
    // The plan's tables share their rulings (one group, two column grids): each keeps its own
    // grid. Rows cut by page breaks go on in the next page's grid, matched by cell x; one is
    // cut after its first line (`๗.` at a page's foot, its topic's text at the next head).
    let rel = "chiangmai-2566.libreoffice-laksaman-17pt.pdf";
    same_plan_and_limitations_as_text_dump(rel);
    same_values_as_text_dump(rel);
}

#[test]
fn weasyprint_pdf_gives_the_text_dump_plan_and_limitations() {
    // Plan rows run over several pages; each cut edge shows only the stubs of the cell
    // borders (no closing ruling), so the parts join into the text dump's rows.
    same_plan_and_limitations_as_text_dump("chiangmai-2566.weasyprint-laksaman.pdf");
}

#[test]
fn every_report_rendering_gives_the_text_dump_values() {
    // Producers × Thai fonts: cover, year, ITA, tools, indicators, every question row.
    for rel in [
        "chiangmai-2566.libreoffice.pdf",
        "chiangmai-2566.chromium.pdf",
        "chiangmai-2566.owner-only-aes256.pdf",
        "chiangmai-2566.chromium-garuda.pdf",
        "chiangmai-2566.wkhtmltopdf-norasi.pdf",
        "chiangmai-2566.weasyprint-laksaman.pdf",
        "chiangmai-2566.libreoffice-norasi.pdf",
        "chiangmai-2566.wkhtmltopdf-garuda.pdf",
        "chiangmai-2566.tcpdf-loma.pdf",
        "chiangmai-2566.libreoffice-writer-norasi.pdf",
        "chiangmai-2566.libreoffice-loma.pdf",
        "chiangmai-2566.libreoffice-kinnari.pdf",
        "chiangmai-2566.ghostscript-laksaman.pdf",
    ] {
        same_values_as_text_dump(rel);
    }
}

#[test]
fn wkhtmltopdf_garuda_rows_moved_or_cut_by_a_page_break_stay_single() {
    // A row pushed to the next page leaves its borders' stubs behind and is drawn there
    // without a top ruling (one horizontal ruling, verticals running up past it); a row cut
    // by a page break is drawn whole on both pages, each copy clipped to the page's body.
    let rel = "chiangmai-2566.wkhtmltopdf-garuda.pdf";
    let t = text(&read(rel));
    assert!(t.contains("\t\t\tข้อ o๓๐\t๑๐๐.๐๐\t\n"), "{t}");
}

#[test]
fn libreoffice_number_cut_by_a_page_break_joins_its_row() {
    // LibreOffice Writer, Kinnari, Arabic digits (scripts/sweep-producers.py): a one-line row
    // cut by a page break leaves `ข้อ` / `100.0` at the page's foot and `o26` / `0` at the next
    // page's head; the second part was read as a row of its own, `o26` scoring 0.
    // Sawasdee: every row of the table wraps (`ข้อ` / `i28`, `100.0` / `0`), so the table has
    // a cut number at each page's foot, and the font's tall line box leaves slack under the text.
    for (rel, row) in [
        (
            "chiangmai-2566.libreoffice-kinnari-arabic.pdf",
            "\t\t\tข้อ o26\t100.00\t",
        ),
        (
            "chiangmai-2566.libreoffice-sawasdee-arabic.pdf",
            "\t\t\tข้อ i30\t100.00\t",
        ),
    ] {
        let t = text(&read(rel));
        assert!(t.contains(row), "{rel}: {t}");
        no_value_differs_from_text_dump(rel);
    }
    same_values_as_text_dump("chiangmai-2566.libreoffice-kinnari-arabic.pdf");
}

/// Every question score a PDF gives is the text dump's (a score it cannot read is null).
fn no_value_differs_from_text_dump(rel: &str) {
    let want = extract("chiangmai-2566.txt", seed_text().as_bytes());
    let got = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
    let scores = |r: &Report| {
        r.topics
            .iter()
            .flat_map(|t| {
                t.questions
                    .iter()
                    .map(move |q| ((t.no, q.tool, q.id.clone()), q.score))
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (want_q, got_q) = (scores(&want), scores(&got));
    let mut read = 0;
    for (k, v) in &got_q {
        if v.is_some() {
            assert_eq!(want_q.get(k), Some(v), "{rel}: {k:?}");
            read += 1;
        }
    }
    assert!(
        read * 10 >= want_q.len() * 9,
        "{rel}: {read} of {} scores",
        want_q.len()
    );
    assert!(
        got.ita.score.is_none() || got.ita.score == want.ita.score,
        "{rel}: ITA"
    );
    for g in &got.indicators {
        let w = want.indicators.iter().find(|w| w.no == g.no);
        assert!(
            g.score.is_none() || w.map(|w| w.score) == Some(g.score),
            "{rel}: indicator {}",
            g.no
        );
    }
}

#[test]
fn page_furniture_is_taken_out_before_layout() {
    // TCPDF's `N / M` footers: under the indicator table, `1 / 30` was read as indicator 1's
    // score. Every footer is furniture, none is a line; LibreOffice's `- 3 -` page numbers too.
    let p = read("chiangmai-2566.tcpdf-loma.pdf");
    let n = p.pages.len();
    for (i, page) in p.pages.iter().enumerate() {
        let footer = format!("{} / {n}", i + 1);
        assert_eq!(
            page.furniture
                .iter()
                .map(|f| (f.text.as_str(), f.top, f.page_number))
                .collect::<Vec<_>>(),
            [(footer.as_str(), false, true)],
            "page {}",
            i + 1
        );
        assert!(
            page.lines.iter().all(|l| !l.contains(" / ")),
            "{:?}",
            page.lines
        );
    }
    let p = read("chiangmai-2566.libreoffice.pdf");
    assert_eq!(p.pages[3].furniture[0].text, "- 3 -");
    assert!(p.pages[3].furniture[0].top && p.pages[3].furniture[0].page_number);
    assert!(p.pages[0].furniture.is_empty());
    // The gazette's header (page number, volume, title on one line) is text, not furniture.
    assert!(read("gazette-140A022N.pdf")
        .pages
        .iter()
        .all(|p| p.furniture.is_empty()));
}

#[test]
fn wrapped_scores_are_one_number_and_cover_lines_stay_apart() {
    // LibreOffice Writer, Norasi, fixed 1.8 cm score columns: `๑๐๐.๐๐` wraps its last digit
    // (`๑๐๐.๐` / `๐`). Cover paragraphs of Thai without spaces are not one wrapped line.
    let rel = "chiangmai-2566.libreoffice-writer-norasi.pdf";
    let p = read(rel);
    let lines: Vec<&str> = p
        .pages
        .iter()
        .flat_map(|p| p.lines.iter().map(String::as_str))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("\tข้อ i๑\t๑๐๐.๐๐\t")),
        "{lines:#?}"
    );
    assert!(!lines.iter().any(|l| l.contains("๑๐๐.๐ ๐")), "{lines:#?}");
    assert!(lines.contains(&"อำเภอเมือง จังหวัดเชียงใหม่"), "{lines:#?}");
}

#[test]
fn a_row_cut_after_its_first_line_joins_its_part_on_the_next_page() {
    // LibreOffice Writer cuts a row between the id cell's lines (`ข้อ` / `o๑๖`): the next
    // page's first row fills only the id column, a shape no other row of the table has.
    let t = text(&read("chiangmai-2566.libreoffice-loma.pdf"));
    assert!(t.contains("\t\t\tข้อ o๑๖\t๑๐๐.๐๐\t"), "{t}");
}

#[test]
fn ghostscript_redistill_tounicode_is_corrected_from_the_glyph_outlines() {
    // Ghostscript drops LibreOffice's /ActualText and keeps its ToUnicode map, wrong for
    // shaped glyphs (`ขูอม่ล`, `ำา`, `ลาดับ`); the re-embedded font has no Unicode cmap, but its
    // outlines say which marks stand below the baseline or above the consonants.
    let rel = "chiangmai-2566.ghostscript-laksaman.pdf";
    let t = text(&read(rel));
    for bad in [
        "ขูอ",
        "ม่ล",
        "ใชู",
        "ำา",
        "ลาดับ",
        "อาเภอ",
        "ข้อคาถาม",
        "ร่ป",
        "昀",
    ] {
        assert!(!t.contains(bad), "{rel}: {bad}");
    }
    for good in [
        "ข้อมูล",
        "การใช้งบประมาณ",
        "ลำดับ",
        "อำเภอเมือง",
        "ข้อคำถาม",
        "รูปแบบ",
        "Official",
    ] {
        assert!(t.contains(good), "{rel}: {good}");
    }
    assert_eq!(ita_extract::thai::suspicious_clusters(&t), 0, "{rel}");
    // The LibreOffice original (with its /ActualText) reads as before: the same lines.
    let lo = read("chiangmai-2566.libreoffice.pdf");
    assert!(text(&lo).contains("อยู่ใน") && !text(&lo).contains("อยูใน"));
}

/// Fonts whose PDF gives no usable map: a Ghostscript redistill of Chromium's CID fonts (a
/// ToUnicode map that sends Thai glyphs to ASCII and control characters, `/@!1 @12`), and
/// pdftops → ps2pdf (symbolic TrueType fonts with no ToUnicode and arbitrary codes). Their
/// glyphs are read from their outlines (`src/pdf/outline.rs`): the text dump's values, every
/// page `ok`, the pages listed in `source.glyph_outline_pages`, and a note saying so.
/// Fonts: TLWG (Laksaman, Umpush, Garuda) and TH Sarabun New.
#[test]
fn fonts_without_a_usable_map_are_read_from_their_glyph_outlines() {
    for rel in [
        "chiangmai-2566.ghostscript-cid-laksaman.pdf",
        "chiangmai-2566.ghostscript-cid-umpush.pdf",
        "chiangmai-2566.ps2pdf-libreoffice-laksaman.pdf",
        "chiangmai-2566.ps2pdf-chromium-garuda.pdf",
        // TH Sarabun New (not a Debian font; the index has it from SIPA's files).
        "chiangmai-2566.ghostscript-cid-th-sarabun-new.pdf",
    ] {
        same_values_as_text_dump(rel);
        let r = extract(rel, &fixture_bytes(&format!("pdf/{rel}")));
        let pages: Vec<u32> = (1..=r.source.pages.unwrap()).collect();
        assert_eq!(r.source.glyph_outline_pages, pages, "{rel}");
        let note = r
            .diagnostics
            .iter()
            .find(|d| d.code == "text-from-glyph-outlines")
            .unwrap_or_else(|| panic!("{rel}: no text-from-glyph-outlines"));
        assert!(note.message.contains("glyph outlines"), "{}", note.message);
    }
    // Ghostscript's map gets Latin right and Thai wrong: the Latin-only font keeps its map.
    let rel = "chiangmai-2566.ghostscript-cid-laksaman.pdf";
    let t = text(&read(rel));
    assert!(t.contains("เทศบาลนครเชียงใหม่") && t.contains("(ITA)"), "{t}");
    assert_eq!(ita_extract::thai::suspicious_clusters(&t), 0, "{rel}");
}

/// pdftocairo rewrites of two exports (`scripts/make-pdf-fixtures.sh`). LibreOffice's: its
/// simple fonts become CID fonts that keep LibreOffice's map, wrong for shaped glyphs
/// (`ขูอม่ล`, `จัดทำา`), with neither the ActualText that made up for it nor a `cmap`; the
/// outline index corrects the map. Chromium's in Noto Sans Thai: the shaped variants its map
/// leaves out become U+FFFD entries, each glyph wrapped in an empty ActualText; filled from
/// the outlines (`ปงบประมาณ`, `ที` before). Both note the outlines.
#[test]
fn pdftocairo_rewrites_are_corrected_from_the_glyph_outlines() {
    for (rel, values) in [
        ("chiangmai-2566.pdftocairo-libreoffice-laksaman.pdf", true),
        (
            "chiangmai-2566.pdftocairo-chromium-noto-sans-thai.pdf",
            false,
        ),
    ] {
        let t = text(&read(rel));
        // (`วเคราะห์`, `ป 2562`: Chromium draws the marks of a cluster cut by a clip slice
        // under a slice of their own, which pdftocairo keeps.)
        for bad in [
            "ขูอ",
            "ม่ล",
            "ใชู",
            "ำา",
            "จัดทา",
            "ปงบประมาณ",
            "วเคราะห์",
            "ป 2562",
            "\u{FFFD}",
        ] {
            assert!(!t.contains(bad), "{rel}: {bad}");
        }
        for good in [
            "ข้อมูล",
            "การใช้งบประมาณ",
            "จัดทำ",
            "ปีงบประมาณ",
            "ที่",
            "วิเคราะห์บรรยาย",
        ] {
            assert!(t.contains(good), "{rel}: {good}");
        }
        same_plan_and_limitations_as_text_dump(rel);
        if values {
            same_values_as_text_dump(rel);
        } else {
            no_value_differs_from_text_dump(rel);
        }
        noted_as_read_from_outlines(rel);
    }
}

#[test]
fn ps2pdf_of_the_libreoffice_seed_gives_the_text_dump_plan_and_limitations() {
    same_plan_and_limitations_as_text_dump("chiangmai-2566.ps2pdf-libreoffice-laksaman.pdf");
}

/// Damage a broken font map does that leaves valid-looking words (sara am as sara aa, a tone
/// as a below vowel, a tone lost): the report's vocabulary repairs them, with a note, and the
/// values are those of the undamaged PDF; a word no phrase decides stays as it is.
#[test]
fn wrong_but_well_formed_words_are_repaired_from_the_vocabulary() {
    use ita_extract::parse;
    let rel = "chiangmai-2566.libreoffice.pdf";
    let bytes = fixture_bytes(&format!("pdf/{rel}"));
    let clean = ita_extract::normalized_text(rel, &bytes).unwrap();
    let mut text = clean.clone();
    let damage = |s: &str| {
        s.replace("ลำดับ", "ลาดับ")
            .replace("ข้อคำถาม", "ข้อคาถาม")
            .replace("ตัวชี้วัด", "ตัวชีวัด")
            .replace("การเปิดเผยข้อมูล", "การเปิดเผยขูอมูล")
    };
    let mut damaged = 0;
    for l in &mut text.lines {
        let d = damage(&l.text);
        damaged += usize::from(d != l.text);
        l.text = d;
        for c in &mut l.cells {
            c.text = damage(&c.text);
        }
    }
    assert!(damaged > 10, "{damaged} lines damaged");
    let pages: Vec<u32> = (1..=40).collect();
    parse::words::repair(&mut text, &pages);
    let repaired: Vec<usize> = text
        .lines
        .iter()
        .zip(&clean.lines)
        .filter(|(a, b)| a.text != b.text)
        .map(|(a, _)| a.at.line as usize)
        .collect();
    assert!(repaired.is_empty(), "lines left damaged: {repaired:?}");
    assert_eq!(text.word_repairs.len(), damaged);
    let raw = ita_extract::source::read(&bytes).unwrap();
    let source = ita_extract::source::describe(rel, &bytes, &raw);
    let r = parse::report(&text, source.clone()).unwrap();
    let want = parse::report(&clean, source).unwrap();
    assert_eq!(r.indicators, want.indicators);
    assert_eq!(r.topics, want.topics);
    assert_eq!(r.action_plan, want.action_plan);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "thai-word-repaired"
            && d.message.contains(&format!("on {damaged} line(s)"))));
}

#[test]
fn new_producers_give_the_text_dump_plan_and_limitations() {
    // Garuda's lines stand 1.9 font sizes apart: its paragraphs join again. TCPDF wraps Thai
    // inside a word after a Private Use mark (`หน้` / `าที่`): no space there. (The Ghostscript
    // redistill gives every value but not every plan text: Ghostscript writes `<6600cf00>`
    // (`昀케`) for LibreOffice's `ﬃ` ligature.)
    for rel in [
        "chiangmai-2566.wkhtmltopdf-garuda.pdf",
        "chiangmai-2566.chromium-garuda.pdf",
        "chiangmai-2566.libreoffice-writer-norasi.pdf",
        "chiangmai-2566.tcpdf-loma.pdf",
    ] {
        same_plan_and_limitations_as_text_dump(rel);
    }
}

/// One page in Courier (600 units wide) drawing `lines` at x = 20 under the clip `0 0 clip_x 842`.
fn clipped_page_pdf(lines: &[&str], clip_x: u32) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut doc = Document::with_version("1.7");
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier",
        "Encoding" => "WinAnsiEncoding", "FirstChar" => 32, "LastChar" => 126,
        "Widths" => vec![Object::Integer(600); 95],
    });
    let mut ops = format!("q 0 0 {clip_x} 842 re W n BT /F1 12 Tf 14 TL 20 700 Td\n");
    for l in lines {
        ops.push_str(&format!("({l}) Tj T*\n"));
    }
    ops.push_str("ET Q\n");
    let content = doc.add_object(Stream::new(dictionary! {}, ops.into_bytes()));
    let pages = doc.new_object_id();
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_line_cut_at_its_clip_ends_unreadable_and_the_page_is_degraded() {
    // 25 characters of 7.2 pt from x = 20 end at 200: the clip at 150 cuts `98.04` (PyMuPDF's
    // Story draws a line it cannot break past its frame so).
    // One unreadable character among this many is not enough to call a page degraded: the cut is.
    let lines = [
        "Annual report",
        "of the office",
        "on the matters",
        "set out below",
        "The office scored 98.04",
    ];
    let cut = pdf::read(&clipped_page_pdf(&lines, 150)).unwrap();
    let t = text(&cut);
    assert!(t.contains("The office scored \u{FFFD}"), "{t}");
    assert!(!t.contains("98"), "{t}");
    assert_eq!(cut.pages[0].quality, PageQuality::Degraded);
    assert!(
        cut.pages[0].notes.iter().any(|n| n.contains("cut there")),
        "{:?}",
        cut.pages[0].notes
    );
    // The same page with the clip past the line's end is whole.
    let whole = pdf::read(&clipped_page_pdf(&lines, 400)).unwrap();
    assert!(text(&whole).contains("The office scored 98.04"));
    assert_eq!(whole.pages[0].quality, PageQuality::Ok);
}
