#!/usr/bin/env python3
"""Sentence segmentation on real news copy: boundary precision, recall and F1 on MSRP sentences.

The 10,948 sentences of ``msrp/msr_paraphrase_data.txt`` (one news sentence a line, from hundreds of
outlets) are joined into paragraphs and split again by ``articlediff.segment.split``; a boundary is
right when a sentence starts where an MSRP sentence starts.

- Parts: **dev** is the sentences whose id occurs in ``msr_paraphrase_train.txt`` (7,817), **held-out**
  the other 3,131 (only in test pairs). Rules are tuned on dev only; held-out is reported, not read.
- Paragraphs: each part's sentences in file order, shuffled by ``random.Random(SEED)``, then cut into
  paragraphs of 2 to 6 sentences (sizes from the same generator), joined by one space.
- Errors are counted by the four failure classes seen on this data: a split inside a spaced or
  dotted ellipsis (``. . .``), after an initial or a title (``J.D.``, ``Brig. Gen.``); a missed
  boundary after a closing quotation (``safety." He``), after an abbreviation that ends the
  sentence (``Co. Republicans``); the rest are ``other``.

Note that the data has its own noise: an MSRP line may hold two sentences, and a split between
them counts as a false positive.

Usage: python benchmarks/eval_segment.py [DATA_DIR] [--show N] [--part dev|held-out] [--floors]
  --show N  print the first N errors of each class (dev only, unless --part says otherwise)
  --floors  exit 1 when a part's F1 falls below FLOORS (tests/test_segment_news.py checks the same)
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from articlediff.segment import split

ROOT = Path(__file__).resolve().parent.parent
SEED = 7
SIZES = (2, 6)
PARTS = ("dev", "held-out")
CLASSES = ("ellipsis", "initial/title", "quote", "abbreviation", "other")
#: Boundary F1 each part must reach; move it only on purpose, with the reason in the commit.
FLOORS = {"dev": 0.995, "held-out": 0.995}

_ELLIPSIS = re.compile(r"(?:\.\s?){2,}\.?$|\u2026$")
_ELLIPSIS_AROUND = re.compile(r"\.\s?\.")
_INITIAL = re.compile(r"(?:^|[\s(\"'\u201c])(?:[A-Z]\.)+$|\b[A-Z][a-z]{0,4}\.$")
_QUOTE_END = re.compile(r"[.?!,][\"'\u201d\u2019]+$")
_ABBREV_END = re.compile(r"\b[A-Za-z][A-Za-z.]*\.$")


def read_sentences(data: Path) -> dict[str, list[str]]:
    """MSRP's sentences by part: ``{"dev": [...], "held-out": [...]}`` in file order."""
    msrp = data / "msrp"
    train_ids: set[str] = set()
    for line in (msrp / "msr_paraphrase_train.txt").read_text("utf-8-sig").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 3:
            train_ids.update(cols[1:3])
    parts: dict[str, list[str]] = {part: [] for part in PARTS}
    for line in (msrp / "msr_paraphrase_data.txt").read_text("utf-8-sig").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1].strip():
            parts["dev" if cols[0] in train_ids else "held-out"].append(cols[1].strip())
    return parts


def paragraphs(sentences: list[str], seed: int = SEED) -> list[list[str]]:
    """The sentences shuffled and cut into paragraphs of ``SIZES`` sentences, the same on every run."""
    rng = random.Random(seed)
    order = list(sentences)
    rng.shuffle(order)
    out = []
    while order:
        n = rng.randint(*SIZES)
        out.append(order[:n])
        order = order[n:]
    return out


@dataclass
class Result:
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    classes: Counter[str] = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def classify(text: str, at: int, missed: bool) -> str:
    """The failure class of a wrong split (``missed=False``) or a missed boundary at ``text[at]``."""
    before = text[:at].rstrip()
    last = before.rsplit(None, 1)[-1] if before else ""
    if missed:
        if _QUOTE_END.search(before):
            return "quote"
        if _ABBREV_END.fullmatch(last.lstrip("(\"'\u201c").rpartition("-")[2]) and not _ELLIPSIS.search(before):
            return "abbreviation"
        return "other"
    if _ELLIPSIS.search(before) or _ELLIPSIS_AROUND.search(text, max(0, at - 3), at + 3):
        return "ellipsis"
    if _INITIAL.search(last):
        return "initial/title"
    return "other"


def evaluate(sentences: list[str], keep: int = 0) -> Result:
    """Boundary counts over the paragraphs made of ``sentences``; ``keep`` errors of each class kept."""
    res = Result()
    for para in paragraphs(sentences):
        text = " ".join(para)
        gold, pos = set(), 0
        for s in para[:-1]:
            pos += len(s) + 1
            gold.add(pos)
        found = {a for a, _ in split(text) if a > 0}
        res.gold += len(gold)
        res.predicted += len(found)
        res.correct += len(gold & found)
        for at, missed in [(a, False) for a in sorted(found - gold)] + [(a, True) for a in sorted(gold - found)]:
            kind = classify(text, at, missed)
            res.classes[kind] += 1
            shown = res.errors.setdefault(kind, [])
            if len(shown) < keep:
                mark = "MISSED" if missed else "SPLIT"
                shown.append(f"{mark}: …{text[max(0, at - 70) : at]}‖{text[at : at + 50]}…")
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=ROOT.parent / "shared" / "data", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print this many errors of each class")
    ap.add_argument("--part", choices=PARTS, default="dev", help="the part --show prints errors of")
    ap.add_argument("--floors", action="store_true", help="exit 1 below the floors")
    args = ap.parse_args()
    if not (args.data / "msrp" / "msr_paraphrase_data.txt").exists():
        print(f"no MSRP data under {args.data}", file=sys.stderr)
        return 2
    parts = read_sentences(args.data)
    print("| part | sentences | boundaries | precision | recall | F1 | " + " | ".join(CLASSES) + " |")
    print("|---|---:|---:|---:|---:|---:|" + "---:|" * len(CLASSES))
    shown = {}
    below = []
    for part in PARTS:
        res = evaluate(parts[part], args.show if part == args.part else 0)
        if res.f1 < FLOORS[part]:
            below.append(f"{part} F1 {res.f1:.4f} < {FLOORS[part]}")
        counts = " | ".join(str(res.classes[c]) for c in CLASSES)
        print(
            f"| {part} | {len(parts[part]):,} | {res.gold:,} | {res.precision:.4f} | {res.recall:.4f} | "
            f"{res.f1:.4f} | {counts} |"
        )
        shown = res.errors if part == args.part else shown
    for kind in CLASSES:
        for line in shown.get(kind, []):
            print(f"[{kind}] {line}")
    if args.floors and below:
        print("below the floors: " + "; ".join(below), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
