#!/usr/bin/env python3
"""``compare()`` and ``to_html()`` of this tree against an older revision, in alternating processes.

The machine is shared and its speed swings, so two benchmark runs made minutes apart do not
compare. This script checks the older revision out into a temporary git worktree, then runs the
same timing script on each tree in turn (``--rounds`` times, each in a fresh process that imports
that tree's package) and prints, per input, the best time each tree reached and their ratio.

Run from the repository root::

    python benchmarks/bench_revisions.py 8c05a44            # this tree against 8c05a44
    python benchmarks/bench_revisions.py main --rounds 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside each tree: prints {input: best seconds} as JSON.
_TIMER = r"""
import json, pathlib, sys, time
root = sys.argv[1]
sys.path[:0] = [root, root + "/benchmarks"]
import articlediff
assert articlediff.__file__.startswith(root), articlediff.__file__
from bench_compare import make_pair
seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(ROOT_SEEDS).glob("*.txt"))}
inputs = [("000-001", seeds["000"], seeds["001"]), ("000-002", seeds["000"], seeds["002"]),
          ("003-004", seeds["003"], seeds["004"]), ("10k", *make_pair(10_000))]
best = {}
for name, a, b in inputs:
    runs = 3 if name == "10k" else 40
    articlediff.compare(a, b)
    t = []
    for _ in range(runs):
        s = time.perf_counter(); cmp = articlediff.compare(a, b); t.append(time.perf_counter() - s)
    best[name] = min(t)
    if name != "10k":
        t = []
        for _ in range(20):
            s = time.perf_counter(); cmp.to_html(); t.append(time.perf_counter() - s)
        best[name + " to_html"] = min(t)
print(json.dumps(best))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the older revision (any git revision name)")
    ap.add_argument("--rounds", type=int, default=2, help="processes per tree, alternating (default 2)")
    args = ap.parse_args(argv)
    timer = _TIMER.replace("ROOT_SEEDS", repr(str(ROOT / "seeds")))
    with tempfile.TemporaryDirectory(prefix="bench_rev_") as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.rev], cwd=ROOT, check=True)
        try:
            best: dict[str, dict[str, float]] = {"old": {}, "new": {}}
            for _ in range(args.rounds):
                for label, tree in (("old", old), ("new", ROOT)):
                    out = subprocess.run(
                        [sys.executable, "-c", timer, str(tree)], capture_output=True, text=True, check=True
                    ).stdout
                    for name, sec in json.loads(out.splitlines()[-1]).items():
                        best[label][name] = min(sec, best[label].get(name, sec))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    print(f"## compare() and to_html(): best of each tree, {args.rounds} alternating processes each")
    print()
    print(f"| input | {args.rev} ms | this tree ms | speed-up |")
    print("|---|---:|---:|---:|")
    for name, sec in best["old"].items():
        new = best["new"][name]
        print(f"| {name} | {sec * 1000:.2f} | {new * 1000:.2f} | {sec / new:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
