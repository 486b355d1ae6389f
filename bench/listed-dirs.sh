#!/usr/bin/env bash
# What should the slim image keep of a directory the app lists (getdents)? Builds every sample with
# each --listed-dirs policy and prints the slim size and whether the sample's own check passes
# against the slim image under its seccomp profile. The default (used) is the smallest that passes.
#   bench/listed-dirs.sh [SAMPLE...]
set -euo pipefail
source "$(dirname "$0")/samples.sh"
mapfile -t samples < <(sample_names "$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

printf '%-14s %-9s %10s %9s %8s %s\n' sample policy slim_MiB files check cut_entries
for name in "${samples[@]}"; do
  image=$(scripts/sample-image.sh "$name" 2>/dev/null)
  mapfile -t extra < <(sample_args "$name")
  for policy in used children tree; do
    tag="slim-bench/$name.slim:$policy"
    if ! (cd "$work" && "$slim_bin" build --target "$image" --tag "$tag" --listed-dirs "$policy" --verify=false \
        --report "$name-$policy.json" --seccomp-out "$name-$policy-seccomp.json" "${extra[@]}" >/dev/null 2>&1); then
      printf '%-14s %-9s %s\n' "$name" "$policy" "build failed"; continue
    fi
    report="$work/$name-$policy.json"
    check=FAIL
    bash "sample-apps/$name/check.sh" "$tag" --security-opt "seccomp=$work/$name-$policy-seccomp.json" >/dev/null 2>&1 && check=pass
    printf '%-14s %-9s %10.1f %9s %8s %s\n' "$name" "$policy" "$(jq '.result.size / 1048576' "$report")" \
      "$(jq '.result.files' "$report")" "$check" "$(jq '[.selection.cutDirectories[].entriesCut] | add // 0' "$report")"
    docker rmi -f "$tag" >/dev/null
  done
done
