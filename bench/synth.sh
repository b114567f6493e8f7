#!/usr/bin/env bash
# Synth time, whole process, median of RUNS runs, for the seed and fan-out examples; compared with a plain
# JavaScript CDK app of the same topology on the same aws-cdk-lib (bench/js-baseline). Build happens once,
# outside the timed path. Usage: bench/synth.sh [RUNS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
dotnet build src/Interlink.Cli -c Release -v quiet -nologo >/dev/null
(cd bench/js-baseline && [ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --silent >/dev/null)
cli=src/Interlink.Cli/bin/Release/net10.0/interlink
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

printf '%-10s %7s %10s %14s %12s %7s\n' example stacks resources interlink_ms js_cdk_ms ratio
for example in seed fan-out; do
  "$cli" synth "examples/$example.yaml" -o "$work/$example" >/dev/null   # warm-up; also the JS app's input
  stacks=$(ls "$work/$example"/*.template.json | wc -l)
  resources=$(cat "$work/$example"/*.template.json | grep -c '"Type": "AWS::\|"Type": "Custom::' || true)
  dotnet_ms=$(for _ in $(seq "$runs"); do time_ms "$cli" synth "examples/$example.yaml" -o "$work/$example.run"; done | median)
  node bench/js-baseline/app.js "$work/$example" "$work/$example.js" >/dev/null   # warm-up
  js_ms=$(for _ in $(seq "$runs"); do rm -rf "$work/$example.js"; time_ms node bench/js-baseline/app.js "$work/$example" "$work/$example.js"; done | median)
  printf '%-10s %7s %10s %14s %12s %7s\n' "$example" "$stacks" "$resources" "$dotnet_ms" "$js_ms" "$(awk -v a="$dotnet_ms" -v b="$js_ms" 'BEGIN {printf "%.2fx", a / b}')"
done
