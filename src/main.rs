//! The `ita-extract` command line: parses arguments and calls the library.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Extract Thai ITA analysis reports (PDF or text) into validated JSON.
#[derive(Parser)]
#[command(version = ita_extract::VERSION, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract reports (PDF or text; `-` reads standard input) and print their JSON, one
    /// document after another; a file that fails is named on stderr and the rest go on.
    Extract {
        /// The report files, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Print the JSON on one line instead of pretty-printed.
        #[arg(long)]
        compact: bool,
        /// Exit 1 when the report has warnings (values missing or checks failed).
        #[arg(long)]
        strict: bool,
        /// Which PDF pages to OCR with Tesseract: `auto` (pages without a text layer),
        /// `never`, `always` (every page that is one full-page image).
        #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
        ocr: ita_extract::ocr::OcrMode,
    },
    /// Check documents against the ITA framework and print a table of the checks.
    Audit {
        /// Report files (PDF or text); `-` reads one from standard input.
        #[arg(required = true)]
        files: Vec<String>,
        /// Exit 1 when any report has warnings, not only when an input fails.
        #[arg(long)]
        strict: bool,
    },
    /// Print the normalized text the parser sees, with page and line numbers.
    Text {
        /// The report file, or `-` for standard input.
        file: String,
        /// Which PDF pages to OCR with Tesseract (as for `extract`).
        #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
        ocr: ita_extract::ocr::OcrMode,
    },
    /// Print the JSON schema of the output.
    Schema,
    /// Check a JSON document against the schema.
    Validate {
        /// The JSON file, or `-` for standard input.
        file: String,
    },
    /// Write a static HTML site to check the values against their sources: from inputs, or
    /// from a batch's output directory (its reports.jsonl; sources re-read from their paths).
    Review {
        /// Report files and directories, or one batch output directory.
        #[arg(required = true)]
        inputs: Vec<std::path::PathBuf>,
        /// Where to write the site (index.html, reports/NNNN.html).
        #[arg(short, long, value_name = "DIR")]
        out: std::path::PathBuf,
    },
    /// Read many inputs (files, directories, `-` for a list of paths on stdin) into
    /// reports.jsonl, errors.jsonl, tidy CSVs and ita.sqlite in DIR.
    Batch(ita_extract::batch::Args),
    /// Internal: a `batch` worker; reads inputs from stdin (a JSON line, then the bytes) and
    /// answers each with a line of JSON, until stdin ends.
    #[command(name = "__worker", hide = true)]
    Worker(ita_extract::batch::worker::WorkerArgs),
}

/// jemalloc rather than the system allocator: the pipeline allocates many small strings and
/// vectors per page, and glibc's malloc and free were about a tenth of a worker's time.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`| head`) is not an error.
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("ita-extract: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Exit code 1: the input itself failed (it is named in the message).
fn input_failed(e: &ita_extract::Error) -> ExitCode {
    eprintln!("ita-extract: {e}");
    ExitCode::from(1)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    match cli.command {
        Command::Batch(args) => {
            return Ok(ExitCode::from(ita_extract::batch::run(&args)?.exit_code()));
        }
        Command::Worker(args) => {
            let code = ita_extract::batch::worker::main(&args, io::stdin().lock(), stdout.lock());
            return Ok(ExitCode::from(code));
        }
        Command::Extract {
            files,
            compact,
            strict,
            ocr,
        } => {
            let mut code = ExitCode::SUCCESS;
            for file in &files {
                let Some(bytes) = read_or_report(file, &mut code) else {
                    continue;
                };
                match ita_extract::extract_with(file, &bytes, &ita_extract::Options::ocr(ocr)) {
                    Ok(report) => {
                        ita_extract::output::write_json(&report, !compact, stdout.lock())?;
                        if strict && report.status != ita_extract::model::Status::Ok {
                            code = ExitCode::from(1);
                        }
                    }
                    Err(e) => code = input_failed(&e),
                }
            }
            return Ok(code);
        }
        Command::Audit { files, strict } => {
            let mut code = ExitCode::SUCCESS;
            for file in &files {
                let Some(bytes) = read_or_report(file, &mut code) else {
                    continue;
                };
                match ita_extract::extract(file, &bytes) {
                    Ok(report) => {
                        ita_extract::output::write_audit(&report, stdout.lock())?;
                        if strict && report.status != ita_extract::model::Status::Ok {
                            code = ExitCode::from(1);
                        }
                    }
                    Err(e) => code = input_failed(&e),
                }
            }
            return Ok(code);
        }
        Command::Text { file, ocr } => {
            let bytes = read_input(&file)?;
            match ita_extract::normalized_text_with(&file, &bytes, &ita_extract::Options::ocr(ocr))
            {
                Ok(text) => ita_extract::output::write_text(&text, stdout.lock())?,
                Err(e) => return Ok(input_failed(&e)),
            }
        }
        Command::Review { inputs, out } => {
            let run = ita_extract::review::run(&inputs, &out)
                .with_context(|| format!("cannot write the review site to {}", out.display()))?;
            for f in &run.failed {
                eprintln!("ita-extract: {f}");
            }
            let s = run.summary;
            eprintln!(
                "ita-extract review: {} report page(s), {} PDF page(s) drawn{} → {}",
                s.reports,
                s.pages_drawn,
                if s.without_source > 0 {
                    format!(", {} without their source", s.without_source)
                } else {
                    String::new()
                },
                out.join("index.html").display()
            );
            if !run.failed.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Schema => stdout
            .lock()
            .write_all(ita_extract::validate::schema().as_bytes())?,
        Command::Validate { file } => {
            let bytes = read_input(&file)?;
            return Ok(validate(&file, &bytes));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Validates a JSON document, or a JSONL file (one document per line, as `batch` writes
/// `reports.jsonl`) line by line; every problem is named with its file and line.
fn validate(file: &str, bytes: &[u8]) -> ExitCode {
    let text = String::from_utf8_lossy(bytes);
    let whole = serde_json::from_str::<serde_json::Value>(&text);
    let documents: Vec<(Option<usize>, Result<serde_json::Value, serde_json::Error>)> = match whole
    {
        Ok(v) => vec![(None, Ok(v))],
        // Not one document: JSON Lines.
        Err(_) if text.lines().filter(|l| !l.trim().is_empty()).count() > 1 => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (Some(i + 1), serde_json::from_str(l)))
            .collect(),
        Err(e) => vec![(None, Err(e))],
    };
    let mut bad = 0;
    for (line, doc) in &documents {
        let at = line.map_or_else(|| file.to_owned(), |n| format!("{file}:{n}"));
        match doc {
            Err(e) => {
                eprintln!("ita-extract: {at}: not JSON: {e}");
                bad += 1;
            }
            Ok(value) => {
                if let Err(errors) = ita_extract::validate::check_value(value) {
                    for err in errors {
                        eprintln!("ita-extract: {at}: {err}");
                    }
                    bad += 1;
                }
            }
        }
    }
    if bad > 0 {
        return ExitCode::from(1);
    }
    match documents.len() {
        1 => eprintln!("{file}: valid"),
        n => eprintln!("{file}: {n} documents, all valid"),
    }
    ExitCode::SUCCESS
}

/// Reads an input; when it cannot be read, says so naming it, sets exit code 1 and gives
/// `None` so that the other inputs go on.
fn read_or_report(file: &str, code: &mut ExitCode) -> Option<Vec<u8>> {
    match read_input(file) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            eprintln!("ita-extract: {e:#}");
            *code = ExitCode::from(1);
            None
        }
    }
}

/// Reads a file, or standard input for `-`.
fn read_input(file: &str) -> anyhow::Result<Vec<u8>> {
    if file == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        Ok(buf)
    } else {
        std::fs::read(file).with_context(|| format!("{file}: cannot read"))
    }
}
