//! Thailand's 77 provinces and 928 districts (878 อำเภอ and Bangkok's 50 เขต), built into the
//! binary, to check and cut the place names that reports write on their covers and in tables.
//!
//! The data are the Department of Provincial Administration's codes and names as the `geothai`
//! package ships them (CC BY 4.0, "GeoThai"; see `data/gazetteer/SOURCE.md`), embedded from
//! `data/gazetteer/*.tsv` and indexed once, on first use.
//!
//! * [`province`] and [`district`] read one name as documents write it: with or without the word
//!   for its level (`จังหวัด`, `จ.`, `อำเภอ`, `อ.`, `เขต`, `กิ่งอำเภอ`), spaces inside, zero-width
//!   characters, common short forms (`กทม.`, `กรุงเทพฯ`), `เมือง` alone for the capital district.
//! * [`find_places`] finds every name in a line, longest first, for lines that run an agency,
//!   its district and its province together.
//!
//! ```
//! use ita_extract::gazetteer::{district, find_places, province};
//! let chiang_mai = province("จ.เชียงใหม่").unwrap();
//! assert_eq!(chiang_mai.code, "50");
//! assert_eq!(district(chiang_mai, "อ. เมือง").unwrap().code, "5001");
//! let line = "เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน";
//! let places = find_places(line);
//! assert_eq!(&line[places[0].range.clone()], "บางปะอิน");
//! assert_eq!(&line[..places[0].start()], "เทศบาลตำบลบ้านใหม่");
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::{nfc, remove_zero_width};

/// One of the 77 provinces (Bangkok, a special administrative area, counts as one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Province {
    /// DOPA code, two digits: `"50"`.
    pub code: &'static str,
    /// Official Thai name, without the word จังหวัด: `"เชียงใหม่"`.
    pub name: &'static str,
    /// English name (romanized): `"Chiang Mai"`.
    pub name_en: &'static str,
}

/// One district: an อำเภอ, or one of Bangkok's เขต.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct District {
    /// DOPA code, four digits, starting with the province's: `"5001"`.
    pub code: &'static str,
    /// Official Thai name, without the word อำเภอ; Bangkok's keep their เขต (`"เขตบางรัก"`).
    pub name: &'static str,
    /// English name (romanized): `"Mueang Chiang Mai"`.
    pub name_en: &'static str,
    /// Code of the province the district is in: `"50"`.
    pub province_code: &'static str,
}

/// What a [`Place`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A province ([`Place::district`] is `None`).
    Province,
    /// A district ([`Place::district`] is `Some`).
    District,
}

/// A province or district name found in a text by [`find_places`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Byte range of the name as written, without its level word: `บางปะอิน` in `อำเภอบางปะอิน`,
    /// `บางรัก` in `เขตบางรัก`, `เมือง` in `อ.เมือง`.
    pub range: Range<usize>,
    /// Byte range of the level word written before the name, if any (`อำเภอ`, `อ.`, `เขต`,
    /// `กิ่งอำเภอ`, `จังหวัด`, `จ.`); spaces between it and the name are in neither range.
    pub marker: Option<Range<usize>>,
    /// Province or district.
    pub kind: PlaceKind,
    /// The province: the one named, or the district's.
    pub province: &'static Province,
    /// The district, for [`PlaceKind::District`].
    pub district: Option<&'static District>,
    /// The name also names another place (`จอมทอง`: Chiang Mai and Bangkok; `เฉลิมพระเกียรติ`:
    /// five provinces) and no province found in the same text told which one is meant.
    pub ambiguous: bool,
}

impl Place {
    /// Where the place starts in the text, its level word included: cut here to separate it
    /// from an agency name written right before it.
    #[must_use]
    pub fn start(&self) -> usize {
        self.marker.as_ref().map_or(self.range.start, |m| m.start)
    }
}

impl Province {
    /// The province's districts, in code order.
    #[must_use]
    pub fn districts(&self) -> &'static [District] {
        let all = districts();
        let from = all.partition_point(|d| d.province_code < self.code);
        let to = all.partition_point(|d| d.province_code <= self.code);
        &all[from..to]
    }

    /// The capital district (code `XX01`: อำเภอเมือง…, for Ayutthaya อำเภอพระนครศรีอยุธยา), which
    /// documents write `อำเภอเมือง`; `None` for Bangkok, which has none.
    #[must_use]
    pub fn capital(&self) -> Option<&'static District> {
        if self.code == BANGKOK {
            return None;
        }
        self.districts().first().filter(|d| d.code.ends_with("01"))
    }
}

impl District {
    /// The province the district is in.
    #[must_use]
    pub fn province(&self) -> &'static Province {
        province_by_code(self.province_code).expect("every district's province is in the table")
    }

    /// The name without Bangkok's word เขต (`บางรัก` for `เขตบางรัก`), as table rows write it.
    #[must_use]
    pub fn short_name(&self) -> &'static str {
        self.name.strip_prefix(KHET).unwrap_or(self.name)
    }
}

const BANGKOK: &str = "10";
const KHET: &str = "เขต";
const CAPITAL: &str = "เมือง";

/// Other names documents give provinces, beside the official ones.
const PROVINCE_ALIASES: [(&str, &str); 6] = [
    ("กรุงเทพฯ", BANGKOK),
    ("กรุงเทพ", BANGKOK),
    ("กทม.", BANGKOK),
    ("กทม", BANGKOK),
    ("อยุธยา", "14"),
    ("โคราช", "30"),
];

/// Words written before a province name, longest first (a bare `จ` only in [`province`]).
const PROVINCE_WORDS: [&str; 2] = ["จังหวัด", "จ."];

/// Words written before a district name, longest first where one ends another.
const DISTRICT_WORDS: [&str; 5] = ["กิ่งอำเภอ", "กิ่งอ.", "อำเภอ", "อ.", KHET];

static PROVINCES: LazyLock<Vec<Province>> = LazyLock::new(|| {
    rows::<3>(include_str!("../data/gazetteer/provinces.tsv"))
        .map(|[code, name, name_en]| Province {
            code,
            name,
            name_en,
        })
        .collect()
});

static DISTRICTS: LazyLock<Vec<District>> = LazyLock::new(|| {
    rows::<4>(include_str!("../data/gazetteer/districts.tsv"))
        .map(|[code, province_code, name, name_en]| District {
            code,
            name,
            name_en,
            province_code,
        })
        .collect()
});

/// The rows of an embedded TSV after its header, `N` cells each.
fn rows<const N: usize>(tsv: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    tsv.lines().skip(1).filter(|l| !l.is_empty()).map(|line| {
        let mut cells = line.split('\t');
        let row = std::array::from_fn(|_| cells.next().expect("gazetteer TSV row too short"));
        assert!(cells.next().is_none(), "gazetteer TSV row too long: {line}");
        row
    })
}

/// All provinces, in code order.
#[must_use]
pub fn provinces() -> &'static [Province] {
    &PROVINCES
}

/// All districts, in code order (so a province's districts are contiguous).
#[must_use]
pub fn districts() -> &'static [District] {
    &DISTRICTS
}

/// The province with that code (`"50"`).
#[must_use]
pub fn province_by_code(code: &str) -> Option<&'static Province> {
    by_code(provinces(), code, |p| p.code)
}

/// The district with that code (`"5001"`).
#[must_use]
pub fn district_by_code(code: &str) -> Option<&'static District> {
    by_code(districts(), code, |d| d.code)
}

/// The row of a table sorted by code with that code (binary search).
fn by_code<T>(all: &'static [T], code: &str, code_of: fn(&T) -> &str) -> Option<&'static T> {
    let i = all.binary_search_by(|row| code_of(row).cmp(code)).ok()?;
    Some(&all[i])
}

/// A name in the form the indexes compare: zero-width characters removed, Thai text-layer
/// damage repaired (`ล าปาง`), NFC, no whitespace, lower case (English names).
fn key(name: &str) -> String {
    let repaired = crate::thai::repair(&remove_zero_width(name));
    nfc(&repaired)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Looks `key` up as it is, then without each of `words` before it: the name as written comes
/// first, so `จันทบุรี` is not read as `จ` + `ันทบุรี`.
fn lookup<T>(key: &str, words: &[&str], get: impl Fn(&str) -> Option<T>) -> Option<T> {
    get(key).or_else(|| {
        words
            .iter()
            .find_map(|w| key.strip_prefix(w).and_then(&get))
    })
}

/// Province names, English names and aliases (in [`key`] form) → province.
static PROVINCE_INDEX: LazyLock<HashMap<String, &'static Province>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for p in provinces() {
        index.insert(key(p.name), p);
        index.insert(key(p.name_en), p);
    }
    for (alias, code) in PROVINCE_ALIASES {
        index.insert(
            key(alias),
            province_by_code(code).expect("alias of a province"),
        );
    }
    index
});

/// District names (official, without เขต, English; in [`key`] form) → the districts so named.
static DISTRICT_INDEX: LazyLock<HashMap<String, Vec<&'static District>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<&'static District>> = HashMap::new();
    for d in districts() {
        let mut keys = vec![key(d.name), key(d.short_name()), key(d.name_en)];
        keys.dedup();
        for k in keys {
            index.entry(k).or_default().push(d);
        }
    }
    // Ayutthaya's capital is the one not named เมือง…; documents still write it so.
    for p in provinces() {
        if let Some(capital) = p.capital() {
            let written = key(&format!("{CAPITAL}{}", p.name));
            if written != key(capital.name) {
                index.entry(written).or_default().push(capital);
            }
        }
    }
    index
});

/// A province by name as documents write it: with or without the word จังหวัด / จ. / จ, with
/// spaces or zero-width characters inside (`เชียง ใหม่`), Bangkok's short forms (กรุงเทพฯ, กทม.,
/// กรุงเทพ), อยุธยา, โคราช, or the English name. `None` if unknown.
#[must_use]
pub fn province(name: &str) -> Option<&'static Province> {
    const WORDS: [&str; 3] = ["จังหวัด", "จ.", "จ"];
    lookup(&key(name), &WORDS, |k| PROVINCE_INDEX.get(k).copied())
}

/// A district of `province` by name as written: with or without อำเภอ / อ. / เขต / กิ่งอำเภอ,
/// spaces tolerated; `เมือง` alone is the capital district (`อ.เมือง` in Chiang Mai is 5001;
/// Bangkok has none). `None` if it is not a district of that province.
#[must_use]
pub fn district(province: &Province, name: &str) -> Option<&'static District> {
    lookup(&key(name), &DISTRICT_WORDS, |k| {
        if k == CAPITAL {
            return province_by_code(province.code).and_then(Province::capital);
        }
        DISTRICT_INDEX
            .get(k)?
            .iter()
            .copied()
            .find(|d| d.province_code == province.code)
    })
}

/// Every district with that name, in any province and in code order, read as [`district`] reads
/// it (for the warning "a district of another province"). `เมือง` alone names no district.
#[must_use]
pub fn districts_named(name: &str) -> Vec<&'static District> {
    lookup(&key(name), &DISTRICT_WORDS, |k| {
        DISTRICT_INDEX.get(k).cloned()
    })
    .unwrap_or_default()
}

/// What a pattern of [`FINDER`] can stand for.
#[derive(Debug, Clone, Copy)]
enum Target {
    Province(&'static Province),
    District(&'static District),
    /// `เมือง` after a district word: the capital of the province found in the same text.
    Capital,
}

/// One automaton over every name [`find_places`] looks for, and what each pattern stands for.
struct Finder {
    automaton: AhoCorasick,
    targets: Vec<Vec<Target>>,
}

static FINDER: LazyLock<Finder> = LazyLock::new(|| {
    let mut by_pattern: HashMap<&'static str, Vec<Target>> = HashMap::new();
    let mut add = |pattern, target| by_pattern.entry(pattern).or_default().push(target);
    for p in provinces() {
        add(p.name, Target::Province(p));
    }
    for (alias, code) in PROVINCE_ALIASES {
        add(
            alias,
            Target::Province(province_by_code(code).expect("alias")),
        );
    }
    for d in districts() {
        add(d.name, Target::District(d));
        if d.short_name() != d.name {
            add(d.short_name(), Target::District(d));
        }
    }
    add(CAPITAL, Target::Capital);
    let mut patterns: Vec<_> = by_pattern.into_iter().collect();
    patterns.sort_unstable_by_key(|(p, _)| *p);
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns.iter().map(|(p, _)| p))
        .expect("gazetteer automaton");
    Finder {
        automaton,
        targets: patterns.into_iter().map(|(_, t)| t).collect(),
    }
});

/// The level a word before a name gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    District,
}

/// The level word written right before `start` (spaces between allowed), and its range.
fn marker_before(text: &str, start: usize) -> Option<(Level, Range<usize>)> {
    let before = text[..start].trim_end_matches(' ');
    let words = PROVINCE_WORDS
        .iter()
        .map(|w| (Level::Province, w))
        .chain(DISTRICT_WORDS.iter().map(|w| (Level::District, w)));
    for (level, word) in words {
        if before.ends_with(word) {
            return Some((level, before.len() - word.len()..before.len()));
        }
    }
    None
}

/// Thai sara a, sara aa, sara am, lakkhangyao: vowels that follow their consonant.
fn is_following_vowel(c: char) -> bool {
    matches!(c, '\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E45}')
}

/// Thai vowels written before their consonant (เ แ โ ใ ไ).
fn is_leading_vowel(c: char) -> bool {
    matches!(c, '\u{0E40}'..='\u{0E44}')
}

/// Does `text[range]` sit on syllable edges? Not if a vowel before it belongs to its first
/// consonant (`เ` + `ลย` in `เลย` is fine, `ลย` alone in `เลย` is not), nor if a mark or vowel
/// after it belongs to its last consonant (`พล` in `บางพลัด`).
fn on_syllable_edges(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(is_leading_vowel)
        && !after.is_some_and(|c| crate::thai::is_combining(c) || is_following_vowel(c))
}

/// A Thai letter, vowel or mark (not a digit or punctuation): text that could go on a word.
fn is_thai_letter(c: char) -> bool {
    crate::thai::is_thai_letter(c)
}

/// Is `name` short enough to be a common word or part of one (`สอง`, `แพร่` in `เผยแพร่`,
/// `ชนบท`): four letters or fewer, marks not counted?
fn is_short(name: &str) -> bool {
    name.chars()
        .filter(|&c| !crate::thai::is_combining(c))
        .count()
        <= 4
}

/// Does `text[range]` stand apart from other Thai letters: after a level word, a space, the
/// start or a non-Thai character, and before a level word (`ปายจังหวัด…`), a space, the end or
/// a non-Thai character?
fn stands_alone(text: &str, range: &Range<usize>, marked: bool) -> bool {
    let before = text[..range.start].chars().next_back();
    let rest = &text[range.end..];
    let level_word_after = PROVINCE_WORDS
        .iter()
        .chain(&DISTRICT_WORDS)
        .any(|w| rest.starts_with(w));
    (marked || !before.is_some_and(is_thai_letter))
        && (level_word_after || !rest.chars().next().is_some_and(is_thai_letter))
}

/// A candidate name in [`find_places`], before one of its targets is chosen.
struct Found {
    range: Range<usize>,
    marker: Option<(Level, Range<usize>)>,
    targets: &'static [Target],
}

/// Names of provinces and districts found in `text`, in text order: longest match first, then
/// non-overlapping, so `เมืองเชียงใหม่` is the district, not `เชียงใหม่` the province.
///
/// Used to cut joined cover lines (`เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน`, see [`Place::start`]) and
/// table rows read from the right (`… สันทราย เชียงใหม่ 88.14`). `text` should be a normalized
/// line (NFC); zero-width characters are skipped, and ranges index `text` itself.
///
/// A name counts only on syllable edges (no `พล` inside `บางพลัด`), and a name of four letters
/// or fewer (`ลอง`, `แพร่`, `ปาย`) only apart from other Thai letters or after a level word (no
/// `ลอง` inside `คลองแห้ง`, no `แพร่` inside `เผยแพร่`).
/// A name that is both a province and a district (พระนครศรีอยุธยา) is the province unless a
/// district word precedes it; a district name of several provinces (จอมทอง) is the one whose
/// province is also named in `text`, else the first by code and [`Place::ambiguous`].
/// `เมือง` counts only after a district word (`อ.เมือง`, `อำเภอเมือง`) and before no other Thai
/// letter, and only when `text` also names a province other than Bangkok (the nearest after it,
/// else before it): it is then that province's capital district.
///
/// Longer names can still be words of running text (`เฉลิมพระเกียรติ` in a project's name):
/// trust a place with a [`Place::marker`] more than one without.
#[must_use]
pub fn find_places(text: &str) -> Vec<Place> {
    let cleaned = remove_zero_width(text);
    let found = find_names(&cleaned);
    let places = resolve(&found);
    if cleaned.len() == text.len() {
        return places;
    }
    let offsets = original_offsets(text);
    // A name's last byte maps to its last byte: zero-width characters after it stay out.
    let map = |r: Range<usize>| offsets[r.start]..offsets[r.end - 1] + 1;
    places
        .into_iter()
        .map(|p| Place {
            range: map(p.range),
            marker: p.marker.map(map),
            ..p
        })
        .collect()
}

/// For each byte offset of `text` without its zero-width characters (and its end), the
/// offset in `text`.
fn original_offsets(text: &str) -> Vec<usize> {
    let mut offsets: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| remove_zero_width(c.encode_utf8(&mut [0; 4])).len() == c.len_utf8())
        .flat_map(|(i, c)| i..i + c.len_utf8())
        .collect();
    offsets.push(text.len());
    offsets
}

/// Every name in `text` on syllable edges, longest first, then non-overlapping, in text order.
fn find_names(text: &str) -> Vec<Found> {
    let finder = &*FINDER;
    let mut all: Vec<Found> = finder
        .automaton
        .find_overlapping_iter(text)
        .filter_map(|m| {
            let range = m.range();
            let targets = &finder.targets[m.pattern().as_usize()][..];
            let mut marker = marker_before(text, range.start);
            if !on_syllable_edges(text, &range)
                || is_short(&text[range.clone()]) && !stands_alone(text, &range, marker.is_some())
            {
                return None;
            }
            // Bangkok's official names carry their เขต: keep it as the marker.
            let range = match targets {
                [Target::District(d)] if d.name.starts_with(KHET) => {
                    let name_start = range.start + KHET.len();
                    marker = Some((Level::District, range.start..name_start));
                    name_start..range.end
                }
                [Target::Capital] => {
                    let next = text[range.end..].chars().next();
                    if next.is_some_and(is_thai_letter)
                        || !matches!(marker, Some((Level::District, _)))
                    {
                        return None;
                    }
                    range
                }
                _ => range,
            };
            Some(Found {
                range,
                marker,
                targets,
            })
        })
        .collect();
    let span = |f: &Found| f.marker.as_ref().map_or(f.range.start, |m| m.1.start)..f.range.end;
    all.sort_by_key(|f| (std::cmp::Reverse(f.range.len()), f.range.start));
    let mut chosen: Vec<Found> = Vec::new();
    for f in all {
        let r = span(&f);
        if chosen.iter().all(|c| {
            let s = span(c);
            r.end <= s.start || s.end <= r.start
        }) {
            chosen.push(f);
        }
    }
    chosen.sort_by_key(|f| f.range.start);
    chosen
}

/// One [`Place`] for each found name whose target can be settled (see [`find_places`]).
fn resolve(found: &[Found]) -> Vec<Place> {
    // Provinces named in the text, for district names of several provinces and for เมือง.
    let named: Vec<(usize, &'static Province)> = found
        .iter()
        .filter(|f| !matches!(f.marker, Some((Level::District, _))))
        .filter_map(|f| {
            f.targets.iter().find_map(|t| match t {
                Target::Province(p) => Some((f.range.start, *p)),
                _ => None,
            })
        })
        .collect();
    found
        .iter()
        .filter_map(|f| {
            let level = f.marker.as_ref().map(|m| m.0);
            let marker = f.marker.as_ref().map(|m| m.1.clone());
            let place = |kind, province, district, ambiguous| Place {
                range: f.range.clone(),
                marker: marker.clone(),
                kind,
                province,
                district,
                ambiguous,
            };
            let province = f.targets.iter().find_map(|t| match t {
                Target::Province(p) => Some(*p),
                _ => None,
            });
            let districts: Vec<&'static District> = f
                .targets
                .iter()
                .filter_map(|t| match t {
                    Target::District(d) => Some(*d),
                    _ => None,
                })
                .collect();
            if matches!(f.targets, [Target::Capital]) {
                let after = named.iter().find(|(at, _)| *at > f.range.start);
                let before = named.iter().rev().find(|(at, _)| *at < f.range.start);
                let (_, p) = after.or(before)?;
                return Some(place(PlaceKind::District, p, Some(p.capital()?), false));
            }
            match (province, districts.as_slice()) {
                (Some(p), []) => Some(place(PlaceKind::Province, p, None, false)),
                (Some(p), _) if level != Some(Level::District) => {
                    Some(place(PlaceKind::Province, p, None, false))
                }
                (_, [d]) => Some(place(PlaceKind::District, d.province(), Some(d), false)),
                (_, [first, ..]) => {
                    let settled = districts
                        .iter()
                        .find(|d| named.iter().any(|(_, p)| p.code == d.province_code));
                    let d = settled.unwrap_or(first);
                    Some(place(
                        PlaceKind::District,
                        d.province(),
                        Some(d),
                        settled.is_none(),
                    ))
                }
                (None, []) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_codes() {
        assert_eq!(provinces().len(), 77);
        assert_eq!(districts().len(), 928);
        let bangkok = province_by_code(BANGKOK).unwrap();
        assert_eq!(bangkok.districts().len(), 50);
        assert!(provinces().windows(2).all(|w| w[0].code < w[1].code));
        assert!(districts().windows(2).all(|w| w[0].code < w[1].code));
        for d in districts() {
            assert_eq!(d.code.len(), 4);
            assert!(d.code.starts_with(d.province_code), "{d:?}");
            assert!(province_by_code(d.province_code).is_some(), "{d:?}");
        }
        for p in provinces() {
            assert_eq!(p.code.len(), 2);
            assert!(!p.districts().is_empty(), "{p:?}");
            assert_eq!(p.capital().is_none(), p.code == BANGKOK, "{p:?}");
        }
        let sum: usize = provinces().iter().map(|p| p.districts().len()).sum();
        assert_eq!(sum, 928);
    }

    #[test]
    fn provinces_by_name() {
        let cases = [
            ("เชียงใหม่", Some("50")),
            ("จ.เชียงใหม่", Some("50")),
            ("จ. เชียงใหม่", Some("50")),
            ("จังหวัดเชียงใหม่", Some("50")),
            ("จังหวัด เชียง ใหม่", Some("50")),
            ("จเชียงใหม่", Some("50")),
            ("เชียง\u{200B}ใหม่", Some("50")),
            ("จันทบุรี", Some("22")),
            ("จ.จันทบุรี", Some("22")),
            ("ล าปาง", Some("52")),
            ("กรุงเทพมหานคร", Some("10")),
            ("กรุงเทพฯ", Some("10")),
            ("กรุงเทพ", Some("10")),
            ("กทม.", Some("10")),
            ("กทม", Some("10")),
            ("พระนครศรีอยุธยา", Some("14")),
            ("อยุธยา", Some("14")),
            ("Chiang Mai", Some("50")),
            ("นครราชสีมา", Some("30")),
            ("เชียงใหม", None),
            ("ปารีส", None),
            ("", None),
            ("จ.", None),
        ];
        for (name, code) in cases {
            assert_eq!(province(name).map(|p| p.code), code, "{name}");
        }
    }

    #[test]
    fn districts_by_name() {
        let cases = [
            ("เชียงใหม่", "เมือง", Some("5001")),
            ("เชียงใหม่", "อ.เมือง", Some("5001")),
            ("เชียงใหม่", "อ. เมือง", Some("5001")),
            ("เชียงใหม่", "อำเภอเมือง", Some("5001")),
            ("เชียงใหม่", "อำเภอเมืองเชียงใหม่", Some("5001")),
            ("เชียงใหม่", "เมือง เชียงใหม่", Some("5001")),
            ("เชียงใหม่", "สันทราย", Some("5014")),
            ("เชียงใหม่", "อำเภอสันทราย", Some("5014")),
            ("เชียงใหม่", "จอมทอง", Some("5002")),
            ("นนทบุรี", "บางบัวทอง", Some("1204")),
            ("นนทบุรี", "อ.บางบัวทอง", Some("1204")),
            ("นครราชสีมา", "ด่านขุนทด", Some("3008")),
            ("พระนครศรีอยุธยา", "บางปะอิน", Some("1406")),
            ("พระนครศรีอยุธยา", "เมือง", Some("1401")),
            ("พระนครศรีอยุธยา", "พระนครศรีอยุธยา", Some("1401")),
            ("กรุงเทพมหานคร", "เขตบางรัก", Some("1004")),
            ("กรุงเทพมหานคร", "บางรัก", Some("1004")),
            ("กรุงเทพมหานคร", "เขต บางรัก", Some("1004")),
            ("กรุงเทพมหานคร", "จอมทอง", Some("1035")),
            ("กรุงเทพมหานคร", "เมือง", None),
            ("เชียงใหม่", "บางบัวทอง", None),
            ("เชียงใหม่", "บางรัก", None),
            ("เชียงใหม่", "ไม่มีอำเภอนี้", None),
            ("เชียงใหม่", "", None),
        ];
        for (p, name, code) in cases {
            let p = province(p).unwrap();
            assert_eq!(district(p, name).map(|d| d.code), code, "{} {name}", p.name);
        }
    }

    #[test]
    fn districts_by_name_anywhere() {
        let codes = |name| {
            districts_named(name)
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("บางบัวทอง"), ["1204"]);
        assert_eq!(codes("อำเภอบางบัวทอง"), ["1204"]);
        assert_eq!(codes("จอมทอง"), ["1035", "5002"]);
        assert_eq!(codes("เฉลิมพระเกียรติ").len(), 5);
        assert!(codes("เมือง").is_empty());
        assert!(codes("ปารีส").is_empty());
    }

    /// `(text, [(name as found, district code or province code)])`.
    #[test]
    fn places_in_text() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน", &[("บางปะอิน", "1406")]),
            (
                "3 องค์การบริหารส่วนตำบลแม่แฝก สันทราย เชียงใหม่ 88.14",
                &[("สันทราย", "5014"), ("เชียงใหม่", "50")],
            ),
            (
                "เทศบาลนครเชียงใหม่ อำเภอเมืองเชียงใหม่",
                &[("เชียงใหม่", "50"), ("เมืองเชียงใหม่", "5001")],
            ),
            (
                "เทศบาลนครเชียงใหม่ อ.เมือง จ.เชียงใหม่",
                &[("เชียงใหม่", "50"), ("เมือง", "5001"), ("เชียงใหม่", "50")],
            ),
            (
                "อำเภอบางปะอิน จังหวัดพระนครศรีอยุธยา",
                &[("บางปะอิน", "1406"), ("พระนครศรีอยุธยา", "14")],
            ),
            ("อำเภอพระนครศรีอยุธยา", &[("พระนครศรีอยุธยา", "1401")]),
            ("เขตบางรัก กรุงเทพฯ", &[("บางรัก", "1004"), ("กรุงเทพฯ", "10")]),
            (
                "อำเภอจอมทอง จังหวัดเชียงใหม่",
                &[("จอมทอง", "5002"), ("เชียงใหม่", "50")],
            ),
            ("อำเภอเมืองยาง", &[("เมืองยาง", "3027")]),
            ("เทศบาลเมืองคลองหลวง", &[("คลองหลวง", "1302")]),
            ("ขุดคลองแห้ง", &[]),
            ("การเผยแพร่ข้อมูล", &[]),
            ("ปาย แม่ฮ่องสอน", &[("ปาย", "5803"), ("แม่ฮ่องสอน", "58")]),
            ("เทศบาลตำบลปายอำเภอปาย", &[("ปาย", "5803")]),
            (
                "เทศบาลตำบลปายอำเภอปายจังหวัดแม่ฮ่องสอน",
                &[("ปาย", "5803"), ("แม่ฮ่องสอน", "58")],
            ),
            ("ชนบท", &[("ชนบท", "4018")]),
            ("พัฒนาชนบท", &[]),
            ("อำเภอเมือง", &[]),
            ("ไม่มีชื่อที่นี่", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, &str)> = find_places(text)
                .iter()
                .map(|p| {
                    let code = p.district.map_or(p.province.code, |d| d.code);
                    (&text[p.range.clone()], code)
                })
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    /// Every name of the table, written as a cover writes it, reads back as itself.
    #[test]
    fn every_name_reads_back() {
        for p in provinces() {
            assert_eq!(province(p.name), Some(p), "{}", p.name);
            assert_eq!(province(&format!("จังหวัด{}", p.name)), Some(p), "{}", p.name);
            for d in p.districts() {
                for name in [d.name, d.short_name(), &format!("อ.{}", d.short_name())] {
                    assert_eq!(district(p, name), Some(d), "{} {name}", p.name);
                    assert!(districts_named(name).contains(&d), "{name}");
                }
                let word = if p.code == BANGKOK {
                    KHET
                } else {
                    "อำเภอ"
                };
                let text = format!("เทศบาลตำบลบ้านใหม่{word}{} จังหวัด{}", d.short_name(), p.name);
                let places = find_places(&text);
                let found: Vec<_> = places.iter().map(|p| (p.kind, p.district)).collect();
                assert_eq!(
                    found[found.len() - 2..],
                    [(PlaceKind::District, Some(d)), (PlaceKind::Province, None)],
                    "{text}"
                );
                assert_eq!(
                    places[places.len() - 2]
                        .marker
                        .as_ref()
                        .map(|m| &text[m.clone()]),
                    Some(word)
                );
            }
        }
    }

    #[test]
    fn place_fields() {
        let text = "เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน";
        let [p] = &find_places(text)[..] else {
            panic!("one place")
        };
        assert_eq!(p.kind, PlaceKind::District);
        assert_eq!(p.province.code, "14");
        assert_eq!(&text[p.marker.clone().unwrap()], "อำเภอ");
        assert_eq!(&text[..p.start()], "เทศบาลตำบลบ้านใหม่");
        assert!(!p.ambiguous);

        let [p] = &find_places("จอมทอง")[..] else {
            panic!("one place")
        };
        assert!(p.ambiguous);

        let text = "อำเภอบาง\u{200B}ปะอิน\u{200B}";
        let [p] = &find_places(text)[..] else {
            panic!("one place")
        };
        assert_eq!(&text[p.range.clone()], "บาง\u{200B}ปะอิน");
    }
}
