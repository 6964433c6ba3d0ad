//! Embedded font programs (`/FontFile2` TrueType, `/FontFile3` OpenType): which Thai character
//! each glyph draws, from the font's own tables, to check a ToUnicode CMap against.
//!
//! Some producers write ToUnicode maps that give shaped Thai glyphs the code point of another
//! glyph (WeasyPrint 57 on Laksaman: the sara uu glyph → mai ek, the lowered mai tho → sara uu,
//! the nikhahit of a decomposed sara am → nothing). The font program still says what each
//! glyph is: its `cmap` maps characters to glyphs (Thai fonts also map their positional variants
//! from the Private Use Area, which [`crate::thai::pua_to_standard`] reads back), and its GSUB
//! table maps those glyphs on to the variants and ligatures shaping makes of them.
//!
//! The parser is `ttf-parser` (harfbuzz/ttf-parser): a zero-dependency, allocation-free,
//! `forbid(unsafe_code)`, fuzzed reader that checks every offset against the data, so a hostile
//! font gives `None`, never a panic or an unbounded allocation. `skrifa` (which lopdf can pull
//! behind its `font_embedding` feature) would do as well but brings `read-fonts`, `font-types`
//! and `bytemuck` for nothing more that this needs.

use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::opentype_layout::Coverage;
use ttf_parser::{Face, GlyphId};

/// Most substitution probes (glyph × subtable) made in one font's GSUB table.
const MAX_PROBES: usize = 400_000;
/// Most GSUB lookups and subtables per lookup looked at.
const MAX_LOOKUPS: u16 = 1_024;
const MAX_SUBTABLES: usize = 64;
/// Most glyph substitutions collected from one font's GSUB (a Thai font makes a few dozen
/// variants and ligatures; this keeps a hostile table from costing time or memory).
const MAX_FOUND: usize = 2_048;
/// Rounds of following substitutions from glyphs already known (variant of a variant).
const ROUNDS: usize = 3;

/// How a glyph's Thai text was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// The font's Unicode `cmap` maps a Thai (or Thai Private Use) code point to the glyph.
    Cmap,
    /// A GSUB substitution turns glyphs with known Thai text into it (variant or ligature).
    Gsub,
}

/// A glyph whose Thai text the font program establishes unambiguously.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ThaiGlyph {
    /// Glyph id in the font program.
    pub(crate) gid: u16,
    /// Its CID in a CID-keyed CFF font program, else the glyph id (what a `CIDFontType0`
    /// code selects).
    pub(crate) cid: u16,
    /// Its text: one Thai character, or the characters of a ligature's components.
    pub(crate) text: String,
    /// Where it came from.
    pub(crate) via: Via,
}

/// Code points looked up in the `cmap`: the Thai block and the Thai glyph-variant ranges of
/// the Private Use Area (Windows F700–F71A, Mac F884–F89E).
fn thai_code_points() -> impl Iterator<Item = u32> {
    (0x0E01..=0x0E5B)
        .chain(0xF700..=0xF71A)
        .chain(0xF884..=0xF89E)
}

/// A Thai block character (what a ToUnicode entry for a Thai glyph should hold).
pub(crate) fn is_thai(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E5B}')
}

/// One entry of the glyph table being built: `None` text = ambiguous (two different texts).
struct Entry {
    gid: u16,
    text: Option<String>,
    via: Via,
}

/// Sorted-by-gid table with ambiguity tracking.
#[derive(Default)]
struct Table {
    entries: Vec<Entry>,
}

impl Table {
    fn find(&self, gid: u16) -> Result<usize, usize> {
        self.entries.binary_search_by_key(&gid, |e| e.gid)
    }

    fn text(&self, gid: u16) -> Option<&str> {
        self.find(gid)
            .ok()
            .and_then(|i| self.entries[i].text.as_deref())
    }

    /// Records `text` for `gid`; a different text already there makes it ambiguous. Returns
    /// whether the glyph is new.
    fn add(&mut self, gid: u16, text: &str, via: Via) -> bool {
        match self.find(gid) {
            Ok(i) => {
                let e = &mut self.entries[i];
                if e.text.as_deref() != Some(text) {
                    e.text = None;
                }
                false
            }
            Err(i) => {
                self.entries.insert(
                    i,
                    Entry {
                        gid,
                        text: Some(text.to_owned()),
                        via,
                    },
                );
                true
            }
        }
    }
}

/// The glyphs of the font program `data` whose Thai text its `cmap` (then its GSUB table, for
/// glyphs the `cmap` does not reach) establishes unambiguously, sorted by glyph id. Empty for
/// fonts without Thai, without a Unicode `cmap`, or that do not parse.
pub(crate) fn thai_glyphs(data: &[u8]) -> Vec<ThaiGlyph> {
    let Ok(face) = Face::parse(data, 0) else {
        return Vec::new();
    };
    let Some(cmap) = face.tables().cmap else {
        return Vec::new();
    };
    let mut table = Table::default();
    let mut buf = [0u8; 4];
    for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        for cp in thai_code_points() {
            let Some(GlyphId(gid)) = sub.glyph_index(cp) else {
                continue;
            };
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let c = crate::thai::pua_to_standard(c).unwrap_or(c);
            if gid != 0 && is_thai(c) {
                table.add(gid, c.encode_utf8(&mut buf), Via::Cmap);
            }
        }
    }
    if table.entries.is_empty() {
        return Vec::new();
    }
    if let Some(gsub) = face.tables().gsub {
        follow_gsub(&gsub, &mut table);
        drop_cmapped_elsewhere(&cmap, &mut table);
    }
    let cff = face.tables().cff;
    table
        .entries
        .into_iter()
        .filter_map(|e| {
            let cid = match &cff {
                Some(cff) => cff.glyph_cid(GlyphId(e.gid)).unwrap_or(e.gid),
                None => e.gid,
            };
            Some(ThaiGlyph {
                gid: e.gid,
                cid,
                text: e.text?,
                via: e.via,
            })
        })
        .collect()
}

/// Most code points of one `cmap` subtable looked at by [`drop_cmapped_elsewhere`].
const MAX_CMAP_SCAN: usize = 70_000;

/// Removes GSUB-derived glyphs that the `cmap` maps from a code point outside the Thai block
/// and the Private Use Area: such a glyph is that character, whatever shaping does with it.
/// Only byte and BMP subtables (formats 0, 4, 6) are scanned: bounded, and Thai glyph
/// variants do not live outside the BMP.
fn drop_cmapped_elsewhere(cmap: &ttf_parser::cmap::Table<'_>, table: &mut Table) {
    use ttf_parser::cmap::Format;
    let mut derived: Vec<u16> = table
        .entries
        .iter()
        .filter(|e| e.via == Via::Gsub)
        .map(|e| e.gid)
        .collect();
    if derived.is_empty() {
        return;
    }
    derived.sort_unstable();
    let mut elsewhere: Vec<u16> = Vec::new();
    for sub in cmap
        .subtables
        .into_iter()
        .filter(|s| s.is_unicode())
        .take(8)
    {
        if !matches!(
            sub.format,
            Format::ByteEncodingTable(_)
                | Format::SegmentMappingToDeltaValues(_)
                | Format::TrimmedTableMapping(_)
        ) {
            continue;
        }
        let mut seen = 0usize;
        sub.codepoints(|cp| {
            seen += 1;
            if seen > MAX_CMAP_SCAN || matches!(cp, 0x0E00..=0x0E7F | 0xE000..=0xF8FF) {
                return;
            }
            if let Some(GlyphId(g)) = sub.glyph_index(cp) {
                if derived.binary_search(&g).is_ok() {
                    elsewhere.push(g);
                }
            }
        });
    }
    if !elsewhere.is_empty() {
        table
            .entries
            .retain(|e| !(e.via == Via::Gsub && elsewhere.contains(&e.gid)));
    }
}

/// Gives glyphs that GSUB makes from glyphs of known text the text they stand for: single and
/// alternate substitutions (positional variants: a lowered tone mark, ญ/ฐ without their
/// descender) inherit the source's text, ligatures the concatenation of their components'.
/// Multiple substitutions (decompositions, e.g. sara am → nikhahit + sara aa) are not followed:
/// their pieces are `cmap`ped glyphs of their own. Glyphs the `cmap` maps keep their `cmap` text.
fn follow_gsub(gsub: &ttf_parser::opentype_layout::LayoutTable<'_>, table: &mut Table) {
    let cmapped: Vec<u16> = table.entries.iter().map(|e| e.gid).collect();
    let is_cmapped = |g: u16| cmapped.binary_search(&g).is_ok();
    let mut probes = 0usize;
    let mut frontier: Vec<(u16, String)> = table
        .entries
        .iter()
        .filter_map(|e| Some((e.gid, e.text.clone()?)))
        .collect();
    let mut total = 0usize;
    for _ in 0..ROUNDS {
        let mut found: Vec<(u16, String)> = Vec::new();
        let mut exhausted = false;
        'scan: for li in 0..gsub.lookups.len().min(MAX_LOOKUPS) {
            let Some(lookup) = gsub.lookups.get(li) else {
                continue;
            };
            for sub in lookup
                .subtables
                .into_iter::<SubstitutionSubtable<'_>>()
                .take(MAX_SUBTABLES)
            {
                for (g, text) in &frontier {
                    probes += 1;
                    if probes > MAX_PROBES || total + found.len() > MAX_FOUND {
                        exhausted = true;
                        break 'scan;
                    }
                    substitute(&sub, GlyphId(*g), text, table, &mut found);
                }
            }
        }
        found.retain(|(g, _)| !is_cmapped(*g));
        total += found.len();
        let mut next = Vec::new();
        for (g, text) in found {
            if table.add(g, &text, Via::Gsub) {
                next.push((g, text));
            }
        }
        if next.is_empty() || exhausted {
            break;
        }
        frontier = next;
    }
}

/// The outputs of one substitution subtable applied to glyph `g` (text `text`) in `found`.
fn substitute(
    sub: &SubstitutionSubtable<'_>,
    g: GlyphId,
    text: &str,
    table: &Table,
    found: &mut Vec<(u16, String)>,
) {
    use ttf_parser::gsub::SingleSubstitution;
    let index = |c: &Coverage<'_>| c.get(g);
    match sub {
        SubstitutionSubtable::Single(SingleSubstitution::Format1 { coverage, delta }) => {
            if index(coverage).is_some() {
                let out = (i32::from(g.0) + i32::from(*delta)).rem_euclid(65_536) as u16;
                found.push((out, text.to_owned()));
            }
        }
        SubstitutionSubtable::Single(SingleSubstitution::Format2 {
            coverage,
            substitutes,
        }) => {
            if let Some(out) = index(coverage).and_then(|i| substitutes.get(i)) {
                found.push((out.0, text.to_owned()));
            }
        }
        SubstitutionSubtable::Alternate(alt) => {
            if let Some(set) = index(&alt.coverage).and_then(|i| alt.alternate_sets.get(i)) {
                for out in set.alternates.into_iter().take(32) {
                    found.push((out.0, text.to_owned()));
                }
            }
        }
        SubstitutionSubtable::Ligature(lig) => {
            let Some(set) = index(&lig.coverage).and_then(|i| lig.ligature_sets.get(i)) else {
                return;
            };
            for l in set.into_iter().take(64) {
                let mut s = text.to_owned();
                let complete = l.components.into_iter().take(8).all(|c| {
                    table.text(c.0).is_some_and(|t| {
                        s.push_str(t);
                        true
                    })
                });
                if complete && l.components.len() <= 8 {
                    found.push((l.glyph.0, s));
                }
            }
        }
        SubstitutionSubtable::ReverseChainSingle(r) => {
            if let Some(out) = index(&r.coverage).and_then(|i| r.substitutes.get(i)) {
                found.push((out.0, text.to_owned()));
            }
        }
        // Decompositions (see above) and contextual lookups, whose actions are lookups of
        // their own that the caller visits anyway.
        SubstitutionSubtable::Multiple(_)
        | SubstitutionSubtable::Context(_)
        | SubstitutionSubtable::ChainContext(_) => {}
    }
}

/// Where a glyph stands against the baseline and the x-height of the font's consonants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Wholly below the baseline (ุ ู ฺ).
    Below,
    /// Wholly above the consonants' tops (tone marks, upper vowels, nikhahit).
    Above,
    /// Anything else (letters; ำ, which reaches from the baseline to above).
    Body,
}

/// The zone a Thai text's glyph should stand in (`None`: not one Thai character).
fn zone_of_text(text: &str) -> Option<Zone> {
    let mut it = text.chars();
    let c = it.next()?;
    if it.next().is_some() || !is_thai(c) {
        return None;
    }
    Some(match c {
        '\u{0E38}'..='\u{0E3A}' => Zone::Below,
        '\u{0E31}' | '\u{0E34}'..='\u{0E37}' | '\u{0E47}'..='\u{0E4E}' => Zone::Above,
        _ => Zone::Body,
    })
}

/// How a simple TrueType font's byte code selects a glyph when the font has no Unicode
/// mapping to go through: code `0xF000 + code` in a (3,0) `cmap`, else `code` in a (1,0) one.
/// `None` when the font has neither subtable.
fn symbolic_glyphs<'a>(face: &Face<'a>) -> Option<impl Fn(u32) -> Option<GlyphId> + 'a> {
    let cmap = face.tables().cmap?;
    let symbol = cmap
        .subtables
        .into_iter()
        .find(|s| s.platform_id == ttf_parser::PlatformId::Windows && s.encoding_id == 0);
    let mac = cmap
        .subtables
        .into_iter()
        .find(|s| s.platform_id == ttf_parser::PlatformId::Macintosh && s.encoding_id == 0);
    (symbol.is_some() || mac.is_some()).then_some(move |code: u32| {
        symbol
            .and_then(|s| s.glyph_index(0xF000 + code))
            .or_else(|| mac.and_then(|s| s.glyph_index(code)))
    })
}

/// The glyph each byte code of `codes` selects in the simple TrueType font program `data`
/// through its symbolic `cmap` ([`symbolic_glyphs`]): `(code, glyph id)`, glyph 0 left out.
pub(crate) fn code_glyphs(data: &[u8], codes: std::ops::RangeInclusive<u32>) -> Vec<(u32, u16)> {
    let Ok(face) = Face::parse(data, 0) else {
        return Vec::new();
    };
    let Some(glyph) = symbolic_glyphs(&face) else {
        return Vec::new();
    };
    codes
        .filter_map(|code| match glyph(code) {
            Some(GlyphId(g)) if g != 0 => Some((code, g)),
            _ => None,
        })
        .collect()
}

/// Corrections for the ToUnicode map of a simple TrueType font whose program has no Unicode
/// `cmap` to check it against (Ghostscript re-embeds fonts with a symbolic (3,0) `cmap` and no
/// glyph names): `entries` are its (code, ToUnicode text) pairs; a code selects glyph
/// `0xF000 + code` in a (3,0) `cmap`, or `code` in a (1,0) one.
///
/// The outlines still say where each glyph is drawn. LibreOffice's maps, once its
/// `/ActualText` is dropped, give shaped glyphs the text of another glyph of their cluster
/// (`ขูอม่ล` for `ข้อมูล`, `ำา` for `ำ`). A glyph given a Thai mark it cannot be, by where it
/// stands, is corrected only where the font leaves one answer:
/// - a glyph above the consonants given `ำ` is the nikhahit alone (`ํ`, and `ํา` is `ำ`);
/// - a glyph above the consonants given another text is the one upper mark that the font
///   draws elsewhere but never at this glyph's height (a lowered tone mark: the font has the
///   raised mai tho, and a lowered mai ek and thanthakhat, but this is its only lowered mark);
/// - a glyph below the baseline given another text is the one below vowel that only glyphs
///   standing elsewhere are given.
pub(crate) fn shape_fixes(data: &[u8], entries: &[(u32, String)]) -> Vec<(u32, String)> {
    let Ok(face) = Face::parse(data, 0) else {
        return Vec::new();
    };
    let Some(glyph) = symbolic_glyphs(&face) else {
        return Vec::new();
    };
    // (code, text, the text's zone, the glyph's box)
    let glyphs: Vec<(u32, &str, Zone, ttf_parser::Rect)> = entries
        .iter()
        .take(256)
        .filter_map(|(code, text)| {
            let zone = zone_of_text(text)?;
            let rect = face.glyph_bounding_box(glyph(*code)?)?;
            Some((*code, text.as_str(), zone, rect))
        })
        .collect();
    // The consonants' height: the median top of the glyphs given a consonant.
    let mut tops: Vec<i16> = glyphs
        .iter()
        .filter(|g| g.1.chars().all(|c| matches!(c, '\u{0E01}'..='\u{0E2E}')))
        .map(|g| g.3.y_max)
        .collect();
    if tops.len() < 5 {
        return Vec::new();
    }
    tops.sort_unstable();
    let xh = f32::from(tops[tops.len() / 2]).max(1.0);
    let zone = |r: &ttf_parser::Rect| {
        if f32::from(r.y_max) <= 0.15 * xh {
            Zone::Below
        } else if f32::from(r.y_min) >= 0.75 * xh {
            Zone::Above
        } else {
            Zone::Body
        }
    };
    let fits = |g: &(u32, &str, Zone, ttf_parser::Rect)| zone(&g.3) == g.2;
    let mut fixes = Vec::new();
    for g in glyphs.iter().filter(|g| !fits(g)) {
        let at = zone(&g.3);
        let mut answers: Vec<&str> = match at {
            Zone::Above if g.1 == "\u{0E33}" => vec!["\u{0E4D}"],
            Zone::Above => glyphs
                .iter()
                .filter(|h| fits(h) && h.2 == Zone::Above)
                .map(|h| h.1)
                .filter(|t| {
                    !glyphs.iter().any(|h| {
                        h.1 == *t
                            && fits(h)
                            && f32::from((h.3.y_min - g.3.y_min).abs()) <= 0.15 * xh
                    })
                })
                .collect(),
            Zone::Below => glyphs
                .iter()
                .filter(|h| h.2 == Zone::Below && !fits(h))
                .map(|h| h.1)
                .filter(|t| !glyphs.iter().any(|h| h.1 == *t && fits(h)))
                .collect(),
            Zone::Body => continue,
        };
        answers.sort_unstable();
        answers.dedup();
        if let [one] = answers.as_slice() {
            fixes.push((g.0, (*one).to_owned()));
        }
    }
    fixes
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The decoded `/FontFile2` of the font descriptor whose `/FontName` ends with `name`, in
    /// the fixture PDF `pdf`.
    pub(crate) fn fixture_font(pdf: &str, name: &str) -> Vec<u8> {
        let path = format!("{}/fixtures/pdf/{pdf}", env!("CARGO_MANIFEST_DIR"));
        let doc = lopdf::Document::load(path).expect("fixture");
        for o in doc.objects.values() {
            let Ok(d) = o.as_dict() else { continue };
            let font_name = d.get(b"FontName").and_then(lopdf::Object::as_name);
            if font_name.is_ok_and(|n| n.ends_with(name.as_bytes())) {
                let id = d.get(b"FontFile2").and_then(lopdf::Object::as_reference);
                let stream = doc.get_object(id.expect("FontFile2")).expect("stream");
                return stream
                    .as_stream()
                    .expect("stream")
                    .decompressed_content()
                    .expect("inflate");
            }
        }
        panic!("{pdf}: no font {name}");
    }

    fn text_of(glyphs: &[ThaiGlyph], gid: u16) -> Option<(&str, Via)> {
        let i = glyphs.binary_search_by_key(&gid, |g| g.gid).ok()?;
        Some((glyphs[i].text.as_str(), glyphs[i].via))
    }

    #[test]
    fn weasyprint_subset_glyphs_from_cmap() {
        // The glyphs WeasyPrint's ToUnicode gets wrong (see font.rs): the font's cmap says
        // sara uu, nikhahit, and (through U+F70B) mai tho.
        let font = fixture_font("chiangmai-2566.weasyprint-laksaman.pdf", "+Laksaman");
        let glyphs = thai_glyphs(&font);
        assert_eq!(text_of(&glyphs, 0x12B), Some(("\u{0E39}", Via::Cmap)));
        assert_eq!(text_of(&glyphs, 0x13B), Some(("\u{0E4D}", Via::Cmap)));
        assert_eq!(text_of(&glyphs, 0x1E6), Some(("\u{0E49}", Via::Cmap)));
        assert_eq!(text_of(&glyphs, 0x1E5), Some(("\u{0E48}", Via::Cmap)));
        assert_eq!(text_of(&glyphs, 0xF3), Some(("ก", Via::Cmap)));
        // Latin glyphs are not in the table.
        assert_eq!(text_of(&glyphs, 0x24), None);
        assert!(glyphs.iter().all(|g| g.text.chars().all(is_thai)));
    }

    #[test]
    fn gsub_variants_inherit_their_source_text() {
        // Chromium keeps GSUB in its subsets: Garuda's ฐ/ญ without descender and its shifted
        // nikhahit / maitaikhu are reached from their cmapped glyphs only through GSUB.
        let font = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let glyphs = thai_glyphs(&font);
        let derived: Vec<(u16, &str)> = glyphs
            .iter()
            .filter(|g| g.via == Via::Gsub)
            .map(|g| (g.gid, g.text.as_str()))
            .collect();
        assert_eq!(
            derived,
            [
                (0x141, "ฐ"),
                (0x150, "ญ"),
                (0x15F, "\u{0E4D}"),
                (0x160, "\u{0E47}")
            ]
        );
    }

    #[test]
    fn damaged_fonts_never_panic() {
        let font = fixture_font("chiangmai-2566.chromium-garuda.pdf", "+Garuda");
        let clean = thai_glyphs(&font).len();
        assert!(clean > 70);
        for k in 1..40usize {
            let mut bad = font.clone();
            for j in 0..48 {
                let at = (k * 7_919 + j * 104_729) % bad.len();
                bad[at] ^= 0x5A ^ (k as u8);
            }
            let _ = thai_glyphs(&bad);
            let _ = thai_glyphs(&font[..font.len() * k / 40]);
        }
    }

    #[test]
    fn junk_and_truncated_fonts_give_nothing() {
        assert!(thai_glyphs(b"").is_empty());
        assert!(thai_glyphs(b"\x00\x01\x00\x00\x00\x10garbage").is_empty());
        assert!(thai_glyphs(&[0xFF; 4096]).is_empty());
    }

    #[test]
    fn thai_check() {
        assert!(is_thai('ก') && is_thai('ู') && is_thai('๙'));
        assert!(!is_thai('a') && !is_thai('\u{F70B}') && !is_thai(' '));
    }
}
