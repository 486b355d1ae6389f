#!/usr/bin/env bash
# node-http: the quotes server answers, and serves the quotes it reads from data/quotes.json on each request.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init node-http "$@"

check_start 3000
check_wait_http /healthz

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Quotes on less</h1>'
expect_body_contains 'href="/quotes"'

http_get /healthz
expect_json .status '"ok"'
expect_json '.node | startswith("18.")' true

http_get /quotes
expect_status 200
expect_ctype application/json
expect_json .count 5
expect_json '[.quotes[].id]' '[1,2,3,4,5]'

http_get '/quotes?author=dijkstra'
expect_json '[.count, .quotes[0].text]' '[1,"Simplicity is prerequisite for reliability."]'

http_get /quote/3
expect_status 200
expect_json '.author' '"Ken Thompson"'
expect_body_contains 'throwing away 1,000 lines'

http_get /quote/1
expect_json '.author' '"Antoine de Saint-Exupéry"'

# The quote of the day is the data file's entry number (day of the year modulo 5), as the server sees it.
http_get /quote
expect_status 200
expect_json '.of' 5
day_index=$(jq -r .day_index <<<"$HTTP_BODY")
expected_id=$((day_index + 1))
expect_json .id "$expected_id"

http_get /quote/42
expect_status 404
expect_json .error '"no quote 42"'

http_get /nowhere
expect_status 404
expect_json .path '"/nowhere"'

check_pass
