#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo room check" end to end, with no display: the demo in the room
# the experiment stores (a small room: every step legible; a deep room
# with a narrow screen: one line per card too small, exit 1), the archive
# left as it was, and the usage errors (exit 2).
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

run () {
  local archive=$1; shift
  timeout 60 "$TRANSFO" --archive "$archive" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}
one_line_error () { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
digest () { sha256sum "$1" | cut -d' ' -f1; }
# set_room DEPTH_MM SCREEN_MM WIDTH_PX HEIGHT_PX: the experiment's room, as
# the Session section stores it.
set_room () {
  python3 - "$A" "$demo" "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT OR REPLACE INTO session_rooms VALUES (?, ?, ?, ?, ?)", [int(v) for v in sys.argv[2:7]])
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
PY
}

A="$tmp/a/archive.sqlite"
mkdir -p "$tmp/a"

"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists room check" grep -q 'room check EXPERIMENT' "$tmp/out"

run "$A" demo
check "demo exits 0" [ "$rc" -eq 0 ]
demo=$out

# A small room 2 m deep, a 3 m image: 10 mm needed, every card reads (the
# actor map's and the blueprint's whole views too).
set_room 2000 3000 1920 1080
before=$(digest "$A")
run "$A" room check "$demo"
check "a small room: exit 0" [ "$rc" -eq 0 ]
check "a small room: every step legible, with the depth" [ "$out" = "Every step is legible from the back of the room (2 m)" ]
check "a small room: nothing on stderr" [ -z "$err" ]

# A hall 30 m deep on a 1 m image: 150 mm needed, nothing reads.
set_room 30000 1000 1920 1080
before=$(digest "$A")
run "$A" room check "$demo"
check "a deep room: exit 1" [ "$rc" -eq 1 ]
check "a deep room: one line per card" [ "$(wc -l <"$tmp/out")" -gt 3 ]
check "a deep room: every line names a step, a card and the sizes" \
  bash -c "! grep -v -E '^Step [0-9]+ “.+”, card “.+”: text [0-9]+ mm high, 150 mm needed$' '$tmp/out'"
check "a deep room: the first step is listed" grep -q '^Step 1 “' "$tmp/out"
check "a deep room: a long quote shows its first words" grep -q 'card “[^”]*…”' "$tmp/out"

after=$(digest "$A")
check "checking leaves the archive as it was" [ "$before" = "$after" ]

# Usage errors: nothing checked, exit 2, one line.
run "$A" room check
check "no experiment: exit 2" [ "$rc" -eq 2 ]
check "no experiment: one line" one_line_error
run "$A" room
check "no action: exit 2" [ "$rc" -eq 2 ]
run "$A" room tidy "$demo"
check "an unknown action: exit 2" [ "$rc" -eq 2 ]
check "an unknown action: one line" one_line_error
run "$A" room check "$demo" --json
check "an unknown option: exit 2" [ "$rc" -eq 2 ]
run "$A" room check 999999
check "no such experiment: exit 2" [ "$rc" -eq 2 ]
check "no such experiment: one line" one_line_error
run "$A" room check "$demo" "$demo"
check "two experiments: exit 2" [ "$rc" -eq 2 ]

# "room serve": its usage errors, before anything listens or is written
# (the serving itself: test-room-server.py).
"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists room serve" grep -q 'room serve EXPERIMENT \[--address ADDR\]' "$tmp/out"
before=$(digest "$A")
run "$A" room serve
check "serve, no experiment: exit 2" [ "$rc" -eq 2 ]
check "serve, no experiment: one line" one_line_error
run "$A" room serve "$demo" --port 70000
check "serve, a port out of range: exit 2" [ "$rc" -eq 2 ]
run "$A" room serve "$demo" --vote 10x3
check "serve, too many colours: exit 2" [ "$rc" -eq 2 ]
run "$A" room serve "$demo" --address
check "serve, --address without a value: exit 2" [ "$rc" -eq 2 ]
run "$A" room serve "$demo" --public
check "serve, an unknown option: exit 2" [ "$rc" -eq 2 ]
run "$A" room serve 999999 --address 127.0.0.1
check "serve, no such experiment: exit 1, nothing printed" [ "$rc" -eq 1 ] && [ -z "$out" ]
run "$A" room serve "$demo" --address 0.0.0.0
check "serve, every interface refused" [ "$rc" -eq 1 ] && [ -z "$out" ]
run "$A" room serve "$demo" --address 192.0.2.1
check "serve, an address not this computer's refused" [ "$rc" -eq 1 ] && [ -z "$out" ]
check "refused serves leave the archive as it was" [ "$before" = "$(digest "$A")" ]

finish
