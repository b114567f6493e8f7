#!/usr/bin/env bash
# The README's main command: sets up this machine, then runs `interlink demo` on the bundled example (or FILE).
#
#   scripts/demo.sh [FILE]
#
# 1. Installs the OS packages the lab needs if they are missing — iproute2, nftables and graphviz, with apt-get
#    (scripts/install-os-packages.sh, the same step CI runs). That needs root: run as root, or the script asks
#    sudo for that step alone.
# 2. Builds the CLI as the calling user (bin/ and obj/ stay yours).
# 3. Runs the demo: plan, then the lab (network namespaces, needs root: as root, or through sudo). Without root
#    and without sudo it plans only and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
file=${1:-examples/seed.yaml}

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    echo "demo: the OS packages and the lab need root; asking sudo for those steps"
    # sudo resets PATH: keep the caller's, so the same dotnet and node are found.
    as_root=(sudo env "PATH=$PATH" "DOTNET_ROOT=${DOTNET_ROOT:-}")
  else
    echo "demo: not root and no sudo: the lab will be skipped (plan only)" >&2
  fi
fi

if [ "$(id -u)" -eq 0 ] || [ ${#as_root[@]} -gt 0 ]; then
  "${as_root[@]}" scripts/install-os-packages.sh || echo "demo: continuing; the lab will say what it lacks" >&2
else
  scripts/install-os-packages.sh || true
fi

dotnet build src/Interlink.Cli -v q -nologo
exec "${as_root[@]}" dotnet run --no-build --project src/Interlink.Cli -- demo "$file"
