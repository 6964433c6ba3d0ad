//! The report model: what one ITA analysis report becomes.
//!
//! These types are the JSON contract (`schemas/ita-report.schema.json` is generated from them).
//! Field names fixed by the issues must never be renamed or dropped; new fields may be added.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the JSON contract written in every document.
///
/// 2.0: `agency.name` is the agency's full name (an abbreviated prefix such as `อบต.` expanded);
/// the form printed moved to `agency.name_as_written`. Added `questions`, `history`, `agency.geo`.
/// 2.1: added `at.bbox` (a value's box on its PDF page).
pub const SCHEMA_VERSION: &str = "2.1";

/// One extracted ITA analysis report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Version of this contract (`"2.1"`).
    pub schema_version: String,
    /// `ok` (no warnings), `partial` (values missing or checks failed), `failed` (nothing usable).
    pub status: Status,
    /// What kind of ITA document this is.
    pub document: DocumentInfo,
    /// Where the document came from and how it was read.
    pub source: Source,
    /// The assessed agency, from the cover.
    pub agency: Agency,
    /// Fiscal year of the assessment, Buddhist era (e.g. 2566).
    pub fiscal_year: Option<u16>,
    /// Overall ITA score and result label.
    pub ita: Ita,
    /// Scores of the three assessment tools.
    pub tools: Tools,
    /// The ten-indicator table, in document order.
    pub indicators: Vec<Indicator>,
    /// The seven analysis topics of part 1, in document order.
    pub topics: Vec<Topic>,
    /// Everything the reader noticed: missing values, repairs, conflicts, and the result of
    /// every framework check (passed checks are `info`, failed ones `warning`).
    pub diagnostics: Vec<Diagnostic>,
    /// Rows of an NACC ITAS ranking table (only for `document.kind = "itas_ranking"`).
    #[serde(default)]
    pub ranking: Vec<RankingRow>,
    /// Part 2 (ส่วนที่ 2): the action plan, one entry per row of its table, in document order.
    #[serde(default)]
    pub action_plan: Vec<ActionPlanEntry>,
    /// Part 3 (ส่วนที่ 3): the agency's limitations, one per area, in document order.
    #[serde(default)]
    pub limitations: Vec<Limitation>,
    /// Every question score the document prints, one entry per question id (from topic
    /// tables and from per-tool question tables alike), in tool and id order.
    #[serde(default)]
    pub questions: Vec<QuestionScore>,
    /// Scores of other fiscal years the document prints (year columns of comparison tables).
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// The results a result announcement states (`document.kind = "result_announcement"`), one
    /// entry per agency with a score or result: one for an agency's own announcement, several
    /// for a news item naming many agencies (then the top-level `agency`, `fiscal_year` and
    /// `ita` stay empty rather than picking one). Empty for other kinds.
    #[serde(default)]
    pub results: Vec<ResultEntry>,
}

/// One agency's result as an announcement or news item states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultEntry {
    /// The agency's name: the full name (an abbreviated prefix such as `อบต.` expanded); a short
    /// form (`สพฐ.`, `สปสช.`) or a name written without its type (`เทศบาลสันผักหวาน`) as written.
    pub agency: String,
    /// The name as printed.
    pub agency_as_written: String,
    /// Fiscal year, Buddhist era (`ปี 2564`, `ประจำปีงบประมาณ พ.ศ. 2565`, `ITA 2566`).
    pub fiscal_year: Option<u16>,
    /// The ITA score stated for the agency.
    pub score: Option<f64>,
    /// The result label as written (`ผ่าน`, `ผ่านดี`, `AA`…`F`).
    pub result: Option<String>,
    /// The rank stated (`ลำดับที่ 3`).
    pub rank: Option<u32>,
    /// Out of how many (`จาก 198 แห่ง`).
    pub rank_of: Option<u32>,
    /// Where the rank counts, as written without `ของ` (`อำเภอสันทราย`, `ประเทศ`).
    pub rank_scope: Option<String>,
    /// The group of agencies the result is stated in (`ประเภทที่ 1`).
    pub group: Option<String>,
    /// Where the agency is named.
    pub at: At,
}

/// One question's score in the report (all the places it is printed, agreed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionScore {
    /// Tool of the question.
    pub tool: Tool,
    /// Question id: lower-case tool letter + number (`i1`, `e11`, `o30`).
    pub id: String,
    /// Score, 0–100; `null` when unreadable or printed differently in two places (a
    /// `question-score-conflict` warning quotes both).
    pub score: Option<f64>,
    /// OIT answer as written (`มี` / `ไม่มี`) when the row prints one beside the score.
    pub answer: Option<String>,
    /// The question's wording where the document prints it.
    pub text: Option<String>,
    /// The indicator (1–10) the question belongs to in the fiscal year's framework.
    pub indicator: Option<u8>,
    /// The analysis topics (ประเด็น 1–7) under which the question is listed.
    pub topics: Vec<u8>,
    /// Where it was first read.
    pub at: At,
}

/// What a history entry measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Measure {
    /// The overall ITA score.
    #[serde(rename = "ITA")]
    Ita,
    /// The IIT tool score.
    #[serde(rename = "IIT")]
    Iit,
    /// The EIT tool score.
    #[serde(rename = "EIT")]
    Eit,
    /// The OIT tool score.
    #[serde(rename = "OIT")]
    Oit,
    /// An indicator score (`indicator` says which).
    #[serde(rename = "indicator")]
    Indicator,
}

/// A score of another fiscal year printed in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Fiscal year, Buddhist era.
    pub year: u16,
    /// What is measured.
    pub measure: Measure,
    /// Indicator number when `measure` is `indicator`.
    pub indicator: Option<u8>,
    /// The score as printed.
    pub score: f64,
    /// Where it was read.
    pub at: At,
}

/// How usable a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every value read and every check passed: no warnings.
    Ok,
    /// Some values are missing or some checks failed (see the warnings).
    Partial,
    /// The document was recognised but nothing usable was read.
    Failed,
}

/// Kinds of ITA documents an archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// An agency's analysis report (รายงานการวิเคราะห์ผลการประเมิน…): the full template.
    AnalysisReport,
    /// A result announcement (agency, year, score, result), e.g. a news item on the agency's site.
    ResultAnnouncement,
    /// An NACC ITAS ranking table: one row per agency.
    ItasRanking,
}

/// What kind of document was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// The kind of ITA document.
    pub kind: DocumentKind,
}

/// One row of an ITAS ranking table (`# หน่วยงาน อำเภอ จังหวัด คะแนนเฉลี่ย`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingRow {
    /// Rank (the `#` column).
    pub rank: u32,
    /// Agency name.
    pub agency: String,
    /// Kind of agency, from its name.
    #[serde(rename = "type")]
    pub kind: Option<AgencyType>,
    /// District (อำเภอ).
    pub district: Option<String>,
    /// Province (จังหวัด).
    pub province: Option<String>,
    /// Average score (คะแนนเฉลี่ย), the ITA column when the table prints the tools too.
    pub score: Option<f64>,
    /// Where the row was read.
    pub at: At,
    /// IIT, when the table has an `IIT` column.
    #[serde(default)]
    pub iit: Option<f64>,
    /// EIT, when the table has an `EIT` column.
    #[serde(default)]
    pub eit: Option<f64>,
    /// OIT, when the table has an `OIT` column.
    #[serde(default)]
    pub oit: Option<f64>,
    /// The result label as written, when the table has a `ระดับ` / `ผลการประเมิน` column.
    #[serde(default)]
    pub result: Option<String>,
}

/// Input format of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A text dump (UTF-8).
    Text,
    /// A PDF read through its text layer.
    Pdf,
    /// A saved web page (HTML): tags dropped, table rows as tab-separated cells.
    Html,
    /// A CSV file: each record a line of tab-separated cells.
    Csv,
}

/// Provenance of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path as given by the user (`-` for standard input).
    pub path: String,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
    /// Input format.
    pub format: Format,
    /// Number of pages (PDF only; `null` for text).
    pub pages: Option<u32>,
    /// Size of the input in bytes.
    pub bytes: u64,
    /// Quality of each page's text layer, in page order (PDF only; empty for text).
    #[serde(default)]
    pub page_quality: Vec<PageQuality>,
    /// Impossible Thai clusters on each page (a mark with no consonant, two tone marks on one
    /// consonant, ...: `thai::suspicious_clusters`), in page order beside `page_quality` (PDF
    /// only; empty for text). They are left when a text layer maps glyphs to wrong characters;
    /// a page with at least 3 of them and at least one per 200 Thai clusters is `degraded`.
    #[serde(default)]
    pub suspicious_clusters: Vec<u32>,
    /// Pages (1-based) whose text was read, for some of their fonts, from the glyph outlines
    /// of the fonts embedded in the PDF (no usable ToUnicode map: a Ghostscript redistill,
    /// pdftops → ps2pdf), through an index of known fonts' outlines (`data/fonts/`); the
    /// `text-from-glyph-outlines` diagnostic says which fonts. Absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glyph_outline_pages: Vec<u32>,
    /// The PDF's `/Producer` from its Info dictionary, if any.
    #[serde(default)]
    pub producer: Option<String>,
    /// The PDF's `/Creator` from its Info dictionary, if any.
    #[serde(default)]
    pub creator: Option<String>,
    /// Character encoding of a text input: `utf-8` (with or without a BOM), `utf-16le` /
    /// `utf-16be` (with a BOM), or `windows-874` (TIS-620) for legacy Thai files, which are
    /// decoded (an `info` diagnostic says so); `null` for PDFs.
    #[serde(default)]
    pub encoding: Option<String>,
    /// The pages read by OCR from their image (a scan), with the words' mean confidence;
    /// absent when no page was. Numbers read on these pages are kept only where evidence
    /// confirms them (otherwise `null` with `ocr-unconfirmed`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr: Vec<OcrPage>,
    /// Name and version of the reader that produced this document (`ita-extract x.y.z`).
    pub reader: String,
}

/// A page read by OCR.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OcrPage {
    /// 1-based page number.
    pub page: u32,
    /// Tesseract's mean word confidence on the page, 0–100 (one decimal).
    pub confidence: f64,
}

/// How trustworthy a PDF page's text layer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageQuality {
    /// Clean text.
    Ok,
    /// Text with leftovers of a broken font mapping (PUA, U+FFFD, control characters, mojibake).
    Degraded,
    /// The only text is an invisible OCR layer over an image: unverified.
    OcrLayer,
    /// No text at all (a scanned page).
    NoText,
}

/// Kind of local government, from the agency's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AgencyType {
    /// City municipality.
    #[serde(rename = "เทศบาลนคร")]
    CityMunicipality,
    /// Town municipality.
    #[serde(rename = "เทศบาลเมือง")]
    TownMunicipality,
    /// Subdistrict municipality.
    #[serde(rename = "เทศบาลตำบล")]
    SubdistrictMunicipality,
    /// Provincial administrative organisation (องค์การบริหารส่วนจังหวัด).
    #[serde(rename = "อบจ.")]
    ProvincialAdministration,
    /// Subdistrict administrative organisation (องค์การบริหารส่วนตำบล).
    #[serde(rename = "อบต.")]
    SubdistrictAdministration,
    /// Any other agency (กรุงเทพมหานคร, เมืองพัทยา, a department, ...).
    #[serde(rename = "other")]
    Other,
}

/// The assessed agency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// The agency's full name (e.g. เทศบาลนครเชียงใหม่), an abbreviated prefix expanded
    /// (`อบต.ดอนแก้ว` → `องค์การบริหารส่วนตำบลดอนแก้ว`).
    pub name: Option<String>,
    /// The name in the form the document prints it (`อบต.ดอนแก้ว`).
    #[serde(default)]
    pub name_as_written: Option<String>,
    /// Kind of agency, from its name.
    #[serde(rename = "type")]
    pub kind: Option<AgencyType>,
    /// District (อำเภอ), without the word อำเภอ.
    pub district: Option<String>,
    /// Province (จังหวัด), without the word จังหวัด.
    pub province: Option<String>,
    /// Where the name was read.
    #[serde(default)]
    pub at: Option<At>,
    /// The district and province resolved in the gazetteer, with their official codes;
    /// `null` when the province is unknown.
    #[serde(default)]
    pub geo: Option<Geo>,
}

/// A place resolved in the built-in gazetteer of Thailand's provinces and districts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    /// Canonical province name (`เชียงใหม่`).
    pub province: String,
    /// Official province code (`50`).
    pub province_code: String,
    /// Canonical district name (`เมืองเชียงใหม่`), `null` when not resolved.
    pub district: Option<String>,
    /// Official district code (`5001`), `null` when not resolved.
    pub district_code: Option<String>,
}

/// Overall ITA result.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ita {
    /// ITA score, 0–100.
    pub score: Option<f64>,
    /// Result label as written (ผ่าน, ไม่ผ่าน, ผ่านดี, AA, ...).
    pub result: Option<String>,
    /// Where the score was read.
    #[serde(default)]
    pub at: Option<At>,
}

/// Scores of the three assessment tools.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tools {
    /// Internal Integrity and Transparency Assessment (internal survey).
    pub iit: Option<f64>,
    /// External survey score, when the report gives it as one number.
    pub eit: Option<f64>,
    /// EIT part 1 (EIT ส่วนที่ 1), when reported in two parts.
    pub eit_part1: Option<f64>,
    /// EIT part 2 (EIT ส่วนที่ 2), when reported in two parts.
    pub eit_part2: Option<f64>,
    /// Open-data (website) checklist score.
    pub oit: Option<f64>,
    /// Mean of the two EIT parts, rounded to 2 decimals: derived, not read (null unless both parts were read).
    #[serde(default)]
    pub eit_mean_of_parts: Option<f64>,
    /// Where each score was read (absent when none was).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<ToolsAt>,
}

impl Tools {
    /// The scores read (not the derived mean), each with its name and where it was read.
    #[must_use]
    pub fn named(&self) -> [(&'static str, Option<f64>, Option<At>); 5] {
        let at = self.at.clone().unwrap_or_default();
        [
            ("IIT", self.iit, at.iit),
            ("EIT", self.eit, at.eit),
            ("EIT part 1", self.eit_part1, at.eit_part1),
            ("EIT part 2", self.eit_part2, at.eit_part2),
            ("OIT", self.oit, at.oit),
        ]
    }
}

/// Where each tool score was read (`null` for a score not read; the derived mean has none).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolsAt {
    /// Where `iit` was read.
    pub iit: Option<At>,
    /// Where `eit` was read.
    pub eit: Option<At>,
    /// Where `eit_part1` was read.
    pub eit_part1: Option<At>,
    /// Where `eit_part2` was read.
    pub eit_part2: Option<At>,
    /// Where `oit` was read.
    pub oit: Option<At>,
}

/// One of the three ITA assessment tools.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Tool {
    /// Internal stakeholders' survey.
    Iit,
    /// External stakeholders' survey.
    Eit,
    /// Open-data checklist.
    Oit,
}

impl Tool {
    /// Upper-case name as written in reports (`IIT`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Tool::Iit => "IIT",
            Tool::Eit => "EIT",
            Tool::Oit => "OIT",
        }
    }

    /// Letter that starts this tool's question ids (`i`, `e`, `o`).
    #[must_use]
    pub fn id_letter(self) -> char {
        match self {
            Tool::Iit => 'i',
            Tool::Eit => 'e',
            Tool::Oit => 'o',
        }
    }

    /// Tool whose question ids start with `letter` (case-insensitive).
    #[must_use]
    pub fn from_id_letter(letter: char) -> Option<Tool> {
        match letter.to_ascii_lowercase() {
            'i' => Some(Tool::Iit),
            'e' => Some(Tool::Eit),
            'o' => Some(Tool::Oit),
            _ => None,
        }
    }
}

/// One row of the ten-indicator table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Indicator number, 1–10.
    pub no: u8,
    /// The label as the document writes it.
    pub label: String,
    /// The canonical NACC name of indicator `no` for the fiscal year.
    pub name: Option<String>,
    /// Tool the indicator belongs to (1–5 IIT, 6–8 EIT, 9–10 OIT).
    pub tool: Option<Tool>,
    /// Score, 0–100 (`null` when unreadable, with a diagnostic).
    pub score: Option<f64>,
    /// Where the row was read.
    pub at: At,
}

/// One analysis topic (ประเด็นที่ N) of part 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Topic number, 1–7.
    pub no: u8,
    /// Title as the document writes it.
    pub title: String,
    /// Question rows of the topic's table, in document order.
    pub questions: Vec<Question>,
    /// The remark (ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ) written for each tool.
    pub remarks: Vec<Remark>,
    /// The narrative analysis (วิเคราะห์บรรยายเชิงพรรณนา), normalized, paragraphs separated by newlines.
    pub analysis: Option<String>,
    /// Where the topic heading was read.
    pub at: At,
    /// The narrative cut into the template's parts (question studied, facts, measures) with
    /// the question ids it cites; `null` when the topic has no narrative.
    #[serde(default)]
    pub analysis_parts: Option<AnalysisParts>,
}

/// One question row of a topic table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Tool of the row (inherited from the rows above when the cell is blank; `null` when
    /// neither the row, the rows above nor the id say which).
    pub tool: Option<Tool>,
    /// Question id: lower-case tool letter + number (`i1`, `e11`, `o30`); `null` when unreadable.
    pub id: Option<String>,
    /// Score, 0–100; `0` is a real value.
    pub score: Option<f64>,
    /// The id cell as written in the source (before normalization), e.g. `ข้อ ๐๑๑`.
    pub raw: String,
    /// Where the row was read.
    pub at: At,
}

/// A remark written for one tool in a topic table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remark {
    /// Tool the remark belongs to.
    pub tool: Tool,
    /// The remark, normalized.
    pub text: String,
    /// Where it was read.
    #[serde(default)]
    pub at: Option<At>,
}

/// A place in the document: 1-based page (PDF only) and 1-based line of the normalized text,
/// and for a value read from a PDF its box on the page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct At {
    /// 1-based page number; `null` for text input.
    pub page: Option<u32>,
    /// 1-based line number in the normalized text (`ita-extract text` prints them).
    pub line: u32,
    /// PDF only, on values (scores, result labels, names, topic headings, action plan entries,
    /// limitations, ranking rows, announced results): the value's box `[x0, y0, x1, y1]`
    /// on `page`, in PDF points, in the page's user space with the origin at the bottom left
    /// and y up (a page with `/Rotate` turned upright first). The box of the glyphs of the
    /// printed number or label when the line prints it exactly once, else the box of the
    /// whole line (the table row, the paragraph). Absent for text inputs and diagnostics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
}

impl At {
    /// A place without a box.
    #[must_use]
    pub fn line(page: Option<u32>, line: u32) -> At {
        At {
            page,
            line,
            bbox: None,
        }
    }
}

/// A box `[x0, y0, x1, y1]` in PDF points (see [`At::bbox`]), to hundredths of a point;
/// ordered by `f64::total_cmp`, so that a place stays usable as a key.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct BBox(pub [f64; 4]);

impl PartialEq for BBox {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for BBox {}

impl PartialOrd for BBox {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BBox {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| a.total_cmp(b))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    }
}

/// How serious a diagnostic is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A repair or a note; the value is trustworthy.
    Info,
    /// A value is missing, doubtful or inconsistent.
    Warning,
    /// Part of the document could not be read.
    Error,
}

/// Something the reader noticed about the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// Stable machine-readable code (kebab-case), listed in the README.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// Human-readable explanation, quoting the raw text where useful.
    pub message: String,
    /// Where in the document, when it is about one place.
    pub at: Option<At>,
}

/// A topic's narrative cut into the parts the template asks for. A part the narrative does not
/// mark (by `ข้อเท็จจริงพบว่า` / `ดังนั้น … จึงกำหนดมาตรการ`) is `null`; the text is as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalysisParts {
    /// What is studied: the paragraphs before the facts (`… พิจารณาจากข้อคำถาม i1 …`),
    /// without the `ประเด็น …` heading lines.
    pub question: Option<String>,
    /// The facts found: from `ข้อเท็จจริงพบว่า` up to the measures.
    pub facts: Option<String>,
    /// The measures decided: from `ดังนั้น … จึงกำหนดมาตรการ` to the end.
    pub measures: Option<String>,
    /// Question ids named in the `question` part (`i1`, `e11`, `o34`), in order, no repeats.
    #[serde(default)]
    pub question_ids: Vec<String>,
    /// Every readable question id the narrative cites, ranges expanded (`ข้อ o11 - o14` →
    /// o11…o14; a Thai zero read as o, as in the tables), in order, no repeats. Ids garbled
    /// beyond repair (`eb`, `in`, `510`) are left out.
    #[serde(default)]
    pub cited_ids: Vec<String>,
}

/// One row of the part 2 action-plan table (การนำผลการวิเคราะห์ไปสู่การปฏิบัติ). A row that
/// Word split across a page break (the header repeats and the first cells are blank) is joined
/// into the entry it continues; a row with its own method or unit is its own entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanEntry {
    /// Number of the topic (ประเด็น 1–7) the row answers; a blank topic cell (a merged cell)
    /// takes the topic of the rows above. `null` when unreadable.
    pub topic_no: Option<u8>,
    /// The topic title as written (or inherited from the rows above).
    pub topic: Option<String>,
    /// The methods (วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ), one item per list item or bullet.
    pub methods: Vec<String>,
    /// The responsible units (ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง). `/` between a section and its
    /// division (`งานพัสดุ/กองคลัง`) is one unit; between two units it separates them.
    pub responsible: Vec<String>,
    /// The steps (ขั้นตอน/วิธีปฏิบัติ), one item per numbered or list item, continuation
    /// lines included. Items whose list markers were lost in extraction stay one item.
    pub steps: Vec<String>,
    /// The period (ระยะเวลาดำเนินงาน).
    pub period: Period,
    /// Where the row starts.
    pub at: At,
}

/// When an action-plan row is carried out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The period cell as written (normalized); `null` when the cell is blank.
    pub raw: Option<String>,
    /// First day, ISO `YYYY-MM-DD` (Gregorian); `null` when not written or unreadable.
    pub start: Option<String>,
    /// Last day, ISO `YYYY-MM-DD` (Gregorian); `null` when not written or unreadable.
    pub end: Option<String>,
    /// `true` when this row's cell is blank and `start`/`end` are those of the row above in the
    /// same topic (a merged cell): taken over, not written here.
    #[serde(default)]
    pub inherited: bool,
}

/// One area of the part 3 limitations (ข้อจำกัดของหน่วยงาน).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limitation {
    /// Number of the area as written (1–5), or its place in the template when unnumbered.
    pub no: u8,
    /// The area: one of บุคลากร, งบประมาณ, เทคโนโลยี, สภาพพื้นที่,
    /// เศรษฐกิจ วัฒนธรรม การดำรงชีวิตของคนในพื้นที่; the label as written if none of them.
    pub area: String,
    /// What the agency wrote for the area, normalized; `null` when left blank.
    pub text: Option<String>,
    /// `true` when the agency states it has no limitation here (`ไม่มีข้อจำกัดของหน่วยงาน`),
    /// for this area or for the whole part.
    #[serde(default)]
    pub no_limitation: bool,
    /// Where the area was read.
    pub at: At,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_version_line_names_the_schema_version() {
        assert!(crate::VERSION.ends_with(&format!("(JSON schema {})", super::SCHEMA_VERSION)));
    }
}
