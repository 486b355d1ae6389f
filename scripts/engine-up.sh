#!/usr/bin/env bash
# Make sure a Docker engine answers. On Debian as root, install and start one if none does.
# Used by every make target that needs the engine; safe to run again and again.
set -euo pipefail

log_dir="${SLIM_STATE_DIR:-/var/tmp/slim}"
engine_log="$log_dir/dockerd.log"

engine_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

need_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
  command -v umoci >/dev/null 2>&1 || missing+=(umoci)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  # postgres-db's check speaks the database's own protocol from the host.
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  # Deduplicate: docker.io may be listed twice.
  printf '%s\n' "${missing[@]}" | sort -u | grep -v '^$' || true
}

install_packages() {
  local pkgs
  pkgs=$(need_packages)
  [ -z "$pkgs" ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "engine-up: missing $(echo $pkgs | tr '\n' ' '); install them (Debian: apt-get install docker.io skopeo umoci debootstrap curl jq socat postgresql-client) or set DOCKER_HOST" >&2
    exit 1
  fi
  echo "engine-up: installing $(echo $pkgs | tr '\n' ' ')" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
}

start_dockerd() {
  if [ -n "${DOCKER_HOST:-}" ]; then
    echo "engine-up: DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST" >&2
    exit 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "engine-up: no Docker engine answers at /var/run/docker.sock and starting one needs root" >&2
    exit 1
  fi
  mkdir -p "$log_dir"
  # A stale pid file from an engine that died with an earlier session stops dockerd from starting.
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid
  fi
  if ! pgrep -x containerd >/dev/null 2>&1 && [ -f /run/containerd/containerd.pid ]; then
    rm -f /run/containerd/containerd.pid
  fi
  echo "engine-up: starting dockerd (log: $engine_log)" >&2
  nohup setsid dockerd >>"$engine_log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    engine_answers && return 0
    sleep 0.5
  done
  echo "engine-up: dockerd did not answer within 60 s; see $engine_log" >&2
  tail -n 5 "$engine_log" >&2 || true
  exit 1
}

install_packages
engine_answers || start_dockerd
