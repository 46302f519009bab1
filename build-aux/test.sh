#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed and runs every test: a normal build and an
# AddressSanitizer/UBSan build, GUI tests under Xvfb. Ends with "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
./build-aux/install-deps.sh || exit 1

XVFB=(xvfb-run -a -s "-screen 0 1280x1024x24")
rc=0

# The translations must compile cleanly.
for po in po/*.po; do
  msgfmt --check --check-format -o /dev/null "$po" || rc=1
done

rm -rf build build-asan
meson setup build -Dwerror=true >/dev/null || exit 1
ninja -C build || exit 1

# -O1 with frame pointers, as AddressSanitizer's own documentation advises:
# the same reports and stacks as -O0, and the tests run much faster.
meson setup build-asan -Db_sanitize=address,undefined -Ddebug=true -Doptimization=1 \
  -Dc_args=-fno-omit-frame-pointer -Dwerror=true >/dev/null || exit 1
# The sanitized build compiles while the first build's tests run: they
# leave the processors half idle (GUI tests wait for their windows), and
# every test must pass on a busy machine anyway.
nice -n 10 ninja -C build-asan >build-asan-ninja.log 2>&1 &
asan_build=$!

"${XVFB[@]}" meson test -C build --print-errorlogs --logbase ci || rc=1

if ! wait "$asan_build"; then
  tail -n 60 build-asan-ninja.log
  exit 1
fi
"${XVFB[@]}" meson test -C build-asan --setup=asan --print-errorlogs --logbase ci || rc=1

python3 - build/meson-logs/ci.json build-asan/meson-logs/ci-asan.json <<'PY' || rc=1
import json, sys
results = []
for path in sys.argv[1:]:
    try:
        with open(path) as f:
            results += [json.loads(line)["result"] for line in f if line.strip()]
    except OSError:
        print(f"missing test log {path}")
        results.append("ERROR")
passed = sum(r in ("OK", "EXPECTEDFAIL") for r in results)
skipped = results.count("SKIP")
failed = len(results) - passed - skipped
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or skipped or not results else 0)
PY
exit $rc
