#!/usr/bin/env bash
# Publishes the sample service (src/Interlink.Service) as one self-contained, trimmed executable per runtime:
#   artifacts/service/<rid>/Interlink.Service
#   artifacts/service/interlink-service-<rid>.tar.gz   (Interlink.Service at the archive's root)
# The provider hosts' user data unpacks the tarball into /opt/interlink-service and runs
# /opt/interlink-service/Interlink.Service with ASPNETCORE_URLS=http://0.0.0.0:PORT.
#
# Usage: scripts/publish-service.sh [RID...]     (default: linux-x64 linux-arm64)
# A RID whose self-contained publish fails (its runtime pack cannot be restored) falls back to a framework-dependent
# single file, which needs the ASP.NET Core 10 runtime on the host; the script says so and exits 3 at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rids=("$@")
if [ ${#rids[@]} -eq 0 ]; then
  rids=(linux-x64 linux-arm64)
fi

project=src/Interlink.Service/Interlink.Service.csproj
out_root=artifacts/service
mkdir -p "$out_root"
fallbacks=()

for rid in "${rids[@]}"; do
  case "$rid" in
    *[!A-Za-z0-9._-]*|'') echo "publish-service: bad RID '$rid'" >&2; exit 2 ;;
  esac
  out="$out_root/$rid"
  rm -rf "$out" "$out_root/interlink-service-$rid.tar.gz"
  echo "== $rid: self-contained single file"
  if ! dotnet publish "$project" -c Release -r "$rid" --self-contained true -o "$out" -p:UseAppHost=true --nologo; then
    echo "publish-service: self-contained publish for $rid failed; falling back to framework-dependent (needs the ASP.NET Core 10 runtime on the host)" >&2
    rm -rf "$out"
    dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishTrimmed=false \
      -p:EnableCompressionInSingleFile=false -o "$out" --nologo
    fallbacks+=("$rid")
  fi
  exe="$out/Interlink.Service"
  if [ ! -f "$exe" ]; then
    echo "publish-service: $exe was not produced" >&2
    exit 1
  fi
  chmod 0755 "$exe"
  # Only the executable goes into the archive: owner root, fixed mode, no other files.
  tar --owner=0 --group=0 --numeric-owner --mode=0755 -czf "$out_root/interlink-service-$rid.tar.gz" -C "$out" Interlink.Service
  printf '%s\t%s bytes\t%s\n' "$rid" "$(stat -c %s "$exe")" "$out_root/interlink-service-$rid.tar.gz ($(stat -c %s "$out_root/interlink-service-$rid.tar.gz") bytes)"
done

if [ ${#fallbacks[@]} -gt 0 ]; then
  echo "publish-service: framework-dependent (not self-contained): ${fallbacks[*]}" >&2
  exit 3
fi
