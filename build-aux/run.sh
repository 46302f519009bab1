#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds and installs Transfo, and starts it on the
# default archive (~/.local/share/transfo/archive.sqlite, created on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
./build-aux/install-deps.sh
[ -d build ] || meson setup build --prefix=/usr/local
ninja -C build install
exec /usr/local/bin/transfo "$@"
