#!/usr/bin/env python3
"""Fit articlediff's two similarity models and write articlediff/data/similarity.json.

Both are fitted with soft targets (gold score / 5) on STS-B ``sts-train.csv`` and ``sts-dev.csv``
*without* the ``MSRpar`` rows (half of them are MSRP test pairs). STS-B test and MSRP test are never
read. Re-running this script reproduces the shipped file exactly.

- ``bias``/``weights``: the aligner's cheap ``score()``, a logistic model over the four features of
  ``articlediff.profile.MODEL_FEATURES`` with a small L2 penalty, fitted on train+dev.
- ``graded``: the public ``similarity()``, a logistic model over all of
  ``articlediff.graded.PAIR_FEATURES`` (standardized) and their pairwise products. Its L2 penalty
  is the one of ``GRADED_L2_GRID`` whose fit on train has the highest Pearson on dev; it is then
  re-fitted on train+dev. ``low``/``high`` are each feature's range there, to which inference clips.

Usage: python scripts/calibrate.py [DATA_DIR] [--check]
    DATA_DIR defaults to ../shared/data; --check exits 1 if the shipped file differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from articlediff.graded import PAIR_FEATURES, pair_features
from articlediff.normalize import words
from articlediff.profile import MODEL_FEATURES, model_features, profile

OUT = Path(__file__).resolve().parent.parent / "articlediff" / "data" / "similarity.json"
GRADED_L2_GRID = (0.001, 0.003, 0.01, 0.03, 0.1)


def sts_rows(path: Path):
    """Yield (genre, file, score, s1, s2) from an STS-B csv (tab-separated, no quoting)."""
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 7:
                yield row[0], row[1], float(row[4]), row[5], row[6]


def feature_matrix(pairs) -> np.ndarray:
    prof = {}

    def p(s):
        if s not in prof:
            prof[s] = profile([w.key for w in words(s)])
        return prof[s]

    return np.array([model_features(p(a), p(b)) for a, b in pairs])


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, iters: int = 50) -> np.ndarray:
    """Newton's method for logistic regression with soft targets; returns [bias, *weights]."""
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    reg = l2 * len(x) * np.eye(x1.shape[1])
    reg[0, 0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-x1 @ w))
        grad = x1.T @ (p - y) + reg @ w
        hess = (x1 * (p * (1 - p))[:, None]).T @ x1 + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def quadratic(z: np.ndarray) -> np.ndarray:
    """The columns of ``z`` followed by their pairwise products (i <= j), in QuadraticModel's order."""
    n = z.shape[1]
    return np.hstack([z] + [z[:, i : i + 1] * z[:, i:] for i in range(n)])


def standardize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    return (x - mean) / scale, mean, scale


def fit_quadratic(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fit a soft-target logistic model over standardized ``x`` and its products: (weights, mean, scale)."""
    z, mean, scale = standardize(x)
    return fit_logistic(quadratic(z), y, l2), mean, scale


def predict_quadratic(model: tuple[np.ndarray, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, mean, scale = model
    return 1.0 / (1.0 + np.exp(-(w[0] + quadratic((x - mean) / scale) @ w[1:])))


def fit_graded(train: list, dev: list) -> dict:
    """The ``graded`` section: L2 by dev Pearson of a fit on train, then a fit on train+dev."""
    x_train = np.array([pair_features(r[3], r[4]) for r in train])
    x_dev = np.array([pair_features(r[3], r[4]) for r in dev])
    y_train, y_dev = np.array([r[2] / 5.0 for r in train]), np.array([r[2] / 5.0 for r in dev])
    dev_pearson = {
        l2: float(np.corrcoef(predict_quadratic(fit_quadratic(x_train, y_train, l2), x_dev), y_dev)[0, 1])
        for l2 in GRADED_L2_GRID
    }
    l2 = max(GRADED_L2_GRID, key=lambda v: dev_pearson[v])
    x, y = np.vstack([x_train, x_dev]), np.concatenate([y_train, y_dev])
    w, mean, scale = fit_quadratic(x, y, l2)
    print(f"graded: l2 {l2} (dev Pearson {dev_pearson[l2]:.4f} after fitting on train)")
    return {"l2": l2, "dev_pearson": round(dev_pearson[l2], 4), **quadratic_fields(PAIR_FEATURES, x, mean, scale, w)}


def quadratic_fields(
    features: Sequence[str], x: np.ndarray, mean: np.ndarray, scale: np.ndarray, w: np.ndarray
) -> dict[str, object]:
    """The shipped form of a logistic model over standardized ``features`` and their pairwise
    products (the order :func:`quadratic` makes them in): names, training range, scaling, weights."""
    n = len(features)
    names = list(features) + [f"{features[i]}*{features[j]}" for i in range(n) for j in range(i, n)]
    return {
        "features": list(features),
        "low": [round(float(v), 6) for v in x.min(0)],
        "high": [round(float(v), 6) for v in x.max(0)],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "bias": round(float(w[0]), 6),
        "weights": {name: round(float(v), 6) for name, v in zip(names, w[1:], strict=True)},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped weights differ")
    args = ap.parse_args()
    sts = args.data / "stsbenchmark"
    train = [r for r in sts_rows(sts / "sts-train.csv") if r[1] != "MSRpar"]
    dev = [r for r in sts_rows(sts / "sts-dev.csv") if r[1] != "MSRpar"]
    rows = train + dev
    x = feature_matrix([(r[3], r[4]) for r in rows])
    y = np.array([r[2] / 5.0 for r in rows])
    w = fit_logistic(x, y)
    model = {
        "_comment": "Written by scripts/calibrate.py from STS-B train+dev without MSRpar rows; do not edit by hand.",
        "fitted_on": f"stsbenchmark sts-train.csv + sts-dev.csv without MSRpar ({len(rows)} pairs)",
        "bias": round(float(w[0]), 6),
        "weights": {name: round(float(v), 6) for name, v in zip(MODEL_FEATURES, w[1:], strict=True)},
        "graded": fit_graded(train, dev),
    }
    text = json.dumps(model, indent=1) + "\n"
    pred = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))
    print(f"fitted on {len(rows)} pairs; Pearson on the fitting data {np.corrcoef(pred, y)[0, 1]:.4f}")
    print(json.dumps(model["weights"]), "bias", model["bias"])
    return write_or_check(OUT, text, args.check)


def write_or_check(out: Path, text: str, check: bool) -> int:
    """Write a fitting script's ``text`` to the shipped file ``out``, or with ``check`` only say
    whether the shipped file is that text; the exit status (1: it differs)."""
    if check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"shipped {out.name}", "matches" if same else "DIFFERS from a re-fit")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
