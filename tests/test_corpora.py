"""The corpus quality gate: floors from benchmarks/eval_corpora.py on MSRP, STS-B and Clough-Stevenson.

The corpora live in ../shared/data, outside the project: these tests skip when it is absent (as in a
user's clone). The evaluations read each held-out split only to report it; see the script's docstring.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from .conftest import ROOT, SHARED

DATA = SHARED / "data"

spec = importlib.util.spec_from_file_location("eval_corpora", ROOT / "benchmarks" / "eval_corpora.py")
assert spec and spec.loader
ev = importlib.util.module_from_spec(spec)
sys.modules["eval_corpora"] = ev
spec.loader.exec_module(ev)

needs_data = pytest.mark.skipif(not DATA.exists(), reason="../shared/data not present")


def check(name: str) -> dict[str, float]:
    figures, text = ev.EVALUATIONS[name](DATA)
    assert not ev.below_floors(name, figures), "\n".join(ev.below_floors(name, figures)) + "\n\n" + text
    return figures


@needs_data
def test_msrp_floors():
    check("msrp")


@needs_data
def test_sts_floors():
    check("sts")


@needs_data
def test_clough_floors():
    check("clough")


@needs_data
def test_shipped_paraphrase_model_is_reproduced_by_its_fitting_script():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fit_paraphrase.py"), str(DATA), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@needs_data
def test_floors_flag_exits_1_below_a_floor(monkeypatch, capsys):
    monkeypatch.setitem(ev.FLOORS, "clough", {"binary": 1.01, "four_way": 0.0})
    monkeypatch.setattr(sys, "argv", ["eval_corpora.py", "clough", "--data", str(DATA), "--floors"])
    assert ev.main() == 1
    assert "BELOW FLOOR: clough binary" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["eval_corpora.py", "clough", "--data", str(DATA)])
    assert ev.main() == 0  # without --floors it only reports


def test_spearman_averages_tied_ranks():
    assert list(ev.ranks(np.array([3.0, 1.0, 3.0, 2.0]))) == [2.5, 0.0, 2.5, 1.0]
    assert ev.spearman(np.array([1.0, 2.0, 3.0, 4.0]), np.array([10.0, 20.0, 30.0, 1000.0])) == pytest.approx(1.0)


def test_accuracy_f1():
    predicted = np.array([True, True, False, False])
    gold = np.array([True, False, True, False])
    assert ev.accuracy_f1(predicted, gold) == (0.5, 0.5)


def test_table_right_aligns_number_columns():
    text = ev.table(["system", "acc"], [["ours", "**77.7**"], ["theirs", "≈0.80"]])
    assert text.splitlines()[1] == "|---|---:|"
