//! The cover: agency name and type, district, province, fiscal year.

use std::sync::LazyLock;

use regex::Regex;

use super::{first_at, span, Diagnostics};
use crate::gazetteer::{self, PlaceKind};
use crate::keyword;
use crate::model::{Agency, AgencyType, Geo};
use crate::normalize::Line;

/// What the cover gives.
#[derive(Debug, Default)]
pub struct Cover {
    /// The agency.
    pub agency: Agency,
    /// Fiscal year, Buddhist era.
    pub fiscal_year: Option<u16>,
}

/// Agency name prefixes, longest first, with their type.
const PREFIXES: [(&str, AgencyType); 12] = [
    ("องค์การบริหารส่วนจังหวัด", AgencyType::ProvincialAdministration),
    ("องค์การบริหารส่วนตำบล", AgencyType::SubdistrictAdministration),
    ("เทศบาลนคร", AgencyType::CityMunicipality),
    ("เทศบาลเมือง", AgencyType::TownMunicipality),
    ("เทศบาลตำบล", AgencyType::SubdistrictMunicipality),
    ("กรุงเทพมหานคร", AgencyType::Other),
    ("เมืองพัทยา", AgencyType::Other),
    ("อบจ.", AgencyType::ProvincialAdministration),
    ("อบต.", AgencyType::SubdistrictAdministration),
    ("ทน.", AgencyType::CityMunicipality),
    ("ทม.", AgencyType::TownMunicipality),
    ("ทต.", AgencyType::SubdistrictMunicipality),
];

/// Abbreviated prefixes and the full words they stand for.
const EXPANSIONS: [(&str, &str); 5] = [
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("ทน.", "เทศบาลนคร"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทต.", "เทศบาลตำบล"),
];

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = PREFIXES.iter().map(|(p, _)| regex::escape(p)).collect();
    Regex::new(&format!(
        r"(?:^|\t|ของ\s?)((?:{})\s?[^\s\t()]*)",
        alts.join("|")
    ))
    .expect("valid regex")
});
/// Where a place word starts inside a name written without a space before it
/// (`เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน`): the name ends there.
/// (The level words through the keyword matcher: `อาเภอ`, a broken map's sara am, is อำเภอ.)
static PLACE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{}|{}|{}|อ\.|จ\.)",
        keyword::pattern("กิ่งอำเภอ"),
        keyword::pattern("อำเภอ"),
        keyword::pattern("จังหวัด")
    ))
    .expect("valid regex")
});
static DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{}|(?:^|[\s\t])(?:อ\.|เขต))\s?([^\s\t()]+)",
        keyword::pattern("อำเภอ")
    ))
    .expect("valid regex")
});
static PROVINCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{}|(?:^|[\s\t])จ\.)\s?([^\s\t()]+)",
        keyword::pattern("จังหวัด")
    ))
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:{}|{}(?:{})?)\s*(?:พ\s?\.\s?ศ\.?)?|ปี\s*พ\s?\.\s?ศ\.?|ITA\s*(?:ปี\s*)?)\s*(\d{{4}})(?-u:\b)",
        keyword::pattern("ปีงบประมาณ"),
        keyword::pattern("ประจำปี"),
        keyword::pattern("งบประมาณ")
    ))
    .expect("valid regex")
});
/// A year on a line of its own (`พ.ศ. 2567`, `(ปี 2567)`, `2567`): a cover that broke its
/// title line before the year.
static YEAR_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?:ปี\s*|พ\s?\.\s?ศ\.?\s*)*(25\d\d)\)?$").expect("valid regex")
});
/// A line that ends with the words that introduce the fiscal year, but not the year (OCR
/// reads `พ.ศ.` as `พ .ศ.`).
static YEAR_WORD_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{}|{})\s*(?:พ\s?\.\s?ศ\.?)?\s*$",
        keyword::pattern("ปีงบประมาณ"),
        keyword::pattern("ประจำปี")
    ))
    .expect("valid regex")
});
/// An agency mentioned after a label or a space (`หน่วยงาน : เทศบาลตำบล…`).
static AGENCY_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = PREFIXES.iter().map(|(p, _)| regex::escape(p)).collect();
    Regex::new(&format!(r"(?:[:\s])((?:{})\s?[^\s\t()]*)", alts.join("|"))).expect("valid regex")
});

/// Reads the cover from the lines before part 1.
pub fn parse(front: &[Line], diags: &mut Diagnostics) -> Cover {
    let mut cover = Cover::default();
    let where_ = span(front);

    // Agency: a line that starts with an agency prefix (the cover's own line), else the first
    // mention after ของ ("...(ITA) ของเทศบาลนคร...").
    // The first line, in document order, that names an agency: at its start, after ของ, or
    // after a label (`หน่วยงาน : …`).
    let found = front.iter().find_map(|l| {
        AGENCY
            .captures(&l.text)
            .or_else(|| AGENCY_MENTION.captures(&l.text))
            .map(|c| (l, c[1].trim().to_owned()))
    });
    match found {
        Some((line, written)) => {
            let written = cut_at_place(&written);
            let name = expand(&written);
            if name != written {
                diags.info(
                    "agency-name-expanded",
                    Some(line.at),
                    format!("agency written \"{written}\"; its name is {name}"),
                );
            }
            cover.agency.kind = agency_type(&name);
            cover.agency.name = Some(name);
            cover.agency.name_as_written = Some(written);
            cover.agency.at = Some(line.at);
        }
        None => diags.warn(
            "agency-missing",
            first_at(front),
            format!("no agency name (เทศบาล…, องค์การบริหารส่วน…, อบต., …) on the cover ({where_})"),
        ),
    }

    // District and province: the first mention on the cover; else a place the gazetteer knows
    // written after its word with no space before it (`…หนองหารอ.สันทราย`).
    cover.agency.district =
        first_capture(front, &DISTRICT).or_else(|| gazetteer_place(front, PlaceKind::District));
    cover.agency.province =
        first_capture(front, &PROVINCE).or_else(|| gazetteer_place(front, PlaceKind::Province));
    if cover.agency.province.is_none() {
        if let (Some(AgencyType::ProvincialAdministration), Some(name)) =
            (cover.agency.kind, cover.agency.name.as_deref())
        {
            let province = name
                .trim_start_matches("องค์การบริหารส่วนจังหวัด")
                .trim_start_matches("อบจ.")
                .trim();
            if !province.is_empty() {
                diags.info(
                    "province-from-name",
                    cover.agency.at,
                    format!("province taken from the agency name {name}"),
                );
                cover.agency.province = Some(province.to_owned());
            }
        }
    }
    if cover.agency.name.as_deref() == Some("กรุงเทพมหานคร") && cover.agency.province.is_none()
    {
        cover.agency.province = Some("กรุงเทพมหานคร".to_owned());
    }
    if cover.agency.district.is_none()
        && cover
            .agency
            .kind
            .is_some_and(|k| k != AgencyType::ProvincialAdministration)
    {
        diags.warn(
            "district-missing",
            first_at(front),
            format!("no district (อำเภอ…) on the cover ({where_})"),
        );
    }
    if cover.agency.province.is_none() {
        diags.warn(
            "province-missing",
            first_at(front),
            format!("no province (จังหวัด…) on the cover ({where_})"),
        );
    }
    cover.agency.geo = geo(&cover.agency, diags);

    // Fiscal year.
    // The first year the document names, in order: the cover's. A cover may break its title
    // before the year (`ประจำปีงบประมาณ` / `พ.ศ. 2567`): the next line completes it.
    let year = front.iter().enumerate().find_map(|(i, l)| {
        YEAR.captures(&l.text)
            .map(|c| (l, c[1].parse::<u16>().ok()))
            .or_else(|| {
                let next = front[i + 1..].iter().find(|n| !n.text.is_empty())?;
                (YEAR_WORD_AT_END.is_match(&l.text))
                    .then(|| YEAR_ALONE.captures(next.text.trim()))
                    .flatten()
                    .map(|c| (next, c[1].parse::<u16>().ok()))
            })
    });
    match year {
        Some((_, Some(y))) if (2550..=2650).contains(&y) => cover.fiscal_year = Some(y),
        Some((l, Some(y))) if (2000..=2100).contains(&y) => {
            diags.info(
                "fiscal-year-converted",
                Some(l.at),
                format!(
                    "fiscal year written as {y} (Christian era); reported as {} (Buddhist era)",
                    y + 543
                ),
            );
            cover.fiscal_year = Some(y + 543);
        }
        Some((l, _)) => diags.warn(
            "fiscal-year-invalid",
            Some(l.at),
            format!(
                "the fiscal year in \"{}\" is not a plausible Buddhist-era year",
                l.raw.trim()
            ),
        ),
        None => diags.warn(
            "fiscal-year-missing",
            first_at(front),
            format!("no fiscal year (ปีงบประมาณ พ.ศ. …) on the cover ({where_})"),
        ),
    }
    cover
}

/// The kind of agency a name starts with (`None` if no known prefix).
#[must_use]
pub fn agency_type(name: &str) -> Option<AgencyType> {
    PREFIXES
        .iter()
        .find(|(p, _)| name.starts_with(p))
        .map(|&(_, k)| k)
}

/// The first capture of `re` in `lines`, cut where another place word starts
/// (`บางปะอินจังหวัดพระนครศรีอยุธยา`) and trimmed of trailing punctuation.
fn first_capture(lines: &[Line], re: &Regex) -> Option<String> {
    lines.iter().find_map(|l| {
        re.captures(&l.text)
            .map(|c| {
                cut_at_place(&c[1])
                    .trim_end_matches([',', '.', ';', ':'])
                    .to_owned()
            })
            .filter(|s| !s.is_empty())
    })
}

/// The first place of `kind` written after its level word (อำเภอ, อ., จังหวัด, จ.), as written.
fn gazetteer_place(lines: &[Line], kind: PlaceKind) -> Option<String> {
    lines.iter().find_map(|l| {
        gazetteer::find_places(&l.text)
            .into_iter()
            .find(|p| p.kind == kind && p.marker.is_some())
            .map(|p| l.text[p.range].to_owned())
    })
}

/// `name` up to the first place word after its first character (a cover line joined to the
/// next without a space).
pub(crate) fn cut_at_place(name: &str) -> String {
    let skip = name.chars().next().map_or(0, char::len_utf8);
    // The agency's own prefix may hold a place word (องค์การบริหารส่วนจังหวัด, เทศบาลตำบล).
    let own = PREFIXES
        .iter()
        .find(|(p, _)| name.starts_with(p))
        .map_or(skip, |(p, _)| p.len());
    match PLACE_WORD.find_at(name, own.max(skip)) {
        Some(m) if m.start() > own => name[..m.start()].trim().to_owned(),
        _ => name.trim().to_owned(),
    }
}

/// The agency's full name: an abbreviated prefix expanded, the space after a prefix dropped.
#[must_use]
pub fn expand(written: &str) -> String {
    for (short, full) in EXPANSIONS {
        if let Some(rest) = written.strip_prefix(short) {
            return format!("{full}{}", rest.trim_start());
        }
    }
    match PREFIXES.iter().find(|(p, _)| written.starts_with(p)) {
        Some((p, _)) => format!("{p}{}", written[p.len()..].trim_start()),
        None => written.to_owned(),
    }
}

/// The cover's district and province resolved in the gazetteer; a warning when they are not
/// in it or do not belong together.
fn geo(agency: &Agency, diags: &mut Diagnostics) -> Option<Geo> {
    let written = agency.province.as_deref()?;
    let Some(p) = gazetteer::province(written) else {
        diags.warn(
            "province-unknown",
            agency.at,
            format!("province \"{written}\" is not one of Thailand's 77 provinces"),
        );
        return None;
    };
    let mut geo = Geo {
        province: p.name.to_owned(),
        province_code: p.code.to_owned(),
        district: None,
        district_code: None,
    };
    if let Some(d) = agency.district.as_deref() {
        match gazetteer::district(p, d) {
            Some(found) => {
                geo.district = Some(found.name.to_owned());
                geo.district_code = Some(found.code.to_owned());
            }
            None => {
                let elsewhere: Vec<String> = gazetteer::districts_named(d)
                    .iter()
                    .map(|x| format!("{} ({})", x.province().name, x.code))
                    .collect();
                let message = if elsewhere.is_empty() {
                    format!(
                        "district \"{d}\" is not a district of {} in the gazetteer",
                        p.name
                    )
                } else {
                    format!(
                        "district \"{d}\" is not in {}; a district of that name is in {}",
                        p.name,
                        elsewhere.join(", ")
                    )
                };
                diags.warn("district-unknown", agency.at, message);
            }
        }
    }
    Some(geo)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn names_as_written_and_expanded() {
        let cases = [
            ("อบต.ดอนแก้ว", "อบต.ดอนแก้ว", "องค์การบริหารส่วนตำบลดอนแก้ว"),
            ("อบต. ดอนแก้ว", "อบต. ดอนแก้ว", "องค์การบริหารส่วนตำบลดอนแก้ว"),
            ("ทต.บ้านใหม่", "ทต.บ้านใหม่", "เทศบาลตำบลบ้านใหม่"),
            (
                "เทศบาลตำบลบ้านใหม่อำเภอบางปะอิน",
                "เทศบาลตำบลบ้านใหม่",
                "เทศบาลตำบลบ้านใหม่",
            ),
            (
                "องค์การบริหารส่วนจังหวัดเชียงใหม่",
                "องค์การบริหารส่วนจังหวัดเชียงใหม่",
                "องค์การบริหารส่วนจังหวัดเชียงใหม่",
            ),
            ("อบจ.ลำปาง", "อบจ.ลำปาง", "องค์การบริหารส่วนจังหวัดลำปาง"),
            ("เทศบาลเมือง ลำพูน", "เทศบาลเมือง ลำพูน", "เทศบาลเมืองลำพูน"),
            (
                "เทศบาลตำบลเขตรอุดมศักดิ์",
                "เทศบาลตำบลเขตรอุดมศักดิ์",
                "เทศบาลตำบลเขตรอุดมศักดิ์",
            ),
            ("ทน.เชียงใหม่จ.เชียงใหม่", "ทน.เชียงใหม่", "เทศบาลนครเชียงใหม่"),
        ];
        for (text, written, name) in cases {
            let w = cut_at_place(text);
            assert_eq!(w, written, "{text}");
            assert_eq!(expand(&w), name, "{text}");
        }
    }

    /// Lines of page 1 with these texts (for parser tests).
    pub(crate) fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .zip(1..)
            .map(|(t, n)| Line {
                at: crate::model::At {
                    page: Some(1),
                    line: n,
                    bbox: None,
                },
                raw: (*t).into(),
                text: (*t).into(),
                cells: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn the_year_after_an_ocr_spaced_era_or_on_the_next_line() {
        let year = |texts: &[&str]| parse(&lines(texts), &mut Diagnostics::default()).fiscal_year;
        // Tesseract sets `พ.ศ.` apart as `พ .ศ.`.
        assert_eq!(
            year(&["ของหน่วยงานภาครัฐ ในปีงบป ระมาณ พ .ศ 2566"]),
            Some(2566)
        );
        // A cover that breaks its title after `พ.ศ.`: the year alone on the next line.
        assert_eq!(
            year(&[
                "ของหน่วยงานภาค รัฐ ในปีงบประมาณ พ .ศ.",
                "2566",
                "เทศบาลนคร เชียงใหม่"
            ]),
            Some(2566)
        );
        assert_eq!(year(&["ประจำปีงบประมาณ", "พ.ศ. 2567"]), Some(2567));
        // A number alone after a line that does not end with the year's words is no year.
        assert_eq!(year(&["รายงานผลการประเมิน", "2566"]), None);
    }

    #[test]
    fn a_level_word_whose_sara_am_a_broken_map_lost_still_marks_the_district() {
        let lines = lines(&["เทศบาลนครเชียงใหม่", "อาเภอเมือง จังหวัดเชียงใหม่"]);
        let c = parse(&lines, &mut Diagnostics::default());
        assert_eq!(c.agency.district.as_deref(), Some("เมือง"));
        assert_eq!(c.agency.province.as_deref(), Some("เชียงใหม่"));
        assert_eq!(
            cut_at_place("เทศบาลตำบลบ้านใหม่อาเภอบางปะอิน"),
            "เทศบาลตำบลบ้านใหม่"
        );
    }
}
