#!/usr/bin/env bash
# .wfof.yaml: found upwards from the working directory, paths in it taken
# from its folder, the command line over it, `wfof config` printing each
# value with where it came from, `wfof check` with no PATH checking the
# config's paths, and every mistake in it an error at path:line:col.
# Usage: tests/e2e/config.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# same DESCRIPTION EXPECTED: LAST_OUTPUT is EXPECTED exactly.
same() {
  if [[ "$LAST_OUTPUT" == "$2" ]]; then pass "$1"; else fail "$1" "$(diff <(echo "$2") <(echo "$LAST_OUTPUT"))"; fi
}

echo "# no config: the defaults, and check needs a PATH"
expect_exit 0 "wfof config in the repository" -- "$WFOF" config
same "the defaults and their sources" "config: none  (no .wfof.yaml here or above)
paths: none  (not given)
rules: rules  (default: the working directory)
checklist: checklists/wfof-2011.yaml  (default: the working directory)
fail-on: gap  (default)
formats: text to stdout  (default)
report-dir: none  (default)
waivers: none  (default)"
expect_exit 2 "check with no PATH and no config" -- "$WFOF" check
same "says what to give" "wfof check: error: no documents to check: give files or folders, or list them as 'paths' in .wfof.yaml"

echo "# a project's config, found from a folder below it"
P=$TMP/project
mkdir -p "$P/docs" "$P/out" "$P/sub/deeper"
cp fixtures/real/durham.txt "$P/docs/"
cat > "$P/.wfof.yaml" <<YAML
# settings for this project; paths are relative to this file
paths: docs
rules: $ROOT/rules
checklist: $ROOT/checklists/wfof-2011.yaml
fail-on: never
formats:
  - text
  - json: out/results.json
waivers: waivers.yaml
YAML
cd "$P/sub/deeper"
expect_exit 0 "wfof config from two folders down" -- "$WFOF" config
same "every value from the config, paths seen from here" "config: ../../.wfof.yaml  (found upwards from the working directory)
paths: ../../docs  (../../.wfof.yaml:2:8)
rules: $ROOT/rules  (../../.wfof.yaml:3:8)
checklist: $ROOT/checklists/wfof-2011.yaml  (../../.wfof.yaml:4:12)
fail-on: never  (../../.wfof.yaml:5:10)
formats: text to stdout, json to ../../out/results.json  (../../.wfof.yaml:7:3)
report-dir: none  (default)
waivers: ../../waivers.yaml  (../../.wfof.yaml:9:10)"
expect_exit 0 "the command line overrides the config" -- "$WFOF" config --fail-on gap -f sarif --checklist x.yaml ../../docs/durham.txt
same "overridden values say so" "config: ../../.wfof.yaml  (found upwards from the working directory)
paths: ../../docs/durham.txt  (command line)
rules: $ROOT/rules  (../../.wfof.yaml:3:8)
checklist: x.yaml  (command line)
fail-on: gap  (command line)
formats: sarif to stdout  (command line)
report-dir: none  (default)
waivers: ../../waivers.yaml  (../../.wfof.yaml:9:10)"
expect_exit 0 "--no-config" -- "$WFOF" config --no-config --rules "$ROOT/rules"
expect_contains "--no-config: no file" "config: none  (--no-config)"
expect_contains "--no-config: default fail-on" "fail-on: gap  (default)"

sed -i 's/^waivers:.*//' "$P/.wfof.yaml"  # waivers have their own test
expect_exit 0 "check with no PATH checks the config's paths (fail-on: never, though Durham has gaps)" -- "$WFOF" check
expect_contains "the config's document was checked" "../../docs/durham.txt (Durham Constabulary)"
"$WFOF" check ../../docs -f json --jobs 1 > "$TMP/direct.json"
if cmp -s "$P/out/results.json" "$TMP/direct.json"; then pass "the config's json output is what -f json writes"; else fail "config json output differs"; fi
expect_exit 1 "--fail-on gap on the command line wins over fail-on: never" -- "$WFOF" check --fail-on gap
expect_exit 0 "--config names a file explicitly" -- "$WFOF" config --config "$P/.wfof.yaml"
expect_contains "--config: from the command line" "config: $P/.wfof.yaml  (command line)"
cd "$ROOT"

echo "# mistakes in the config: exit 2, path:line:col, every one"
B=$TMP/bad
mkdir -p "$B"
cat > "$B/.wfof.yaml" <<'YAML'
paths: [docs]
fail-on: partal
formats:
  - text
  - jsn: r.json
  - sarif: [a, b]
report-dir: out
wavers: w.yaml
paths: more
YAML
cd "$B"
expect_exit 2 "a bad config stops wfof config" -- "$WFOF" config
same "each problem at its position, nearest valid key or value" ".wfof.yaml:2:10: error[E015]: 'fail-on' must be gap, partial or never, not 'partal'
  help: did you mean 'partial'?
.wfof.yaml:5:5: error[E015]: unknown format 'jsn' (text, json, markdown, html, sarif, junit, github)
  help: did you mean 'json'?
.wfof.yaml:6:12: error[E013]: the output of format 'sarif' must be a string
.wfof.yaml:8:1: error[E011]: unknown key 'wavers' in the config file
  help: did you mean 'waivers'?
.wfof.yaml:9:1: error[E008]: duplicate key 'paths'
  note: first defined here at .wfof.yaml:1:1"
expect_exit 2 "a bad config stops check before any document is read" -- "$WFOF" check "$ROOT/fixtures/real/durham.txt"
expect_contains "check reports it too" ".wfof.yaml:8:1: error[E011]: unknown key 'wavers' in the config file
  help: did you mean 'waivers'?"
expect_exit 2 "and validate, which takes its rules from it" -- "$WFOF" validate
expect_exit 0 "--no-config ignores it" -- "$WFOF" config --no-config
printf 'paths: [docs\n' > .wfof.yaml
expect_exit 2 "malformed YAML" -- "$WFOF" config
expect_contains "malformed YAML at its position" ".wfof.yaml:2:1: error[E006]: malformed YAML:"
printf -- '- docs\n' > .wfof.yaml
expect_exit 2 "a config that is not a mapping" -- "$WFOF" config
same "not a mapping: at 1:1" ".wfof.yaml:1:1: error[E013]: the config file must be a mapping"
printf 'formats:\n  - text\n  - markdown\n' > .wfof.yaml
expect_exit 2 "two formats to stdout" -- "$WFOF" config
same "two formats to stdout: at the list" ".wfof.yaml:2:3: error[E015]: only one format can go to stdout; give the others an output file (json: results.json)"
printf 'rules: {a: b}\n' > .wfof.yaml
expect_exit 2 "rules of the wrong type" -- "$WFOF" config
same "wrong type named" ".wfof.yaml:1:8: error[E013]: 'rules' must be a string or a list of strings"
: > .wfof.yaml
expect_exit 0 "an empty config is every default" -- "$WFOF" config --rules "$ROOT/rules" --checklist "$ROOT/checklists/wfof-2011.yaml"
expect_contains "an empty config is still the config" "config: .wfof.yaml  (found upwards from the working directory)"
cd "$ROOT"
expect_exit 2 "--config and --no-config together" -- "$WFOF" config --config x --no-config
same "they exclude each other" "wfof config: error: --config and --no-config exclude each other"
expect_exit 2 "--config FILE missing" -- "$WFOF" check --config "$TMP/none.yaml" fixtures/real
same "the missing file named" "$TMP/none.yaml: error[E001]: cannot read: no such file"
finish
