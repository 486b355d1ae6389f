#!/usr/bin/env bash
# kv-web: busybox httpd CGI pages that read and write a Redis database (the redis-kv sample) in another container,
# found by name (kv) on a user-defined network the check makes and removes.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init kv-web "$@"

network="slim-check-kv-web-$$"
trap 'check__cleanup; docker network rm "$network" >/dev/null 2>&1 || true' EXIT
kv_image=$("$(dirname "${BASH_SOURCE[0]}")/../../scripts/sample-image.sh" redis-kv 2>/dev/null | tail -n 1) \
  || check_fail "the redis-kv sample image" "built" "scripts/sample-image.sh redis-kv failed"
out=$(docker network create --label org.slim.check=kv-web "$network" 2>&1) || check_fail "docker network create" "a network" "$out"
check__new_name
out=$(docker run -d --pull never --name "$CID" --label org.slim.check=kv-web --network "$network" --network-alias kv "$kv_image" 2>&1) \
  || check_fail "docker run $kv_image" "the database running" "$out"

CHECK_RUN_ARGS=(--network "$network" ${CHECK_RUN_ARGS[@]+"${CHECK_RUN_ARGS[@]}"})
check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_body_contains 'href="/cgi-bin/greeting"'

http_get /cgi-bin/greeting
expect_status 200
expect_eq "GET /cgi-bin/greeting" 'hello from the seed' "$HTTP_BODY"

http_get /cgi-bin/fruits
expect_status 200
expect_eq "GET /cgi-bin/fruits" $'apple\nbanana\ncherry' "$HTTP_BODY"

http_get /cgi-bin/visit
expect_status 200
expect_eq "GET /cgi-bin/visit (first)" 'visits: 1' "$HTTP_BODY"
http_get /cgi-bin/visit
expect_eq "GET /cgi-bin/visit (second)" 'visits: 2' "$HTTP_BODY"

http_get /missing.html
expect_status 404

check_pass
