#!/usr/bin/env bash
# Writes the gap reports for the bundled fixtures: the main job.
#   scripts/make-reports.sh [WFOF] [OUT_DIR]    defaults: build/wfof reports
# A fixed SOURCE_DATE_EPOCH keeps the reports byte-identical between runs,
# so the committed reports/ can be checked for staleness.
set -euo pipefail
cd "$(dirname "$0")/.."
WFOF=${1:-build/wfof}
OUT=${2:-reports}
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1354233600}"
folders=(fixtures/real fixtures/authored)
[[ -d fixtures/holdout ]] && folders+=(fixtures/holdout)
"$WFOF" check "${folders[@]}" --report-dir "$OUT" --fail-on never --quiet
