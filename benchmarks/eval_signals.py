#!/usr/bin/env python3
"""How often the change flags fire on honest editorial rewrites, and a sample to read by hand.

OneStopEnglish's editors rewrite each Guardian article at three reading levels: they simplify but do
not falsify. Every flag raised between the advanced version (original) and the intermediate or
elementary version (copy) is therefore a candidate false positive, unless the editor really did
change a quote or a figure. This script prints flags per 1,000 aligned pairs by kind, and a seeded
random sample of flags with both sides' text, to be read and judged by a person (the judgement and
the resulting false-positive rates are recorded in the README).

Usage: python benchmarks/eval_signals.py [DATA_DIR] [--sample 50] [--seed 1] [--kinds quote_changed,number_changed]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import articlediff

ROOT = Path(__file__).resolve().parent.parent


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def pairs(data: Path):
    base = data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    for adv in sorted((base / "Adv-Txt").glob("*-adv.txt")):
        title = adv.name[: -len("-adv.txt")]
        for level in ("Int", "Ele"):
            copy = base / f"{level}-Txt" / f"{title}-{level.lower()}.txt"
            if copy.exists():
                yield f"{title} adv→{level.lower()}", read(adv), read(copy)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=ROOT.parent / "shared" / "data", type=Path)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="", help="comma-separated kinds to sample (default: all)")
    args = ap.parse_args()
    counts: Counter[str] = Counter()
    aligned = 0
    docs = 0
    found = []
    for name, left, right in pairs(args.data):
        cmp = articlediff.compare(left, right)
        docs += 1
        for p in cmp.pairs:
            if p.left and p.right:
                aligned += 1
            for f in p.flags:
                counts[f.kind] += 1
                found.append((name, p, f, cmp))
    print(f"{docs} document pairs, {aligned} aligned sentence pairs\n")
    print("| flag | count | per 1,000 aligned pairs |")
    print("|---|---:|---:|")
    for kind in ("quote_changed", "quote_unsourced", "number_changed", "name_changed", "attribution_changed"):
        print(f"| {kind} | {counts[kind]} | {1000 * counts[kind] / max(1, aligned):.1f} |")
    kinds = set(filter(None, args.kinds.split(",")))
    pool = [item for item in found if not kinds or item[2].kind in kinds]
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    print(f"\n## sample of {len(sample)} flags (seed {args.seed})\n")
    for n, (name, p, f, cmp) in enumerate(sample, 1):
        left = " ".join(cmp.text_of("left", i) for i in p.left) or "-"
        right = " ".join(cmp.text_of("right", j) for j in p.right) or "-"
        lspan = cmp.left_text[f.left[0] : f.left[1]] if f.left else "-"
        rspan = cmp.right_text[f.right[0] : f.right[1]] if f.right else "-"
        print(f"{n}. [{f.kind}] {name}: {f.message}\n   flagged L: {lspan}\n   flagged R: {rspan}")
        print(f"   pair L: {left}\n   pair R: {right}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
