//! The checked-in schema is the one generated from the model (typos' `dump_schema` pattern).

use crate::common::{extract, seed_text};

#[test]
fn checked_in_schema_matches_the_types() {
    let generated = ita_extract::validate::schema();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/ita-report.schema.json");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    if on_disk != generated {
        if std::env::var_os("ITA_UPDATE_SCHEMA").is_some() {
            std::fs::write(&path, generated).unwrap();
            return;
        }
        panic!("schemas/ita-report.schema.json is out of date: run `cargo run -- schema > schemas/ita-report.schema.json` (or ITA_UPDATE_SCHEMA=1 cargo test)");
    }
}

#[test]
fn the_seed_report_validates_and_a_broken_one_does_not() {
    let report = extract("seed", seed_text().as_bytes());
    let mut value = serde_json::to_value(&report).unwrap();
    assert_eq!(ita_extract::validate::check_value(&value), Ok(()));
    value["ita"]["score"] = serde_json::json!("92.19");
    value["topics"][0]["questions"][0]["tool"] = serde_json::json!("XIT");
    let errors = ita_extract::validate::check_value(&value).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().any(|e| e.starts_with("/ita/score")),
        "{errors:?}"
    );
}
