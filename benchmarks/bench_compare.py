"""Benchmark ``articlediff.compare()`` against the floor of work any tool must do, and against difflib.

Run from the repository root::

    python benchmarks/bench_compare.py              # full table (seed pairs, 1k/10k/100k words per side)
    python benchmarks/bench_compare.py --quick      # skip the 100k-word row (CI smoke run)
    python benchmarks/bench_compare.py --check      # exit 1 if a target fails
    python benchmarks/bench_compare.py --profile    # also cProfile one compare() on the largest pair
    python benchmarks/bench_compare.py --stages     # also time the stages of compare() on each input
    python benchmarks/bench_compare.py --no-signals # compare(..., signals=False)

Everything in the table comes from one process and one run. The functions are timed in rounds, each
round calling every one of them once on the same, already prepared input, so that the stretches when
this machine runs slow (it does, by up to 2x for seconds at a time) slow them all alike: each cell is
a median over the rounds, and each ratio the median of the rounds' own ratios. Columns:

* ``words``: whitespace-separated words, left + right.
* ``compare``: ``articlediff.compare(left, right)``.
* ``floor``: the work any sentence-level tool must do anyway: split both texts into lines and
  sentences with one regex and ``re.findall(r"\\w+")`` over each sentence.
* ``HtmlDiff``: ``difflib.HtmlDiff().make_file(a, b)`` with one sentence per line (same regex split);
  ``HtmlDiff/cmp`` is how many times faster ``compare()`` is. Quadratic: skipped on big inputs.
* ``SeqMatcher``: word-level ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``.
* ``peak MB``: ``tracemalloc`` peak of one ``compare()`` call, measured apart from the timings
  (tracemalloc slows Python down). It counts Python-level allocations only, result included.

The synthetic long inputs are built from the real seeds by :func:`make_pair`, deterministically; the
``real`` rows (when ``--data`` holds OneStopEnglish) are real long text, :func:`real_pair`: advanced
articles concatenated against their intermediate rewrites, a third of the articles moved.
Timings are wall-clock (``time.perf_counter``) with the garbage collector left on, as users run it.
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import gc
import io
import math
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT))  # benchmark the working tree even without an editable install

import articlediff  # noqa: E402
from articlediff import kernels  # noqa: E402
from articlediff.pipeline import forget_recent  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Knobs
# ---------------------------------------------------------------------------------------------

BUDGET_S = 1.0  # default: repeat a function for about this long ...
MIN_RUNS, MAX_RUNS = 9, 50  # ... within these bounds,
MIN_RUNS_SLOW = 3  # ... or at least this many when one call takes longer than SLOW_S.
SLOW_S = 0.1
CAP_S, CAP_RUNS = 1.0, 3  # difflib calls slower than CAP_S run at most CAP_RUNS times.
HTMLDIFF_MAX_WORDS = 12_000  # HtmlDiff is quadratic: skipped above this many words (left + right).
SEQMATCHER_MAX_WORDS = 60_000  # word-level SequenceMatcher without autojunk: likewise.
SIZES = (1_000, 10_000, 100_000)  # synthetic pairs, words per side

# Targets (checked at the end; --check turns a FAIL into exit code 1).
TARGET_SEED_MS = 5.0
TARGET_HTMLDIFF_X = 20.0
TARGET_FLOOR_X = 10.0
TARGET_BIG_S = 1.0
TARGET_BIG_MB = 500.0
# Issue 15's targets for the native backend (the table's compare column).
ISSUE15_FLOOR_X = 5.0
ISSUE15_HTMLDIFF_X = 40.0
ISSUE15_GROWTH = 1.25
REAL_SIZES = (10_000, 30_000, 100_000)  # real long text (OneStopEnglish), words per side

# ---------------------------------------------------------------------------------------------
# The floor and the difflib baselines
# ---------------------------------------------------------------------------------------------

_SENT = re.compile(r"(?<=[.!?])\s+")
_W = re.compile(r"\w+")


def floor(left: str, right: str) -> None:
    """The work any tool must do anyway: lines -> sentences -> words, for both texts."""
    for text in (left, right):
        for line in text.splitlines():
            for sent in _SENT.split(line):
                _W.findall(sent)


def sentences(text: str) -> list[str]:
    """One sentence per item, by the same regex split as :func:`floor` (empty pieces dropped)."""
    return [s for line in text.splitlines() for s in _SENT.split(line.strip()) if s]


# ---------------------------------------------------------------------------------------------
# Synthetic long pairs
# ---------------------------------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """``42`` -> ``"forty-two"``, ``1305`` -> ``"one thousand three hundred five"`` (n < 1,000,000)."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    rest = n % 1000
    return number_words(n // 1000) + " thousand" + ("" if rest == 0 else " " + number_words(rest))


@dataclass
class _Pool:
    """What the generator draws from: the seeds' paragraphs, sentences, words and names."""

    paragraphs: list[list[str]] = field(default_factory=list)  # per seed: its paragraphs (one line each)
    sentences: list[list[str]] = field(default_factory=list)  # per seed: its sentences
    vocab: list[str] = field(default_factory=list)  # lowercase words, longer than 3 letters
    names: list[str] = field(default_factory=list)  # capitalized words seen mid-sentence


_POOL: _Pool | None = None


def _pool() -> _Pool:
    global _POOL
    if _POOL is None:
        pool = _Pool()
        vocab: set[str] = set()
        names: set[str] = set()
        for path in sorted(SEEDS.glob("*.txt")):
            paras = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
            pool.paragraphs.append(paras)
            pool.sentences.append([s for p in paras for s in _SENT.split(p) if len(s.split()) >= 4])
            for sent in pool.sentences[-1]:
                toks = sent.split()
                for tok in toks:
                    if tok.isalpha() and tok.islower() and len(tok) > 3:
                        vocab.add(tok)
                for tok in toks[1:]:
                    if tok.isalpha() and tok[0].isupper() and tok[1:].islower() and len(tok) > 3:
                        names.add(tok)
        pool.vocab = sorted(vocab)
        pool.names = sorted(names)
        _POOL = pool
    return _POOL


_NUMBER = re.compile(r"\d+")


def _mutate_light(rng: random.Random, sent: str, pool: _Pool) -> str:
    """A near-copy of a seed sentence: new numbers, a swapped name, a replaced word."""
    if rng.random() < 0.6:
        sent = _NUMBER.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group()))), sent)
    toks = sent.split(" ")
    if rng.random() < 0.4:
        spots = [k for k, t in enumerate(toks) if k and t.isalpha() and t[0].isupper() and t[1:].islower()]
        if spots:
            toks[rng.choice(spots)] = rng.choice(pool.names)
    spots = [k for k, t in enumerate(toks[:-1]) if t.isalpha() and t.islower() and len(t) > 3]
    for k in rng.sample(spots, min(len(spots), rng.choice((1, 1, 2)))):
        toks[k] = rng.choice(pool.vocab)
    return " ".join(toks)


def _build_left(n_words: int, rng: random.Random, pool: _Pool) -> list[tuple[int, list[str]]]:
    """Paragraphs (source seed, sentences) totalling about ``n_words`` words."""
    out: list[tuple[int, list[str]]] = []
    total = 0
    cycle = 0
    while total < n_words:
        order = list(range(len(pool.paragraphs)))
        rng.shuffle(order)
        for src in order:
            for para in pool.paragraphs[src]:
                if total >= n_words:
                    return out
                number = len(out) + 1
                sents = [s for s in _SENT.split(para) if s]
                if cycle:  # every later copy of a paragraph differs from the earlier ones
                    sents = [_mutate_light(rng, s, pool) for s in sents]
                # A distinct marker per paragraph, e.g. "Part forty-two: Three sources said ..."
                sents[0] = f"Part {number_words(number)}: {sents[0]}"
                out.append((src, sents))
                total += sum(len(s.split()) for s in sents)
        cycle += 1
    return out


def _edit_words(rng: random.Random, sent: str, pool: _Pool) -> str:
    """Paraphrase-ish edit: delete, insert or replace one to three words (keeps the last token)."""
    toks = sent.split(" ")
    for _ in range(rng.choice((1, 1, 2, 3))):
        if len(toks) < 4:
            break
        k = rng.randrange(1, len(toks) - 1)
        op = rng.random()
        if op < 0.35:
            del toks[k]
        elif op < 0.7:
            toks.insert(k, rng.choice(pool.vocab))
        else:
            toks[k] = rng.choice(pool.vocab)
    return " ".join(toks)


def _split_at_comma(sent: str, rng: random.Random) -> list[str] | None:
    commas = [m.start() for m in re.finditer(r", (?=[a-z])", sent) if 25 < m.start() < len(sent) - 25]
    if not commas:
        return None
    c = rng.choice(commas)
    return [sent[:c] + ".", sent[c + 2].upper() + sent[c + 3 :]]


def _merge(a: str, b: str) -> str:
    if a[-1:] in ".!?" and b[:1].isalpha() and b[1:2].islower() and not b.startswith("I "):
        return a[:-1] + ", and " + b[0].lower() + b[1:]
    return a + " " + b  # not mergeable cleanly: stays two sentences for a regex, one for nobody


def _build_right(left: list[tuple[int, list[str]]], rng: random.Random, pool: _Pool) -> list[list[str]]:
    """A realistic re-edit of ``left``: drops, word edits, splits, merges, additions, moved paragraphs."""
    paras: list[list[str]] = []
    for src, sents in left:
        out: list[str] = []
        merge_next = False
        for sent in sents:
            if rng.random() < 0.15:
                continue  # dropped
            if rng.random() < 0.40:
                sent = _edit_words(rng, sent, pool)
            r = rng.random()
            if r < 0.05 and (parts := _split_at_comma(sent, rng)):
                out.extend(parts)
            elif merge_next and out:
                out[-1] = _merge(out[-1], sent)
            else:
                out.append(sent)
            merge_next = r > 0.95
            if rng.random() < 0.05:  # a new sentence taken from another story
                other = rng.choice([k for k in range(len(pool.sentences)) if k != src])
                out.append(_mutate_light(rng, rng.choice(pool.sentences[other]), pool))
        if out:
            paras.append(out)
    # Move about one paragraph in ten: mostly nearby, sometimes far.
    for _ in range(max(1, len(paras) // 10)):
        i = rng.randrange(len(paras))
        p = paras.pop(i)
        j = i + rng.randint(-6, 6) if rng.random() < 0.8 else rng.randrange(len(paras) + 1)
        paras.insert(min(max(j, 0), len(paras)), p)
    return paras


def make_pair(n_words: int, seed: int = 0) -> tuple[str, str]:
    """Return ``(left, right)``: a story of about ``n_words`` words and a realistic edit of it.

    The left text concatenates paragraphs of all five seeds (each paragraph numbered, later copies
    with new numbers, swapped names and replaced words); the right drops ~15% of the sentences, edits
    a few words in ~40%, splits some at a comma, merges some neighbours, adds sentences from other
    stories and moves ~10% of the paragraphs. Deterministic for a given ``(n_words, seed)``.
    """
    rng = random.Random(f"{n_words}:{seed}")
    pool = _pool()
    left = _build_left(n_words, rng, pool)
    right = _build_right(left, rng, pool)
    return "\n".join(" ".join(s) for _, s in left) + "\n", "\n".join(" ".join(s) for s in right) + "\n"


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------


def _read_seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


def bench(fn: Callable[[], object], repeat: int | None = None, cap: bool = False) -> tuple[float, int]:
    """Median seconds of ``fn()`` and how many timed runs it took.

    One untimed call first (warm-up, and to size the number of runs). Then ``repeat`` runs, or by
    default enough for about BUDGET_S, between MIN_RUNS and MAX_RUNS (at least MIN_RUNS_SLOW when a
    call takes longer than SLOW_S). With ``cap``, calls slower than CAP_S run at most CAP_RUNS times.
    """
    t0 = time.perf_counter()
    fn()
    first = time.perf_counter() - t0
    if repeat is None:
        lo = MIN_RUNS if first < SLOW_S else MIN_RUNS_SLOW
        repeat = max(lo, min(MAX_RUNS, math.ceil(BUDGET_S / max(first, 1e-9))))
    if cap and first > CAP_S:
        repeat = min(repeat, CAP_RUNS)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), repeat


def peak_mb(fn: Callable[[], object]) -> tuple[float, object]:
    """``tracemalloc`` peak (MB) of one ``fn()`` call, and its result."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6, result


@dataclass
class Row:
    name: str
    words: int
    compare_s: float
    compare_runs: int
    floor_s: float
    htmldiff_s: float | None
    seqmatch_s: float | None
    peak_mb: float
    sentences: tuple[int, int]
    #: medians over the rounds of each round's own ratio (see :func:`measure`)
    floor_x: float = 0.0
    htmldiff_x: float | None = None
    #: compare() on the pure-Python backend, in the same rounds (when the native one is built)
    python_s: float | None = None
    python_x: float | None = None


#: Options passed to every timed compare() (set from the command line).
OPTIONS: dict[str, object] = {}
#: Floor calls per round (one is too short to time alone); the round's floor is their mean.
FLOOR_CALLS = 5


def _time(fn: Callable[[], object], calls: int = 1) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls


def measure(
    name: str, left: str, right: str, repeat: int | None, limits: tuple[int, int], log: Callable[[str], None]
) -> Row:
    """Time ``compare()``, the floor and the difflib baselines on one input, interleaved.

    Each round runs every function once (the floor ``FLOOR_CALLS`` times after one untimed call, so
    that it runs on warm caches), so a stretch when the machine runs slow (it does here, for seconds
    at a time) slows all of them alike. Medians are
    over the rounds, and each ratio is the median of the rounds' own ratios. Rounds: ``repeat``,
    or about BUDGET_S per function, between MIN_RUNS and MAX_RUNS (MIN_RUNS_SLOW when a round is
    slower than SLOW_S); a difflib function slower than CAP_S runs in the first CAP_RUNS rounds only.
    """
    words = len(left.split()) + len(right.split())
    log(f"  {name}: {words} words ...")

    def fresh_compare() -> object:
        forget_recent()  # compare() keeps the texts it prepared: time the whole work, as on new texts
        return articlediff.compare(left, right, **OPTIONS)

    def python_compare() -> object:
        with kernels.forced("python"):
            return fresh_compare()

    fns: dict[str, tuple[Callable[[], object], int]] = {
        "compare": (fresh_compare, 1),
        "floor": (lambda: floor(left, right), FLOOR_CALLS),
    }
    if kernels.NATIVE is not None:
        fns["python"] = (python_compare, 1)
    if words <= limits[0]:
        a, b = sentences(left), sentences(right)
        fns["html"] = (lambda: difflib.HtmlDiff().make_file(a, b), 1)
    if words <= limits[1]:
        aw, bw = _W.findall(left), _W.findall(right)
        fns["seq"] = (lambda: difflib.SequenceMatcher(None, aw, bw, autojunk=False).get_opcodes(), 1)
    first = {k: _time(fn, calls) for k, (fn, calls) in fns.items()}  # warm-up, and to size the rounds
    round_s = sum(first.values())
    if repeat is None:
        lo = MIN_RUNS if round_s < SLOW_S else MIN_RUNS_SLOW
        repeat = max(lo, min(MAX_RUNS, math.ceil(BUDGET_S * len(fns) / max(round_s, 1e-9))))
    times: dict[str, list[float]] = {k: [] for k in fns}
    for n in range(repeat):
        for k, (fn, calls) in fns.items():
            if k in ("html", "seq") and first[k] > CAP_S and n >= CAP_RUNS:
                continue
            if k == "floor":
                fn()  # untimed: the floor gets warm caches, compare() does not (conservative)
            times[k].append(_time(fn, calls))
    med = {k: statistics.median(v) for k, v in times.items()}
    floor_x = statistics.median(c / f for c, f in zip(times["compare"], times["floor"], strict=True))
    python_x = None
    if "python" in times:
        python_x = statistics.median(p / c for p, c in zip(times["python"], times["compare"], strict=True))
    html_x = None
    if "html" in times:
        html_x = statistics.median(h / c for h, c in zip(times["html"], times["compare"], strict=False))
    mb, result = peak_mb(fresh_compare)
    assert isinstance(result, articlediff.Comparison)
    return Row(
        name,
        words,
        med["compare"],
        repeat,
        med["floor"],
        med.get("html"),
        med.get("seq"),
        mb,
        (len(result.left), len(result.right)),
        floor_x,
        html_x,
        med.get("python"),
        python_x,
    )


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def _ms(s: float | None) -> str:
    if s is None:
        return "skipped"
    ms = s * 1e3
    return f"{ms:.3f}" if ms < 1 else f"{ms:.2f}" if ms < 100 else f"{ms:,.0f}"


def _x(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}×"


def table(rows: list[Row]) -> str:
    head = [
        "input",
        "words (L+R)",
        "sentences (L/R)",
        f"compare ms ({kernels.BACKEND})",
        "runs",
        "floor ms",
        "compare/floor",
        "HtmlDiff ms",
        "HtmlDiff/compare",
        "SeqMatcher ms",
        "peak MB",
        "python backend ms",
        "python/compare",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for r in rows:
        cells = [
            r.name,
            f"{r.words:,}",
            f"{r.sentences[0]:,}/{r.sentences[1]:,}",
            _ms(r.compare_s),
            str(r.compare_runs),
            _ms(r.floor_s),
            _x(r.floor_x),
            _ms(r.htmldiff_s),
            _x(r.htmldiff_x),
            _ms(r.seqmatch_s),
            f"{r.peak_mb:.1f}",
            _ms(r.python_s),
            _x(r.python_x),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def real_pair(data: Path, n_words: int, seed: int = 7) -> tuple[str, str] | None:
    from eval_signals import read  # a sibling script, needed only for the real rows

    """Real long text: OneStopEnglish advanced articles (sorted by title) concatenated to about
    ``n_words`` words, against their intermediate rewrites with a third of the articles moved
    (deterministically); None without the data."""
    base = data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    advanced = sorted((base / "Adv-Txt").glob("*-adv.txt"))
    if not advanced:
        return None
    left: list[str] = []
    right: list[str] = []
    words = 0
    rounds = 0
    while words < n_words:  # the set holds about 150k words a level: start again, numbered
        for adv in advanced:
            title = adv.name[: -len("-adv.txt")]
            copy = base / "Int-Txt" / f"{title}-int.txt"
            if not copy.exists():
                continue
            a, b = read(adv), read(copy)
            tag = f"Part {rounds + 1}. " if rounds else ""
            left.append(tag + a)
            right.append(tag + b)
            words += len(a.split())
            if words >= n_words:
                break
        rounds += 1
    rng = random.Random(seed)
    moved = rng.sample(range(len(right)), len(right) // 3)
    kept = [r for n, r in enumerate(right) if n not in set(moved)]
    for n in moved:
        kept.insert(rng.randrange(len(kept) + 1), right[n])
    return "\n\n".join(left), "\n\n".join(kept)


def targets(rows: list[Row], quick: bool) -> list[tuple[str, str, str]]:
    """``(status, target, what was measured)`` with status PASS, FAIL or SKIP."""
    by_name = {r.name: r for r in rows}
    out = []
    seed = by_name.get("000↔001")
    if seed:
        ms = seed.compare_s * 1e3
        out.append(("PASS" if ms <= TARGET_SEED_MS else "FAIL", f"000↔001 in ≤ {TARGET_SEED_MS:g} ms", f"{ms:.2f} ms"))
        x = seed.htmldiff_x
        if x is None:
            out.append(("SKIP", f"≥ {TARGET_HTMLDIFF_X:g}× faster than HtmlDiff on 000↔001", "HtmlDiff not run"))
        else:
            out.append(
                (
                    "PASS" if x >= TARGET_HTMLDIFF_X else "FAIL",
                    f"≥ {TARGET_HTMLDIFF_X:g}× faster than HtmlDiff on 000↔001",
                    f"{x:.1f}×",
                )
            )
    worst = max(rows, key=lambda r: r.floor_x)
    out.append(
        (
            "PASS" if worst.floor_x <= TARGET_FLOOR_X else "FAIL",
            f"compare/floor ≤ {TARGET_FLOOR_X:g}× on every input",
            "worst " + ", ".join(f"{r.name} {r.floor_x:.1f}×" for r in sorted(rows, key=lambda r: -r.floor_x)[:3]),
        )
    )
    seed_rows = [r for r in rows if "↔" in r.name]
    if seed_rows:
        worst = max(seed_rows, key=lambda r: r.floor_x)
        out.append(
            (
                "PASS" if worst.floor_x <= ISSUE15_FLOOR_X else "FAIL",
                f"issue 15: every seed pair ≤ {ISSUE15_FLOOR_X:g}× the floor",
                f"worst {worst.name} {worst.floor_x:.1f}×",
            )
        )
        slow = min((r for r in seed_rows if r.htmldiff_x is not None), key=lambda r: r.htmldiff_x or 0.0, default=None)
        if slow is not None:
            out.append(
                (
                    "PASS" if (slow.htmldiff_x or 0.0) >= ISSUE15_HTMLDIFF_X else "FAIL",
                    f"issue 15: every seed pair ≥ {ISSUE15_HTMLDIFF_X:g}× faster than HtmlDiff",
                    f"least {slow.name} {slow.htmldiff_x:.1f}×",
                )
            )
    real = {r.name: r for r in rows if r.name.startswith("real ")}
    if "real 100k/side" in real:
        r = real["real 100k/side"]
        out.append(
            (
                "PASS" if r.floor_x <= ISSUE15_FLOOR_X else "FAIL",
                f"issue 15: real 100k words a side ≤ {ISSUE15_FLOOR_X:g}× the floor",
                f"{r.floor_x:.1f}×",
            )
        )
        if "real 10k/side" in real:
            growth = r.floor_x / real["real 10k/side"].floor_x
            out.append(
                (
                    "PASS" if growth <= ISSUE15_GROWTH else "FAIL",
                    f"issue 15: linear, compare/floor at real 100k within {ISSUE15_GROWTH:g}× of real 10k",
                    f"{growth:.2f}× ({real['real 10k/side'].floor_x:.1f}× → {r.floor_x:.1f}×)",
                )
            )
    big = [r for r in rows if r.name.startswith("synthetic 100k")]
    if not big:
        out.append(
            (
                "SKIP",
                f"100k-word pair in ≤ {TARGET_BIG_S:g} s and ≤ {TARGET_BIG_MB:g} MB",
                "--quick" if quick else "not run",
            )
        )
    else:
        r = big[0]
        ok = r.compare_s <= TARGET_BIG_S and r.peak_mb <= TARGET_BIG_MB
        out.append(
            (
                "PASS" if ok else "FAIL",
                f"100k-word pair in ≤ {TARGET_BIG_S:g} s and ≤ {TARGET_BIG_MB:g} MB",
                f"{r.compare_s:.2f} s, {r.peak_mb:.0f} MB",
            )
        )
    return out


def _revision() -> str:
    try:
        return (
            subprocess.run(
                ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, timeout=5
            ).stdout.strip()
            or "?"
        )
    except (OSError, subprocess.SubprocessError):
        return "?"


def profile_one(left: str, right: str, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    articlediff.compare(left, right)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def stages(name: str, left: str, right: str, repeat: int | None) -> str:
    """One row of the stage table: medians (ms) of what ``compare(left, right)`` is made of."""
    from articlediff.align import align
    from articlediff.normalize import keys
    from articlediff.options import resolve
    from articlediff.pipeline import compare_prepared
    from articlediff.prepared import build as _prepare
    from articlediff.segment import split

    opts = resolve(None, **OPTIONS)
    no_flags = resolve(opts, signals=False)
    pl, pr = _prepare(left), _prepare(right)
    sl, sr = split(left), split(right)
    cells = {
        "split": bench(lambda: (split(left), split(right)), repeat)[0],
        "keys": bench(lambda: (keys(left, sl), keys(right, sr)), repeat)[0],
        "prepare": bench(lambda: (_prepare(left), _prepare(right)), repeat)[0],
        "align": bench(lambda: align(pl.profiles, pr.profiles, opts, (pl.headings, pr.headings)), repeat)[0],
        "lean": bench(lambda: compare_prepared(pl, pr, opts, details=False), repeat)[0],
        "no flags": bench(lambda: compare_prepared(pl, pr, no_flags), repeat)[0],
        "full": bench(lambda: compare_prepared(pl, pr, opts), repeat)[0],
    }
    total = cells["prepare"] + cells["full"]
    return f"| {name} | " + " | ".join(_ms(v) for v in cells.values()) + f" | {_ms(total)} |"


STAGES_DOC = """\
Columns (medians, ms, one process): `split` segments both texts, `keys` finds their word keys,
`prepare` is both per-text stages (split, keys, profiles); then on the prepared pair: `align` the
aligner alone, `lean` compare_prepared(details=False) (alignment, labels, summary), `no flags` with
word diffs but signals=False, `full` with word diffs and change flags. `prepare + full` is what
compare() costs."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, help="timed runs per cell (default: ~0.5 s worth, 5..50; ≥3 when slow)")
    ap.add_argument("--quick", action="store_true", help="skip the 100k-word row (CI smoke run)")
    ap.add_argument("--no-signals", action="store_true", help="compare(..., signals=False): without the change flags")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    ap.add_argument("--profile", action="store_true", help="cProfile one compare() on the largest pair")
    ap.add_argument("--top", type=int, default=20, help="functions to list with --profile")
    ap.add_argument("--stages", action="store_true", help="also time the stages of compare() on each input")
    ap.add_argument(
        "--htmldiff-max-words",
        type=int,
        default=HTMLDIFF_MAX_WORDS,
        metavar="N",
        help=f"run HtmlDiff only up to N words, left + right (default {HTMLDIFF_MAX_WORDS:,})",
    )
    ap.add_argument(
        "--seqmatcher-max-words",
        type=int,
        default=SEQMATCHER_MAX_WORDS,
        metavar="N",
        help=f"run SequenceMatcher only up to N words (default {SEQMATCHER_MAX_WORDS:,})",
    )
    ap.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared" / "data",
        help="the data folder holding onestopenglish/ for the real long text rows (default ../shared/data)",
    )
    args = ap.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        ap.error("--repeat must be ≥ 1")
    if args.no_signals:
        OPTIONS["signals"] = False

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    seeds = {p: _read_seed(p) for p in ("000", "001", "002", "003", "004")}
    log("warming up (NLTK / Punkt / stemmer load) ...")
    t0 = time.perf_counter()
    articlediff.compare(seeds["000"], seeds["001"])
    warm = time.perf_counter() - t0

    inputs: list[tuple[str, str, str]] = [
        ("000↔001", seeds["000"], seeds["001"]),
        ("000↔002", seeds["000"], seeds["002"]),
        ("003↔004", seeds["003"], seeds["004"]),
    ]
    for n in SIZES:
        if args.quick and n >= 100_000:
            continue
        left, right = make_pair(n)
        inputs.append((f"synthetic {n // 1000}k/side", left, right))
    for n in REAL_SIZES:
        if args.quick and n >= 100_000:
            continue
        real = real_pair(args.data, n) if args.data is not None else None
        if real is None:
            log(f"  real text: skipped ({args.data} has no onestopenglish/)")
            break
        inputs.append((f"real {n // 1000}k/side", *real))

    limits = (args.htmldiff_max_words, args.seqmatcher_max_words)
    rows = [measure(name, a, b, args.repeat, limits, log) for name, a, b in inputs]

    settings = ", ".join(f"{k}={v}" for k, v in OPTIONS.items()) or "default options"
    print(f"## articlediff.compare() benchmark ({articlediff.__version__}, rev {_revision()}, {settings})\n")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"first call incl. NLTK/Punkt load: {warm * 1e3:.0f} ms (excluded). Medians in ms.\n"
    )
    print(table(rows))
    print()
    print("### Targets\n")
    results = targets(rows, args.quick)
    for status, what, got in results:
        print(f"- **{status}** {what}: {got}")
    if args.stages:
        print("\n### Where the time goes (stages of compare())\n")
        print(STAGES_DOC + "\n")
        print("| input | split | keys | prepare | align | lean | no flags | full | prepare + full |")
        print("|---|" + "---:|" * 8)
        for name, a, b in inputs:
            log(f"  stages {name} ...")
            print(stages(name, a, b, args.repeat))
    if args.profile:
        name, left, right = max(inputs, key=lambda t: len(t[1]) + len(t[2]))
        print(f"\n### cProfile: one compare() on {name}\n\n```")
        print(profile_one(left, right, args.top).strip())
        print("```")
    failed = any(s == "FAIL" for s, _, _ in results)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
