#!/bin/sh
# Processes queued jobs: /srv/spool/new/ID.txt -> /srv/spool/done/ID.json (words, sha256, the text upper-cased).
set -eu
cd /srv/spool
while :; do
  for job in new/*.txt; do
    [ -e "$job" ] || continue
    id=$(basename "$job" .txt)
    words=$(wc -w <"$job" | tr -d ' ')
    sum=$(sha256sum "$job" | cut -d' ' -f1)
    upper=$(tr 'a-z' 'A-Z' <"$job" | sed 's/\\/\\\\/g; s/"/\\"/g')
    printf '{"id":"%s","words":%s,"sha256":"%s","upper":"%s"}\n' "$id" "$words" "$sum" "$upper" >"done/$id.tmp"
    mv "done/$id.tmp" "done/$id.json"
    rm -f "$job"
    echo "worker: done $id"
  done
  sleep 0.2
done
