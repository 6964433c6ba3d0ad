#!/usr/bin/env bash
# Batch throughput and peak memory of `ita-extract batch` on inputs made from the fixtures:
# 90% reports (copies of fixtures/reports/chiangmai-2566.txt and, one in four, of the
# fixtures/pdf/chiangmai-2566.*.pdf renderings; each copy's bytes made unique), 10% broken
# (empty, truncated PDF, random bytes, non-report text).
#
#   benches/batch.sh            # 2,000 inputs, then 500 to show memory does not grow with N
#   N=5000 JOBS=1 REPS=5 benches/batch.sh
#   OLD_BIN=/tmp/ita-extract-before benches/batch.sh   # and an earlier build's default mode
#
# Each run is repeated REPS times (default 3), interleaved. Prints, for the run of median wall
# time: inputs, wall time, files/s, MB/s, CPU time (user + system, workers included) and peak
# RSS (`/usr/bin/time -v`: the largest of the batch process and its PDF workers; the
# --in-process run is the batch alone).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-2000}
JOBS=${JOBS:-$(nproc)}
REPS=${REPS:-3}
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/ita-extract

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_inputs() { # dir count
  local dir=$1 n=$2 bad=$(( $2 / 10 )) good i sub
  good=$(( n - bad ))
  mkdir -p "$dir/broken"
  local pdfs=(fixtures/pdf/chiangmai-2566.*.pdf)
  [ -e "${pdfs[0]}" ] || pdfs=()
  for ((i = 0; i < good; i++)); do
    sub="$dir/$(( i % 10 ))"
    mkdir -p "$sub"
    if (( ${#pdfs[@]} > 0 && i % 4 == 3 )); then
      { cat "${pdfs[$(( i % ${#pdfs[@]} ))]}"; printf '\n%% copy %d\n' "$i"; } >"$sub/report-$i.pdf"
    else
      { cat fixtures/reports/chiangmai-2566.txt; printf '\n%*s\n' "$i" ''; } >"$sub/report-$i.txt"
    fi
  done
  local head=fixtures/pdf/chiangmai-2566.libreoffice.pdf
  for ((i = 0; i < bad; i++)); do
    case $(( i % 4 )) in
      0) : >"$dir/broken/empty-$i.txt" ;;
      1) if [ -e "$head" ]; then head -c 40000 "$head"; else printf '%%PDF-1.7\n1 0 obj\n<<'; fi \
           >"$dir/broken/truncated-$i.pdf" ;;
      2) head -c 4096 /dev/urandom >"$dir/broken/random-$i.txt" ;;
      3) printf '# notes %d\n\nNothing about any assessment.\n' "$i" >"$dir/broken/notes-$i.md" ;;
    esac
  done
}

run() { # label n extra-args... (BIN=path: another build)
  local label=$1 n=$2; shift 2
  local bin=${BIN:-$bin}
  local dir="$work/in-$n" out="$work/out-$label-$n"
  [ -d "$dir" ] || make_inputs "$dir" "$n"
  rm -rf "$out"
  local bytes
  bytes=$(du -sb "$dir" | cut -f1)
  /usr/bin/time -v "$bin" batch "$dir" -o "$out" -j "$JOBS" "$@" 2>"$work/time.log" || true
  local wall rss cpu
  wall=$(grep -F 'Elapsed (wall clock)' "$work/time.log" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time.log")
  rss=$(grep -F 'Maximum resident set size' "$work/time.log" | awk '{print $NF}')
  local secs
  secs=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
  printf '%-16s %5d inputs  %6.2f s  %7.1f files/s  %6.2f MB/s  CPU %6.2f s  peak RSS %5.1f MiB  (%s, %s)\n' \
    "$label" "$n" "$secs" "$(awk -v n="$n" -v s="$secs" 'BEGIN { print n / s }')" \
    "$(awk -v b="$bytes" -v s="$secs" 'BEGIN { print b / 1e6 / s }')" "$cpu" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
    "$(wc -l <"$out/reports.jsonl") reports" "$(wc -l <"$out/errors.jsonl") errors"
}

echo "ita-extract batch, -j $JOBS, $(nproc) cores, $(uname -m), median of $REPS runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "$N" 500; do
  # Interleaved (one run of each, REPS times), so that a change of load falls on all alike;
  # then the run of median wall time of each.
  for ((r = 0; r < REPS; r++)); do
    run workers "$n" >>"$work/runs-$n-1"
    run in-process "$n" --in-process >>"$work/runs-$n-2"
    [ -z "${OLD_BIN:-}" ] || BIN=$OLD_BIN run "$(basename "$OLD_BIN")" "$n" >>"$work/runs-$n-3"
  done
  for f in "$work/runs-$n"-*; do
    sort -n -k4 "$f" | awk -v m="$REPS" 'NR == int((m + 1) / 2)'
  done
done
