#!/usr/bin/env bash
# A PDF worker's memory over many documents: one `ita-extract __worker` process, never
# recycled, reads N report PDFs (the fixtures/pdf/chiangmai-2566.* renderings in turn, then
# the hostile corpus once) through the worker protocol; its response after each document says
# its address space (VmSize, what RLIMIT_AS and --memory-limit count) and resident set (VmRSS).
#
#   benches/worker-memory.sh          # 1,000 documents
#   N=5000 benches/worker-memory.sh
#
# Prints the fresh process, the size after some documents, and the growth per document over
# the reports before and after the hostile corpus (the allocator's caches are warm by then).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/ita-extract

pdfs=(fixtures/pdf/chiangmai-2566.*.pdf)
hostile=(fixtures/hostile/*)
requests() {
  local i f
  for ((i = 0; i < N; i++)); do
    if (( i >= N / 2 && i - N / 2 < ${#hostile[@]} )); then
      f=${hostile[$(( i - N / 2 ))]}
    else
      f=${pdfs[$(( i % ${#pdfs[@]} ))]}
    fi
    printf '{"name":"%s","len":%d}\n' "$f" "$(stat -c %s "$f")"
    cat "$f"
  done
}

# The worker's state is at the head of each response line: no need to parse the reports.
requests | "$bin" __worker --memory-limit 2048 2>/dev/null |
  grep -o '^{"documents":[0-9]*,"fresh":{"vm_size_kib":[0-9]*,"vm_rss_kib":[0-9]*},"memory":{"vm_size_kib":[0-9]*,"vm_rss_kib":[0-9]*}' |
  tr -c '0-9\n' ' ' |
  awk -v n="$N" -v np="${#pdfs[@]}" '
    { doc = $1; vs[doc] = $4; rss[doc] = $5; fvs = $2; frss = $3 }
    END {
      printf "one worker, %d documents (%d report PDFs in turn, the hostile corpus from %d)\n", doc, np, n / 2 + 1
      printf "%-14s %12s %12s\n", "after", "VmSize MiB", "VmRSS MiB"
      printf "%-14s %12.1f %12.1f\n", "fresh", fvs / 1024, frss / 1024
      split("1 2 10 100 " int(n / 2) " " int(n / 2) + 20 " " n, at, " ")
      for (k = 1; k <= 7; k++) if (at[k] in vs)
        printf "%-14s %12.1f %12.1f\n", at[k] " documents", vs[at[k]] / 1024, rss[at[k]] / 1024
      max = 0; for (d in vs) if (vs[d] > max) max = vs[d]
      printf "largest VmSize after a document: %.1f MiB\n", max / 1024
      h = int(n / 2)
      printf "growth per document, reports 10 to %d: VmSize %+.2f KiB, VmRSS %+.2f KiB\n",
        h, (vs[h] - vs[10]) / (h - 10), (rss[h] - rss[10]) / (h - 10)
      printf "growth per document, reports %d to %d: VmSize %+.2f KiB, VmRSS %+.2f KiB\n",
        h + 20, doc, (vs[doc] - vs[h + 20]) / (doc - h - 20), (rss[doc] - rss[h + 20]) / (doc - h - 20)
    }'
