#!/usr/bin/env bash
# The run command (README): sets up a fresh machine, builds and starts the local host on http://127.0.0.1:7071 with
# embedded storage under .data and the market simulator feeding a demo watchlist. Arguments go to the host
# (--urls, --store azure, --data DIR, --IngestSchedule "..." ...). Ctrl+C stops it gracefully.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bash eng/setup.sh
dotnet build functions/MarketIntel.Host -c Release -nologo -v quiet
exec dotnet functions/MarketIntel.Host/bin/Release/net10.0/MarketIntel.Host.dll "$@"
