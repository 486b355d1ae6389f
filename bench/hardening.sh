#!/usr/bin/env bash
# What hardening proves per sample: slim builds each sample with --hardening-out and prints the capabilities it
# added after --cap-drop=ALL, whether the root file system is read-only (and its tmpfs mounts), no-new-privileges,
# and what was relaxed. Usage: bench/hardening.sh [SAMPLE...]
set -euo pipefail
source "$(dirname "$0")/samples.sh"
work=$(mktemp -d /tmp/slim-bench-hardening.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf '%-22s %-9s %-36s %-10s %-44s %s\n' sample packages capabilities read-only 'tmpfs and volumes' relaxed
for name in $(sample_names "$@"); do
  [ -f "sample-apps/$name/depends-on" ] && continue
  image=$(scripts/sample-image.sh "$name")
  mapfile -t extra < <(sample_args "$name")
  out="$work/$name"
  mkdir -p "$out"
  if ! (cd "$out" && "$slim_bin" build --target "$image" --tag "slim-bench/hardening-$name:1" --hardening-out "$out/h" "${extra[@]}" >"$out/log" 2>&1); then
    printf '%-22s build failed: %s\n' "$name" "$(tail -1 "$out/log")"
    continue
  fi
  args="$out/h/docker-run.args"
  caps=$(grep -- '^--cap-add=' "$args" | sed 's/--cap-add=//' | tr '\n' ' ' || true)
  ro=$(grep -qx -- '--read-only' "$args" && echo yes || echo no)
  mounts=$(grep -E -- '^--(tmpfs|volume)=' "$args" | sed -E 's/^--tmpfs=/tmpfs:/; s/^--volume=/volume:/' | tr '\n' ' ' || true)
  relaxed=$(python3 -c 'import json,sys; h=json.load(open(sys.argv[1])).get("hardening") or {}; print(",".join(h.get("relaxed") or []) or "-")' "$out/slim.report.json")
  # kept/removed whole, as the report's package summary counts them
  packages=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])).get("packages") or {}; print(str(p["kept"]) + "/" + str(p["removedWhole"]) if "kept" in p else "-")' "$out/slim.report.json")
  printf '%-22s %-9s %-36s %-10s %-44s %s\n' "$name" "$packages" "${caps:--}" "$ro" "${mounts:--}" "$relaxed"
  docker rmi -f "slim-bench/hardening-$name:1" >/dev/null 2>&1 || true
done
