#!/usr/bin/env python3
"""Measured accuracy on public labelled corpora, next to published results.

Three evaluations, each printing a markdown table (ours next to the published figures):

  msrp    MSRP paraphrase identification: articlediff.is_paraphrase() (fitted on msr_paraphrase_train.txt
          by scripts/fit_paraphrase.py), accuracy and F1 on msr_paraphrase_test.txt.
  sts     STS Benchmark: Pearson and Spearman of articlediff.similarity() and of the aligner's cheap
          similarity.score() (both fitted on train+dev without MSRpar by scripts/calibrate.py) on
          sts-test.csv, overall and on the news genre.
  clough  Clough & Stevenson's plagiarised short answers: compare(source, answer) with default options;
          binary accuracy of the verdict (no fitting at all) and a 4-way classifier over the summary's
          figures, evaluated by leave-one-task-out.

Nothing is tuned on a held-out split: MSRP test, STS-B test and the Clough-Stevenson binary result
are only read to report them. The corpora stay in DATA_DIR; nothing of them is copied here.

Usage: python benchmarks/eval_corpora.py [msrp|sts|clough|all] [--data ../shared/data] [--floors]
  --floors  exit 1 when a figure falls below FLOORS (the test suite checks the same floors).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz.fuzz import token_set_ratio
from rapidfuzz.utils import default_process

import articlediff
from articlediff.normalize import words
from articlediff.profile import profile
from articlediff.profile import score as profile_score

ROOT = Path(__file__).resolve().parent.parent
#: With the semantic extra installed, the tables also show the embedder-aware functions.
HAS_WORDLLAMA = importlib.util.find_spec("wordllama") is not None
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "scripts"))
from calibrate import fit_logistic, standardize, sts_rows  # noqa: E402
from fit_paraphrase import msrp_pairs  # noqa: E402

# Floors sit just below the figures measured when they were set; move them only on purpose, in the
# commit that changes the figure, with the reason in its message.
FLOORS = {
    # measured 0.7739 / 0.8457; moved down from 0.778 / 0.846 on purpose: the shipped features are
    # now what fit_paraphrase.py --select picks (prefix5 instead of dice), as reproducibility requires
    "msrp": {"accuracy": 0.772, "f1": 0.844},
    # measured 0.7502, 0.7358, 0.7723, 0.7254; the aligner's cheap score() 0.7321
    "sts": {
        "pearson": 0.748,
        "spearman": 0.733,
        "pearson_news": 0.770,
        "spearman_news": 0.723,
        "score_pearson_news": 0.730,
    },
    # measured 0.9579 / 0.7895 (one answer is 0.0105); 4-way was 0.8000 until the even-gap
    # rule paired g4pB_taskd's formula line with its source's (a right link) and the LOTO model
    # moved that light answer to heavy; binary was 0.9684 until segmentation ended sentences at
    # initials before a sentence starter ("…of B given A. This is achieved…", the Bayes source's
    # "…of A. It is…") and the independent answer g1pD_taskd, in smaller sentences, was linked
    "clough": {"binary": 0.955, "four_way": 0.78},
}


# ---------------------------------------------------------------------------------------------- helpers


def accuracy_f1(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """Accuracy and F1 of the positive class."""
    tp = int(np.sum(predicted & gold))
    fp = int(np.sum(predicted & ~gold))
    fn = int(np.sum(~predicted & gold))
    return float(np.mean(predicted == gold)), 2 * tp / (2 * tp + fp + fn)


def train_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    """The threshold with the highest accuracy on these (training) scores; ties: the lowest."""
    candidates = np.unique(scores)
    accuracy = [np.mean((scores >= t) == gold) for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged (as Spearman's rho needs)."""
    order = np.argsort(values, kind="stable")
    r = np.empty(len(values))
    r[order] = np.arange(len(values))
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    return (np.bincount(inverse, weights=r) / counts)[inverse]


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return pearson(ranks(a), ranks(b))


_NUMBER = re.compile(r"[*≈]*[\d.]*\**")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A markdown table; columns that hold only numbers are right-aligned."""
    numeric = [all(_NUMBER.fullmatch(r[i]) for r in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def token_set(a: str, b: str) -> float:
    """rapidfuzz's ``token_set_ratio`` with its ``default_process`` (lower-cased, non-alphanumerics to spaces)."""
    return token_set_ratio(a, b, processor=default_process)


def unigram_f(a: str, b: str) -> float:
    """Unigram-overlap F-score over lower-cased ``\\w+`` tokens (the baseline of the corpora's SOURCE.md)."""
    ca, cb = Counter(re.findall(r"\w+", a.lower())), Counter(re.findall(r"\w+", b.lower()))
    shared = sum((ca & cb).values())
    return 2 * shared / (sum(ca.values()) + sum(cb.values())) if ca and cb else 0.0


# ------------------------------------------------------------------------------------------------ MSRP

#: Published results on MSRP test (SOURCE.md: ACL Wiki "Paraphrase Identification"), accuracy / F1.
MSRP_PUBLISHED = [
    ("Mihalcea, Corley & Strapparava 2006 (word similarity, unsupervised)", "70.3", "81.3"),
    ("Qiu, Kan & Chua 2006", "72.0", "81.6"),
    ("Wan, Dras, Dale & Paris 2006 (dependency features)", "75.6", "83.0"),
    ("Das & Smith 2009 (quasi-synchronous + lexical overlap)", "76.1", "82.7"),
    ("Madnani, Tetreault & Chodorow 2012 (MT metrics)", "77.4", "84.1"),
]


def evaluate_msrp(data: Path = DATA) -> tuple[dict[str, float], str]:
    """Accuracy and F1 on MSRP test of is_paraphrase() and of baselines whose threshold is fitted on train."""
    train = msrp_pairs(data / "msrp" / "msr_paraphrase_train.txt")
    test = msrp_pairs(data / "msrp" / "msr_paraphrase_test.txt")
    gold_train = np.array([q == 1 for q, _, _ in train])
    gold = np.array([q == 1 for q, _, _ in test])
    acc, f1 = accuracy_f1(np.array([articlediff.is_paraphrase(a, b) for _, a, b in test]), gold)
    rows = [["**articlediff `is_paraphrase()`**", "train (10-fold CV)", f"**{100 * acc:.1f}**", f"**{100 * f1:.1f}**"]]
    figures = {"accuracy": acc, "f1": f1}
    if HAS_WORDLLAMA:
        said = np.array([articlediff.is_paraphrase(a, b, "wordllama") for _, a, b in test])
        acc_w, f1_w = accuracy_f1(said, gold)
        figures.update(accuracy_wordllama=acc_w, f1_wordllama=f1_w)
        rows.append(
            [
                'articlediff `is_paraphrase(a, b, embedder="wordllama")`',
                "train",
                f"{100 * acc_w:.1f}",
                f"{100 * f1_w:.1f}",
            ]
        )
    for name, score in (
        ("articlediff `similarity()` + threshold", articlediff.similarity),
        ("rapidfuzz `token_set_ratio` + threshold", token_set),
        ("unigram-overlap F-score + threshold", unigram_f),
    ):
        t = train_threshold(np.array([score(a, b) for _, a, b in train]), gold_train)
        a_, f_ = accuracy_f1(np.array([score(a, b) >= t for _, a, b in test]), gold)
        rows.append([name, f"train (threshold {t:.3g})", f"{100 * a_:.1f}", f"{100 * f_:.1f}"])
    a_, f_ = accuracy_f1(np.full(len(gold), gold_train.mean() >= 0.5), gold)
    rows.append(["majority class of train (paraphrase)", "train", f"{100 * a_:.1f}", f"{100 * f_:.1f}"])
    rows += [[f"{name} *(published)*", "train", a_, f_] for name, a_, f_ in MSRP_PUBLISHED]
    text = table(["system", "fitted on", "accuracy", "F1"], rows)
    return figures, f"MSRP test: {len(test)} pairs, {int(gold.sum())} paraphrases\n\n{text}"


# ------------------------------------------------------------------------------------------------ STS-B

#: STS-B's news genre (SOURCE.md): MSRpar + headlines + deft-news.
NEWS = ("MSRpar", "headlines", "deft-news")
#: Published results on STS-B test (SOURCE.md; recalled there, not verified): Pearson, Spearman.
STS_PUBLISHED = [
    ("Universal Sentence Encoder (Reimers & Gurevych 2019)", "no STS-B", "", "0.749"),
    ("SBERT-NLI-large (Reimers & Gurevych 2019)", "no STS-B", "", "0.792"),
    ("ECNU, best SemEval-2017 system (Cer et al. 2017)", "STS-B train", "0.810", ""),
]


def aligner_score(a: str, b: str) -> float:
    """The aligner's cheap similarity (``articlediff.similarity.score`` over two sentence profiles)."""
    return profile_score(profile([w.key for w in words(a)]), profile([w.key for w in words(b)]))


def evaluate_sts(data: Path = DATA) -> tuple[dict[str, float], str]:
    """Pearson and Spearman on STS-B test, overall and on the news genre."""
    test = list(sts_rows(data / "stsbenchmark" / "sts-test.csv"))
    gold = np.array([r[2] for r in test])
    news = np.array([r[1] in NEWS for r in test])
    fitted = "train+dev w/o MSRpar"
    systems = {
        "similarity": ("**articlediff `similarity()`**", fitted, [articlediff.similarity(r[3], r[4]) for r in test]),
        "score": ("the aligner's cheap `similarity.score()`", fitted, [aligner_score(r[3], r[4]) for r in test]),
        "token_set": ("rapidfuzz `token_set_ratio`", "—", [token_set(r[3], r[4]) for r in test]),
        "unigram": ("unigram-overlap F-score", "—", [unigram_f(r[3], r[4]) for r in test]),
    }
    if HAS_WORDLLAMA:
        from articlediff.embed import cosine

        systems["wordllama"] = (
            'articlediff `similarity(a, b, embedder="wordllama")`',
            fitted,
            [articlediff.similarity(r[3], r[4], "wordllama") for r in test],
        )
        systems["cosine"] = ("WordLlama l2_supercat cosine alone", "—", [cosine("wordllama", r[3], r[4]) for r in test])
    rows, figures = [], {}
    for key, (name, how, scores) in systems.items():
        s = np.asarray(scores)
        r = {
            "pearson": pearson(s, gold),
            "spearman": spearman(s, gold),
            "pearson_news": pearson(s[news], gold[news]),
            "spearman_news": spearman(s[news], gold[news]),
        }
        figures.update(r if key == "similarity" else {f"{key}_{k}": v for k, v in r.items()})
        rows.append([name, how] + [f"{v:.3f}" for v in r.values()])
    rows += [[f"{name} *(published, unverified)*", how, p, s, "", ""] for name, how, p, s in STS_PUBLISHED]
    text = table(["system", "fitted on", "Pearson", "Spearman", "Pearson news", "Spearman news"], rows)
    return figures, f"STS-B test: {len(test)} pairs, {int(news.sum())} news ({', '.join(NEWS)})\n\n{text}"


# ------------------------------------------------------------------------------------------ Clough-Stevenson

CLASSES = ("cut", "light", "heavy", "non")
VERDICTS = ("wholly_derived", "partially_derived", "not_derived")
#: The figures the 4-way classifier reads, computed by :func:`clough_figures` from each comparison.
FIGURES = ("reuse", "coverage", "verbatim_share", "equal_share", "long_run_share", "equal_of_reused", "mean_score")
#: Words in an ``equal`` diff op for it to count as a copied run (Clough & Stevenson's 5-gram containment).
LONG_RUN = 5
CLOUGH_L2_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
#: Reference rows: (task, system, fitted on, accuracy, macro-F1).
CLOUGH_REFERENCE = [
    ("binary", "GaussianNB on containment 1–5 + LCS (re-run in SOURCE.md, not published)", "LOTO", "0.947", "0.946"),
    (
        "4-way",
        "Clough & Stevenson 2011, Naive Bayes on containment + LCS *(published; cited by Bär et al. 2012, unverified)*",
        "10-fold CV",
        "≈0.80",
        "",
    ),
    (
        "4-way",
        "Bär, Zesch & Gurevych 2012, composition of similarity measures *(published; recalled, unverified)*",
        "10-fold CV",
        "≈0.84",
        "",
    ),
    ("4-way", "GaussianNB on containment 1–5 + LCS (re-run in SOURCE.md, not published)", "LOTO", "0.695", "0.625"),
]


def read_text(path: Path) -> str:
    """Decode a corpus file: UTF-8, falling back to Windows-1252 (17 of the files)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def clough_answers(data: Path = DATA) -> list[dict[str, str]]:
    """The 95 answers of ``file_list.csv`` (the five sources left out), with their texts."""
    folder = data / "clough-stevenson-2011"
    with (folder / "file_list.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["category"] != "orig"]
    for r in rows:
        r["answer"] = read_text(folder / "corpus-20090418" / r["file"])
        r["source"] = read_text(folder / "corpus-20090418" / r["source_file"])
    return rows


def clough_figures(d: dict, right_text: str) -> dict[str, float]:
    """Figures of one comparison (its ``to_dict()`` and the copy's text): the summary's shares, the
    share of the copy's words inside ``equal`` diff ops (over all its words and over its reused
    words) and the mean score of the aligned pairs."""
    s = d["summary"]
    total = s["words"]["right"] or 1
    aligned = [p for p in d["pairs"] if p["label"] in ("verbatim", "paraphrase")]
    runs = [len(words(right_text, *op["right"])) for p in aligned for op in p["diff"] if op["op"] == "equal"]
    equal = sum(runs)
    reused = s["reuse"] * total
    return {
        "reuse": s["reuse"],
        "coverage": s["coverage"],
        "verbatim_share": s["verbatim_share"],
        "equal_share": equal / total,
        "long_run_share": sum(n for n in runs if n >= LONG_RUN) / total,
        "equal_of_reused": equal / reused if reused else 0.0,
        "mean_score": float(np.mean([p["score"] for p in aligned])) if aligned else 0.0,
    }


def _one_vs_rest(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    z, mean, scale = standardize(x)
    return np.array([fit_logistic(z, (y == k).astype(float), l2) for k in range(len(CLASSES))]), mean, scale


def _classify(model: tuple[np.ndarray, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, mean, scale = model
    return np.argmax(w[:, 0] + ((x - mean) / scale) @ w[:, 1:].T, axis=1)


def leave_one_task_out(x: np.ndarray, y: np.ndarray, tasks: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Predictions for each task's answers from a one-vs-rest logistic model fitted on the other four
    tasks; its L2 penalty is chosen by leave-one-task-out inside those four (nested, never on the fifth)."""
    predicted = np.zeros(len(y), int)
    chosen = []
    for held in sorted(set(tasks)):
        fold = tasks != held

        def inner_hits(l2: float, fold: np.ndarray = fold) -> int:
            hits = 0
            for t in sorted(set(tasks[fold])):
                fit, check = fold & (tasks != t), fold & (tasks == t)
                hits += int(np.sum(_classify(_one_vs_rest(x[fit], y[fit], l2), x[check]) == y[check]))
            return hits

        l2 = max(CLOUGH_L2_GRID, key=inner_hits)
        chosen.append(l2)
        predicted[~fold] = _classify(_one_vs_rest(x[fold], y[fold], l2), x[~fold])
    return predicted, chosen


def macro_f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    return float(np.mean([accuracy_f1(predicted == k, gold == k)[1] for k in np.unique(gold)]))


def evaluate_clough(data: Path = DATA) -> tuple[dict[str, float], str]:
    """Binary verdict accuracy (no fitting) and 4-way leave-one-task-out accuracy."""
    answers = clough_answers(data)
    comparisons = [articlediff.compare(r["source"], r["answer"]) for r in answers]
    category = [r["category"] for r in answers]
    verdict = [c.summary["verdict"] for c in comparisons]
    derived = np.array([c != "non" for c in category])
    binary = float(np.mean(np.array([v != "not_derived" for v in verdict]) == derived))
    x = np.array([list(clough_figures(c.to_dict(), c.right_text).values()) for c in comparisons])
    y = np.array([CLASSES.index(c) for c in category])
    predicted, l2s = leave_one_task_out(x, y, np.array([r["task"] for r in answers]))
    four_way = float(np.mean(predicted == y))
    rows = [
        ["binary", "**articlediff `verdict != not_derived`**", "nothing", f"**{binary:.3f}**", ""],
        [
            "4-way",
            "**articlediff figures + one-vs-rest logistic**",
            "LOTO (L2 by nested LOTO)",
            f"**{four_way:.3f}**",
            f"{macro_f1(predicted, y):.3f}",
        ],
    ] + [list(r) for r in CLOUGH_REFERENCE]
    pairs = Counter(zip(category, verdict, strict=True))
    by_class = [[c] + [str(pairs[c, v]) for v in VERDICTS] for c in CLASSES]
    cells = Counter(zip(y, predicted, strict=True))
    confusion = [[g] + [str(cells[i, j]) for j in range(len(CLASSES))] for i, g in enumerate(CLASSES)]
    text = "\n\n".join(
        [
            f"Clough–Stevenson: {len(answers)} answers, {int(derived.sum())} derived (cut, light, heavy), "
            f"{int((~derived).sum())} not (non)",
            table(["task", "system", "fitted on", "accuracy", "macro-F1"], rows),
            "Verdict by gold class (binary: derived = wholly or partially derived):",
            table(["gold"] + list(VERDICTS), by_class),
            f"4-way confusion, leave-one-task-out (rows gold, columns predicted; L2 per held-out task {l2s}; "
            f"figures {', '.join(FIGURES)}):",
            table(["gold"] + list(CLASSES), confusion),
        ]
    )
    return {"binary": binary, "four_way": four_way}, text


# ------------------------------------------------------------------------------------------------- main

EVALUATIONS = {"msrp": evaluate_msrp, "sts": evaluate_sts, "clough": evaluate_clough}


def below_floors(name: str, figures: dict[str, float]) -> list[str]:
    return [f"{name} {k} {figures[k]:.4f} < floor {v}" for k, v in FLOORS[name].items() if figures[k] < v]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="all", choices=[*EVALUATIONS, "all"])
    ap.add_argument("--data", type=Path, default=DATA, help="the corpora folder (default ../shared/data)")
    ap.add_argument("--floors", action="store_true", help="exit 1 below the floors")
    args = ap.parse_args()
    failed = []
    for name, evaluate in EVALUATIONS.items():
        if args.corpus in (name, "all"):
            figures, text = evaluate(args.data)
            floors = ", ".join(f"{k} {figures[k]:.4f} (floor {v})" for k, v in FLOORS[name].items())
            print(f"## {name}\n\n{text}\n\nGated figures: {floors}\n")
            failed += below_floors(name, figures)
    if failed:
        print("BELOW FLOOR: " + "; ".join(failed))
    return 1 if (failed and args.floors) else 0


if __name__ == "__main__":
    sys.exit(main())
