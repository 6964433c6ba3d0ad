//! The document's own digit shapes: a per-document model learned from what its pages prove.
//!
//! The fixed templates ([`super::digits`]) were rendered from a few fonts; a report set in
//! another font, or scanned at another resolution, matches them loosely, so its readings are
//! not *sure* and its numbers stay unconfirmed. But the same document prints the same digits
//! many times, and some of them are read surely. Those glyphs — each one a glyph of a sure
//! reading the page kept, so its class is what the reading proves — become the document's own
//! templates, and every number word of the document is read again with them beside the fixed
//! ones ([`super::digits::classify`]), by the same margins.
//!
//! A learned glyph can only make a reading sure that is nearer to the document's own glyphs
//! of its class than they are to one another ([`Model::vouches`]) and clearly nearer to that
//! class than to any other, fixed or learned. A class is learned only from enough glyphs
//! ([`MIN_GLYPHS`]) that agree: a glyph nearer to another class's learned glyphs than to its
//! own class's is left out, and so is a class whose glyphs are far apart. A class the
//! document never proves is not learned: its glyphs are read by the fixed templates alone, and
//! a learned class vouches only for glyphs within its own reach, so a glyph of an unlearned
//! class is not taken for a learned one merely because the fixed templates match it poorly.
//!
//! Everything here is in page order and decided by the page's content: the model of a
//! document is the same whatever order its pages' OCR finished in.

use std::collections::BTreeMap;

use super::digits::{arabic, distance, Features, Reading, Shapes};
use super::{OcrLine, Word};

/// Least glyphs of one class, after the inconsistent ones are left out, for it to be learned.
pub const MIN_GLYPHS: usize = 3;
/// Most glyphs kept per class (spread evenly over the document's, in page order): enough to
/// cover a font's variants (cover, tables, narrative).
const MAX_GLYPHS: usize = 24;
/// How far a glyph may be from its class's nearest learned glyph to be vouched for, as a
/// multiple of the class's own spread (the median distance from one of its glyphs to the
/// nearest other).
const REACH: f32 = 3.0;
/// The reach is never more than this (the fixed templates' sure distance is 2.6): a class
/// whose glyphs are this far apart is not one shape.
const MAX_REACH: f32 = 1.2;
/// Nor less than this: two identical samples (the same glyph printed twice) give a spread of
/// zero, and a scan's noise moves a glyph this much.
const MIN_REACH: f32 = 0.5;

/// The learned glyphs of one document.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Each learned glyph and its class, class by class.
    glyphs: Vec<(char, Features)>,
    /// Each learned class and its reach.
    reach: Vec<(char, f32)>,
}

/// Most glyphs of a class its medoid is sought among (evenly spaced in page order).
const MEDOID_SAMPLES: usize = 8 * MAX_GLYPHS;

impl Model {
    /// Learns from `samples`, glyphs whose class a sure reading proved, in page order.
    #[must_use]
    pub fn learn(samples: &[(char, Features)]) -> Self {
        let mut classes: Vec<char> = samples.iter().map(|s| s.0).collect();
        classes.sort_unstable();
        classes.dedup();
        // A glyph nearer to another class's medoid (its most central glyph) than to its own
        // class's is not evidence: one misread glyph among a class's does not move its medoid.
        let medoid = |c: char| -> Option<&Features> {
            let all: Vec<&Features> = samples.iter().filter(|s| s.0 == c).map(|s| &s.1).collect();
            // Quadratic: at most MEDOID_SAMPLES glyphs, spread over the document.
            let n = all.len().min(MEDOID_SAMPLES);
            let own: Vec<&Features> = (0..n).map(|i| all[i * all.len() / n]).collect();
            own.iter()
                .map(|a| (own.iter().map(|b| distance(a, b)).sum::<f32>(), *a))
                .min_by(|x, y| x.0.total_cmp(&y.0))
                .map(|m| m.1)
        };
        let medoids: Vec<(char, &Features)> = classes
            .iter()
            .filter_map(|&c| Some((c, medoid(c)?)))
            .collect();
        let agreeing: Vec<bool> = samples
            .iter()
            .map(|(c, f)| {
                let to = |same: bool| {
                    medoids
                        .iter()
                        .filter(|m| (m.0 == *c) == same)
                        .map(|m| distance(f, m.1))
                        .fold(f32::MAX, f32::min)
                };
                to(true) < to(false)
            })
            .collect();
        let mut model = Model::default();
        for c in classes {
            let all: Vec<&Features> = samples
                .iter()
                .zip(&agreeing)
                .filter(|(s, ok)| s.0 == c && **ok)
                .map(|(s, _)| &s.1)
                .collect();
            if all.len() < MIN_GLYPHS {
                continue;
            }
            // Spread over the document (a cover's bold digits and a table's alike).
            let n = all.len().min(MAX_GLYPHS);
            let own: Vec<&Features> = (0..n).map(|i| all[i * all.len() / n]).collect();
            // The class's spread: the median distance from one of its glyphs to the nearest
            // other (a glyph apart from the rest does not widen the reach of all).
            let mut nearest: Vec<f32> = own
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    own.iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, b)| distance(a, b))
                        .fold(f32::MAX, f32::min)
                })
                .collect();
            nearest.sort_by(f32::total_cmp);
            let spread = nearest[nearest.len() / 2];
            let reach = (spread * REACH).max(MIN_REACH);
            if spread > MAX_REACH {
                continue;
            }
            model.reach.push((c, reach.min(MAX_REACH)));
            model.glyphs.extend(own.into_iter().map(|f| (c, *f)));
        }
        model
    }

    /// The learned glyphs and their classes.
    #[must_use]
    pub fn glyphs(&self) -> &[(char, Features)] {
        &self.glyphs
    }

    /// Has nothing been learned?
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// The classes learned, in order (`๐๑๒๕`).
    #[must_use]
    pub fn classes(&self) -> String {
        self.reach.iter().map(|r| r.0).collect()
    }

    /// Does the document vouch for a glyph read as `class` whose nearest learned glyph of that
    /// class is `distance` away: the class is learned and the glyph within its reach?
    #[must_use]
    pub fn vouches(&self, class: char, distance: f32) -> bool {
        self.reach
            .iter()
            .any(|&(c, reach)| c == class && distance <= reach)
    }
}

/// A window of a line: the line's index and the window's left and right edges (pixels).
pub type Window = (usize, usize, usize);

/// What the digit reader read on a page, kept so that its words can be read again with the
/// document's own glyphs without the page's pixels ([`super::reread_with_model`]).
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// The page's lines as Tesseract read them, before the reader replaced its numbers.
    pub lines: Vec<OcrLine>,
    /// The prepared image's height (pixels).
    pub height: usize,
    /// Each line's runs of glyphs, by the line's index.
    pub runs: BTreeMap<usize, Vec<Vec<(usize, usize)>>>,
    /// Each window read, by line index and left and right edges: its glyphs and their reading
    /// by the fixed templates.
    pub windows: BTreeMap<Window, (Option<Shapes>, Option<Reading>)>,
    /// The sure readings kept, with their lines' indexes.
    pub sure: Vec<(usize, Word)>,
}

impl Kept {
    /// The glyphs of the page's sure readings, with their classes, left to right down the
    /// page: what the page proves.
    #[must_use]
    pub fn samples(&self) -> Vec<(char, Features)> {
        self.sure
            .iter()
            .filter(|(_, w)| shaped(&w.text))
            .filter_map(|(k, w)| {
                let key = (*k, w.left as usize, (w.left + w.width) as usize);
                let (shapes, _) = self.windows.get(&key)?;
                Some(samples(&w.text, shapes.as_deref()?))
            })
            .flatten()
            .collect()
    }
}

/// Is `text` a number of the shapes the report's fields are made of: a score with decimals
/// (`๙๘.๑๒`), a question id (`e๑๑`) or a four-digit year (`๒๕๖๖`)? A lone digit or two
/// are not: a thin stroke of a letter, a rule's remnant or a slash matches a learned `1` or
/// `7` as well as the digit does, so they are neither learned from nor read with the
/// document's glyphs.
#[must_use]
pub fn shaped(text: &str) -> bool {
    text.contains('.') || text.starts_with(['i', 'e', 'o']) || text.chars().count() == 4
}

/// The reading of a window: `fixed`, by the templates, or `own`, with the document's glyphs
/// beside them. Only a reading of a field's shape ([`shaped`]) is read with the document's
/// glyphs: a sure reading by the templates stays, unless the document's glyphs read
/// another value surely (then neither is sure); otherwise the document's reading when sure.
#[must_use]
pub fn choose(fixed: Option<Reading>, own: Option<Reading>) -> Option<Reading> {
    let own = own.filter(|o| o.sure() && shaped(&o.text));
    match (fixed, own) {
        (Some(f), Some(o)) if f.sure() => {
            if arabic(&o.text) == arabic(&f.text) {
                Some(f)
            } else {
                Some(Reading { margin: 0.0, ..f })
            }
        }
        (_, Some(o)) => Some(o),
        (f, None) => f,
    }
}

/// The glyphs of a sure reading with their classes: `text`'s characters other than the point,
/// paired with `shapes`' glyphs other than the point; nothing when they do not pair up.
#[must_use]
pub fn samples(text: &str, shapes: &[Option<Features>]) -> Vec<(char, Features)> {
    let chars: Vec<char> = text.chars().filter(|&c| c != '.').collect();
    let glyphs: Vec<&Features> = shapes.iter().flatten().collect();
    if chars.len() != glyphs.len() || text.chars().count() != shapes.len() {
        return Vec::new();
    }
    chars.into_iter().zip(glyphs.into_iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::digits::FEATURES as FEATURES_LEN;

    /// A glyph whose features are `v` in zone `k` (of a blank grid) and aspect 1.
    fn glyph(k: usize, v: f32) -> Features {
        let mut f = [0.0f32; FEATURES_LEN];
        f[k] = v;
        f[FEATURES_LEN - 1] = 1.0;
        f
    }

    #[test]
    fn a_class_is_learned_from_enough_agreeing_glyphs() {
        let samples = [
            ('๔', glyph(3, 1.0)),
            ('๔', glyph(3, 1.1)),
            ('๔', glyph(3, 0.9)),
            ('๕', glyph(7, 1.0)),
            ('๕', glyph(7, 1.1)),
        ];
        let m = Model::learn(&samples);
        // ๕ has two glyphs only: not learned.
        assert_eq!(m.classes(), "๔");
        assert_eq!(m.glyphs().len(), 3);
        // The reach: 3 × the spread (0.1), at least MIN_REACH (0.5).
        assert!(m.vouches('๔', 0.45));
        assert!(!m.vouches('๔', 0.6));
        assert!(!m.vouches('๕', 0.0));
    }

    #[test]
    fn glyphs_that_disagree_and_classes_spread_apart_are_not_learned() {
        // One `๑` that looks like the `๗`s (a misread glyph) is left out, and the `๗`s are
        // learned all the same; the other `๑`s are too few then. The `๒`s are far apart from one another: no one shape.
        let samples = [
            ('๗', glyph(1, 1.0)),
            ('๗', glyph(1, 1.05)),
            ('๗', glyph(1, 0.95)),
            ('๑', glyph(1, 1.02)),
            ('๑', glyph(5, 1.0)),
            ('๑', glyph(5, 1.05)),
            ('๒', glyph(8, 1.0)),
            ('๒', glyph(8, 3.0)),
            ('๒', glyph(8, 5.0)),
        ];
        let m = Model::learn(&samples);
        assert_eq!(m.classes(), "๗");
        assert!(Model::learn(&[]).is_empty());
    }

    #[test]
    fn a_readings_glyphs_pair_with_its_characters() {
        let g = glyph(0, 1.0);
        let s = samples("๙๘.๑๒", &[Some(g), Some(g), None, Some(g), Some(g)]);
        assert_eq!(s.iter().map(|x| x.0).collect::<String>(), "๙๘๑๒");
        // A point where the text has none: no samples.
        assert!(samples("๙๘๑", &[Some(g), None, Some(g)]).is_empty());
    }
}
