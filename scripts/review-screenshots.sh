#!/usr/bin/env bash
# Manual check of the review site (not part of `cargo test` or .ci/run): builds the site of
# the fixtures' batch (`batch --format jsonl,html`) and takes screenshots in headless Chromium
# of the index and of the seed's PDF review page, into docs/ (shown in the README's "Review").
# Needs Debian's `chromium` (apt-get install -y chromium) and Thai fonts (fonts-thai-tlwg).
# Look at the PNGs: Thai shaping, overlapping text, boxes on the right numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || { echo "$CHROMIUM is missing: apt-get install -y chromium" >&2; exit 2; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build --release --locked -q
# Exit 1 is expected: fixtures/ holds broken files on purpose.
target/release/ita-extract batch fixtures -o "$out" -q --format jsonl,html || [ $? -eq 1 ]
site="$out/review"
# The seed's PDF (Chromium's rendering): its page as the index links it.
seed=$(grep -o 'href="reports/[0-9]*\.html">fixtures/pdf/chiangmai-2566\.chromium\.pdf<' \
  "$site/index.html" | grep -o 'reports/[0-9]*\.html')

shot() { # shot OUTPUT WIDTHxHEIGHT URL
  # --no-sandbox: Chromium refuses to run as root (containers, CI) with its sandbox.
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --run-all-compositor-stages-before-draw --virtual-time-budget=3000 \
    --window-size="$2" --screenshot="$1" "$3" 2>/dev/null
  echo "$1"
}
mkdir -p docs
shot docs/review-index.png 1400,900 "file://$site/index.html"
shot docs/review-seed.png 1400,1700 "file://$site/$seed"
