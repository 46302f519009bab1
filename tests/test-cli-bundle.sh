#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo bundle" and "transfo backup" end to end, with no display: the
# demo exported, previewed, imported into another archive (a second time
# refused until --update or --as-copy is chosen), a ZIP refused with the
# archive left as it was, a backup that opens on its own and never goes
# over the archive.
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

A="$tmp/a/archive.sqlite"
B="$tmp/b/archive.sqlite"
mkdir -p "$tmp/a" "$tmp/b"

"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists bundle export" grep -q 'bundle export EXPERIMENT' "$tmp/out"
check "--help lists backup" grep -q 'backup -o FILE' "$tmp/out"

run "$A" demo
demo=$out
run "$A" bundle export "$demo" -o "$tmp/demo.transfo" --department "Direction des lycées" --drop-notes
check "export exits 0" [ "$rc" -eq 0 ]
check "export says what went out" grep -q 'demo.transfo: [0-9]* items, 2 assets' "$tmp/out"

run "$A" bundle show "$tmp/demo.transfo"
check "show exits 0" [ "$rc" -eq 0 ]
check "show names who exported it" grep -q '^Exported by *Direction des lycées$' "$tmp/out"
check "show counts the boards" grep -q '^Contents *4 boards' "$tmp/out"

run "$B" bundle import "$tmp/demo.transfo"
check "import exits 0" [ "$rc" -eq 0 ]
first=$out
before=$(digest "$B")
run "$B" bundle import "$tmp/demo.transfo"
check "a second import is refused (exit 1)" [ "$rc" -eq 1 ]
check "a second import asks to choose, in one line" bash -c "[ \"\$(wc -l <'$tmp/err')\" -eq 1 ] && grep -q -- '--update.*--as-copy' '$tmp/err'"
check "a refused import leaves the archive as it was" [ "$(digest "$B")" = "$before" ]
run "$B" bundle import "$tmp/demo.transfo" --update
check "--update exits 0" [ "$rc" -eq 0 ]
run "$B" list
count_update=$(wc -l <"$tmp/out")
run "$B" bundle import "$tmp/demo.transfo" --as-copy
check "--as-copy exits 0" [ "$rc" -eq 0 ]
run "$B" list
check "--update replaced, --as-copy added" [ "$(wc -l <"$tmp/out")" -eq $((count_update + 1)) ]
check "an id was printed" [ -n "$first" ]

printf 'PK\003\004 a zip, not a bundle' >"$tmp/zip.transfo"
before=$(digest "$B")
run "$B" bundle import "$tmp/zip.transfo"
check "a ZIP: exit 1" [ "$rc" -eq 1 ]
check "a ZIP: one line that says so" bash -c "[ \"\$(wc -l <'$tmp/err')\" -eq 1 ] && grep -q 'ZIP' '$tmp/err'"
check "a ZIP: the archive as it was" [ "$(digest "$B")" = "$before" ]

run "$A" backup -o "$tmp/backup.sqlite"
check "backup exits 0" [ "$rc" -eq 0 ]
run "$tmp/backup.sqlite" list
check "the backup opens and lists the demo" bash -c "[ $rc -eq 0 ] && grep -q 'Nord-Pas de Calais' '$tmp/out'"
before=$(digest "$A")
run "$A" backup -o "$A"
check "backup over the archive: exit 1" [ "$rc" -eq 1 ]
check "backup over the archive: one line" one_line_error
check "backup over the archive: left as it was" [ "$(digest "$A")" = "$before" ]
run "$A" bundle export "$demo"
check "export without -o: exit 2" [ "$rc" -eq 2 ]

finish
