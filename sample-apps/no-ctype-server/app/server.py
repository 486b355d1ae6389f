"""almanac: an old-school server that never sends a Content-Type header (browsers sniff the HTML).

The index page links to the other routes; each of them needs files that start-up never touches:
  /fortunes   reads data/fortunes.txt on every request
  /planets    imports planets.py (json, statistics) the first time it is asked for
  /glyphs     imports unicodedata (a C extension module) the first time it is asked for
"""
import http.server
import os
import signal
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))

INDEX = """<!doctype html>
<html><head><title>Almanac</title></head>
<body>
<h1>Almanac</h1>
<ul>
<li><a href="/fortunes">Fortunes</a></li>
<li><a href="/planets">Planets</a></li>
<li><a href="/glyphs?text=%C3%A9%E2%82%AC%CE%BB">Glyphs of &eacute;&euro;&lambda;</a></li>
</ul>
</body></html>
"""


def fortunes():
    with open(os.path.join(HERE, "data", "fortunes.txt"), encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f"<html><body><h1>{len(lines)} fortunes</h1><ol>{items}</ol><a href=\"/\">back</a></body></html>\n"


def planets():
    import planets as table  # lazily, on the first request

    return table.render()


def glyphs(query):
    import unicodedata  # lazily: a shared object in lib-dynload

    text = urllib.parse.parse_qs(query).get("text", [""])[0]
    rows = "".join(f"<li>U+{ord(c):04X} {unicodedata.name(c, '?')}</li>" for c in text)
    return f"<html><body><h1>{len(text)} glyphs</h1><ul>{rows}</ul></body></html>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "almanac/0.9"

    def answer(self, status, html):
        body = html.encode("utf-8")
        self.send_response(status)
        # Deliberately no Content-Type: like many small embedded and legacy servers.
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == "/":
            return self.answer(200, INDEX)
        if path == "/fortunes":
            return self.answer(200, fortunes())
        if path == "/planets":
            return self.answer(200, planets())
        if path == "/glyphs":
            return self.answer(200, glyphs(query))
        self.answer(404, "<html><body><h1>Not here</h1></body></html>\n")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sys.path.insert(0, HERE)
    http.server.ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
