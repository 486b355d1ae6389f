# Sourced by the benches that slim every sample app: the engine, bin/slim, the sample list, each sample's arguments.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/engine-up.sh
[ -x bin/slim ] || make build >/dev/null
slim_bin="$PWD/bin/slim"

# sample_names [NAME...]: the names given, else every sample-apps folder with a Dockerfile (lib/ holds check helpers).
sample_names() {
  if [ $# -gt 0 ]; then printf '%s\n' "$@"; else ls sample-apps/*/Dockerfile | xargs -n1 dirname | xargs -n1 basename; fi
}

# sample_args NAME: the extra `slim build` arguments in sample-apps/NAME/slim-build.args, one per line (${SAMPLE_DIR}: its folder).
sample_args() { grep -v '^#' "sample-apps/$1/slim-build.args" 2>/dev/null | grep -v '^$' | sed "s|\${SAMPLE_DIR}|$PWD/sample-apps/$1|g" || true; }
