#!/usr/bin/env bash
# Seconds per scanned page and per report (release build). Needs Tesseract with its Thai model;
# the 30-page report also needs poppler-utils (pdftoppm) and img2pdf.
#  1. `ita-extract extract` on each scan fixture (fixtures/scans, 3 pages each), median of 3.
#  2. A 30-page scanned report made here (not committed): the LibreOffice fixture's pages 1-30
#     as 200-dpi gray JPEGs (as scripts/make-scan-fixtures.sh makes its fixtures), read by
#     `ita-extract batch -j 1` and `-j 2` (pages OCR'd in parallel on the free slots) and by
#     `extract` (all cores); the target is under 60 s with -j 2 on the 2-core machine.
# BENCH_RUNS (default 3) runs of each, interleaved; the median is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$(realpath "${CARGO_TARGET_DIR:-target}/release/ita-extract")
command -v tesseract >/dev/null || { echo "tesseract is not installed" >&2; exit 2; }
runs=${BENCH_RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Seconds taken by a command (its output discarded).
seconds() {
  local s e
  s=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() { # name pages seconds
  printf '%-34s %3d pages  %6.2f s per report  %.2f s per page\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"
}

for f in fixtures/scans/*.pdf; do
  pages=$(grep -ac '/Type */Page\b' "$f" || true)
  m=$(for _ in $(seq "$runs"); do seconds "$bin" extract "$f"; done | median)
  report "$(basename "$f")" "$pages" "$m"
done

command -v pdftoppm >/dev/null && command -v img2pdf >/dev/null || {
  echo "pdftoppm or img2pdf missing: no 30-page report" >&2; exit 0; }
pdftoppm -r 200 -gray -f 1 -l 30 -jpeg -jpegopt quality=60 \
  fixtures/pdf/chiangmai-2566.libreoffice.pdf "$tmp/p"
mkdir "$tmp/in"
img2pdf --pagesize A4 -o "$tmp/in/scan-30.pdf" "$tmp"/p-*.jpg
declare -A times
for r in $(seq "$runs"); do
  for how in "batch -j 1" "batch -j 2" "extract"; do
    case $how in
      batch*) t=$(seconds "$bin" batch "$tmp/in" -o "$tmp/out-$r" -q --format jsonl ${how#batch }) ;;
      extract) t=$(seconds "$bin" extract "$tmp/in/scan-30.pdf") ;;
    esac
    times[$how]+="$t "
  done
done
for how in "batch -j 1" "batch -j 2" "extract"; do
  m=$(printf '%s\n' ${times[$how]} | median)
  report "scan-30.pdf ($how)" 30 "$m"
done
