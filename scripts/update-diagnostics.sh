#!/usr/bin/env bash
# Rewrites the expected output of every golden diagnostics case
# (tests/diagnostics/*/expected) from the current build; review the diff.
#   scripts/update-diagnostics.sh [path/to/wfof]   (default build/wfof)
set -euo pipefail
cd "$(dirname "$0")/.."
exec tests/diagnostics/run.sh "${1:-build/wfof}" --update
