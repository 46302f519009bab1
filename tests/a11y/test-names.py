#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control named, as a screen reader reads it (issue #16).

The real binary on a new archive (the demo), read through AT-SPI: the main
window, the export dialog, an insight wall and its insight panel. No
interactive control (button, toggle, menu button, spin button, entry, check
box, list item…) may have an empty name, a GTK type name ("GtkImage") or a
name read twice ("Export… Export…"). TAP output.

Usage: test-names.py TRANSFO_BINARY (under tests/gui/with-xvfb.sh: a
display and a session bus of the test's own)."""

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atspi_walk as T  # noqa: E402

pyatspi = T.import_pyatspi()

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM, pyatspi.ROLE_SLIDER, pyatspi.ROLE_LINK,
    pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB,
}
for extra in ("ROLE_SWITCH",):
    if hasattr(pyatspi, extra):
        INTERACTIVE.add(getattr(pyatspi, extra))

# What GTK 4.8 says when it has no name: the widget's type.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Tf)[A-Z]\w*$")


def read_twice(name):
    """"_Export… Export…", "Export Export": a name made of one text twice
    (mnemonic underscores aside)."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def problems(root, where):
    found = []
    seen = 0
    for node in T.walk(root):
        try:
            role = node.getRole()
            name = node.name or ""
        except Exception:
            continue
        if role not in INTERACTIVE:
            continue
        seen += 1
        label = f"{where}: {node.getRoleName()} {name!r} ({node.description!r})"
        if not name.strip():
            found.append(f"no name: {label}")
        elif TYPE_NAME.match(name.strip()):
            found.append(f"a type for a name: {label}")
        elif read_twice(name):
            found.append(f"read twice: {label}")
        elif "_" in name and re.search(r"(^|\s)_?\w*_\w", name) and not name.startswith("http"):
            found.append(f"a mnemonic underscore read: {label}")
    return seen, found


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, title, details=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} {title}")
        for line in details:
            print(f"# {line}")
        if not ok:
            self.failed += 1

    def todo(self, title, details):
        self.n += 1
        print(f"not ok {self.n} {title} # TODO")
        for line in details:
            print(f"# {line}")

    def end(self):
        print(f"1..{self.n}")
        sys.exit(1 if self.failed else 0)


# Left to fix (#16), reported as TAP TODO so that they show in every run:
# the insight panel's two tabs (a stack switcher's buttons, named by the
# page's title and their label) and its two menu buttons without a label.
KNOWN = [
    re.compile(r"^read twice: .*page tab '(Note Note|Insights Insights)'"),
    re.compile(r"^a type for a name: .*push button 'GtkMenuButton' \(''\)$"),
]


def walk_check(tap, root, where):
    T.settle(root)
    # Names read before are kept by libatspi: read them again.
    root.clear_cache()
    seen, found = problems(root, where)
    known = [f for f in found if any(k.search(f) for k in KNOWN)]
    found = [f for f in found if f not in known]
    tap.check(seen > 0 and not found,
              f"{where}: {seen} controls, each named once with words of the UI",
              found if found else ())
    if known:
        tap.todo(f"{where}: {len(known)} controls left to name, issue 16", known)


def window_of(app, role_names, exclude):
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        if window is not None and window not in exclude and window.getRoleName() in role_names \
                and T.is_shown(window):
            return window
    return None


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-names.py TRANSFO_BINARY")
    tap = Tap()
    with tempfile.TemporaryDirectory(prefix="tf-a11y-") as tmp:
        process = T.start_app(sys.argv[1], os.path.join(tmp, "a.sqlite"))
        try:
            app = T.find_app("transfo", process=process)
            main_window = T.wait_ready(app)
            walk_check(tap, main_window, "main window")

            # The demo's insight wall, opened with the pointer on its row.
            row = T.find(main_window, pyatspi.ROLE_LIST_ITEM, "Insights de la résidence")
            tap.check(row is not None, "the wall's row is named by its board")
            window_id = subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(process.pid)],
                capture_output=True, text=True, check=True).stdout.split()[0]
            box = row.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            subprocess.run(["xdotool", "mousemove", "--window", window_id,
                            str(box.x + box.width // 2), str(box.y + box.height // 2),
                            "click", "1"], check=True)

            def board_focused():
                for node in T.walk(main_window):
                    states = node.getState()
                    if states.contains(pyatspi.STATE_FOCUSED) and node.getRole() != pyatspi.ROLE_LIST_ITEM:
                        return node
                return None
            T.wait_for(board_focused, 240, "the wall to take the focus")
            walk_check(tap, main_window, "insight wall")

            details = T.find(main_window, pyatspi.ROLE_TOGGLE_BUTTON, "Insight Details") or \
                T.find(main_window, pyatspi.ROLE_PUSH_BUTTON, "Insight Details")
            tap.check(details is not None, "the insight panel's button is named")
            T.click(details)
            T.wait_for(lambda: details.getState().contains(pyatspi.STATE_PRESSED) or
                       details.getState().contains(pyatspi.STATE_CHECKED),
                       240, "the insight panel to open")
            walk_check(tap, main_window, "insight wall with its panel")

            # The export dialog, opened as a screen reader user would (its
            # button is the experiment's, the report of the whole experiment).
            export = T.find(main_window, pyatspi.ROLE_PUSH_BUTTON, "Print the Report or Export…")
            tap.check(export is not None, "the export button is found by its name")
            T.click(export)
            dialog = T.wait_for(lambda: window_of(app, ("dialog", "frame", "window"), [main_window]),
                                240, "the export dialog")
            walk_check(tap, dialog, "export dialog")
            cancel = T.find(dialog, pyatspi.ROLE_PUSH_BUTTON, "Cancel")
            tap.check(cancel is not None, "the export dialog's Cancel is named once")
        finally:
            T.stop_app(process)
    tap.end()


if __name__ == "__main__":
    main()
