"""A/B of the sentence encoding of the ``semantic`` preset: ``WordLlamaEmbedder.encode`` under the
native backend (the kernel ``StaticEmbedder``) against the reference ``python_encode``.

Run from the repository root (native backend and WordLlama required)::

    python benchmarks/bench_native_embed.py                 # corpus texts from ../shared/data
    python benchmarks/bench_native_embed.py /path/to/data --rounds 15

In one process, alternating rounds (A, B, B, A, ...: each side goes first in half of them), medians of
the rounds, in µs a sentence. Each round's texts are new to both piece caches as new articles would
be: the seed rows add a sentence with words made up for the round; the corpus rows encode texts not
encoded before (each text one call, as a comparison asks), after a warm-up on other corpus texts, so
the caches hold what a process that has read some news holds. The cold row starts each round from
empty caches (every piece tokenized). The compare row times ``compare(a, b, "semantic")`` on the seed
pair 000↔002 made fresh each round (prepared-text cache forgotten, a unique last line).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from ab import ab, native_bench  # noqa: E402

import articlediff  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff.embed import WordLlamaEmbedder, wordllama  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402
from articlediff.prepared import prepare  # noqa: E402

MODEL = wordllama()
_RNG = random.Random(14)


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in prepare(text).sentences]


def made_up(r: int) -> str:
    """A sentence of words no text holds (a name, a figure), different every round."""
    word = "".join(_RNG.choice("bcdfghklmnprstvz") + _RNG.choice("aeiou") for _ in range(4))
    return f"{word.title()} said on day {r} that {word}-{r} would cost {r * 7} million."


def alternate(rounds: int, make: Callable[[int], list[list[str]]], cold: bool = False) -> tuple[float, float, int]:
    """Median seconds a sentence of the native encode (A) and of ``python_encode`` (B) over the
    calls ``make(round)`` gives, and the sentences a round; ``cold`` empties both caches first."""
    times: tuple[list[float], list[float]] = ([], [])
    count = 0
    for r in range(rounds):
        calls = make(r)
        count = sum(len(c) for c in calls)
        for side in (0, 1) if r % 4 in (0, 3) else (1, 0):
            if cold:
                MODEL._kernel = None
                if MODEL._pieces is not None:
                    MODEL._pieces.clear()
                with kernels.forced("native"):
                    MODEL.encode([""])  # the kernel made (matrix copied) outside the timing
            encode = MODEL.encode if side == 0 else MODEL.python_encode
            t0 = time.perf_counter()
            for call in calls:
                encode(call)
            times[side].append((time.perf_counter() - t0) / max(count, 1))
    return median(times[0]), median(times[1]), count


def main() -> None:
    args, raw = native_bench(__doc__, "bench_native_embed")
    seeds = {name: sentences(text) for name, text in raw.items()}
    pair = seeds["000"] + seeds["002"]
    every = [s for ss in seeds.values() for s in ss]
    MODEL.encode(every)
    MODEL.python_encode(every)  # warm: both caches hold the seeds' pieces

    rows = []
    rows.append(("000+002 seed sentences, one call", *alternate(20 * args.rounds, lambda r: [[*pair, made_up(r)]])))
    rows.append(("all seed sentences, one call", *alternate(20 * args.rounds, lambda r: [[*every, made_up(r)]])))
    texts = sorted(args.data.rglob("*.txt")) if args.data.is_dir() else []
    if texts:
        _RNG.shuffle(texts)
        per_round = 4
        warm, fresh = texts[: len(texts) // 3], texts[len(texts) // 3 :]
        rounds = min(args.rounds, len(fresh) // per_round)
        calls = [sentences(p.read_text("utf-8", errors="replace")) for p in fresh[: rounds * per_round]]
        for p in warm:
            MODEL.encode(sentences(p.read_text("utf-8", errors="replace")))
            MODEL.python_encode(sentences(p.read_text("utf-8", errors="replace")))
        rows.append(
            (
                f"unseen corpus texts, {per_round} calls a round",
                *alternate(rounds, lambda r: calls[r * per_round : (r + 1) * per_round]),
            )
        )
    rows.append(("000+002 cold (empty caches)", *alternate(args.rounds, lambda r: [pair], cold=True)))

    left, right = raw["000"], raw["002"]
    n = [0]

    def compare() -> None:
        n[0] += 1
        forget_recent()
        articlediff.compare(f"{left}\n\n{made_up(n[0])}", f"{right}\n\n{made_up(n[0])}", "semantic")

    compare()
    a, b = ab(compare, 3 * args.rounds, WordLlamaEmbedder, "encode", WordLlamaEmbedder.python_encode)

    print("median of alternating rounds; A native encode (StaticEmbedder), B python_encode")
    width = max(len(name) for name, *_ in rows) + 2
    print(f"{'work':{width}} {'sentences':>9} {'A µs/s':>8} {'B µs/s':>8} {'B/A':>6}")
    for name, ta, tb, count in rows:
        print(f"{name:{width}} {count:9d} {1e6 * ta:8.2f} {1e6 * tb:8.2f} {tb / ta:6.2f}")
    print(f"\ncompare(000↔002, 'semantic'), fresh: A {1e3 * a:.2f} ms, B {1e3 * b:.2f} ms, B/A {b / a:.2f}")


if __name__ == "__main__":
    main()
