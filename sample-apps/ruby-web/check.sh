#!/usr/bin/env bash
# ruby-web: WEBrick renders the ERB page and answers the JSON API from the data file.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init ruby-web "$@"

check_start 4567
check_wait_http /healthz

http_get /healthz
expect_status 200
expect_json '[.status, (.ruby | startswith("3."))]' '["ok",true]'

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Shelf: 4 books, 688 pages read</h1>'
expect_body_contains '<a href="/api/books/3">The Mythical Man-Month</a>'
expect_body_contains '<td>Frederick P. Brooks Jr.</td><td>336</td><td>read</td>'

http_get /api/books
expect_status 200
expect_ctype application/json
expect_json '[.count, [.books[].id]]' '[4,[1,2,3,4]]'

http_get '/api/books?q=design'
expect_json '[.count, .books[0].author]' '[1,"John Ousterhout"]'

http_get '/api/books?status=read'
expect_json '[.books[].title]' '["The Pragmatic Programmer","The Mythical Man-Month"]'

http_get /api/books/2
expect_status 200
expect_json '[.pages, .status]' '[657,"reading"]'

http_get /api/books/9
expect_status 404
expect_json .error '"no book 9"'

http_get /api/stats
expect_json . '{"books":4,"pages":1535,"by_status":{"read":2,"reading":1,"to-read":1},"pages_read":688}'

http_get /no-such-page
expect_status 404
expect_body_contains '<h1>Not on the shelf</h1>'
expect_body_contains '<code>/no-such-page</code>'

check_pass
