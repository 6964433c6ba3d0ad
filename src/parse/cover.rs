//! The cover: agency name and type, district, province, fiscal year.

use std::sync::LazyLock;

use regex::Regex;

use super::{first_at, span, Diagnostics};
use crate::model::{Agency, AgencyType};
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

static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = PREFIXES.iter().map(|(p, _)| regex::escape(p)).collect();
    Regex::new(&format!(
        r"(?:^|\t|ของ\s?)((?:{})\s?[^\s\t()]*)",
        alts.join("|")
    ))
    .expect("valid regex")
});
static DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s\t])(?:อำเภอ|อ\.|เขต)\s?([^\s\t()]+)").expect("valid regex")
});
static PROVINCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s\t])(?:จังหวัด|จ\.)\s?([^\s\t()]+)").expect("valid regex"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?:ปีงบประมาณ|ประจำปี(?:งบประมาณ)?)\s*(?:พ\.\s?ศ\.?)?|ปี\s*พ\.\s?ศ\.?|ITA\s*(?:ปี\s*)?)\s*(\d{4})\b",
    )
    .expect("valid regex")
});

/// Reads the cover from the lines before part 1.
pub fn parse(front: &[Line], diags: &mut Diagnostics) -> Cover {
    let mut cover = Cover::default();
    let where_ = span(front);

    // Agency: a line that starts with an agency prefix (the cover's own line), else the first
    // mention after ของ ("...(ITA) ของเทศบาลนคร...").
    let found = front
        .iter()
        .find_map(|l| {
            AGENCY
                .captures(&l.text)
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                .map(|c| (l, c[1].trim().to_owned()))
        })
        .or_else(|| {
            front.iter().find_map(|l| {
                AGENCY
                    .captures(&l.text)
                    .map(|c| (l, c[1].trim().to_owned()))
            })
        });
    match found {
        Some((line, name)) => {
            cover.agency.kind = agency_type(&name);
            cover.agency.name = Some(name);
            cover.agency.at = Some(line.at);
        }
        None => diags.warn(
            "agency-missing",
            first_at(front),
            format!("no agency name (เทศบาล…, องค์การบริหารส่วน…, อบต., …) on the cover ({where_})"),
        ),
    }

    // District and province: the first mention on the cover.
    cover.agency.district = first_capture(front, &DISTRICT);
    cover.agency.province = first_capture(front, &PROVINCE);
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

    // Fiscal year.
    let year = front.iter().find_map(|l| {
        YEAR.captures(&l.text)
            .map(|c| (l, c[1].parse::<u16>().ok()))
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

/// The first capture of `re` in `lines`, trimmed of trailing punctuation.
fn first_capture(lines: &[Line], re: &Regex) -> Option<String> {
    lines.iter().find_map(|l| {
        re.captures(&l.text)
            .map(|c| c[1].trim_end_matches([',', '.', ';', ':']).to_owned())
            .filter(|s| !s.is_empty())
    })
}
