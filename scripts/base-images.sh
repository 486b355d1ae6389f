#!/usr/bin/env bash
# Build the base images the samples stand on, since no registry can be reached:
#   slim-samples/debian:bookworm-<hash>   debootstrap --variant=minbase, imported with docker import
#   slim-samples/busybox:<hash>           busybox-static from Debian's package, nothing else
# Each tag carries a hash of its recipe (this file and the mirror), so an image is built only when
# missing and rebuilt when the recipe changes. Prints nothing but progress on stderr.
# Also tags both as ...:latest so Dockerfiles and users can name them without the hash.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
suite=bookworm
mirror="${SLIM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
recipe_hash=$( (cat "$0"; echo "$suite $mirror") | sha256sum | cut -c1-12)
debian_ref="slim-samples/debian:$suite-$recipe_hash"
busybox_ref="slim-samples/busybox:$recipe_hash"

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

work=$(mktemp -d /var/tmp/slim-base.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

if ! have_image "$debian_ref"; then
  echo "base-images: debootstrap $suite (minbase) -> $debian_ref" >&2
  start=$(date +%s)
  debootstrap --variant=minbase "$suite" "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
    tail -n 20 "$work/debootstrap.log" >&2; echo "base-images: debootstrap failed" >&2; exit 1; }
  # Leave apt usable in builds but drop what only bloats the image.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar --numeric-owner --xattrs -C "$work/rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --message "debootstrap --variant=minbase $suite $mirror" - "$debian_ref" >/dev/null
  echo "base-images: $debian_ref built in $(( $(date +%s) - start )) s" >&2
fi
docker tag "$debian_ref" "slim-samples/debian:$suite"

if ! have_image "$busybox_ref"; then
  echo "base-images: busybox-static -> $busybox_ref" >&2
  mkdir -p "$work/bb" "$work/bbroot/bin"
  (cd "$work/bb" && apt-get download -qq busybox-static >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null && (cd "$work/bb" && apt-get download -qq busybox-static >/dev/null); }
  dpkg-deb -x "$work"/bb/busybox-static_*.deb "$work/bb/x"
  cp "$work/bb/x/bin/busybox" "$work/bbroot/bin/busybox"
  for applet in $("$work/bbroot/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$work/bbroot/bin/$applet"
  done
  mkdir -p "$work/bbroot/etc" "$work/bbroot/tmp" "$work/bbroot/root"
  chmod 1777 "$work/bbroot/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$work/bbroot/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$work/bbroot/etc/group"
  tar --numeric-owner --owner=0 --group=0 -C "$work/bbroot" -c . | docker import \
    --change 'ENV PATH=/bin' --change 'CMD ["sh"]' \
    --message "busybox-static from Debian $suite" - "$busybox_ref" >/dev/null
fi
docker tag "$busybox_ref" slim-samples/busybox:latest

echo "$debian_ref"
echo "$busybox_ref"
