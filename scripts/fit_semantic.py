#!/usr/bin/env python3
"""Fit how ``similarity()`` and ``is_paraphrase()`` read an embedder, and write articlediff/data/semantic.json.

With ``embedder=``, each function combines its lexical value with the cosine of the two sentences'
vectors (the shipped WordLlama model) by a two-feature logistic model:

- ``similarity``: ``similarity(a, b)`` and the cosine, fitted with soft targets (gold score / 5) on
  STS-B ``sts-train.csv`` + ``sts-dev.csv`` without the ``MSRpar`` rows, as scripts/calibrate.py fits
  the lexical model;
- ``paraphrase``: ``paraphrase_probability(a, b)`` and the cosine, fitted on MSRP
  ``msr_paraphrase_train.txt``; its threshold is chosen on 10-fold out-of-fold probabilities by the
  rule of scripts/fit_paraphrase.py (highest F1 within ``THRESHOLD_ACCURACY_SLACK`` of the best
  accuracy).

STS-B test and MSRP test are never read. Re-running this script reproduces the shipped file exactly.

Usage: python scripts/fit_semantic.py [DATA_DIR] [--check]
    DATA_DIR defaults to ../shared/data; --check exits 1 if the shipped file differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from calibrate import fit_logistic, sts_rows, write_or_check
from fit_paraphrase import THRESHOLD_ACCURACY_SLACK, f1_score, msrp_pairs, out_of_fold

from articlediff.embed import WordLlamaEmbedder, vectors, wordllama
from articlediff.graded import similarity
from articlediff.paraphrase import paraphrase_probability

OUT = Path(__file__).resolve().parent.parent / "articlediff" / "data" / "semantic.json"
L2 = 1e-3


def cosines(pairs: list[tuple[str, str]]) -> np.ndarray:
    model = wordllama()
    a = vectors(model, [p[0] for p in pairs])
    b = vectors(model, [p[1] for p in pairs])
    return (a * b).sum(1).astype(np.float64)


def rounded(w: np.ndarray, names: tuple[str, ...]) -> dict[str, float]:
    return {"bias": round(float(w[0]), 6), **{n: round(float(v), 6) for n, v in zip(names, w[1:], strict=True)}}


def fitted(data: Path) -> dict:
    sts = data / "stsbenchmark"
    rows = [r for name in ("sts-train.csv", "sts-dev.csv") for r in sts_rows(sts / name) if r[1] != "MSRpar"]
    pairs = [(r[3], r[4]) for r in rows]
    x = np.column_stack([[similarity(a, b) for a, b in pairs], cosines(pairs)])
    w_sim = fit_logistic(x, np.array([r[2] / 5.0 for r in rows]), L2)

    msrp = msrp_pairs(data / "msrp" / "msr_paraphrase_train.txt")
    mpairs = [(a, b) for _, a, b in msrp]
    y = np.array([label for label, _, _ in msrp], dtype=float)
    xp = np.column_stack([[paraphrase_probability(a, b) for a, b in mpairs], cosines(mpairs)])
    oof = out_of_fold(np.hstack([xp]), y, L2, 10)
    grid = np.round(np.arange(0.30, 0.7001, 0.01), 2)
    accuracy = {float(t): float(((oof >= t) == y).mean()) for t in grid}
    f1 = {float(t): f1_score(oof >= t, y == 1) for t in grid}
    good = [t for t in accuracy if accuracy[t] >= max(accuracy.values()) - THRESHOLD_ACCURACY_SLACK]
    threshold = max(good, key=lambda t: (f1[t], -abs(t - 0.5)))
    w_par = fit_logistic(xp, y, L2)
    print(f"similarity: {rounded(w_sim, ('lexical', 'cosine'))}")
    print(
        f"paraphrase: {rounded(w_par, ('lexical', 'cosine'))}, threshold {threshold} "
        f"(out-of-fold accuracy {accuracy[threshold]:.4f}, F1 {f1[threshold]:.4f})"
    )
    return {
        "_comment": "Written by scripts/fit_semantic.py from STS-B train+dev (no MSRpar) and MSRP train; "
        "do not edit by hand.",
        "embedder": WordLlamaEmbedder.name,
        "similarity": {
            "fitted_on": f"stsbenchmark train+dev without MSRpar ({len(rows)} pairs)",
            **rounded(w_sim, ("lexical", "cosine")),
        },
        "paraphrase": {
            "fitted_on": f"msrp msr_paraphrase_train.txt ({len(msrp)} pairs)",
            **rounded(w_par, ("lexical", "cosine")),
            "threshold": threshold,
            "cv_accuracy": round(accuracy[threshold], 4),
            "cv_f1": round(f1[threshold], 4),
        },
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = ap.parse_args()
    return write_or_check(OUT, json.dumps(fitted(args.data), indent=1) + "\n", args.check)


if __name__ == "__main__":
    sys.exit(main())
