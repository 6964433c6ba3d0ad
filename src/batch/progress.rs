//! Progress on stderr (hidden when stderr is not a terminal, or with `-q`) and the summary.

use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Summary;

/// The progress bar: files done / total, rate, ETA, failures so far.
pub(crate) struct Bar {
    bar: ProgressBar,
    failed: u64,
}

impl Bar {
    pub(crate) fn new(total: usize, quiet: bool) -> Bar {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            // indicatif draws nothing when stderr is not a terminal.
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {pos}/{len} files  {per_sec}  ETA {eta}  {msg}")
        {
            bar.set_style(style);
        }
        bar.set_message("0 failed");
        Bar { bar, failed: 0 }
    }

    /// One more input done.
    pub(crate) fn done(&mut self, failed: bool) {
        if failed {
            self.failed += 1;
            self.bar.set_message(format!("{} failed", self.failed));
        }
        self.bar.inc(1);
    }

    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// `2 .docx, 1 .xlsx`: files counted by extension.
pub(crate) fn by_extension(counts: &std::collections::BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .map(|(ext, n)| {
            if ext.starts_with('(') {
                format!("{n} without extension")
            } else {
                format!("{n} .{ext}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary line on stderr.
pub(crate) fn print_summary(s: &Summary, out: &Path) {
    eprintln!("{}", summary_line(s, out));
}

fn summary_line(s: &Summary, out: &Path) -> String {
    let secs = s.elapsed.as_secs_f64().max(1e-9);
    let read = s.inputs - s.skipped;
    #[allow(clippy::cast_precision_loss)]
    let (rate, mb) = (read as f64 / secs, s.bytes as f64 / 1e6 / secs);
    let mut line = format!(
        "ita-extract batch: {} input{}: {} ok, {} partial, {} failed",
        s.inputs,
        if s.inputs == 1 { "" } else { "s" },
        s.ok,
        s.partial,
        s.failed
    );
    if !s.not_read.is_empty() {
        line += &format!("; not read: {}", by_extension(&s.not_read));
    }
    if s.skipped > 0 {
        line += &format!(", {} skipped (already in {})", s.skipped, out.display());
    }
    line += &format!(
        " in {:.2} s ({rate:.1} files/s, {mb:.2} MB/s) → {}",
        s.elapsed.as_secs_f64(),
        out.display()
    );
    if s.failed > 0 {
        let kinds: Vec<String> = s.failures.iter().map(|(k, n)| format!("{n} {k}")).collect();
        line += &format!(
            " (failures in {}: {})",
            out.join("errors.jsonl").display(),
            kinds.join(", ")
        );
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_summary_names_counts_time_and_rate() {
        let s = Summary {
            inputs: 10,
            ok: 6,
            partial: 1,
            failed: 2,
            skipped: 1,
            not_read: std::collections::BTreeMap::new(),
            failures: [
                ("corrupt_pdf".to_owned(), 1),
                ("not_ita_document".to_owned(), 1),
            ]
            .into(),
            bytes: 4_000_000,
            elapsed: Duration::from_secs(2),
        };
        assert_eq!(
            summary_line(&s, Path::new("out")),
            "ita-extract batch: 10 inputs: 6 ok, 1 partial, 2 failed, 1 skipped (already in out) \
             in 2.00 s (4.5 files/s, 2.00 MB/s) → out (failures in out/errors.jsonl: \
             1 corrupt_pdf, 1 not_ita_document)"
        );
    }
}

#[cfg(test)]
mod one {
    use super::*;

    #[test]
    fn one_input_is_singular() {
        let s = Summary {
            inputs: 1,
            ok: 1,
            elapsed: std::time::Duration::from_millis(500),
            ..Summary::default()
        };
        assert!(summary_line(&s, Path::new("out")).starts_with("ita-extract batch: 1 input: 1 ok"));
    }
}
