#!/usr/bin/env bash
# The lab path (client namespace -> endpoint DNAT -> NLB DNAT/SNAT in the kernel -> peering -> provider host running the sample
# service) against the same service called directly on loopback: requests/s and p50/p99 with the same probe, N requests,
# C in flight, keep-alive and new connection per request. Plus wall time of lab up and lab down of the seed topology.
# Needs root, iproute2 and nftables. Usage: sudo bench/lab.sh [N] [C] [ASSEMBLY_DIR]   (default 20000 16; the seed is
# synthesized when no assembly is given)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}; c=${2:-16}; assembly=${3:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
[ "$(id -u)" = 0 ] || { echo "bench/lab.sh: needs root (network namespaces)" >&2; exit 2; }
command -v nft >/dev/null && command -v ip >/dev/null || { echo "bench/lab.sh: apt-get install -y iproute2 nftables" >&2; exit 2; }
# The CLI builds the lab with its NLB agent, the service and the probe (each into its own bin/Release too).
dotnet build src/Interlink.Cli -c Release -v quiet -nologo >/dev/null
lab="dotnet src/Interlink.Cli/bin/Release/net10.0/interlink.dll lab"
work=$(mktemp -d)
export INTERLINK_LAB_STATE="$work/state"
cleanup() { $lab down >/dev/null 2>&1 || true; [ -n "${svc:-}" ] && kill "$svc" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
if [ -z "$assembly" ]; then
  assembly="$work/seed"
  dotnet src/Interlink.Cli/bin/Release/net10.0/interlink.dll synth examples/seed.yaml -o "$assembly" >/dev/null
fi

ms() { echo $(( ($2 - $1) / 1000000 )); }
field() { grep -o "\"$1\": *[0-9.]*" | head -1 | sed 's/.*: *//'; }
row() { printf '%-34s %10s %9s %9s %8s\n' "$1" "$(echo "$2" | field requestsPerSecond)" "$(echo "$2" | field p50Ms)" "$(echo "$2" | field p99Ms)" "$(echo "$2" | field failed)"; }

# Direct: the same service on loopback, the same probe.
port=18080
dotnet src/Interlink.Service/bin/Release/net10.0/Interlink.Service.dll --urls "http://127.0.0.1:$port" >"$work/direct.log" 2>&1 & svc=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
probe="dotnet src/Interlink.Probe/bin/Release/net10.0/Interlink.Probe.dll"
$probe "http://127.0.0.1:$port/" -n 2000 -c "$c" >/dev/null || true   # warm-up
direct_ka=$($probe "http://127.0.0.1:$port/" -n "$n" -c "$c" -d 600s --format json || true)
direct_nc=$($probe "http://127.0.0.1:$port/" -n "$((n / 4))" -c "$c" -d 600s --new-connections --format json || true)
kill "$svc"; wait "$svc" 2>/dev/null || true; svc=

# Lab: up (timed, after one warm-up up/down), then the probe from the consumer client through the endpoint's DNS name.
$lab up --assembly "$assembly" >/dev/null; $lab down >/dev/null
s=$(date +%s%N); $lab up --assembly "$assembly" >/dev/null; e=$(date +%s%N); up_ms=$(ms "$s" "$e")
# Warm-up: as many requests per service as the direct one had (the NLB splits them over the targets), so every
# service has left the JIT's first tier before it is measured.
targets=$($lab status | grep -c '^  target ' || true)
# A probe with failures exits 3; its figures are still the measurement.
$lab test -n "$((2000 * (targets > 0 ? targets : 1)))" -c "$c" --keep-alive --deadline 300 --format json >/dev/null || true
lab_ka=$($lab test -n "$n" -c "$c" --keep-alive --deadline 300 --format json || true)
lab_nc=$($lab test -n "$((n / 4))" -c "$c" --deadline 300 --format json || true)
s=$(date +%s%N); $lab down >/dev/null; e=$(date +%s%N); down_ms=$(ms "$s" "$e")

printf '%-34s %10s %9s %9s %8s\n' "path (N=$n, C=$c)" "req/s" "p50 ms" "p99 ms" "failed"
row "direct loopback, keep-alive" "$direct_ka"
row "lab path, keep-alive" "$lab_ka"
row "direct loopback, new connections" "$direct_nc"
row "lab path, new connections" "$lab_nc"
ka=$(awk -v a="$(echo "$lab_ka" | field requestsPerSecond)" -v b="$(echo "$direct_ka" | field requestsPerSecond)" 'BEGIN {printf "%.0f", 100 * a / b}')
nc=$(awk -v a="$(echo "$lab_nc" | field requestsPerSecond)" -v b="$(echo "$direct_nc" | field requestsPerSecond)" 'BEGIN {printf "%.0f", 100 * a / b}')
echo "lab/direct throughput: keep-alive ${ka}%, new connections ${nc}% (goal >= 50%)"
echo "lab up: ${up_ms} ms, lab down: ${down_ms} ms, up + down: $((up_ms + down_ms)) ms (goal < 10000 ms)"
