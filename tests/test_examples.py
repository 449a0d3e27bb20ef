import subprocess
import sys

from .conftest import ROOT


def test_compare_seeds_example_runs():
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "compare_seeds.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "<Comparison 45:32 sentences" in run.stdout and "paraphrase (score" in run.stdout


def test_write_report_example_writes_a_self_contained_page(tmp_path):
    out = tmp_path / "report.html"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "write_report.py"), str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert f"wrote {out}" in run.stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "000_e97d7cef27952bd4.txt" in html and "://" not in html
