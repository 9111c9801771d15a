#!/usr/bin/env bash
# Builds the dashboard (functions/MarketIntel.Dashboard -> dist/): npm ci when the lockfile changed; API types generated
# from the OpenAPI document, tsc and vite build when a source or the document changed. Idempotent and quick when up to
# date; both README commands run it through eng/setup.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$root/functions/MarketIntel.Dashboard"
cd "$app"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f node_modules/.lock-hash ] || [ "$(cat node_modules/.lock-hash)" != "$lock_hash" ]; then
  echo "dashboard: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.lock-hash
fi

# Rebuild when any input is newer than the last build (or the build is missing). The API types are generated from the
# committed OpenAPI document at every build (npm run build: generate, tsc, vite), so a changed document is an input.
stamp="dist/.build-stamp"
if [ -f "$stamp" ] && [ -f dist/index.html ] && \
   [ -f src/generated/openapi.ts ] && \
   [ -z "$(find src public index.html package.json package-lock.json tsconfig.json vite.config.ts openapi-types/package.json openapi-types/generate.mjs ../MarketIntel.Functions/openapi.json -newer "$stamp" -print -quit)" ]; then
  echo "dashboard: up to date"
  exit 0
fi
echo "dashboard: build"
npm run --silent build
touch "$stamp"
