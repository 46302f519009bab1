# SPDX-License-Identifier: GPL-3.0-or-later
"""A screen reader's walk on an insight wall, through AT-SPI.

A wall of nine insights is made with the command line; the app opens on
it, and the board is reached with the keyboard alone. Tab goes through the
nine notes: after each Tab the board's accessible name (what Orca reads
when it changes) says that note's quote, in reading order, with its colour
and its place; the name change is an AT-SPI event of the board. Then an
insight is written and coloured with the keyboard alone (typing, Escape,
the Menu key, its Colour submenu), and the archive has it.

usage: test-a11y-board.py PATH-TO-TRANSFO (under dbus-run-session, on X)
"""

import os
import sys
import tempfile

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
NEW_QUOTE = "Une idee ecrite au clavier"


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    t.require()
    binary = os.path.abspath(sys.argv[1])
    bus = t.AtspiBus().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return run(binary, tmp)
    finally:
        bus.stop()


def run(binary, tmp):
    archive = os.path.join(tmp, "archive.sqlite")
    app = t.Transfo(binary, archive)
    experiment = app.cli("new", EXPERIMENT).strip().split()[-1]
    csv = os.path.join(tmp, "quotes.csv")
    with open(csv, "w") as f:
        f.write("quote\n" + "".join(f"\"{q}\"\n" for q in QUOTES))
    app.cli("import-insights", experiment, csv, "--board", BOARD)

    n = 0
    with app:
        try:
            board = app.open_board(EXPERIMENT, BOARD)
        except AssertionError:
            app.screenshot("test-a11y-board-failed.png")
            raise
        print(f"# the board: {t.role(board)} {board.name!r}, {board.description!r}")
        n += 1
        print(f"ok {n} - the wall is reached with the keyboard and has the focus")

        # Tab, nine times: each note said, in reading order.
        heard = []
        for i, quote in enumerate(QUOTES):
            app.key("Tab")
            name = t.wait_for(f"note {i + 1} to be said",
                              lambda: quote in (board.name or "") and board.name)
            heard.append(name)
            print(f"# Tab {i + 1}: {name!r}")
            assert f"{i + 1} of {len(QUOTES)}" in name, name
            assert "yellow" in name, name
        n += 1
        print(f"ok {n} - every note is said in reading order with its quote, colour and place")

        changes = [name for source, name in app.name_log if source == board]
        said = [q for q in QUOTES if any(q in c for c in changes)]
        assert said == QUOTES, f"name changes of the board: {changes}"
        n += 1
        print(f"ok {n} - each is an accessible-name change of the focused board (what Orca reads)")

        # Home and End.
        app.key("End")
        t.wait_for("End to reach the last note", lambda: QUOTES[-1] in (board.name or ""))
        app.key("Home")
        t.wait_for("Home to reach the first note", lambda: QUOTES[0] in (board.name or ""))
        app.key("ctrl+Right")
        t.wait_for("Ctrl+Right to reach the note on the right", lambda: QUOTES[1] in (board.name or ""))
        app.key("ctrl+Right")
        t.wait_for("Ctrl+Right to reach the next note", lambda: QUOTES[2] in (board.name or ""))
        app.key("ctrl+Left")
        t.wait_for("Ctrl+Left to come back", lambda: QUOTES[1] in (board.name or ""))
        n += 1
        print(f"ok {n} - Home, End and Ctrl+arrows move the keyboard to the right notes")

        # A new insight, typed: Escape ends it, and it is the one selected.
        app.key("Escape")
        t.wait_for("Escape to clear the selection", lambda: board.name == BOARD)
        app.type(NEW_QUOTE)
        app.key("Escape")
        t.wait_for("the new insight to be said", lambda: NEW_QUOTE in (board.name or ""))
        n += 1
        print(f"ok {n} - an insight written with the keyboard is said: {board.name!r}")

        # Its menu from the keyboard, the Colour submenu, Pink.
        app.key("Menu")
        t.wait_for("the menu to take the focus",
                   lambda: (lambda f: f is not None and t.role(f) == "menu item")(app.focused()))
        app.key_until("the Colour item", "Down",
                      lambda: (lambda f: f is not None and "Colour" in (f.name or ""))(app.focused()))
        app.key("Return")
        app.key_until("the Pink item", "Down",
                      lambda: (lambda f: f is not None and f.name == "Pink")(app.focused()))
        app.key("Return")
        t.wait_for("the note to be said pink",
                   lambda: NEW_QUOTE in (board.name or "") and "pink" in board.name)
        n += 1
        print(f"ok {n} - coloured from its menu with the keyboard: {board.name!r}")

    out = app.cli("export-insights", experiment, "-o", os.path.join(tmp, "out.csv"), "--board", BOARD)
    with open(os.path.join(tmp, "out.csv")) as f:
        rows = f.read()
    line = next((r for r in rows.splitlines() if NEW_QUOTE in r), "")
    assert line, rows + out
    assert "pink" in line.lower() or "rose" in line.lower(), line
    n += 1
    print(f"ok {n} - the archive has the new insight, pink: {line!r}")
    print(f"1..{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
