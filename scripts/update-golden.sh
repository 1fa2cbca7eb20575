#!/usr/bin/env bash
# Writes the golden outputs: every format for a small fixture set (two real
# releases and one document that cannot be read), exactly as `wfof check`
# writes them, plus its stderr and exit code. tests/e2e/golden.sh runs this
# into a temporary folder and compares the bytes with tests/golden/.
#   scripts/update-golden.sh [WFOF] [OUT_DIR]    defaults: build/wfof tests/golden
# After a deliberate change to an output: run it, read `git diff tests/golden`, commit.
set -uo pipefail
cd "$(dirname "$0")/.."
WFOF=${1:-build/wfof}
OUT=${2:-tests/golden}
export SOURCE_DATE_EPOCH=1354233600  # reproducible: JUnit timestamp and host, no timings
DOCS=(fixtures/real/durham.txt fixtures/real/hertfordshire.txt fixtures/bad/documents/latin1.txt)
rm -rf "$OUT.tmp" && mkdir -p "$OUT.tmp/report-dir"
"$WFOF" check "${DOCS[@]}" --no-config --report-dir "$OUT.tmp/report-dir" --quiet \
  -f github -o "$OUT.tmp/annotations.github.txt" 2> "$OUT.tmp/stderr.txt"
echo "exit $?" > "$OUT.tmp/exit.txt"
# The text report as the terminal shows it (stdout), without colour.
"$WFOF" check "${DOCS[@]}" --no-config --color never > "$OUT.tmp/stdout.txt" 2> /dev/null
cat > "$OUT.tmp/README.md" <<'TXT'
# Golden outputs

Every format `wfof check` writes, byte for byte, for two real releases and
one document that cannot be read (`fixtures/bad/documents/latin1.txt`,
recorded in each report as an error). Test data, not a summary of anything:
`tests/e2e/golden.sh` compares a fresh run with these files. Regenerate with
`scripts/update-golden.sh` after a deliberate change and review the diff.

- `report-dir/`: `wfof check DOCS --report-dir` (every format with a file, and each document's Markdown report)
- `annotations.github.txt`: `-f github`
- `stdout.txt`, `stderr.txt`, `exit.txt`: the text report, the errors, the exit code
- `unit/`: every writer's output for the made-up run of `tests/unit/writers_test.cpp` (written by that test with `WFOF_UPDATE_GOLDEN=1`)
TXT
rm -rf "$OUT" && mv "$OUT.tmp" "$OUT"
# The writers' unit goldens (tests/golden/unit: every format for a small
# made-up run), written by the unit test itself; only into the tree.
if [[ $OUT == tests/golden ]]; then
  TESTS=$(dirname "$WFOF")/wfof_tests
  [[ -x $TESTS ]] || { echo "update-golden: $TESTS not built: tests/golden/unit not written" >&2; exit 1; }
  WFOF_UPDATE_GOLDEN=1 "$TESTS" --run_test=writers/every_writer_matches_its_golden_file >/dev/null
fi
