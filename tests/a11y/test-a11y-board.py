#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Boards read as a screen reader reads them, through AT-SPI, in French
(LANGUAGE=fr with the build's translations), with the keyboard alone.

One window, on an archive with the demo and a wall of nine insights made
with the command line:
- the nine-note wall: Tab says each quote in reading order, with its
  colour and its place; each is a name change of the focused board (what
  Orca reads); Home, End and Ctrl+arrows;
- the demo's insight wall read by Tab, then an insight written and
  coloured there with the keyboard alone (typing, Escape, the Menu key,
  its Colour submenu), which the archive then has;
- the demo's actor map: actors said with their family and links, links
  with their relation and ends;
- the demo's blueprint: each cell said with its step, lane and card.
What was said is printed (TAP notes), to read.

usage: test-a11y-board.py PATH-TO-TRANSFO (under dbus-run-session, on X)
"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transfo_atspi as t  # noqa: E402

# Imported in one row, left to right: the reading order.
QUOTES = [
    "On attend le bus une heure le matin",
    "Le guichet ferme avant la sortie du travail",
    "Personne ne sait qui décide des horaires",
    "Je viens à pied faute de place au parking",
    "Les formulaires changent tous les ans",
    "Ma voisine m'aide à remplir le dossier",
    "Le site ne marche pas sur mon téléphone",
    "On se parle plus depuis le marché couvert",
    "J'ai appris la réunion par le journal",
]
EXPERIMENT = "Mobilite accessible"
BOARD = "Paroles d'usagers"
DEMO = "Laboratoire"
DEMO_WALL = "Insights de la résidence"
DEMO_MAP = "Réseau des élus"
DEMO_BLUEPRINT = "Kit du mandat régional — les premières semaines d’un élu"
NEW_QUOTE = "Une idee ecrite au clavier"

START = time.monotonic()


def note(tap, line):
    tap.note(f"[{time.monotonic() - START:5.1f} s] {line}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    t.require()
    binary = os.path.abspath(sys.argv[1])
    tap = t.Tap()
    bus = t.AtspiBus().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                run(binary, tmp, tap)
            except AssertionError as e:
                tap.check(False, str(e))
    finally:
        bus.stop()
    return tap.end()


def said(board):
    """The board's name, French no-break spaces as spaces."""
    return t.name(board).replace("\u00a0", " ").replace("\u202f", " ")


def tab_reading(app, tap, board, count, key="Tab"):
    """Presses @key @count times; each press waited for until the board
    says something else. Returns what it said, in order."""
    heard = []
    for _ in range(count):
        before = said(board)
        app.key(key)
        heard.append(t.wait_for(f"{key} to say the next item",
                                lambda: (lambda n: n if n and n != before else None)(said(board))))
    return heard


def back_to_experiment(app):
    """Alt+Left: from the board to its experiment."""
    app.key("alt+Left")
    t.wait_for("the experiment's page", lambda: app.focused() is not None and not t.is_board(app.focused()))


def run(binary, tmp, tap):
    archive = os.path.join(tmp, "archive.sqlite")
    app = t.Transfo(binary, archive, language="fr")
    app.cli("demo")
    experiment = app.cli("new", EXPERIMENT).strip().split()[-1]
    csv = os.path.join(tmp, "quotes.csv")
    with open(csv, "w") as f:
        f.write("quote\n" + "".join(f"\"{q}\"\n" for q in QUOTES))
    app.cli("import-insights", experiment, csv, "--board", BOARD)

    with app:
        note(tap, "the window is ready")
        try:
            read_nine(app, tap)
            demo_wall(app, tap)
            demo_map(app, tap)
            demo_blueprint(app, tap)
        except AssertionError:
            app.screenshot("test-a11y-board-failed.png")
            raise

    out = os.path.join(tmp, "out.csv")
    app.cli("export-insights", "1", "-o", out, "--board", DEMO_WALL)
    with open(out) as f:
        rows = f.read()
    line = next((r for r in rows.splitlines() if NEW_QUOTE in r), "")
    tap.check(line and ("pink" in line.lower() or "rose" in line.lower()),
              f"the archive has the insight written on the demo wall, pink: {line!r}")


def read_nine(app, tap):
    board = app.open_board(EXPERIMENT, BOARD)
    note(tap, f"the board: {t.role(board)} {board.name!r}, {board.description!r}")
    tap.check(t.role(board) == "panel", f"the wall is reached with the keyboard: a {t.role(board)}")

    heard = tab_reading(app, tap, board, len(QUOTES))
    for i, name in enumerate(heard):
        note(tap, f"Tab {i + 1}: {name!r}")
    bad = [n for i, n in enumerate(heard)
           if QUOTES[i] not in n or f"{i + 1} sur {len(QUOTES)}" not in n or "jaune" not in n]
    tap.check(not bad, "every note said in reading order with its quote, colour (jaune) and place", bad)

    changes = [n for source, n in app.name_log if source == board]
    in_events = [q for q in QUOTES if any(q in c for c in changes)]
    tap.check(in_events == QUOTES, "each is an accessible-name change event of the focused board",
              [] if in_events == QUOTES else changes)
    tap.check(any(t.is_board(f) for f in app.focus_log), "the board took the focus (a focus event)")

    for key, quote in (("End", -1), ("Home", 0), ("ctrl+Right", 1), ("ctrl+Right", 2), ("ctrl+Left", 1)):
        app.key(key)
        t.wait_for(f"{key} to reach {QUOTES[quote]!r}", lambda: QUOTES[quote] in said(board))
    tap.check(True, "Home, End and Ctrl+arrows move the keyboard to the right notes")
    back_to_experiment(app)


def demo_wall(app, tap):
    board = app.open_board(DEMO, DEMO_WALL)
    note(tap, f"the demo wall: {board.name!r}")
    app.key("End")
    last = t.wait_for("End to say the last item", lambda: re.search(r"(\d+) sur (\d+)$", said(board)))
    total = int(last.group(2))
    app.key("Home")
    t.wait_for("Home to say the first item", lambda: said(board).endswith(f"1 sur {total}"))
    heard = [said(board)] + tab_reading(app, tap, board, total - 1)
    for name in heard:
        note(tap, f"demo wall: {name!r}")
    places = [f"{i + 1} sur {total}" for i in range(total)]
    tap.check([n.rsplit(" ; ", 1)[-1] for n in heard] == places and
              sum("« " in n for n in heard) >= total - 2,
              f"the demo wall's {total} items said in reading order, their quotes between « »")

    # A new insight, typed: Escape ends it, and it is the one said.
    app.key("Escape")
    t.wait_for("Escape to clear the selection", lambda: said(board) == DEMO_WALL)
    app.type(NEW_QUOTE)
    app.key("Escape")
    written = t.wait_for("the new insight to be said",
                         lambda: NEW_QUOTE in said(board) and said(board))
    note(tap, f"written: {written!r}")
    tap.check(f"sur {total + 1}" in written, f"an insight written with the keyboard is said: {written!r}")

    # Its menu from the keyboard, the Colour submenu, Pink.
    app.key("Menu")
    t.wait_for("the menu to take the focus",
               lambda: (lambda f: f is not None and t.role(f) == "menu item")(app.focused()))
    app.key_until("the Colour item", "Down",
                  lambda: (lambda f: f is not None and "Couleur" in t.name(f))(app.focused()))
    note(tap, f"menu: {t.name(app.focused())!r}")
    app.key("Return")
    app.key_until("the Pink item", "Down",
                  lambda: (lambda f: f is not None and t.name(f) == "Rose")(app.focused()))
    app.key("Return")
    pink = t.wait_for("the note to be said pink", lambda: NEW_QUOTE in said(board) and "rose" in said(board)
                      and said(board))
    note(tap, f"coloured: {pink!r}")
    tap.check(True, f"coloured from its menu with the keyboard: {pink!r}")
    back_to_experiment(app)


def demo_map(app, tap):
    board = app.open_board_here(DEMO_MAP)
    note(tap, f"the actor map: {board.name!r}")
    actors, links = [], []
    for _ in range(80):
        if not t.is_board(app.focused()):
            break
        name = tab_reading(app, tap, board, 1)[0]
        note(tap, f"actor map: {name!r}")
        if ", acteur" in name and " ; liens : " in name:
            actors.append(name)
        if name.startswith("Lien, "):
            links.append(name)
        if len(actors) >= 3 and len(links) >= 2:
            break
    tap.check(len(actors) >= 3, "actors said with their name, family and links", actors[:3])
    tap.check(len(links) >= 2 and all(re.search(r"^Lien, .+, (de .+ vers|entre .+ et) .+", n) for n in links),
              "links said with their relation and their ends", links[:2])
    back_to_experiment(app)


def demo_blueprint(app, tap):
    board = app.open_board_here(DEMO_BLUEPRINT)
    note(tap, f"the blueprint: {board.name!r}")
    heard = tab_reading(app, tap, board, 6)
    for name in heard:
        note(tap, f"blueprint: {name!r}")
    cells = [n for n in heard if re.search(r"^Étape « .+ », couloir « .+ » : .+", n)]
    tap.check(len(cells) == len(heard) and any("carte" in n for n in cells),
              "blueprint cells said with their step, lane and card", cells[:3])


if __name__ == "__main__":
    sys.exit(main())
