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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ab import ab, batch_work, table  # noqa: E402

import articlediff  # noqa: E402
import articlediff.align as amod  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff.align import align  # noqa: E402
from articlediff.options import resolve  # noqa: E402


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

    rows = [("align(), 25 seed pairs x10", *ab(aligns, args.rounds, amod, "native_align", lambda *args: None))]
    rows.append(
        ("compare_prepared, 25 seed pairs", *ab(compares, args.rounds, amod, "native_align", lambda *args: None))
    )
    batch = batch_work(args.data)
    if batch is not None:
        rows.append((batch[0], *ab(batch[1], args.rounds, amod, "native_align", lambda *args: None)))
    table(f"median of {args.rounds} alternating rounds each; A kernel, B passes on the native scorer", rows)


if __name__ == "__main__":
    main()
