#!/usr/bin/env bash
# python-flask: the inventory JSON API answers, /report works although its module is imported lazily.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init python-flask "$@"

check_start 8080
check_wait_http /healthz

http_get /
expect_status 200
expect_ctype application/json
expect_json .service '"inventory"'

http_get /healthz
expect_status 200
expect_json '[.status, .items, .report_loaded]' '["ok",5,false]'

http_get /items
expect_status 200
expect_json '.count' 5
expect_json '[.items[].name] | sort | first' '"burr grinder"'

http_get '/items?category=coffee'
expect_json '[.items[].id]' '[1,2]'

http_get /items/3
expect_status 200
expect_json '[.name, .price, .quantity]' '["burr grinder",89,3]'

http_get /items/99
expect_status 404
expect_json .error '"not found"'

# The lazily imported module (reports.py -> csv, statistics).
http_get /report
expect_status 200
expect_json '[.items, .units, .stock_value, .price_mean, .price_median]' '[5,83,795,25,11.75]'
expect_json '.categories.tea' '{"items":1,"units":20,"value":130}'

http_get /healthz
expect_json .report_loaded true

http_get /report.csv
expect_status 200
expect_ctype text/csv
expect_body_contains 'id,name,category,price,quantity,value'
expect_body_contains '3,burr grinder,equipment,89.00,3,267.00'

http_get /items -X POST -H 'Content-Type: application/json' -d '{"name":"kettle"}'
expect_status 400
expect_json .error '"category is required"'

http_get /items -X POST -H 'Content-Type: application/json' \
  -d '{"name":"gooseneck kettle","category":"equipment","price":45,"quantity":2}'
expect_status 201
expect_json '[.id, .name]' '[6,"gooseneck kettle"]'

http_get /report
expect_json '[.items, .units, .stock_value]' '[6,85,885]'

check_pass
