//! The README documents every diagnostic code the library can emit.

use std::path::Path;

/// Every `"kebab-case-code"` string passed to a diagnostic in `src/`.
fn codes_in(dir: &Path, out: &mut Vec<String>) {
    let re = regex::Regex::new(
        r#"(?:warn|info|push|record)\(\s*(?:Severity::\w+,\s*)?"([a-z0-9]+(?:-[a-z0-9]+)+)""#,
    )
    .unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            codes_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.extend(re.captures_iter(&text).map(|c| c[1].to_owned()));
        }
    }
}

#[test]
fn every_diagnostic_code_is_in_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut codes = Vec::new();
    codes_in(&root.join("src"), &mut codes);
    codes.sort();
    codes.dedup();
    assert!(
        codes.len() > 40,
        "found only {} codes: the scan is broken",
        codes.len()
    );
    let missing: Vec<&String> = codes
        .iter()
        .filter(|c| !readme.contains(&format!("`{c}`")))
        .filter(|c| !(c.starts_with("plan-") && readme.contains("`plan-*`")))
        .collect();
    assert!(
        missing.is_empty(),
        "diagnostic codes missing from README.md: {missing:?}"
    );
}
