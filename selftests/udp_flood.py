#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""UDP flood sender and counting receiver for the bam-dmux selftests.

  udp_flood.py send DST PORT COUNT SIZE
      Sends COUNT datagrams of SIZE bytes as fast as the stack takes them
      and prints "sent N failed M" (M: sendto() errors, e.g. ENOBUFS when
      the queue is full; those packets never left the host).
  udp_flood.py recv PORT READY_FILE OUT_FILE
      Counts datagrams until none came for 3 s after the first one (or
      for 120 s in all, so it always ends) and writes "received N" to
      OUT_FILE. READY_FILE appears once the socket is bound.

The bounds only end the run; the tests never assert on time.
"""
import socket
import sys
import time


def send(dst, port, count, size):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    payload = b"\x5a" * size
    sent = failed = 0
    for _ in range(count):
        try:
            sock.sendto(payload, (dst, port))
            sent += 1
        except OSError:
            failed += 1
    print(f"sent {sent} failed {failed}")


def recv(port, ready_file, out_file):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind(("0.0.0.0", port))
    open(ready_file, "w").close()
    received = 0
    deadline = time.monotonic() + 120
    sock.settimeout(1)
    last = None
    while time.monotonic() < deadline:
        try:
            sock.recv(65536)
        except socket.timeout:
            if last is not None and time.monotonic() - last > 3:
                break
            continue
        received += 1
        last = time.monotonic()
    with open(out_file, "w") as f:
        f.write(f"received {received}\n")


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "send":
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) == 5 and sys.argv[1] == "recv":
        recv(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
