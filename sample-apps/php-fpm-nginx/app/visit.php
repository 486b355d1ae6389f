<?php
// A session counter: the session file is written by the worker (www-data) under session.save_path.
session_start();
$_SESSION['visits'] = ($_SESSION['visits'] ?? 0) + 1;
header('Content-Type: application/json');
echo json_encode(['visits' => $_SESSION['visits']]), "\n";
