//! Worker processes: one per PDF, so that a runaway document can be stopped.
//!
//! The batch runs the binary again as `ita-extract __worker --name NAME [--memory-limit MIB]`,
//! writes the input's bytes to its stdin and reads one JSON line from its stdout: a
//! [`Reply`]. The worker limits its own address space (`RLIMIT_AS`) before reading anything;
//! the batch kills it when `--timeout` is over. Either way the input becomes an error record
//! of kind `limit` that names the limit. Before it OCRs a page, the worker says so on stderr
//! (a line [`OCR_PAGE`] N), and the batch allows it `--ocr-page-timeout` more.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::Report;

/// The line a worker writes to stderr just before it OCRs a page (followed by the page).
pub const OCR_PAGE: &str = "ita-extract __worker: OCR of page";

fn announce_ocr_page(page: u32) {
    eprintln!("{OCR_PAGE} {page}");
}

/// Arguments of the hidden `__worker` subcommand.
#[derive(Debug, Clone, clap::Args)]
pub struct WorkerArgs {
    /// Name of the input (its path in the batch's outputs).
    #[arg(long)]
    pub name: String,
    /// Address-space limit in MiB (0: none).
    #[arg(long, default_value_t = 0)]
    pub memory_limit: u64,
    /// Which PDF pages to OCR.
    #[arg(long, value_enum, default_value = "auto")]
    pub ocr: crate::ocr::OcrMode,
}

/// What a worker writes to its stdout: one line of JSON.
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

/// The worker side: limits its memory, reads the input from `stdin`, writes a [`Reply`] to
/// `stdout`. Returns the process exit code (0 once a reply is written).
#[must_use]
pub fn main(args: &WorkerArgs, mut stdin: impl Read, mut stdout: impl Write) -> u8 {
    if args.memory_limit > 0 {
        let bytes = args.memory_limit.saturating_mul(1024 * 1024);
        if let Err(e) = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes) {
            eprintln!("ita-extract __worker: cannot limit memory: {e}");
        }
    }
    let mut bytes = Vec::new();
    let reply = match stdin.read_to_end(&mut bytes) {
        Ok(_) => match crate::extract_with(
            &args.name,
            &bytes,
            &crate::Options {
                ocr: args.ocr,
                on_ocr_page: Some(announce_ocr_page),
            },
        ) {
            Ok(report) => Reply::Report(Box::new(report)),
            Err(e) => Reply::Error {
                kind: e.kind().code().to_owned(),
                message: e.kind().to_string(),
            },
        },
        Err(e) if e.kind() == io::ErrorKind::OutOfMemory => {
            let (kind, message) = memory_exceeded(args.memory_limit);
            Reply::Error { kind, message }
        }
        Err(e) => Reply::Error {
            kind: "io".into(),
            message: format!("cannot read the worker's input: {e}"),
        },
    };
    drop(bytes);
    let written = serde_json::to_writer(&mut stdout, &reply)
        .map_err(io::Error::from)
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush());
    u8::from(written.is_err())
}

/// The batch side: runs one worker per input with a time and a memory limit.
#[derive(Debug, Clone)]
pub(crate) struct Supervisor {
    /// The executable that understands `__worker`.
    pub exe: PathBuf,
    pub timeout: Duration,
    pub memory_limit_mib: u64,
    /// Which PDF pages to OCR.
    pub ocr: crate::ocr::OcrMode,
    /// Time added to `timeout` per page to OCR.
    pub ocr_page_timeout: Duration,
}

/// An input's failure: error kind code and message.
pub(crate) type Failed = (String, String);

impl Supervisor {
    /// Reads one input in a worker process.
    pub(crate) fn extract(&self, name: &str, bytes: &[u8]) -> Result<Report, Failed> {
        let mut cmd = Command::new(&self.exe);
        cmd.arg("__worker").arg("--name").arg(name);
        let mode = match self.ocr {
            crate::ocr::OcrMode::Auto => "auto",
            crate::ocr::OcrMode::Never => "never",
            crate::ocr::OcrMode::Always => "always",
        };
        cmd.arg("--ocr").arg(mode);
        if self.memory_limit_mib > 0 {
            cmd.arg("--memory-limit")
                .arg(self.memory_limit_mib.to_string());
        }
        let out = supervise_with(cmd, bytes, self.timeout, self.ocr_page_timeout)?;
        if !out.status.success() {
            return Err(self.died(&out));
        }
        match serde_json::from_slice::<Reply>(&out.stdout) {
            Ok(Reply::Report(report)) => Ok(*report),
            Ok(Reply::Error { kind, message }) => Err((kind, message)),
            Err(e) => Err(internal(format!("the worker's reply is not readable: {e}"))),
        }
    }

    /// Names why a worker died: the memory limit, or a crash.
    fn died(&self, out: &Output) -> Failed {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
            return memory_exceeded(self.memory_limit_mib);
        }
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
        internal(match last {
            Some(line) => format!(
                "the worker died ({}): {}",
                describe(out.status),
                line.trim()
            ),
            None => format!("the worker died ({})", describe(out.status)),
        })
    }
}

/// The error of a worker stopped by its memory limit.
fn memory_exceeded(limit_mib: u64) -> Failed {
    limit(format!(
        "memory: the document needed more than --memory-limit ({limit_mib} MiB)"
    ))
}

fn limit(message: String) -> Failed {
    let kind = crate::ErrorKind::Limit(message);
    (kind.code().to_owned(), kind.to_string())
}

fn internal(message: String) -> Failed {
    let kind = crate::ErrorKind::Internal(message);
    (kind.code().to_owned(), kind.to_string())
}

fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => status.to_string(),
    }
}

/// A finished child: its status and what it wrote.
#[derive(Debug)]
pub(crate) struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// At most this much of a child's stderr is kept (its end).
const STDERR_KEPT: usize = 16 * 1024;

/// Runs `cmd` with `input` on its stdin; kills it when it runs longer than `timeout`.
#[cfg(test)]
pub(crate) fn supervise(cmd: Command, input: &[u8], timeout: Duration) -> Result<Output, Failed> {
    supervise_with(cmd, input, timeout, Duration::ZERO)
}

/// What the threads reading a child's pipes tell the supervisor.
enum Event {
    /// The child is about to OCR a page: allow it more time.
    OcrPage,
    /// Its stdout is closed: what it wrote.
    Done(Vec<u8>),
}

/// Runs `cmd` with `input` on its stdin; kills it when it runs longer than `timeout` plus
/// `per_ocr_page` for each page it announces on stderr ([`OCR_PAGE`]).
pub(crate) fn supervise_with(
    mut cmd: Command,
    input: &[u8],
    timeout: Duration,
    per_ocr_page: Duration,
) -> Result<Output, Failed> {
    let started = Instant::now();
    let mut ocr_pages = 0u32;
    let allowed = |pages: u32| timeout + per_ocr_page.saturating_mul(pages);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| internal(format!("cannot start a worker process: {e}")))?;
    let (mut stdin, mut stdout, mut stderr) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take());
    std::thread::scope(|scope| {
        // The child may die before reading all its input: a failed write is not an error here.
        scope.spawn(move || {
            if let Some(mut pipe) = stdin.take() {
                let _ = pipe.write_all(input);
            }
        });
        let (tx, rx) = mpsc::channel();
        let ocr_tx = tx.clone();
        let err_reader = scope.spawn(move || {
            let mut kept = Vec::new();
            if let Some(pipe) = stderr.as_mut() {
                let mut buf = [0u8; 8192];
                // Whole lines are looked at for announcements; the rest is kept as it came.
                let mut line: Vec<u8> = Vec::new();
                while let Ok(n @ 1..) = pipe.read(&mut buf) {
                    for &b in &buf[..n] {
                        line.push(b);
                        if b == b'\n' || line.len() > 4096 {
                            if line.starts_with(OCR_PAGE.as_bytes()) {
                                let _ = ocr_tx.send(Event::OcrPage);
                            } else {
                                kept.append(&mut line);
                            }
                            line.clear();
                        }
                    }
                    if kept.len() > 2 * STDERR_KEPT {
                        kept.drain(..kept.len() - STDERR_KEPT);
                    }
                }
                kept.append(&mut line);
            }
            kept
        });
        scope.spawn(move || {
            let mut out = Vec::new();
            if let Some(pipe) = stdout.as_mut() {
                let _ = pipe.read_to_end(&mut out);
            }
            let _ = tx.send(Event::Done(out));
        });
        let stdout = loop {
            match rx.recv_timeout(allowed(ocr_pages).saturating_sub(started.elapsed())) {
                Ok(Event::OcrPage) => ocr_pages += 1,
                Ok(Event::Done(out)) => break out,
                Err(_) => {
                    kill(&mut child);
                    return Err(timed_out(timeout, per_ocr_page, ocr_pages));
                }
            }
        };
        // Its stdout is closed: the child is exiting. Wait for it, still within the timeout.
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() < allowed(ocr_pages) => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Ok(None) => {
                    kill(&mut child);
                    return Err(timed_out(timeout, per_ocr_page, ocr_pages));
                }
                Err(e) => {
                    kill(&mut child);
                    return Err(internal(format!("cannot wait for a worker: {e}")));
                }
            }
        };
        let stderr = err_reader.join().unwrap_or_default();
        Ok(Output {
            status,
            stdout,
            stderr,
        })
    })
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn timed_out(timeout: Duration, per_ocr_page: Duration, ocr_pages: u32) -> Failed {
    if ocr_pages == 0 {
        return limit(format!(
            "time: the document took longer than --timeout ({} s)",
            timeout.as_secs_f64()
        ));
    }
    limit(format!(
        "time: the document took longer than --timeout ({} s) + --ocr-page-timeout ({} s) × {ocr_pages} page(s) OCR'd",
        timeout.as_secs_f64(),
        per_ocr_page.as_secs_f64()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut cmd = Command::new("sh");
        cmd.arg("-c").arg(script);
        cmd
    }

    #[test]
    fn a_slow_child_is_killed_at_the_timeout() {
        let started = Instant::now();
        let err = supervise(sh("exec sleep 30"), b"", Duration::from_millis(200)).unwrap_err();
        assert_eq!(err.0, "limit");
        assert!(err.1.contains("--timeout (0.2 s)"), "{}", err.1);
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn each_announced_ocr_page_allows_more_time() {
        let script =
            format!("echo '{OCR_PAGE} 1' >&2; echo '{OCR_PAGE} 2' >&2; sleep 0.6; echo done");
        let out = supervise_with(
            sh(&script),
            b"",
            Duration::from_millis(200),
            Duration::from_millis(400),
        )
        .unwrap();
        assert_eq!(out.stdout, b"done\n");
        assert!(out.stderr.is_empty(), "announcements are not kept");
        let err = supervise_with(
            sh(&format!("echo '{OCR_PAGE} 1' >&2; exec sleep 30")),
            b"",
            Duration::from_millis(200),
            Duration::from_millis(100),
        )
        .unwrap_err();
        assert!(err.1.contains("× 1 page(s) OCR'd"), "{}", err.1);
    }

    #[test]
    fn a_child_that_closes_stdout_but_hangs_is_killed_too() {
        let err = supervise(
            sh("exec >&- 2>&-; exec sleep 30"),
            b"",
            Duration::from_millis(200),
        );
        assert_eq!(err.unwrap_err().0, "limit");
    }

    #[test]
    fn input_goes_to_stdin_and_output_comes_back() {
        let big = vec![b'x'; 1 << 20];
        let out = supervise(sh("wc -c; echo oops >&2"), &big, Duration::from_secs(30)).unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1048576");
        assert_eq!(out.stderr, b"oops\n");
    }

    #[test]
    fn an_allocation_failure_is_named_as_the_memory_limit() {
        let s = Supervisor {
            exe: PathBuf::from("/nonexistent"),
            timeout: Duration::from_secs(1),
            memory_limit_mib: 64,
            ocr: crate::ocr::OcrMode::Never,
            ocr_page_timeout: Duration::ZERO,
        };
        let out = supervise(
            sh("echo 'memory allocation of 1048576 bytes failed' >&2; kill -ABRT $$"),
            b"",
            Duration::from_secs(30),
        )
        .unwrap();
        let (kind, message) = s.died(&out);
        assert_eq!(kind, "limit");
        assert!(message.contains("--memory-limit (64 MiB)"), "{message}");
        let crashed = supervise(sh("echo boom >&2; exit 3"), b"", Duration::from_secs(30)).unwrap();
        let (kind, message) = s.died(&crashed);
        assert_eq!(kind, "internal");
        assert!(
            message.contains("exit code 3") && message.contains("boom"),
            "{message}"
        );
    }

    #[test]
    fn the_worker_replies_with_a_report_or_an_error() {
        let args = WorkerArgs {
            name: "x.txt".into(),
            memory_limit: 0,
            ocr: crate::ocr::OcrMode::Auto,
        };
        let mut out = Vec::new();
        assert_eq!(main(&args, &b""[..], &mut out), 0);
        let reply: Reply = serde_json::from_slice(&out).unwrap();
        assert!(
            matches!(reply, Reply::Error { ref kind, .. } if kind == "empty"),
            "{reply:?}"
        );
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/chiangmai-2566.txt"
        ))
        .unwrap();
        let mut out = Vec::new();
        assert_eq!(main(&args, &seed[..], &mut out), 0);
        assert!(out.ends_with(b"\n") && !out[..out.len() - 1].contains(&b'\n'));
        let reply: Reply = serde_json::from_slice(&out).unwrap();
        assert!(matches!(reply, Reply::Report(r) if r.source.path == "x.txt"));
    }
}
