#!/usr/bin/env bash
# The whole test suite on a fresh machine (README: "Test"). Installs what the tests need and is not there yet,
# then runs Maven:
#   - Debian's chromium for the browser tests (never a downloaded browser),
#   - playwright-core for src/test/browser (npm ci, pinned by package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/../.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null
fi

(cd src/test/browser && npm ci --no-audit --no-fund --loglevel=error)

exec mvn -B -ntp verify "$@"
