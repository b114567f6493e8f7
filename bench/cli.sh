# Sourced by bench scripts: builds the interlink they time and sets $cli and $label.
# BENCH_BUILD picks what is timed:
#   r2r (default)  `dotnet publish -c Release -r <this machine's RID> -p:PublishReadyToRun=true`, framework-dependent:
#                  precompiled code, as the installed tool starts (scripts/install-tool.sh packs the same way).
#   jit            the plain `dotnet build -c Release` output: every method is JIT-compiled at startup.
# The r2r publish keeps its own obj/ and bin/ (--artifacts-path) in BENCH_DIR (default: $TMPDIR/interlink-bench),
# so it never touches the work tree's build output, and a second run only recompiles what changed.
build_cli() {
  local mode=${BENCH_BUILD:-r2r}
  case "$mode" in
    r2r)
      local dir=${BENCH_DIR:-${TMPDIR:-/tmp}/interlink-bench} rid
      rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
      dotnet publish src/Interlink.Cli -c Release -r "$rid" --no-self-contained -p:PublishReadyToRun=true \
        --artifacts-path "$dir/artifacts" -o "$dir/publish" -v quiet -nologo >/dev/null
      cli=$dir/publish/interlink
      label="Release, ReadyToRun $rid"
      ;;
    jit)
      dotnet build src/Interlink.Cli -c Release -v quiet -nologo >/dev/null
      cli=src/Interlink.Cli/bin/Release/net10.0/interlink
      label="Release, JIT"
      ;;
    *)
      echo "BENCH_BUILD must be r2r or jit, not '$mode'" >&2
      exit 2
      ;;
  esac
}
