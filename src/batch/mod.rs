//! Batch mode: many inputs → `reports.jsonl`, `errors.jsonl`, tidy CSVs and `ita.sqlite`.
//!
//! ```text
//! INPUT... ──discover──▶ sorted inputs ──runner (rayon, -j)──▶ outcomes in path order
//!          ──resume merge (earlier results kept)──▶ sinks (jsonl, csv, sqlite) ──rename──▶ DIR
//! ```
//!
//! One bad input never stops the batch: it becomes a line of `errors.jsonl`. PDFs are read by
//! a pool of long-lived worker processes, one per job (the binary re-running itself as
//! `ita-extract __worker`, see [`pool`] and [`worker`]), so that a document that takes longer
//! than `--timeout` or more memory than `--memory-limit` can be stopped without stopping the
//! batch; text inputs are read in-process. Results are written in path order whatever the thread
//! timing, and only a bounded window of results is ever held in memory. Every output file is
//! written under a temporary name in DIR and renamed when complete.

pub(crate) mod discover;
pub mod pool;
mod progress;
mod resume;
mod runner;
mod sinks;
mod tables;
pub mod worker;
mod xlsx;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::{Report, Status};
use crate::source::{sniff, Sniffed};

pub use discover::Input;

/// Arguments of `ita-extract batch` (the binary parses them with clap and calls [`run`]).
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Input files, directories (searched recursively: `.pdf`, `.txt`, `.md`, and other files
    /// that are PDFs by content), or `-` to read a list of paths (one per line) from stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub out: PathBuf,
    /// Number of inputs read at the same time (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Outputs to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "all")]
    pub format: Vec<OutputFormat>,
    /// Skip inputs whose SHA-256 is already in DIR's reports.jsonl / errors.jsonl, keeping
    /// the earlier results (needs the jsonl outputs).
    #[arg(long)]
    pub resume: bool,
    /// Seconds a PDF may take before its worker is stopped (fractions allowed).
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// Which PDF pages to OCR with Tesseract: `auto` (pages without a text layer), `never`,
    /// `always` (every page that is one full-page image).
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub ocr: crate::ocr::OcrMode,
    /// Seconds added to `--timeout` for each page of a PDF that its worker OCRs (the worker
    /// says so before each page).
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = parse_seconds)]
    pub ocr_page_timeout: Duration,
    /// Address-space limit of a PDF worker, in MiB (0: no limit).
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub memory_limit: u64,
    /// Inputs larger than this many MiB are not read (recorded as a limit error).
    #[arg(long, value_name = "MIB", default_value_t = 512)]
    pub max_file_size: u64,
    /// Read every input inside this process (no worker processes: no timeout or memory limit).
    #[arg(long)]
    pub in_process: bool,
    /// Start each CSV with a UTF-8 byte-order mark, so that Excel reads its Thai as UTF-8
    /// (Google Sheets, pandas and SQLite tools read the CSVs as they are, without it).
    #[arg(long)]
    pub csv_bom: bool,
    /// No progress bar and no summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// The executable that runs `__worker` (default: the running executable).
    #[arg(skip)]
    pub worker_exe: Option<PathBuf>,
}

/// One kind of output of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `reports.jsonl` and `errors.jsonl`.
    Jsonl,
    /// `reports.csv`, `indicators.csv`, `topics.csv`, `questions.csv`, `remarks.csv`,
    /// `diagnostics.csv`, `ranking.csv`, `action_plan.csv`, `limitations.csv`, `errors.csv`.
    Csv,
    /// `ita.sqlite`: the same tables with keys and indexes.
    Sqlite,
    /// `ita.xlsx`: the same tables as an Excel workbook, a sheet each (only when named: the
    /// workbook is built in memory).
    Xlsx,
    /// `review/`: the static HTML review site (`ita-extract review`) of `reports.jsonl`, its
    /// page drawings from the sources (only when named; needs `jsonl`).
    Html,
    /// All of the above.
    All,
}

/// A batch that could not run (exit code 2): bad usage, or an output that cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The arguments do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A file or directory of the output could not be read or written (the reason is the
    /// error's source, printed after the path).
    #[error("{path}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The output directory cannot be created (its parent is missing or read-only, or a file
    /// is in the way).
    #[error("cannot create the output directory {path}")]
    CreateOut {
        /// The directory asked for.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
    /// The review site (`--format html`) could not be written.
    #[error("cannot write the review site")]
    Review(#[source] crate::review::ReviewError),
    /// No input file was found in what was given.
    #[error("no inputs found under {0}")]
    NoInputs(String),
    /// An earlier output found by `--resume` cannot be read.
    #[error("cannot resume from {path}: {message}")]
    Resume {
        /// The earlier output.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// Writing a CSV failed.
    #[error("{path}: {source}")]
    Csv {
        /// The CSV file.
        path: PathBuf,
        /// What went wrong.
        source: csv::Error,
    },
    /// Writing the SQLite database failed.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What went wrong.
        source: rusqlite::Error,
    },
}

impl BatchError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> BatchError {
        let path = path.into();
        move |source| BatchError::Io { path, source }
    }
}

/// An input that failed: one line of `errors.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The input's path as given (joined with the directory it was found in).
    pub path: String,
    /// SHA-256 of its bytes, when they could be read.
    pub sha256: Option<String>,
    /// Stable error kind code ([`crate::ErrorKind::code`]).
    pub kind: String,
    /// Human-readable reason.
    pub message: String,
}

impl Failure {
    fn new(input: &Input, sha256: Option<String>, kind: &crate::ErrorKind) -> Failure {
        Failure {
            path: input.name.clone(),
            sha256,
            kind: kind.code().to_owned(),
            message: kind.to_string(),
        }
    }
}

/// What became of one input.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A report was read, with its JSON when a worker wrote it.
    Report(Box<Report>, Option<Vec<u8>>),
    /// The input failed.
    Failed(Failure),
    /// `--resume`: its SHA-256 is already in DIR's outputs.
    Skipped,
}

/// The report's status as the JSON writes it: `ok`, `partial` or `failed` (a document that
/// was recognised but gave nothing usable).
#[must_use]
pub fn status(report: &Report) -> &'static str {
    match report.status {
        Status::Ok => "ok",
        Status::Partial => "partial",
        Status::Failed => "failed",
    }
}

/// Counts of a finished batch (inputs of this run; earlier results kept by `--resume` are not
/// counted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Inputs found.
    pub inputs: usize,
    /// Reports of status `ok`.
    pub ok: usize,
    /// Reports with warnings (status `partial`, or `failed`: recognised but nothing usable).
    pub partial: usize,
    /// Inputs that failed (one line each in `errors.jsonl`).
    pub failed: usize,
    /// Inputs skipped by `--resume`.
    pub skipped: usize,
    /// Files of the searched directories that are not inputs (a `.docx`, a `.xlsx`), by
    /// extension.
    pub not_read: std::collections::BTreeMap<String, usize>,
    /// Failed inputs by error kind (`not_ita_document`, `corrupt_pdf`, …).
    pub failures: std::collections::BTreeMap<String, usize>,
    /// Bytes of the inputs read.
    pub bytes: u64,
    /// Wall-clock time of the batch.
    pub elapsed: Duration,
}

impl Summary {
    /// Process exit code: 0 when every input succeeded, 1 when some failed.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        u8::from(self.failed > 0)
    }
}

/// Runs a batch: reads every input, writes the chosen outputs in `args.out`.
///
/// # Errors
/// Usage errors and outputs that cannot be written (exit code 2). Inputs that fail are not
/// errors: they are counted in the [`Summary`] and written to `errors.jsonl`.
pub fn run(args: &Args) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let formats = Formats {
        csv_bom: args.csv_bom,
        ..Formats::from(&args.format[..])
    };
    if args.resume && !formats.jsonl {
        return Err(BatchError::Usage(
            "--resume reads the earlier results from reports.jsonl and errors.jsonl: \
             include jsonl in --format"
                .into(),
        ));
    }
    if formats.html && !formats.jsonl {
        return Err(BatchError::Usage(
            "--format html builds the review site from reports.jsonl: include jsonl in --format"
                .into(),
        ));
    }
    if args.jobs == Some(0) {
        return Err(BatchError::Usage("--jobs must be at least 1".into()));
    }
    std::fs::create_dir_all(&args.out).map_err(|source| BatchError::CreateOut {
        path: args.out.clone(),
        source,
    })?;
    sinks::remove_stale_temporaries(&args.out);

    let mut not_read = discover::Skipped::new();
    let inputs =
        discover::inputs_counting(&args.inputs, &args.out, io::stdin().lock(), &mut not_read)
            .map_err(BatchError::io("-"))?;
    if inputs.is_empty() {
        let given: Vec<String> = args
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let mut what = given.join(", ");
        if !not_read.is_empty() {
            what += &format!(" (files not read: {})", progress::by_extension(&not_read));
        }
        return Err(BatchError::NoInputs(what));
    }
    let earlier = if args.resume {
        resume::Earlier::open(&args.out)?
    } else {
        resume::Earlier::none()
    };
    let skip = if args.resume {
        earlier.hashes(|f| needs_ocr(f) && ocr_possible(args.ocr))?
    } else {
        HashSet::new()
    };

    let worker_exe = match (&args.worker_exe, args.in_process) {
        (_, true) => None,
        (Some(exe), false) => Some(exe.clone()),
        (None, false) => Some(std::env::current_exe().map_err(BatchError::io("current exe"))?),
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // One slot per job: a document's reader holds one, and its pages are OCR'd in parallel
    // on the slots other jobs leave free.
    let slots = std::sync::Arc::new(
        crate::ocr::slots::Slots::create(jobs)
            .unwrap_or_else(|_| crate::ocr::slots::Slots::local(jobs)),
    );
    let mut ctx = Context {
        skip,
        workers: worker_exe.map(|exe| {
            pool::Pool::new(pool::Options {
                ocr: args.ocr,
                ocr_page_timeout: args.ocr_page_timeout,
                ocr_slots: slots.dir().map(Path::to_path_buf),
                ..pool::Options::new(exe, args.timeout, args.memory_limit)
            })
        }),
        options: crate::Options {
            ocr: args.ocr,
            on_ocr_page: None,
            ocr_slots: Some(std::sync::Arc::clone(&slots)),
        },
        slots,
        max_file_size: args.max_file_size.saturating_mul(1024 * 1024),
    };
    let mut summary = Summary {
        inputs: inputs.len(),
        not_read,
        ..Summary::default()
    };
    let mut bar = progress::Bar::new(inputs.len(), args.quiet);
    let mut sink = sinks::Sink::create(&args.out, formats)?;
    let mut merge = earlier.records()?;

    runner::run_ordered(
        &inputs,
        jobs,
        |input| process(input, &ctx),
        |(outcome, bytes)| {
            summary.bytes += bytes;
            match outcome {
                Outcome::Report(r, _) if r.status == Status::Ok => summary.ok += 1,
                Outcome::Report(..) => summary.partial += 1,
                Outcome::Failed(f) => {
                    summary.failed += 1;
                    *summary.failures.entry(f.kind.clone()).or_default() += 1;
                }
                Outcome::Skipped => summary.skipped += 1,
            }
            bar.done(matches!(outcome, Outcome::Failed(_)));
        },
        |index, (outcome, _)| {
            let name = &inputs[index].name;
            merge.before(name, &mut sink)?;
            match outcome {
                Outcome::Report(report, json) => {
                    merge.drop_same(name)?;
                    sink.report(&report, json.as_deref())
                }
                Outcome::Failed(failure) => {
                    merge.drop_same(name)?;
                    sink.error(&failure)
                }
                Outcome::Skipped => Ok(()),
            }
        },
    )?;
    // The workers are told to exit together, and waited for, before the outputs are finished.
    drop(ctx.workers.take());
    merge.rest(&mut sink)?;
    drop(merge);
    sink.finish()?;
    bar.finish();
    if formats.html {
        let entries = crate::review::from_out_dir(&args.out).map_err(BatchError::Review)?;
        crate::review::write_site(&entries, &args.out.join("review"))
            .map_err(BatchError::Review)?;
    }
    summary.elapsed = started.elapsed();
    if !args.quiet {
        progress::print_summary(&summary, &args.out);
    }
    Ok(summary)
}

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Formats {
    pub jsonl: bool,
    pub csv: bool,
    pub sqlite: bool,
    pub xlsx: bool,
    /// The review site under `review/`.
    pub html: bool,
    /// CSVs start with a UTF-8 byte-order mark (`--csv-bom`, for Excel).
    pub csv_bom: bool,
}

impl From<&[OutputFormat]> for Formats {
    fn from(list: &[OutputFormat]) -> Self {
        let has = |f| list.contains(&f) || list.contains(&OutputFormat::All);
        Formats {
            jsonl: has(OutputFormat::Jsonl),
            csv: has(OutputFormat::Csv),
            sqlite: has(OutputFormat::Sqlite),
            xlsx: list.contains(&OutputFormat::Xlsx),
            html: list.contains(&OutputFormat::Html),
            csv_bom: false,
        }
    }
}

/// What every input's processing shares.
struct Context {
    skip: HashSet<String>,
    workers: Option<pool::Pool>,
    /// How inputs read in this process are read (`--ocr`, the slots).
    options: crate::Options,
    /// The batch's OCR slots: one is held while an input is read.
    slots: std::sync::Arc<crate::ocr::slots::Slots>,
    max_file_size: u64,
}

/// Reads one input and turns it into an outcome (and the number of bytes read).
fn process(input: &Input, ctx: &Context) -> (Outcome, u64) {
    if let Some(problem) = &input.problem {
        let kind = crate::ErrorKind::Io(io::Error::new(problem.kind(), problem.to_string()));
        return (Outcome::Failed(Failure::new(input, None, &kind)), 0);
    }
    let bytes = match read_limited(&input.path, ctx.max_file_size) {
        Ok(bytes) => bytes,
        Err(kind) => return (Outcome::Failed(Failure::new(input, None, &kind)), 0),
    };
    let size = bytes.len() as u64;
    // Hashed here only to skip what an earlier batch read (`--resume`) or to name a failure:
    // a report carries its own hash (`source.sha256`).
    let sha256 = (!ctx.skip.is_empty()).then(|| hex_sha256(&bytes));
    if sha256.as_ref().is_some_and(|h| ctx.skip.contains(h)) {
        return (Outcome::Skipped, 0);
    }
    let _slot = ctx.slots.acquire();
    let (result, json) = match (&ctx.workers, sniff(&bytes)) {
        (Some(pool), Sniffed::Pdf) => {
            let handled = pool.extract(&input.name, &bytes);
            (handled.result, handled.json)
        }
        _ => (
            crate::extract_with(&input.name, &bytes, &ctx.options).map_err(|e| {
                let kind = e.kind();
                (kind.code().to_owned(), kind.to_string())
            }),
            None,
        ),
    };
    let outcome = match result {
        Ok(report) => Outcome::Report(Box::new(report), json),
        Err((kind, message)) => Outcome::Failed(Failure {
            path: input.name.clone(),
            sha256: Some(sha256.unwrap_or_else(|| hex_sha256(&bytes))),
            kind,
            message,
        }),
    };
    (outcome, size)
}

/// An input that failed for want of OCR (`scanned`: OCR off or Tesseract missing;
/// `ocr_layer`: only another program's OCR text, which read as no report).
fn needs_ocr(failure: &Failure) -> bool {
    matches!(failure.kind.as_str(), "scanned" | "ocr_layer")
}

/// Can this batch OCR (`--ocr` not `never`, Tesseract installed)? `--resume` then reads again
/// the scans an earlier batch refused for want of OCR.
fn ocr_possible(mode: crate::ocr::OcrMode) -> bool {
    mode != crate::ocr::OcrMode::Never && crate::ocr::engine().is_ok()
}

/// Reads a file unless it is larger than `max` bytes.
fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, crate::ErrorKind> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(crate::ErrorKind::Limit(format!(
            "file size: larger than --max-file-size ({} MiB)",
            max / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// SHA-256 of `bytes`, lower-case hex (as in a report's `source.sha256`).
#[must_use]
pub fn hex_sha256(bytes: &[u8]) -> String {
    use std::fmt::Write;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Parses a number of seconds (`60`, `0.5`).
fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|e| format!("not a number of seconds: {e}"))?;
    if secs <= 0.0 {
        return Err("must be more than 0 seconds (every PDF would be stopped at once)".into());
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("not a duration: {e}"))
}
