"""The segmentation gate: boundary F1 on real news sentences (benchmarks/eval_segment.py), run on every
test run.

MSRP's news sentences live in ../shared/data (skipped when absent, as in a user's clone). Both parts
are gated: dev, on which the rules were tuned, and held-out, which was only measured.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from .conftest import ROOT, SHARED

DATA = SHARED / "data"
MSRP = DATA / "msrp" / "msr_paraphrase_data.txt"

spec = importlib.util.spec_from_file_location("eval_segment", ROOT / "benchmarks" / "eval_segment.py")
assert spec and spec.loader
ev = importlib.util.module_from_spec(spec)
sys.modules["eval_segment"] = ev
spec.loader.exec_module(ev)

pytestmark = pytest.mark.skipif(not MSRP.exists(), reason="../shared/data/msrp not present")


@pytest.fixture(scope="module")
def parts() -> dict[str, list[str]]:
    return ev.read_sentences(DATA)


@pytest.mark.parametrize("part", ev.PARTS)
def test_boundary_f1_floor(parts, part):
    res = ev.evaluate(parts[part], keep=3)
    shown = "\n".join(line for lines in res.errors.values() for line in lines)
    assert res.f1 >= ev.FLOORS[part], (
        f"{part}: P {res.precision:.4f} R {res.recall:.4f} F1 {res.f1:.4f} < {ev.FLOORS[part]}; "
        f"errors by class {dict(res.classes)}\n{shown}"
    )


def test_punkt_shortcut_on_news_sentences(parts):
    """Every context Punkt judges in the paragraphs of the check: the shortcut decides as Punkt."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from articlediff.segment import _tokenizer

    tok = _tokenizer()
    for part in ev.PARTS:
        for para in ev.paragraphs(parts[part]):
            for _, context in tok._match_potential_end_contexts(" ".join(para)):
                assert tok.text_contains_sentbreak(context) == PunktSentenceTokenizer.text_contains_sentbreak(
                    tok, context
                ), context


def test_split_is_the_punkt_driven_split_on_news_sentences(parts):
    from articlediff.segment import _split_with_punkt, split

    for part in ev.PARTS:
        for para in ev.paragraphs(parts[part]):
            text = " ".join(para)
            assert split(text) == _split_with_punkt(text), text
