#!/usr/bin/env bash
# Benchmark: peak RSS of `slim build` on a command-line app that prints a lot (issue 14, defect 2): the output is
# compared between the original and the slim run, and must be kept bounded. Prints the peak RSS (from
# /usr/bin/time -v) per output size and fails when it reaches the 200 MiB budget.
#   bench/output.sh               (50 MB; uses bin/slim; `make build` first)
#   bench/output.sh 50 150        (sizes in MB)
#   SLIM=path/to/slim bench/output.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
slim=${SLIM:-$root/bin/slim}
budget_kib=$((200 * 1024))
[ -x "$slim" ] || { echo "bench: $slim not found; run make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
debian=$("$root/scripts/base-images.sh" | grep '^slim-samples/debian:')
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50)

work=$(mktemp -d /var/tmp/slim-bench-output.XXXXXX)
tags=()
trap 'rm -rf "$work"; [ ${#tags[@]} -eq 0 ] || docker rmi -f "${tags[@]}" >/dev/null 2>&1 || true' EXIT INT TERM

status=0
for mb in "${sizes[@]}"; do
  image=slim-bench/output-$mb:latest
  if ! docker image inspect "$image" >/dev/null 2>&1; then
    echo "bench: building $image (once)" >&2
    docker build -q --build-arg "BASE=$debian" --build-arg "MB=$mb" -t "$image" "$here/output" >/dev/null
  fi
  tag=slim-bench/output-$mb.slim:latest
  tags+=("$tag")
  code=0
  (cd "$work" && /usr/bin/time -v -o "$work/$mb.time" "$slim" build --target "$image" --tag "$tag" --report "$mb.json" \
      --seccomp-out "$mb-seccomp.json" >"$work/$mb.out" 2>"$work/$mb.err") || code=$?
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$mb.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$work/$mb.time")
  verdict=ok
  [ "$rss" -lt "$budget_kib" ] || { verdict="OVER BUDGET"; status=1; }
  [ "$code" -eq 0 ] || { tail -n 5 "$work/$mb.err" >&2; verdict="$verdict, slim build exited $code"; status=1; }
  printf 'output %4d MB  wall %-8s peak RSS %7d KiB (%d MiB, budget 200 MiB: %s)\n' "$mb" "$wall" "$rss" $((rss / 1024)) "$verdict"
done
exit $status
