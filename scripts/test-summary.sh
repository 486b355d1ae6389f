#!/usr/bin/env bash
# Add up the counts of every TRX file under a results folder and print one line:
#   tests: N passed, N failed[, N skipped]
set -euo pipefail
dir="${1:?usage: test-summary.sh RESULTS_DIR}"
passed=0 failed=0 skipped=0 files=0
shopt -s nullglob globstar
for trx in "$dir"/**/*.trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  # errors and timeouts are failures too.
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # VSTest counts a skip as neither executed nor notExecuted: a test that did not run is total minus executed.
  not_run=$(( $(get total) - $(get executed) ))
  [ "$(get notExecuted)" -gt "$not_run" ] && not_run=$(get notExecuted)
  skipped=$((skipped + not_run))
done
if [ "$files" = 0 ]; then
  echo "tests: 0 passed, 1 failed (no test results were written)"
  exit 1
fi
line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
