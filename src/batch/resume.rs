//! `--resume`: the earlier results in DIR, skipped by SHA-256 and merged back in path order.
//!
//! Every output is rebuilt from one stream of records in path order: the earlier records of
//! `reports.jsonl` and `errors.jsonl` (both sorted by path) merged with this run's results. An
//! earlier record of a path that this run read again is replaced; all others are kept, so
//! nothing already made is lost, and a resumed batch gives the same files as one run over all
//! the inputs.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::sinks::{Sink, ERRORS_JSONL, REPORTS_JSONL};
use super::{BatchError, Failure};
use crate::model::Report;

/// The earlier outputs found in DIR.
pub(crate) struct Earlier {
    reports: Option<PathBuf>,
    errors: Option<PathBuf>,
}

impl Earlier {
    /// No earlier results (a batch without `--resume`).
    pub(crate) fn none() -> Earlier {
        Earlier {
            reports: None,
            errors: None,
        }
    }

    /// The jsonl outputs that exist in `dir`.
    pub(crate) fn open(dir: &Path) -> Result<Earlier, BatchError> {
        let existing = |name: &str| {
            let path = dir.join(name);
            path.is_file().then_some(path)
        };
        Ok(Earlier {
            reports: existing(REPORTS_JSONL),
            errors: existing(ERRORS_JSONL),
        })
    }

    /// SHA-256 of every earlier input, read or failed, but those whose failure `retry`
    /// accepts (read again: a scan refused for want of OCR, when this batch can OCR it).
    pub(crate) fn hashes(
        &self,
        retry: impl Fn(&Failure) -> bool,
    ) -> Result<HashSet<String>, BatchError> {
        #[derive(Deserialize)]
        struct Head {
            source: Sha,
        }
        #[derive(Deserialize)]
        struct Sha {
            sha256: String,
        }
        let mut hashes = HashSet::new();
        if let Some(path) = &self.reports {
            for_each_line(path, |line| {
                let head: Head = serde_json::from_str(line).map_err(|e| e.to_string())?;
                hashes.insert(head.source.sha256);
                Ok(())
            })?;
        }
        if let Some(path) = &self.errors {
            for_each_line(path, |line| {
                let failure: Failure = serde_json::from_str(line).map_err(|e| e.to_string())?;
                if !retry(&failure) {
                    hashes.extend(failure.sha256);
                }
                Ok(())
            })?;
        }
        Ok(hashes)
    }

    /// The earlier records, ready to be merged with this run's results.
    pub(crate) fn records(&self) -> Result<Merge, BatchError> {
        Ok(Merge {
            reports: Stream::open(self.reports.as_deref())?,
            errors: Stream::open(self.errors.as_deref())?,
        })
    }
}

fn for_each_line(
    path: &Path,
    mut each: impl FnMut(&str) -> Result<(), String>,
) -> Result<(), BatchError> {
    let file = File::open(path).map_err(BatchError::io(path))?;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(BatchError::io(path))?;
        if line.trim().is_empty() {
            continue;
        }
        each(&line).map_err(|message| BatchError::Resume {
            path: path.to_owned(),
            message: format!("line {}: {message}", i + 1),
        })?;
    }
    Ok(())
}

/// An earlier record.
enum Record {
    Report { line: String, report: Box<Report> },
    Error(Failure),
}

/// The lines of one earlier jsonl file, with one record of lookahead.
struct Stream {
    path: PathBuf,
    lines: Option<Lines<BufReader<File>>>,
    line_no: usize,
    head: Option<(String, Record)>,
}

impl Stream {
    fn open(path: Option<&Path>) -> Result<Stream, BatchError> {
        let lines = match path {
            Some(p) => Some(BufReader::new(File::open(p).map_err(BatchError::io(p))?).lines()),
            None => None,
        };
        let mut stream = Stream {
            path: path.map(Path::to_owned).unwrap_or_default(),
            lines,
            line_no: 0,
            head: None,
        };
        stream.advance()?;
        Ok(stream)
    }

    /// Reads the next record into `head`.
    fn advance(&mut self) -> Result<(), BatchError> {
        self.head = None;
        let Some(lines) = &mut self.lines else {
            return Ok(());
        };
        for line in lines.by_ref() {
            self.line_no += 1;
            let line = line.map_err(BatchError::io(&self.path))?;
            if line.trim().is_empty() {
                continue;
            }
            let bad = |e: serde_json::Error| BatchError::Resume {
                path: self.path.clone(),
                message: format!("line {}: {e}", self.line_no),
            };
            let is_reports = self.path.file_name().is_some_and(|n| n == REPORTS_JSONL);
            self.head = Some(if is_reports {
                let report: Report = serde_json::from_str(&line).map_err(bad)?;
                (
                    report.source.path.clone(),
                    Record::Report {
                        line,
                        report: Box::new(report),
                    },
                )
            } else {
                let failure: Failure = serde_json::from_str(&line).map_err(bad)?;
                (failure.path.clone(), Record::Error(failure))
            });
            break;
        }
        Ok(())
    }

    fn path(&self) -> Option<&str> {
        self.head.as_ref().map(|(p, _)| p.as_str())
    }

    fn take(&mut self) -> Result<Option<Record>, BatchError> {
        let record = self.head.take().map(|(_, r)| r);
        self.advance()?;
        Ok(record)
    }
}

/// Merges the earlier records into this run's stream of results.
pub(crate) struct Merge {
    reports: Stream,
    errors: Stream,
}

impl Merge {
    /// Writes the earlier records whose path sorts before `name`.
    pub(crate) fn before(&mut self, name: &str, sink: &mut Sink) -> Result<(), BatchError> {
        self.emit_while(sink, |p| p < name)
    }

    /// Drops the earlier records of `name` (this run read it again).
    pub(crate) fn drop_same(&mut self, name: &str) -> Result<(), BatchError> {
        for stream in [&mut self.reports, &mut self.errors] {
            while stream.path() == Some(name) {
                stream.take()?;
            }
        }
        Ok(())
    }

    /// Writes every earlier record left.
    pub(crate) fn rest(&mut self, sink: &mut Sink) -> Result<(), BatchError> {
        self.emit_while(sink, |_| true)
    }

    fn emit_while(
        &mut self,
        sink: &mut Sink,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<(), BatchError> {
        loop {
            let stream = match (self.reports.path(), self.errors.path()) {
                (Some(r), Some(e)) if e < r => &mut self.errors,
                (Some(_), _) => &mut self.reports,
                (None, Some(_)) => &mut self.errors,
                (None, None) => return Ok(()),
            };
            if !stream.path().is_some_and(&wanted) {
                return Ok(());
            }
            match stream.take()? {
                Some(Record::Report { line, report }) => {
                    sink.report(&report, Some(line.as_bytes()))?
                }
                Some(Record::Error(failure)) => sink.error(&failure)?,
                None => return Ok(()),
            }
        }
    }
}
