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

# expect_error DESCRIPTION "EXACT STDERR LINE" -- COMMAND...
expect_error() {
  local desc=$1 line=$2; shift 3
  expect_exit 2 "$desc" -- "$@"
  expect_contains "$desc: message" "$line"
}

echo "# rule files"
expect_error "malformed YAML" "$B/rules/malformed.yaml:4:1: error: malformed YAML: end of sequence flow not found" -- "$WFOF" validate $B/rules/malformed.yaml
expect_error "not a list of rules" "$B/rules/not-a-list.yaml:1:1: error: a rule file must be a mapping with a 'rules' list (or only 'fragments')" -- "$WFOF" validate $B/rules/not-a-list.yaml
expect_error "duplicate key (YAML 1.2)" "$B/rules/duplicate-key.yaml:10:5: error: duplicate key 'otherwise' (first at line 9, column 5)" -- "$WFOF" validate $B/rules/duplicate-key.yaml
expect_error "unterminated quoted scalar, at its opening quote" "$B/rules/unterminated-quote.yaml:3:12: error: unterminated quoted scalar: no closing double quote" -- "$WFOF" validate $B/rules/unterminated-quote.yaml
expect_error "not valid UTF-8, at the bad byte before parsing" "$B/rules/not-utf8.yaml:3:15: error: not valid UTF-8 (byte 0xe9)" -- "$WFOF" validate $B/rules/not-utf8.yaml
expect_error "misspelt key" "$B/rules/misspelt-key.yaml:9:5: error: unknown key 'otherwize' in a rule; did you mean 'otherwise'?" -- "$WFOF" validate $B/rules/misspelt-key.yaml
expect_error "wrong type" "$B/rules/wrong-type.yaml:5:15: error: 'severity' must be a string" -- "$WFOF" validate $B/rules/wrong-type.yaml
expect_contains "wrong type: second problem in the same run" "$B/rules/wrong-type.yaml:9:38: error: 'within' must be clause, sentence, item, paragraph, section or document"
expect_error "invalid regex" "$B/rules/bad-regex.yaml:6:14: error: invalid regex in matcher 'check': missing ): self-(assessment" -- "$WFOF" validate $B/rules/bad-regex.yaml
expect_error "backreference" "$B/rules/backreference.yaml:6:14: error: invalid regex in matcher 'check': invalid escape sequence: \\1 (RE2 does not support backreferences such as \\1)" -- "$WFOF" validate $B/rules/backreference.yaml
expect_error "lookahead" "$B/rules/lookahead.yaml:6:14: error: invalid regex in matcher 'check': invalid perl operator: (?! (RE2 does not support lookahead or lookbehind; use a 'none' matcher or 'polarity' instead)" -- "$WFOF" validate $B/rules/lookahead.yaml
expect_error "duplicate id" "$B/rules/duplicate-id.yaml:7:5: error: duplicate rule id 'twice' (first defined at $B/rules/duplicate-id.yaml:2)" -- "$WFOF" validate $B/rules/duplicate-id.yaml
expect_error "unknown checklist item" "$B/rules/unknown-item.yaml:4:17: error: unknown checklist item 'SA-9' (not in checklists/wfof-2011.yaml)" -- "$WFOF" validate $B/rules/unknown-item.yaml
expect_error "undefined matcher" "$B/rules/undefined-matcher.yaml:8:22: error: undefined matcher 'polcy'; did you mean 'policy'?" -- "$WFOF" validate $B/rules/undefined-matcher.yaml
expect_error "tab-indented block" "$B/rules/tab-indented.yaml:2:2: error: malformed YAML: illegal block entry (the file contains tab characters; YAML indentation must use spaces)" -- "$WFOF" validate $B/rules/tab-indented.yaml
expect_error "alias bomb" "$B/rules/alias-bomb.yaml: error: YAML expands to more than 1048576 nodes (alias bomb?)" -- "$WFOF" validate $B/rules/alias-bomb.yaml
expect_error "deep nesting" "$B/rules/deep-nesting.yaml:1:72: error: YAML nested more than 64 levels deep" -- "$WFOF" validate $B/rules/deep-nesting.yaml
mkdir "$TMP/no-rules"
expect_error "empty rules folder" "$TMP/no-rules: error: no rule files (*.yaml) in this folder" -- "$WFOF" check --rules "$TMP/no-rules" fixtures/real
expect_error "missing rules path" "$TMP/nope: error: cannot read rules: no such file or folder" -- "$WFOF" validate "$TMP/nope"
expect_error "bad rules stop check before any document" "$B/rules/bad-regex.yaml:6:14: error" -- "$WFOF" check --rules $B/rules/bad-regex.yaml fixtures/real
expect_error "checklist given a folder" "fixtures: error: cannot read: is a directory" -- "$WFOF" validate --checklist fixtures

echo "# documents"
expect_error "empty document" "$B/documents/empty.txt: error: document is empty" -- "$WFOF" check $B/documents/empty.txt
expect_error "whitespace-only document" "$B/documents/whitespace-only.txt: error: document has no text" -- "$WFOF" check $B/documents/whitespace-only.txt
expect_error "binary document" "$B/documents/binary.txt: error: document contains a NUL byte at byte offset 12 (binary file?)" -- "$WFOF" check $B/documents/binary.txt
expect_error "Latin-1 document" "$B/documents/latin1.txt: error: document is not valid UTF-8 at byte offset 6" -- "$WFOF" check $B/documents/latin1.txt
expect_error "truncated UTF-8" "$B/documents/truncated-utf8.md: error: document is not valid UTF-8 at byte offset 28" -- "$WFOF" check $B/documents/truncated-utf8.md
expect_error "missing document" "$TMP/missing.txt: error: cannot read: no such file or folder" -- "$WFOF" check "$TMP/missing.txt"
expect_error "one bad document fails the run, naming it" "$B/documents/empty.txt: error: document is empty" -- "$WFOF" check fixtures/real $B/documents/empty.txt
expect_contains "and the others are still reported" "fixtures/real/durham.txt (Durham Constabulary)"
truncate -s 1G "$TMP/huge.txt"
expect_error "1 GB sparse file" "$TMP/huge.txt: error: document is 1073741824 bytes, over the limit of 67108864 bytes (--max-file-size)" -- "$WFOF" check "$TMP/huge.txt"
expect_error "directory given as the document to explain" "fixtures: error: cannot read document: is a directory" -- "$WFOF" explain --rule self-assessment fixtures
mkdir -p "$TMP/loop/sub" && ln -s .. "$TMP/loop/sub/up" && cp fixtures/real/durham.txt "$TMP/loop/"
expect_error "symlink loop" "$TMP/loop/sub/up: error: symlink loop: this folder leads back to" -- "$WFOF" check "$TMP/loop"
ln -s self "$TMP/self" 
expect_error "self-referencing symlink" "$TMP/self: error: cannot read" -- "$WFOF" check "$TMP/self"

echo "# shards and merge"
expect_error "--shard out of range" "wfof check: error: --shard must be K/N with 1 <= K <= N (got '3/2')" -- "$WFOF" check fixtures/real --shard 3/2
expect_error "--shard not K/N" "wfof check: error: --shard must be K/N with 1 <= K <= N (got 'half')" -- "$WFOF" check fixtures/real --shard half
"$WFOF" check fixtures/real --fail-on never -f json -o "$TMP/m1.json" --shard 1/2
"$WFOF" check fixtures/real --fail-on never -f json -o "$TMP/m2.json" --shard 2/2
expect_error "the same results twice" "$TMP/m1.json: error: document fixtures/real/derbyshire.txt is also in $TMP/m1.json (the same file given twice?)" -- "$WFOF" merge "$TMP/m1.json" "$TMP/m1.json"
head -c 2000 "$TMP/m1.json" > "$TMP/cut.json"
line=$(python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); print(d.count(b"\n")+1, len(d)-d.rfind(b"\n"))' "$TMP/cut.json")
expect_error "truncated results" "$TMP/cut.json:${line% *}:${line#* }: error: malformed JSON" -- "$WFOF" merge "$TMP/cut.json" "$TMP/m2.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["checklist"]["id"]="another"; json.dump(r, open(sys.argv[2],"w"))' "$TMP/m2.json" "$TMP/other.json"
expect_error "results against another checklist" "$TMP/other.json: error: checked against checklist 'another', but $TMP/m1.json against 'wfof-2011'" -- "$WFOF" merge "$TMP/m1.json" "$TMP/other.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r["documents"].pop(); json.dump(r, open(sys.argv[2],"w"))' "$TMP/m2.json" "$TMP/short.json"
expect_error "a document removed by hand" "$TMP/short.json: error: holds 1 documents but its summary counts 2 (truncated or edited?)" -- "$WFOF" merge "$TMP/m1.json" "$TMP/short.json"
"$WFOF" check fixtures/real --fail-on never -f sarif -o "$TMP/r.sarif"
expect_error "SARIF is not results JSON" "$TMP/r.sarif: error: not wfof results (no \"schema\": \"wfof-results/1\")" -- "$WFOF" merge "$TMP/r.sarif"
expect_error "merge writes nothing on error" "error" -- "$WFOF" merge "$TMP/m1.json" "$TMP/short.json" -o "$TMP/never-merged.json"
if [[ ! -e "$TMP/never-merged.json" ]]; then pass "no merged file after a failed merge"; else fail "a failed merge left a file"; fi

echo "# a 50 MB single-line document is checked, not refused"
python3 -c "
import sys
line = 'In Longline Police, HMIC found: ' + 'The force has a policy on media relationships that was reviewed. ' * 790000
open(sys.argv[1], 'w').write(line[:50_000_000])" "$TMP/long.txt"
expect_exit 1 "50 MB line checked (gaps found)" -- "$WFOF" check --quiet "$TMP/long.txt"

echo "# outputs"
touch "$TMP/a-file"
expect_error "report dir that is a file" "$TMP/a-file: error: cannot create report folder" -- "$WFOF" check fixtures/real --report-dir "$TMP/a-file"
mkdir "$TMP/readonly" && chmod a-w "$TMP/readonly"
as_user=()
if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  # root writes anywhere: drop to nobody so permissions apply.
  chmod o+rx "$TMP" && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [[ $(id -u) != 0 || ${#as_user[@]} -gt 0 ]]; then
  expect_error "read-only report dir" "error: cannot write report: Permission denied" -- "${as_user[@]}" "$WFOF" check fixtures/real --report-dir "$TMP/readonly" --checklist "$PWD/checklists/wfof-2011.yaml" --rules "$PWD/rules"
  if [[ -z "$(ls -A "$TMP/readonly")" ]]; then pass "read-only dir left empty"; else fail "files left in read-only dir"; fi
else
  echo "SKIP - read-only report dir: running as root without setpriv"
fi

echo "# interrupted runs leave no partial or temporary report"
python3 tests/bench/gen_corpus.py corpus "$TMP/corpus" --docs 3000
for sig in INT TERM; do
  rm -rf "$TMP/out"
  "$WFOF" check "$TMP/corpus" --report-dir "$TMP/out" --quiet --jobs 1 &
  pid=$!
  sleep 0.5
  kill -$sig $pid
  wait $pid; rc=$?
  if [[ $rc -ne 0 ]]; then pass "SIG$sig stopped the run (exit $rc)"; else fail "SIG$sig: run finished before the signal; use a larger corpus"; fi
  leftovers=$(find "$TMP/out" -name '.*.tmp.*' 2>/dev/null | wc -l)
  if [[ $leftovers == 0 ]]; then pass "SIG$sig: no temporary files"; else fail "SIG$sig: $leftovers temporary files left"; fi
  if [[ -f "$TMP/out/results.json" ]] && ! python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/out/results.json"; then
    fail "SIG$sig: truncated results.json"
  else
    pass "SIG$sig: no truncated report"
  fi
done

finish
