#!/bin/sh
# A shell CGI script: greets the name of the query string, says who runs it and through which gateway.
set -eu
name=$(printf '%s' "${QUERY_STRING:-}" | sed -n 's/^\(.*&\)\{0,1\}name=\([A-Za-z0-9]*\).*$/\2/p')
[ -n "$name" ] || name=stranger
printf 'Content-Type: text/plain; charset=utf-8\r\n'
printf 'X-Script: hello.sh\r\n\r\n'
echo "hello, $name"
echo "user: $(id -un)"
echo "gateway: $GATEWAY_INTERFACE"
echo "method: $REQUEST_METHOD"
echo "script: $SCRIPT_NAME"
echo "upper: $(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')"
