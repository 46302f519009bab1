#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The installed-style binary, driven from outside with xdotool as a person
# would: Ctrl+N, type a title, Enter, then Ctrl+Q. The archive is then read
# back with the command line, from a copy of the .sqlite file alone: after a
# clean quit it is the whole archive, with no -wal or -shm beside it.
#
# Never a fixed sleep: every step waits for what it needs (the visible
# window, the first frame, the focus, a row in the archive) up to a deadline
# generous enough for a loaded machine under ASan. Skips without a display.

set -u

TRANSFO=${1:?usage: test-keyboard.sh PATH-TO-TRANSFO}
TITLE="Atelier des lycees"
DEADLINE=${TRANSFO_TEST_DEADLINE:-90}   # seconds, for each wait
n=0
failed=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check ()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
bail ()   { echo "Bail out! $1"; exit 1; }

if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display: run the GUI tests under xvfb-run"
  exit 0
fi
command -v xdotool >/dev/null || bail "xdotool is not installed"

# Runs "$@" until it succeeds, polling, for at most $DEADLINE seconds.
wait_until () {
  local end=$((SECONDS + DEADLINE))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.1
  done
}

tmp=$(mktemp -d)
pid=
cleanup () {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
archive=$tmp/archive.sqlite

echo "1..8"

G_MESSAGES_DEBUG=tf-window "$TRANSFO" --archive "$archive" >"$tmp/log" 2>&1 &
pid=$!

alive () { kill -0 "$pid" 2>/dev/null; }
ready () { grep -q "Ready: the window is mapped" "$tmp/log" || ! alive; }

# The window is viewable (mapped) before anything is sent to it: focusing a
# window that is not yet viewable fails with BadMatch (X_SetInputFocus).
wid=$(timeout "$DEADLINE" xdotool search --sync --onlyvisible --name '^Transfo$' | head -1)
[ -n "$wid" ] || { cat "$tmp/log"; bail "the window did not appear"; }
wait_until ready && alive || { cat "$tmp/log"; bail "the window did not draw its first frame"; }
ok "the window appears and draws"

has_focus () { [ "$(xdotool getwindowfocus 2>/dev/null)" = "$wid" ]; }
focus () { xdotool windowfocus --sync "$wid" 2>/dev/null; has_focus; }
wait_until focus || { cat "$tmp/log"; bail "the window did not take the focus"; }

listed () { "$TRANSFO" --archive "$archive" list >"$tmp/list" 2>&1 && grep -q "$1" "$tmp/list"; }

# Ctrl+N writes the new experiment and focuses its title in the same step.
xdotool key --clearmodifiers ctrl+n
check "Ctrl+N adds an experiment" wait_until listed "Untitled experiment"
xdotool type --delay 20 "$TITLE"
xdotool key --clearmodifiers Return

# The command line reads while the window holds the archive.
check "the typed title is in the archive" wait_until listed "$TITLE"
check "the demo is still there" grep -q "Nord-Pas de Calais" "$tmp/list"

if [ -n "${TRANSFO_KEYBOARD_SHOT:-}" ]; then
  import -window "$wid" "$TRANSFO_KEYBOARD_SHOT" 2>/dev/null || true
fi

xdotool key --clearmodifiers ctrl+q
if wait_until eval '! alive'; then
  ok "Ctrl+Q quits"
else
  not_ok "Ctrl+Q quits"
fi
wait "$pid"
rc=$?
pid=
check "the app exits with status 0" [ "$rc" -eq 0 ]

# The archive is one file again: what a person copies to a USB stick.
check "no -wal or -shm is left beside the archive" \
  [ ! -e "$archive-wal" ] && [ ! -e "$archive-shm" ]
mkdir "$tmp/stick"
cp "$archive" "$tmp/stick/archive.sqlite"
"$TRANSFO" --archive "$tmp/stick/archive.sqlite" list >"$tmp/copy" 2>&1
check "the .sqlite alone holds the typed title" grep -q "$TITLE" "$tmp/copy"

if grep -E "CRITICAL|WARNING" "$tmp/log" | grep -v "Unable to acquire session bus" >&2; then
  echo "# the app logged warnings, see above"
  failed=$((failed + 1))
fi

echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
