# SPDX-License-Identifier: GPL-3.0-or-later
"""Transfo read as a screen reader reads it: the real binary started on the
display and session bus given (tests/gui/with-xvfb.sh gives each test its
own), found on the accessibility bus (AT-SPI) with pyatspi, and waited for.

Debian's python3-pyatspi; the bus is started by the session bus when the
application or pyatspi first asks for it (at-spi2-core)."""

import os
import subprocess
import sys
import time

SKIP = 77


def skip(reason):
    print(f"1..0 # SKIP {reason}")
    sys.exit(0)


def import_pyatspi():
    """pyatspi, or a skip saying why it cannot be used."""
    if not os.environ.get("DISPLAY"):
        skip("no display: run the GUI tests under xvfb-run")
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        skip("no session bus: run the test under dbus-run-session")
    if os.environ.get("GTK_A11Y") == "none":
        skip("accessibility is off (GTK_A11Y=none)")
    try:
        import pyatspi  # noqa: F401
    except ImportError:
        skip("no pyatspi (Debian: python3-pyatspi)")
    return sys.modules["pyatspi"]


def start_app(binary, archive, args=()):
    """Starts Transfo on @archive (a new one gets the demo)."""
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.setdefault("GDK_BACKEND", "x11")
    return subprocess.Popen([binary, "--archive", archive, *args], env=env,
                            stdin=subprocess.DEVNULL)


def deadline(timeout):
    end = time.monotonic() + timeout
    return lambda: time.monotonic() < end


def find_app(name, timeout=240, process=None):
    """The application called @name on the accessibility bus."""
    import pyatspi
    alive = deadline(timeout)
    while alive():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{name} ended (status {process.returncode}) before it showed")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.name == name:
                    return app
            except Exception:  # an application going away meanwhile
                continue
        time.sleep(0.1)
    raise TimeoutError(f"no application {name!r} on the accessibility bus after {timeout} s")


def walk(acc):
    """@acc and everything under it, depth first."""
    stack = [acc]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        yield node
        try:
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            continue
        stack.extend(reversed(children))


def count_nodes(acc):
    return sum(1 for _ in walk(acc))


def wait_for(predicate, timeout, what):
    """Polls @predicate (the accessibility tree changes as the window does)
    until it returns something true; never a fixed sleep."""
    alive = deadline(timeout)
    while alive():
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"waited {timeout} s for {what}")


def wait_ready(app, timeout=240):
    """The main window, once shown and whole: a frame with controls whose
    tree no longer grows between two looks."""
    import pyatspi

    def frame():
        for i in range(app.childCount):
            window = app.getChildAtIndex(i)
            if window is not None and window.getRole() == pyatspi.ROLE_FRAME and window.childCount:
                return window
        return None

    window = wait_for(frame, timeout, "the main window")
    settle(window, timeout)
    return window


def settle(acc, timeout=60):
    """Waits until the tree under @acc keeps its size between two looks."""
    last = -1
    alive = deadline(timeout)
    while alive():
        n = count_nodes(acc)
        if n == last:
            return n
        last = n
        time.sleep(0.3)
    raise TimeoutError("the accessibility tree kept changing")


def is_shown(window):
    """Whether @window is still there and visible (a closed window can stay
    listed, no longer visible)."""
    import pyatspi
    try:
        return window.getState().contains(pyatspi.STATE_VISIBLE) and \
            not window.getState().contains(pyatspi.STATE_DEFUNCT)
    except Exception:
        return False


def find(acc, role=None, name=None):
    """The first node under @acc with @role and @name (either may be None)."""
    for node in walk(acc):
        try:
            if (role is None or node.getRole() == role) and (name is None or node.name == name):
                return node
        except Exception:
            continue
    return None


def click(acc):
    """Activates a button through AT-SPI, as a screen reader does."""
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            return action.doAction(i)
    return action.doAction(0)


def stop_app(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
