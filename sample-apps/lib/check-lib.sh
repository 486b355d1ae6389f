# Helpers shared by the samples' functional checks (sample-apps/*/check.sh). Source it, do not run it.
#
# The contract of every check:   check.sh IMAGE [extra docker run args...]
#   - extra args go before the image on every `docker run` (e.g. --security-opt seccomp=profile.json);
#   - containers are labelled org.slim.check=NAME, published on 127.0.0.1 only, and always removed;
#   - on failure: the containers' logs, then one line "FAIL [NAME] what: expected X, got Y", exit 1.
#
# Usage in a check.sh:
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
#   check_init my-sample "$@"
#   check_start 8080              # docker run -d ... -p 127.0.0.1::8080 IMAGE
#   check_wait_http /             # bounded readiness wait, fails fast if the container exited
#   http_get /api; expect_status 200; expect_json .name '"x"'
#   check_pass

CHECK_NAME=""
CHECK_IMAGE=""
CHECK_RUN_ARGS=()
CHECK_CONTAINERS=()
CHECK_SEQ=0
CHECK_TMP=$(mktemp -d "${TMPDIR:-/tmp}/slim-check.XXXXXX")
CHECK_READY_SECONDS=${CHECK_READY_SECONDS:-30}
CID=""
BASE_URL=""
HTTP_STATUS=""
HTTP_CTYPE=""
HTTP_BODY=""
HTTP_WHAT=""

check__cleanup() {
  local c
  for c in ${CHECK_CONTAINERS[@]+"${CHECK_CONTAINERS[@]}"}; do
    docker rm -f "$c" >/dev/null 2>&1 || true
  done
  rm -rf "$CHECK_TMP"
}
trap check__cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# check_init NAME IMAGE [docker run args...]
check_init() {
  CHECK_NAME=$1
  shift
  if [ $# -lt 1 ] || [ -z "$1" ]; then
    echo "usage: check.sh IMAGE [extra docker run args...]" >&2
    exit 2
  fi
  CHECK_IMAGE=$1
  shift
  CHECK_RUN_ARGS=("$@")
}

# One line, single-spaced, at most 300 characters: for quoting bodies and outputs in failure messages.
check__oneline() {
  local s
  s=$(printf '%s' "$1" | tr '\n\r\t' '   ' | tr -s ' ')
  [ ${#s} -le 300 ] || s="${s:0:300}..."
  printf '%s' "$s"
}

# check_fail WHAT EXPECTED GOT
check_fail() {
  local c
  for c in ${CHECK_CONTAINERS[@]+"${CHECK_CONTAINERS[@]}"}; do
    if docker inspect "$c" >/dev/null 2>&1; then
      echo "----- logs of $c ($(docker inspect -f 'running={{.State.Running}} exit={{.State.ExitCode}}' "$c" 2>/dev/null)) -----" >&2
      docker logs --tail 40 "$c" 2>&1 | sed 's/^/  | /' >&2 || true
    fi
  done
  echo "FAIL [$CHECK_NAME] $1: expected $2, got $(check__oneline "$3")" >&2
  exit 1
}

check_pass() {
  echo "PASS [$CHECK_NAME] $CHECK_IMAGE"
}

check__new_name() {
  CHECK_SEQ=$((CHECK_SEQ + 1))
  CID="slim-check-$CHECK_NAME-$$-$CHECK_SEQ"
  # Registered before it exists: a container that was created but failed to start is removed too.
  CHECK_CONTAINERS+=("$CID")
}

# check_start CONTAINER_PORT [command args...]: detached, the port published on 127.0.0.1 at a random host port.
check_start() {
  local port=$1 out
  shift
  check__new_name
  CHECK_PORT=$port
  BASE_URL=""
  if ! out=$(docker run -d --pull never --name "$CID" --label "org.slim.check=$CHECK_NAME" -p "127.0.0.1::$port" \
      ${CHECK_RUN_ARGS[@]+"${CHECK_RUN_ARGS[@]}"} "$CHECK_IMAGE" "$@" 2>&1); then
    check_fail "docker run -d $CHECK_IMAGE" "a started container" "$out"
  fi
}

# check_wait_http [PATH]: waits (bounded) until the app answers HTTP on PATH, any status.
# Fails at once when the container is not running any more.
check_wait_http() {
  local path=${1:-/} deadline=$((SECONDS + CHECK_READY_SECONDS)) state hostport
  while :; do
    state=$(docker inspect -f '{{.State.Running}} {{.State.ExitCode}}' "$CID" 2>/dev/null || echo "missing -")
    if [ "${state%% *}" != true ]; then
      check_fail "container start" "the app to keep running and serve :$CHECK_PORT" "a container that is not running (running=${state%% *}, exit code ${state#* })"
    fi
    if [ -z "$BASE_URL" ]; then
      hostport=$(docker port "$CID" "$CHECK_PORT/tcp" 2>/dev/null | grep -m1 '^127\.0\.0\.1:' || true)
      [ -z "$hostport" ] || BASE_URL="http://$hostport"
    fi
    if [ -n "$BASE_URL" ] && curl -s -o /dev/null --max-time 2 "$BASE_URL$path"; then
      return 0
    fi
    if [ $SECONDS -ge $deadline ]; then
      check_fail "readiness" "an HTTP answer on :$CHECK_PORT$path within ${CHECK_READY_SECONDS}s" "no answer (url ${BASE_URL:-unpublished})"
    fi
    sleep 0.25
  done
}

# http_get PATH [curl args...]: sets HTTP_STATUS, HTTP_CTYPE, HTTP_BODY (and the headers in $CHECK_TMP/headers).
http_get() {
  local path=$1 meta rc=0
  shift
  if [ $# -gt 0 ]; then HTTP_WHAT="curl $* $path"; else HTTP_WHAT="GET $path"; fi
  meta=$(curl -s --max-time 10 -o "$CHECK_TMP/body" -D "$CHECK_TMP/headers" \
    -w '%{http_code} %{content_type}' "$@" "$BASE_URL$path") || rc=$?
  [ $rc -eq 0 ] || check_fail "$HTTP_WHAT" "an HTTP response" "curl error (exit $rc)"
  HTTP_STATUS=${meta%% *}
  HTTP_CTYPE=${meta#* }
  HTTP_BODY=$(tr -d '\000' <"$CHECK_TMP/body")
}

# expect_status CODE: of the last http_get.
expect_status() {
  [ "$HTTP_STATUS" = "$1" ] || check_fail "$HTTP_WHAT" "status $1" "status $HTTP_STATUS, body: $HTTP_BODY"
}

# expect_ctype PREFIX: the last response's Content-Type starts with PREFIX.
expect_ctype() {
  case "$HTTP_CTYPE" in
    "$1"*) ;;
    *) check_fail "$HTTP_WHAT" "Content-Type $1" "Content-Type '$HTTP_CTYPE'" ;;
  esac
}

# expect_body_contains TEXT: of the last http_get (fixed string).
expect_body_contains() {
  grep -qF -- "$1" "$CHECK_TMP/body" || check_fail "$HTTP_WHAT" "body containing '$1'" "body: $HTTP_BODY"
}

# expect_header NAME VALUE: a response header of the last http_get (name case-insensitive, value exact).
expect_header() {
  local got
  got=$(tr -d '\r' <"$CHECK_TMP/headers" | grep -i -m1 "^$1:" | cut -d: -f2- | sed 's/^ *//' || true)
  [ "$got" = "$2" ] || check_fail "$HTTP_WHAT" "header $1: $2" "header $1: '${got}'"
}

# expect_json FILTER EXPECTED: `jq -c FILTER` on the last body equals EXPECTED (JSON text, e.g. '"ok"', 3, true).
expect_json() {
  json_expect "$HTTP_WHAT" "$HTTP_BODY" "$1" "$2"
}

# json_expect WHAT JSON FILTER EXPECTED
json_expect() {
  local got
  if ! got=$(printf '%s' "$2" | jq -c "$3" 2>/dev/null); then
    check_fail "$1" "JSON with $3 == $4" "not JSON: $2"
  fi
  [ "$got" = "$4" ] || check_fail "$1" "$3 == $4" "$3 == $got (body: $2)"
}

# cli_run [--stdin TEXT] [args...]: runs the image to completion (bounded), stdin attached when given.
# Sets CLI_RC, CLI_OUT (stdout), CLI_ERR (stderr), CLI_WHAT.
cli_run() {
  local stdin="" with_stdin=false
  if [ "${1:-}" = --stdin ]; then
    stdin=$2
    with_stdin=true
    shift 2
  fi
  check__new_name
  CLI_WHAT="docker run${*:+ IMAGE $*}"
  local cmd=(docker run --pull never --name "$CID" --label "org.slim.check=$CHECK_NAME")
  if $with_stdin; then
    CLI_WHAT="printf ... | docker run -i${*:+ IMAGE $*}"
    set +e
    printf '%s' "$stdin" | timeout 60 "${cmd[@]}" -i ${CHECK_RUN_ARGS[@]+"${CHECK_RUN_ARGS[@]}"} "$CHECK_IMAGE" "$@" \
      >"$CHECK_TMP/out" 2>"$CHECK_TMP/err"
    CLI_RC=$?
    set -e
  else
    set +e
    timeout 60 "${cmd[@]}" ${CHECK_RUN_ARGS[@]+"${CHECK_RUN_ARGS[@]}"} "$CHECK_IMAGE" "$@" \
      </dev/null >"$CHECK_TMP/out" 2>"$CHECK_TMP/err"
    CLI_RC=$?
    set -e
  fi
  CLI_OUT=$(cat "$CHECK_TMP/out")
  CLI_ERR=$(cat "$CHECK_TMP/err")
  docker rm -f "$CID" >/dev/null 2>&1 || true
}

# expect_rc CODE: of the last cli_run.
expect_rc() {
  [ "$CLI_RC" = "$1" ] || check_fail "$CLI_WHAT" "exit code $1" "exit code $CLI_RC, stdout: $CLI_OUT, stderr: $CLI_ERR"
}

# expect_out TEXT: the last cli_run's stdout is exactly TEXT.
expect_out() {
  [ "$CLI_OUT" = "$1" ] || check_fail "$CLI_WHAT" "stdout '$1'" "stdout '$CLI_OUT', stderr: $CLI_ERR"
}

# expect_err_contains TEXT: the last cli_run's stderr contains TEXT.
expect_err_contains() {
  case "$CLI_ERR" in
    *"$1"*) ;;
    *) check_fail "$CLI_WHAT" "stderr containing '$1'" "stderr '$CLI_ERR', stdout: $CLI_OUT" ;;
  esac
}

# check_wait_until WHAT COMMAND [args...]: for servers that do not speak HTTP. Waits (bounded) until COMMAND
# succeeds; CHECK_HOSTPORT holds the host port published for the CONTAINER_PORT of the last check_start (on
# 127.0.0.1) before COMMAND first runs. Fails at once when the container is not running any more.
CHECK_HOSTPORT=""
check_wait_until() {
  local what=$1 deadline=$((SECONDS + CHECK_READY_SECONDS)) state hostport out=""
  shift
  CHECK_HOSTPORT=""
  while :; do
    state=$(docker inspect -f '{{.State.Running}} {{.State.ExitCode}}' "$CID" 2>/dev/null || echo "missing -")
    if [ "${state%% *}" != true ]; then
      check_fail "container start" "the app to keep running and serve :$CHECK_PORT" "a container that is not running (running=${state%% *}, exit code ${state#* })"
    fi
    if [ -z "$CHECK_HOSTPORT" ]; then
      hostport=$(docker port "$CID" "$CHECK_PORT/tcp" 2>/dev/null | grep -m1 '^127\.0\.0\.1:' || true)
      [ -z "$hostport" ] || CHECK_HOSTPORT=${hostport##*:}
    fi
    if [ -n "$CHECK_HOSTPORT" ] && out=$("$@" 2>&1); then
      return 0
    fi
    if [ $SECONDS -ge $deadline ]; then
      check_fail "readiness" "$what on :$CHECK_PORT within ${CHECK_READY_SECONDS}s" "${out:-no answer (port ${CHECK_HOSTPORT:-unpublished})}"
    fi
    sleep 0.25
  done
}

# expect_eq WHAT EXPECTED GOT: for answers that are neither HTTP nor a cli_run (e.g. a database client's output).
expect_eq() {
  [ "$3" = "$2" ] || check_fail "$1" "'$2'" "'$3'"
}
