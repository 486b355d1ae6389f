#!/usr/bin/env bash
# go-static: the static Go binary's page and JSON routes answer with the right digests.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init go-static "$@"

check_start 8080
check_wait_http /healthz

http_get /healthz
expect_status 200
expect_body_contains ok

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>hashsvc</h1>'
expect_body_contains 'Built with go1.'
expect_body_contains 'href="/api/hash?text=hello"'

http_get '/hello?name=slim'
expect_status 200
[ "$HTTP_BODY" = "Hello, slim!" ] || check_fail "GET /hello?name=slim" "'Hello, slim!'" "'$HTTP_BODY'"

http_get '/api/hash?text=hello'
expect_status 200
expect_ctype application/json
expect_json . '{"algorithm":"sha256","length":5,"digest":"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"}'

http_get '/api/hash?alg=sha512&text=abc'
expect_json '.digest[0:16]' '"ddaf35a193617aba"'

http_get '/api/hash?alg=md5' -X POST --data-binary 'The quick brown fox jumps over the lazy dog'
expect_status 200
expect_json '[.length, .digest]' '[43,"9e107d9d372bb6826bd81d3542a419d6"]'

http_get '/api/hash?alg=crc32&text=x'
expect_status 400
expect_json .error '"unknown algorithm \"crc32\""'

http_get /api/hash -X DELETE
expect_status 405

http_get /api/info
expect_status 200
expect_json '[.service, .os, (.go | startswith("go1."))]' '["hashsvc","linux",true]'

http_get /api/nothing
expect_status 404
expect_json .path '"/api/nothing"'

check_pass
