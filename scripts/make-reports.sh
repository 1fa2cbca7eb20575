#!/usr/bin/env bash
# Writes the gap reports for the real releases in fixtures/real: the main
# job. The national summary is a summary of real documents only; authored
# and blind fixtures are checked by the test suite, never mixed into it.
#   scripts/make-reports.sh [WFOF] [OUT_DIR]    defaults: build/wfof reports
# A fixed SOURCE_DATE_EPOCH keeps the reports byte-identical between runs,
# so the committed reports/ can be checked for staleness.
set -euo pipefail
cd "$(dirname "$0")/.."
WFOF=${1:-build/wfof}
OUT=${2:-reports}
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1354233600}"
rm -rf "$OUT.tmp" && mkdir -p "$OUT.tmp"
"$WFOF" check fixtures/real --report-dir "$OUT.tmp" --fail-on never --quiet
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
