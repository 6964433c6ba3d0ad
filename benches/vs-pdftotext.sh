#!/usr/bin/env bash
# ita-extract's whole pipeline vs bare pdftotext, side by side on the same machine, the same
# report PDFs and the same parallelism.
#
#   benches/vs-pdftotext.sh              # 200 PDFs (copies of the seed report renderings), -j 2
#   N=500 JOBS=2 REPS=5 benches/vs-pdftotext.sh
#
# ita-extract batch does extract + normalize + parse + audit + schema validation + every output
# (JSONL, CSVs, SQLite); pdftotext only writes the text layer (`-layout`, to /dev/null), run by
# `xargs -P JOBS`. Each is run REPS times; the median wall time is reported, and the ratio
# (ita-extract files/s ÷ pdftotext files/s: above 1.0 means ita-extract is faster).
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
clock() { # command... → seconds
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f\n", e - s }'
}
pdftotext_all() { find "$work/in" -name '*.pdf' -print0 | xargs -0 -P "$JOBS" -I{} pdftotext -layout {} /dev/null; }
ita_workers() { rm -rf "$work/out"; "$bin" batch -q -j "$JOBS" -o "$work/out" "$work/in"; }
ita_in_process() { rm -rf "$work/out"; "$bin" batch -q -j "$JOBS" --in-process -o "$work/out" "$work/in"; }
ita_jsonl_only() { rm -rf "$work/out"; "$bin" batch -q -j "$JOBS" --in-process --format jsonl -o "$work/out" "$work/in"; }

report() { # label seconds
  awk -v l="$1" -v t="$2" -v n="$N" -v b="$bytes" \
    'BEGIN { printf "%-34s %7.3f s  %7.1f files/s  %6.2f MB/s\n", l, t, n / t, b / 1e6 / t }'
}

echo "$N report PDFs ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB), -j $JOBS, $(nproc) cores, median of $REPS runs"
t_pt=$(for ((r = 0; r < REPS; r++)); do clock pdftotext_all; done | median)
t_w=$(for ((r = 0; r < REPS; r++)); do clock ita_workers; done | median)
t_ip=$(for ((r = 0; r < REPS; r++)); do clock ita_in_process; done | median)
t_j=$(for ((r = 0; r < REPS; r++)); do clock ita_jsonl_only; done | median)
report "pdftotext -layout (xargs -P $JOBS)" "$t_pt"
report "ita-extract batch (worker per PDF)" "$t_w"
report "ita-extract batch --in-process" "$t_ip"
report "ita-extract batch --in-process jsonl" "$t_j"
awk -v a="$t_pt" -v w="$t_w" -v p="$t_ip" 'BEGIN {
  printf "ratio (ita-extract files/s ÷ pdftotext files/s): workers %.2f×, in-process %.2f×\n", a / w, a / p }'
