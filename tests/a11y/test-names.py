#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control named, as a screen reader reads it (issue #16).

The real binary on a new archive (the demo), read through AT-SPI: the main
window, an insight wall and its insight panel, the export dialog. No
interactive control (button, toggle, menu button, spin button, entry, check
box, list item…) may have an empty name, a GTK type name ("GtkImage") or a
name read twice ("Export… Export…"). Then the same in French (LANGUAGE=fr,
the build's translations): no control keeps an English name that has a
French translation, and the names are the French words of the UI. TAP.

Usage: test-names.py TRANSFO_BINARY (under tests/gui/with-xvfb.sh: a
display and a session bus of the test's own)."""

import ast
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transfo_atspi as t  # noqa: E402

PO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "po", "fr.po")

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "spin button", "entry",
    "password text", "text", "combo box", "list item", "menu item", "check menu item",
    "radio menu item", "slider", "link", "page tab", "switch",
}

# What GTK 4.8 says when it has no name: the widget's type.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Tf)[A-Z]\w*$")

WALL = "Insights de la résidence"


def read_twice(name):
    """"_Export… Export…", "Export Export": a name made of one text twice
    (mnemonic underscores aside)."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def translations():
    """{English text: French text} of po/fr.po, mnemonics left out, for
    the texts whose translation differs."""
    pairs = {}
    entry = {}
    key = None

    def flush():
        english = entry.get("msgid", "")
        french = entry.get("msgstr", entry.get("msgstr[1]", ""))
        if english and french and "fuzzy" not in entry.get("flags", ""):
            english = english.replace("_", "")
            french = french.replace("_", "")
            if english != french:
                pairs[english] = french

    with open(PO, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                flush()
                entry, key = {}, None
            elif line.startswith("#,"):
                entry["flags"] = line
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and key is not None:
                entry[key] += ast.literal_eval(line)
            else:
                key, _, text = line.partition(" ")
                entry[key] = ast.literal_eval(text) if text.startswith('"') else ""
    flush()
    return pairs


def role_name(role):
    """"push button" for pyatspi.ROLE_PUSH_BUTTON: read from the enum, not
    over D-Bus (getRoleName() asks the application each time)."""
    return t.pyatspi.Atspi.role_get_name(role) if role is not None else ""


def snapshot(root, where):
    """(role name, name) of every accessible under @root, once the tree
    keeps its size between two looks (the window filling itself in)."""
    last = [None]

    def same():
        n = sum(1 for _ in t.walk(root))
        if n == last[0]:
            return n
        last[0] = n
        return None
    t.wait_for(f"{where}: the tree to settle", same)
    # Names read before are kept by libatspi: read them again, once.
    root.clear_cache()
    nodes = []
    for node in t.walk(root):
        try:
            role = node.getRole()
        except Exception:
            continue
        nodes.append((role_name(role), t.name(node)))
    return nodes


def problems(nodes, where, english=None):
    """The controls of @nodes badly named; and how many there are."""
    found = []
    seen = 0
    for role, name in nodes:
        if role not in INTERACTIVE:
            continue
        seen += 1
        label = f"{where}: {role} {name!r}"
        if not name.strip():
            found.append(f"no name: {label}")
        elif TYPE_NAME.match(name.strip()):
            found.append(f"a type for a name: {label}")
        elif read_twice(name):
            found.append(f"read twice: {label}")
        elif "_" in name and re.search(r"(^|\s)_?\w*_\w", name) and not name.startswith("http"):
            found.append(f"a mnemonic underscore read: {label}")
        elif english is not None and name in english:
            found.append(f"in English: {label} (French: {english[name]!r})")
    return seen, found


START = time.monotonic()


def walk_check(tap, root, where, english=None, french=None):
    tap.note(f"[{time.monotonic() - START:5.1f} s] {where}: reading the tree")
    nodes = snapshot(root, where)
    tap.note(f"[{time.monotonic() - START:5.1f} s] {where}: {len(nodes)} accessibles read")
    seen, found = problems(nodes, where, english)
    tap.check(seen > 0 and not found,
              f"{where}: {seen} controls, each named once with words of the UI", found)
    if french is not None:
        said = sorted({name for role, name in nodes if role in INTERACTIVE and name in french})
        tap.check(len(said) >= 5, f"{where}: {len(said)} names are French words of the UI",
                  [", ".join(repr(s) for s in said[:12])])
    return nodes


def run(binary, tmp, tap, language):
    english = french = None
    if language == "fr":
        english = translations()
        french = set(english.values())
    where = "" if language is None else f" ({language})"
    app = t.Transfo(binary, os.path.join(tmp, f"names-{language}.sqlite"), language=language)
    with app:
        window = app.window
        walk_check(tap, window, "main window" + where, english, french)

        # A first launch welcomes (#17, point 13); its "Explore the Example"
        # opens the demo.
        explore = t.wait_for("the welcome page's Explore button", lambda: app.find(
            lambda a: t.role(a) == "push button"
            and a.name in ("Explore the Example", "Explorer l’exemple")))
        t.click(explore)

        # The demo's insight wall, opened with the pointer on its row.
        row = t.wait_for("the wall's row", lambda: app.find(
            lambda a: t.role(a) == "list item" and a.name == WALL))
        box = row.queryComponent().getExtents(t.pyatspi.WINDOW_COORDS)
        subprocess.run(["xdotool", "mousemove", "--window", app.wid,
                        str(box.x + box.width // 2), str(box.y + box.height // 2),
                        "click", "1"], check=True)
        board = t.wait_for("the wall to take the focus",
                           lambda: (lambda f: f if f is not None and t.is_board(f) else None)(app.focused()))
        tap.check(t.role(board) == "panel" and board.name == WALL,
                  f"the wall is a panel named by the board{where}: {t.role(board)} {board.name!r}")

        # Its insight panel (F9), opened through AT-SPI. The window is read
        # once, with the panel open: the wall's own controls are all in it
        # (read before the panel as well, it was the same 520 accessibles
        # and 110 controls, and 45 s more on a busy machine).
        details = t.wait_for("the insight panel's button", lambda: app.find(
            lambda a: t.role(a) in ("toggle button", "push button") and
            a.name in ("Insight Details", "Détails de l’insight", "Détails de l'insight")))
        t.click(details)
        t.wait_for("the insight panel to open",
                   lambda: t.state(details, t.pyatspi.STATE_PRESSED) or
                   t.state(details, t.pyatspi.STATE_CHECKED))
        nodes = walk_check(tap, window, "insight wall with its panel" + where, english, french)
        images = [name for role, name in nodes if role == "image" and
                  (not name.strip() or TYPE_NAME.match(name))]
        tap.check(not images, f"no unnamed image in the tree (decorative icons hidden){where}",
                  [repr(name) for name in images[:8]])

        # The export dialog, as a screen reader user would open it (its
        # button is the experiment's, the report of the whole experiment).
        export = t.wait_for("the export button", lambda: app.find(
            lambda a: t.role(a) == "push button" and
            a.name in ("Print the Report or Export…", "Imprimer le rapport ou exporter…")))
        t.click(export)
        dialog = t.wait_for("the export dialog", lambda: app.window_other_than(window))
        walk_check(tap, dialog, "export dialog" + where, english, french)
        cancel = t.find(dialog, lambda a: t.role(a) == "push button" and a.name in ("Cancel", "Annuler"))
        tap.check(cancel is not None, f"the export dialog's Cancel is named once{where}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-names.py TRANSFO_BINARY")
    t.require()
    binary = os.path.abspath(sys.argv[1])
    tap = t.Tap()
    bus = t.AtspiBus().start()
    try:
        with tempfile.TemporaryDirectory(prefix="tf-a11y-") as tmp:
            for language in (None, "fr"):
                try:
                    run(binary, tmp, tap, language)
                except AssertionError as e:
                    tap.check(False, f"{language or 'en'}: {e}")
    finally:
        bus.stop()
    sys.exit(tap.end())


if __name__ == "__main__":
    main()
