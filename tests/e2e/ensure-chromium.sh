#!/usr/bin/env bash
# Playwright cannot download its own browser here: use Debian's Chromium, installing it when missing.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ -x /usr/bin/chromium ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing Debian's chromium for the browser tests…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No /usr/bin/chromium and no apt-get: install Chromium, set CHROMIUM_PATH, or run 'npx playwright install chromium'." >&2
exit 0
