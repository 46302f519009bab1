#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `transfo export` end to end: every kind of export from the demo, every
# refused combination of options, and the archive left untouched. Needs no
# display and no PDF tool: files are checked by their signature and size.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARGS...: sets $out, $err, $rc
run () {
  "$TRANSFO" --archive "$A" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

one_line_error () { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
usage_error () { [ "$rc" -eq 2 ] && one_line_error; }
is_pdf () { [ "$(head -c 5 "$1")" = "%PDF-" ] && tail -c 1024 "$1" | grep -q '%%EOF'; }
is_png () { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
pdf_pages () { grep -a -c -E '/Type /Page([^s]|$)' "$1"; }
png_size () { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$1"; }
digest () { sha256sum "$1" | cut -d' ' -f1; }
# Files in $tmp/out-dir, temporary ones included (they are hidden).
count_files () { find "$tmp/o" -mindepth 1 | wc -l; }

A="$tmp/archive.sqlite"
mkdir -p "$tmp/o"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
id=$("$TRANSFO" --archive "$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"][0]["id"])')
before=$(digest "$A")

# A board on one page; without --board, the first board.
run export "$id" --format pdf -o "$tmp/o/board.pdf"
check "board: exits 0" [ "$rc" -eq 0 ]
check "board: says what it wrote" bash -c "grep -q '^Wrote .*board.pdf (1 page)$' '$tmp/out'"
check "board: a complete PDF" is_pdf "$tmp/o/board.pdf"
check "board: one page" [ "$(pdf_pages "$tmp/o/board.pdf")" = "1" ]
check "board: A4 portrait" bash -c "grep -a -q 'MediaBox \[ 0 0 595.275591 841.889764 \]' '$tmp/o/board.pdf'"

run export "$id" --board "insights de la résidence" --paper a3 --landscape --margin 20 -o "$tmp/o/a3.pdf"
check "board by name, any case, on A3 landscape" [ "$rc" -eq 0 ]
check "A3 landscape page" bash -c "grep -a -q 'MediaBox \[ 0 0 1190.551181 841.889764 \]' '$tmp/o/a3.pdf'"
run export "$id" --paper letter -o "$tmp/o/letter.pdf"
check "Letter page, format from the file name" bash -c "[ $rc -eq 0 ] && grep -a -q 'MediaBox \[ 0 0 612 792 \]' '$tmp/o/letter.pdf'"

# Posters.
run export "$id" --format pdf --poster 3x2 -o "$tmp/o/poster.pdf"
check "poster 3x2: exits 0" [ "$rc" -eq 0 ]
check "poster 3x2: six sheets" bash -c "grep -q '(6 pages)' '$tmp/out' && [ \$(grep -a -c -E '/Type /Page([^s]|\$)' '$tmp/o/poster.pdf') -eq 6 ]"
run export "$id" --format pdf --scale 1 -o "$tmp/o/real.pdf"
check "poster at real size: four A4 sheets" bash -c "[ $rc -eq 0 ] && grep -q '(4 pages)' '$tmp/out'"
run export "$id" --format pdf --scale 1 --paper a3 -o "$tmp/o/real-a3.pdf"
check "poster at real size on A3" [ "$rc" -eq 0 ]

# The report.
run export "$id" --format pdf --report -o "$tmp/o/report.pdf"
check "report: exits 0" [ "$rc" -eq 0 ]
check "report: several pages" bash -c "[ \$(grep -a -c -E '/Type /Page([^s]|\$)' '$tmp/o/report.pdf') -ge 6 ]"
check "report: an outline" bash -c "grep -a -q '/Outlines' '$tmp/o/report.pdf'"
check "report: its creator" bash -c "grep -a -q 'Transfo [0-9]' '$tmp/o/report.pdf'"

# Cards.
run export "$id" --format pdf --cards insights -o "$tmp/o/cards.pdf"
check "insight cards: nine cards on two sheets" bash -c "[ $rc -eq 0 ] && grep -q '(2 pages)' '$tmp/out'"
run export "$id" --format pdf --cards insights --back -o "$tmp/o/cards-back.pdf"
check "insight cards with backs: four pages" bash -c "[ $rc -eq 0 ] && grep -q '(4 pages)' '$tmp/out'"
printf 'Quel outil utilisez-vous le plus ?\n\nRacontez votre dernière réunion utile.\n' >"$tmp/starters.txt"
run export "$id" --format pdf --cards starters --starters "$tmp/starters.txt" --back -o "$tmp/o/starters.pdf"
check "starter cards with backs: two pages" bash -c "[ $rc -eq 0 ] && grep -q '(2 pages)' '$tmp/out'"
printf 'Une question ?\n' | "$TRANSFO" --archive "$A" export "$id" --cards starters --starters - -o "$tmp/o/stdin.pdf" >"$tmp/out" 2>&1
check "starters from the standard input" bash -c "grep -q '(1 page)' '$tmp/out'"

# PNG and SVG.
run export "$id" --format png -o "$tmp/o/board.png"
check "png: exits 0" [ "$rc" -eq 0 ]
check "png: a PNG" is_png "$tmp/o/board.png"
check "png: 150 dpi of real size by default" [ "$(png_size "$tmp/o/board.png")" = "1634x1634" ]
check "png: says its size" bash -c "grep -q '1634 × 1634' '$tmp/out'"
run export "$id" --format png --dpi 75 -o "$tmp/o/small.png"
check "png at 75 dpi" [ "$(png_size "$tmp/o/small.png")" = "817x817" ]
run export "$id" --format svg -o "$tmp/o/board.svg"
check "svg: exits 0" [ "$rc" -eq 0 ]
check "svg: well-formed, with the quotes as text" python3 -c "
import sys, xml.etree.ElementTree as ET
root = ET.parse('$tmp/o/board.svg').getroot()
text = ' '.join(''.join(t.itertext()) for t in root.iter('{http://www.w3.org/2000/svg}text'))
sys.exit(0 if 'délib’' in text and 'répondeur' in text else 1)"

# Refused combinations: exit 2, one line, nothing written.
n_before=$(count_files)
run export "$id" --format pdf
check "no -o: exit 2" usage_error
run export --format pdf -o "$tmp/o/x.pdf"
check "no experiment: exit 2" usage_error
run export abc -o "$tmp/o/x.pdf"
check "an experiment that is not an id: exit 2" usage_error
run export "$id" -o "$tmp/o/x.txt"
check "no format and an unknown extension: exit 2" usage_error
run export "$id" --format tiff -o "$tmp/o/x.tiff"
check "an unknown format: exit 2" bash -c "[ $rc -eq 2 ] && grep -q tiff '$tmp/err'"
run export "$id" --format png --report -o "$tmp/o/x.png"
check "--report with png: exit 2" bash -c "[ $rc -eq 2 ] && grep -q -- '--report' '$tmp/err'"
run export "$id" --format svg --cards insights -o "$tmp/o/x.svg"
check "--cards with svg: exit 2" usage_error
run export "$id" --format pdf --dpi 300 -o "$tmp/o/x.pdf"
check "--dpi with pdf: exit 2" usage_error
run export "$id" --format pdf --poster 2x2 --scale 1 -o "$tmp/o/x.pdf"
check "--poster with --scale: exit 2" usage_error
run export "$id" --format pdf --poster 2by2 -o "$tmp/o/x.pdf"
check "a malformed grid: exit 2" bash -c "[ $rc -eq 2 ] && grep -q 2by2 '$tmp/err'"
run export "$id" --format pdf --poster 2x2 --paper a1 -o "$tmp/o/x.pdf"
check "a poster on A1: exit 2" usage_error
run export "$id" --format pdf --paper b5 -o "$tmp/o/x.pdf"
check "an unknown paper: exit 2" usage_error
run export "$id" --format pdf --landscape --portrait -o "$tmp/o/x.pdf"
check "--landscape with --portrait: exit 2" usage_error
run export "$id" --format pdf --margin -3 -o "$tmp/o/x.pdf"
check "a negative margin: exit 2" usage_error
run export "$id" --format pdf --scale 0 -o "$tmp/o/x.pdf"
check "a zero scale: exit 2" usage_error
run export "$id" --format pdf --report --board Mur -o "$tmp/o/x.pdf"
check "--board with --report: exit 2" usage_error
run export "$id" --format pdf --back -o "$tmp/o/x.pdf"
check "--back without --cards: exit 2" usage_error
run export "$id" --format pdf --cards starters -o "$tmp/o/x.pdf"
check "--cards starters without --starters: exit 2" usage_error
run export "$id" --format pdf --cards postits -o "$tmp/o/x.pdf"
check "an unknown kind of card: exit 2" usage_error
run export "$id" --format pdf --frobnicate -o "$tmp/o/x.pdf"
# One line that says why, then the command's usage (#17, point 16).
check "an unknown option: exit 2, the reason then the usage" \
  bash -c "[ $rc -eq 2 ] && head -1 '$tmp/err' | grep -q '^transfo: .*--frobnicate' && grep -qx 'Usage:' '$tmp/err'"
run export "$id" --format pdf --board -o
check "an option without its value: exit 2" usage_error
check "refused commands wrote nothing" [ "$(count_files)" = "$n_before" ]

# Refusals of the archive or of the export: exit 1, nothing written.
run export 999 -o "$tmp/o/x.pdf"
check "a missing experiment: exit 1" bash -c "[ $rc -eq 1 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"
run export "$id" --board "Nulle part" -o "$tmp/o/x.pdf"
check "a missing board: exit 1, naming the boards there are" bash -c "[ $rc -eq 1 ] && grep -q 'Insights de la résidence' '$tmp/err'"
run export "$id" --format png --dpi 2400 -o "$tmp/o/x.png"
check "too big a PNG: exit 1 with the limit" bash -c "[ $rc -eq 1 ] && grep -q '20000' '$tmp/err'"
run export "$id" -o "$tmp/missing/folder/x.pdf"
check "a missing folder: exit 1, naming the file" bash -c "[ $rc -eq 1 ] && grep -q 'x.pdf' '$tmp/err'"
run export "$id" --cards starters --starters "$tmp/nothing.txt" -o "$tmp/o/x.pdf"
check "a missing starters file: exit 1" [ "$rc" -eq 1 ]
printf '\n  \n' >"$tmp/blank.txt"
run export "$id" --cards starters --starters "$tmp/blank.txt" -o "$tmp/o/x.pdf"
check "an empty starters file: exit 1" [ "$rc" -eq 1 ]
check "failed exports wrote nothing" [ "$(count_files)" = "$n_before" ]
check "no export ever touched the archive" [ "$(digest "$A")" = "$before" ]

# Exports only read: they work while another process writes to the archive.
flock "$A.lock" sleep 2 &
holder=$!
sleep 0.3
run export "$id" -o "$tmp/o/locked.pdf"
check "an export works while the archive is open elsewhere" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || echo "# the export said: $err"
wait "$holder"

finish
