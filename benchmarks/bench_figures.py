"""Time the change flags' figure finder, ``signals.numbers._figures``, on the pure-Python reference
and on the native kernel: one call per sentence, as the pipeline's memo makes them.

Run from the repository root::

    python benchmarks/bench_figures.py                  # the seeds
    python benchmarks/bench_figures.py ../shared/data   # and the OneStopEnglish texts

The backends alternate round by round (this machine runs slow by up to 2x for seconds at a time);
each time is the median of the rounds, the ratio the median of the rounds' own ratios. ``plain``
is the share of sentences the kernel decides (the rest it hands to the reference).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_signals import read  # noqa: E402

from articlediff import kernels  # noqa: E402
from articlediff.segment import split  # noqa: E402
from articlediff.signals.numbers import _figures  # noqa: E402


def bench(name: str, texts: list[str], rounds: int) -> None:
    work = [(text, span) for text in texts for span in split(text)]
    native = kernels.NATIVE
    plain = sum(native.figures(t[max(0, a - 2) : b], a - max(0, a - 2)) is not None for t, (a, b) in work)
    figures = sum(len(_figures(text, [span])) for text, span in work)
    times: dict[str, list[float]] = {"python": [], "native": []}
    for _ in range(rounds):
        for backend in times:
            with kernels.forced(backend):
                start = time.perf_counter()
                for text, span in work:
                    _figures(text, [span])
                times[backend].append(time.perf_counter() - start)
    ratio = statistics.median(p / n for p, n in zip(times["python"], times["native"], strict=True))
    ms = {backend: statistics.median(t) * 1e3 for backend, t in times.items()}
    print(
        f"{name}: {len(work):,} sentences ({plain / len(work):.0%} plain), {figures:,} figures; "
        f"python {ms['python']:.1f} ms, native {ms['native']:.1f} ms: {ratio:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, help="the shared data folder (OneStopEnglish texts)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if kernels.NATIVE is None:
        sys.exit("the native kernels are not installed (pip install ./native), or ARTICLEDIFF_PURE is set")
    bench("seeds", [read(p) for p in sorted((ROOT / "seeds").glob("*.txt"))], args.rounds * 4)
    if args.data is not None:
        base = args.data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
        bench("OneStopEnglish", [read(p) for p in sorted(base.glob("*/*.txt"))], args.rounds)


if __name__ == "__main__":
    main()
