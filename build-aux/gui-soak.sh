#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the GUI test suite N times in a row and counts the failures: the
# proof that the GUI tests do not fail at random. Run it while the machine
# is busy (another build, for instance `nice -n 19 ninja -C build-asan`).
#
#   build-aux/gui-soak.sh [BUILD-DIR] [N] [--asan] [--no-bus]
#
# Each run has its own X server (xvfb-run -a) and, unless --no-bus, its own
# session bus (dbus-run-session), as on a desktop. Exit status 0 only when
# every run passed.

set -u
cd "$(dirname "$0")/.."

build=build
runs=10
setup=()
bus=(dbus-run-session --)
for arg in "$@"; do
  case $arg in
    --asan) setup=(--setup=asan) ;;
    --no-bus) bus=() ;;
    [0-9]*) runs=$arg ;;
    *) build=$arg ;;
  esac
done

command -v xvfb-run >/dev/null || { echo "xvfb-run is not installed" >&2; exit 1; }
[ ${#bus[@]} -eq 0 ] || command -v dbus-run-session >/dev/null ||
  { echo "dbus-run-session is not installed (or use --no-bus)" >&2; exit 1; }

passed=0
failed=0
for i in $(seq "$runs"); do
  if "${bus[@]}" xvfb-run -a -s "-screen 0 1280x1024x24" \
       meson test -C "$build" "${setup[@]}" --suite gui --no-rebuild --print-errorlogs \
       --logbase "gui-soak-$i" >"$build/meson-logs/gui-soak-$i.out" 2>&1; then
    passed=$((passed + 1))
    echo "run $i: ok"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED (see $build/meson-logs/gui-soak-$i.out)"
    grep -E "^ *[0-9]+/[0-9]+ .* (FAIL|ERROR|TIMEOUT)" "$build/meson-logs/gui-soak-$i.out"
  fi
done

echo "$runs runs of the GUI suite in $build: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
