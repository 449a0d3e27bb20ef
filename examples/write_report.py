#!/usr/bin/env python3
"""Write the side-by-side HTML report of the Reuters original (seed 000) and a heavy rewrite (seed 002).

Run from anywhere: ``python examples/write_report.py [OUTPUT.html]`` (default: ``report.html``), then open
the file in a browser. It is one self-contained file: no internet needed, nothing fetched.
The command line does the same: ``articlediff compare ORIGINAL COPY -o report.html``.
"""

import sys
from pathlib import Path

import articlediff

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
original = next(SEEDS.glob("000_*.txt"))
copy = next(SEEDS.glob("002_*.txt"))

cmp = articlediff.compare(original.read_text(encoding="utf-8"), copy.read_text(encoding="utf-8"))
html = cmp.to_html(original.name, copy.name)  # the titles shown for the two columns

out = Path(sys.argv[1] if len(sys.argv) > 1 else "report.html")
out.write_text(html, encoding="utf-8")
print(f"{cmp}\nwrote {out} ({len(html.encode('utf-8')) / 1024:.0f} KB)")
