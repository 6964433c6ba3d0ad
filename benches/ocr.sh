#!/usr/bin/env bash
# Seconds per scanned page and per report: `ita-extract extract` (release build) on each scan
# fixture (fixtures/scans, 3 pages each), median of 3 runs. Needs Tesseract with its Thai model.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/ita-extract
command -v tesseract >/dev/null || { echo "tesseract is not installed" >&2; exit 2; }
for f in fixtures/scans/*.pdf; do
  pages=$(grep -ac '/Type */Page\b' "$f" || true)
  times=()
  for _ in 1 2 3; do
    s=$(date +%s.%N)
    "$bin" extract "$f" >/dev/null
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  printf '%-22s %d pages  %.2f s per report  %.2f s per page\n' "$(basename "$f")" "$pages" "$median" "$(echo "$median / $pages" | bc -l)"
done
