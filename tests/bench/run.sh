#!/usr/bin/env bash
# The performance benchmark (run by hand; not part of the test suite):
#   tests/bench/run.sh [DOCS]      default 20000 documents (about 100 MB)
# Generates a deterministic corpus and a 10x rule set, then times, in one
# run on the same corpus: wfof single-threaded and on all cores, ripgrep and
# YARA with the same patterns, wfof with 10x the rules, and wfof's peak
# memory. Prints ratios, which are what to compare across machines.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCS=${1:-20000}
OUT=tests/bench/out
WFOF=build/wfof
[[ -x $WFOF ]] || { echo "build first: cmake -S . -B build -G Ninja && cmake --build build" >&2; exit 2; }
for tool in rg yara /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh --test" >&2; exit 2; }
done
mkdir -p "$OUT"
if [[ ! -f "$OUT/corpus.$DOCS" ]]; then
  rm -rf "$OUT/corpus" "$OUT"/corpus.*
  python3 tests/bench/gen_corpus.py corpus "$OUT/corpus" --docs "$DOCS"
  touch "$OUT/corpus.$DOCS"
fi
rm -rf "$OUT/rules10"
python3 tests/bench/gen_corpus.py rules rules "$OUT/rules10" --times 10
$WFOF list patterns > "$OUT/patterns.txt"
python3 tests/bench/convert_patterns.py "$OUT/patterns.txt" "$OUT/rg-patterns.txt" "$OUT/rules.yar"
# rg: ASCII word boundaries ((?-u)), as RE2 uses; Unicode \b makes rg ~100x slower.
sed 's/^/(?-u)/' "$OUT/rg-patterns.txt" > "$OUT/rg-ascii-patterns.txt"
# YARA refuses some patterns as "too complex"; keep those it accepts, and say how many.
yara_ok=0; : > "$OUT/rules-ok.yar"
while IFS= read -r line; do
  printf '%s\n' "$line" > "$OUT/one.yar"
  if yara -w "$OUT/one.yar" /dev/null >/dev/null 2>&1; then printf '%s\n' "$line" >> "$OUT/rules-ok.yar"; yara_ok=$((yara_ok + 1)); fi
done < "$OUT/rules.yar"
npat=$(wc -l < "$OUT/patterns.txt")
MB=$(echo "scale=1; $(du -sb --apparent-size "$OUT/corpus" | cut -f1) / 1000000" | bc -l)
cores=$(nproc)

# Wall-clock seconds of one run.
once() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
min() { if [[ -z $1 ]] || (( $(echo "$2 < $1" | bc -l) )); then echo "$2"; else echo "$1"; fi; }
check() { $WFOF check "$OUT/corpus" --quiet --fail-on never "$@"; }

echo "corpus: $DOCS documents, ${MB} MB; rules: $($WFOF list rules | wc -l) ($npat patterns, $(sort -u "$OUT/patterns.txt" | wc -l) distinct); cores: $cores"
# Best of 3, the contenders taking turns in each round, so that a noisy
# moment on a shared machine does not fall on one of them only.
w1=""; wn=""; w10=""; rgu=""
for _ in 1 2 3; do
  w1=$(min "$w1" "$(once check --jobs 1)")
  wn=$(min "$wn" "$(once check --jobs "$cores")")
  w10=$(min "$w10" "$(once check --jobs 1 --rules "$OUT/rules10")")
  rgu=$(min "$rgu" "$(once rg -j1 -i -c -f "$OUT/rg-ascii-patterns.txt" "$OUT/corpus")")
done
w1=$(printf '%.3f' "$w1"); wn=$(printf '%.3f' "$wn"); w10=$(printf '%.3f' "$w10"); rgu=$(printf '%.3f' "$rgu")
# rg with Unicode word boundaries is ~100x slower: time it once, on the first 1,000 documents.
rgd_part=$(once rg -j1 -i -c -f "$OUT/rg-patterns.txt" "$OUT/corpus/000")
rgu_part=$(once rg -j1 -i -c -f "$OUT/rg-ascii-patterns.txt" "$OUT/corpus/000")
yr=""
for _ in 1 2; do yr=$(min "$yr" "$(once yara -w -p 1 -r "$OUT/rules-ok.yar" "$OUT/corpus")"); done
yr=$(printf '%.3f' "$yr")
mem=$(/usr/bin/time -v $WFOF check "$OUT/corpus" --quiet --fail-on never --jobs 1 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
mem10=$(/usr/bin/time -v $WFOF check "$OUT/corpus" --quiet --fail-on never --jobs 1 --rules "$OUT/rules10" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
# JSON and SARIF are streamed a document at a time too: the same bound with every result written out.
memj=$(/usr/bin/time -v $WFOF check "$OUT/corpus" --quiet --fail-on never --jobs "$cores" -f json -o "$OUT/results.json" -f sarif -o "$OUT/results.sarif" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
jsonmb=$(echo "scale=0; $(stat -c %s "$OUT/results.json") / 1000000" | bc -l)
r() { echo "scale=2; $1 / $2" | bc -l; }
printf '%-44s %9s %9s\n' "run" "seconds" "MB/s"
printf '%-44s %9s %9.1f\n' "wfof --jobs 1" "$w1" "$(r "$MB" "$w1")"
printf '%-44s %9s %9.1f\n' "wfof --jobs $cores" "$wn" "$(r "$MB" "$wn")"
printf '%-44s %9s %9.1f\n' "wfof --jobs 1, 10x rules" "$w10" "$(r "$MB" "$w10")"
printf '%-44s %9s %9.1f\n' "rg -j1, same patterns, ASCII \\b" "$rgu" "$(r "$MB" "$rgu")"
printf '%-44s %9s %9.1f\n' "yara -p 1, $yara_ok of $npat patterns" "$yr" "$(r "$MB" "$yr")"
echo
echo "ratios (target in brackets):"
echo "  wfof 1 thread / rg ASCII:        $(r "$w1" "$rgu")   [<= 2]"
echo "  rg default (Unicode \\b) / rg ASCII, first 1,000 documents: $(r "$rgd_part" "$rgu_part")"
echo "  wfof 1 thread / yara:            $(r "$w1" "$yr")   [< 1]"
echo "  wfof 10x rules / 1x rules:       $(r "$w10" "$w1")   [<= 2]"
echo "  speed-up --jobs $cores vs --jobs 1:  $(r "$w1" "$wn")   [>= 1.6 on 2 cores]"
echo "  peak memory: $((mem / 1024)) MB (10x rules: $((mem10 / 1024)) MB) on ${MB} MB of documents   [< 100 MB]"
echo "  peak memory writing JSON (${jsonmb} MB) and SARIF, --jobs $cores: $((memj / 1024)) MB   [< 100 MB]"
