#!/usr/bin/env python3
"""What the ``semantic`` preset costs: ``compare(a, b, "semantic")`` against ``compare(a, b)``, one run.

Run from the repository root (needs ``pip install -e '.[semantic]'``)::

    python benchmarks/bench_semantic.py            # seed pairs and synthetic 1k/10k/30k words a side
    python benchmarks/bench_semantic.py --quick    # seed pairs and 1k only

Each round times both presets once on the same input, made fresh for the round (a unique last line
on both sides), so neither the prepared-text cache of ``compare()`` nor the vectors kept on a
prepared text hide the per-call cost: this is what a user comparing new texts pays, embedding
included. Cells are medians over the rounds and the ratio is the median of the rounds' ratios.
The model load (once a process) is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_compare import make_pair  # noqa: E402

import articlediff  # noqa: E402
from articlediff.embed import wordllama  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="seed pairs and 1k words only")
    ap.add_argument("--rounds", type=int, default=15, help="rounds per input (default 15; 3 on the largest)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    wordllama()
    load = time.perf_counter() - t0
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    inputs = [
        ("000↔001", seeds["000"], seeds["001"]),
        ("000↔002", seeds["000"], seeds["002"]),
        ("003↔004", seeds["003"], seeds["004"]),
    ]
    for n in (1_000,) if args.quick else (1_000, 10_000, 30_000):
        inputs.append((f"synthetic {n // 1000}k/side", *make_pair(n)))
    articlediff.compare(seeds["000"], seeds["001"], "semantic")  # warm: NLTK, Punkt, stemmer
    print("## compare(): semantic preset against default, fresh texts each round\n")
    print(f"WordLlama load (once a process): {load * 1e3:.0f} ms. Medians in ms.\n")
    print("| input | words | default | semantic | semantic/default |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b in inputs:
        rounds = args.rounds if len(a) < 200_000 else 3
        times: dict[str, list[float]] = {"default": [], "semantic": []}
        ratios = []
        for r in range(rounds):
            got = {}
            for preset in ("default", "semantic") if r % 2 == 0 else ("semantic", "default"):
                left, right = f"{a}\n\nNote {preset} {r}.", f"{b}\n\nNote {preset} {r}."
                s = time.perf_counter()
                articlediff.compare(left, right, preset)
                got[preset] = time.perf_counter() - s
                times[preset].append(got[preset])
            ratios.append(got["semantic"] / got["default"])
        words = len(a.split()) + len(b.split())
        d, s = statistics.median(times["default"]), statistics.median(times["semantic"])
        print(f"| {name} | {words:,} | {d * 1e3:.1f} | {s * 1e3:.1f} | {statistics.median(ratios):.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
