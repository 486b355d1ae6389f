#!/usr/bin/env bash
# redis-kv: redis-server (Debian) with seed data loaded from its data file at start, spoken to over RESP on the
# published port by a protocol client on the host (kv-client.py, python3's standard library only).
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init redis-kv "$@"
client="$(dirname "${BASH_SOURCE[0]}")/kv-client.py"

check_start 6379
deadline=$((SECONDS + CHECK_READY_SECONDS))
hostport=""
until [ -n "$hostport" ] && python3 "$client" ping 127.0.0.1 "$hostport" 2>/dev/null; do
  state=$(docker inspect -f '{{.State.Running}} {{.State.ExitCode}}' "$CID" 2>/dev/null || echo "missing -")
  [ "${state%% *}" = true ] || check_fail "container start" "redis-server to keep running on :6379" "a container that is not running (exit code ${state#* })"
  [ $SECONDS -lt $deadline ] || check_fail "readiness" "PONG on :6379 within ${CHECK_READY_SECONDS}s" "no answer"
  [ -n "$hostport" ] || hostport=$(docker port "$CID" 6379/tcp 2>/dev/null | grep -m1 '^127\.0\.0\.1:' | cut -d: -f2 || true)
  sleep 0.25
done

if ! out=$(python3 "$client" check 127.0.0.1 "$hostport" 2>&1); then
  check_fail "kv-client.py check" "every step ok" "$out"
fi
check_pass
