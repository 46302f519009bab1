#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line end to end: every subcommand and every error, on real
# archives in a temporary folder, with no display.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARCHIVE ARGS...: sets $out, $err, $rc
run () {
  local archive=$1; shift
  "$TRANSFO" --archive "$archive" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

json () { python3 -c "import json,sys; d=json.load(open('$tmp/out')); print($1)"; }
one_line_error () { [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
digest () { sha256sum "$1" | cut -d' ' -f1; }

A="$tmp/a/archive.sqlite"

# --help and --version work without an archive and without a display.
"$TRANSFO" --help >"$tmp/out" 2>&1; rc=$?
check "--help exits 0" [ "$rc" -eq 0 ]
check "--help lists every command" bash -c "grep -q 'list' '$tmp/out' && grep -q 'search QUERY' '$tmp/out' && grep -q 'demo' '$tmp/out' && grep -q 'show ID' '$tmp/out' && grep -q 'new TITLE' '$tmp/out'"
"$TRANSFO" --version >"$tmp/out" 2>&1; rc=$?
check "--version prints the version" bash -c "[ $rc -eq 0 ] && grep -Eq '^transfo [0-9]+\.[0-9]+\.[0-9]+$' '$tmp/out'"

# Reading a missing archive is an error that creates nothing.
run "$A" list
check "list on a missing archive fails with one line" one_line_error
check "list on a missing archive creates nothing" [ ! -e "$A" ]
check "the message names the path" bash -c "grep -q 'archive.sqlite' '$tmp/err'"

# demo creates the archive (with the demo) and is idempotent.
run "$A" demo
check "demo exits 0" [ "$rc" -eq 0 ]
demo_id=$out
check "demo prints the demo id" [ "$demo_id" = "1" ]
run "$A" demo
check "demo again exits 0" [ "$rc" -eq 0 ]
check "demo again prints the same id" [ "$out" = "$demo_id" ]
run "$A" list --json
check "list --json exits 0" [ "$rc" -eq 0 ]
check "list --json shows exactly the demo" [ "$(json 'len(d["experiments"])')" = "1" ]
check "the demo's title" [ "$(json 'd["experiments"][0]["title"]')" = "Laboratoire d'innovation régional — Nord-Pas de Calais" ]
check "the demo's phase is review (bilan)" [ "$(json 'd["experiments"][0]["phase"]')" = "review" ]
check "the demo has its insight wall, its actor map, its blueprint and its mockup" [ "$(json 'd["experiments"][0]["board_count"]')" = "4" ]
check "list --json has every documented key" [ "$(json '",".join(sorted(d["experiments"][0].keys()))')" = "board_count,created_at,department,end_date,id,modified_at,phase,place,start_date,status,tags,territory,theme,title,uuid" ]
run "$A" list
check "list prints one line per experiment" bash -c "[ $rc -eq 0 ] && [ \$(wc -l <'$tmp/out') -eq 1 ] && grep -q 'Laboratoire' '$tmp/out'"

# search: accents and case folded, prefixes matched.
run "$A" search delib
check "search delib exits 0" [ "$rc" -eq 0 ]
check "search delib finds the quote about the délib’" bash -c "grep -q 'délib’' '$tmp/out'"
run "$A" search delib --json
check "search --json: the délib’ quote is an item hit" [ "$(json 'sum(1 for h in d["hits"] if h["kind"]=="item" and "délib" in h["text"])')" = "1" ]
run "$A" search ELUS --json
check "search ELUS finds élus" [ "$(json 'int(len(d["hits"]) >= 3)')" = "1" ]
run "$A" search "répondeur message" --json
check "search ANDs its words" [ "$(json 'len(d["hits"])')" = "1" ]
run "$A" search 'NEAR(" OR *' --json
check "a hostile query is not an error" [ "$rc" -eq 0 ]
run "$A" search zzzzqx
check "no result is not an error" [ "$rc" -eq 0 ]

# new prints the new id; show reads it back.
run "$A" new "Atelier lycées" --place Calais --department "Direction des lycées" --phase prototypage --tag lycée --tag=atelier
check "new exits 0" [ "$rc" -eq 0 ]
new_id=$out
check "new prints a numeric id" bash -c "[[ '$new_id' =~ ^[0-9]+$ ]] && [ '$new_id' != '$demo_id' ]"
run "$A" show "$new_id" --json
check "show --json exits 0" [ "$rc" -eq 0 ]
check "show: title" [ "$(json 'd["title"]')" = "Atelier lycées" ]
check "show: place and department" [ "$(json 'd["place"]+"|"+d["department"]')" = "Calais|Direction des lycées" ]
check "show: phase from its French name" [ "$(json 'd["phase"]')" = "prototyping" ]
check "show: tags in order" [ "$(json '",".join(d["tags"])')" = "lycée,atelier" ]
check "show: no boards" [ "$(json 'len(d["boards"])')" = "0" ]
run "$A" show "$demo_id"
check "show prints the fields and boards" bash -c "[ $rc -eq 0 ] && grep -q 'Insights de la résidence' '$tmp/out' && grep -q 'Insights de la résidence (Insight wall, 9.insights)' '$tmp/out'"
check "the demo's legend keeps no title of its own (it reads in the UI's language)" \
  [ "$(sqlite3 "$A" "SELECT count(*) FROM items WHERE kind = 'legend' AND text = ''")" = "1" ]
check "show counts each kind in the window's words (no-break spaces)" \
  bash -c "sed 's/\xc2\xa0/_/g' '$tmp/out' | grep -q '(Actor map, 20_actors · 23_links · 3_other_items)'"
run "$A" search lycee --json
check "the new experiment is searchable" [ "$(json 'd["hits"][0]["experiment_id"]')" = "$new_id" ]
TRANSFO_ARCHIVE="$A" "$TRANSFO" list --json >"$tmp/out" 2>"$tmp/err"
check "TRANSFO_ARCHIVE chooses the archive" [ "$(json 'len(d["experiments"])')" = "2" ]

# Errors: one line on stderr, a non-zero exit, nothing written.
before=$(digest "$A")
run "$A" show 999
check "show of a missing id fails with one line" one_line_error
check "show of a missing id exits 1" [ "$rc" -eq 1 ]
run "$A" show abc
check "show of a non-number exits 2" bash -c "[ $rc -eq 2 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
run "$A" show
check "show without an id exits 2" [ "$rc" -eq 2 ]
run "$A" new
check "new without a title exits 2" bash -c "[ $rc -eq 2 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
run "$A" new "   "
check "new with a blank title exits 2" [ "$rc" -eq 2 ]
run "$A" new "X" --phase nowhere
check "new with a bad phase exits 2" bash -c "[ $rc -eq 2 ] && grep -q 'nowhere' '$tmp/err'"
run "$A" new "X" --place
check "an option without its value exits 2" [ "$rc" -eq 2 ]
run "$A" list --bogus
check "an unknown option exits 2" [ "$rc" -eq 2 ]
run "$A" list extra
check "an extra argument exits 2" [ "$rc" -eq 2 ]
run "$A" frobnicate
check "an unknown command exits 2" bash -c "[ $rc -eq 2 ] && grep -q 'frobnicate' '$tmp/err'"
run "$A" demo extra
check "demo takes no argument" [ "$rc" -eq 2 ]
check "failed commands wrote nothing" [ "$(digest "$A")" = "$before" ]

# Files that are not archives are refused and left untouched.
printf 'quote,source\n"hello",élu\n' >"$tmp/notes.csv"
csv_before=$(digest "$tmp/notes.csv")
run "$tmp/notes.csv" list
check "a CSV file is refused with one line" one_line_error
check "the message says it is not an archive" bash -c "grep -qi 'not a Transfo archive' '$tmp/err'"
run "$tmp/notes.csv" new "X"
check "new refuses to write into a foreign file" [ "$rc" -eq 1 ]
check "the foreign file is untouched" [ "$(digest "$tmp/notes.csv")" = "$csv_before" ]
check "no journal was left beside it" bash -c "[ ! -e '$tmp/notes.csv-wal' ] && [ ! -e '$tmp/notes.csv-shm' ]"
mkdir "$tmp/folder"
run "$tmp/folder" list
check "a folder is refused" one_line_error
head -c 4096 /dev/urandom >"$tmp/random.bin"
run "$tmp/random.bin" list
check "random bytes are refused" one_line_error

# (A second writer is refused while another one holds the archive, by any
# name: see test-races.c.)

# Not a regular file: refused at once, never read (a FIFO would block).
mkfifo "$tmp/pipe.sqlite"
for cmd in list "new X"; do
  timeout 10 "$TRANSFO" --archive "$tmp/pipe.sqlite" $cmd >"$tmp/out" 2>"$tmp/err"; rc=$?
  err=$(cat "$tmp/err")
  check "a FIFO as the archive is refused at once ($cmd)" bash -c "[ $rc -eq 1 ] && grep -q 'not a regular file' '$tmp/err'"
done
run /dev/null list
check "a device as the archive is refused" bash -c "[ $rc -eq 1 ] && grep -q 'not a regular file' '$tmp/err'"
check "and left a device" [ -c /dev/null ]

# check: the whole archive, on request.
run "$A" check
check "check says a sound archive is sound" bash -c "[ $rc -eq 0 ] && [ \"\$(cat '$tmp/out')\" = '$A is sound.' ]"
cp "$A" "$tmp/damaged.sqlite"
# Eight pages after the first (the schema's): the first tables' pages,
# always in use. In the middle of the file they may all be free pages
# (the freelist), whose content no check reads (format 10's index moved
# the freelist there).
dd if=/dev/urandom of="$tmp/damaged.sqlite" bs=4096 seek=1 count=8 conv=notrunc status=none
run "$tmp/damaged.sqlite" check
check "check finds damage, in one line, exit 1" bash -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q 'damaged' '$tmp/err'"
run "$tmp/missing.sqlite" check
check "check of a missing archive exits 1" [ "$rc" -eq 1 ]

# A read-only archive (here a 0444 file; see test-store for a read-only
# disk): everything that reads works and leaves nothing beside it; what
# writes is refused up front. As root too: the mode bits decide.
mkdir "$tmp/ro"
cp "$A" "$tmp/ro/archive.sqlite"
chmod 444 "$tmp/ro/archive.sqlite"
R="$tmp/ro/archive.sqlite"
ro_before=$(digest "$R")
run "$R" list
check "list works on a read-only archive" bash -c "[ $rc -eq 0 ] && grep -q Laboratoire '$tmp/out'"
run "$R" show 1
check "show works on a read-only archive" [ "$rc" -eq 0 ]
run "$R" search delib
check "search works on a read-only archive" bash -c "[ $rc -eq 0 ] && grep -q 'délib' '$tmp/out'"
run "$R" export-insights 1 -o "$tmp/ro-export.csv"
check "export-insights works on a read-only archive" [ "$rc" -eq 0 ]
run "$R" export 1 --format svg -o "$tmp/ro-export.svg"
check "export works on a read-only archive" [ "$rc" -eq 0 ]
run "$R" check
check "check works on a read-only archive" [ "$rc" -eq 0 ]
check "nothing was left beside the read-only archive" [ "$(ls -A "$tmp/ro")" = "archive.sqlite" ]
run "$R" new "Jamais"
check "a write to a read-only archive is refused up front" bash -c "[ $rc -eq 1 ] && grep -q 'is read-only' '$tmp/err' && grep -q 'nothing was changed' '$tmp/err'"
check "the read-only archive is unchanged, alone" bash -c "[ '$(digest "$R")' = '$ro_before' ] && [ \"\$(ls -A '$tmp/ro')\" = archive.sqlite ]"

# A read-only disk: a tmpfs remounted read-only in a mount namespace of
# its own (root and unshare needed).
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
  mkdir "$tmp/cdrom"
  unshare -m bash -c '
    set -e
    mount --make-rprivate /
    mount -t tmpfs -o size=8m tmpfs "$2"
    cp "$3" "$2/archive.sqlite"
    mount -o remount,ro "$2"
    "$1" --archive "$2/archive.sqlite" list >"$2.list" 2>&1
    "$1" --archive "$2/archive.sqlite" search delib >"$2.search" 2>&1
    "$1" --archive "$2/archive.sqlite" export-insights 1 -o "$2.csv" >/dev/null 2>&1
    if "$1" --archive "$2/archive.sqlite" new X >"$2.new" 2>&1; then exit 3; fi
    ls -A "$2" >"$2.ls"
  ' _ "$TRANSFO" "$tmp/cdrom" "$A" >"$tmp/err" 2>&1
  rc=$?
  check "list, search, export-insights work on a read-only disk, new is refused" bash -c "[ $rc -eq 0 ] && grep -q Laboratoire '$tmp/cdrom.list' && grep -q 'délib' '$tmp/cdrom.search' && [ -s '$tmp/cdrom.csv' ] && grep -q 'is read-only' '$tmp/cdrom.new'"
  check "nothing was left beside the archive on the read-only disk" [ "$(cat "$tmp/cdrom.ls" 2>/dev/null)" = "archive.sqlite" ]
else
  echo "# skipped: a read-only disk needs root and a private mount namespace"
fi

# Insights: import from a spreadsheet export, export to CSV, and back.
I="$tmp/i/archive.sqlite"
run "$I" new "Entretiens"
exp=$out
printf '\xef\xbb\xbfCitation;Source;Date;Étiquettes;Couleur;Groupe;Remarque\r\n"Les mails; je les lis";collaborateur;2009-10-05;outils, mails;jaune;Suite-projet;x\r\n=SUM(A1);élu;2009-13-01;;;;\r\n-5 °C dans le hall;agent;;;vert;Bâtiment;\r\n"Deux\nlignes";;;;;bâtiment;\r\n' >"$tmp/notes.csv"
run "$I" import-insights "$exp" "$tmp/notes.csv"
check "import-insights exits 0 even with a rejected line" [ "$rc" -eq 0 ]
check "import-insights prints the summary first" [ "$(head -1 "$tmp/out")" = "Imported 3 insights into “Insight wall”." ]
check "import-insights reports the rejected line" bash -c "grep -qx 'line 3: The date “2009-13-01” does not exist: there is no month 13' '$tmp/out'"
check "import-insights warns about an unknown column" bash -c "grep -q 'Unknown column “Remarque”' '$tmp/out'"
check "import-insights writes nothing on stderr" [ -z "$err" ]
run "$I" show "$exp" --json
check "a wall was made for the notes and their two zones" [ "$(json '[(b["kind"], b["name"], b["item_count"]) for b in d["boards"]]')" = "[('insight-wall', 'Insight wall', 5)]" ]
run "$I" search "hall" --json
check "imported insights are searchable" [ "$(json 'sum(1 for h in d["hits"] if h["kind"]=="item")')" = "1" ]
run "$I" import-insights "$exp" "$tmp/notes.csv" --json
check "import-insights --json" [ "$(json '(d["imported"], d["board"], [(r["line"], r["reason"]) for r in d["rejected"]], len(d["warnings"]))')" = "(3, 'Insight wall', [(3, 'The date “2009-13-01” does not exist: there is no month 13')], 1)" ]
run "$I" show "$exp" --json
check "a second import reuses the wall and its zones" [ "$(json '[b["item_count"] for b in d["boards"]]')" = "[8]" ]

run "$I" export-insights "$exp" -o "$tmp/export.csv"
check "export-insights exits 0" [ "$rc" -eq 0 ]
check "export-insights prints what it wrote" [ "$out" = "Exported 6 insights to $tmp/export.csv" ]
check "the export is UTF-8 with a BOM, CRLF and the documented header" bash -c "head -c 42 '$tmp/export.csv' | cmp -s - <(printf '\xef\xbb\xbfquote,source,date,tags,colour,cluster\r\n')"
check "a cell a spreadsheet would run is escaped" bash -c "grep -q \"^'-5 °C dans le hall,agent,\" '$tmp/export.csv'"
check "a quote with a line break stays one record" bash -c "grep -q '^\"Deux$' '$tmp/export.csv'"
run "$I" new "Copie"
copy=$out
run "$I" import-insights "$copy" "$tmp/export.csv"
check "an export imports back without rejection" [ "$out" = "Imported 6 insights into “Insight wall”." ]
run "$I" export-insights "$copy" -o "$tmp/export2.csv"
check "export, import, export gives the same file" cmp -s "$tmp/export.csv" "$tmp/export2.csv"
run "$I" import-insights "$copy" "$tmp/notes.csv" --board "Atelier 2"
check "--board names a new wall" bash -c "[ $rc -eq 0 ] && grep -q '“Atelier 2”' '$tmp/out'"
run "$I" export-insights "$copy" --board "atelier 2" -o "$tmp/atelier.csv"
check "--board finds a wall regardless of case" [ "$out" = "Exported 3 insights to $tmp/atelier.csv" ]
run "$I" import-insights "$copy" "$tmp/notes.csv" --board "Atelier élus"
run "$I" import-insights "$copy" "$tmp/notes.csv" --board "atel"
check "--board with two walls beginning so: exit 2, both listed" \
  bash -c "[ $rc -eq 2 ] && grep -q '^  Atelier 2 (' '$tmp/err' && grep -q '^  Atelier élus (' '$tmp/err'"
run "$I" import-insights "$copy" "$tmp/notes.csv" --board "ELUS"
check "--board finds a wall by a part of its name, accents aside" \
  bash -c "[ $rc -eq 0 ] && grep -q '“Atelier élus”' '$tmp/out'"
run "$I" export-insights "$copy" --board "elu" -o "$tmp/elus.csv"
check "the wall found by a part of its name holds both imports" [ "$out" = "Exported 6 insights to $tmp/elus.csv" ]
run "$I" import-insights --help
check "import-insights --help says what --board takes" \
  bash -c "[ $rc -eq 0 ] && grep -q 'unique beginning or part' '$tmp/out' && grep -q 'new wall of that name' '$tmp/out'"

# Files refused as a whole: one line on stderr, exit 1, nothing written.
before=$(digest "$I")
run "$I" import-insights "$exp" "$tmp/random.bin"
check "a binary file is refused with one line" one_line_error
check "a binary file exits 1" bash -c "[ $rc -eq 1 ] && grep -q 'not text' '$tmp/err'"
printf 'quote\n\xe9t\xe9\n' >"$tmp/latin1.csv"
run "$I" import-insights "$exp" "$tmp/latin1.csv"
check "a Latin-1 file is refused, with its line" bash -c "[ $rc -eq 1 ] && grep -q 'not UTF-8 text (line 2, byte 1)' '$tmp/err'"
printf 'source,date\nélu,2009-10-05\n' >"$tmp/noquote.csv"
run "$I" import-insights "$exp" "$tmp/noquote.csv"
check "a file without a quote column is refused" bash -c "[ $rc -eq 1 ] && grep -q '“quote”' '$tmp/err'"
: >"$tmp/empty.csv"
run "$I" import-insights "$exp" "$tmp/empty.csv"
check "an empty file is refused" one_line_error
run "$I" import-insights "$exp" "$tmp/missing.csv"
check "a missing file is refused" bash -c "[ $rc -eq 1 ] && grep -q 'missing.csv' '$tmp/err'"
run "$I" import-insights 999 "$tmp/notes.csv"
check "a missing experiment exits 1" bash -c "[ $rc -eq 1 ] && grep -q '999' '$tmp/err'"
run "$I" import-insights "$exp"
check "import-insights without a file exits 2" [ "$rc" -eq 2 ]
check "refused imports wrote nothing" [ "$(digest "$I")" = "$before" ]
run "$I" export-insights "$exp"
check "export-insights without -o exits 2" bash -c "[ $rc -eq 2 ] && grep -q -- '-o FILE' '$tmp/err'"
run "$I" export-insights "$exp" -o "$tmp/nowhere/x.csv"
check "an export into a missing folder fails and leaves no file" bash -c "[ $rc -eq 1 ] && [ ! -e '$tmp/nowhere' ]"
run "$I" export-insights "$exp" -o "$tmp/none.csv" --board "Pas là"
check "an export from a missing wall fails and writes no file" bash -c "[ $rc -eq 1 ] && [ ! -e '$tmp/none.csv' ]"
run "$I" export-insights "$exp" -o "$tmp/export.csv" --include-retired
check "--include-retired is accepted" [ "$rc" -eq 0 ]
"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists the insight commands" bash -c "grep -q 'import-insights EXPERIMENT FILE' '$tmp/out' && grep -q 'export-insights EXPERIMENT -o FILE' '$tmp/out'"

# French messages, chosen by the locale.
if [ -n "${TRANSFO_LOCALEDIR:-}" ]; then
  LANGUAGE=fr LC_ALL=C.UTF-8 "$TRANSFO" --archive "$A" show 999 >"$tmp/out" 2>"$tmp/err"
  check "errors are in French with LANGUAGE=fr" bash -c "grep -q 'aucune expérimentation' '$tmp/err'"
  LANGUAGE=fr LC_ALL=C.UTF-8 "$TRANSFO" --help >"$tmp/out" 2>&1
  check "--help is in French with LANGUAGE=fr" bash -c "grep -q 'Commandes' '$tmp/out'"
else
  not_ok "TRANSFO_LOCALEDIR is not set: French messages cannot be checked"
fi

finish
