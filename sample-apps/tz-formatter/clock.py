"""clock: a WSGI app (stdlib wsgiref) that tells the time in the IANA time zone a request names.

GET /time?tz=Asia/Tokyo                         now in that zone: offset, abbreviation, ISO time
GET /convert?tz=Europe/Berlin&at=2024-07-01T12:00:00Z   a given UTC instant in that zone
GET /                                             a page with a few example links
Unknown zones are a 400; the zone files are read from /usr/share/zoneinfo when a zone is first asked for.
"""
import datetime
import json
import signal
import sys
import urllib.parse
import zoneinfo
from wsgiref.simple_server import WSGIRequestHandler, make_server

INDEX = b"""<!doctype html>
<html><head><title>World clock</title></head><body>
<h1>World clock</h1>
<ul>
<li><a href="/time?tz=UTC">UTC</a></li>
<li><a href="/time?tz=Europe/London">London</a></li>
<li><a href="/convert?tz=America/New_York&amp;at=2024-01-15T12:00:00Z">New York, 15 January 2024, noon UTC</a></li>
</ul></body></html>
"""


def offset(dt):
    total = int(dt.utcoffset().total_seconds())
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def describe(zone_name, instant):
    local = instant.astimezone(zoneinfo.ZoneInfo(zone_name))
    return {
        "tz": zone_name,
        "offset": offset(local),
        "abbreviation": local.tzname(),
        "dst": bool(local.dst()),
        "local": local.isoformat(timespec="seconds"),
    }


def app(environ, start_response):
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    path = environ.get("PATH_INFO", "/")

    def reply(status, body, ctype="application/json"):
        data = body if isinstance(body, bytes) else (json.dumps(body) + "\n").encode()
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(data)))])
        return [data]

    if path == "/":
        return reply("200 OK", INDEX, "text/html; charset=utf-8")
    if path not in ("/time", "/convert"):
        return reply("404 Not Found", {"error": "not found"})
    zone_name = query.get("tz", ["UTC"])[0]
    if path == "/time":
        instant = datetime.datetime.now(datetime.timezone.utc)
    else:
        try:
            instant = datetime.datetime.fromisoformat(query.get("at", [""])[0].replace("Z", "+00:00"))
        except ValueError:
            return reply("400 Bad Request", {"error": "at must be an ISO 8601 instant"})
        if instant.tzinfo is None:
            return reply("400 Bad Request", {"error": "at needs an offset or Z"})
    try:
        return reply("200 OK", describe(zone_name, instant))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return reply("400 Bad Request", {"error": f"unknown time zone: {zone_name}"})


class QuietHandler(WSGIRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("clock: " + (fmt % args) + "\n")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with make_server("0.0.0.0", 8080, app, handler_class=QuietHandler) as server:
        server.serve_forever()
