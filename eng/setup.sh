#!/usr/bin/env bash
# One-time set-up both README commands run: the dashboard build and a restore. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash eng/dashboard.sh
dotnet restore MarketIntel.Local.slnf -nologo -v minimal
