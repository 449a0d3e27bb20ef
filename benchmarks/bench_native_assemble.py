"""A/B of the native assemble stage (``reading_order``, ``Assembler.pairs`` over per-text
``WordTable``s) and the one-pass ``summarize`` against their references ``python_reading_order``,
``python_assemble`` and ``python_summarize``.

Run from the repository root (native backend required)::

    python benchmarks/bench_native_assemble.py                 # data from ../shared/data
    python benchmarks/bench_native_assemble.py /path/to/data --rounds 9

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* reading_order + assemble + summarize alone, on the calls ``compare`` makes for every ordered seed pair (the
  prepared texts kept, so A's word tables are warm after the first round);
* ``articlediff.compare`` on every ordered seed pair, fresh (``pipeline.forget_recent()`` before each:
  A builds each text's word table);
* ``articlediff.compare`` on the real 100k-word pair of ``bench_compare.real_pair``, when the data is there.

A is the new path, B the references (``pipeline.reading_order``/``assemble``/``summarize`` swapped).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ab import table  # noqa: E402

import articlediff  # noqa: E402
from articlediff import assemble, classify, kernels, pipeline  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402

NEW = (assemble.reading_order, assemble.assemble, classify.summarize)
OLD = (assemble.python_reading_order, assemble.python_assemble, classify.python_summarize)


def swap(fns: tuple[Callable[..., object], ...]) -> None:
    pipeline.reading_order, pipeline.assemble, pipeline.summarize = fns  # type: ignore[assignment]


def ab2(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median seconds of ``work`` on the new path (A) and on the references (B), rounds alternating."""
    times: tuple[list[float], list[float]] = ([], [])
    try:
        for r in range(2 * rounds):
            new = r % 2 == 0
            swap(NEW if new else OLD)
            t0 = time.perf_counter()
            work()
            times[0 if new else 1].append(time.perf_counter() - t0)
    finally:
        swap(NEW)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    if kernels.NATIVE is None:
        raise SystemExit("bench_native_assemble: the native backend is not active (pip install ./native)")
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pairs = list(itertools.permutations(texts, 2))

    calls: list[tuple[str, tuple[object, ...], dict[str, object]]] = []

    def spy(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def run(*a: object, **k: object) -> object:
            calls.append((name, a, k))
            return fn(*a, **k)

        return run

    swap((spy("r", NEW[0]), spy("a", NEW[1]), spy("s", NEW[2])))
    for a, b in pairs:
        forget_recent()
        articlediff.compare(a, b)
    swap(NEW)

    def stage() -> None:
        stages = {"r": pipeline.reading_order, "a": pipeline.assemble, "s": pipeline.summarize}
        for name, a, k in calls:
            stages[name](*a, **k)

    def compares() -> None:
        for a, b in pairs:
            forget_recent()
            articlediff.compare(a, b)

    compares()  # warm-up
    rows = [
        (f"reading_order+assemble+summarize, {len(pairs)} seed pairs", *ab2(stage, args.rounds)),
        (f"compare, {len(pairs)} fresh seed pairs", *ab2(compares, args.rounds)),
    ]
    from bench_compare import real_pair

    real = real_pair(args.data, 100_000)
    if real is not None:
        left, right = real

        def big() -> None:
            forget_recent()
            articlediff.compare(left, right, max_chars=10_000_000)

        big()
        rows.append(("compare, real 100k-word pair", *ab2(big, max(3, args.rounds // 3))))
    table(
        "median of alternating rounds; A native reading_order, assemble + one-pass summarize; B the python_ references",
        rows,
    )


if __name__ == "__main__":
    main()
