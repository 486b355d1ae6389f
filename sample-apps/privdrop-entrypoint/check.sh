#!/usr/bin/env bash
# privdrop-entrypoint: started as root, the entrypoint hands /data to keeper (10002) and drops to it for good;
# the server then runs as 10002 only and can write its data dir.
set -euo pipefail
# shellcheck source=../lib/check-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/check-lib.sh"
check_init privdrop-entrypoint "$@"

check_start 8080
check_wait_http /

http_get /
expect_status 200
expect_json .service '"keeper"'

http_get /whoami
expect_status 200
expect_json '[.uid, .euid, .gid, .user, .groups]' '[10002,10002,10002,"keeper",["keeper"]]'
# The entrypoint (as root) gave the root-owned 0700 data dir to keeper: only then may it write there.
expect_json '[.data_dir, .data_owner, .data_mode, .data_writable]' '["/data","keeper","0o700",true]'

# Seen from the host: no process of the container is left running as root (setpriv execs, no root parent).
uids=$(docker top "$CID" -o pid,uid | awk 'NR > 1 { print $2 }' | sort -u | tr '\n' ' ')
[ "$uids" = "10002 " ] || check_fail "docker top (uids of the container's processes)" "only 10002" "'$uids'"

http_get /notes
expect_json .notes '[]'

http_get /notes/first-note -X PUT --data-binary 'written by keeper'
expect_status 201
expect_json '[.note, .bytes, .owner_uid]' '["first-note",17,10002]'

http_get /notes/first-note
expect_status 200
expect_ctype text/plain
[ "$HTTP_BODY" = 'written by keeper' ] || check_fail "GET /notes/first-note" "the stored text" "$HTTP_BODY"

http_get /notes
expect_json .notes '["first-note"]'

http_get /notes/missing
expect_status 404
expect_json .error '"no such note"'

check_pass
