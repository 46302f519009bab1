#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The installed-style binary, driven from outside with xdotool as a person
# would: Ctrl+N, type a title, Enter, then Ctrl+Q. The archive is then read
# back with the command line. Needs an X display (xvfb-run) and xdotool.

set -u

TRANSFO=${1:?usage: test-keyboard.sh PATH-TO-TRANSFO}
TITLE="Atelier des lycees"
n=0
failed=0

ok ()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check ()  { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
bail ()   { echo "Bail out! $1"; exit 1; }

[ -n "${DISPLAY:-}" ] || bail "no DISPLAY: run the GUI tests under xvfb-run"
command -v xdotool >/dev/null || bail "xdotool is not installed"

tmp=$(mktemp -d)
pid=
cleanup () {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
archive=$tmp/archive.sqlite

echo "1..5"

"$TRANSFO" --archive "$archive" >"$tmp/log" 2>&1 &
pid=$!

wid=$(timeout 20 xdotool search --sync --name '^Transfo$' | head -1)
[ -n "$wid" ] || { cat "$tmp/log"; bail "the window did not appear"; }
ok "the window appears"

xdotool windowfocus --sync "$wid"
sleep 1
xdotool key --clearmodifiers ctrl+n
sleep 0.5
xdotool type --delay 20 "$TITLE"
xdotool key --clearmodifiers Return

# The command line reads while the window holds the archive.
for _ in $(seq 50); do
  "$TRANSFO" --archive "$archive" list >"$tmp/list" 2>&1
  grep -q "$TITLE" "$tmp/list" && break
  sleep 0.2
done
check "the typed title is in the archive" grep -q "$TITLE" "$tmp/list"
check "the demo is still there" grep -q "Nord-Pas de Calais" "$tmp/list"

if [ -n "${TRANSFO_KEYBOARD_SHOT:-}" ]; then
  import -window "$wid" "$TRANSFO_KEYBOARD_SHOT" 2>/dev/null || true
fi

xdotool key --clearmodifiers ctrl+q
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  not_ok "Ctrl+Q quits"
else
  ok "Ctrl+Q quits"
fi
wait "$pid"
rc=$?
pid=
check "the app exits with status 0" [ "$rc" -eq 0 ]

if grep -E "CRITICAL|WARNING" "$tmp/log" | grep -v "Unable to acquire session bus" >&2; then
  echo "# the app logged warnings, see above"
  failed=$((failed + 1))
fi

echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
