#!/usr/bin/env bash
# Installs the OS packages Interlink's lab, its tests and the plan's SVG diagram need, and nothing else:
#   iproute2  — `ip`: the lab builds each VPC, host, NLB and endpoint as a network namespace with veth links
#   nftables  — `nft`: security groups, network ACLs, the NLB and the endpoint are nftables rules in the lab
#   graphviz  — `dot`: plan draws the diagram as SVG (Mermaid text is written without it)
# Only the missing ones are installed, with apt-get (Debian/Ubuntu), which needs root. Shared by the README's
# main command (scripts/demo.sh) and CI (.ci/run), so both set up the machine the same way.
#
# Exit codes: 0 everything present (or now installed); 1 something is missing and could not be installed
# (not root, or no apt-get) — the message says what and how.
set -euo pipefail

need=()
command -v ip >/dev/null || need+=(iproute2)
command -v nft >/dev/null || need+=(nftables)
command -v dot >/dev/null || need+=(graphviz)
if [ ${#need[@]} -eq 0 ]; then
  echo "os packages: iproute2, nftables and graphviz are present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "os packages: missing ${need[*]}; installing them needs root: sudo $0" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "os packages: missing ${need[*]}; no apt-get here: install them with this system's package manager" >&2
  exit 1
fi
echo "os packages: installing ${need[*]} with apt-get"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "os packages: installed ${need[*]}"
