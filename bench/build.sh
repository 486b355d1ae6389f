#!/usr/bin/env bash
# slim build on every sample app: sizes, ratio against the original and against the size floor,
# the slim size without data families kept whole, files kept, syscalls allowed, repair rounds used, and the build's wall time against a time floor measured in the
# same run (start the original, make the same requests untraced, docker save of the original,
# docker load of the result). Prints a table; the targets are in the header. Needs `make build`.
# Each time is the best of RUNS (default 2) rounds, build and floor alike: a 2-core machine is noisy.
#   RUNS=3 bench/build.sh [SAMPLE...]
set -euo pipefail
source "$(dirname "$0")/samples.sh"

mapfile -t samples < <(sample_names "$@")
work=$(mktemp -d)
trap 'rm -rf "$work"; docker rm -f $(docker ps -aq --filter label=org.slim.bench) >/dev/null 2>&1 || true' EXIT INT TERM

runs=${RUNS:-2}
now() { date +%s.%N; }
least() { echo "if ($1 < $2) $1 else $2" | bc; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# The time floor's app part: the original started without the tracer, the same requests, then removed.
run_floor() {
  local image=$1 report=$2 start id port
  start=$(now)
  if [ "$(jq -r '.probes.continueAfter' "$report")" = exit ]; then
    local cmd
    mapfile -t cmd < <(jq -r '.probes.command[]' "$report")
    docker run --rm --label org.slim.bench=1 --entrypoint "${cmd[0]}" "$image" "${cmd[@]:1}" >/dev/null 2>&1 || true
  else
    id=$(docker run -d --label org.slim.bench=1 -P "$image")
    port=$(docker port "$id" | head -n1 | sed 's/.*://')
    for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
    jq -r '.probes.http[] | "\(.method) \(.path)"' "$report" | while read -r method path; do
      curl -s -o /dev/null -X "$method" "http://127.0.0.1:$port$path" || true
    done
    docker rm -f "$id" >/dev/null
  fi
  echo "$(now) - $start" | bc
}

printf '%s\n' "targets: slim <= 1.15x size floor; go-static <= binary + 1 MiB; >= 3x smaller than the original; build <= 2x time floor"
printf '%-20s %10s %10s %10s %7s %10s %7s %7s %9s %8s %9s %9s %7s\n' sample original slim no-famil ratio floor slim/fl files syscalls repairs build_s floor_s b/floor
for name in "${samples[@]}"; do
  image=$(scripts/sample-image.sh "$name" 2>/dev/null)
  mapfile -t extra < <(sample_args "$name")
  tag="slim-bench/$name.slim:latest"
  build=999999; floor_time=999999; failed=
  for _ in $(seq 1 "$runs"); do
    start=$(now)
    (cd "$work" && "$slim_bin" build --target "$image" --tag "$tag" --report "$name.json" \
        --seccomp-out "$name-seccomp.json" "${extra[@]}" >/dev/null 2>"$name.err") || { failed=1; break; }
    build=$(least "$build" "$(echo "$(now) - $start" | bc)")
    report="$work/$name.json"

    app=$(run_floor "$image" "$report")
    start=$(now); docker save "$image" -o "$work/orig.tar"; save=$(echo "$(now) - $start" | bc)
    # The result's load is timed as the build met it: the tag gone first, so only layers another image still holds
    # (a test's or the demo's slim image) are already in the engine, exactly as during the build.
    docker save "$tag" -o "$work/slim.tar"
    docker rmi -f "$tag" >/dev/null
    start=$(now); docker load -i "$work/slim.tar" >/dev/null; load=$(echo "$(now) - $start" | bc)
    rm -f "$work/orig.tar" "$work/slim.tar"
    floor_time=$(least "$floor_time" "$(echo "$app + $save + $load" | bc)")
    docker rmi -f "$tag" >/dev/null
  done
  [ -z "$failed" ] || { echo "$name: slim build failed: $(tail -n1 "$work/$name.err")"; continue; }

  # The same build without the data families kept whole (time zones, locales, gconv, terminfo): what they cost.
  (cd "$work" && "$slim_bin" build --target "$image" --tag "$tag" --report "$name-nofam.json" --seccomp-out "$name-nofam-seccomp.json" \
      --data-families=false --verify=false "${extra[@]}" >/dev/null 2>&1) && nofam=$(jq '.result.size' "$work/$name-nofam.json") || nofam=0
  docker rmi -f "$tag" >/dev/null 2>&1 || true
  original=$(jq '.target.size' "$report"); slim=$(jq '.result.size' "$report")
  floor=$(jq '.selection.tracedBytes' "$report")
  printf '%-20s %10s %10s %10s %6.1fx %10s %6.2fx %7s %9s %8s %9.1f %9.1f %6.2fx\n' "$name" "$(mib "$original")M" "$(mib "$slim")M" "$(mib "$nofam")M" \
    "$(echo "$original / $slim" | bc -l)" "$(mib "$floor")M" "$(echo "$slim / $floor" | bc -l)" \
    "$(jq '.result.files' "$report")" "$(jq '.syscalls.allowed' "$report")" "$(jq '.repair | length' "$report")" \
    "$build" "$floor_time" "$(echo "$build / $floor_time" | bc -l)"
  if [ "$name" = go-static ]; then
    # The binary's own size, read from the original image (its first command word is the binary's path).
    program=$(jq -r '.probes.command[0]' "$report")
    probe=$(docker create --label org.slim.bench=1 "$image")
    binary=$(docker export "$probe" | tar -tvf - "${program#/}" | awk '{print $3}')
    docker rm "$probe" >/dev/null
    echo "               go-static: slim image $(mib "$slim") MiB, its binary $program $(mib "$binary") MiB: $(( (slim - binary) / 1024 )) KiB over (target: <= 1024 KiB)"
  fi
done
