#!/usr/bin/env bash
# nginx-static: the site's pages and assets, the headers from the included snippet, the custom 404 page.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init nginx-static "$@"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

check_start 80
check_wait_http /healthz

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<title>Field Notes</title>'
expect_body_contains 'href="/about.html"'
server=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^server:' || true)
[[ "$server" == [Ss]erver:\ nginx* ]] || check_fail "GET /" "a Server: nginx header" "'$server'"
# From snippets/site-headers.conf, included by conf.d/site.conf.
expect_header X-Served-By field-notes
expect_header X-Frame-Options DENY

http_get /about.html
expect_status 200
expect_body_contains 'Nothing here is generated'

http_get /docs/
expect_status 200
expect_body_contains 'href="getting-started.html"'

http_get /docs/getting-started.html
expect_status 200
expect_body_contains '<h1>Getting started</h1>'

http_get /css/site.css
expect_status 200
expect_ctype text/css
expect_body_contains '.missing h1'
expect_header Cache-Control max-age=604800

http_get /img/logo.svg
expect_status 200
expect_ctype image/svg+xml
expect_body_contains '<title>Field Notes</title>'

http_get /img/badge.png
expect_status 200
expect_ctype image/png
want=$(sha256sum <"$here/site/img/badge.png" | cut -d' ' -f1)
got=$(sha256sum <"$CHECK_TMP/body" | cut -d' ' -f1)
[ "$got" = "$want" ] || check_fail "GET /img/badge.png" "the PNG of the site (sha256 $want)" "sha256 $got"

http_get /manual
expect_status 301
expect_header Location /docs/

http_get /docs
expect_status 301
expect_header Location /docs/

# The custom error page, with the snippet's headers.
http_get /no/such/page.html
expect_status 404
expect_ctype text/html
expect_body_contains '404 · This page wandered off'
expect_header X-Served-By field-notes

# The error page itself is internal only... and still answers with the custom 404.
http_get /404.html
expect_status 404
expect_body_contains 'This page wandered off'

check_pass
