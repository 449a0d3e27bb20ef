#!/usr/bin/env python3
"""Fit articlediff.paraphrase's model on MSRP train and write articlediff/data/paraphrase.json.

The model is a logistic regression over the standardized features named in ``CHOSEN`` and all their
pairwise products (a quadratic surface: "few shared words" matters more when one side adds a long
clause). Everything is decided on ``msr_paraphrase_train.txt`` alone; the test split is never read:

- ``CHOSEN`` is the result of ``--select``: greedy forward selection from all of
  ``articlediff.graded.PAIR_FEATURES``, adding the feature that most lowers the 5-fold cross-validated
  log loss, until the gain drops below 0.001 (``--select`` re-runs it and says whether it still agrees).
- the L2 penalty is the one of ``L2_GRID`` with the lowest 10-fold cross-validated log loss;
- the threshold of ``is_paraphrase()`` is the one (0.30..0.70, step 0.01) with the highest
  out-of-fold F1 among those whose out-of-fold accuracy is within ``THRESHOLD_ACCURACY_SLACK`` of
  the best (ties: nearest to 0.5). MSRP is reported as accuracy *and* F1, and the accuracy curve is
  flat near its top while F1 still climbs as the threshold drops: the slack buys F1 for a little
  accuracy without letting F1 alone push the threshold down to "everything is a paraphrase";
- ``low``/``high`` are the training range of each feature, to which inference clips its inputs.

Re-running reproduces the shipped file exactly.

Usage: python scripts/fit_paraphrase.py [DATA_DIR] [--check] [--select]
    DATA_DIR defaults to ../shared/data; --check exits 1 if the shipped file differs from a re-fit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

# scripts/ is on sys.path when this file runs
from calibrate import fit_logistic, quadratic, quadratic_fields, standardize, write_or_check

from articlediff.graded import PAIR_FEATURES as FEATURES  # noqa: N811 - the candidate features
from articlediff.graded import pair_features as features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "articlediff" / "data" / "paraphrase.json"

CHOSEN = (
    "stems1_min",
    "gap_max",
    "numbers_apart",
    "run_max",
    "negation",
    "seq",
    "bigrams",
    "sorted",
    "prefix5",
    "gap_min",
    "names_apart",
    "unmatched_max",
)
L2_GRID = (0.001, 0.003, 0.01, 0.03, 0.1)
SELECT_L2 = 0.01
SELECT_MIN_GAIN = 0.001
#: Out-of-fold accuracy a threshold may give up against the most accurate one to gain F1.
THRESHOLD_ACCURACY_SLACK = 0.01


def msrp_pairs(path: Path) -> list[tuple[int, str, str]]:
    """Return (label, sentence 1, sentence 2) rows of an MSRP file (tab-separated, no quoting, BOM, header)."""
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        next(fh)
        for line in fh:
            quality, _, _, a, b = line.rstrip("\n").split("\t")
            rows.append((int(quality), a, b))
    return rows


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def out_of_fold(x: np.ndarray, y: np.ndarray, l2: float, k: int) -> np.ndarray:
    """Out-of-fold probabilities of a k-fold cross-validation (fixed shuffle)."""
    order = np.random.RandomState(0).permutation(len(y))
    oof = np.zeros(len(y))
    for f in range(k):
        test = order[f::k]
        train = np.setdiff1d(order, test)
        oof[test] = predict(fit_logistic(x[train], y[train], l2), x[test])
    return oof


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def f1_score(predicted: np.ndarray, gold: np.ndarray) -> float:
    """F1 of the positive class."""
    tp = int(np.sum(predicted & gold))
    return 2 * tp / (int(np.sum(predicted)) + int(np.sum(gold))) if tp else 0.0


def select(x: np.ndarray, y: np.ndarray) -> list[str]:
    """Greedy forward selection of features by 5-fold cross-validated log loss."""
    z, _, _ = standardize(x)
    chosen: list[int] = []
    best = np.inf
    while len(chosen) < len(FEATURES):
        scores = [
            (log_loss(out_of_fold(quadratic(z[:, chosen + [j]]), y, SELECT_L2, 5), y), j)
            for j in range(len(FEATURES))
            if j not in chosen
        ]
        loss, j = min(scores)
        if best - loss < SELECT_MIN_GAIN:
            break
        print(f"  + {FEATURES[j]:15} 5-fold log loss {loss:.4f}", flush=True)
        chosen.append(j)
        best = loss
    return [FEATURES[j] for j in chosen]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=ROOT.parent / "shared" / "data", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped model differs from a re-fit")
    ap.add_argument("--select", action="store_true", help="re-run the feature selection (slow) and compare")
    args = ap.parse_args()
    rows = msrp_pairs(args.data / "msrp" / "msr_paraphrase_train.txt")
    x_all = np.array([features(a, b) for _, a, b in rows])
    y = np.array([float(q) for q, _, _ in rows])
    if args.select:
        picked = select(x_all, y)
        same = tuple(picked) == CHOSEN
        print("selected", picked, "same as CHOSEN" if same else f"DIFFERS from CHOSEN {CHOSEN}")
        if not same:
            return 1
    x = x_all[:, [FEATURES.index(f) for f in CHOSEN]]
    z, mean, scale = standardize(x)
    q = quadratic(z)
    cv = {l2: out_of_fold(q, y, l2, 10) for l2 in L2_GRID}
    l2 = min(L2_GRID, key=lambda v: log_loss(cv[v], y))
    oof = cv[l2]
    grid = np.round(np.arange(0.30, 0.7001, 0.01), 2)
    accuracy = {float(t): float(((oof >= t) == y).mean()) for t in grid}
    f1 = {float(t): f1_score(oof >= t, y == 1) for t in grid}
    good = [t for t in accuracy if accuracy[t] >= max(accuracy.values()) - THRESHOLD_ACCURACY_SLACK]
    threshold = max(good, key=lambda t: (f1[t], -abs(t - 0.5)))
    w = fit_logistic(q, y, l2)
    model = {
        "_comment": "Written by scripts/fit_paraphrase.py from MSRP train only; do not edit by hand.",
        "fitted_on": f"msrp msr_paraphrase_train.txt ({len(rows)} pairs)",
        "l2": l2,
        "cv_log_loss": round(log_loss(oof, y), 4),
        "cv_accuracy": round(accuracy[threshold], 4),
        "cv_f1": round(f1[threshold], 4),
        "threshold": threshold,
        **quadratic_fields(CHOSEN, x, mean, scale, w),
    }
    print(
        f"fitted on {len(rows)} MSRP train pairs; l2 {l2}; 10-fold CV log loss {model['cv_log_loss']}, "
        f"accuracy {model['cv_accuracy']}, F1 {model['cv_f1']} at threshold {threshold}"
    )
    text = json.dumps(model, indent=1) + "\n"
    return write_or_check(OUT, text, args.check)


if __name__ == "__main__":
    sys.exit(main())
