"""A/B of the copy's quotation flags in one native call per comparison (``unsourced_quotes``:
``QuoteFlagger.flags`` on the two texts' ``FlagText``) against the reference
``python_unsourced_quotes`` (which under the native backend counts with ``QuotePostings``, as before).

Run from the repository root (native backend required)::

    python benchmarks/bench_native_quotes.py                 # data from ../shared/data
    python benchmarks/bench_native_quotes.py /path/to/data --rounds 15

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* ``unsourced_quotes`` alone on the seed pair 000↔002 and on every ordered seed pair, each text's
  quotations and ``FlagText`` made beforehand (as the stage has them: ``TextFacts``);
* the same on the real 100k-word pair of ``bench_compare.real_pair``, when the data is there;
* ``articlediff.compare`` on every ordered seed pair, fresh (``pipeline.forget_recent()`` before
  each), and on the real pair (fewer rounds).

A is the kernel, B the reference (``signals.stage.unsourced_quotes`` swapped for
``python_unsourced_quotes`` in the compare rows).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ab import ab, alternate, native_bench  # noqa: E402

import articlediff  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.signals import TextFacts, quotes, stage  # noqa: E402


def quote_work(pairs: list[tuple[str, str]]) -> tuple[Callable[[], object], Callable[[], object]]:
    """``unsourced_quotes`` (A) and ``python_unsourced_quotes`` (B) over ``pairs``, facts made once."""
    args = []
    for left, right in pairs:
        lf, rf = TextFacts(left), TextFacts(right)
        texts = (lf.flag_text(), rf.flag_text())
        assert None not in texts
        args.append((left, lf.quotations, right, rf.quotations, texts))
        assert quotes.unsourced_quotes(*args[-1]) == quotes.python_unsourced_quotes(*args[-1][:4])

    def native() -> None:
        for a in args:
            quotes.unsourced_quotes(*a)

    def reference() -> None:
        for a in args:
            quotes.python_unsourced_quotes(*a[:4])

    return native, reference


def main() -> None:
    args, seeds = native_bench(__doc__, "bench_native_quotes")
    pairs = list(itertools.permutations(seeds.values(), 2))
    from bench_compare import real_pair

    real = real_pair(args.data, 100_000)

    rows = []
    for name, work in [("000↔002", [(seeds["000"], seeds["002"])]), (f"{len(pairs)} seed pairs", pairs)]:
        a, b = quote_work(work)
        rows.append((f"unsourced_quotes, {name}", *alternate(a, b, 20 * args.rounds)))
    if real is not None:
        a, b = quote_work([real])
        rows.append(("unsourced_quotes, real 100k-word pair", *alternate(a, b, args.rounds)))

    def reference(left, lq, right, rq, texts=None):  # noqa: ANN001, ANN202
        return quotes.python_unsourced_quotes(left, lq, right, rq)

    def compares() -> None:
        for a, b in pairs:
            forget_recent()
            articlediff.compare(a, b)

    compares()  # warm-up
    rows.append(
        (
            f"compare, {len(pairs)} fresh seed pairs",
            *ab(compares, 3 * args.rounds, stage, "unsourced_quotes", reference),
        )
    )
    if real is not None:
        left, right = real

        def big() -> None:
            forget_recent()
            articlediff.compare(left, right, max_chars=10_000_000)

        big()
        rows.append(
            ("compare, real 100k-word pair", *ab(big, max(3, args.rounds // 3), stage, "unsourced_quotes", reference))
        )
    print("median of alternating rounds; A native unsourced_quotes, B python_unsourced_quotes")
    width = max(len(name) for name, _, _ in rows) + 2
    print(f"{'work':{width}} {'A ms':>9} {'B ms':>9} {'B/A':>6}")
    for name, a, b in rows:
        print(f"{name:{width}} {1e3 * a:9.3f} {1e3 * b:9.3f} {b / a:6.2f}")


if __name__ == "__main__":
    main()
