#!/bin/sh
# Writes the configuration from the environment at every start, then execs the command (nginx by default):
#   /etc/nginx/templates/*.template -> /etc/nginx/conf.d/* (envsubst, only our variables)
#   /var/www/app/config.json and index.html for the site
set -eu

: "${SITE_NAME:=Zoo Keeper}"
: "${GREETING:=hello from the entrypoint}"
: "${LISTEN_PORT:=8080}"
: "${CACHE_SECONDS:=60}"
export SITE_NAME GREETING LISTEN_PORT CACHE_SECONDS

case "$LISTEN_PORT$CACHE_SECONDS" in
  *[!0-9]*) echo "docker-entrypoint: LISTEN_PORT and CACHE_SECONDS must be numbers" >&2; exit 2 ;;
esac

# JSON string escaping of a value: backslashes and double quotes.
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
# HTML escaping of a value.
html() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }

for template in /etc/nginx/templates/*.template; do
  [ -e "$template" ] || continue
  target=/etc/nginx/conf.d/$(basename "$template" .template)
  envsubst '${SITE_NAME} ${GREETING} ${LISTEN_PORT} ${CACHE_SECONDS}' <"$template" >"$target"
  echo "docker-entrypoint: wrote $target"
done

printf '{"site":"%s","greeting":"%s","port":%s,"cache_seconds":%s}\n' \
  "$(json "$SITE_NAME")" "$(json "$GREETING")" "$LISTEN_PORT" "$CACHE_SECONDS" >/var/www/app/config.json

cat >/var/www/app/index.html <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>$(html "$SITE_NAME")</title></head>
<body><h1>$(html "$SITE_NAME")</h1><p>$(html "$GREETING")</p><p><a href="/config.json">configuration</a></p></body>
</html>
HTML

exec "$@"
