import subprocess
import sys

from .conftest import ROOT


def test_compare_seeds_example_runs():
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "compare_seeds.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "<Comparison 45:31 sentences" in run.stdout and "paraphrase (score" in run.stdout
