//! ToUnicode CMaps: `codespacerange`, `bfchar`, `bfrange` (offset and array forms), with
//! multi-character targets, stored compactly as sorted singles and ranges over one char pool.

use std::cell::{Cell, OnceCell};

use super::lexer::{Lexer, Operand};

/// A parsed ToUnicode CMap.
#[derive(Debug, Default, Clone)]
pub(crate) struct ToUnicode {
    /// `(byte length, low, high)` of each codespace range.
    codespace: Vec<(u8, u32, u32)>,
    /// `(code, pool offset, length)`, sorted by code, one per code.
    singles: Vec<(u32, u32, u16)>,
    /// `(low, high, pool offset, length)`, sorted by low: target = pool text with its last
    /// character incremented by `code - low`.
    ranges: Vec<(u32, u32, u32, u16)>,
    /// All target characters.
    pool: Vec<char>,
    /// Lookups answered so far without [`Dense`] (it is built after [`DENSE_AFTER`]).
    looked_up: Cell<u32>,
    /// The text of every code up to [`DENSE_MAX`], read once from the entries above.
    dense: OnceCell<Dense>,
}

/// Codes up to this one get a direct table ([`Dense`]): simple fonts' codes and most
/// subset CID fonts' glyph ids (a lookup per glyph drawn was a share of the interpreter's time).
const DENSE_MAX: u32 = 4095;
/// Lookups before the table is built (a font that draws a few glyphs does not pay for it).
const DENSE_AFTER: u32 = 64;

/// The text of each code `0..=n` as [`ToUnicode::lookup_entries`] gives it.
#[derive(Debug, Default, Clone)]
struct Dense {
    /// Per code: byte range in `text`, `None` when the map has no entry.
    entries: Vec<Option<(u32, u16)>>,
    text: String,
}

/// Longest target kept for one code (ligatures are a few characters).
const MAX_TARGET: usize = 32;
/// Most array entries or singles read from one CMap.
const MAX_ENTRIES: usize = 200_000;

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_target(bytes: &[u8], out: &mut Vec<char>) -> usize {
    let units = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
    let before = out.len();
    for r in char::decode_utf16(units).take(MAX_TARGET) {
        let c = r.unwrap_or('\u{FFFD}');
        let c = match out[before..].last() {
            Some(&prev) => thai_unit_askew(prev, c).unwrap_or(c),
            None => c,
        };
        out.push(c);
    }
    out.len() - before
}

/// A Thai target's second unit as Ghostscript writes it askew: `<0E49 4933>` for `้ำ`
/// (`<0E49 0E33>`), the unit's high byte taken from the low byte of the unit before. The
/// unit is read as the Thai character of its low byte when its high byte is exactly that,
/// and both are Thai letters or marks (otherwise the CJK junk stays, for the outline checks).
fn thai_unit_askew(prev: char, c: char) -> Option<char> {
    let thai = |u: u32| matches!(u, 0x0E01..=0x0E3A | 0x0E3F..=0x0E5B);
    let (p, u) = (u32::from(prev), u32::from(c));
    (thai(p) && (0x3000..=0xD7FF).contains(&u) && u >> 8 == p & 0xFF)
        .then_some(0x0E00 | (u & 0xFF))
        .filter(|&t| thai(t))
        .and_then(char::from_u32)
}

impl ToUnicode {
    /// Parses a CMap stream's decoded bytes. Unreadable parts are skipped.
    pub(crate) fn parse(data: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        let mut lx = Lexer::new(data);
        let mut ops = Vec::new();
        let mut entries = 0usize;
        while let Some(op) = lx.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks_exact(2) {
                        if let (Operand::Str(lo), Operand::Str(hi)) = (&pair[0], &pair[1]) {
                            if !lo.is_empty() && lo.len() <= 4 {
                                map.codespace
                                    .push((lo.len() as u8, code_of(lo), code_of(hi)));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks_exact(2) {
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        let Operand::Str(src) = &pair[0] else {
                            continue;
                        };
                        let off = map.pool.len() as u32;
                        let len = match &pair[1] {
                            Operand::Str(dst) => utf16_target(dst, &mut map.pool),
                            Operand::Name(n) => match super::font::glyph_to_char(n) {
                                Some(c) => {
                                    map.pool.push(c);
                                    1
                                }
                                None => 0,
                            },
                            _ => 0,
                        };
                        map.singles.push((code_of(src), off, len as u16));
                        entries += 1;
                    }
                }
                b"endbfrange" => {
                    for t in ops.chunks_exact(3) {
                        if entries > MAX_ENTRIES {
                            break;
                        }
                        let (Operand::Str(lo), Operand::Str(hi)) = (&t[0], &t[1]) else {
                            continue;
                        };
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        if hi < lo {
                            continue;
                        }
                        match &t[2] {
                            Operand::Str(dst) => {
                                let off = map.pool.len() as u32;
                                let len = utf16_target(dst, &mut map.pool);
                                if len > 0 {
                                    map.ranges.push((lo, hi, off, len as u16));
                                }
                                entries += 1;
                            }
                            Operand::Array(items) => {
                                for (i, item) in items.iter().enumerate() {
                                    let code = lo.saturating_add(i as u32);
                                    if code > hi || entries > MAX_ENTRIES {
                                        break;
                                    }
                                    if let Operand::Str(dst) = item {
                                        let off = map.pool.len() as u32;
                                        let len = utf16_target(dst, &mut map.pool);
                                        map.singles.push((code, off, len as u16));
                                        entries += 1;
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        // Later definitions win: stable sort, then keep the last of equal codes.
        map.singles.sort_by_key(|s| s.0);
        let mut dedup: Vec<(u32, u32, u16)> = Vec::with_capacity(map.singles.len());
        for s in map.singles.drain(..) {
            match dedup.last_mut() {
                Some(last) if last.0 == s.0 => *last = s,
                _ => dedup.push(s),
            }
        }
        map.singles = dedup;
        map.singles.shrink_to_fit();
        map.ranges.sort_by_key(|r| r.0);
        map.pool.shrink_to_fit();
        map
    }

    /// The text of `code`, `None` if the map has no entry for it.
    pub(crate) fn text(&self, code: u32) -> Option<String> {
        let mut s = String::new();
        self.lookup(code, &mut s).then_some(s)
    }

    /// Maps each `(code, text)` to its text from now on, over what the CMap said (corrections
    /// from the embedded font program, see [`super::font`]). One sort for the whole batch.
    pub(crate) fn set_many(&mut self, entries: &[(u32, String)]) {
        if entries.is_empty() {
            return;
        }
        let mut new: Vec<(u32, u32, u16)> = Vec::with_capacity(entries.len());
        for (code, text) in entries.iter().take(MAX_ENTRIES) {
            let off = u32::try_from(self.pool.len()).unwrap_or(u32::MAX);
            let before = self.pool.len();
            self.pool.extend(text.chars().take(MAX_TARGET));
            let len = u16::try_from(self.pool.len() - before).unwrap_or(0);
            new.push((*code, off, len));
        }
        // Stable sorts + dedup keep the first of equal codes: the batch's last entry for a
        // code, then the batch over the old entries.
        new.reverse();
        new.sort_by_key(|s| s.0);
        new.dedup_by_key(|s| s.0);
        new.append(&mut self.singles);
        new.sort_by_key(|s| s.0);
        new.dedup_by_key(|s| s.0);
        self.singles = new;
        self.dense = OnceCell::new();
        self.looked_up.set(0);
    }

    /// Does any entry map to a Thai character (or to nothing)? Only such maps are worth
    /// checking against the font program.
    pub(crate) fn has_thai(&self) -> bool {
        self.singles.iter().any(|s| s.2 == 0)
            || self
                .pool
                .iter()
                .any(|&c| matches!(c, '\u{0E00}'..='\u{0E7F}' | '\u{F700}'..='\u{F8FF}'))
    }

    /// Does any entry map to a control character other than a tab or line break (which Qt
    /// gives the space glyph)? No drawn glyph is one: a map with such entries was written by a
    /// tool that did not know the glyphs (a Ghostscript redistill of CID fonts gives Thai
    /// glyphs U+000F–U+0027), so it is checked against the outlines.
    pub(crate) fn has_controls(&self) -> bool {
        self.pool
            .iter()
            .any(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    }

    /// Is the map empty (no usable entry)?
    pub(crate) fn is_empty(&self) -> bool {
        self.singles.is_empty() && self.ranges.is_empty()
    }

    /// The byte length of the code starting at `bytes`, by the codespace ranges; `default`
    /// when none is declared or none matches.
    pub(crate) fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        if self.codespace.is_empty() {
            return default;
        }
        for len in 1..=4u8 {
            let n = usize::from(len);
            if bytes.len() < n {
                break;
            }
            let code = code_of(&bytes[..n]);
            if self
                .codespace
                .iter()
                .any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code))
            {
                return n;
            }
        }
        default
    }

    /// Appends the text of `code` to `out`; `false` if the map has no entry for it.
    pub(crate) fn lookup(&self, code: u32, out: &mut String) -> bool {
        let dense = match self.dense.get() {
            Some(d) => Some(d),
            None if self.looked_up.get() >= DENSE_AFTER => {
                Some(self.dense.get_or_init(|| self.build_dense()))
            }
            None => {
                self.looked_up.set(self.looked_up.get() + 1);
                None
            }
        };
        if let Some(entry) = dense.and_then(|d| d.entries.get(code as usize).map(|e| (d, e))) {
            return match entry {
                (d, Some((off, len))) => {
                    let off = *off as usize;
                    out.push_str(&d.text[off..off + usize::from(*len)]);
                    true
                }
                (_, None) => false,
            };
        }
        self.lookup_entries(code, out)
    }

    /// [`Dense`] for the codes up to the highest the entries name (at most [`DENSE_MAX`]).
    fn build_dense(&self) -> Dense {
        let highest = self
            .singles
            .last()
            .map(|s| s.0)
            .into_iter()
            .chain(self.ranges.iter().map(|r| r.1))
            .max()
            .map_or(0, |m| m.min(DENSE_MAX));
        let mut d = Dense::default();
        if self.is_empty() {
            return d;
        }
        d.entries.reserve(highest as usize + 1);
        for code in 0..=highest {
            let start = d.text.len();
            let entry = if self.lookup_entries(code, &mut d.text) {
                // Targets are capped (`MAX_TARGET`), so these fit; if one did not, no table:
                // every code is looked up in the entries, never read from a wrong offset.
                match (u32::try_from(start), u16::try_from(d.text.len() - start)) {
                    (Ok(start), Ok(len)) => Some((start, len)),
                    _ => return Dense::default(),
                }
            } else {
                None
            };
            d.entries.push(entry);
        }
        d
    }

    /// [`ToUnicode::lookup`] from the sorted singles and ranges.
    fn lookup_entries(&self, code: u32, out: &mut String) -> bool {
        if let Ok(i) = self.singles.binary_search_by_key(&code, |s| s.0) {
            let (_, off, len) = self.singles[i];
            let (off, len) = (off as usize, usize::from(len));
            match self.pool.get(off..off + len) {
                Some(&[c]) => out.push(c),
                target => out.extend(target.unwrap_or_default()),
            }
            return true;
        }
        // The last range starting at or below `code`, then earlier ones (overlaps are rare).
        let end = self.ranges.partition_point(|r| r.0 <= code);
        for &(lo, hi, off, len) in self.ranges[..end].iter().rev().take(8) {
            if code > hi {
                continue;
            }
            let (off, len) = (off as usize, usize::from(len));
            let Some(target) = self.pool.get(off..off + len) else {
                return false;
            };
            let (last, head) = target.split_last().unwrap_or((&'\u{FFFD}', &[]));
            out.extend(head);
            let c = char::from_u32(*last as u32 + (code - lo)).unwrap_or('\u{FFFD}');
            out.push(c);
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(m: &ToUnicode, code: u32) -> Option<String> {
        let mut s = String::new();
        m.lookup(code, &mut s).then_some(s)
    }

    const CMAP: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <0E010E33>
<0011> <D835DC00>
endbfchar
2 beginbfrange
<0020> <0025> <0E01>
<0030> <0032> [<0041> <00660069> <0043>]
endbfrange
1 beginbfchar <0021> <0E4D> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn ghostscript_s_askew_thai_second_unit_is_read_as_its_low_byte() {
        let m = ToUnicode::parse(
            b"1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfchar <6f> <0e494933> <7e> <0e484833> <41> <0e2d4e2d> endbfchar",
        );
        assert_eq!(m.text(0x6f).as_deref(), Some("\u{0E49}\u{0E33}"));
        assert_eq!(m.text(0x7e).as_deref(), Some("\u{0E48}\u{0E33}"));
        // A second unit whose high byte is not the first's low byte stays as written.
        assert_eq!(m.text(0x41).as_deref(), Some("\u{0E2D}\u{4E2D}"));
    }

    #[test]
    fn bfchar_bfrange_array_and_multichar() {
        let m = ToUnicode::parse(CMAP.as_bytes());
        assert_eq!(text(&m, 3).as_deref(), Some(" "));
        assert_eq!(text(&m, 0x10).as_deref(), Some("กำ"));
        assert!(m.has_thai());
        assert_eq!(text(&m, 0x11).as_deref(), Some("\u{1D400}"));
        assert_eq!(text(&m, 0x20).as_deref(), Some("ก"));
        assert_eq!(text(&m, 0x25).as_deref(), Some("\u{0E06}"));
        // a later bfchar overrides the range
        assert_eq!(text(&m, 0x21).as_deref(), Some("ํ"));
        assert_eq!(text(&m, 0x31).as_deref(), Some("fi"));
        assert_eq!(text(&m, 0x32).as_deref(), Some("C"));
        assert_eq!(text(&m, 0x26), None);
        assert_eq!(text(&m, 0x33), None);
        assert_eq!(m.code_len(&[0, 3, 0], 1), 2);
    }

    #[test]
    fn one_byte_codespace() {
        let m = ToUnicode::parse(
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <41> <5A> <0061> endbfrange",
        );
        assert_eq!(m.code_len(b"AB", 2), 1);
        assert_eq!(text(&m, 0x42).as_deref(), Some("b"));
        assert!(!m.has_thai());
    }

    #[test]
    fn whole_plane_range_is_compact() {
        let m = ToUnicode::parse(b"1 beginbfrange <0000> <FFFF> <0000> endbfrange");
        assert_eq!(m.ranges.len(), 1);
        assert_eq!(text(&m, 0x0E01).as_deref(), Some("ก"));
    }

    #[test]
    fn the_direct_table_reads_as_the_entries() {
        let mut m = ToUnicode::parse(CMAP.as_bytes());
        let by_entries = |m: &ToUnicode, code| {
            let mut s = String::new();
            m.lookup_entries(code, &mut s).then_some(s)
        };
        for round in 0..2 {
            // Enough lookups to build the table, then every code through it and past it.
            for code in 0..=DENSE_AFTER {
                assert_eq!(text(&m, code), by_entries(&m, code));
            }
            assert!(m.dense.get().is_some());
            for code in (0..0x300).chain([DENSE_MAX, DENSE_MAX + 1, 0xFFFF]) {
                assert_eq!(text(&m, code), by_entries(&m, code), "{code:#x}");
            }
            if round == 0 {
                // A correction drops the table: it is built again from the new entries.
                m.set_many(&[(0x22, "ู".into())]);
                assert!(m.dense.get().is_none());
            }
        }
        assert_eq!(text(&m, 0x22).as_deref(), Some("ู"));
    }

    #[test]
    fn set_overrides_singles_and_ranges() {
        let mut m = ToUnicode::parse(CMAP.as_bytes());
        m.set_many(&[
            (0x22, "ู".into()),
            (0x10, "ํ".into()),
            (0x40, "x".into()),
            (0x40, "้".into()),
        ]);
        assert_eq!(m.text(0x22).as_deref(), Some("ู"));
        assert_eq!(m.text(0x23).as_deref(), Some("\u{0E04}"));
        assert_eq!(m.text(0x10).as_deref(), Some("ํ"));
        assert_eq!(m.text(0x40).as_deref(), Some("้"));
        assert_eq!(m.text(0x03).as_deref(), Some(" "));
    }

    #[test]
    fn junk_does_not_panic() {
        let m =
            ToUnicode::parse(b"beginbfrange <FFFF> <0000> <41> [ endbfrange <> <> <> endbfchar");
        assert!(m.is_empty());
    }
}
