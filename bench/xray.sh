#!/usr/bin/env bash
# Benchmark: `slim xray` on a >= 1 GiB image, from the engine and from a docker-archive, with content hashing on.
# Prints wall time and peak RSS (from /usr/bin/time -v) and the figures xray found; fails when peak RSS reaches
# the 200 MiB budget (issue 5).
#   bench/xray.sh                 (uses bin/slim; `make build` first)
#   SLIM=path/to/slim bench/xray.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
slim=${SLIM:-$root/bin/slim}
image=slim-bench/xray:latest
budget_kib=$((200 * 1024))
[ -x "$slim" ] || { echo "bench: $slim not found; run make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "bench: building $image (once)" >&2
  docker build -q -t "$image" "$here/xray" >/dev/null
fi

work=$(mktemp -d /var/tmp/slim-bench-xray.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# run NAME TARGET: xray --json with /usr/bin/time -v; prints one line of figures
status=0
run() {
  local name=$1 target=$2
  /usr/bin/time -v -o "$work/$name.time" "$slim" xray --target "$target" --json >"$work/$name.json" 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2; exit 1; }
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$work/$name.time")
  local verdict=ok
  [ "$rss" -lt "$budget_kib" ] || { verdict="OVER BUDGET"; status=1; }
  printf '%-8s wall %-8s peak RSS %6d KiB (%d MiB, budget 200 MiB: %s)\n' "$name" "$wall" "$rss" $((rss / 1024)) "$verdict"
  jq -r '"         image \(.imageSize) bytes in \(.layers | length) layers, \(.fileCount) files; efficiency \(.efficiency); wasted \(.wastedBytes) bytes; user wasted \(.userWastedPercent) %; duplicates \(.duplicateGroupCount) groups, \(.duplicateWastedBytes) bytes"' "$work/$name.json"
}

echo "slim xray on $image ($(docker image inspect --format '{{.Size}}' "$image") bytes as the engine counts them)"
run daemon "docker-daemon:$image"
docker save "$image" -o "$work/image.tar"
run archive "docker-archive:$work/image.tar"
exit $status
