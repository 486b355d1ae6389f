<?php
header('Content-Type: application/json');
$n = filter_var($_GET['n'] ?? '', FILTER_VALIDATE_INT, ['options' => ['min_range' => 1, 'max_range' => 1000000]]);
if ($n === false) {
    http_response_code(400);
    echo json_encode(['error' => 'n must be an integer from 1 to 1000000']), "\n";
    exit;
}
echo json_encode(['n' => $n, 'sum' => intdiv($n * ($n + 1), 2)]), "\n";
