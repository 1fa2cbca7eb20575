#!/usr/bin/env bash
# cmake --install and CPack: the program, rules, checklist, schemas,
# completions and man page land under the prefix; the installed program
# finds its rules there when run from anywhere else, and checks a real
# release exactly as the build does; --strip strips; the .deb lists the
# same files and the shared libraries' packages.
# Usage: tests/e2e/install.sh path/to/wfof path/to/build   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
BUILD=$(realpath "$2")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# The files an install must hold: the data from the source tree, and the rest.
expected_files() {
  {
    for f in rules/*.yaml checklists/*.yaml schemas/*.json; do echo "share/wfof/$f"; done
    printf '%s\n' bin/wfof share/man/man1/wfof.1 share/bash-completion/completions/wfof \
      share/zsh/vendor-completions/_wfof share/doc/wfof/README.md
    # The reader modules this build made (libxml2, Poppler found).
    for m in wfof-html.so wfof-pdf.so; do [[ -f $BUILD/$m ]] && echo "lib/wfof/$m"; done
  } | LC_ALL=C sort
}

echo "# cmake --install"
PREFIX=$TMP/prefix
expect_exit 0 "cmake --install --prefix" -- cmake --install "$BUILD" --prefix "$PREFIX"
got=$(cd "$PREFIX" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
if [[ "$got" == "$(expected_files)" ]]; then pass "the prefix holds exactly the expected files"
else fail "installed files differ" "$(diff <(expected_files) <(echo "$got"))"; fi
if cmp -s "$PREFIX/share/wfof/checklists/wfof-2011.yaml" checklists/wfof-2011.yaml; then pass "the checklist installed as it is"; else fail "installed checklist differs"; fi

echo "# the installed program, from another directory"
mkdir "$TMP/elsewhere"
cp fixtures/real/leicestershire.txt "$TMP/elsewhere/"
cd "$TMP/elsewhere"
expect_exit 1 "installed wfof checks a real release (it has gaps)" -- "$PREFIX/bin/wfof" check leicestershire.txt --jobs 1
installed=$LAST_OUTPUT
expect_exit 1 "the built wfof checks the same release" -- "$WFOF" check leicestershire.txt --jobs 1
if [[ "$installed" == "$LAST_OUTPUT" ]]; then pass "installed and built wfof print the same verdicts"
else fail "installed and built wfof differ" "$(diff <(echo "$LAST_OUTPUT") <(echo "$installed") | head)"; fi
"$PREFIX/bin/wfof" check leicestershire.txt -f json -o installed.json --jobs 1
"$WFOF" check leicestershire.txt -f json -o built.json --jobs 1
if cmp -s installed.json built.json; then pass "installed and built JSON results are byte-identical"; else fail "JSON results differ"; fi
expect_exit 0 "wfof config names the installed rules" -- "$PREFIX/bin/wfof" config
expect_contains "rules from share/wfof" "rules: ../prefix/share/wfof/rules"
expect_contains "checklist from share/wfof" "checklist: ../prefix/share/wfof/checklists/wfof-2011.yaml"
mv "$PREFIX/share/wfof" "$PREFIX/share/wfof.away"
expect_exit 2 "without share/wfof the installed program has no rules" -- "$PREFIX/bin/wfof" check leicestershire.txt
expect_contains "and says which it looked for" "checklists/wfof-2011.yaml: error[E001]: cannot read: no such file"
mv "$PREFIX/share/wfof.away" "$PREFIX/share/wfof"
# The PDF reader is a module in lib/wfof, loaded only when a PDF is read.
if [[ -f $BUILD/wfof-pdf.so ]]; then
  cp "$ROOT/fixtures/pdf/durham.pdf" .
  expect_exit 0 "the installed program reads a PDF with its module from lib/wfof" -- "$PREFIX/bin/wfof" check durham.pdf --fail-on never -f json -o pdf.json
  if grep -q '"verdict"' pdf.json; then pass "and checks it"; else fail "no verdicts for the PDF" "$(head -c 300 pdf.json)"; fi
  mv "$PREFIX/lib/wfof" "$PREFIX/lib/wfof.away"
  expect_exit 2 "without lib/wfof it cannot read the PDF" -- "$PREFIX/bin/wfof" check durham.pdf
  expect_contains "and says which module it looked for, and where" \
    "durham.pdf:1:1: error[E029]: cannot read PDF: wfof-pdf.so (Poppler) is neither beside this wfof nor in ../lib/wfof (see wfof --version)"
  expect_exit 0 "a text file needs no module" -- "$PREFIX/bin/wfof" check leicestershire.txt --fail-on never --quiet
  mv "$PREFIX/lib/wfof.away" "$PREFIX/lib/wfof"
fi
cd "$ROOT"

echo "# stripping"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
if [[ $build_type == Release || $build_type == MinSizeRel ]]; then
  if file "$PREFIX/bin/wfof" | grep -q ", stripped"; then pass "a $build_type install is stripped without --strip"
  else fail "a $build_type install was not stripped" "$(file "$PREFIX/bin/wfof")"; fi
else
  if file "$PREFIX/bin/wfof" | grep -q "not stripped"; then pass "a $build_type install keeps its symbols"
  else fail "a $build_type install was stripped" "$(file "$PREFIX/bin/wfof")"; fi
fi
expect_exit 0 "cmake --install --strip" -- cmake --install "$BUILD" --prefix "$TMP/stripped" --strip
if file "$TMP/stripped/bin/wfof" | grep -q ", stripped"; then pass "--strip strips the program"; else fail "--strip did not strip" "$(file "$TMP/stripped/bin/wfof")"; fi
expect_exit 0 "the stripped program runs" -- "$TMP/stripped/bin/wfof" --version

echo "# the .deb"
if ! command -v dpkg-deb >/dev/null; then echo "# (dpkg-deb not installed: package checks skipped)"; finish; exit; fi
expect_exit 0 "cpack -G DEB" -- cpack -G DEB -B "$TMP/pkg" --config "$BUILD/CPackConfig.cmake"
DEB=$(ls "$TMP"/pkg/wfof_*.deb 2>/dev/null | head -1)
if [[ -f "$DEB" ]]; then pass "the package is named wfof_<version>_<arch>.deb ($(basename "$DEB"))"; else fail "no .deb in $TMP/pkg"; finish; exit; fi
expect_exit 0 "dpkg-deb --info" -- dpkg-deb --info "$DEB"
expect_contains "package name" " Package: wfof"
expect_contains "version" " Version: $("$WFOF" --version | cut -d' ' -f2)"
expect_contains "depends on the libraries it links (dpkg-shlibdeps)" "libyaml-0-2"
expect_contains "and RE2" "libre2"
[[ -f $BUILD/wfof-pdf.so ]] && expect_contains "and Poppler, for the PDF module" "libpoppler-cpp"
[[ -f $BUILD/wfof-html.so ]] && expect_contains "and libxml2, for the HTML module" "libxml2"
expect_exit 0 "dpkg-deb --contents" -- dpkg-deb --contents "$DEB"
got=$(awk '{print $6}' <<<"$LAST_OUTPUT" | grep -v '/$' | sed 's|^\./usr/||' | LC_ALL=C sort)
if [[ "$got" == "$(expected_files)" ]]; then pass "the package holds the same files under /usr"
else fail "package files differ" "$(diff <(expected_files) <(echo "$got"))"; fi
dpkg-deb -x "$DEB" "$TMP/unpacked"
if file "$TMP/unpacked/usr/bin/wfof" | grep -q ", stripped"; then pass "the packaged program is stripped"; else fail "the packaged program is not stripped"; fi
finish
