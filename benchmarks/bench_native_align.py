"""A/B of the whole lexical alignment in one native call against the Python passes on the native scorer.

Run from the repository root (native backend required; the data stay where they are)::

    python benchmarks/bench_native_align.py                 # data from ../shared/data
    python benchmarks/bench_native_align.py /path/to/data --rounds 9

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* ``align()`` on every ordered seed pair (prepared once, native indexes built once);
* ``compare_prepared`` on every ordered seed pair;
* ``articlediff.syndication.check_copies`` on the OneStopEnglish batch of ``bench_batch.load_set``
  (``jobs=1``, index built, caches warm), when the data folder is there.

A is the kernel (``PairScorer.align``), B the Python passes on the native scorer (the dispatch
``articlediff.align.native_align`` turned off).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import articlediff  # noqa: E402
import articlediff.align as amod  # noqa: E402
from articlediff import kernels, syndication  # noqa: E402
from articlediff.align import align  # noqa: E402
from articlediff.options import resolve  # noqa: E402


def ab(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median seconds of ``work`` with the kernel (A) and without it (B), rounds alternating."""
    real = amod.native_align
    times: tuple[list[float], list[float]] = ([], [])
    for r in range(2 * rounds):
        kernel = r % 2 == 0
        amod.native_align = real if kernel else (lambda *args: None)
        try:
            t0 = time.perf_counter()
            work()
            times[0 if kernel else 1].append(time.perf_counter() - t0)
        finally:
            amod.native_align = real
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if kernels.NATIVE is None:
        raise SystemExit("bench_native_align: the native backend is not active (pip install ./native)")
    seeds = [articlediff.prepare(p.read_text("utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pairs = [(a, b) for a in seeds for b in seeds]
    for p in seeds:
        p.native_index()
    opts = resolve("default")

    def aligns() -> None:
        for _ in range(10):
            for a, b in pairs:
                indexes = (a.native_index(), b.native_index())
                align(a.profiles, b.profiles, opts, (a.headings, b.headings), (a.postings, b.postings), None, indexes)

    def compares() -> None:
        for a, b in pairs:
            articlediff.compare_prepared(a, b)

    rows = [("align(), 25 seed pairs x10", *ab(aligns, args.rounds))]
    rows.append(("compare_prepared, 25 seed pairs", *ab(compares, args.rounds)))
    if (args.data / "onestopenglish").is_dir():
        from bench_batch import load_set

        originals, copies, _ = load_set(args.data)
        index = syndication.index_originals(originals)
        list(syndication.check_copies(index, copies))  # warm-up

        def checks() -> None:
            list(syndication.check_copies(index, copies))

        rows.append((f"check_copies, OneStopEnglish ({len(copies)} copies)", *ab(checks, args.rounds)))
    print(f"median of {args.rounds} alternating rounds each; A kernel, B passes on the native scorer")
    print(f"{'work':44} {'A s':>9} {'B s':>9} {'B/A':>6}")
    for name, a, b in rows:
        print(f"{name:44} {a:9.4f} {b:9.4f} {b / a:6.2f}")


if __name__ == "__main__":
    main()
