#!/usr/bin/env python3
"""Screenshot the HTML report of two seeds in headless Chromium (the README's ``docs/report.png``).

Run from the repository root (needs the Debian ``chromium`` package and ``pip install playwright``;
never ``playwright install``)::

    python scripts/screenshot.py --hover "tr.ad-moved .ad-r .ad-s"   # 000 vs 001 -> docs/report.png
    python scripts/screenshot.py 000 002 -o /tmp/r.png --width 390 --height 844 --dark
    python scripts/screenshot.py 000 002 --preset semantic -o docs/semantic-000-002.png
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import articlediff  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("left", nargs="?", default="000", help="seed prefix of the original (default 000)")
    ap.add_argument("right", nargs="?", default="001", help="seed prefix of the copy (default 001)")
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "report.png"))
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1820)
    ap.add_argument("--dark", action="store_true", help="emulate a dark colour scheme")
    ap.add_argument("--hover", default="", help="CSS selector of a sentence to hover before the shot")
    ap.add_argument("--preset", default="default", help="options preset of the comparison (default: default)")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    (left,) = (ROOT / "seeds").glob(f"{args.left}_*.txt")
    (right,) = (ROOT / "seeds").glob(f"{args.right}_*.txt")
    cmp = articlediff.compare(left.read_text(encoding="utf-8"), right.read_text(encoding="utf-8"), args.preset)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(cmp.to_html(left.name, right.name), encoding="utf-8")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height},
            color_scheme="dark" if args.dark else "light",
            reduced_motion="reduce",
            device_scale_factor=1,
        )
        page.goto(page_file.as_uri())
        if args.hover:
            page.hover(args.hover)
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=args.output)
        browser.close()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
