<?php
header('Content-Type: text/html; charset=utf-8');
?><!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ledger</title><link rel="stylesheet" href="/style.css"></head>
<body>
<h1>Ledger</h1>
<ul>
  <li><a href="/info.php">runtime</a></li>
  <li><a href="/convert.php?text=Caf%C3%A9&amp;to=ASCII//TRANSLIT">transliterate</a></li>
  <li><a href="/visit.php">visits</a></li>
  <li><a href="/sum.php?n=10">sum</a></li>
</ul>
</body></html>
