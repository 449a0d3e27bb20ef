"""A/B of a group's flags in one native call (``PairFlagger.flag_pair``) against ``python_flag_pair``
on the native scans (``articlediff/signals/pair.py``).

Run from the repository root (native backend required; the data stay where they are)::

    python benchmarks/bench_native_flag_pair.py                 # data from ../shared/data
    python benchmarks/bench_native_flag_pair.py /path/to/data --rounds 9

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* ``articlediff.compare`` on every ordered seed pair, fresh (``pipeline.forget_recent()`` before each);
* ``articlediff.syndication.check_copies`` on the OneStopEnglish batch of ``bench_batch.load_set``
  (``jobs=1``, index built, caches warm: the originals' memo at work for B), when the data folder is there.

A is the kernel (the dispatch in ``flag_pair``), B the reference body (``stage.flag_pair`` set to
``python_flag_pair``, which runs the native per-sentence scans and the originals' memo).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ab import ab, batch_work, table  # noqa: E402

import articlediff  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.signals import pair, stage  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    if kernels.NATIVE is None:
        raise SystemExit("bench_native_flag_pair: the native backend is not active (pip install ./native)")
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pairs = list(itertools.permutations(texts, 2))

    def compares() -> None:
        for a, b in pairs:
            forget_recent()
            articlediff.compare(a, b)

    compares()  # warm-up
    rows = [
        (
            f"compare, {len(pairs)} fresh seed pairs",
            *ab(compares, args.rounds, stage, "flag_pair", pair.python_flag_pair),
        )
    ]
    batch = batch_work(args.data)
    if batch is not None:
        rows.append((batch[0], *ab(batch[1], args.rounds, stage, "flag_pair", pair.python_flag_pair)))
    table(
        f"median of {args.rounds} alternating rounds each; A kernel flag_pair, B python_flag_pair (native scans)", rows
    )


if __name__ == "__main__":
    main()
