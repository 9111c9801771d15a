#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests when /usr/bin/chromium is missing. Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; refresh them only when chromium is unknown to apt.
if ! apt-cache show chromium >/dev/null 2>&1; then
  $sudo apt-get update -q
fi
if ! $sudo apt-get install -y -q --no-install-recommends chromium; then
  # Stale lists (a package version gone from the mirror) fail the install: refresh once and retry.
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends chromium
fi
test -x /usr/bin/chromium
