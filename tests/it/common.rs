//! Small helpers shared by the integration tests.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use ita_extract::Report;

/// Absolute path of a file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Bytes of a file under `fixtures/`.
pub fn fixture_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// The seed report as text.
pub fn seed_text() -> String {
    String::from_utf8(fixture_bytes("reports/chiangmai-2566.txt")).expect("UTF-8 seed")
}

/// Extracts a report from bytes, panicking with the error.
pub fn extract(name: &str, bytes: &[u8]) -> Report {
    ita_extract::extract(name, bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Diagnostic codes of a report, in order.
pub fn codes(r: &Report) -> Vec<&str> {
    r.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// The (topic, tool, id, score) rows the seed must give, from `fixtures/reports/*.questions.tsv`.
pub fn expected_questions(rel: &str) -> Vec<(u8, String, String, f64)> {
    String::from_utf8(fixture_bytes(rel))
        .expect("UTF-8")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].parse().unwrap(),
                f[1].to_owned(),
                f[2].to_owned(),
                f[3].parse().unwrap(),
            )
        })
        .collect()
}

/// The (topic, tool, id, score) rows a report gives.
pub fn question_rows(r: &Report) -> Vec<(u8, String, String, f64)> {
    r.topics
        .iter()
        .flat_map(|t| {
            t.questions.iter().map(move |q| {
                (
                    t.no,
                    q.tool.map(|t| t.as_str().to_owned()).unwrap_or_default(),
                    q.id.clone().unwrap_or_default(),
                    q.score.unwrap_or(f64::NAN),
                )
            })
        })
        .collect()
}

/// The values a report must share with any other rendering of the same document.
pub fn key_values(r: &Report) -> serde_json::Value {
    serde_json::json!({
        "agency": [r.agency.name, r.agency.kind, r.agency.district, r.agency.province],
        "fiscal_year": r.fiscal_year,
        "ita": [r.ita.score, r.ita.result],
        "tools": [r.tools.iit, r.tools.eit, r.tools.eit_part1, r.tools.eit_part2, r.tools.oit],
        "indicators": r.indicators.iter().map(|i| (i.no, i.label.clone(), i.score)).collect::<Vec<_>>(),
        "topics": r.topics.iter().map(|t| (t.no, t.title.clone())).collect::<Vec<_>>(),
        "questions": question_rows(r),
    })
}

/// What one run of the real binary did.
pub struct Run {
    /// Exit code (-1 if killed by a signal).
    pub code: i32,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

/// Runs `ita-extract ARGS` from the crate root with `stdin` as its standard input.
pub fn run_bin(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ita-extract");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Thai digits for every Arabic one (ids included, as reports written in Thai digits do).
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0E50 + (c as u32 - '0' as u32)).unwrap(),
            c => c,
        })
        .collect()
}

/// Is Tesseract with the Thai model here? If not, say so (the OCR test then checks nothing).
pub fn tesseract(test: &str) -> bool {
    match ita_extract::ocr::engine() {
        Ok(_) => true,
        Err(why) => {
            eprintln!("NOTE: {test} skipped: {why}");
            false
        }
    }
}
