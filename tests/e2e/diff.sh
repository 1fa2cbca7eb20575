#!/usr/bin/env bash
# wfof diff over fixtures/diff/ (two fictional inspection years, written by
# fixtures/diff/make.py): each format against its golden file, the exit
# codes of --fail-on, and the exact errors for results that cannot be compared.
# Usage: tests/e2e/diff.sh path/to/wfof [--regen]   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
AJV=$ROOT/tools/node/node_modules/.bin/ajv
cd fixtures/diff  # the paths in the output are as given: short, and the same wherever the repo is

if [[ "${2:-}" == --regen ]]; then
  "$WFOF" diff 2012.json 2013.json > expected.txt
  "$WFOF" diff 2012.json 2013.json --format markdown > expected.md
  "$WFOF" diff 2012.json 2013.json --format json > expected.json
  echo "regenerated fixtures/diff/expected.{txt,md,json}"
  exit 0
fi

# golden NAME EXPECTED -- COMMAND...: stdout of COMMAND is EXPECTED, byte for byte.
golden() {
  local desc=$1 want=$2; shift 3
  "$@" > "$TMP/out" 2> "$TMP/err"
  if cmp -s "$TMP/out" "$want"; then pass "$desc"; else fail "$desc: differs from $want" "$(diff "$want" "$TMP/out" | head -20)"; fi
}

echo "# the three formats against their golden files"
golden "text diff" expected.txt -- "$WFOF" diff 2012.json 2013.json
golden "markdown diff" expected.md -- "$WFOF" diff 2012.json 2013.json --format markdown
golden "json diff" expected.json -- "$WFOF" diff 2012.json 2013.json -f json
expect_exit 0 "--output writes the file" -- "$WFOF" diff 2012.json 2013.json -f json -o "$TMP/d.json"
if cmp -s "$TMP/d.json" expected.json; then pass "--output holds what stdout shows"; else fail "--output differs from stdout"; fi
if [[ -x $AJV ]]; then
  expect_exit 0 "the JSON diff validates against schemas/diff.schema.json" -- \
    "$AJV" validate --spec=draft7 -s "$ROOT/schemas/diff.schema.json" -d expected.json
  expect_exit 0 "the fixtures are valid results" -- \
    "$AJV" validate --spec=draft7 -s "$ROOT/schemas/results.schema.json" -d 2012.json -d 2013.json
else
  echo "# (ajv not installed: schema checks skipped)"
fi

echo "# what the diff says"
expect_exit 0 "diff passes by default, regressions or not" -- "$WFOF" diff 2012.json 2013.json
expect_contains "matched by subject across renamed files" "Brecon Borders Police (2012/brecon-borders.txt -> 2013/brecon-borders.md)"
expect_contains "a regression" "  regressed  GH-1   partial -> gap"
expect_contains "a subject-less document matched by path" $'\nmemo.txt\n  unchanged  2 items'
expect_contains "totals" "3 documents in both, 1 new, 1 gone; items: 2 improved, 1 regressed, 8 unchanged, 6 new, 6 gone"
expect_exit 1 "--fail-on regression: exit 1 when something regressed" -- "$WFOF" diff 2012.json 2013.json --fail-on regression
expect_exit 0 "--fail-on regression: exit 0 for a run against itself" -- "$WFOF" diff 2013.json 2013.json --fail-on regression
expect_contains "itself: nothing changed" "4 documents in both, 0 new, 0 gone; items: 0 improved, 0 regressed, 17 unchanged, 0 new, 0 gone"
expect_exit 1 "backwards, the improvements are regressions" -- "$WFOF" diff 2013.json 2012.json --fail-on regression
expect_contains "backwards: SA-1 regressed" "  regressed  SA-1   pass -> gap"

echo "# results that cannot be compared: exit 2, path:line:col"
expect_exit 2 "different checklists" -- "$WFOF" diff 2012.json other-checklist.json
expect_contains "different checklists: at the NEW file's checklist id" \
  "other-checklist.json:8:11: error[E035]: checked against checklist 'wfof-2099', but 2012.json against 'wfof-2011': results of different checklists cannot be compared"
printf '{\n  "schema": "wfof-results/1",\n  "tool": {"name": "wfof", "version": "0.1.0"},\n  "checklist": {"id": "wfof-2011", "title": "t"},\n  "documents": [\n    {"path": "a.txt", "subject": null, "items": [{"id": "SA-1", "verdict": "fail"}]}\n  ]\n}\n' > "$TMP/badverdict.json"
expect_exit 2 "an unknown verdict" -- "$WFOF" diff 2012.json "$TMP/badverdict.json"
expect_contains "unknown verdict at its position" \
  "$TMP/badverdict.json:6:76: error[E035]: not wfof results: item SA-1 of a.txt has verdict 'fail' (pass, partial or gap)"
printf '{"schema": "wfof-results/2"}\n' > "$TMP/schema2.json"
expect_exit 2 "another schema" -- "$WFOF" diff "$TMP/schema2.json" 2013.json
expect_contains "another schema at its value" "$TMP/schema2.json:1:12: error[E035]: not wfof results (no \"schema\": \"wfof-results/1\")"
printf '{\n  "schema": "wfof-results/1",\n  "tool": {\n' > "$TMP/truncated.json"
expect_exit 2 "truncated JSON" -- "$WFOF" diff 2012.json "$TMP/truncated.json"
expect_contains "truncated JSON at the end" "$TMP/truncated.json:4:1: error[E034]: malformed JSON:"
expect_exit 2 "a missing file" -- "$WFOF" diff 2012.json "$TMP/none.json"
expect_contains "a missing file named" "$TMP/none.json: error[E001]: cannot read results: No such file or directory"

echo "# usage"
expect_exit 2 "one file" -- "$WFOF" diff 2012.json
expect_contains "one file: says what is wanted" "wfof diff: error: give two JSON results files, OLD and NEW (got 1)"
expect_exit 2 "unknown format" -- "$WFOF" diff 2012.json 2013.json --format sarif
expect_contains "unknown format named" "wfof diff: error: unknown format 'sarif' (text, markdown, json)"
expect_exit 2 "bad --fail-on" -- "$WFOF" diff 2012.json 2013.json --fail-on gap
expect_contains "bad --fail-on explained" "wfof diff: error: --fail-on must be regression or never"
expect_exit 0 "diff --help" -- "$WFOF" diff --help
expect_contains "help shows an example" "wfof diff 2012.json 2013.json"
finish
