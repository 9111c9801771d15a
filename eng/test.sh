#!/usr/bin/env bash
# The test command (README, .ci/run): sets up everything on a fresh machine, builds what restores here, runs all tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
bash eng/setup.sh
bash eng/chromium.sh
# The infrastructure compiled and linted by the real Bicep CLI; any warning fails the run.
bash eng/bicep.sh
# The log stays inside this clone: several clones on one machine must not share it.
mkdir -p artifacts
log="$root/artifacts/test.log"
dotnet build MarketIntel.Local.slnf -c Release -nologo -v minimal
# The Functions app's deployment package (what azd deploys): the SDK's metadata, worker config and extension folder.
dotnet publish functions/MarketIntel.Functions -c Release --no-build -nologo -v quiet -o artifacts/functions
for f in functions.metadata worker.config.json host.json .azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll; do
  [ -e "artifacts/functions/$f" ] || { echo "publish: artifacts/functions/$f is missing" >&2; exit 1; }
done
set +e
dotnet test MarketIntel.Local.slnf -c Release --no-build -nologo -v minimal --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# Each failure's message and first stack lines again at the end, where a CI log's tail shows them.
awk '/^ *Failed [A-Za-z_]/ { show = 1; n = 0 } /^ *Passed [A-Za-z_]|^\[xUnit|^ *Skipped [A-Za-z_]/ { show = 0 }
     show && n++ < 30 { print }' "$log"
# One closing line over all test assemblies, in the plain form CI reads.
awk '/^ *Passed: *[0-9]+ *$/ { p += $2 } /^ *Failed: *[0-9]+ *$/ { f += $2 } /^ *Skipped: *[0-9]+ *$/ { s += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
grep -E '\[FAIL\]|Cleanup Failure' "$log" || true
exit "$status"
