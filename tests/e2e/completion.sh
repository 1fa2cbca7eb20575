#!/usr/bin/env bash
# Shell completions and the man page, generated from the commands' option
# definitions: bash completes commands, options and their values as --help
# defines them; the zsh script parses and registers; the man page renders
# without warnings and documents every option of every command.
# Usage: tests/e2e/completion.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
COMMANDS=(check validate test explain list merge diff config)

# The long options a command's --help lists.
help_options() { "$WFOF" "$1" --help | grep -oE '^  (-[a-zA-Z] \[ )?--[a-z-]+' | grep -oE -- '--[a-z-]+' | sort -u; }

echo "# bash"
"$WFOF" completion bash > "$TMP/wfof.bash"
expect_exit 0 "the bash script parses" -- bash -n "$TMP/wfof.bash"
# complete WORDS...: what bash would offer for the last word.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _wfof; printf "%s\n" "${COMPREPLY[@]}"' _ "$TMP/wfof.bash" "$@" | sort | tr '\n' ' '
}
got=$(complete_words wfof "")
[[ $got == "--help --version check config diff explain help inspect list merge report test validate " ]] && pass "the commands (not the hidden generators)" || fail "commands offered: $got"
got=$(complete_words wfof di)
[[ $got == "diff " ]] && pass "wfof di<TAB> -> diff" || fail "wfof di: $got"
got=$(complete_words wfof check --fo)
[[ $got == "--format " ]] && pass "wfof check --fo<TAB> -> --format" || fail "check --fo: $got"
got=$(complete_words wfof check --format "")
[[ $got == "github html json junit markdown sarif text " ]] && pass "--format offers the formats" || fail "--format values: $got"
got=$(complete_words wfof check -f j)
[[ $got == "json junit " ]] && pass "-f j<TAB> offers json and junit" || fail "-f j: $got"
got=$(complete_words wfof check --fail-on "")
[[ $got == "gap never partial " ]] && pass "--fail-on offers gap, partial, never" || fail "--fail-on values: $got"
got=$(complete_words wfof diff --fail-on "")
[[ $got == "never regression " ]] && pass "diff --fail-on offers its own values" || fail "diff --fail-on values: $got"
got=$(complete_words wfof help "")
[[ $got == "check config diff explain inspect list merge report test validate " ]] && pass "wfof help <TAB> offers the commands" || fail "help: $got"
touch "$TMP/waivers.yaml"
got=$(cd "$TMP" && complete_words wfof check --waivers wai)
[[ $got == "waivers.yaml " ]] && pass "--waivers completes file names" || fail "--waivers: $got"
for cmd in "${COMMANDS[@]}"; do
  want=$(help_options "$cmd")
  offered=$(complete_words wfof "$cmd" --  | tr ' ' '\n' | grep -- '^--' | sort -u)
  # Positional arguments appear in --help as options too (--path); completion leaves them out.
  missing=$(comm -23 <(echo "$want") <(echo "$offered") | grep -vxE -- '--(path|results|rule-files|file|what)' || true)
  [[ -z $missing ]] && pass "bash offers every option of '$cmd --help'" || fail "$cmd: not offered: $missing"
done

echo "# zsh"
"$WFOF" completion zsh > "$TMP/_wfof"
if command -v zsh >/dev/null; then
  expect_exit 0 "the zsh script parses" -- zsh -n "$TMP/_wfof"
  mkdir "$TMP/fpath" && cp "$TMP/_wfof" "$TMP/fpath/"
  expect_exit 0 "compinit registers it for wfof" -- zsh -fc "fpath=($TMP/fpath \$fpath); autoload -Uz compinit; compinit -u -d $TMP/zcompdump; [[ \$_comps[wfof] == _wfof ]]"
else
  echo "# (zsh not installed: zsh checks skipped)"
fi
for cmd in "${COMMANDS[@]}"; do
  missing=$(for o in $(help_options "$cmd"); do grep -q -- "$o" <(sed -n "/^    $cmd)/,/;;/p" "$TMP/_wfof") || echo "$o"; done | grep -vxE -- '--(path|results|rule-files|file|what)' || true)
  [[ -z $missing ]] && pass "zsh describes every option of '$cmd --help'" || fail "zsh $cmd: missing $missing"
done

echo "# man page"
"$WFOF" man > "$TMP/wfof.1"
"$WFOF" man > "$TMP/again.1"
cmp -s "$TMP/wfof.1" "$TMP/again.1" && ! grep -q "$(date +%Y)" "$TMP/wfof.1" && pass "the man page is reproducible (no build date)" || fail "man page differs between runs or carries a date"
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$TMP/wfof.1" 2>&1)
  [[ -z $warnings ]] && pass "groff renders it without warnings" || fail "groff warnings" "$warnings"
  rendered=$(groff -man -Tascii -P-c -P-b -P-u "$TMP/wfof.1" 2>/dev/null)
  for cmd in "${COMMANDS[@]}"; do
    [[ $rendered == *"wfof $cmd "* ]] && pass "the man page has a section for '$cmd'" || fail "no man section for $cmd"
    missing=$(for o in $(help_options "$cmd"); do grep -q -- "$o" <<<"$rendered" || echo "$o"; done | grep -vxE -- '--(path|results|rule-files|file|what)' || true)
    [[ -z $missing ]] && pass "the man page documents every option of '$cmd --help'" || fail "man $cmd: missing $missing"
  done
  [[ $rendered == *"SOURCE_DATE_EPOCH"* && $rendered == *"EXIT STATUS"* ]] && pass "exit status and environment documented" || fail "no EXIT STATUS or ENVIRONMENT"
else
  echo "# (groff not installed: rendering checks skipped)"
fi

echo "# hidden, and strict about their arguments"
expect_exit 0 "top-level help" -- "$WFOF" --help
[[ $LAST_OUTPUT != *completion* && $LAST_OUTPUT != *" man "* ]] && pass "the generators are not in the help" || fail "help lists completion or man"
expect_exit 0 "wfof help diff" -- "$WFOF" help diff
expect_contains "is diff's own help" "usage: wfof diff OLD.json NEW.json [options]"
expect_exit 2 "wfof help of a misspelt command" -- "$WFOF" help dif
expect_contains "suggests the nearest" "wfof: error: unknown command 'dif'; did you mean 'diff'?"
expect_exit 2 "completion of an unknown shell" -- "$WFOF" completion fish
expect_contains "says which shells" "usage: wfof completion bash|zsh"
finish
