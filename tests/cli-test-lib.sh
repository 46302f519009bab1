# SPDX-License-Identifier: GPL-3.0-or-later
# What the command-line test scripts share. Source it right after `set -u`:
#   . "$(dirname "$0")/cli-test-lib.sh" "$@"
# It takes the transfo binary from the first argument ($TRANSFO), runs with no
# display, gives a temporary folder ($tmp, removed at exit), and counts
# checks: ok, not_ok, check WHAT COMMAND…, then finish at the end.

TRANSFO=${1:?usage: ${0##*/} PATH-TO-TRANSFO}
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# python3 is $TRANSFO_TEST_PYTHON when set (tests/meson.build), for the
# script and the shells it starts; in a folder of its own, as tests list
# what is left in $tmp.
if [ -n "${TRANSFO_TEST_PYTHON:-}" ]; then
  python_dir=$(mktemp -d)
  trap 'rm -rf "$tmp" "$python_dir"' EXIT
  ln -s "$TRANSFO_TEST_PYTHON" "$python_dir/python3" && PATH="$python_dir:$PATH"
fi
pass=0
failed=0

ok () { pass=$((pass + 1)); echo "ok - $1"; }
not_ok () { failed=$((failed + 1)); echo "not ok - $1"; }
check () { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }

# The TAP plan and the count; the script's exit status.
finish () {
  echo "1..$((pass + failed))"
  echo "# $pass passed, $failed failed"
  [ "$failed" -eq 0 ]
}
