#!/usr/bin/env python3
"""Stress benchmark: compare() on 1, 5 and 10 MB article pairs and a 200k-character unpunctuated run.

Each case runs in a fresh child process so its peak memory (max RSS) is its own. The pairs are built
from the seeds like ``bench_compare.make_pair`` (an edited copy: drops, moves, splits, merges, word
edits, additions), scaled to the byte size. Targets: each 10 MB pair in ≤ 60 s and ≤ 2 GB (issue
#6); ≤ 10 s and ≤ 1 GB under the native backend (issue #15).

    python benchmarks/bench_stress.py            # all cases
    python benchmarks/bench_stress.py --quick    # 1 MB and the unpunctuated run only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
import articlediff
from bench_compare import make_pair
kind, size = sys.argv[1], int(sys.argv[2])
if kind == "pair":
    words = 1000
    left, right = make_pair(words, seed=0)
    while len(left.encode()) < size:  # grow to the byte size (make_pair sizes by words)
        words = int(words * size / max(1, len(left.encode())) * 1.05) + 1
        left, right = make_pair(words, seed=0)
else:
    left = " ".join(f"token{{n % 5000}}" for n in range(size // 10))[:size]
    right = left[: len(left) // 2] + " inserted words here " + left[len(left) // 2 :]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
articlediff.compare("Warm up. The tokenizer loads.", "Warm up.")
t = time.perf_counter()
cmp = articlediff.compare(left, right, max_chars=max(len(left), len(right)))
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"left_bytes": len(left.encode()), "right_bytes": len(right.encode()),
                  "words": len(left.split()) + len(right.split()),
                  "sentences": [len(cmp.left), len(cmp.right)], "seconds": elapsed,
                  "peak_rss_mb": peak / 1024, "inputs_rss_mb": base / 1024}}))
"""


def run(kind: str, size: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(here=str(HERE)), kind, str(size)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    cases = [("1 MB pair", "pair", 1_000_000), ("200k-char unpunctuated run", "run", 200_000)]
    if not args.quick:
        cases[1:1] = [("5 MB pair", "pair", 5_000_000), ("10 MB pair", "pair", 10_000_000)]
    print("| case | bytes (L / R) | words | sentences (L / R) | compare s | peak RSS MB | RSS before compare MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    failed = []
    ten: dict | None = None
    for name, kind, size in cases:
        r = run(kind, size)
        if name == "10 MB pair":
            ten = r
        print(
            f"| {name} | {r['left_bytes']:,} / {r['right_bytes']:,} | {r['words']:,} | "
            f"{r['sentences'][0]:,} / {r['sentences'][1]:,} | {r['seconds']:.2f} | {r['peak_rss_mb']:.0f} | "
            f"{r['inputs_rss_mb']:.0f} |"
        )
        if name == "10 MB pair" and (r["seconds"] > 60 or r["peak_rss_mb"] > 2048):
            failed.append(name)
    print(
        "\nTarget: each 10 MB pair in ≤ 60 s and ≤ 2 GB:",
        "FAIL " + ", ".join(failed) if failed else "PASS (or not run)",
    )
    if ten is not None:  # issue 15 (native backend): ≤ 10 s and ≤ 1 GB
        ok = ten["seconds"] <= 10 and ten["peak_rss_mb"] <= 1024
        print(
            f"Issue 15 ({articlediff_backend()} backend): the 10 MB pair in ≤ 10 s and ≤ 1 GB: "
            f"{'PASS' if ok else 'FAIL'} ({ten['seconds']:.2f} s, {ten['peak_rss_mb']:.0f} MB)"
        )
    return 0


def articlediff_backend() -> str:
    """The backend the child processes run (they import articlediff as this process would)."""
    sys.path.insert(0, str(HERE.parent))
    import articlediff

    return articlediff.backend


if __name__ == "__main__":
    sys.exit(main())
