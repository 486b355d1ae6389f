#!/usr/bin/env python3
"""A RESP (Redis protocol) client and a small integration suite for redis-kv, standard library only.

    kv-client.py check [HOST PORT]     the suite; HOST and PORT default to $SLIM_TARGET_HOST and $SLIM_PORT_6379
    kv-client.py ping [HOST PORT]      exit 0 when the server answers PONG
Prints one "ok" line per passed step; on the first failure one "FAIL what: expected X, got Y" line on stderr, exit 1.
"""
import os
import socket
import sys


class Resp:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=5)
        self.buf = b""

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("connection closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def _reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            return RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exact(n).decode()
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self._reply() for _ in range(n)]
        raise ValueError("not RESP: %r" % line)

    def call(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.sock.sendall(out)
        return self._reply()


def expect(what, expected, got):
    if got != expected:
        print("FAIL %s: expected %r, got %r" % (what, expected, got), file=sys.stderr)
        sys.exit(1)
    print("ok %s" % what)


def main(argv):
    mode = argv[1] if len(argv) > 1 else "check"
    host = argv[2] if len(argv) > 2 else os.environ.get("SLIM_TARGET_HOST", "127.0.0.1")
    port = int(argv[3] if len(argv) > 3 else os.environ["SLIM_PORT_6379"])
    try:
        r = Resp(host, port)
        if mode == "ping":
            return 0 if r.call("PING") == "PONG" else 1
        expect("PING", "PONG", r.call("PING"))
        expect("GET greeting (seeded)", "hello from the seed", r.call("GET", "greeting"))
        expect("LRANGE fruits (seeded)", ["apple", "banana", "cherry"], r.call("LRANGE", "fruits", 0, -1))
        expect("HGET user:1 city (seeded)", "Tokyo", r.call("HGET", "user:1", "city"))
        expect("SET then GET", "OK", r.call("SET", "probe:key", "Zürich ☃"))
        expect("GET probe:key", "Zürich ☃", r.call("GET", "probe:key"))
        r.call("DEL", "probe:counter")
        expect("INCRBY", 42, r.call("INCRBY", "probe:counter", 42))
        expect("INCR", 43, r.call("INCR", "probe:counter"))
        r.call("DEL", "probe:counter")
        expect("EVAL (Lua)", "HELLO FROM THE SEED", r.call("EVAL", "return string.upper(redis.call('GET', KEYS[1]))", 1, "greeting"))
        got = r.call("LPUSH")
        expect("a command with missing arguments is an error", True, isinstance(got, RuntimeError) and "wrong number of arguments" in str(got))
        expect("DBSIZE", 4, r.call("DBSIZE"))
        r.call("DEL", "probe:key")
    except (OSError, ValueError) as e:
        print("FAIL connect %s:%d: expected a RESP server, got %s" % (host, port, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
