#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/*.cpp) with clang in build-fuzz/,
# seeds a corpus per target from fixtures/, rules/ and checklists/, runs each
# target in turn for SECONDS_PER_TARGET, and prints per target the seconds
# run, the executions and the crashes found (crashes, hangs, leaks, OOMs).
# Exits 1 if any target found one, 2 if a run was interrupted (and none did).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60, all targets)
#
# Environment: FUZZ_RUNS=N runs N executions per target instead of a time
# (a campaign); FUZZ_MAX_LEN caps input size (default 4096, fuzz_check
# 1536: its inputs cost about 1.5 ms per KB under ASan). Seeds committed
# in tests/fuzz/corpus/<target>/ are added to the corpus. CXX / CC pick the compiler (default: the newest clang++-N on
# PATH, else clang++; Debian 12's clang 14 works). JOBS sets build parallelism (default 2).
# FUZZ_BUILD_DIR: the build folder (default build-fuzz; the fuzz-smoke
# CTest test uses build/fuzz-smoke).
#
# Left behind in the build folder: corpus/<target>/ (seeds plus what the fuzzer
# found; kept between runs), artifacts/<target>/ (crash-*, timeout-*, leak-*,
# oom-* inputs; reproduce with build-fuzz/<target> FILE), logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2
  exit 2
fi
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}

# --- compiler --------------------------------------------------------------
if [[ -z "${CXX:-}" ]]; then
  CXX=$(compgen -c clang++- | grep -E '^clang\+\+-[0-9]+$' | sort -t- -k2 -n | tail -n1 || true)
  CXX=${CXX:-clang++}
fi
if [[ -z "${CC:-}" ]]; then
  CC=${CXX/clang++/clang}
fi
command -v "$CXX" >/dev/null || { echo "fuzz.sh: $CXX not found (install clang)" >&2; exit 2; }
export CC CXX

# --- build -----------------------------------------------------------------
# -fsanitize=fuzzer-no-link instruments every object, the engine library
# included, for coverage; without it libFuzzer sees only the targets' own
# code (CMakeLists.txt adds -fsanitize=fuzzer to the fuzz executables only).
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWFOF_FUZZ=ON -DWFOF_SANITIZE=ON -DBUILD_TESTING=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
all_targets=()
for src in "$root"/tests/fuzz/*.cpp; do all_targets+=("$(basename "$src" .cpp)"); done
targets=("$@")
(( ${#targets[@]} )) || targets=("${all_targets[@]}")
cmake --build "$build" -j "${JOBS:-2}" --target "${targets[@]}"

# --- seed corpora ----------------------------------------------------------
seed() {  # seed TARGET FILE...: copy files in as seed-<name>
  local dir=$build/corpus/$1
  shift
  mkdir -p "$dir"
  local f
  for f in "$@"; do
    [[ -f $f ]] && cp "$f" "$dir/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  return 0
}
seed_text() {  # seed_text TARGET NAME TEXT
  mkdir -p "$build/corpus/$1"
  printf '%s' "$3" >"$build/corpus/$1/seed-$2"
}
shopt -s nullglob
for t in "${targets[@]}"; do
  case $t in
    fuzz_html)
      seed "$t" fixtures/html/*.html
      ;;
    fuzz_document|fuzz_check)
      seed "$t" fixtures/authored/*.txt fixtures/authored/*.md fixtures/real/*.txt fixtures/bad/documents/*
      ;;
    fuzz_rules)
      seed "$t" rules/*.yaml fixtures/bad/rules/*.yaml
      # A rule file sees only its own fragments: also seed each project rule
      # file with the shared fragments prepended, so the seeds load.
      for f in rules/*.yaml; do
        [[ $(basename "$f") == _* ]] && continue
        cat rules/_fragments.yaml "$f" >"$build/corpus/$t/seed-with-fragments-$(basename "$f")"
      done
      ;;
    fuzz_checklist)
      seed "$t" checklists/*.yaml fixtures/bad/rules/*.yaml
      ;;
    fuzz_literal)
      # Patterns as terms and rules write them, each with a text to search.
      i=0
      text='The Force'"'"'s anti-corruption unit, staff-training and policies were reviewed; colour, color, organise, ORGANIZED.'
      for p in '\b(?:staff|staffs|staffed|staffing)[ -](?:training|trainings)\b' \
               '\b(?:anti|counter)[ -]corruption(?: unit| team)?\b' '\bpolic(?:y|ies)\b' 'colou?r' \
               'organi[sz](?:e|ed|es|ing)' '\b(?:a|an|the|force|forces)\b' 'e\.g\.' '(?:x|xy|xyz)(?:z|)' \
               '\b(staff|policies)\b[^.]{0,40}\b(reviewed|were)\b' '\bthe (\w+ ){0,2}(unit|policies)\b' \
               'a{2,3}b|a+c' '\d+[ -]\w*' 'colou?r[^,]*,'; do
        seed_text "$t" "pattern-$((i++))" "$p"$'\n'"$text"
      done
      ;;
    fuzz_numbers)
      i=0
      for s in 62 3,714 1,000,000 3,71 seven Seven twenty-one 'ninety nine' 'a dozen' 'a hundred' \
               'one hundred and five' no none any 'all but one' 'all but two of them' all 'every one' \
               'only three' twice both zero 99999999999999 \
               'approved / applications <= 0.95' 'cases >= 4' 'n == 0' 'refused > 0' \
               'approved * 100 <= applications * 95' '(applications - refused) * 100 <= applications * 95' \
               'a.b - 1 != 2 / 3' '0.5 < x' 'applications - refused'; do
        seed_text "$t" "number-$((i++))" "$s"
      done
      ;;
  esac
  mkdir -p "$build/corpus/$t"
done

# --- run -------------------------------------------------------------------
export WFOF_SOURCE_DIR=$root
# A short allocation context and a small quarantine: each malloc records a
# stack, and a large quarantine keeps touching fresh pages; together about
# 10% of the time and 2/3 of the memory. A crash input replayed by hand
# (build-fuzz/<target> FILE) gets ASan's full defaults.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=4:quarantine_size_mb=16}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" ]]; then  # for stack traces with file:line
  sym=$(compgen -c llvm-symbolizer | sort -t- -k3 -n | tail -n1 || true)
  [[ -n $sym ]] && ASAN_SYMBOLIZER_PATH=$(command -v "$sym") && export ASAN_SYMBOLIZER_PATH
fi
mkdir -p "$build/logs"
summary=()
failed=0
interrupted=0
for t in "${targets[@]}"; do
  art=$build/artifacts/$t
  work=$build/work/$t  # libFuzzer's -jobs mode writes fuzz-0.log to the working directory
  mkdir -p "$art" "$work"
  rm -f "$work"/fuzz-*.log
  stamp=$work/.stamp
  touch "$stamp"
  dict=()
  [[ -f $root/tests/fuzz/$t.dict ]] && dict=("-dict=$root/tests/fuzz/$t.dict")
  [[ $t == fuzz_check ]] && dict=("-dict=$root/tests/fuzz/fuzz_document.dict")  # documents too
  # FUZZ_RUNS=N: a campaign of N executions (unbounded in time) instead.
  limit=(-max_total_time="$seconds")
  [[ -n ${FUZZ_RUNS:-} ]] && limit=(-runs="$FUZZ_RUNS")
  max_len=${FUZZ_MAX_LEN:-4096}
  [[ -z ${FUZZ_MAX_LEN:-} && $t == fuzz_check ]] && max_len=1536
  [[ -d $root/tests/fuzz/corpus/$t ]] && cp -n "$root/tests/fuzz/corpus/$t"/* "$build/corpus/$t/" 2>/dev/null
  echo "=== $t: fuzzing for ${FUZZ_RUNS:+$FUZZ_RUNS runs, }${seconds}s at most"
  start=$(date +%s)
  set +e
  (cd "$work" && "$build/$t" "$build/corpus/$t" "${dict[@]}" \
     "${limit[@]}" -max_len="$max_len" -jobs=1 -workers=1 -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 -artifact_prefix="$art/") >/dev/null 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  cat "$work"/fuzz-*.log >"$build/logs/$t.log" 2>/dev/null || true
  log=$build/logs/$t.log
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n1 | grep -o '[0-9]*$' || true)
  if [[ -z $execs ]]; then  # no final stats (killed): the last progress line
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n1 | tr -d '#' || true)
  fi
  found=()
  while IFS= read -r f; do found+=("$f"); done < <(find "$art" -maxdepth 1 -type f -newer "$stamp" \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | sort)
  crashes=0
  for f in "${found[@]}"; do [[ $(basename "$f") == slow-unit-* ]] || crashes=$((crashes + 1)); done
  note=""
  if (( crashes == 0 && rc != 0 )); then
    if grep -q 'libFuzzer: run interrupted' "$log"; then
      note=" (interrupted: stopped by a signal)"  # SIGINT/SIGTERM from outside
      interrupted=1
    else
      crashes=1  # died without leaving an input
    fi
  fi
  (( crashes == 0 )) || failed=1
  line=$(printf '%-16s %6ss %12s execs %3s crashes%s' "$t" "$elapsed" "${execs:-?}" "$crashes" "$note")
  summary+=("$line")
  echo "$line"
  for f in "${found[@]}"; do echo "  $f"; done
  if (( crashes )); then
    grep -E '^==[0-9]+==ERROR|SUMMARY:|runtime error|fuzz check failed|terminate called|what\(\)' "$log" | head -n 8 | sed 's/^/  /'
    echo "  log: $log"
  fi
done

echo
echo "=== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
(( failed )) && exit 1
(( interrupted )) && { echo "some runs were interrupted; rerun them" >&2; exit 2; }
exit 0
