#!/usr/bin/env bash
# The main job: install what is missing, build, check the bundled fixtures
# and write the gap reports into reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
scripts/make-reports.sh build/wfof reports
echo "reports written to reports/ (national summary: reports/README.md)"
