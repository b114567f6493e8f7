#!/usr/bin/env bash
# Publishes a program that runs on AWS hosts as one self-contained, trimmed executable per runtime:
#   service: src/Interlink.Service → artifacts/service/<rid>/Interlink.Service and
#            artifacts/service/interlink-service-<rid>.tar.gz (provider hosts: /opt/interlink-service)
#   probe:   src/Interlink.Probe   → artifacts/probe/<rid>/Interlink.Probe and
#            artifacts/probe/interlink-probe-<rid>.tar.gz     (consumer client hosts: /opt/interlink-probe)
# Each tarball holds only the executable, at its root.
#
# Usage: scripts/publish.sh service|probe [RID...]     (default RIDs: linux-x64 linux-arm64)
# A RID whose self-contained publish fails (its runtime pack cannot be restored) falls back to a framework-dependent
# single file, which needs the .NET 10 runtime on the host; the script says so and exits 3 at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

component=${1:-}
case "$component" in
  service) project=src/Interlink.Service/Interlink.Service.csproj; exe_name=Interlink.Service ;;
  probe) project=src/Interlink.Probe/Interlink.Probe.csproj; exe_name=Interlink.Probe ;;
  *) echo "usage: scripts/publish.sh service|probe [RID...]" >&2; exit 2 ;;
esac
shift
rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64)
fi

out_root=artifacts/$component
mkdir -p "$out_root"
fallbacks=()

for rid in "${rids[@]}"; do
  case "$rid" in
    *[!A-Za-z0-9._-]*|'') echo "publish: bad RID '$rid'" >&2; exit 2 ;;
  esac
  out="$out_root/$rid"
  rm -rf "$out" "$out_root/interlink-$component-$rid.tar.gz"
  echo "== $rid: self-contained single file"
  if ! dotnet publish "$project" -c Release -r "$rid" --self-contained true -o "$out" -p:UseAppHost=true -p:PublishForHost=true --nologo; then
    echo "publish: self-contained publish for $rid failed; falling back to framework-dependent (needs the .NET 10 runtime on the host)" >&2
    rm -rf "$out"
    dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishForHost=true -p:PublishTrimmed=false \
      -p:EnableCompressionInSingleFile=false -o "$out" --nologo
    fallbacks+=("$rid")
  fi
  exe="$out/$exe_name"
  if [ ! -f "$exe" ]; then
    echo "publish: $exe was not produced" >&2
    exit 1
  fi
  chmod 0755 "$exe"
  # Only the executable goes into the archive: owner root, fixed mode, no other files.
  tar --owner=0 --group=0 --numeric-owner --mode=0755 -czf "$out_root/interlink-$component-$rid.tar.gz" -C "$out" "$exe_name"
  printf '%s\t%s bytes\t%s\n' "$rid" "$(stat -c %s "$exe")" "$out_root/interlink-$component-$rid.tar.gz ($(stat -c %s "$out_root/interlink-$component-$rid.tar.gz") bytes)"
done

if [ ${#fallbacks[@]} -gt 0 ]; then
  echo "publish: framework-dependent (not self-contained): ${fallbacks[*]}" >&2
  exit 3
fi
