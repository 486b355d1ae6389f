<?php
// Converts UTF-8 text into the character set the request names (glibc iconv: one gconv module per set).
header('Content-Type: application/json');
$text = $_GET['text'] ?? '';
$to = $_GET['to'] ?? 'UTF-8';
$out = @iconv('UTF-8', $to, $text);
if ($out === false) {
    http_response_code(400);
    echo json_encode(['error' => "cannot convert to $to"]), "\n";
    exit;
}
echo json_encode(['to' => $to, 'hex' => bin2hex($out), 'length' => strlen($out)]), "\n";
