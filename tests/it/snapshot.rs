//! Whole-document snapshots (insta) over the text fixtures: any change to any value, place or
//! diagnostic shows up as a reviewable diff (`cargo insta review`, or `INSTA_UPDATE=always`).

use crate::common::{extract, fixture_bytes};

#[test]
fn text_fixtures() {
    for (name, rel) in [
        ("chiangmai-2566", "reports/chiangmai-2566.txt"),
        (
            "announcement-sanphakwan-2566",
            "documents/announcement-sanphakwan-2566.txt",
        ),
        ("itas-ranking-excerpt", "documents/itas-ranking-excerpt.txt"),
    ] {
        let mut report = extract(rel, &fixture_bytes(rel));
        // The reader's version changes with every release; the values must not.
        report.source.reader = "ita-extract".to_owned();
        insta::assert_json_snapshot!(name, report);
    }
}
