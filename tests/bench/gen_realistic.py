#!/usr/bin/env python3
"""Builds the realistic benchmark corpus from the fixtures' own text.

    gen_realistic.py OUT_DIR [--mb 20] [--seed 2012]

Every document of fixtures/{real,authored,holdout,layouts,wordings} is a
seed; the seeds are taken in turn (so every layout is represented in the
same proportion as in the fixtures) and each copy is mutated
deterministically:

- the force's name (from the fixture's expected `subject:`) is replaced by
  another force's, kind (Constabulary, Police, Police Service) included;
- every figure that is not a year is scaled by one factor per document
  (so "72 of 76" stays a share of its total), with or without thousands
  separators; number words two..twelve are swapped for others;
- the findings (every run of list items, wrapped continuation lines kept
  with their item) are shuffled;
- the unordered bullets' glyph is changed (-, *, U+2022, U+F0B7 and a tab);
- line endings (LF/CRLF), a UTF-8 BOM and the Markdown variant (headings
  and bold added to a .txt, removed from a .md) are flipped at random.

The same seed gives the same bytes. Stops when the corpus reaches --mb
megabytes (10^6 bytes), 1,000 documents a folder.
"""
import argparse
import os
import random
import re

SETS = ["real", "authored", "holdout", "layouts", "wordings"]
PLACES = ["Avonmere", "Blackwater", "Calder Vale", "Dunmoor", "Eskdale", "Fernhill", "Glenarrow", "Harrowfield",
          "Ironbridge", "Kestrel", "Lowther", "Marshland", "Northvale", "Oakridge", "Pendle", "Quarrymoor",
          "Redcliffe", "Stourbank", "Tamarside", "Ullswater", "Vernham", "Wyvern", "Yarrowdale", "Zennor",
          "Brecon Borders", "Chiltern Hundreds", "Dales and Moors", "Isle of Kell", "North Wealdmoor"]
KINDS = ["Constabulary", "Police", "Police Service"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
BULLETS = ["-", "*", "\u2022", "\uf0b7"]
UNORDERED = re.compile(r"^(\s*)([-*\u2022\uf0b7\u25cf\u25aa])([ \t]+)(?=\S)")
ORDERED = re.compile(r"^(\s*)(\(?[a-z0-9]{1,2}[.)])([ \t]+)(?=\S)")
NUMBER = re.compile(r"(?<![\w.,:])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:]|,\d)")
WORD = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


def seeds(root):
    out = []
    for s in SETS:
        d = os.path.join(root, "fixtures", s)
        for name in sorted(os.listdir(d)):
            if not (name.endswith(".txt") or name.endswith(".md")):
                continue
            stem = name.rsplit(".", 1)[0]
            subject = None
            exp = os.path.join(d, stem + ".expected.yaml")
            if os.path.exists(exp):
                m = re.search(r"^subject: (.+)$", open(exp, encoding="utf-8").read(), re.M)
                if m and m.group(1).strip() not in ("null", "~"):
                    subject = m.group(1).strip().strip("'\"")
            raw = open(os.path.join(d, name), "rb").read()
            out.append((s, stem, name.rsplit(".", 1)[1], subject, raw))
    return out


def rename_force(text, subject, r):
    if not subject:
        return text
    base = re.sub(r"\s+(Constabulary|Police Service|Police)$", "", subject)
    place = r.choice(PLACES)
    new = f"{place} {r.choice(KINDS)}"
    text = text.replace(subject, new)
    return text.replace(base, place) if base and base != subject else text


def vary_numbers(text, r):
    factor = r.choice([0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 7.0, 20.0])
    commas = r.random() < 0.5
    def num(m):
        s = m.group(1)
        v = int(s.replace(",", ""))
        if (1900 <= v <= 2100 and "," not in s) or (s[0] == "0" and len(s) > 1):
            return s  # a year, or a telephone number
        w = int(round(v * factor))
        return f"{w:,}" if (commas or "," in s) and w >= 1000 else str(w)
    text = NUMBER.sub(num, text)
    swap = {w: r.choice(WORDS) for w in WORDS}
    def word(m):
        w = swap[m.group(1).lower()]
        return w.capitalize() if m.group(1)[0].isupper() else w
    return WORD.sub(word, text)


def shuffle_lists(lines, r, glyph):
    out, i = [], 0
    def marker(line):
        return UNORDERED.match(line) or ORDERED.match(line)
    while i < len(lines):
        if not marker(lines[i]):
            out.append(lines[i]); i += 1
            continue
        items = []  # (marker match, [lines])
        while i < len(lines) and marker(lines[i]):
            item = [lines[i]]; i += 1
            while i < len(lines) and lines[i].strip() and not marker(lines[i]) and \
                    (lines[i][0] in " \t" or lines[i].lstrip()[0].islower()):
                item.append(lines[i]); i += 1
            items.append(item)
        heads = [marker(it[0]) for it in items]
        bodies = [[it[0][heads[k].end():]] + it[1:] for k, it in enumerate(items)]
        r.shuffle(bodies)
        for k, body in enumerate(bodies):
            h = heads[k]
            if UNORDERED.match(items[k][0]) and glyph:
                head = h.group(1) + glyph + ("\t" if glyph == "\uf0b7" else " ")
            else:
                head = h.group(0)
            out.append(head + body[0])
            out.extend(body[1:])
    return out


def to_markdown(lines, subject):
    out, headed = [], False
    for line in lines:
        s = line.strip()
        if not headed and s and (subject and subject in s or " has made " in s) and not s.startswith("#"):
            line, headed = "## " + s, True
        elif s.lower() in ("notes to editors", "notes to editors:"):
            line = "## " + s
        elif s.endswith("found:") and len(s) < 80:
            line = "**" + s + "**"
        out.append(line)
    return out


def from_markdown(lines):
    return [re.sub(r"^#{1,6}\s+", "", l).replace("**", "") for l in lines]


def mutate(seed, r):
    _, stem, ext, subject, raw = seed
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.lstrip("\ufeff")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    text = rename_force(text, subject, r)
    text = vary_numbers(text, r)
    lines = shuffle_lists(text.split("\n"), r, r.choice(BULLETS) if r.random() < 0.7 else None)
    if r.random() < 0.25:
        if ext == "txt":
            lines, ext = to_markdown(lines, subject), "md"
        else:
            lines, ext = from_markdown(lines), "txt"
    if r.random() < 0.3:
        crlf = not crlf
    if r.random() < 0.15:
        bom = not bom
    text = ("\r\n" if crlf else "\n").join(lines)
    return stem, ext, ("\ufeff" if bom else "") + text


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--mb", type=float, default=20)
    p.add_argument("--seed", type=int, default=2012)
    a = p.parse_args()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    all_seeds = seeds(root)
    r = random.Random(a.seed)
    total, i, target = 0, 0, a.mb * 1e6
    while total < target:
        stem, ext, text = mutate(all_seeds[i % len(all_seeds)], r)
        sub = os.path.join(a.out, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(sub, f"d{i:06d}-{stem}.{ext}"), "wb") as f:
            f.write(data)
        total += len(data); i += 1
    print(f"{i} documents, {total / 1e6:.1f} MB from {len(all_seeds)} fixtures")


if __name__ == "__main__":
    main()
