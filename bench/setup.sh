#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what transfo-bench compares against: Inkscape, whose command-line
# PDF export is timed as `pdf_export_inkscape_comparable` (a plain SVG of the
# wall) and `inkscape_reads_transfo_svg` (our own SVG export).
# Debian 12, as root. Without it the benchmark simply skips that metric.
set -euo pipefail

if command -v inkscape >/dev/null 2>&1; then
  echo "inkscape is already installed: $(inkscape --version 2>/dev/null | head -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends inkscape
inkscape --version 2>/dev/null | head -1
