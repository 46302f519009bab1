#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "transfo regional" end to end, with no display, against a real
# PostgreSQL that tf-pg-run started for this script ($TRANSFO_TEST_PG_HOST,
# its socket's folder; psql in $TRANSFO_TEST_PG_BINDIR): --help of each
# command; init (again: up to date); two departments on two archives, one
# publishes the demo, the other finds it (text and --json) and fetches it;
# refusals in one line with a non-zero exit (no regional archive given, a
# server that cannot be reached, a schema not made yet, replacing or
# withdrawing another department's experiment, a withdrawn one fetched,
# bad arguments); withdraw.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

host=${TRANSFO_TEST_PG_HOST:?run by tf-pg-run}
psql () { "$TRANSFO_TEST_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$host" -U postgres "$@"; }
region () { echo "host=$host dbname=region user=$1"; }
unset TRANSFO_REGIONAL

run () {
  local archive=$1; shift
  timeout 60 "$TRANSFO" --archive "$archive" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}
one_line_error () { [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:* ]]; }
refused () {  # WHAT STATUS PATTERN: the last run exited STATUS with one line matching PATTERN
  check "$1: exit $2" [ "$rc" -eq "$2" ]
  check "$1: one line that says so" bash -c "[ \"\$(wc -l <'$tmp/err')\" -eq 1 ] && grep -q -- '$3' '$tmp/err'"
}

A="$tmp/a/archive.sqlite"
B="$tmp/b/archive.sqlite"
mkdir -p "$tmp/a" "$tmp/b"

for command in init publish search fetch withdraw; do
  run "$A" regional $command --help
  check "regional $command --help exits 0" [ "$rc" -eq 0 ]
  check "regional $command --help gives its usage" grep -q "^  transfo .*regional $command" "$tmp/out"
done
run "$A" --help
check "--help lists regional search" grep -q 'regional search QUERY' "$tmp/out"

run "$A" regional search cantine
refused "no regional archive given" 2 'TRANSFO_REGIONAL'
run "$A" --regional "host=$tmp/nowhere dbname=region" regional search cantine
refused "a server that cannot be reached" 1 'cannot be reached'

psql -d postgres -c 'CREATE DATABASE region'
run "$A" --regional "$(region postgres)" regional search cantine
refused "not initialised" 1 'regional init'
run "$A" --regional "$(region postgres)" regional init
check "init exits 0" [ "$rc" -eq 0 ]
check "init says the version" grep -q 'now at version [0-9]* (it was at 0)' "$tmp/out"
run "$A" --regional "$(region postgres)" regional init
check "init again: up to date" bash -c "[ $rc -eq 0 ] && grep -q 'up to date' '$tmp/out'"

# Departments as docs/regional-archive.md says.
psql -d region -c 'CREATE ROLE lycees LOGIN IN ROLE transfo_department;
                   CREATE ROLE culture LOGIN IN ROLE transfo_department;'

run "$A" demo
demo=$out
run "$A" --regional "$(region lycees)" regional publish "$demo" --drop-unconsented
check "publish exits 0" [ "$rc" -eq 0 ]
check "publish says the region's id and version 1" grep -q 'Published as experiment [0-9]* of the region, version 1' "$tmp/out"
id=$(sed -n 's/^Published as experiment \([0-9]*\) .*/\1/p' "$tmp/out")
# Given through the environment, as a laptop configured once would.
TRANSFO_REGIONAL="$(region lycees)" run "$A" regional publish "$demo"
check "publish again: version 2" grep -q "Published as experiment $id of the region, version 2" "$tmp/out"

run "$B" --regional "$(region culture)" regional search 'élus réunion'
check "search exits 0" [ "$rc" -eq 0 ]
check "the other department finds it (text)" grep -q "^ *$id  .*Nord-Pas de Calais.*lycees.* v2$" "$tmp/out"
run "$B" --regional "$(region culture)" regional search 'elu' --json
check "search --json exits 0" [ "$rc" -eq 0 ]
check "search --json gives the id, publisher and version" python3 -c "
import json, sys
hits = json.load(open('$tmp/out'))['results']
sys.exit(not any(h['id'] == $id and h['publisher'] == 'lycees' and h['version'] == 2 for h in hits))"
run "$B" --regional "$(region culture)" regional search 'elu' --department culture
check "a department filter leaves it out" bash -c "[ $rc -eq 0 ] && grep -q 'Nothing in the region matches' '$tmp/out'"
run "$B" --regional "$(region culture)" regional search 'elu' --phase nope
refused "a phase that is none" 2 'not a phase'

run "$B" demo
run "$B" list
before=$(wc -l <"$tmp/out")
run "$B" --regional "$(region culture)" regional fetch "$id"
check "fetch exits 0" [ "$rc" -eq 0 ]
run "$B" list
check "the fetched experiment is in the other archive" bash -c "[ \$(wc -l <'$tmp/out') -eq $((before + 1)) ]"

# Not theirs to replace nor withdraw; the database says no.
run "$A" --regional "$(region culture)" regional publish "$demo"
refused "publishing over another department's experiment" 1 'published by another department'
run "$B" --regional "$(region culture)" regional withdraw "$id"
refused "withdrawing another department's experiment" 1 'only that department or an administrator'
run "$B" --regional "$(region culture)" regional fetch abc
refused "an id that is not a number" 2 'not an experiment id'
run "$A" --regional "$(region lycees)" regional publish
refused "publish without an experiment" 2 'needs an experiment id'

run "$A" --regional "$(region lycees)" regional withdraw "$id"
check "withdraw exits 0" [ "$rc" -eq 0 ]
check "withdraw says so" grep -q "Experiment $id was withdrawn from the region" "$tmp/out"
run "$B" --regional "$(region culture)" regional fetch "$id"
refused "a withdrawn experiment cannot be fetched" 1 "no experiment $id"
run "$B" --regional "$(region culture)" regional search 'elu'
check "a withdrawn experiment is not found" grep -q 'Nothing in the region matches' "$tmp/out"
check "no version is left" [ "$(psql -d region -Atc 'SELECT count(*) FROM transfo.versions')" = 0 ]

finish
