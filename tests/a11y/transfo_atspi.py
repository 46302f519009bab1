# SPDX-License-Identifier: GPL-3.0-or-later
"""Transfo driven through AT-SPI, as a screen reader sees it.

Shared by the AT-SPI tests: starts the accessibility bus, starts the app on
an archive, finds it on the AT-SPI registry by its process, waits for its
window, follows the focus and the name changes it emits (what Orca reads),
and sends keys with xdotool. Never a fixed sleep: every wait polls for
what it needs, up to a deadline generous enough for a loaded machine under
ASan (TRANSFO_TEST_DEADLINE, seconds).

Run it under dbus-run-session on an X display (tests/gui/with-xvfb.sh gives
each test its own); a test calls skip() when something it needs is missing
(a TAP plan of none, saying why). Tap prints the tests' TAP output; walk,
find, settle and click read the tree as a screen reader does.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

DEADLINE = float(os.environ.get("TRANSFO_TEST_DEADLINE", "90"))

# Imported once the accessibility bus runs (AtspiBus.start()): pyatspi
# connects to it on import, and aborts the process when there is none.
pyatspi = None
GLib = None


def skip(reason):
    print(f"1..0 # SKIP {reason}", flush=True)
    sys.exit(0)


class Tap:
    """TAP output: ok/not ok lines, notes (#) and the plan at the end."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, title, details=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {title}", flush=True)
        for line in details:
            self.note(line)
        if not ok:
            self.failed += 1
        return ok

    def note(self, line):
        print(f"# {line}", flush=True)

    def end(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0


def require():
    """Skips the test, saying why, when AT-SPI cannot run here."""
    if not os.environ.get("DISPLAY"):
        skip("no display: run the GUI tests under xvfb-run or with-xvfb.sh")
    try:
        import importlib.util
        found = importlib.util.find_spec("pyatspi") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        skip("python3-pyatspi is not installed (Debian's /usr/bin/python3 has it)")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip("no session bus: run the test under dbus-run-session")
    if os.environ.get("GTK_A11Y") == "none":
        skip("accessibility is off (GTK_A11Y=none)")
    if shutil.which("xdotool") is None:
        skip("xdotool is not installed")


def pump():
    """Lets the events AT-SPI has received reach their listeners."""
    if GLib is None:
        return
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass


def wait_for(what, predicate, timeout=None):
    """Polls @predicate until it returns something true, and returns it;
    fails saying @what after the deadline. Between two looks it waits in
    GLib's main loop, so that an AT-SPI event (a focus or a name change)
    wakes it at once; else it looks again after a short while."""
    end = time.monotonic() + (timeout if timeout is not None else DEADLINE)
    interval = 0.01
    while True:
        pump()
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        if GLib is None:
            time.sleep(interval)
        else:
            # Up to @interval, less when an event arrives.
            fired = []
            source = GLib.timeout_add(int(interval * 1000), lambda: fired.append(1) or False)
            GLib.MainContext.default().iteration(True)
            if not fired:
                GLib.source_remove(source)
        # Quick at first, then gentler: a predicate may walk the
        # accessible tree, over D-Bus, on a loaded machine.
        interval = min(interval * 1.5, 0.2)


class AtspiBus:
    """The accessibility bus, started for this session bus and stopped with it."""

    LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")

    def __init__(self):
        self.process = None

    def start(self):
        global pyatspi, GLib
        launcher = next((p for p in self.LAUNCHERS if os.access(p, os.X_OK)), None)
        if launcher is None:
            skip("at-spi-bus-launcher is not installed (package at-spi2-core)")
        # The bus's socket in a folder of this test's own: without
        # XDG_RUNTIME_DIR every launcher on the machine would take
        # ~/.cache/at-spi/bus, and another test's would take it away. The
        # app inherits the variable.
        self.runtime_dir = tempfile.mkdtemp(prefix="tf-atspi-")
        os.environ["XDG_RUNTIME_DIR"] = self.runtime_dir
        self.process = subprocess.Popen([launcher, "--launch-immediately"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

        def answers():
            if self.process.poll() is not None:
                return "ended"
            done = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                                   "--object-path", "/org/a11y/bus",
                                   "--method", "org.a11y.Bus.GetAddress"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
            return "ok" if done.returncode == 0 and b"unix:" in done.stdout else None

        try:
            state = wait_for("the AT-SPI bus", answers, timeout=min(DEADLINE, 30))
        except AssertionError:
            state = "silent"
        if state != "ok":
            err = self.process.stderr.read().decode(errors="replace") if state == "ended" else ""
            self.stop()
            skip(f"the AT-SPI bus did not start ({state}) {err.strip()}")
        import pyatspi as atspi_module
        from gi.repository import GLib as glib_module
        pyatspi = atspi_module
        GLib = glib_module
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
        if getattr(self, "runtime_dir", None):
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
            self.runtime_dir = None


def walk(accessible, depth=0, max_depth=64):
    """Every accessible under @accessible, itself first."""
    if accessible is None or depth > max_depth:
        return
    yield accessible
    try:
        children = list(accessible)
    except Exception:  # an object that went away while walking
        return
    for child in children:
        yield from walk(child, depth + 1, max_depth)


def state(accessible, which):
    try:
        return accessible.getState().contains(which)
    except Exception:
        return False


def role(accessible):
    try:
        return accessible.getRoleName()
    except Exception:
        return ""


def name(accessible):
    try:
        return accessible.name or ""
    except Exception:
        return ""


def settle(root, what="the accessible tree"):
    """Waits until the tree under @root keeps its size between two looks
    (a window filling itself in); returns that size."""
    last = [-1]

    def same():
        n = sum(1 for _ in walk(root))
        if n == last[0]:
            return n
        last[0] = n
        return None
    return wait_for(f"{what} to settle", same)


def find(root, predicate):
    """The first accessible under @root (itself included) for which
    @predicate holds."""
    for accessible in walk(root):
        try:
            if predicate(accessible):
                return accessible
        except Exception:
            continue
    return None


def click(accessible):
    """Activates a control through AT-SPI, as a screen reader does."""
    action = accessible.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            return action.doAction(i)
    return action.doAction(0)


def is_shown(window):
    """Whether @window is still there and visible (a closed window can stay
    listed, no longer visible)."""
    return state(window, pyatspi.STATE_VISIBLE) and not state(window, pyatspi.STATE_DEFUNCT)


class Transfo:
    """The app on an archive, as AT-SPI shows it.

    focus_log and name_log hold, in order, the accessibles that took the
    focus and the (accessible, new name) of every accessible-name change of
    the app: what a screen reader hears."""

    def __init__(self, binary, archive, env=None, language=None):
        self.binary = binary
        self.archive = archive
        self.env = dict(os.environ)
        # Accessibility on: the GUI suite turns it off for the other tests.
        for name in ("GTK_A11Y", "NO_AT_BRIDGE"):
            self.env.pop(name, None)
        self.env.setdefault("GDK_BACKEND", "x11")
        self.env.setdefault("GSETTINGS_BACKEND", "memory")
        self.env["G_MESSAGES_DEBUG"] = "tf-window"
        if language is not None:
            # C.UTF-8 honours LANGUAGE (a plain C locale would not), and
            # needs no locale generated on the machine.
            self.env["LANGUAGE"] = language
            self.env["LC_ALL"] = "C.UTF-8"
        if env:
            self.env.update(env)
        self.process = None
        self.log_path = archive + ".log"
        self.app = None
        self.window = None
        self.wid = None
        self.focus_log = []
        self.name_log = []
        self._listeners = []

    # --- the command line, on the same archive ---

    def cli(self, *args):
        done = subprocess.run([self.binary, "--archive", self.archive, *args], env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if done.returncode != 0:
            raise AssertionError(f"transfo {' '.join(args)} failed: {done.stderr.decode()}")
        return done.stdout.decode()

    # --- the window ---

    def start(self):
        self._listen("object:state-changed:focused", self._on_focus)
        self._listen("object:property-change:accessible-name", self._on_name)
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([self.binary, "--archive", self.archive], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.app = wait_for("Transfo on the AT-SPI registry", self._find_app)
        self.window = wait_for("its window", self._find_window)
        wait_for("its first frame", self._drawn)
        self.wid = wait_for("its X window", self._x_window)
        wait_for("the keyboard on its window", self._take_focus)
        return self

    def stop(self):
        for listener, event in self._listeners:
            try:
                pyatspi.Registry.deregisterEventListener(listener, event)
            except Exception:
                pass
        self._listeners = []
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self.log.close()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def output(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def alive(self):
        if self.process.poll() is not None:
            raise AssertionError(f"Transfo ended ({self.process.returncode}):\n{self.output()}")
        return True

    def _find_app(self):
        self.alive()
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def _find_window(self):
        self.alive()
        for child in self.app:
            if child is not None and role(child) == "frame" and state(child, pyatspi.STATE_SHOWING):
                return child
        return None

    def _drawn(self):
        self.alive()
        return "Ready: the window is mapped" in self.output()

    def _x_window(self):
        done = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        ids = done.stdout.split()
        return ids[0].decode() if ids else None

    def _take_focus(self):
        subprocess.run(["xdotool", "windowfocus", "--sync", self.wid],
                       stderr=subprocess.DEVNULL, check=False)
        done = subprocess.run(["xdotool", "getwindowfocus"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, check=False)
        return done.stdout.strip().decode() == self.wid

    # --- events ---

    def _listen(self, event, callback):
        pyatspi.Registry.registerEventListener(callback, event)
        self._listeners.append((callback, event))

    def _mine(self, event):
        try:
            return self.app is not None and event.host_application == self.app
        except Exception:
            return False

    def _on_focus(self, event):
        if event.detail1 == 1 and self._mine(event):
            self.focus_log.append(event.source)

    def _on_name(self, event):
        if self._mine(event):
            self.name_log.append((event.source, event.any_data))

    def focused(self):
        """The accessible that took the focus last."""
        pump()
        return self.focus_log[-1] if self.focus_log else None

    # --- the keyboard ---

    def key(self, *keys):
        """Presses @keys (xdotool's names: "Tab", "shift+Tab", "Menu")."""
        self.alive()
        subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)

    def type(self, text):
        self.alive()
        subprocess.run(["xdotool", "type", "--delay", "20", text], check=True)

    def key_until(self, what, key, predicate, tries=80):
        """Presses @key until @predicate holds (each press waited for: the
        focus moved or @predicate came true)."""
        for _ in range(tries):
            value = predicate()
            if value:
                return value
            before = len(self.focus_log)
            self.key(key)
            # Not every widget says it took the focus (GTK 4.8's entry
            # rows do not): a short wait, then the next press.
            try:
                wait_for(f"{key} to move the focus", lambda: len(self.focus_log) > before or predicate(),
                         timeout=min(DEADLINE, 1.5))
            except AssertionError:
                pass
        raise AssertionError(f"{what}: not reached after {tries} × {key}")

    def screenshot(self, path):
        """The screen, to look at when a wait failed."""
        subprocess.run(["import", "-window", "root", path], stderr=subprocess.DEVNULL, check=False)
        print(f"# screenshot: {os.path.abspath(path)}", flush=True)

    # --- finding things ---

    def find(self, predicate, root=None):
        return find(root if root is not None else self.window, predicate)

    def window_other_than(self, *windows):
        """A window of the app shown besides @windows (a dialog)."""
        for child in self.app:
            if child is not None and child not in windows and \
                    role(child) in ("dialog", "frame", "window") and is_shown(child):
                return child
        return None

    def wait_find(self, what, predicate, root=None):
        return wait_for(what, lambda: self.alive() and self.find(predicate, root))

    def focused_is(self, role_name, predicate):
        """The focused accessible if it has @role_name and @predicate holds
        of its name."""
        f = self.focused()
        return f if f is not None and role(f) == role_name and predicate(name(f)) else None

    def open_board(self, experiment_query, board_name):
        """Opens a board with the keyboard alone: the archive's search
        (Ctrl+F, its text replaced), Tab to the experiment's row, Return,
        then Tab to the board's row and Return. Only focus events are
        waited for: no walk of the whole tree. Returns the board's
        accessible, which has the focus."""
        self.key("ctrl+f")
        self.key("ctrl+a")
        self.type(experiment_query)
        self.key_until(f"the row of {experiment_query!r}", "Tab",
                       lambda: self.focused_is("list item", lambda n: experiment_query in n))
        self.key("Return")
        return self.open_board_here(board_name)

    def open_board_here(self, board_name):
        """From an experiment's page: Tab to the board's row and Return."""
        self.key_until(f"the row of {board_name!r}", "Tab",
                       lambda: self.focused_is("list item", lambda n: n == board_name))
        self.key("Return")
        return wait_for("the board to take the focus",
                        lambda: (lambda f: f if f is not None and is_board(f) else None)(self.focused()))


def is_board(accessible):
    """Whether @accessible is a board view: its description says its keys."""
    try:
        description = accessible.description
        return "Tab" in description and ("Home" in description or "Début" in description)
    except Exception:
        return False
