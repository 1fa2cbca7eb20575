#!/usr/bin/env python3
"""Generates a benchmark corpus of findings documents and a K-times rule set.

    gen_corpus.py corpus OUT_DIR [--docs N] [--seed S]
    gen_corpus.py rules RULES_DIR OUT_DIR --times K

Documents follow the real releases' structure (headline, background,
findings bullets, statement, link line, notes) with findings drawn from
varied phrasings, numbers and formats; the same seed gives the same bytes.
The rule multiplier writes K copies of every bundled rule with distinct ids
and distinct vocabulary (every word of four letters or more in a pattern gets
a copy suffix), as a large rule set of mostly-unrelated rules would be.
"""
import argparse
import os
import random
import re

FORCES = ["Avonmere", "Blackwater", "Calder Vale", "Dunmoor", "Eskdale", "Fernhill", "Glenarrow", "Harrowfield",
          "Ironbridge", "Kestrel", "Lowther", "Marshland", "Northvale", "Oakridge", "Pendle", "Quarrymoor",
          "Redcliffe", "Stourbank", "Tamarside", "Ullswater", "Vernham", "Wyvern", "Yarrowdale", "Zennor"]
KINDS = ["Constabulary", "Police", "Police Service"]
HEADLINES = ["has made improvements to how it identifies, monitors and manages integrity issues",
             "has made some improvements to how they identify, monitor and manage integrity issues",
             "has made good progress in managing integrity issues",
             "has made limited progress in how it manages integrity issues",
             "has made some good progress in managing integrity issues"]
BACKGROUND = open(os.path.join(os.path.dirname(__file__), "background.txt"), encoding="utf-8").read()
NUMBERS = ["no", "one", "two", "three", "four", "five", "seven", "twelve", "twenty-one"]


def findings(r, force):
    apps = r.randint(12, 4000)
    approved = apps - r.randint(0, max(1, apps // 10))
    fmt_apps = f"{apps:,}" if r.random() < 0.5 else str(apps)
    pool = [
        f"Since 2011 {force} has carried out an integrity 'health check', using the Self-Assessment Checklist provided in HMIC's 2011 report.",
        f"{force} plans to complete a self evaluation against the 2011 recommendations later this year.",
        "Several policies covering relationships with the media, gifts and hospitality, and social media use have been updated or are in the process of being reviewed.",
        "The force media policy has been reviewed and updated since 2011.",
        "The policy on gifts and hospitality has not been revised since 2009.",
        "In general there was good awareness and staff understood their responsibilities in relation to these policies.",
        "Not everyone interviewed knew how they should record contact with the media.",
        f"Between September 2011 and May 2012 the force investigated {r.choice(NUMBERS)} instances of inappropriate disclosure to the media.",
        "The force has produced a policy on how police officers and staff should behave on social networking sites.",
        "The force has guidance in place on social networking sites, but does not routinely monitor personal accounts.",
        f"HMIC's independently commissioned research identified {r.choice(NUMBERS)} cases of potentially inappropriate behaviour on Facebook or Twitter by officers and staff.",
        "The policy for seeking approval to have a second job requires all applications to be assessed by the Professional Standards Department.",
        f"Since September 2011 there have been {fmt_apps} applications for second jobs, {approved} of which have been approved.",
        "Data provided by the force shows that there has been no change in the number of staff working in the anti-corruption unit.",
        "The counter-corruption unit has grown by two investigators since 2011.",
        "All new officers and staff receive training on professional standards, including anti-corruption and integrity matters.",
        "The force intends to deliver integrity training to all supervisors next year.",
        "The force has introduced an Integrity and Standards Committee which provides oversight of its values.",
        "A board to oversee integrity is being set up.",
    ]
    r.shuffle(pool)
    return pool[: r.randint(6, 12)]


def document(r, i):
    force = f"{r.choice(FORCES)} {r.choice(KINDS)}"
    bullet = r.choice(["-", "*", "\u2022", "\uf0b7\t"])
    nl = "\r\n" if r.random() < 0.2 else "\n"
    lines = [f"{force} {r.choice(HEADLINES)}", "", BACKGROUND.strip(), "", f"In {force}, HMIC found:", ""]
    lines += [f"{bullet} {f}" for f in findings(r, force)]
    lines += ["", "HM Inspector of Constabulary for the Eastern Region, Zoë Billingham, said:", "",
              f"\u201c{force} has made progress in how it manages integrity issues since HMIC last reviewed this in 2011. "
              "There have been improvements in how the force identifies, monitors and manages integrity issues.\u201d", "",
              f"The full report for {force} can be found at www.hmic.gov.uk", "", "Notes to editors", ""]
    lines += [f"{n}. " + BACKGROUND.split("\n")[0] for n in range(1, 5)]
    text = nl.join(lines) + nl
    # Pad to about 5 KB with more notes, as real releases carry.
    while len(text.encode()) < 4800:
        text += f"{r.randint(5, 9)}. HMIC inspects policing in the public interest (document {i}).{nl}"
    return text


def corpus(out, docs, seed):
    r = random.Random(seed)
    for i in range(docs):
        sub = os.path.join(out, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"doc{i:06d}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(document(r, i))


def rename_words(pattern, k):
    """Prefixes every word of two or more letters in a regular expression
    with q<k>, so the copy is a distinct rule that needs distinct words
    (ripgrep/RE2 syntax: escapes, character classes, group names, counted
    repetitions and {{fragments}} are left alone)."""
    if pattern.startswith("@"):
        return f"{pattern}_{k}"  # a lexicon by name: the copy's own lexicon
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2]); i += 2
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^": j += 1
            if j < n and pattern[j] == "]": j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append(pattern[i:j + 1]); i = j + 1
        elif pattern.startswith("(?P<", i):
            j = pattern.index(">", i); out.append(pattern[i:j + 1]); i = j + 1
        elif pattern.startswith("(?", i):
            j = i + 2
            while j < n and pattern[j] not in ":)": j += 1
            out.append(pattern[i:j + 1]); i = j + 1
        elif pattern.startswith("{{", i):
            j = pattern.index("}}", i); out.append(pattern[i:j + 2]); i = j + 2
        elif c == "{":
            j = pattern.index("}", i); out.append(pattern[i:j + 1]); i = j + 1
        elif c.isalpha():
            j = i
            while j < n and pattern[j].isalpha(): j += 1
            word = pattern[i:j]
            out.append(f"q{k}{word}" if len(word) >= 2 else word); i = j
        else:
            out.append(c); i += 1
    return "".join(out)


def rename_term(term, k):
    """A terms entry renamed word by word: '@name' (a lexicon, also inside a
    phrase) becomes the copy's own lexicon; other words as in patterns."""
    return " ".join(f"{w}_{k}" if w.startswith("@") else rename_words(w, k) for w in str(term).split(" "))


def rename_terms(node, k):
    if isinstance(node, list):
        return [rename_term(t, k) for t in node]
    return rename_term(node, k)


def rename_pattern(node, k):
    def one(p):
        return re.sub(r"\{\{(\w+)\}\}", lambda m: m.group(0) if m.group(1) == "number" else "{{%s_%d}}" % (m.group(1), k),
                      rename_words(p, k))
    return [one(p) for p in node] if isinstance(node, list) else one(node)


def rename_matcher(m, k):
    """One matcher of a copy: its patterns, terms, roles and exclusions
    renamed, so the copy searches words of its own."""
    if isinstance(m, (str, list)):
        return rename_pattern(m, k)
    m = dict(m)
    if "pattern" in m:
        m["pattern"] = rename_pattern(m["pattern"], k)
    if "terms" in m:
        m["terms"] = rename_terms(m["terms"], k)
    if "quantity" in m:
        q = dict(m["quantity"])
        if "roles" in q:
            q["roles"] = {r: rename_terms(t, k) for r, t in q["roles"].items()}
        if "exclude" in q:
            q["exclude"] = rename_terms(q["exclude"], k)
        m["quantity"] = q
    return m


def rename_rule_file(doc, k):
    """A copy of a rule file: distinct ids, vocabulary and lexicons; its
    metrics and tests only once (in copy 0)."""
    doc = dict(doc)
    rules = []
    for r in doc.get("rules") or []:
        r = dict(r)
        r["id"] = f"{r['id']}-x{k}"
        r["match"] = {name: rename_matcher(m, k) for name, m in r["match"].items()}
        r.pop("metrics", None)
        r.pop("tests", None)
        rules.append(r)
    if "rules" in doc:
        doc["rules"] = rules
    if "lexicons" in doc:
        doc["lexicons"] = {f"{n}_{k}": rename_terms(t, k) for n, t in doc["lexicons"].items()}
    if "fragments" in doc:
        doc["fragments"] = {f"{n}_{k}": rename_pattern(p, k) for n, p in doc["fragments"].items()}
    return doc


def multiply(rules_dir, out, times):
    import yaml  # python3-yaml, installed by scripts/install-deps.sh --test
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(rules_dir)):
        if not name.endswith(".yaml"):
            continue
        text = open(os.path.join(rules_dir, name), encoding="utf-8").read()
        doc = yaml.safe_load(text)
        for k in range(times):
            if k == 0:
                copy = text
            else:
                d = rename_rule_file(doc, k)
                if name.startswith("_"):
                    # The set-wide settings (negation, exhortation) once only.
                    d.pop("negation", None)
                    d.pop("exhortation", None)
                copy = yaml.safe_dump(d, sort_keys=False, allow_unicode=True, width=1000)
            prefix = f"{k:03d}" if name.startswith("_") else f"{k:03d}-"
            open(os.path.join(out, prefix + name), "w", encoding="utf-8").write(copy)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["corpus", "rules"])
    p.add_argument("args", nargs="+")
    p.add_argument("--docs", type=int, default=20000)
    p.add_argument("--seed", type=int, default=2012)
    p.add_argument("--times", type=int, default=10)
    a = p.parse_args()
    if a.what == "corpus":
        corpus(a.args[0], a.docs, a.seed)
    else:
        multiply(a.args[0], a.args[1], a.times)


if __name__ == "__main__":
    main()
