#!/usr/bin/env python3
"""Keeps N slow request bodies open against a server: each connection sends complete headers of a send, then its
body one byte per second, as a slowloris on bodies does. A connection the server closes (408 after its body timeout)
is opened again, so N stay open. Prints READY once N are open, then a line per second: open, answered, refused.
Usage: slow_bodies.py HOST PORT N CONVERSATION_ID"""
import selectors
import socket
import sys
import time

host, port, n, conversation = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
body = b'{"type":"message","text":"' + b"s" * 1900 + b'"}'
head = (f"POST /api/v1.0/consumer/conversation/{conversation} HTTP/1.1\r\nHost: {host}\r\n"
        "Authorization: Bearer emulator-dev-token\r\n"
        "channel-id: c0ffee00-0000-4000-8000-000000000001\r\n"
        "organization-id: c0ffee00-0000-4000-8000-000000000002\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
sel = selectors.DefaultSelector()
sent = {}
answered = refused = 0


def open_one():
    global refused
    s = socket.socket()
    try:
        s.connect((host, port))
        s.sendall(head)
    except OSError:
        refused += 1
        s.close()
        return
    s.setblocking(False)
    sent[s] = 0
    sel.register(s, selectors.EVENT_READ)


def close(s):
    sel.unregister(s)
    del sent[s]
    s.close()


for _ in range(n):
    open_one()
print("READY", len(sent), flush=True)
last = time.monotonic()
while True:
    for key, _ in sel.select(timeout=0.2):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        answered += 1 if data else 0
        close(s)
    now = time.monotonic()
    if now - last >= 1:
        last = now
        for s in list(sent):
            try:
                s.send(body[sent[s]:sent[s] + 1])
                sent[s] += 1
            except OSError:
                close(s)
        while len(sent) < n:
            open_one()
            if refused > 10 * n:
                break
        print(f"open {len(sent)} answered {answered} refused {refused}", flush=True)
