//! Thai text-layer repairs: Private Use Area glyphs, lost sara am, mark order.
//!
//! (Being built in issue 3; `repair` is the single entry point `normalize` calls.)

/// Applies every Thai repair to one line of text.
#[must_use]
pub fn repair(s: &str) -> String {
    s.to_owned()
}
