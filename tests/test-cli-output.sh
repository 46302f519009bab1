#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The files the command line writes (`export`, `export-insights`,
# `stamps sheet`): never the archive nor one of its companions, whatever the
# spelling; another SQLite database only with --force; an existing file keeps
# its mode, owner, symlink and hard links; a device stays a device; a pipe is
# refused without blocking.
set -u

. "$(dirname "$0")/cli-test-lib.sh" "$@"

# run ARGS...: sets $out, $err, $rc; never waits more than 20 s
run () {
  timeout 20 "$TRANSFO" --archive "$A" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

refused () { [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [[ "$err" == transfo:*"$1"* ]]; }
digest () { sha256sum "$1" | cut -d' ' -f1; }
is_pdf () { [ "$(head -c 5 "$1")" = "%PDF-" ]; }
is_sqlite () { [ "$(head -c 15 "$1")" = "SQLite format 3" ]; }
# Hidden temporary files anywhere under $tmp.
temporaries () { find "$tmp" -name '*.transfo-tmp-*' -o -name '.*.??????' | wc -l; }

mkdir -p "$tmp/a" "$tmp/o"
A="$tmp/a/archive.sqlite"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
id=$("$TRANSFO" --archive "$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"][0]["id"])')
listing=$("$TRANSFO" --archive "$A" list)

# The commands that write a file, each with -o last.
commands=(
  "export $id --format pdf -o"
  "export $id --format png -o"
  "export $id --format svg -o"
  "export-insights $id -o"
  "stamps sheet -o"
)

archive_intact () {
  is_sqlite "$A" && [ "$("$TRANSFO" --archive "$A" list 2>/dev/null)" = "$listing" ]
}

# --- The archive itself, whatever the spelling ---------------------------
# Said first, whatever else is missing: with no --format, the archive's
# name ends in neither .pdf, .png nor .svg.
run export 1 -o "$A"
check "export 1 -o ARCHIVE (no --format): refused as the archive first" refused "is the archive itself"
ln -s "$A" "$tmp/o/link.sqlite"
ln -s ../a/archive.sqlite "$tmp/o/relative-link.pdf"
ln "$A" "$tmp/o/hard.pdf"
for command in "${commands[@]}"; do
  read -ra words <<<"$command"
  before=$(digest "$A")
  for target in "$A" "$tmp/o/link.sqlite" "$tmp/o/relative-link.pdf" "$tmp/o/hard.pdf" \
                "$tmp/a/../a/./archive.sqlite"; do
    run "${words[@]}" "$target"
    check "$command over the archive as $target: refused" refused "is the archive itself"
    check "$command over $target: even with --force" \
      bash -c '"$1" --archive "$2" "${@:4}" "$3" --force 2>&1 | grep -q "archive itself"' \
      _ "$TRANSFO" "$A" "$target" "${words[@]}"
  done
  # A relative path, from the archive's folder.
  (cd "$tmp/a" && timeout 20 "$TRANSFO" --archive "$A" "${words[@]}" archive.sqlite >"$tmp/out" 2>"$tmp/err")
  rc=$?
  err=$(cat "$tmp/err")
  check "$command -o archive.sqlite (relative): refused" refused "is the archive itself"
  check "$command: the archive is untouched" [ "$(digest "$A")" = "$before" ]
  check "$command: the archive still reads" archive_intact
  check "$command: the hard link is still the archive" [ "$(stat -c %i "$A")" = "$(stat -c %i "$tmp/o/hard.pdf")" ]
  check "$command: the symlink is still a symlink" [ -L "$tmp/o/link.sqlite" ]

  # Its companions, existing or not.
  for suffix in -wal -shm .lock; do
    existed=no
    [ -e "$A$suffix" ] && existed=yes
    run "${words[@]}" "$A$suffix"
    check "$command over the archive's $suffix: refused" refused "is the archive’s “$suffix” file"
    (cd "$tmp/o" && timeout 20 "$TRANSFO" --archive "$A" "${words[@]}" "../a/archive.sqlite$suffix" >"$tmp/out" 2>"$tmp/err")
    rc=$?
    err=$(cat "$tmp/err")
    check "$command over ../a/archive.sqlite$suffix: refused" refused "“$suffix” file"
    if [ "$existed" = no ]; then
      check "$command: no $suffix created" [ ! -e "$A$suffix" ]
    fi
  done
  # A companion not there yet, through a symlink to where it would be.
  rm -f "$tmp/o/future"
  ln -s "$tmp/a/archive.sqlite-journal-not" "$tmp/o/future"
  run "${words[@]}" "$tmp/o/future"
  check "$command through a symlink to a free name: allowed" [ "$rc" -eq 0 ]
  rm -f "$tmp/o/future" "$tmp/a/archive.sqlite-journal-not"
done
# A companion that does not exist yet, named through a symlinked folder.
ln -s "$tmp/a" "$tmp/o/archive-folder"
rm -f "$A.lock.absent-test"
if [ ! -e "$A-shm" ]; then
  run export-insights "$id" -o "$tmp/o/archive-folder/archive.sqlite-shm"
  check "a missing -shm through a symlinked folder: refused" refused "“-shm” file"
  check "a missing -shm: not created" [ ! -e "$A-shm" ]
fi
# The same archive opened through a symlink: its real name is refused too.
ln -s "$A" "$tmp/o/alias.sqlite"
timeout 20 "$TRANSFO" --archive "$tmp/o/alias.sqlite" export-insights "$id" -o "$A" >"$tmp/out" 2>"$tmp/err"
rc=$?
err=$(cat "$tmp/err")
check "archive opened through a symlink, its real path: refused" refused "is the archive itself"
check "the archive still reads after all refusals" archive_intact

# The rest writes through a second archive of its own: what it checks does
# not depend on the refusals above.
mkdir -p "$tmp/b"
A="$tmp/b/archive.sqlite"
"$TRANSFO" --archive "$A" demo >/dev/null 2>&1
id=$("$TRANSFO" --archive "$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["experiments"][0]["id"])')
listing=$("$TRANSFO" --archive "$A" list)

# --- Another SQLite database: only with --force ----------------------------
for command in "export $id --format pdf -o" "export-insights $id -o" "stamps sheet -o"; do
  read -ra words <<<"$command"
  cp "$A" "$tmp/o/other.sqlite"
  before=$(digest "$tmp/o/other.sqlite")
  run "${words[@]}" "$tmp/o/other.sqlite"
  check "$command over another database: refused" refused "is an SQLite database"
  check "$command: the refusal names --force" refused "--force"
  check "$command: the database is untouched" [ "$(digest "$tmp/o/other.sqlite")" = "$before" ]
  run "${words[@]}" "$tmp/o/other.sqlite" --force
  check "$command --force: replaced" [ "$rc" -eq 0 ]
  check "$command --force: no longer a database" bash -c '! head -c 15 "$1" | grep -q "SQLite format 3"' _ "$tmp/o/other.sqlite"
  rm -f "$tmp/o/other.sqlite"
done
run export "$id" --format pdf -o "$tmp/o/new.pdf" --force
check "--force on a new file: fine" [ "$rc" -eq 0 ]

# --- An existing file keeps what the user set on it -------------------------
for command in "export $id --format pdf -o" "export-insights $id -o" "stamps sheet -o"; do
  read -ra words <<<"$command"
  f="$tmp/o/kept"
  rm -f "$f"
  echo "old" >"$f"
  chmod 600 "$f"
  run "${words[@]}" "$f"
  check "$command over a 0600 file: written" [ "$rc" -eq 0 ]
  check "$command over a 0600 file: still 0600" [ "$(stat -c %a "$f")" = 600 ]
  check "$command over a 0600 file: new content" [ "$(cat "$f")" != old ]
  chmod 640 "$f"
  run "${words[@]}" "$f"
  check "$command over a 0640 file: still 0640" [ "$(stat -c %a "$f")" = 640 ]

  if [ "$(id -u)" -eq 0 ]; then
    echo "old" >"$f"
    chown 4242:4343 "$f"
    chmod 640 "$f"
    run "${words[@]}" "$f"
    check "$command over another user's file (as root): owner kept" [ "$(stat -c %u:%g "$f")" = 4242:4343 ]
    check "$command over another user's file: mode kept" [ "$(stat -c %a "$f")" = 640 ]
    check "$command over another user's file: new content" [ "$(cat "$f")" != old ]
  fi

  # A symlink stays a symlink; its target gets the new content.
  mkdir -p "$tmp/o/real"
  rm -f "$tmp/o/link" "$tmp/o/real/file"
  echo "old" >"$tmp/o/real/file"
  chmod 600 "$tmp/o/real/file"
  ln -s real/file "$tmp/o/link"
  run "${words[@]}" "$tmp/o/link"
  check "$command through a symlink: written" [ "$rc" -eq 0 ]
  check "$command through a symlink: the symlink stays" [ -L "$tmp/o/link" ]
  check "$command through a symlink: it still points to its file" [ "$(readlink "$tmp/o/link")" = real/file ]
  check "$command through a symlink: the file has the new content" [ "$(cat "$tmp/o/real/file")" != old ]
  check "$command through a symlink: the file keeps its mode" [ "$(stat -c %a "$tmp/o/real/file")" = 600 ]
  # A symlink to a file not there yet: the file is made, the symlink stays.
  rm -f "$tmp/o/dangling" "$tmp/o/real/new"
  ln -s real/new "$tmp/o/dangling"
  run "${words[@]}" "$tmp/o/dangling"
  check "$command through a dangling symlink: the symlink stays" [ -L "$tmp/o/dangling" ]
  check "$command through a dangling symlink: its file is made" [ -s "$tmp/o/real/new" ]

  # Hard links stay linked: the same inode, both names show the new content.
  rm -f "$tmp/o/h1" "$tmp/o/h2"
  echo "old" >"$tmp/o/h1"
  chmod 600 "$tmp/o/h1"
  ln "$tmp/o/h1" "$tmp/o/h2"
  inode=$(stat -c %i "$tmp/o/h1")
  run "${words[@]}" "$tmp/o/h2"
  check "$command over a hard link: written" [ "$rc" -eq 0 ]
  check "$command over a hard link: the same inode" [ "$(stat -c %i "$tmp/o/h2")" = "$inode" ]
  check "$command over a hard link: still two links" [ "$(stat -c %h "$tmp/o/h1")" = 2 ]
  check "$command over a hard link: both names show the new content" cmp -s "$tmp/o/h1" "$tmp/o/h2"
  check "$command over a hard link: new content" [ "$(head -c 3 "$tmp/o/h1")" != old ]
  check "$command over a hard link: mode kept" [ "$(stat -c %a "$tmp/o/h1")" = 600 ]
done

# New files: 0644 as the umask allows, never wider.
rm -f "$tmp/o/umask.pdf" "$tmp/o/umask.csv"
(umask 077 && "$TRANSFO" --archive "$A" export "$id" -o "$tmp/o/umask.pdf" >/dev/null 2>&1)
check "a new file under umask 077: 0600" [ "$(stat -c %a "$tmp/o/umask.pdf")" = 600 ]
(umask 022 && "$TRANSFO" --archive "$A" export-insights "$id" -o "$tmp/o/umask.csv" >/dev/null 2>&1)
check "a new file under umask 022: 0644" [ "$(stat -c %a "$tmp/o/umask.csv")" = 644 ]

# --- Devices, pipes, folders ---------------------------------------------------
# A character device like /dev/null: written directly, never replaced. As
# root, only on a node of our own (a Transfo that replaced the device would
# break the machine's /dev/null); otherwise /dev/null itself.
null=/dev/null
if [ "$(id -u)" -eq 0 ]; then
  null=
  if mknod "$tmp/o/null" c 1 3 2>/dev/null && echo x >"$tmp/o/null" 2>/dev/null; then
    null="$tmp/o/null"
  fi
fi
for command in "export $id --format pdf -o" "export $id --format png -o" "export-insights $id -o" "stamps sheet -o"; do
  [ -n "$null" ] || break
  read -ra words <<<"$command"
  run "${words[@]}" "$null"
  check "$command -o $null: written" [ "$rc" -eq 0 ]
  check "$command -o $null: still a character device" [ -c "$null" ]
done
# /dev/full in the same way: its error is said, it stays a device.
full=
if [ "$(id -u)" -ne 0 ]; then
  [ -w /dev/full ] && full=/dev/full
elif mknod "$tmp/o/full" c 1 7 2>/dev/null && ! echo x 2>/dev/null >"$tmp/o/full"; then
  full="$tmp/o/full"
fi
if [ -n "$full" ]; then
  run export-insights "$id" -o "$full"
  check "export-insights -o $full: the device's error" refused "No space left"
  check "$full is still a character device" [ -c "$full" ]
fi

mkfifo "$tmp/o/fifo"
for command in "${commands[@]}"; do
  read -ra words <<<"$command"
  start=$(date +%s)
  run "${words[@]}" "$tmp/o/fifo"
  check "$command -o FIFO: refused at once (not blocked)" [ "$rc" -ne 124 ]
  check "$command -o FIFO: says it is a pipe" refused "named pipe"
  check "$command -o FIFO: still a pipe" [ -p "$tmp/o/fifo" ]
  run "${words[@]}" "$tmp/o/real"
  check "$command -o FOLDER: refused" refused "is a folder"
done
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$tmp/o/socket"
run export-insights "$id" -o "$tmp/o/socket"
check "export-insights -o SOCKET: refused" refused "socket"
check "the socket is still a socket" [ -S "$tmp/o/socket" ]

check "no temporary file anywhere" [ "$(temporaries)" -eq 0 ]
check "the archive still reads at the end" archive_intact

finish
