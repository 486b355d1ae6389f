#!/usr/bin/env bash
# apache-cgi: Apache (prefork) serves its static page, a shell and a Perl CGI script, rewritten URLs and
# mod_headers headers; the children run as www-data under a root parent.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init apache-cgi "$@"

check_start 80
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Apache, prefork, CGI</h1>'
expect_header X-Zoo-Stack apache-prefork-cgi
server=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^server:' || true)
[[ "$server" == [Ss]erver:\ Apache/2.4.*\(Debian\)* ]] || check_fail "GET /" "a Server: Apache/2.4 (Debian) header" "'$server'"

http_get /style.css
expect_status 200
expect_ctype text/css
expect_header Cache-Control max-age=3600
expect_body_contains 'color: #a0001e'

# The shell script (#!/bin/sh), through mod_cgi.
http_get '/cgi-bin/hello.sh?name=visitor'
expect_status 200
expect_ctype text/plain
expect_header X-Script hello.sh
expect_header X-Zoo-Stack apache-prefork-cgi
expect_eq "GET /cgi-bin/hello.sh?name=visitor" 'hello, visitor
user: www-data
gateway: CGI/1.1
method: GET
script: /cgi-bin/hello.sh
upper: VISITOR' "$HTTP_BODY"

# The Perl script (#!/usr/bin/perl), GET and POST.
http_get '/cgi-bin/sum.pl?n=1,2,3,40'
expect_status 200
expect_ctype application/json
expect_json '[.count, .sum, .min, .max, .method]' '[4,46,1,40,"GET"]'
expect_json '.perl | startswith("5.")' true
http_get /cgi-bin/sum.pl -X POST --data 'n=-5%2C10%2C7'
expect_status 200
expect_json '[.count, .sum, .min, .max, .method]' '[3,12,-5,10,"POST"]'
http_get '/cgi-bin/sum.pl?n=1,x'
expect_status 400
expect_json .error '"n must be a comma-separated list of integers"'

# mod_rewrite: onto the scripts (passed through), and a permanent redirect.
http_get /hello/zoo
expect_status 200
expect_body_contains 'hello, zoo'
expect_body_contains 'script: /cgi-bin/hello.sh'
http_get /sum/20,22
expect_status 200
expect_json '[.count, .sum]' '[2,42]'
http_get /old-index.html
expect_status 301
location=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^location:' | cut -d' ' -f2- || true)
[[ "$location" == http://*/index.html ]] || check_fail "GET /old-index.html" "Location: http://.../index.html" "'$location'"

http_get /no-such-page
expect_status 404
expect_header X-Zoo-Stack apache-prefork-cgi

# Prefork: a root parent and www-data (uid 33) children.
uids=$(docker top "$CID" -o pid,uid,comm | awk 'NR > 1 && $3 == "apache2" { print $2 }' | sort -u | tr '\n' ' ')
[ "$uids" = "0 33 " ] || check_fail "docker top (uids of the apache2 processes)" "'0 33 ' (root parent, www-data children)" "'$uids'"

check_pass
