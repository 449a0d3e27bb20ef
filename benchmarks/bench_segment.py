"""Time sentence segmentation, ``segment.split``, on the pure-Python reference and on the native
kernel, and what it changes in ``prepare()`` of a seed.

Run from the repository root::

    python benchmarks/bench_segment.py                  # the seeds
    python benchmarks/bench_segment.py ../shared/data   # and the OneStopEnglish texts

The backends alternate round by round (this machine runs slow by up to 2x for seconds at a time);
each time is the median of the rounds' per-text times, the ratio the median of the rounds' own
ratios, and ``min`` the fastest round. ``plain`` is the share of texts the kernel decides (the
rest it hands to the reference); ``Punkt`` the contexts a text's split asks Punkt itself about
(the kernel calls back into Python for them). The ``prepare()`` rows run the native backend with
the reference split patched in, against the native split: the segmentation's share of preparing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_signals import read  # noqa: E402

from articlediff import kernels, prepare, prepared, segment  # noqa: E402
from articlediff.segment import python_split, split  # noqa: E402


def _punkt_calls(texts: list[str]) -> int:
    """How many contexts the native splits of ``texts`` ask Punkt about."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tok = segment._tokenizer()
    calls = 0

    def punkt(context: str) -> bool:
        nonlocal calls
        calls += 1
        return bool(PunktSentenceTokenizer.text_contains_sentbreak(tok, context))

    native = segment._segmenter(kernels.NATIVE)
    counting = kernels.NATIVE.Segmenter(**{**segment.segmenter_settings(), "punkt": punkt})
    for text in texts:
        assert counting.split(text, 0, len(text)) == native.split(text, 0, len(text))
    return calls


def _rounds(runs: dict[str, Callable[[], None]], rounds: int, per: int) -> dict[str, list[float]]:
    """Each run's time per item (seconds) in each round, the runs alternating."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / per)
    return times


def _row(name: str, what: str, times: dict[str, list[float]], extra: str) -> str:
    (ref, ref_t), (new, new_t) = times.items()
    ratio = statistics.median(a / b for a, b in zip(ref_t, new_t, strict=True))
    us = {k: (statistics.median(t) * 1e6, min(t) * 1e6) for k, t in times.items()}
    return (
        f"| {name} | {what} | {us[ref][0]:,.1f} ({us[ref][1]:,.1f}) | {us[new][0]:,.1f} ({us[new][1]:,.1f}) "
        f"| {ratio:.2f}x | {extra} |"
    )


def bench_split(name: str, texts: list[str], rounds: int) -> str:
    plain = [t for t in texts if segment._segmenter(kernels.NATIVE).split(t, 0, len(t)) is not None]
    chars = sum(map(len, texts)) / len(texts)
    with kernels.forced("native"):
        assert [split(t) for t in texts] == [python_split(t) for t in texts]

    def run(backend: str) -> Callable[[], None]:
        def go() -> None:
            with kernels.forced(backend):
                for t in texts:
                    split(t)

        return go

    times = _rounds({"python": run("python"), "native": run("native")}, rounds, len(texts))
    extra = f"{len(texts)} texts, {chars:,.0f} chars, {len(plain) / len(texts):.0%} plain, "
    extra += f"Punkt {_punkt_calls(plain) / max(1, len(plain)):.1f}/text"
    return _row(name, "split() a text", times, extra)


def bench_prepare(name: str, text: str, rounds: int, per: int = 5) -> str:
    def run(patched: bool) -> Callable[[], None]:
        def go() -> None:
            with kernels.forced("native"), mock.patch.object(prepared, "split", python_split if patched else split):
                for _ in range(per):
                    prepare(text)

        return go

    times = _rounds({"reference split": run(True), "native split": run(False)}, rounds, per)
    return _row(name, "prepare() (native backend)", times, f"{len(text):,} chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, help="the shared data folder (OneStopEnglish texts)")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    if kernels.NATIVE is None or segment._segmenter(kernels.NATIVE) is None:
        sys.exit("the native segmenter is not installed (pip install ./native), or ARTICLEDIFF_PURE is set")
    seeds = [read(p) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for t in seeds:  # warm: Punkt, the word lists, the kernel's Segmenter
        split(t)
        prepare(t)
    print("| texts | what | reference µs (min) | native µs (min) | ratio | |")
    print("|---|---|---:|---:|---:|---|")
    print(bench_split("seeds", seeds, args.rounds * 4))
    if args.data is not None:
        base = args.data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
        texts = [read(p) for p in sorted(base.glob("*/*.txt"))]
        print(bench_split("OneStopEnglish", texts, args.rounds))
        plain = [t for t in texts if segment._segmenter(kernels.NATIVE).split(t, 0, len(t)) is not None]
        print(bench_split("OneStopEnglish, plain ones", plain, args.rounds))
    print(bench_prepare("seed 000", seeds[0], args.rounds * 2))


if __name__ == "__main__":
    main()
