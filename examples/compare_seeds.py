#!/usr/bin/env python3
"""Compare the Reuters original (seed 000) with a heavy rewrite (seed 002) and show what changed.

Run from the repository root: ``python examples/compare_seeds.py``
"""

from pathlib import Path

import articlediff

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
original = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
copy = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")

cmp = articlediff.compare(original, copy)
print(cmp)
print("summary:", cmp.summary)
print()
for pair in cmp.pairs:
    if pair.label is articlediff.Label.PARAPHRASE:
        left = " ".join(cmp.text_of("left", i) for i in pair.left)
        right = " ".join(cmp.text_of("right", j) for j in pair.right)
        print(f"paraphrase (score {pair.score:.2f}), original sentences {list(pair.left)} -> copy {list(pair.right)}")
        print("  original:", left[:150])
        print("  copy:    ", right[:150])
        changed = [copy[op.right[0] : op.right[1]] for op in pair.diff if op.op in ("replace", "insert")]
        print("  words the copy changed or added:", changed[:5])
        break
