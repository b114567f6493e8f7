#!/usr/bin/env bash
# Times `interlink validate` on each example as a whole process: build once (Release), warm up, then
# RUNS timed runs per example; prints the median and the fastest in milliseconds.
# Usage: bench/validate.sh [RUNS]   (default 15)
#
# BENCH_BUILD picks what is timed:
#   r2r (default)  `dotnet publish -c Release -r <this machine's RID> -p:PublishReadyToRun=true`, framework-dependent:
#                  precompiled code, as a published interlink starts. About half the time of `jit`.
#   jit            the plain `dotnet build -c Release` output: every method is JIT-compiled at startup.
# The r2r publish keeps its own obj/ and bin/ (--artifacts-path) in BENCH_DIR (default: $TMPDIR/interlink-bench),
# so it never touches the work tree's build output, and a second run only recompiles what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
mode=${BENCH_BUILD:-r2r}
case "$mode" in
  r2r)
    dir=${BENCH_DIR:-${TMPDIR:-/tmp}/interlink-bench}
    rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
    dotnet publish src/Interlink.Cli -c Release -r "$rid" --no-self-contained -p:PublishReadyToRun=true \
      --artifacts-path "$dir/artifacts" -o "$dir/publish" -v quiet -nologo >/dev/null
    cli=$dir/publish/interlink
    label="Release, ReadyToRun $rid"
    ;;
  jit)
    dotnet build src/Interlink.Cli -c Release -v quiet -nologo >/dev/null
    cli=src/Interlink.Cli/bin/Release/net10.0/interlink
    label="Release, JIT"
    ;;
  *)
    echo "BENCH_BUILD must be r2r or jit, not '$mode'" >&2
    exit 2
    ;;
esac
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
