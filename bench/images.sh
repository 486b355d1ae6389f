#!/usr/bin/env bash
# Benchmark: `slim copy docker-daemon:X docker-archive:...` against `docker save X -o ...` on a >= 1 GiB image,
# plus peak RSS of slim copy, slim inspect and the file index (slim inspect --files). Prints the figures; asserts nothing.
#   bench/images.sh               (uses bin/slim; `make build` first)
#   SLIM=path/to/slim bench/images.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
slim=${SLIM:-$root/bin/slim}
image=slim-bench/big:latest
[ -x "$slim" ] || { echo "bench: $slim not found; run make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

if ! docker image inspect "$image" >/dev/null 2>&1; then
  echo "bench: building $image (once)" >&2
  docker build -q -t "$image" "$here/images" >/dev/null
fi
size=$(docker image inspect --format '{{.Size}}' "$image")

work=$(mktemp -d /var/tmp/slim-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

# measure CMD...: prints "<seconds> <peak RSS KiB>"
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}

sync
# warm the engine's caches the same way for both
docker save "$image" > /dev/null
# alternate the two, ${ROUNDS:-3} rounds, and compare the best of each (the machine may be shared)
saves=(); copies=(); copy_rss=0
for _ in $(seq 1 "${ROUNDS:-3}"); do
  read -r s _ < <(measure docker save "$image" -o "$work/save.tar"); rm -f "$work/save.tar"; saves+=("$s")
  read -r c r < <(measure "$slim" copy "docker-daemon:$image" "docker-archive:$work/copy.tar"); rm -f "$work/copy.tar"; copies+=("$c")
  [ "$r" -gt "$copy_rss" ] && copy_rss=$r
done
"$slim" copy "docker-daemon:$image" "docker-archive:$work/copy.tar" >/dev/null
read -r inspect_s inspect_rss < <(measure "$slim" inspect "docker-archive:$work/copy.tar")
read -r index_s index_rss < <(measure "$slim" inspect --files "docker-archive:$work/copy.tar")
read -r dinspect_s dinspect_rss < <(measure "$slim" inspect "docker-daemon:$image")

save_best=$(printf '%s\n' "${saves[@]}" | sort -g | head -1)
copy_best=$(printf '%s\n' "${copies[@]}" | sort -g | head -1)
ratio=$(awk -v c="$copy_best" -v s="$save_best" 'BEGIN { printf "%.2f", c / s }')
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

echo "image                      $image ($(awk -v b="$size" 'BEGIN { printf "%.2f GiB", b / 1073741824 }'))"
echo "docker save -o             ${saves[*]} s (best ${save_best}s)"
echo "slim copy daemon->archive  ${copies[*]} s (best ${copy_best}s)  peak RSS $(mib "$copy_rss")"
echo "ratio copy/save            $ratio (best vs best; target <= 1.20)"
echo "load average               $(cut -d" " -f1-3 /proc/loadavg)"
echo "slim inspect (archive)     ${inspect_s}s  peak RSS $(mib "$inspect_rss")"
echo "slim inspect (daemon)      ${dinspect_s}s  peak RSS $(mib "$dinspect_rss")"
echo "file index (inspect --files) ${index_s}s  peak RSS $(mib "$index_rss")"
