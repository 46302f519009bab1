#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one GUI test (the command line given) on an Xorg server of its own
# with the dummy video driver and two monitors side by side, 1280 × 1024
# each (DUMMY0 at 0,0, DUMMY1 at 1280,0): what Xvfb cannot give (it takes
# one `xrandr --setmonitor` only). Xorg tells its display through
# -displayfd once it accepts connections: no fixed wait. Xorg with a
# config of our own needs root (CI runs as root): anyone else gets a clear
# failure, never a skip. No session bus and accessibility off: the test
# needs neither.
set -u

fail () {
  echo "with-xorg-dummy.sh: $*" >&2
  exit 1
}

command -v Xorg >/dev/null 2>&1 || fail "no Xorg (install xserver-xorg-core and xserver-xorg-video-dummy)"
command -v xrandr >/dev/null 2>&1 || fail "no xrandr (install x11-xserver-utils)"
[ "$(id -u)" = 0 ] || fail "Xorg with the dummy driver and a config of its own must run as root (CI does); run this test as root"

dir=$(mktemp -d "${TMPDIR:-/tmp}/tf-xorg-XXXXXX") || exit 99
xorg=
trap '[ -z "$xorg" ] || kill "$xorg" 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
cat >"$dir/xorg.conf" <<'CONF'
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoEnableDevices" "false"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 2560 1024
  EndSubSection
EndSection
CONF
mkfifo "$dir/ready" || exit 99
Xorg -displayfd 3 -config "$dir/xorg.conf" -noreset -nolisten tcp \
  -logfile "$dir/x.log" 3>"$dir/ready" 2>"$dir/err" &
xorg=$!
read -r display <"$dir/ready"
if [ -z "${display:-}" ]; then
  cat "$dir/err" "$dir/x.log" >&2 2>/dev/null
  fail "Xorg (dummy driver) did not start"
fi
DISPLAY=:$display
export DISPLAY
unset WAYLAND_DISPLAY
xrandr --newmode 1280x1024 109.00 1280 1368 1496 1712 1024 1027 1034 1063 -hsync +vsync &&
  xrandr --addmode DUMMY0 1280x1024 && xrandr --addmode DUMMY1 1280x1024 &&
  xrandr --output DUMMY0 --mode 1280x1024 --pos 0x0 --output DUMMY1 --mode 1280x1024 --pos 1280x0 ||
  fail "xrandr could not set two monitors"
[ "$(xrandr --listmonitors | head -n 1)" = "Monitors: 2" ] || fail "not two monitors: $(xrandr --listmonitors)"
"$@"
