"""The alignment quality gate: floors from benchmarks/eval_alignment.py, run on every test run.

The dev gold lives in ../shared (skipped when absent, as in a user's clone); the synthetic gold is
generated from the seeds and always runs.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("eval_alignment", ROOT / "benchmarks" / "eval_alignment.py")
assert spec and spec.loader
ev = importlib.util.module_from_spec(spec)
sys.modules["eval_alignment"] = ev
spec.loader.exec_module(ev)


def check(name, data):
    result, lines = ev.evaluate(*data, {})
    for key, floor in ev.FLOORS[name].items():
        assert result[key] >= floor, f"{name} {key} {result[key]:.3f} < {floor}\n" + "\n".join(lines)
    return result


@pytest.mark.skipif(not (SHARED / "dev_gold").exists(), reason="../shared/dev_gold not present")
def test_dev_gold_floors():
    check("dev", ev.load_gold(SHARED / "dev_gold" / "seeds_000_001.json"))


def test_synthetic_gold_floors():
    check("synth", ev.synthetic())


def test_rewritten_gold_floors():
    check("rewrite", ev.rewritten())


@pytest.mark.skipif(not (ROOT / "benchmarks" / "gold" / "seeds_more.json").exists(), reason="no seed gold")
def test_spliced_gold_floors():
    r = check("splice", ev.spliced())
    assert r["topic"] <= ev.MAX_TOPIC_LINKS["splice"]


@pytest.mark.skipif(not (ROOT / "benchmarks" / "gold" / "seeds_more.json").exists(), reason="no seed gold")
def test_seed_gold_floors():
    texts, units, pairs = ev.load_gold(ROOT / "benchmarks" / "gold" / "seeds_more.json")
    check("heavy", (texts, units, [p for p in pairs if p["same_story"]]))
    r = check("cross", (texts, units, [p for p in pairs if not p["same_story"]]))
    assert r["topic"] <= ev.MAX_TOPIC_LINKS["cross"]


@pytest.mark.skipif(
    importlib.util.find_spec("wordllama") is None, reason="WordLlama not installed (the semantic extra)"
)
@pytest.mark.skipif(not (ROOT / "benchmarks" / "gold" / "seeds_more.json").exists(), reason="no seed gold")
def test_semantic_preset_gold_floors():
    sets = ev.gold_sets(SHARED)
    floors, topic = ev.PRESET_FLOORS["semantic"], ev.PRESET_TOPIC_LINKS["semantic"]
    for name, data in sets.items():
        result, lines = ev.evaluate(*data, {"preset": "semantic"})
        for key, floor in floors[name].items():
            assert result[key] >= floor, f"semantic {name} {key} {result[key]:.3f} < {floor}\n" + "\n".join(lines)
        assert result["topic"] <= topic.get(name, 0), f"semantic {name}: {result['topic']} topic links"


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "dev_gold").exists(), reason="../shared/dev_gold not present")
def test_shipped_thresholds_are_what_the_fitting_script_chooses():
    import subprocess

    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fit_alignment.py"), "--shared", str(SHARED), "--top", "1", "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "data" / "stsbenchmark").exists(), reason="../shared/data not present")
def test_shipped_similarity_weights_are_reproduced_by_calibration():
    import subprocess

    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "calibrate.py"), str(SHARED / "data"), "--check"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
