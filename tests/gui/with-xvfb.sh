#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one GUI test (the command line given) on an X server of its own, so
# that GUI tests run in parallel: keys sent with xdotool, the focus, the
# pointer and the screen belong to one test only. Xvfb picks a free display
# itself (-displayfd) and tells it once it accepts connections: no race with
# another test's server, no fixed wait. TF_XVFB_SCREEN sets its screen
# (1280x1024x24 unless said). Without Xvfb the test runs on the
# display it was given (meson.build then runs the GUI tests one at a time).
#
# And on a session bus of its own (dbus-run-session), as on a desktop,
# unless TF_TEST_NO_SESSION_BUS is set (the sanitized build, whose
# LeakSanitizer reports what a session bus wakes in GTK's libraries). With
# accessibility on (the normal build), GTK exports every widget to the
# screen readers' bus (AT-SPI), which the session bus starts when GTK asks
# for it. A bus of its own: no test exports its application onto another's
# bus or a developer's desktop.
if [ -z "${TF_TEST_NO_SESSION_BUS:-}" ] && [ -z "${TF_TEST_OWN_BUS:-}" ]; then
  if command -v dbus-run-session >/dev/null 2>&1; then
    # And a runtime folder of its own: the AT-SPI bus's socket is made
    # there (else in ~/.cache/at-spi, named after the display, where a test
    # ending removes the socket of the next test given the same display).
    runtime=$(mktemp -d "${TMPDIR:-/tmp}/tf-runtime-XXXXXX") || exit 99
    # What the bus starts (the AT-SPI registry says "SpiRegistry daemon is
    # running…") writes to the bus's standard output: to the test's
    # errors, so that a TAP test's output stays TAP. The test itself gets
    # its standard output back (descriptor 3).
    TF_TEST_OWN_BUS=1 XDG_RUNTIME_DIR=$runtime dbus-run-session -- "$0" "$@" 3>&1 1>&2
    status=$?
    rm -rf "$runtime"
    exit $status
  fi
  echo "with-xvfb.sh: no dbus-run-session: accessibility off (GTK_A11Y=none)" >&2
  GTK_A11Y=none
  export GTK_A11Y
fi
if [ -n "${TF_TEST_OWN_BUS:-}" ] && { true >&3; } 2>/dev/null; then
  exec 1>&3 3>&-
fi

if ! command -v Xvfb >/dev/null 2>&1; then
  exec "$@"
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/tf-xvfb-XXXXXX") || exit 99
xvfb=
# The server goes with the test, however it ends (meson's timeout sends
# SIGTERM to the test's process group, this shell and Xvfb included).
trap '[ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
mkfifo "$dir/ready" || exit 99
# No auto-repeat (-r): a key xdotool presses is released a few
# milliseconds later, but on a loaded machine (the sanitized suite, two
# cores) xdotool can wait longer than the repeat delay (660 ms) between
# the two, and the server then repeats the key: one Ctrl+Z typed undid
# two steps (test-mockup-tools' bubble took its callout along,
# test-board-keys' aimed tail took its bubble).
Xvfb -displayfd 3 -r -screen 0 "${TF_XVFB_SCREEN:-1280x1024x24}" -nolisten tcp \
  3>"$dir/ready" 2>"$dir/log" &
xvfb=$!
# The display's number, written when the server is ready; an empty read
# means it ended first.
read -r display <"$dir/ready"
if [ -z "${display:-}" ]; then
  echo "with-xvfb.sh: Xvfb did not start:" >&2
  cat "$dir/log" >&2
  exit 99
fi

DISPLAY=:$display
export DISPLAY
# What the session bus starts (the AT-SPI registry) needs the display.
if [ -n "${TF_TEST_OWN_BUS:-}" ] && command -v dbus-update-activation-environment >/dev/null 2>&1; then
  dbus-update-activation-environment DISPLAY >/dev/null 2>&1
fi
unset WAYLAND_DISPLAY
"$@"
