#!/usr/bin/env python3
"""Fit the ``semantic`` preset's pair score and write articlediff/data/semantic.json.

The aligner's lexical ``score()`` is a logistic model over the four features of
``articlediff.profile.MODEL_FEATURES``, fitted with soft targets (gold score / 5) on STS-B train+dev
without the ``MSRpar`` rows (``scripts/calibrate.py``). The semantic score is the same model with one
more feature, the cosine of the two sentences' embeddings (the shipped WordLlama model), fitted the
same way on the same rows, so it reads on the same scale and the aligner's thresholds keep their
meaning. ``similarity()`` with an embedder is the graded model's probability and the cosine
combined by a second two-feature logistic model fitted on the same rows. STS-B test and MSRP test
are never read. Re-running this script reproduces the shipped file exactly.

Usage: python scripts/fit_semantic.py [DATA_DIR] [--check]
    DATA_DIR defaults to ../shared/data; --check exits 1 if the shipped file differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from calibrate import feature_matrix, fit_logistic, sts_rows

from articlediff.embed import WordLlamaEmbedder, vectors, wordllama
from articlediff.graded import similarity
from articlediff.profile import MODEL_FEATURES

OUT = Path(__file__).resolve().parent.parent / "articlediff" / "data" / "semantic.json"
L2 = 1e-3


def cosines(pairs: list[tuple[str, str]]) -> np.ndarray:
    model = wordllama()
    a = vectors(model, [p[0] for p in pairs])
    b = vectors(model, [p[1] for p in pairs])
    return (a * b).sum(1)


def fitted(data: Path) -> dict:
    sts = data / "stsbenchmark"
    rows = [r for name in ("sts-train.csv", "sts-dev.csv") for r in sts_rows(sts / name) if r[1] != "MSRpar"]
    pairs = [(r[3], r[4]) for r in rows]
    y = np.array([r[2] / 5.0 for r in rows])
    cos = cosines(pairs)[:, None]
    x = np.hstack([feature_matrix(pairs), cos])
    w = fit_logistic(x, y, L2)
    graded = np.array([[similarity(a, b)] for a, b in pairs])
    g = fit_logistic(np.hstack([graded, cos]), y, L2)
    names = [*MODEL_FEATURES, "cosine"]
    print(f"score: bias {w[0]:.4f}, " + ", ".join(f"{n} {v:.4f}" for n, v in zip(names, w[1:], strict=True)))
    print(f"similarity: bias {g[0]:.4f}, graded {g[1]:.4f}, cosine {g[2]:.4f}")
    return {
        "_comment": "Written by scripts/fit_semantic.py from STS-B train+dev without MSRpar; do not edit by hand.",
        "fitted_on": f"stsbenchmark sts-train.csv + sts-dev.csv without MSRpar ({len(rows)} pairs)",
        "embedder": WordLlamaEmbedder.name,
        "score": {"bias": round(float(w[0]), 6), "weights": {n: round(float(v), 6) for n, v in zip(names, w[1:], strict=True)}},
        "similarity": {"bias": round(float(g[0]), 6), "graded": round(float(g[1]), 6), "cosine": round(float(g[2]), 6)},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default="../shared/data", type=Path)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = ap.parse_args()
    text = json.dumps(fitted(args.data), indent=1) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("shipped file is up to date" if same else f"{OUT} differs from a re-fit")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
