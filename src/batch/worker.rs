//! The worker side: a long-lived process that reads one PDF after another for the batch.
//!
//! The batch runs the binary again as `ita-extract __worker [--memory-limit MIB] …` (see
//! [`super::pool`]) and talks to it over its stdin and stdout:
//!
//! - a **request** is one line of JSON, [`Request`] (`{"name":"a.pdf","len":1234}`), then
//!   exactly `len` bytes: the input;
//! - a **response** is one line of JSON, [`Response`]: the [`Reply`] (a report or an error)
//!   and the worker's state after the document (documents read, memory, whether it exits).
//!
//! End of input on stdin means the batch is done: the worker exits with code 0. Being a plain
//! text protocol, a worker can be driven from a shell (`benches/worker-memory.sh` does).
//!
//! **Memory.** `--memory-limit` is one document's limit, as when each PDF had a fresh process:
//! the worker sets its address-space limit (`RLIMIT_AS`, soft) to the limit plus what it has
//! kept from earlier documents (allocator caches and fragmentation: its address space now
//! minus when it started), so what a document may use never shrinks because of the ones
//! before it. The limit is lifted while the worker measures itself and writes its response,
//! so that only reading and extracting a document count against it. A worker also exits after
//! its response — to be replaced by a fresh one — once it has read `--recycle-documents`
//! documents, or when its address space has grown more than `--recycle-growth` MiB over the
//! fresh process: what it keeps stays bounded however long the batch.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use serde::{Deserialize, Serialize};

use crate::model::Report;

/// Arguments of the hidden `__worker` subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// Address-space limit of one document, in MiB (0: none).
    #[arg(long, default_value_t = 0)]
    pub memory_limit: u64,
    /// Exit (to be replaced) after this many documents (0: never for this reason).
    #[arg(long, default_value_t = 0)]
    pub recycle_documents: u64,
    /// Exit (to be replaced) once the address space has grown more than this many MiB over
    /// the fresh process (0: never for this reason).
    #[arg(long, default_value_t = 0)]
    pub recycle_growth: u64,
    /// Which PDF pages to OCR (the batch's `--ocr`).
    #[arg(long, value_enum, default_value = "auto")]
    pub ocr: crate::ocr::OcrMode,
    /// The batch's OCR slots (a directory of lock files, [`crate::ocr::slots`]): pages are
    /// OCR'd in parallel only on slots the batch leaves free.
    #[arg(long, value_name = "DIR")]
    pub ocr_slots: Option<std::path::PathBuf>,
    /// Write a [`Progress`] line before each page it OCRs (the batch then allows more time).
    #[arg(long)]
    pub ocr_progress: bool,
}

/// What a worker writes before it OCRs a page (with `--ocr-progress`): one line of JSON,
/// `{"ocr_page":3}`, before the document's [`Response`].
#[derive(Debug, Serialize, Deserialize)]
pub struct Progress {
    /// The page about to be OCR'd (1-based).
    pub ocr_page: u32,
}

impl Progress {
    /// The progress a line of a worker's output says, if it is one.
    #[must_use]
    pub fn parse(line: &[u8]) -> Option<Progress> {
        line.starts_with(b"{\"ocr_page\"")
            .then(|| serde_json::from_slice(line).ok())
            .flatten()
    }
}

/// Tells the batch, on this process's stdout, that a page is about to be OCR'd. The worker's
/// responses go to the same stdout, flushed after each, so the line is never inside one.
fn announce_ocr_page(page: u32) {
    let mut out = io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, &Progress { ocr_page: page })
        .map_err(io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
}

/// The line that announces an input: its name, then `len` bytes follow.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Name of the input (its path in the batch's outputs).
    pub name: String,
    /// Number of bytes of the input after the line.
    pub len: u64,
}

/// One document's result.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The report.
    Report(Box<Report>),
    /// Why the input failed.
    Error {
        /// [`crate::ErrorKind::code`].
        kind: String,
        /// The error's message (without the path).
        message: String,
    },
}

/// What a worker writes after each document: one line of JSON. The worker's state comes
/// first so that a shell script can read it without parsing the report.
#[derive(Debug, Serialize, Deserialize)]
pub struct Response {
    /// Documents this worker has read, this one included.
    pub documents: u64,
    /// The worker's memory when it started, before any document.
    pub fresh: Option<Memory>,
    /// The worker's memory after this document (its data freed).
    pub memory: Option<Memory>,
    /// The worker exits after this response (to be replaced by a fresh one).
    pub exiting: bool,
    /// The document's result.
    pub reply: Reply,
}

/// A process's memory, from `/proc/self/status` (Linux; `None` elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    /// Address space (`VmSize`), what `RLIMIT_AS` counts, KiB.
    pub vm_size_kib: u64,
    /// Resident set (`VmRSS`), KiB.
    pub vm_rss_kib: u64,
}

impl Memory {
    /// This process's memory now.
    #[must_use]
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .and_then(|v| v.trim().strip_suffix("kB")?.trim().parse().ok())
        };
        Some(Memory {
            vm_size_kib: field("VmSize")?,
            vm_rss_kib: field("VmRSS")?,
        })
    }
}

/// The worker: reads requests from `stdin` until its end, writes a [`Response`] to `stdout`
/// for each. Returns the process exit code: 0 at the end of the input or when recycled, 1
/// when a response cannot be written, 2 when a request cannot be read.
#[must_use]
pub fn main(args: &WorkerArgs, stdin: impl Read, stdout: impl Write) -> u8 {
    let mut input = BufReader::with_capacity(PIPE_BUFFER, stdin);
    // A report is written in many small pieces, and a process's stdout is line-buffered in
    // 1 KiB: without this, a response would take a hundred writes to the pipe.
    let mut stdout = BufWriter::with_capacity(PIPE_BUFFER, stdout);
    let fresh = Memory::now();
    let limit = AddressLimit::new(args.memory_limit);
    let mut documents = 0u64;
    let mut kept_bytes = 0u64;
    let options = crate::Options {
        ocr: args.ocr,
        on_ocr_page: args.ocr_progress.then_some(announce_ocr_page as fn(u32)),
        ocr_slots: args.ocr_slots.as_deref().map(|dir| {
            std::sync::Arc::new(crate::ocr::slots::Slots::open(dir).unwrap_or_else(|e| {
                eprintln!("ita-extract __worker: {e}; pages are OCR'd one at a time");
                crate::ocr::slots::Slots::local(0)
            }))
        }),
    };
    loop {
        limit.set(kept_bytes);
        let request = match read_request(&mut input) {
            Ok(Some(request)) => request,
            Ok(None) => return 0,
            Err(e) => {
                eprintln!("ita-extract __worker: cannot read a request: {e}");
                return 2;
            }
        };
        documents += 1;
        let reply = match request {
            Incoming::Input { name, bytes } => match crate::extract_with(&name, &bytes, &options) {
                Ok(report) => Reply::Report(Box::new(report)),
                Err(e) => Reply::Error {
                    kind: e.kind().code().to_owned(),
                    message: e.kind().to_string(),
                },
            },
            Incoming::TooLarge => {
                let (kind, message) = memory_exceeded(args.memory_limit);
                Reply::Error { kind, message }
            }
        };
        limit.lift();
        let memory = Memory::now();
        let growth_kib = match (fresh, memory) {
            (Some(f), Some(m)) => m.vm_size_kib.saturating_sub(f.vm_size_kib),
            _ => 0,
        };
        kept_bytes = growth_kib.saturating_mul(1024);
        let exiting = (args.recycle_documents > 0 && documents >= args.recycle_documents)
            || (args.recycle_growth > 0 && growth_kib > args.recycle_growth.saturating_mul(1024));
        let response = Response {
            documents,
            fresh,
            memory,
            exiting,
            reply,
        };
        let written = serde_json::to_writer(&mut stdout, &response)
            .map_err(io::Error::from)
            .and_then(|()| stdout.write_all(b"\n"))
            .and_then(|()| stdout.flush());
        if let Err(e) = written {
            eprintln!("ita-extract __worker: cannot write a response: {e}");
            return 1;
        }
        if exiting {
            return 0;
        }
    }
}

/// The size of a worker's pipe buffers (Linux's default pipe capacity).
pub(crate) const PIPE_BUFFER: usize = 64 * 1024;

/// A request as read: the input, or an input whose bytes could not be held.
enum Incoming {
    Input { name: String, bytes: Vec<u8> },
    TooLarge,
}

/// Longest request line accepted (a name is a path).
const MAX_REQUEST_LINE: u64 = 1 << 20;

/// Reads one request; `None` at the end of the input.
fn read_request(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut line = Vec::new();
    input
        .by_ref()
        .take(MAX_REQUEST_LINE)
        .read_until(b'\n', &mut line)?;
    if line.is_empty() {
        return Ok(None);
    }
    let request: Request = serde_json::from_slice(&line).map_err(io::Error::from)?;
    let mut bytes = Vec::new();
    if bytes
        .try_reserve_exact(usize::try_from(request.len).unwrap_or(usize::MAX))
        .is_err()
    {
        // Over the memory limit already: skip the input to stay in step with the batch.
        let skipped = io::copy(&mut input.by_ref().take(request.len), &mut io::sink())?;
        return if skipped == request.len {
            Ok(Some(Incoming::TooLarge))
        } else {
            Err(io::ErrorKind::UnexpectedEof.into())
        };
    }
    input.by_ref().take(request.len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != request.len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(Incoming::Input {
        name: request.name,
        bytes,
    }))
}

/// The worker's address-space limit: one document's limit plus what earlier ones left.
struct AddressLimit {
    /// The document's limit in bytes (0: none, and the process limit is never touched).
    document: u64,
    /// The hard limit the worker found (it can raise its soft limit up to it, not beyond).
    hard: u64,
}

impl AddressLimit {
    fn new(memory_limit_mib: u64) -> AddressLimit {
        let document = memory_limit_mib.saturating_mul(1024 * 1024);
        let hard = if document > 0 {
            rlimit::getrlimit(rlimit::Resource::AS).map_or(rlimit::INFINITY, |(_, hard)| hard)
        } else {
            rlimit::INFINITY
        };
        AddressLimit { document, hard }
    }

    /// Limits the address space to the document's limit plus `kept` bytes.
    fn set(&self, kept: u64) {
        if self.document > 0 {
            self.soft(self.document.saturating_add(kept).min(self.hard));
        }
    }

    /// No limit but the hard one (between documents).
    fn lift(&self) {
        if self.document > 0 {
            self.soft(self.hard);
        }
    }

    fn soft(&self, bytes: u64) {
        if let Err(e) = rlimit::setrlimit(rlimit::Resource::AS, bytes, self.hard) {
            eprintln!("ita-extract __worker: cannot limit memory: {e}");
        }
    }
}

/// An input's failure: error kind code ([`crate::ErrorKind::code`]) and message.
pub type Failed = (String, String);

/// The error of a document stopped by its memory limit.
pub(crate) fn memory_exceeded(limit_mib: u64) -> Failed {
    limit(format!(
        "memory: the document needed more than --memory-limit ({limit_mib} MiB)"
    ))
}

/// A `limit` error with its message.
pub(crate) fn limit(message: String) -> Failed {
    let kind = crate::ErrorKind::Limit(message);
    (kind.code().to_owned(), kind.to_string())
}

/// An `internal` error with its message.
pub(crate) fn internal(message: String) -> Failed {
    let kind = crate::ErrorKind::Internal(message);
    (kind.code().to_owned(), kind.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(name: &str, bytes: &[u8]) -> Vec<u8> {
        let mut out = serde_json::to_vec(&Request {
            name: name.into(),
            len: bytes.len() as u64,
        })
        .unwrap();
        out.push(b'\n');
        out.extend_from_slice(bytes);
        out
    }

    fn responses(out: &[u8]) -> Vec<Response> {
        out.split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect()
    }

    fn args(recycle_documents: u64) -> WorkerArgs {
        // No memory limit: a limit would apply to the whole test process.
        WorkerArgs {
            memory_limit: 0,
            recycle_documents,
            recycle_growth: 0,
            ocr: crate::ocr::OcrMode::Auto,
            ocr_slots: None,
            ocr_progress: false,
        }
    }

    #[test]
    fn the_worker_replies_to_each_request_until_its_input_ends() {
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/chiangmai-2566.txt"
        ))
        .unwrap();
        let mut input = request("empty.txt", b"");
        input.extend(request("x.txt", &seed));
        input.extend(request("y.txt", &seed));
        let mut out = Vec::new();
        assert_eq!(main(&args(0), &input[..], &mut out), 0);
        let got = responses(&out);
        assert_eq!(got.len(), 3);
        assert!(
            matches!(got[0].reply, Reply::Error { ref kind, .. } if kind == "empty"),
            "{:?}",
            got[0].reply
        );
        assert!(matches!(&got[1].reply, Reply::Report(r) if r.source.path == "x.txt"));
        assert!(matches!(&got[2].reply, Reply::Report(r) if r.source.path == "y.txt"));
        let counts: Vec<u64> = got.iter().map(|r| r.documents).collect();
        assert_eq!(counts, [1, 2, 3]);
        assert!(got.iter().all(|r| !r.exiting));
        if cfg!(target_os = "linux") {
            assert!(got[2].memory.unwrap().vm_size_kib > 0);
            assert_eq!(got[0].fresh, got[2].fresh);
        }
    }

    #[test]
    fn the_worker_exits_after_its_documents_and_on_a_broken_request() {
        let mut input = Vec::new();
        for _ in 0..3 {
            input.extend(request("a.txt", b"not a report"));
        }
        let mut out = Vec::new();
        assert_eq!(main(&args(2), &input[..], &mut out), 0);
        let got = responses(&out);
        assert_eq!(got.len(), 2, "the third request is for the next worker");
        assert!(!got[0].exiting && got[1].exiting);

        let mut out = Vec::new();
        let mut cut = request("a.txt", b"0123456789");
        cut.truncate(cut.len() - 3);
        assert_eq!(main(&args(0), &cut[..], &mut out), 2);
        assert!(out.is_empty());
        assert_eq!(main(&args(0), &b"not json\n"[..], &mut out), 2);
    }
}
