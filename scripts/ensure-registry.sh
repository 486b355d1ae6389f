#!/usr/bin/env bash
# Make sure Debian's `docker-registry` (the CNCF distribution registry) and `htpasswd` (apache2-utils) are installed,
# and print the registry's path. Used by the registry tests' fixture; safe to run again and again.
set -euo pipefail

find_registry() {
  command -v docker-registry 2>/dev/null || { [ -x /usr/bin/docker-registry ] && echo /usr/bin/docker-registry; } || true
}

missing=()
[ -n "$(find_registry)" ] || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-registry: ${missing[*]} missing; install (Debian: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "ensure-registry: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (engine-up.sh, a colleague) may hold the lock: wait for it rather than fail.
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  # The package's service is not wanted: the tests start their own registry on a free port.
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker-registry 2>/dev/null; then
    systemctl stop docker-registry >/dev/null 2>&1 || true
  fi
fi
path=$(find_registry)
[ -n "$path" ] || { echo "ensure-registry: docker-registry did not install" >&2; exit 1; }
echo "$path"
