"""Queues jobs for the worker and reports them; /status asks supervisord (XML-RPC over its unix socket) how the
programs are doing."""
import http.client
import json
import os
import socket
import uuid
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SPOOL = "/srv/spool"


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


class UnixTransport(xmlrpc.client.Transport):
    def make_connection(self, host):
        return UnixConnection("/run/supervisor.sock")


def programs():
    proxy = xmlrpc.client.ServerProxy("http://localhost/RPC2", transport=UnixTransport())
    return sorted((p["name"], p["statename"]) for p in proxy.supervisor.getAllProcessInfo())


class Handler(BaseHTTPRequestHandler):
    def send(self, status, body, ctype="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/":
            self.send(200, '<!doctype html><title>Queue</title><h1>Queue</h1><p><a href="/status">status</a> '
                           '<a href="/jobs">jobs</a></p>', "text/html; charset=utf-8")
        elif self.path == "/status":
            self.send(200, json.dumps({name: state for name, state in programs()}) + "\n")
        elif self.path == "/jobs":
            done = sorted(n[:-5] for n in os.listdir(os.path.join(SPOOL, "done")) if n.endswith(".json"))
            pending = sorted(n[:-4] for n in os.listdir(os.path.join(SPOOL, "new")) if n.endswith(".txt"))
            self.send(200, json.dumps({"done": len(done), "pending": len(pending)}) + "\n")
        elif self.path.startswith("/jobs/"):
            job = self.path[len("/jobs/"):]
            if not job.isalnum():
                self.send(400, '{"error":"bad job id"}\n')
                return
            try:
                with open(os.path.join(SPOOL, "done", job + ".json"), encoding="utf-8") as f:
                    self.send(200, f.read())
            except FileNotFoundError:
                queued = os.path.exists(os.path.join(SPOOL, "new", job + ".txt"))
                self.send(202 if queued else 404, json.dumps({"id": job, "state": "queued" if queued else "unknown"}) + "\n")
        else:
            self.send(404, '{"error":"not found"}\n')

    def do_POST(self):
        if self.path != "/jobs":
            self.send(404, '{"error":"not found"}\n')
            return
        text = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        if not text.strip():
            self.send(400, '{"error":"empty job"}\n')
            return
        job = uuid.uuid4().hex
        tmp = os.path.join(SPOOL, "new", job + ".part")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.rename(tmp, os.path.join(SPOOL, "new", job + ".txt"))
        self.send(202, json.dumps({"id": job, "state": "queued"}) + "\n")

    def log_message(self, fmt, *args):
        print("web: %s" % (fmt % args), flush=True)


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
