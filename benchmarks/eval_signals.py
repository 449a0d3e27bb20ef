#!/usr/bin/env python3
"""How often the change flags fire on honest editorial rewrites, and a sample to read by hand.

OneStopEnglish's editors rewrite each Guardian article at three reading levels: they simplify but do
not falsify. Every flag raised between the advanced version (original) and the intermediate or
elementary version (copy) is therefore a candidate false positive, unless the editor really did
change a quote or a figure. This script prints flags per 1,000 aligned pairs by kind, and a seeded
random sample of flags with both sides' text, to be read and judged by a person (the judgement and
the resulting false-positive rates are recorded in the README).

Recall of ``number_changed`` cannot be read off honest rewrites (their editors rarely change a
figure), so ``--numbers`` builds a synthetic set with known answers instead: every figure in a
sentence of the seeds (and of OneStopEnglish's advanced texts, when the data is there) is changed
once in a copy of the sentence (digits, word numbers, percentages, dates, amounts, scales: each
case must be flagged) and reformatted once without changing its value ("10" ↔ "ten", "5%" ↔
"5 per cent", "$2 million" ↔ "$2m", "1,000" ↔ "1000": each control must not be). The figures to
change are found by a deliberately simple pattern of their own, not by the rule under test.
``--write-cases FILE`` stores the seed cases as the JSON that tests/test_signals.py checks.

Usage: python benchmarks/eval_signals.py [DATA_DIR] [--sample 50] [--seed 1] [--kinds quote_changed,number_changed]
       python benchmarks/eval_signals.py [DATA_DIR] --numbers [--show-misses 20] [--write-cases FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import articlediff

ROOT = Path(__file__).resolve().parent.parent


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def pairs(data: Path):
    base = data / "onestopenglish" / "Texts-SeparatedByReadingLevel"
    for adv in sorted((base / "Adv-Txt").glob("*-adv.txt")):
        title = adv.name[: -len("-adv.txt")]
        for level in ("Int", "Ele"):
            copy = base / f"{level}-Txt" / f"{title}-{level.lower()}.txt"
            if copy.exists():
                yield f"{title} adv→{level.lower()}", read(adv), read(copy)


# -- synthetic number cases -------------------------------------------------------------------

_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_TENS = {"twenty": "thirty", "thirty": "forty", "forty": "fifty", "fifty": "sixty", "sixty": "seventy"}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A figure as a reader sees it: optional currency, digits or a number word, optional scale or percent.
_FIGURE = re.compile(
    r"(?P<cur>[$£€])?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suf>%|bn\b|m\b| per cent\b| percent\b| million\b| billion\b)?(?![\w%]|[.,]\d)"
    r"|(?<![\w-])(?P<word>" + "|".join(_WORDS[2:] + list(_TENS)) + r")(?![\w-])"
    r"(?P<wsuf> million\b| billion\b| per cent\b)?",
    re.I,
)


def _bump(num: str) -> str:
    """A different figure of the same shape: 88 → 98, 2024 → 2025, 3.5 → 4.5, 1,000 → 2,000."""
    plain = num.replace(",", "")
    if re.fullmatch(r"(?:18|19|20)\d\d", plain):
        return str(int(plain) + 1)
    if num[0] == "0" and len(num) > 1:  # 0.5 → 0.6
        return num[:-1] + str(int(num[-1]) % 9 + 1)
    return str(int(num[0]) % 9 + 1) + num[1:]


def _kind(text: str, m: re.Match[str]) -> str:
    suf = (m.group("suf") or m.group("wsuf") or "").strip().lower()
    if suf in ("%", "per cent", "percent"):
        return "percent"
    if m.group("cur") or suf in ("m", "bn", "million", "billion"):
        return "amount"
    num = (m.group("num") or "").replace(",", "")
    near = text[max(0, m.start() - 12) : m.end() + 12]
    if re.fullmatch(r"(?:18|19|20)\d\d", num) or re.search(_MONTH, near):
        return "date"
    return "digits" if num else "words"


def _variants(text: str, m: re.Match[str]) -> Iterator[tuple[str, str, str]]:
    """(expect, how, replacement) for one figure: changes to flag, reformattings not to."""
    cur, num, suf = m.group("cur") or "", m.group("num"), m.group("suf") or ""
    if num is not None:
        start = m.start("num") if not cur else m.start()
        yield "flag", "changed", cur + _bump(num) + suf
        low = suf.strip().lower()
        if low in ("million", "billion"):
            yield "flag", "scale", cur + num + " " + {"million": "billion", "billion": "million"}[low]
            yield "none", "million→m", cur + num + {"million": "m", "billion": "bn"}[low]
        elif low in ("m", "bn"):
            yield "none", "m→million", cur + num + {"m": " million", "bn": " billion"}[low]
        elif low == "%":
            yield "none", "%→per cent", cur + num + " per cent"
        elif low in ("per cent", "percent"):
            yield "none", "per cent→%", cur + num + "%"
        elif "," in num and "." not in num:
            yield "none", "1,000→1000", cur + num.replace(",", "") + suf
        elif num.isdigit() and 2 <= int(num) <= 12 and not cur and start == m.start():
            yield "none", "digits→words", _WORDS[int(num)] + suf
        del start
        return
    word, wsuf = m.group("word"), m.group("wsuf") or ""
    low = word.lower()
    if low in _TENS:
        other = _TENS[low]
    else:
        other = _WORDS[_WORDS.index(low) + 1] if low != "twelve" else "ten"
    yield "flag", "changed", _cased(other, word) + wsuf
    if low in _WORDS and wsuf.strip().lower() != "per cent":
        yield "none", "words→digits", str(_WORDS.index(low)) + wsuf


def _cased(new: str, old: str) -> str:
    return new.capitalize() if old[:1].isupper() else new


def number_cases(sentences: Iterable[str], source: str) -> list[dict[str, str]]:
    """Every figure of every sentence changed once and reformatted once (see the module docstring)."""
    cases = []
    for sentence in sentences:
        for m in _FIGURE.finditer(sentence):
            kind = _kind(sentence, m)
            for expect, how, new in _variants(sentence, m):
                right = sentence[: m.start()] + new + sentence[m.end() :]
                if right == sentence:
                    continue
                cases.append(
                    {
                        "source": source,
                        "kind": kind,
                        "how": how,
                        "expect": expect,
                        "left": sentence,
                        "right": right,
                        "figure": [m.start(), m.start() + len(new)],
                    }
                )
    return cases


def sentences_of(text: str) -> list[str]:
    cmp = articlediff.compare(text, "", signals=False)
    return [cmp.text_of("left", s.index) for s in cmp.left]


def check(case: dict[str, str]) -> bool:
    """Whether compare() raises a number_changed flag on the copy's changed figure."""
    cmp = articlediff.compare(case["left"], case["right"])
    a, b = case["figure"]
    return any(
        f.kind == "number_changed" and f.right and f.right[0] < b and a < f.right[1] for p in cmp.pairs for f in p.flags
    ) or (case["expect"] == "none" and any(f.kind == "number_changed" for p in cmp.pairs for f in p.flags))


def seed_cases() -> list[dict[str, str]]:
    return [
        case
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for case in number_cases(sentences_of(path.read_text(encoding="utf-8")), path.name[:3])
    ]


def numbers(data: Path, show_misses: int, write: Path | None) -> int:
    cases = seed_cases()
    if write:
        for case in cases:
            case["status"] = "pass" if check(case) == (case["expect"] == "flag") else "fail"
        write.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {len(cases)} cases to {write}")
    base = data / "onestopenglish" / "Texts-SeparatedByReadingLevel" / "Adv-Txt"
    for adv in sorted(base.glob("*-adv.txt")):
        cases.extend(number_cases(sentences_of(read(adv)), "onestopenglish"))
    results = [(case, check(case)) for case in cases]
    print(
        f"{len(cases)} synthetic cases ({sum(c['expect'] == 'flag' for c in cases)} changed figures, "
        f"{sum(c['expect'] == 'none' for c in cases)} reformatted controls)\n"
    )
    print("| set | kind | how | cases | flagged | rate |")
    print("|---|---|---|---:|---:|---:|")
    groups: dict[tuple[str, str, str, str], list[bool]] = {}
    for case, hit in results:
        src = "seeds" if case["source"] != "onestopenglish" else "onestopenglish"
        groups.setdefault((src, case["expect"], case["kind"], case["how"]), []).append(hit)
        groups.setdefault((src, case["expect"], "all", ""), []).append(hit)
    for (src, expect, kind, how), hits in sorted(groups.items()):
        label = "recall" if expect == "flag" else "false positives"
        print(f"| {src} | {kind} | {how or label} | {len(hits)} | {sum(hits)} | {sum(hits) / len(hits):.1%} |")
    misses = [c for c, hit in results if hit != (c["expect"] == "flag")]
    for case in misses[:show_misses]:
        print(f"\n[{case['expect']} {case['kind']} {case['how']}] {case['source']}")
        print(f"   L: {case['left']}\n   R: {case['right']}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=ROOT.parent / "shared" / "data", type=Path)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="", help="comma-separated kinds to sample (default: all)")
    ap.add_argument(
        "--numbers", action="store_true", help="recall and false positives of number_changed on synthetic cases"
    )
    ap.add_argument("--show-misses", type=int, default=0, help="with --numbers: print this many wrong answers")
    ap.add_argument("--write-cases", type=Path, help="with --numbers: store the seed cases as JSON test data")
    args = ap.parse_args()
    if args.numbers:
        return numbers(args.data, args.show_misses, args.write_cases)
    counts: Counter[str] = Counter()
    aligned = 0
    docs = 0
    found = []
    for name, left, right in pairs(args.data):
        cmp = articlediff.compare(left, right)
        docs += 1
        for p in cmp.pairs:
            if p.left and p.right:
                aligned += 1
            for f in p.flags:
                counts[f.kind] += 1
                found.append((name, p, f, cmp))
    print(f"{docs} document pairs, {aligned} aligned sentence pairs\n")
    print("| flag | count | per 1,000 aligned pairs |")
    print("|---|---:|---:|")
    for kind in ("quote_changed", "quote_unsourced", "number_changed", "name_changed", "attribution_changed"):
        print(f"| {kind} | {counts[kind]} | {1000 * counts[kind] / max(1, aligned):.1f} |")
    kinds = set(filter(None, args.kinds.split(",")))
    pool = [item for item in found if not kinds or item[2].kind in kinds]
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    print(f"\n## sample of {len(sample)} flags (seed {args.seed})\n")
    for n, (name, p, f, cmp) in enumerate(sample, 1):
        left = " ".join(cmp.text_of("left", i) for i in p.left) or "-"
        right = " ".join(cmp.text_of("right", j) for j in p.right) or "-"
        lspan = cmp.left_text[f.left[0] : f.left[1]] if f.left else "-"
        rspan = cmp.right_text[f.right[0] : f.right[1]] if f.right else "-"
        print(f"{n}. [{f.kind}] {name}: {f.message}\n   flagged L: {lspan}\n   flagged R: {rspan}")
        print(f"   pair L: {left}\n   pair R: {right}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
