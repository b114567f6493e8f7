#!/usr/bin/env bash
# Analysis time vs synth time on a generated fan-out: 64 consumers spread over 16 Regions (4 per Region, accounts
# varying), one provider in us-east-1. MODE relay (default): one relay per consumer Region, peered with the
# provider; MODE native: AWS cross-Region PrivateLink (SupportedRegions / ServiceRegion), no relays.
# Synth is timed once as a whole process (`interlink synth`); the analysis (read assembly + NetworkModelBuilder.Build
# + ReachabilityAnalyzer.Analyze) is timed in process by bench/PlanBench, median of RUNS runs after a warm-up.
# Goal: analysis ≤ 50 ms, a small part of a whole synth (which the template model brought from ~8 s to ~0.3 s for this design,
# so the old goal of 10 % of synth no longer measures the analysis). Usage: bench/plan.sh [RUNS] [relay|native|both]   (defaults 7, both)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
modes=${2:-both}
[ "$modes" = both ] && modes="relay native"
source bench/cli.sh
build_cli
dotnet build bench/PlanBench -c Release -v quiet -nologo >/dev/null
bench=bench/PlanBench/bin/Release/net10.0/PlanBench
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

source bench/fan64.sh   # generate MODE: the 64-consumer fan-out config

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-7s %7s %10s %9s %12s %9s %9s %9s\n' mode stacks resources synth_ms analysis_ms ratio cold_ms verdicts
for mode in $modes; do
  generate "$mode" > "$work/$mode.yaml"
  "$cli" validate "$work/$mode.yaml" >/dev/null || { "$cli" validate "$work/$mode.yaml"; exit 1; }
  s=$(date +%s%N)
  "$cli" synth "$work/$mode.yaml" -o "$work/$mode.out" >/dev/null
  e=$(date +%s%N)
  synth_ms=$(( (e - s) / 1000000 ))
  stacks=$(ls "$work/$mode.out"/*.template.json | wc -l)
  resources=$(cat "$work/$mode.out"/*.template.json | grep -c '"Type": "AWS::\|"Type": "Custom::' || true)
  line=$("$bench" "$work/$mode.out" "$runs")
  analysis_ms=$(sed -E 's/.*analysis_ms=([0-9.]+).*/\1/' <<<"$line")
  cold_ms=$(sed -E 's/.*first_ms=([0-9.]+).*/\1/' <<<"$line")
  verdicts=$(sed -E 's/.*verdicts=([0-9]+) reachable=([0-9]+).*/\2\/\1/' <<<"$line")
  printf '%-7s %7s %10s %9s %12s %8s%% %9s %9s\n' "$mode" "$stacks" "$resources" "$synth_ms" "$analysis_ms" \
    "$(awk -v a="$analysis_ms" -v b="$synth_ms" 'BEGIN {printf "%.2f", 100 * a / b}')" "$cold_ms" "$verdicts"
done
echo "(analysis_ms: median of $runs in-process runs; cold_ms: the slowest (first, JIT-cold) run; synth: one whole process. Goal: analysis ≤ 50 ms.)"
