#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line's manners (#17, point 16): every command and subcommand
# answers --help (its usage on stdout, exit 0); an option a command does not
# take prints the usage on stderr and exits 2, the window's included; --board
# takes a unique part of a name, accents and case aside, and lists the
# candidates when several match.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

A="$tmp/archive.sqlite"

# run ARGS...: sets $rc, with stdout in $tmp/out and stderr in $tmp/err
run () {
  "$TRANSFO" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# Every command and subcommand, as `transfo --help` lists them.
"$TRANSFO" --help >"$tmp/help"
mapfile -t commands < <(grep -E '^  [a-z]' "$tmp/help" |
                        sed -E 's/^  ([a-z-]+)( ([a-z]+))?( .*|$)/\1 \3/; s/ $//' | sort -u)
# The bare name of each command that has subcommands answers too.
mapfile -t parents < <(printf '%s\n' "${commands[@]}" | awk 'NF == 2 { print $1 }' | sort -u)
commands+=("${parents[@]}")
check "the help lists the commands and subcommands (${#commands[@]})" [ "${#commands[@]}" -ge 30 ]
for expected in "list" "stamps import" "bundle show" "regional withdraw" "room serve" "export" "photo place"; do
  check "the help lists “$expected”" bash -c "printf '%s\n' \"\$@\" | grep -qx '$expected'" _ "${commands[@]}"
done

for command in "${commands[@]}"; do
  read -r -a words <<<"$command"
  for flag in --help -h; do
    run --archive "$A" "${words[@]}" "$flag"
    check "transfo $command $flag exits 0" [ "$rc" -eq 0 ]
    check "transfo $command $flag prints its usage on stdout" \
      bash -c "head -1 '$tmp/out' | grep -qx 'Usage:' && grep -qF 'transfo [--archive PATH] $command' '$tmp/out'"
    check "transfo $command $flag says nothing on stderr" [ ! -s "$tmp/err" ]
  done
  # After other arguments too.
  run --archive "$A" "${words[@]}" 1 --help
  check "transfo $command 1 --help exits 0" [ "$rc" -eq 0 ]

  run --archive "$A" "${words[@]}" --foo
  check "transfo $command --foo exits 2" [ "$rc" -eq 2 ]
  check "transfo $command --foo prints the usage on stderr" \
    bash -c "head -1 '$tmp/err' | grep -q '^transfo: .*--foo' && grep -qx 'Usage:' '$tmp/err' && grep -qF 'transfo [--archive PATH] ${words[0]}' '$tmp/err'"
  check "transfo $command --foo prints nothing on stdout" [ ! -s "$tmp/out" ]
done
check "no command created the archive" [ ! -e "$A" ]

# A subcommand's help shows its own lines only.
run stamps import --help
check "stamps import --help shows stamps import" grep -qF 'stamps import FILE.svg' "$tmp/out"
check "stamps import --help leaves out stamps sheet" bash -c "! grep -q 'stamps sheet' '$tmp/out'"
run stamps --help
check "stamps --help shows every stamps subcommand" \
  bash -c "grep -q 'stamps list' '$tmp/out' && grep -q 'stamps import' '$tmp/out' && grep -q 'stamps sheet' '$tmp/out'"
# After "--", --help is an argument.
run --archive "$A" search -- --help
check "search -- --help searches for “--help”" [ "$rc" -ne 0 ] && ! grep -qx 'Usage:' "$tmp/out"

# The window refuses what it does not take, with no display needed.
for option in --foo --foo=1 -x --board; do
  run --archive "$A" "$option"
  check "transfo $option exits 2" [ "$rc" -eq 2 ]
  check "transfo $option prints the usage on stderr" \
    bash -c "grep -qF -- 'Unknown option $option' '$tmp/err' && grep -qF 'Usage: transfo' '$tmp/err'"
done

# --board: a unique prefix or part of a name, accents and case aside.
run --archive "$A" demo
check "demo" [ "$rc" -eq 0 ]
id=$(cat "$tmp/out")
printf 'quote\nUn\n' >"$tmp/one.csv"
for board in "Qui travaille avec qui" "Quinzaine des métiers"; do
  run --archive "$A" import-insights "$id" "$tmp/one.csv" --board "$board"
  check "a wall named “$board”" [ "$rc" -eq 0 ]
done
for query in "qui trav" "QUI TRAVAILLE" "travaille avec" "qui travaille avec qui"; do
  run --archive "$A" export "$id" --board "$query" --format svg -o "$tmp/q.svg" --force
  check "--board “$query” finds “Qui travaille avec qui”" bash -c "[ $rc -eq 0 ] && grep -q 'Un' '$tmp/q.svg'"
done
for query in "reseau" "RÉSEAU DES" "des elus"; do
  run --archive "$A" export "$id" --board "$query" --format svg -o "$tmp/r.svg" --force
  check "--board “$query” finds “Réseau des élus”" [ "$rc" -eq 0 ]
done
run --archive "$A" export "$id" --board "qui" --format svg -o "$tmp/a.svg"
check "--board qui is ambiguous: exit 2" [ "$rc" -eq 2 ]
check "--board qui lists the two candidates, one a line" \
  bash -c "[ \$(grep -c '^  ' '$tmp/err') -eq 2 ] && grep -q '^  Qui travaille avec qui (' '$tmp/err' && grep -q '^  Quinzaine des métiers (' '$tmp/err'"
check "an ambiguous --board writes nothing" [ ! -e "$tmp/a.svg" ]
run --archive "$A" export "$id" --board "zzz" --format svg -o "$tmp/z.svg"
check "--board zzz matches nothing: exit 1, the boards named" bash -c "[ $rc -eq 1 ] && grep -q 'Réseau des élus' '$tmp/err'"
run --archive "$A" blueprint check "$id" --board "kit du"
check "blueprint check --board “kit du” finds the blueprint" bash -c "[ $rc -ne 2 ] && ! grep -q 'no blueprint' '$tmp/err'"

finish
