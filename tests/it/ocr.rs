//! Scanned reports (fixtures/scans, made by scripts/make-scan-fixtures.sh from the LibreOffice
//! fixture's cover and summary pages): each image encoding is read as stored and OCR'd, and
//! every number comes out exact (the text dump's value) or `null`, never different.
//! Without Tesseract the OCR tests print a note and stop; the rest run everywhere.

use std::process::Command;

use ita_extract::model::Report;
use ita_extract::ocr::OcrMode;
use ita_extract::{ErrorKind, Options};

use crate::common::{fixture_bytes, seed_text, tesseract};

/// (file, pages, what it exercises)
const SCANS: [(&str, u32, &str); 5] = [
    ("jpeg-gray-150.pdf", 3, "DCT (JPEG) gray"),
    ("flate-gray-150.pdf", 3, "Flate 8-bit gray"),
    ("flate-mono-200.pdf", 3, "Flate 1-bit"),
    ("g4-mono-200.pdf", 3, "CCITT Group 4"),
    (
        "g4-blackis1-200.pdf",
        3,
        "CCITT Group 4 with /BlackIs1 true (img2pdf): a negative until turned back",
    ),
];

fn ocr(rel: &str) -> Report {
    ita_extract::extract_with(
        rel,
        &fixture_bytes(&format!("scans/{rel}")),
        &Options::ocr(OcrMode::Auto),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The numbers both reports may carry, by name.
fn numbers(r: &Report) -> Vec<(String, Option<f64>)> {
    let mut out = vec![
        ("fiscal_year".to_owned(), r.fiscal_year.map(f64::from)),
        ("ita".to_owned(), r.ita.score),
        ("iit".to_owned(), r.tools.iit),
        ("eit".to_owned(), r.tools.eit),
        ("eit_part1".to_owned(), r.tools.eit_part1),
        ("eit_part2".to_owned(), r.tools.eit_part2),
        ("oit".to_owned(), r.tools.oit),
    ];
    for no in 1..=10u8 {
        let v = r
            .indicators
            .iter()
            .find(|i| i.no == no)
            .and_then(|i| i.score);
        out.push((format!("indicator {no}"), v));
    }
    out
}

#[test]
fn every_image_encoding_is_ocrd_and_no_number_is_wrong() {
    if !tesseract("every_image_encoding_is_ocrd_and_no_number_is_wrong") {
        return;
    }
    let truth = crate::common::extract("chiangmai-2566.txt", seed_text().as_bytes());
    let expected = numbers(&truth);
    let (mut exact, mut total) = (0, 0);
    for (rel, pages, what) in SCANS {
        let r = ocr(rel);
        let ocrd: Vec<u32> = r.source.ocr.iter().map(|p| p.page).collect();
        assert_eq!(ocrd, (1..=pages).collect::<Vec<_>>(), "{rel} ({what})");
        assert!(
            r.source.ocr.iter().all(|p| p.confidence > 30.0),
            "{rel}: {:?}",
            r.source.ocr
        );
        let got = numbers(&r);
        let mut line = Vec::new();
        for ((name, want), (_, have)) in expected.iter().zip(&got) {
            let Some(want) = want else { continue };
            total += 1;
            match have {
                Some(v) if (v - want).abs() < 1e-9 => {
                    exact += 1;
                    line.push(format!("{name} ✓"));
                }
                Some(v) => panic!("{rel} ({what}): {name} is {v}, the report says {want}"),
                None => line.push(format!("{name} null")),
            }
        }
        // What OCR read and no evidence confirmed is null, and says what was read.
        for d in r.diagnostics.iter().filter(|d| d.code == "ocr-unconfirmed") {
            assert!(d.message.contains("OCR read"), "{}", d.message);
        }
        eprintln!("{rel} ({what}): {}", line.join(", "));
        // The text says where: page and line.
        let text = ita_extract::normalized_text_with(
            rel,
            &fixture_bytes(&format!("scans/{rel}")),
            &Options::ocr(OcrMode::Auto),
        )
        .unwrap();
        assert!(text.lines.iter().all(|l| l.at.page.is_some()));
        // The indicator table's Arabic numbers are read (what confirmation will work on).
        let cells: Vec<&str> = text.lines.iter().flat_map(|l| l.cells()).collect();
        let table = [
            "100.00", "99.89", "100.00", "99.67", "100.00", "88.40", "90.23", "88.59", "97.50",
            "80.00",
        ];
        let mut seen = cells.clone();
        let found = table
            .iter()
            .filter(|v| {
                let k = seen.iter().position(|c| c.ends_with(*v));
                k.map(|k| seen.remove(k)).is_some()
            })
            .count();
        eprintln!("{rel}: {found} of 10 indicator cells read exactly in the OCR text");
        assert!(found >= 7, "{rel}: only {found} of 10 indicator cells read");
        assert!(
            text.lines
                .iter()
                .any(|l| l.text.contains("เชียงใหม่") || l.text.contains("เชียง ใหม่")),
            "{rel}: the agency's province is read"
        );
    }
    eprintln!(
        "OCR scans: {exact} of {total} numbers exact ({:.0}%), the rest null, none wrong",
        100.0 * f64::from(exact) / f64::from(total.max(1))
    );
    // The level measured with the digit reader (README, "Scanned reports (OCR)").
    assert!(
        exact >= MIN_EXACT,
        "{exact} of {total} exact, fewer than {MIN_EXACT}"
    );
}

/// Numbers of the four scans above that come out exact (measured: see the README).
const MIN_EXACT: u32 = 80;

#[test]
fn ocr_never_keeps_the_scanned_error() {
    let bytes = fixture_bytes("scans/g4-mono-200.pdf");
    let e = ita_extract::extract_with("g4.pdf", &bytes, &Options::ocr(OcrMode::Never)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Scanned { pages: 3 }), "{e}");
    assert!(e.to_string().contains("tesseract-ocr-tha"), "{e}");
}

#[test]
fn without_tesseract_a_scan_is_the_scanned_error_naming_what_to_install() {
    let out = Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .args(["extract", "fixtures/scans/jpeg-gray-150.pdf"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(ita_extract::ocr::TESSERACT_ENV, "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scan with no text layer (3 page(s))"), "{err}");
    assert!(
        err.contains("apt-get install tesseract-ocr tesseract-ocr-tha"),
        "{err}"
    );
}

#[test]
fn text_with_ocr_shows_pages_and_lines() {
    if !tesseract("text_with_ocr_shows_pages_and_lines") {
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .args(["text", "--ocr", "auto", "fixtures/scans/g4-mono-200.pdf"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("3:")),
        "{text}"
    );
}

/// A batch OCRs scans in its workers, and its outputs are the same at `-j1` and `-j2`.
#[test]
fn a_batch_of_scans_is_deterministic() {
    if !tesseract("a_batch_of_scans_is_deterministic") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in ["g4-mono-200.pdf", "flate-mono-200.pdf"] {
        std::fs::write(input.join(rel), fixture_bytes(&format!("scans/{rel}"))).unwrap();
    }
    let run = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        let mut args = vec![
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-q",
            "--format",
            "jsonl",
        ];
        args.extend(extra);
        let r = crate::common::run_bin(&args, b"");
        let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
        (r, read("reports.jsonl"), read("errors.jsonl"))
    };
    let (r1, reports1, errors1) = run("j1", &["-j1"]);
    assert_eq!(r1.code, 0, "{}", r1.stderr);
    assert_eq!(reports1.lines().count(), 2, "{errors1}");
    let (_, reports2, errors2) = run("j2", &["-j2"]);
    assert_eq!(reports1, reports2, "-j1 and -j2 differ");
    assert_eq!(errors1, errors2);
}

/// A scan under Tesseract's own invisible text layer (`ocr_layer` pages) that reads as no
/// report is OCR'd again from its images; without Tesseract it stays the `ocr_layer` error.
#[test]
fn an_ocr_layer_that_reads_as_no_report_is_ocrd_again() {
    let bytes = fixture_bytes("scans/tesseract-layer-150.pdf");
    let never = ita_extract::extract_with("layer.pdf", &bytes, &Options::ocr(OcrMode::Never));
    assert_eq!(never.unwrap_err().kind().code(), "ocr_layer");
    if !tesseract("an_ocr_layer_that_reads_as_no_report_is_ocrd_again") {
        return;
    }
    let r = ocr("tesseract-layer-150.pdf");
    assert_eq!(r.source.ocr.len(), 3);
    let truth = crate::common::extract("chiangmai-2566.txt", seed_text().as_bytes());
    for ((name, want), (_, have)) in numbers(&truth).iter().zip(&numbers(&r)) {
        if let Some(have) = have {
            assert_eq!(Some(*have), *want, "{name}");
        }
    }
}

/// A scan under another program's OCR layer that reads as a report but leaves its numbers
/// unread (Tesseract's own PDF layer spaces Thai letters apart and reads Thai digits badly):
/// its images are OCR'd too and the reading with more numbers is kept, saying so; every number
/// is the text dump's.
#[test]
fn an_ocr_layer_that_leaves_numbers_unread_is_ocrd_again() {
    let bytes = fixture_bytes("scans/tesseract-layer-report-200.pdf");
    let layer = ita_extract::extract_with("layer.pdf", &bytes, &Options::ocr(OcrMode::Never))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(layer.source.ocr.is_empty());
    assert!(layer.ita.score.is_none() && layer.tools.iit.is_none());
    if !tesseract("an_ocr_layer_that_leaves_numbers_unread_is_ocrd_again") {
        return;
    }
    let r = ocr("tesseract-layer-report-200.pdf");
    assert_eq!(r.source.ocr.len(), 4);
    let note = r
        .diagnostics
        .iter()
        .find(|d| d.code == "ocr-layer-replaced")
        .expect("the replaced layer is noted");
    assert!(note.message.contains("OCR'd again"), "{}", note.message);
    let truth = crate::common::extract("chiangmai-2566.txt", seed_text().as_bytes());
    let want: std::collections::BTreeMap<String, f64> = all_numbers(&truth).into_iter().collect();
    let got = all_numbers(&r);
    assert_printed("tesseract-layer-report-200.pdf", &want, &got);
    assert!(got.len() >= 30, "only {} numbers read", got.len());
}

/// Every number of a report by name, questions included (`q e11`, and `topic 2 e11` for the
/// rows of each topic's table).
fn all_numbers(r: &Report) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = numbers(r)
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    for q in &r.questions {
        if let Some(v) = q.score {
            out.push((format!("q {}", q.id), v));
        }
    }
    for t in &r.topics {
        for q in &t.questions {
            if let (Some(id), Some(v)) = (&q.id, q.score) {
                out.push((format!("topic {} {id}", t.no), v));
            }
        }
    }
    out
}

/// Every number in `got` is the text dump's (`want`); a question the whole report leaves out
/// of its list (two topics print it with different scores) that a scan's pages print once
/// is one of those scores.
fn assert_printed(
    rel: &str,
    want: &std::collections::BTreeMap<String, f64>,
    got: &[(String, f64)],
) {
    for (name, v) in got {
        match want.get(name) {
            Some(w) => assert_eq!(w, v, "{rel}: {name} is {v}, the report says {w}"),
            None => {
                let id = name.strip_prefix("q ").unwrap_or("?");
                let printed = want.iter().any(|(k, w)| {
                    k.starts_with("topic ") && k.ends_with(&format!(" {id}")) && w == v
                });
                assert!(
                    printed,
                    "{rel}: {name} is {v}, which the report does not print"
                );
            }
        }
    }
}

/// Scans in another font (Loma) and of pages turned by up to 2° (`skew-jpeg-200.pdf`), with
/// a question table: every number read is the text dump's, question scores included, and at
/// least the measured number of them are read.
#[test]
fn another_font_and_turned_pages_give_no_wrong_number() {
    if !tesseract("another_font_and_turned_pages_give_no_wrong_number") {
        return;
    }
    let truth = crate::common::extract("chiangmai-2566.txt", seed_text().as_bytes());
    let want: std::collections::BTreeMap<String, f64> = all_numbers(&truth).into_iter().collect();
    let mut exact = 0;
    for (rel, pages) in [("loma-jpeg-200.pdf", 3), ("skew-jpeg-200.pdf", 4)] {
        let r = ocr(rel);
        assert_eq!(r.source.ocr.len(), pages, "{rel}");
        let got = all_numbers(&r);
        assert_printed(rel, &want, &got);
        eprintln!("{rel}: {} numbers exact", got.len());
        exact += got.len();
    }
    assert!(
        exact >= MIN_EXACT_WHOLE,
        "{exact} exact, fewer than {MIN_EXACT_WHOLE}"
    );
}

/// Numbers of the two scans above that come out exact (measured: see the README).
const MIN_EXACT_WHOLE: usize = 83;
