//! The tidy tables, one row per fact, shared by the CSV files and the SQLite database.
//!
//! Each report gets a `report_id` (1, 2, … in the order of `reports.jsonl`, that is by path)
//! that links its rows in the other tables.

use crate::model::{At, Report, Tool};

use super::Failure;

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a str),
}

impl Cell<'_> {
    /// The CSV field: empty for null, shortest round-trip form for numbers.
    pub(crate) fn to_csv(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Null => "".into(),
            Cell::Int(i) => i.to_string().into(),
            Cell::Real(f) => f.to_string().into(),
            Cell::Text(s) => (*s).into(),
        }
    }
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(v: Option<&'a str>) -> Self {
        v.map_or(Cell::Null, Cell::Text)
    }
}

impl From<Option<f64>> for Cell<'_> {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Cell::Null, Cell::Real)
    }
}

macro_rules! int_cells {
    ($($t:ty),*) => {$(
        impl From<Option<$t>> for Cell<'_> {
            fn from(v: Option<$t>) -> Self {
                v.map_or(Cell::Null, |v| Cell::Int(v.into()))
            }
        }
    )*};
}
int_cells!(u8, u16, u32, i64);

/// SQL type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sql {
    Integer,
    Real,
    Text,
}

/// A table: name, columns (name, type, constraint) and indexes (column lists).
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Sql, &'static str)],
    pub indexes: &'static [&'static str],
}

/// Which table a row belongs to: an index into [`TABLES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Id {
    Reports = 0,
    Indicators,
    Topics,
    Questions,
    Remarks,
    Diagnostics,
    Ranking,
    ActionPlan,
    Limitations,
    QuestionScores,
    History,
    Results,
    Errors,
}

const FK: &str = "NOT NULL REFERENCES reports(report_id)";

/// Every table, in [`Id`] order.
pub(crate) const TABLES: [Table; 13] = [
    Table {
        name: "reports",
        columns: &[
            ("report_id", Sql::Integer, "PRIMARY KEY"),
            ("path", Sql::Text, "NOT NULL"),
            ("sha256", Sql::Text, "NOT NULL"),
            ("format", Sql::Text, "NOT NULL"),
            ("pages", Sql::Integer, ""),
            ("bytes", Sql::Integer, "NOT NULL"),
            ("document_kind", Sql::Text, "NOT NULL"),
            ("agency", Sql::Text, ""),
            ("type", Sql::Text, ""),
            ("district", Sql::Text, ""),
            ("province", Sql::Text, ""),
            ("fiscal_year", Sql::Integer, ""),
            ("ita_score", Sql::Real, ""),
            ("ita_result", Sql::Text, ""),
            ("iit", Sql::Real, ""),
            ("eit", Sql::Real, ""),
            ("eit_part1", Sql::Real, ""),
            ("eit_part2", Sql::Real, ""),
            ("oit", Sql::Real, ""),
            ("status", Sql::Text, "NOT NULL"),
            ("info_count", Sql::Integer, "NOT NULL"),
            ("warning_count", Sql::Integer, "NOT NULL"),
            ("error_count", Sql::Integer, "NOT NULL"),
            ("agency_as_written", Sql::Text, ""),
            ("province_code", Sql::Text, ""),
            ("district_code", Sql::Text, ""),
            ("eit_effective", Sql::Real, ""),
            ("duplicate_of", Sql::Integer, ""),
        ],
        indexes: &[
            "path",
            "sha256",
            "agency",
            "province, fiscal_year",
            "fiscal_year",
        ],
    },
    Table {
        name: "indicators",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("no", Sql::Integer, "NOT NULL"),
            ("label", Sql::Text, "NOT NULL"),
            ("name", Sql::Text, ""),
            ("tool", Sql::Text, ""),
            ("score", Sql::Real, ""),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id, no", "no"],
    },
    Table {
        name: "topics",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("topic", Sql::Integer, "NOT NULL"),
            ("title", Sql::Text, "NOT NULL"),
            ("analysis", Sql::Text, ""),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id, topic"],
    },
    Table {
        name: "questions",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("topic", Sql::Integer, "NOT NULL"),
            ("tool", Sql::Text, ""),
            ("id", Sql::Text, ""),
            ("score", Sql::Real, ""),
            ("raw", Sql::Text, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id, topic", "id"],
    },
    Table {
        name: "remarks",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("topic", Sql::Integer, "NOT NULL"),
            ("tool", Sql::Text, "NOT NULL"),
            ("text", Sql::Text, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, ""),
        ],
        indexes: &["report_id, topic"],
    },
    Table {
        name: "diagnostics",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("code", Sql::Text, "NOT NULL"),
            ("severity", Sql::Text, "NOT NULL"),
            ("message", Sql::Text, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, ""),
        ],
        indexes: &["report_id", "code", "severity"],
    },
    Table {
        name: "ranking",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("rank", Sql::Integer, "NOT NULL"),
            ("agency", Sql::Text, "NOT NULL"),
            ("type", Sql::Text, ""),
            ("district", Sql::Text, ""),
            ("province", Sql::Text, ""),
            ("score", Sql::Real, ""),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
            ("iit", Sql::Real, ""),
            ("eit", Sql::Real, ""),
            ("oit", Sql::Real, ""),
            ("result", Sql::Text, ""),
        ],
        indexes: &["report_id", "agency"],
    },
    Table {
        name: "action_plan",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("entry", Sql::Integer, "NOT NULL"),
            ("topic", Sql::Integer, ""),
            ("topic_title", Sql::Text, ""),
            ("methods", Sql::Text, "NOT NULL"),
            ("responsible", Sql::Text, "NOT NULL"),
            ("steps", Sql::Text, "NOT NULL"),
            ("period", Sql::Text, ""),
            ("start", Sql::Text, ""),
            ("end", Sql::Text, ""),
            ("period_inherited", Sql::Integer, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id, entry", "topic"],
    },
    Table {
        name: "limitations",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("no", Sql::Integer, "NOT NULL"),
            ("area", Sql::Text, "NOT NULL"),
            ("text", Sql::Text, ""),
            ("no_limitation", Sql::Integer, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id", "area"],
    },
    Table {
        name: "question_scores",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("tool", Sql::Text, "NOT NULL"),
            ("id", Sql::Text, "NOT NULL"),
            ("score", Sql::Real, ""),
            ("answer", Sql::Text, ""),
            ("text", Sql::Text, ""),
            ("indicator", Sql::Integer, ""),
            ("topics", Sql::Text, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id, id", "id"],
    },
    Table {
        name: "history",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("year", Sql::Integer, "NOT NULL"),
            ("measure", Sql::Text, "NOT NULL"),
            ("indicator", Sql::Integer, ""),
            ("score", Sql::Real, "NOT NULL"),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id", "year, measure"],
    },
    Table {
        name: "results",
        columns: &[
            ("report_id", Sql::Integer, FK),
            ("agency", Sql::Text, "NOT NULL"),
            ("agency_as_written", Sql::Text, "NOT NULL"),
            ("type", Sql::Text, ""),
            ("fiscal_year", Sql::Integer, ""),
            ("score", Sql::Real, ""),
            ("result", Sql::Text, ""),
            ("rank", Sql::Integer, ""),
            ("rank_of", Sql::Integer, ""),
            ("rank_scope", Sql::Text, ""),
            ("group", Sql::Text, ""),
            ("page", Sql::Integer, ""),
            ("line", Sql::Integer, "NOT NULL"),
        ],
        indexes: &["report_id", "agency", "fiscal_year"],
    },
    Table {
        name: "errors",
        columns: &[
            ("path", Sql::Text, "NOT NULL"),
            ("sha256", Sql::Text, ""),
            ("kind", Sql::Text, "NOT NULL"),
            ("message", Sql::Text, "NOT NULL"),
        ],
        indexes: &["sha256", "kind"],
    },
];

/// Receives rows.
pub(crate) trait Rows {
    /// One row of `table`, its cells in the table's column order.
    fn row(&mut self, table: Id, cells: &[Cell<'_>]) -> Result<(), super::BatchError>;
}

/// Emits every row of one report.
pub(crate) fn report_rows(
    id: i64,
    r: &Report,
    duplicate_of: Option<i64>,
    out: &mut dyn Rows,
) -> Result<(), super::BatchError> {
    use crate::model::{Format, Severity};
    let id = Cell::Int(id);
    let count = |s: Severity| {
        Cell::Int(
            i64::try_from(r.diagnostics.iter().filter(|d| d.severity == s).count())
                .unwrap_or(i64::MAX),
        )
    };
    let kind = r.agency.kind.map(agency_type);
    let document_kind = as_json_str(r.document.kind);
    out.row(
        Id::Reports,
        &[
            id.clone(),
            Cell::Text(&r.source.path),
            Cell::Text(&r.source.sha256),
            Cell::Text(match r.source.format {
                Format::Text => "text",
                Format::Pdf => "pdf",
                Format::Html => "html",
                Format::Csv => "csv",
            }),
            r.source.pages.into(),
            Cell::Int(i64::try_from(r.source.bytes).unwrap_or(i64::MAX)),
            Cell::Text(&document_kind),
            r.agency.name.as_deref().into(),
            kind.as_deref().into(),
            r.agency.district.as_deref().into(),
            r.agency.province.as_deref().into(),
            r.fiscal_year.into(),
            r.ita.score.into(),
            r.ita.result.as_deref().into(),
            r.tools.iit.into(),
            r.tools.eit.into(),
            r.tools.eit_part1.into(),
            r.tools.eit_part2.into(),
            r.tools.oit.into(),
            Cell::Text(super::status(r)),
            count(Severity::Info),
            count(Severity::Warning),
            count(Severity::Error),
            r.agency.name_as_written.as_deref().into(),
            r.agency
                .geo
                .as_ref()
                .map(|g| g.province_code.as_str())
                .into(),
            r.agency
                .geo
                .as_ref()
                .and_then(|g| g.district_code.as_deref())
                .into(),
            // The EIT the ITA formula uses: printed whole, or the mean of its two parts.
            r.tools.eit.or(r.tools.eit_mean_of_parts).into(),
            duplicate_of.into(),
        ],
    )?;
    for ind in &r.indicators {
        out.row(
            Id::Indicators,
            &[
                id.clone(),
                Cell::Int(ind.no.into()),
                Cell::Text(&ind.label),
                ind.name.as_deref().into(),
                ind.tool.map(Tool::as_str).into(),
                ind.score.into(),
                ind.at.page.into(),
                Cell::Int(ind.at.line.into()),
            ],
        )?;
    }
    for topic in &r.topics {
        let no = Cell::Int(topic.no.into());
        out.row(
            Id::Topics,
            &[
                id.clone(),
                no.clone(),
                Cell::Text(&topic.title),
                topic.analysis.as_deref().into(),
                topic.at.page.into(),
                Cell::Int(topic.at.line.into()),
            ],
        )?;
        for q in &topic.questions {
            out.row(
                Id::Questions,
                &[
                    id.clone(),
                    no.clone(),
                    q.tool.map(Tool::as_str).into(),
                    q.id.as_deref().into(),
                    q.score.into(),
                    Cell::Text(&q.raw),
                    q.at.page.into(),
                    Cell::Int(q.at.line.into()),
                ],
            )?;
        }
        for remark in &topic.remarks {
            let (page, line) = place(remark.at);
            out.row(
                Id::Remarks,
                &[
                    id.clone(),
                    no.clone(),
                    Cell::Text(remark.tool.as_str()),
                    Cell::Text(&remark.text),
                    page,
                    line,
                ],
            )?;
        }
    }
    for d in &r.diagnostics {
        let (page, line) = place(d.at);
        out.row(
            Id::Diagnostics,
            &[
                id.clone(),
                Cell::Text(&d.code),
                Cell::Text(match d.severity {
                    Severity::Info => "info",
                    Severity::Warning => "warning",
                    Severity::Error => "error",
                }),
                Cell::Text(&d.message),
                page,
                line,
            ],
        )?;
    }
    for row in &r.ranking {
        let kind = row.kind.map(agency_type);
        out.row(
            Id::Ranking,
            &[
                id.clone(),
                Cell::Int(row.rank.into()),
                Cell::Text(&row.agency),
                kind.as_deref().into(),
                row.district.as_deref().into(),
                row.province.as_deref().into(),
                row.score.into(),
                row.at.page.into(),
                Cell::Int(row.at.line.into()),
                row.iit.into(),
                row.eit.into(),
                row.oit.into(),
                row.result.as_deref().into(),
            ],
        )?;
    }
    for e in &r.results {
        let kind = crate::parse::cover::agency_type(&e.agency).map(agency_type);
        out.row(
            Id::Results,
            &[
                id.clone(),
                Cell::Text(&e.agency),
                Cell::Text(&e.agency_as_written),
                kind.as_deref().into(),
                e.fiscal_year.into(),
                e.score.into(),
                e.result.as_deref().into(),
                e.rank.into(),
                e.rank_of.into(),
                e.rank_scope.as_deref().into(),
                e.group.as_deref().into(),
                e.at.page.into(),
                Cell::Int(e.at.line.into()),
            ],
        )?;
    }
    for (i, entry) in r.action_plan.iter().enumerate() {
        let (methods, responsible, steps) = (
            entry.methods.join("\n"),
            entry.responsible.join("\n"),
            entry.steps.join("\n"),
        );
        out.row(
            Id::ActionPlan,
            &[
                id.clone(),
                Cell::Int(i64::try_from(i + 1).unwrap_or(i64::MAX)),
                entry.topic_no.into(),
                entry.topic.as_deref().into(),
                Cell::Text(&methods),
                Cell::Text(&responsible),
                Cell::Text(&steps),
                entry.period.raw.as_deref().into(),
                entry.period.start.as_deref().into(),
                entry.period.end.as_deref().into(),
                Cell::Int(entry.period.inherited.into()),
                entry.at.page.into(),
                Cell::Int(entry.at.line.into()),
            ],
        )?;
    }
    for q in &r.questions {
        let topics: Vec<String> = q.topics.iter().map(u8::to_string).collect();
        let topics = topics.join(",");
        out.row(
            Id::QuestionScores,
            &[
                id.clone(),
                Cell::Text(q.tool.as_str()),
                Cell::Text(&q.id),
                q.score.into(),
                q.answer.as_deref().into(),
                q.text.as_deref().into(),
                q.indicator.into(),
                Cell::Text(&topics),
                q.at.page.into(),
                Cell::Int(q.at.line.into()),
            ],
        )?;
    }
    for h in &r.history {
        let measure = as_json_str(h.measure);
        out.row(
            Id::History,
            &[
                id.clone(),
                Cell::Int(h.year.into()),
                Cell::Text(&measure),
                h.indicator.into(),
                Cell::Real(h.score),
                h.at.page.into(),
                Cell::Int(h.at.line.into()),
            ],
        )?;
    }
    for limitation in &r.limitations {
        out.row(
            Id::Limitations,
            &[
                id.clone(),
                Cell::Int(limitation.no.into()),
                Cell::Text(&limitation.area),
                limitation.text.as_deref().into(),
                Cell::Int(limitation.no_limitation.into()),
                limitation.at.page.into(),
                Cell::Int(limitation.at.line.into()),
            ],
        )?;
    }
    Ok(())
}

/// Emits the row of a failed input.
pub(crate) fn error_row(f: &Failure, out: &mut dyn Rows) -> Result<(), super::BatchError> {
    out.row(
        Id::Errors,
        &[
            Cell::Text(&f.path),
            f.sha256.as_deref().into(),
            Cell::Text(&f.kind),
            Cell::Text(&f.message),
        ],
    )
}

fn place<'a>(at: Option<At>) -> (Cell<'a>, Cell<'a>) {
    match at {
        Some(at) => (at.page.into(), Cell::Int(at.line.into())),
        None => (Cell::Null, Cell::Null),
    }
}

/// The agency type as the JSON writes it (`เทศบาลนคร`, `อบต.`, …).
fn agency_type(kind: crate::model::AgencyType) -> String {
    as_json_str(kind)
}

/// A unit enum variant as the JSON writes it.
fn as_json_str(value: impl serde::Serialize + std::fmt::Debug) -> String {
    match serde_json::to_value(&value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{value:?}"),
    }
}
