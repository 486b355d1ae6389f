# Sends N sequential GET requests (a new connection each, as http.server speaks HTTP/1.0) to a local port
# and prints the seconds they took. Runs on the host, outside the traced tree.
import http.client
import sys
import time

port, n = int(sys.argv[1]), int(sys.argv[2])
deadline = time.time() + 60
while True:  # wait for the server to answer
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/index.html")
        c.getresponse().read()
        c.close()
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("server did not answer")
        time.sleep(0.1)

def get():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/index.html")
    r = c.getresponse()
    body = r.read()
    assert r.status == 200 and b"hello" in body
    c.close()


for _ in range(50):  # warm up (page cache, the server's imports) before timing
    get()
start = time.perf_counter()
for _ in range(n):
    get()
print(f"{time.perf_counter() - start:.3f}")
