#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo photo add" and "transfo photo place" end to end, with no display
# and the real sandboxed decoder: the asset id printed, the same file twice
# stored once, refused files (0 bytes, a truncated JPEG) leaving the archive
# as it was with one line on stderr, a PDF page (--page), the stored JPEG
# without its EXIF (GPS) block, a placement with its corners, and a PDF
# export of the mockup read back with pdftoppm: the photo's pixels on the
# page. Images are made here (ImageMagick, a few bytes of Python).
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARGS...: sets $out, $err, $rc
run () {
  timeout 60 "$TRANSFO" --archive "$A" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

one_line_error () { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
sql () { sqlite3 "$A" "$1"; }
state () { sql "SELECT (SELECT count(*) FROM items) || '/' || (SELECT count(*) FROM assets) || '/' || (SELECT count(*) FROM boards)"; }
is_number () { [[ "$1" =~ ^[0-9]+$ ]]; }

A="$tmp/archive.sqlite"

# A 400 × 300 photo: red on the left, blue on the right; a poster 100 × 200:
# green on the left, yellow on the right.
convert -size 400x300 xc:red -fill blue -draw "rectangle 200,0 399,299" "$tmp/photo.png"
convert -size 100x200 xc:lime -fill yellow -draw "rectangle 50,0 99,199" "$tmp/poster.png"
convert -size 400x300 xc:red -fill blue -draw "rectangle 200,0 399,299" -quality 95 "$tmp/plain.jpg"

# The same JPEG with an EXIF block after its SOI: a camera make and a GPS
# latitude (what an anonymous residency must not leak).
python3 - "$tmp/plain.jpg" "$tmp/gps.jpg" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
assert data[:2] == b'\xff\xd8'
def entry(tag, typ, count, value):
    return struct.pack('<HHII', tag, typ, count, value)
# TIFF little-endian; IFD0 at 8: Make (ASCII, at 'make'), GPSInfo pointer.
ifd0 = 8
ifd0_len = 2 + 2 * 12 + 4
gps = ifd0 + ifd0_len
gps_len = 2 + 2 * 12 + 4
lat = gps + gps_len            # 3 rationals
make = lat + 24
tiff = b'II*\x00' + struct.pack('<I', ifd0)
tiff += struct.pack('<H', 2) + entry(0x010F, 2, 8, make) + entry(0x8825, 4, 1, gps) + struct.pack('<I', 0)
tiff += struct.pack('<H', 2) + entry(0x0001, 2, 2, struct.unpack('<I', b'N\x00\x00\x00')[0]) \
        + entry(0x0002, 5, 3, lat) + struct.pack('<I', 0)
tiff += struct.pack('<6I', 50, 1, 37, 1, 4512, 100)
tiff += b'SpyCam\x00\x00'
app1 = b'Exif\x00\x00' + tiff
segment = b'\xff\xe1' + struct.pack('>H', len(app1) + 2) + app1
open(sys.argv[2], 'wb').write(data[:2] + segment + data[2:])
EOF
check "the test JPEG carries EXIF and GPS" bash -c "grep -a -q Exif '$tmp/gps.jpg' && grep -a -q SpyCam '$tmp/gps.jpg'"

"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists photo add" grep -q 'photo add EXPERIMENT FILE \[--board NAME\] \[--page N\]' "$tmp/out"

run new "Essai photo-montage"
check "new exits 0" [ "$rc" -eq 0 ]
exp=$out

# A photo: its asset id on stdout, a mockup board made for it.
run photo add "$exp" "$tmp/photo.png"
check "photo add exits 0" [ "$rc" -eq 0 ]
check "photo add prints a number" is_number "$out"
check "photo add prints nothing else" [ -z "$err" ]
asset=$out
check "the asset is a PNG of the archive" [ "$(sql "SELECT mime_type FROM assets WHERE id = $asset")" = "image/png" ]
check "a mockup board was made" [ "$(sql "SELECT count(*) FROM boards WHERE experiment_id = $exp AND kind = 'mockup'")" = "1" ]
check "its name is Mockup" [ "$(sql "SELECT name FROM boards WHERE experiment_id = $exp AND kind = 'mockup'")" = "Mockup" ]
photo=$(sql "SELECT id FROM items WHERE kind = 'mk-photo' AND asset_id = $asset")
check "the photo item names its asset" is_number "$photo"

# The same file again: the same asset, a second photo beside the first.
run photo add "$exp" "$tmp/photo.png"
check "the same file twice: the same asset id" [ "$out" = "$asset" ]
check "stored once" [ "$(sql "SELECT count(*) FROM assets WHERE id >= $asset")" = "1" ]
check "two photos, side by side" [ "$(sql "SELECT count(DISTINCT x) FROM items WHERE kind = 'mk-photo'")" = "2" ]

# Refusals: one line, exit 1, nothing written.
before=$(state)
: >"$tmp/empty.jpg"
run photo add "$exp" "$tmp/empty.jpg"
check "a 0-byte file: exit 1" [ "$rc" -eq 1 ]
check "a 0-byte file: one line" one_line_error
check "a 0-byte file: the message names it" grep -q '“empty.jpg” is empty' "$tmp/err"
check "a 0-byte file: the archive unchanged" [ "$(state)" = "$before" ]
head -c $(( $(stat -c %s "$tmp/plain.jpg") / 2 )) "$tmp/plain.jpg" >"$tmp/truncated.jpg"
run photo add "$exp" "$tmp/truncated.jpg"
check "a truncated JPEG: exit 1" [ "$rc" -eq 1 ]
check "a truncated JPEG: one line" one_line_error
check "a truncated JPEG: the message names it" grep -q '“truncated.jpg” is damaged or truncated' "$tmp/err"
check "a truncated JPEG: the archive unchanged" [ "$(state)" = "$before" ]
run photo add "$exp" "$tmp/missing.jpg"
check "a missing file: exit 1, one line" bash -c "[ $rc -eq 1 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ]"
check "a missing file: the archive unchanged" [ "$(state)" = "$before" ]
run photo add 9999 "$tmp/photo.png"
check "no such experiment: exit 1, one line" bash -c "[ $rc -eq 1 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ]"
check "no such experiment: the archive unchanged" [ "$(state)" = "$before" ]
run photo add "$exp"
check "no file: a usage error (2)" [ "$rc" -eq 2 ]
run photo add "$exp" "$tmp/photo.png" --page 0
check "--page 0: a usage error (2)" [ "$rc" -eq 2 ]
run photo add "$exp" "$tmp/photo.png" --board "Insights"
check "an unknown board name: a new mockup of that name" \
  bash -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 '$A' \"SELECT kind FROM boards WHERE name = 'Insights'\")\" = mockup ]"

# --board: a unique part of a mockup's name, accents and case aside; a list
# and exit 2 when ambiguous; a new mockup when none matches.
run photo add "$exp" "$tmp/photo.png" --board "Maquette élève"
boards=$(sql "SELECT count(*) FROM boards")
run photo add "$exp" "$tmp/photo.png" --board "ELEVE"
check "--board finds a mockup by a part of its name" \
  [ "$rc/$(sql "SELECT count(*) FROM boards")/$(sql "SELECT count(*) FROM items i JOIN boards b ON b.id = i.board_id WHERE b.name = 'Maquette élève'")" = "0/$boards/2" ]
before=$(state)
run photo add "$exp" "$tmp/photo.png" --board "m"
check "--board naming several mockups: exit 2, listed, nothing added" \
  bash -c "[ $rc -eq 2 ] && grep -q '^  Maquette élève (' '$tmp/err' && grep -q '^  Mockup (' '$tmp/err' && [ \"\$(sqlite3 '$A' \"SELECT (SELECT count(*) FROM items) || '/' || (SELECT count(*) FROM assets) || '/' || (SELECT count(*) FROM boards)\")\" = '$before' ]"
run photo --help
check "photo --help says --board makes a mockup when none matches" \
  bash -c "[ $rc -eq 0 ] && grep -q 'new mockup of that name' '$tmp/out'"

# Metadata: the stored JPEG has no EXIF, no GPS, no camera.
run photo add "$exp" "$tmp/gps.jpg" --board Mockup
check "the JPEG with GPS is added" [ "$rc" -eq 0 ]
jpeg=$out
check "it is stored as a JPEG" [ "$(sql "SELECT mime_type FROM assets WHERE id = $jpeg")" = "image/jpeg" ]
check "the stored JPEG has no Exif block" [ "$(sql "SELECT instr(data, CAST('Exif' AS BLOB)) FROM assets WHERE id = $jpeg")" = "0" ]
check "nor the camera's name" [ "$(sql "SELECT instr(data, CAST('SpyCam' AS BLOB)) FROM assets WHERE id = $jpeg")" = "0" ]

# A PDF page: a two-page poster export of the board is the PDF to add.
run export "$exp" --board Mockup --format pdf --poster 2x1 -o "$tmp/two.pdf"
check "a two-page PDF to add" bash -c "[ $rc -eq 0 ] && pdfinfo '$tmp/two.pdf' | grep -q '^Pages: *2$'"
run photo add "$exp" "$tmp/two.pdf" --page 2 --board Mockup
check "--page 2 of a PDF: exit 0" [ "$rc" -eq 0 ]
pdf=$out
check "the PDF is stored" [ "$(sql "SELECT mime_type FROM assets WHERE id = $pdf")" = "application/pdf" ]
check "the photo item shows page 2 (index 1)" \
  [ "$(sql "SELECT json_extract(payload, '$.page') FROM items WHERE kind = 'mk-photo' AND asset_id = $pdf")" = "1" ]
before=$(state)
run photo add "$exp" "$tmp/two.pdf" --page 3
check "--page 3 of a two-page PDF: exit 1, one line" bash -c "[ $rc -eq 1 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ]"
check "no such page: the archive unchanged" [ "$(state)" = "$before" ]

# A placement with its corners (board units), then one refused.
run photo place "$exp" "$photo" "$tmp/poster.png" --corners 400,150,800,200,780,750,420,700
check "photo place exits 0" [ "$rc" -eq 0 ]
place=$out
check "photo place prints the placement's id" is_number "$place"
check "the placement sits on the photo" \
  [ "$(sql "SELECT json_extract(payload, '$.photo') FROM items WHERE id = $place")" = "$photo" ]
check "its bounds are its corners' box" [ "$(sql "SELECT x || ',' || y || ',' || width || ',' || height FROM items WHERE id = $place")" = "400.0,150.0,400.0,600.0" ]
before=$(state)
run photo place "$exp" "$photo" "$tmp/poster.png" --corners 0,0,100,0,20,20,0,100
check "a dented quad: exit 1, one line" bash -c "[ $rc -eq 1 ] && [ \"\$(wc -l <'$tmp/err')\" -eq 1 ]"
check "a dented quad: the archive unchanged" [ "$(state)" = "$before" ]
run photo place "$exp" "$place" "$tmp/poster.png"
check "placing on what is not a photo: exit 1" [ "$rc" -eq 1 ]

# The export read back: a board with the first photo and its placement.
run photo add "$exp" "$tmp/photo.png" --board "Lecture"
lecture=$(sql "SELECT id FROM boards WHERE name = 'Lecture'")
lphoto=$(sql "SELECT id FROM items WHERE board_id = $lecture AND kind = 'mk-photo'")
run photo place "$exp" "$lphoto" "$tmp/poster.png"
run export "$exp" --board Lecture --format pdf -o "$tmp/mockup.pdf"
check "the mockup exports to PDF" [ "$rc" -eq 0 ]
pdftoppm -r 50 -f 1 -l 1 "$tmp/mockup.pdf" "$tmp/page" 2>/dev/null
# Samples, relative to the box of what is not paper: the photo's red and
# blue halves, the placement's green and yellow halves (centred, half the
# photo's height: 40.6 %–59.4 % of its width).
python3 - "$tmp"/page-1.ppm >"$tmp/samples" <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(maxsplit=4)
assert parts[0] == b'P6'
w, h = int(parts[1]), int(parts[2])
px = parts[4]
def at(x, y):
    i = 3 * (y * w + x)
    return px[i], px[i + 1], px[i + 2]
xs, ys = [], []
for y in range(0, h, 2):
    for x in range(0, w, 2):
        r, g, b = at(x, y)
        if (r, g, b) != (255, 255, 255) and not (abs(r - g) < 30 and abs(g - b) < 30):
            xs.append(x); ys.append(y)
x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
def name(fx, fy):
    r, g, b = at(int(x0 + fx * (x1 - x0)), int(y0 + fy * (y1 - y0)))
    if r > 200 and g < 60 and b < 60: return 'red'
    if r < 60 and g < 60 and b > 200: return 'blue'
    if r < 60 and g > 200 and b < 60: return 'green'
    if r > 200 and g > 200 and b < 60: return 'yellow'
    return '%02x%02x%02x' % (r, g, b)
print(name(0.15, 0.5), name(0.85, 0.5), name(0.45, 0.5), name(0.55, 0.5), round((x1 - x0) / (y1 - y0), 2))
EOF
samples=$(cat "$tmp/samples")
check "the page shows the photo and its placement ($samples)" \
  bash -c "[[ '$samples' == 'red blue green yellow '* ]]"
check "the photo keeps its aspect (4:3)" bash -c "python3 -c 'import sys; a = float(\"${samples##* }\"); sys.exit(0 if 1.28 < a < 1.38 else 1)'"

finish
