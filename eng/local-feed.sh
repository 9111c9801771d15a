#!/usr/bin/env bash
# Creates .local-feed/ with System.IO.Hashing 10.0.0 packed from the SDK's own System.IO.Hashing.dll.
# The NuGet mirror on our build machines lacks System.IO.Hashing (a dependency of Azure.Storage.Common) at every
# version; where the full registry is reachable the same pinned version resolves upstream instead.
# Idempotent: does nothing when the package is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/.local-feed"
version="10.0.0"
mkdir -p "$feed"
if [ -f "$feed/system.io.hashing.$version.nupkg" ] || [ -f "$feed/System.IO.Hashing.$version.nupkg" ]; then
  exit 0
fi
dll="$(ls -1 "$(dirname "$(command -v dotnet)")"/../share/dotnet/sdk/*/Sdks/Microsoft.NET.Sdk/tools/net10.0/System.IO.Hashing.dll 2>/dev/null | tail -n 1 || true)"
if [ -z "$dll" ]; then
  sdkroot="$(dotnet --list-sdks | tail -n 1 | sed -E 's/^[^ ]+ \[(.*)\]$/\1/')"
  dll="$(ls -1 "$sdkroot"/*/Sdks/Microsoft.NET.Sdk/tools/net10.0/System.IO.Hashing.dll 2>/dev/null | tail -n 1 || true)"
fi
if [ -z "$dll" ] || [ ! -f "$dll" ]; then
  echo "local-feed: System.IO.Hashing.dll not found in the installed .NET SDK" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/System.IO.Hashing.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <PackageId>System.IO.Hashing</PackageId>
    <Version>$version</Version>
    <Authors>Microsoft (repacked from the local .NET SDK)</Authors>
    <Description>System.IO.Hashing repacked from the installed .NET SDK for an offline mirror.</Description>
    <IncludeBuildOutput>false</IncludeBuildOutput>
    <NoBuild>true</NoBuild>
    <SuppressDependenciesWhenPacking>true</SuppressDependenciesWhenPacking>
    <NoWarn>\$(NoWarn);NU5128</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <None Include="$dll" Pack="true" PackagePath="lib/net10.0/" />
  </ItemGroup>
</Project>
PROJ
# An isolated NuGet.config so that packing never depends on the feed it is creating.
cat > "$work/NuGet.config" <<CFG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
CFG
(cd "$work" && dotnet pack System.IO.Hashing.csproj -o "$feed" -nologo -v q -p:ImportDirectoryBuildProps=false >"$work/pack.log") || { cat "$work/pack.log" >&2; exit 1; }
echo "local-feed: packed System.IO.Hashing $version from $dll"
