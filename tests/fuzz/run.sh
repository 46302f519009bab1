#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the insight CSV fuzzer with clang (libFuzzer, ASan, UBSan) and runs
# it. The main build may use gcc: only the parser and what it calls are
# compiled here, straight from the sources, with the build's config.h.
#
#   tests/fuzz/run.sh SOURCE_ROOT BUILD_ROOT [libFuzzer options…]
#   ninja -C build fuzz-csv                     # the same, FUZZ_SECONDS=60
#
# New inputs go to BUILD_ROOT/tests/fuzz/work/csv; the seed corpus in the
# sources is only read. To keep a few interesting finds, minimise them into
# it: fuzz-insight-csv -merge=1 tests/fuzz/corpus/csv BUILD_ROOT/tests/fuzz/work/csv
set -eu

src=${1:?usage: run.sh SOURCE_ROOT BUILD_ROOT [libFuzzer options…]}
build=${2:?usage: run.sh SOURCE_ROOT BUILD_ROOT [libFuzzer options…]}
shift 2
clang=${CLANG:-clang}
out="$build/tests/fuzz"
work="$out/work/csv"
mkdir -p "$out" "$work"

# shellcheck disable=SC2046
"$clang" -std=gnu11 -g -O1 -D_GNU_SOURCE \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$build" -I"$src" -I"$src/core" -I"$src/insights" \
  $(pkg-config --cflags glib-2.0 gobject-2.0 json-glib-1.0) \
  "$src/tests/fuzz/fuzz-insight-csv.c" \
  "$src/insights/tf-insight-csv.c" \
  "$src/insights/tf-insight.c" \
  "$src/core/tf-experiment.c" \
  "$src/core/tf-enums.c" \
  $(pkg-config --libs glib-2.0 gobject-2.0 json-glib-1.0) \
  -o "$out/fuzz-insight-csv"

exec "$out/fuzz-insight-csv" \
  -max_total_time="${FUZZ_SECONDS:-60}" \
  -max_len=4096 \
  -timeout=10 \
  -dict="$src/tests/fuzz/csv.dict" \
  -print_final_stats=1 \
  "$@" \
  "$work" "$src/tests/fuzz/corpus/csv"
