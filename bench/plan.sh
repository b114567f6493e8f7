#!/usr/bin/env bash
# Analysis time vs synth time on a generated fan-out: 64 consumers spread over 16 Regions (4 per Region, accounts
# varying), one provider in us-east-1. MODE relay (default): one relay per consumer Region, peered with the
# provider; MODE native: AWS cross-Region PrivateLink (SupportedRegions / ServiceRegion), no relays.
# Synth is timed once as a whole process (`interlink synth`); the analysis (read assembly + NetworkModelBuilder.Build
# + ReachabilityAnalyzer.Analyze) is timed in process by bench/PlanBench, median of RUNS runs after a warm-up.
# Goal: analysis under 10 % of synth. Usage: bench/plan.sh [RUNS] [relay|native|both]   (defaults 7, both)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
modes=${2:-both}
[ "$modes" = both ] && modes="relay native"
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
dotnet build src/Interlink.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/PlanBench -c Release -v quiet -nologo >/dev/null
cli=src/Interlink.Cli/bin/Release/net10.0/interlink
bench=bench/PlanBench/bin/Release/net10.0/PlanBench
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# Region, its AZ IDs (two, both serving cross-Region PrivateLink).
regions=(
  "us-east-2 use2-az1 use2-az2" "us-west-1 usw1-az1 usw1-az3" "us-west-2 usw2-az1 usw2-az2" "ca-central-1 cac1-az1 cac1-az2"
  "eu-west-1 euw1-az1 euw1-az2" "eu-west-2 euw2-az1 euw2-az2" "eu-west-3 euw3-az1 euw3-az2" "eu-central-1 euc1-az1 euc1-az2"
  "eu-north-1 eun1-az1 eun1-az2" "ap-southeast-1 apse1-az1 apse1-az2" "ap-southeast-2 apse2-az1 apse2-az2" "ap-northeast-1 apne1-az1 apne1-az2"
  "ap-northeast-2 apne2-az1 apne2-az3" "ap-south-1 aps1-az1 aps1-az2" "sa-east-1 sae1-az1 sae1-az2" "ap-northeast-3 apne3-az1 apne3-az2"
)

generate() { # mode
  local mode=$1 i=0
  cat <<YAML
name: fan64
mode: $mode
service: { port: 443, targetPort: 8080, healthCheck: { protocol: http, path: /health } }
provider:
  account: "111111111111"
  region: us-east-1
  vpc: { cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2], natGateways: 1 }
  targets: { instances: 2 }
YAML
  if [ "$mode" = relay ]; then
    echo "relays:"
    for entry in "${regions[@]}"; do
      set -- $entry
      echo "  - { region: $1, account: \"2000000000$(printf %02d $i)\", vpc: { cidr: 10.$((100 + i)).0.0/16, azs: [$2, $3] } }"
      i=$((i + 1))
    done
  fi
  echo "consumers:"
  for c in $(seq 0 63); do
    set -- ${regions[$((c % 16))]}
    echo "  - { name: c$c, account: \"3000000000$(printf %02d $((c % 8)))\", region: $1, vpc: { cidr: 172.16.0.0/16, azs: [$2, $3] }$([ $((c % 16)) -eq 0 ] && echo ', client: true') }"
  done
}

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
echo "(analysis_ms: median of $runs in-process runs; cold_ms: the slowest (first, JIT-cold) run; synth: one whole process. Goal: analysis < 10 % of synth.)"
