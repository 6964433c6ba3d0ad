//! The hostile-input corpus (`fixtures/hostile/`, made by `scripts/make-hostile-fixtures.py`):
//! every file gives its expected outcome, alone and inside a batch, and nothing dies.

use std::path::Path;
use std::process::Command;

use crate::common::fixture;

/// (file, expected outcome: an error kind or `report`) from `expected.tsv`.
fn expected() -> Vec<(String, String)> {
    std::fs::read_to_string(fixture("hostile/expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_owned(), f[1].to_owned())
        })
        .collect()
}

#[test]
fn each_file_gives_its_expected_outcome() {
    let cases = expected();
    assert!(cases.len() >= 15, "{cases:?}");
    for (file, outcome) in cases {
        let bytes = std::fs::read(fixture(&format!("hostile/{file}"))).unwrap();
        let got = match ita_extract::extract(&file, &bytes) {
            Ok(_) => "report".to_owned(),
            Err(e) => {
                assert_eq!(e.path(), Some(file.as_str()), "{e}");
                e.kind().code().to_owned()
            }
        };
        assert_eq!(got, outcome, "{file}");
    }
}

#[test]
fn a_legacy_thai_text_file_is_decoded() {
    let bytes = std::fs::read(fixture("hostile/report-windows-874.txt")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let r = ita_extract::extract("w874.txt", &bytes).unwrap();
    assert_eq!(r.source.encoding.as_deref(), Some("windows-874"));
    assert_eq!(r.agency.name.as_deref(), Some("เทศบาลนครเชียงใหม่"));
    assert_eq!(r.ita.score, Some(92.19));
    assert_eq!(
        r.topics.iter().map(|t| t.questions.len()).sum::<usize>(),
        100
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "text-encoding-legacy"));
}

#[test]
fn a_batch_over_the_corpus_finishes_with_one_record_each() {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_ita-extract"))
        .args(["batch", "-q", "--timeout", "30", "-o"])
        .arg(out.path())
        .arg(fixture("hostile"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "some inputs fail, none kills the batch"
    );
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    let mut kinds = std::collections::BTreeMap::new();
    for line in read("errors.jsonl").lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = v["path"].as_str().unwrap();
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        kinds.insert(name, v["kind"].as_str().unwrap().to_owned());
    }
    for line in read("reports.jsonl").lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = Path::new(v["source"]["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        kinds.insert(name, "report".to_owned());
    }
    let want: std::collections::BTreeMap<String, String> = expected().into_iter().collect();
    assert_eq!(kinds, want);
}
