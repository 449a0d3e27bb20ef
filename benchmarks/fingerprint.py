"""Same-output fingerprint: a hash of what articlediff reports over a fixed set of inputs.

Run it before and after any change meant to keep output; the hashes must be equal.

    python benchmarks/fingerprint.py ../shared/data            # compare, CLI JSON and batch records
    python benchmarks/fingerprint.py ../shared/data -v         # one hash per pair as well
    python benchmarks/fingerprint.py ../shared/data --dump d/  # every pair's JSON, to diff two revisions

What it hashes (``signature`` and ``version`` are left out: they name the revision, not the output):

- ``compare(a, b).to_dict()`` over 91 pairs: all 25 ordered seed pairs (self pairs included),
  25 random pairs of OneStopEnglish texts (``random.Random(3)`` over the texts in
  ``eval_signals.pairs`` order), the first 40 same-title pairs of ``eval_signals.pairs`` and
  ``make_pair(3000)`` of bench_compare; the same pairs with ``signals=False`` and with the
  ``strict`` and ``lenient`` presets on the seed pairs;
- ``compare_prepared(..., details=False).to_dict()`` on the seed pairs (the batch layer's ranking view);
- the CLI's ``--format json`` on two seed pairs;
- the batch records of the five seeds as originals against the seeds and 30 OneStopEnglish texts
  as copies (``jobs=1``), without their ``signature``.

Without the data folder only the seed parts run (the hash then says ``seeds only``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import articlediff  # noqa: E402
from articlediff import compare, compare_prepared, prepare  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _clean(d: dict) -> dict:
    d = dict(d)
    d.pop("signature", None)
    d.pop("version", None)
    return d


def _canon(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def compare_pairs(data: Path | None) -> list[tuple[str, str, str]]:
    """The fixed list of ``(name, left, right)`` pairs."""
    seeds = [(p.name[:3], p.read_text("utf-8")) for p in SEEDS]
    out = [(f"seed {a}~{b}", ta, tb) for a, ta in seeds for b, tb in seeds]
    if data is not None:
        from eval_signals import pairs

        same = list(pairs(data))
        texts = [t for _, a, b in same for t in (a, b)]
        rng = random.Random(3)
        for n in range(25):
            a, b = rng.sample(range(len(texts)), 2)
            out.append((f"ose random {n}", texts[a], texts[b]))
        out.extend((f"ose {name}", a, b) for name, a, b in same[:40])
    from bench_compare import make_pair

    left, right = make_pair(3000)
    out.append(("synthetic 3000", left, right))
    return out


def parts(data: Path | None, preset: str | None = None) -> dict[str, str]:
    """Each named part of the fingerprint and its canonical JSON; with ``preset``, only every compare
    pair under that preset (``semantic``: its output is not part of the default fingerprint)."""
    out: dict[str, str] = {}
    pairs = compare_pairs(data)
    if preset is not None:
        for name, a, b in pairs:
            out[f"compare {name} {preset}"] = _canon(_clean(compare(a, b, preset).to_dict()))
        return out
    seed_pairs = [p for p in pairs if p[0].startswith("seed ")]
    for name, a, b in pairs:
        out[f"compare {name}"] = _canon(_clean(compare(a, b).to_dict()))
        out[f"compare {name} signals=off"] = _canon(_clean(compare(a, b, signals=False).to_dict()))
    for preset in ("strict", "lenient"):
        for name, a, b in seed_pairs:
            out[f"compare {name} {preset}"] = _canon(_clean(compare(a, b, preset).to_dict()))
    for name, a, b in seed_pairs:
        cmp = compare_prepared(prepare(a), prepare(b), details=False)
        out[f"details=False {name}"] = _canon(_clean(cmp.to_dict()))
    from articlediff.cli import main as cli

    for a, b in ((0, 1), (0, 2)):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            code = cli(["compare", str(SEEDS[a]), str(SEEDS[b]), "--format", "json"])
        out[f"cli json {a}~{b}"] = _canon([code, _clean(json.loads(buf.getvalue()))])
    originals = {p.name: p.read_text("utf-8") for p in SEEDS}
    copies = dict(originals)
    if data is not None:
        from eval_signals import pairs as ose_pairs

        for name, _, b in list(ose_pairs(data))[:30]:
            copies[name] = b
        for name, a, _ in list(ose_pairs(data))[:4]:
            originals[f"orig {name}"] = a
    report = articlediff.batch(originals, copies)
    records = [{k: v for k, v in r.items() if k != "signature"} for r in report.records()]
    out["batch records"] = _canon(sorted(records, key=lambda r: _canon(r)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, help="the shared data folder (../shared/data)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print one hash per part")
    ap.add_argument("--dump", type=Path, help="write each part's JSON into this folder")
    ap.add_argument("--preset", help="fingerprint only the compare pairs under this preset (e.g. semantic)")
    args = ap.parse_args(argv)
    data = args.data if args.data is not None and args.data.exists() else None
    got = parts(data, args.preset)
    whole = hashlib.sha256()
    for name, text in got.items():
        h = hashlib.sha256(text.encode()).hexdigest()[:16]
        whole.update(f"{name}\0{text}\0".encode())
        if args.verbose:
            print(f"{h}  {name}")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for n, (name, text) in enumerate(got.items()):
            (args.dump / f"{n:03d}.json").write_text(f"{name}\n{text}\n", "utf-8")
    scope = "full" if data is not None else "seeds only"
    label = f", preset {args.preset}" if args.preset else ""
    print(f"fingerprint {whole.hexdigest()[:16]}  ({len(got)} parts, {scope}{label})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
