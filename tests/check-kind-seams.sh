#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Counts the places that compare an item kind's or a board kind's identity
# outside the kind's own files. A board kind is a folder that registers
# itself (docs/architecture.md): the generic layers (core/, canvas/,
# exports/, cli/, bench/ and gui/ outside its wing folders) never name a
# kind, and a wing names only its own kinds. Exits non-zero when any is left.
#
#   tests/check-kind-seams.sh [SOURCE_ROOT] [-v]
#
# What counts as naming a kind:
#   &tf_note_kind, tf_zone_kind…      a kind's table
#   "note", 'zone'… next to kind      a kind's id in C or SQL
#   TF_BOARD_INSIGHT_WALL…            a board kind's enum value
#   "insight-wall", 'actor-map'…      a board kind's id

root=${1:-$(dirname "$0")/..}
verbose=${2:-}
cd "$root" || exit 2

# Which kinds each folder owns. A file may name the kinds of its own folder.
# Generic folders own none.
owner_of () {
  case "$1" in
    insights/*|gui/insights/*) echo "note insight-wall" ;;
    stamps/*|gui/actors/*) echo "stamp link pool legend actor-map" ;;
    blueprints/*|gui/blueprints/*) echo "blueprint lane step card" ;;
    mockups/*|gui/mockups/*) echo "mockup photo callout" ;;
    room/*|gui/room/*) echo "" ;;
    canvas/tf-zone-kind.[ch]) echo "zone" ;;
    canvas/tf-label-kind.[ch]) echo "label" ;;
    *) echo "" ;;
  esac
}

item_kinds="note label zone stamp link pool legend"
board_kinds="insight-wall actor-map blueprint mockup"

total=0
files=$(find core canvas insights stamps exports cli gui bench blueprints mockups room \
             -name '*.[ch]' 2>/dev/null | sort)
hits_file=$(mktemp)
trap 'rm -f "$hits_file"' EXIT
for k in $item_kinds $board_kinds; do
  sym=$(echo "$k" | tr '-' '_')
  enum=$(echo "TF_BOARD_$sym" | tr 'a-z' 'A-Z')
  # A kind's table, a kind id compared in C or SQL, a board kind's enum
  # value or id; comments and JSON member names are not comparisons.
  grep -nE "tf_${sym}_kind\b|kind[a-z_]*( ->id)?[^;]{0,20}(==|!=|=|<>)[ ]*['\"]${k}['\"]|\
kind_id[^;]{0,3}, ['\"]${k}['\"]|['\"]${k}['\"][^;]{0,3}, [a-z_>.-]*kind|\
\b${enum}\b|kind[a-z_]*_to_id \(${enum}|\(['\"]${k}['\"]\)|, ['\"]${k}['\"]\)" $files 2>/dev/null |
    grep -v "^[^:]*:[0-9]*: *\(/\*\| \*\)" | grep -v "_member" |
    while IFS= read -r hit; do
      f=${hit%%:*}
      case " $(owner_of "$f") " in *" $k "*) continue ;; esac
      echo "$f: [$k] ${hit#*:}"
    done >> "$hits_file"
done
total=$(wc -l < "$hits_file")
if [ "$verbose" = "-v" ]; then
  cat "$hits_file"
fi

echo "kind-identity comparisons outside the kinds' own files: $total"
[ "$total" -eq 0 ]
