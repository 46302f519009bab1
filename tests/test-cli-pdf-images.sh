#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What a mockup's photos cost in a PDF a designer mails: each photo is
# written once per document however many times it is drawn (the report's
# board page and its figure), at no more than about 300 dpi at the largest
# size the document prints it (330 allowed), as a JPEG when it came as
# one; the demo's board PDF stays small. Read back with `pdfimages -list`
# (poppler-utils; SKIP without it, or without ImageMagick's convert for the
# camera-sized photos).
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

for tool in pdfimages convert; do
  if ! command -v $tool >/dev/null; then
    echo "1..0 # SKIP $tool is not installed (apt-get install poppler-utils imagemagick)"
    exit 77
  fi
done

# images FILE MIN_PPI MAX_PPI N: FILE holds N image objects (one per image,
# however often drawn), each printed at its largest between MIN_PPI and
# MAX_PPI; lists them on failure.
images () {
  pdfimages -list "$1" >"$tmp/list" 2>&1 || return 1
  python3 - "$tmp/list" "$2" "$3" "$4" <<'PY'
import sys
path, lo, hi, n = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
objects = {}
for line in open(path).read().splitlines()[2:]:
    f = line.split()
    if len(f) < 14 or f[2] != "image":
        continue
    key = f[10]                      # the object number
    ppi = min(float(f[12]), float(f[13]))
    objects.setdefault(key, []).append((ppi, f[3], f[4], f[8]))
ok = len(objects) == n
for key, uses in objects.items():
    largest = min(u[0] for u in uses)   # the least ppi: the largest drawing
    if not (lo <= largest <= hi):
        ok = False
if not ok:
    print("# expected %d images at %g–%g ppi:" % (n, lo, hi))
    for line in open(path).read().splitlines():
        print("#   " + line)
sys.exit(0 if ok else 1)
PY
}

# smaller FILE BYTES: FILE is under BYTES.
smaller () {
  local size
  size=$(stat -c %s "$1")
  [ "$size" -lt "$2" ] || { echo "# $1: $size bytes"; return 1; }
}

# The demo: two photos (JPEG, with blur regions) and a cover placed in
# perspective (PNG), each written once in the board and in the report.
A="$tmp/demo.sqlite"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
id=$("$TRANSFO" --archive "$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"][0]["id"])')
board=$("$TRANSFO" --archive "$A" show "$id" --json |
        python3 -c 'import json,sys; print([b["id"] for b in json.load(sys.stdin)["boards"] if b["kind"] == "mockup"][0])')
"$TRANSFO" --archive "$A" export "$id" --board "$board" -o "$tmp/demo-board.pdf" >/dev/null 2>&1
"$TRANSFO" --archive "$A" export "$id" --report -o "$tmp/demo-report.pdf" >/dev/null 2>&1
check "demo mockup board: each image once, at most 330 ppi" images "$tmp/demo-board.pdf" 100 330 3
check "demo mockup board: under 400 kB (was 808 kB)" smaller "$tmp/demo-board.pdf" 400000
# The report's placed images are drawn at two sizes (page and figure): a
# warped image each, made at the size of each drawing.
check "demo report: each photo once, at most 330 ppi" images "$tmp/demo-report.pdf" 100 330 4
check "demo report: under 1 MB (was 1.7 MB)" smaller "$tmp/demo-report.pdf" 1000000
pdfimages -list "$tmp/demo-board.pdf" >"$tmp/list"
check "demo photos are written as JPEG" [ "$(grep -c ' jpeg ' "$tmp/list")" -eq 2 ]

# Two camera-sized photos (3200 × 2400 JPEGs) on a new mockup: printed at
# 300 dpi of their size on the page, once each, board and report.
convert -seed 3 -size 800x600 plasma:fractal -resize 3200x2400 -quality 90 "$tmp/one.jpg" 2>/dev/null
convert -seed 5 -size 800x600 plasma:fractal -resize 3200x2400 -quality 90 "$tmp/two.jpg" 2>/dev/null
B="$tmp/two.sqlite"
exp=$("$TRANSFO" --archive "$B" new "Deux photos" 2>/dev/null)
"$TRANSFO" --archive "$B" photo add "$exp" "$tmp/one.jpg" >/dev/null 2>&1
"$TRANSFO" --archive "$B" photo add "$exp" "$tmp/two.jpg" >/dev/null 2>&1
board=$("$TRANSFO" --archive "$B" show "$exp" --json |
        python3 -c 'import json,sys; print([b["id"] for b in json.load(sys.stdin)["boards"] if b["kind"] == "mockup"][0])')
"$TRANSFO" --archive "$B" export "$exp" --board "$board" -o "$tmp/two-board.pdf" >/dev/null 2>&1
"$TRANSFO" --archive "$B" export "$exp" --report -o "$tmp/two-report.pdf" >/dev/null 2>&1
check "two photos, board: two images at 290–330 ppi" images "$tmp/two-board.pdf" 290 330 2
check "two photos, report: the same two photos once each (page and figure)" images "$tmp/two-report.pdf" 290 330 2
pdfimages -list "$tmp/two-report.pdf" >"$tmp/list"
check "two photos: written as JPEG" [ "$(grep -c ' jpeg ' "$tmp/list")" -eq 4 ]
check "two photos, board: under 1.5 MB" smaller "$tmp/two-board.pdf" 1500000
check "two photos, report: under 4 MB" smaller "$tmp/two-report.pdf" 4000000

finish
