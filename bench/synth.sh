#!/usr/bin/env bash
# Whole-process time of the commands a user runs in the edit → plan loop, median of RUNS runs, against a plain
# JavaScript CDK app of the same stacks on the same aws-cdk-lib (bench/js-baseline: one synthesis). Interlink writes
# the assembly in C# without Node (issue 13); goals: synth ≤ 1×, plan ≤ 1.5×, compare (two designs) ≤ 2× the
# baseline, plan peak memory ≤ 150 MB. Then synth time against fan-out size (1, 8, 64 consumers, relay mode), which
# should grow linearly. Build happens once, outside the timed path (BENCH_BUILD=r2r, the default, or jit: bench/cli.sh).
# Usage: bench/synth.sh [RUNS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
source bench/cli.sh
build_cli
(cd bench/js-baseline && [ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --silent >/dev/null)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
source bench/fan64.sh

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", $1 / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }

printf '%-10s %7s %10s %7s %9s %5s %8s %5s %11s %5s %10s\n' example stacks resources js_ms synth_ms x plan_ms x compare_ms x plan_peak
for example in seed fan-out; do
  config="examples/$example.yaml"
  "$cli" synth "$config" -o "$work/$example" >/dev/null   # warm-up; also the JS app's input
  stacks=$(ls "$work/$example"/*.template.json | wc -l)
  resources=$(cat "$work/$example"/*.template.json | grep -c '"Type": "AWS::\|"Type": "Custom::' || true)
  node bench/js-baseline/app.js "$work/$example" "$work/$example.js" >/dev/null   # warm-up
  js=$(for _ in $(seq "$runs"); do rm -rf "$work/$example.js"; time_ms node bench/js-baseline/app.js "$work/$example" "$work/$example.js"; done | median)
  synth=$(for _ in $(seq "$runs"); do time_ms "$cli" synth "$config" -o "$work/$example.run"; done | median)
  # plan and compare as the edit → plan loop runs them: the default text report (to a file, so the terminal's speed
  # does not count).
  plan=$(for _ in $(seq "$runs"); do time_ms "$cli" plan "$config" --cdk-out "$work/$example.plan" -o "$work/$example.plan.txt"; done | median)
  compare=$(for _ in $(seq "$runs"); do time_ms "$cli" compare "$config" -o "$work/$example.compare.txt"; done | median)
  peak=$(peak_mb "$cli" plan "$config" --cdk-out "$work/$example.plan" --format json -o "$work/$example.plan.json")
  printf '%-10s %7s %10s %7s %9s %5s %8s %5s %11s %5s %7s MB\n' "$example" "$stacks" "$resources" "$js" \
    "$synth" "$(ratio "$synth" "$js")" "$plan" "$(ratio "$plan" "$js")" "$compare" "$(ratio "$compare" "$js")" "$peak"
done
echo "($label; whole process, median of $runs; x = × the JavaScript CDK app's synth of the same stacks. Goals: synth ≤ 1x, plan ≤ 1.5x, compare ≤ 2x, plan peak ≤ 150 MB.)"

echo
printf '%-10s %7s %10s %9s %12s\n' consumers stacks resources synth_ms ms_per_stack
for n in 1 8 64; do
  generate relay "$n" > "$work/fan$n.yaml"
  "$cli" synth "$work/fan$n.yaml" -o "$work/fan$n" >/dev/null
  stacks=$(ls "$work/fan$n"/*.template.json | wc -l)
  resources=$(cat "$work/fan$n"/*.template.json | grep -c '"Type": "AWS::' || true)
  ms=$(for _ in $(seq "$runs"); do time_ms "$cli" synth "$work/fan$n.yaml" -o "$work/fan$n.run"; done | median)
  printf '%-10s %7s %10s %9s %12s\n' "$n" "$stacks" "$resources" "$ms" "$(awk -v a="$ms" -v b="$stacks" 'BEGIN {printf "%.1f", a / b}')"
done
echo "(relay mode; a relay per consumer Region, up to 16 Regions; synth should grow linearly with the stacks)"
