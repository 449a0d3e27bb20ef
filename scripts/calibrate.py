#!/usr/bin/env python3
"""Fit the weights of articlediff.similarity() and write articlediff/data/similarity.json.

The similarity is a logistic model over the features in ``articlediff.similarity.MODEL_FEATURES``. It is
fitted, with soft targets (gold score / 5) and a small L2 penalty, on STS-B ``sts-train.csv`` and
``sts-dev.csv`` *without* the ``MSRpar`` rows (half of them are MSRP test pairs). STS-B test and MSRP
test are never read. Re-running this script reproduces the shipped file exactly.

Usage: python scripts/calibrate.py [DATA_DIR] [--check]
    DATA_DIR defaults to ../shared/data; --check exits 1 if the shipped file differs.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

from articlediff.normalize import words
from articlediff.similarity import MODEL_FEATURES, model_features, profile

OUT = Path(__file__).resolve().parent.parent / "articlediff" / "data" / "similarity.json"


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped weights differ")
    args = ap.parse_args()
    sts = args.data / "stsbenchmark"
    rows = [r for name in ("sts-train.csv", "sts-dev.csv") for r in sts_rows(sts / name) if r[1] != "MSRpar"]
    x = feature_matrix([(r[3], r[4]) for r in rows])
    y = np.array([r[2] / 5.0 for r in rows])
    w = fit_logistic(x, y)
    model = {
        "_comment": "Written by scripts/calibrate.py from STS-B train+dev without MSRpar rows; do not edit by hand.",
        "fitted_on": f"stsbenchmark sts-train.csv + sts-dev.csv without MSRpar ({len(rows)} pairs)",
        "bias": round(float(w[0]), 6),
        "weights": {name: round(float(v), 6) for name, v in zip(MODEL_FEATURES, w[1:], strict=True)},
    }
    text = json.dumps(model, indent=1) + "\n"
    pred = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))
    print(f"fitted on {len(rows)} pairs; Pearson on the fitting data {np.corrcoef(pred, y)[0, 1]:.4f}")
    print(json.dumps(model["weights"]), "bias", model["bias"])
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("shipped weights", "match" if same else "DIFFER from a re-fit")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
