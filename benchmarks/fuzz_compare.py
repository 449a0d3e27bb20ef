#!/usr/bin/env python3
"""Coverage-guided fuzzing of file decoding and compare() with atheris (libFuzzer).

Each input is split in three: bytes for :func:`articlediff.decode` (must return text or raise
InputError, nothing else), then two Unicode strings for :func:`articlediff.compare`, whose result
must keep its invariants (every sentence in exactly one pair, offsets slice back to stripped,
bounded units). Any other exception is a crash: libFuzzer writes the input to ``crash-*``; copy it
into ``tests/fuzz_regressions/`` and ``tests/test_fuzz.py`` replays it from then on.

    python benchmarks/fuzz_compare.py -max_total_time=600      # on demand, ten minutes
    python benchmarks/fuzz_compare.py -runs=3000               # what CI runs
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import articlediff
    from articlediff.segment import MAX_UNIT_CHARS


def check(data: bytes) -> None:
    """Run one fuzz input; raises AssertionError (or anything unexpected) on a bug."""
    fdp = atheris.FuzzedDataProvider(data)
    raw = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 256))
    try:
        assert isinstance(articlediff.decode(raw, "fuzz.txt"), str)
    except articlediff.InputError:
        pass
    left = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 600))
    right = fdp.ConsumeUnicodeNoSurrogates(600)
    cmp = articlediff.compare(left, right)
    for side, text in (("left", left), ("right", right)):
        sents = getattr(cmp, side)
        assert sorted(i for p in cmp.pairs for i in getattr(p, side)) == list(range(len(sents)))
        for s in sents:
            piece = text[s.start : s.end]
            assert piece and piece == piece.strip() and len(piece) <= MAX_UNIT_CHARS


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
