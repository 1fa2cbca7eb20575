#!/usr/bin/env bash
# The bad-input catalogue (fixtures/bad/ plus cases built here): each gets
# its exact error message and exit code 2. Usage: tests/e2e/bad_inputs.sh path/to/wfof
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
B=fixtures/bad

# expect_error DESCRIPTION "EXACT STDERR" -- COMMAND...: exit 2 and exactly
# that on stderr (the messages of each code are golden cases in
# tests/diagnostics/; these are the cases built here, around temporary files).
expect_error() {
  local desc=$1 want=$2; shift 3
  local err rc
  err=$("$@" 2>&1 >/dev/null) && rc=0 || rc=$?
  if [[ $rc == 2 ]]; then pass "$desc (exit 2)"; else fail "$desc: expected exit 2, got $rc" "$err"; fi
  if [[ $err == "$want" ]]; then pass "$desc: message"; else fail "$desc: expected exactly: $want" "$err"; fi
}

echo "# rule files (each message is a golden case in tests/diagnostics/)"
mkdir "$TMP/no-rules"
expect_error "empty rules folder" "$TMP/no-rules: error[E028]: no rule files (*.yaml) in this folder" -- "$WFOF" check --rules "$TMP/no-rules" fixtures/real
expect_error "missing rules path" "$TMP/nope: error[E001]: cannot read rules: no such file or folder" -- "$WFOF" validate "$TMP/nope"
expect_error "bad rules stop check before any document" "$B/rules/bad-regex.yaml:6:14: error[E018]: invalid regex in matcher 'check': missing ): self-(assessment" -- "$WFOF" check --rules $B/rules/bad-regex.yaml fixtures/real
expect_error "checklist given a folder" "fixtures: error[E001]: cannot read: is a directory" -- "$WFOF" validate --checklist fixtures

echo "# documents (empty, binary, not UTF-8: golden cases)"
expect_error "missing document" "$TMP/missing.txt: error[E001]: cannot read: no such file or folder" -- "$WFOF" check "$TMP/missing.txt"
expect_error "one bad document fails the run, naming it; the others are still reported" "$B/documents/empty.txt:1:1: error[E005]: document is empty" -- "$WFOF" check fixtures/real $B/documents/empty.txt
truncate -s 1G "$TMP/huge.txt"
expect_error "1 GB sparse file" "$TMP/huge.txt:1:1: error[E002]: document is 1073741824 bytes, over the limit of 67108864 bytes (--max-file-size)" -- "$WFOF" check "$TMP/huge.txt"
expect_error "directory given as the document to explain" "fixtures: error[E001]: cannot read document: is a directory" -- "$WFOF" explain --rule self-assessment fixtures
mkdir -p "$TMP/loop/sub" && ln -s .. "$TMP/loop/sub/up" && cp fixtures/real/durham.txt "$TMP/loop/"
expect_error "symlink loop" "$TMP/loop/sub/up: error[E030]: symlink loop: this folder leads back to $TMP/loop" -- "$WFOF" check "$TMP/loop"
ln -s self "$TMP/self" 
expect_error "self-referencing symlink" "$TMP/self: error[E001]: cannot read: Too many levels of symbolic links" -- "$WFOF" check "$TMP/self"

echo "# shards and merge"
expect_error "--shard out of range" "wfof check: error: --shard must be K/N with 1 <= K <= N (got '3/2')" -- "$WFOF" check fixtures/real --shard 3/2
expect_error "--shard not K/N" "wfof check: error: --shard must be K/N with 1 <= K <= N (got 'half')" -- "$WFOF" check fixtures/real --shard half
"$WFOF" check fixtures/real --fail-on never -f json -o "$TMP/m1.json" --shard 1/2
"$WFOF" check fixtures/real --fail-on never -f json -o "$TMP/m2.json" --shard 2/2
expect_error "the same results twice" "$TMP/m1.json:1:1: error[E035]: document fixtures/real/derbyshire.txt is also in $TMP/m1.json (the same file given twice?)" -- "$WFOF" merge "$TMP/m1.json" "$TMP/m1.json"
# Cut inside the first document's path: the message is then always the same.
python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); i=d.index(b"\"path\": \"")+10; open(sys.argv[2],"wb").write(d[:i+3])' "$TMP/m1.json" "$TMP/cut.json"
line=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print(d.count(b"\n")+1, len(d)-d.rfind(b"\n"))' "$TMP/cut.json")
expect_error "truncated results" "$TMP/cut.json:${line% *}:${line#* }: error[E034]: malformed JSON: syntax error while parsing value - invalid string: missing closing quote; last read: '\"fixt'" -- "$WFOF" merge "$TMP/cut.json" "$TMP/m2.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["checklist"]["id"]="another"; json.dump(r, open(sys.argv[2],"w"))' "$TMP/m2.json" "$TMP/other.json"
expect_error "results against another checklist" "$TMP/other.json:1:1: error[E035]: checked against checklist 'another', but $TMP/m1.json against 'wfof-2011'" -- "$WFOF" merge "$TMP/m1.json" "$TMP/other.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["documents"].pop(); json.dump(r, open(sys.argv[2],"w"))' "$TMP/m2.json" "$TMP/short.json"
expect_error "a document removed by hand" "$TMP/short.json:1:1: error[E035]: holds 1 documents but its summary counts 2 (truncated or edited?)" -- "$WFOF" merge "$TMP/m1.json" "$TMP/short.json"
"$WFOF" check fixtures/real --fail-on never -f sarif -o "$TMP/r.sarif"
expect_error "SARIF is not results JSON" "$TMP/r.sarif:1:1: error[E035]: not wfof results (no \"schema\": \"wfof-results/1\")" -- "$WFOF" merge "$TMP/r.sarif"
expect_error "merge writes nothing on error" "$TMP/short.json:1:1: error[E035]: holds 1 documents but its summary counts 2 (truncated or edited?)" -- "$WFOF" merge "$TMP/m1.json" "$TMP/short.json" -o "$TMP/never-merged.json"
if [[ ! -e "$TMP/never-merged.json" ]]; then pass "no merged file after a failed merge"; else fail "a failed merge left a file"; fi

echo "# a 50 MB single-line document is checked, not refused"
python3 -c "
import sys
line = 'In Longline Police, HMIC found: ' + 'The force has a policy on media relationships that was reviewed. ' * 790000
open(sys.argv[1], 'w').write(line[:50_000_000])" "$TMP/long.txt"
expect_exit 1 "50 MB line checked (gaps found)" -- "$WFOF" check --quiet "$TMP/long.txt"

echo "# outputs"
touch "$TMP/a-file"
expect_error "report dir that is a file" "$TMP/a-file: error[E036]: cannot create report folder: Not a directory" -- "$WFOF" check fixtures/real --report-dir "$TMP/a-file"
mkdir "$TMP/readonly" && chmod a-w "$TMP/readonly"
as_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  # root writes anywhere: drop to nobody so permissions apply. nobody may
  # not be able to reach the checkout (a clone under a 0700 mktemp -d
  # folder), so it gets world-readable copies of all it needs in its own
  # folder, and runs from there.
  chmod o+rx "$TMP" && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [[ $(id -u) != 0 || ${#as_user[@]} -gt 0 ]]; then
  NB="$TMP/nobody"
  mkdir -p "$NB/checklists" && cp "$WFOF" "$NB/wfof" && cp -r rules "$NB/rules" && cp -r fixtures/real "$NB/documents" &&
    cp checklists/wfof-2011.yaml "$NB/checklists/" && chmod -R a+rX "$NB"
  expect_error "read-only report dir" "$TMP/readonly/derbyshire.md: error[E036]: cannot write report: Permission denied" -- \
    "${as_user[@]}" env -C "$NB" ./wfof check documents --report-dir "$TMP/readonly" --checklist checklists/wfof-2011.yaml --rules rules
  if [[ -z "$(ls -A "$TMP/readonly")" ]]; then pass "read-only dir left empty"; else fail "files left in read-only dir"; fi
else
  echo "SKIP - read-only report dir: running as root without setpriv"
fi

echo "# interrupted runs leave no partial or temporary report"
python3 tests/bench/gen_corpus.py corpus "$TMP/corpus" --docs 3000
# wait_for_reading PID BYTES: waits (up to 120 s) until process PID has read
# BYTES bytes (/proc/PID/io rchar); fails if it ends first.
wait_for_reading() {
  local pid=$1 want=$2 rchar
  for _ in $(seq 1200); do
    rchar=$(awk '$1 == "rchar:" {print $2}' "/proc/$pid/io" 2>/dev/null) || rchar=
    [[ -z $rchar ]] && return 1  # gone
    (( rchar >= want )) && return 0
    sleep 0.1
  done
  return 1
}
started_at=$(( $(cat rules/*.yaml checklists/wfof-2011.yaml | wc -c) + $(find "$TMP/corpus" -type f -exec cat {} + | wc -c) / 10 ))
for sig in INT TERM; do
  rm -rf "$TMP/out"
  echo '{"old": true}' > "$TMP/keep.json"  # a report from before: written as the run goes, named only at the end
  # A background job of a script starts with SIGINT ignored: give it back its default.
  env --default-signal=INT "$WFOF" check "$TMP/corpus" --report-dir "$TMP/out" -f json -o "$TMP/keep.json" --quiet --jobs 1 &
  pid=$!
  # Signal once the run is checking documents (it has read past the rules,
  # the checklist and a tenth of the corpus), however busy the machine is.
  if wait_for_reading "$pid" "$started_at"; then kill -$sig $pid; fi
  wait $pid; rc=$?
  want=$(( 128 + $(kill -l $sig) ))
  if [[ $rc -eq $want ]]; then pass "SIG$sig stopped the run (exit $rc)"; else fail "SIG$sig: exit $rc, not $want: the run finished before the signal, or ignored it"; fi
  leftovers=$(find "$TMP/out" -name '.*.tmp.*' 2>/dev/null | wc -l)
  if [[ $leftovers == 0 ]]; then pass "SIG$sig: no temporary files"; else fail "SIG$sig: $leftovers temporary files left"; fi
  if [[ -f "$TMP/out/results.json" ]] && ! python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/out/results.json"; then
    fail "SIG$sig: truncated results.json"
  else
    pass "SIG$sig: no truncated report"
  fi
  if [[ $(cat "$TMP/keep.json") == '{"old": true}' ]]; then pass "SIG$sig: the earlier -o report is untouched"; else fail "SIG$sig: the earlier -o report changed"; fi
done

finish
