#!/usr/bin/env bash
# Validates wfof's SARIF and JUnit reports with real validators:
#   1. the SARIF log against the OASIS SARIF 2.1.0 JSON Schema (ajv-cli + ajv-formats),
#   2. the SARIF log with Microsoft's SARIF validator (Sarif.Multitool validate),
#   3. the JUnit XML against the Apache Ant JUnit schema (xmllint).
# Each validator is first shown a broken file, so a validator that accepts
# everything cannot pass the test. A missing tool is a failure, never a skip.
#
# Usage (from the repo root): tests/e2e/validate_outputs.sh path/to/wfof
# The SARIF and JUnit schemas are read from tests/schemas (or
# $WFOF_SHARED/schemas when that is set). The node tools
# come from tools/node (installed there with `npm ci` when missing).
set -euo pipefail

WFOF=${1:?usage: tests/e2e/validate_outputs.sh path/to/wfof}
SCHEMAS=${WFOF_SHARED:+$WFOF_SHARED/schemas}
SCHEMAS=${SCHEMAS:-tests/schemas}
NODE_DIR=tools/node
BIN=$NODE_DIR/node_modules/.bin
MULTITOOL=$NODE_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

[[ -x $WFOF ]] || fail "wfof binary '$WFOF' not found or not executable"
[[ -f $SCHEMAS/sarif-schema-2.1.0.json ]] || fail "SARIF schema not found at $SCHEMAS/sarif-schema-2.1.0.json "
[[ -f $SCHEMAS/junit.xsd ]] || fail "JUnit schema not found at $SCHEMAS/junit.xsd"
command -v node >/dev/null || fail "node is not installed (apt-get install nodejs npm)"
command -v xmllint >/dev/null || fail "xmllint is not installed (apt-get install libxml2-utils)"
if [[ ! -x $BIN/ajv || ! -f $MULTITOOL ]]; then
  command -v npm >/dev/null || fail "npm is not installed (apt-get install npm), needed for tools/node"
  step "installing the validators into $NODE_DIR (npm ci)"
  npm ci --prefix "$NODE_DIR" --no-audit --no-fund >&2 || fail "npm ci in $NODE_DIR failed"
fi
[[ -x $BIN/ajv ]] || fail "ajv-cli missing from $NODE_DIR after install"
[[ -f $MULTITOOL ]] || fail "Sarif.Multitool missing from $NODE_DIR after install"
# The package's postinstall only does this chmod; npm may not have run it.
[[ -x $MULTITOOL ]] || chmod u+x "$MULTITOOL"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

step "wfof check fixtures/real --format sarif --format junit"
"$WFOF" check fixtures/real --fail-on never --quiet \
  --format sarif --output "$TMP/r.sarif" --format junit --output "$TMP/r.xml" ||
  fail "wfof check failed (exit $?)"
[[ -s $TMP/r.sarif && -s $TMP/r.xml ]] || fail "wfof check wrote no reports"
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const run = log.runs[0];
  console.log(`wrote ${run.results.length} SARIF results over ${run.artifacts.length} documents, ` +
              `${run.tool.driver.rules.length} rules, wfof ${run.tool.driver.version}`);
  if (run.results.length === 0) { console.error("FAIL: no SARIF results: nothing was validated"); process.exit(1); }
' "$TMP/r.sarif"

# --- 1. JSON Schema ---------------------------------------------------------
# The OASIS schema is draft-04, which ajv 8 no longer reads: ajv-cli's own
# `migrate` turns it into draft-07 (id -> $id; the schema uses no other
# draft-04-only keyword), then `validate` checks the log, formats included.
step "1. SARIF against the OASIS SARIF 2.1.0 JSON Schema (ajv-cli, ajv-formats)"
"$BIN/ajv" migrate --spec=draft7 -s "$SCHEMAS/sarif-schema-2.1.0.json" -o "$TMP/sarif-schema.json" >/dev/null ||
  fail "ajv could not read $SCHEMAS/sarif-schema-2.1.0.json"
ajv_validate() { "$BIN/ajv" validate --spec=draft7 -c ajv-formats --errors=text -s "$TMP/sarif-schema.json" -d "$1"; }
# ajv picks a parser by file extension: .sarif must be named .json.
cp "$TMP/r.sarif" "$TMP/r.sarif.json"
node -e '
  const fs = require("fs"); const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  log.runs[0].results[0].level = "fatal";  // not one of the enumerated levels
  fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$TMP/r.sarif.json" "$TMP/broken.sarif.json"
ajv_validate "$TMP/broken.sarif.json" >/dev/null 2>&1 && fail "ajv accepted a SARIF log with an invalid level: the check proves nothing"
ajv_validate "$TMP/r.sarif.json" || fail "the SARIF log does not match the OASIS SARIF 2.1.0 schema"
echo "ok: SARIF log is valid against the SARIF 2.1.0 JSON Schema (a deliberately broken copy was rejected)"

# --- 2. Microsoft's SARIF validator -------------------------------------------
# Sarif.Multitool exits 0 even when it reports errors: read its own log.
step "2. SARIF with Microsoft's SARIF validator (Sarif.Multitool validate)"
multitool_errors() {
  rm -f "$TMP/validation.sarif"
  "$MULTITOOL" validate "$1" --output "$TMP/validation.sarif" >"$TMP/multitool.out" 2>&1 ||
    { cat "$TMP/multitool.out" >&2; fail "Sarif.Multitool did not run"; }
  [[ -s $TMP/validation.sarif ]] || { cat "$TMP/multitool.out" >&2; fail "Sarif.Multitool wrote no log"; }
  node -e '
    const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const results = log.runs.flatMap(r => r.results || []);
    const n = level => results.filter(r => (r.level || "warning") === level).length;
    console.log(`${n("error")} ${n("warning")} ${n("note")}`);
  ' "$TMP/validation.sarif"
}
node -e '
  const fs = require("fs"); const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const region = log.runs[0].results[0].locations[0].physicalLocation.region;
  region.startLine = 50; region.endLine = 2;  // an end before its start
  fs.writeFileSync(process.argv[2], JSON.stringify(log));
' "$TMP/r.sarif" "$TMP/broken.sarif"
read -r broken_errors _ _ < <(multitool_errors "$TMP/broken.sarif")
((broken_errors > 0)) || fail "Sarif.Multitool found no error in a broken log: the check proves nothing"
read -r errors warnings notes < <(multitool_errors "$TMP/r.sarif")
grep -E ': (error|warning) SARIF' "$TMP/multitool.out" || true
((errors == 0)) || fail "Sarif.Multitool reports $errors error(s) in the SARIF log"
echo "ok: Sarif.Multitool validate: 0 errors, $warnings warning(s), $notes note(s) (a deliberately broken copy got $broken_errors error(s))"

# --- 3. JUnit -----------------------------------------------------------------
step "3. JUnit XML against the Apache Ant JUnit schema (xmllint)"
sed 's/ hostname="[^"]*"//' "$TMP/r.xml" >"$TMP/broken.xml"  # hostname is required
xmllint --noout --schema "$SCHEMAS/junit.xsd" "$TMP/broken.xml" >/dev/null 2>&1 &&
  fail "xmllint accepted a testsuite without a hostname: the check proves nothing"
# The Ant schema predates the run totals on <testsuites> (tests, failures,
# errors, skipped, time) that Jenkins, GitLab and Surefire write and read:
# the totals are checked here, and the rest against the schema.
totals=$(sed -n '2p' "$TMP/r.xml")
want_tests=$(grep -c '<testcase ' "$TMP/r.xml"); want_failures=$(grep -c '<failure ' "$TMP/r.xml")
[[ $totals == "<testsuites name=\"wfof\" tests=\"$want_tests\" failures=\"$want_failures\" errors=\"0\" skipped=\"0\" time=\""*'">' ]] ||
  fail "the <testsuites> totals do not add up: $totals (want $want_tests tests, $want_failures failures)"
sed '2s/<testsuites [^>]*>/<testsuites>/' "$TMP/r.xml" > "$TMP/r-schema.xml"
xmllint --noout --schema "$SCHEMAS/junit.xsd" "$TMP/r-schema.xml" || fail "the JUnit XML does not match $SCHEMAS/junit.xsd"
echo "ok: JUnit XML is valid against junit.xsd ($(grep -c '<testsuite ' "$TMP/r.xml") suites, $(grep -c '<testcase ' "$TMP/r.xml") cases, $(grep -c '<failure ' "$TMP/r.xml") failures; a copy without hostname was rejected)"

echo
echo "validate_outputs: 3 passed, 0 failed"
