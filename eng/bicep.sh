#!/usr/bin/env bash
# Compiles and lints infra/main.bicep with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64, restored as a
# PackageDownload of tests/MarketIntel.Infrastructure.Tests). Fails on any error and on any warning: bicep exits 0 on
# warnings, so every diagnostic line it prints counts as a failure. Writes artifacts/bicep/main.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project=tests/MarketIntel.Infrastructure.Tests/MarketIntel.Infrastructure.Tests.csproj
version="$(sed -n 's/.*<BicepVersion>\([^<]*\)<\/BicepVersion>.*/\1/p' "$project")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -f "$bicep" ]; then
  dotnet restore "$project" -nologo -v quiet
fi
# NuGet extracts files without the run bit.
[ -x "$bicep" ] || chmod +x "$bicep"

mkdir -p artifacts/bicep
status=0
run() {
  local log="artifacts/bicep/$1.log"
  shift
  if ! "$bicep" "$@" >"$log" 2>&1; then
    status=1
  fi
  if [ -s "$log" ]; then
    cat "$log" >&2
    status=1
  fi
}
run build build infra/main.bicep --outfile artifacts/bicep/main.json
run lint lint infra/main.bicep
if [ "$status" -ne 0 ]; then
  echo "bicep: infra/main.bicep has errors or warnings (above)" >&2
  exit 1
fi
echo "bicep $("$bicep" --version | sed -n 's/^Bicep CLI version \([^ ]*\).*/\1/p'): infra/main.bicep compiles and lints without diagnostics -> artifacts/bicep/main.json"
