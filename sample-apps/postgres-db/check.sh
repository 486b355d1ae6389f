#!/usr/bin/env bash
# postgres-db: PostgreSQL 15 initialised by its entrypoint at first start (initdb, role, database, schema, seed
# rows), queried over its own wire protocol by the host's psql on the published port, password (scram) auth.
# Some queries need time zone data (IANA zone files) that a profiling run may never have asked for.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init postgres-db "$@"
command -v psql >/dev/null || check_fail "host psql" "a psql client on the host (Debian: postgresql-client)" "none on PATH"

# psql against the container: unaligned, tuples only, no ~/.psqlrc, errors fatal.
pg() {
  PGPASSWORD=${PGPASSWORD:-shop-secret} PGCONNECT_TIMEOUT=3 \
    psql -h 127.0.0.1 -p "$CHECK_HOSTPORT" -U shop -d shop -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}
# expect_query SQL EXPECTED: the query's output (rows on lines, columns joined by |) is exactly EXPECTED.
expect_query() {
  local out
  out=$(pg -c "$1" 2>&1) || check_fail "psql -c \"$1\"" "'$2'" "an error: $out"
  expect_eq "psql -c \"$1\"" "$2" "$out"
}

check_start 5432
# Ready when the real server (not the socket-only one of the first-start initialisation) answers over TCP.
check_wait_until "psql answering SELECT 1" pg -c 'SELECT 1'

expect_query "SELECT current_user, current_database(), current_setting('server_version_num')::int / 10000" 'shop|shop|15'
expect_query 'SELECT count(*) FROM customers' 4
expect_query 'SELECT name, orders, spent FROM customer_totals ORDER BY name' 'Aiko|2|200.00
Bruno|1|42.00
Chitra|1|310.25
Dara|0|0'
expect_query "SELECT city FROM customers WHERE name = 'Bruno'" 'São Paulo'

# Time zones: conversions in SQL, the session's zone from the client (PGTZ sends SET timezone), the zones' table.
expect_query "SELECT to_char(placed_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') FROM orders WHERE id = 102" '2024-03-03 08:10'
expect_query "SELECT to_char(placed_at AT TIME ZONE 'America/Sao_Paulo', 'YYYY-MM-DD HH24:MI') FROM orders WHERE id = 103" '2024-03-02 23:45'
expect_query "SELECT (now() AT TIME ZONE 'Asia/Tokyo') - (now() AT TIME ZONE 'UTC')" '09:00:00'
expect_query "SELECT utc_offset FROM pg_timezone_names WHERE name = 'Asia/Kolkata'" '05:30:00'
out=$(PGTZ=Asia/Kolkata pg -c "SELECT current_setting('TimeZone'), to_char(placed_at, 'YYYY-MM-DD HH24:MI TZH:TZM') FROM orders WHERE id = 104" 2>&1) \
  || check_fail "PGTZ=Asia/Kolkata psql" "a result" "an error: $out"
expect_eq "PGTZ=Asia/Kolkata psql (session time zone)" 'Asia/Kolkata|2024-03-03 23:30 +05:30' "$out"

# Writes, and the constraints that guard them.
expect_query "INSERT INTO orders VALUES (105, 4, '2024-03-04 09:00:00+00', 15.75) RETURNING id" 105
expect_query "SELECT spent FROM customer_totals WHERE name = 'Dara'" '15.75'
if out=$(pg -c "INSERT INTO orders VALUES (106, 4, now(), -1)" 2>&1); then
  check_fail "psql: INSERT a negative total" "an error (check constraint)" "success: $out"
fi
case "$out" in
  *'violates check constraint "orders_total_check"'*) ;;
  *) check_fail "psql: INSERT a negative total" "a check constraint violation" "$out" ;;
esac
if out=$(pg -c "INSERT INTO orders VALUES (107, 99, now(), 1)" 2>&1); then
  check_fail "psql: INSERT for a missing customer" "an error (foreign key)" "success: $out"
fi
case "$out" in
  *'violates foreign key constraint'*) ;;
  *) check_fail "psql: INSERT for a missing customer" "a foreign key violation" "$out" ;;
esac

# TCP connections need the password.
if out=$(PGPASSWORD=wrong pg -c 'SELECT 1' 2>&1); then
  check_fail "psql with a wrong password" "refused" "accepted: $out"
fi
case "$out" in
  *'password authentication failed for user "shop"'*) ;;
  *) check_fail "psql with a wrong password" "password authentication failed" "$out" ;;
esac

check_pass
