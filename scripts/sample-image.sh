#!/usr/bin/env bash
# Build one sample app's image, cached in the engine under a tag derived from its inputs:
#   slim-samples/<name>:<hash of the sample's files and the base images' ids>
# Built only when that tag is missing; also tagged :latest. Prints the hashed reference last.
set -euo pipefail

name="${1:?usage: sample-image.sh NAME   (a folder under sample-apps/)}"
here=$(cd "$(dirname "$0")" && pwd)
dir="$here/../sample-apps/$name"
[ -f "$dir/Dockerfile" ] || { echo "sample-image: no sample app named '$name' (no $dir/Dockerfile)" >&2; exit 2; }

bases=$("$here/base-images.sh")
debian=$(echo "$bases" | grep '^slim-samples/debian:')
busybox=$(echo "$bases" | grep '^slim-samples/busybox:')
base_ids=$(docker image inspect --format '{{.Id}}' "$debian" "$busybox")

inputs_hash=$( (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; echo "$base_ids") \
  | sha256sum | cut -c1-12)
ref="slim-samples/$name:$inputs_hash"

# One build of a sample at a time: test assemblies run in parallel and ask for the same images; without the
# lock each of them builds its own copy (twice the work on a small machine, and a dangling image left over).
# Held until this script exits.
exec 9>"${TMPDIR:-/tmp}/slim-sample-image.$name.lock"
flock 9

if ! docker image inspect "$ref" >/dev/null 2>&1; then
  echo "sample-image: building $ref" >&2
  start=$(date +%s)
  log=$(mktemp)
  if ! docker build --build-arg "BASE=$debian" --build-arg "BUSYBOX=$busybox" \
      --label "org.slim.sample=$name" -t "$ref" "$dir" >"$log" 2>&1; then
    tail -n 30 "$log" >&2; rm -f "$log"
    echo "sample-image: docker build of $name failed" >&2
    exit 1
  fi
  rm -f "$log"
  echo "sample-image: $ref built in $(( $(date +%s) - start )) s" >&2
fi
docker tag "$ref" "slim-samples/$name:latest"
echo "$ref"
