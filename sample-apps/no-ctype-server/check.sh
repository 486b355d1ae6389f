#!/usr/bin/env bash
# no-ctype-server: the index page and the routes it links to, all served without any Content-Type header;
# each linked route needs files that start-up never touches (a data file, a lazily imported module, an extension).
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init no-ctype-server "$@"

expect_no_ctype() {
  if grep -qi '^content-type:' "$CHECK_TMP/headers"; then
    check_fail "$HTTP_WHAT" "no Content-Type header" "$(grep -i -m1 '^content-type:' "$CHECK_TMP/headers")"
  fi
}

check_start 8000
check_wait_http /

http_get /
expect_status 200
expect_no_ctype
server=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^server:' || true)
[[ "$server" == [Ss]erver:\ almanac/0.9\ Python/3.* ]] || check_fail "GET /" "a Server: almanac/0.9 Python/3 header" "'$server'"
expect_body_contains '<title>Almanac</title>'
expect_body_contains '<a href="/fortunes">'
expect_body_contains '<a href="/planets">'
expect_body_contains '<a href="/glyphs?text=%C3%A9%E2%82%AC%CE%BB">'

# Reads data/fortunes.txt.
http_get /fortunes
expect_status 200
expect_no_ctype
expect_body_contains '<h1>4 fortunes</h1>'
expect_body_contains '<li>The cache you forgot is the one that bites.</li>'

# Imports planets.py, which reads data/planets.json and uses statistics.
http_get /planets
expect_status 200
expect_no_ctype
expect_body_contains '<tr><td>Mars</td><td>2</td><td>1.524</td></tr>'
expect_body_contains 'median moons: 0.5; mean distance: 0.91 AU'

# Imports unicodedata.
http_get '/glyphs?text=%C3%A9%E2%82%AC%CE%BB'
expect_status 200
expect_no_ctype
expect_body_contains '<h1>3 glyphs</h1>'
expect_body_contains '<li>U+00E9 LATIN SMALL LETTER E WITH ACUTE</li>'
expect_body_contains '<li>U+20AC EURO SIGN</li>'
expect_body_contains '<li>U+03BB GREEK SMALL LETTER LAMDA</li>'

http_get /nowhere
expect_status 404
expect_body_contains 'Not here'

check_pass
