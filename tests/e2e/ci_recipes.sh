#!/usr/bin/env bash
# The CI recipes run: every `run:` step of docs/ci/github-actions.yml, every
# `script:` line of docs/ci/gitlab-ci.yml and the entry of
# .pre-commit-hooks.yaml, as the CI services would run them, with the
# built wfof on PATH, in a scratch git project of findings documents.
# Steps marked "ci-test: skip" install wfof and are left out; the files the
# `uses:` steps and GitLab's artifacts read must exist and be valid.
# Usage: tests/e2e/ci_recipes.sh path/to/wfof   (from the repo root)
set -uo pipefail
WFOF=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/e2e/lib.sh
ROOT=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1369958400  # 2013-05-31: the waiver below holds
mkdir "$TMP/bin" && ln -s "$WFOF" "$TMP/bin/wfof"
export PATH="$TMP/bin:$PATH"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid

# Writes each step of a recipe to $2/NN.sh and lists "NN<TAB>description".
extract() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, re, sys, yaml
kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(out, exist_ok=True)
doc = yaml.safe_load(open(path))
steps = []
def marked(line_with):
    # The step's `name:` line (or the script line) carries the marker.
    return any(line_with in l and "ci-test: skip" in l for l in open(path).read().splitlines())
if kind == "github":
    for job in doc["jobs"].values():
        for s in job["steps"]:
            if "run" in s:
                name = s.get("name", "run")
                steps.append((name, s["run"], marked("name: " + name)))
            elif "uses" in s:
                # What the action reads, for the test to check it exists.
                for k in ("sarif_file", "report_paths"):
                    if k in s.get("with", {}):
                        print("uses\t%s\t%s" % (s["uses"], s["with"][k]))
elif kind == "gitlab":
    job = doc["wfof"]
    for key in ("before_script", "script"):
        for line in job.get(key, []):
            steps.append((key, line, marked(line)))
    for p in dict.fromkeys(job["artifacts"]["paths"] + [job["artifacts"]["reports"]["junit"]]):
        print("artifact\t%s" % p)
elif kind == "precommit":
    for hook in doc:
        steps.append((hook["id"], hook["entry"], False))
        print("files\t%s" % hook["files"])
for i, (name, script, skip) in enumerate(steps):
    if skip:
        print("skip\t%s" % name)
        continue
    with open(os.path.join(out, "%02d.sh" % i), "w") as f:
        f.write(script)
    print("step\t%02d\t%s" % (i, name))
PY
}

# A project with two findings documents on main, then a change to one.
P=$TMP/origin
mkdir -p "$P/findings"
cp fixtures/real/durham.txt "$P/findings/"
cat > "$P/findings/almost.md" <<'DOC'
# Almost Exemplary Police has made good progress in managing integrity issues

In Almost Exemplary Police, HMIC found:

- The force has carried out a self-assessment using the 2011 checklist.
- Its policies on relationships with the media, on gifts and hospitality, on social media and on second jobs have all been reviewed and updated.
- Research found no cases of inappropriate behaviour on Facebook or Twitter by staff.
- Applications for second jobs are assessed by the professional standards department.
- There were 50 applications for second jobs, 40 of which were approved.
- The number of staff in the anti-corruption unit has increased.
- An integrity board chaired by the deputy chief constable oversees this work.
DOC
cat > "$P/waivers.yaml" <<'YAML'
- subject: Almost Exemplary Police
  item: TR-1
  reason: The training programme starts in June.
  accepted-by: Head of Professional Standards
  expires: 2013-06-30
YAML
git -C "$P" init -q -b main && git -C "$P" add -A && git -C "$P" commit -qm base
git clone -q "file://$P" "$TMP/work"
W=$TMP/work
# The change under review: staff awareness now reported (MED-2 improves).
sed -i 's/^- Research found/- Staff awareness of these policies was good.\n- Research found/' "$W/findings/almost.md"
git -C "$W" checkout -q -b change && git -C "$W" commit -qam "awareness reported"

# run_steps KIND RECIPE: runs each extracted step in $W; STEP_RC[name] = exit code.
declare -A STEP_RC
run_steps() {
  rm -rf "$TMP/steps"
  local listing
  listing=$(extract "$1" "$2" "$TMP/steps") || { fail "could not read $2"; return; }
  while IFS=$'\t' read -r what a b; do
    case $what in
      skip) echo "# (skipped, installs wfof: $a)" ;;
      uses|artifact|files) echo "$what"$'\t'"$a"$'\t'"$b" >> "$TMP/needs" ;;
      step)
        # GitHub runs `bash --noprofile --norc -eo pipefail`; GitLab stops at the first failing line.
        (cd "$W" && bash --noprofile --norc -eo pipefail "$TMP/steps/$a.sh" > "$TMP/steps/$a.out" 2>&1)
        STEP_RC[$b]=$?
        echo "# $1 step '$b': exit ${STEP_RC[$b]}" ;;
    esac
  done <<<"$listing"
}

echo "# GitHub Actions (docs/ci/github-actions.yml)"
: > "$TMP/needs"
export GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main GITHUB_STEP_SUMMARY=$TMP/summary.md
run_steps github docs/ci/github-actions.yml
[[ ${STEP_RC[Check the findings]:-x} == 1 ]] && pass "check step fails the job: Durham has gaps (exit 1)" || fail "check step: exit ${STEP_RC[Check the findings]:-missing}" "$(cat "$TMP"/steps/*.out)"
[[ ${STEP_RC[Compare with the base branch]:-x} == 0 ]] && pass "compare step: nothing regressed (exit 0)" || fail "compare step: exit ${STEP_RC[Compare with the base branch]:-missing}" "$(cat "$TMP"/steps/*.out)"
if grep -qF "| Almost Exemplary Police | 1 | 0 | 11 | 0 | 0 |" "$TMP/summary.md"; then pass "the job summary shows the improvement"; else fail "job summary" "$(cat "$TMP/summary.md")"; fi
while IFS=$'\t' read -r what action file; do
  [[ $what == uses ]] || continue
  if [[ -s $W/$file ]]; then pass "$action finds $file"; else fail "$action: $file missing"; fi
done < "$TMP/needs"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["version"] == "2.1.0" and s["runs"][0]["results"]' "$W/wfof.sarif" \
  && pass "wfof.sarif is a SARIF 2.1.0 log with results" || fail "wfof.sarif"
if xmllint --noout "$W/wfof.junit.xml" 2>/dev/null && grep -q 'skipped="1"' "$W/wfof.junit.xml"; then pass "wfof.junit.xml is XML, the waived gap skipped"; else fail "wfof.junit.xml"; fi
if grep -q '^::error file=findings/durham.txt' "$TMP"/steps/*.out; then pass "the check step annotates the files (--format github)"; else fail "no ::error annotations"; fi
# Once Durham's gaps are gone (here: the document), the same recipe passes.
git -C "$W" rm -q findings/durham.txt && git -C "$W" commit -qm "durham elsewhere"
run_steps github docs/ci/github-actions.yml
[[ ${STEP_RC[Check the findings]:-x} == 0 ]] && pass "with only a waived gap left, the check step passes" || fail "check step without Durham: exit ${STEP_RC[Check the findings]:-missing}" "$(cat "$TMP"/steps/*.out)"
[[ ${STEP_RC[Compare with the base branch]:-x} == 0 ]] && pass "a document gone is no regression" || fail "compare step after removing Durham"
git -C "$W" reset -q --hard HEAD~1

echo "# GitLab CI (docs/ci/gitlab-ci.yml)"
: > "$TMP/needs"
rm -f "$W"/wfof.*
run_steps gitlab docs/ci/gitlab-ci.yml
[[ ${STEP_RC[script]:-x} == 1 ]] && pass "the script fails the job on Durham's gaps (exit 1)" || fail "gitlab script: exit ${STEP_RC[script]:-missing}" "$(cat "$TMP"/steps/*.out)"
while IFS=$'\t' read -r what file _; do
  [[ $what == artifact ]] || continue
  if [[ -s $W/$file ]]; then pass "artifact $file written"; else fail "artifact $file missing"; fi
done < "$TMP/needs"
if grep -q "^2 document(s): " "$TMP"/steps/*.out; then pass "the job log shows the text summary"; else fail "no text summary in the job log"; fi
if xmllint --noout "$W/wfof.junit.xml" 2>/dev/null; then pass "the junit report is JUnit XML"; else fail "wfof.junit.xml is not XML" "$(head -3 "$W/wfof.junit.xml")"; fi
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["schema"] == "wfof-results/1"' "$W/wfof.json" \
  && pass "wfof.json is wfof results" || fail "wfof.json is not wfof results"

echo "# pre-commit (.pre-commit-hooks.yaml)"
: > "$TMP/needs"
run_steps precommit .pre-commit-hooks.yaml >/dev/null
entry=$(cat "$TMP/steps/00.sh")
files_re=$(awk -F'\t' '$1 == "files" {print $2}' "$TMP/needs")
# pre-commit passes the staged files the `files` pattern matches.
staged=(findings/almost.md findings/durham.txt waivers.yaml README)
matched=()
for f in "${staged[@]}"; do python3 -c 'import re,sys; sys.exit(0 if re.search(sys.argv[1], sys.argv[2]) else 1)' "$files_re" "$f" && matched+=("$f"); done
[[ "${matched[*]}" == "findings/almost.md findings/durham.txt" ]] && pass "the hook's files pattern picks the documents only" || fail "files pattern matched: ${matched[*]}"
cd "$W"
printf 'waivers: waivers.yaml\n' > .wfof.yaml  # the project's config supplies the waivers
expect_exit 0 "the hook passes a commit touching only almost.md (its gap is waived)" -- $entry findings/almost.md
expect_exit 1 "the hook fails a commit touching durham.txt" -- $entry "${matched[@]}"
rm .wfof.yaml
cd "$ROOT"
finish
