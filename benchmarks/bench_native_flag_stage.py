"""A/B of the change-flag stage in one native call per comparison (``StageFlagger.flags`` on each
text's ``FlagText``, quotations found by the kernel) against the previous path (quotations by the
reference's regular expressions, ``flag_pair`` group by group: ``PairFlagger`` or the reference).

Run from the repository root (native backend required)::

    python benchmarks/bench_native_flag_stage.py --rounds 15

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* ``signals.annotate`` alone, on what it is called with by ``compare`` on every ordered seed pair,
  with fresh ``TextFacts`` each time (as for new texts);
* ``articlediff.compare`` on every ordered seed pair, fresh (``pipeline.forget_recent()`` before each).

A is the stage kernel, B the previous path (``TextFacts.flag_text`` answering None, which sends
the stage to its reference loop and the quotations to ``python_quotations``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ab import ab, table  # noqa: E402

import articlediff  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.signals import TextFacts, stage  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    if kernels.NATIVE is None:
        raise SystemExit("bench_native_flag_stage: the native backend is not active (pip install ./native)")
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pairs = list(itertools.permutations(texts, 2))

    calls: list[tuple] = []
    real = stage.annotate

    def record(left, right, *rest, **kw):
        calls.append((left.text, right.text, *rest))
        return real(left, right, *rest, **kw)

    articlediff.pipeline.annotate = record  # type: ignore[attr-defined]
    try:
        for a, b in pairs:
            forget_recent()
            articlediff.compare(a, b)
    finally:
        articlediff.pipeline.annotate = real  # type: ignore[attr-defined]

    def annotates() -> None:
        for left, right, *rest in calls:
            real(TextFacts(left), TextFacts(right), *rest)

    def compares() -> None:
        for a, b in pairs:
            forget_recent()
            articlediff.compare(a, b)

    annotates()
    compares()  # warm-up
    off = lambda self: None  # noqa: E731
    rows = [
        (f"annotate, {len(calls)} seed comparisons", *ab(annotates, args.rounds, TextFacts, "flag_text", off)),
        (f"compare, {len(pairs)} fresh seed pairs", *ab(compares, args.rounds, TextFacts, "flag_text", off)),
    ]
    table(f"median of {args.rounds} alternating rounds each; A stage kernel, B previous path", rows)


if __name__ == "__main__":
    main()
