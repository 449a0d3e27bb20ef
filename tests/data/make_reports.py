#!/usr/bin/env python3
"""Write the fixed comparisons in reports/ that the HTML goldens are rendered from.

The goldens of ``tests/test_render.py`` render these saved ``to_dict()`` files through
``Comparison.from_dict``, so they change only when rendering changes, not when the aligner or the
settings do. Run this again only to add a case (and review what it writes): the files are committed.

    python tests/data/make_reports.py
"""

from __future__ import annotations

import json
from pathlib import Path

import articlediff

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"

# Every label, a split and a merge, a moved pair, the five flag kinds, boilerplate and credits.
SMALL_LEFT = """Kyiv, Ukraine (Reuters) - President Volodymyr Zelenskiy said on Monday that 12 people were killed.
"We will not give up our land," Zelenskiy told reporters in Kyiv.
The talks lasted three hours and ended without a deal. Both sides agreed to meet again next week.
Officials reportedly expected a ceasefire by May.
Russian forces control about a fifth of Ukraine.
The ministry gave no further details.
"""
SMALL_RIGHT = """Sign up for our newsletter.
Russian forces control about a fifth of Ukraine.
Former President Volodymyr Zelenskiy said on Monday that 14 people were killed.
"We will never give up our land," he told reporters.
The talks lasted three hours, ended without a deal, and both sides agreed to meet again next week.
Officials expected a ceasefire by May.
"This is only the start," one diplomat said.
"""


def main() -> None:
    out = HERE / "reports"
    out.mkdir(exist_ok=True)
    cases = {"small": (SMALL_LEFT, SMALL_RIGHT)}
    (a,) = SEEDS.glob("000_*.txt")
    (b,) = SEEDS.glob("002_*.txt")
    cases["000-002"] = (a.read_text("utf-8"), b.read_text("utf-8"))
    for name, (left, right) in cases.items():
        data = articlediff.compare(left, right).to_dict()
        (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {name}.json: {data['summary']['counts']}, flags {data['summary']['flags']}")


if __name__ == "__main__":
    main()
