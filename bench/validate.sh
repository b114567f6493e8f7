#!/usr/bin/env bash
# Times `interlink validate` on each example as a whole process: build once (Release), warm up, then
# RUNS timed runs per example; prints the median and the fastest in milliseconds.
# Usage: bench/validate.sh [RUNS]   (default 15)
#
# BENCH_BUILD=r2r (default) or jit picks the build that is timed (bench/cli.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
source bench/cli.sh
build_cli
printf '%-28s %10s %10s   (%s runs, whole process, %s)\n' example median_ms min_ms "$runs" "$label"
for file in examples/*.yaml; do
  "$cli" validate "$file" >/dev/null 2>&1 || true   # warm-up: disk cache, runtime files
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$cli" validate "$file" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-28s %10s %10s\n' "$(basename "$file")" "${sorted[$(( runs / 2 ))]}" "${sorted[0]}"
done
