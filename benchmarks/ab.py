"""What the kernel A/B benchmarks share: alternating rounds with one function swapped (:func:`ab`),
two functions in turn (:func:`alternate`), a native benchmark's command line and seeds
(:func:`native_bench`), the OneStopEnglish batch as a piece of work (:func:`batch_work`) and the
table (:func:`table`)."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def ab(work: Callable[[], object], rounds: int, owner: Any, name: str, off: object) -> tuple[float, float]:
    """Median seconds of ``work`` as it is (A) and with ``owner.name`` set to ``off`` (B), rounds alternating."""
    real = getattr(owner, name)
    times: tuple[list[float], list[float]] = ([], [])
    for r in range(2 * rounds):
        kernel = r % 2 == 0
        setattr(owner, name, real if kernel else off)
        try:
            t0 = time.perf_counter()
            work()
            times[0 if kernel else 1].append(time.perf_counter() - t0)
        finally:
            setattr(owner, name, real)
    return statistics.median(times[0]), statistics.median(times[1])


def native_bench(doc: str | None, name: str) -> tuple[argparse.Namespace, dict[str, str]]:
    """The command line of a native A/B benchmark (``data``, ``--rounds``) and the seeds by number;
    exits when the native backend is not active."""
    from articlediff import kernels

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    if kernels.NATIVE is None:
        raise SystemExit(f"{name}: the native backend is not active (pip install ./native)")
    return args, {p.name[:3]: p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}


def alternate(a: Callable[[], object], b: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median seconds of ``a`` and of ``b``, run in turn ``rounds`` times each."""
    times: tuple[list[float], list[float]] = ([], [])
    for r in range(2 * rounds):
        t0 = time.perf_counter()
        (a if r % 2 == 0 else b)()
        times[r % 2].append(time.perf_counter() - t0)
    return statistics.median(times[0]), statistics.median(times[1])


def batch_work(data: Path) -> tuple[str, Callable[[], object]] | None:
    """``check_copies`` over bench_batch's OneStopEnglish set (index built, caches warm), or None without the data."""
    if not (data / "onestopenglish").is_dir():
        return None
    from bench_batch import load_set

    from articlediff import syndication

    originals, copies, _ = load_set(data)
    index = syndication.index_originals(originals)
    list(syndication.check_copies(index, copies))  # warm-up

    def checks() -> None:
        list(syndication.check_copies(index, copies))

    return f"check_copies, OneStopEnglish ({len(copies)} copies)", checks


def table(title: str, rows: list[tuple[str, float, float]]) -> None:
    """Print ``rows`` of ``(work, A seconds, B seconds)`` under ``title``."""
    width = max(len(name) for name, _, _ in rows) + 2
    print(title)
    print(f"{'work':{width}} {'A s':>9} {'B s':>9} {'B/A':>6}")
    for name, a, b in rows:
        print(f"{name:{width}} {a:9.4f} {b:9.4f} {b / a:6.2f}")
