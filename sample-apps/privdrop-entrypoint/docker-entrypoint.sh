#!/bin/sh
# Runs as root: give the data dir to the app's user, then drop to that user for good and exec the server.
set -eu

user=${APP_USER:-keeper}
data=${DATA_DIR:-/data}

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$data"
  # A volume mounted from elsewhere may belong to anyone: only what is not the app's already is changed.
  find "$data" \! -user "$user" -exec chown "$user:$user" {} +
  chmod 0700 "$data"
  # setpriv (util-linux) leaves no root parent behind, unlike su; --init-groups sets the user's groups.
  exec setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all -- "$@"
fi

exec "$@"
