#!/usr/bin/env bash
# Benchmark: peak RSS of `slim xray` (table and --json) on a docker-archive of 100,000 small files, all the same
# content (100,000 duplicates, issue 14). The archive is made here with python's tarfile, nothing pulled.
# Fails when peak RSS reaches the 200 MiB budget, or when the table is longer than a screenful of caps allows.
#   bench/xray-files.sh              (uses bin/slim; `make build` first)
#   SLIM=path/to/slim FILES=100000 bench/xray-files.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
slim=${SLIM:-$root/bin/slim}
files=${FILES:-100000}
budget_kib=$((200 * 1024))
[ -x "$slim" ] || { echo "bench: $slim not found; run make build" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d /var/tmp/slim-bench-xray-files.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM

python3 - "$work/image.tar" "$files" <<'PY'
import hashlib, io, json, sys, tarfile
out, count = sys.argv[1], int(sys.argv[2])
layer = io.BytesIO()
content = b"the same bytes in every file\n" * 4
with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as t:
    for d in range(count // 1000 + 1):
        info = tarfile.TarInfo(f"data/d{d:04}"); info.type = tarfile.DIRTYPE; info.mode = 0o755; t.addfile(info)
    for i in range(count):
        info = tarfile.TarInfo(f"data/d{i // 1000:04}/file-{i:06}.txt"); info.size = len(content); info.mode = 0o644
        t.addfile(info, io.BytesIO(content))
layer = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(layer).hexdigest()
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                     "rootfs": {"type": "layers", "diff_ids": [diff_id]},
                     "history": [{"created_by": f"COPY {count} files"}]}).encode()
config_name = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": config_name, "RepoTags": ["slim-bench/files:1"], "Layers": ["layer/layer.tar"]}]).encode()
with tarfile.open(out, mode="w") as t:
    for name, data in (("layer/layer.tar", layer), (config_name, config), ("manifest.json", manifest)):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
PY

status=0
run() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$slim" xray --target "docker-archive:$work/image.tar" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    cat "$work/$name.err" >&2; exit 1; }
  local rss wall lines verdict=ok
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\) time/ {print $2}' "$work/$name.time")
  lines=$(wc -l <"$work/$name.out")
  [ "$rss" -lt "$budget_kib" ] || { verdict="OVER BUDGET"; status=1; }
  printf '%-6s wall %-8s peak RSS %6d KiB (%d MiB, budget 200 MiB: %s), %d lines of output\n' "$name" "$wall" "$rss" $((rss / 1024)) "$verdict" "$lines"
}

echo "slim xray on a docker-archive of $files files ($(stat -c %s "$work/image.tar") bytes)"
run table
run json --json
table_lines=$(wc -l <"$work/table.out")
[ "$table_lines" -lt 400 ] || { echo "bench: the table is $table_lines lines: a list is not capped" >&2; status=1; }
exit $status
