#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What others made, through the command line: an archive whose texts hold
# terminal control sequences, files that are not files (a device, a pipe, a
# folder) or far too big, an insight table of millions of one-letter rows,
# and cells that a spreadsheet splitting on ';' or tabs would run. Every
# command runs under `timeout`, so that a hang fails instead of blocking.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run [-i INPUT] ARCHIVE ARGS...: sets $rc (124 when it had to be stopped), $tmp/out, $tmp/err
run () {
  local input=/dev/null
  if [ "$1" = "-i" ]; then input=$2; shift 2; fi
  local archive=$1; shift
  timeout -k 5 "${LIMIT:-30}" "$TRANSFO" --archive "$archive" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
digest () { sha256sum "$1" | cut -d' ' -f1; }
# No escape, bell, C1 control (as UTF-8) or bidirectional override in FILE.
clean () {
  python3 - "$1" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
bad = [b'\x1b', b'\x07', b'\x7f', '\u009b'.encode(), '\u202e'.encode(), '\u2066'.encode()]
found = [b for b in bad if b in data]
if found:
    print('# found', found, file=sys.stderr)
sys.exit(1 if found else 0)
EOF
}
refused () { [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "$1" "$tmp/err"; }

# ---- The terminal: archive text is shown, never obeyed ----------------------

A="$tmp/hostile.sqlite"
printf 'quote\nzorglub note\n' >"$tmp/one.csv"
run "$A" new "Plain" --tag plain
E=$(cat "$tmp/out")
run "$A" import-insights "$E" "$tmp/one.csv" --board "Mur"
check "the archive to be spoiled is made" [ "$rc" -eq 0 ]

# A window title, a clipboard write, a screen clear, a C1 CSI, a right-to-left
# override and an isolate: planted in every kind of text with SQLite itself.
python3 - "$A" <<'EOF'
import sqlite3, sys
h = 'zorglub \x1b]0;pwned\x07 \x1b]52;c;cHduZWQ=\x07 \x1b[2J \u009b31m \u202eevil\u2066 \x7f'
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM experiments WHERE title != 'Plain'")
db.execute('UPDATE experiments SET title = ?, theme = ?, place = ?, lessons = ?',
           ('T ' + h, 'Th ' + h, 'P\n' + h, 'first line\n' + h + '\nlast line'))
db.execute("UPDATE tags SET name = ? WHERE name = 'plain'", ('tag ' + h,))
db.execute('UPDATE boards SET name = ?', ('B ' + h,))
db.execute("UPDATE items SET text = ? WHERE text LIKE 'zorglub%'", ('N ' + h,))
db.commit()
EOF
H=$'zorglub \e]0;pwned\a \e]52;c;cHduZWQ=\a \e[2J \u009b31m \u202eevil\u2066 \x7f'

for cmd in "list" "show $E" "search zorglub"; do
  # shellcheck disable=SC2086
  run "$A" $cmd
  check "$cmd: exit 0" [ "$rc" -eq 0 ]
  check "$cmd: no control reaches the terminal" clean "$tmp/out"
  check "$cmd: the controls are shown, escaped" grep -qF '\x1b]0;pwned\x07' "$tmp/out"
  check "$cmd: C1 and bidi characters are shown as \\u" bash -c "grep -qF '\\u009b31m' '$tmp/out' && grep -qF '\\u202eevil\\u2066' '$tmp/out'"
  # shellcheck disable=SC2086
  run "$A" $cmd --json
  check "$cmd --json: exit 0" [ "$rc" -eq 0 ]
  check "$cmd --json: no raw control, DEL, C1 or override" clean "$tmp/out"
  check "$cmd --json: DEL and C1 written as \\u" bash -c "grep -qF '\\u007f' '$tmp/out' && grep -qF '\\u009b' '$tmp/out'"
done

run "$A" list
check "list: a title stays on one line" [ "$(wc -l <"$tmp/out")" -eq 1 ]
run "$A" show "$E"
check "show: the lessons keep their lines" bash -c "grep -q '^  first line$' '$tmp/out' && grep -q '^  last line$' '$tmp/out'"
check "show: the place is one line, its line break shown" grep -qF 'P\nzorglub' "$tmp/out"
run "$A" search zorglub
check "search: the note is found" grep -qF 'N zorglub' "$tmp/out"

# JSON reads back to exactly what the archive holds.
run "$A" show "$E" --json
check "show --json: title, theme, place, lessons, tags and board name read back exactly" \
  python3 -c "
import json, sys
h = sys.argv[2]
d = json.load(open(sys.argv[1]))
assert d['title'] == 'T ' + h, d['title']
assert d['theme'] == 'Th ' + h
assert d['place'] == 'P\n' + h
assert d['lessons'] == 'first line\n' + h + '\nlast line'
assert d['tags'] == ['tag ' + h]
assert d['boards'][0]['name'] == 'B ' + h
" "$tmp/out" "$H"
run "$A" list --json
check "list --json: the title reads back exactly" \
  python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['experiments'][0]['title'] == 'T ' + sys.argv[2]" "$tmp/out" "$H"
run "$A" search zorglub --json
check "search --json: the note's text reads back exactly" \
  python3 -c "
import json, sys
hits = json.load(open(sys.argv[1]))['hits']
assert 'N ' + sys.argv[2] in [h['text'] for h in hits], hits
" "$tmp/out" "$H"

# Errors that quote the archive (here, its board names) are escaped too.
run "$A" export "$E" --board "none such" -o "$tmp/x.pdf"
check "an error listing the board names: one line, no control" bash -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ] && python3 -c 'import sys; sys.exit(b\"\\x1b\" in open(\"$tmp/err\",\"rb\").read())'"

# ---- Files that are not files, or far too big ---------------------------------

B="$tmp/b.sqlite"
run "$B" new "Cards"
printf 'quote\nBonjour\n' >"$tmp/good.csv"
run "$B" import-insights 1 "$tmp/good.csv"
before=$(digest "$B")
mkfifo "$tmp/fifo"
mkdir "$tmp/folder"
truncate -s 1G "$tmp/huge"
printf 'Parler du projet\nEt après ?\n' >"$tmp/starters.txt"

run "$B" import-insights 1 /dev/zero
check "import-insights /dev/zero: refused at once, not a regular file" refused "regular file"
run "$B" import-insights 1 "$tmp/fifo"
check "import-insights FIFO: refused at once" refused "regular file"
run "$B" import-insights 1 "$tmp/folder"
check "import-insights folder: refused" refused "folder"
run "$B" import-insights 1 "$tmp/huge"
check "import-insights 1 GB: refused by its size" refused "too big"
run -i /dev/zero "$B" import-insights 1 -
check "import-insights - from /dev/zero: read no further than the limit" refused "too big"
run -i "$tmp/good.csv" "$B" import-insights 1 - --board "De stdin"
check "import-insights - still reads stdin" bash -c "[ $rc -eq 0 ] && grep -q 'Imported 1 insight' '$tmp/out'"
before=$(digest "$B")

for bad in /dev/zero "$tmp/fifo" "$tmp/folder" "$tmp/huge"; do
  run "$B" export 1 --format pdf --cards starters --starters "$bad" -o "$tmp/cards.pdf"
  check "export --starters $(basename "$bad"): refused at once, no file" bash -c "[ $rc -eq 1 ] && [ ! -e '$tmp/cards.pdf' ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
done
run "$B" export 1 --format pdf --cards starters --starters /dev/zero -o "$tmp/cards.pdf"
check "--starters /dev/zero: the message says it is not a regular file" grep -q "regular file" "$tmp/err"
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$tmp/big-starters.txt"
run "$B" export 1 --format pdf --cards starters --starters "$tmp/big-starters.txt" -o "$tmp/cards.pdf"
check "--starters over 1 MiB: refused by its size" refused "too big"
run -i /dev/zero "$B" export 1 --format pdf --cards starters --starters - -o "$tmp/cards.pdf"
check "--starters - from /dev/zero: bounded" bash -c "[ $rc -eq 1 ] && grep -q 'too big' '$tmp/err' && [ ! -e '$tmp/cards.pdf' ]"
run -i "$tmp/starters.txt" "$B" export 1 --format pdf --cards starters --starters - -o "$tmp/cards.pdf"
check "--starters - still reads stdin" bash -c "[ $rc -eq 0 ] && [ -s '$tmp/cards.pdf' ]"

for bad in /dev/zero "$tmp/fifo" "$tmp/folder" "$tmp/huge"; do
  run "$B" stamps import "$bad" --family elus --name-fr "Élu" --name-en "Elected"
  check "stamps import $(basename "$bad"): refused at once" bash -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
done
check "nothing refused wrote to the archive" [ "$(digest "$B")" = "$before" ]

# ---- Millions of one-letter rows ----------------------------------------------

# 64 MiB, the size limit, of "a" lines: 33 million rows, refused by the row
# limit quickly and in little memory (this took minutes and gigabytes).
python3 -c "
import sys
n = (64 * 1024 * 1024 - 6) // 2
with open(sys.argv[1], 'wb') as f:
    f.write(b'quote\n'); f.write(b'a\n' * n)
" "$tmp/rows.csv"
LIMIT=60 run "$B" import-insights 1 "$tmp/rows.csv"
check "64 MiB of one-letter rows: refused within the time bound" bash -c "[ $rc -eq 1 ] && grep -q '200000' '$tmp/err'"
check "64 MiB of one-letter rows: nothing written" [ "$(digest "$B")" = "$before" ]
rm -f "$tmp/rows.csv"

# ---- Cells a spreadsheet splitting on ';' or tabs would run ----------------------

C="$tmp/c.sqlite"
run "$C" new "Formules"
F=$(cat "$tmp/out")
run "$C" new "Retour"
R=$(cat "$tmp/out")
python3 - "$tmp/cells.csv" <<'EOF'
import csv, sys
rows = [['quote', 'tags', 'cluster'],
        ['Réunion; =1+1', 'a', 'Zone;@SUM(A1)'],
        ['a\t=cmd|calc', 'b', 'x\t+1'],
        ['Liste :\n- un\n- deux', '', 'c;"=x'],
        ['Déjà ; \'=échappé', '', "-z"],
        ['"=HYPERLINK(""x"")"', '', '']]
with open(sys.argv[1], 'w', newline='') as f:
    csv.writer(f).writerows(rows)
EOF
run "$C" import-insights "$F" "$tmp/cells.csv"
check "the cells are imported" bash -c "[ $rc -eq 0 ] && grep -q 'Imported 5 insights' '$tmp/out'"
run "$C" export-insights "$F" -o "$tmp/export.csv"
check "they are exported" [ "$rc" -eq 0 ]
check "split on ';', on tabs or on commas, no cell of the export starts a formula" \
  python3 -c "
import csv, io, sys
text = open(sys.argv[1], encoding='utf-8-sig', newline='').read()
for sep in (';', '\t', ','):
    for record in csv.reader(io.StringIO(text, newline=''), delimiter=sep):
        for cell in record:
            assert not cell.strip(' ')[:1] in ('=', '+', '-', '@'), (sep, cell)
" "$tmp/export.csv"
check "the export reads back with commas to the same cells, apostrophes aside" \
  python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
assert rows[0] == ['quote', 'source', 'date', 'tags', 'colour', 'cluster'], rows[0]
assert len(rows) == 6, rows
" "$tmp/export.csv"
run "$C" import-insights "$R" "$tmp/export.csv"
check "the export imports back" bash -c "[ $rc -eq 0 ] && grep -q 'Imported 5 insights' '$tmp/out'"
run "$C" export-insights "$R" -o "$tmp/again.csv"
check "import then export gives back the same insights, byte for byte" cmp -s "$tmp/export.csv" "$tmp/again.csv"
run "$C" search HYPERLINK --json
check "a quote holding \"=…\" in quotes comes back as it was" \
  python3 -c "
import json, sys
texts = [h['text'] for h in json.load(open(sys.argv[1]))['hits']]
assert texts.count('\"=HYPERLINK(\"\"x\"\")\"') == 2, texts
" "$tmp/out"

finish
