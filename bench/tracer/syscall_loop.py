# A tight loop of small system calls (stat, open/read/close, pread, getpid), timed from the inside
# so container start-up does not blur the figure. Prints seconds.
import os
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
fd = os.open("/etc/hostname", os.O_RDONLY)
start = time.perf_counter()
for _ in range(n):
    os.stat("/etc/hostname")
    os.pread(fd, 16, 0)
    f = os.open("/etc/os-release", os.O_RDONLY)
    os.read(f, 64)
    os.close(f)
    os.getppid()
print(f"{time.perf_counter() - start:.3f}")
