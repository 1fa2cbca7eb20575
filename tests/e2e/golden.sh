#!/usr/bin/env bash
# The exact bytes of every format for the golden fixture set
# (scripts/update-golden.sh) against tests/golden/.
# Usage: tests/e2e/golden.sh path/to/wfof
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
scripts/update-golden.sh "$WFOF" "$TMP/golden"
if diff -r -x unit tests/golden "$TMP/golden" > "$TMP/diff"; then
  echo "ok   - every format matches tests/golden ($(find tests/golden -type f | wc -l) files)"
else
  echo "FAIL - outputs differ from tests/golden; if intended, run scripts/update-golden.sh and review the diff:"
  head -60 "$TMP/diff"
  exit 1
fi
