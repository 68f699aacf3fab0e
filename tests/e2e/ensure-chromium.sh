#!/usr/bin/env bash
# Playwright cannot download its own browser here: use Debian's Chromium, installing it when missing.
# Chinese pages, screenshots and printed statements need a CJK font: install fonts-noto-cjk when no
# Chinese font is present (else every 中文 glyph renders as a box).
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
UPDATED=""
apt_install() {
  if [ -z "$UPDATED" ]; then $SUDO apt-get update -qq; UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

have_cjk_font() {
  if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh-cn family 2>/dev/null | head -n 1)" ] && return 0
  fi
  [ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1
}

need_chromium=1
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then need_chromium=0; fi
if [ -x /usr/bin/chromium ]; then need_chromium=0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  if [ "$need_chromium" -eq 1 ]; then
    echo "No /usr/bin/chromium and no apt-get: install Chromium, set CHROMIUM_PATH, or run 'npx playwright install chromium'." >&2
  fi
  if ! have_cjk_font; then
    echo "No Chinese font found: install Noto Sans CJK SC (fonts-noto-cjk) or Source Han Sans so Chinese text renders." >&2
  fi
  exit 0
fi

if [ "$need_chromium" -eq 1 ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt_install chromium
fi
if ! have_cjk_font; then
  echo "Installing fonts-noto-cjk so Chinese renders in the browser tests, screenshots and prints…"
  apt_install fonts-noto-cjk || echo "Could not install fonts-noto-cjk: Chinese text may render as boxes." >&2
fi
exit 0
