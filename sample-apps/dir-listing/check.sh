#!/usr/bin/env bash
# dir-listing: the full, sorted listing of the shelf (names, types, sizes), a subdirectory's listing, files
# served by name (also ones no listing opens), and refusals outside the shelf.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init dir-listing "$@"

check_start 3000
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains 'href="/files"'

http_get /files
expect_status 200
expect_ctype application/json
expect_json '[.dir, .count]' '[".",5]'
expect_json '[.entries[].name]' '["README.md","a.txt","archive","b.txt","config.json"]'
expect_json '[.entries[] | [.name, .type, .size]]' '[["README.md","file",64],["a.txt","file",6],["archive","dir",null],["b.txt","file",12],["config.json","file",29]]'

http_get /files/archive
expect_status 200
expect_json '[.dir, [.entries[] | [.name, .size]]]' '["archive",[["2019.txt",16],["2020.txt",16]]]'

http_get /file/a.txt
expect_status 200
expect_ctype text/plain
expect_eq "GET /file/a.txt" alpha "$HTTP_BODY"

# Files the start-up and the index page never open.
http_get /file/config.json
expect_status 200
expect_ctype application/json
expect_json '[.shelf, .version]' '["demo",3]'

http_get /file/archive/2020.txt
expect_status 200
expect_eq "GET /file/archive/2020.txt" 'old notes, 2020' "$HTTP_BODY"

http_get /file/README.md
expect_body_contains 'little is read.'

http_get /file/missing.txt
expect_status 404
http_get /files/a.txt
expect_status 400
expect_json .error '"not a directory"'
http_get /files/%2e%2e%2fetc --path-as-is
expect_status 400
expect_json .error '"outside the shelf"'

check_pass
