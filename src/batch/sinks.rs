//! The outputs: `reports.jsonl`, `errors.jsonl`, one CSV per table and `ita.sqlite`.
//!
//! Each file is written under a temporary name in DIR (`.NAME.PID.partial`) and renamed to
//! its name when complete, so a killed batch never leaves a half-written file that looks whole.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::tables::{self, Cell, Id, Rows, Sql, TABLES};
use super::{BatchError, Failure, Formats};
use crate::model::Report;

/// File names of the JSON Lines outputs.
pub(crate) const REPORTS_JSONL: &str = "reports.jsonl";
/// See [`REPORTS_JSONL`].
pub(crate) const ERRORS_JSONL: &str = "errors.jsonl";
/// File name of the database.
pub(crate) const SQLITE: &str = "ita.sqlite";

/// A file written under a temporary name and renamed when complete; removed if dropped
/// before [`commit`](Self::commit).
struct AtomicFile {
    temporary: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl AtomicFile {
    fn new(dir: &Path, name: &str) -> AtomicFile {
        let temporary = dir.join(format!(".{name}.{}.partial", std::process::id()));
        // A leftover of the same name (a reused process id) is replaced.
        let _ = std::fs::remove_file(&temporary);
        AtomicFile {
            temporary,
            target: dir.join(name),
            committed: false,
        }
    }

    fn create(dir: &Path, name: &str) -> Result<(AtomicFile, BufWriter<File>), BatchError> {
        let file = AtomicFile::new(dir, name);
        let handle = File::create(&file.temporary).map_err(BatchError::io(&file.temporary))?;
        Ok((file, BufWriter::with_capacity(256 * 1024, handle)))
    }

    fn commit(mut self) -> Result<(), BatchError> {
        std::fs::rename(&self.temporary, &self.target).map_err(BatchError::io(&self.target))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// Removes temporary outputs left in `dir` by a batch that was killed.
pub(crate) fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let ours: Vec<String> = output_names()
        .into_iter()
        .map(|n| format!(".{n}."))
        .collect();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".partial") && ours.iter().any(|p| name.starts_with(p.as_str())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Names of every output file.
fn output_names() -> Vec<String> {
    let mut names = vec![
        REPORTS_JSONL.to_owned(),
        ERRORS_JSONL.to_owned(),
        SQLITE.to_owned(),
    ];
    names.extend(TABLES.iter().map(|t| format!("{}.csv", t.name)));
    names
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> BatchError + '_ {
    move |source| BatchError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Every chosen output, fed in order.
pub(crate) struct Sink {
    jsonl: Option<Jsonl>,
    tables: TableSinks,
    next_id: i64,
    /// The first report of each content seen (by SHA-256, and by agency + year + ITA +
    /// indicator scores), for `duplicate_of`.
    first: std::collections::HashMap<String, i64>,
}

struct Jsonl {
    reports: (AtomicFile, BufWriter<File>),
    errors: (AtomicFile, BufWriter<File>),
}

struct TableSinks {
    csv: Option<CsvSink>,
    sqlite: Option<SqliteSink>,
    xlsx: Option<(AtomicFile, super::xlsx::XlsxSink)>,
}

impl TableSinks {
    fn any(&self) -> bool {
        self.csv.is_some() || self.sqlite.is_some() || self.xlsx.is_some()
    }
}

impl Sink {
    /// Opens the temporary files of the chosen outputs in `dir`.
    pub(crate) fn create(dir: &Path, formats: Formats) -> Result<Sink, BatchError> {
        let jsonl = if formats.jsonl {
            Some(Jsonl {
                reports: AtomicFile::create(dir, REPORTS_JSONL)?,
                errors: AtomicFile::create(dir, ERRORS_JSONL)?,
            })
        } else {
            None
        };
        Ok(Sink {
            jsonl,
            tables: TableSinks {
                csv: formats
                    .csv
                    .then(|| CsvSink::create(dir, formats.csv_bom))
                    .transpose()?,
                sqlite: formats
                    .sqlite
                    .then(|| SqliteSink::create(dir))
                    .transpose()?,
                xlsx: formats
                    .xlsx
                    .then(|| {
                        let file = AtomicFile::new(dir, "ita.xlsx");
                        super::xlsx::XlsxSink::create(&file.target).map(|x| (file, x))
                    })
                    .transpose()?,
            },
            next_id: 1,
            first: std::collections::HashMap::new(),
        })
    }

    /// Writes one report; `line` is its JSON line when it is already made (kept from an
    /// earlier run, or written by the worker that read it).
    pub(crate) fn report(
        &mut self,
        report: &Report,
        line: Option<&[u8]>,
    ) -> Result<(), BatchError> {
        if let Some(j) = &mut self.jsonl {
            let (file, out) = &mut j.reports;
            let written = match line {
                Some(line) => out.write_all(line),
                None => serde_json::to_writer(&mut *out, report).map_err(std::io::Error::from),
            };
            written
                .and_then(|()| out.write_all(b"\n"))
                .map_err(write_error(&file.temporary))?;
        }
        let id = self.next_id;
        self.next_id += 1;
        // The same report in several files (a PDF and its text dump, two renderings): the
        // same bytes, or the same agency, year, ITA score and indicator scores.
        let mut keys = vec![format!("sha256 {}", report.source.sha256)];
        if let (Some(agency), Some(year), Some(ita)) =
            (&report.agency.name, report.fiscal_year, report.ita.score)
        {
            let scores: Vec<String> = report
                .indicators
                .iter()
                .map(|i| format!("{}={:?}", i.no, i.score))
                .collect();
            keys.push(format!(
                "content {agency} {year} {ita} {}",
                scores.join(",")
            ));
        }
        let duplicate_of = keys.iter().find_map(|k| self.first.get(k).copied());
        for k in keys {
            self.first.entry(k).or_insert(id);
        }
        if self.tables.any() {
            tables::report_rows(id, report, duplicate_of, &mut self.tables)?;
        }
        Ok(())
    }

    /// Writes one failed input.
    pub(crate) fn error(&mut self, failure: &Failure) -> Result<(), BatchError> {
        if let Some(j) = &mut self.jsonl {
            let (file, out) = &mut j.errors;
            serde_json::to_writer(&mut *out, failure)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(write_error(&file.temporary))?;
        }
        if self.tables.any() {
            tables::error_row(failure, &mut self.tables)?;
        }
        Ok(())
    }

    /// Completes every output and renames it to its name.
    pub(crate) fn finish(self) -> Result<(), BatchError> {
        let mut done = Vec::new();
        if let Some(j) = self.jsonl {
            for (file, out) in [j.reports, j.errors] {
                finish_file(out, &file.temporary)?;
                done.push(file);
            }
        }
        if let Some(csv) = self.tables.csv {
            done.extend(csv.finish()?);
        }
        if let Some(sqlite) = self.tables.sqlite {
            done.push(sqlite.finish()?);
        }
        if let Some((file, xlsx)) = self.tables.xlsx {
            xlsx.finish(&file.temporary)?;
            done.push(file);
        }
        // Renamed only once every output is complete.
        done.into_iter().try_for_each(AtomicFile::commit)
    }
}

fn finish_file(out: BufWriter<File>, path: &Path) -> Result<(), BatchError> {
    let file = out.into_inner().map_err(|e| BatchError::Io {
        path: path.to_owned(),
        source: e.into_error(),
    })?;
    file.sync_all().map_err(write_error(path))
}

impl Rows for TableSinks {
    fn row(&mut self, table: Id, cells: &[Cell<'_>]) -> Result<(), BatchError> {
        if let Some(csv) = &mut self.csv {
            csv.row(table, cells)?;
        }
        if let Some(sqlite) = &mut self.sqlite {
            sqlite.row(table, cells)?;
        }
        if let Some((file, xlsx)) = &mut self.xlsx {
            xlsx.row(&file.target, table, cells)?;
        }
        Ok(())
    }
}

/// One CSV file per table, UTF-8 with a header row.
struct CsvSink {
    files: Vec<(AtomicFile, csv::Writer<BufWriter<File>>)>,
}

impl CsvSink {
    fn create(dir: &Path, bom: bool) -> Result<CsvSink, BatchError> {
        let mut files = Vec::new();
        for table in &TABLES {
            let (file, mut out) = AtomicFile::create(dir, &format!("{}.csv", table.name))?;
            if bom {
                out.write_all("\u{FEFF}".as_bytes())
                    .map_err(write_error(&file.temporary))?;
            }
            let mut writer = csv::Writer::from_writer(out);
            writer
                .write_record(table.columns.iter().map(|c| c.0))
                .map_err(|source| BatchError::Csv {
                    path: file.target.clone(),
                    source,
                })?;
            files.push((file, writer));
        }
        Ok(CsvSink { files })
    }

    fn row(&mut self, table: Id, cells: &[Cell<'_>]) -> Result<(), BatchError> {
        let (file, writer) = &mut self.files[table as usize];
        let csv_error = |source| BatchError::Csv {
            path: file.target.clone(),
            source,
        };
        for cell in cells {
            writer
                .write_field(cell.to_csv().as_bytes())
                .map_err(csv_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_error)
    }

    fn finish(self) -> Result<Vec<AtomicFile>, BatchError> {
        let mut done = Vec::new();
        for (file, writer) in self.files {
            let out = writer.into_inner().map_err(|e| BatchError::Io {
                path: file.temporary.clone(),
                source: e.into_error(),
            })?;
            finish_file(out, &file.temporary)?;
            done.push(file);
        }
        Ok(done)
    }
}

/// The SQLite database: the same tables, built in one transaction, indexed at the end.
struct SqliteSink {
    file: AtomicFile,
    conn: rusqlite::Connection,
    inserts: Vec<String>,
}

impl SqliteSink {
    fn create(dir: &Path) -> Result<SqliteSink, BatchError> {
        let file = AtomicFile::new(dir, SQLITE);
        let error = |source| BatchError::Sqlite {
            path: file.target.clone(),
            source,
        };
        let conn = rusqlite::Connection::open(&file.temporary).map_err(error)?;
        // The file is renamed into place only when complete: no journal is needed.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;",
        )
        .map_err(error)?;
        let mut ddl = String::new();
        let mut inserts = Vec::new();
        for table in &TABLES {
            let columns: Vec<String> = table
                .columns
                .iter()
                .map(|(name, ty, constraint)| {
                    let ty = match ty {
                        Sql::Integer => "INTEGER",
                        Sql::Real => "REAL",
                        Sql::Text => "TEXT",
                    };
                    // Quoted: a column may be an SQL keyword (`group`).
                    format!("\"{name}\" {ty} {constraint}")
                        .trim_end()
                        .to_owned()
                })
                .collect();
            ddl += &format!(
                "CREATE TABLE {} (\n  {}\n);\n",
                table.name,
                columns.join(",\n  ")
            );
            inserts.push(format!(
                "INSERT INTO {} VALUES ({})",
                table.name,
                vec!["?"; table.columns.len()].join(", ")
            ));
        }
        ddl += "BEGIN;";
        conn.execute_batch(&ddl).map_err(error)?;
        Ok(SqliteSink {
            file,
            conn,
            inserts,
        })
    }

    fn row(&mut self, table: Id, cells: &[Cell<'_>]) -> Result<(), BatchError> {
        let sql = &self.inserts[table as usize];
        self.conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.execute(rusqlite::params_from_iter(cells.iter())))
            .map(|_| ())
            .map_err(|source| BatchError::Sqlite {
                path: self.file.target.clone(),
                source,
            })
    }

    fn finish(self) -> Result<AtomicFile, BatchError> {
        let error = |source| BatchError::Sqlite {
            path: self.file.target.clone(),
            source,
        };
        let mut sql = String::from("COMMIT;\n");
        for table in &TABLES {
            for columns in table.indexes {
                let name: String = columns
                    .chars()
                    .filter_map(|c| match c {
                        ',' => Some('_'),
                        ' ' => None,
                        c => Some(c),
                    })
                    .collect();
                sql += &format!(
                    "CREATE INDEX {t}_{name} ON {t} ({columns});\n",
                    t = table.name
                );
            }
        }
        self.conn.execute_batch(&sql).map_err(error)?;
        self.conn.close().map_err(|(_, e)| error(e))?;
        Ok(self.file)
    }
}

impl rusqlite::ToSql for Cell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Cell::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Cell::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Cell::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Cell::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn outputs_appear_only_when_complete() {
        let dir = tempfile::tempdir().unwrap();
        let all = Formats {
            jsonl: true,
            csv: true,
            sqlite: true,
            xlsx: false,
            html: false,
            csv_bom: false,
        };
        let sink = Sink::create(dir.path(), all).unwrap();
        let partial = names(dir.path());
        assert!(
            partial.iter().all(|n| n.ends_with(".partial")),
            "{partial:?}"
        );
        drop(sink); // a batch that failed: nothing is left behind
        assert!(names(dir.path()).is_empty());

        let mut sink = Sink::create(dir.path(), all).unwrap();
        let failure = Failure {
            path: "x.txt".into(),
            sha256: None,
            kind: "empty".into(),
            message: "the input is empty".into(),
        };
        sink.error(&failure).unwrap();
        sink.finish().unwrap();
        let done = names(dir.path());
        assert_eq!(done.len(), 16, "{done:?}");
        assert!(done.iter().all(|n| !n.starts_with('.')), "{done:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("errors.jsonl")).unwrap(),
            "{\"path\":\"x.txt\",\"sha256\":null,\"kind\":\"empty\",\"message\":\"the input is empty\"}\n"
        );
    }

    #[test]
    fn leftovers_of_a_killed_batch_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".reports.jsonl.123.partial",
            ".ita.sqlite.9.partial",
            ".mine.partial",
            "a.csv",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        remove_stale_temporaries(dir.path());
        assert_eq!(names(dir.path()), [".mine.partial", "a.csv"]);
    }
}
