#!/usr/bin/env bash
# php-fpm-nginx: nginx passes .php requests over a unix socket to php-fpm's workers (www-data); the
# extensions php-fpm loaded from its scan dir, iconv into character sets the request names, a session
# counter whose file the worker writes, and both processes in `docker top`.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init php-fpm-nginx "$@"

check_start 8080
check_wait_http /style.css

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>Ledger</h1>'
grep -qi '^X-Powered-By: PHP/8\.2\.' "$CHECK_TMP/headers" || check_fail "GET /" "X-Powered-By: PHP/8.2.x" "$(tr -d '\r' <"$CHECK_TMP/headers")"

http_get /style.css
expect_status 200
expect_ctype text/css

http_get /info.php
expect_status 200
expect_json '[.sapi, .version, .user, .opcache, .ctype, .timezone]' '["fpm-fcgi","8.2","www-data",true,true,"UTC"]'
for ext in ctype iconv posix tokenizer "zend opcache" json date pcre; do
  expect_json "(.extensions | index(\"$ext\")) != null" true
done

# glibc's iconv: UTF-8 and ASCII are built in, the other sets are gconv modules loaded when first named.
http_get '/convert.php?text=Caf%C3%A9&to=ASCII//TRANSLIT'
expect_json '[.hex, .length]' '["43616665",4]'
http_get '/convert.php?text=%E2%82%AC5&to=ISO-8859-15'
expect_status 200
expect_json '[.hex, .length]' '["a435",2]'
http_get '/convert.php?text=%E6%97%A5%E6%9C%AC&to=SHIFT_JIS'
expect_status 200
expect_json .hex '"93fa967b"'
http_get '/convert.php?text=%E2%82%AC&to=CP1252'
expect_json .hex '"80"'
http_get '/convert.php?text=x&to=NO-SUCH-SET'
expect_status 400

# The session file is written by the worker; the cookie brings it back.
http_get /visit.php -c "$CHECK_TMP/jar" -b "$CHECK_TMP/jar"
expect_json .visits 1
http_get /visit.php -c "$CHECK_TMP/jar" -b "$CHECK_TMP/jar"
expect_json .visits 2

http_get '/sum.php?n=1000'
expect_json .sum 500500
http_get '/sum.php?n=zero'
expect_status 400

http_get /missing.php
expect_status 404
http_get /nothing-here
expect_status 404

# nginx (PID 1 after the exec), php-fpm's master (root) and its two www-data workers.
top=$(docker top "$CID" -o pid,user,args)
grep -q 'nginx: master process' <<<"$top" || check_fail "docker top" "nginx's master process" "$top"
grep -q 'php-fpm: master process' <<<"$top" || check_fail "docker top" "php-fpm's master process" "$top"
workers=$(grep -c 'php-fpm: pool www' <<<"$top" || true)
expect_eq "php-fpm workers in docker top" 2 "$workers"

check_pass
