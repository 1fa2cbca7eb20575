#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test
# (unit, end-to-end, rule and fixture tests, output schemas, the HTML report
# in a browser, report freshness), then the same suite under ASan + UBSan.
#   scripts/test.sh              everything
#   WFOF_NO_SANITIZE=1 scripts/test.sh   skip the sanitizer pass
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
if [[ -f tools/node/package-lock.json ]]; then
  (cd tools/node && npm ci --no-audit --no-fund --loglevel=error)
fi
jobs=$(nproc)

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

if [[ -z "${WFOF_NO_SANITIZE:-}" ]]; then
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWFOF_SANITIZE=ON >/dev/null
  cmake --build build-sanitize -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -LE no-sanitize
fi
echo "all tests passed"
