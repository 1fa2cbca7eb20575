#!/usr/bin/env bash
# Waivers (check --waivers FILE, or 'waivers' in .wfof.yaml): a waived gap
# does not count for --fail-on but shows in every format; an expired one
# counts again and says so; one that matches nothing is a warning; a bad
# waivers file is exit 2 at path:line:col. "Today" is SOURCE_DATE_EPOCH.
# Usage: tests/e2e/waivers.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
ROOT=$PWD
SCHEMAS=${WFOF_SHARED:+$WFOF_SHARED/schemas}
SCHEMAS=${SCHEMAS:-$ROOT/tests/schemas}
AJV=$ROOT/tools/node/node_modules/.bin/ajv
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
same() {
  if [[ "$LAST_OUTPUT" == "$2" ]]; then pass "$1"; else fail "$1" "$(diff <(echo "$2") <(echo "$LAST_OUTPUT"))"; fi
}
# 2013-05-31 00:00:00 UTC
export SOURCE_DATE_EPOCH=1369958400

cd "$TMP"
# Every item passes but TR-1 (no training is reported): a gap by absence,
# whatever the wording of the rules.
cat > almost.md <<'DOC'
# Almost Exemplary Police has made good progress in managing integrity issues

In Almost Exemplary Police, HMIC found:

- The force has carried out a self-assessment using the 2011 checklist.
- Its policies on relationships with the media, on gifts and hospitality, on social media and on second jobs have all been reviewed and updated.
- Staff awareness of these policies was good.
- Research found no cases of inappropriate behaviour on Facebook or Twitter by staff.
- Applications for second jobs are assessed by the professional standards department.
- There were 50 applications for second jobs, 40 of which were approved.
- The number of staff in the anti-corruption unit has increased.
- An integrity board chaired by the deputy chief constable oversees this work.
DOC
cat > waivers.yaml <<'YAML'
- subject: Almost Exemplary Police
  item: TR-1
  reason: The training programme starts in June.
  accepted-by: Head of Professional Standards
  expires: 2013-06-30
YAML
W="gap, waived until 2013-06-30 (accepted by Head of Professional Standards: The training programme starts in June.)"

echo "# a waived gap does not count for --fail-on"
expect_exit 1 "without waivers, the TR-1 gap fails the run" -- "$WFOF" check almost.md
expect_exit 0 "with the waiver, nothing counts" -- "$WFOF" check almost.md --waivers waivers.yaml
expect_contains "text: the waiver under the item" "  TR-1  gap     Integrity training
          no evidence: No integrity or professional-standards training is reported.
          waived until 2013-06-30 (accepted by Head of Professional Standards: The training programme starts in June.)"
expect_contains "text: the verdict counts are the verdicts" "11 pass, 0 partial, 1 gap"
SOURCE_DATE_EPOCH=1372550400 expect_exit 0 "on its expiry day (2013-06-30) it still holds" -- "$WFOF" check almost.md --waivers waivers.yaml

echo "# visible in every format"
"$WFOF" check almost.md --waivers waivers.yaml -f json -o r.json -f sarif -o r.sarif -f junit -o r.xml -f github -o r.gh
python3 - r.json r.sarif <<'PY' && pass "JSON: a waiver object on the item; SARIF: the result suppressed, with the justification" || fail "JSON or SARIF waiver"
import json, sys
r = json.load(open(sys.argv[1]))
items = {i["id"]: i for i in r["documents"][0]["items"]}
assert items["TR-1"]["waiver"] == {"reason": "The training programme starts in June.",
                                   "accepted_by": "Head of Professional Standards",
                                   "expires": "2013-06-30", "expired": False}, items["TR-1"]
assert all("waiver" not in i for k, i in items.items() if k != "TR-1")
s = json.load(open(sys.argv[2]))
res = [x for x in s["runs"][0]["results"] if "TR-1" in x["properties"]["items"]]
assert res and all(x["suppressions"] == [{"kind": "external", "status": "accepted",
    "justification": "waived until 2013-06-30 (accepted by Head of Professional Standards: The training programme starts in June.)"}] for x in res), res
PY
if grep -qF "<skipped message=\"$W\"/>" r.xml && grep -q 'failures="0" errors="0" skipped="1"' r.xml; then pass "JUnit: the testcase is skipped with the reason, not failed"
else fail "JUnit skipped" "$(grep -B1 -A2 TR-1 r.xml)"; fi
if grep -q '^::notice file=almost.md,.*title=TR-1 gap::' r.gh && grep -qF 'waived until 2013-06-30' r.gh; then pass "GitHub: a notice, not an error"
else fail "GitHub annotation" "$(cat r.gh)"; fi
expect_exit 0 "--report-dir with waivers" -- "$WFOF" check almost.md --waivers waivers.yaml --report-dir rep
if grep -qF "**Waived until 2013-06-30**: accepted by Head of Professional Standards — The training programme starts in June." rep/almost.md; then pass "Markdown: waived until ... under the item"
else fail "Markdown waiver" "$(grep -n -i waive rep/almost.md)"; fi
if grep -qF "| gap (waived) |" rep/README.md; then pass "Markdown summary: the matrix cell says waived"; else fail "Markdown matrix" "$(grep Almost rep/README.md)"; fi
if grep -qF '<p class="waiver"><strong>Waived until 2013-06-30</strong>: accepted by Head of Professional Standards — The training programme starts in June.</p>' rep/report.html; then pass "HTML: waived until ..."
else fail "HTML waiver"; fi
if [[ -x $AJV ]]; then
  expect_exit 0 "JSON with a waiver validates against schemas/results.schema.json" -- \
    "$AJV" validate --spec=draft7 -s "$ROOT/schemas/results.schema.json" -d r.json
fi
SARIF_SCHEMA=$( [[ -f $SCHEMAS/sarif-schema-2.1.0.json ]] && echo "$SCHEMAS/sarif-schema-2.1.0.json" || echo "$ROOT/$SCHEMAS/sarif-schema-2.1.0.json")
MULTITOOL=$ROOT/tools/node/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ -x $AJV && -f $SARIF_SCHEMA ]]; then
  # The OASIS schema is draft-04: ajv-cli's migrate makes it draft-07 (as validate_outputs.sh does).
  "$AJV" migrate --spec=draft7 -s "$SARIF_SCHEMA" -o sarif-schema.json >/dev/null && cp r.sarif r.sarif.json
  expect_exit 0 "SARIF with suppressions validates against the SARIF 2.1.0 schema" -- \
    "$AJV" validate --spec=draft7 -c ajv-formats -s sarif-schema.json -d r.sarif.json
fi
if [[ -x $MULTITOOL ]]; then
  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 "$MULTITOOL" validate r.sarif --output v.sarif > mt.out 2>&1
  if [[ -s v.sarif ]] && ! grep -q ': error ' mt.out; then pass "Sarif.Multitool: no errors with suppressions"; else fail "Sarif.Multitool" "$(cat mt.out)"; fi
fi
if command -v xmllint >/dev/null && [[ -f $ROOT/$SCHEMAS/junit.xsd || -f $SCHEMAS/junit.xsd ]]; then
  xsd=$([[ -f $SCHEMAS/junit.xsd ]] && echo "$SCHEMAS/junit.xsd" || echo "$ROOT/$SCHEMAS/junit.xsd")
  # <testsuites> carries run totals the Ant schema does not know (see validate_outputs.sh).
  sed '2s/<testsuites [^>]*>/<testsuites>/' r.xml > r-schema.xml
  expect_exit 0 "JUnit with a skipped case validates against junit.xsd" -- xmllint --noout --schema "$xsd" r-schema.xml
fi

echo "# an expired waiver counts again, and says so"
SOURCE_DATE_EPOCH=1372636800 expect_exit 1 "the day after expiry (2013-07-01) the gap fails the run" -- "$WFOF" check almost.md --waivers waivers.yaml
expect_contains "a warning on stderr at the waiver" "waivers.yaml:1:3: warning[W004]: the waiver for TR-1 of Almost Exemplary Police expired on 2013-06-30: it counts again"
expect_contains "the document's warning in the report" "  warning: the waiver for TR-1 expired on 2013-06-30 (accepted by Head of Professional Standards): the gap counts again"
expect_contains "the item says the waiver expired" "          waiver expired on 2013-06-30 (accepted by Head of Professional Standards: The training programme starts in June.)"
SOURCE_DATE_EPOCH=1372636800 "$WFOF" check almost.md --waivers waivers.yaml -f json -o expired.json -f junit -o expired.xml 2>/dev/null
python3 - expired.json <<'PY' && pass "JSON: the waiver is there, expired" || fail "expired waiver in JSON"
import json, sys
d = json.load(open(sys.argv[1]))["documents"][0]
w = {i["id"]: i for i in d["items"]}["TR-1"]["waiver"]
assert w["expired"] is True, w
assert any("expired on 2013-06-30" in x for x in d["warnings"]), d["warnings"]
PY
if grep -q 'failures="1" errors="0" skipped="0"' expired.xml && grep -qF "(waiver expired on 2013-06-30" expired.xml; then pass "JUnit: a failure again, saying the waiver expired"
else fail "JUnit expired" "$(grep -A2 TR-1 expired.xml)"; fi

echo "# waivers that match nothing are warnings"
cat > more.yaml <<'YAML'
- subject: Almost Exemplary Police
  item: TR-1
  reason: Starts in June.
  accepted-by: Head of Professional Standards
  expires: 2013-06-30
- subject: Nowhere Constabulary
  item: TR-1
  reason: No such force.
  accepted-by: Nobody
  expires: 2014-01-01
- document: almost.md
  item: SA-1
  reason: It passes anyway.
  accepted-by: Nobody
  expires: 2014-01-01
YAML
expect_exit 0 "unmatched waivers do not fail the run" -- "$WFOF" check almost.md --waivers more.yaml --quiet
same "each unmatched waiver warned about at its position" "more.yaml:6:3: warning[W002]: the waiver for TR-1 of Nowhere Constabulary matches nothing: no document checked has that subject
more.yaml:11:3: warning[W002]: the waiver for SA-1 of almost.md matches nothing: the item is not a gap or partial there"
mkdir sub && cp more.yaml sub/more.yaml && sed -i 's|document: almost.md|document: ../almost.md|' sub/more.yaml
expect_exit 0 "a waiver's document is relative to the waivers file" -- "$WFOF" check almost.md --waivers sub/more.yaml --quiet
expect_contains "matched from sub/ too" "sub/more.yaml:11:3: warning[W002]: the waiver for SA-1 of ../almost.md matches nothing: the item is not a gap or partial there"

echo "# the waivers file named in .wfof.yaml"
printf 'waivers: waivers.yaml\n' > .wfof.yaml
echo '[]' > empty.yaml
expect_exit 0 "the config's waivers apply" -- "$WFOF" check almost.md --rules "$ROOT/rules" --checklist "$ROOT/checklists/wfof-2011.yaml"
expect_exit 1 "--waivers on the command line overrides the config's" -- "$WFOF" check almost.md --rules "$ROOT/rules" --checklist "$ROOT/checklists/wfof-2011.yaml" --waivers empty.yaml
rm .wfof.yaml

echo "# bad waivers: exit 2 at path:line:col, before any document is read"
cat > bad.yaml <<'YAML'
- subject: Almost Exemplary Police
  item: TR-9
  reason: A typo in the item.
  accepted-by: Someone
  expires: 2013-06-30
- subject: Almost Exemplary Police
  item: SA-1
  reason: A misspelt key.
  acepted-by: Someone
  expires: 30/06/2013
- document: almost.md
  subject: Almost Exemplary Police
  item: GOV-1
  reason: ""
  accepted-by: Someone
  expires: 2013-02-30
- item: MED-1
  reason: For which document?
  accepted-by: Someone
  expires: 2013-06-30
  expires: 2013-07-30
YAML
expect_exit 2 "a bad waivers file" -- "$WFOF" check almost.md --waivers bad.yaml
same "every problem, in file order, with the nearest valid key or item" "bad.yaml:2:9: error[E019]: unknown checklist item 'TR-9' in wfof-2011
  help: did you mean 'TR-1'?
bad.yaml:6:3: error[E014]: a waiver is missing the required key 'accepted-by'
bad.yaml:9:3: error[E011]: unknown key 'acepted-by' in a waiver
  help: did you mean 'accepted-by'?
bad.yaml:10:12: error[E015]: 'expires' must be a date YYYY-MM-DD, not '30/06/2013'
bad.yaml:12:12: error[E016]: a waiver names a document or a subject, not both
bad.yaml:14:11: error[E015]: 'reason' of a waiver is empty: say why the finding is accepted
bad.yaml:16:12: error[E015]: 'expires' must be a date YYYY-MM-DD, not '2013-02-30'
bad.yaml:17:3: error[E014]: a waiver is missing 'document' or 'subject' (which document it is for)
bad.yaml:21:3: error[E008]: duplicate key 'expires'
  note: first defined here at bad.yaml:20:3"
printf -- '- subject: Almost Exemplary Police\n  item: TR-1\n  reason: r\n  accepted-by: a\n  expires: 2013-06-30\n- subject: Almost Exemplary Police\n  item: TR-1\n  reason: again\n  accepted-by: b\n  expires: 2014-06-30\n' > twice.yaml
expect_exit 2 "two waivers for one item" -- "$WFOF" check almost.md --waivers twice.yaml
same "the second named, the first pointed to" "twice.yaml:6:3: error[E033]: a second waiver for TR-1 of Almost Exemplary Police
  note: first defined here at twice.yaml:1:3"
printf 'subject: x\n' > notlist.yaml
expect_exit 2 "a waivers file that is not a list" -- "$WFOF" check almost.md --waivers notlist.yaml
same "not a list: at 1:1" "notlist.yaml:1:1: error[E013]: the waivers file must be a list of waivers (- subject: ..., item: ..., reason: ..., accepted-by: ..., expires: YYYY-MM-DD)"
expect_exit 2 "a missing waivers file" -- "$WFOF" check almost.md --waivers none.yaml
same "named" "none.yaml: error[E001]: cannot read: no such file"
finish
