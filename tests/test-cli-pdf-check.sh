#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every kind of PDF Transfo writes passes `qpdf --check` (exit 0): each board
# of the demo (the blueprint and the mockup among them), a poster, card
# sheets, discussion cards, the report (links, contents, outline) and a
# stamp sheet. Evince, mupdf, LibreOffice and browsers open them; a damaged
# cross-reference table is what cairo 1.16 writes for links outside a
# structure tree. Each is tagged (`pdfinfo`: Tagged: yes), in the user
# interface's language (/Lang), with a title and the experiment's
# department as author; the report reads in the order of its page (each
# insight one paragraph: its quote, then who said it), read with
# tests/pdf-structure.py.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

if ! command -v qpdf >/dev/null; then
  echo "1..0 # SKIP qpdf is not installed (apt-get install qpdf)"
  exit 77
fi

STRUCTURE="$(dirname "$0")/pdf-structure.py"
A="$tmp/archive.sqlite"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
department="Cabinet du Président, direction des assemblées"

# tagged FILE LANG AUTHOR: pdfinfo says tagged, with a title and AUTHOR
# (none when empty); the catalogue's /Lang is LANG; every figure has an
# alternative text.
tagged () {
  pdfinfo "$1" >"$tmp/info" 2>&1 || return 1
  grep -q '^Tagged: *yes$' "$tmp/info" || { echo "# not tagged"; return 1; }
  grep -q '^Title: *[^ ]' "$tmp/info" || { echo "# no title"; return 1; }
  if [ -n "$3" ]; then
    grep -qxF "Author:          $3" "$tmp/info" || { echo "# author:"; grep Author "$tmp/info"; return 1; }
  fi
  python3 "$STRUCTURE" "$1" >"$tmp/structure.json" || return 1
  python3 - "$tmp/structure.json" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = d["lang"] == sys.argv[2] and d["elements"] and d["elements"][0]["type"] == "Document"
figures = [e for e in d["elements"] if e["type"] == "Figure"]
ok = ok and all(f["alt"] for f in figures)
if not ok:
    print("# lang %r, first %r, figures without text: %d" % (d["lang"], d["elements"][:1],
          sum(1 for f in figures if not f["alt"])))
sys.exit(0 if ok else 1)
PY
}
id=$("$TRANSFO" --archive "$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"][0]["id"])')

# clean FILE: qpdf finds nothing (it exits 0 clean, 2 on errors, 3 on warnings).
clean () {
  qpdf --check "$1" >"$tmp/qpdf" 2>&1
  local rc=$?
  [ "$rc" -eq 0 ] || { echo "# qpdf --check exited $rc:"; sed 's/^/#   /' "$tmp/qpdf" | head -8; }
  [ "$rc" -eq 0 ]
}

# export WHAT FILE ARGS...: writes FILE, then checks it.
export_pdf () {
  local what=$1 file=$2; shift 2
  if "$TRANSFO" --archive "$A" export "$id" --format pdf -o "$file" "$@" >/dev/null 2>"$tmp/err"; then
    check "$what: qpdf --check is clean" clean "$file"
    check "$what: tagged, in English, with a title and an author" tagged "$file" en "$department"
  else
    not_ok "$what: export failed: $(cat "$tmp/err")"
  fi
}

n=0
while IFS= read -r board; do
  n=$((n + 1))
  export_pdf "board “$board”" "$tmp/board-$n.pdf" --board "$board"
done < <(python3 - "$TRANSFO" "$A" "$id" <<'PY'
import json, subprocess, sys
t, a, i = sys.argv[1:]
# The boards' names, from the refusal that lists them.
r = subprocess.run([t, "--archive", a, "export", i, "--format", "pdf", "--board", "\x01", "-o", "/dev/null"],
                   capture_output=True, text=True)
err = r.stderr.split("its boards are ", 1)[1].strip()
for name in err.split("”, “"):
    print(name.strip("“”"))
PY
)
check "the demo has four boards" [ "$n" -eq 4 ]

export_pdf "poster 3x2" "$tmp/poster.pdf" --poster 3x2
export_pdf "insight cards with backs" "$tmp/cards.pdf" --cards insights --back
printf 'Qui décide ?\nQui paie ?\n' >"$tmp/starters.txt"
export_pdf "discussion cards" "$tmp/starters.pdf" --cards starters --starters "$tmp/starters.txt"
export_pdf "report" "$tmp/report.pdf" --report

"$TRANSFO" --archive "$A" stamps sheet -o "$tmp/stamps.pdf" >/dev/null 2>&1
check "stamp sheet: qpdf --check is clean" clean "$tmp/stamps.pdf"
check "stamp sheet: tagged, in English, with a title" tagged "$tmp/stamps.pdf" en ""

# In French, the documents say so.
LANGUAGE=fr LC_ALL=C.UTF-8 "$TRANSFO" --archive "$A" export "$id" --format pdf --report -o "$tmp/rapport.pdf" \
  >/dev/null 2>&1
check "report in French: /Lang is fr" tagged "$tmp/rapport.pdf" fr "$department"

# The report reads as its page does: each insight of the list is one
# paragraph, its quote then who said it, with no other quote in it; the
# wall's figure says every quote, in the wall's reading order.
"$TRANSFO" --archive "$A" export-insights "$id" -o "$tmp/insights.csv" >/dev/null 2>&1
reading_order () {
  python3 "$STRUCTURE" "$tmp/report.pdf" >"$tmp/report.json" || return 1
  python3 - "$tmp/report.json" "$tmp/insights.csv" <<'PY'
import csv, json, re, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
labels = {"staff": "Official's staff", "department": "Department", "elected": "Elected official",
          "agent": "Agent", "citizen": "Citizen", "cabinet": "President's cabinet"}
squeeze = lambda t: re.sub(r"\s+", "", t)
paragraphs = [squeeze(e["text"]) for e in d["elements"] if e["type"] == "P"]
ok = len(rows) == 9
for row in rows:
    quote = squeeze(row["quote"])
    mine = [p for p in paragraphs if p.startswith(quote)]
    others = [squeeze(r["quote"]) for r in rows if r is not row]
    if len(mine) != 1 or squeeze(labels.get(row["source"], row["source"])) not in mine[0][len(quote):] \
       or any(o in mine[0] for o in others):
        print("# quote %r: its paragraphs %r" % (row["quote"], mine))
        ok = False
alts = [e["alt"] for e in d["elements"] if e["type"] == "Figure" and e["alt"] and rows[0]["quote"] in e["alt"]]
if len(alts) != 1 or not all(r["quote"] in alts[0] for r in rows):
    print("# the wall's figure does not say every quote")
    ok = False
sys.exit(0 if ok else 1)
PY
}
check "report: each insight one paragraph, its quote then who said it; the wall's figure says every quote" \
  reading_order

finish
