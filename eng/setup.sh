#!/usr/bin/env bash
# One-time set-up both README commands run: the dashboard build, the Event Hubs extension probe and a restore.
# Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash eng/dashboard.sh
bash eng/eventhubs-extension.sh
dotnet restore MarketIntel.Local.slnf -nologo -v minimal
