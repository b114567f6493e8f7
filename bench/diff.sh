#!/usr/bin/env bash
# `interlink diff` on the 64-consumer relay fan-out (82 stacks, ~1,200 resources): two assemblies synthesized once
# (the design, and the same design with a new targetPort, which replaces every relay's target group), then
# `diff --assembly NEW --against OLD` timed as a whole process (no synthesis, no Node), median of RUNS runs.
# Usage: bench/diff.sh [RUNS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
source bench/cli.sh
build_cli
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source bench/fan64.sh

generate relay > "$work/old.yaml"
sed 's/targetPort: 8080/targetPort: 9090/' "$work/old.yaml" > "$work/new.yaml"
"$cli" synth "$work/old.yaml" -o "$work/old.out" >/dev/null
"$cli" synth "$work/new.yaml" -o "$work/new.out" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
times=()
for _ in $(seq "$runs"); do
  s=$(date +%s%N)
  code=0; "$cli" diff --assembly "$work/new.out" --against "$work/old.out" --format json > "$work/diff.json" || code=$?
  e=$(date +%s%N)
  times+=($(( (e - s) / 1000000 )))
done
stacks=$(ls "$work/new.out"/*.template.json | wc -l)
summary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$work/diff.json")
echo "stacks=$stacks exit=$code diff_ms=$(printf '%s\n' "${times[@]}" | median) (median of $runs whole-process runs)"
echo "$summary"
