#!/usr/bin/env bash
# The tracer's overhead, in one run: wall time of two workloads untraced, traced with the seccomp filter
# (SECCOMP_RET_TRACE, the default) and traced with PTRACE_SYSCALL (--mode syscall), all in containers with the
# same capabilities. Prints the times and the ratios to the untraced run.
#   bench/tracer.sh [--loops N] [--requests N] [--repeat N]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/bench/tracer"
loops=50000
requests=2000
repeat=3
while [ $# -gt 0 ]; do
  case "$1" in
    --loops) loops=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: $0 [--loops N] [--requests N] [--repeat N]" >&2; exit 2 ;;
  esac
done

cd "$root"
[ -x bin/tracer/slim-tracer ] || make -s tracer >/dev/null
image="slim-bench/tracer-python:$(cat "$here/Dockerfile" | sha256sum | cut -c1-12)"
if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "building $image (python3 on the Debian base)..." >&2
  docker build -q -t "$image" "$here" >/dev/null
fi

containers=()
cleanup() { for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT INT TERM

# create MODE [docker create options...] -- CMD...: a container whose entry point is CMD, traced or not.
create() {
  local mode=$1; shift
  local opts=()
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done; shift
  local entry=("$@")
  local caps=(--label slim-bench=tracer --cap-add SYS_PTRACE --cap-add SYS_ADMIN
              --security-opt seccomp=unconfined --security-opt apparmor=unconfined)
  local id
  if [ "$mode" = none ]; then
    id=$(docker create "${caps[@]}" "${opts[@]}" --entrypoint "${entry[0]}" "$image" "${entry[@]:1}")
  else
    id=$(docker create "${caps[@]}" "${opts[@]}" --entrypoint /.slim/ld-linux-x86-64.so.2 "$image" \
      --library-path /.slim/lib /.slim/slim-tracer run --mode "$mode" -- "${entry[@]}")
  fi
  docker cp bin/tracer/. "$id:/.slim/" >/dev/null
  containers+=("$id")
  echo "$id"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

syscall_loop() {  # mode -> seconds (median of $repeat runs)
  for _ in $(seq "$repeat"); do
    local id; id=$(create "$1" -- python3 -c "$(cat "$here/syscall_loop.py")" "$loops")
    docker start -a "$id" | tail -n 1
    docker rm -f "$id" >/dev/null
  done | median
}

http_server() {  # mode -> seconds for $requests requests
  local id; id=$(create "$1" -p 127.0.0.1::8000 -w /srv/www -- python3 -m http.server 8000)
  docker start "$id" >/dev/null
  local port; port=$(docker port "$id" 8000/tcp | head -n 1 | sed 's/.*://')
  python3 "$here/http_client.py" "$port" "$requests"
  docker stop -t 10 "$id" >/dev/null
  if [ "$1" != none ]; then  # the traced run must have produced a report with the requests in it
    docker cp "$id:/.slim/artifacts/trace.json" - | tar -xO | python3 -c \
      'import json,sys; r=json.load(sys.stdin); assert any(s["name"]=="accept4" for s in r["syscalls"]), "no accept4 in report"'
  fi
  docker rm -f "$id" >/dev/null
}

printf 'tracer overhead (%s; %s loop iterations, %s HTTP requests; loop: median of %s)\n' "$(uname -r)" "$loops" "$requests" "$repeat"
printf '%-34s %10s %10s %10s\n' workload untraced seccomp syscall
declare -A t
for mode in none seccomp syscall; do t[loop_$mode]=$(syscall_loop $mode); done
for mode in none seccomp syscall; do t[http_$mode]=$(http_server $mode); done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
for w in loop http; do
  name=$([ $w = loop ] && echo "syscall loop (stat/open/read)" || echo "http.server, $requests requests")
  printf '%-34s %9ss %9ss %9ss\n' "$name" "${t[${w}_none]}" "${t[${w}_seccomp]}" "${t[${w}_syscall]}"
  printf '%-34s %10s %10s %10s\n' "  ratio to untraced" "1.00x" "$(ratio "${t[${w}_seccomp]}" "${t[${w}_none]}")" "$(ratio "${t[${w}_syscall]}" "${t[${w}_none]}")"
done
echo "seccomp (one stop per call) vs PTRACE_SYSCALL (two): loop $(ratio "${t[loop_syscall]}" "${t[loop_seccomp]}") faster, http $(ratio "${t[http_syscall]}" "${t[http_seccomp]}") faster"
