"""keeper: a note store that must not run as root and must be able to write its data dir.

GET  /whoami        the identity the server runs as, and who owns the data dir
GET  /notes         the names of the stored notes
PUT  /notes/NAME    store the request body as a note (a file in the data dir)
GET  /notes/NAME    a note's text
"""
import http.server
import json
import os
import pwd
import grp
import re
import signal
import sys

DATA = os.environ.get("DATA_DIR", "/data")
NAME = re.compile(r"^/notes/([a-z0-9][a-z0-9-]{0,40})$")


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "keeper/1.0"

    def reply(self, status, body, ctype="application/json"):
        data = (json.dumps(body) + "\n").encode() if ctype == "application/json" else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/whoami":
            st = os.stat(DATA)
            return self.reply(200, {
                "uid": os.getuid(), "euid": os.geteuid(), "gid": os.getgid(),
                "user": pwd.getpwuid(os.getuid()).pw_name,
                "groups": sorted(grp.getgrgid(g).gr_name for g in os.getgroups()),
                "data_dir": DATA,
                "data_owner": pwd.getpwuid(st.st_uid).pw_name,
                "data_mode": oct(st.st_mode & 0o777),
                "data_writable": os.access(DATA, os.W_OK),
            })
        if self.path == "/notes":
            return self.reply(200, {"notes": sorted(os.listdir(DATA))})
        m = NAME.match(self.path)
        if m:
            try:
                with open(os.path.join(DATA, m.group(1)), encoding="utf-8") as f:
                    return self.reply(200, f.read(), "text/plain; charset=utf-8")
            except FileNotFoundError:
                return self.reply(404, {"error": "no such note"})
        if self.path == "/":
            return self.reply(200, {"service": "keeper", "routes": ["/whoami", "/notes", "/notes/NAME"]})
        self.reply(404, {"error": "not found"})

    def do_PUT(self):
        m = NAME.match(self.path)
        if not m:
            return self.reply(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length", "0"))
        text = self.rfile.read(length).decode("utf-8")
        path = os.path.join(DATA, m.group(1))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        st = os.stat(path)
        self.reply(201, {"note": m.group(1), "bytes": st.st_size, "owner_uid": st.st_uid})


if __name__ == "__main__":
    # PID 1 of its container after the exec: without a handler, SIGTERM would be ignored.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler)
    server.serve_forever()
