#!/usr/bin/env bash
# java-http: the JDK HTTP server's page (a jar resource), the note board (POST then GET), the prime sieve.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init java-http "$@"

check_start 8080
check_wait_http /healthz

http_get /healthz
expect_status 200
expect_body_contains ok

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Notes, on com.sun.net.httpserver</h1>'

http_get /api/info
expect_status 200
expect_json '[.service, .os, (.java | startswith("17."))]' '["notes","Linux",true]'

http_get '/api/primes?limit=30'
expect_status 200
expect_json . '{"limit":30,"count":10,"largest":29,"primes":[2,3,5,7,11,13,17,19,23,29]}'

http_get '/api/primes?limit=1000000'
expect_json '[.count, .largest, (.primes | length)]' '[78498,999983,100]'

http_get '/api/primes?limit=ten'
expect_status 400
expect_json .error '"limit must be an integer, got ten"'

http_get /api/notes
expect_json .count 0

http_get /api/notes -X POST --data-binary 'keep only what runs'
expect_status 201
expect_header Location /api/notes/1
expect_json '[.id, .text, .words]' '[1,"keep only what runs",4]'

http_get /api/notes -X POST --data-binary '   '
expect_status 400

http_get /api/notes
expect_json '[.count, .notes[0].text]' '[1,"keep only what runs"]'

http_get /api/notes/1
expect_status 200
expect_json .words 4

http_get /api/notes/7
expect_status 404

http_get /api/notes -X DELETE
expect_status 405

http_get /missing
expect_status 404
expect_json .path '"/missing"'

check_pass
