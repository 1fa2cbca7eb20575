# Assertions for the end-to-end scripts. Each check prints one line; the
# script exits non-zero at the end if any failed.
failures=0
checks=0
pass() { checks=$((checks + 1)); echo "ok   - $1"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL - $1"; [[ -n "${2:-}" ]] && echo "$2" | sed 's/^/       /'; }
# expect_exit CODE DESCRIPTION -- COMMAND...
expect_exit() {
  local want=$1 desc=$2; shift 3
  local out rc
  out=$("$@" 2>&1) && rc=0 || rc=$?
  if [[ $rc == "$want" ]]; then pass "$desc (exit $rc)"; else fail "$desc: expected exit $want, got $rc" "$out"; fi
  LAST_OUTPUT=$out
}
# expect_contains DESCRIPTION NEEDLE (in LAST_OUTPUT)
expect_contains() {
  if [[ "$LAST_OUTPUT" == *"$2"* ]]; then pass "$1"; else fail "$1: output lacks: $2" "$LAST_OUTPUT"; fi
}
finish() {
  echo "$((checks - failures)) of $checks checks passed"
  [[ $failures == 0 ]]
}
