'use strict';
// Quotes: a plain node:http server. Every /quote* request reads data/quotes.json from disk.

const http = require('node:http');
const fs = require('node:fs/promises');
const path = require('node:path');

const port = Number(process.env.PORT || 3000);
const dataFile = path.join(__dirname, 'data', 'quotes.json');
const indexFile = path.join(__dirname, 'public', 'index.html');

async function loadQuotes() {
  const text = await fs.readFile(dataFile, 'utf8');
  const quotes = JSON.parse(text);
  if (!Array.isArray(quotes)) throw new Error(`${dataFile}: expected a JSON array`);
  return quotes;
}

function send(res, status, body, type = 'application/json; charset=utf-8') {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

// Day of the year, so /quote changes daily but is stable within a day (and a check can predict it).
function dayIndex(now, count) {
  const start = Date.UTC(now.getUTCFullYear(), 0, 1);
  const day = Math.floor((now.getTime() - start) / 86400000);
  return day % count;
}

async function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, { error: 'method not allowed' });
  }
  if (url.pathname === '/') {
    return send(res, 200, await fs.readFile(indexFile, 'utf8'), 'text/html; charset=utf-8');
  }
  if (url.pathname === '/healthz') {
    return send(res, 200, { status: 'ok', node: process.versions.node });
  }
  if (url.pathname === '/quotes') {
    const quotes = await loadQuotes();
    const author = url.searchParams.get('author');
    const list = author ? quotes.filter((q) => q.author.toLowerCase().includes(author.toLowerCase())) : quotes;
    return send(res, 200, { count: list.length, quotes: list });
  }
  if (url.pathname === '/quote') {
    const quotes = await loadQuotes();
    const index = dayIndex(new Date(), quotes.length);
    return send(res, 200, { ...quotes[index], day_index: index, of: quotes.length });
  }
  const match = /^\/quote\/(\d+)$/.exec(url.pathname);
  if (match) {
    const quotes = await loadQuotes();
    const quote = quotes.find((q) => q.id === Number(match[1]));
    return quote ? send(res, 200, quote) : send(res, 404, { error: `no quote ${match[1]}` });
  }
  return send(res, 404, { error: 'not found', path: url.pathname });
}

const server = http.createServer((req, res) => {
  route(req, res).catch((err) => {
    console.error(err);
    send(res, 500, { error: 'internal error' });
  });
});

server.listen(port, '0.0.0.0', () => console.log(`quotes listening on :${port}`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
