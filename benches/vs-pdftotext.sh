#!/usr/bin/env bash
# ita-extract's whole pipeline vs bare pdftotext, side by side on the same machine, the same
# report PDFs and the same parallelism.
#
#   benches/vs-pdftotext.sh              # 200 PDFs (copies of the seed report renderings), -j 2
#   N=500 JOBS=2 REPS=5 benches/vs-pdftotext.sh
#   OLD_BIN=/tmp/ita-extract-before benches/vs-pdftotext.sh   # and an earlier build beside
#
# ita-extract batch does extract + normalize + parse + audit + schema validation + every output
# (JSONL, CSVs, SQLite); pdftotext only writes the text layer (`-layout`, to /dev/null), run by
# `xargs -P JOBS`. Each is run REPS times, interleaved; the median wall time and the median
# CPU time (user + system, workers and pdftotext processes included) are reported, and the
# ratios (ita-extract files/s ÷ pdftotext files/s: above 1.0 means ita-extract is faster).
# On a shared machine wall times follow the load; CPU time follows it much less.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200}
JOBS=${JOBS:-2}
REPS=${REPS:-3}
command -v pdftotext >/dev/null || { apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/ita-extract

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
pdfs=(fixtures/pdf/chiangmai-2566.libreoffice.pdf fixtures/pdf/chiangmai-2566.chromium.pdf
      fixtures/pdf/chiangmai-2566.chromium-garuda.pdf fixtures/pdf/chiangmai-2566.libreoffice-norasi.pdf
      fixtures/pdf/chiangmai-2566.weasyprint-laksaman.pdf fixtures/pdf/chiangmai-2566.wkhtmltopdf-norasi.pdf)
for ((i = 0; i < N; i++)); do
  # Unique bytes per copy (a trailing comment), so nothing can be cached by content.
  { cat "${pdfs[$(( i % ${#pdfs[@]} ))]}"; printf '\n%% copy %d\n' "$i"; } >"$work/in/report-$(printf %05d "$i").pdf"
done
bytes=$(du -sb "$work/in" | cut -f1)

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# One timed run of a command line: "wall cpu" in seconds, cpu being user + system time of it
# and every process it waited for (pdftotext's, the workers).
timed() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" bash -c "$1" >/dev/null 2>&1 || true
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}
out=$work/out
runs=(
  "pdftotext -layout (xargs -P $JOBS)|find $work/in -name '*.pdf' -print0 | xargs -0 -P $JOBS -I{} pdftotext -layout {} /dev/null"
  "ita-extract batch (worker pool)|rm -rf $out; $bin batch -q -j $JOBS -o $out $work/in"
  "ita-extract batch --in-process|rm -rf $out; $bin batch -q -j $JOBS --in-process -o $out $work/in"
  "ita-extract batch --in-process jsonl|rm -rf $out; $bin batch -q -j $JOBS --in-process --format jsonl -o $out $work/in"
)
# OLD_BIN=path: also an earlier build, in the same conditions (e.g. before a change).
if [ -n "${OLD_BIN:-}" ]; then
  runs+=("$(basename "$OLD_BIN") batch (default)|rm -rf $out; $OLD_BIN batch -q -j $JOBS -o $out $work/in")
fi

echo "$N report PDFs ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB), -j $JOBS, $(nproc) cores, median of $REPS runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The runs are interleaved (one of each, REPS times), so that a change of load on a shared
# machine falls on all of them alike.
for ((r = 0; r < REPS; r++)); do
  for k in "${!runs[@]}"; do
    timed "${runs[$k]#*|}" >>"$work/times-$k"
  done
done
printf '%-38s %8s %11s %8s %8s %10s\n' run wall files/s MB/s CPU "files/CPU-s"
for k in "${!runs[@]}"; do
  wall[k]=$(cut -d' ' -f1 "$work/times-$k" | median)
  cpu[k]=$(cut -d' ' -f2 "$work/times-$k" | median)
  awk -v l="${runs[$k]%%|*}" -v t="${wall[k]}" -v c="${cpu[k]}" -v n="$N" -v b="$bytes" \
    'BEGIN { printf "%-38s %7.3fs %11.1f %8.2f %7.2fs %10.1f\n", l, t, n / t, b / 1e6 / t, c, n / c }'
done
awk -v a="${wall[0]}" -v w="${wall[1]}" -v p="${wall[2]}" -v ca="${cpu[0]}" -v cw="${cpu[1]}" -v cp="${cpu[2]}" 'BEGIN {
  printf "ratio of files/s to pdftotext'"'"'s: workers %.2f×, in-process %.2f×\n", a / w, a / p
  printf "ratio of files per CPU-second to pdftotext'"'"'s: workers %.2f×, in-process %.2f×\n", ca / cw, ca / cp }'
