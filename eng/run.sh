#!/usr/bin/env bash
# The run command (README): builds and runs the main job on a fresh machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash eng/setup.sh
dotnet build functions/MarketIntel.Cli -c Release -nologo -v quiet
out="${1:-.data/demo}"
mkdir -p "$out"
cli=(dotnet functions/MarketIntel.Cli/bin/Release/net10.0/marketintel.dll)
"${cli[@]}" simulate-ticks --symbols BTC-USD,ETH-USD,AAPL --minutes 240 --seed 7 --faults --out "$out/ticks.csv"
"${cli[@]}" aggregate --ticks "$out/ticks.csv" --allowed-lateness 5s --timeframe 1m --timeframe 5m --timeframe 1h --out "$out/bars"
echo "Bars in $out/bars; rejected ticks in $out/bars/rejected.csv"
