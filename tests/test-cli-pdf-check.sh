#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every kind of PDF Transfo writes passes `qpdf --check` (exit 0): each board
# of the demo (the blueprint and the mockup among them), a poster, card
# sheets, the report (links, contents, outline) and a stamp sheet. Evince,
# mupdf, LibreOffice and browsers open them; a damaged cross-reference table
# is what cairo 1.16 writes for links outside a structure tree.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

if ! command -v qpdf >/dev/null; then
  echo "1..0 # SKIP qpdf is not installed (apt-get install qpdf)"
  exit 77
fi

A="$tmp/archive.sqlite"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
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
export_pdf "report" "$tmp/report.pdf" --report

"$TRANSFO" --archive "$A" stamps sheet -o "$tmp/stamps.pdf" >/dev/null 2>&1
check "stamp sheet: qpdf --check is clean" clean "$tmp/stamps.pdf"

finish
