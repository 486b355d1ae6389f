#!/usr/bin/env bash
# nonroot-shell: busybox httpd started by a shell-form CMD serves the page and CGI scripts, as user app (10001).
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init nonroot-shell "$@"

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Least privilege</h1>'
expect_body_contains 'href="/cgi-bin/whoami"'

# The CGI script reports the identity it runs under: the image's USER, not root.
http_get /cgi-bin/whoami
expect_status 200
expect_ctype application/json
expect_json '[.uid, .gid, .user, .group]' '[10001,10001,"app","app"]'
expect_json '[.home, .home_writable, .etc_passwd_writable]' '["/home/app",true,false]'

# Seen from the host too: every process of the container runs as uid 10001.
uids=$(docker top "$CID" -o pid,uid | awk 'NR > 1 { print $2 }' | sort -u | tr '\n' ' ')
[ "$uids" = "10001 " ] || check_fail "docker top (uids of the container's processes)" "only 10001" "'$uids'"

http_get /cgi-bin/counter
expect_status 200
expect_body_contains 'visits: 1'
http_get /cgi-bin/counter
expect_body_contains 'visits: 2'

http_get /missing.html
expect_status 404

check_pass
