'use strict';
// shelf: lists a directory and serves its files by name. Listing reads the directory (names, types and
// sizes); a file's content is read only when a client asks for that file.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const root = process.env.SHELF_DIR || '/srv/data';
const port = Number(process.env.PORT || 3000);

function send(res, status, body, type = 'application/json') {
  const data = type === 'application/json' ? JSON.stringify(body) + '\n' : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}

// Only names inside the shelf: no "..", no absolute paths.
function resolveInside(rel) {
  const full = path.resolve(root, '.' + path.sep + rel);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

function listing(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .map((e) => {
      const entry = { name: e.name, type: e.isDirectory() ? 'dir' : 'file' };
      if (!e.isDirectory()) entry.size = fs.statSync(path.join(dir, e.name)).size;
      return entry;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://shelf');
  const p = decodeURIComponent(url.pathname);
  if (p === '/') {
    return send(res, 200, '<!doctype html><title>Shelf</title><h1>Shelf</h1>' +
      '<p><a href="/files">all files</a> · <a href="/file/a.txt">a.txt</a></p>\n', 'text/html; charset=utf-8');
  }
  if (p === '/files' || p.startsWith('/files/')) {
    const dir = resolveInside(p.slice('/files'.length).replace(/^\//, ''));
    if (!dir) return send(res, 400, { error: 'outside the shelf' });
    try {
      const entries = listing(dir);
      return send(res, 200, { dir: path.relative(root, dir) || '.', count: entries.length, entries });
    } catch (err) {
      return send(res, err.code === 'ENOTDIR' ? 400 : 404, { error: err.code === 'ENOTDIR' ? 'not a directory' : 'no such directory' });
    }
  }
  if (p.startsWith('/file/')) {
    const file = resolveInside(p.slice('/file/'.length));
    if (!file) return send(res, 400, { error: 'outside the shelf' });
    return fs.readFile(file, (err, data) => {
      if (err) return send(res, err.code === 'EISDIR' ? 400 : 404, { error: 'no such file' });
      const type = file.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8';
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': data.length });
      res.end(data);
    });
  }
  return send(res, 404, { error: 'not found' });
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
server.listen(port, '0.0.0.0', () => console.log(`shelf: ${root} on :${port}`));
