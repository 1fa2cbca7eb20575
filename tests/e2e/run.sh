#!/usr/bin/env bash
# End-to-end tests of the built wfof program: exit codes, error messages,
# JSON results against their schema, determinism across --jobs, explain,
# atomic output. Usage: tests/e2e/run.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP"; rm -rf "$TMP"' EXIT
AJV=tools/node/node_modules/.bin/ajv

echo "# usage and help"
expect_exit 0 "top-level --help" -- "$WFOF" --help
expect_contains "help lists the commands" "explain --rule ID FILE"
for cmd in check validate test explain list; do
  expect_exit 0 "$cmd --help" -- "$WFOF" $cmd --help
  expect_contains "$cmd --help shows usage" "usage: wfof $cmd"
done
expect_exit 2 "no command" -- "$WFOF"
expect_exit 2 "unknown command" -- "$WFOF" frobnicate
expect_contains "unknown command is named" "unknown command 'frobnicate'"
expect_exit 2 "unknown option" -- "$WFOF" check --colour red fixtures/real
expect_exit 2 "unknown format" -- "$WFOF" check --format pdf fixtures/real
expect_contains "unknown format is named" "unknown format 'pdf'"
expect_exit 2 "bad --fail-on" -- "$WFOF" check --fail-on sometimes fixtures/real

echo "# exit codes 0, 1, 2"
expect_exit 1 "real fixtures have gaps" -- "$WFOF" check fixtures/real
expect_exit 0 "--fail-on never" -- "$WFOF" check --fail-on never fixtures/real
cat > "$TMP/exemplary.md" <<'DOC'
# Exemplary Police has made good progress in managing integrity issues

In Exemplary Police, HMIC found:

- The force has carried out a self-assessment using the 2011 checklist.
- Its policies on relationships with the media, on gifts and hospitality, on social media and on second jobs have all been reviewed and updated.
- Staff awareness of these policies was good.
- Research found no cases of inappropriate behaviour on Facebook or Twitter by staff.
- Applications for second jobs are assessed by the professional standards department.
- There were 50 applications for second jobs, 40 of which were approved.
- The number of staff in the anti-corruption unit has increased.
- All new officers and staff receive training on integrity.
- An integrity board chaired by the deputy chief constable oversees this work.
DOC
expect_exit 0 "a document with no gaps passes" -- "$WFOF" check "$TMP/exemplary.md"
expect_contains "twelve passes" "12 pass, 0 partial, 0 gap"
expect_exit 1 "--fail-on partial fails on a partial" -- "$WFOF" check --fail-on partial fixtures/real/hertfordshire.txt
expect_exit 2 "missing document" -- "$WFOF" check "$TMP/nope.txt"
expect_contains "missing document named" "$TMP/nope.txt: error[E001]: cannot read: no such file or folder"
mkdir "$TMP/empty"
expect_exit 2 "empty folder" -- "$WFOF" check "$TMP/empty"
expect_contains "empty folder explained" "no documents (*.txt, *.md, *.html, *.htm, *.pdf) in this folder"
printf 'caf\xc3 au lait\n' > "$TMP/latin1.txt"
expect_exit 2 "non-UTF-8 document" -- "$WFOF" check "$TMP/latin1.txt"
expect_contains "byte offset given" "$TMP/latin1.txt:1:4: error[E003]: document is not valid UTF-8 at byte offset 3"
expect_contains "a run with nothing checked says so" "0 document(s): 0 pass, 0 partial, 0 gap"
printf 'rules:\n  - id: x\n    title: X\n    checklist: [SA-1]\n    match: {a: "(unclosed"}\n    verdicts: [{pass: {all: [a]}}]\n' > "$TMP/bad.yaml"
expect_exit 2 "bad rule file" -- "$WFOF" check --rules "$TMP/bad.yaml" fixtures/real
expect_contains "regex error with position" "$TMP/bad.yaml:5:16: error[E018]: invalid regex in matcher 'a': missing ): (unclosed"
expect_exit 2 "validate reports the same" -- "$WFOF" validate "$TMP/bad.yaml"
expect_exit 0 "validate the bundled rules" -- "$WFOF" validate
expect_contains "validate summary" "ok: "
expect_equal() {  # DESCRIPTION WANT (the whole of LAST_OUTPUT)
  if [[ "$LAST_OUTPUT" == "$2" ]]; then pass "$1"; else fail "$1: expected exactly: $2" "$LAST_OUTPUT"; fi
}
cat > "$TMP/untested.yaml" <<'YAML'
rules:
  - id: untested-clause
    title: A rule with a clause no test reaches
    checklist: [TR-1]
    match:
      training: {terms: [training]}
      planned: {terms: ['@planned']}
    verdicts:
      - partial: {all: [training, planned]}
      - pass: {all: [training]}
    otherwise: gap
    tests:
      - text: "Training is given."
        expect: pass
YAML
expect_exit 0 "validate warns about a clause no inline test reaches" -- "$WFOF" validate rules/_fragments.yaml "$TMP/untested.yaml"
expect_equal "the warning names the clause, its verdict and its position" "$TMP/untested.yaml:9:18: warning[W001]: clause 0 (partial) of rule 'untested-clause' is reached by no inline test
$TMP/untested.yaml:2:5: warning[W001]: 'otherwise' (gap) of rule 'untested-clause' is reached by no inline test
ok: 1 rules, 1 inline tests, 19 checklist items (18 not covered by any rule); 2 clause(s) with no inline test"

if [[ $("$WFOF" --version) == *"no HTML"* || $("$WFOF" --version) == *"no PDF"* ]]; then
  # A build without libxml2 or Poppler cannot read fixtures/html or fixtures/pdf.
  expect_exit 2 "check fixtures/ with a build that lacks a format" -- "$WFOF" check fixtures
  expect_contains "names what it cannot read" "this wfof was built without"
else
expect_exit 1 "check fixtures/ skips what fixtures/.wfofignore lists (bad/)" -- "$WFOF" check fixtures
if [[ "$LAST_OUTPUT" == *"fixtures/real/"*"warning"* ]] && grep -A1 "fixtures/real/" <<<"$LAST_OUTPUT" | grep -q warning; then
  fail "the real releases produce warnings"
else
  pass "no warnings on the real releases"
fi
fi

echo "# JSON results"
expect_exit 1 "json to a file" -- "$WFOF" check fixtures/real fixtures/authored --format json --output "$TMP/r1.json" --jobs 1
if [[ -x $AJV ]]; then
  expect_exit 0 "results validate against schemas/results.schema.json" -- \
    "$AJV" validate --spec=draft7 -s schemas/results.schema.json -d "$TMP/r1.json"
  for f in rules/*.yaml; do
    expect_exit 0 "$f validates against schemas/rule-file.schema.json" -- \
      "$AJV" validate --spec=draft7 -s schemas/rule-file.schema.json -d "$f"
  done
else
  fail "ajv not installed (run scripts/test.sh, which installs tools/node)"
fi
expect_exit 0 "derbyshire's results read back" -- python3 - "$TMP/r1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
d = {x["path"]: x for x in r["documents"]}["fixtures/real/derbyshire.txt"]
assert d["subject"] == "Derbyshire Constabulary", d["subject"]
assert d["metrics"] == {"disclosure_investigations": 1, "social_media_cases": 0, "second_job_applications": 62,
                        "second_job_approvals": 59, "acu_staffing": "no change"}, d["metrics"]
items = {i["id"]: i["verdict"] for i in d["items"]}
assert items["SBI-2"] == "partial" and items["OVR-1"] == "pass", items
res = {x["rule"]: x for x in d["results"]}["second-jobs-scrutiny"]
ev = [e for e in res["evidence"] if e["matcher"] == "figures"][0]
src = open("fixtures/real/derbyshire.txt", "rb").read()
assert src[ev["start"]:ev["end"]].decode() == ev["text"], ev
assert ev["text"].startswith("62 applications for second jobs, 59 of which have been approved"), ev["text"]
assert res["message"] == "59 of 62 applications approved (95.2%): above the 95% threshold, but not every one.", res["message"]
assert r["summary"]["documents"] == len(r["documents"])
PY
expect_exit 1 "every fixture set checked" -- "$WFOF" check fixtures --format json --output "$TMP/all.json" --jobs 2
expect_exit 0 "every evidence span of every fixture is the file's own bytes, at its line and column" -- python3 - "$TMP/all.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
spans = 0
for d in r["documents"]:
    if d["path"].endswith(".pdf"):
        continue  # a PDF's spans are in its extracted text (tests/e2e/formats.sh)
    src = open(d["path"], "rb").read()
    for x in d["results"]:
        for e in x["evidence"]:
            assert src[e["start"]:e["end"]].decode() == e["text"], (d["path"], e)
            before = src[:e["start"]].decode()
            line = before.count("\n") + 1
            col = len(before[before.rfind("\n") + 1:].lstrip("\ufeff")) + 1
            assert (e["line"], e["column"]) == (line, col), (d["path"], e, line, col)
            spans += 1
assert len(r["documents"]) >= 100 and spans > 3000, (len(r["documents"]), spans)
PY
expect_exit 0 "no result carries a message written for another verdict" -- python3 - "$TMP/r1.json" <<'PY'
import glob, json, sys, yaml
r = json.load(open(sys.argv[1]))
otherwise = {}
for f in glob.glob("rules/*.yaml"):
    for rule in (yaml.safe_load(open(f)) or {}).get("rules") or []:
        otherwise[rule["id"]] = (rule.get("otherwise", "gap"), rule.get("message", ""))
checked = 0
for d in r["documents"]:
    for x in d["results"]:
        verdict, msg = otherwise[x["rule"]]
        if x["clause"] is not None and msg:
            assert x["message"] != msg, (d["path"], x["rule"], x["verdict"], x["message"])
            checked += 1
        if x["clause"] is None:
            assert x["verdict"] == verdict, (d["path"], x["rule"])
assert checked > 100, checked
PY
expect_exit 1 "same run with --jobs 4" -- "$WFOF" check fixtures/real fixtures/authored --format json --output "$TMP/r4.json" --jobs 4
if cmp -s "$TMP/r1.json" "$TMP/r4.json"; then pass "--jobs 1 and --jobs 4 give byte-identical JSON"; else fail "--jobs changes the JSON"; fi

SOURCE_DATE_EPOCH=1354233600 "$WFOF" check fixtures/real fixtures/authored --report-dir "$TMP/rd1" --jobs 1 --quiet --fail-on never
SOURCE_DATE_EPOCH=1354233600 "$WFOF" check fixtures/authored fixtures/real --report-dir "$TMP/rd3" --jobs 3 --quiet --fail-on never
if diff -r "$TMP/rd1" "$TMP/rd3" >/dev/null; then
  pass "every report format byte-identical across --jobs 1 and --jobs 3 and argument order"
else
  fail "reports differ across --jobs" "$(diff -r "$TMP/rd1" "$TMP/rd3" | head -20)"
fi
# Every format, from two separate processes (other addresses, other thread
# schedules) with --jobs 1 and --jobs 2.
for fmt in text json markdown html sarif junit github; do
  SOURCE_DATE_EPOCH=1354233600 "$WFOF" check fixtures/real fixtures/authored -f "$fmt" -o "$TMP/det1.$fmt" --jobs 1 --fail-on never
  SOURCE_DATE_EPOCH=1354233600 "$WFOF" check fixtures/real fixtures/authored -f "$fmt" -o "$TMP/det2.$fmt" --jobs 2 --fail-on never
  if [[ -s "$TMP/det1.$fmt" ]] && cmp -s "$TMP/det1.$fmt" "$TMP/det2.$fmt"; then
    pass "$fmt: byte-identical from two processes with --jobs 1 and --jobs 2"
  else
    fail "$fmt differs between two processes (--jobs 1, --jobs 2), or is empty" "$(diff "$TMP/det1.$fmt" "$TMP/det2.$fmt" | head -10)"
  fi
done
# JSON, SARIF, JUnit and text are written a document at a time (nothing
# held in memory); the report folder renders them from the whole run. Same bytes.
SOURCE_DATE_EPOCH=1354233600 "$WFOF" check fixtures/real fixtures/authored --jobs 2 --fail-on never \
  -f json -o "$TMP/s.json" -f sarif -o "$TMP/s.sarif" -f junit -o "$TMP/s.xml" -f text -o "$TMP/s.txt" > "$TMP/s.stdout"
if cmp -s "$TMP/s.json" "$TMP/rd1/results.json" && cmp -s "$TMP/s.sarif" "$TMP/rd1/results.sarif" &&
   cmp -s "$TMP/s.xml" "$TMP/rd1/results.junit.xml"; then
  pass "streamed JSON, SARIF and JUnit are byte-identical to the report folder's"
else
  fail "streamed JSON/SARIF/JUnit differ from the report folder's" "$(diff "$TMP/s.json" "$TMP/rd1/results.json" | head -5)"
fi
"$WFOF" check fixtures/real fixtures/authored --jobs 1 --fail-on never > "$TMP/s1.txt"
if cmp -s "$TMP/s.txt" "$TMP/s1.txt" && [[ ! -s "$TMP/s.stdout" ]]; then
  pass "text written to --output equals text on stdout, and stdout stays empty"
else
  fail "text to a file differs from text on stdout"
fi
"$WFOF" check fixtures/real --fail-on never --color always -f text -o "$TMP/colour.txt" > /dev/null
if [[ -s "$TMP/colour.txt" ]] && ! grep -q $'\x1b' "$TMP/colour.txt"; then
  pass "--color always colours the terminal only: no escape codes in a text --output"
else
  fail "escape codes written into a text report file"
fi
printf '\xff\n' > "$TMP/bad-utf8.txt"
expect_exit 2 "a bad document in a streamed JSON run" -- "$WFOF" check fixtures/real "$TMP/bad-utf8.txt" -f json -o "$TMP/partial.json"
if [[ $(jq -c '[.summary.documents, .errors]' "$TMP/partial.json") == '[5,[{"path":"'"$TMP"'/bad-utf8.txt","line":1,"column":1,"code":"E003","message":"document is not valid UTF-8 at byte offset 0"}]]' ]] &&
   ! ls -a "$TMP" | grep -q '^\.partial\.json\.tmp'; then
  pass "the streamed JSON holds the others and records the bad document, with no temporary file left"
else
  fail "a streamed run with a bad document" "$(jq -c '[.summary.documents, .errors]' "$TMP/partial.json" 2>&1)"
fi

echo "# explain and list"
expect_exit 0 "explain a rule" -- "$WFOF" explain --rule second-jobs-scrutiny fixtures/real/leicestershire.txt
expect_contains "explain shows the figure and the role it was given" "read as: '84' is applications ('applications' right after it); 'all but one' is approved ('approved' 4 words after it)"
expect_contains "explain shows the message of the deciding clause" "message: 83 of 84 applications approved (98.8%): above the 95% threshold, but not every one."
expect_contains "explain shows the comparison values" "where approved * 100 <= applications * 95: 8300 vs 7980 -> false"
expect_contains "explain names the deciding clause" "verdict: partial (basis evidence, clause 1)"
expect_exit 2 "explain an unknown rule" -- "$WFOF" explain --rule nope fixtures/real/durham.txt
expect_exit 0 "list coverage" -- "$WFOF" list coverage
expect_contains "coverage counts items" "12 of 19 items covered"
expect_exit 0 "list rules" -- "$WFOF" list rules
expect_contains "rules listed" "second-jobs-scrutiny"

echo "# output files"
mkdir -p "$TMP/ro" && chmod a-w "$TMP/ro"
if [[ $(id -u) == 0 ]]; then
  # root ignores permissions: use a path under a regular file instead.
  touch "$TMP/file"
  expect_exit 2 "unwritable --output" -- "$WFOF" check fixtures/real/durham.txt --format json --output "$TMP/file/out.json"
else
  expect_exit 2 "unwritable --output" -- "$WFOF" check fixtures/real/durham.txt --format json --output "$TMP/ro/out.json"
fi
expect_contains "write error names the path" "error[E036]: cannot write report"
if ls -A "$TMP/ro" | grep -q .; then fail "temporary files left behind"; else pass "nothing left behind"; fi
expect_exit 1 "--report-dir" -- "$WFOF" check fixtures/real --report-dir "$TMP/reports" --quiet
for f in README.md report.html results.json results.sarif results.junit.xml derbyshire.md; do
  if [[ -s "$TMP/reports/$f" ]]; then pass "report-dir wrote $f"; else fail "report-dir lacks $f"; fi
done

echo "# shards and merge"
"$WFOF" check fixtures/real fixtures/authored --fail-on never -f json -o "$TMP/whole.json"
for k in 1 2 3; do
  "$WFOF" check fixtures/real fixtures/authored --fail-on never --shard "$k/3" -f json -o "$TMP/shard$k.json"
done
n1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["documents"])' "$TMP/shard1.json")
n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["documents"])' "$TMP/whole.json")
if [[ $n1 == $(( (n + 2) / 3 )) ]]; then pass "--shard 1/3 checks every third document ($n1 of $n)"; else fail "--shard 1/3 checked $n1 of $n"; fi
expect_exit 0 "merge three shards, given out of order" -- "$WFOF" merge "$TMP/shard3.json" "$TMP/shard1.json" "$TMP/shard2.json" -o "$TMP/merged.json"
if cmp -s "$TMP/merged.json" "$TMP/whole.json"; then pass "merged shards are byte-identical to one whole run"; else fail "merged shards differ from the whole run" "$(diff "$TMP/merged.json" "$TMP/whole.json" | head -5)"; fi
"$WFOF" merge "$TMP/shard1.json" "$TMP/shard2.json" "$TMP/shard3.json" > "$TMP/merged-stdout.json"
if cmp -s "$TMP/merged-stdout.json" "$TMP/whole.json"; then pass "merge to stdout: the same bytes"; else fail "merge to stdout differs"; fi
"$WFOF" check fixtures/real --fail-on never --shard 6/6 -f json -o "$TMP/empty-shard.json"
expect_exit 0 "an empty shard (more shards than documents) still merges" -- "$WFOF" merge "$TMP/empty-shard.json" "$TMP/shard1.json" -o "$TMP/m2.json"

finish
