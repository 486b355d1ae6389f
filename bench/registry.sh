#!/usr/bin/env bash
# Benchmark: `slim copy` to a registry and back against `skopeo copy` of the same image, in the same run, with peak RSS.
# A fresh docker-registry (Debian's, plain HTTP on 127.0.0.1, empty storage) serves every measurement, so neither
# tool finds blobs already there. Prints the figures; asserts nothing.
#   bench/registry.sh                        (uses bin/slim; `make build` first)
#   IMAGES="a:1 b:2" ROUNDS=2 bench/registry.sh
# Like for like: the engine exports plain tar layers. slim pushes them as they are; skopeo gzips them by default, so it
# is also measured with --dest-decompress (plain, as slim). Pulling into an OCI layout, skopeo runs with
# --preserve-digests (else it gzips again) and slim keeps the layers as they are. Pulls are measured twice: of the plain
# layers slim pushed, and of the gzip layers skopeo pushed (most registry images are gzip). slim decompresses each layer on the
# way to check its diff_id and entries, which skopeo does not; --check-layers=false is slim with skopeo's checks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
slim=${SLIM:-$root/bin/slim}
[ -x "$slim" ] || { echo "bench: $slim not found; run make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
command -v skopeo >/dev/null || { echo "bench: skopeo missing (apt-get install skopeo)" >&2; exit 1; }
registry=$("$root/scripts/ensure-registry.sh")
images=${IMAGES:-"slim-samples/framework-app:latest slim-bench/big:latest"}

work=$(mktemp -d /var/tmp/slim-bench-registry.XXXXXX)
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
host=127.0.0.1:$port

# a registry with empty storage, ready to answer
fresh_registry() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; fi
  rm -rf "$work/storage"; mkdir -p "$work/storage"
  printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n  secret: bench\n' "$work/storage" "$host" > "$work/config.yml"
  "$registry" serve "$work/config.yml" >"$work/registry.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://$host/v2/" >/dev/null && return 0; sleep 0.1; done
  echo "bench: docker-registry did not start" >&2; cat "$work/registry.log" >&2; exit 1
}

# measure CMD...: prints "<seconds> <peak RSS KiB>"
measure() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }

for image in $images; do
  docker image inspect "$image" >/dev/null 2>&1 || { echo "bench: $image is not in the engine, skipped (make samples; bench/images.sh builds slim-bench/big)" >&2; continue; }
  size=$(docker image inspect --format '{{.Size}}' "$image")
  docker save "$image" > /dev/null # warm the engine's caches the same way for every tool
  sp=(); sr=0; kp=(); kr=0; kd=(); kdr=0; sl=(); slr=0; kl=(); klr=0; gs=(); gsr=0; gn=(); gnr=0; gk=(); gkr=0
  for _ in $(seq 1 "${ROUNDS:-2}"); do
    fresh_registry
    read -r t r < <(measure "$slim" copy "docker-daemon:$image" "docker://$host/bench:1" --tls-verify=false); sp+=("$t"); [ "$r" -gt "$sr" ] && sr=$r
    rm -rf "$work/oci"
    read -r t r < <(measure "$slim" copy "docker://$host/bench:1" "oci:$work/oci:x" --tls-verify=false); sl+=("$t"); [ "$r" -gt "$slr" ] && slr=$r
    rm -rf "$work/oci"
    read -r t r < <(measure skopeo copy --preserve-digests --src-tls-verify=false "docker://$host/bench:1" "oci:$work/oci:x"); kl+=("$t"); [ "$r" -gt "$klr" ] && klr=$r
    rm -rf "$work/oci"
    fresh_registry
    read -r t r < <(measure skopeo copy --dest-tls-verify=false --dest-decompress "docker-daemon:$image" "docker://$host/bench:1"); kd+=("$t"); [ "$r" -gt "$kdr" ] && kdr=$r
    fresh_registry
    read -r t r < <(measure skopeo copy --dest-tls-verify=false "docker-daemon:$image" "docker://$host/bench:1"); kp+=("$t"); [ "$r" -gt "$kr" ] && kr=$r
    rm -rf "$work/oci"
    read -r t r < <(measure "$slim" copy "docker://$host/bench:1" "oci:$work/oci:x" --tls-verify=false); gs+=("$t"); [ "$r" -gt "$gsr" ] && gsr=$r
    rm -rf "$work/oci"
    read -r t r < <(measure "$slim" copy "docker://$host/bench:1" "oci:$work/oci:x" --tls-verify=false --check-layers=false); gn+=("$t"); [ "$r" -gt "$gnr" ] && gnr=$r
    rm -rf "$work/oci"
    read -r t r < <(measure skopeo copy --preserve-digests --src-tls-verify=false "docker://$host/bench:1" "oci:$work/oci:x"); gk+=("$t"); [ "$r" -gt "$gkr" ] && gkr=$r
    rm -rf "$work/oci"
  done
  echo "image                              $image ($(awk -v b="$size" 'BEGIN { printf "%.2f GiB", b / 1073741824 }'))"
  echo "push  slim copy daemon->registry   ${sp[*]} s (best $(best "${sp[@]}")s)  peak RSS $(mib "$sr")"
  echo "push  skopeo --dest-decompress     ${kd[*]} s (best $(best "${kd[@]}")s)  peak RSS $(mib "$kdr")"
  echo "push  skopeo (gzip, its default)   ${kp[*]} s (best $(best "${kp[@]}")s)  peak RSS $(mib "$kr")"
  echo "pull  slim copy registry->oci      ${sl[*]} s (best $(best "${sl[@]}")s)  peak RSS $(mib "$slr")"
  echo "pull  skopeo --preserve-digests    ${kl[*]} s (best $(best "${kl[@]}")s)  peak RSS $(mib "$klr")"
  echo "pull gzip  slim copy registry->oci ${gs[*]} s (best $(best "${gs[@]}")s)  peak RSS $(mib "$gsr")"
  echo "pull gzip  slim --check-layers=false ${gn[*]} s (best $(best "${gn[@]}")s)  peak RSS $(mib "$gnr")"
  echo "pull gzip  skopeo --preserve-digests ${gk[*]} s (best $(best "${gk[@]}")s)  peak RSS $(mib "$gkr")"
done
echo "load average                       $(cut -d" " -f1-3 /proc/loadavg)"
