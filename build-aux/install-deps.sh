#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Transfo needs to build, run and test on Debian 12, as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  build-essential meson ninja-build pkg-config gettext python3
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev librsvg2-dev
  libsqlite3-dev libjson-glib-dev libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  desktop-file-utils appstream appstream-util libxml2-utils
  libseccomp-dev libturbojpeg0-dev libexif-dev libwebp-dev libpng-dev libpixman-1-dev
  xvfb xauth xdotool xclip imagemagick util-linux
  xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils
  libx11-dev  # tests/gui/xdnd-source.c, an X drag source for the tests
  libsoup-3.0-dev libqrencode-dev  # the room's server for phones and its QR code (#13)
  curl zbar-tools chromium  # its tests: HTTP requests, decoding the QR code, a real browser
  qpdf  # tests/test-cli-pdf-check.sh: every PDF Transfo writes is clean
  dbus at-spi2-core python3-pyatspi  # GUI tests on a session bus, read through AT-SPI (#16)
  poppler-utils  # tests/test-cli-pdf-images.sh: pdfimages reads the photos back
  python3-pyatspi gir1.2-atspi-2.0 at-spi2-core dbus  # tests/a11y: the app as a screen reader sees it
  libpq-dev  # the regional archive (#15): PostgreSQL's client library
  postgresql-15 postgresql-contrib  # tests/test-regional.c starts a real server (unaccent is in contrib)
)
# One dpkg-query for all of them (one a package took seconds on a busy machine).
declare -A installed=()
while read -r name status; do
  [ "$status" = "install ok installed" ] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null)
missing=()
for p in "${packages[@]}"; do
  [ -n "${installed[$p]:-}" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
