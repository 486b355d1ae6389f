#!/usr/bin/env bash
# entrypoint-config: /docker-entrypoint.sh (a /bin/sh script) renders nginx's config and the site from the
# environment, then execs nginx. SITE_NAME is set here with -e (no double quotes: it lands in nginx's config);
# GREETING, LISTEN_PORT and CACHE_SECONDS keep their defaults.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init entrypoint-config "$@"
CHECK_RUN_ARGS+=(-e 'SITE_NAME=Check Zoo & Co')

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<title>Check Zoo &amp; Co</title>'
expect_body_contains '<p>hello from the entrypoint</p>'
expect_header X-Site 'Check Zoo & Co'
server=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^server:' || true)
[[ "$server" == [Ss]erver:\ nginx* ]] || check_fail "GET /" "a Server: nginx header" "'$server'"

http_get /config.json
expect_status 200
expect_ctype application/json
expect_json '[.site, .greeting, .port, .cache_seconds]' '["Check Zoo & Co","hello from the entrypoint",8080,60]'
expect_header Cache-Control max-age=60

# From the rendered template: nginx's own answer with the (default) greeting.
http_get /hello
expect_status 200
expect_ctype text/plain
expect_eq "GET /hello" 'hello from the entrypoint' "$HTTP_BODY"

http_get /missing
expect_status 404
expect_header X-Site 'Check Zoo & Co'

check_pass
