#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The room's server for phones (#13) end to end, on the loopback address:
`transfo room serve` on the demo, then the page, a submission, a vote, a
resend, every hostile request refused with nothing written (wrong and
expired tokens, oversized bodies, too many headers, a slow client,
duplicate Host headers, bytes that are not UTF-8, a flood above the rate
limit), the server under its seccomp filter (a file refused, a new
socket fatal), 60 phones x 10 insights counted once each within a bound, a
stopped and continued app and server losing nothing, and either side
killed leaving the other and the archive sound.

Usage: test-room-server.py TRANSFO"""
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TRANSFO = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="transfo-room-server-")
ARCHIVE = os.path.join(TMP, "archive.sqlite")
failures = 0


def check(name, ok):
    global failures
    print(("ok   " if ok else "FAIL ") + name, flush=True)
    if not ok:
        failures += 1


def db_int(sql):
    db = sqlite3.connect("file:%s?mode=ro" % ARCHIVE, uri=True, timeout=10)
    try:
        return db.execute(sql).fetchone()[0]
    finally:
        db.close()


def rows():
    return db_int("SELECT count(*) FROM contributions")


class Room:
    def __init__(self, *extra, port=0):
        self.proc = subprocess.Popen([TRANSFO, "--archive", ARCHIVE, "room", "serve", str(EXPERIMENT),
                                      "--address", "127.0.0.1", "--port", str(port)] + list(extra),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        u = urllib.parse.urlsplit(self.url)
        self.port = u.port
        self.base = u.path

    def server_pid(self):
        with open("/proc/%d/task/%d/children" % (self.proc.pid, self.proc.pid)) as f:
            return int(f.read().split()[0])

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return -1


next_source = [0]


def raw(port, data, source=None, timeout=15):
    """Sends @data and reads the whole answer: (status, headers, body).
    Each request comes from an address of its own unless @source names
    one, so that only the flood meets the rate limit."""
    if source is None:
        next_source[0] += 1
        source = "127.0.2.%d" % (next_source[0] % 250 + 1)
    s = socket.socket()
    s.settimeout(timeout)
    if source:
        s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    try:
        s.sendall(data)
    except OSError:
        pass
    answer = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
    except OSError:
        pass
    s.close()
    if not answer:
        return 0, {}, ""
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return status, headers, body.decode("utf-8", "replace")


def get(room, path="", lang=None, source=None):
    extra = "Accept-Language: %s\r\n" % lang if lang else ""
    return raw(room.port, ("GET %s%s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % (room.base, path, extra)).encode(),
               source=source)


def post(room, path, fields, source=None, encoded=None):
    body = encoded if encoded is not None else urllib.parse.urlencode(fields).encode()
    head = ("POST %s%s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: %d\r\n\r\n" % (room.base, path, len(body))).encode()
    return raw(room.port, head + body, source=source)


def page_key(body):
    m = re.search(r'name="key" value="([0-9a-f]{32})"', body)
    return m.group(1) if m else None


# The demo experiment, with its insight wall.
subprocess.run([TRANSFO, "--archive", ARCHIVE, "demo"], check=True, stdout=subprocess.DEVNULL)
EXPERIMENT = int(subprocess.run([TRANSFO, "--archive", ARCHIVE, "list"], check=True, capture_output=True,
                                text=True).stdout.split()[0])

room = Room("--vote", "3x4")
check("the first line is the full URL with a 128-bit token",
      re.fullmatch(r"http://127\.0\.0\.1:\d+/t/[0-9a-f]{32}", room.url) is not None)


def seccomp_modes(pid):
    """The seccomp mode of each of @pid's threads (2: a filter)."""
    modes = []
    for task in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/status" % (pid, task)) as f:
            modes += [line.split()[1] for line in f if line.startswith("Seccomp:")]
    return modes


# The server shuts itself in once it listens: a seccomp filter on every
# thread; opening a file is refused, a new socket kills it.
modes = seccomp_modes(room.server_pid())
check("the server runs under a seccomp filter, every thread", modes and all(m == "2" for m in modes))
SERVER = os.environ.get("TRANSFO_ROOM_SERVER") or \
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(TRANSFO))), "server", "transfo-room-server")


def escape(what):
    env = dict(os.environ, TRANSFO_ROOM_SERVER_TEST_ESCAPE=what, ASAN_OPTIONS="detect_leaks=0")
    p = subprocess.Popen([SERVER, "--address", "127.0.0.1", "--port", "0"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        out, err = p.communicate("", timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    return p.returncode, out, err


rc, out, err = escape("open")
check("... opening a file is refused", "open: Operation not permitted" in err
      and rc == 0)
rc, out, err = escape("socket")
check("... making a socket kills it", rc == -signal.SIGSYS and "socket:" not in err)

# The page, in French by default and from the browser's language.
status, headers, body = get(room, lang="fr-FR,fr;q=0.9,en;q=0.5")
check("the page is served", status == 200 and "<form" in body and "textarea" in body)
check("the page is French for a French browser", 'lang="fr"' in body and "Envoyer" in body)
check("the page asks for no name", "jamais de nom" in body)
check("the page has no script and no external resource",
      "<script" not in body and "http://" not in body and "https://" not in body and "src=" not in body)
csp = headers.get("content-security-policy", "")
check("the page has a strict Content-Security-Policy", "default-src 'none'" in csp and "form-action 'self'" in csp)
check("no cookie", "set-cookie" not in headers)
check("no referrer leaks the token", headers.get("referrer-policy") == "no-referrer")
status, _, body_en = get(room, lang="en-GB,en;q=0.8")
check("the page is English for an English browser", 'lang="en"' in body_en and ">Send<" in body_en)
status, _, body_link = get(room, "?lang=en", lang="fr")
check("the language link wins", 'lang="en"' in body_link)
check("the page offers the wall's categories", 'value="agent"' in body and 'value="citizen"' in body)
check("a voting round shows its notes", re.search(r'name="n\d+"', body) is not None)

# A submission, then its resend with the same key: one row.
before = rows()
key = page_key(body)
status, _, answer = post(room, "/insight", {"key": key, "text": "Personne ne savait quel formulaire",
                                            "category": "agent"})
check("a submission is received", status == 200 and "Reçu" in answer)
status, _, answer = post(room, "/insight", {"key": key, "text": "Personne ne savait quel formulaire",
                                            "category": "agent"})
check("its resend is received too", status == 200)
check("one row for one key", rows() == before + 1)
check("stored as sent, queued, with its category",
      db_int("SELECT count(*) FROM contributions WHERE text = 'Personne ne savait quel formulaire'"
             " AND category = 'agent' AND state = 0") == 1)
check("the table has no address column",
      db_int("SELECT count(*) FROM pragma_table_info('contributions') WHERE name LIKE '%addr%' OR name LIKE '%ip%'"
             " OR name LIKE '%device%'") == 0)

# A vote: two dots of colour 1 on the first note.
note = re.search(r'name="n(\d+)"', body).group(1)
status, _, answer = post(room, "/vote", {"key": page_key(body_en), "colour": "1", "n" + note: "2"})
check("a ballot is taken", status == 200 and ("dots are in" in answer or "gommettes sont posées" in answer))
status, _, answer = post(room, "/vote", {"key": page_key(body_link), "colour": "1", "n" + note: "3"})
check("a ballot over the colour's dots is refused", status == 422)
status, _, answer = post(room, "/vote", {"key": page_key(body_link), "colour": "1", "n999999": "1"})
check("a ballot for a note not in the round is refused", status == 422)

# Hostile requests: each refused, nothing written.
before = rows()
fresh = page_key(get(room)[2])
status, _, _ = raw(room.port, b"GET /t/00000000000000000000000000000000 HTTP/1.1\r\nHost: x\r\n\r\n")
check("a wrong token is not found", status == 404)
wrong = urllib.parse.urlencode({"key": fresh, "text": "wrong token"}).encode()
status, _, _ = raw(room.port, b"POST /t/00000000000000000000000000000000/insight HTTP/1.1\r\nHost: x\r\n"
                   b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s" % (len(wrong), wrong))
check("a submission with a wrong token is not found", status == 404)
status, _, _ = raw(room.port, ("GET %s/../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n" % room.base).encode())
check("an unknown path is not found", status == 404)
status, _, _ = raw(room.port, ("DELETE %s HTTP/1.1\r\nHost: x\r\n\r\n" % room.base).encode())
check("an unknown method is refused", status in (404, 405))
big = b"key=" + fresh.encode() + b"&text=" + b"a" * 20000
status, _, _ = raw(room.port, ("POST %s/insight HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: %d\r\n\r\n" % (room.base, len(big))).encode() + big)
check("an oversized body is refused", status == 413)
status, _, _ = post(room, "/insight", {"key": fresh, "text": "x" * 1001})
check("a text over 1,000 characters is refused", status == 422)
many = "".join("X-Filler-%d: %d\r\n" % (i, i) for i in range(40))
status, _, _ = raw(room.port, ("GET %s HTTP/1.1\r\nHost: x\r\n%s\r\n" % (room.base, many)).encode())
check("too many headers are refused", status == 431)
status, _, _ = raw(room.port, ("GET %s HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n" % (room.base, "b" * 9000)).encode())
check("headers too large are refused", status == 431)
status, _, _ = raw(room.port, ("GET %s HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" % room.base).encode())
check("duplicate Host headers are refused", status == 400)
status, _, _ = raw(room.port, ("GET %s HTTP/1.1\r\n\r\n" % room.base).encode())
check("no Host header is refused", status == 400)
status, _, _ = post(room, "/insight", None, encoded=b"key=" + fresh.encode() + b"&text=caf%E9")
check("text that is not UTF-8 is refused", status == 422)
status, _, _ = post(room, "/insight", {"key": fresh, "text": "Named", "category": "Marie Dupont"})
check("a category not in the list is refused", status == 422)
status, _, _ = post(room, "/insight", {"key": "../../x", "text": "bad key"})
check("a bad idempotency key is refused", status == 400)
chunked = ("POST %s/insight HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\n\r\n5\r\ntext=\r\n0\r\n\r\n" % room.base).encode()
status, _, _ = raw(room.port, chunked)
check("a chunked body is refused", status in (400, 501))
status, _, _ = raw(room.port, ("POST %s/insight HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n\r\nabc" % room.base).encode())
check("two Content-Length headers are refused", status == 400)
status, _, _ = raw(room.port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n")
check("bytes that are not HTTP are refused", status == 400 or status == 0)

# A slow client (slowloris) is cut off, and others are served meanwhile.
slow = socket.socket()
slow.connect(("127.0.0.1", room.port))
slow.sendall(("GET %s HTTP/1.1\r\nHost: x\r\n" % room.base).encode())
t0 = time.monotonic()
check("others are served while a client is slow", get(room)[0] == 200)
slow.settimeout(10)
closed = False
try:
    for _ in range(10):
        time.sleep(0.2)
        try:
            slow.sendall(b"X-A: b\r\n")
        except OSError:
            closed = True
            break
        if time.monotonic() - t0 > 8:
            break
    if not closed:
        data = slow.recv(4096)
        closed = True
except OSError:
    closed = True
slow.close()
check("a slow client is cut off within its deadline", closed and time.monotonic() - t0 < 9)

# Many idle connections from one address: past its share they are closed
# at once, and another phone is served meanwhile.
idle = []
for _ in range(12):
    c = socket.socket()
    c.bind(("127.0.0.77", 0))
    c.connect(("127.0.0.1", room.port))
    idle.append(c)
idle[-1].settimeout(3)
try:
    shut = idle[-1].recv(1) == b""
except OSError:
    shut = True
check("connections past an address's share are closed at once", shut)
check("another phone is served while one holds its share", get(room, source="127.0.0.78")[0] == 200)
for c in idle:
    c.close()

# A flood from one address meets the rate limit; another address is served.
codes = [get(room, source="127.0.0.9")[0] for _ in range(60)]
check("a flood above the rate limit is refused", 429 in codes and codes[0] == 200)
check("another phone is served during a flood", get(room, source="127.0.0.10")[0] == 200)
check("nothing written by any hostile request", rows() == before)

# 60 phones x 10 insights, each from its own address, within a bound.
before = rows()
errors = []


def phone(i):
    source = "127.0.1.%d" % (i + 1)
    for j in range(10):
        key = page_key(get(room, source=source)[2])
        for attempt in range(3):
            status, _, _ = post(room, "/insight", {"key": key, "text": "Phone %d insight %d" % (i, j)}, source=source)
            if status == 200:
                break
        else:
            errors.append((i, j, status))


t0 = time.monotonic()
threads = [threading.Thread(target=phone, args=(i,)) for i in range(60)]
for t in threads:
    t.start()
for t in threads:
    t.join(60)
elapsed = time.monotonic() - t0
print("# 600 insights from 60 phones in %.1f s" % elapsed)
check("60 phones x 10 insights all received", not errors)
check("... within 25 s", elapsed < 25)
check("... each stored exactly once", rows() == before + 600 and
      db_int("SELECT count(DISTINCT text) FROM contributions WHERE text LIKE 'Phone % insight %'") == 600)

# The app stopped (a laptop lid): the phone waits, nothing is lost.
key = page_key(get(room)[2])
result = {}
os.kill(room.proc.pid, signal.SIGSTOP)
t = threading.Thread(target=lambda: result.update(r=post(room, "/insight", {"key": key, "text": "Sent while stopped"})))
t.start()
time.sleep(1.0)
os.kill(room.proc.pid, signal.SIGCONT)
t.join(20)
check("an insight sent while the app was stopped is received", result.get("r", (0,))[0] == 200)
# The server stopped: the connection waits in the queue.
server = room.server_pid()
key = page_key(get(room)[2])
os.kill(server, signal.SIGSTOP)
t = threading.Thread(target=lambda: result.update(s=post(room, "/insight", {"key": key, "text": "Sent while the server was stopped"})))
t.start()
time.sleep(1.0)
os.kill(server, signal.SIGCONT)
t.join(20)
check("an insight sent while the server was stopped is received", result.get("s", (0,))[0] == 200)
check("both stored once", db_int("SELECT count(*) FROM contributions WHERE text LIKE 'Sent while %'") == 2)

old_url, old_port, old_base = room.url, room.port, room.base
check("the room closes on SIGINT", room.stop() == 0)
check("the closed round's dots are recorded",
      db_int("SELECT coalesce(sum(count), 0) FROM vote_counts") >= 2)

# The old token expired: a new room on the same port refuses it.
before = rows()
room = Room("--accept-all", port=old_port)
check("a new room gets a new token", room.url != old_url and room.port == old_port)
old = urllib.parse.urlencode({"key": "0123456789abcdef0123456789abcdef", "text": "old token"}).encode()
status, _, _ = raw(room.port, ("POST %s/insight HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: %d\r\n\r\n" % (old_base, len(old))).encode() + old)
check("an expired token is refused", status == 404 and rows() == before)
status, _, _ = post(room, "/insight", {"key": page_key(get(room)[2]), "text": "Accepted at once", "category": "citizen"})
check("--accept-all puts it on the wall",
      status == 200 and db_int("SELECT count(*) FROM items WHERE text = 'Accepted at once'") == 1 and
      db_int("SELECT count(*) FROM contributions WHERE text = 'Accepted at once' AND state = 1") == 1)

# The app killed: the server goes too, and the archive is sound.
server = room.server_pid()
room.proc.kill()
room.proc.wait()
gone = False
for _ in range(50):
    try:
        os.kill(server, 0)
        with open("/proc/%d/stat" % server) as f:
            if f.read().split()[2] == "Z":
                gone = True
                break
    except (ProcessLookupError, FileNotFoundError):
        gone = True
        break
    time.sleep(0.1)
check("the server stops when the app is killed", gone)
check("the archive is sound after the app was killed",
      subprocess.run([TRANSFO, "--archive", ARCHIVE, "check"], capture_output=True).returncode == 0)

# The server killed: the app says so, exits, and kept everything.
before = rows()
room = Room()
post(room, "/insight", {"key": page_key(get(room)[2]), "text": "Before the server died"})
os.kill(room.server_pid(), signal.SIGKILL)
try:
    rc = room.proc.wait(10)
except subprocess.TimeoutExpired:
    room.proc.kill()
    rc = -1
err = room.proc.stderr.read()
check("the app survives the server's death and says so", rc == 1 and "server" in err)
check("what arrived before is kept", rows() == before + 1)
check("the archive is sound after the server was killed",
      subprocess.run([TRANSFO, "--archive", ARCHIVE, "check"], capture_output=True).returncode == 0)

# Never every interface.
r = subprocess.run([TRANSFO, "--archive", ARCHIVE, "room", "serve", str(EXPERIMENT), "--address", "0.0.0.0"],
                   capture_output=True, text=True, timeout=20)
check("the any-address is refused", r.returncode != 0 and r.stdout == "")

subprocess.run(["rm", "-rf", TMP])
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
