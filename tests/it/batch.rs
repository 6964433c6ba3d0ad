//! `ita-extract batch` through the real binary: counts, tables, determinism, resume, limits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{fixture_bytes, run_bin, Run};

fn batch(args: &[&str], stdin: &[u8]) -> Run {
    let all: Vec<&str> = std::iter::once("batch")
        .chain(args.iter().copied())
        .collect();
    let run = run_bin(&all, stdin);
    assert!(run.stdout.is_empty(), "batch writes nothing on stdout");
    run
}

/// Asserts two outputs are byte-identical, showing the first differing line of a text file.
fn assert_same(name: &str, a: &[u8], b: &[u8], what: &str) {
    if a == b {
        return;
    }
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let diff = a.lines().zip(b.lines()).find(|(x, y)| x != y);
    panic!("{name} differs ({what}): first differing lines: {diff:?}");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Deterministic bytes that are neither text nor a PDF.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 56) as u8
        })
        .collect()
}

/// The PDFs of `fixtures/pdf/` that the library reads into a report (none until PDFs land).
fn good_pdfs() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .filter(|b| ita_extract::extract("x.pdf", b).is_ok())
        .collect()
}

/// `good` report inputs (copies of the fixtures, each with different bytes) and `bad` broken
/// ones (empty, truncated PDF, random bytes, non-report text), spread over subdirectories.
fn make_inputs(dir: &Path, good: usize, bad: usize) {
    let seed = fixture_bytes("reports/chiangmai-2566.txt");
    let pdfs = good_pdfs();
    for i in 0..good {
        let sub = dir.join(["a", "b/c", "d"][i % 3]);
        std::fs::create_dir_all(&sub).unwrap();
        if !pdfs.is_empty() && i % 10 == 9 {
            let mut bytes = pdfs[i % pdfs.len()].clone();
            // Bytes after %%EOF are ignored by readers; they make each copy's hash unique.
            bytes.extend(format!("\n% copy {i}\n").as_bytes());
            std::fs::write(sub.join(format!("report-{i:04}.pdf")), bytes).unwrap();
        } else {
            let mut bytes = seed.clone();
            bytes.extend(std::iter::repeat_n(b'\n', i + 1));
            std::fs::write(sub.join(format!("report-{i:04}.txt")), bytes).unwrap();
        }
    }
    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    let pdf_head: Vec<u8> = match pdfs.first() {
        Some(pdf) => pdf[..pdf.len() / 3].to_vec(),
        None => b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty"
            .to_vec(),
    };
    for i in 0..bad {
        let (name, bytes) = match i % 4 {
            0 => (format!("empty-{i}.txt"), " \n".repeat(i % 3).into_bytes()),
            1 => {
                let mut head = pdf_head.clone();
                head.truncate(head.len() - i % 7);
                (format!("truncated-{i}.pdf"), head)
            }
            2 => (format!("random-{i}.txt"), random_bytes(i as u64, 4096)),
            _ => (
                format!("notes-{i}.md"),
                format!("# Meeting notes {i}\n\nNothing about any assessment here.\n").into_bytes(),
            ),
        };
        std::fs::write(broken.join(name), bytes).unwrap();
    }
}

/// Number of records of a CSV file (a field may hold newlines), checking its header.
fn csv_rows(path: &Path, first_column: &str) -> usize {
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        &reader.headers().unwrap()[0],
        first_column,
        "{}",
        path.display()
    );
    let mut rows = 0;
    for record in reader.records() {
        record.unwrap();
        rows += 1;
    }
    rows
}

fn sqlite_count(db: &Path, table: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    let n: i64 = conn
        .query_row(&format!("select count(*) from {table}"), [], |r| r.get(0))
        .unwrap();
    usize::try_from(n).unwrap()
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every file of an output directory, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

const OUTPUTS: [&str; 16] = [
    "action_plan.csv",
    "diagnostics.csv",
    "errors.csv",
    "errors.jsonl",
    "history.csv",
    "indicators.csv",
    "ita.sqlite",
    "limitations.csv",
    "question_scores.csv",
    "questions.csv",
    "ranking.csv",
    "remarks.csv",
    "reports.csv",
    "reports.jsonl",
    "results.csv",
    "topics.csv",
];

#[test]
fn two_hundred_inputs_give_180_reports_20_errors_and_matching_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_inputs(&input, 180, 20);
    let out = tmp.path().join("out-j1");

    let r = batch(&[s(&input), "--out", s(&out), "-j1"], b"");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("200 inputs: "), "a summary: {}", r.stderr);
    assert!(r.stderr.contains(", 20 failed in "), "{}", r.stderr);

    let reports = lines(&out.join("reports.jsonl"));
    let errors = lines(&out.join("errors.jsonl"));
    assert_eq!(reports.len(), 180);
    assert_eq!(errors.len(), 20);
    // Sorted by path, whatever the thread timing.
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    let mut kinds: Vec<&str> = errors.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert!(
        kinds.contains(&"empty") && kinds.contains(&"not_text"),
        "{kinds:?}"
    );
    for e in &errors {
        assert!(e["path"].as_str().unwrap().contains("/broken/"), "{e}");
        assert_eq!(e["sha256"].as_str().map(str::len), Some(64), "{e}");
        assert!(!e["message"].as_str().unwrap().is_empty());
    }

    // Rows per table, from the JSON documents.
    let count = |f: &dyn Fn(&serde_json::Value) -> usize| reports.iter().map(f).sum::<usize>();
    let len = |v: &serde_json::Value| v.as_array().map_or(0, Vec::len);
    let expected = [
        ("reports", 180),
        ("errors", 20),
        ("indicators", count(&|r| len(&r["indicators"]))),
        ("topics", count(&|r| len(&r["topics"]))),
        (
            "questions",
            count(&|r| {
                r["topics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| len(&t["questions"]))
                    .sum()
            }),
        ),
        (
            "remarks",
            count(&|r| {
                r["topics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| len(&t["remarks"]))
                    .sum()
            }),
        ),
        ("diagnostics", count(&|r| len(&r["diagnostics"]))),
        ("ranking", count(&|r| len(&r["ranking"]))),
        ("action_plan", count(&|r| len(&r["action_plan"]))),
        ("limitations", count(&|r| len(&r["limitations"]))),
        ("question_scores", count(&|r| len(&r["questions"]))),
        ("history", count(&|r| len(&r["history"]))),
        ("results", count(&|r| len(&r["results"]))),
    ];
    let db = out.join("ita.sqlite");
    for (table, n) in expected {
        let first = if table == "errors" {
            "path"
        } else {
            "report_id"
        };
        assert_eq!(
            csv_rows(&out.join(format!("{table}.csv")), first),
            n,
            "{table}.csv"
        );
        assert_eq!(sqlite_count(&db, table), n, "{table} table");
    }
    assert!(
        expected[4].1 >= 180 * 90,
        "the seed has about 100 question rows"
    );

    // The README's queries.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (agency, score): (String, f64) = conn
        .query_row("select agency, ita_score from reports limit 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((agency.as_str(), score), ("เทศบาลนครเชียงใหม่", 92.19));
    let o11: f64 = conn
        .query_row(
            "select q.score from questions q join reports r using (report_id) \
             where r.agency = 'เทศบาลนครเชียงใหม่' and q.id = 'o11' limit 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!((0.0..=100.0).contains(&o11));
    // No temporary file is left behind.
    let names: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(names, OUTPUTS);

    // Runs at -j2 and -j8 (more workers than cores) give byte-identical outputs, and so does
    // reading PDFs in-process.
    let first = files(&out);
    for (dir, extra) in [
        ("out-j2", "-j2"),
        ("out-j8", "-j8"),
        ("out-in-process", "--in-process"),
    ] {
        let other = tmp.path().join(dir);
        let r = batch(&[s(&input), "--out", s(&other), extra, "-q"], b"");
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.is_empty(), "-q is quiet: {}", r.stderr);
        let again = files(&other);
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            again.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &first {
            assert!(
                bytes == &again[name],
                "{name} differs between out-j1 and {dir}"
            );
        }
    }
}

#[test]
fn resume_skips_what_is_done_and_gives_the_same_files_as_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    make_inputs(&input, 24, 4);
    let full = tmp.path().join("full");
    assert_eq!(batch(&[s(&input), "-o", s(&full), "-q"], b"").code, 1);

    // First a part of the inputs, named on stdin; then everything with --resume.
    let out = tmp.path().join("out");
    let some: String = ["a", "broken"]
        .iter()
        .flat_map(|d| std::fs::read_dir(input.join(d)).unwrap().flatten())
        .map(|e| format!("{}\n", e.path().display()))
        .collect();
    let r = batch(&["-", "-o", s(&out), "-q"], some.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(lines(&out.join("reports.jsonl")).len(), 8);
    let r = batch(&[s(&input), "-o", s(&out), "--resume"], b"");
    assert_eq!(r.code, 0, "nothing new failed: {}", r.stderr);
    assert!(r.stderr.contains("12 skipped"), "{}", r.stderr);
    let (merged, whole) = (files(&out), files(&full));
    for (name, bytes) in &whole {
        assert_same(name, bytes, &merged[name], "resumed run against one run");
    }

    // Nothing left to do: everything is kept.
    let r = batch(&[s(&input), "-o", s(&out), "--resume", "-q"], b"");
    assert_eq!(r.code, 0);
    assert!(files(&out) == whole);

    // --resume needs the jsonl outputs.
    let r = batch(
        &[s(&input), "-o", s(&out), "--resume", "--format", "csv"],
        b"",
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn formats_choose_the_outputs_and_a_missing_input_is_an_error_line() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("r.txt");
    std::fs::write(&report, fixture_bytes("reports/chiangmai-2566.txt")).unwrap();
    let out = tmp.path().join("out");
    let missing = tmp.path().join("missing.txt");
    let r = batch(
        &[
            s(&report),
            s(&missing),
            "-o",
            s(&out),
            "--format",
            "jsonl,sqlite",
            "-q",
        ],
        b"",
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let names: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(names, ["errors.jsonl", "ita.sqlite", "reports.jsonl"]);
    let errors = lines(&out.join("errors.jsonl"));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["kind"], "io");
    assert_eq!(errors[0]["sha256"], serde_json::Value::Null);

    let r = batch(&[s(&report), "-o", s(&out), "--jobs", "0"], b"");
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn a_pdf_worker_over_its_time_or_memory_limit_is_an_error_line_naming_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // 8 MiB: reading it needs memory beyond what a fresh process has mapped.
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n".to_vec();
    pdf.resize(8 << 20, b' ');
    std::fs::write(input.join("doc.pdf"), pdf).unwrap();
    std::fs::write(
        input.join("seed.txt"),
        fixture_bytes("reports/chiangmai-2566.txt"),
    )
    .unwrap();
    for (flags, needle) in [
        (&["--timeout", "0.000001"][..], "--timeout (0.000001 s)"),
        (&["--memory-limit", "1"][..], "--memory-limit (1 MiB)"),
    ] {
        let out = tmp.path().join(format!("out{}", flags[0]));
        let mut args = vec![s(&input), "-o", s(&out), "-q"];
        args.extend(flags);
        let r = batch(&args, b"");
        assert_eq!(r.code, 1, "{}", r.stderr);
        let errors = lines(&out.join("errors.jsonl"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0]["kind"], "limit", "{errors:?}");
        assert!(
            errors[0]["message"].as_str().unwrap().contains(needle),
            "{errors:?}"
        );
        // Text is read in-process: the limits do not apply to it.
        assert_eq!(lines(&out.join("reports.jsonl")).len(), 1);
    }
}

/// PDFs are read by long-lived worker processes: one worker reads document after document
/// (giving what the library gives in-process), is replaced after its quota of documents, and
/// a document that kills its worker fails alone: the next one gets a fresh worker.
#[test]
fn a_worker_reads_many_documents_and_a_crash_fails_only_its_own() {
    use ita_extract::batch::pool::{Options, Pool};
    use std::time::Duration;

    let exe = PathBuf::from(env!("CARGO_BIN_EXE_ita-extract"));
    let seed = fixture_bytes("reports/chiangmai-2566.txt");
    let mut docs = vec![("seed.txt".to_owned(), seed.clone())];
    for (i, pdf) in good_pdfs().into_iter().take(3).enumerate() {
        docs.push((format!("report-{i}.pdf"), pdf));
    }
    let json = |r: &ita_extract::Report| serde_json::to_string(r).unwrap();
    let mut options = Options::new(exe.clone(), Duration::from_secs(60), 2048);
    options.recycle_documents = docs.len() as u64 + 1;
    let pool = Pool::new(options);
    let mut first = None;
    for (k, (name, bytes)) in docs.iter().enumerate() {
        let handled = pool.extract(name, bytes);
        let report = handled.result.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let here = ita_extract::extract(name, bytes).unwrap();
        assert_eq!(json(&report), json(&here), "{name}: as in-process");
        assert_eq!(handled.documents, k as u64 + 1, "{name}");
        assert!(handled.pid.is_some());
        assert_eq!(*first.get_or_insert(handled.pid), handled.pid, "one worker");
    }
    // Its quota reached, the worker exits: the next document has a fresh one.
    let _ = pool.extract("seed.txt", &seed);
    let next = pool.extract("seed.txt", &seed);
    assert!(next.result.is_ok());
    assert_eq!(next.documents, 1);
    assert_ne!(next.pid, first.unwrap());

    // A memory limit 40 MiB over a worker's size after a report: 32 MiB of Thai text can be
    // received, but not copied once more. The worker aborts; the next document is read.
    let size_mib = next.memory.map_or(64, |m| m.vm_size_kib / 1024);
    let pool = Pool::new(Options::new(exe, Duration::from_secs(60), size_mib + 40));
    let before = pool.extract("seed.txt", &seed);
    assert!(before.result.is_ok(), "{:?}", before.result.err());
    let big = "ทดสอบ ".repeat(2 << 20).into_bytes();
    assert!(big.len() >= 32 << 20);
    let crashed = pool.extract("big.txt", &big);
    let (kind, message) = crashed.result.unwrap_err();
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("--memory-limit"), "{message}");
    assert_eq!(crashed.documents, 0, "no response: the worker died");
    let after = pool.extract("seed.txt", &seed);
    assert!(after.result.is_ok(), "{:?}", after.result.err());
    assert_eq!(after.documents, 1);
    assert_ne!(after.pid, before.pid);
}

/// The same report in several files is marked (`duplicate_of` the first), and `eit_effective`
/// is the EIT the ITA formula uses (the seed prints EIT in two parts).
#[test]
fn repeats_are_marked_and_eit_effective_is_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for (name, rel) in [
        ("a-seed.txt", "reports/chiangmai-2566.txt"),
        ("b-seed.pdf", "pdf/chiangmai-2566.libreoffice.pdf"),
        ("c-a1.txt", "templates/A-1.txt"),
        ("d-seed-again.txt", "reports/chiangmai-2566.txt"),
    ] {
        std::fs::write(input.join(name), fixture_bytes(rel)).unwrap();
    }
    let out = tmp.path().join("out");
    let r = batch(&[s(&input), "-o", s(&out), "-q", "--in-process"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let conn = rusqlite::Connection::open(out.join("ita.sqlite")).unwrap();
    type Row = (i64, Option<f64>, Option<f64>, Option<i64>);
    let rows: Vec<Row> = conn
        .prepare(
            "select report_id, eit, eit_effective, duplicate_of from reports order by report_id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            (1, None, Some(89.07), None),
            (2, None, Some(89.07), Some(1)),
            (3, Some(91.63), Some(91.63), None),
            (4, None, Some(89.07), Some(1)),
        ]
    );
}

/// `--format xlsx` writes `ita.xlsx`: a sheet per table with the CSV's columns and rows,
/// numbers as numbers (read back with calamine).
#[test]
fn the_workbook_has_every_table_as_a_sheet() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let r = batch(
        &[
            "fixtures/templates",
            "-o",
            s(&out),
            "-q",
            "--format",
            "xlsx,csv",
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut book: Xlsx<_> = open_workbook(out.join("ita.xlsx")).unwrap();
    let names = book.sheet_names();
    for table in [
        "reports",
        "indicators",
        "question_scores",
        "history",
        "errors",
    ] {
        assert!(names.iter().any(|n| n == table), "{table}: {names:?}");
        let sheet = book.worksheet_range(table).unwrap();
        let csv = std::fs::read_to_string(out.join(format!("{table}.csv"))).unwrap();
        let header: Vec<String> = sheet
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(header.join(","), csv.lines().next().unwrap(), "{table}");
        assert_eq!(
            sheet.height(),
            csv_rows(&out.join(format!("{table}.csv")), header[0].as_str()) + 1,
            "{table}"
        );
    }
    let reports = book.worksheet_range("reports").unwrap();
    let header: Vec<String> = reports
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    let col = header.iter().position(|h| h == "ita_score").unwrap();
    let scores: Vec<&Data> = reports.rows().skip(1).map(|r| &r[col]).collect();
    assert!(scores.contains(&&Data::Float(94.46)), "{scores:?}");
}
