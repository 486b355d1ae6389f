#!/usr/bin/env bash
# framework-app: Django (templates with inheritance, a custom filter, time zone aware dates, SQLite rows)
# under gunicorn: rendered pages, the JSON API, a collected static file, the custom 404 page.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init framework-app "$@"

check_start 8000
check_wait_http /healthz

http_get /healthz
expect_status 200
expect_json '[.status, .plants]' '["ok",4]'

http_get /
expect_status 200
expect_ctype text/html
expect_header X-Frame-Options DENY
server=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 '^server:' || true)
[[ "$server" == [Ss]erver:\ gunicorn* ]] || check_fail "GET /" "a Server: gunicorn header" "'$server'"
expect_body_contains '<title>Garden · 4 plants</title>'
expect_body_contains '<link rel="stylesheet" href="/static/plants/garden.css">'
expect_body_contains '<li><a href="/plants/hosta/">Hosta</a> (partial shade, water every 5 days)</li>'
expect_body_contains '<li><a href="/plants/rosemary/">Rosemary</a> (full sun, water every 2 weeks)</li>'
first=$(grep -o '<li><a href="/plants/[a-z]*/">' "$CHECK_TMP/body" | head -1)
expect_eq "GET / (first plant, ordered by name)" '<li><a href="/plants/hosta/">' "$first"

# Dates are stored in UTC and shown in the site's zone (Europe/Paris): summer and winter time.
http_get /plants/lavender/
expect_status 200
expect_body_contains '<h1>Lavender <em>Lavandula angustifolia</em></h1>'
expect_body_contains '<p class="care">Full sun; water every 10 days.</p>'
expect_body_contains '<p class="planted">Planted 1 April 2024, 14:00 CEST</p>'
http_get /plants/rosemary/
expect_body_contains '<p class="planted">Planted 24 December 2022, 17:45 CET</p>'

http_get /api/plants
expect_status 200
expect_ctype application/json
expect_json '[.count, [.plants[].slug]]' '[4,["hosta","fern","lavender","rosemary"]]'
http_get '/api/plants?sun=full'
expect_json '[.plants[].name]' '["Lavender","Rosemary"]'
http_get '/api/plants?sun=moon'
expect_status 400
expect_json .error '"sun must be one of full, partial, shade"'
http_get /api/plants/fern
expect_status 200
expect_json '[.latin, .water_every_days, .planted]' '["Athyrium filix-femina",3,"2023-10-15T09:30:00+00:00"]'
http_get /api/plants/cactus
expect_status 404
expect_json .error '"no such plant"'

http_get /static/plants/garden.css
expect_status 200
expect_ctype text/css
expect_body_contains 'background: #f4f8f1'

http_get /plants/cactus/
expect_status 404
expect_body_contains '<h1>Nothing grows here</h1>'
expect_body_contains '/plants/cactus/ is not a page of the garden.'

check_pass
