#!/bin/sh
# Two processes in one container, as many PHP images run them: php-fpm daemonizes (its master forks the pool's
# workers, which drop to www-data), then nginx takes over the shell's PID and passes .php requests to the socket.
set -eu
mkdir -p /run/php
php-fpm8.2 --daemonize --fpm-config /etc/php/8.2/fpm/php-fpm.conf
exec nginx -g 'daemon off;'
