<?php
// What the runtime is: the extensions php-fpm loaded from the scan dir, and who the worker runs as.
header('Content-Type: application/json');
$extensions = array_map('strtolower', get_loaded_extensions());
sort($extensions);
$user = posix_getpwuid(posix_geteuid());
echo json_encode([
    'sapi' => PHP_SAPI,
    'version' => PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION,
    'user' => $user['name'],
    'opcache' => function_exists('opcache_get_status'),
    'extensions' => $extensions,
    'ctype' => ctype_digit('2024'),
    'timezone' => date_default_timezone_get(),
]), "\n";
