"""A/B of the boilerplate reasons in one native call per text (``Boilerplate.reasons``, kept in the
text's ``TextFacts``) against the reference (``python_boilerplate_reason`` of each lone sentence).

Run from the repository root (native backend required)::

    python benchmarks/bench_native_boilerplate.py                 # data from ../shared/data
    python benchmarks/bench_native_boilerplate.py /path/to/data --rounds 15

In one process, alternating rounds (A, B, A, B, ...), medians of the rounds:

* per sentence, every sentence of the seeds (and of 60 OneStopEnglish texts, when the data is
  there), each as a heading and not: A one ``reasons`` call per text, B the reference's uncached
  ``_boilerplate`` on each (what a sentence not seen before costs it);
* ``articlediff.compare`` fresh (``pipeline.forget_recent()`` and the reference's unit cache
  cleared before each) on the seed pair 000↔002 and on every ordered seed pair, and on the seed
  pairs with the reference's unit cache kept (the same sentences seen in earlier rounds): A as it
  runs, B with ``TextFacts.boilerplate`` answering by the reference for each lone sentence.
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
from articlediff import kernels  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.segment import split  # noqa: E402
from articlediff.signals import TextFacts, boilerplate  # noqa: E402


def sentence_work(texts: list[str]) -> tuple[int, Callable[[], object], Callable[[], object]]:
    """The number of sentences (each read twice: as a heading and not), the kernel's and the
    reference's work over them; checked to agree first."""
    kernel = boilerplate._kernel(kernels.NATIVE)
    cases = []
    for text in texts:
        spans = split(text)
        for heads in ([False] * len(spans), [True] * len(spans)):
            cases.append((text, spans, heads))
            want = [boilerplate._boilerplate(text[a:b], h) for (a, b), h in zip(spans, heads, strict=True)]
            got = kernel.reasons(text, spans, heads)
            assert all(g is False or g == w for g, w in zip(got, want, strict=True))
    reference = boilerplate._boilerplate

    def native() -> None:
        for text, spans, heads in cases:
            kernel.reasons(text, spans, heads)

    def python() -> None:
        for text, spans, heads in cases:
            for (a, b), h in zip(spans, heads, strict=True):
                reference(text[a:b], h)

    return sum(len(s) for _, s, _ in cases), native, python


def main() -> None:
    args, seeds = native_bench(__doc__, "bench_native_boilerplate")
    per_sentence = [("seeds", list(seeds.values()))]
    ose = args.data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    if ose.is_dir():
        paths = sorted(ose.rglob("*.txt"))[::9][:60]
        per_sentence.append((f"{len(paths)} OneStopEnglish texts", [p.read_text("utf-8", "replace") for p in paths]))

    rows = []
    for name, texts in per_sentence:
        n, a, b = sentence_work(texts)
        ta, tb = alternate(a, b, args.rounds)
        rows.append((f"per sentence, {name} ({n:,} readings)", 1e6 * ta / n, 1e6 * tb / n, "µs"))

    def off(self: TextFacts, spans: list[tuple[int, int]], headings: list[bool]) -> list[str | None]:
        reason = boilerplate.python_boilerplate_reason
        return [reason(self.text[a:b], h) for (a, b), h in zip(spans, headings, strict=True)]

    pairs = list(itertools.permutations(seeds.values(), 2))
    one = [(seeds["000"], seeds["002"])]
    for name, work, clear in [
        ("000↔002", one, True),
        (f"{len(pairs)} seed pairs", pairs, True),
        (f"{len(pairs)} seed pairs, unit cache kept", pairs, False),
    ]:

        def compares(work: list[tuple[str, str]] = work, clear: bool = clear) -> None:
            for left, right in work:
                forget_recent()
                if clear:
                    boilerplate._cached_boilerplate.cache_clear()
                articlediff.compare(left, right)

        compares()  # warm-up
        a, b = ab(compares, (40 if len(work) == 1 else 4) * args.rounds, TextFacts, "boilerplate", off)
        rows.append((f"compare fresh, {name} (per pair)", 1e3 * a / len(work), 1e3 * b / len(work), "ms"))

    print("median of alternating rounds; A native Boilerplate.reasons, B the reference")
    width = max(len(name) for name, *_ in rows) + 2
    print(f"{'work':{width}} {'A':>9} {'B':>9} {'unit':>5} {'B/A':>6}")
    for name, a, b, unit in rows:
        print(f"{name:{width}} {a:9.3f} {b:9.3f} {unit:>5} {b / a:6.2f}")


if __name__ == "__main__":
    main()
