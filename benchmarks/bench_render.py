"""Benchmark the HTML report: ``Comparison.to_html()`` against the ``compare()`` that produced it.

Run from the repository root::

    python benchmarks/bench_render.py            # the table
    python benchmarks/bench_render.py --check    # exit 1 if a target fails
    python benchmarks/bench_render.py --profile  # also cProfile one to_html() on 000↔002

Each cell is the median of repeated calls on the same, already prepared input, in one process
(``bench()`` of ``bench_compare.py``: one untimed warm-up call, then about 0.5 s worth of runs).
Columns: ``compare`` is ``articlediff.compare(left, right)``; ``to_html`` renders that result with
the file names as titles; ``to_html/compare`` is how much rendering adds; ``KB`` is the size of the
UTF-8 file. The first ``to_html()`` of the process (jinja2 import and template compilation) is
reported apart.

Targets (issue #3): rendering 000↔002 takes ≤ 20 ms median beyond ``compare()``, and every seed
pair's report is ≤ 150 KB.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import platform
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmark the working tree even without an editable install
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_compare import _revision, bench  # noqa: E402

import articlediff  # noqa: E402

SEEDS = ROOT / "seeds"
PAIRS = (("000", "001"), ("000", "002"), ("003", "004"))
TARGET_MS = 20.0  # to_html() on 000↔002, median
TARGET_KB = 150.0  # every seed pair


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, help="timed runs per cell (default: ~0.5 s worth, 5..50)")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target fails")
    ap.add_argument("--profile", action="store_true", help="cProfile one to_html() on 000↔002")
    args = ap.parse_args(argv)

    texts = {p: (_seed(p).name, _seed(p).read_text("utf-8")) for pair in PAIRS for p in pair}
    articlediff.compare(texts["000"][1], texts["001"][1])  # NLTK / Punkt load, excluded
    t0 = time.perf_counter()
    articlediff.compare("", "").to_html()
    first = time.perf_counter() - t0

    rows = []
    for a, b in PAIRS:
        (name_a, left), (name_b, right) = texts[a], texts[b]
        cmp = articlediff.compare(left, right)
        compare_s, runs = bench(lambda left=left, right=right: articlediff.compare(left, right), args.repeat)
        html_s, _ = bench(lambda cmp=cmp, na=name_a, nb=name_b: cmp.to_html(na, nb), args.repeat)
        kb = len(cmp.to_html(name_a, name_b).encode("utf-8")) / 1024
        rows.append((f"{a}↔{b}", len(cmp.pairs), compare_s * 1e3, html_s * 1e3, runs, kb))

    print(f"## articlediff HTML report benchmark ({articlediff.__version__}, rev {_revision()})\n")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; first to_html() "
        f"incl. jinja2 import and template compile: {first * 1e3:.0f} ms (excluded). Medians in ms.\n"
    )
    print("| input | pairs | compare ms | to_html ms | to_html/compare | runs | KB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, pairs, c_ms, h_ms, runs, kb in rows:
        print(f"| {name} | {pairs} | {c_ms:.2f} | {h_ms:.2f} | {h_ms / c_ms:.2f}× | {runs} | {kb:.1f} |")

    h_002 = next(r[3] for r in rows if r[0] == "000↔002")
    biggest = max(rows, key=lambda r: r[5])
    checks = [
        (h_002 <= TARGET_MS, f"to_html() on 000↔002 in ≤ {TARGET_MS:g} ms beyond compare()", f"{h_002:.2f} ms"),
        (biggest[5] <= TARGET_KB, f"every seed report ≤ {TARGET_KB:g} KB", f"largest {biggest[0]} {biggest[5]:.1f} KB"),
    ]
    print("\n### Targets\n")
    for ok, what, got in checks:
        print(f"- **{'PASS' if ok else 'FAIL'}** {what}: {got}")

    if args.profile:
        cmp = articlediff.compare(texts["000"][1], texts["002"][1])
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(20):
            cmp.to_html(texts["000"][0], texts["002"][0])
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(15)
        print(f"\n### cProfile: 20 × to_html() on 000↔002\n\n```\n{buf.getvalue().strip()}\n```")
    return 1 if args.check and not all(ok for ok, _, _ in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
