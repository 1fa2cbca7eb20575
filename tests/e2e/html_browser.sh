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
trap '[[ -n ${KEEP:-} ]] || rm -rf "$TMP"' EXIT
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
marks=$(grep -oE '<mark id="ev-[0-9a-f]+-[0-9]+" class="evidence ev-(pass|partial|gap)"' "$TMP/dom.html" | wc -l)
links=$(grep -oE 'href="#ev-[0-9a-f]+-[0-9]+"' "$TMP/dom.html" | sort -u | wc -l)
((cells > 0)) || fail "the matrix has no verdict cells"
((marks > 0)) || fail "no <mark class=\"evidence\"> in the rendered DOM"
# Every evidence link must land on a mark the browser kept.
for id in $(grep -oE 'href="#ev-[0-9a-f]+-[0-9]+"' "$TMP/dom.html" | sort -u | sed -E 's/href="#(.*)"/\1/'); do
  grep -q "<mark id=\"$id\"" "$TMP/dom.html" || fail "evidence link #$id has no target"
done
echo "ok: matrix with $cells verdict cells, $marks evidence marks, $links evidence links all resolving"

echo "== the layout at 1920, 1400 and 400 px"
# The report forbids scripts (CSP): a copy without that one meta tag gets a
# script that measures the page as laid out and writes what it finds into
# the DOM of the page around it, which --dump-dom then shows. The report is
# shown in a frame exactly as wide as the width under test (a headless
# window is never narrower than 500 px). The layout is the report's own.
# (The script is put on one line: no // comments in it.)
cat > "$TMP/measure.js" <<'JS'
window.addEventListener('load', () => {
  const vw = document.documentElement.clientWidth, out = [];
  const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return a; } return null; };
  const box = document.querySelector('#matrix')?.closest('.scroll');
  if (!box) out.push('the matrix has no scroll container');
  else {
    const b = box.getBoundingClientRect();
    if (b.left < -0.5 || b.right > vw + 0.5) out.push(`the matrix's scroll container (${b.left}-${b.right}) is outside the viewport (${vw})`);
    for (const th of box.querySelectorAll('thead th.count')) {
      const r = th.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) out.push(`total column '${th.textContent}' (${r.left}-${r.right}) not visible in the container (${b.left}-${b.right})`);
    }
    const head = box.querySelector('thead th'), first = box.querySelector('tbody th');
    if (getComputedStyle(head).position !== 'sticky') out.push('the header row is not sticky');
    if (getComputedStyle(first).position !== 'sticky') out.push('the first column is not sticky');
    box.scrollLeft = box.scrollWidth; box.scrollTop = box.scrollHeight;
    const f = first.getBoundingClientRect(), h = head.getBoundingClientRect(), nb = box.getBoundingClientRect();
    if (box.scrollWidth > box.clientWidth && Math.abs(f.left - nb.left) > 2) out.push(`scrolled right, the first column moved off (${f.left} vs ${nb.left})`);
    if (box.scrollHeight > box.clientHeight && Math.abs(h.top - nb.top) > 2) out.push(`scrolled down, the header moved off (${h.top} vs ${nb.top})`);
    box.scrollLeft = 0; box.scrollTop = 0;
  }
  if (document.documentElement.scrollWidth > vw + 0.5) out.push(`the page is wider (${document.documentElement.scrollWidth}) than the viewport (${vw})`);
  let outside = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.right <= vw + 0.5 && r.left >= -0.5)) continue;
    if (!scrolls(el)) { if (outside++ < 5) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> (${r.left}-${r.right}) is outside the viewport (${vw}) with no scroll container`); }
  }
  const p = document.createElement('pre'); p.id = 'layout-check';
  p.textContent = out.length ? out.join('\n') : 'LAYOUT OK at ' + window.innerWidth;
  window.parent.document.body.appendChild(window.parent.document.importNode(p, true));
});
JS
sed -e '/http-equiv="Content-Security-Policy"/d' -e "s#</body>#<script>$(tr '\n' ' ' < "$TMP/measure.js" | sed 's/[&#\\]/\\&/g')</script></body>#" "$TMP/report.html" > "$TMP/measured.html"
checked=0
for width in 1920 1400 400; do
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="%s" style="border:0;width:%spx;height:1200px"></iframe></body></html>\n' \
    measured.html $width > "$TMP/frame-$width.html"
  sed "s/measured.html/report.html/" "$TMP/frame-$width.html" > "$TMP/shot-$width.html"
  browser --allow-file-access-from-files --window-size=$((width + 40)),1240 --virtual-time-budget=5000 --dump-dom \
    "file://$TMP/frame-$width.html" > "$TMP/layout-$width.html" || { cat "$TMP/chromium.log" >&2; fail "chromium --dump-dom failed at $width px"; }
  result=$(sed -n '/<pre id="layout-check">/,/<\/pre>/p' "$TMP/layout-$width.html" | sed -e 's/<[^>]*>//g')
  [[ -n $result ]] || fail "the layout check did not run at $width px"
  [[ $result == "LAYOUT OK at $width" ]] || fail "at $width px: $result"
  echo "ok: at $width px the matrix scrolls in its container, its totals are visible, its header and first column stick, nothing spills out of the viewport"
  rm -f "$OUT/report-$width.png"
  browser --allow-file-access-from-files --screenshot="$OUT/report-$width.png" --window-size=$((width > 500 ? width : 500)),1200 \
    "file://$TMP/shot-$width.html" >/dev/null ||
    { cat "$TMP/chromium.log" >&2; fail "chromium --screenshot failed at $width px"; }
  [[ -s $OUT/report-$width.png ]] || fail "no screenshot at $width px"
  checked=$((checked + 1))
done
echo "ok: screenshots saved to tests/e2e/out/report-{1920,1400,400}.png"

echo
echo "html_browser: $((checked + 1)) passed, 0 failed"
