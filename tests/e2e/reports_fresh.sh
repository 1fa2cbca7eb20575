#!/usr/bin/env bash
# Fails when the committed reports/ differ from what the current rules and
# fixtures produce. Usage: tests/e2e/reports_fresh.sh path/to/wfof
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
scripts/make-reports.sh "$WFOF" "$TMP/reports" || { echo "FAIL - could not generate reports"; exit 1; }
if diff -r reports "$TMP/reports" > "$TMP/diff"; then
  echo "ok   - reports/ is current ($(ls reports | wc -l) files)"
else
  echo "FAIL - reports/ is stale; run scripts/make-reports.sh and commit. Differences:"
  head -40 "$TMP/diff"
  exit 1
fi
