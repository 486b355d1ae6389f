#!/usr/bin/env bash
# env-shebang-cli: a Perl tool started through `#!/usr/bin/env perl` as the image's entrypoint; summaries of
# a file in the image and of stdin (quoted fields, UTF-8), JSON output, and its exit codes.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init env-shebang-cli "$@"

# A file shipped in the image.
cli_run /usr/share/csvsum/example.csv
expect_rc 0
expect_out "rows: 4
population: count=4 sum=31379713 min=592713 max=13960000 mean=7844928.25
area_km2: count=4 sum=4039 min=118 max=2194 mean=1009.75"

# Stdin, one column, JSON (JSON::PP), non-ASCII text in the data.
cli_run --stdin $'name,qty,price\n"Crème, brûlée",2,4.5\nCafé,3,2\n' --json --column qty
expect_rc 0
json_expect "$CLI_WHAT" "$CLI_OUT" '[.rows, .columns[0].column, .columns[0].sum, .columns[0].mean]' '[2,"qty",5,"2.50"]'

cli_run --stdin $'name;qty;price\nCrème;2;4.5\nCafé;3;2\n' -d ';'
expect_rc 0
expect_out "rows: 2
qty: count=2 sum=5 min=2 max=3 mean=2.50
price: count=2 sum=6.5 min=2 max=4.5 mean=3.25"

# Bad data: exit 1 and one line on stderr.
cli_run --stdin $'a,b\n1,2\n3\n'
expect_rc 1
expect_err_contains "csvsum: line 3 has 1 fields, the header has 2"
cli_run --column city /usr/share/csvsum/example.csv
expect_rc 1
expect_err_contains "column 'city' is not numeric: 'Tokyo'"
cli_run /no/such.csv
expect_rc 1
expect_err_contains "cannot read /no/such.csv: No such file or directory"

# Bad usage: exit 2 and the usage on stderr.
cli_run --bogus
expect_rc 2
expect_err_contains "usage: csvsum"

cli_run --help
expect_rc 0
case "$CLI_OUT" in
  *"usage: csvsum"*"--json"*) ;;
  *) check_fail "$CLI_WHAT" "the usage on stdout" "stdout '$CLI_OUT'" ;;
esac

check_pass
