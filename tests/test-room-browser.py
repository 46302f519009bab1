#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real browser on the room's phone page (#13): Debian's Chromium,
headless, at a phone's size (390 x 844), driven over its DevTools pipe (no
network port): the page in French and English with no console error and
no blocked resource, the form filled and sent, "received" shown, and the
insight in the archive once. With TRANSFO_SHOTS=DIR it leaves the
screenshots there.

Usage: test-room-browser.py TRANSFO"""
import base64
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

TRANSFO = sys.argv[1]
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    print("chromium is not installed (build-aux/install-deps.sh installs it)")
    sys.exit(1)
TMP = tempfile.mkdtemp(prefix="transfo-room-browser-")
ARCHIVE = os.path.join(TMP, "archive.sqlite")
SHOTS = os.environ.get("TRANSFO_SHOTS")
failures = 0


def check(name, ok):
    global failures
    print(("ok   " if ok else "FAIL ") + name, flush=True)
    if not ok:
        failures += 1


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe: JSON
    messages ended by a NUL, ours on its fd 3, its own on fd 4."""

    def __init__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--user-data-dir=" + os.path.join(TMP, "profile"), "about:blank"],
            preexec_fn=fds, pass_fds=(to_chrome_r, from_chrome_w, 3, 4), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, name, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[i]
                    return e
            self.events.append(self.read())
        raise RuntimeError("no " + name)

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


subprocess.run([TRANSFO, "--archive", ARCHIVE, "demo"], check=True, stdout=subprocess.DEVNULL)
experiment = subprocess.run([TRANSFO, "--archive", ARCHIVE, "list"], check=True, capture_output=True,
                            text=True).stdout.split()[0]
room = subprocess.Popen([TRANSFO, "--archive", ARCHIVE, "room", "serve", experiment, "--address", "127.0.0.1",
                         "--vote", "3x3"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = room.stdout.readline().strip()
check("the room is open", url.startswith("http://127.0.0.1:"))

chrome = DevTools()
try:
    target = [t for t in chrome.send("Target.getTargets", session=False)["targetInfos"] if t["type"] == "page"][0]
    chrome.session = chrome.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
                                 session=False)["sessionId"]
    chrome.send("Page.enable")
    chrome.send("Runtime.enable")
    chrome.send("Log.enable")
    chrome.send("Emulation.setDeviceMetricsOverride",
                {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})

    def load(address):
        chrome.send("Page.navigate", {"url": address})
        chrome.wait_event("Page.loadEventFired")

    def evaluate(expression):
        return chrome.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"].get("value")

    def shot(name):
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            data = chrome.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
            with open(os.path.join(SHOTS, name), "wb") as f:
                f.write(base64.b64decode(data))

    for lang, send_word in (("en", "Send"), ("fr", "Envoyer")):
        load(url + "?lang=" + lang)
        check("the %s page is shown" % lang, evaluate("document.documentElement.lang") == lang and
              evaluate("document.querySelector('form button').innerText") == send_word)
        check("the %s page's style applies (CSP allows it)" % lang,
              evaluate("getComputedStyle(document.querySelector('button')).backgroundColor") == "rgb(28, 79, 156)")
        check("the %s page fits a phone's width" % lang,
              evaluate("document.documentElement.scrollWidth") <= 390)
        check("the %s page's text is large" % lang,
              evaluate("parseFloat(getComputedStyle(document.querySelector('textarea')).fontSize)") >= 18)
        shot("phone-%s.png" % lang)

    problems = [e for e in chrome.events if e.get("method") in ("Log.entryAdded", "Runtime.exceptionThrown")
                and ("Content Security Policy" in json.dumps(e) or e["method"] == "Runtime.exceptionThrown"
                     or e["params"].get("entry", {}).get("level") == "error")]
    check("no console error and nothing blocked", not problems)

    # Filling the form as a participant would, then sending it.
    evaluate("document.getElementById('text').value = 'Le guichet m’a renvoyé quatre fois';"
             "document.getElementById('category').value = 'citizen'; true")
    shot("phone-fr-filled.png")
    evaluate("document.querySelector('form button').click(); true")
    chrome.wait_event("Page.loadEventFired")
    check("the phone shows “received”", "Reçu" in evaluate("document.body.innerText"))
    shot("phone-fr-received.png")
    # Voting: two dots on the first note, from the page's own form.
    evaluate("var n = document.querySelector('input[type=number]'); n.value = 2;"
             "document.querySelectorAll('form')[1].querySelector('button').click(); true")
    chrome.wait_event("Page.loadEventFired")
    check("the phone shows the dots are in", "gommettes sont posées" in evaluate("document.body.innerText"))
finally:
    chrome.close()
    room.send_signal(2)
    room.wait(15)

db = sqlite3.connect(ARCHIVE)
check("the insight is in the archive once, with its category",
      db.execute("SELECT count(*) FROM contributions WHERE text = 'Le guichet m’a renvoyé quatre fois'"
                 " AND category = 'citizen'").fetchone()[0] == 1)
check("the dots are recorded with the round", db.execute("SELECT sum(count) FROM vote_counts").fetchone()[0] >= 2)
db.close()
shutil.rmtree(TMP, ignore_errors=True)
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
