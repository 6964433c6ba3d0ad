//! The batch side of the workers: a pool of long-lived worker processes, one per `-j` slot.
//!
//! A process start per PDF cost nearly as much CPU as reading the PDF (the binary is loaded
//! and its regexes and schema validator built each time), so workers are kept and read one
//! document after another ([`super::worker`] has the protocol). A worker that does not answer
//! within `--timeout` is killed; one that dies (a crash, an allocation refused under its
//! memory limit) is reaped; one that says it is exiting (recycled) is let go. Either way the
//! next document gets a fresh worker, and the input that was being read gets the same error
//! as with a process per PDF: kind `limit` naming the limit, or `internal` naming how the
//! worker died.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::worker::{self, internal, limit, memory_exceeded, Failed, Memory, Reply, Response};
use crate::model::Report;

/// How a pool runs its workers.
#[derive(Debug, Clone)]
pub struct Options {
    /// The executable that understands `__worker`.
    pub exe: PathBuf,
    /// How long one document may take, from sending it to its response.
    pub timeout: Duration,
    /// One document's address-space limit, in MiB (0: none).
    pub memory_limit_mib: u64,
    /// A worker is replaced after this many documents (0: not for this reason).
    pub recycle_documents: u64,
    /// A worker is replaced once its address space has grown more than this many MiB over
    /// the fresh process (0: not for this reason).
    pub recycle_growth_mib: u64,
    /// Which PDF pages the workers OCR (`--ocr`).
    pub ocr: crate::ocr::OcrMode,
    /// Time added to `timeout` for each page a worker says it OCRs (`--ocr-page-timeout`).
    pub ocr_page_timeout: Duration,
    /// The batch's OCR slots directory, shared with the workers ([`crate::ocr::slots`]).
    pub ocr_slots: Option<PathBuf>,
}

/// Documents a worker reads before it is replaced. Growth is measured anyway; this bounds
/// what a slow leak could keep, at the price of one process start per this many documents
/// (about 0.2% of a batch's time).
pub const RECYCLE_DOCUMENTS: u64 = 500;

/// MiB a worker may grow over its fresh address space before it is replaced. A worker grows
/// by about 24 MiB over its first ten reports with jemalloc (8 MiB with glibc's malloc: caches,
/// regexes, the schema validator) and then not at all (`benches/worker-memory.sh`); a hostile
/// document's large allocations leave jemalloc's mappings behind, and such a worker is replaced.
pub const RECYCLE_GROWTH_MIB: u64 = 64;

/// `--ocr-page-timeout`'s default: a page takes 0.5–2 s here (`benches/ocr.sh`), ten times
/// that leaves room for a loaded machine.
pub const DEFAULT_OCR_PAGE_TIMEOUT: Duration = Duration::from_secs(20);

impl Options {
    /// The batch's options for `exe`, `--timeout` and `--memory-limit`, with the recycling
    /// defaults ([`RECYCLE_DOCUMENTS`], [`RECYCLE_GROWTH_MIB`]), `--ocr auto` and the default
    /// per-page OCR allowance ([`DEFAULT_OCR_PAGE_TIMEOUT`]).
    #[must_use]
    pub fn new(exe: PathBuf, timeout: Duration, memory_limit_mib: u64) -> Options {
        Options {
            exe,
            timeout,
            memory_limit_mib,
            recycle_documents: RECYCLE_DOCUMENTS,
            recycle_growth_mib: RECYCLE_GROWTH_MIB,
            ocr: crate::ocr::OcrMode::Auto,
            ocr_page_timeout: DEFAULT_OCR_PAGE_TIMEOUT,
            ocr_slots: None,
        }
    }
}

/// What became of one document sent to the pool.
#[derive(Debug)]
pub struct Handled {
    /// The report, or the error kind code and message.
    pub result: Result<Report, Failed>,
    /// The process id of the worker that read it (`None`: no worker could be started).
    pub pid: Option<u32>,
    /// Documents that worker had read, this one included (0: it gave no response).
    pub documents: u64,
    /// The worker's memory after the document, when it responded (Linux).
    pub memory: Option<Memory>,
    /// The report as the worker wrote it in its response: its line of `reports.jsonl`, as the
    /// report serializes again (the batch writes it as it is instead of serializing it anew).
    pub json: Option<Vec<u8>>,
}

/// Long-lived worker processes shared by the batch's threads: a thread takes an idle worker
/// (or starts one), sends it a document and puts it back. There are never more workers than
/// threads using the pool at the same time.
#[derive(Debug)]
pub struct Pool {
    options: Options,
    idle: Mutex<Vec<Worker>>,
}

impl Pool {
    /// A pool with no worker yet: they are started when documents come.
    #[must_use]
    pub fn new(options: Options) -> Pool {
        Pool {
            options,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Reads one input in a worker process, within the time and memory limits.
    pub fn extract(&self, name: &str, bytes: &[u8]) -> Handled {
        let mut taken = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        // A worker may have died while idle (killed from outside): its document would be
        // blamed for it.
        let worker = match taken.take_if(|w| w.is_alive()) {
            Some(w) => w,
            None => match Worker::start(&self.options) {
                Ok(w) => w,
                Err(error) => return failed(error),
            },
        };
        let pid = worker.child.id();
        let (handled, kept) = worker.read(name, bytes, &self.options);
        if let Some(worker) = kept {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(worker);
        }
        Handled {
            pid: Some(pid),
            ..handled
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let mut idle = std::mem::take(self.idle.get_mut().unwrap_or_else(PoisonError::into_inner));
        // Every worker told to exit first, then each waited for: they exit side by side.
        for worker in &mut idle {
            worker.stdin = None;
        }
        for worker in idle {
            worker.finish();
        }
    }
}

/// The end of a child's stderr, kept to say why it died.
#[derive(Debug, Default)]
struct Tail {
    /// Bytes written in all.
    total: u64,
    /// The last of them (at least [`STDERR_KEPT`] when there are that many).
    kept: Vec<u8>,
}

/// At most this much of a worker's stderr is kept (its end).
const STDERR_KEPT: usize = 16 * 1024;

/// How long a worker that closed its stdout, or was asked to finish, may take to exit.
const EXIT_GRACE: Duration = Duration::from_secs(2);

/// One worker process and the threads that read its pipes.
#[derive(Debug)]
struct Worker {
    child: Child,
    /// Its stdin; `None` once closed (the worker then exits).
    stdin: Option<ChildStdin>,
    /// Its stdout, line by line; disconnected when the stdout is closed.
    lines: Receiver<Vec<u8>>,
    stderr: Arc<Mutex<Tail>>,
    /// Disconnected when its stderr is closed (all of it is in `stderr`).
    stderr_closed: Receiver<()>,
    /// Responses received: the next one must count one more document, or the worker is out
    /// of step (and a report could be given to the wrong input).
    documents: u64,
}

impl Worker {
    fn start(options: &Options) -> Result<Worker, Failed> {
        let mut cmd = Command::new(&options.exe);
        cmd.arg("__worker")
            .arg("--memory-limit")
            .arg(options.memory_limit_mib.to_string())
            .arg("--recycle-documents")
            .arg(options.recycle_documents.to_string())
            .arg("--recycle-growth")
            .arg(options.recycle_growth_mib.to_string())
            .arg("--ocr")
            .arg(ocr_mode_arg(options.ocr))
            .arg("--ocr-progress")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(dir) = &options.ocr_slots {
            cmd.arg("--ocr-slots").arg(dir);
        }
        let mut child = cmd
            .spawn()
            .map_err(|e| internal(format!("cannot start a worker process: {e}")))?;
        let (Some(stdin), Some(stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(internal("a worker process without pipes".into()));
        };
        let (line_tx, lines) = mpsc::channel();
        std::thread::Builder::new()
            .name("ita-worker-out".into())
            .spawn(move || {
                use std::io::BufRead;
                let mut reader = std::io::BufReader::with_capacity(worker::PIPE_BUFFER, stdout);
                loop {
                    let mut line = Vec::new();
                    match reader.read_until(b'\n', &mut line) {
                        Ok(1..) if line_tx.send(line).is_ok() => {}
                        _ => break,
                    }
                }
            })
            .map_err(|e| internal(format!("cannot start a thread: {e}")))?;
        let tail = Arc::new(Mutex::new(Tail::default()));
        let (closed_tx, stderr_closed) = mpsc::channel::<()>();
        let shared = Arc::clone(&tail);
        std::thread::Builder::new()
            .name("ita-worker-err".into())
            .spawn(move || {
                let _closed = closed_tx;
                let mut buf = [0u8; 8192];
                while let Ok(n @ 1..) = stderr.read(&mut buf) {
                    let mut t = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    t.total += n as u64;
                    t.kept.extend_from_slice(&buf[..n]);
                    if t.kept.len() > 2 * STDERR_KEPT {
                        let cut = t.kept.len() - STDERR_KEPT;
                        t.kept.drain(..cut);
                    }
                }
            })
            .map_err(|e| internal(format!("cannot start a thread: {e}")))?;
        Ok(Worker {
            child,
            stdin: Some(stdin),
            lines,
            stderr: tail,
            stderr_closed,
            documents: 0,
        })
    }

    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends one document and waits for its response; gives the worker back when it can
    /// read more.
    fn read(mut self, name: &str, bytes: &[u8], options: &Options) -> (Handled, Option<Worker>) {
        let started = Instant::now();
        // The time limit: `--timeout`, and `--ocr-page-timeout` more for each page the
        // worker says it OCRs.
        let mut limit = Allowed {
            timeout: options.timeout,
            per_page: options.ocr_page_timeout,
            pages: 0,
        };
        let stderr_mark = self.stderr_total();
        let mut header = serde_json::to_vec(&worker::Request {
            name: name.to_owned(),
            len: bytes.len() as u64,
        })
        .unwrap_or_default();
        header.push(b'\n');
        let Some(stdin) = self.stdin.as_mut() else {
            return (
                failed(internal("the worker's input is closed".into())),
                None,
            );
        };
        let outcome = std::thread::scope(|scope| {
            // A worker may die before reading all of its input: a failed write is not an
            // error here (what the worker says, or how it died, is).
            let (sent_tx, sent) = mpsc::channel::<()>();
            scope.spawn(move || {
                let _ = stdin
                    .write_all(&header)
                    .and_then(|()| stdin.write_all(bytes));
                let _ = stdin.flush();
                drop(sent_tx);
            });
            let left = |limit: &Allowed| limit.total().saturating_sub(started.elapsed());
            let outcome = loop {
                match self.lines.recv_timeout(left(&limit)) {
                    Ok(line) if worker::Progress::parse(&line).is_some() => {
                        limit.pages += 1;
                    }
                    Ok(line) => {
                        // The worker has answered, so it has read the whole input: the write
                        // ends.
                        break if sent.recv_timeout(left(&limit)) == Err(RecvTimeoutError::Timeout) {
                            Outcome::TimedOut
                        } else {
                            Outcome::Line(line)
                        };
                    }
                    Err(e) => break Outcome::from(e),
                }
            };
            let outcome = match outcome {
                Outcome::Closed => {
                    // Its stdout is closed: the worker is exiting. Wait for it, within the
                    // time limit.
                    loop {
                        match self.child.try_wait() {
                            Ok(Some(status)) => break Outcome::Died(status),
                            Ok(None) if !left(&limit).is_zero() => {
                                std::thread::sleep(Duration::from_millis(1));
                            }
                            _ => break Outcome::TimedOut,
                        }
                    }
                }
                other => other,
            };
            if matches!(outcome, Outcome::TimedOut) {
                // Unblocks the writer if the worker stopped reading.
                let _ = self.child.kill();
            }
            outcome
        });
        match outcome {
            Outcome::Line(line) => match read_response(&line) {
                Ok(response) if response.documents != self.documents + 1 => {
                    let message = format!(
                        "the worker is out of step: a response for document {} after {}",
                        response.documents, self.documents
                    );
                    self.kill();
                    (failed(internal(message)), None)
                }
                Ok(response) => {
                    self.documents = response.documents;
                    let handled = Handled {
                        result: match response.reply {
                            Reply::Report(report) => Ok(*report),
                            Reply::Error { kind, message } => Err((kind, message)),
                        },
                        pid: None,
                        documents: response.documents,
                        memory: response.memory,
                        json: response.json,
                    };
                    if response.exiting {
                        self.finish();
                        (handled, None)
                    } else {
                        (handled, Some(self))
                    }
                }
                Err(e) => {
                    self.kill();
                    (
                        failed(internal(format!("the worker's reply is not readable: {e}"))),
                        None,
                    )
                }
            },
            Outcome::TimedOut => {
                self.kill();
                (failed(timed_out(&limit)), None)
            }
            Outcome::Closed => unreachable!("a closed stdout is waited for above"),
            Outcome::Died(status) => {
                // All of what it wrote on stderr, unless something else holds the pipe.
                let _ = self.stderr_closed.recv_timeout(EXIT_GRACE);
                let said = self.stderr_since(stderr_mark);
                (failed(died(status, &said, options.memory_limit_mib)), None)
            }
        }
    }

    fn stderr_total(&self) -> u64 {
        self.stderr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .total
    }

    /// What the worker wrote on stderr since `mark` (as far as it is kept).
    fn stderr_since(&self, mark: u64) -> String {
        let t = self.stderr.lock().unwrap_or_else(PoisonError::into_inner);
        let new = usize::try_from(t.total.saturating_sub(mark)).unwrap_or(usize::MAX);
        let from = t.kept.len().saturating_sub(new);
        String::from_utf8_lossy(&t.kept[from..]).into_owned()
    }

    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Lets the worker exit on its own (end of its input), killing it if it does not.
    fn finish(mut self) {
        self.stdin = None;
        let until = Instant::now() + EXIT_GRACE;
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(1));
        }
        self.kill();
    }
}

/// What came of waiting for a response.
enum Outcome {
    Line(Vec<u8>),
    TimedOut,
    /// The worker closed its stdout (it is exiting).
    Closed,
    Died(ExitStatus),
}

impl From<RecvTimeoutError> for Outcome {
    fn from(e: RecvTimeoutError) -> Outcome {
        match e {
            RecvTimeoutError::Timeout => Outcome::TimedOut,
            RecvTimeoutError::Disconnected => Outcome::Closed,
        }
    }
}

/// One document's time limit: `--timeout`, plus `--ocr-page-timeout` per page OCR'd.
struct Allowed {
    timeout: Duration,
    per_page: Duration,
    /// Pages the worker said it OCRs.
    pages: u32,
}

impl Allowed {
    fn total(&self) -> Duration {
        self.timeout
            .saturating_add(self.per_page.saturating_mul(self.pages))
    }
}

/// `--ocr`'s value for a worker's command line.
fn ocr_mode_arg(mode: crate::ocr::OcrMode) -> &'static str {
    match mode {
        crate::ocr::OcrMode::Auto => "auto",
        crate::ocr::OcrMode::Never => "never",
        crate::ocr::OcrMode::Always => "always",
    }
}

/// A document that got no response.
fn failed(error: Failed) -> Handled {
    Handled {
        result: Err(error),
        pid: None,
        documents: 0,
        memory: None,
        json: None,
    }
}

/// A worker's response as the batch reads it.
struct Received {
    documents: u64,
    memory: Option<Memory>,
    exiting: bool,
    reply: Reply,
    /// A report's JSON as the worker wrote it.
    json: Option<Vec<u8>>,
}

/// The worker's state in a [`Response`], without its reply.
#[derive(serde::Deserialize)]
struct State {
    documents: u64,
    memory: Option<Memory>,
    exiting: bool,
}

/// What follows the state in a response with a report: the worker writes [`Response`]'s
/// fields in order, the state's (numbers and booleans) before the reply, so the first
/// occurrence of this in a line, near its start, is where the report begins.
const REPORT_AT: &[u8] = b",\"reply\":{\"report\":";

/// Reads a response line. A report is parsed from its own bytes, which are kept: they are
/// its JSON as the batch writes it, so that it is not serialized twice. Any other response
/// is parsed whole.
fn read_response(line: &[u8]) -> serde_json::Result<Received> {
    let line = line.trim_ascii_end();
    let head = &line[..line.len().min(1024)];
    if let Some(at) = head.windows(REPORT_AT.len()).position(|w| w == REPORT_AT) {
        if let Some(json) = line[at + REPORT_AT.len()..].strip_suffix(b"}}") {
            let mut state = line[..at].to_vec();
            state.push(b'}');
            let state: State = serde_json::from_slice(&state)?;
            let report: Report = serde_json::from_slice(json)?;
            return Ok(Received {
                documents: state.documents,
                memory: state.memory,
                exiting: state.exiting,
                reply: Reply::Report(Box::new(report)),
                json: Some(json.to_vec()),
            });
        }
    }
    let r: Response = serde_json::from_slice(line)?;
    Ok(Received {
        documents: r.documents,
        memory: r.memory,
        exiting: r.exiting,
        reply: r.reply,
        json: None,
    })
}

/// Names why a worker died: the memory limit, or a crash.
fn died(status: ExitStatus, stderr: &str, memory_limit_mib: u64) -> Failed {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") {
        return memory_exceeded(memory_limit_mib);
    }
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
    internal(match last {
        Some(line) => format!("the worker died ({}): {}", describe(status), line.trim()),
        None => format!("the worker died ({})", describe(status)),
    })
}

fn describe(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        (None, None) => status.to_string(),
    }
}

fn timed_out(allowed: &Allowed) -> Failed {
    if allowed.pages == 0 {
        return limit(format!(
            "time: the document took longer than --timeout ({} s)",
            allowed.timeout.as_secs_f64()
        ));
    }
    limit(format!(
        "time: the document took longer than --timeout ({} s) + --ocr-page-timeout ({} s) × {} page(s) OCR'd = {} s",
        allowed.timeout.as_secs_f64(),
        allowed.per_page.as_secs_f64(),
        allowed.pages,
        allowed.total().as_secs_f64()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pool whose "worker" is a shell script (it ignores the `__worker` arguments).
    fn fake(dir: &tempfile::TempDir, script: &str, timeout: Duration) -> Pool {
        use std::os::unix::fs::PermissionsExt;
        let exe = dir.path().join(format!("worker-{}", script.len()));
        std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut options = Options::new(exe, timeout, 64);
        options.recycle_documents = 0;
        Pool::new(options)
    }

    #[test]
    fn a_reports_json_is_taken_from_the_response_as_the_worker_wrote_it() {
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/chiangmai-2566.txt"
        ))
        .unwrap();
        let report = crate::extract("seed.txt", &seed).unwrap();
        let memory = Some(Memory {
            vm_size_kib: 14_700,
            vm_rss_kib: 4_600,
        });
        for (reply, exiting) in [
            (Reply::Report(Box::new(report.clone())), true),
            (
                Reply::Error {
                    kind: "empty".into(),
                    message: "m".into(),
                },
                false,
            ),
        ] {
            let mut line = serde_json::to_vec(&Response {
                documents: 7,
                fresh: memory,
                memory,
                exiting,
                reply,
            })
            .unwrap();
            line.push(b'\n');
            let got = read_response(&line).unwrap();
            assert_eq!(
                (got.documents, got.memory, got.exiting),
                (7, memory, exiting)
            );
            match got.reply {
                Reply::Report(r) => {
                    let json = got.json.unwrap();
                    assert_eq!(json, serde_json::to_vec(&report).unwrap());
                    assert_eq!(serde_json::to_vec(&r).unwrap(), json);
                }
                Reply::Error { kind, .. } => {
                    assert_eq!(kind, "empty");
                    assert!(got.json.is_none());
                }
            }
        }
        assert!(read_response(b"{\"documents\":1,\"reply\":{\"report\":{}}\n").is_err());
    }

    /// A worker that speaks the protocol: it skips each input and answers `empty`, counting
    /// documents; an input named `crash…` makes it die, one named `sleep…` makes it hang.
    const ECHO: &str = r#"n=0
while read -r h; do
  len=${h##*:}; len=${len%\}}
  head -c "$len" >/dev/null
  case $h in *'"crash'*) echo boom >&2; exit 3 ;; *'"sleep'*) exec sleep 30 ;; esac
  n=$((n + 1))
  printf '{"documents":%d,"fresh":null,"memory":null,"exiting":false,"reply":{"error":{"kind":"empty","message":"m"}}}\n' "$n"
done"#;

    #[test]
    fn a_worker_is_reused_and_replaced_when_it_dies_or_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let pool = fake(&dir, ECHO, Duration::from_secs(2));
        let a = pool.extract("a", b"0123");
        let b = pool.extract("b", &[b'x'; 200_000]);
        assert_eq!(a.result.unwrap_err().0, "empty");
        assert_eq!((a.documents, b.documents), (1, 2));
        assert_eq!(a.pid, b.pid);
        let crash = pool.extract("crash", b"x");
        assert_eq!(crash.documents, 0);
        let (kind, message) = crash.result.unwrap_err();
        assert_eq!(kind, "internal");
        assert!(
            message.contains("exit code 3") && message.contains("boom"),
            "{message}"
        );
        let c = pool.extract("c", b"");
        assert_eq!(c.result.unwrap_err().0, "empty");
        assert_eq!(c.documents, 1, "a fresh worker");
        assert_ne!(c.pid, a.pid);
        let slow = pool.extract("sleep", b"");
        assert_eq!(slow.result.unwrap_err().0, "limit");
        let d = pool.extract("d", b"");
        assert_eq!(d.result.unwrap_err().0, "empty");
        assert_eq!(d.documents, 1, "a fresh worker again");
        assert!(d.pid != c.pid && d.pid != a.pid);
    }

    #[test]
    fn a_worker_that_hangs_dies_or_talks_nonsense_fails_its_document_with_a_named_error() {
        let started = Instant::now();
        let short = Duration::from_millis(200);
        let long = Duration::from_secs(30);
        for (script, timeout, kind, needle) in [
            ("exec sleep 30", short, "limit", "--timeout (0.2 s)"),
            // It closes its stdout but does not exit.
            ("exec >&- 2>&-; exec sleep 30", short, "limit", "--timeout"),
            (
                "read -r h; echo 'memory allocation of 1048576 bytes failed' >&2; kill -ABRT $$",
                long,
                "limit",
                "--memory-limit (64 MiB)",
            ),
            (
                "read -r h; echo nonsense; sleep 30",
                long,
                "internal",
                "not readable",
            ),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let (got, message) = fake(&dir, script, timeout)
                .extract("a", b"")
                .result
                .unwrap_err();
            assert_eq!(got, kind, "{script}: {message}");
            assert!(message.contains(needle), "{script}: {message}");
        }
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_missing_executable_is_internal() {
        let dir = tempfile::tempdir().unwrap();
        let pool = Pool::new(Options::new(
            dir.path().join("missing"),
            Duration::from_secs(1),
            0,
        ));
        let handled = pool.extract("a", b"");
        assert_eq!(handled.result.unwrap_err().0, "internal");
        assert_eq!(handled.pid, None);
    }
}
