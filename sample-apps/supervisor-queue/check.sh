#!/usr/bin/env bash
# supervisor-queue: supervisord runs a web front and a shell worker; a POSTed job is processed by the worker
# (wc, sha256sum, tr: tools only a job makes it run), supervisord reports both programs RUNNING over its unix
# socket (to the web front and to supervisorctl), and the engine's HEALTHCHECK (supervisorctl status) says healthy.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init supervisor-queue "$@"

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_body_contains '<h1>Queue</h1>'

http_get /status
expect_status 200
expect_json . '{"web":"RUNNING","worker":"RUNNING"}'

http_get /jobs -X POST --data-binary 'hello queued world'
expect_status 202
id=$(printf '%s' "$HTTP_BODY" | jq -r .id)
deadline=$((SECONDS + 10))
while :; do
  http_get "/jobs/$id"
  [ "$HTTP_STATUS" != 202 ] && break
  [ $SECONDS -lt $deadline ] || check_fail "GET /jobs/$id" "the worker to finish the job within 10 s" "still queued"
  sleep 0.2
done
expect_status 200
expect_json '[.words, .sha256, .upper]' '[3,"'"$(printf 'hello queued world' | sha256sum | cut -d' ' -f1)"'","HELLO QUEUED WORLD"]'

http_get /jobs
expect_json '[.done, .pending]' '[1,0]'
http_get /jobs -X POST --data-binary '   '
expect_status 400
http_get /jobs/nosuchjob
expect_status 404
http_get /jobs/..%2Fx
expect_status 400

# What an operator and the engine ask: supervisorctl over the socket, and the HEALTHCHECK's verdict.
status=$(docker exec "$CID" supervisorctl -c /etc/supervisor/supervisord.conf status 2>&1 | awk '{print $1, $2}' | tr '\n' ' ' || true)
expect_eq "supervisorctl status" "web RUNNING worker RUNNING " "$status"
deadline=$((SECONDS + 20))
while :; do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$CID")
  [ "$health" = starting ] || break
  [ $SECONDS -lt $deadline ] || break
  sleep 0.5
done
expect_eq "HEALTHCHECK status" healthy "$health"

check_pass
