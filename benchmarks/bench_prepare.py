"""Per-text preparation under the native backend: ``build`` + ``native_index`` (the native per-text
kernel, ``native/src/prep.rs``, A) against the path before it (B: ``python_build``, which keys the
text natively and profiles each unit in Python, then ``candidates.native_index`` reading the
profiles), alternating rounds in one process; and fresh ``compare()`` of seed pairs with either.

    python benchmarks/bench_prepare.py [DATA] [--rounds 7]

DATA (default ``../shared/data``) holds ``onestopenglish/``; without it only the seeds are read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import articlediff  # noqa: E402
from articlediff import pipeline, prepared  # noqa: E402
from articlediff.align.candidates import native_index  # noqa: E402
from articlediff.kernels import active  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.segment import split  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ((0, 1), (0, 2), (3, 4), (1, 2))


def old_build(text: str, words: object = None) -> prepared.Prepared:
    """The per-text stage before the native kernel: keys natively, profiles in Python, the native
    index read off the profiles (made at once: a compare always asks for it)."""
    p = prepared.python_build(text, split(text))
    object.__setattr__(p, "_native_index", native_index(p.profiles))
    return p


def prepare_new(texts: list[str]) -> None:
    for t in texts:
        prepared.build(t).native_index()


def prepare_old(texts: list[str]) -> None:
    for t in texts:
        old_build(t)


def rounds(work: dict[str, Callable[[], object]], n: int) -> dict[str, float]:
    """Median seconds of each of ``work``, the entries alternating round by round."""
    times: dict[str, list[float]] = {k: [] for k in work}
    for _ in range(n):
        for name, fn in work.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in times.items()}


def compares(seeds: list[str], count: int) -> None:
    for k in range(count):
        a, b = PAIRS[k % len(PAIRS)]
        forget_recent()
        articlediff.compare(seeds[a], seeds[b])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if active() is None:
        raise SystemExit("bench_prepare: the native backend is not active")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    sets = {f"seeds ({len(seeds)} texts)": seeds}
    base = Path(args.data) / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if base.is_dir():
        ose = [articlediff.load(p) for p in sorted(base.glob("*-Txt/*.txt"))]
        sets[f"OneStopEnglish ({len(ose)} texts)"] = ose
    real = pipeline.build
    print(f"{'work':34} {'new ms':>9} {'old ms':>9} {'old/new':>8}")
    for name, texts in sets.items():
        prepare_new(texts)
        prepare_old(texts)  # warm caches
        got = rounds({"new": lambda t=texts: prepare_new(t), "old": lambda t=texts: prepare_old(t)}, args.rounds)
        label = "build+index, " + name
        print(f"{label:34} {got['new'] * 1e3:9.2f} {got['old'] * 1e3:9.2f} {got['old'] / got['new']:8.2f}")
        per = len(texts)
        print(f"{'  per text':34} {got['new'] * 1e3 / per:9.3f} {got['old'] * 1e3 / per:9.3f}")
    count = 40
    times: dict[str, list[float]] = {"new": [], "old": []}
    compares(seeds, count)
    for r in range(2 * args.rounds):
        which = "new" if r % 2 == 0 else "old"
        pipeline.build = real if which == "new" else old_build
        try:
            t0 = time.perf_counter()
            compares(seeds, count)
            times[which].append(time.perf_counter() - t0)
        finally:
            pipeline.build = real
    new, old = (statistics.median(times[k]) * 1e3 / count for k in ("new", "old"))
    print(f"{'fresh seed compare':34} {new:9.3f} {old:9.3f} {old / new:8.2f}")


if __name__ == "__main__":
    main()
