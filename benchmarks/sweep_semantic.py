#!/usr/bin/env python3
"""How far the two gates that hold ``semantic`` recall can be opened: an upper bound, not a fit.

benchmarks/diagnose_semantic.py names the gate behind each missed gold link: between different
stories the sure-link threshold (only sure links are made there), between versions of one story
the join gate (a fused clause shares too little of its content with the group, or joining lowers
the group's lexical score). This script opens each gate in a grid and scores every gold set
(benchmarks/eval_alignment.py's sets and measures) with the library patched for the run only:

``cross``  between texts judged different stories, after the sure links, a candidate pair whose
           cosine, shared evidence and lexical score reach ``cos``, ``ev`` and ``sc`` (and, with
           ``mutual``, each is the other's nearest by cosine) is linked too, best cosine first;
``join``   a lone sentence may join a group whose other side has group cosine ``cos`` or more with
           it, when it shares ``min_evidence`` and ``share`` of its content there and lies within
           ``dist`` sentences of a member; if the lexical score would not rise, a rise of the group
           cosine counts instead.

The thresholds are read against the evaluation gold itself, so the best row is an optimistic
bound (an oracle choice), never a setting to ship: a row that misses issue 14's aims here misses
them on unseen text too. Nothing is fitted or written.

Measured at d8de984 (unit F1 / link recall / link precision / topic links; as shipped: heavy
0.859/0.788/1.000/0, cross 0.749/0.391/0.857/1, splice 0.879/0.664/0.939/3): no row of either grid
meets an aim of issue 14. ``cross``: no row raises cross recall at precision 0.857 or more; the best
precision above recall 0.391 is 0.778 at 0.478 with 2 topic links (cos 0.7, ev 2.0, sc 0.3), and
recall 0.609 costs precision 0.235-0.421. ``join``: the best row that keeps every other set as shipped
(cos 0.7, dist 1) gives heavy 0.866/0.800/1.000 (one unit more); heavy recall 0.824 costs heavy
precision 0.950 and cross and splice precision (0.750, 0.885).

Usage: python benchmarks/sweep_semantic.py [cross|join ...]
"""

from __future__ import annotations

import itertools
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_alignment import ROOT, evaluate, gold_sets  # noqa: E402

import articlediff.align as align_module  # noqa: E402
from articlediff.align.candidates import Candidates  # noqa: E402
from articlediff.profile import score  # noqa: E402

SETS = ("dev", "heavy", "cross", "synth", "rewrite", "splice")
ORIGINAL_PAIR_SURE = align_module.pair_sure
ORIGINAL_JOIN_GAIN = Candidates.join_gain


def cross_pass(cos: float, ev: float, sc: float, mutual: bool):
    """``pair_sure`` that, called for texts judged different stories, adds the cosine links after it."""

    def patched(cands, links, threshold, need, *, short_ok=True):
        out = ORIGINAL_PAIR_SURE(cands, links, threshold, need, short_ok=short_ok)
        sem = cands.semantic
        if short_ok or sem is None:  # not the pass between different stories
            return out
        sims = sem.vectors[0] @ sem.vectors[1].T
        linked_l, linked_r = out.partner
        ranked = sorted(cands.scores.items(), key=lambda kv: (-float(sims[kv[0]]), kv[0]))
        for (i, j), s in ranked:
            c = float(sims[i, j])
            if c < cos or cands.evidence[(i, j)] < ev or s < sc or i in linked_l or j in linked_r:
                continue
            if mutual and not (int(sims[i].argmax()) == j and int(sims[:, j].argmax()) == i):
                continue
            out.link(i, j)
        return out

    return patched


def join_relaxed(cos: float, share: float, dist: int):
    """``Candidates.join_gain`` with the join gate opened as the module docstring says."""

    def patched(self, s, n, members, need, share_needed):
        got = ORIGINAL_JOIN_GAIN(self, s, n, members, need, share_needed)
        sem = self.semantic
        if got is not None or sem is None or not members[s]:
            return got
        idf = self.idf
        content = self.sides[s][n].content
        there = self.content(1 - s, members[1 - s])
        total = math.fsum([idf[c] for c in content])
        shared = math.fsum([idf[c] for c in content & there])
        near = min(abs(n - t) for t in members[s])
        if not total or shared < need or shared / total < share or near > dist:
            return None
        here, other_ids = sorted(members[s]), sorted(members[1 - s])

        def group_cos(ids):
            return sem.group_cosine(ids, other_ids) if s == 0 else sem.group_cosine(other_ids, ids)

        if group_cos([n]) < cos:
            return None
        other = self.joined(1 - s, members[1 - s])
        gain = score(self.joined(s, sorted(here + [n])), other) - self.group_score(s, here, other)
        if gain > 0:
            return gain
        rise = group_cos(sorted(here + [n])) - group_cos(here)
        return rise if rise > 0 else None

    return patched


def row(sets) -> dict[str, dict]:
    return {name: evaluate(*sets[name], {"preset": "semantic"})[0] for name in SETS if name in sets}


def show(label: str, got: dict[str, dict]) -> None:
    cells = "  ".join(
        f"{n} {r['unit_f1']:.3f}/{r['link_r']:.3f}/{r['link_p']:.3f}/{r['topic']}" for n, r in got.items()
    )
    aims = []
    h, c = got.get("heavy"), got.get("cross")
    if h and h["unit_f1"] >= 0.95 and h["link_r"] >= 0.90 and h["link_p"] >= 0.95:
        aims.append("same-story aim")
    if c and c["link_r"] >= 0.50 and c["link_p"] >= 0.90 and c["topic"] == 0:
        aims.append("cross aim")
    print(f"{label:34} {cells}{'  MEETS ' + ', '.join(aims) if aims else ''}", flush=True)


def main() -> int:
    which = sys.argv[1:] or ["cross", "join"]
    sets = gold_sets(ROOT.parent / "shared")
    print("unit F1 / link recall / link precision / topic links, preset semantic")
    show("as shipped", row(sets))
    if "cross" in which:
        for cos, ev, sc, mutual in itertools.product((0.6, 0.65, 0.7, 0.75), (1.5, 2.0, 3.0), (0.2, 0.25, 0.3), (0, 1)):
            align_module.pair_sure = cross_pass(cos, ev, sc, bool(mutual))
            try:
                show(f"cross cos {cos} ev {ev} sc {sc} mutual {mutual}", row(sets))
            finally:
                align_module.pair_sure = ORIGINAL_PAIR_SURE
    if "join" in which:
        for cos, share, dist in itertools.product((0.5, 0.6, 0.7, 0.8), (0.15, 0.25, 0.35), (1, 3)):
            Candidates.join_gain = join_relaxed(cos, share, dist)  # type: ignore[method-assign]
            try:
                show(f"join cos {cos} share {share} dist {dist}", row(sets))
            finally:
                Candidates.join_gain = ORIGINAL_JOIN_GAIN  # type: ignore[method-assign]
    return 0


if __name__ == "__main__":
    sys.exit(main())
