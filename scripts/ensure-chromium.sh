#!/usr/bin/env bash
# Make sure a headless-capable Chromium is installed (Debian's `chromium` package) and print its path.
# Used by the tests that render slim's HTML pages; safe to run again and again.
set -euo pipefail

find_chromium() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true
}

path=$(find_chromium)
if [ -z "$path" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: chromium is missing; install it (Debian: apt-get install chromium)" >&2
    exit 1
  fi
  echo "ensure-chromium: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (engine-up.sh, a colleague) may hold the lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  path=$(find_chromium)
  [ -n "$path" ] || { echo "ensure-chromium: chromium did not install" >&2; exit 1; }
fi
echo "$path"
