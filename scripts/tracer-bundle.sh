#!/usr/bin/env bash
# Publishes slim-tracer (NativeAOT) and lays out the bundle that runs in any image:
#   bin/tracer/slim-tracer, bin/tracer/ld-linux-x86-64.so.2, bin/tracer/lib/<the libs it links>
#   bin/slim-tracer   a launcher for the host that goes through the bundle's own loader
# In a container the bundle lives at /.slim/ and starts as
#   /.slim/ld-linux-x86-64.so.2 --library-path /.slim/lib /.slim/slim-tracer run -- CMD...
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
config=${CONFIG:-Release}
out="$root/bin/tracer"
publish="$root/.work/tracer-publish"
mkdir -p "$root/.work"

dotnet publish "$root/src/Slim.Tracer" -c "$config" -r linux-x64 -o "$publish" --nologo -v quiet \
  -p:TreatWarningsAsErrors=true >"$root/.work/tracer-publish.log" 2>&1 || {
  cat "$root/.work/tracer-publish.log" >&2; echo "tracer-bundle: dotnet publish failed" >&2; exit 1; }
# NativeAOT reports trim/AOT analysis as warnings; the bundle must have none.
if grep -E "warning (IL|CA)[0-9]+" "$root/.work/tracer-publish.log" >&2; then
  echo "tracer-bundle: the publish has warnings" >&2; exit 1
fi

rm -rf "$out.new" && mkdir -p "$out.new/lib"
cp "$publish/slim-tracer" "$out.new/slim-tracer"

# The loader and every library the binary needs, from this machine, resolved through symlinks.
interp=$(readelf -l "$publish/slim-tracer" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
[ -n "$interp" ] || { echo "tracer-bundle: no program interpreter in slim-tracer" >&2; exit 1; }
cp -L "$interp" "$out.new/$(basename "$interp")"
ldd "$publish/slim-tracer" | awk '/=> \// { print $1, $3 }' | while read -r name path; do
  cp -L "$path" "$out.new/lib/$name"
done

rm -rf "$out" && mv "$out.new" "$out"
cat >"$root/bin/slim-tracer" <<'LAUNCHER'
#!/bin/sh
# Runs the bundled tracer through its own loader and libc, as it runs inside a container.
here=$(dirname "$(readlink -f "$0")")/tracer
exec "$here/ld-linux-x86-64.so.2" --library-path "$here/lib" "$here/slim-tracer" "$@"
LAUNCHER
chmod +x "$root/bin/slim-tracer"
echo "built bin/tracer ($(du -sh "$out" | cut -f1)) and bin/slim-tracer"
