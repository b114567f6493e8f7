#!/usr/bin/env bash
# Puts `interlink` on the PATH: packs the CLI as a .NET tool for this machine's platform, precompiled
# (ReadyToRun: it starts in about half the time of the portable package), and installs it globally from that
# package (into ~/.dotnet/tools, which the .NET SDK puts on the PATH; open a new shell after the first install).
# Run it again after pulling changes: it updates the installed tool. Needs only the .NET 10 SDK.
#
#   scripts/install-tool.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
out=artifacts/tool
rm -rf "$out"
# A RuntimeIdentifiers list makes `dotnet pack` write a platform-specific tool package (.NET SDK 10, "Create
# RID-specific, self-contained, and AOT .NET tools"). PublishReadyToRun is given here, not only in the project, so that
# restore fetches the ReadyToRun compiler too.
dotnet pack src/Interlink.Cli -c Release -p:RuntimeIdentifiers="$rid" -p:PublishReadyToRun=true -o "$out" -v quiet -nologo
if dotnet tool list --global | awk 'NR > 2 { print $1 }' | grep -qx interlink.cli; then
  dotnet tool update --global --add-source "$out" Interlink.Cli
else
  dotnet tool install --global --add-source "$out" Interlink.Cli
fi
echo "interlink for $rid is installed in ~/.dotnet/tools; 'dotnet tool uninstall --global Interlink.Cli' removes it"
