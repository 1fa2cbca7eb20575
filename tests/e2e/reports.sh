#!/usr/bin/env bash
# Reports a reader and a pipeline can trust (issue 16): reports rendered
# again from saved results, one bad document among many, the CLI
# conventions of CI tools, report names in --report-dir, SARIF and JUnit
# fields. Usage: tests/e2e/reports.sh path/to/wfof
set -uo pipefail
WFOF=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source tests/e2e/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1354233600
FORMATS=(text json markdown html sarif junit github)

echo "# wfof report gives the bytes check writes, for every format"
DOCS=(fixtures/real fixtures/html/durham.html fixtures/holdout/calderbrook.md)
for f in "${FORMATS[@]}"; do
  "$WFOF" check "${DOCS[@]}" --no-config --fail-on never -f "$f" -o "$TMP/check.$f" 2>/dev/null
done
"$WFOF" check "${DOCS[@]}" --no-config --fail-on never -f json -o "$TMP/results.json"
# The documents move away: a report must not need them.
mkdir "$TMP/elsewhere"
for f in "${FORMATS[@]}"; do
  (cd "$TMP/elsewhere" && "$WFOF" report "$TMP/results.json" --rules "$ROOT/rules" --checklist "$ROOT/checklists/wfof-2011.yaml" \
    -f "$f" -o "$TMP/report.$f" >/dev/null 2>&1)
  # SARIF artifact URIs are relative to the working directory: render it there.
  [[ $f == sarif ]] && "$WFOF" report "$TMP/results.json" -f sarif -o "$TMP/report.$f"
  if cmp -s "$TMP/check.$f" "$TMP/report.$f"; then pass "report -f $f == check -f $f"; else fail "report -f $f differs from check" "$(diff "$TMP/check.$f" "$TMP/report.$f" | head -5)"; fi
done
# Shards merged, then rendered: the same reports as one run.
"$WFOF" check "${DOCS[@]}" --no-config --fail-on never --shard 1/2 -f json -o "$TMP/s1.json"
"$WFOF" check "${DOCS[@]}" --no-config --fail-on never --shard 2/2 -f json -o "$TMP/s2.json"
"$WFOF" merge "$TMP/s1.json" "$TMP/s2.json" -o "$TMP/merged.json"
for f in "${FORMATS[@]}"; do
  "$WFOF" report "$TMP/merged.json" -f "$f" -o "$TMP/merged.$f" 2>/dev/null
  if cmp -s "$TMP/check.$f" "$TMP/merged.$f"; then pass "report of merged shards -f $f == check"; else fail "merged shards -f $f differ" "$(diff "$TMP/check.$f" "$TMP/merged.$f" | head -5)"; fi
done
"$WFOF" report "$TMP/s1.json" "$TMP/s2.json" -f markdown -o "$TMP/two.md"
cmp -s "$TMP/check.markdown" "$TMP/two.md" && pass "report of two shards' files == check" || fail "report of two shards differs"
"$WFOF" check "${DOCS[@]}" --no-config --fail-on never --report-dir "$TMP/rd-check" -q
"$WFOF" report "$TMP/results.json" --report-dir "$TMP/rd-report"
diff -r "$TMP/rd-check" "$TMP/rd-report" >/dev/null && pass "report --report-dir == check --report-dir" || fail "report-dir differs" "$(diff -r "$TMP/rd-check" "$TMP/rd-report" | head -5)"
expect_exit 2 "report of no results is a usage error" -- "$WFOF" report -f json
expect_exit 2 "report of something that is not results" -- "$WFOF" report README.md -f json
expect_contains "named" "README.md:1:1: error[E034]: malformed JSON"

echo "# one unreadable document among many"
mkdir -p "$TMP/mixed"
cp fixtures/real/durham.txt fixtures/real/derbyshire.txt "$TMP/mixed/"
printf 'caf\xe9\n' > "$TMP/mixed/broken.txt"
for f in "${FORMATS[@]}"; do
  "$WFOF" check "$TMP/mixed" --no-config -f "$f" -o "$TMP/mixed.$f" 2> "$TMP/mixed.$f.err"
  rc=$?
  [[ $rc == 2 ]] && pass "-f $f: exit 2" || fail "-f $f: exit $rc, want 2"
  [[ $(cat "$TMP/mixed.$f.err") == "$TMP/mixed/broken.txt:1:4: error[E003]: document is not valid UTF-8 at byte offset 3" ]] &&
    pass "-f $f: the error on stderr as path: error: message" || fail "-f $f: stderr" "$(cat "$TMP/mixed.$f.err")"
done
[[ $(jq -c '[.summary.documents, [.documents[].path|split("/")|last], .errors[0].message]' "$TMP/mixed.json") == '[2,["derbyshire.txt","durham.txt"],"document is not valid UTF-8 at byte offset 3"]' ]] &&
  pass "JSON: both others complete, the bad one in errors" || fail "JSON errors" "$(jq -c '.errors' "$TMP/mixed.json")"
[[ $(jq -c '.runs[0].invocations[0] | [.executionSuccessful, .toolExecutionNotifications[0].level, .toolExecutionNotifications[0].message.text]' "$TMP/mixed.sarif") == '[false,"error","document is not valid UTF-8 at byte offset 3."]' ]] &&
  pass "SARIF: executionSuccessful false, a toolExecutionNotification" || fail "SARIF invocations" "$(jq -c '.runs[0].invocations' "$TMP/mixed.sarif")"
[[ $(jq '.runs[0].artifacts | length' "$TMP/mixed.sarif") == 2 ]] && pass "SARIF: the others' artifacts" || fail "SARIF artifacts"
# broken.txt sorts first: the others' indices must not count it.
[[ $(jq -c '[.runs[0].results[].locations[].physicalLocation.artifactLocation.index] | unique' "$TMP/mixed.sarif") == '[0,1]' ]] &&
  pass "SARIF: artifact indices count the checked documents only" || fail "SARIF indices" "$(jq -c '[.runs[0].results[].locations[].physicalLocation.artifactLocation.index] | unique' "$TMP/mixed.sarif")"
[[ $(grep -o ' id="[0-9]*"' "$TMP/mixed.junit" | tr -d '\n') == ' id="0" id="1" id="2"' ]] && pass "JUnit: suite ids 0, 1, 2 in order" || fail "JUnit ids: $(grep -o ' id="[0-9]*"' "$TMP/mixed.junit" | tr -d '\n')"
grep -q '<error message="document is not valid UTF-8 at byte offset 3" type="unreadable">' "$TMP/mixed.junit" &&
  [[ $(grep -c '<testsuite ' "$TMP/mixed.junit") == 3 ]] && pass "JUnit: an <error> suite beside the two" || fail "JUnit error"
grep -q '^## Documents that could not be checked$' "$TMP/mixed.markdown" && grep -q "broken.txt:1:4\`: document is not valid UTF-8" "$TMP/mixed.markdown" &&
  pass "Markdown: a visible notice" || fail "Markdown notice"
grep -q '<section class="errors" id="errors" role="alert">' "$TMP/mixed.html" && grep -q 'broken.txt:1:4</code>: document is not valid UTF-8' "$TMP/mixed.html" &&
  pass "HTML: a visible notice" || fail "HTML notice"
grep -q "^::error file=$TMP/mixed/broken.txt,line=1,col=4,title=could not check::document is not valid UTF-8" "$TMP/mixed.github" &&
  pass "GitHub: an ::error on the file" || fail "GitHub error"
grep -q "^$TMP/mixed/durham.txt (Durham Constabulary)" "$TMP/mixed.text" && pass "text: the others reported" || fail "text report"
"$WFOF" check "$TMP/mixed" --no-config --report-dir "$TMP/mixed-rd" -q 2>/dev/null
[[ $? == 2 && -s $TMP/mixed-rd/durham.md && -s $TMP/mixed-rd/derbyshire.md && -s $TMP/mixed-rd/results.sarif ]] &&
  pass "--report-dir: every report written, exit 2" || fail "--report-dir with a bad document" "$(ls "$TMP/mixed-rd")"
printf 'rules:\n  - id: x\n' > "$TMP/bad-rule.yaml"
expect_exit 2 "a bad rule file still stops the run" -- "$WFOF" check "$TMP/mixed" --no-config --rules "$TMP/bad-rule.yaml" -f json -o "$TMP/never.json"
[[ ! -e $TMP/never.json ]] && pass "and nothing is written" || fail "a report was written despite bad rules"

echo "# -f and -o"
"$WFOF" check fixtures/real/durham.txt --no-config --fail-on never -f text -f json -o "$TMP/r.json" > "$TMP/r.stdout"
jq -e '.schema == "wfof-results/1"' "$TMP/r.json" >/dev/null && grep -q '^fixtures/real/durham.txt (Durham Constabulary)$' "$TMP/r.stdout" &&
  pass "-f text -f json -o r.json: JSON to r.json, text to stdout" || fail "-o paired with the wrong -f" "$(head -c 200 "$TMP/r.json")"
"$WFOF" check fixtures/real/durham.txt --no-config --fail-on never -f json="$TMP/eq.json" -f sarif -o "$TMP/eq.sarif" > "$TMP/eq.stdout"
cmp -s "$TMP/eq.json" "$TMP/r.json" && jq -e '.version == "2.1.0"' "$TMP/eq.sarif" >/dev/null && [[ ! -s $TMP/eq.stdout ]] &&
  pass "-f json=PATH names its file" || fail "-f json=PATH"
"$WFOF" check fixtures/real/durham.txt --no-config --fail-on never -f JSON -o "$TMP/upper.json"
cmp -s "$TMP/upper.json" "$TMP/r.json" && pass "-f JSON is json" || fail "-f JSON refused or different"
expect_exit 2 "an unknown format" -- "$WFOF" check fixtures/real/durham.txt -f jsn
expect_contains "named, with the nearest" "wfof check: error: unknown format 'jsn' (text, json, markdown, html, sarif, junit, github); did you mean 'json'?"
expect_exit 2 "two outputs for one format" -- "$WFOF" check fixtures/real/durham.txt -f json -o a.json -o b.json
expect_contains "explained" "two outputs for --format json (a.json, b.json)"

echo "# check with no PATH"
mkdir -p "$TMP/project/docs" "$TMP/project/build"
cp fixtures/real/durham.txt "$TMP/project/docs/"
cp fixtures/real/derbyshire.txt "$TMP/project/build/"
expect_exit 2 "no PATH and no config: a usage error" -- bash -c "cd '$TMP/project' && '$WFOF' check --rules '$ROOT/rules' --checklist '$ROOT/checklists/wfof-2011.yaml'"
expect_contains "says what to give" "wfof check: error: no documents to check: give files or folders, or list them as 'paths' in .wfof.yaml"
printf 'paths: [docs]\nrules: [%s/rules]\nchecklist: %s/checklists/wfof-2011.yaml\n' "$ROOT" "$ROOT" > "$TMP/project/.wfof.yaml"
expect_exit 1 "no PATH: the config's paths" -- bash -c "cd '$TMP/project' && '$WFOF' check"
expect_contains "checks docs/ only" "1 document(s):"

echo "# folder walks"
mkdir -p "$TMP/walk/.hidden" "$TMP/walk/build" "$TMP/walk/keep" "$TMP/walk/sub/deep" "$TMP/walk/.git"
for d in .hidden build keep sub/deep; do cp fixtures/real/durham.txt "$TMP/walk/$d/"; done
cp fixtures/real/durham.txt "$TMP/walk/sub/deep/notes.md"
cp fixtures/real/durham.txt "$TMP/walk/keep/keep-me.md"
printf '# build output\nbuild/\n*.md\n!keep-me.md\n' > "$TMP/walk/.gitignore"
got=$(cd "$TMP/walk" && "$WFOF" check . --no-config -f json --fail-on never | jq -r '[.documents[].path] | join(" ")')
[[ $got == "keep/durham.txt keep/keep-me.md sub/deep/durham.txt" ]] && pass "hidden folders, .gitignore'd folders and globs skipped, '!' re-includes" || fail "walk: $got"
got=$(cd "$TMP/walk/sub" && "$WFOF" check . --no-config -f json --fail-on never | jq -r '[.documents[].path] | join(" ")')
[[ $got == "deep/durham.txt" ]] && pass "a parent's .gitignore applies inside the repository" || fail "walk from sub/: $got"

echo "# --report-dir names"
mkdir -p "$TMP/names/a" "$TMP/names/b"
cp fixtures/real/durham.txt "$TMP/names/README.md"
cp fixtures/real/derbyshire.txt "$TMP/names/a/force.txt"
cp fixtures/real/hertfordshire.txt "$TMP/names/b/force.txt"
"$WFOF" check "$TMP/names" --no-config --report-dir "$TMP/names-out" --fail-on never 2> "$TMP/names.err"
got=$(cd "$TMP/names-out" && ls | tr '\n' ' ')
[[ $got == "README-2.md README.md a-force.md b-force.md report.html results.json results.junit.xml results.sarif results.txt " ]] && pass "README.md the document is README-2.md; two force.txt are a-force.md and b-force.md" || fail "names: $got"
[[ $(ls "$TMP/names-out" | wc -l) == 9 ]] && pass "9 files for 3 documents (3 + 6 of the run): none lost" || fail "files: $(ls "$TMP/names-out")"
grep -q '^# Durham Constabulary: gap report' "$TMP/names-out/README-2.md" && grep -q 'national summary' "$TMP/names-out/README.md" &&
  grep -q '(README-2.md)' "$TMP/names-out/README.md" && pass "the summary is README.md and links the document's report" || fail "README collision"
grep -q "wrote 9 report files" "$TMP/names.err" && pass "the count of files is right" || fail "count: $(cat "$TMP/names.err")"

echo "# SARIF fields"
S=$TMP/check.sarif
jq -e '.runs[0].tool.driver | (.informationUri|startswith("https://")) and .version and .semanticVersion' "$S" >/dev/null && pass "driver informationUri, version, semanticVersion" || fail "driver"
jq -e '[.runs[0].tool.driver.rules[] | (.helpUri|startswith("https://")) and (.help.markdown|length>0) and (.help.text|length>0)] | all' "$S" >/dev/null &&
  pass "every rule has helpUri, help.text and help.markdown" || fail "rule help"
[[ $(jq -r '.runs[0].automationDetails.id' "$S") == "wfof/wfof-2011/" ]] && pass "automationDetails.id" || fail "automationDetails"
[[ $(jq -r '[.runs[0].artifacts[].location | .uriBaseId + " " + .uri] | first' "$S") == "%SRCROOT% fixtures/holdout/calderbrook.md" ]] && pass "artifact URIs relative to %SRCROOT%" || fail "artifact uri"
"$WFOF" check "$ROOT/fixtures/real/durham.txt" --no-config --fail-on never -f sarif -o "$TMP/abs.sarif" --root "$ROOT"
[[ $(jq -r '.runs[0] | .originalUriBaseIds["%SRCROOT%"].uri + " " + .artifacts[0].location.uri' "$TMP/abs.sarif") == "file://$ROOT/ fixtures/real/durham.txt" ]] &&
  pass "an absolute path under --root is relative, and SRCROOT named" || fail "--root" "$(jq -c '.runs[0].originalUriBaseIds, .runs[0].artifacts[0].location' "$TMP/abs.sarif")"
[[ $(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation | .uriBaseId + " " + .uri' "$TMP/abs.sarif") == "%SRCROOT% fixtures/real/durham.txt" ]] &&
  pass "result locations too" || fail "result location uri"

echo "# JUnit fields"
J=$TMP/check.junit
if grep -q 'classname="fixtures/' "$J"; then fail "a classname is a dotted file path"; else pass "no classname is a file path"; fi
grep -q '<testcase name="SA-1: The force has assessed itself against the 2011 checklist" classname="Durham Constabulary"' "$J" && pass "classname is the document's name" || fail "classname"
ntests=$(grep -c "<testcase " "$J"); nfail=$(grep -c "<failure " "$J")
grep -q "^<testsuites name=\"wfof\" tests=\"$ntests\" failures=\"$nfail\" errors=\"0\" skipped=\"0\" time=\"0.000\">$" "$J" && pass "<testsuites> totals" || fail "totals: $(sed -n 2p "$J")"
(unset SOURCE_DATE_EPOCH; "$WFOF" check fixtures/real --no-config --fail-on never -f junit -o "$TMP/timed.xml")
grep -Eq '<testsuite name="Durham Constabulary"[^>]* time="0\.[0-9]{3}"' "$TMP/timed.xml" && ! grep -q '<testsuites [^>]*time="0.000"' "$TMP/timed.xml" &&
  pass "time measured without SOURCE_DATE_EPOCH" || fail "time" "$(sed -n 2,3p "$TMP/timed.xml")"

echo "# Markdown reads as prose"
M=$TMP/check.markdown
grep -q 'Checked by wfof [0-9.]*$' "$M" && ! grep -q 'wfof [0-9]*\\\.' "$M" && pass "the version is not escaped" || fail "version escaped"
"$WFOF" check fixtures/holdout/calderbrook.md --no-config --fail-on never --report-dir "$TMP/cb" -q
grep -q '^> Calderbrook Police has made some good progress' "$TMP/cb/calderbrook.md" && pass "a heading quoted without its ## and **" || fail "headline quote" "$(grep -n 'Calderbrook Police has made' "$TMP/cb/calderbrook.md" | head -2)"
! grep -q '\\\*\|\\#' "$TMP/cb/calderbrook.md" && pass "no escaped markup of the source" || fail "escaped markup" "$(grep -n '\\\*\|\\#' "$TMP/cb/calderbrook.md" | head -3)"
grep -q '^## HMIC.s headline judgement$' "$TMP/cb/calderbrook.md" && pass "the headline heading from the checklist" || fail "headline heading"
sed 's/title: "HMIC.s headline judgement"/title: "The verdict line"/; s/item: OVR-1}/item: SA-1}/' checklists/wfof-2011.yaml > "$TMP/cl.yaml"
"$WFOF" check fixtures/real/durham.txt --no-config --checklist "$TMP/cl.yaml" --fail-on never --report-dir "$TMP/cl" -q
grep -q '^## The verdict line$' "$TMP/cl/durham.md" && grep -q '^Read as \*\*pass\*\* (SA-1)\.$' "$TMP/cl/durham.md" &&
  pass "the headline's name and item come from the checklist" || fail "headline from checklist" "$(grep -n -A1 'verdict line\|Read as' "$TMP/cl/durham.md" | head -4)"

echo "# command-line conventions"
expect_exit 0 "-V" -- "$WFOF" -V
[[ $LAST_OUTPUT == "wfof "[0-9]* ]] && pass "-V prints the version" || fail "-V: $LAST_OUTPUT"
expect_exit 0 "wfof help check" -- "$WFOF" help check
[[ $LAST_OUTPUT == "usage: wfof check "* ]] && pass "is check's own help" || fail "help check: ${LAST_OUTPUT:0:80}"
expect_exit 2 "a misspelt command" -- "$WFOF" chek
expect_contains "did you mean" "wfof: error: unknown command 'chek'; did you mean 'check'?"
expect_exit 2 "a misspelt option" -- "$WFOF" check --formt json fixtures/real
expect_contains "did you mean" "wfof check: error: unknown option '--formt'; did you mean '--format'?"
expect_exit 2 "no prefix guessing" -- "$WFOF" check --form json fixtures/real
expect_contains "--form is an error" "wfof check: error: unknown option '--form'; did you mean '--format'?"
expect_exit 2 "a missing positional argument" -- "$WFOF" explain --rule self-assessment
expect_contains "named as --help names it" "wfof explain: error: missing the FILE argument"
[[ $LAST_OUTPUT != *"'--file'"* ]] && pass "no internal option name" || fail "internal name leaked: $LAST_OUTPUT"
expect_exit 2 "-f without a value" -- "$WFOF" check fixtures/real -f
expect_contains "as typed" "'-f'"
colour() { script -qec "env $1 '$WFOF' check fixtures/real/durham.txt --no-config --fail-on never" /dev/null | grep -c $'\x1b\['; }
[[ $(colour 'NO_COLOR=') -gt 0 ]] && pass "an empty NO_COLOR leaves colour on (no-color.org)" || fail "NO_COLOR= turned colour off"
[[ $(colour 'NO_COLOR=1') == 0 ]] && pass "a non-empty NO_COLOR turns it off" || fail "NO_COLOR=1 left colour on"
"$WFOF" check --help > "$TMP/help.txt"
grep -q 'exit 1 when an item is at or above' "$TMP/help.txt" && pass "--fail-on: at or above" || fail "--fail-on help"
grep -q '^  json      the results' "$TMP/help.txt" && pass "--help lists the formats from the registry" || fail "formats in --help"
for c in check validate test explain list merge report inspect diff config; do
  "$WFOF" $c --help 2>&1 | grep -q '^examples:$' && pass "wfof $c --help has examples" || fail "wfof $c --help has no examples"
done
grep -q "^          fixtures/real/durham.txt:13:3: \"Since 2011" "$TMP/check.text" && pass "text evidence lines start with path:line:col" || fail "text evidence line"

finish
