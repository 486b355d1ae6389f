#!/usr/bin/env bash
# cli-wordcount: counts the arguments, counts stdin (docker run -i), JSON output, and its exit codes.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init cli-wordcount "$@"

# Text as arguments.
cli_run the quick brown fox jumps over the lazy dog
expect_rc 0
expect_out "lines: 1
words: 9
chars: 43
unique: 8
top: the=2 brown=1 dog=1"

# Text on stdin, several lines, non-ASCII words, fewer top words.
cli_run --stdin $'Naïve café, naïve tea.\nThe café is open.\n' --top 2
expect_rc 0
expect_out "lines: 2
words: 8
chars: 41
unique: 6
top: café=2 naïve=2"

# JSON output of stdin.
cli_run --stdin $'one two three\ntwo three\nthree\n' --json
expect_rc 0
json_expect "$CLI_WHAT" "$CLI_OUT" '[.lines, .words, .unique, .top[0]]' '[3,6,3,{"count":3,"word":"three"}]'

# No words at all: exit 1 and a message on stderr.
cli_run --stdin $'  \n...\n'
expect_rc 1
expect_out ""
expect_err_contains "no words in the input"

# Bad usage: exit 2 and the usage on stderr.
cli_run --bogus
expect_rc 2
expect_err_contains "usage: wordcount"

cli_run --help
expect_rc 0
case "$CLI_OUT" in
  *"usage: wordcount"*"--json"*) ;;
  *) check_fail "$CLI_WHAT" "the usage on stdout" "stdout '$CLI_OUT'" ;;
esac

check_pass
