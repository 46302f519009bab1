#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo blueprint check" end to end, with no display: the demo's
# blueprint, its findings as text and as JSON, the exit statuses a script
# relies on (0 no error, 1 errors, 2 nothing checked), silenced findings,
# --board, an experiment without blueprints, and every usage error.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARCHIVE ARGS...: sets $out, $err, $rc
run () {
  local archive=$1; shift
  timeout 30 "$TRANSFO" --archive "$archive" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

json () { python3 -c "import json,sys; d=json.load(open('$tmp/out')); print($1)"; }
one_line_error () { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
digest () { sha256sum "$1" | cut -d' ' -f1; }
valid_json () {
  python3 -m json.tool "$tmp/out" >/dev/null || return 1
  if command -v jq >/dev/null; then jq -e . "$tmp/out" >/dev/null || return 1; fi
}

A="$tmp/a/archive.sqlite"

"$TRANSFO" --help >"$tmp/out" 2>&1
check "--help lists blueprint check" grep -q 'blueprint check EXPERIMENT \[--board NAME\]' "$tmp/out"

# Nothing to read: an archive that does not exist is not created.
run "$A" blueprint check 1
check "a missing archive: exit 2" [ "$rc" -eq 2 ]
check "a missing archive: one line" one_line_error
check "a missing archive is not created" [ ! -e "$A" ]

run "$A" demo
check "demo exits 0" [ "$rc" -eq 0 ]
demo=$out
before=$(digest "$A")

# The demo's blueprint: its findings, as JSON.
run "$A" blueprint check "$demo" --json
json_rc=$rc
check "--json is valid JSON" valid_json
check "--json has the documented keys" [ "$(json '",".join(sorted(d.keys()))')" = "blueprints,counts,experiment_id" ]
check "the demo has one blueprint" [ "$(json 'len(d["blueprints"])')" = "1" ]
check "it is the Kit du mandat" bash -c "python3 -c \"import json; d=json.load(open('$tmp/out')); assert 'Kit du mandat' in d['blueprints'][0]['name']\""
check "a blueprint has the documented keys" [ "$(json '",".join(sorted(d["blueprints"][0].keys()))')" = "board_id,counts,findings,name" ]
check "the demo shows findings" [ "$(json 'len(d["blueprints"][0]["findings"]) > 0')" = "True" ]
check "a finding has the documented keys" [ "$(json '",".join(sorted(d["blueprints"][0]["findings"][0].keys()))')" = "card,check,fix,items,lane,lane_title,message,severity,silenced,step,step_title,title" ]
check "severities are error, warning or info" [ "$(json 'all(f["severity"] in ("error","warning","info") for b in d["blueprints"] for f in b["findings"])')" = "True" ]
check "every finding has a message and a fix" [ "$(json 'all(f["message"] and f["fix"] for b in d["blueprints"] for f in b["findings"])')" = "True" ]
check "the counts add up" [ "$(json 'sum(d["counts"].values()) == sum(len(b["findings"]) for b in d["blueprints"])')" = "True" ]
check "the counts match the findings" [ "$(json 'd["counts"]["error"] == sum(1 for b in d["blueprints"] for f in b["findings"] if f["severity"]=="error" and f["silenced"] is None)')" = "True" ]
errors=$(json 'd["counts"]["error"]')
n_findings=$(json 'len(d["blueprints"][0]["findings"])')
board_id=$(json 'd["blueprints"][0]["board_id"]')
check "the demo's fail point without mitigation is found" [ "$(json 'any(f["check"]=="fail-mitigation" for f in d["blueprints"][0]["findings"])')" = "True" ]
if [ "$errors" -gt 0 ]; then
  check "errors found: exit 1" [ "$json_rc" -eq 1 ]
else
  check "no error: exit 0" [ "$json_rc" -eq 0 ]
fi
check "--json writes nothing on stderr" [ ! -s "$tmp/err" ]

# The same as text: a heading, one line per finding, a summary.
run "$A" blueprint check "$demo"
check "text and JSON exit alike" [ "$rc" -eq "$json_rc" ]
check "the heading names the blueprint" bash -c "head -1 '$tmp/out' | grep -q 'Kit du mandat'"
check "one line per finding" [ "$(grep -c '^  [a-z]' "$tmp/out")" -eq "$n_findings" ]
check "the summary line counts them" bash -c "tail -1 '$tmp/out' | grep -q '^1 blueprint checked: $errors error'"
check "a line shows the check's id" grep -q 'fail-mitigation' "$tmp/out"
check "checking writes nothing to the archive" [ "$(digest "$A")" = "$before" ]

# An error: the demo's loop arrow no longer says it is a loop, so it goes
# back in time unannounced. Exit 1, for a script.
python3 - "$A" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 0
for item, payload in db.execute("SELECT id, payload FROM items").fetchall():
    try:
        p = json.loads(payload or "{}")
    except ValueError:
        continue
    if p.get("loop") is True:
        p["loop"] = False
        db.execute("UPDATE items SET payload = ? WHERE id = ?", (json.dumps(p, ensure_ascii=False), item))
        n += 1
db.commit()
assert n == 1, n
PY
run "$A" blueprint check "$demo" --json
check "an error: exit 1" [ "$rc" -eq 1 ]
json_rc=$rc
check "an error: valid JSON still" valid_json
check "an error: counted" [ "$(json 'd["counts"]["error"]')" -ge 1 ]
check "an error: the backward arrow is found" [ "$(json 'any(f["check"]=="arrow-backward" and f["severity"]=="error" for f in d["blueprints"][0]["findings"])')" = "True" ]
check "an error: errors come first" [ "$(json 'd["blueprints"][0]["findings"][0]["severity"]')" = "error" ]
errors=$(json 'd["counts"]["error"]')
n_findings=$(json 'len(d["blueprints"][0]["findings"])')
run "$A" blueprint check "$demo"
check "an error, as text: exit 1" [ "$rc" -eq 1 ]
check "an error, as text: its line" grep -q '^  error  *arrow-backward' "$tmp/out"
check "an error, as text: the summary counts it" bash -c "tail -1 '$tmp/out' | grep -q 'checked: $errors error'"

# --board by name, any case, or by id.
run "$A" blueprint check "$demo" --json --board "$board_id"
check "--board ID: exit as before" [ "$rc" -eq "$json_rc" ]
check "--board ID: that blueprint" [ "$(json 'd["blueprints"][0]["board_id"]')" = "$board_id" ]
name=$(json 'd["blueprints"][0]["name"]')
upper=$(python3 -c "import sys; print(sys.argv[1].upper())" "$name")
run "$A" blueprint check "$demo" --board="$upper" --json
check "--board=NAME ignores case" [ "$(json 'd["blueprints"][0]["board_id"]')" = "$board_id" ]
run "$A" blueprint check "$demo" --board "Pas de plan"
check "an unknown board: exit 2" [ "$rc" -eq 2 ]
check "an unknown board: one line" one_line_error
check "an unknown board: the message names the blueprints" grep -q 'Kit du mandat' "$tmp/err"
run "$A" blueprint check "$demo" --board "Insights de la résidence"
check "a board that is not a blueprint: exit 2" [ "$rc" -eq 2 ]
check "a board that is not a blueprint: one line" one_line_error

# Silencing every finding of a card (a reason in the card's payload, as
# the panel writes it): exit 0 when no error is left, and the findings are
# marked, not dropped.
run "$A" blueprint check "$demo" --json
cp "$tmp/out" "$tmp/before.json"
silenceable=$(json 'sum(1 for b in d["blueprints"] for f in b["findings"] if f["items"] and f["silenced"] is None)')
python3 - "$A" "$tmp/before.json" <<'PY'
import json, sqlite3, sys
archive, report = sys.argv[1], json.load(open(sys.argv[2]))
db = sqlite3.connect(archive)
for b in report["blueprints"]:
    for f in b["findings"]:
        if f["silenced"] is not None:
            continue
        for item in f["items"]:
            row = db.execute("SELECT payload FROM items WHERE id = ?", (item,)).fetchone()
            payload = json.loads(row[0] or "{}")
            payload.setdefault("silenced", {})[f["check"]] = "Accepté en atelier"
            db.execute("UPDATE items SET payload = ? WHERE id = ?", (json.dumps(payload, ensure_ascii=False), item))
db.commit()
db.close()
PY
run "$A" blueprint check "$demo" --json
check "silenced: the same findings" [ "$(json 'len(d["blueprints"][0]["findings"])')" = "$n_findings" ]
check "silenced: they are counted as such" [ "$(json 'd["counts"]["silenced"]')" -ge "$silenceable" ]
check "silenced: the reason is kept" [ "$(json 'sum(1 for f in d["blueprints"][0]["findings"] if f["silenced"] == "Accepté en atelier")')" -ge "$silenceable" ]
left=$(json 'd["counts"]["error"]')
if [ "$left" -eq 0 ]; then
  check "no error left: exit 0" [ "$rc" -eq 0 ]
else
  check "errors left: exit 1" [ "$rc" -eq 1 ]
fi
run "$A" blueprint check "$demo"
check "text: silenced findings are marked" grep -q '^  silenced .*\[silenced: Accepté en atelier\]' "$tmp/out"

# An experiment without blueprints: nothing to check is not an error.
run "$A" new "Sans plan de service"
plain=$out
run "$A" blueprint check "$plain"
check "no blueprint: exit 0" [ "$rc" -eq 0 ]
check "no blueprint: says so" grep -q 'no blueprint' "$tmp/out"
run "$A" blueprint check "$plain" --json
check "no blueprint: --json exits 0" [ "$rc" -eq 0 ]
check "no blueprint: an empty list" [ "$(json 'd["blueprints"]')" = "[]" ]
check "no blueprint: zero counts" [ "$(json 'sum(d["counts"].values())')" = "0" ]
run "$A" blueprint check "$plain" --board "Kit du mandat régional"
check "no blueprint, --board: exit 2" [ "$rc" -eq 2 ]
check "no blueprint, --board: one line" one_line_error

# Usage errors: exit 2, one line, nothing opened.
run "$A" blueprint check 424242
check "an unknown experiment: exit 2" [ "$rc" -eq 2 ]
check "an unknown experiment: one line" one_line_error
run "$A" blueprint check douze
check "not an id: exit 2" [ "$rc" -eq 2 ]
check "not an id: one line" one_line_error
run "$A" blueprint check
check "no experiment: exit 2" [ "$rc" -eq 2 ]
check "no experiment: one line" one_line_error
run "$A" blueprint check "$demo" "$plain"
check "two experiments: exit 2" [ "$rc" -eq 2 ]
run "$A" blueprint check "$demo" --paper a3
check "an unknown option: exit 2" [ "$rc" -eq 2 ]
check "an unknown option: the reason, then the usage" \
  bash -c "head -1 '$tmp/err' | grep -q '^transfo: .*--paper' && grep -q 'blueprint check EXPERIMENT' '$tmp/err'"
run "$A" blueprint check "$demo" --board
check "--board without a value: exit 2" [ "$rc" -eq 2 ]
run "$A" blueprint
check "no action: exit 2" [ "$rc" -eq 2 ]
check "no action: one line" one_line_error
run "$A" blueprint lint "$demo"
check "an unknown action: exit 2" [ "$rc" -eq 2 ]
check "an unknown action: one line" one_line_error

finish
