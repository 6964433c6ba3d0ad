//! Table-driven cases for each normalization rule, from `fixtures/normalize/cases.jsonl`.

use ita_extract::normalize;
use serde::Deserialize;

use crate::common::fixture_bytes;

#[derive(Deserialize)]
struct Case {
    rule: String,
    input: String,
    expected: String,
    why: String,
}

#[test]
fn every_rule_case() {
    let text = String::from_utf8(fixture_bytes("normalize/cases.jsonl")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Case =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("cases.jsonl:{}: {e}", n + 1));
        let got: String = match case.rule.as_str() {
            "thai_digits_to_arabic" => normalize::thai_digits_to_arabic(&case.input).into_owned(),
            "nfc" => normalize::nfc(&case.input).into_owned(),
            "remove_zero_width" => normalize::remove_zero_width(&case.input).into_owned(),
            "strip_markup" => normalize::strip_markup(&case.input).into_owned(),
            "fold_whitespace" => normalize::fold_whitespace(&case.input).into_owned(),
            "strip_bullets" => normalize::strip_bullets(&case.input).into_owned(),
            "thai_repair" => ita_extract::thai::repair(&case.input),
            "line" => normalize::line(&case.input),
            other => panic!("cases.jsonl:{}: unknown rule {other}", n + 1),
        };
        count += 1;
        if got != case.expected {
            failures.push(format!(
                "line {} ({}: {}): got {got:?}, want {:?}",
                n + 1,
                case.rule,
                case.why,
                case.expected
            ));
        }
    }
    assert!(count >= 20, "only {count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn nfc_never_splits_sara_am() {
    // NFKC would turn ำ (U+0E33) into ํ + า; NFC must not.
    assert_eq!(normalize::nfc("\u{0E33}"), "\u{0E33}");
    assert_eq!(normalize::line("ประจำปี"), "ประจำปี");
}

/// A tab line's cells (what the action plan reads by position) keep their places, empty ones
/// too, and their non-empty texts joined are the normalized line; `<li>` markup gives pieces.
#[test]
fn tab_cells_keep_their_places_and_join_to_the_line() {
    let cells = normalize::cells("\t ๑.  ข้อ\t\tกองคลัง ");
    let got: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(got, ["", "1.\tข้อ", "", "กองคลัง"]);
    assert!(cells.iter().all(|c| c.pieces.is_none()));
    let cells = normalize::cells("<p>รายละเอียด</p> <ol><li>ก</li><li>• ข</li></ol>\tx");
    assert_eq!(
        cells[0].pieces.as_deref(),
        Some(&["".to_owned(), "ก".to_owned(), "ข".to_owned()][..])
    );
    // Every line of the seed and of the normalization cases: the cells joined are the line.
    let seed = crate::common::seed_text();
    let cases = String::from_utf8(fixture_bytes("normalize/cases.jsonl")).unwrap();
    let inputs = cases
        .lines()
        .filter_map(|l| serde_json::from_str::<Case>(l).ok())
        .map(|c| c.input);
    let mut checked = 0;
    for raw in seed.lines().map(str::to_owned).chain(inputs) {
        let joined: Vec<String> = normalize::cells(&raw)
            .into_iter()
            .map(|c| c.text)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(joined.join("\t"), normalize::line(&raw), "{raw:?}");
        checked += usize::from(raw.contains('\t'));
    }
    assert!(checked > 100, "only {checked} tab lines");
    let raw = ita_extract::source::read(seed.as_bytes()).unwrap();
    let doc = normalize::document(&raw);
    assert!(doc
        .lines
        .iter()
        .all(|l| l.cells.len() == l.raw.matches('\t').count() + usize::from(!l.cells.is_empty())));
}
