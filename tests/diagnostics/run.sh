#!/usr/bin/env bash
# Golden tests of the diagnostics: each folder here is one case, named
# <code>-<name>[-variant] after its catalogue entry (engine/support/
# diagnostics.def). Its `cmd` is run by bash from the repository root with
# $WFOF (the binary), $D (the case folder, relative) and $TMP (a fresh
# temporary folder); what it prints on stderr, then `exit: N`, must equal
# the case's `expected` byte for byte ($TMP written as $TMP). A `# requires:
# PDF` (or HTML) line in cmd skips the case on a build that reads no such
# format.
#   tests/diagnostics/run.sh path/to/wfof            compare
#   tests/diagnostics/run.sh path/to/wfof --update   rewrite every expected
set -uo pipefail
WFOF=$(realpath "$1")
update=${2:-}
cd "$(dirname "$0")/../.."
formats=$("$WFOF" --version)
failures=0 checks=0 skipped=0
for dir in tests/diagnostics/*/; do
  D=${dir%/}
  name=$(basename "$D")
  if req=$(sed -n 's/^# requires: //p' "$D/cmd") && [[ -n $req && $formats != *"$req"* ]]; then
    echo "SKIP - $name: this build reads no $req"
    skipped=$((skipped + 1))
    continue
  fi
  TMP=$(mktemp -d)
  out=$(WFOF=$WFOF D=$D TMP=$TMP bash "$D/cmd" 2>&1 >/dev/null; echo "exit: $?")
  rm -rf "$TMP"
  out=${out//$TMP/\$TMP}
  checks=$((checks + 1))
  if [[ $update == --update ]]; then
    printf '%s\n' "$out" >"$D/expected"
    echo "wrote $D/expected"
  elif [[ -f $D/expected ]] && diff -u "$D/expected" <(printf '%s\n' "$out") >/tmp/diag-diff.$$; then
    echo "ok   - $name"
  else
    failures=$((failures + 1))
    echo "FAIL - $name"
    [[ -f $D/expected ]] && sed 's/^/       /' /tmp/diag-diff.$$ || echo "       no $D/expected (run scripts/update-diagnostics.sh)"
  fi
  rm -f /tmp/diag-diff.$$
done
echo "$((checks - failures)) of $checks cases passed ($skipped skipped)"
[[ $failures == 0 ]]
