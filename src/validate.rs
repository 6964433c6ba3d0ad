//! Stage 4: every emitted document is checked against the JSON schema.
//!
//! The schema in `schemas/ita-report.schema.json` is generated from the Rust model
//! ([`schema`]); a test fails when the checked-in file drifts from the types. Documents are
//! validated against the checked-in file, compiled once per process.

use std::sync::LazyLock;

use serde_json::Value;

use crate::error::{ErrorKind, Result};
use crate::model::Report;

/// The checked-in schema, as shipped.
pub const SCHEMA: &str = include_str!("../schemas/ita-report.schema.json");

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the checked-in schema is JSON");
    jsonschema::validator_for(&schema).expect("the checked-in schema is a valid JSON Schema")
});

/// The JSON Schema generated from [`Report`], pretty-printed with a final newline.
#[must_use]
pub fn schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    s.push('\n');
    s
}

/// Checks a report against the schema.
///
/// # Errors
/// [`ErrorKind::Schema`] with every violation, each with its JSON pointer.
pub fn check(report: &Report) -> Result<()> {
    let value = serde_json::to_value(report).map_err(|e| ErrorKind::Schema(e.to_string()))?;
    check_value(&value).map_err(|errs| ErrorKind::Schema(errs.join("; ")).into())
}

/// Checks any JSON value against the schema; the violations, each as `pointer: message`.
///
/// # Errors
/// The list of violations when there is at least one.
pub fn check_value(value: &Value) -> std::result::Result<(), Vec<String>> {
    // The common case first: `is_valid` stops at the first violation and builds no error.
    if VALIDATOR.is_valid(value) {
        return Ok(());
    }
    let errors: Vec<String> = VALIDATOR
        .iter_errors(value)
        .map(|e| {
            let at = e.instance_path().to_string();
            format!("{}: {e}", if at.is_empty() { "/" } else { &at })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
