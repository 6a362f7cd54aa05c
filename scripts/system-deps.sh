#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium (Playwright cannot download its own here),
# pcscd + vsmartcard-vpcd (virtual eID card behind the real PC/SC stack), libpcsclite-dev (to build
# the PC/SC binding), python3-stdnum (independent check of national numbers), fonts.
# Installs what is missing when it can (root + apt-get); otherwise prints the exact command.
set -u
PACKAGES="chromium pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools python3-stdnum fonts-dejavu-core"

missing=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if command -v dpkg-query >/dev/null 2>&1; then
  for p in $PACKAGES; do have_pkg "$p" || missing="$missing $p"; done
else
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v pcscd >/dev/null 2>&1 || missing="$missing pcscd"
fi
missing="${missing# }"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing && exit 0
  echo "apt-get could not install: $missing" >&2
  exit 1
fi
echo "The tests need these system packages, which are missing: $missing" >&2
echo "Install them with:  sudo apt-get update && sudo apt-get install -y $missing" >&2
echo "(On another OS: Chromium, pcsc-lite with its development headers, vsmartcard's vpcd driver, python3-stdnum.)" >&2
exit 1
