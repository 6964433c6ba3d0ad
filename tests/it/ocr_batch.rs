//! Scans in batches, through the real binary: `--ocr` reaches the workers and `--resume`, the
//! time limit grows with the pages a worker OCRs, pages are OCR'd in parallel on the slots the
//! batch's `-j` leaves free (never more Tesseract processes than `-j`), and outputs are the
//! same whatever `-j`.
//!
//! The parallelism and time-limit tests use a stand-in Tesseract (a shell script, named by
//! `ITA_TESSERACT`) that takes a known time per page and records how many copies of it run at
//! once, so they run everywhere; the others need the real one.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{fixture_bytes, tesseract};

/// Runs `ita-extract batch ARGS` with `env` set; gives the exit code and stderr.
fn batch(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .arg("batch")
        .args(args)
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A directory with copies of scan fixtures.
fn scans(dir: &Path, names: &[&str]) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for rel in names {
        std::fs::write(input.join(rel), fixture_bytes(&format!("scans/{rel}"))).unwrap();
    }
    input
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// A stand-in Tesseract: `--list-langs` lists tha and eng; reading a page takes `secs`, counts
/// the copies running at once in `dir/seen` (each with its `--psm`), and prints one line of one word (so a scan
/// reads as no ITA document, which is enough here).
fn fake_tesseract(dir: &Path, secs: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let exe = dir.join("tesseract");
    let state = dir.join("state");
    std::fs::create_dir_all(&state).unwrap();
    let d = s(&state);
    let script = format!(
        r#"#!/bin/sh
case "$1" in
  --list-langs) printf 'List of available languages (2):\neng\ntha\n'; exit 0 ;;
  --version) echo 'tesseract 5.3.0 (stand-in)'; exit 0 ;;
esac
( flock 9; n=$(($(cat {d}/now 2>/dev/null || echo 0) + 1)); echo $n > {d}/now; echo "$n $6" >> {d}/seen ) 9>{d}/lock
sleep {secs}
( flock 9; echo $(($(cat {d}/now) - 1)) > {d}/now ) 9>{d}/lock
printf 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n'
printf '4\t1\t1\t1\t1\t0\t100\t100\t400\t40\t-1\t\n'
printf '5\t1\t1\t1\t1\t1\t100\t100\t400\t40\t90\tword\n'
"#
    );
    std::fs::write(&exe, script).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    exe
}

/// The most copies of the stand-in that ran at once, and how many pages it read (its first
/// pass, `--psm 4`: a page whose ink the stand-in's one word leaves is read again, `--psm 11`,
/// within the same slot).
fn concurrency(dir: &Path) -> (usize, usize) {
    let seen = std::fs::read_to_string(dir.join("state/seen")).unwrap_or_default();
    let runs: Vec<(usize, &str)> = seen
        .lines()
        .filter_map(|l| {
            let (n, psm) = l.trim().split_once(' ')?;
            Some((n.parse().ok()?, psm))
        })
        .collect();
    let pages = runs.iter().filter(|(_, psm)| *psm == "4").count();
    let max = runs.into_iter().map(|(n, _)| n).max().unwrap_or(0);
    std::fs::remove_file(dir.join("state/seen")).ok();
    (max, pages)
}

#[test]
fn pages_are_ocrd_in_parallel_within_jobs_and_never_beyond() {
    let tmp = tempfile::tempdir().unwrap();
    // Long enough that two slots overlap even on a loaded machine (0.4 s did not, at load 12).
    let exe = fake_tesseract(tmp.path(), "1");
    let env = [(ita_extract::ocr::TESSERACT_ENV, s(&exe))];
    let one = scans(&tmp.path().join("one"), &["g4-mono-200.pdf"]);
    let many = scans(
        &tmp.path().join("many"),
        &[
            "g4-mono-200.pdf",
            "flate-mono-200.pdf",
            "jpeg-gray-150.pdf",
            "flate-gray-150.pdf",
        ],
    );
    for (input, jobs, extra, want) in [
        // One scan: its three pages on both slots.
        (&one, "2", None, 2),
        (&one, "2", Some("--in-process"), 2),
        (&one, "1", None, 1),
        // Four scans on two jobs: one Tesseract per document, never more than two.
        (&many, "2", None, 2),
        (&many, "1", None, 1),
    ] {
        let out = tmp.path().join(format!("out-{jobs}"));
        let mut args = vec![s(input), "-o", s(&out), "-q", "-j", jobs];
        args.extend(extra);
        let (code, err) = batch(&args, &env);
        assert_eq!(code, 1, "the stand-in reads no report: {err}");
        let (max, pages) = concurrency(tmp.path());
        let docs = std::fs::read_dir(input).unwrap().count();
        assert_eq!(pages, 3 * docs, "-j{jobs} {extra:?}: every page OCR'd once");
        assert_eq!(max, want, "-j{jobs} {extra:?}: Tesseract processes at once");
    }
}

#[test]
fn the_time_limit_grows_with_the_pages_ocrd_and_names_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = fake_tesseract(tmp.path(), "1");
    let env = [(ita_extract::ocr::TESSERACT_ENV, s(&exe))];
    let input = scans(tmp.path(), &["g4-mono-200.pdf"]);
    let out = tmp.path().join("out");
    // 3 pages of 1 s each (one job: one at a time) within --timeout 0.5 s: only the
    // per-page allowance lets the scan finish.
    let (code, err) = batch(
        &[s(&input), "-o", s(&out), "-q", "-j1", "--timeout", "0.5"],
        &env,
    );
    assert_eq!(code, 1, "{err}");
    let errors = read(&out, "errors.jsonl");
    assert!(errors.contains("\"not_ita_document\""), "{errors}");
    // With a per-page allowance too small, the worker is stopped: the error names the file and
    // both limits.
    let (code, err) = batch(
        &[
            s(&input),
            "-o",
            s(&out),
            "-q",
            "-j1",
            "--timeout",
            "0.5",
            "--ocr-page-timeout",
            "0.1",
        ],
        &env,
    );
    assert_eq!(code, 1, "{err}");
    let errors = read(&out, "errors.jsonl");
    let failure: serde_json::Value = serde_json::from_str(errors.trim()).unwrap();
    assert_eq!(failure["kind"], "limit", "{errors}");
    assert!(
        failure["path"]
            .as_str()
            .unwrap()
            .ends_with("g4-mono-200.pdf"),
        "{errors}"
    );
    let message = failure["message"].as_str().unwrap();
    assert!(
        message.contains("--timeout (0.5 s) + --ocr-page-timeout (0.1 s) ×"),
        "{message}"
    );
    // `--ocr never` reaches the workers: nothing is OCR'd.
    concurrency(tmp.path());
    let (_, err) = batch(
        &[
            s(&input),
            "-o",
            s(&out),
            "-q",
            "--ocr",
            "never",
            "--timeout",
            "0.5",
        ],
        &env,
    );
    assert!(read(&out, "errors.jsonl").contains("\"scanned\""), "{err}");
    assert_eq!(
        concurrency(tmp.path()).1,
        0,
        "--ocr never runs no Tesseract"
    );
}

/// `--ocr never` refuses the scans; `--resume` with OCR reads them again, and gives what one
/// batch with OCR gives. Identical outputs at `-j1`, `-j2` and in-process.
#[test]
fn batch_ocr_modes_resume_and_jobs_give_the_same_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let input = scans(
        tmp.path(),
        &[
            "g4-mono-200.pdf",
            "jpeg-gray-150.pdf",
            "tesseract-layer-150.pdf",
        ],
    );
    let resumed = tmp.path().join("resumed");
    let (code, err) = batch(&[s(&input), "-o", s(&resumed), "-q", "--ocr", "never"], &[]);
    assert_eq!(code, 1, "{err}");
    let errors = read(&resumed, "errors.jsonl");
    let kinds: Vec<String> = errors
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["kind"].to_string())
        .collect();
    assert_eq!(
        kinds,
        ["\"scanned\"", "\"scanned\"", "\"ocr_layer\""],
        "{errors}"
    );
    if !tesseract("batch_ocr_modes_resume_and_jobs_give_the_same_outputs") {
        return;
    }
    // A debug build on a loaded machine can pass the default time limit: this test is about
    // identical outputs, not time, so the limit is set well above the work.
    let slow = ["--timeout", "900"];
    let mut args = vec![s(&input), "-o", s(&resumed), "-q", "--resume"];
    args.extend(slow);
    let (code, err) = batch(&args, &[]);
    assert_eq!(code, 0, "{err}{}", read(&resumed, "errors.jsonl"));
    assert_eq!(read(&resumed, "errors.jsonl"), "");
    let mut outputs = Vec::new();
    for (name, extra) in [
        ("j1", &["-j1"][..]),
        ("j2", &["-j2"][..]),
        ("in-process", &["-j2", "--in-process"][..]),
    ] {
        let out = tmp.path().join(name);
        let mut args = vec![s(&input), "-o", s(&out), "-q"];
        args.extend(extra);
        args.extend(slow);
        let (code, err) = batch(&args, &[]);
        assert_eq!(code, 0, "{name}: {err}{}", read(&out, "errors.jsonl"));
        outputs.push((name, out));
    }
    outputs.push(("resumed", resumed));
    let (_, first) = &outputs[0];
    for file in [
        "reports.jsonl",
        "errors.jsonl",
        "reports.csv",
        "indicators.csv",
    ] {
        let want = read(first, file);
        for (name, out) in &outputs[1..] {
            assert!(read(out, file) == want, "{file}: {name} differs from -j1");
        }
    }
    assert_eq!(read(first, "reports.jsonl").lines().count(), 3);
}
