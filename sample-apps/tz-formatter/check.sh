#!/usr/bin/env bash
# tz-formatter: the offset of "now" in zones a request names (deterministic parts only), fixed instants
# converted across DST rules, and a 400 for a zone that does not exist.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init tz-formatter "$@"

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_ctype text/html
expect_body_contains '<h1>World clock</h1>'

# Zones without DST today: their offset now is fixed.
for zone_offset in Asia/Tokyo=+09:00 America/Sao_Paulo=-03:00 Asia/Kolkata=+05:30 Asia/Kathmandu=+05:45 UTC=+00:00; do
  http_get "/time?tz=${zone_offset%%=*}"
  expect_status 200
  expect_ctype application/json
  expect_json '[.tz, .offset, .dst]' "[\"${zone_offset%%=*}\",\"${zone_offset#*=}\",false]"
done
http_get '/time?tz=Asia/Tokyo'
expect_json .abbreviation '"JST"'

# Fixed instants: summer and winter rules of zones with DST.
http_get '/convert?tz=Europe/Berlin&at=2024-07-01T12:00:00Z'
expect_status 200
expect_json '[.offset, .abbreviation, .dst, .local]' '["+02:00","CEST",true,"2024-07-01T14:00:00+02:00"]'
http_get '/convert?tz=Europe/Berlin&at=2024-01-15T12:00:00Z'
expect_json '[.offset, .abbreviation, .dst, .local]' '["+01:00","CET",false,"2024-01-15T13:00:00+01:00"]'
http_get '/convert?tz=America/New_York&at=2024-07-04T16:00:00Z'
expect_json '[.offset, .abbreviation, .local]' '["-04:00","EDT","2024-07-04T12:00:00-04:00"]'
http_get '/convert?tz=Australia/Lord_Howe&at=2024-01-01T00:00:00Z'
expect_json '[.offset, .local]' '["+11:00","2024-01-01T11:00:00+11:00"]'
# Sao Paulo dropped DST in 2019: in January 2018 it was still -02:00.
http_get '/convert?tz=America/Sao_Paulo&at=2018-01-15T12:00:00Z'
expect_json '[.offset, .abbreviation]' '["-02:00","-02"]'

http_get '/time?tz=Mars/Olympus_Mons'
expect_status 400
expect_json .error '"unknown time zone: Mars/Olympus_Mons"'

http_get '/convert?tz=UTC&at=yesterday'
expect_status 400

http_get /nowhere
expect_status 404

check_pass
