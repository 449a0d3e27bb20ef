"""Benchmark the change flags: ``signals.annotate`` on the seed pairs, optionally against an older revision.

Run from the repository root::

    python benchmarks/bench_signals.py                  # the table
    python benchmarks/bench_signals.py --against main   # also main's signals.py, in the same process
    python benchmarks/bench_signals.py --profile        # cProfile 50 compare() calls on 000↔001

The inputs to ``annotate`` (texts, sentence spans, groups, headings) are captured from one
``articlediff.compare(left, right)`` per pair, then ``annotate`` alone is timed: the median of
RUNS calls, in CPU time of this process (``time.process_time``: the machine is shared, and wall
time mostly measures the neighbours). ``--against REV`` loads ``articlediff/signals.py`` as it was
at REV (``git show``) as a second module and times it on the same inputs, the two calls taking
turns, so both see the same conditions; it also checks the two give the same flags.

Target (issue #2): annotate at least 3× cheaper than before the per-side preparation.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import pstats
import statistics
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmark the working tree even without an editable install
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_compare import _revision  # noqa: E402

import articlediff  # noqa: E402
from articlediff import pipeline, signals  # noqa: E402

SEEDS = ROOT / "seeds"
PAIRS = (("000", "001"), ("000", "002"), ("003", "004"))
RUNS = 300


def medians(*fns: Callable[[], object], runs: int = RUNS) -> list[float]:
    """Median CPU seconds of each of ``fns``, called in turn ``runs`` times after a warm-up call."""
    times: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        fn()
    for _ in range(runs):
        for fn, out in zip(fns, times, strict=True):
            t0 = time.process_time()
            fn()
            out.append(time.process_time() - t0)
    return [statistics.median(t) for t in times]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def annotate_inputs(left: str, right: str) -> tuple[tuple[object, ...], dict[str, object]]:
    """The arguments ``compare(left, right)`` passes to ``annotate``."""
    seen: list[tuple[tuple[object, ...], dict[str, object]]] = []
    real = pipeline.annotate

    def spy(*args: object, **kwargs: object) -> object:
        seen.append((args, kwargs))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    pipeline.annotate = spy  # type: ignore[assignment]
    try:
        articlediff.compare(left, right)
    finally:
        pipeline.annotate = real
    return seen[0]


def signals_at(rev: str) -> types.ModuleType:
    """``articlediff/signals.py`` as it was at ``rev``, loaded as ``articlediff._signals_<rev>``."""
    source = subprocess.run(
        ["git", "show", f"{rev}:articlediff/signals.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    name = "articlediff._signals_" + "".join(c if c.isalnum() else "_" for c in rev)
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "articlediff"
    sys.modules[name] = module
    exec(compile(source, f"{rev}:articlediff/signals.py", "exec"), module.__dict__)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", metavar="REV", help="also time signals.py at this git revision")
    ap.add_argument("--profile", action="store_true", help="cProfile 50 compare() calls on 000↔001")
    args = ap.parse_args(argv)
    old = signals_at(args.against) if args.against else None
    print(f"articlediff {_revision()}, annotate median ms" + (f" (against {args.against})" if old else ""))
    print("| pair | annotate ms |" + (f" {args.against} ms | speed-up |" if old else ""))
    print("|---|---:|" + ("---:|---:|" if old else ""))
    same = True
    for a, b in PAIRS:
        call_args, kwargs = annotate_inputs(seed(a), seed(b))

        def run_new(call_args: tuple[object, ...] = call_args, kwargs: dict[str, object] = kwargs) -> object:
            return signals.annotate(*call_args, **kwargs)  # type: ignore[arg-type]

        if old is None:
            row = f"| {a}↔{b} | {medians(run_new)[0] * 1e3:.3f} |"
        else:

            def run_old(call_args: tuple[object, ...] = call_args, kwargs: dict[str, object] = kwargs) -> object:
                return old.annotate(*call_args, **kwargs)  # type: ignore[union-attr]

            new_ms, old_ms = (t * 1e3 for t in medians(run_new, run_old))
            row = f"| {a}↔{b} | {new_ms:.3f} | {old_ms:.3f} | {old_ms / new_ms:.1f}× |"
            same &= run_new() == run_old()
        print(row)
    if old is not None:
        print(f"\nsame flags and boilerplate as {args.against}: {same}")
    if args.profile:
        left, right = seed("000"), seed("001")
        for _ in range(5):
            articlediff.compare(left, right)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(50):
            articlediff.compare(left, right)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("cumulative").print_stats(40)
        print(buf.getvalue())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
