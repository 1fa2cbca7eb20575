#!/usr/bin/env python3
"""Scores a wfof build on folders of fixtures (<name>.txt|.md beside
<name>.expected.yaml): profile, subject, sections, item verdicts, metrics.

  scripts/score-fixtures.py [--wfof build/wfof] [--rules R --checklist C] DIR...

Used to measure a blind set before any change and again after: it reads
only the program's JSON results and `explain` section lines, so it scores
any build, old or new, the same way. Prints one line per document that
differs, then the totals."""
import argparse, glob, json, os, re, subprocess, sys

try:
    import yaml  # PyYAML, if present
except ImportError:  # pragma: no cover
    yaml = None

ITEMS = ["SA-1", "MED-1", "MED-2", "GH-1", "SM-1", "SM-2", "SBI-1", "SBI-2", "ACU-1", "TR-1", "GOV-1", "OVR-1"]


def load_expected(path):
    text = open(path, encoding="utf-8").read()
    if yaml:
        return yaml.safe_load(text)
    raise SystemExit("python3-yaml is needed (apt-get install python3-yaml)")


def sections_of(wfof, extra, doc):
    out = subprocess.run([wfof, "explain", "--rule", "overall-judgement", doc] + extra,
                         capture_output=True, text=True).stdout
    secs = {}
    for m in re.finditer(r"^  section (\S+) (\d+):\d+-(\d+):(\d+)", out, re.M):
        secs.setdefault(m.group(1), (int(m.group(2)), int(m.group(3)), int(m.group(4))))
    return secs


def section_ok(lines, want, got):
    if want is None:
        return got is None
    if got is None:
        return False
    a, b = want
    start, end_line, end_col = got
    if start != a:
        return False
    # The section must reach the expected last line and stop before the next line with text.
    nxt = next((i for i in range(b + 1, len(lines) + 1) if lines[i - 1].strip()), None)
    # An end at column 1 or 2 of a line is the line break (or the first
    # character) of the section after: the section stopped on the line before.
    last = end_line if end_col > 2 else end_line - 1
    return last >= b and (nxt is None or last < nxt)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wfof", default="build/wfof")
    ap.add_argument("--rules")
    ap.add_argument("--checklist")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    extra = []
    if a.rules:
        extra += ["--rules", a.rules]
    if a.checklist:
        extra += ["--checklist", a.checklist]
    exps = sorted(p for d in a.dirs for p in glob.glob(os.path.join(d, "**", "*.expected.yaml"), recursive=True))
    tot = dict(docs=0, docs_ok=0, items=0, items_ok=0, metrics=0, metrics_ok=0, subj=0, subj_ok=0,
               prof=0, prof_ok=0, secs=0, secs_ok=0, struct_docs=0, struct_ok=0)
    for e in exps:
        stem = e[: -len(".expected.yaml")]
        doc = next((stem + x for x in (".txt", ".md") if os.path.exists(stem + x)), None)
        if not doc:
            continue
        want = load_expected(e)
        r = subprocess.run([a.wfof, "check", doc, "--format", "json", "--fail-on", "never"] + extra,
                           capture_output=True, text=True)
        try:
            got = json.loads(r.stdout)["documents"][0]
        except Exception:
            print(f"{doc}: no results ({r.stderr.strip()[:200]})")
            tot["docs"] += 1
            continue
        probs = []
        items = {i["id"]: i["verdict"] for i in got["items"]}
        for k, v in (want.get("items") or {}).items():
            tot["items"] += 1
            if items.get(k) == v:
                tot["items_ok"] += 1
            else:
                probs.append(f"{k} {v}->{items.get(k)}")
        for k, v in (want.get("metrics") or {}).items():
            tot["metrics"] += 1
            if got["metrics"].get(k) == v:
                tot["metrics_ok"] += 1
            else:
                probs.append(f"{k} {v}->{got['metrics'].get(k)}")
        sprobs = []
        if "subject" in want:
            tot["subj"] += 1
            if got.get("subject") == want["subject"]:
                tot["subj_ok"] += 1
            else:
                sprobs.append(f"subject {want['subject']!r}->{got.get('subject')!r}")
        if "profile" in want:
            tot["prof"] += 1
            if got.get("profile") == want["profile"]:
                tot["prof_ok"] += 1
            else:
                sprobs.append(f"profile {want['profile']}->{got.get('profile')}")
        if want.get("sections"):
            lines = open(doc, encoding="utf-8-sig", newline="").read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
            secs = sections_of(a.wfof, extra, doc)
            for name, rng in want["sections"].items():
                tot["secs"] += 1
                if section_ok(lines, rng, secs.get(name)):
                    tot["secs_ok"] += 1
                else:
                    sprobs.append(f"section {name} {rng}->{secs.get(name)}")
        tot["docs"] += 1
        if not probs and not sprobs:
            tot["docs_ok"] += 1
        elif not a.quiet:
            print(f"{doc}: " + "; ".join(sprobs + probs))
    pct = lambda k: f"{tot[k + '_ok']}/{tot[k]} ({100.0 * tot[k + '_ok'] / tot[k]:.1f}%)" if tot[k] else "-"
    print(f"documents fully right {pct('docs')}; items {pct('items')}; metrics {pct('metrics')}; "
          f"subject {pct('subj')}; profile {pct('prof')}; sections {pct('secs')}")


if __name__ == "__main__":
    main()
