#!/usr/bin/env python3
"""Turns `wfof list patterns` output into the same patterns for ripgrep
(one per line, no named groups: rg joins them into one regex) and for YARA
(one rule per pattern, as a case-insensitive regex string).

    convert_patterns.py PATTERNS RG_OUT YARA_OUT
"""
import re
import sys

src, rg_out, yara_out = sys.argv[1:4]
patterns = [p for p in open(src, encoding="utf-8").read().split("\n") if p]
plain = [re.sub(r"\(\?P<\w+>", "(", p) for p in patterns]
with open(rg_out, "w", encoding="utf-8") as f:
    f.write("\n".join(plain) + "\n")
with open(yara_out, "w", encoding="utf-8") as f:
    for i, p in enumerate(plain):
        # YARA cannot mix lazy and greedy quantifiers; for "does it occur"
        # they are equivalent, so make them all greedy.
        y = re.sub(r"([*+?}])\?", r"\1", p.replace("(?:", "(")).replace("/", "\\/")
        f.write(f"rule p{i} {{ strings: $a = /{y}/ nocase condition: $a }}\n")
