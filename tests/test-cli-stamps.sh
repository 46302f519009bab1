#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo stamps" end to end: list, import (and hostile SVGs refused with
# nothing written), sheet, and every error, with no display.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARCHIVE ARGS...: sets $out, $err, $rc
run () {
  local archive=$1; shift
  timeout 20 "$TRANSFO" --archive "$archive" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

json () { python3 -c "import json,sys; d=json.load(open('$tmp/out')); print($1)"; }
one_line_error () { [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
digest () { sha256sum "$1" | cut -d' ' -f1; }
user_stamps () { python3 -c "import sqlite3; print(sqlite3.connect('file:$A?mode=ro', uri=True).execute('SELECT count(*) FROM stamps').fetchone()[0])"; }

A="$tmp/a/archive.sqlite"

# list works without an archive: the built-in stamps are always there.
run "$A" stamps list
check "stamps list exits 0 without an archive" [ "$rc" -eq 0 ]
check "stamps list creates no archive" [ ! -e "$A" ]
check "stamps list shows at least 24 stamps" [ "$(wc -l <"$tmp/out")" -ge 24 ]
run "$A" stamps list --json
check "stamps list --json exits 0" [ "$rc" -eq 0 ]
check "every stamp has the documented keys" [ "$(json '",".join(sorted(d["stamps"][0].keys()))')" = "builtin,color,family,id,keywords,name_en,name_fr" ]
check "the élu is there, built in, in French and English" [ "$(json '[(s["name_fr"], s["name_en"], s["builtin"]) for s in d["stamps"] if s["id"]=="elu"][0]')" = "('Élu(e)', 'Elected official', True)" ]
check "colours are #rrggbb" [ "$(json 'all(len(s["color"])==7 and s["color"][0]=="#" for s in d["stamps"])')" = "True" ]
check "keywords are lists" [ "$(json 'all(isinstance(s["keywords"], list) for s in d["stamps"])')" = "True" ]
builtin_count=$(json 'len(d["stamps"])')

# import: checked, stored, listed.
cat >"$tmp/conseil.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48">
  <g fill="none" stroke="#2b2b2b" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">
    <circle cx="16" cy="16" r="6" fill="#e36b5d"/><circle cx="32" cy="16" r="6" fill="#e36b5d"/>
    <path d="M6 42 C6 30 26 30 26 42 Z M22 42 C22 30 42 30 42 42 Z" fill="#e36b5d"/>
  </g>
</svg>
SVG
run "$A" stamps import "$tmp/conseil.svg" --family societe --name-fr "Conseil de quartier" --name-en "Neighbourhood council" --keywords "habitants, quartier" --color "#aa3322"
check "import exits 0" [ "$rc" -eq 0 ]
key=$out
check "import prints the new stamp's id" bash -c "[[ '$key' =~ ^user-[0-9a-f]{16}$ ]]"
check "import created the archive" [ -f "$A" ]
run "$A" stamps list --json
check "the imported stamp is listed, not built in" [ "$(json "[(s['family'], s['name_fr'], s['builtin'], s['color']) for s in d['stamps'] if s['id']=='$key'][0]")" = "('societe', 'Conseil de quartier', False, '#aa3322')" ]
check "its keywords are kept" [ "$(json "[s['keywords'] for s in d['stamps'] if s['id']=='$key'][0]")" = "['habitants', 'quartier']" ]
check "one more stamp than the built-in ones" [ "$(json 'len(d["stamps"])')" = "$((builtin_count + 1))" ]
run "$A" stamps import "$tmp/conseil.svg" --family elus --name-fr "Encore" --name-en "Again"
check "the same drawing twice is refused" bash -c "[ $rc -eq 1 ] && grep -qi 'already' '$tmp/err'"

# Hostile SVGs: one line, exit 1, nothing written.
mk () { printf '%s' "$2" >"$tmp/$1.svg"; }
mk file-href '<svg xmlns="http://www.w3.org/2000/svg"><use href="file:///etc/passwd#x"/></svg>'
mk image '<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd" width="9" height="9"/></svg>'
mk css-url '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(http://example.org/x#p)}</style><rect width="4" height="4"/></svg>'
mk xinclude '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></svg>'
mk entities '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
mk script '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4"/></svg>'
mk huge '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><circle r="4"/></svg>'
mk truncated '<svg xmlns="http://www.w3.org/2000/svg"><circle r="'
mk empty ''
{
  printf '<svg xmlns="http://www.w3.org/2000/svg"><defs><circle id="l0" r="1"/>'
  for level in 1 2 3 4 5 6 7 8 9; do
    printf '<g id="l%d">' "$level"
    for i in 1 2 3 4 5 6 7 8 9 10; do printf '<use href="#l%d"/>' $((level - 1)); done
    printf '</g>'
  done
  printf '</defs><use href="#l9"/></svg>'
} >"$tmp/use-bomb.svg"
{
  printf '<svg xmlns="http://www.w3.org/2000/svg">'
  for i in $(seq 1000); do printf '<g>'; done
  for i in $(seq 1000); do printf '</g>'; done
  printf '</svg>'
} >"$tmp/deep.svg"
head -c 2048 /dev/urandom >"$tmp/garbage.svg"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\6\0\0\0' >"$tmp/png.svg"
before=$(digest "$A")
for f in file-href image css-url xinclude entities script huge truncated empty use-bomb deep garbage png; do
  start=$(date +%s%N)
  run "$A" stamps import "$tmp/$f.svg" --family elus --name-fr "Hostile" --name-en "Hostile"
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  check "hostile $f.svg is refused with one line, exit 1 ($err)" bash -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ] && [[ \"\$(cat '$tmp/err')\" == transfo:* ]]"
  check "hostile $f.svg is refused quickly (${elapsed} ms)" [ "$elapsed" -lt 5000 ]
done
check "refused imports wrote nothing" [ "$(digest "$A")" = "$before" ]
check "still one user stamp" [ "$(user_stamps)" = "1" ]
run "$A" stamps import "$tmp/missing.svg" --family elus --name-fr A --name-en B
check "a missing file is refused" one_line_error
head -c 600000 /dev/zero | tr '\0' ' ' >"$tmp/big.svg"
run "$A" stamps import "$tmp/big.svg" --family elus --name-fr A --name-en B
check "a file over 512 KiB is refused" bash -c "[ $rc -eq 1 ] && grep -qi 'too big' '$tmp/err'"

# Bad arguments: exit 2, one line, nothing opened.
run "$A" stamps import "$tmp/conseil.svg" --family martians --name-fr A --name-en B
check "an unknown family exits 2" bash -c "[ $rc -eq 2 ] && grep -q 'martians' '$tmp/err'"
run "$A" stamps import "$tmp/conseil.svg" --family elus --name-fr A
check "a missing --name-en exits 2" [ "$rc" -eq 2 ]
run "$A" stamps import "$tmp/conseil.svg" --family elus --name-fr A --name-en B --color blue
check "a bad colour exits 2" [ "$rc" -eq 2 ]
run "$A" stamps import --family elus --name-fr A --name-en B
check "import without a file exits 2" [ "$rc" -eq 2 ]
run "$A" stamps import "$tmp/conseil.svg" --family
check "an option without its value exits 2" [ "$rc" -eq 2 ]
run "$A" stamps list --bogus
check "an unknown option exits 2, with the usage" bash -c "[ $rc -eq 2 ] && head -1 '$tmp/err' | grep -q -- '--bogus' && grep -q 'stamps list \[--json\]' '$tmp/err'"
run "$A" stamps frobnicate
check "an unknown stamps command exits 2" bash -c "[ $rc -eq 2 ] && grep -q 'frobnicate' '$tmp/err'"
run "$A" stamps
check "stamps without a command exits 2" [ "$rc" -eq 2 ]

# sheet: A4 PDF pages, written whole or not at all.
run "$A" stamps sheet -o "$tmp/sheet.pdf" --size 4 --stamps "elu,parapheur,telephone,$key"
check "sheet exits 0" [ "$rc" -eq 0 ]
check "sheet writes a PDF" bash -c "head -c 5 '$tmp/sheet.pdf' | grep -q '%PDF-'"
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  check "the sheet is one A4 page" bash -c "pdfinfo '$tmp/sheet.pdf' | grep -q 'Pages: *1' && pdfinfo '$tmp/sheet.pdf' | grep -q '595.* x 841.*pts'"
  pdftotext "$tmp/sheet.pdf" "$tmp/sheet.txt"
  check "the sheet names the chosen stamps" bash -c "grep -q 'Elected' '$tmp/sheet.txt' && grep -q 'Signature' '$tmp/sheet.txt' && grep -q 'Neighbourhood' '$tmp/sheet.txt'"
fi
run "$A" stamps sheet --output="$tmp/all.pdf"
check "sheet of every stamp at 3 cm" bash -c "[ $rc -eq 0 ] && [ -s '$tmp/all.pdf' ]"
run "$A" stamps sheet -o "$tmp/bad.pdf" --stamps elu,martian
check "an unknown stamp id is refused" bash -c "[ $rc -eq 1 ] && grep -q 'martian' '$tmp/err'"
check "a refused sheet leaves no file" [ ! -e "$tmp/bad.pdf" ]
run "$A" stamps sheet -o "$tmp/bad.pdf" --size 40
check "a size out of range exits 2" [ "$rc" -eq 2 ]
run "$A" stamps sheet --size 3
check "sheet without -o exits 2" [ "$rc" -eq 2 ]
check "no temporary file was left" bash -c "[ -z \"\$(ls -A '$tmp' | grep -v -E '^(a|out|err|.*\.svg|sheet\.pdf|sheet\.txt|all\.pdf)$')\" ]"

# Files that are not archives are refused for reading user stamps.
printf 'not an archive' >"$tmp/notes.csv"
run "$tmp/notes.csv" stamps list
check "a foreign file as archive is refused with one line" one_line_error

# French messages, chosen by the locale.
if [ -n "${TRANSFO_LOCALEDIR:-}" ]; then
  LANGUAGE=fr LC_ALL=C.UTF-8 "$TRANSFO" --archive "$A" stamps list >"$tmp/out" 2>"$tmp/err"
  check "the names are in French with LANGUAGE=fr" bash -c "grep -q 'Élu(e)' '$tmp/out'"
fi

finish
