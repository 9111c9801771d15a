#!/usr/bin/env bash
# Decides how the Functions app gets its Event Hubs trigger (README "Azure Functions app: what is built where"):
# restores Microsoft.Azure.Functions.Worker.Extensions.EventHubs (the version Directory.Packages.props names) in a
# scratch project; where it resolves the app references it (Package), where the registry lacks it the app compiles its
# one declaration instead (Declared). Writes the choice to .build/eventhubs-extension, which the app's csproj reads.
# Idempotent: probes once per NuGet.config and version.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's/.*Include="Microsoft.Azure.Functions.Worker.Extensions.EventHubs" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
if [ -z "$version" ]; then
  echo "eventhubs-extension: no version of Microsoft.Azure.Functions.Worker.Extensions.EventHubs in Directory.Packages.props" >&2
  exit 1
fi
mkdir -p "$root/.build"
choice="$root/.build/eventhubs-extension"
key="$version $(sha256sum "$root/NuGet.config" | cut -d' ' -f1)"
if [ -f "$choice" ] && [ -f "$choice.key" ] && [ "$(cat "$choice.key")" = "$key" ]; then
  echo "eventhubs-extension: $(cat "$choice") (probed before)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Only the repository's remote sources: a local folder source (which may not exist yet) must not decide the probe.
{
  echo '<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear />'
  grep -oE '<add key="[^"]*" value="https?://[^"]*"' "$root/NuGet.config" | sed 's/$/ \/>/'
  echo '</packageSources></configuration>'
} > "$work/NuGet.config"
cat > "$work/Probe.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Microsoft.Azure.Functions.Worker.Extensions.EventHubs" Version="$version" /></ItemGroup>
</Project>
PROJ
if (cd "$work" && dotnet restore Probe.csproj -nologo -v q >"$work/restore.log" 2>&1); then
  echo Package > "$choice"
elif grep -qE 'NU110[123]' "$work/restore.log"; then
  # The registry has no such package or version: declare it (any other failure is an error, not a verdict).
  echo Declared > "$choice"
else
  cat "$work/restore.log" >&2
  exit 1
fi
echo "$key" > "$choice.key"
echo "eventhubs-extension: $(cat "$choice") (Microsoft.Azure.Functions.Worker.Extensions.EventHubs $version)"
