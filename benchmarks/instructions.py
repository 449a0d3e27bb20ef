"""Instructions per ``compare()`` of the seed pairs, counted by valgrind's callgrind: a figure that
does not move with the machine's speed, to compare revisions with.

    python benchmarks/instructions.py              # both backends (the native one when installed)
    python benchmarks/instructions.py --pure       # the pure-Python backend only

Each count runs this interpreter under ``valgrind --tool=callgrind`` with ``PYTHONHASHSEED=0``: one
untimed compare (imports, NLTK's Punkt, caches), then ``--compares`` fresh compares cycling through
the seed pairs 000↔001, 000↔002, 003↔004 and 001↔002 (``forget_recent()`` first, so each prepares
its texts, as for new texts); the same process with no compares after the first is subtracted, and
the difference divided by the number of compares. Compare revisions in the same environment: an
editable install (``pip install -e``) counts a few million instructions a compare more than a
regular one (its import hooks).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ((0, 1), (0, 2), (3, 4), (1, 2))

_CHILD = """
import sys
from pathlib import Path
import articlediff
from articlediff.pipeline import forget_recent
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
pairs = {pairs!r}
forget_recent(); articlediff.compare(texts[0], texts[1])
for k in range(int(sys.argv[2])):
    a, b = pairs[k % len(pairs)]
    forget_recent(); articlediff.compare(texts[a], texts[b])
"""


def collected(compares: int, pure: bool) -> int:
    """Instructions callgrind counts for a child process making ``compares`` compares after the first."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if pure:
        env["ARTICLEDIFF_PURE"] = "1"
    with tempfile.TemporaryDirectory(prefix="instructions_") as tmp:
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                "-c",
                _CHILD.format(pairs=PAIRS),
                str(ROOT / "seeds"),
                str(compares),
            ],
            capture_output=True,
            text=True,
            env=env,
        )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or not found:
        raise SystemExit(f"instructions: the child failed ({run.returncode}): {run.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pure", action="store_true", help="the pure-Python backend only")
    ap.add_argument("--compares", type=int, default=12, help="compares counted (default 12)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        raise SystemExit("instructions: valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, str(ROOT))
    from articlediff import kernels

    backends = [True] if args.pure or kernels.NATIVE is None else [False, True]
    print("| backend | M instructions a compare |")
    print("|---|---:|")
    for pure in backends:
        per = (collected(args.compares, pure) - collected(0, pure)) / args.compares / 1e6
        print(f"| {'python' if pure else 'native'} | {per:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
