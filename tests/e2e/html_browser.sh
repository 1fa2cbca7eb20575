#!/usr/bin/env bash
# Opens wfof's HTML report in headless Chromium: the DOM the browser builds
# must have the matrix and highlighted evidence, and a screenshot is kept in
# tests/e2e/out/ for a person to look at. Exits 77 (skip) without Chromium.
#
# Usage (from the repo root): tests/e2e/html_browser.sh path/to/wfof
set -euo pipefail

WFOF=${1:?usage: tests/e2e/html_browser.sh path/to/wfof}
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
  echo "SKIP: chromium not installed"
  exit 77
fi
[[ -x $WFOF ]] || fail "wfof binary '$WFOF' not found or not executable"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OUT=$PWD/tests/e2e/out
mkdir -p "$OUT"

# No network, no updates, a throwaway profile: the page must stand alone.
browser() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.log"
}

echo "== wfof check fixtures/real --format html"
"$WFOF" check fixtures/real --fail-on never --quiet --format html --output "$TMP/report.html" || fail "wfof check failed"
[[ -s $TMP/report.html ]] || fail "wfof wrote no HTML report"

echo "== the DOM Chromium builds from it"
browser --dump-dom "file://$TMP/report.html" >"$TMP/dom.html" || { cat "$TMP/chromium.log" >&2; fail "chromium --dump-dom failed"; }
grep -q '<table id="matrix">' "$TMP/dom.html" || fail "no <table id=\"matrix\"> in the rendered DOM"
cells=$(grep -oE '<td class="cell cell-(pass|partial|gap)"' "$TMP/dom.html" | wc -l)
marks=$(grep -oE '<mark id="ev-[0-9]+-[0-9]+" class="evidence ev-(pass|partial|gap)"' "$TMP/dom.html" | wc -l)
links=$(grep -oE 'href="#ev-[0-9]+-[0-9]+"' "$TMP/dom.html" | sort -u | wc -l)
((cells > 0)) || fail "the matrix has no verdict cells"
((marks > 0)) || fail "no <mark class=\"evidence\"> in the rendered DOM"
# Every evidence link must land on a mark the browser kept.
for id in $(grep -oE 'href="#ev-[0-9]+-[0-9]+"' "$TMP/dom.html" | sort -u | sed -E 's/href="#(.*)"/\1/'); do
  grep -q "<mark id=\"$id\"" "$TMP/dom.html" || fail "evidence link #$id has no target"
done
echo "ok: matrix with $cells verdict cells, $marks evidence marks, $links evidence links all resolving"

echo "== screenshot"
rm -f "$OUT/report.png"
browser --screenshot="$OUT/report.png" --window-size=1280,2000 "file://$TMP/report.html" >/dev/null ||
  { cat "$TMP/chromium.log" >&2; fail "chromium --screenshot failed"; }
[[ -s $OUT/report.png ]] || fail "no screenshot written"
echo "ok: screenshot saved to tests/e2e/out/report.png"

echo
echo "html_browser: 2 passed, 0 failed"
