#!/usr/bin/env bash
# Installs what wfof needs to build and test, from Debian/Ubuntu packages.
# Idempotent and non-interactive; works as root or through sudo.
#   scripts/install-deps.sh          build dependencies only
#   scripts/install-deps.sh --test   also what the test suite uses
set -euo pipefail

# libxml2-dev and libpoppler-cpp-dev: reading .html and .pdf; libmimalloc-dev:
# a faster allocator (all three optional to the build, which says what it
# lacks; CI builds with them).
pkgs=(g++ cmake ninja-build pkg-config libyaml-dev libre2-dev
      libboost-program-options-dev libboost-test-dev nlohmann-json3-dev
      libxml2-dev libpoppler-cpp-dev libmimalloc-dev)
if [[ "${1:-}" == "--test" ]]; then
  # xmllint (JUnit schema), chromium (HTML report in a real browser),
  # clang (fuzz targets), ripgrep and yara (benchmark baselines).
  pkgs+=(libxml2-utils chromium ripgrep yara clang python3 time bc python3-yaml file dpkg-dev zsh groff-base)
  # Node.js runs the JSON Schema and SARIF validators; keep one already installed.
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: everything is installed"
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
