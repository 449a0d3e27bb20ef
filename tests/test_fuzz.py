"""The fuzz target: a short atheris run in CI, and replay of every input that once crashed it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

TARGET = ROOT / "benchmarks" / "fuzz_compare.py"
REGRESSIONS = sorted(p for p in (ROOT / "tests" / "fuzz_regressions").iterdir() if p.name != "README.md")

atheris = pytest.importorskip("atheris", reason="atheris is not installed (dev extra, Linux x86_64)")


def test_short_fuzz_run(tmp_path):
    run = subprocess.run(
        [sys.executable, str(TARGET), "-runs=20000", "-seed=1", f"-artifact_prefix={tmp_path}/"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regressions(path):
    sys.path.insert(0, str(TARGET.parent))
    try:
        import fuzz_compare
    finally:
        sys.path.pop(0)
    fuzz_compare.check(path.read_bytes())
