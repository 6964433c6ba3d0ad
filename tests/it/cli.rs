//! The real binary: arguments, stdin, stdout/stderr, exit codes (0 ok, 1 input failed, 2 usage).

use crate::common::{fixture, run_bin, Run};

fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_bin(args, stdin)
}

const SEED: &str = "fixtures/reports/chiangmai-2566.txt";

#[test]
fn extract_prints_a_valid_document() {
    let r = run(&["extract", SEED], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["ita"]["score"], 92.19);
    assert_eq!(v["tools"]["eit_part2"], 80.16);
    assert_eq!(v["source"]["path"], SEED);
    assert_eq!(v["topics"][2]["questions"][13]["id"], "o10");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn extract_reads_stdin_and_compact_is_one_line() {
    let seed = std::fs::read(fixture("reports/chiangmai-2566.txt")).unwrap();
    let r = run(&["extract", "--compact", "-"], &seed);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["source"]["path"], "-");
    assert_eq!(v["agency"]["name"], "เทศบาลนครเชียงใหม่");
}

#[test]
fn a_bad_input_exits_1_naming_the_file() {
    let r = run(&["extract", "-"], b"");
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert_eq!(r.stderr.trim(), "ita-extract: -: the input is empty");
    // Text that never names the ITA gets the short reason ...
    for text in [
        "ข่าวทั่วไป ไม่มีอะไรเกี่ยวข้อง",
        "Guten Tag, das ist ein Bericht.",
        "你好世界",
        "x",
    ] {
        let r = run(&["extract", "-"], text.as_bytes());
        assert_eq!(r.code, 1);
        assert_eq!(
            r.stderr.trim(),
            "ita-extract: -: not an ITA document: no ITA vocabulary found"
        );
    }
    // ... one that does, what was looked for.
    let r = run(
        &["extract", "-"],
        "ผลการประเมิน ITA ของหน่วยงานจะประกาศในเดือนหน้า".as_bytes(),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("-: not an ITA document: looked for"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_file_exits_1_and_bad_usage_2() {
    // A file that cannot be read is a failed input (1), like one that cannot be parsed.
    let r = run(&["extract", "no/such/file.pdf"], b"");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no/such/file.pdf: cannot read"),
        "{}",
        r.stderr
    );
    assert_eq!(run(&["extract"], b"").code, 2);
    assert_eq!(run(&["frobnicate"], b"").code, 2);
}

#[test]
fn text_shows_numbered_normalized_lines() {
    let r = run(&["text", SEED], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line60 = r.stdout.lines().nth(59).unwrap();
    assert_eq!(line60, "   60\t1. | กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ | IIT | ข้อ i1 | 100.00 | รักษาระดับคะแนนและคอยปรับปรุงอัปเดตข้อมูลให้แต่ละส่วนงานทราบเสมอ");
}

#[test]
fn schema_and_validate_round_trip() {
    let r = run(&["schema"], b"");
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, ita_extract::validate::schema());
    let doc = run(&["extract", SEED], b"").stdout;
    let ok = run(&["validate", "-"], doc.as_bytes());
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let broken = doc.replacen("\"fiscal_year\": 2566", "\"fiscal_year\": \"2566\"", 1);
    let bad = run(&["validate", "-"], broken.as_bytes());
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("/fiscal_year"), "{}", bad.stderr);
    assert_eq!(run(&["validate", "-"], b"{not json").code, 1);
}

#[test]
fn audit_prints_the_checks_and_strict_fails_on_warnings() {
    let r = run(
        &[
            "audit",
            SEED,
            "fixtures/documents/announcement-sanphakwan-2566.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "fixtures/reports/chiangmai-2566.txt  [analysis_report]  status: partial\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  pass   ita-vs-tools              line 22     ITA 92.19 = 0.3·IIT 99.91"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  WARN   question-score-conflict   line 100    question e4"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("[result_announcement]  status: ok"),
        "{}",
        r.stdout
    );
    assert_eq!(run(&["audit", "--strict", SEED], b"").code, 1);
    assert_eq!(
        run(
            &[
                "audit",
                "--strict",
                "fixtures/documents/announcement-sanphakwan-2566.txt"
            ],
            b""
        )
        .code,
        0
    );
    assert_eq!(run(&["extract", "--strict", SEED], b"").code, 1);
    // A refused input among good ones: the others are still audited, the exit code is 1.
    let r = run(
        &["audit", "fixtures/documents/news-mentions-ita.txt", SEED],
        b"",
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("news-mentions-ita.txt: not an ITA document"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("chiangmai-2566.txt  [analysis_report]"));
}

#[test]
fn extract_and_audit_go_on_past_a_bad_file() {
    for cmd in ["extract", "audit"] {
        let r = run(&[cmd, "missing.pdf", "fixtures/templates/A-1.txt"], b"");
        assert_eq!(r.code, 1, "{cmd}: {}", r.stderr);
        assert!(
            r.stderr.contains("missing.pdf: cannot read"),
            "{cmd}: {}",
            r.stderr
        );
        assert!(
            r.stdout.contains("เทศบาลตำบลหนองบัวเงิน") || r.stdout.contains("A-1.txt"),
            "{cmd}"
        );
    }
    let r = run(
        &[
            "extract",
            "--compact",
            "fixtures/templates/A-1.txt",
            "fixtures/templates/B-1.txt",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn version_names_the_schema() {
    let r = run(&["--version"], b"");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("(JSON schema 2.1)"), "{}", r.stdout);
}

#[test]
fn validate_reads_jsonl_line_by_line() {
    let good = run(&["extract", "--compact", "fixtures/templates/A-1.txt"], b"").stdout;
    let two = format!("{good}{good}");
    let r = run(&["validate", "-"], two.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2 documents, all valid"), "{}", r.stderr);
    let broken = format!("{good}{{\"schema_version\": 1}}\n");
    let r = run(&["validate", "-"], broken.as_bytes());
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("-:2:"), "{}", r.stderr);
    assert!(!r.stderr.contains("trailing characters"), "{}", r.stderr);
}

#[test]
fn batch_usage_errors_say_what_is_wrong_once() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = tmp.path().join("out");
    let s = |p: &std::path::Path| p.display().to_string();
    // An output directory that cannot be made: said once, naming it.
    for bad in ["/proc/x".to_owned(), s(&file)] {
        let r = run(&["batch", "fixtures/templates", "-o", &bad, "-q"], b"");
        assert_eq!(r.code, 2);
        assert!(
            r.stderr
                .contains(&format!("cannot create the output directory {bad}")),
            "{}",
            r.stderr
        );
        let reason = r.stderr.rsplit(": ").next().unwrap().trim();
        assert_eq!(r.stderr.matches(reason).count(), 1, "doubled: {}", r.stderr);
    }
    // No input found: exit 2, naming where it looked.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let r = run(&["batch", &s(&empty), "-o", &s(&out)], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains(&format!("no inputs found under {}", s(&empty))),
        "{}",
        r.stderr
    );
    // --timeout 0 is refused like -j 0.
    for args in [["--timeout", "0"], ["-j", "0"]] {
        let r = run(
            &[
                "batch",
                "fixtures/templates",
                "-o",
                &s(&out),
                args[0],
                args[1],
            ],
            b"",
        );
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
    // The summary: "1 input", failures by kind.
    let one = tmp.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::write(one.join("a.txt"), "ข่าวทั่วไป").unwrap();
    let r = run(&["batch", &s(&one), "-o", &s(&out)], b"");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("batch: 1 input: 0 ok, 0 partial, 1 failed"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("1 not_ita_document)"), "{}", r.stderr);
    assert!(!r.stderr.contains("\\u{"), "{}", r.stderr);
}

/// `--csv-bom` starts every CSV with a UTF-8 byte-order mark (for Excel); by default none.
#[test]
fn csv_bom_is_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    for (flag, bom) in [(None, false), (Some("--csv-bom"), true)] {
        let out = tmp.path().join(format!("out-{bom}"));
        let out_s = out.display().to_string();
        let mut args = vec![
            "batch",
            "fixtures/templates/A-1.txt",
            "-o",
            &out_s,
            "-q",
            "--format",
            "csv",
        ];
        args.extend(flag);
        assert_eq!(run(&args, b"").code, 0);
        for name in ["reports.csv", "indicators.csv"] {
            let bytes = std::fs::read(out.join(name)).unwrap();
            assert_eq!(bytes.starts_with("\u{FEFF}".as_bytes()), bom, "{name}");
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                text.trim_start_matches('\u{FEFF}')
                    .starts_with("report_id,"),
                "{name}"
            );
        }
    }
}

/// Files a directory search passes over are counted by extension in the summary, and named
/// when nothing else is there.
#[test]
fn files_not_read_are_counted_by_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("report.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(dir.join("scores.xlsx"), b"PK\x03\x04").unwrap();
    let out = tmp.path().join("out").display().to_string();
    let d = dir.display().to_string();
    let r = run(&["batch", &d, "-o", &out], b"");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(&format!(
            "no inputs found under {d} (files not read: 1 .docx, 1 .xlsx)"
        )),
        "{}",
        r.stderr
    );
    std::fs::write(
        dir.join("a.txt"),
        std::fs::read("fixtures/templates/A-1.txt").unwrap(),
    )
    .unwrap();
    let r = run(&["batch", &d, "-o", &out], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("1 input: 1 ok, 0 partial, 0 failed; not read: 1 .docx, 1 .xlsx"),
        "{}",
        r.stderr
    );
}
